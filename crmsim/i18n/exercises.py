"""Text of the graded exercises and of the instructor's classroom commands."""

from . import register

# --- student ids ------------------------------------------------------------------------
register({
    "ex.id.missing": ("{name} is empty: write your student id, as on the class list.",
                      "{name} 为空：请填写你的学号（与花名册一致）。"),
    "ex.id.type": ("{name} must be text or a whole number; got {value} ({type}).",
                   "{name} 必须是文字或整数；收到的是 {value}（{type}）。"),
    "ex.id.number": ("{name}={value} is not a student number: a number id must be whole and not negative.",
                     "{name}={value} 不是学号：数字学号必须是非负整数。"),
    "ex.id.placeholder": ("{name}={value} is the example id, not yours: write your own student id, as on the class "
                          "list (the example would give everyone the same data).",
                          "{name}={value} 是示例学号，不是你的：请填写你自己的学号（与花名册一致；示例学号会让所有人拿到相同的数据）。"),
    "ex.id.write_first": ("Write your student id first: put it between the quotes of STUDENT_ID = \"\" near the top, "
                          "then run the notebook again from the top.",
                          "请先填写学号：把它写在上方 STUDENT_ID = \"\" 的引号之间，然后从头重新运行本笔记本。"),
    "ex.id.not_yours": ("This notebook was released for student {owner}, but STUDENT_ID is {value}: put back the id "
                        "you were given (your data and answers belong to it).",
                        "本笔记本是发给学号 {owner} 的，但 STUDENT_ID 写的是 {value}：请改回发给你的学号（你的数据和答案与它对应）。"),
    "ex.no_id_short": ("(no id yet)", "（尚未填写）"),
    "ex.feedback.header_no_id": ("No student id yet · {task}", "尚未填写学号 · {task}"),
    "ex.score.header_no_id": ("No student id yet · score {points} of {total}", "尚未填写学号 · 得分 {points} / {total}"),
    "ex.token.bad": ("the exercise key {value} is damaged: download your notebook again from your instructor.",
                     "练习密钥 {value} 已损坏：请向教师重新获取你的笔记本。"),
    "ex.unknown_task": ("Unknown task {task!r}; the tasks are: {tasks}.", "未知题目 {task!r}；题目有：{tasks}。"),
    "ex.unknown_exercise": ("exercise={value} is not an exercise; choose from: {choices}.",
                            "exercise={value} 不是练习；可选：{choices}。"),
})

# --- what a check says ------------------------------------------------------------------
register({
    "ex.feedback.header": ("Student {student} · {task}", "学号 {student} · {task}"),
    "ex.mark.right": ("Correct: {points} point(s).", "正确：得 {points} 分。"),
    "ex.mark.wrong": ("Not yet: {hint}", "还不对：{hint}"),
    "ex.mark.missing": ("No answer yet.", "尚未作答。"),
    "ex.mark.saved": ("Saved for your instructor ({chars} characters); written answers are graded by hand, not "
                      "here.", "已保存，供教师评阅（{chars} 个字符）；文字题由教师评分，此处不自动评分。"),
    "ex.mark.limit": ("You have used the {checks} checks of this task: your answer will be graded when you hand in "
                      "the notebook.", "本题的 {checks} 次检查已用完：交作业后将统一评分。"),
    "ex.try.limit": ("You have used the {tries} tries of this decision in this session: compare the candidates "
                     "you have, or check your best one.",
                     "本次会话中此决策题的 {tries} 次试算已用完：请比较已有的候选方案，或检查你最好的方案。"),
    "ex.try.not_decision": ("{task!r} is not a decision task: only a decision can be tried ({tasks}).",
                            "{task!r} 不是决策题：只有决策题可以试算（{tasks}）。"),
    "ex.handout.none": ("{title} hands out no data of its own: its data are exercise.world.",
                        "{title} 没有单独发放的数据：它的数据就是 exercise.world。"),
    "ex.key.no_data_seed": ("the key of exercise {exercise} has no data seed (it was written by an older crmsim): "
                            "release the notebook again.",
                            "练习 {exercise} 的密钥没有数据种子（它由旧版 crmsim 生成）：请重新发放该笔记本。"),
    "ex.mark.checks_left": ("({left} check(s) left for this task.)", "（本题还可检查 {left} 次。）"),
    "ex.cleared": ("Not checked yet for student {student}: run the check again.",
                   "学号 {student} 尚未检查此题：请重新运行检查。"),
    "ex.repr": ("{title}: data of student {student} ({customers} customers).",
                "{title}：学号 {student} 的数据（{customers} 个客户）。"),
    "ex.score.header": ("Student {student} · score {points} of {total}", "学号 {student} · 得分 {points} / {total}"),
    "ex.col.task": ("Task", "题目"),
    "ex.col.result": ("Result", "结果"),
    "ex.col.points": ("Points", "得分"),
    "ex.col.max": ("Out of", "满分"),
    "ex.rubric": ("instructor", "教师评分"),
    "ex.status.right": ("correct", "正确"),
    "ex.status.partial": ("partly", "部分正确"),
    "ex.status.wrong": ("not yet", "还不对"),
    "ex.status.shape": ("not an answer yet", "答案格式不对"),
    "ex.status.missing": ("not answered", "未作答"),
    "ex.status.saved": ("saved for the instructor", "已保存待教师评分"),
    "ex.status.limit": ("graded at hand-in", "交作业后评分"),
    "ex.status.blocked": ("no student id", "未填写学号"),
})

