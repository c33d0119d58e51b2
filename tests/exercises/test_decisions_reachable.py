"""Decision tasks: the thresholds are reachable by a sensible policy on every student's world."""

from __future__ import annotations

import itertools

from crmsim import relationships as rel
from crmsim.exercises import get_exercise
from crmsim.exercises.relationship_levels import SIMULATION_SEED
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
