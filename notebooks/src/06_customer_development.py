# Source of notebook 06, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 06 · Customer development and the customer file

A seller who only keeps its customers slowly shrinks: every year some firms close, merge or switch supplier.
**Customer development** (开发新客户, market breadth) finds the firms that will replace them. This notebook follows a
year of prospecting on our synthetic market: which development methods find leads, how leads pass the eight steps
of customer development, and what each method costs per customer won. Then we turn to what the seller keeps about
every customer, the **customer file**, the analyses a manager runs on it, and the file as a **database** that
grows with every campaign.
""", """
# 06 · 客户开发与客户档案

只守住老客户的企业会慢慢萎缩：每年都有客户倒闭、合并或更换供应商。**开发新客户**（市场广度）就是去找到能替代它们的企业。
本笔记本在我们的模拟市场上跟踪一年的客户开发：哪些开发方法能找到线索，线索如何走过客户开发的八个步骤，每种方法获得一位客户要花多少钱。
随后我们转向企业为每位客户保存的信息——**客户档案**，经理在档案上做的各项分析，以及随每次开发活动不断增长的**动态数据库**。
"""),
    code("""
from crmsim import development as dev
from crmsim.display import labelled
from crmsim.plots.development import plot_costs, plot_funnel, plot_opening_closing, plot_product_mix

world = crmsim.make_world(seed=0, n_customers=1500)
run = dev.simulate_development(world, seed=0)   # CNY 1,000,000 split equally over ten methods, 12 months
labelled(dev.funnel(run), "development")
"""),
    md("""
## 1. The eight steps

Customer development runs through eight steps: **find** prospects, **contact** them, **prepare** the visit,
**approach** the buyer, **learn the need**, **present** the offer, **handle objections** and **close**. The table
counts the prospects of the whole campaign at each step. *Find* counts contacts (a visit, a call, a letter, a
message, an ad seen); *contact* counts the firms that answered, our **leads**. Each later step keeps only part of
the step before, so the funnel can only narrow; the biggest loss by far is the first one: almost nobody answers a
mass mailing.
""", """
## 1. 客户开发的八个步骤

客户开发要经过八个步骤：**寻找**潜在客户、**接触**客户、拜访前的**准备**、**约见接近**、**了解需求**、**展示介绍**、**处理异议**和**成交**。
上表统计了整个开发活动中到达每一步的客户数。“寻找”一栏是接触次数（一次拜访、一个电话、一封信、一条短信、一次广告曝光）；
“接触客户”一栏是作出回应的企业，也就是我们的**线索**。之后每一步都只能留下上一步的一部分，所以漏斗只会越来越窄；
损失最大的是第一步：群发的信息几乎没有人回应。
"""),
    code("""
ax = plot_funnel(dev.funnel(run))
"""),
    md("""
## 2. Development methods compared

Each method has its own cost per contact, hit rate (the share of contacts that become leads) and lead quality
(how likely its leads are to pass the later steps). The table shows what each one did with the same CNY 100,000.
""", """
## 2. 比较各种开发方法

每种开发方法都有自己的单次接触成本、命中率（接触转化为线索的比例）和线索质量（线索通过后续步骤的可能性）。
下表显示了每种方法用同样的10万元做到了什么。
"""),
    code("""
columns = ["method", "spend", "contacts", "leads", "acquired", "cost_per_contact", "cost_per_acquired",
           "lead_conversion", "contact_conversion", "value_per_acquired"]
labelled(dev.by_method(run)[columns], "development")
"""),
    code("""
ax = plot_costs(dev.by_method(run))
"""),
    md("""
Read the table row by row:

- **Referral chains** win the most customers per contact and are the cheapest way to win a customer, but they
  cannot absorb their budget: a customer introduces a peer only now and then, so referrals bring only a small
  share of all leads, however much money they are given.
- **Face-to-face meetings** cost more per contact than any other method, and their leads are won most often:
  a meeting with a decision maker is the best-qualified lead there is.
