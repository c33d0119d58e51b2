"""Text of relationship levels: the ladders, care policies, complaints, their tables, plots and the dashboard.

Keys: ``rel.col.<column>`` table headers, ``rel.<kind>.<code>`` coded values
(``rel.level.distant``, ``rel.channel.sms``, ``rel.handling.recovered``),
``complaint.*`` the complaint walk-through, ``rel.plot.*`` and ``rel.widget.*``.
"""

from . import register

# --- coded values ------------------------------------------------------------------------
register({
    "rel.channel.face_to_face": ("Face-to-face visit", "面对面拜访"),
    "rel.channel.phone": ("Phone call", "电话沟通"),
    "rel.channel.sms": ("SMS", "短信"),
    "rel.channel.email": ("E-mail", "电子邮件"),
    "rel.channel.event": ("Customer event", "客户活动"),
    "rel.service.standardised": ("Standardised", "标准化服务"),
    "rel.service.tiered": ("Tiered (personalised for key accounts)", "分级（大客户个性化）"),
    "rel.service.personalised": ("Personalised", "个性化服务"),
    "rel.maintenance.forced": ("Forced", "强人所难式"),
    "rel.maintenance.voluntary": ("Voluntary", "自愿式"),
    "rel.maintenance.negotiated": ("Negotiated", "双方协商式"),
    "rel.mix.personal": ("Personal (visits, calls)", "以拜访电话为主"),
    "rel.mix.balanced": ("Balanced", "均衡组合"),
    "rel.mix.digital": ("Digital (SMS, e-mail)", "以短信邮件为主"),
    "rel.ladder.course": ("Course ladder", "课程关系层次"),
    "rel.ladder.kotler": ("Kotler's five levels", "科特勒五层次"),
    "rel.level.churned": ("Churned", "已流失"),
    "rel.level.distant": ("Distant", "疏远关系"),
    "rel.level.face_to_face": ("Face-to-face", "面对面关系"),
    "rel.level.brand": ("Brand", "品牌关系"),
    "rel.level.intimate": ("Intimate", "亲密关系"),
    "rel.level.basic": ("Basic", "基本型"),
    "rel.level.reactive": ("Reactive", "被动型"),
    "rel.level.accountable": ("Accountable", "负责型"),
    "rel.level.proactive": ("Proactive", "能动型"),
    "rel.level.partnership": ("Partnership", "伙伴型"),
    "rel.handling.no_complaint": ("No complaint", "无投诉"),
    "rel.handling.recovered": ("Complaint handled well", "投诉补救成功"),
    "rel.handling.not_recovered": ("Complaint handled poorly", "投诉补救失败"),
    "rel.example.no_care": ("No care", "不做关怀"),
    "rel.example.default": ("Course default", "课程默认策略"),
    "rel.example.generous": ("Generous care", "大力关怀"),
    "rel.example.fast_good": ("Fast, careful complaint handling", "快速、认真处理投诉"),
    "rel.example.slow_poor": ("Slow, careless complaint handling", "拖延、敷衍处理投诉"),
})

