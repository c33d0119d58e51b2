"""Relationship levels: ladder, care policy, monthly dynamics, complaints and analysis."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import complaints, i18n
from crmsim.world import vocab
from crmsim import relationships as rel


def rounded_hash(df: pd.DataFrame) -> str:
    """Hash of a table with floats rounded to 8 significant digits (robust to last-bit differences)."""
    parts = []
    for column in df.columns:
        values = df[column].to_numpy()
        if np.issubdtype(values.dtype, np.floating):
            values = np.char.mod("%.8g", values)
        parts.append(f"{column}:" + ",".join(map(str, values)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def run(world):
    return rel.simulate_relationships(world, seed=3)


@pytest.fixture(scope="module")
def big_run(big_world):
    return rel.simulate_relationships(big_world, seed=4)


# --- ladders -------------------------------------------------------------------------------
def test_presets_are_ordered_and_translated():
    assert rel.COURSE_LADDER.codes == ("distant", "face_to_face", "brand", "intimate")
    assert rel.COURSE_LADDER.labels("zh") == ["疏远关系", "面对面关系", "品牌关系", "亲密关系"]
    assert len(rel.KOTLER_LADDER.levels) == 5
    for ladder in rel.LADDERS.values():
        assert np.all(np.diff(ladder.retention) >= 0) and np.all(np.diff(ladder.share_of_wallet) >= 0)
    assert rel.get_ladder("kotler") is rel.KOTLER_LADDER


def custom_levels():
    return [
        {"code": "new", "name_en": "New", "name_zh": "新客户", "cost_to_serve": 100, "retention": 0.5,
         "share_of_wallet": 0.1},
        {"code": "regular", "name_en": "Regular", "name_zh": "老客户", "cost_to_serve": 500, "retention": 0.8,
         "share_of_wallet": 0.3},
        {"code": "partner", "name_en": "Partner", "name_zh": "伙伴", "cost_to_serve": 2000, "retention": 0.95,
         "share_of_wallet": 0.6},
    ]


def test_custom_ladder_runs(world):
    ladder = rel.make_ladder(custom_levels(), "Three steps", "三级")
    run = rel.simulate_relationships(world, ladder=ladder, months=6)
    assert list(run.monthly["level"].cat.categories) == ["churned", "new", "regular", "partner"]
    assert run.matrices.shape == (len(world.customers), 3, 4)


@pytest.mark.parametrize("change, message", [
    (lambda levels: levels[:1], "2 to 8 levels"),
    (lambda levels: [levels[0], levels[0]], "distinct"),
    (lambda levels: [levels[0], {**levels[1], "retention": 0.4}, levels[2]], r"levels\[1\]\.retention"),
    (lambda levels: [levels[0], {**levels[1], "share_of_wallet": 0.05}, levels[2]], r"levels\[1\]\.share_of_wallet"),
    (lambda levels: [{**levels[0], "cost_to_serve": -1}, *levels[1:]], r"levels\[0\]\.cost_to_serve"),
    (lambda levels: [{**levels[0], "retention": 0.0}, *levels[1:]], r"levels\[0\]\.retention"),
    (lambda levels: [{k: v for k, v in levels[0].items() if k != "name_zh"}, *levels[1:]], "missing keys"),
    (lambda levels: [{**levels[0], "colour": "red"}, *levels[1:]], "unknown keys"),
    (lambda levels: [{**levels[0], "code": "churned"}, *levels[1:]], "reserved"),
    (lambda levels: [{**levels[0], "code": "two words"}, *levels[1:]], r"levels\[0\]\.code"),
    (lambda levels: [{**levels[0], "name_en": " "}, *levels[1:]], r"levels\[0\]\.name_en"),
])
def test_invalid_ladders_are_rejected_with_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        rel.make_ladder(change(custom_levels()))


def test_ladder_type_errors():
    with pytest.raises(TypeError, match="levels must be a list"):
        rel.make_ladder("distant, intimate")
    with pytest.raises(TypeError, match=r"levels\[1\] must be a dict"):
        rel.make_ladder([custom_levels()[0], 3])
    with pytest.raises(TypeError, match=r"levels\[0\]\.retention must be a number"):
        rel.make_ladder([{**custom_levels()[0], "retention": "high"}, *custom_levels()[1:]])
    with pytest.raises(ValueError, match="ladder='gold' is not allowed"):
        rel.get_ladder("gold")


# --- policy validation -------------------------------------------------------------------------
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


# --- tables and determinism ----------------------------------------------------------------------
def test_monthly_table_shape_and_types(run, world):
    monthly = run.monthly
    n = len(world.customers)
    assert len(monthly) == n * 24
    assert list(monthly.columns) == ["customer_id", "month", "level_before", "level", "complaint", "recovered",
                                     "satisfaction", "satisfied", "churned", "revenue", "care_cost",
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
    g = rel.simulate_relationships(world, seed=np.random.default_rng(1), months=3)
    assert len(g.monthly) == 3 * len(world.customers)


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
GOLDEN_MONTHLY = "1e2aa9cfe49d3b70"


def test_golden_hash():
    run = rel.simulate_relationships(fixed_world(), seed=5, months=6)
    assert rounded_hash(run.monthly) == GOLDEN_MONTHLY


# --- statistics ------------------------------------------------------------------------------------
def test_estimated_matrix_matches_the_true_one(big_run):
    estimated = rel.estimate_transition_matrix(big_run.monthly)
    true = rel.true_transition_matrix(big_run)
    assert list(estimated.columns) == [*big_run.ladder.codes, "churned"]
    np.testing.assert_allclose(true.sum(axis=1), 1.0)
    counts = estimated.attrs["counts"]
    # Each entry within 4 binomial standard errors.
    tolerance = 4 * np.sqrt(true.to_numpy() * (1 - true.to_numpy()) / counts[:, None]) + 1e-3
    assert (np.abs(estimated.to_numpy() - true.to_numpy()) <= tolerance).all()


def test_stationary_distribution_solves_the_chain():
    rng = np.random.default_rng(0)
    raw = rng.random((4, 5))
    matrix = raw / raw.sum(axis=1, keepdims=True)
    pi = rel.stationary_distribution(matrix)
    closed = matrix[:, :4].copy()
    closed[:, 0] += matrix[:, 4]
    np.testing.assert_allclose(pi @ closed, pi, atol=1e-12)
    np.testing.assert_allclose(pi, np.linalg.matrix_power(closed, 500)[0], atol=1e-10)
    with pytest.raises(ValueError, match="shape"):
        rel.stationary_distribution(np.ones((3, 3)))


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


def drivers_strategy(n: int = 3):
    unit = st.floats(0.0, 1.0, allow_nan=False)
    row = st.fixed_dictionaries({
        "orientation": st.integers(0, 2), "segment": st.integers(0, len(vocab.SEGMENT_CODES) - 1),
        "loyalty": unit, "price_sensitivity": unit, "rep_skill": unit,
        "wallet_month": st.floats(1e3, 1e7),
    })
    return st.lists(row, min_size=n, max_size=n).map(_drivers_frame)


def _drivers_frame(rows):
    frame = pd.DataFrame(rows)
    frame.insert(0, "customer_id", np.arange(1, len(frame) + 1))
    frame["key_account"] = frame["segment"] != vocab.SEGMENT_CODES.index("ordinary")
    return frame


policy_fields = st.fixed_dictionaries({
    "channel_mix": st.sampled_from(tuple(rel.CHANNEL_MIXES)),
    "service_level": st.sampled_from(rel.SERVICE_LEVELS),
    "maintenance": st.sampled_from(rel.MAINTENANCE_STYLES),
    "complaint_days": st.floats(1, 60),
    "complaint_quality": st.floats(0, 1),
})


@settings(max_examples=40, deadline=None)
@given(drivers=drivers_strategy(), fields=policy_fields, ladder=st.sampled_from(["course", "kotler"]),
       budget=st.floats(0, 8000), extra_budget=st.floats(0, 8000), cadence=st.floats(0, 10),
       extra_cadence=st.floats(0, 10), by_segment=st.booleans(), months=st.integers(1, 36),
       start=st.integers(0, 3))
def test_more_care_never_lowers_the_expected_level(drivers, fields, ladder, budget, extra_budget, cadence,
                                                   extra_cadence, by_segment, months, start):
    def budget_of(amount):
        if not by_segment:
            return amount
        return {code: amount * (1 + i) for i, code in enumerate(vocab.SEGMENT_CODES)}

    less = rel.CarePolicy(budget_of(budget), cadence, **fields)
    more = rel.CarePolicy(budget_of(budget + extra_budget), cadence + extra_cadence, **fields)
    low = rel.expected_level(rel.transition_matrices(drivers, less, ladder), start, months)
    high = rel.expected_level(rel.transition_matrices(drivers, more, ladder), start, months)
    assert np.all(high >= low - 1e-9)


@settings(max_examples=30, deadline=None)
@given(drivers=drivers_strategy(), fields=policy_fields, budgets=st.lists(st.floats(0, 5000), min_size=4, max_size=4),
       extra=st.floats(0, 5000), level=st.integers(0, 3), months=st.integers(1, 36))
def test_more_care_on_a_level_budget_never_lowers_the_expected_level(drivers, fields, budgets, extra, level, months):
    # Budgets by level that do not fall up the ladder: monotone at every horizon.
    ascending = np.sort(budgets)
    codes = rel.COURSE_LADDER.codes
    less = rel.CarePolicy(dict(zip(codes, ascending)), 2.0, **fields)
    more = rel.CarePolicy(dict(zip(codes, ascending + extra)), 2.0, **fields)
    low = rel.expected_level(rel.transition_matrices(drivers, less), level, months)
    high = rel.expected_level(rel.transition_matrices(drivers, more), level, months)
    assert np.all(high >= low - 1e-9)
    # Any budget by level, one month ahead.
    raw = dict(zip(codes, budgets))
    bumped = dict(zip(codes, np.asarray(budgets) + extra))
    one_low = rel.expected_level(rel.transition_matrices(drivers, rel.CarePolicy(raw, 2.0, **fields)), level, 1)
    one_high = rel.expected_level(rel.transition_matrices(drivers, rel.CarePolicy(bumped, 2.0, **fields)), level, 1)
    assert np.all(one_high >= one_low - 1e-12)


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
    assert effect.loc["recovered", "customer_months"] > 500 and effect.loc["not_recovered", "customer_months"] > 500
    # A complaint handled well lifts more customers than no complaint at all...
    assert effect.loc["recovered", "up_rate"] > 2 * effect.loc["no_complaint", "up_rate"]
    # ...and one handled poorly drives them down and out.
    assert effect.loc["not_recovered", "down_rate"] > 5 * effect.loc["no_complaint", "down_rate"]
    assert effect.loc["not_recovered", "churn_rate"] > 1.5 * effect.loc["no_complaint", "churn_rate"]
    assert effect.loc["recovered", "satisfaction"] > effect.loc["not_recovered", "satisfaction"]


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


# --- analysis ---------------------------------------------------------------------------------------
def test_level_mix_and_kpis_agree_with_the_log(run, world):
    mix = rel.level_mix(run.monthly)
    assert mix.shape == (25, 5)
    np.testing.assert_allclose(mix.sum(axis=1), 1.0)
    kpis = rel.monthly_kpis(run.monthly)
    n = len(world.customers)
    assert kpis["customers"].iloc[0] == n
    np.testing.assert_allclose(kpis["cumulative_churn"].to_numpy(), mix["churned"].iloc[1:].to_numpy())
    np.testing.assert_allclose(kpis["profit"].sum(), run.monthly["profit"].sum())
    grouped = run.monthly.groupby("month")["revenue"].sum().to_numpy()
    np.testing.assert_allclose(kpis["revenue"].to_numpy(), grouped)
    # Unsorted input gives the same answer.
    shuffled = run.monthly.sample(frac=1.0, random_state=0)
    pd.testing.assert_frame_equal(rel.monthly_kpis(shuffled), kpis, rtol=1e-9)


def test_level_economics_and_clv_rise_with_the_level(big_run):
    economics = rel.level_economics(big_run.monthly)
    assert economics["monthly_churn"].is_monotonic_decreasing
    assert economics["revenue"].is_monotonic_increasing
    clv = rel.clv_by_level(big_run)
    assert clv["clv_mean"].is_monotonic_increasing
    assert clv["customers_now"].sum() == len(big_run.customer_ids)
    with pytest.raises(ValueError, match="annual_discount_rate"):
        rel.clv_by_level(big_run, annual_discount_rate=2)


def test_care_return_matches_simulation(big_world, big_run):
    result = rel.care_return(big_run)
    simulated = big_run.monthly["profit"].sum()
    assert result["profit_with_care"] == pytest.approx(simulated, rel=0.05)
    spend = (big_run.monthly["care_cost"] + big_run.monthly["contact_cost"]).sum()
    assert result["care_spend"] == pytest.approx(spend, rel=0.02)
    nothing = rel.simulate_relationships(big_world, big_run.policy.without_care(), seed=4)
    assert result["profit_without_care"] == pytest.approx(nothing.monthly["profit"].sum(), rel=0.05)
    assert np.isnan(rel.care_return(nothing)["return_on_care"])


def test_labelled_tables_translate(run):
    crmsim.set_language("zh")
    table = rel.labelled(rel.estimate_transition_matrix(run.monthly), run.ladder)
    assert list(table.index) == ["疏远关系", "面对面关系", "品牌关系", "亲密关系"]
    assert table.columns[-1] == "已流失"
    assert rel.labelled(rel.recovery_effect(run.monthly)).index[1] == "投诉补救成功"
    assert "年保留率" in rel.COURSE_LADDER.to_frame().columns


def test_every_relationship_text_has_both_languages():
    for key in i18n.keys("rel.") + i18n.keys("complaint."):
        assert i18n.t(key, "en") and i18n.t(key, "zh")


# --- complaints walk-through ------------------------------------------------------------------------------
def test_complaint_walkthrough():
    table = complaints.complaint_walkthrough(days=10, quality=0.8)
    assert len(table) == 8
    assert table.iloc[-1, 2] == 10
    assert table.attrs["recovery_probability"] == pytest.approx(0.8 * 0.5 ** 0.9)
    crmsim.set_language("zh")
    assert complaints.complaint_walkthrough().iloc[0, 1] == "记录投诉内容"


def test_recovery_chance_falls_with_delay_and_rises_with_quality():
    days = np.arange(1, 61)
    assert np.all(np.diff(complaints.recovery_probability(days, 0.7)) < 0)
    assert np.all(np.diff(complaints.recovery_probability(3, np.linspace(0, 1, 11))) > 0)
    grid = complaints.handling_options()
    assert len(grid) == 15


@pytest.mark.parametrize("kwargs, error, message", [
    ({"days": 0}, ValueError, "days must be >= 1"),
    ({"days": 2.5}, TypeError, "days must be an int"),
    ({"quality": -0.1}, ValueError, "quality must be in"),
])
def test_bad_walkthrough_inputs(kwargs, error, message):
    with pytest.raises(error, match=message):
        complaints.complaint_walkthrough(**kwargs)


# --- comparison, segments and the customer's history -----------------------------------------------
def test_compare_policies_uses_the_same_numbers(world):
    policies = {"none": rel.CarePolicy(care_budget=0, contacts_per_month=0), "default": rel.CarePolicy()}
    table = rel.compare_policies(world, policies, seed=4)
    assert list(table.index) == ["none", "default"]
    again = rel.simulate_relationships(world, rel.CarePolicy(), seed=4)
    assert table.loc["default", "profit"] == pytest.approx(again.monthly["profit"].sum())
    assert table.loc["none", "care_spend"] == 0 and np.isnan(table.loc["none", "return_on_care"])
    with pytest.raises(ValueError, match="policies must be a non-empty dict"):
        rel.compare_policies(world, {})


def test_segment_summary_and_history(world, run):
    summary = rel.segment_summary(world, run)
    assert summary["customers"].sum() == len(world.customers)
    assert summary.loc["ordinary", "care_cost"] == pytest.approx(300.0)
    churned = (run.monthly.loc[run.monthly["month"] == 24, "level"] == "churned").mean()
    assert (summary["cumulative_churn"] * summary["customers"]).sum() / len(world.customers) == pytest.approx(churned)
    history = rel.customer_history(run, 5)
    assert len(history) == 24 and list(history.index) == list(range(1, 25))
    assert (run.monthly.loc[run.monthly["customer_id"] == 5, "profit"].to_numpy() == history["profit"].to_numpy()).all()
    with pytest.raises(ValueError, match="customer_id=99999 is not in this run"):
        rel.customer_history(run, 99999)
    crmsim.set_language("zh")
    shown = rel.labelled(history, run.ladder)
    assert set(shown["投诉"]) <= {"是", "否"}
    assert set(shown["月初层次"].astype(str)) <= {"已流失", *run.ladder.labels("zh")}


def test_display_number_keeps_six_significant_digits():
    assert rel.display_number(4_615_651_023.333) == "4,615,650,000"
    assert rel.display_number(1_745_223.1349) == rel.display_number(1_745_223.1349 * (1 + 1e-12)) == "1,745,220"
    assert rel.display_number(-12_345_678.9) == "-12,345,700"
    assert rel.display_number(0.35412) == "0.354"
    assert rel.display_number(float("nan")) == "nan"


def test_precomputed_drivers_give_the_same_run(world):
    drivers = rel.customer_drivers(world.customers, world.reps, world.as_of)
    a = rel.simulate_relationships(world, seed=2, months=4, drivers=drivers)
    b = rel.simulate_relationships(world, seed=2, months=4)
    pd.testing.assert_frame_equal(a.monthly, b.monthly, check_exact=True)
    with pytest.raises(ValueError, match="drivers must be customer_drivers"):
        rel.simulate_relationships(world, months=2, drivers=drivers.iloc[:10])