# --- answers of the wrong shape -----------------------------------------------------------
register({
    "ex.shape.frame": ("that is a whole table ({rows} rows), not one answer: pick the value, e.g. with "
                       "`.loc[...]`, `.idxmax()` or `.iloc[0]`.",
                       "这是一整张表（{rows} 行），不是一个答案：请取出那个值，例如用 `.loc[...]`、`.idxmax()` 或 `.iloc[0]`。"),
    "ex.shape.series": ("that is a column or Series of {size} values, not one answer: pick the value, e.g. with "
                        "`.idxmax()`, `.max()` or `.iloc[0]`.",
                        "这是一列（Series）共 {size} 个值，不是一个答案：请取出那个值，例如用 `.idxmax()`、`.max()` 或 `.iloc[0]`。"),
    "ex.shape.list": ("that is a {type} of {size} items, not one answer: give a single value.",
                      "这是一个含 {size} 项的 {type}，不是一个答案：请只给出一个值。"),
    "ex.shape.numeric_text": ("{value!r} is text: remove the quotes so it is a number.",
                              "{value!r} 是文字：请去掉引号，让它成为数字。"),
    "ex.shape.text_for_number": ("the answer is a number, not the text {value!r}.", "答案应是数字，而不是文字 {value!r}。"),
    "ex.shape.not_number": ("the answer is a number; got a {type}.", "答案应是数字；收到的是 {type}。"),
    "ex.shape.not_finite": ("{value} is not a finite number.", "{value} 不是有限的数。"),
    "ex.shape.percent": ("answer as a fraction between 0 and 1: {value} looks like a percentage (write {fraction}).",
                         "请用0到1之间的小数作答：{value} 看起来是百分数（应写作 {fraction}）。"),
    "ex.shape.not_whole": ("the answer is a whole number; got {value}.", "答案应是整数；收到的是 {value}。"),
    "ex.shape.not_text": ("the answer is text (in quotes); got a {type}.", "答案应是文字（加引号）；收到的是 {type}。"),
    "ex.shape.unknown_choice": ("{value!r} is not one of the allowed answers: {choices}.",
                                "{value!r} 不是可选答案之一：{choices}。"),
    "ex.shape.short_text": ("write at least {words} words (a full sentence) between the quotes.",
                            "请在引号之间至少写 {words} 个词（一句完整的话）。"),
    "ex.shape.decision": ("the answer is a {expected}; got a {type}.", "答案应是一个 {expected}；收到的是 {type}。"),
    "ex.shape.decision_invalid": ("the model refused this answer: {error}", "模型不接受这个答案：{error}"),
})

