"""Exercise 05, role play: reading a buying centre, the novice team's cost, and a plan of four rounds that wins it.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.role_play` on the instructor's side. The
decision task is a plan, a list of moves (``round``, ``contact_id``,
``approach``, ``hours``), judged by :func:`crmsim.roleplay.play` on the
student's own scenario against the course's two ready-made teams.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import i18n
from .. import roleplay as rp
from ..world import World
from .spec import Decision, ExerciseSpec, Task, Verdict, _json_safe, code, md, tiered_verdict

#: Customers in a student's world: 200 always hold a key account with a buying
#: centre of four or more people (tested on 50 ids) and build in a tenth of a second.
N_CUSTOMERS = 200

#: Seed of the scenario: it chooses the account, each person's concern and the
#: noise of the play, so every check of a plan plays the same account the same way.
SCENARIO_SEED = 0

#: Full points need an expected profit this share above the textbook team's:
#: handing in the textbook's own moves earns half. Reachable on every student's
#: scenario (tested on 50 ids: spending every hour where the influence is, the
#: decision maker counting double, gains 4-78 %).
PROFIT_TARGET = 0.02

#: Account health a plan must keep for any points: over-promising wins the deal
#: and loses the account. 0.95 allows no full-effect extra promise.
MIN_HEALTH = 0.95


def encode_plan(moves: list) -> list:
    """A plan as JSON-safe data; a move that is not a mapping is sent as its type, and refused when played."""
    return [{str(k): _json_safe(v) for k, v in move.items()} if isinstance(move, Mapping)
            else {"not_a_move": type(move).__name__} for move in moves]


def decode_plan(data: object) -> list:
    """The plan :func:`encode_plan` described."""
    if not isinstance(data, list):
        raise TypeError(f"a plan must be encoded as a list; got {type(data).__name__}")
    return [dict(move) if isinstance(move, dict) else {"not_a_move": type(move).__name__} for move in data]


def play_plan(world: World, moves: list, params: Mapping[str, object]) -> dict[str, float]:
    """Expected profit, win probability and account health of ``moves`` on the student's scenario."""
    bad = [i for i, move in enumerate(moves) if not isinstance(move, Mapping) or "not_a_move" in move]
    if bad:
        raise TypeError(i18n.t("ex05.refused.move", number=bad[0] + 1))
    scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
    outcome = rp.play(scenario, moves).outcome
    if int(outcome["rounds_played"]) < len(scenario.rounds):
        raise ValueError(i18n.t("ex05.refused.rounds", played=int(outcome["rounds_played"]),
                                rounds=len(scenario.rounds)))
    return {"expected_profit": float(outcome["expected_profit"]),
            "win_probability": float(outcome["win_probability"]),
            "account_health": float(outcome["account_health"])}


def judge_plan(outcome: Mapping[str, float], params: Mapping[str, object]) -> Verdict:
    """No points for an over-promise; full points at the target, half for beating the novice team."""
    values = {"profit": f"{outcome['expected_profit']:.3f}", "target": f"{params['target']:.3f}",
              "novice": f"{params['novice_profit']:.3f}", "health": f"{outcome['account_health']:.2f}",
              "win": f"{outcome['win_probability']:.0%}", "min_health": f"{params['min_health']:.2f}"}
    if outcome["account_health"] < params["min_health"]:
        return Verdict(0.0, "ex05.verdict.promise", values)
    return tiered_verdict(outcome["expected_profit"], params["target"], params["novice_profit"],
                          ("ex05.verdict.target", "ex05.verdict.beats_novice", "ex05.verdict.below"), values)


TASKS = (
    Task("people_in_centre", "integer", 1, "ex05.hint.people_in_centre"),
    # Half a hundredth: the model rounds support to four places; two decimals stay right.
    Task("start_support", "number", 1, "ex05.hint.start_support", tolerance=0.005),
    Task("most_influential", "integer", 1, "ex05.hint.most_influential"),
    # Half a hundredth: the model rounds account health to four places.
    Task("novice_health", "number", 1, "ex05.hint.novice_health", tolerance=0.005, fraction=True),
    Task("plan", "decision", 2, "ex05.hint.plan",
         decision=Decision(list, play_plan, judge_plan, encode=encode_plan, decode=decode_plan)),
    Task("why_plan", "text", 2, "ex05.hint.why_plan"),
)


