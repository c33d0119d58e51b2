# App page of the value dashboard (python3 course.py app): the dashboard alone, without code.
CELLS = [
    md("""
# Customer value

Pick a segment, a value measure and the A/B thresholds. [All dashboards](00_index.ipynb)
""", """
# 客户价值

选择客户类别、价值口径以及A类、B类的分界线。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.value import CustomerValueDashboard

CustomerValueDashboard(n_customers=1000, seed=2024)
""", ignore_output=True),
]
