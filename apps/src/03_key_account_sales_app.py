# App page of the key_accounts dashboard (python3 course.py app): the dashboard alone, without code.
CELLS = [
    md("""
# Key-account sales

Split a rep's effort across account grades and choose the bid strategy. [All dashboards](00_index.ipynb)
""", """
# 大客户销售

在各等级客户之间分配销售代表的精力，并选择投标策略。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.key_accounts import KeyAccountDashboard

KeyAccountDashboard()
""", ignore_output=True),
]
