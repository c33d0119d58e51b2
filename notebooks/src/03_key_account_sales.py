# Source of notebook 03, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 03 · The key-account sales process

Selling to a key account is a project, not a single visit: the amounts are large, the cycle is long and several
people on the customer's side have a say. The course splits the work into six stages, and each stage is finished
only when its **key node** is reached:

| stage | key node that closes it |
| --- | --- |
| 1. Customer development | accurate information about a real project |
| 2. Project initiation | the pre-sales project is approved |
| 3. Proposal | the relationship has clearly moved forward |
| 4. Tender | our bid (or negotiated bid) is submitted and scores best |
| 5. Commercial negotiation | the contract is approved and signed |
| 6. Implementation | the project is accepted and closed |

In this notebook a rep works the key accounts of a synthetic market for a year. We grade the accounts A to D,
follow one opportunity through the six stages with the forms a rep fills in, draw its buying centre, and then
measure the whole pipeline: funnel, time per stage, forecast against what really happened, and win rates.
Finally you take the rep's decisions yourself.
""", """
# 03 · 大客户销售流程

向大客户销售更像做一个项目，而不是一次拜访：金额大、周期长，客户内部有好几个人参与决策。
课程把这项工作分成六个阶段，每个阶段只有在达到它的**关键节点**后才算完成：

| 阶段 | 结束该阶段的关键节点 |
| --- | --- |
| 1. 客户开发 | 获得关于真实项目的准确信息 |
| 2. 立项 | 售前立项获得批准 |
| 3. 提案 | 客户关系得到有效推进 |
| 4. 招投标 | 提交投标（或议标）并在评分中胜出 |
| 5. 商务谈判 | 合同审批通过并签订 |
| 6. 工程实施 | 项目通过验收并结项 |

本笔记本让一名销售代表在模拟市场中经营一年的大客户。我们先把客户分为A到D四级，跟随一个商机走完六个阶段，
看看销售代表需要填写哪些表格，画出它的采购中心；然后从整体上衡量销售管道：漏斗、各阶段耗时、预测与实际的对比以及赢单率。
最后由你来替销售代表做决策。
"""),
    code("""
from crmsim import key_accounts as ka
from crmsim.display import labelled
from crmsim.plots import key_accounts as kaplots

world = crmsim.make_world(seed=2024, n_customers=1000)
run = ka.simulate_key_accounts(world, seed=3)
labelled(ka.win_rates(run, by="segment")[["opportunities", "won", "revenue"]], "key_accounts")
"""),
    md("""
## Where opportunities come from

Opportunities come from the key accounts of the world: economic, group, strategic and important accounts. Each
opportunity has a project value at list price, a budget the customer has set aside, a schedule for the decision,
and zero to four competitors. Leads appear over the six months before the planning year and during it, so the
pipeline is already full on the first day of the year. The table above counts them by type of account, with the
contracts signed and their value (CNY million).
""", """
## 商机从哪里来

商机来自模拟市场中的大客户：经济大客户、集团客户、战略客户和重要客户。每个商机都有按标价计算的项目金额、客户预留的预算、
决策的时间进度，以及零到四个竞争对手。线索在计划年度之前的六个月以及年度之内陆续出现，所以年初第一天销售管道里已经有商机在推进。
上表按客户类型统计了商机数、签约数和签约金额（百万元）。
"""),
    md("""
## Grading accounts A, B, C and D

Not every account deserves the same effort. We grade each account from the selection factors of the course:
size, financial performance, need, how important our solution is to their business, their attitude to us, the
key decision maker, how well we know them, and region and industry. Each factor is scored from 0 to 1, the
weighted mean is the grading score, and cut-offs turn the score into a grade (A from 0.65, B from 0.58, C from
0.50, D below). The weights below are the package's default: `ka.Grading(weights=..., cutoffs=...)` changes them.
""", """
## 客户分级：A、B、C、D

并不是每个客户都值得同样的投入。我们依据课程中的客户选择因素为每个客户打分：企业规模、财务业绩、需求、
我方方案对其业务的重要性、对我方的态度、关键决策者、熟悉程度以及区域与行业。每个因素的得分在0到1之间，
加权平均即为分级得分，再按分界线划分等级（0.65及以上为A级，0.58及以上为B级，0.50及以上为C级，其余为D级）。
下表是默认权重，可以用 `ka.Grading(weights=..., cutoffs=...)` 修改。
"""),
    code("""
labelled(ka.grading_weights_table(), "key_accounts")
"""),
    code("""
labelled(ka.win_rates(run, by="grade"), "key_accounts")
"""),
    md("""
