# App page of the credit dashboard (python3 course.py app): the dashboard alone, without code.
CELLS = [
    md("""
# Credit decisions

Sit on the credit committee: weights, cut-off, terms, discount and collection. [All dashboards](00_index.ipynb)
""", """
# 客户信用决策

担任信用委员会成员：设定权重、授信门槛、信用期限、现金折扣与收账政策。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.credit import CreditCommitteeDashboard

CreditCommitteeDashboard()
""", ignore_output=True),
]