# --- exercise 01: customer value ------------------------------------------------------------
register({
    "ex01.title": ("Exercise 01 · Customer value", "练习 01 · 客户价值"),
    "ex01.task.top_segment": ("Q1 segment with the most revenue", "第1题 销售额最多的客户类别"),
    "ex01.task.a_share": ("Q2 share of A customers", "第2题 A类客户比例"),
    "ex01.task.negative_value_customers": ("Q3 customers of negative value", "第3题 负价值客户数"),
    "ex01.task.top_potential_customer": ("Q4 customer of the largest potential", "第4题 潜在价值最大的客户"),
    "ex01.task.why_potential": ("Q5 why it matters (written)", "第5题 为什么重要（文字题）"),
    "ex01.hint.top_segment": ("sum the revenue of the orders per customer segment (map each order's customer to "
                              "its segment first).", "先把每笔订单对应到其客户类别，再按客户类别汇总订单销售额。"),
    "ex01.hint.a_share": ("rank by historical value; a customer is A while the value before it is below 80%; "
                          "divide the number of A customers by all customers.",
                          "按历史价值排序；某客户之前的累计价值低于80%时，该客户属于A类；再用A类客户数除以客户总数。"),
    "ex01.hint.negative": ("count customers whose historical value (gross margin minus cost to serve) is below 0.",
                           "统计历史价值（毛利减服务成本）小于0的客户数量。"),
    "ex01.hint.potential": ("look for the row with the largest potential_value and give its customer_id.",
                            "找出 potential_value 最大的那一行，给出它的 customer_id。"),
    "ex01.hint.why_potential": ("say what its potential means for where a manager puts effort.",
                                "说明它的潜在价值对经理分配精力意味着什么。"),
})

# --- the instructor's commands ------------------------------------------------------------
register({
    "ex.roster.bad": ("the roster {path} cannot be used:\n  {problems}", "花名册 {path} 无法使用：\n  {problems}"),
    "ex.roster.missing": ("--roster={path!r}: no such file", "--roster={path!r}：文件不存在"),
    "ex.roster.no_column": ("no {column} column (columns are: {columns})", "没有 {column} 列（现有列：{columns}）"),
    "ex.roster.row": ("line {row}: {value}: {problem}", "第 {row} 行：{value}：{problem}"),
    "ex.roster.duplicate": ("the same student as line {first}", "与第 {first} 行是同一名学生"),
    "ex.roster.unsafe": ("an id may hold letters, digits, spaces and . @ + - only (it names a folder)",
                         "学号只能包含字母、数字、空格和 . @ + -（它用作文件夹名）"),
    "ex.roster.empty": ("the roster has no students", "花名册中没有学生"),
    "ex.grade.no_folder": ("--submissions={path!r} is not a folder", "--submissions={path!r} 不是文件夹"),
    "ex.grade.line": ("{student} · {exercise}: {problem}", "{student} · {exercise}：{problem}"),
    "ex.grade.missing": ("no submission (scored 0)", "未提交（记0分）"),
    "ex.grade.unknown_student": ("folder {folder!r} is not a student of the roster: not graded",
                                 "文件夹 {folder!r} 不属于花名册中的学生：未评分"),
    "ex.grade.duplicate_folder": ("folder {folder!r} is the same student as folder {other!r}: only {other!r} is "
                                  "graded", "文件夹 {folder!r} 与文件夹 {other!r} 是同一名学生：只评 {other!r}"),
    "ex.grade.unknown_notebook": ("{path!r} is not an exercise's notebook (name it <exercise>.ipynb): not graded",
                                  "{path!r} 不是练习笔记本（应命名为 <练习>.ipynb）：未评分"),
    "ex.grade.unreadable": ("the notebook cannot be read: {error}", "无法读取笔记本：{error}"),
    "ex.grade.not_json": ("the file is not a notebook (not valid notebook JSON: {error}); scored 0",
                          "该文件不是笔记本（不是有效的笔记本 JSON：{error}）；记0分"),
    "ex.grade.notebook_timeout": ("the notebook ran longer than {seconds:g} s and was stopped; scored 0",
                                  "笔记本运行超过 {seconds:g} 秒，已被停止；记0分"),
    "ex.grade.kernel": ("the notebook could not be run: {error}", "笔记本无法运行：{error}"),
    "ex.grade.cell_timeout": ("cell {cell} ran too long and was interrupted (a loop?); the rest was graded",
                              "第 {cell} 个单元格运行过久，已中断（死循环？）；其余部分照常评分"),
    "ex.grade.cell_error": ("cell {cell} raised {error}: {detail}", "第 {cell} 个单元格出错 {error}：{detail}"),
    "ex.grade.no_submission": ("the notebook's answers could not be collected", "无法收集该笔记本的答案"),
    "ex.grade.no_exercise": ("the notebook has no exercise object (was its setup cell deleted?); scored 0",
                             "笔记本中没有练习对象（设置单元格被删除了？）；记0分"),
    "ex.grade.no_id": ("the notebook has no usable student id ({problem}); graded against the folder's student",
                       "笔记本中没有可用的学号（{problem}）；按文件夹对应的学生评分"),
    "ex.grade.other_id": ("the notebook holds the id {written!r}, not this student's: graded against this "
                          "student's data", "笔记本中的学号是 {written!r}，不是该学生的：按该学生的数据评分"),
    "ex.grade.other_seed": ("the notebook's data are not this student's for this course seed (practice "
                            "notebook?): graded against this student's data",
                            "笔记本中的数据不是该学生在本课程种子下的数据（练习用笔记本？）：按该学生的数据评分"),
    "ex.forensics.flag": ("FLAG: {count} answers fit the data of {source}, not this student's ({tasks})",
                          "警示：{count} 个答案与 {source} 的数据相符，而与本人的不符（{tasks}）"),
    "ex.feedback.title": ("Feedback for student {student}", "学号 {student} 的反馈"),
    "ex.feedback.not_graded": ("Nothing was graded for this exercise (no usable submission).",
                               "本练习没有可评分的提交。"),
    "ex.feedback.value": ("Your correct value", "你的正确值"),
    "ex.cli.released": ("released notebooks for {students} students into {path}", "已为 {students} 名学生生成笔记本：{path}"),
    "ex.cli.graded": ("graded {graded} submission(s) of {students} students into {path} (and .xlsx, "
                      ".interpretations.csv)", "已评 {students} 名学生中的 {graded} 份提交：{path}（以及 .xlsx、.interpretations.csv）"),
    "ex.cli.feedback": ("wrote feedback for {students} students into {path}", "已为 {students} 名学生写出反馈：{path}"),
    "ex.cli.forensics": ("{flagged} submission(s) flagged", "共 {flagged} 份提交被警示"),
    "ex.cli.nbgrader": ("wrote an nbgrader course of {exercises} assignment(s) into {path}; the seed is in every "
                        "notebook, so use another one than for class release. Next, in that folder: nbgrader "
                        "generate_assignment <exercise>",
                        "已在 {path} 写出包含 {exercises} 个作业的 nbgrader 课程；种子写在每个笔记本中，请使用与 class release "
                        "不同的种子。下一步，在该文件夹中运行：nbgrader generate_assignment <练习>"),
    "ex.nbgrader.model_answer": ("Model answer for the rubric: name the lever, the outcome it moved on these data, "
                                 "and the course's reason why.",
                                 "评分参考答案：说明所用的杠杆、它在这些数据上改变了什么结果，以及课程中的道理。"),
})

