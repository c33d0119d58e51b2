"""Analysis of a simulated policy: aging, monthly balances, summary, textbook formula, sweeps, by grade."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsim import credit
from crmsim.credit import CreditPolicy
from crmsim.credit.analysis import _month_of_day, _settle_month
from crmsim.credit.receivables import month_starts


def test_aging_buckets_sum_to_receivables(sim):
    table = credit.aging(sim)
    assert list(table["bucket"]) == list(credit.AGING_BUCKETS)
    assert table["amount"].sum() == pytest.approx(sim.accounts["receivable_end"].sum(), rel=1e-12)
    assert table["amount"].sum() == pytest.approx(
        sim.invoices.loc[sim.invoices["status"] == "open", "amount"].sum(), rel=1e-12)
    assert table["share"].sum() == pytest.approx(1.0)
    monthly = credit.receivables_by_month(sim)
    for month in (0, 5, 11, 23):
        day = int(monthly["month_end_day"].iloc[month])
        assert credit.aging(sim, day=day)["amount"].sum() == pytest.approx(monthly["receivables"].iloc[month],
                                                                           rel=1e-9)


def test_receivables_flow_balances(sim):
    monthly = credit.receivables_by_month(sim)
    flow = (monthly["credit_sales"] - monthly["collected"] - monthly["written_off"]).cumsum()
    np.testing.assert_allclose(monthly["receivables"], flow, rtol=1e-9, atol=1e-3)


def test_summary_adds_up(sim):
    s = credit.summarise_policy(sim)
    assert s["average_receivables"] == pytest.approx(credit.receivables_by_month(sim)["receivables"].mean())
    assert s["sales"] == pytest.approx(s["credit_sales"] + s["cash_sales"])
    assert s["lost_sales"] == pytest.approx(s["potential_sales"] - s["sales"])
    assert s["profit"] == pytest.approx(s["contribution"] - s["bad_debt"] - s["discount_cost"]
                                        - s["interest_cost"] - s["collection_cost"])
    assert 0 < s["approval_rate"] < 1 and 0 < s["dso"] < 120


@pytest.mark.parametrize("change", [dict(credit_period=60), dict(cutoff=25), dict(cutoff=65),
                                    dict(discount_rate=0.02, discount_days=10), dict(collection="strict"),
                                    dict(credit_period=90, discount_rate=0.01, discount_days=10)])
def test_incremental_profit_formula_agrees_with_simulation(world, rating, limits, change):
    base = CreditPolicy()
    prepared = credit.prepare_credit(world, months=24, seed=4)
    a = credit.simulate_receivables(world, base, rating=rating, limits=limits, prepared=prepared)
    b = credit.simulate_receivables(world, dataclasses.replace(base, **change), rating=rating, limits=limits,
                                    prepared=prepared)
    table = credit.incremental_profit(a, b)
    # Every item but the money tied up is the same figure both ways; the
    # textbook's month-end average balance approximates the day-by-day cost.
    for item in ("contribution", "bad_debt", "discount", "collection"):
        assert table.loc[item, "formula"] == pytest.approx(table.loc[item, "simulated"], rel=1e-9, abs=1e-3)
    scale = max(a.invoices["interest_cost"].sum(), b.invoices["interest_cost"].sum())
    assert abs(table.loc["profit", "formula"] - table.loc["profit", "simulated"]) <= 0.1 * scale
    assert table.loc["profit", "simulated"] == pytest.approx(
        credit.summarise_policy(b)["profit"] - credit.summarise_policy(a)["profit"])


def test_longer_terms_win_sales_and_cost_money(world, file):
    sweep = credit.policy_sweep(world, CreditPolicy(limit_multiplier=5.0), field="credit_period",
                                values=[15, 30, 60, 90], file=file, seed=6)
    assert sweep["potential_sales"].is_monotonic_increasing
    assert sweep["sales"].is_monotonic_increasing
    assert sweep["dso"].is_monotonic_increasing
    assert sweep["interest_cost"].is_monotonic_increasing
    assert sweep["bad_debt_rate"].iloc[-1] > sweep["bad_debt_rate"].iloc[0]


def test_stricter_collection_collects_faster_at_a_cost(world, rating, limits):
    prepared = credit.prepare_credit(world, months=24, seed=8)
    results = {style: credit.summarise_policy(credit.simulate_receivables(
        world, CreditPolicy(collection=style), rating=rating, limits=limits, prepared=prepared))
        for style in credit.COLLECTION_STYLES}
    assert results["strict"]["dso"] < results["standard"]["dso"] < results["lenient"]["dso"]
    assert results["strict"]["collection_cost"] > results["lenient"]["collection_cost"]


def test_sales_by_grade_totals(sim, rating):
    table = credit.sales_by_grade(sim, rating)
    assert list(table.index) == list(credit.GRADES)
    assert table["customers"].sum() == len(rating)
    assert table["credit_sales"].sum() == pytest.approx(sim.accounts["credit_sales"].sum())
    assert table["default_rate"].between(0, 1).all()


def test_bad_analysis_inputs_rejected(world, file, rating, limits, sim):
    with pytest.raises(ValueError, match="field"):
        credit.policy_sweep(world, CreditPolicy(), field="colour", values=[1, 2], file=file)
    with pytest.raises(ValueError, match="credit_period"):
        credit.policy_sweep(world, CreditPolicy(), field="credit_period", values=[30, 999], file=file)
    with pytest.raises(TypeError, match="CreditRun"):
        credit.aging(sim.invoices)
    with pytest.raises(ValueError, match="day"):
        credit.aging(sim, day=10_000)
    short = credit.simulate_receivables(world, CreditPolicy(), rating=rating, limits=limits, months=12)
    with pytest.raises(ValueError, match="same horizon"):
        credit.incremental_profit(sim, short)
    with pytest.raises(ValueError, match="at least one"):
        credit.summary_table()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cutoff=st.floats(0, 90), period=st.integers(0, 180), discount=st.sampled_from([0.0, 0.01, 0.02]),
       collection=st.sampled_from(credit.COLLECTION_STYLES), multiplier=st.floats(0, 4), months=st.integers(1, 14))
def test_aging_sums_to_receivables_for_any_policy(world, rating, limits, cutoff, period, discount, collection,
                                                   multiplier, months):
    policy = CreditPolicy(cutoff=cutoff, credit_period=period, discount_rate=discount,
                          discount_days=min(10, period), collection=collection, limit_multiplier=multiplier)
    sim = credit.simulate_receivables(world, policy, rating=rating, limits=limits, months=months, seed=12)
    receivables = sim.accounts["receivable_end"].sum()
    assert credit.aging(sim)["amount"].sum() == pytest.approx(receivables, rel=1e-9, abs=1e-6)
    monthly = credit.receivables_by_month(sim)
    assert monthly["receivables"].iloc[-1] == pytest.approx(receivables, rel=1e-9, abs=1e-6)
    summary = credit.summarise_policy(sim)
    assert summary["sales"] <= summary["potential_sales"] + 1e-6
    assert 0 <= summary["bad_debt_rate"] <= 1


# --- what the analysis keeps from one call to the next gives what a fresh computation gives -------------------
@pytest.mark.parametrize("months", [1, 7, 24, 60])
def test_the_month_of_each_day_is_looked_up_as_it_would_be_searched(months):
    starts = month_starts(months)
    days = np.arange(starts[-1] + 1)
    np.testing.assert_array_equal(_month_of_day(months), np.searchsorted(starts, days, side="right") - 1)
    assert _month_of_day(months)[-1] == months and _month_of_day(months) is _month_of_day(months)
    with pytest.raises(ValueError):  # kept for every later call: nobody may write into it
        _month_of_day(months)[0] = 5


def test_settle_months_and_summaries_equal_a_fresh_search(sim):
    starts = month_starts(sim.months)
    searched = np.searchsorted(starts, sim.invoices["settle_day"].to_numpy(), side="right") - 1
    np.testing.assert_array_equal(_settle_month(sim), searched)
    assert set(np.unique(searched)) >= {0, sim.months}  # settled in the first month, and still open
    # Days outside the simulated horizon (a hand-made run) are searched, as before.
    odd = sim.invoices.copy()
    settle_day = odd["settle_day"].to_numpy().copy()
    settle_day[:3] = [-5, sim.horizon_days + 40, 10**6]
    odd["settle_day"] = settle_day
    odd_run = dataclasses.replace(sim, invoices=odd)
    np.testing.assert_array_equal(_settle_month(odd_run),
                                  np.searchsorted(starts, odd["settle_day"].to_numpy(), side="right") - 1)
    # The summary's shared index: every summary its own, equal to the fields.
    first, second = credit.summarise_policy(sim), credit.summarise_policy(sim)
    assert list(first.index) == list(credit.SUMMARY_FIELDS) and first.index is not second.index
    first.index.name = "field"
    assert second.index.name is None and credit.summarise_policy(sim).index.name is None