By default the rep pursues grades A to C and shares out the monthly hours 4 : 2 : 1 between an A, a B and a C
opportunity, so an A deal gets about four times the hours of a C one (no deal absorbs more than 80 hours a month);
D leads are graded out in development. Better-graded accounts are won more often (A above B above C in the table),
and they bring much more revenue per opportunity: grading is about where the hours go. More hours on A pay only up
to a point, though: each extra hour does less than the one before, and the hours come out of the B and C deals.
""", """
默认情况下，销售代表跟进A到C级客户，按4 : 2 : 1在A、B、C级商机之间分配每月的时间，因此一个A级商机得到的时间约为C级商机的四倍
（每个商机每月最多吸收80小时）；D级线索在客户开发阶段就被筛掉。等级越高的客户赢单率越高（表中A级高于B级，B级高于C级），
每个商机带来的销售额也高得多：分级决定的是时间花在哪里。不过，在A级客户上多投入时间只在一定限度内有效：
每多一小时的作用都比前一小时小，而且这些时间是从B级和C级商机那里挪来的。
"""),
    md("""
## One opportunity from lead to acceptance

Here is one opportunity that was won. Its **follow-up form** (大客户跟进表) is the page the rep keeps for the
account: the key evaluation elements (need, budget, schedule, competition, the decision maker), the grade, the
coach, the risk assessment made after the first interviews, and how far it got.
""", """
## 一个商机：从线索到验收

下面是一个最终赢单的商机。它的**大客户跟进表**是销售代表为该客户维护的档案页：关键评估要素（需求、预算、进度、竞争、决策者）、
客户等级、教练（内线）、初次访谈后的风险评估，以及商机推进到了哪一步。
"""),
    code("""
opportunity = ka.example_opportunity(run)
labelled(ka.follow_up_form_view(run, world, opportunity), "key_accounts")
"""),
    md("""
### Why it was won: the drivers of its win probability

The follow-up form lists the facts; the model turns them into a chance of signing. The table below opens that
box for our opportunity. It starts from a neutral opportunity (grade C, no coach, an indifferent buying centre,
average effort, proposal, fit and skill, no rival, a bid at list price) and adds what each driver of this one
changed in the probability of signing. The shares are fair in a precise sense (Shapley values): each driver's
effect is averaged over every order in which the drivers could be brought in, so they add up exactly however
they interact. The rep's decision (pursue it, keep it after the risk assessment) comes next, and the last row
is luck: won (1) or lost (0) minus the probability.
""", """
### 为什么赢单：赢单概率的驱动因素

跟进表记录的是事实，模型把这些事实变成签约的概率。下表把这个"黑箱"打开：从一个中性的商机出发（C级、没有教练、
采购中心态度中立、投入、方案、符合度和能力都居中、没有竞争对手、按标价报价），逐项加上该商机每个因素对签约概率的影响。
这种分摊在一个明确的意义上是公平的（沙普利值）：每个因素的作用在所有可能的引入顺序上取平均，因此无论因素之间如何相互作用，
各项贡献加起来都恰好等于总概率。接下来是销售代表的决定（是否跟进、风险评估后是否保留），最后一行是运气：
赢单（1）或丢单（0）减去概率。
"""),
    code("""
labelled(ka.explain_opportunity(run, opportunity), "key_accounts")
"""),
    code("""
labelled(ka.timeline(run, opportunity), "key_accounts")
"""),
    code("""
ax = kaplots.plot_timeline(ka.timeline(run, opportunity), opportunity)
"""),
    md("""
## The buying centre and the coach

Several people decide a large purchase: the **decision maker**, **influencers** (technical, finance, project
managers), **users** and **gatekeepers** such as procurement. The map places each of them by influence on the
decision and attitude to us. The **coach** (教练, also called 内线) is ringed: someone who wants our project to
succeed and tells us what is going on, who else matters and how to position ourselves. In the model the decision
maker's attitude weighs most in negotiation, the influencers' in the proposal, the users' in implementation, and a
coach helps in every stage.
""", """
## 采购中心与教练

大宗采购由多个人共同决定：**决策者**、**影响者**（技术、财务、项目负责人）、**使用者**以及采购等**把关者**。
下图按对采购决策的影响力和对我方的态度标出每个人。被圈出的是**教练**（也叫内线）：他希望我们的项目成功，
会告诉我们内部情况、还有谁说了算以及我们该如何定位。在模型中，决策者的态度在商务谈判中最重要，影响者在提案阶段，
使用者在工程实施阶段，而教练在每个阶段都有帮助。
"""),
    code("""
customer_id = int(run.opportunities.set_index("opportunity_id").loc[opportunity, "customer_id"])
people = world.contacts[world.contacts["customer_id"] == customer_id]
name = world.customers.set_index("customer_id").loc[customer_id, f"name_{crmsim.get_language()}"]
ax = kaplots.plot_buying_centre(people, name)
"""),
    md("""