# --- exercise 02: relationship levels -------------------------------------------------------
register({
    "ex02.title": ("Exercise 02 · Relationship levels", "练习 02 · 客户关系层次"),
    "ex02.task.start_distant_share": ("Q1 share starting distant", "第1题 初始疏远关系比例"),
    "ex02.task.cumulative_churn": ("Q2 churn after 24 months", "第2题 24个月累计流失率"),
    "ex02.task.intimate_at_end": ("Q3 intimate customers at the end", "第3题 期末亲密关系客户数"),
    "ex02.task.last_month_profit": ("Q4 profit of month 24", "第4题 第24个月利润"),
    "ex02.task.care_policy": ("Q5 a better care policy (decision)", "第5题 更好的关怀政策（决策题）"),
    "ex02.task.why_policy": ("Q6 why it pays (written)", "第6题 为什么划算（文字题）"),
    "ex02.hint.start_distant_share": ("take row 0 of rel.level_mix(run.monthly), column \"distant\".",
                                      "取 rel.level_mix(run.monthly) 第0行的 \"distant\" 列。"),
    "ex02.hint.cumulative_churn": ("read the last value of kpis[\"cumulative_churn\"].",
                                   "读取 kpis[\"cumulative_churn\"] 的最后一个值。"),
    "ex02.hint.intimate_at_end": ("count the rows of run.monthly in the last month whose level is \"intimate\".",
                                  "统计 run.monthly 最后一个月中 level 为 \"intimate\" 的行数。"),
    "ex02.hint.last_month_profit": ("read the last value of kpis[\"profit\"] (the month's profit, not the "
                                    "cumulative one).", "读取 kpis[\"profit\"] 的最后一个值（当月利润，不是累计利润）。"),
    "ex02.hint.care_policy": ("compare candidates with rel.compare_policies(..., seed=0): care for key accounts, "
                              "contacts and complaint handling are the levers.",
                              "用 rel.compare_policies(..., seed=0) 比较候选政策：大客户关怀预算、联系频率和投诉处理是主要杠杆。"),
    "ex02.hint.why_policy": ("name the levels your policy moves customers to and what each level is worth.",
                             "说明你的政策让客户升到哪些层次，以及各层次的价值。"),
    "ex02.verdict.target": ("Correct: 24-month profit {profit} CNY reaches the target {target}: {points} point(s).",
                            "正确：24个月利润 {profit} 元达到目标 {target}：得 {points} 分。"),
    "ex02.verdict.beats_default": ("Partly: {profit} CNY beats the default ({default}) but not the target {target}: "
                                   "{points} point(s).", "部分正确：{profit} 元高于默认政策（{default}），但未达到目标 {target}：得 {points} 分。"),
    "ex02.verdict.below": ("Not yet: {profit} CNY does not beat the default ({default}); {hint}",
                           "还不对：{profit} 元没有超过默认政策（{default}）；{hint}"),
})