# --- table headers -------------------------------------------------------------------------
register({
    "rel.col.handling": ("Complaint handling", "投诉处理"),
    "rel.col.month": ("Month", "月份"),
    "rel.col.from": ("From level", "月初层次"),
    "rel.col.to": ("To level", "月末层次"),
    "rel.col.customers": ("Customers", "客户数"),
    # A column of churned customers (a count or a flag) is headed like the churned state.
    "rel.col.churned": ("Churned", "已流失"),
    "rel.col.churn_rate": ("Churn rate", "流失率"),
    "rel.col.cumulative_churn": ("Cumulative churn", "累计流失率"),
    "rel.col.satisfied": ("Satisfied share", "满意客户比例"),
    "rel.col.satisfaction": ("Satisfaction", "满意度"),
    "rel.col.complaints": ("Complaints", "投诉数"),
    "rel.col.complaint_rate": ("Complaint rate", "投诉率"),
    "rel.col.revenue": ("Revenue (CNY)", "收入（元）"),
    "rel.col.profit": ("Profit (CNY)", "利润（元）"),
    "rel.col.cumulative_profit": ("Cumulative profit (CNY)", "累计利润（元）"),
    "rel.col.customer_months": ("Customer-months", "客户·月数"),
    "rel.col.monthly_churn": ("Monthly churn", "月流失率"),
    "rel.col.annual_retention": ("Annual retention", "年保留率"),
    "rel.col.up_rate": ("Moved up", "升级比例"),
    "rel.col.down_rate": ("Moved down", "降级比例"),
    "rel.col.clv_mean": ("CLV, mean (CNY)", "客户终生价值均值（元）"),
    "rel.col.clv_median": ("CLV, median (CNY)", "客户终生价值中位数（元）"),
    "rel.col.customers_now": ("Customers now", "当前客户数"),
    "rel.col.stationary_share": ("Long-run share", "长期占比"),
    "rel.col.simulated_share": ("Simulated share", "模拟占比"),
    "rel.col.care_spend": ("Care spending (CNY)", "关怀支出（元）"),
    "rel.col.profit_with_care": ("Profit with care (CNY)", "有关怀时利润（元）"),
    "rel.col.profit_without_care": ("Profit without care (CNY)", "无关怀时利润（元）"),
    "rel.col.incremental_profit": ("Extra profit from care (CNY)", "关怀带来的增量利润（元）"),
    "rel.col.return_on_care": ("Return on care", "关怀投资回报率"),
    "rel.col.care_return": ("Return on care spending", "关怀支出回报"),
    "rel.col.level": ("Level", "关系层次"),
    "rel.col.policy": ("Policy", "策略"),
    "rel.col.segment": ("Segment", "客户类别"),
    # A column of complaints handled well (a share or a flag) is headed like that outcome.
    "rel.col.recovered": ("Complaint handled well", "投诉补救成功"),
    "rel.col.complaint": ("Complaint", "投诉"),
    "rel.col.level_before": ("Level at start", "月初层次"),
    "rel.col.care_cost": ("Care budget (CNY)", "关怀预算（元）"),
    "rel.col.top_levels_start": ("Upper levels at start", "期初处于较高层次比例"),
    "rel.col.top_levels_end": ("Upper levels at end", "期末处于较高层次比例"),
    "rel.col.cost_to_serve": ("Cost to serve (CNY)", "服务成本（元）"),
    "rel.col.cost_per_month": ("Cost to serve (CNY/month)", "每月服务成本（元）"),
    "rel.col.share_of_wallet": ("Share of wallet", "钱包份额"),
})

# --- complaints ----------------------------------------------------------------------------
register({
    "complaint.step.record": ("Record the complaint", "记录投诉内容"),
    "complaint.step.judge": ("Judge whether it stands", "判断投诉是否成立"),
    "complaint.step.assign": ("Assign the responsible department", "确定处理部门"),
    "complaint.step.analyse": ("Analyse the cause", "分析投诉原因"),
    "complaint.step.remedy": ("Propose a remedy", "提出处理方案"),
    "complaint.step.approve": ("Get the remedy signed off", "提交主管审批"),
    "complaint.step.resolve": ("Carry it out, tell the customer, collect feedback", "实施方案、告知客户并收集反馈"),
    "complaint.step.review": ("Review and prevent a repeat", "总结评价、防止再犯"),
    "complaint.outcome.recovered": ("Recovered (handled well)", "补救成功"),
    "complaint.outcome.not_recovered": ("Not recovered (handled poorly)", "补救失败"),
    "complaint.col.step": ("Step", "步骤"),
    "complaint.col.action": ("What happens", "工作内容"),
    "complaint.col.day_done": ("Done by day", "完成于第几天"),
    "complaint.col.time_share": ("Share of handling time", "占处理时间比例"),
    "complaint.col.days": ("Handling days", "处理天数"),
    "complaint.col.quality": ("Handling quality", "处理质量"),
    "complaint.col.recovery": ("Chance of a good recovery", "补救成功概率"),
    "complaint.col.cost": ("Handling cost (CNY)", "处理成本（元）"),
})

