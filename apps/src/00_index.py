# Landing page of the app mode (python3 course.py app): every dashboard as a page without code.
CELLS = [
    md("""
# crmsim · the course dashboards

Each page below is one interactive dashboard of the course, without any code: move a control and the figure
follows. Every page builds its own seeded market, so the numbers are the same on every machine.

| page | what you decide |
| --- | --- |
| [01 · Customer value](01_customer_value_app.ipynb) | which customers count as A, B and C, by segment and value measure |
| [02 · Relationship levels](02_relationship_levels_app.ipynb) | the care budget, contacts, service level and complaint handling |
| [03 · Key-account sales](03_key_account_sales_app.ipynb) | a rep's effort by account grade and the bid strategy |
| [04 · Credit decisions](04_credit_decisions_app.ipynb) | the rating weights, cut-off, credit period, cash discount and collection |
| [05 · Role play](05_role_play_app.ipynb) | each table's approach and hours per person and round, with a class scorecard |
| [06 · Customer development](06_customer_development_app.ipynb) | how a prospecting budget is split across the development methods |
""", """
# crmsim · 课程仪表板

下面每个页面都是课程中的一个交互式仪表板，不显示任何代码：调整控件，图表随之更新。
每个页面都生成自己带随机种子的模拟市场，因此在任何电脑上得到的数字都相同。

| 页面 | 你来决定 |
| --- | --- |
| [01 · 客户价值](01_customer_value_app.ipynb) | 按客户类别和价值口径，哪些客户属于A、B、C类 |
| [02 · 客户关系层次](02_relationship_levels_app.ipynb) | 关怀预算、联系频率、服务水平与投诉处理 |
| [03 · 大客户销售](03_key_account_sales_app.ipynb) | 销售代表在各等级客户上的投入与投标策略 |
| [04 · 客户信用决策](04_credit_decisions_app.ipynb) | 评级权重、授信门槛、信用期限、现金折扣与收账政策 |
| [05 · 角色扮演](05_role_play_app.ipynb) | 各桌在每个回合对每个人的接触方式与投入时间，以及全班记分卡 |
| [06 · 客户开发](06_customer_development_app.ipynb) | 客户开发预算在各种开发方法之间如何分配 |
"""),
]
