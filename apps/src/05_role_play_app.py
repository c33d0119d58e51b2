# App page of the role-play console (python3 course.py app): a trainer runs the tables by clicking.
CELLS = [
    md("""
# Role play

Choose the account and open *Role cards* to print them (PDF or HTML). Set the number of *Tables*; then, table by
table, choose for every person of the buying centre an approach and the hours, and play the round (undo it if
needed). The class scorecard under the figure ranks the tables; *Class debrief* adds the ranking chart and what
each buyer got from each team's deal. [All dashboards](00_index.ipynb)
""", """
# 角色扮演

选择客户，点击“角色卡”即可打印（PDF或HTML）。设置“小组数”；然后逐个小组为采购中心的每个人选定接触方式和投入时间，
进行本回合（需要时可以撤销）。图下方的全班计分卡为各组排名；“全班复盘”再给出排名图，以及每位买方成员从各组交易中得到了什么。
[全部仪表板](00_index.ipynb)
"""),
    code("""
from crmsim.widgets.roleplay import RolePlayConsole

RolePlayConsole()
""", ignore_output=True),
]
