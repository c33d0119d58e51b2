# App page of the role-play console (python3 course.py app): a trainer runs the tables by clicking.
CELLS = [
    md("""
# Role play

Choose the account, the table and, for every person of the buying centre, an approach and the hours; play the
round, undo it if needed, and read the class scorecard under the figure. [All dashboards](00_index.ipynb)
""", """
# 角色扮演

选择客户和桌号，再为采购中心的每个人选定接触方式和投入时间；进行本回合（需要时可以撤销），并在图下方查看全班记分卡。[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.roleplay import RolePlayConsole

RolePlayConsole(tables=3)
""", ignore_output=True),
]
