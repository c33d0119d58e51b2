"""Text of the key-account lessons (:mod:`crmsim.lessons.key_accounts`): what they say and what they measure."""

from . import register

register({
    "lessons.measure.ka_win_rate_gap": ("Win-rate gap", "赢单率差"),
    "lessons.measure.ka_relative_change": ("Relative change", "相对变化"),
    "lessons.lesson.grades_order_win_rates": (
        "Key accounts: win rates fall grade by grade, A above B above C",
        "大客户：赢单率逐级下降，A级高于B级，B级高于C级"),
    "lessons.lesson.grade_d_wins_least": (
        "Key accounts: D leads, when pursued, are won less often than C leads",
        "大客户：若跟进D级线索，其赢单率低于C级"),
    "lessons.lesson.grades_order_revenue": (
        "Key accounts: revenue per opportunity falls grade by grade, A above B above C",
        "大客户：每个商机的销售额逐级下降，A级高于B级，B级高于C级"),
    "lessons.lesson.coach_raises_win_rate": (
        "Key accounts: opportunities with a coach are won more often than those without",
        "大客户：有教练（内线）的商机赢单率高于没有教练的商机"),
    "lessons.lesson.developing_coaches_pays": (
        "Key accounts: developing coaches raises the win rate, although it takes 15% of the hours",
        "大客户：发展教练（内线）虽占用15%的时间，但能提高赢单率"),
    "lessons.lesson.warm_centre_raises_win_rate": (
        "Key accounts: the warmer the buying centre, the higher the win rate (warm > neutral > cool)",
        "大客户：采购中心态度越好，赢单率越高（良好 > 一般 > 冷淡）"),
    "lessons.lesson.effort_on_a_pays_up_to_a_point": (
        "Key accounts: more hours on A accounts raise expected revenue only up to a point",
        "大客户：在A级客户上多投入时间只在一定限度内能提高预期销售额"),
    "lessons.lesson.all_hours_on_a_lose_revenue": (
        "Key accounts: putting every hour on A accounts wins less revenue than the default split",
        "大客户：把全部时间都投到A级客户上，签约金额低于默认的时间分配"),
    "lessons.lesson.deep_discount_costs_margin": (
        "Key accounts: a 25% bid discount wins more deals but less gross margin than 8%",
        "大客户：25%的报价折扣赢得更多订单，但毛利低于8%的折扣"),
    "lessons.lesson.size_grading_blurs_grades": (
        "Key accounts: grading on size (half the weight) narrows the win-rate gap between A and C",
        "大客户：按企业规模分级（占一半权重）会缩小A级与C级的赢单率差距"),
    "lessons.lesson.weighted_forecast_right_on_average": (
        "Key accounts: the stage-weighted pipeline forecast is right on average, within 15%",
        "大客户：按阶段加权的管道预测平均而言是准确的，误差在15%以内"),
})
