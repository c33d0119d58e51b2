# Source of notebook 02, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 02 · Relationship levels

Customers are not simply "ours" or "not ours": the relationship has depth. In this course we place every
customer on a **ladder** of four levels, from a **distant** relationship, where the customer barely knows us,
through **face-to-face** contact with our people and a **brand** relationship, where they trust the name, up to
an **intimate** relationship, where they treat us as part of their own business.

The higher a customer stands, the more of their spending comes to us and the less likely they are to leave,
but the more it costs to serve them. This notebook simulates how contact, care, service and complaint handling
move customers up and down the ladder month by month, and what that means for churn, satisfaction and profit.
""", """
# 02 · 客户关系层次

客户并不只有"是我们的"和"不是我们的"两种状态，关系是有深浅的。本课程把每位客户放在一个四级**关系阶梯**上：
最低是**疏远关系**，客户几乎不了解我们；往上是与我方人员的**面对面关系**，再往上是信任我方品牌的**品牌关系**，
最高是**亲密关系**，客户把我们当作自身业务的一部分。

客户所处的层次越高，其采购中流向我们的份额越大，流失的可能越小，但服务成本也越高。
本笔记本逐月模拟联系、关怀、服务和投诉处理如何让客户在阶梯上升降，以及这对流失、满意度和利润意味着什么。
"""),
    code("""
import pandas as pd
from crmsim import relationships as rel
from crmsim.display import display_number, labelled
from crmsim.plots import relationships as rplots
from crmsim.relationships import complaints

pd.options.display.float_format = display_number
labelled(rel.COURSE_LADDER.table(), "relationships")
"""),
    md("""
Each level carries three numbers: the monthly **cost to serve** a customer there, the **annual retention** (the
share still with us after a year when our service exactly meets their expectations) and the **share of
wallet** (the part of their spending on products like ours that comes to us).

Kotler's five levels are a well-known alternative: from a basic relationship (we sell and leave), through
reactive, accountable and proactive ones, to a partnership.
""", """
每个层次有三个数字：该层次客户每月的**服务成本**、**年保留率**（服务恰好达到客户期望时，一年后仍留下的比例），
以及**钱包份额**（客户在同类产品上的支出中流向我们的部分）。

科特勒的五层次是另一种常见划分：从基本型（卖完即走），经过被动型、负责型、能动型，直到伙伴型关系。
"""),
    code("""
labelled(rel.KOTLER_LADDER.table(), "relationships")
"""),
    md("""
### Your own ladder

An instructor can define a different ladder, with names in both languages. The levels are listed from the
lowest up, and a closer relationship must not keep customers worse or win a smaller share of their spending;
a definition that breaks these rules is refused with a message that names the faulty field.
""", """
### 自定义关系阶梯

教师可以定义自己的阶梯，并给出中英文名称。各层次从低到高排列；关系越近，保留率和钱包份额都不能变低。
违反这些规则的定义会被拒绝，错误信息会指出是哪一项出了问题。
"""),
    code("""
levels = [
    {"code": "transactional", "name_en": "Transactional", "name_zh": "交易型", "cost_to_serve": 150,
     "retention": 0.55, "share_of_wallet": 0.10},
    {"code": "trusted", "name_en": "Trusted supplier", "name_zh": "可信赖的供应商", "cost_to_serve": 1500,
     "retention": 0.80, "share_of_wallet": 0.35},
    {"code": "partner", "name_en": "Solution partner", "name_zh": "解决方案伙伴", "cost_to_serve": 6000,
     "retention": 0.95, "share_of_wallet": 0.65},
]
my_ladder = rel.make_ladder(levels, name_en="Supplier to partner", name_zh="从供应商到伙伴")
labelled(my_ladder.table(), "relationships", names=my_ladder.names())
"""),
    code("""
try:
    rel.make_ladder([levels[0], {**levels[1], "retention": 0.4}, levels[2]])
except ValueError as error:
    print(error)
"""),
    md("""
## Monthly dynamics

Every month each customer stays, moves one level up or down, or leaves. What tips the balance:

- **Care policy**: the monthly care budget (by customer grade or by level), how often we make contact and
  through which channels (a visit does more than an SMS, and costs more), standardised or personalised service,
  and how the relationship is maintained: *forced* ties (contracts, rebates to earn back) hold customers for a
  few months, a hold that wears off, while the resentment they build stays; *voluntary* ones are the
  recommended way, *negotiated* ones sit between.
