"""Text of the self-grading exercises."""

from . import register

register({
    "exercise.correct": ("Correct: {points} point(s).", "正确：得{points}分。"),
    "exercise.wrong": ("Not yet: {hint}", "还不对：{hint}"),
    "exercise.missing": ("No answer yet.", "尚未作答。"),
    "exercise.unknown_task": ("Unknown task {task!r}; tasks are {tasks}.", "未知题目 {task!r}；题目有 {tasks}。"),
    "exercise.score": ("Score: {points} of {total}", "得分：{points} / {total}"),
    "exercise.task": ("Task", "题目"),
    "exercise.result": ("Result", "结果"),
    "exercise.points": ("Points", "得分"),
    "ex01.hint.top_segment": ("sum the revenue of the orders per customer segment.", "按客户类别汇总订单销售额。"),
    "ex01.hint.a_share": ("rank by historical value; a customer is A while the value before it is below 80%.",
                          "按历史价值排序；某客户之前的累计价值低于80%时，该客户属于A类。"),
    "ex01.hint.negative": ("count customers whose gross margin is below their cost to serve.",
                           "统计毛利低于服务成本的客户数量。"),
    "ex01.hint.potential": ("look for the largest potential value.", "找出潜在价值最大的客户。"),
})