# --- exercise 03: the key-account process ----------------------------------------------------
register({
    "ex03.title": ("Exercise 03 · The key-account process", "练习 03 · 大客户销售流程"),
    "ex03.task.a_opportunities": ("Q1 opportunities graded A", "第1题 A级商机数"),
    "ex03.task.tender_conversion": ("Q2 conversion of the tender stage", "第2题 招投标阶段的转化率"),
    "ex03.task.top_revenue_grade": ("Q3 grade with the most revenue", "第3题 销售额最多的等级"),
    "ex03.task.coach_win_rate": ("Q4 win rate with a coach", "第4题 有教练时的赢单率"),
    "ex03.task.rep_policy": ("Q5 a better rep policy (decision)", "第5题 更好的销售代表政策（决策题）"),
    "ex03.task.why_effort": ("Q6 why it earns more (written)", "第6题 为什么赚得更多（文字题）"),
    "ex03.hint.a_opportunities": ("count the rows of run.opportunities whose grade is \"A\".",
                                  "统计 run.opportunities 中 grade 为 \"A\" 的行数。"),
    "ex03.hint.tender_conversion": ("read the tender row of ka.funnel(run): advanced divided by entered.",
                                    "读取 ka.funnel(run) 中招投标（tender）那一行：达到关键节点的数量除以进入的数量。"),
    "ex03.hint.top_revenue_grade": ("compare the revenue column of ka.win_rates(run, by=\"grade\") (the total, not "
                                    "the revenue per opportunity).",
                                    "比较 ka.win_rates(run, by=\"grade\") 的 revenue 列（总销售额，不是每个商机的销售额）。"),
    "ex03.hint.coach_win_rate": ("group by coach with ka.win_rates(run, by=\"coach\") and read the win rate of the "
                                 "accounts with a coach (won divided by pursued, not by all opportunities).",
                                 "用 ka.win_rates(run, by=\"coach\") 按教练分组，读取有教练客户的赢单率（赢单数除以跟进数，不是除以全部商机）。"),
    "ex03.hint.rep_policy": ("compare candidates with the expected_margin function: where the hours go by grade, "
                             "which grades are pursued and how deep the discount is are the levers.",
                             "用 expected_margin 函数比较候选政策：时间在各等级之间的分配、跟进哪些等级以及折扣深浅是主要杠杆。"),
    "ex03.hint.why_effort": ("say where your hours went by grade and what the discount gave up or won.",
                             "说明你的时间在各等级之间如何分配，以及折扣让出了什么、换来了什么。"),
    "ex03.refused.hours": ("monthly_hours={value} is not allowed: the rep's hours are fixed at {hours:g} a month; "
                           "split them differently instead.",
                           "monthly_hours={value} 不允许：销售代表每月的时间固定为 {hours:g} 小时；请改变时间的分配方式。"),
    "ex03.verdict.target": ("Correct: expected gross margin {margin} (CNY m) reaches the target {target}: {points} "
                            "point(s).", "正确：预期毛利 {margin}（百万元）达到目标 {target}：得 {points} 分。"),
    "ex03.verdict.beats_default": ("Partly: {margin} (CNY m) beats the default ({default}) but not the target "
                                   "{target}: {points} point(s).",
                                   "部分正确：{margin}（百万元）高于默认政策（{default}），但未达到目标 {target}：得 {points} 分。"),
    "ex03.verdict.below": ("Not yet: {margin} (CNY m) does not beat the default ({default}); {hint}",
                           "还不对：{margin}（百万元）没有超过默认政策（{default}）；{hint}"),
})

