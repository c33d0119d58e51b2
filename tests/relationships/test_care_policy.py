"""The care policy: validation, copies and the budgets the dashboard offers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crmsim import relationships as rel
from crmsim.world import vocab


@pytest.mark.parametrize("kwargs, error, message", [
    ({"care_budget": -1}, ValueError, "care_budget must be in"),
    ({"care_budget": "lots"}, TypeError, "care_budget must be a number"),
    ({"care_budget": {}}, ValueError, "care_budget must not be an empty"),
    ({"care_budget": {"ordinary": -5}}, ValueError, r"care_budget\['ordinary'\]"),
    ({"contacts_per_month": 50}, ValueError, "contacts_per_month must be in"),
    ({"channel_mix": "carrier pigeon"}, ValueError, "channel_mix='carrier pigeon' is not allowed"),
    ({"channel_mix": {"fax": 1.0}}, ValueError, "unknown channel"),
    ({"channel_mix": {"sms": 0.0}}, ValueError, "must not all be zero"),
    ({"channel_mix": {"sms": -1.0}}, ValueError, r"channel_mix\['sms'\]"),
    ({"channel_mix": 3}, TypeError, "channel_mix must be a preset"),
    ({"service_level": "premium"}, ValueError, "service_level='premium'"),
    ({"maintenance": "bribed"}, ValueError, "maintenance='bribed'"),
    ({"complaint_days": 0}, ValueError, "complaint_days must be in"),
    ({"complaint_quality": 1.5}, ValueError, "complaint_quality must be in"),
])
def test_bad_policies_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        rel.CarePolicy(**kwargs)


def test_budget_keys_must_be_all_segments_or_all_levels(world):
    with pytest.raises(ValueError, match="missing"):
        rel.simulate_relationships(world, rel.CarePolicy(care_budget={"ordinary": 100}), months=2)
    with pytest.raises(ValueError, match="must all be segment codes"):
        rel.simulate_relationships(world, rel.CarePolicy(care_budget={"ordinary": 100, "distant": 5}), months=2)
    by_level = rel.CarePolicy(care_budget={"distant": 0, "face_to_face": 100, "brand": 200, "intimate": 300})
    assert rel.simulate_relationships(world, by_level, months=2).monthly["care_cost"].max() <= 300


def test_a_policy_is_copied_with_dataclasses_replace():
    policy = rel.CarePolicy(care_budget={"distant": 0, "face_to_face": 100, "brand": 200, "intimate": 300},
                            channel_mix={"phone": 1.0, "email": 2.0})
    copy = replace(policy, contacts_per_month=0.0)
    assert copy.care_budget == policy.care_budget and copy.channel_mix == policy.channel_mix
    assert copy.contacts_per_month == 0.0 and replace(policy) == policy
    assert replace(policy, care_budget=0.0).care_budget == 0.0


def test_budgets_by_grade_and_rising_by_level():
    by_grade = rel.budget_by_grade(300.0, 1500.0)
    assert set(by_grade) == set(vocab.SEGMENT_CODES)
    assert by_grade["ordinary"] == 300.0 and {by_grade[c] for c in vocab.SEGMENT_CODES if c != "ordinary"} == {1500.0}
    assert rel.rising_level_budgets(rel.COURSE_LADDER) == {"distant": 250.0, "face_to_face": 500.0, "brand": 1000.0,
                                                            "intimate": 2000.0}
    assert rel.rising_level_budgets(rel.KOTLER_LADDER, lowest=100.0)["partnership"] == 1600.0


def test_a_channel_mix_of_huge_or_tiny_weights_is_normalised():
    huge = rel.CarePolicy(channel_mix={"sms": 1e308, "email": 1e308, "phone": 1e308})
    assert dict(huge.channel_mix)["sms"] == pytest.approx(1 / 3)
    tiny = rel.CarePolicy(channel_mix={"sms": 1e-320, "email": 3e-320})
    assert dict(tiny.channel_mix)["email"] == pytest.approx(0.75, rel=1e-3)
    assert sum(w for _, w in huge.channel_mix) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="must be finite"):
        rel.CarePolicy(channel_mix={"sms": float("inf")})


@pytest.mark.parametrize("call, error, message", [
    (lambda: rel.budget_by_grade(-1, 100), ValueError, "ordinary must be in"),
    (lambda: rel.budget_by_grade(100, float("nan")), ValueError, "key_accounts must be finite"),
    (lambda: rel.budget_by_grade("a", 1), TypeError, "ordinary must be a number"),
    (lambda: rel.rising_level_budgets("course"), TypeError, "ladder must be a Ladder"),
    (lambda: rel.rising_level_budgets(rel.COURSE_LADDER, -5), ValueError, "lowest must be in"),
    (lambda: rel.rising_level_budgets(rel.COURSE_LADDER, 1e9), ValueError, "lowest must be in"),
    (lambda: rel.level_dtype("course"), TypeError, "ladder must be a Ladder"),
])
def test_budget_helpers_refuse_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
