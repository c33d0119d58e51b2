# Source of notebook 01, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 01 · Customers and customer value

A **customer** is whoever we serve and whoever shapes the decision to buy from us: in business-to-business
selling that is a firm, with several people inside it who matter. A consumer uses up the product; a user
operates it; the customer decides and pays. This notebook builds a synthetic market and asks three questions:

1. Who are our customers (composition)?
2. How much are they worth: in the past, today and in future (historical, current, potential value)?
3. Is the biggest firm also the most valuable customer?

Every number below comes from a seeded simulation, so you can rerun it and get the same results.
""", """
# 01 · 客户与客户价值

**客户**是我们为之服务、并能影响购买决策的一方：在企业对企业的销售中，客户是一家企业，企业内部有多个关键人物。
消费者消耗产品，用户操作产品，而客户做出决定并付款。本笔记本先构造一个模拟市场，再回答三个问题：

1. 我们的客户由哪些人组成（客户构成）？
2. 他们值多少：过去、现在和将来（历史价值、当前价值、潜在价值）？
3. 规模最大的企业，是否也是最有价值的客户？

下面的所有数字都来自带随机种子的模拟，重新运行会得到完全相同的结果。
"""),
    code("""
import pandas as pd
from crmsim import value
from crmsim.display import labelled, world_overview
from crmsim.plots.value import plot_composition, plot_pareto, plot_size_vs_value, plot_truth_reveal, plot_value_types

world = crmsim.make_world(seed=2024, n_customers=1000)
world_overview(world)
"""),
    md("""
## The world at a glance

One call builds the whole market: customer firms, the people in their buying centres, three years of
financial statements, our sales reps and products, and 24 months of orders with their payments.
Columns starting with `true_` are hidden traits (for example how reliably a firm pays): a real seller cannot
see them, but the simulation needs them and they let us check our analyses against the truth.
""", """
## 世界概览

一次调用就生成整个市场：客户企业、其采购中心里的联系人、三年的财务报表、我方销售代表与产品，以及24个月的订单和付款记录。
以 `true_` 开头的列是隐藏特征（例如企业付款是否可靠）：现实中的卖方看不到它们，但模拟需要它们，我们也可以用它们检验分析结论是否符合真实情况。
"""),
    code("""
labelled(world.customers.head(5), "customers")
"""),
    md("""
## Composition analysis

Group the customers into classes and compare each class's share of the customer count with its share of
sales and of value to us (gross margin minus the cost of serving the customer). Classes whose sales share is
far above their head-count share deserve more of our attention.
""", """
## 客户构成分析

把客户分成若干类，比较每一类在客户数量中的占比与其在销售额、对我方价值（毛利减去服务成本）中的占比。
销售额占比远高于客户数占比的那些类别，值得投入更多精力。
"""),
    code("""
values = value.customer_value(world)
by_segment = value.composition(world, values, by="segment")
labelled(by_segment, "value")
"""),
    code("""
ax = plot_composition(by_segment, by="segment")
"""),
    md("""
## Historical, current and potential value

- **Historical value**: what the customer has already brought us over the history (gross margin minus cost to serve).
- **Current value**: what we expect over the next 12 months if nothing changes. It depends on whether the
  customer is still active: a customer that has been silent for much longer than usual has probably left.
- **Potential value**: the extra yearly value if we won half of what the customer spends on products like ours,
  estimated from its revenue and industry.
- **Lifetime value** adds up the expected value of the next five years, discounted.

Current and lifetime value are *estimates* from what an analyst can see: each customer's order history, summarised
as recency, frequency and monetary value (RFM), and a purchase model fitted to it (the modified BG/NBD model: a
customer buys at its own pace while active and may leave after any order). The chance that a customer is still
active enters once, through the expected orders.
""", """
## 历史价值、当前价值与潜在价值

- **历史价值**：客户在历史期内已经为我们带来的价值（毛利减去服务成本）。
- **当前价值**：如果一切照旧，未来12个月预期能得到的价值。它取决于客户是否仍然活跃：沉默时间远超平常购买间隔的客户，很可能已经流失。
- **潜在价值**：假如我们拿下客户在同类产品上支出的一半（按其营业收入和行业估算），每年还能多得到的价值。
- **终生价值**把未来五年的预期价值折现后加总。

当前价值和终生价值都是根据分析人员能看到的信息*估计*出来的：每个客户的订单历史（概括为最近一次购买、购买频率和金额，即RFM），以及据此拟合的购买模型（修正的BG/NBD模型：客户在活跃期间按自己的节奏购买，每次下单后都可能流失）。客户仍然活跃的概率只通过预期订单数计入一次。
"""),
    code("""
labelled(values.drop(columns="customer_id").describe().T[["mean", "50%", "max"]], "value")
"""),
    code("""
ax = plot_value_types(world.customers, values)
"""),
    md("""
### How the model works

The card below is read from the code and from the purchase models fitted to this world, so it always shows what
the numbers above were computed with: the costs to serve, the horizons and discount rate, and for each size of
firm how often an active customer orders and how likely it is to leave after an order.
""", """
### 模型如何运作

