"""Text of the lessons of credit decisions (crmsim.lessons.credit)."""

from . import register

register({
    "lessons.measure.credit_days": ("Change in days", "天数变化"),
    "lessons.measure.credit_auc": ("AUC (area under the ROC curve)", "AUC（ROC曲线下面积）"),
    "lessons.measure.credit_profit_gain": ("Profit gain (share of profit)", "利润增幅（占利润比例）"),
    "lessons.lesson.longer_terms_raise_sales": (
        "Longer terms win sales: net 60 sells more than net 30",
        "信用期越长销售越多：n/60的销售额高于n/30"),
    "lessons.lesson.longer_terms_raise_dso": (
        "Longer terms raise DSO: net 60 is collected later than net 30",
        "信用期越长，应收账款周转天数越多：n/60比n/30收款更慢"),
    "lessons.lesson.discount_speeds_payment": (
        "A cash discount speeds payment: 2/10, net 30 has a lower DSO than net 30",
        "现金折扣加快收款：2/10，n/30的应收账款周转天数低于n/30"),
    "lessons.lesson.tighter_cutoff_fewer_approvals": (
        "A tighter cutoff approves fewer customers (cutoff 60 against 30)",
        "授信门槛越严，获授信客户越少（门槛60对比30）"),
    "lessons.lesson.tighter_cutoff_less_bad_debt": (
        "A tighter cutoff lowers bad debt (cutoff 60 against 30)",
        "授信门槛越严，坏账越少（门槛60对比30）"),
    "lessons.lesson.rating_separates_payers": (
        "The credit score separates good from bad payers: AUC above 0.7",
        "信用评分能区分好坏客户：AUC高于0.7"),
    "lessons.lesson.best_cutoff_interior": (
        "Screening pays, up to a point: a cutoff of 35 beats both no screening (0) and the strictest (90)",
        "授信筛选有利但应适度：门槛35的利润高于不筛选（0）和最严门槛（90）"),
    "lessons.lesson.best_period_interior": (
        "The best credit period lies inside the range: net 60 beats both net 15 and net 120",
        "最优信用期位于区间内部：n/60的利润高于n/15和n/120"),
})
