# Source of notebook 05, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 05 · Role play: winning a buying centre

This notebook is for trainers. A team of trainees sells a project to one key account of the synthetic market;
other trainees play the people in that account's buying centre: the decision maker, influencers, users, the
gatekeeper, and sometimes a coach who quietly helps the sellers. The play has four rounds, four steps of the
customer-development conversation: approach, learn the need, present, and handle objections and close.

In each round the sales team splits its hours between the people and chooses one approach for each person it
meets: SPIN questions, a FAB presentation, a relationship event, a price concession, an extra promise, or (with
the coach) asking for advice. crmsim then moves each person's attitude by a simple, documented model
(`help(crmsim.roleplay)`), and at the end it scores the deal and runs a debrief against what the course teaches.
""", """
# 05 · 角色扮演：赢得采购中心

本笔记本供培训师使用。一组学员扮演销售团队，向模拟市场中的一个大客户销售项目；另一些学员扮演这个客户采购中心里的人：
决策者、影响者、使用者、把关者，有时还有一位私下帮助销售方的教练。扮演分四个回合，对应客户开发谈话中的四个步骤：
接近客户、了解需求、介绍方案、处理异议并成交。

每个回合，销售团队把时间分配给采购中心的成员，并为见到的每个人选择一种方法：SPIN提问、FAB介绍、关系活动、价格让步、
额外承诺，或者（对教练）请教建议。crmsim按照一个简单、公开的模型（`help(crmsim.roleplay)`）改变每个人对我方的态度，
最后给这笔交易打分，并对照课程内容进行复盘。
"""),
    code("""
from crmsim import roleplay as rp
from crmsim.display import labelled
from crmsim.plots import roleplay as rpplots

world = crmsim.make_world(seed=2024, n_customers=300)
scenario = rp.make_scenario(world, seed=5)
labelled(scenario.people[["contact_id", "role", "influence", "is_coach"]], "roleplay")
"""),
    md("""
## The role cards

Print these and hand them out. Everyone may read the public line; the private line is for that player only. The
sales team's card describes the account and the rules; each buyer's card gives their influence, their attitude
towards us today, what they worry about most (one of the five purchase risks) and what they like, so that a
relationship event has something to talk about. The coach's card says so; the gatekeeper's card explains that
the gatekeeper decides who gets meetings.
""", """
## 角色卡

把下面的角色卡打印出来发给学员。公开信息所有人都可以看，私密信息只给扮演该角色的学员。销售团队的卡片介绍客户和规则；
每位买方成员的卡片写明他的影响力、目前对我方的态度、最担心的事情（五种购买风险之一）以及爱好，这样关系活动就有话题可聊。
教练的卡片会写明他是教练；把关者的卡片说明他决定谁能见到谁。
"""),
    code("""
labelled(rp.role_cards(scenario), "roleplay", headers=False)
"""),
    md("""
## Two teams play the same account

Before the class plays, compare two ready-made teams. The *textbook* team asks the coach first, puts SPIN
questions to everyone, wins the gatekeeper with a relationship event, presents to needs it has learned, and spends
its hours in proportion to influence. The *novice* team spends every hour with the decision maker: two
presentations, a price cut and an extra promise. Here are the textbook team's moves, and both outcomes.
""", """
## 两个团队扮演同一个客户

在学员上场之前，先比较两个预先设定的团队。"教科书"团队先请教教练，向每个人提SPIN问题，用关系活动争取把关者，
针对已了解的需求介绍方案，并按影响力分配时间。"新手"团队把所有时间都花在决策者身上：两次方案介绍、一次降价和一次额外承诺。
下面是教科书团队的行动，以及两个团队的结果。
"""),
    code("""
textbook = rp.play(scenario, rp.example_moves(scenario, "textbook"))
novice = rp.play(scenario, rp.example_moves(scenario, "novice"))
labelled(textbook.moves[textbook.moves["round"] <= 2], "roleplay")
"""),
    code("""