- **SMS** is by far the cheapest contact, but not the cheapest customer: a customer won by SMS costs several
  times one won by referral. Its leads are many and thin, almost all of them drop out before the close, and the
  customers it does win bring a smaller first-year margin.

The channels compare in the same way: personal selling is effective, tells the seller at once whether it worked and
carries much information, but it is costly; mass channels are cheap per contact and carry little information, and
print and advertising take weeks to show whether they worked.
""", """
逐行阅读这张表：

- **连锁介绍**每次接触获得的客户最多，也是获得一位客户最便宜的方式，但它花不完自己的预算：老客户只是偶尔介绍同行，
  所以无论投入多少钱，连锁介绍带来的线索都只占很小的比例。
- **面谈**的单次接触成本比其他任何方法都高，而它的线索成交率也最高：与决策者的一次面谈是质量最高的线索。
- **短信**是最便宜的接触方式，但不是获客最便宜的方式：通过短信获得一位客户的成本是连锁介绍的好几倍。它的线索多而薄，
  几乎都在成交之前流失，而最终获得的客户首年毛利也较低。

按渠道比较也是如此：人员推销有效，马上就能知道效果，信息量大，但成本高；大众渠道单次接触便宜、信息量少，
而印刷品和广告要过几周才能看出效果。
"""),
    code("""
labelled(dev.channel_comparison(run), "development")
"""),
    md("""
## 3. Split the budget yourself

The dashboard splits a prospecting budget over the ten methods. Move the budget and the weights and watch the
customers won and the cost per customer won. Try putting everything into referrals, then into SMS; try doubling
the budget. Which split wins the most customers for the money? Where does more money stop helping?
""", """
## 3. 自己分配开发预算

下面的仪表板把开发预算分配到十种方法上。调整预算和各方法的权重，观察获得的客户数和每位客户的获客成本。
试着把预算全部投到连锁介绍上，再全部投到短信上；试着把预算翻倍。哪种分配能用同样的钱获得最多客户？钱加到多少就不再有用？
"""),
    code("""
from crmsim.widgets.development import DevelopmentDashboard

DevelopmentDashboard(world, seed=0)
""", ignore_output=True),
    md("""
## 4. The customer file

Once a firm buys, the seller keeps a **customer file** (客户档案) on it. It holds five kinds of information:
**basic data** (who the firm is), **contacts** (the people, their role, important dates, whether they accept mail
and SMS), the **activity history** (mailings, events, surveys, gifts, messages, appointments), **value data**
(the firm's strength and its purchases from us) and **management data** (rep, start of the relationship, status,
payment record). Here is customer 3's file.
""", """
## 4. 客户档案

企业一旦成交，卖方就要为它建立**客户档案**。档案包含五类信息：**基本资料**（企业是谁）、**联系人信息**（有哪些人、担任什么角色、
重要日期、是否接收邮件和短信）、**活动记录**（邮寄资料、活动邀请、问卷调查、赠送礼品、短信问候、拜访预约）、
**价值信息**（企业实力以及向我们采购的记录）和**管理信息**（销售代表、交易开始时间、状态、付款记录）。下面是3号客户的档案。
"""),
    code("""
file = dev.customer_file(world, seed=0)
labelled(dev.file_card_view(file, 3), "development")
"""),
    md("""
## 5. Analyses of the customer file

The textbook lists the analyses a sales manager runs on the file. **Composition**: which classes of customer
bring the sales.
""", """
## 5. 客户档案分析

教材列出了销售经理在客户档案上要做的分析。**客户构成分析**：哪类客户带来了销售额。
"""),
    code("""
labelled(dev.composition(world, by="segment"), "development")
"""),
    md("""
