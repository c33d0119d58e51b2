# Source of notebook 04, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 04 · Credit decisions

Most business customers do not pay when they order: they buy **on credit** and pay weeks later. Selling on
credit wins customers and sales, but every unpaid invoice ties up our money, some invoices are paid late and a few
are never paid at all (a **bad debt**). Credit management decides:

1. **who** gets credit (a rating and a screening cutoff),
2. **how much** (a credit limit),
3. **on what terms** (credit period, cash discount) and **how overdue invoices are chased** (collection policy).

We follow one customer through the credit file, the rating and the limit, then simulate two years of invoices and
payments for the whole market to see what a policy wins and what it costs.
""", """
# 04 · 客户信用决策

大多数企业客户下单时并不立即付款，而是**赊购**，几周后再付款。赊销能赢得客户和销售额，但每一张未收回的发票都占用我们的资金，
有些发票会逾期支付，少数发票永远收不回来（形成**坏账**）。客户信用管理要回答三个问题：

1. 给**谁**授信（信用评级与授信门槛）；
2. 授信**多少**（信用额度）；
3. 以什么**条件**授信（信用期限、现金折扣），以及**如何催收**逾期账款（收账政策）。

我们先跟随一位客户，依次建立信用档案、评定信用等级、确定信用额度；再对整个市场模拟两年的开票与收款，看看一项信用政策能带来什么、又要付出什么代价。
"""),
    code("""
from dataclasses import replace

from crmsim import credit
from crmsim.display import labelled
from crmsim.plots.credit import (plot_aging, plot_profit_bridge, plot_receivables, plot_roc,
                                 plot_sales_by_grade, plot_tradeoff)

world = crmsim.make_world(seed=2024, n_customers=3000)
file = credit.credit_file(world, seed=world.seed)
labelled(credit.file_card(file, customer_id=43), "credit")
"""),
    md("""
## 1. The credit file

A credit file brings together three kinds of information:

- **Financial statements** of the last three years, from which we compute the current ratio (can short-term
  assets cover short-term debts?), the debt-to-asset ratio, the sales margin, the receivables turnover (how fast
  the customer collects from its own customers) and operating cash flow.
- **A credit report**: how the customer paid us and others in the past (late payments, defaults), lawsuits, and
  contingent liabilities such as guarantees given for other firms.
- **Non-financial items** judged by visiting the customer: reputation, years in business, the level of its
  management and of its professional staff. A busy, orderly workshop and staff who speak well of the firm are
  good signs.

The card above is customer 43's file. No single number decides: a firm can be profitable and still pay late.
""", """
## 1. 客户信用档案

信用档案汇集三类信息：

- **财务报表**（近三年）：据此计算流动比率（流动资产能否覆盖短期债务）、资产负债率、销售利润率、应收账款周转率（客户向它自己的客户收款有多快）以及经营现金流。
- **信用报告**：客户过去向我们和他人付款的情况（逾期、违约）、诉讼记录，以及为其他企业提供担保等或有负债。
- **非财务信息**：通过实地考察作出的判断，包括商誉、经营年限、经营管理水平和专业水平。生产饱满、工作有序、员工评价良好，都是积极的信号。

上表是43号客户的信用档案。没有哪一个数字能单独决定结论：一家盈利的企业也可能拖欠货款。
"""),
    md("""
## 2. Rating the customer step by step

A weighted factor rating turns the file into one score:

1. each factor's value falls into a **band**, and each band earns **points** from 0 (worst) to 100 (best);
2. each factor has a **weight** (the weights sum to 1);
3. the **score** is the sum of weight × points, between 0 and 100: the higher, the more reliable the payer;
4. score bands map to **grades** AAA, AA, A, BBB, BB, B and C (AAA from 85 points, then every 10 points a grade
   lower, C below 35).

Here is every step for customer 43.
""", """
## 2. 逐步评定客户信用等级

加权因素评分法把信用档案转化为一个分数：

