"""Exercise 03, the key-account process: grades, the funnel, revenue by grade, the coach, and a better rep policy.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.key_account_process` on the instructor's side.
The decision task is judged by simulating the student's :class:`~crmsim.key_accounts.RepPolicy`
with :func:`crmsim.key_accounts.simulate_key_accounts` on their own world,
against the course's default policy on the same random numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import i18n
from .. import key_accounts as ka
from ..world import World
from .spec import Decision, ExerciseSpec, Task, Verdict, code, md, tiered_verdict

#: Customers in a student's world: 200 give about a hundred opportunities (a
#: funnel with every stage filled, a few A accounts) and a year's simulation
#: in a few milliseconds.
N_CUSTOMERS = 200

#: Seed of every simulation in the exercise: the same random numbers for every
#: policy, so a better result comes from the policy, not from luck.
SIMULATION_SEED = 0

#: A policy must beat the default's expected gross margin by this share for full
#: points. The expected margin (each opportunity's win probability times its
#: margin at the bid) rather than the one drawn year is judged, so that a lucky
#: or unlucky tender does not decide the grade. 2 % is reachable on every
#: student's world (tested on 50 ids; the best of a few sensible splits of the
#: same hours gains 6-17 %), merely beating the default earns half.
MARGIN_TARGET = 0.02


def expected_margin(run: ka.KeyAccountsRun) -> float:
    """Expected gross margin of a run (CNY m): win probability x (bid price - our cost), summed."""
    opps = run.opportunities
    margin = opps["bid_price"].to_numpy() - ka.COST_SHARE * opps["amount"].to_numpy()
    return float((opps["win_probability"].to_numpy() * margin).sum())


def margin_of(world: World, policy: ka.RepPolicy, params: Mapping[str, object]) -> dict[str, float]:
    """Expected gross margin of ``policy`` on ``world`` (same seed as the default's), with the rep's hours fixed."""
    hours = float(params.get("monthly_hours", ka.RepPolicy().monthly_hours))
    if policy.monthly_hours != hours:
        raise ValueError(i18n.t("ex03.refused.hours", value=policy.monthly_hours, hours=hours))
    run = ka.simulate_key_accounts(world, policy, seed=SIMULATION_SEED)
    return {"margin": expected_margin(run)}


def judge_margin(outcome: Mapping[str, float], params: Mapping[str, object]) -> Verdict:
    """Full points at the target margin, half for beating the default at all."""
    values = {"margin": f"{outcome['margin']:,.2f}", "target": f"{params['target']:,.2f}",
              "default": f"{params['default_margin']:,.2f}"}
    return tiered_verdict(outcome["margin"], params["target"], params["default_margin"],
                          ("ex03.verdict.target", "ex03.verdict.beats_default", "ex03.verdict.below"), values)


TASKS = (
    Task("a_opportunities", "integer", 1, "ex03.hint.a_opportunities"),
    # A hundredth: the conversion of a stage entered by some 40 opportunities moves in steps of 2-3 %.
    Task("tender_conversion", "number", 1, "ex03.hint.tender_conversion", tolerance=0.01, fraction=True),
    Task("top_revenue_grade", "choice", 1, "ex03.hint.top_revenue_grade", choices=ka.GRADES,
         label_prefix="ka.grade"),
    Task("coach_win_rate", "number", 1, "ex03.hint.coach_win_rate", tolerance=0.01, fraction=True),
    Task("rep_policy", "decision", 2, "ex03.hint.rep_policy",
         decision=Decision(ka.RepPolicy, margin_of, judge_margin)),
    Task("why_effort", "text", 2, "ex03.hint.why_effort"),
)


def cells() -> list[dict]:
    """The questions of exercise 03 (after the setup cell)."""
    return [
        code("""
from crmsim import key_accounts as ka
from crmsim.display import labelled

if exercise.ready:  # False until your student id is written
    run = ka.simulate_key_accounts(world, ka.RepPolicy(), seed=0)  # the course's default rep policy, one year
    opportunities = run.opportunities
"""),
        md("""
`run.opportunities` has one row per opportunity of the year: its account's `grade` (A to D, from the course's
selection factors and weights, `ka.grading_weights_table()`), whether the rep `pursued` it, whether the account
`has_coach`, its `outcome` (won, lost or dropped) and the `revenue` won (CNY million). `ka.funnel(run)` counts the
opportunities that entered each of the six stages and the share that met the stage's key node;
`ka.win_rates(run, by=...)` gives win rates and revenue by `"grade"` or `"coach"`.

