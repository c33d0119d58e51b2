# Source of notebook 05, built into notebooks/en and notebooks/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# 05 · Role play: winning a buying centre

This notebook is for trainers, and it needs no code from you. A team of trainees sells a project to one key
account of the synthetic market; other trainees play the people in that account's buying centre: the decision
maker, influencers, users, the gatekeeper, and sometimes a coach who quietly helps the sellers. The play has four
rounds, four steps of the customer-development conversation: approach, learn the need, present, and handle
objections and close.

In each round the sales team splits its hours between the people and chooses one approach for each person it
meets: SPIN questions, a FAB presentation, a relationship event, a price concession, an extra promise, or (with
the coach only) asking for advice. crmsim moves each person's attitude by a small, documented model, scores the
deal at the end and runs a debrief against what the course teaches.
""", """
# 05 · 角色扮演：赢得采购中心

本笔记本供培训师使用，不需要你写代码。一组学员扮演销售团队，向模拟市场中的一个大客户销售项目；另一些学员扮演这个客户
采购中心里的人：决策者、影响者、使用者、把关者，有时还有一位私下帮助销售方的教练。扮演分四个回合，对应客户开发谈话中的
四个步骤：接近客户、了解需求、介绍方案、处理异议并成交。

每个回合，销售团队把时间分配给采购中心的成员，并为见到的每个人选择一种方法：SPIN提问、FAB介绍、关系活动、价格让步、
额外承诺，或者（只对教练）请教建议。crmsim按照一个简单、公开的模型改变每个人对我方的态度，最后给这笔交易打分，
并对照课程内容进行复盘。
"""),
    md("""
## The account and the printed cards

The account below is the course's account for seed 5. Print the role cards before class: one page per player,
each holding only that player's private information, and a last page for you alone with everything, including who
the coach is. The console's *Role cards* button shows them and offers them as PDF and HTML; the same files come
from the command line: `python -m crmsim roleplay cards --seed 5 --language en --out cards.pdf` (a PDF with its
fonts embedded, ready to print; `--out cards.html` writes a page to print from the browser; add `--scenario FILE`
for an account of your own; the examples shipped with crmsim are listed below).
""", """
## 客户与打印的角色卡

下面是课程在随机种子5下的客户。上课前打印角色卡：每位学员一页，只写他自己的私密信息；最后一页只给培训师，
包含全部信息，也写明谁是教练。控制台的“角色卡”按钮会显示角色卡，并提供PDF和HTML下载；同样的文件也可以用命令行生成：
`python -m crmsim roleplay cards --seed 5 --language zh --out cards.pdf`（PDF内嵌字体，可直接打印；
`--out cards.html`生成在浏览器中打印的网页；用自己的客户时加上`--scenario 文件`；crmsim自带的示例列在下面）。
"""),
    code("""
from crmsim import roleplay as rp
from crmsim.plots import roleplay as rpplots

scenario = rp.default_scenario(5)
rp.sheet(scenario.people[["contact_id", "role", "influence", "is_coach"]])
"""),
    code("""
print(rp.shipped_scenarios())
print(rp.coach_answer(scenario))
"""),
    code("""
# rp.write_cards(scenario, "cards.pdf") (or "cards.html") writes the printable file; one player's page as text:
page = rp.card_pages(scenario)[1]
print(page["heading"], "|", page["who"])
print(page["public"])
print(page["private"])
"""),
    md("""
## How the model works

Every coefficient of the response model, read from the code. Meeting a person for some hours has an effect that
grows with the hours and flattens out; the approach fits the person to a degree (a presentation lands once their
need is known, a price cut moves only people who worry about price); a hostile gatekeeper blunts every other
meeting; once the coach has been asked, later meetings with everyone else count more; people nobody meets drift
away. The chance of winning grows with the influence-weighted support, the decision maker counting double.
""", """
## 模型如何运作

下面是响应模型的全部系数，直接从代码中读取。与一个人交流若干小时的效果随时间增加而逐渐饱和；方法与对象的匹配程度不同
（了解需求之后介绍方案才有效，降价只打动在乎价格的人）；把关者反对时，其他会面的效果都会打折扣；请教教练之后，
与其他人的会面效果更好；无人接触的人会逐渐疏远。赢单概率随按影响力加权的支持度上升，决策者的影响力按两倍计算。
"""),
    code("""
