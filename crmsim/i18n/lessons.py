"""Text of the lessons suite: its table's headers, the lessons and what they measure."""

from . import register

register({
    "lessons.col.lesson": ("Lesson", "结论"),
    "lessons.col.measure": ("Measure", "度量"),
    "lessons.col.effect": ("Mean effect", "平均效应"),
    "lessons.col.low": ("95% low", "95%下限"),
    "lessons.col.high": ("95% high", "95%上限"),
    "lessons.col.holds": ("Holds", "成立"),
    "lessons.measure.ratio": ("Ratio", "比值"),
    "lessons.measure.share": ("Share", "比例"),
    "lessons.measure.retention": ("Yearly retention", "年保留率"),
    "lessons.measure.relative_error": ("Relative error", "相对误差"),
    "lessons.lesson.revenue_stationary": (
        "The business keeps going: last quarter's revenue is 0.85-1.30 times the first",
        "业务持续经营：最后一季度销售额为第一季度的0.85至1.30倍"),
    "lessons.lesson.large_firms_active": (
        "At least 70% of large firms ordered in the last six months",
        "至少70%的大型企业在最近六个月内下过订单"),
    "lessons.lesson.key_accounts_retained": (
        "Key accounts keep buying: yearly retention above 85%",
        "大客户持续购买：年保留率高于85%"),
    "lessons.lesson.small_firms_retention": (
        "Small firms are kept 60-80% a year",
        "小型企业的年保留率在60%至80%之间"),
    "lessons.lesson.lifetime_value_unbiased": (
        "Estimated lifetime value matches simulated futures within 10%",
        "估计的终生价值与模拟的未来相差不超过10%"),
    "lessons.lesson.big_company_not_big_customer": (
        "A big company is not a big customer: a quarter of the largest fifth is in the bottom half by value",
        "大企业不等于大客户：规模最大的五分之一企业中至少四分之一的价值位于后一半"),
    "lessons.lesson.pareto_concentration": (
        "Pareto: the top 20% of customers bring at least half of the value",
        "帕累托法则：前20%的客户带来至少一半的价值"),
})
