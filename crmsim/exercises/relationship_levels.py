"""Exercise 02, relationship levels: the level mix, churn and profit of the course's care policy, and a better one.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.relationship_levels` on the instructor's side.
The decision task is judged by simulating the student's policy with
:func:`crmsim.relationships.compare_policies` on their own world.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import relationships as rel
from ..world import World
from .spec import Decision, ExerciseSpec, Task, Verdict, code, md, tiered_verdict

#: Customers in a student's world: 120 make a level mix in steps under 1 %, and
#: a 24-month simulation of a policy takes a few milliseconds.
N_CUSTOMERS = 120

#: Seed of every simulation in the exercise: the same random numbers for every
#: policy, so a better profit comes from the policy, not from luck.
SIMULATION_SEED = 0

#: A policy must beat the default's 24-month profit by this share for full points;
#: merely beating the default earns half. On the relationships model, care pays
#: for key accounts and not for ordinary customers, so the lesson's policy puts
#: the budget on key accounts, none on ordinary customers, and handles complaints
#: fast and well: on 50 student worlds its best variant gains 0.4 % to 30 % (median
#: 9 %) over the default, so 0.3 % is reachable for every student (tested).
PROFIT_MARGIN = 0.003


def profit_of(world: World, policy: rel.CarePolicy, params: Mapping[str, object]) -> dict[str, float]:
    """24-month profit of ``policy`` on ``world`` (same seed as the default's)."""
    table = rel.compare_policies(world, {"yours": policy}, seed=SIMULATION_SEED)
    return {"profit": float(table.loc["yours", "profit"])}


def judge_profit(outcome: Mapping[str, float], params: Mapping[str, object]) -> Verdict:
    """Full points at the target profit, half for beating the default at all."""
    values = {"profit": f"{outcome['profit']:,.0f}", "target": f"{params['target']:,.0f}",
              "default": f"{params['default_profit']:,.0f}"}
    return tiered_verdict(outcome["profit"], params["target"], params["default_profit"],
                          ("ex02.verdict.target", "ex02.verdict.beats_default", "ex02.verdict.below"), values)


TASKS = (
    Task("start_distant_share", "number", 1, "ex02.hint.start_distant_share", tolerance=1 / N_CUSTOMERS,
         fraction=True),
    Task("cumulative_churn", "number", 1, "ex02.hint.cumulative_churn", tolerance=1 / N_CUSTOMERS, fraction=True),
    Task("intimate_at_end", "integer", 1, "ex02.hint.intimate_at_end"),
    Task("last_month_profit", "number", 1, "ex02.hint.last_month_profit", tolerance=1.0),
    Task("care_policy", "decision", 2, "ex02.hint.care_policy",
         decision=Decision(rel.CarePolicy, profit_of, judge_profit)),
    Task("why_policy", "text", 2, "ex02.hint.why_policy"),
)


def cells() -> list[dict]:
    """The questions of exercise 02 (after the setup cell)."""
    return [
        code("""
from crmsim import relationships as rel
from crmsim.display import labelled

if exercise.ready:  # False until your student id is written
    run = rel.simulate_relationships(world, rel.CarePolicy(), seed=0)  # the course's default care policy
    kpis = rel.monthly_kpis(run.monthly)
"""),
        md("""
`run.monthly` has one row per customer and month (24 months, the course's four levels: distant → face-to-face →
brand → intimate); `rel.level_mix(run.monthly)` gives the share of customers on each level per month (month 0 is
the start), and `kpis` the monthly churn and profit.

**Question 1 (1 point).** What share of your customers starts (month 0) on the lowest level, `"distant"`?
""", """
`run.monthly` 每个客户每月一行（24个月，课程的四个层次：疏远→面对面→品牌→亲密）；`rel.level_mix(run.monthly)`
给出每月各层次的客户比例（第0月为初始），`kpis` 给出每月的流失和利润。

**第1题（1分）** 初始时（第0月）处于最低层次 `"distant"`（疏远关系）的客户占多大比例？
"""),
        code("""
start_distant_share = None  # your answer, a fraction
exercise.check("start_distant_share", start_distant_share)
"""),
        md("""
**Question 2 (1 point).** What share of the starting customers has churned by the end of month 24?
""", """
**第2题（1分）** 到第24月末，初始客户中累计流失了多大比例？
"""),
        code("""
cumulative_churn = None  # your answer, a fraction
exercise.check("cumulative_churn", cumulative_churn)
"""),
        md("""
**Question 3 (1 point).** How many customers are on the highest level, `"intimate"`, at the end of month 24?
""", """
**第3题（1分）** 第24月末有多少客户处于最高层次 `"intimate"`（亲密关系）？
"""),
        code("""
intimate_at_end = None  # your answer, a count
exercise.check("intimate_at_end", intimate_at_end)
"""),
        md("""
**Question 4 (1 point).** What profit (CNY) did month 24 bring under the default policy? (Within 1 %.)
""", """
**第4题（1分）** 在默认政策下，第24个月的利润是多少元？（误差1%以内即可。）
"""),
        code("""
last_month_profit = None  # your answer, CNY
exercise.check("last_month_profit", last_month_profit)
"""),
        md("""
**Question 5 (2 points, a decision).** Design a care policy (`rel.CarePolicy(...)`: care budget, contacts per month,
channel mix, service level, complaint handling) whose 24-month profit beats the default's by at least 0.3 %
(`exercise.params("care_policy")` shows the target). Try candidates with
`rel.compare_policies(world, {"default": rel.CarePolicy(), "mine": ...}, seed=0)` before you check.
""", """
**第5题（2分，决策题）** 设计一项客户关怀政策（`rel.CarePolicy(...)`：关怀预算、每月联系次数、渠道组合、服务水平、投诉处理），
使其24个月利润比默认政策至少高0.3%（目标值见 `exercise.params("care_policy")`）。检查之前，可以先用
`rel.compare_policies(world, {"default": rel.CarePolicy(), "mine": ...}, seed=0)` 比较候选政策。
"""),
        code("""
care_policy = None  # your policy, e.g. rel.CarePolicy(contacts_per_month=3)
exercise.check("care_policy", care_policy)
"""),
        md("""
**Question 6 (2 points, graded by your instructor).** In two or three sentences: what does your policy change, and
why does it pay on the relationship ladder (retention and share of wallet per level)?
""", """
**第6题（2分，由教师评分）** 用两三句话说明：你的政策改变了什么？为什么它在客户关系层次上（各层次的保留率和钱包份额）是划算的？
"""),
        code('''
why_policy = """
"""  # your sentences, between the quotes
exercise.check("why_policy", why_policy)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("relationship_levels", "02", "ex02.title", TASKS, N_CUSTOMERS, cells)
