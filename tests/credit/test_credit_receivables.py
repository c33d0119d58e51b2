"""The receivables simulation: screening, limits, payments, seeds and its golden hash."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsim import credit
from crmsim.credit import CreditPolicy
from goldens import table_digest


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loose=st.floats(0, 100), extra=st.floats(0, 100),
       weights=st.tuples(st.floats(0, 3), st.floats(0, 3), st.floats(0.1, 3)))
def test_a_tighter_cutoff_never_increases_approvals(world, file, limits, loose, extra, weights):
    tight = min(loose + extra, 100.0)
    rating = credit.rate(file, credit.DEFAULT_SCORECARD.with_group_weights(*weights))
    prepared = credit.prepare_credit(world, months=6, seed=1)
    a = credit.simulate_receivables(world, CreditPolicy(cutoff=loose), rating=rating, limits=limits, months=6,
                                    prepared=prepared)
    b = credit.simulate_receivables(world, CreditPolicy(cutoff=tight), rating=rating, limits=limits, months=6,
                                    prepared=prepared)
    assert b.accounts["approved"].sum() <= a.accounts["approved"].sum()
    assert not (b.accounts["approved"] & ~a.accounts["approved"]).any()
    assert b.accounts["credit_sales"].sum() <= a.accounts["credit_sales"].sum() + 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=st.floats(0, 3), extra=st.floats(0, 3))
def test_a_higher_limit_never_lowers_credit_sales(world, rating, limits, low, extra):
    prepared = credit.prepare_credit(world, months=6, seed=2)
    a = credit.simulate_receivables(world, CreditPolicy(limit_multiplier=low), rating=rating, limits=limits,
                                    months=6, prepared=prepared)
    b = credit.simulate_receivables(world, CreditPolicy(limit_multiplier=low + extra), rating=rating,
                                    limits=limits, months=6, prepared=prepared)
    assert (b.accounts["credit_sales"].to_numpy() >= a.accounts["credit_sales"].to_numpy() - 1e-6).all()


def test_with_no_defaults_bad_debt_is_zero(world, rating, limits):
    customers = world.customers.assign(true_payment_reliability=1.0)
    safe = dataclasses.replace(world, customers=customers)
    sim = credit.simulate_receivables(safe, CreditPolicy(cutoff=0, credit_period=90), rating=rating, limits=limits,
                                      seed=5)
    assert not sim.accounts["defaulted"].any()
    assert sim.invoices["bad_debt"].sum() == 0
    assert (sim.invoices["status"] != "written_off").all()
    summary = credit.summarise_policy(sim)
    assert summary["bad_debt"] == 0 and summary["bad_debt_rate"] == 0
    # perfectly reliable payers are never late either
    assert (sim.invoices["days_past_due"] == 0).all() and summary["collection_cost"] == 0


def test_invoices_are_consistent(sim):
    inv, acc = sim.invoices, sim.accounts
    assert (inv["amount"] > 0).all()
    assert (inv["due_day"] - inv["issue_day"] == sim.policy.credit_period).all()
    assert (inv["settle_day"] >= inv["issue_day"]).all() and (inv["settle_day"] <= sim.horizon_days).all()
    paid = inv["status"] == "paid"
    dated = credit.invoice_dates(sim)
    assert dated.loc[paid, "paid_date"].notna().all() and dated.loc[~paid, "paid_date"].isna().all()
    assert ((dated["due_date"] - dated["issue_date"]).dt.days == sim.policy.credit_period).all()
    assert (dated["issue_date"] >= sim.start).all()
    np.testing.assert_allclose(inv.loc[paid, "days_to_pay"], (inv["settle_day"] - inv["issue_day"])[paid])
    np.testing.assert_allclose(inv["bad_debt"], np.where(inv["status"] == "written_off", inv["amount"], 0.0))
    assert inv.groupby("customer_id")["amount"].sum().sum() == pytest.approx(acc["credit_sales"].sum())
    assert (acc.loc[~acc["approved"], "credit_sales"] == 0).all()
    assert (acc["lost_sales"] >= -1e-6).all()
    defaulted = set(acc.loc[acc["defaulted"], "customer_id"])
    assert set(inv.loc[inv["status"] == "written_off", "customer_id"]) <= defaulted


def test_the_default_policy_is_the_course_default(world, rating, limits, sim):
    default = credit.simulate_receivables(world, rating=rating, limits=limits, seed=3)
    assert default.policy == CreditPolicy()
    pd.testing.assert_frame_equal(default.invoices, sim.invoices)


# --- seeds ----------------------------------------------------------------------------
def test_same_seed_same_tables(world, rating, limits, sim):
    def run(seed, months=24):
        return credit.simulate_receivables(world, CreditPolicy(), rating=rating, limits=limits, months=months,
                                           seed=seed)

    again = run(3)
    pd.testing.assert_frame_equal(sim.invoices, again.invoices)
    pd.testing.assert_frame_equal(sim.accounts, again.accounts)
    other = run(4)
    assert not other.invoices["amount"].equals(sim.invoices["amount"])
    pd.testing.assert_frame_equal(sim.invoices, run(np.random.SeedSequence(3)).invoices)
    # a Generator seeds both streams from one number it draws: equal generators, equal tables
    from_generator = run(np.random.default_rng(8), months=6)
    pd.testing.assert_frame_equal(from_generator.invoices, run(np.random.default_rng(8), months=6).invoices)
    prepared = credit.prepare_credit(world, months=6, seed=np.random.default_rng(8))
    pd.testing.assert_frame_equal(from_generator.invoices, credit.simulate_receivables(
        world, rating=rating, limits=limits, months=6, prepared=prepared).invoices)


def test_every_entry_point_accepts_int_seedsequence_and_generator_seeds(world, file):
    for seed in (5, np.random.SeedSequence(5), np.random.default_rng(5)):
        assert len(credit.credit_file(world, seed=seed)) == len(world.customers)
        assert credit.prepare_credit(world, months=2, seed=seed).months == 2
        assert credit.run_policy(world, months=2, seed=seed, file=file).months == 2
    pd.testing.assert_frame_equal(credit.credit_file(world, seed=5),
                                  credit.credit_file(world, seed=np.random.SeedSequence(5)))


def test_the_topic_draws_only_from_the_seed_registry():
    package = Path(credit.__file__).parent
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for private in ("default_rng", "SeedSequence(", "PCG64(", "_streams", "_stream(", "_child("):
            assert private not in text, f"{module.name} builds its own generator ({private})"


def _tiny_world():
    """A hand-made world, so the golden hash guards this module alone."""
    n = 6
    customers = pd.DataFrame({
        "customer_id": np.arange(1, n + 1, dtype=np.int32),
        "true_payment_reliability": np.linspace(0.3, 0.99, n),
        "true_price_sensitivity": np.linspace(0.2, 0.8, n),
        "true_wallet": np.linspace(0.5, 3.0, n),
        "true_share_of_wallet": np.full(n, 0.4),
    })
    rating = pd.DataFrame({"customer_id": customers["customer_id"], "score": np.linspace(30, 90, n)})
    limits = pd.DataFrame({"customer_id": customers["customer_id"], "credit_limit": np.full(n, 60_000.0)})
    return SimpleNamespace(customers=customers, as_of=pd.Timestamp("2026-01-01")), rating, limits


def test_golden_hash_of_a_small_simulation():
    tiny, rating, limits = _tiny_world()
    sim = credit.simulate_receivables(tiny, CreditPolicy(cutoff=40, discount_rate=0.02), rating=rating,
                                      limits=limits, months=12, seed=2024)
    assert len(sim.invoices) > 30
    assert table_digest(sim.invoices) == GOLDEN_INVOICES
    assert table_digest(sim.accounts) == GOLDEN_ACCOUNTS


GOLDEN_INVOICES = "843fe188c93113f3"
GOLDEN_ACCOUNTS = "0563a48f12a897ca"


# --- bad input ------------------------------------------------------------------------
def test_bad_simulation_inputs_rejected(world, rating, limits):
    def simulate(policy=None, **kwargs):
        kwargs = {"rating": rating, "limits": limits, **kwargs}
        return credit.simulate_receivables(world, policy, **kwargs)

    with pytest.raises(TypeError, match="policy"):
        simulate({"cutoff": 40})
    with pytest.raises(ValueError, match="one row per customer"):
        simulate(rating=rating.iloc[:10])
    with pytest.raises(ValueError, match="customer order"):
        simulate(rating=rating.iloc[::-1])
    with pytest.raises(ValueError, match="months"):
        simulate(months=0)
    with pytest.raises(TypeError, match="seed"):
        simulate(seed="abc")
    with pytest.raises(ValueError, match="different number"):
        simulate(months=12, prepared=credit.prepare_credit(world, months=6))
    with pytest.raises(TypeError, match="positional"):
        credit.simulate_receivables(world, CreditPolicy(), rating, limits)