def cells() -> list[dict]:
    """The questions of exercise 05 (after the setup cell)."""
    return [
        code("""
from crmsim import roleplay as rp
from crmsim.display import labelled

if exercise.ready:  # False until your student id is written
    scenario = rp.make_scenario(world, seed=0)  # one key account's buying centre
    people = scenario.people
    labelled(people[["contact_id", "role", "influence", "attitude", "is_coach", "concern"]], "roleplay")
"""),
        md("""
`scenario.people` has one row per person of the account's buying centre (采购中心): `role` (decision maker,
influencer, user, gatekeeper), `influence` on the decision (0-1), `attitude` towards us at the start (-1 hostile to
+1 supportive), `is_coach` and the person's main `concern` (the purchase risk they worry about). In the class the
sales team never sees the concerns: it learns them by asking (SPIN questions, or the coach).

**Question 1 (1 point).** How many people are in the buying centre?
""", """
`scenario.people` 中每位采购中心成员一行：角色 `role`（决策者、影响者、使用者、把关者）、对决策的影响力 `influence`（0-1）、
开始时对我方的态度 `attitude`（-1敌对到+1支持）、是否为教练 `is_coach`，以及此人最担心的采购风险 `concern`。
在课堂上，销售团队看不到这些顾虑：只能通过提问（SPIN提问或询问教练）了解。

**第1题（1分）** 采购中心有多少人？
"""),
        code("""
people_in_centre = None  # your answer, a count
exercise.check("people_in_centre", people_in_centre)
"""),
        md("""
**Question 2 (1 point).** How much does the buying centre support us before the first round? The support is the
attitudes weighted by influence, the decision maker's influence counting `rp.DECISION_MAKER_WEIGHT` times
(-1 to +1).
""", """
**第2题（1分）** 第一轮之前，采购中心对我方的支持度是多少？支持度是按影响力加权的态度，决策者的影响力按 `rp.DECISION_MAKER_WEIGHT` 倍计算（-1到+1）。
"""),
        code("""
start_support = None  # your answer, between -1 and +1
exercise.check("start_support", start_support)
"""),
        md("""
**Question 3 (1 point).** Which person (`contact_id`) has the most influence on the decision?
""", """
**第3题（1分）** 哪个人（`contact_id`）对决策的影响力最大？
"""),
        code("""
most_influential = None  # your answer, a contact_id
exercise.check("most_influential", most_influential)
"""),
        md("""
**Question 4 (1 point).** Play the ready-made *novice* team (`rp.example_moves(scenario, "novice")`: every hour with
the decision maker, presentations, a price cut and an extra promise). What account health (0-1) is left after
delivery?
""", """
**第4题（1分）** 运行现成的*新手*团队（`rp.example_moves(scenario, "novice")`：所有时间都给决策者，做演示、降价，再加一个额外承诺）。
交付之后客户健康度（0-1）还剩多少？
"""),
        code("""
novice_health = None  # your answer, between 0 and 1
exercise.check("novice_health", novice_health)
"""),
        md("""
**Question 5 (2 points, a decision).** Plan the four rounds (approach, needs, present, close) for your sales team: a
list of moves, one dict per person met in a round, e.g.
`{"round": 1, "contact_id": 12, "approach": "spin_questions", "hours": 2.5}`, with at most
`scenario.hours_per_round` hours a round (`rp.APPROACHES` lists the approaches; `ask_coach` only with the coach).
Your plan's **expected profit** (win probability × deal value × margin) must beat the *textbook* team's by at least
2 %, without over-promising (account health at least 0.95); beating the novice team earns half
(`exercise.params("plan")` shows the figures). Try plans with `rp.play(scenario, moves).outcome` and
`rp.debrief(...)` before you check.
""", """
**第5题（2分，决策题）** 为你的销售团队规划四轮（接近、了解需求、展示、成交）：一个行动列表，每轮见一个人就写一个字典，例如
`{"round": 1, "contact_id": 12, "approach": "spin_questions", "hours": 2.5}`，每轮最多 `scenario.hours_per_round` 小时
（`rp.APPROACHES` 列出各种方式；`ask_coach` 只能用于教练）。你的计划的**预期利润**（赢单概率 × 项目金额 × 毛利率）必须比*教科书*团队
至少高2%，并且不能过度承诺（客户健康度不低于0.95）；超过新手团队可得一半分数（数值见 `exercise.params("plan")`）。
检查之前，可以先用 `rp.play(scenario, moves).outcome` 和 `rp.debrief(...)` 试一试。
"""),
        code("""
if exercise.ready:
    textbook = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    print(textbook.outcome.to_dict(), exercise.params("plan"))
"""),
        code("""
plan = None  # your moves, a list of dicts
exercise.check("plan", plan)
"""),
        md("""
**Question 6 (2 points, graded by your instructor).** In two or three sentences: whom did you meet in which round,
and why does that move the buying centre more than the textbook team's plan?
""", """
**第6题（2分，由教师评分）** 用两三句话说明：你在哪一轮见了谁？为什么这比教科书团队的计划更能打动采购中心？
"""),
        code('''
why_plan = """
"""  # your sentences, between the quotes
exercise.check("why_plan", why_plan)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("role_play", "05", "ex05.title", TASKS, N_CUSTOMERS, cells)