1. 每个评价因素的数值落在某个**区间**，每个区间对应0（最差）到100（最好）的**得分**；
2. 每个因素有一个**权重**（权重之和为1）；
3. **总分**等于各因素“权重×得分”之和，介于0到100之间，分数越高，付款越可靠；
4. 按分数区间划分**信用等级**：AAA、AA、A、BBB、BB、B、C（85分及以上为AAA，此后每低10分降一级，35分以下为C）。

下表列出了43号客户评分的每一步。
"""),
    code("""
labelled(credit.rating_steps(file, customer_id=43), "credit")
"""),
    md("""
Which items moved customer 43's score? Against the average customer of the market, each factor pushes the score up
or down by its weight × (the customer's points − the average points). The pushes, largest first, add up to the gap
between this customer's score and the average score (last row).
""", """
哪些项目影响了43号客户的评分？与市场上的平均客户相比，每个因素按“权重×（该客户得分−平均得分）”把总分推高或拉低。
下表按影响大小排列，各项影响之和等于该客户总分与平均总分之差（最后一行）。
"""),
    code("""
labelled(credit.rating_explanation(file, customer_id=43), "credit")
"""),
    md("""
Now the same score card rates every customer at once. The table counts the customers of each grade.
""", """
接下来用同一张评分卡一次性为所有客户评级。下表统计了各信用等级的客户数。
"""),
    code("""
rating = credit.rate(file)
grades = rating["grade"].value_counts(sort=False).rename_axis("grade").rename("count").to_frame()
grades["share"] = grades["count"] / grades["count"].sum()
labelled(grades, "credit")
"""),
    md("""
## 3. The credit limit in four steps

1. **Base limit** from the customer's size tier, which is set by its annual revenue.
2. **Grade the investigated items** (revenue within its tier, reputation, years in business, management level,
   professional level) A to D; each grade gives a credit percentage (A 100 %, B 80 %, C 60 %, D 40 %).
3. **Combine**: limit = base limit × the mean percentage (× an overall multiplier the credit committee can set).
4. **Review every year**: did the customer reach its target volume, and were there credit incidents? We come back
   to this step after simulating a year of trading.
""", """
## 3. 四步法确定信用额度

1. **基础信用额度**：按客户年营业收入所属的规模等级确定。
2. **信用考查项目分级**：对营业额（在同规模中的位置）、商誉、经营年限、经营管理水平和专业水平分别评为A至D级，每个等级对应一个信用百分率（A级100%，B级80%，C级60%，D级40%）。
3. **评定额度**：信用额度 = 基础额度 × 各项百分率的平均值（再乘以信用委员会可调整的总体系数）。
4. **年度审核**：客户是否完成了目标销售量？合作中是否出现过信用问题？模拟一年的交易之后，我们再回到这一步。
"""),
    code("""
limits = credit.credit_limits(file)
labelled(credit.limit_steps(limits, customer_id=43), "credit")
"""),
    md("""
## 4. A credit policy, simulated

A **credit policy** fixes the screening cutoff (customers scoring below it get no credit and buy only a part of
their needs for cash), the credit period (here "net 30": pay within 30 days), any cash discount and the collection
policy (when reminders go out and when an account is handed to a collection agency).

The simulation runs 24 months forward. Each month every customer wants to buy; how it pays follows its **hidden**
payment reliability, which the seller never sees directly: it pays early for a discount, on time, late, or not at
all when the firm fails. Invoices still unpaid when a customer fails become bad debts.
""", """
## 4. 模拟一项信用政策

**信用政策**规定：授信门槛（评分低于门槛的客户不获授信，只会用现金购买其需求的一部分）、信用期限（此处为“n/30”，即30天内付清）、
是否给予现金折扣，以及收账政策（何时发出催款提醒、何时把账户移交催收机构）。

模拟向前推进24个月。每个月每位客户都有采购需求；它如何付款取决于其**隐藏**的付款可靠性——卖方无法直接观察到：
为了折扣而提前付款、按时付款、逾期付款，或者在企业倒闭时完全不付。客户倒闭时尚未支付的发票即成为坏账。
"""),
    md("""
### How the model works

The simulation's coefficients, read from the package's code: how strongly demand answers the credit period (a
constant elasticity: every doubling of the period wins the same share of sales), how the failure hazard grows with
a customer's hidden unreliability and with the period, how many days before failing a customer stops paying, and
the default policy's costs. Interest is computed on a 360-day year, the textbook convention.
""", """
### 模型如何运作

下表是模拟所用的系数，直接读自程序代码：需求对信用期的反应有多强（常弹性：信用期每延长一倍，销售额增加的比例相同）、
倒闭风险如何随客户隐藏的不可靠性和信用期上升、客户在倒闭前多少天停止付款，以及默认政策的各项成本。利息按一年360天计算，这是教材的惯例。
"""),
    code("""
labelled(credit.model_card(), "credit")
"""),
    code("""
policy = credit.CreditPolicy(cutoff=45, credit_period=30)
sim = credit.simulate_receivables(world, policy, rating=rating, limits=limits, months=24, seed=7)
labelled(credit.summary_table(sim), "credit")
"""),
    md("""
How to read it:

- **Approval rate**: share of customers granted credit. **Sales lost to the policy**: what customers would have
  bought with unlimited credit on these terms, minus what they bought.
- **DSO** (days sales outstanding): average receivables ÷ average daily **credit** sales; how many days a credit
  sale waits to be collected. (Dividing by all sales, cash included, gives fewer days:
  `credit.summarise_policy(sim, dso_basis="total")`.)
- **Cost of money tied up**: the money we have lent to customers (at the variable cost of the goods) times our
  yearly cost of capital, for as long as each invoice stays unpaid.
- **Profit after credit costs** = contribution margin − bad debt − cash discounts − cost of money tied up −
  collection cost.

The chart shows, grade by grade, the sales won on credit and for cash and the sales the policy lost, with each
grade's true default rate (known only inside a simulation).
""", """
解读要点：

- **授信通过率**：获得授信的客户比例。**因信用政策损失的销售额**：在相同条件下若信用不受限制客户会购买的金额，减去实际购买额。
- **应收账款周转天数（DSO）**：应收账款平均余额 ÷ 平均日**赊销**额，即一笔赊销平均要等多少天才能收回。
  （若除以包括现销在内的全部销售额，天数会更少：`credit.summarise_policy(sim, dso_basis="total")`。）
- **应收账款占用资金成本**：借给客户的资金（按商品的变动成本计）乘以年资金成本，按每张发票未付的天数计算。
- **扣除信用成本后的利润** = 边际贡献 − 坏账 − 现金折扣 − 资金占用成本 − 收账费用。

下图按信用等级展示赊销额、现销额和因政策损失的销售额，并标出各等级的真实违约率（只有在模拟中才能知道）。
"""),
    code("""
ax = plot_sales_by_grade(credit.sales_by_grade(sim, rating))
"""),
    md("""
## 5. Receivables aging (账龄分析)

Sorting the invoices still open at the end by how many days they are past due is the credit manager's early
warning: the older an overdue invoice, the less likely it is ever paid. The buckets add up to the receivables
outstanding.
""", """
## 5. 应收账款账龄分析

把期末尚未收回的发票按逾期天数分组，是信用经理的预警工具：逾期越久的发票，最终收回的可能性越小。各组金额之和等于期末应收账款余额。
"""),
    code("""
labelled(credit.aging(sim), "credit")
"""),
    code("""
ax = plot_receivables(credit.receivables_by_month(sim))
"""),
    md("""
From the contribution margin to the profit, cost by cost. The credit costs are small next to the contribution, so
the y axis starts well above zero: the break marks on the axis and on the two tall bars say so, and the axis label
says where it starts. Each bar carries its amount in CNY million.
""", """
从边际贡献到利润，逐项扣除信用成本。与边际贡献相比，各项信用成本都很小，所以纵轴不从零开始：纵轴和两根高柱上的截断标记提示了这一点，
纵轴标题注明了起点。每根柱子都标有金额（百万元）。
"""),
    code("""
ax = plot_profit_bridge(credit.summarise_policy(sim))
"""),
    md("""
## 6. Longer terms win sales but cost money

A longer credit period attracts more buyers, above all price-sensitive ones: in this model a buyer's demand grows
with a constant elasticity of 0.2 to the period (a little below the +20 % of the textbook example below), so going
from 30 to 60 days wins about 15 % more demand and each further day wins less than the one before. But the money
stays out longer, more invoices are still unpaid when a customer fails, and each customer's limit allows fewer
purchases on longer terms, so part of the extra demand is never sold on credit. We rerun the same market with the
same random numbers for credit periods from 15 to 120 days; only the policy differs. The gap between the
contribution margin and the profit is the credit cost.
""", """
## 6. 信用期越长，销售越多，成本也越高

更长的信用期能吸引更多客户，尤其是对价格敏感的客户：在本模型中，客户需求对信用期的弹性为常数0.2（略低于下文教材例题中的+20%），
因此信用期从30天延长到60天约增加15%的需求，而且每多一天带来的增量都比前一天少。但资金在外的时间更长，客户倒闭时未付的发票更多，
而且在额度不变时，信用期越长客户能赊购的金额越少，部分新增需求无法以赊销实现。我们对同一个市场、使用相同的随机数，分别模拟15至120天的信用期，
唯一的差别就是信用政策。边际贡献与利润之间的差距就是信用成本。
"""),
    code("""
sweep = credit.policy_sweep(world, policy, field="credit_period", values=[15, 30, 45, 60, 90, 120], file=file,
                            seed=7)
labelled(sweep[["credit_period", "sales", "dso", "bad_debt_rate", "interest_cost", "profit"]], "credit")
"""),
    code("""
ax = plot_tradeoff(sweep, "credit_period")
"""),
    md("""
Sales rise with the period but by less and less (on the longest terms the limits even cost a few sales), while the
cost of money tied up and the bad debts keep growing:
profit is highest at a period inside the range, neither the shortest nor the longest. The same holds for the
screening cutoff: refusing the worst-rated customers saves more bad debt than the margin they bring, but refusing
too many loses good customers' sales.
""", """
销售额随信用期增加，但增幅越来越小（信用期最长时，额度限制甚至会使销售额略有下降），而资金占用成本和坏账却持续上升：利润在区间内部的某个信用期达到最高，既不是最短也不是最长的信用期。
授信门槛也是如此：拒绝评分最差的客户所减少的坏账多于他们带来的边际贡献，但拒绝的客户过多，就会失去好客户的销售额。
"""),
    code("""
cutoffs = credit.policy_sweep(world, policy, field="cutoff", values=[0, 15, 30, 45, 60, 75, 90], file=file, seed=7)
labelled(cutoffs[["cutoff", "approval_rate", "sales", "bad_debt_rate", "profit"]], "credit")
"""),
    code("""
ax = plot_tradeoff(cutoffs, "cutoff")
"""),
    md("""
## 7. The textbook formula for a policy change

Textbooks appraise a change of credit terms with a year's aggregate figures, without simulating single invoices:

incremental profit = change in sales × contribution margin ratio − change in the cost of money tied up
(sales ÷ 360 × days to collect × variable cost ratio × required return) − change in collection cost − change in
bad debts − change in cash discounts.

The standard example: a firm sells 100,000 units a year at 5 CNY (variable cost 4 CNY a unit) on "net 30" and
requires a 15 % return. On "net 60" it would sell 120,000 units, with collection cost rising from 3,000 to 4,000
CNY and bad debts from 5,000 to 9,000 CNY. Lengthening the period gains 8,000 CNY. Offering "0.8/30, net 60"
instead, half of the sales are paid on day 30 with the discount: money comes back sooner (45 days on average), the
discounts cost 2,400 CNY, and the gain is 8,600 CNY, so the discount is worth adding.
""", """
## 7. 信用政策变动的教材公式

教材不逐张模拟发票，而是用一年的汇总数据评价信用条件的变动：

增量利润 = 销售额变化 × 边际贡献率 − 应收账款占用资金应计利息的变化（销售额 ÷ 360 × 收账天数 × 变动成本率 × 最低报酬率）
− 收账费用变化 − 坏账损失变化 − 现金折扣成本变化。

标准例题：某企业以每件5元（单位变动成本4元）的价格销售，信用条件为“n/30”时年销量100,000件，最低报酬率为15%。
若改为“n/60”，销量将增至120,000件，收账费用由3,000元增至4,000元，坏账损失由5,000元增至9,000元。延长信用期可增加利润8,000元。
若改为“0.8/30，n/60”，一半的销售额会在第30天付款并享受折扣：资金回笼更快（平均45天），折扣成本2,400元，增量利润为8,600元，因此值得提供折扣。
"""),
    code("""
labelled(credit.textbook_example(), "credit")
"""),
    md("""
A buyer who skips a cash discount is in effect borrowing from the seller: skipping "2/10, net 30" keeps 98 CNY for
20 more days at the price of 2 CNY, which is d ÷ (1 − d) × 360 ÷ (N − D) = 0.02 ÷ 0.98 × 360 ÷ 20 ≈ 36.7 % a year.
A buyer who can borrow from a bank for less should take the discount, which is why a discount speeds payment.
""", """
放弃现金折扣的买方，实际上是在向卖方借款：放弃“2/10，n/30”的折扣，相当于为了把98元多占用20天而付出2元，
年成本为 d ÷ (1 − d) × 360 ÷ (N − D) = 0.02 ÷ 0.98 × 360 ÷ 20 ≈ 36.7%。能以更低利率从银行借款的买方应当享受折扣，这也是现金折扣能加快收款的原因。
"""),
    code("""
labelled(credit.discount_costs(credit_period=30), "credit")
"""),
    md("""
Now the same formula on the simulated market: we move from "net 30" to "2/10, net 60" and put the formula next to
the invoice-by-invoice simulation. The two agree except for the cost of money tied up, which the formula estimates
from month-end balances.
""", """
下面把同一公式用于模拟的市场：把政策从“n/30”改为“2/10，n/60”，并把公式结果与逐张发票的模拟结果并列比较。
两者只在资金占用成本上略有差别，因为公式是用月末余额来估计这项成本的。
"""),
    code("""
looser = replace(policy, credit_period=60, discount_rate=0.02, discount_days=10)
looser_sim = credit.simulate_receivables(world, looser, rating=rating, limits=limits, seed=7)
labelled(credit.incremental_profit(sim, looser_sim), "credit")
"""),
    md("""
## 8. Does the score separate good from bad payers?

Grant everyone credit and see who actually fails within two years. The **ROC curve** shows, for every possible
cutoff, the share of bad payers refused against the share of good payers refused. The **AUC** is the chance that
a randomly chosen good payer scores higher than a randomly chosen bad one (0.5 = a coin toss, 1 = perfect);
the **Gini coefficient** is 2 × AUC − 1.
""", """
## 8. 评分能否区分好客户与坏客户？

给所有客户授信，观察两年内哪些客户真正违约。**ROC曲线**展示了在每一个可能的门槛下，被拒绝的坏客户比例与被拒绝的好客户比例之间的关系。
**AUC**是随机抽取一个好客户、其评分高于随机抽取的一个坏客户的概率（0.5相当于随机猜测，1为完美区分）；**基尼系数**等于2×AUC−1。
"""),
    code("""
everyone = credit.simulate_receivables(world, replace(policy, cutoff=0), rating=rating, limits=limits, seed=7)
defaulted = everyone.accounts["defaulted"]
ax = plot_roc(credit.roc_curve(rating["score"], defaulted), credit.auc(rating["score"], defaulted))
"""),
    md("""
Credit scorecards often rescale the score so that a fixed number of points **doubles the odds** of a good payer
(points to double the odds, PDO). Fitting the odds to the observed defaults, a scaled score of 600 means odds of
50 good payers to 1 bad, and every 20 points more doubles those odds.
""", """
信用评分卡常常把分数重新刻度，使固定的分差对应**好坏比翻倍**（PDO，翻倍分值）。按观察到的违约情况拟合好坏比后，
刻度分600表示好坏比为50:1，每多20分，好坏比翻一番。
"""),
    code("""
scaled = credit.odds_scaling(rating, defaulted, base_score=600, base_odds=50, pdo=20)
labelled(scaled.merge(rating[["customer_id", "grade"]]).iloc[[0, 10, 16, 28]], "credit")
"""),
    md("""
## 9. Step 4 of the limit: the annual review

After the first year each customer's limit is reviewed: a bad debt stops credit; an invoice more than 60 days
late cuts the limit by half; otherwise reaching last year's purchases plus 5 % raises the limit by a fifth and
falling below 80 % of that target cuts it by a fifth.
""", """
## 9. 额度确定的第4步：年度审核

第一年结束后审核每位客户的额度：发生坏账的停止赊销；有发票逾期超过60天的额度减半；否则，达到“上年采购额加5%”目标的额度提高五分之一，
完成不足该目标80%的额度降低五分之一。
"""),
    code("""
review = credit.review_limits(sim, file)
labelled(review["review"].value_counts(sort=False).rename_axis("review").rename("count").to_frame(), "credit")
"""),
    md("""
## 10. The credit committee

Play the credit committee. Change the weights of the three groups of information, the cutoff, the limit
multiplier, the credit period, the cash discount and the collection policy; the charts show sales won and lost by
grade, the aging of the receivables and the path from contribution to profit. Things to try:

- Find the cutoff that maximises profit. Is it the one that minimises bad debt?
- Offer 2/10 with a 60-day period: what happens to DSO, to discounts and to profit?
- Set every weight but the credit report's to zero. Does the policy do better or worse, and why?
""", """
## 10. 信用委员会

请扮演信用委员会：调整三类信息的权重、授信门槛、额度系数、信用期、现金折扣和收账政策，图表会展示各等级获得与损失的销售额、
应收账款账龄以及从边际贡献到利润的过程。可以试试：

- 找出使利润最大的授信门槛。它是否就是坏账最少的门槛？
- 在60天信用期下提供2/10的现金折扣：应收账款周转天数、折扣成本和利润会怎样变化？
- 除信用报告外，把其他权重都设为0。政策效果变好还是变差？为什么？
"""),
    code("""
from crmsim.widgets.credit import CreditCommitteeDashboard

CreditCommitteeDashboard(world, months=24, seed=7)
""", ignore_output=True),
    md("""
## Questions

1. Customer 43 has a reasonable current ratio but a poor payment record. Which weights would you change so that the
   rating reflects this better, and what does that do to the AUC?
2. Why does a stricter cutoff lower bad debt but not always raise profit?
3. The textbook formula and the simulation disagree slightly on the cost of money tied up. Where does the
   difference come from, and would it grow or shrink with weekly instead of monthly balances?
""", """
## 思考题

1. 43号客户的流动比率尚可，但付款记录较差。你会如何调整权重，使评级更好地反映这一点？这对AUC有什么影响？
2. 为什么更严格的授信门槛能降低坏账，却不一定能提高利润？
3. 教材公式与模拟结果在资金占用成本上略有差异。差异从何而来？如果改用每周余额而不是月末余额，差异会变大还是变小？
"""),
]
