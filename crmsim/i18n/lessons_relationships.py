"""Text of the lessons of relationship levels (notebook 02): the lessons and what they measure."""

from . import register

register({
    "lessons.measure.level_change": ("Change in expected level (rungs)", "期望层次变化（级）"),
    "lessons.measure.retention_change": ("Change in share kept (24 months)", "24个月保留比例变化"),
    "lessons.measure.relative_profit": ("Relative change in profit", "利润相对变化"),
    "lessons.measure.satisfaction_change": ("Change in mean satisfaction", "平均满意度变化"),
    "lessons.measure.churn_points": ("Cumulative churn, percentage points", "累计流失率（百分点）"),
    "lessons.measure.profit_per_customer": ("Profit per customer (CNY)", "每位客户利润（元）"),
    "lessons.lesson.more_care_never_lowers_level": (
        "More care never lowers a customer's expected level: doubling the care budget lowers nobody's",
        "关怀越多，客户的期望层次不会越低：关怀预算加倍不会降低任何客户的期望层次"),
    "lessons.lesson.failures_never_raise_retention": (
        "Service failures never pay in loyalty: more failures keep fewer customers, even with good handling",
        "服务失误不会换来忠诚：即使处理得好，失误越多留下的客户越少"),
    "lessons.lesson.failures_never_raise_profit": (
        "Service failures never pay in profit: more failures earn less, even with good handling",
        "服务失误不会带来利润：即使处理得好，失误越多利润越低"),
    "lessons.lesson.recovery_lifts_satisfaction": (
        "The recovery paradox: a first failure handled well leaves the customer more satisfied than none",
        "服务补救悖论：首次失误补救成功后，客户比没有失误时更满意"),
    "lessons.lesson.second_failure_no_paradox": (
        "No paradox the second time: a repeat failure handled well leaves the customer less satisfied",
        "第二次就没有悖论：再次失误即使补救成功，客户也不如没有失误时满意"),
    "lessons.lesson.forced_holds_short_run": (
        "Forced maintenance holds customers in the short run: less churn than voluntary after a quarter",
        "强人所难式维系短期内留得住客户：一个季度后流失少于自愿式"),
    "lessons.lesson.forced_loses_later": (
        "Forced maintenance loses them later: more churn than voluntary after two years",
        "强人所难式维系日后会失去客户：两年后流失多于自愿式"),
    "lessons.lesson.care_return_plausible": (
        "Care pays, but plausibly: the default policy returns 0.5-4 CNY of extra profit per CNY of care",
        "关怀有回报，但在合理范围内：默认策略每投入1元关怀带来0.5至4元的额外利润"),
    "lessons.lesson.personalised_pays_value_oriented": (
        "Personalised service pays more for value-oriented than for price-oriented customers",
        "个性化服务对价值取向型客户的回报高于价格取向型客户"),
})