**Question 1 (1 point).** How many of your opportunities are graded A?
""", """
`run.opportunities` 每个商机一行：客户等级 `grade`（A到D级，由课程的选择因素及其权重得出，见 `ka.grading_weights_table()`）、
销售代表是否跟进 `pursued`、客户是否有教练 `has_coach`、结果 `outcome`（赢单、输单或放弃）以及赢得的销售额 `revenue`（百万元）。
`ka.funnel(run)` 统计进入六个阶段的商机数，以及达到各阶段关键节点的比例；`ka.win_rates(run, by=...)` 按 `"grade"`（等级）或
`"coach"`（教练）给出赢单率和销售额。

**第1题（1分）** 你的商机中有多少个被评为A级？
"""),
        code("""
a_opportunities = None  # your answer, a count
exercise.check("a_opportunities", a_opportunities)
"""),
        md("""
**Question 2 (1 point).** Of the opportunities that entered the tender stage (招投标), what share met its key node
(a bid or negotiated bid that moved on to negotiation)? Answer as a fraction.
""", """
**第2题（1分）** 进入招投标阶段的商机中，有多大比例达到了该阶段的关键节点（投标或议标后进入商务谈判）？请以小数作答。
"""),
        code("""
tender_conversion = None  # your answer, a fraction
exercise.check("tender_conversion", tender_conversion)
"""),
        md("""
**Question 3 (1 point).** Which grade brought the most revenue in the year? Answer with its code (`"A"` ... `"D"`).
""", """
**第3题（1分）** 哪个等级的客户全年带来的销售额最多？请用等级代码作答（`"A"` … `"D"`）。
"""),
        code("""
top_revenue_grade = None  # your answer, a grade code
exercise.check("top_revenue_grade", top_revenue_grade)
"""),
        md("""
**Question 4 (1 point).** What is the win rate (won ÷ pursued) of the opportunities whose account has a coach
(教练)? Answer as a fraction.
""", """
**第4题（1分）** 有教练（内线）的客户，其商机的赢单率（赢单数 ÷ 跟进数）是多少？请以小数作答。
"""),
        code("""
coach_win_rate = None  # your answer, a fraction
exercise.check("coach_win_rate", coach_win_rate)
"""),
        md("""
**Question 5 (2 points, a decision).** The rep's hours are fixed (120 a month on key accounts). Design a rep policy
(`ka.RepPolicy(...)`: which grades to pursue and how to split the hours between them, `effort_weights`; coach
development; the bid discount; the risk score above which a lead is dropped) whose **expected gross margin** beats
the default policy's by at least 2 % (`exercise.params("rep_policy")` shows the target, CNY million). The expected
margin weighs each opportunity's margin at our bid (bid price minus our cost, `ka.COST_SHARE` of its amount) with
its win probability, so one lucky tender does not decide. Try candidates with the function below before you check.
""", """
**第5题（2分，决策题）** 销售代表的时间是固定的（每月120小时用于大客户）。请设计一项销售代表政策（`ka.RepPolicy(...)`：
跟进哪些等级、时间如何在各等级之间分配 `effort_weights`、是否培养教练、投标折扣、风险分高于多少时放弃线索），使其**预期毛利**比默认政策
至少高2%（目标值见 `exercise.params("rep_policy")`，单位百万元）。预期毛利是每个商机按我方报价计算的毛利（报价减去我方成本，
成本为金额的 `ka.COST_SHARE`）乘以其赢单概率后的总和，因此不会由某一次侥幸的投标决定。检查之前，可以先用下面的函数试算候选政策。
"""),
        code("""
def expected_margin(policy):
    opps = ka.simulate_key_accounts(world, policy, seed=0).opportunities
    return (opps["win_probability"] * (opps["bid_price"] - ka.COST_SHARE * opps["amount"])).sum()

if exercise.ready:
    print(round(expected_margin(ka.RepPolicy()), 2), exercise.params("rep_policy"))
"""),
        code("""
rep_policy = None  # your policy, e.g. ka.RepPolicy(bid_discount=0.06)
exercise.check("rep_policy", rep_policy)
"""),
        md("""
**Question 6 (2 points, graded by your instructor).** In two or three sentences: what does your policy change, and
why does it earn more with the same hours (think of where the hours go by grade, and what the discount costs)?
""", """
**第6题（2分，由教师评分）** 用两三句话说明：你的政策改变了什么？为什么在时间不变的情况下它能赚得更多（想一想时间在各等级之间如何分配，
以及折扣的代价）？
"""),
        code('''
why_effort = """
"""  # your sentences, between the quotes
exercise.check("why_effort", why_effort)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("key_account_process", "03", "ex03.title", TASKS, N_CUSTOMERS, cells)