# --- exercise 04: credit decisions -----------------------------------------------------------
register({
    "ex04.title": ("Exercise 04 · Credit decisions", "练习 04 · 客户信用管理"),
    "ex04.task.aaa_customers": ("Q1 customers rated AAA", "第1题 AAA级客户数"),
    "ex04.task.approval_rate": ("Q2 approval rate", "第2题 授信比例"),
    "ex04.task.dso": ("Q3 DSO of the default policy", "第3题 默认政策的DSO"),
    "ex04.task.lost_sales": ("Q4 sales lost to the policy", "第4题 因政策损失的销售额"),
    "ex04.task.credit_policy": ("Q5 a better credit policy (decision)", "第5题 更好的信用政策（决策题）"),
    "ex04.task.why_credit": ("Q6 what each lever did (written)", "第6题 各杠杆的作用（文字题）"),
    "ex04.hint.aaa_customers": ("count the rows of rating whose grade is \"AAA\".",
                                "统计 rating 中 grade 为 \"AAA\" 的行数。"),
    "ex04.hint.approval_rate": ("read approval_rate in summary (approved customers divided by all customers).",
                                "读取 summary 中的 approval_rate（获得授信的客户数除以客户总数）。"),
    "ex04.hint.dso": ("read dso in summary: average receivables divided by average daily sales.",
                      "读取 summary 中的 dso：平均应收账款除以平均日销售额。"),
    "ex04.hint.lost_sales": ("read lost_sales in summary (potential sales minus sales), in CNY.",
                             "读取 summary 中的 lost_sales（潜在销售额减去实际销售额），单位元。"),
    "ex04.hint.credit_policy": ("sweep one lever at a time with credit.policy_sweep and watch profit and "
                                "bad_debt_rate together: the cutoff, the period and collection trade sales against "
                                "risk.", "用 credit.policy_sweep 每次只调整一个杠杆，同时观察利润和坏账率：筛选标准、信用期限和收账政策"
                                "是在销售与风险之间取舍。"),
    "ex04.hint.why_credit": ("name each lever you moved and what it did to sales, money tied up and bad debt.",
                             "逐一说明你调整的杠杆，以及它对销售额、资金占用和坏账的影响。"),
    "ex04.refused.fixed": ("{fields} describe the market and our costs, not a credit decision: keep them at the "
                           "defaults of credit.CreditPolicy().",
                           "{fields} 描述的是市场和我方成本，不是信用决策：请保持 credit.CreditPolicy() 的默认值。"),
    "ex04.verdict.target": ("Correct: profit {profit} CNY reaches the target {target} with bad debt {rate} (cap "
                            "{cap}): {points} point(s).",
                            "正确：利润 {profit} 元达到目标 {target}，坏账率 {rate}（上限 {cap}）：得 {points} 分。"),
    "ex04.verdict.beats_default": ("Partly: {profit} CNY beats the default ({default}) but not the target {target}; "
                                   "bad debt {rate} is under the cap {cap}: {points} point(s).",
                                   "部分正确：{profit} 元高于默认政策（{default}），但未达到目标 {target}；坏账率 {rate} 未超过上限 {cap}："
                                   "得 {points} 分。"),
    "ex04.verdict.risky": ("Not yet: the bad-debt rate {rate} is over the cap {cap}, whatever the profit ({profit} "
                           "CNY); {hint}", "还不对：坏账率 {rate} 超过上限 {cap}，无论利润多少（{profit} 元）；{hint}"),
    "ex04.verdict.below": ("Not yet: {profit} CNY does not beat the default ({default}); {hint}",
                           "还不对：{profit} 元没有超过默认政策（{default}）；{hint}"),
})