- **The customer**: value-oriented buyers reward personalised service, price-oriented buyers care less about it
  and respond less to care; key accounts expect more, and a large account needs more care to feel looked
  after (more people, more sites); some firms are simply more loyal; a rep with a good retention skill helps.
- **Satisfaction**: the customer is satisfied when the service they experience beats what they expected.
- **Complaints**: service failures lead to complaints, and how they are handled matters (see below).

We simulate the default course policy for 24 months on a market of 2,000 customer firms.
""", """
## 逐月动态

每个月，每位客户要么保持不变，要么上升或下降一个层次，要么流失。决定走向的因素有：

- **关怀策略**：每月关怀预算（按客户等级或按关系层次分配）、联系频率与渠道（拜访比短信作用大，成本也高）、
  标准化还是个性化服务，以及维系关系的方式：*强人所难式*（合同约束、需要挣回的返利）能在几个月内留住客户，
  但这种锁定会逐渐消退，而它引起的反感却一直存在；*自愿式*是推荐的做法，*双方协商式*介于两者之间。
- **客户自身**：价值取向型客户看重个性化服务，价格取向型客户不太在意，对关怀的反应也较弱；大客户期望更高，
  规模越大的客户需要越多的关怀才能感受到被重视（人员更多、地点更多）；有些企业天生更忠诚；擅长维护老客户的销售代表也有帮助。
- **满意度**：客户实际感受到的服务超过其期望时，客户才满意。
- **投诉**：服务失误引发投诉，处理得好坏影响很大（见下文）。

我们在一个有2000家客户企业的市场上，用课程默认策略模拟24个月。
"""),
    code("""
world = crmsim.make_world(seed=2024, n_customers=2000)
run = rel.simulate_relationships(world, rel.CarePolicy(), seed=7)
mix = rel.level_mix(run.monthly)
labelled(mix.iloc[::6].round(3), "relationships", names=run.ladder.names())
"""),
    code("""
ax = rplots.plot_level_mix(mix, run.ladder)
"""),
    md("""
## Explore: design a care policy