## The daily contact log and the weekly report

Every contact goes into the daily contact log (客户日常联络表): who was met, how, in which stage and for how long.
Once a week the log and the stage changes are rolled up into the rep's weekly report. Below: the first contacts of
our opportunity, then the weekly reports of its rep during the first weeks of the year.
""", """
## 客户日常联络表与周报

每一次接触都记入客户日常联络表：见了谁、以什么方式、处于哪个阶段、用了多长时间。
每周再把联络记录和阶段变化汇总成销售代表的周报。下面先看这个商机最初的几次接触，再看负责它的销售代表在年初几周的周报。
"""),
    code("""
log = ka.contact_log(run, world, seed=3)
labelled(log[log["opportunity_id"] == opportunity].head(8).reset_index(drop=True), "key_accounts")
"""),
    code("""
report = ka.weekly_report(run, log)
rep_id = int(run.opportunities.set_index("opportunity_id").loc[opportunity, "rep_id"])
weeks = report[(report["rep_id"] == rep_id) & (report["week"] >= run.start)]
labelled(weeks.head(8).reset_index(drop=True), "key_accounts")
"""),
    md("""
## The funnel and the time each stage takes

The funnel counts the opportunities that entered each stage and the share that met its key node. It can only
narrow: an opportunity never skips a stage. The time spent in a stage grows with the size of the project and the
customer's schedule, and shrinks with effort and a good coach.
""", """
## 销售漏斗与各阶段耗时

漏斗统计进入每个阶段的商机数，以及其中达成关键节点的比例。漏斗只会越来越窄：商机不会跳过任何阶段。
在一个阶段停留的时间随项目规模和客户进度而增加，随投入和教练的帮助而缩短。
"""),
    code("""
labelled(ka.funnel(run), "key_accounts")
"""),
    code("""
ax = kaplots.plot_funnel(ka.funnel(run))
"""),
    code("""
ax = kaplots.plot_cycle_time(ka.cycle_time(run))
"""),
    md("""
## Forecasting with a weighted pipeline

A sales manager forecasts by weighting each open opportunity with the win rate of its stage: an opportunity in
negotiation counts almost fully, a fresh lead only about a quarter. The weights come from the past (here: last year's
run with another seed). At the start of each month we add up the weighted pipeline and compare it with what those
same opportunities were really won for. A single month can miss widely, because a few large deals decide it; over
many opportunities the forecast is right on average.
""", """
## 用加权管道做预测

销售经理通常这样预测：给每个在途商机乘上其所处阶段的赢单率，处于商务谈判阶段的商机几乎按全额计算，刚发现的线索只按约四分之一计算。
权重来自过去的数据（这里用另一个随机种子模拟的"去年"）。在每个月初，我们把加权后的管道金额加总，
再与这些商机最终实际赢得的金额比较。单个月份可能偏差很大，因为少数大单起决定作用；但在大量商机上，预测平均来说是准确的。
"""),
    code("""
last_year = ka.simulate_key_accounts(world, seed=4)
weights = ka.stage_win_rates(last_year)
labelled(weights.to_frame(), "key_accounts")
"""),
    code("""
forecast = ka.forecast_by_month(run, method="stage", stage_weights=weights)
labelled(forecast.assign(month=forecast["month"].dt.strftime("%Y-%m")).head(6), "key_accounts")
"""),
    code("""
ax = kaplots.plot_forecast(forecast)
"""),
    md("""
## What a coach and a warm relationship are worth

Compare the win rate of opportunities with and without a coach, and by how warm the buying centre is towards us.
With a coach the win rate is about twice as high, and it rises step by step from a cool to a neutral to a warm
buying centre. Part of the coach's gap is selection: coaches are developed more easily where the rep works harder
and the buying centre is warm. The clean comparison runs the same opportunities once with and once without
developing coaches; it still wins more, though by fewer points, even after the 15 % of the hours that the coach work
takes.
""", """
## 教练和良好关系的价值

比较有教练与没有教练的商机赢单率，以及采购中心对我方态度冷热不同时的赢单率。有教练的商机赢单率约为没有教练的两倍；
采购中心的态度从冷淡到一般再到良好，赢单率逐级上升。教练带来的差距有一部分来自选择：在销售代表投入更多、采购中心态度更好的客户中，
更容易发展出教练。更干净的比较是让同一批商机分别在发展教练和不发展教练的情况下各跑一次：即使发展教练要占用15%的时间，
赢单仍然更多，只是差距小一些。
"""),
    code("""
labelled(ka.win_rates(run, by="coach"), "key_accounts")
"""),
    code("""