# --- exercise 05: role play ------------------------------------------------------------------
register({
    "ex05.title": ("Exercise 05 · Role play: winning the buying centre", "练习 05 · 角色扮演：赢得采购中心"),
    "ex05.task.people_in_centre": ("Q1 people in the buying centre", "第1题 采购中心人数"),
    "ex05.task.start_support": ("Q2 support at the start", "第2题 开始时的支持度"),
    "ex05.task.most_influential": ("Q3 the most influential person", "第3题 影响力最大的人"),
    "ex05.task.novice_health": ("Q4 account health after the novice team", "第4题 新手团队之后的客户健康度"),
    "ex05.task.plan": ("Q5 a plan of four rounds (decision)", "第5题 四轮行动计划（决策题）"),
    "ex05.task.why_plan": ("Q6 why the plan works (written)", "第6题 计划为什么有效（文字题）"),
    "ex05.hint.people_in_centre": ("count the rows of scenario.people.", "统计 scenario.people 的行数。"),
    "ex05.hint.start_support": ("weigh each attitude with the person's influence (the decision maker's times "
                                "rp.DECISION_MAKER_WEIGHT) and divide by the sum of the weights; rp.support does it.",
                                "用每个人的影响力给其态度加权（决策者的权重乘以 rp.DECISION_MAKER_WEIGHT），再除以权重之和；rp.support 可以完成。"),
    "ex05.hint.most_influential": ("find the row with the largest influence and give its contact_id.",
                                   "找出 influence 最大的那一行，给出它的 contact_id。"),
    "ex05.hint.novice_health": ("play rp.example_moves(scenario, \"novice\") with rp.play and read account_health "
                                "in its outcome.", "用 rp.play 运行 rp.example_moves(scenario, \"novice\")，读取其 outcome 中的 "
                                "account_health。"),
    "ex05.hint.plan": ("learn the needs first (coach or SPIN), win the gatekeeper, then present to known needs where "
                       "the influence is; run rp.debrief on your play.",
                       "先了解需求（教练或SPIN提问），争取把关者，再针对已知需求向有影响力的人展示；用 rp.debrief 检查你的打法。"),
    "ex05.hint.why_plan": ("say whom you met in which round and which lesson of the debrief each move follows.",
                           "说明你在哪一轮见了谁，每一步遵循了复盘中的哪条经验。"),
    "ex05.refused.move": ("move {number} is not a dict of round, contact_id, approach and hours.",
                          "第 {number} 个行动不是包含 round、contact_id、approach 和 hours 的字典。"),
    "ex05.refused.rounds": ("the plan plays {played} of the {rounds} rounds: plan every round.",
                            "计划只进行了 {rounds} 轮中的 {played} 轮：请规划每一轮。"),
    "ex05.verdict.target": ("Correct: expected profit {profit} (CNY m, win chance {win}) reaches the target "
                            "{target} and account health is {health}: {points} point(s).",
                            "正确：预期利润 {profit}（百万元，赢单概率 {win}）达到目标 {target}，客户健康度 {health}：得 {points} 分。"),
    "ex05.verdict.beats_novice": ("Partly: {profit} (CNY m) beats the novice team ({novice}) but not the target "
                                  "{target}: {points} point(s).",
                                  "部分正确：{profit}（百万元）超过新手团队（{novice}），但未达到目标 {target}：得 {points} 分。"),
    "ex05.verdict.promise": ("Not yet: account health {health} is under {min_health}: an extra promise wins the deal "
                             "and loses the account; {hint}",
                             "还不对：客户健康度 {health} 低于 {min_health}：额外承诺赢得了订单，却失去了客户；{hint}"),
    "ex05.verdict.below": ("Not yet: {profit} (CNY m) does not beat the novice team ({novice}); {hint}",
                           "还不对：{profit}（百万元）没有超过新手团队（{novice}）；{hint}"),
})