A few group accounts bring more sales than the many ordinary customers together. **Product mix**: products
ranked by sales with their cumulative share (class A up to 70 %, B up to 90 %), and the **gross-margin
ranking**, which orders them differently: the products that sell most are not the ones that earn most.
""", """
少数集团客户带来的销售额超过了众多普通客户的总和。**产品结构分析**：按销售额给产品排序并计算累计占比（累计70%以内为A类，90%以内为B类），
以及**毛利排序**——它给出的顺序不同：卖得最多的产品并不是赚得最多的产品。
"""),
    code("""
ax = plot_product_mix(dev.product_mix(world))
"""),
    code("""
labelled(dev.margin_ranking(world).head(8), "development")
"""),
    md("""
**Trading volume against what was expected**: each customer's purchases of the last year against the year
before, grown by the plan. **Stock turnover** = sales ÷ average stock: consumables turn over many times a year,
spare parts, kept for quick repairs, only a few times.
""", """
**交易量与预期的比较**：每位客户最近一年的采购额与前一年按计划增长后的预期相比。**库存周转率** = 销售量 ÷ 平均库存：
耗材一年周转很多次，而为快速维修储备的备件一年只周转几次。
"""),
    code("""
labelled(dev.volume_vs_expected(world), "development")
"""),
    code("""
labelled(dev.stock_turnover(world), "development")
"""),
    md("""
**Opening and closing of trading relationships**: each quarter some relationships begin and some end. A
relationship counts as closed when the customer has not ordered for half a year, so the last two quarters are not
known yet, and the quarters just before them count some customers who are only slow to order again.
""", """
**交易关系的建立与终止**：每个季度都有一些交易关系开始，也有一些结束。客户半年没有下单才算关系终止，所以最近两个季度还无法判断；
再往前的一两个季度里，也会把一些只是下单较慢的客户算作终止。
"""),
    code("""
ax = plot_opening_closing(dev.opening_closing(world))
"""),
    md("""
## 6. The dynamic database and management metrics

The CRM cycle ends in a **dynamic database** (动态数据库): the customer file in a database that every campaign and
every contact adds to. We write the world into SQLite, with keys and indexes, and add the leads of our campaign as
a new table. A manager reads five metrics from it: **new-customer growth** shows the ability to prospect, the
**win rate** the ability to sell, **customer lifetime** and **cross-selling** (product lines per customer) the
ability to keep accounts, the **churn rate** the ability to serve. Here they are, computed in SQL.
""", """
## 6. 动态数据库与管理指标

客户关系管理的工作循环以**动态数据库**结束：客户档案存入数据库，每一次开发活动、每一次联系都会往里添加内容。
我们把整个模拟市场写入SQLite（带主键、外键和索引），再把这次开发活动的线索作为一张新表加进去。经理从中读取五项指标：
**新客户增长率**反映开发能力，**成交率**反映销售能力，**客户关系时长**和**交叉销售**（每位客户购买的产品线数）反映保持客户的能力，
**流失率**反映服务能力。下面用SQL计算它们。
"""),
    code("""
import tempfile
from pathlib import Path

import pandas as pd

from crmsim import database

path = database.write_sqlite(world, Path(tempfile.mkdtemp()) / "world.db")
database.append_tables(path, {"development_leads": run.leads})
connection = database.connect(path)
labelled(pd.read_sql(dev.QUARTERLY_SQL, connection), "development")
"""),
    code("""
labelled(pd.read_sql(dev.WIN_RATE_SQL, connection), "development")
"""),
    md("""
Which metric matters most depends on the market stage: in the **introduction** stage a seller must find
customers, in **growth** it must find and win them, in **maturity** it must keep them. In our market the number of
customers ordering grows only slowly, the new customers of a quarter go up and down around the same level, and
the customers stay longer and longer: a mature market, where lifetime, cross-selling and churn deserve the
manager's attention first. (The churn rate seems to rise in the latest known quarters; as in section 5, those
quarters still count some customers who are only slow to order again.)
""", """
哪项指标最重要取决于市场所处的阶段：**导入期**要找到客户，**成长期**既要找到客户又要赢得客户，**成熟期**则要留住客户。
在我们的市场中，下单客户数只是缓慢增长，每个季度的新客户数在同一水平上下波动，客户关系时长则不断增加：这是一个成熟市场，
经理应当首先关注客户关系时长、交叉销售和流失率。（最近几个已知季度的流失率看起来在上升；正如第5节所说，
这些季度里还包括一些只是下单较慢的客户。）
"""),
    code("""