rp.sheet(rp.model_card())
"""),
    md("""
## The console

Run the play from the console below: choose the account (a seed or a scenario file) and, with several tables, the
table whose moves you enter. For each person pick an approach and the hours; the sliders never let the round's
hours exceed its budget. Press *Play round*: the map shows each person at their influence and attitude (the coach
as a star), the lines show attitudes round by round, and the line above the figure gives the chance of winning,
the margin and the account's health. *Undo last round* takes a round back. A move that breaks a rule is refused
with a message in the language of the notebook. Set *Tables* (here `tables=6` to start with): every team plays
the same account with the same random numbers, and the class scorecard under the figure pools them; *Class
debrief* opens the ranking chart and what each buyer got from each team's deal.
""", """
## 控制台

用下面的控制台进行扮演：选择客户（随机种子或场景文件），有多个小组时选择要录入行动的小组。为每个人选择方法和时间；
滑块不会让本回合的时间超出预算。点击“进行本回合”：左图显示每个人的影响力和态度（教练用星号表示），右图显示各回合的
态度变化，图上方一行给出赢单概率、毛利率和客户关系健康度。“撤销上一回合”可以退回一个回合。违反规则的行动会被拒绝，
并用笔记本的语言说明原因。设置“小组数”（这里用`tables=6`开始）：各小组用相同的随机数扮演同一个客户，图下方的全班计分卡
汇总各组的结果；“全班复盘”给出排名图，以及每位买方成员从各组交易中得到了什么。
"""),
    code("""
from crmsim.widgets.roleplay import RolePlayConsole

RolePlayConsole(scenario=scenario, tables=6)
""", ignore_output=True),
    md("""
## Two ready-made teams

Before the class plays, compare two ready-made teams on the same account. The *textbook* team asks the coach
first, puts SPIN questions to everyone else, wins the gatekeeper with relationship events, presents to needs it has
learned, spends its hours in proportion to influence and concedes on price only to people who worry about price.
The *novice* team spends every hour with the decision maker: two presentations, a price cut and an extra promise.
""", """
## 两个预先设定的团队

在学员上场之前，先在同一个客户上比较两个预先设定的团队。“教科书”团队先请教教练，向其他每个人提SPIN问题，
用关系活动争取把关者，针对已了解的需求介绍方案，按影响力分配时间，只对在乎价格的人让价。
“新手”团队把所有时间都花在决策者身上：两次方案介绍、一次降价和一次额外承诺。
"""),
    code("""
textbook = rp.play(scenario, rp.example_moves(scenario, "textbook"))
novice = rp.play(scenario, rp.example_moves(scenario, "novice"))
rp.outcome_table({"textbook": textbook, "novice": novice})
"""),
    code("""
ax = rpplots.plot_attitudes(textbook)
"""),
    code("""
ax = rpplots.plot_attitudes(novice)
"""),
    md("""
The textbook team moves the whole buying centre: the influencer who opposed us most at the start comes back to
neutral, the gatekeeper ends just in favour, so the other meetings count almost in full, and everyone else ends in
favour. The novice team warms the decision maker
and nobody else: the people it never meets drift further away as competitors visit them, and the gatekeeper's
coolness blunts even the meetings it has. Its chance of winning is less than half the textbook team's; its price
cut costs margin on the whole project, and its extra promise lowers the account's health after delivery.

## The class debrief

