# App page of the relationships dashboard (python3 course.py app): the dashboard alone, without code.
CELLS = [
    md("""
# Relationship levels

Set a care policy and watch the level mix, churn, satisfaction and profit month by month. [All dashboards](00_index.ipynb)
""", """
# 客户关系层次

设定客户关怀策略，观察关系层次构成、流失、满意度和利润逐月的变化。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.relationships import RelationshipDashboard

RelationshipDashboard()
""", ignore_output=True),
]
