"""Text of the role play: rounds, approaches, concerns, role cards, outcome, debrief and plots."""

from . import register

register({
    # The rounds (crmsim.roleplay.ROUNDS).
    "rp.round.approach": ("1 Approach", "1 接近客户"),
    "rp.round.needs": ("2 Learn the need", "2 了解需求"),
    "rp.round.present": ("3 Present", "3 介绍方案"),
    "rp.round.close": ("4 Objections and close", "4 处理异议并成交"),
    # What the sales team can do with a person (crmsim.roleplay.APPROACHES), and "not met".
    "rp.approach.spin_questions": ("SPIN questions", "SPIN提问"),
    "rp.approach.fab_presentation": ("FAB presentation", "FAB介绍"),
    "rp.approach.relationship_event": ("Relationship event", "关系活动"),
    "rp.approach.price_concession": ("Price concession", "价格让步"),
    "rp.approach.extra_promise": ("Extra promise", "额外承诺"),
    "rp.approach.ask_coach": ("Ask the coach", "请教教练"),
    "rp.approach.none": ("Not met", "未接触"),
    # The purchase risks (crmsim.roleplay.CONCERNS).
    "rp.concern.economic": ("economic risk: paying too much", "经济风险：花钱太多"),
    "rp.concern.functional": ("functional risk: it will not do the job", "功能风险：不能满足需要"),
    "rp.concern.quality": ("quality risk: it will break or be hard to use", "质量风险：质量不好或难以使用"),
    "rp.concern.social": ("social risk: looking bad to others", "社会风险：在别人面前丢面子"),
    "rp.concern.psychological": ("psychological risk: regretting the choice", "心理风险：事后后悔"),
    # The sales team's role on the cards (the buyers' roles are the world's "role.*").
    "rp.role.seller": ("Sales team", "销售团队"),
    # Column headers.
    "rp.col.role": ("Role", "角色"),
    "rp.col.name": ("Name", "姓名"),
    "rp.col.title": ("Title", "职务"),
    "rp.col.public": ("Everyone knows", "公开信息"),
    "rp.col.private": ("Only you know", "只有你知道"),
    "rp.col.round": ("Round", "回合"),
    "rp.col.contact_id": ("Contact", "联系人编号"),
    "rp.col.approach": ("Approach", "方法"),
    "rp.col.hours": ("Hours", "小时"),
    "rp.col.attitude_before": ("Attitude before", "之前态度"),
    "rp.col.attitude_after": ("Attitude after", "之后态度"),
    "rp.col.need_known": ("Need known", "已了解需求"),
    "rp.col.influence": ("Influence", "影响力"),
    "rp.col.concern": ("Main concern", "主要顾虑"),
    "rp.col.is_coach": ("Coach", "教练"),
    "rp.col.finding": ("Check", "检查项"),
    "rp.col.ok": ("Done well", "做得好"),
    "rp.col.evidence": ("Evidence", "依据"),
    "rp.col.lesson": ("Lesson", "要点"),
    "rp.col.value": ("Value", "数值"),
    # The outcome of a play (crmsim.roleplay.RoleplayRun.outcome).
    "rp.outcome.rounds_played": ("Rounds played", "已进行回合"),
    "rp.outcome.support": ("Influence-weighted support", "按影响力加权的支持度"),
    "rp.outcome.win_probability": ("Chance of winning", "赢单概率"),
    "rp.outcome.margin": ("Gross margin", "毛利率"),
    "rp.outcome.account_health": ("Account health after delivery", "交付后客户关系健康度"),
    "rp.outcome.expected_profit": ("Expected gross profit (CNY million)", "预期毛利（百万元）"),
    "rp.outcome.won": ("Won (drawn at the close)", "是否赢单（成交时抽签）"),
    # The example teams (crmsim.roleplay.example_moves styles).
    "rp.team.textbook": ("Textbook team", "教科书团队"),
    "rp.team.novice": ("Novice team", "新手团队"),
    # The role cards.
    "rp.card.seller.public": (
        "{company} ({industry}, {tier}, revenue CNY {revenue:,.0f} million) is buying a project worth about CNY "
        "{deal:.1f} million; {competitors} competitor(s) are bidding. Its buying centre: {people}.",
        "{company}（{industry}，{tier}，年收入{revenue:,.0f}百万元）正在采购一个约{deal:.1f}百万元的项目，"
        "另有{competitors}家竞争对手参与。采购中心成员：{people}。"),
    "rp.card.seller.private": (
        "Each round you have {hours:g} hours to split between these people, with one approach per person. "
        "Win the deal at a good margin without promising what we cannot deliver.",
        "每个回合你们有{hours:g}小时分配给这些人，每人选一种方法。要以合理的毛利赢得项目，并且不做做不到的承诺。"),
    "rp.card.buyer.public": (
        "{name}, {title} at {company}; role in this purchase: {role}.",
        "{name}，{company}{title}；在本次采购中的角色：{role}。"),
    "rp.card.buyer.private": (
        "Your influence on the decision is {influence:.0%}. Today your attitude towards this seller is {attitude} "
        "({attitude_value:+.2f} on -1 to +1). Your main worry is {concern}; warm up when the sellers find it out and "
        "answer it, stay cool when they pitch before they have asked. You like {interest}.",
        "你对决策的影响力是{influence:.0%}。目前你对这家供应商的态度是{attitude}（-1到+1之间为{attitude_value:+.2f}）。"
        "你最担心的是{concern}；对方了解到并解决这一点时你会更支持，还没问清楚就推销时保持冷淡。你的爱好是{interest}。"),
    "rp.card.coach": (
        " You want this project to succeed and quietly help the sellers: if they ask you, tell them what each person "
        "worries about.",
        "你希望这个项目成功，会私下帮助销售方：如果他们问你，就告诉他们每个人担心什么。"),
    "rp.card.gatekeeper": (
        " You decide who gets meetings: while you are against the sellers, their time with the others counts for less.",
        "你决定谁能见到谁：只要你不支持对方，他们与其他人的会面效果就会打折扣。"),
    "rp.attitude.against": ("against", "反对"),
    "rp.attitude.neutral": ("neutral", "中立"),
    "rp.attitude.for": ("in favour", "支持"),
    # The debrief's checks and their lessons (crmsim.roleplay.debrief).
    "rp.finding.decision_maker_reached": ("Reached the decision maker", "接触到了决策者"),
    "rp.finding.effort_follows_influence": ("Time followed influence", "时间投入与影响力相符"),
    "rp.finding.gatekeeper_won": ("Won over the gatekeeper", "争取到了把关者"),
    "rp.finding.needs_before_presenting": ("Learned the need before presenting", "先了解需求再介绍方案"),
    "rp.finding.coach_used": ("Used the coach", "利用了教练"),
    "rp.finding.no_over_promising": ("Did not over-promise", "没有过度承诺"),
    "rp.finding.concessions_targeted": ("Conceded on price only where price mattered", "只对在乎价格的人让价"),
    "rp.finding.nobody_neglected": ("Met everyone with real influence", "接触了所有有影响力的人"),
    "rp.lesson.decision_maker_reached": (
        "The decision maker signs; without time with them the deal rests on others' word.",
        "合同由决策者签字；没有和决策者交流，成交只能依赖别人转述。"),
    "rp.lesson.effort_follows_influence": (
        "Spend time in proportion to who decides, not to who is pleasant to meet.",
        "时间要按决策影响力分配，而不是按谁好相处分配。"),
    "rp.lesson.gatekeeper_won": (
        "The gatekeeper controls access: against you, every other meeting counts for less.",
        "把关者控制着接触渠道：他反对时，其他会面的效果都会打折扣。"),
    "rp.lesson.needs_before_presenting": (
        "Features presented before the need is known rarely land (SPIN before FAB).",
        "不了解需求就介绍功能很少奏效（先SPIN后FAB）。"),
    "rp.lesson.coach_used": ("A coach tells you who worries about what; ask early.", "教练能告诉你每个人担心什么，要尽早请教。"),
    "rp.lesson.no_over_promising": (
        "Over-promising wins the deal and loses the account: delivery will disappoint.",
        "过度承诺能赢得订单，却会失去客户：交付时客户会失望。"),
    "rp.lesson.concessions_targeted": (
        "A price cut pleases only people who worry about price, and costs margin on all of it.",
        "降价只会打动在乎价格的人，损失的却是整单的毛利。"),
    "rp.lesson.nobody_neglected": (
        "Everyone with a say who is never met is left to the competitors.",
        "有发言权却从未接触的人，等于留给了竞争对手。"),
    # Plots (crmsim.plots.roleplay).
    "rp.plot.attitudes.title": ("Attitude towards us, round by round", "各回合对我方的态度"),
    "rp.plot.round": ("Round (0 = start)", "回合（0为开始时）"),
    "rp.plot.attitude": ("Attitude (-1 against, +1 for)", "态度（-1反对，+1支持）"),
    "rp.plot.effort.title": ("Where the time went", "时间花在了谁身上"),
    "rp.plot.effort.hours": ("Share of the team's hours", "占团队时间的比例"),
    "rp.plot.effort.influence": ("Share of the influence", "占影响力的比例"),
})
