"""Exercise 04, credit decisions: the rating, the default policy's figures, and a better credit policy.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.credit_decisions` on the instructor's side.
The decision task is judged by simulating the student's :class:`~crmsim.credit.CreditPolicy`
with :func:`crmsim.credit.simulate_receivables` on their own world, against
the course's default policy on the same credit file and random numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import credit
from .. import i18n
from ..world import World
from .spec import Decision, ExerciseSpec, Task, Verdict, code, md, tiered_verdict

#: Customers in a student's world: 300 give every grade a few customers and a
#: bad-debt figure made of more than one or two failures; two years of
#: receivables simulate in a few hundredths of a second.
N_CUSTOMERS = 300

#: Seed of the credit file and of every simulation: the same customers' files
#: and the same random numbers for every policy.
SIMULATION_SEED = 0

#: Months simulated: the course's two years.
MONTHS = 24

#: Full points need a profit this share above the default policy's ...
PROFIT_TARGET = 0.02
#: ... with a bad-debt rate at most this many times the default's. A quarter
#: more risk is what a committee would accept for more profit; both thresholds
#: are reachable on every student's world (tested on 50 ids: the best of a
#: small grid of cutoffs, periods, collection styles and discounts gains 3-37 %).
BAD_DEBT_CAP = 1.25

#: Fields of a policy that describe the market and our costs, not the decision:
#: an answer must keep them at the default (a lower cost of capital is not a policy).
FIXED_FIELDS = ("reminder_cost", "escalation_fee", "cost_of_capital", "variable_cost_ratio", "cash_sales_share")


def run_default_file(world: World, policy: credit.CreditPolicy) -> credit.CreditRun:
    """Two years of ``policy`` on the student's credit file (seed :data:`SIMULATION_SEED`)."""
    file = credit.credit_file(world, seed=SIMULATION_SEED)
    return credit.simulate_receivables(world, policy, rating=credit.rate(file), limits=credit.credit_limits(file),
                                       months=MONTHS, seed=SIMULATION_SEED)


def profit_of(world: World, policy: credit.CreditPolicy, params: Mapping[str, object]) -> dict[str, float]:
    """Profit and bad-debt rate of ``policy`` over two years, with the market's cost figures kept."""
    default = credit.CreditPolicy()
    changed = [name for name in FIXED_FIELDS if getattr(policy, name) != getattr(default, name)]
    if changed:
        raise ValueError(i18n.t("ex04.refused.fixed", fields=", ".join(changed)))
    summary = credit.summarise_policy(run_default_file(world, policy))
    return {"profit": float(summary["profit"]), "bad_debt_rate": float(summary["bad_debt_rate"])}


def judge_profit(outcome: Mapping[str, float], params: Mapping[str, object]) -> Verdict:
    """Bad debt over the cap earns nothing; under it, full points at the target profit, half for beating the default."""
    values = {"profit": f"{outcome['profit']:,.0f}", "target": f"{params['target']:,.0f}",
              "default": f"{params['default_profit']:,.0f}", "rate": f"{outcome['bad_debt_rate']:.2%}",
              "cap": f"{params['bad_debt_cap']:.2%}"}
    if outcome["bad_debt_rate"] > params["bad_debt_cap"]:
        return Verdict(0.0, "ex04.verdict.risky", values)
    return tiered_verdict(outcome["profit"], params["target"], params["default_profit"],
                          ("ex04.verdict.target", "ex04.verdict.beats_default", "ex04.verdict.below"), values)


TASKS = (
    Task("aaa_customers", "integer", 1, "ex04.hint.aaa_customers"),
    Task("approval_rate", "number", 1, "ex04.hint.approval_rate", tolerance=1 / N_CUSTOMERS, fraction=True),
    # Half a day: DSO is read to the day, and 27.6 rounded to 28 stays right.
    Task("dso", "number", 1, "ex04.hint.dso", tolerance=0.5),
    # Sales lost to the policy, CNY: the key sets 1 % of the value (rounding to ten thousands stays right).
    Task("lost_sales", "number", 1, "ex04.hint.lost_sales", tolerance=1.0),
    Task("credit_policy", "decision", 2, "ex04.hint.credit_policy",
         decision=Decision(credit.CreditPolicy, profit_of, judge_profit)),
    Task("why_credit", "text", 2, "ex04.hint.why_credit"),
)