rp.outcome_table({"textbook": textbook, "novice": novice})
"""),
    code("""
rpplots.plot_attitudes(textbook)
"""),
    code("""
rpplots.plot_attitudes(novice)
"""),
    md("""
The textbook team moves the whole buying centre: the influencer who opposed us comes back almost to neutral, and
the gatekeeper turns supportive, so every other meeting counts in full. The novice team warms the decision maker and nobody else: the people it never met drift away as
competitors visit them, and the gatekeeper's coolness blunts even the meetings it has. Its price cut costs margin
on the whole project, and its extra promise lowers the account's health after delivery: over-promising wins the
deal and loses the account.

## The debrief

The debrief checks a team's play against the course, one line per lesson, with the number it looked at.
""", """
教科书团队推动了整个采购中心：原本反对我们的影响者几乎回到了中立，把关者也转为支持，其他会面因此都能发挥全部效果。新手团队只让决策者升温，其他人都没有：
从未接触的人随着竞争对手的拜访而逐渐疏远，把关者的冷淡也让他们仅有的会面打了折扣。降价损失的是整个项目的毛利，
额外承诺则降低了交付后的客户关系健康度：过度承诺能赢得订单，却会失去客户。

## 复盘

复盘逐条对照课程内容检查团队的表现，并给出所依据的数字。
"""),
    code("""
labelled(rp.debrief(novice), "roleplay")
"""),
    code("""
rpplots.plot_effort(novice)
"""),
    md("""
## Running it with a class

Collect the sales team's moves after each round as a list, one entry per person met, and play what you have so
far. Playing the next round never changes the rounds already played, so you can show the attitudes after every
round, let the buyers react in character, and only run the debrief at the end. A move that breaks the rules (too
many hours, a person who is not in the buying centre, asking someone who is not the coach) is refused with a
message that says what is wrong. Below, a team has played round 1: it asked the coach and met the decision maker.
""", """
## 在课堂上进行

每个回合结束后收集销售团队的行动，写成一个列表，每见一个人写一条，然后用已有的回合进行模拟。
进行下一个回合不会改变已经完成的回合，因此可以在每个回合后展示态度变化，让扮演买方的学员按角色作出反应，最后再复盘。
违反规则的行动（时间超出、对象不在采购中心、向不是教练的人请教）会被拒绝，并说明错在哪里。
下面是一个团队完成第1回合后的情况：他们请教了教练，并拜访了决策者。
"""),
    code("""
coach = int(scenario.people.loc[scenario.people["is_coach"], "contact_id"].iloc[0])
decision_maker = int(scenario.people.loc[scenario.people["role"] == "decision_maker", "contact_id"].iloc[0])
moves = [
    {"round": 1, "contact_id": coach, "approach": "ask_coach", "hours": 3},
    {"round": 1, "contact_id": decision_maker, "approach": "relationship_event", "hours": 5},
]
so_far = rp.play(scenario, moves)
labelled(so_far.rounds[["contact_id", "role", "approach", "hours", "attitude_before", "attitude_after",
                        "need_known"]], "roleplay")
"""),
    md("""
## Questions for the debrief

1. The novice team spent all its time on the person with the most influence. Why did that still fail?
2. Which person was hardest to win, and what on their role card explains it?
3. When is a price concession the right move? Find the person in this buying centre for whom it would be, if any.
4. A team wins the deal with two extra promises. Should the trainer call that a success? What happens next year?
""", """
## 复盘讨论题

1. 新手团队把全部时间都花在影响力最大的人身上，为什么仍然失败？
2. 哪个人最难争取？他的角色卡上哪些信息能解释这一点？
3. 什么时候价格让步才是正确的做法？在这个采购中心里找出适合让价的人（如果有的话）。
4. 一个团队靠两次额外承诺赢得了订单。培训师应该把它算作成功吗？第二年会发生什么？
"""),
]
