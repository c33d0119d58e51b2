"""The monthly simulation: arguments, tables, determinism, the golden hash, and what care and complaints do."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from crmsim import relationships as rel
from crmsim.relationships import complaints
from crmsim.world import vocab

from .conftest import rounded_hash


@pytest.mark.parametrize("kwargs, error, message", [
    ({"months": 0}, ValueError, "months must be >= 1"),
    ({"months": 2.5}, TypeError, "months must be an int"),
    ({"seed": -1}, ValueError, "seed must be a non-negative int"),
    ({"policy": {"care_budget": 5}}, TypeError, "policy must be a CarePolicy"),
    ({"initial_level": "friends"}, ValueError, "initial_level='friends'"),
    ({"replace_churned": "yes"}, TypeError, "replace_churned must be a bool"),
    ({"ladder": 7}, TypeError, "levels must be a list"),
])
def test_bad_simulation_arguments(world, kwargs, error, message):
    with pytest.raises(error, match=message):
        rel.simulate_relationships(world, **kwargs)


def test_world_must_be_a_world():
    with pytest.raises(TypeError, match="world must be a crmsim World"):
        rel.simulate_relationships(pd.DataFrame())


def test_monthly_table_shape_and_types(run, world):
    monthly = run.monthly
    n = len(world.customers)
    assert len(monthly) == n * 24
    assert list(monthly.columns) == ["customer_id", "month", "level_before", "level", "complaint", "recovered",
                                     "repeat_complaint", "satisfaction", "satisfied", "churned", "revenue", "care_cost",
                                     "contact_cost", "cost_to_serve", "profit"]
    assert monthly["level"].cat.ordered and monthly["level"].cat.categories[0] == "churned"
    assert monthly["customer_id"].dtype == np.int32 and monthly["month"].dtype == np.int16
    # The end of one month is the start of the next.
    ends = monthly["level"].cat.codes.to_numpy().reshape(24, n)[:-1]
    starts = monthly["level_before"].cat.codes.to_numpy().reshape(24, n)[1:]
    np.testing.assert_array_equal(ends, starts)
    inactive = monthly["level_before"] == "churned"
    assert (monthly.loc[inactive, ["revenue", "cost_to_serve"]] == 0).all().all()
    assert monthly.loc[inactive, "satisfaction"].isna().all()
    assert not monthly.loc[inactive, "complaint"].any()
    np.testing.assert_allclose(monthly["profit"], rel.GROSS_MARGIN_RATE * monthly["revenue"]
                               - monthly["cost_to_serve"])


def test_complaint_table_matches_the_monthly_log(run):
    table = run.complaints
    assert len(table) == run.monthly["complaint"].sum()
    assert set(table["outcome"].cat.categories) == set(complaints.OUTCOMES)
    assert table["outcome"].eq("recovered").sum() == run.monthly["recovered"].sum()
    assert table["complaint_id"].is_unique


def test_contact_log(run):
    log = run.contact_log
    assert list(log.columns) == ["customer_id", "month", "channel", "contacts", "cost"]
    assert (log["contacts"] > 0).all()
    # Realised contacts scatter around the planned cadence.
    active_months = (run.monthly["level_before"] != "churned").sum()
    assert log["contacts"].sum() / active_months == pytest.approx(run.policy.contacts_per_month, rel=0.05)
    assert log["cost"].sum() == pytest.approx(run.monthly["contact_cost"].sum(), rel=0.05)


def test_same_seed_same_tables(world):
    a = rel.simulate_relationships(world, seed=8, months=12)
    b = rel.simulate_relationships(world, seed=np.random.SeedSequence(8), months=12)
    c = rel.simulate_relationships(world, seed=9, months=12)
    pd.testing.assert_frame_equal(a.monthly, b.monthly, check_exact=True)
    pd.testing.assert_frame_equal(a.complaints, b.complaints, check_exact=True)
    pd.testing.assert_frame_equal(a.contact_log, b.contact_log, check_exact=True)
    assert not a.monthly["level"].equals(c.monthly["level"])


def fixed_world(n: int = 40):
    """A hand-made world, independent of make_world, so the golden hash guards this module alone."""
    i = np.arange(n)
    segment_codes, orientation_codes = list(vocab.SEGMENT_CODES), list(vocab.ORIENTATION_CODES)
    customers = pd.DataFrame({
        "customer_id": (i + 1).astype(np.int32),
        "value_orientation": pd.Categorical.from_codes(i % 3, categories=orientation_codes),
        "segment": pd.Categorical.from_codes(np.where(i % 4 == 0, i % 5, 0), categories=segment_codes),
        "rep_id": (i % 5 + 1).astype(np.int32),
        "customer_since": pd.Timestamp("2015-01-01") + pd.to_timedelta(i * 97, unit="D"),
        "true_loyalty_propensity": (i * 0.37) % 1.0,
        "true_price_sensitivity": (i * 0.61) % 1.0,
        "true_wallet": 0.2 + (i * 1.7) % 9.0,
    })
    reps = pd.DataFrame({"rep_id": np.arange(1, 6, dtype=np.int32), "retention_skill": [0.3, 0.45, 0.5, 0.6, 0.8]})
    return SimpleNamespace(customers=customers, reps=reps, as_of=pd.Timestamp("2026-01-01"))


# If this changes, every notebook's numbers change: do it on purpose.
GOLDEN_MONTHLY = "5780eed7a0091adb"


def test_golden_hash():
    run = rel.simulate_relationships(fixed_world(), seed=5, months=6)
    assert rounded_hash(run.monthly) == GOLDEN_MONTHLY


def test_estimated_matrix_matches_the_true_one(big_run):
    estimated = rel.estimate_transition_matrix(big_run.monthly)
    true = rel.true_transition_matrix(big_run)
    assert list(estimated.columns) == [*big_run.ladder.codes, "churned"]
    np.testing.assert_allclose(true.sum(axis=1), 1.0)
    counts = estimated.attrs["counts"]
    # Each entry within 4 binomial standard errors.
    tolerance = 4 * np.sqrt(true.to_numpy() * (1 - true.to_numpy()) / counts[:, None]) + 1e-3
    assert (np.abs(estimated.to_numpy() - true.to_numpy()) <= tolerance).all()


def test_simulated_chain_converges_to_the_stationary_distribution(world):
    # With lost customers replaced, the level mix settles at the average of the
    # customers' stationary distributions whatever the start.
    run = rel.simulate_relationships(world, seed=21, months=1500, replace_churned=True, initial_level="intimate")
    analytic = rel.population_stationary_mix(run)
    mix = rel.level_mix(run.monthly)
    assert mix["churned"].iloc[1:].max() < 0.1  # only the month's leavers, replaced next month
    late = run.monthly[run.monthly["month"] > 300]
    simulated = late["level_before"].value_counts(normalize=True).reindex(analytic.index)
    np.testing.assert_allclose(simulated.to_numpy(), analytic.to_numpy(), atol=0.02)
    early = run.monthly[run.monthly["month"] == 1]["level_before"].value_counts(normalize=True)
    assert early["intimate"] == 1.0  # it did start far from the stationary mix


def test_more_care_lifts_the_simulated_level_mix(big_world):
    little = rel.simulate_relationships(big_world, rel.CarePolicy(care_budget=0, contacts_per_month=0.5), seed=2)
    lots = rel.simulate_relationships(big_world, rel.CarePolicy(care_budget=3000, contacts_per_month=4), seed=2)

    def mean_level(run):  # churned counts as -1
        return (run.monthly.loc[run.monthly["month"] == 24, "level"].cat.codes - 1).mean()

    assert mean_level(lots) > mean_level(little) + 0.2
    assert rel.monthly_kpis(lots.monthly)["cumulative_churn"].iloc[-1] < \
        rel.monthly_kpis(little.monthly)["cumulative_churn"].iloc[-1]


def test_recovery_effect_is_visible(big_run):
    effect = rel.recovery_effect(big_run.monthly)
    assert list(effect.index) == ["no_complaint", "recovered", "recovered_again", "not_recovered"]
    assert (effect["customer_months"] > 200).all()
    # A first complaint handled well leaves the customer more satisfied than no complaint at all...
    assert effect.loc["recovered", "satisfaction"] > effect.loc["no_complaint", "satisfaction"] + 0.03
    # ...a second one does not (the paradox is gone), and one handled poorly is worse still.
    assert effect.loc["recovered_again", "satisfaction"] < effect.loc["no_complaint", "satisfaction"]
    assert effect.loc["not_recovered", "satisfaction"] < effect.loc["recovered_again", "satisfaction"]
    # A good recovery restores the relationship, it does not lift it: moves as without a complaint.
    assert effect.loc["recovered", "up_rate"] < 1.5 * effect.loc["no_complaint", "up_rate"]
    assert effect.loc["not_recovered", "down_rate"] > 3 * effect.loc["no_complaint", "down_rate"]
    assert effect.loc["not_recovered", "churn_rate"] > 1.5 * effect.loc["no_complaint", "churn_rate"]


def test_a_repeat_complaint_is_flagged(run):
    monthly = run.monthly
    per_customer = monthly[monthly["complaint"]].groupby("customer_id").size()
    repeats = monthly[monthly["repeat_complaint"]].groupby("customer_id").size()
    # Every complaint but a customer's first is a repeat.
    pd.testing.assert_series_equal(repeats, (per_customer - 1)[per_customer > 1], check_names=False)
    assert not (monthly["repeat_complaint"] & ~monthly["complaint"]).any()


def test_fast_good_handling_keeps_more_customers(big_world):
    good = rel.simulate_relationships(big_world, rel.CarePolicy(complaint_days=1, complaint_quality=0.95), seed=6)
    poor = rel.simulate_relationships(big_world, rel.CarePolicy(complaint_days=30, complaint_quality=0.3), seed=6)
    assert rel.monthly_kpis(good.monthly)["cumulative_churn"].iloc[-1] < \
        rel.monthly_kpis(poor.monthly)["cumulative_churn"].iloc[-1] - 0.01
    assert good.complaints["outcome"].eq("recovered").mean() > 0.8
    assert poor.complaints["outcome"].eq("recovered").mean() < 0.15


def test_satisfaction_follows_service_against_expectation(big_world):
    # Value-oriented buyers are satisfied by personalised service, far less by standardised.
    personal = rel.simulate_relationships(big_world, rel.CarePolicy(service_level="personalised"), months=3)
    standard = rel.simulate_relationships(big_world, rel.CarePolicy(service_level="standardised"), months=3)
    value_buyers = np.tile((big_world.customers["value_orientation"] == "value").to_numpy(), 3)
    assert personal.monthly["satisfied"][value_buyers].mean() > standard.monthly["satisfied"][value_buyers].mean() + 0.2
    forced = rel.simulate_relationships(big_world, rel.CarePolicy(maintenance="forced"), months=3)
    assert forced.monthly["satisfied"].mean() < personal.monthly["satisfied"].mean()


def test_a_prepared_world_gives_the_same_run(world, big_world):
    prepared = rel.prepare_relationships(world, seed=2)
    a = rel.simulate_relationships(world, seed=2, months=4, prepared=prepared)
    b = rel.simulate_relationships(world, seed=2, months=4)
    pd.testing.assert_frame_equal(a.monthly, b.monthly, check_exact=True)
    # Draws made for a longer run serve a shorter one: the same numbers.
    longer = rel.simulate_relationships(world, seed=2, months=9, prepared=prepared)
    again = rel.simulate_relationships(world, seed=2, months=4, prepared=prepared)
    pd.testing.assert_frame_equal(again.monthly, b.monthly, check_exact=True)
    pd.testing.assert_frame_equal(longer.monthly.iloc[:len(b.monthly)], b.monthly, check_exact=True)
    with pytest.raises(ValueError, match="prepared was made for another world"):
        rel.simulate_relationships(big_world, seed=2, months=2, prepared=prepared)
    with pytest.raises(ValueError, match="prepared was made with another seed"):
        rel.simulate_relationships(world, seed=3, months=2, prepared=prepared)
    with pytest.raises(ValueError, match="another seed"):
        rel.simulate_relationships(world, seed=np.random.default_rng(2), months=2, prepared=prepared)


def test_every_entry_point_takes_int_seedsequence_and_generator_seeds(world):
    by_int = rel.simulate_relationships(world, seed=8, months=3)
    by_sequence = rel.simulate_relationships(world, seed=np.random.SeedSequence(8), months=3)
    pd.testing.assert_frame_equal(by_int.monthly, by_sequence.monthly, check_exact=True)
    generator = rel.simulate_relationships(world, seed=np.random.default_rng(1), months=3)
    assert generator.monthly.shape == by_int.monthly.shape
    for seed in (8, np.random.SeedSequence(8), np.random.default_rng(1)):
        prepared = rel.prepare_relationships(world, seed=seed)
        run = rel.simulate_relationships(world, seed=prepared.root, months=3, prepared=prepared)
        assert len(run.monthly) == 3 * len(world.customers)
        table = rel.compare_policies(world, {"default": rel.CarePolicy()}, months=3, seed=seed)
        assert table.index.tolist() == ["default"]
    prepared = rel.prepare_relationships(world, seed=np.random.SeedSequence(8))
    from_prepared = rel.simulate_relationships(world, seed=8, months=3, prepared=prepared)
    pd.testing.assert_frame_equal(from_prepared.monthly, by_int.monthly, check_exact=True)


def test_everything_after_the_policy_is_keyword_only(world):
    with pytest.raises(TypeError):
        rel.simulate_relationships(world, rel.CarePolicy(), "course", 2)
    with pytest.raises(TypeError):
        rel.prepare_relationships(world, 2)