def cells() -> list[dict]:
    """The questions of exercise 04 (after the setup cell)."""
    return [
        code("""
from dataclasses import replace

from crmsim import credit
from crmsim.display import labelled

if exercise.ready:  # False until your student id is written
    file = credit.credit_file(world, seed=0)  # what a seller can find out about each customer
    rating = credit.rate(file)                 # the course's score card: points, score and grade
    limits = credit.credit_limits(file)        # the four-step credit limit (steps 1-3)
    policy = credit.CreditPolicy()             # net 30, no discount, standard collection, cutoff 45
    sim = credit.simulate_receivables(world, policy, rating=rating, limits=limits, months=24, seed=0)
    summary = credit.summarise_policy(sim)
"""),
        md("""
`rating` has one row per customer with its `score` (0-100) and `grade` (AAA, the most reliable payer, down to C);
`summary` holds the credit manager's figures of two years under the default policy (approval rate, sales, sales lost
to the policy, DSO, bad debt, the costs and the profit); `labelled(credit.summary_table(sim), "credit")` shows them
with their names.

**Question 1 (1 point).** How many of your customers does the score card rate AAA, the best grade?
""", """
`rating` 每个客户一行，包括评分 `score`（0-100）和信用等级 `grade`（从最可靠的AAA级到C级）；`summary` 是默认政策下两年的
信用管理指标（授信比例、销售额、因政策损失的销售额、应收账款周转天数DSO、坏账、各项成本和利润）；
`labelled(credit.summary_table(sim), "credit")` 会带名称显示它们。

**第1题（1分）** 评分卡把你的多少个客户评为最好的AAA级？
"""),
        code("""
aaa_customers = None  # your answer, a count
exercise.check("aaa_customers", aaa_customers)
"""),
        md("""
**Question 2 (1 point).** What share of your customers does the default policy grant credit (the approval rate)?
Answer as a fraction.
""", """
**第2题（1分）** 默认政策给多大比例的客户授信（授信比例）？请以小数作答。
"""),
        code("""
approval_rate = None  # your answer, a fraction
exercise.check("approval_rate", approval_rate)
"""),
        md("""
**Question 3 (1 point).** What is the DSO (days sales outstanding) under the default policy? (Within half a day.)
""", """
**第3题（1分）** 默认政策下的应收账款周转天数（DSO）是多少？（误差半天以内即可。）
"""),
        code("""
dso = None  # your answer, days
exercise.check("dso", dso)
"""),
        md("""
**Question 4 (1 point).** How much in sales (CNY) did the default policy lose over the two years: what customers
would have bought with unlimited credit on these terms, minus what they bought? (Within 1 %.)
""", """
**第4题（1分）** 两年内默认政策损失了多少销售额（元），即在同样条件下信用不受限制时客户会购买的金额减去实际购买的金额？（误差1%以内即可。）
"""),
        code("""
lost_sales = None  # your answer, CNY
exercise.check("lost_sales", lost_sales)
"""),
        md("""
**Question 5 (2 points, a decision).** Sit on the credit committee. Design a credit policy (`credit.CreditPolicy(...)`
or `replace(policy, ...)`: the screening `cutoff`, the `credit_period`, a cash discount `discount_rate` /
`discount_days`, the `collection` style, the `limit_multiplier`) whose two-year **profit** beats the default's by at
least 2 % while its **bad-debt rate** stays under the cap, a quarter above the default's
(`exercise.params("credit_policy")` shows both). The cost figures (cost of capital, variable cost ratio, reminder
cost, agency fee, cash share) describe the market and stay as they are. Compare candidates with
`credit.summarise_policy(credit.simulate_receivables(world, mine, rating=rating, limits=limits, months=24, seed=0))`
or `credit.policy_sweep(world, policy, field=..., values=[...], file=file, seed=0)` before you check.
""", """
**第5题（2分，决策题）** 请担任信用委员会成员。设计一项信用政策（`credit.CreditPolicy(...)` 或 `replace(policy, ...)`：
筛选标准 `cutoff`、信用期限 `credit_period`、现金折扣 `discount_rate` / `discount_days`、收账政策 `collection`、
额度倍数 `limit_multiplier`），使其两年**利润**比默认政策至少高2%，同时**坏账率**不超过上限（比默认政策高四分之一，
两者见 `exercise.params("credit_policy")`）。成本参数（资金成本、变动成本率、催收成本、代理费、现金购买比例）描述的是市场，
保持不变。检查之前，可以先用
`credit.summarise_policy(credit.simulate_receivables(world, mine, rating=rating, limits=limits, months=24, seed=0))`
或 `credit.policy_sweep(world, policy, field=..., values=[...], file=file, seed=0)` 比较候选政策。
"""),
        code("""
if exercise.ready:
    print(round(summary["profit"]), f"{summary['bad_debt_rate']:.2%}", exercise.params("credit_policy"))
"""),
        code("""
credit_policy = None  # your policy, e.g. replace(policy, collection="strict")
exercise.check("credit_policy", credit_policy)
"""),
        md("""
**Question 6 (2 points, graded by your instructor).** In two or three sentences: which levers did you move, and what
did each cost or bring (sales won, money tied up, bad debt, discounts)?
""", """
**第6题（2分，由教师评分）** 用两三句话说明：你调整了哪些杠杆？每个杠杆带来了什么、付出了什么（赢得的销售、占用的资金、坏账、折扣）？
"""),
        code('''
why_credit = """
"""  # your sentences, between the quotes
exercise.check("why_credit", why_credit)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("credit_decisions", "04", "ex04.title", TASKS, N_CUSTOMERS, cells)