Here three tables have played: one like the novice, one by the book, and one that stopped after two rounds. The
scorecard ranks them on four measures at once (chance of winning, margin kept, account health and a method score,
the share of the course's checks passed), so no team tops the class on one measure alone; each team's expected
profit sits beside the textbook team's on the same account.
""", """
教科书团队推动了整个采购中心：开始时最反对我们的影响者回到了中立，把关者最后略偏支持，其他会面因此几乎都能发挥全部效果，
其余的人最后都支持我们。
新手团队只让决策者升温，其他人都没有：从未接触的人随着竞争对手的拜访而更加疏远，把关者的冷淡也让他们仅有的会面打了折扣。
新手团队的赢单概率不到教科书团队的一半；降价损失的是整个项目的毛利，额外承诺则降低了交付后的客户关系健康度。

## 全班复盘

这里有三个小组完成了扮演：一组像新手，一组照教科书，一组只进行了两个回合。计分卡同时按四项指标排名（赢单概率、
保住的毛利率、客户关系健康度和方法得分，即通过课程检查项的比例），因此没有哪个小组能只靠一项指标排到第一；
每个小组的预期毛利旁边列出教科书团队在同一客户上的预期毛利。
"""),
    code("""
book = rp.example_moves(scenario, "textbook")
runs = rp.play_tables(scenario, {"table_1": rp.example_moves(scenario, "novice"), "table_2": book,
                                 "table_3": book[book["round"] <= 2]})
card = rp.scorecard(runs)
rp.sheet(card[["rank", "team", *rp.RANKED_MEASURES, "expected_profit", "textbook_expected_profit", "points"]])
"""),
    code("""
ax = rpplots.plot_scorecard(card)
"""),
    md("""
What each buyer got from each team's deal, the textbook team's included: the hours they were given, the approach
they mostly saw, their attitude at the start and the end, whether their concern was answered, and any price cut or
extra promise they received.
""", """
每位买方成员从各小组的交易中得到了什么（包括教科书团队）：获得的时间、主要面对的方法、开始和结束时的态度、
顾虑是否得到回应，以及获得的让价和额外承诺。
"""),
    code("""
buyers = rp.buyer_view(runs)
rp.sheet(buyers[buyers["role"].isin(["decision_maker", "gatekeeper"])])
"""),
    md("""
The debrief of one team checks its play against the course, one line per lesson, with the number it looked at and
what that number counts.
""", """
单个团队的复盘逐条对照课程内容检查其表现，并给出所依据的数字及其单位。
"""),
    code("""
rp.sheet(rp.debrief(runs["table_1"]))
"""),
    md("""
## Save and resume

`rp.save_workshop("class.json", scenario, moves_by_table)` writes the account and every table's moves to one JSON
file (the console's `save` does the same); `rp.load_workshop("class.json")` reads it back and replays exactly the
same rounds, so a workshop can stop at the break and resume afterwards. Your own accounts go into TOML files, either
a seed with a few changes or a buying centre written person by person; `rp.load_scenario(file)` checks them and
names the line and field of any mistake.

## Questions for the debrief

1. The novice team spent all its time on the person with the most influence. Why did that still fail?
2. Which person was hardest to win, and what on their role card explains it?
3. When is a price concession the right move? Find the person in this buying centre for whom it would be, if any.
4. A team wins the deal with two extra promises. Should the trainer call that a success? What happens next year?
5. On the chance of winning alone, Table 1 (the novice's play) would rank above Table 3. Why does the scorecard
   put Table 3 ahead, and do you agree?
""", """
## 保存与继续

`rp.save_workshop("class.json", scenario, moves_by_table)`把客户和每个小组的行动写入一个JSON文件（控制台的`save`
也是如此）；`rp.load_workshop("class.json")`读回后会完全重现相同的回合，因此课程可以在休息时暂停，之后继续。
自己的客户可以写成TOML文件：可以是一个随机种子加少量修改，也可以逐人写出整个采购中心；`rp.load_scenario(文件)`
会检查文件，并指出出错的行和字段。

## 复盘讨论题

1. 新手团队把全部时间都花在影响力最大的人身上，为什么仍然失败？
2. 哪个人最难争取？他的角色卡上哪些信息能解释这一点？
3. 什么时候价格让步才是正确的做法？在这个采购中心里找出适合让价的人（如果有的话）。
4. 一个团队靠两次额外承诺赢得了订单。培训师应该把它算作成功吗？第二年会发生什么？
5. 如果只看赢单概率，第1组（新手的打法）会排在第3组前面。为什么计分卡把第3组排在前面？你同意吗？
"""),
]
