"""Decision tasks: the thresholds are reachable by a sensible policy or plan on every student's world.

Each test builds 50 students' worlds (small, the exercise's own size), computes the
thresholds as the answer key does, and checks that one of a few sensible answers
earns full points through the task's own evaluate and judge, while the course's
default (or the textbook team) does not: the target asks for more than copying it.
"""

from __future__ import annotations

import itertools

import numpy as np

from crmsim import credit
from crmsim import key_accounts as ka
from crmsim import relationships as rel
from crmsim import roleplay as rp
from crmsim.exercises import get_exercise
from crmsim.exercises.relationship_levels import SIMULATION_SEED
from crmsim.exercises.role_play import SCENARIO_SEED
from crmsim.exercises.solutions import correct_values
from crmsim.seeding import student_seed

STUDENTS = [f"reach-{i:03d}" for i in range(50)]


def sensible_care_policies():
    """More care for key accounts, more (or more personal) contact, complaints handled fast and well."""
    budget = {code: 3 * value for code, value in rel.DEFAULT_CARE_BUDGET.items()}
    for contacts, mix in itertools.product((1, 2, 6, 8), ("balanced", "personal")):
        yield rel.CarePolicy(care_budget=budget, contacts_per_month=contacts, channel_mix=mix, complaint_days=2,
                             complaint_quality=0.9)


def test_a_better_care_policy_exists_for_every_student():
    spec = get_exercise("relationship_levels")
    policies = dict(enumerate(sensible_care_policies()))
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        target = correct_values(spec, world)[1]["care_policy"]
        profits = rel.compare_policies(world, policies, seed=SIMULATION_SEED)["profit"]
        assert profits.max() >= target["target"], (student, profits.max(), target)
        default = rel.compare_policies(world, {"d": rel.CarePolicy()}, seed=SIMULATION_SEED)["profit"].iloc[0]
        assert default < target["target"]  # the default itself does not pass


def _best_credit(spec, task_name, world, candidates):
    """The best share of the points any candidate earns, judged as the grader judges it."""
    task = spec.task(task_name)
    params = correct_values(spec, world)[1][task_name]
    best = 0.0
    for answer in candidates:
        verdict = task.decision.judge(task.decision.evaluate(world, answer, params), params)
        best = max(best, verdict.credit)
        if best >= 1:
            break
    return best, params


def sensible_rep_policies():
    """The same hours put on the better grades, a lighter discount, risky leads dropped earlier."""
    for weights, discount, drop in itertools.product(({"A": 6, "B": 3, "C": 1, "D": 0}, {"A": 4, "B": 2, "C": 1}),
                                                     (0.05, 0.04), (0.6, 0.75)):
        yield ka.policy_from_effort(weights, bid_discount=discount, drop_risk_above=drop)


def test_a_better_rep_policy_exists_for_every_student():
    spec = get_exercise("key_account_process")
    task = spec.task("rep_policy")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        best, params = _best_credit(spec, "rep_policy", world, sensible_rep_policies())
        assert best == 1, (student, params)
        default = task.decision.judge(task.decision.evaluate(world, ka.RepPolicy(), params), params)
        assert default.credit == 0  # the default itself does not pass


def sensible_credit_policies():
    """A looser or stricter cutoff, a period around net 30, firmer collection, a small cash discount."""
    for cutoff, period, collection, discount in itertools.product((40, 45), (30, 45), ("standard", "strict"),
                                                                  (0.0, 0.01)):
        yield credit.CreditPolicy(cutoff=cutoff, credit_period=period, collection=collection, discount_rate=discount)
    yield credit.CreditPolicy(cutoff=35)
    yield credit.CreditPolicy(cutoff=50, credit_period=20)


def test_a_better_credit_policy_under_the_cap_exists_for_every_student():
    spec = get_exercise("credit_decisions")
    task = spec.task("credit_policy")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        best, params = _best_credit(spec, "credit_policy", world, sensible_credit_policies())
        assert best == 1, (student, params)
        default = task.decision.judge(task.decision.evaluate(world, credit.CreditPolicy(), params), params)
        assert default.credit == 0


def influence_plans(scenario):
    """Learn the needs (coach or SPIN) and win the gatekeeper in round 1, then present where the influence is.

    Hours follow influence with the decision maker counting double, in half hours; two variants differ in
    whether round 2 asks SPIN questions again when there is no coach.
    """
    people = scenario.people
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    weight = people["influence"].to_numpy() * np.where(role == "decision_maker", 2.0, 1.0)
    hours = np.floor(scenario.hours_per_round * weight / weight.sum() * 2) / 2
    coach, gatekeeper = people["is_coach"].to_numpy(), role == "gatekeeper"
    for spin_again in (True, False):
        moves = []
        for r in (1, 2, 3, 4):
            for i in np.flatnonzero(hours > 0):
                if gatekeeper[i]:
                    approach = "relationship_event"
                elif r == 1:
                    approach = "ask_coach" if coach[i] else "spin_questions"
                elif r == 2 and spin_again and not coach.any():
                    approach = "spin_questions"
                else:
                    approach = "fab_presentation"
                moves.append({"round": r, "contact_id": int(ids[i]), "approach": approach, "hours": float(hours[i])})
        yield moves


def test_a_winning_plan_exists_for_every_student():
    spec = get_exercise("role_play")
    task = spec.task("plan")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
        best, params = _best_credit(spec, "plan", world, influence_plans(scenario))
        assert best == 1, (student, params)
        textbook = rp.example_moves(scenario, "textbook").to_dict("records")
        verdict = task.decision.judge(task.decision.evaluate(world, textbook, params), params)
        assert verdict.credit == 0.5  # the textbook's own moves beat the novice, not the target