labelled(ka.win_rates(run, by="relationship_level"), "key_accounts")
"""),
    md("""
## Reps and goals

A manager reads each rep's record for two abilities: new leads and their growth show **prospecting**; the win rate
of the opportunities decided during the year and the cycle length show **selling**. The year's goal is split into quarters and compared with the revenue actually
signed. Here the goal is last year's signed revenue plus 10 %.
""", """
## 销售代表与目标

管理者从每位销售代表的记录中看两种能力：新线索数量及其增长反映**开发新客户的能力**；年内有结果的商机的赢单率和销售周期反映**销售能力**。
年度目标分解到各季度，再与实际签约金额比较。这里的目标是去年签约金额再增长10%。
"""),
    code("""
labelled(ka.rep_metrics(run), "key_accounts")
"""),
    code("""
goal = ka.suggested_goal(last_year)
labelled(ka.goals_vs_actual(run, yearly_goal=goal, period="quarter"), "key_accounts")
"""),
    md("""
## How the model works

Everything above comes from a small model whose numbers you can read. Each stage's chance of meeting its key node
is a logistic function of the opportunity's drivers; the second table gives the coefficient of every driver in
every stage (a positive number raises the chance, and a relationship or a coach never lowers it). The tender also
compares our total score with the strongest rival's. The first table lists the other numbers: costs, how effort
works, the grading cut-offs and the rep's default policy. Both tables are read from the code, so they are the
numbers the simulation really uses.
""", """
## 模型如何运作

上面的一切都来自一个数字公开可读的小模型。每个阶段达成关键节点的概率是该商机各驱动因素的逻辑斯蒂函数；
第二张表给出每个因素在每个阶段的系数（正数提高概率，客户关系和教练永远不会降低概率）。招投标阶段还要比较我方与最强对手的总得分。
第一张表列出其余的数字：成本、投入如何起作用、分级分界线以及销售代表的默认策略。两张表都直接从代码中读取，
所以就是模拟实际使用的数字。
"""),
    code("""
labelled(ka.model_card(), "key_accounts")
"""),
    code("""
labelled(ka.stage_coefficients(), "key_accounts")
"""),
    md("""
## Your turn: run the rep's year

Set how the rep splits the monthly hours between A, B, C and D accounts (a weight of 0 means the grade is not
pursued), how many hours a month go to key accounts, whether to invest in developing coaches, the discount on bids,
and the risk score above which a lead is dropped after the first interviews. The funnel, the weighted forecast
against actual and the revenue signed each month against the goal update at once. Every setting reuses the same
random draws, so any change you see comes from your decisions. Things to try: does a deep discount pay once you
look at gross margin? What happens to revenue when all the hours go to A accounts? Is dropping risky leads early
worth the deals you give up?
""", """
## 轮到你了：经营销售代表的一年

设置销售代表如何在A、B、C、D级客户之间分配每月的时间（权重为0表示不跟进该等级）、每月投入大客户的小时数、是否投入精力发展教练、
投标报价的折扣，以及初次访谈后风险得分高于多少就放弃线索。漏斗、加权预测与实际的对比、每月签约金额与目标的对比都会立即更新。
每种设置都使用同样的随机数，因此你看到的变化完全来自你的决策。可以试试：考虑毛利之后，大幅降价还划算吗？
把全部时间都投到A级客户上，销售额会怎样？及早放弃高风险线索，值得为此丢掉的那些订单吗？
"""),
    code("""
from crmsim.widgets.key_accounts import KeyAccountDashboard

KeyAccountDashboard(world, seed=3)
""", ignore_output=True),
    md("""
## Questions

1. Look at the lost opportunities of one rep and their reasons. Which stage loses the most value, and what would
   you do about it?
2. Change the grading weights so that size counts for half. Do the A accounts still win more often than the C
   accounts, and is the gap wider or narrower than with the default weights? (Over many markets it narrows by about
   six points; look at yours.) What does this say about "a big company is not a big customer"?
3. The weighted forecast uses the same weight for every deal in a stage. When will it be too optimistic, and what
   extra information from the follow-up form would you use to improve it?
""", """
## 思考题

1. 查看某位销售代表丢掉的商机及其原因。哪个阶段损失的金额最多？你会怎么改进？
2. 修改分级权重，让企业规模占一半。A级客户的赢单率还比C级高吗？与默认权重相比，两者的差距变大还是变小？
   （在许多模拟市场上平均缩小约6个百分点；看看你的市场。）这和"大企业不等于大客户"有什么关系？
3. 加权预测对同一阶段的所有商机使用相同的权重。什么情况下它会过于乐观？你会用跟进表中的哪些信息来改进预测？
"""),
]
