"""The key-account process: seeds, the six stages, grading and the rep's policy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import key_accounts as ka

from .ka_synthetic import synthetic_opportunities, table_hash


# --- seeds -------------------------------------------------------------------------------
def test_same_seed_gives_identical_tables(world):
    a, b = ka.simulate_key_accounts(world, seed=5), ka.simulate_key_accounts(world, seed=5)
    pd.testing.assert_frame_equal(a.opportunities, b.opportunities)
    pd.testing.assert_frame_equal(a.stage_events, b.stage_events)
    pd.testing.assert_frame_equal(ka.contact_log(a, world, seed=1), ka.contact_log(b, world, seed=1))
    c = ka.simulate_key_accounts(world, seed=6)
    assert not a.opportunities["amount"].equals(c.opportunities["amount"])


def test_generator_and_seed_sequence_seeds(world):
    a = ka.simulate_key_accounts(world, seed=np.random.default_rng(9))
    b = ka.simulate_key_accounts(world, seed=np.random.default_rng(9))
    pd.testing.assert_frame_equal(a.stage_events, b.stage_events)
    s = ka.simulate_key_accounts(world, seed=np.random.SeedSequence(4))
    pd.testing.assert_frame_equal(s.opportunities, ka.simulate_key_accounts(world, seed=4).opportunities)


def test_golden_hash_of_the_six_stages(world):
    # The prepared table is made by formula: the world is not read.
    result = ka.simulate_key_accounts(world, prepared=synthetic_opportunities(), seed=2024, start="2026-01-01")
    columns = ["grade", "effort_hours", "coach_strength", "proposal_quality", "risk_score", "win_probability",
               "stages_entered", "outcome", "reason", "won_date", "revenue"]
    assert table_hash(result.opportunities[columns]) == GOLDEN_OPPORTUNITIES
    assert table_hash(result.stage_events) == GOLDEN_EVENTS


GOLDEN_OPPORTUNITIES = "ff0a27fb1708c3ea2a1a26e0fd1f4282a0e763accbf3d93ddc4fbb8128638680"
GOLDEN_EVENTS = "f24b6a62f717657dc3e508e111d886223109ff20d52007dcefa93cda85908a6d"


def test_prepared_opportunities_give_the_run_of_the_world(world):
    prepared = ka.prepare_key_accounts(world, seed=7)
    direct = ka.simulate_key_accounts(world, seed=7)
    reused = ka.simulate_key_accounts(world, seed=7, prepared=prepared)
    pd.testing.assert_frame_equal(direct.opportunities, reused.opportunities)
    pd.testing.assert_frame_equal(direct.stage_events, reused.stage_events)
    assert reused.start == pd.Timestamp(world.as_of) == prepared.attrs["start"]


def test_policy_change_keeps_common_random_numbers(world):
    base = ka.simulate_key_accounts(world, seed=2)
    cheaper = ka.simulate_key_accounts(world, replace(ka.RepPolicy(), bid_discount=0.2), seed=2)
    pd.testing.assert_series_equal(base.opportunities["amount"], cheaper.opportunities["amount"])
    # Price only enters from the tender on: the first three stages are the same draws and probabilities.
    assert np.allclose(base.opportunities["p_proposal"], cheaper.opportunities["p_proposal"])


# --- the six stages -------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), discount=st.floats(0.0, 0.5), drop=st.floats(0.0, 1.0),
       coach=st.booleans(), pursue=st.sets(st.sampled_from(ka.GRADES)))
def test_funnel_never_rises_and_durations_are_positive(world, seed, discount, drop, coach, pursue):
    policy = ka.RepPolicy(pursue=tuple(sorted(pursue)), bid_discount=discount, drop_risk_above=drop,
                          develop_coach=coach)
    result = ka.simulate_key_accounts(world, policy, seed=seed)
    entered = ka.funnel(result)["entered"].to_numpy()
    assert (np.diff(entered) <= 0).all()
    events = result.stage_events
    assert (events["duration_days"] >= 1).all()
    assert (events["exited"] > events["entered"]).all()
    # Each stage starts the day the previous one ends.
    same = events["opportunity_id"].to_numpy()[1:] == events["opportunity_id"].to_numpy()[:-1]
    assert (events["entered"].to_numpy()[1:][same] == events["exited"].to_numpy()[:-1][same]).all()
    opps = result.opportunities
    assert (opps["outcome"] == "won").sum() == entered[-1]
    assert ((opps["outcome"] == "won") == opps["won_date"].notna()).all()
    assert (opps.loc[~opps["grade"].isin(policy.pursue), "outcome"] == "dropped").all()


@pytest.fixture(scope="module")
def probe(result):
    return result.opportunities.reset_index(drop=True)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_stronger_coach_or_relationship_never_lowers_win_probability(probe, data):
    row = data.draw(st.integers(0, len(probe) - 1))
    before = probe.iloc[[row]].copy()
    after = before.copy()
    after["coach_strength"] = data.draw(st.floats(float(before["coach_strength"].iloc[0]), 1.0))
    for role in crmsim.world.vocab.ROLE_CODES:
        after[f"rel_{role}"] = data.draw(st.floats(float(before[f"rel_{role}"].iloc[0]), 1.0))
    drop = data.draw(st.floats(0.0, 1.0))
    assert (ka.stage_probabilities(after) >= ka.stage_probabilities(before) - 1e-12).all()
    assert ka.win_probability(after, drop)[0] >= ka.win_probability(before, drop)[0] - 1e-12


def test_realised_win_rate_matches_the_model(big_result):
    opps = big_result.opportunities
    kept = opps["win_probability"] > 0
    won = (opps["outcome"] == "won")[kept]
    p = opps["win_probability"][kept]
    standard_error = np.sqrt((p * (1 - p)).sum()) / len(p)
    assert abs(won.mean() - p.mean()) < 4 * standard_error


def test_pursuing_nothing_wins_nothing(world):
    opps = ka.simulate_key_accounts(world, ka.RepPolicy(pursue=()), seed=1).opportunities
    assert (opps["reason"] == "not_pursued").all() and opps["revenue"].sum() == 0


def test_dropping_risky_leads_and_grading_out(world):
    never = ka.simulate_key_accounts(world, ka.RepPolicy(drop_risk_above=1.0), seed=1).opportunities
    strict = ka.simulate_key_accounts(world, ka.RepPolicy(drop_risk_above=0.3), seed=1).opportunities
    assert (never["reason"] == "high_risk").sum() == 0
    assert (strict["reason"] == "high_risk").sum() == ((strict["risk_score"] > 0.3) & strict["pursued"]).sum() > 0


def test_grading_is_configurable(world):
    opps = ka.prepare_key_accounts(world, seed=1)
    default = ka.grade_accounts(opps)
    assert set(default["grade"]) <= set(ka.GRADES)
    by_size = ka.grade_accounts(opps, ka.Grading(weights={"size": 1.0}))
    expected = np.searchsorted([-0.65, -0.58, -0.50], -opps["f_size"].to_numpy(), side="right")
    assert (by_size["grade"].cat.codes.to_numpy() == expected).all()
    generous = ka.grade_accounts(opps, ka.Grading(cutoffs=(0.3, 0.2, 0.1)))
    assert (generous["grade"].cat.codes <= default["grade"].cat.codes).all()


def test_the_controls_policy_pursues_exactly_the_grades_with_effort():
    policy = ka.policy_from_effort({"A": 5, "B": 0, "C": 1, "D": 0}, bid_discount=0.1)
    assert policy.pursue == ("A", "C") and policy.effort_weights == {"A": 5.0, "B": 0.0, "C": 1.0, "D": 0.0}
    assert policy.bid_discount == 0.1 and policy.monthly_hours == ka.RepPolicy().monthly_hours
    assert ka.policy_from_effort(ka.effort_by_grade(ka.RepPolicy())) == ka.RepPolicy(
        effort_weights={"A": 4, "B": 2, "C": 1, "D": 0})
    assert ka.policy_from_effort({g: 0 for g in ka.GRADES}).pursue == ()
    with pytest.raises(TypeError, match="pursue"):
        ka.policy_from_effort({"A": 1}, pursue=("B",))


def test_large_ordinary_customers_can_count_as_key_accounts(world):
    key = set(ka.key_account_ids(world))
    wider = set(ka.key_account_ids(world, include_large_ordinary=True))
    assert key < wider
    customers = world.customers.set_index("customer_id").loc[sorted(wider - key)]
    assert (customers["segment"] == "ordinary").all()
    assert customers["size_tier"].isin(["large", "very_large"]).all()
    opps = ka.prepare_key_accounts(world, seed=1, include_large_ordinary=True)
    assert set(opps["customer_id"]) <= wider and not set(opps["customer_id"]) <= key


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("make, error, words", [
    (lambda: ka.RepPolicy(bid_discount=0.9), ValueError, "bid_discount"),
    (lambda: ka.RepPolicy(pursue=("E",)), ValueError, "pursue"),
    (lambda: ka.RepPolicy(pursue="A"), TypeError, "pursue"),
    (lambda: ka.RepPolicy(pursue=("A", "A")), ValueError, "pursue"),
    (lambda: ka.RepPolicy(pursue=np.int8(1)), TypeError, "pursue"),
    (lambda: ka.RepPolicy(effort_weights={"A": -1}), ValueError, "effort_weights"),
    (lambda: ka.RepPolicy(monthly_hours="lots"), TypeError, "monthly_hours"),
    (lambda: ka.RepPolicy(develop_coach="yes"), TypeError, "develop_coach"),
    (lambda: ka.RepPolicy(drop_risk_above=1.5), ValueError, "drop_risk_above"),
    (lambda: replace(ka.RepPolicy(), bid_discount=-0.1), ValueError, "bid_discount"),
    (lambda: ka.Grading(cutoffs=(0.4, 0.5, 0.6)), ValueError, "decreasing"),
    (lambda: ka.Grading(weights={"height": 1.0}), ValueError, "height"),
    (lambda: ka.Grading(weights={"size": 0.0}), ValueError, "zero"),
])
def test_bad_settings_are_rejected(make, error, words):
    with pytest.raises(error, match=words):
        make()


def test_bad_calls_are_rejected(world, result):
    with pytest.raises(ValueError, match="months"):
        ka.prepare_key_accounts(world, months=0)
    with pytest.raises(TypeError, match="seed"):
        ka.prepare_key_accounts(world, seed="x")
    with pytest.raises(TypeError, match="world"):
        ka.prepare_key_accounts("world")
    with pytest.raises(TypeError, match="world"):
        ka.simulate_key_accounts(result)
    with pytest.raises(ValueError, match="start"):
        ka.simulate_key_accounts(world, start="not a date")
    with pytest.raises(ValueError, match="start"):
        ka.prepare_key_accounts(world, start=float("nan"))
    with pytest.raises(TypeError, match="include_large_ordinary"):
        ka.key_account_ids(world, include_large_ordinary="yes")
    with pytest.raises(TypeError, match="opportunities"):
        ka.simulate_key_accounts(world, prepared=[1, 2, 3])
    with pytest.raises(ValueError, match="start"):
        ka.simulate_key_accounts(world, prepared=synthetic_opportunities())
    with pytest.raises(TypeError, match="policy"):
        ka.simulate_key_accounts(world, {"bid_discount": 0.1}, prepared=result.opportunities)
    with pytest.raises(TypeError, match="grading"):
        ka.simulate_key_accounts(world, grading="size", prepared=result.opportunities)
    with pytest.raises(TypeError, match="n_opportunities.*prepare_key_accounts"):
        ka.simulate_key_accounts(world, prepared=result.opportunities, n_opportunities=10)
    with pytest.raises(TypeError):
        ka.simulate_key_accounts(world, None, None)  # everything after the policy is keyword-only


@pytest.mark.parametrize("start, months", [("2262-01-01", 60), ("1600-01-01", 12), ("2199-06-01", 12)])
def test_dates_outside_pandas_range_are_refused_not_wrapped(world, start, months):
    with pytest.raises(ValueError, match="the dates must lie between 1900-01 and 2200-01"):
        ka.prepare_key_accounts(world, start=start, months=months)
