"""Text of the role play's lessons (crmsim.lessons.roleplay)."""

from . import register

register({
    "lessons.measure.profit_gap": ("Expected profit gap, share of the deal", "预期毛利差（占项目金额的比例）"),
    "lessons.measure.win_gain": ("Gain in chance of winning", "赢单概率的提高"),
    "lessons.measure.health_loss": ("Account health lost", "客户关系健康度的损失"),
    "lessons.lesson.roleplay_textbook_beats_novice": (
        "Role play: the textbook team earns more expected profit than the novice team",
        "角色扮演：教科书团队的预期毛利高于新手团队"),
    "lessons.lesson.roleplay_decision_maker_matters": (
        "Role play: meeting the decision maker raises the chance of winning",
        "角色扮演：接触决策者能提高赢单概率"),
    "lessons.lesson.roleplay_coach_matters": (
        "Role play: asking the coach raises the chance of winning",
        "角色扮演：请教教练能提高赢单概率"),
    "lessons.lesson.roleplay_over_promising_costs_the_account": (
        "Role play: an extra promise costs at least 5 points of account health",
        "角色扮演：一次额外承诺至少使客户关系健康度下降5个百分点"),
})