# --- plots ---------------------------------------------------------------------------------
register({
    "rel.plot.mix.title": ("Relationship level mix", "客户关系层次构成"),
    "rel.plot.month": ("Month", "月份"),
    "rel.plot.share": ("Share of starting customers", "占期初客户比例"),
    "rel.plot.kpis.title": ("Churn and satisfaction", "流失与满意度"),
    "rel.plot.kpis.churn": ("Cumulative churn", "累计流失率"),
    "rel.plot.kpis.satisfied": ("Satisfied customers", "满意客户比例"),
    "rel.plot.profit.title": ("Cumulative profit", "累计利润"),
    "rel.plot.profit.y": ("CNY million", "百万元"),
    "rel.plot.profit.without": ("Expected without care", "无关怀时的期望值"),
    "rel.plot.profit.with": ("This policy", "当前策略"),
    "rel.plot.matrix.title": ("Monthly transitions: estimated (true)", "月度转移概率：估计值（真实值）"),
    "rel.plot.matrix.from": ("Level at the start of the month", "月初层次"),
    "rel.plot.matrix.to": ("Level at the end of the month", "月末层次"),
    "rel.plot.stationary.title": ("Long-run level mix", "长期关系层次构成"),
    "rel.plot.stationary.analytic": ("Stationary distribution", "平稳分布"),
    "rel.plot.stationary.simulated": ("Simulated", "模拟结果"),
    "rel.plot.economics.title": ("Profit and retention by level", "各层次的利润与保留率"),
    "rel.plot.economics.profit": ("Profit per customer-month (CNY thousand)", "每客户每月利润（千元）"),
    "rel.plot.economics.retention": ("Annual retention", "年保留率"),
    "rel.plot.recovery.title": ("What a complaint does in its month", "投诉当月的结果"),
    "rel.plot.recovery.up": ("Moved up", "升级"),
    "rel.plot.recovery.down": ("Moved down", "降级"),
    "rel.plot.recovery.churn": ("Left", "流失"),
})

# --- the dashboard -------------------------------------------------------------------------
register({
    "rel.widget.budget_ordinary": ("Care CNY/month: ordinary", "关怀预算（元/月）：普通客户"),
    "rel.widget.budget_key": ("Care CNY/month: key accounts", "关怀预算（元/月）：大客户"),
    "rel.widget.budget_level": ("Care CNY/month: {level}", "关怀预算（元/月）：{level}"),
    "rel.widget.contacts": ("Contacts/month", "每月联系次数"),
    "rel.widget.channel_mix": ("Channels", "联系渠道"),
    "rel.widget.service_level": ("Service", "服务方式"),
    "rel.widget.maintenance": ("Maintenance", "维系方式"),
    "rel.widget.complaint_days": ("Complaint days", "投诉处理天数"),
    "rel.widget.complaint_quality": ("Handling quality", "投诉处理质量"),
    "rel.widget.summary": (
        "After {months} months: top level {top:.0%} · churned {churn:.0%} · satisfied {satisfied:.0%} · "
        "profit CNY {profit:,.0f} m · care spending CNY {spend:,.1f} m, return {roi}",
        "{months}个月后：最高层次占 {top:.0%} · 累计流失 {churn:.0%} · 满意客户 {satisfied:.0%} · "
        "利润 {profit:,.0f} 百万元 · 关怀支出 {spend:,.1f} 百万元，回报 {roi}"),
    "rel.widget.no_spend": ("n/a (no care spending)", "无（没有关怀支出）"),
})
