# App page of the customer-development dashboard (python3 course.py app): the dashboard alone, without code.
CELLS = [
    md("""
# Customer development

Split a prospecting budget across the development methods and see the leads, the customers won, the cost per
customer won and their first-year value. [All dashboards](00_index.ipynb)
""", """
# 客户开发

把客户开发预算分配到各种开发方法上，观察获得的线索、赢得的客户、每个新客户的获取成本及其第一年的价值。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.development import DevelopmentDashboard

DevelopmentDashboard()
""", ignore_output=True),
]
