"""Decision tasks: the thresholds are reachable by a sensible policy or plan on every student's world.

Each test builds 50 students' worlds (small, the exercise's own size), computes the
thresholds as the answer key does, and checks that one of a few sensible answers
(the solver's ``candidates``, also the solution of the nbgrader notebooks) earns full points through the task's own evaluate and judge, while the course's
default (or the textbook team) does not: the target asks for more than copying it.
"""

from __future__ import annotations

import itertools

import pytest

from crmsim import credit
from crmsim import key_accounts as ka
from crmsim import relationships as rel
from crmsim import roleplay as rp
from crmsim.exercises import get_exercise
from crmsim.exercises.relationship_levels import SIMULATION_SEED
from crmsim.exercises.solvers.relationship_levels import sensible_care_policies
from crmsim.exercises.role_play import SCENARIO_SEED
from crmsim.exercises.solutions import correct_values, solver
from crmsim.seeding import student_seed

STUDENTS = [f"reach-{i:03d}" for i in range(50)]


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


def test_a_better_rep_policy_exists_for_every_student():
    spec = get_exercise("key_account_process")
    task = spec.task("rep_policy")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        best, params = _best_credit(spec, "rep_policy", world, solver(spec).candidates(world)["rep_policy"])
        assert best == 1, (student, params)
        default = task.decision.judge(task.decision.evaluate(world, ka.RepPolicy(), params), params)
        assert default.credit == 0  # the default itself does not pass


def test_a_better_credit_policy_under_the_cap_exists_for_every_student():
    spec = get_exercise("credit_decisions")
    task = spec.task("credit_policy")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        best, params = _best_credit(spec, "credit_policy", world, solver(spec).candidates(world)["credit_policy"])
        assert best == 1, (student, params)
        default = task.decision.judge(task.decision.evaluate(world, credit.CreditPolicy(), params), params)
        assert default.credit == 0


def test_a_winning_plan_exists_for_every_student():
    spec = get_exercise("role_play")
    task = spec.task("plan")
    for student in STUDENTS:
        world = spec.build_world(student_seed(2024, student))
        best, params = _best_credit(spec, "plan", world, solver(spec).candidates(world)["plan"])
        assert best == 1, (student, params)
        scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
        textbook = rp.example_moves(scenario, "textbook").to_dict("records")
        verdict = task.decision.judge(task.decision.evaluate(world, textbook, params), params)
        assert verdict.credit == 0.5  # the textbook's own moves beat the novice, not the target