Set the care budget for ordinary customers and for key accounts, the contact cadence and channel mix, the
service level, the maintenance style and how complaints are handled. The three panels show the level mix, churn
and satisfaction (the thin dashed line is the cumulative churn of the course's default policy, for comparison),
and cumulative profit (the dashed curve is what the same customers would be expected to earn, month by month
and added up the same way, without any care budget or contacts: where the solid curve runs above it, care is
paying for itself). Every setting uses the same random numbers, so the differences you see come from the policy. Things
to try: switch to forced maintenance and watch where its churn curve crosses the default's. Is personalised
service for everyone worth its cost? Where does extra care budget for key accounts stop paying for itself? The
slider goes far enough to find out. (To set the budget level by level instead of by grade, use
`RelationshipDashboard(world, budget_by="level")`.)
""", """
## 动手探索：设计关怀策略

设置普通客户和大客户的关怀预算、联系频率与渠道组合、服务方式、维系方式以及投诉处理方式。三个图分别显示关系层次构成、
流失与满意度（细虚线是课程默认策略的累计流失率，供对照）、累计利润（虚线是同一批客户在没有关怀预算和联系时逐月累计的期望利润：实线在虚线之上，说明关怀的收益超过了成本）。
每种设置使用相同的随机数，因此看到的差别都来自策略本身。可以试试：改用强人所难式维系，看看它的流失曲线在哪里与默认策略相交。
对所有客户都提供个性化服务值得吗？大客户的关怀预算加到多少时不再划算？滑块的范围足够你找到答案。
（若要按关系层次而不是按客户类别分配预算，可使用 `RelationshipDashboard(world, budget_by="level")`。）
"""),
    code("""
from crmsim.widgets.relationships import RelationshipDashboard

RelationshipDashboard(world)
""", ignore_output=True),
    md("""
## What the log tells us: the transition matrix

From the monthly log we can count how often customers on each level moved up, down or left, which gives an
estimate of the monthly transition matrix. The simulation also knows the true chances of every customer, so we
can check the estimate: the numbers in brackets are the true values, averaged over the months the customers
spent on each level.
""", """
## 从记录中能看到什么：转移矩阵

根据逐月记录，可以统计每个层次的客户上升、下降或流失的频率，从而估计月度转移矩阵。模拟还知道每位客户的真实概率，
因此可以检验估计值：括号中是真实值（按客户在各层次停留的月数加权平均）。
"""),
    code("""
estimated = rel.estimate_transition_matrix(run.monthly)
ax = rplots.plot_transition_matrix(estimated, rel.true_transition_matrix(run), run.ladder)
"""),
    md("""
### Where the mix settles

If every customer who leaves is replaced by a new one on the lowest level, the customer base stays the same size
and the level mix settles at a **stationary distribution** that can be computed directly from the transition
chances. A long simulation arrives at the same mix, whatever the starting point.
""", """
### 层次构成最终稳定在哪里

如果每流失一位客户就有一位新客户从最低层次补进来，客户总数保持不变，层次构成最终会稳定在一个**平稳分布**上，
它可以直接由转移概率算出。无论从哪里出发，长期模拟都会到达同样的构成。
"""),
    code("""
long_run = rel.simulate_relationships(world, rel.CarePolicy(), seed=7, months=360, replace_churned=True)
analytic = rel.population_stationary_mix(long_run)
late = long_run.monthly[long_run.monthly["month"] > 120]
simulated = late["level_before"].value_counts(normalize=True).reindex(analytic.index)
shares = pd.DataFrame({"stationary_share": analytic, "simulated_share": simulated}).round(3)
labelled(shares, "relationships", names=run.ladder.names())
"""),
    code("""
ax = rplots.plot_stationary(analytic, simulated, run.ladder)
"""),
    md("""
## Retention, profit and lifetime value by level

Higher levels keep customers longer and bring in more of their spending; they also cost more to serve.
Customer lifetime value (CLV) adds up the expected, discounted profit of the next five years for a customer who
stands on each level today, using each customer's own transition chances.
""", """
## 各层次的保留率、利润与客户终生价值

层次越高，客户留得越久，带来的采购份额也越多，但服务成本也更高。客户终生价值把一位当前处于某层次的客户
未来五年的期望利润折现相加，计算时使用每位客户自己的转移概率。
"""),
    code("""
economics = rel.level_economics(run.monthly)
columns = ["customer_months", "annual_retention", "satisfied", "revenue", "cost_to_serve", "profit"]
labelled(economics[columns].round(2), "relationships", names=run.ladder.names())
"""),
    code("""
ax = rplots.plot_level_economics(economics, run.ladder)
"""),
    code("""
labelled(rel.clv_by_level(run).round(0), "relationships", names=run.ladder.names())
"""),
    md("""
### Does care pay?

The return on care compares the expected profit of the policy with the same policy without care budget and
contacts, relative to what the care cost. Compare three policies on the same customers and the same random
numbers.
""", """
### 关怀划算吗？

关怀投资回报率把当前策略的期望利润与"去掉关怀预算和联系、其余不变"的策略相比，再除以关怀支出。
下面在同一批客户、同一组随机数上比较三种策略。
"""),
    code("""
policies = {
    crmsim.t("rel.example.no_care"): rel.CarePolicy(care_budget=0, contacts_per_month=0),
    crmsim.t("rel.example.default"): rel.CarePolicy(),
    crmsim.t("rel.example.generous"): rel.CarePolicy(care_budget=5000, contacts_per_month=6, channel_mix="personal",
                                                     service_level="personalised"),
}
labelled(rel.compare_policies(world, policies, seed=7), "relationships")
"""),
    md("""
Generous care for everyone keeps the most customers and leaves the most of them satisfied, yet it earns less
than the default: care has diminishing returns, and the biggest accounts need a great deal of it before they
feel it. Care pays where it is aimed.

### Personalised service, by value orientation

The course gives key accounts personalised service and ordinary customers standardised service. Who gains from
personalisation? Below, personalised service for everyone is compared with standardised service for everyone,
the rest of the default policy unchanged, as expected profit per customer over the two years, by the customers'
value orientation.
""", """
对所有客户大力关怀，留住的客户最多、满意的客户也最多，利润却低于默认策略：关怀的回报是递减的，
而规模最大的客户需要大量关怀才能感受到。关怀要用在刀刃上才划算。

### 按价值取向看个性化服务

课程主张对大客户提供个性化服务、对普通客户提供标准化服务。个性化服务让谁受益？下面比较"所有客户都个性化"与
"所有客户都标准化"两种做法（默认策略的其余部分不变），按客户的价值取向给出两年内每位客户的期望利润。
"""),
    code("""
labelled(rel.personalisation_by_orientation(world, seed=7).round(0), "relationships")
"""),
    md("""
Value-oriented buyers repay personalised service many times over what price-oriented buyers do: a buyer who
looks mainly at the price notices little of a tailored service, so it pays far less there. This is why the
course tiers service by customer, not one service for all.
""", """
价值取向型客户对个性化服务的回报是价格取向型客户的许多倍：主要看价格的客户很少在意量身定制的服务，因此回报低得多。
这正是课程主张按客户分级提供服务、而不是对所有客户一视同仁的原因。
"""),
    md("""
## A complaint, step by step

A complaint goes through eight steps: record it; judge whether it stands; hand it to the responsible department;
find the cause; propose a remedy; get the remedy approved; carry it out, tell the customer and ask for feedback;
and finally review the case so it does not happen again. Below, one complaint is handled in five days with
fairly good quality.
""", """
## 一次投诉的处理过程

一次投诉要经过八个步骤：记录投诉；判断是否成立；交给负责部门；分析原因；提出处理方案；报批；实施方案、告知客户并收集反馈；
最后总结评价，防止再次发生。下面是一次用五天、以较好质量处理完的投诉。
"""),
    code("""
walkthrough = complaints.complaint_walkthrough(days=5, quality=0.7)
print(f"{walkthrough.attrs['recovery_probability']:.3f}  {walkthrough.attrs['handling_cost']:.0f}")
labelled(walkthrough, "relationships")
"""),
    md("""
The printed numbers are the chance that the customer ends up satisfied with the remedy (a **good recovery**) and
the cost of handling, in CNY. Quality caps the chance of a good recovery, and every day the customer waits wears
it down:
""", """
上面打印的两个数是客户对处理结果满意（**补救成功**）的概率和处理成本（元）。处理质量决定了补救成功概率的上限，
而客户每多等一天，这个概率就会下降：
"""),
    code("""
labelled(complaints.handling_options(), "relationships")
"""),
    md("""
### The recovery effect

A well-handled complaint can leave the customer *more satisfied* than if nothing had gone wrong: this is the
service-recovery paradox, and in the month of a customer's first complaint handled well, satisfaction is higher
than in months without a complaint. It does not make the customer more loyal: the chances of moving up, down
or out are those of a month without a failure (the rates in the table differ from those of months without a
complaint only because the customers who complain, and above all those who complain again, are not a random
sample: more of them are ordinary customers on standardised service and on low levels, where churn is higher),
and the paradox is gone the second time (a repeat complaint handled well leaves
the customer less satisfied than no complaint). A poorly handled complaint pushes customers down and out. So
failures never pay; handling them well only limits the damage. Comparing fast, careful handling with slow,
careless handling on the same customers shows the effect on churn and profit.
""", """
### 服务补救效应

投诉处理得好，客户反而可能比从未出问题时*更满意*，这就是服务补救悖论：客户第一次投诉并补救成功的当月，满意度高于没有投诉的月份。
但这并不会让客户更忠诚：升级、降级和流失的概率与没有失误的月份相同（表中比例与无投诉月份不同，只是因为投诉的客户，尤其是再次投诉的客户，并不是全体客户的随机样本：
其中更多是接受标准化服务、处于较低层次的普通客户，而这些客户本来流失率就更高）；而且第二次就没有这种悖论了（再次投诉即使补救成功，
客户也不如没有投诉时满意）。处理得不好，则会让客户降级甚至流失。所以服务失误从来不划算，处理得好只是减少损失。
在同一批客户上比较"快速、认真"与"拖延、敷衍"两种处理方式，可以看到它对流失和利润的影响。
"""),
    code("""
effect = rel.recovery_effect(run.monthly)
labelled(effect.round(3), "relationships")
"""),
    code("""
ax = rplots.plot_recovery_effect(effect)
"""),
    code("""
handling = {
    crmsim.t("rel.example.fast_good"): rel.CarePolicy(complaint_days=2, complaint_quality=0.9),
    crmsim.t("rel.example.slow_poor"): rel.CarePolicy(complaint_days=20, complaint_quality=0.4),
}
labelled(rel.compare_policies(world, handling, seed=7), "relationships")
"""),
    md("""
## The CRM cycle on the data

CRM work runs in a cycle: **segment** the customers, build a **customer file** for each, plan **customer care**
from what the file says, and keep the file as a **dynamic database** that every contact and complaint updates.
Here is the cycle on our simulated market.

**1. Segment.** The grade of a customer decides its care budget, and different grades end up in different
places on the ladder.
""", """
## 在数据上走一遍客户关系管理循环

客户关系管理工作是一个循环：先做**客户细分**，再为每位客户**建立客户档案**，根据档案安排**客户关怀**，
并把档案维护成随每次联系和投诉而更新的**动态数据库**。下面在模拟市场上走一遍这个循环。

**1. 客户细分。** 客户的类别决定其关怀预算，不同类别的客户最终在阶梯上的位置也不同。
"""),
    code("""
labelled(rel.segment_summary(world, run).round(3), "relationships")
"""),
    md("""
**2. Customer file.** The file of one important account that complained during the two years: basic data and
the people in its buying centre.
""", """
**2. 客户档案。** 一家在这两年中投诉过的重要客户的档案：基本资料以及其采购中心里的联系人。
"""),
    code("""
important = world.customers.loc[world.customers["segment"] == "important", "customer_id"]
customer_id = int(run.complaints.loc[run.complaints["customer_id"].isin(important), "customer_id"].iloc[0])
profile = ["customer_id", "name_en", "name_zh", "industry", "region", "size_tier", "value_orientation", "segment"]
labelled(world.customers.loc[world.customers["customer_id"] == customer_id, profile], "customers")
"""),
    code("""
people = ["name_en", "name_zh", "title", "role", "influence", "attitude"]
labelled(world.contacts.loc[world.contacts["customer_id"] == customer_id, people], "contacts")
"""),
    md("""
**3. Customer care** follows the policy for the customer's grade, and **4. the dynamic database** records what
happened to the customer month by month: its level, complaints and how they were handled, satisfaction and
profit.
""", """
**3. 客户关怀**按该客户所属类别的策略进行；**4. 动态数据库**逐月记录客户的变化：所处层次、投诉及处理结果、满意度和利润。
"""),
    code("""
labelled(rel.customer_history(run, customer_id).round(2), "relationships", names=run.ladder.names())
"""),
    md("""
## How the model works

Nothing here is hidden. The model card lists every coefficient of the response model, read from the code as it
runs (change one in the package and the card changes with it):
""", """
## 模型如何运作

这里没有黑箱。模型卡列出了响应模型的每一个系数，直接从运行中的代码读取（在程序包中修改一个系数，模型卡也随之改变）：
"""),
    code("""
labelled(rel.model_card(), "relationships")
"""),
    md("""
Why did this customer move, or leave? `rel.explain(run, customer_id, month)` takes one customer's chances in one
month apart. It starts from a neutral customer on the same level and switches the drivers on one at a time; each
row is how much that driver changed the chance of moving up, moving down and leaving that month, and the last row
is the chance the simulation drew against. Here is the month in which this account left us (for an account
that stays, pick the month of its first complaint).
""", """
这位客户为什么升级、降级或流失？`rel.explain(run, customer_id, month)` 把一位客户某个月的概率逐项拆开：
从同一层次上的一位中性客户出发，依次加入各个驱动因素；每一行表示该因素使当月升级、降级和流失的概率改变了多少，
最后一行是模拟时实际使用的概率。下面是这家客户流失的那个月（对于没有流失的客户，可以选它第一次投诉的月份）。
"""),
    code("""
history = rel.customer_history(run, customer_id)
left = history.index[history["level"] == "churned"]
month = int(left[0]) if len(left) else int(history.index[history["complaint"]][0])
why = rel.explain(run, customer_id, month)
names = run.ladder.names()
print(crmsim.t("rel.explain.summary", customer=customer_id, month=month, level=names[why.attrs["level_before"]],
               move=crmsim.t(f"rel.move.{why.attrs['move']}")))
labelled(why.round(4), "relationships")
"""),
    md("""
## Questions

1. In the dashboard, find the cheapest policy that keeps cumulative churn below 25%. Which levers did you use?
   Is it also the most profitable policy?
2. Forced maintenance lowers churn in the short run: find the month where its churn curve crosses the dashed
   line of the default. Why does the course still recommend voluntary maintenance? Look at satisfaction, at the
   level mix and at profit.
3. Complaint handling: how much faster must a mediocre team be to match a careful but slow team?
4. Which segment gains most from extra care, and which one should get less?
""", """
## 思考题

1. 在仪表板中，找到能使累计流失率低于25%的最省钱策略。你调整了哪些因素？它也是利润最高的策略吗？
2. 强人所难式维系在短期内降低了流失率：找出它的流失曲线与默认策略虚线相交的月份。为什么课程仍然推荐自愿式维系？
   请观察满意度、层次构成和利润。
3. 投诉处理：一个水平一般的团队要快多少，才能赶上一个认真但缓慢的团队？
4. 哪一类客户从额外关怀中获益最多？哪一类应当少投入？
"""),
]