下面的模型卡片直接读取自代码和本模拟市场拟合出的购买模型，因此它显示的正是上面数字所用的参数：服务成本、计算期与折现率，以及各规模企业在活跃期间的下单频率和每次下单后流失的可能性。
"""),
    code("""
labelled(value.model_card(world), "value")
"""),
    md("""
### Truth reveal

A real analyst never learns how right the estimates were. Here we can: the simulation knows every customer's hidden
purchase rate and dropout chance. The table compares the estimates with the true expectations; the chart shows
every customer's estimated lifetime value against its true one. Totals come out close, while single customers can
be far off: an estimate is a good guide for a portfolio and a rough one for a single account.
""", """
### 揭晓真实值

现实中的分析人员永远无法知道估计有多准，而在这里可以：模拟知道每个客户隐藏的购买速度和流失概率。下表比较估计值与真实期望值；下图画出每个客户估计的终生价值与真实终生价值。合计值很接近，单个客户却可能相差很大：估计值适合指导整体客户组合，用于单个客户时只能作粗略参考。
"""),
    code("""
labelled(value.truth_summary(world, values), "value")
"""),
    code("""
ax = plot_truth_reveal(value.value_truth_reveal(world, values))
"""),
    md("""
## ABC analysis and the Pareto curve

Rank customers from the most to the least valuable and draw the cumulative share of value. The 80/20 rule of
thumb says a fifth of the customers bring most of the value. Class A are the customers that together make up the
first 80% of value, class B the next 15%, class C the rest. Resources (visits, service, credit) should follow
value and potential, not head count.
""", """
## ABC分析与帕累托曲线

把客户按价值从高到低排列，画出累计价值占比。经验上的"二八法则"是：约两成客户贡献了大部分价值。
A类客户合计贡献前80%的价值，B类贡献随后的15%，其余为C类。拜访、服务、授信等资源应当跟着价值和潜力走，而不是平均分配。
"""),
    code("""
abc = value.abc_classes(values, measure="historical_value", thresholds=(0.8, 0.95))
labelled(value.abc_summary(abc), "value.summary")
"""),
    code("""
ax = plot_pareto(abc)
"""),
    md("""
## A big company is not a big customer

Does the size of a firm tell us how valuable it is to us? Compare each customer's own annual revenue with its
lifetime value to us. Large firms often buy only a small share of their needs from us, push for deep discounts
(especially price-oriented buyers) or cost a lot to serve; small firms can be loyal and profitable. The last
column counts the largest fifth of firms whose value to us sits in the bottom half of all customers.
""", """
## 大企业不等于大客户

企业规模能说明它对我们有多大价值吗？比较每个客户自身的年营业收入与它对我方的价值。
大企业往往只从我们这里采购一小部分需求，压低价格（价格取向型客户尤其如此），或者服务成本很高；小企业也可能忠诚而且利润丰厚。
最后一列统计：规模最大的五分之一企业中，有多大比例对我方的价值排在全部客户的后一半。
"""),
    code("""
labelled(pd.Series(value.size_versus_value(world, values, measure="lifetime_value"), name="").to_frame().T, "value.summary")
"""),
    code("""
ax = plot_size_vs_value(world.customers, values, measure="lifetime_value")
"""),
    md("""
## Explore: ABC by segment

Choose a segment, a value measure and the thresholds of classes A and B (drag a slider or type a percentage such
as `85` or `85%` into the box beside it; B always stays above A). The Pareto curve (left) and the
size-against-value map (right) update at once; the map keeps the axes of the whole market, so segments can be
compared by eye. Things to try: how concentrated is value among ordinary customers
compared with key accounts? Does the picture change when you rank by potential instead of historical value?
""", """
## 动手探索：按客户类别做ABC分析

选择一个客户类别、价值口径以及A类、B类的分界线（拖动滑块，或在旁边的框中输入百分比，如 `85` 或 `85%`；B类分界线总是高于A类），
左侧的帕累托曲线和右侧的"规模—价值"图会立即更新；右图始终使用整个市场的坐标范围，便于直接比较不同客户类别。
可以试试：普通客户的价值集中程度与大客户相比如何？如果按潜在价值而不是历史价值排序，结论会变化吗？
"""),
    code("""
from crmsim.widgets.value import CustomerValueDashboard

CustomerValueDashboard(world)
""", ignore_output=True),
    md("""
## Questions

1. Which segment has the largest gap between its share of customers and its share of value? What would you change
   in how that segment is served?
2. Find a very large firm with a low or negative value. Using its orders, explain why.
3. Why can the current value of a customer with a high historical value be close to zero?
4. In the truth reveal, which customers does the model misjudge most, and why can it not know better?

**Graded exercise**: `exercises/en/01_customer_value_exercise.ipynb` (your own data; checks with hints).
""", """
## 思考题

1. 哪一类客户的客户数占比与价值占比差距最大？你会如何调整对这类客户的服务？
2. 找出一家价值很低甚至为负的特大型企业，根据它的订单说明原因。
3. 为什么历史价值很高的客户，当前价值可能接近于零？
4. 在"揭晓真实值"中，模型对哪些客户的判断偏差最大？为什么它无法做得更好？

**练习**：`exercises/zh/01_customer_value_exercise.ipynb`（你自己的数据，检查时给出提示）。
"""),
]