labelled(dev.stage_priorities(), "development")
"""),
    md("""
## 7. A messy customer file

A real file is typed by many people over many years. Below, the same file with realistic faults: the same firm
twice under a variant of its name (有限公司 / 有限责任公司, pinyin instead of characters, full-width letters),
phones, regions and dates in several formats, missing fields and impossible values. We know the truth, so we can
score a simple rule-based cleaning: it repairs every phone, region and date format and about half of the name
variants, and finds almost every duplicate, but it also merges different firms that happen to share a name (its
precision is well below its recall), and it cannot invent a missing or impossible value.
""", """
## 7. 一份混乱的客户档案

真实的档案是很多人在很多年里录入的。下面是加入了常见错误的同一份档案：同一家企业以不同的名称出现两次（有限公司/有限责任公司、
用拼音代替汉字、全角字母），电话、地区和日期有多种写法，有缺失的字段，也有不可能的值。我们知道正确答案，
所以可以给一种简单的规则清洗打分：它能修复所有电话、地区和日期格式，以及大约一半的名称变体，几乎找出了全部重复记录；
但它也会把恰好同名的不同企业合并在一起（精确率明显低于召回率），而且无法凭空补上缺失的或不可能的值。
"""),
    code("""
messy = dev.make_messy_customer_file(world, seed=0)
duplicates = messy.file[~messy.truth["original"]]
labelled(duplicates.head(6), "development")
"""),
    code("""
repaired, clusters = dev.clean_baseline(messy, world.as_of)
labelled(pd.DataFrame([dev.score_duplicates(messy, clusters)]), "development")
"""),
    code("""
labelled(dev.score_repairs(messy, repaired), "development")
"""),
    md("""
## 8. How the model works

Every number of the prospecting model, read from the code: each method's cost per contact, hit rate, lead quality
and capacity, the chance that a typical lead passes each step, and how much the rep's prospecting skill adds.
""", """
## 8. 模型如何运作

开发模型的全部参数都直接从代码中读取：每种方法的单次接触成本、命中率、线索质量和容量，典型线索通过每一步的概率，
以及销售代表的开发能力带来的影响。
"""),
    code("""
labelled(dev.model_card(), "development")
"""),
    md("""
## Questions

1. Referral chains win customers most cheaply. Why can a seller not simply put the whole budget into them?
2. SMS is the cheapest contact. In the method table, what does it cost per customer won, and why?
3. With the dashboard, find a split that wins more customers than the equal split for the same budget. Which
   methods did you favour, and what does your split do to the first-year gross margin?
4. Which of the five management metrics would you watch first in this market, and why?
5. The rule-based cleaning merged some records that are not the same firm. Why, and which field would you add to
   the rule to tell such firms apart? Which name variants did it not repair?
""", """
## 思考题

1. 连锁介绍获得客户最便宜。为什么卖方不能把全部预算都投到连锁介绍上？
2. 短信是最便宜的接触方式。在方法比较表中，它每获得一位客户要花多少钱？为什么？
3. 用仪表板找到一种分配方案，在预算相同的情况下比平均分配获得更多客户。你偏重了哪些方法？你的方案对首年毛利有什么影响？
4. 在这个市场中，五项管理指标里你会首先关注哪一项？为什么？
5. 规则清洗把一些并非同一企业的记录合并了。为什么？你会在规则中加入哪个字段来区分这些企业？它没有修复哪些名称变体？
"""),
]