# --- exercise 06: cleaning the messy customer file --------------------------------------
register({
    "ex06.title": ("Exercise 06 · Cleaning the messy customer file", "练习 06 · 清洗杂乱的客户档案"),
    "ex06.task.n_records": ("Q1 records in the file", "第1题 档案记录数"),
    "ex06.task.missing_phone": ("Q2 records without a phone", "第2题 没有电话的记录数"),
    "ex06.task.n_baseline_groups": ("Q3 groups the baseline makes", "第3题 基线分出的组数"),
    "ex06.task.baseline_recall": ("Q4 the baseline's recall", "第4题 基线的召回率"),
    "ex06.task.duplicate_groups": ("Q5 the firms behind the records (decision)", "第5题 记录背后的企业（决策题）"),
    "ex06.task.why_groups": ("Q6 your rule and its risks (written)", "第6题 你的规则及其风险（文字题）"),
    "ex06.hint.n_records": ("count the rows of file (one row per record, duplicates included).",
                            "统计 file 的行数（每条记录一行，包括重复记录）。"),
    "ex06.hint.missing_phone": ("count the records whose phone is empty, e.g. with isna() on the phone column.",
                                "统计电话为空的记录数，例如对 phone 列使用 isna()。"),
    "ex06.hint.n_baseline_groups": ("count the distinct labels that baseline_cleaning(file) gives, not the records.",
                                    "统计 baseline_cleaning(file) 给出的不同标签的个数，而不是记录数。"),
    "ex06.hint.baseline_recall": ("try the baseline's grouping, dict(zip(file[\"record_id\"], labels)), with "
                                  "exercise.try_decision(\"duplicate_groups\", ...) and read its recall (the same-firm "
                                  "pairs it puts together, divided by all same-firm pairs), as a fraction.",
                                  "用 exercise.try_decision(\"duplicate_groups\", ...) 试算基线的分组 "
                                  "dict(zip(file[\"record_id\"], labels))，读取 recall（它归到一起的同一企业记录对，"
                                  "除以全部同一企业记录对），以小数作答。"),
    "ex06.hint.duplicate_groups": ("look at the records the baseline leaves alone: normalise the English name as well "
                                   "as the Chinese one and the phone, join records that share any of them, and try "
                                   "each variant with exercise.try_decision before you check it.",
                                   "查看被基线单独留下的记录：除了中文名称和电话，也规范化英文名称，把其中任一项相同的记录合并，"
                                   "并在检查之前用 exercise.try_decision 试算每种方案。"),
    "ex06.hint.why_groups": ("name the fields you compare and how you normalise them, a duplicate the baseline "
                             "misses, and a case that would join two different firms.",
                             "说明你比较哪些字段、如何规范化，举出一个基线漏掉的重复记录，以及一种会把两家不同企业合并的情况。"),
    "ex06.refused.file": ("baseline_cleaning needs the customer file, a DataFrame with the columns {columns}; got "
                          "{value}.", "baseline_cleaning 需要客户档案，即含有 {columns} 列的 DataFrame；收到的是 {value}。"),
    "ex06.refused.key": ("the keys of the grouping are the file's record ids (whole numbers); got {value}.",
                         "分组的键应是档案中的 record_id（整数）；收到的是 {value}。"),
    "ex06.refused.label": ("the firm key of record {record} must be a number or a text; got {value}.",
                           "记录 {record} 的企业键应是数字或文字；收到的是 {value}。"),
    "ex06.refused.records": ("the grouping must give every record of the file ({records}) exactly one firm key: "
                             "{missing} record(s) missing and {extra} unknown, e.g. record_id {example}.",
                             "分组必须给档案中的每条记录（共 {records} 条）恰好一个企业键：缺少 {missing} 条，"
                             "多出 {extra} 条未知记录，例如 record_id {example}。"),
    "ex06.verdict.target": ("Correct: F1 {f1} (precision {precision}, recall {recall}) reaches the target {target} "
                            "(the baseline gets {baseline}): {points} point(s).",
                            "正确：F1 为 {f1}（精确率 {precision}，召回率 {recall}），达到目标 {target}"
                            "（基线为 {baseline}）：得 {points} 分。"),
    "ex06.verdict.minimum": ("Partly: F1 {f1} (precision {precision}, recall {recall}) passes the minimum {minimum} "
                             "but not the target {target} (the baseline gets {baseline}): {points} point(s).",
                             "部分正确：F1 为 {f1}（精确率 {precision}，召回率 {recall}），达到最低要求 {minimum}，"
                             "但未达到目标 {target}（基线为 {baseline}）：得 {points} 分。"),
    "ex06.verdict.below": ("Not yet: F1 {f1} (precision {precision}, recall {recall}) is under the minimum "
                           "{minimum}; {hint}",
                           "还不对：F1 为 {f1}（精确率 {precision}，召回率 {recall}），低于最低要求 {minimum}；{hint}"),
})
