"""Credit decisions: credit file, rating, limits, policy, receivables simulation and analysis."""

from __future__ import annotations

import dataclasses
import hashlib
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import credit, i18n
from crmsim import receivables as rv
from crmsim.credit import CreditPolicy, Factor, LimitRules, ScoreCard


@pytest.fixture(scope="module")
def world():
    return crmsim.make_world(seed=11, n_customers=1500)


@pytest.fixture(scope="module")
def file(world):
    return credit.credit_file(world)


@pytest.fixture(scope="module")
def rating(file):
    return credit.rate(file)


@pytest.fixture(scope="module")
def limits(file):
    return credit.credit_limits(file)


@pytest.fixture(scope="module")
def sim(world, rating, limits):
    return rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=24, seed=3)


@pytest.fixture(autouse=True)
def english():
    crmsim.set_language("en")
    yield
    crmsim.set_language("en")


# --- credit file ------------------------------------------------------------------
def test_credit_file_has_one_row_per_customer_with_latest_ratios(world, file):
    assert len(file) == len(world.customers)
    assert file["customer_id"].tolist() == world.customers["customer_id"].tolist()
    ratios = crmsim.world.financials.financial_ratios(world.financials)
    latest = ratios[ratios["fiscal_year"] == ratios["fiscal_year"].max()].set_index("customer_id")
    np.testing.assert_allclose(file["current_ratio"], latest.loc[file["customer_id"], "current_ratio"])
    np.testing.assert_allclose(file["debt_to_asset"], latest.loc[file["customer_id"], "debt_to_asset"])
    assert file["cash_flow_years"].between(0, 3).all()
    for column in ("reputation", "management_level", "professional_level"):
        assert file[column].between(1, 5).all()
    assert (file["late_payments"] <= file["past_invoices"]).all()
    no_history = file["past_invoices"] == 0
    assert file.loc[no_history, "late_payment_share"].isna().all()
    assert file.loc[~no_history, "late_payment_share"].between(0, 1).all()


def test_credit_file_counts_late_payments_and_defaults_from_orders(world, file):
    orders = world.orders
    one = int(orders["customer_id"].value_counts().idxmax())
    mine = orders[orders["customer_id"] == one]
    late = (mine["days_to_pay"] > mine["payment_terms_days"]) | (
        (mine["status"] == "open") & (mine["due_date"] < world.as_of))
    row = file.set_index("customer_id").loc[one]
    assert row["past_invoices"] == len(mine)
    assert row["late_payments"] == late.sum()
    assert row["past_defaults"] == (mine["status"] == "written_off").sum()


def test_credit_file_is_seed_stable(world, file):
    again = credit.credit_file(world)
    pd.testing.assert_frame_equal(file, again)
    other = credit.credit_file(world, seed=99)
    assert not other["reputation"].equals(file["reputation"])


# --- rating -----------------------------------------------------------------------
def test_score_is_weighted_mean_of_points_and_grades_follow_bands(file, rating):
    card = credit.DEFAULT_SCORECARD
    points = rating[[f"points_{f.name}" for f in card.factors]].to_numpy()
    weights = np.array([card.weights[f.name] for f in card.factors])
    np.testing.assert_allclose(rating["score"], points @ weights)
    assert rating["score"].between(0, 100).all()
    floors = dict(zip(card.grades, (*card.grade_floors, -np.inf)))
    ceilings = dict(zip(card.grades, (np.inf, *card.grade_floors)))
    for grade, group in rating.groupby("grade", observed=True):
        assert (group["score"] >= floors[grade]).all() and (group["score"] < ceilings[grade]).all()


def test_factor_points_by_band():
    factor = Factor("current_ratio", "financial", 1, (1.0, 2.0), (0, 50, 100), missing_points=25)
    np.testing.assert_array_equal(factor.score(np.array([0.5, 1.0, 1.99, 2.0, 9.0, np.nan])),
                                  [0, 50, 50, 100, 100, 25])
    assert factor.band_labels() == ["< 1", "1 - 2", ">= 2"]


def test_rating_steps_add_up_to_the_score(file, rating):
    customer = int(file["customer_id"].iloc[7])
    steps = credit.rating_steps(file, customer)
    weighted = steps[i18n.t("credit.step.weighted")]
    assert len(steps) == len(credit.DEFAULT_SCORECARD.factors) + 1
    assert weighted.iloc[:-1].sum() == pytest.approx(rating["score"].iloc[7], abs=0.05)
    assert steps[i18n.t("credit.step.band")].iloc[-1] == str(rating["grade"].iloc[7])
    crmsim.set_language("zh")
    zh = credit.rating_steps(file, customer)
    assert "评价因素" in zh.columns and zh.iloc[0, 0] == "流动比率"


def test_group_weights_change_the_score(file, rating):
    only_report = credit.rate(file, credit.DEFAULT_SCORECARD.with_group_weights(0, 1, 0))
    report = [f for f in credit.DEFAULT_SCORECARD.factors if f.group == "report"]
    total = sum(f.weight for f in report)
    expected = sum(rating[f"points_{f.name}"] * f.weight / total for f in report)
    np.testing.assert_allclose(only_report["score"], expected)


def test_odds_scaling_doubles_odds_every_pdo_points(rating, sim):
    scaled = credit.odds_scaling(rating, sim.accounts["defaulted"], base_score=600, base_odds=50, pdo=20)
    assert scaled.attrs["slope"] > 0  # a higher score means better odds
    lo = scaled["log_odds"].to_numpy()
    points = scaled["scaled_score"].to_numpy()
    np.testing.assert_allclose(np.diff(points), 20 / np.log(2) * np.diff(lo))
    anchor = 600 + 20 / np.log(2) * (np.log(100) - np.log(50))  # odds 100:1 is one doubling above 50:1
    assert anchor == pytest.approx(620)


# --- limits -----------------------------------------------------------------------
def test_four_step_limit(file, limits):
    rules = credit.DEFAULT_LIMIT_RULES
    tier = file["size_tier"].cat.codes.to_numpy()
    np.testing.assert_allclose(limits["base_limit"], np.asarray(rules.base_by_tier)[tier])
    percents = limits[[f"percent_{item}" for item in credit.LIMIT_ITEMS]].to_numpy()
    np.testing.assert_allclose(limits["mean_percent"], percents.mean(axis=1))
    np.testing.assert_allclose(limits["credit_limit"], limits["base_limit"] * limits["mean_percent"])
    # reputation 5 is grade A (100 %), 1 or 2 grade D (40 %)
    rep = file["reputation"].to_numpy()
    assert (limits.loc[rep == 5, "grade_reputation"] == "A").all()
    assert (limits.loc[rep <= 2, "percent_reputation"] == rules.grade_percent[3]).all()
    doubled = credit.credit_limits(file, LimitRules(multiplier=2.0))
    np.testing.assert_allclose(doubled["credit_limit"], 2 * limits["credit_limit"])
    steps = credit.limit_steps(limits, int(file["customer_id"].iloc[0]))
    assert steps.iloc[-1, 2] == pytest.approx(round(limits["credit_limit"].iloc[0], 2))


# --- policy and simulation ----------------------------------------------------------
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loose=st.floats(0, 100), extra=st.floats(0, 100),
       weights=st.tuples(st.floats(0, 3), st.floats(0, 3), st.floats(0.1, 3)))
def test_a_tighter_cutoff_never_increases_approvals(world, file, limits, loose, extra, weights):
    tight = min(loose + extra, 100.0)
    rating = credit.rate(file, credit.DEFAULT_SCORECARD.with_group_weights(*weights))
    draws = rv.draw_randomness(len(world.customers), 6, seed=1)
    a = rv.simulate_receivables(world, CreditPolicy(cutoff=loose), rating, limits, months=6, draws=draws)
    b = rv.simulate_receivables(world, CreditPolicy(cutoff=tight), rating, limits, months=6, draws=draws)
    assert b.accounts["approved"].sum() <= a.accounts["approved"].sum()
    assert not (b.accounts["approved"] & ~a.accounts["approved"]).any()
    assert b.accounts["credit_sales"].sum() <= a.accounts["credit_sales"].sum() + 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=st.floats(0, 3), extra=st.floats(0, 3))
def test_a_higher_limit_never_lowers_credit_sales(world, rating, limits, low, extra):
    draws = rv.draw_randomness(len(world.customers), 6, seed=2)
    a = rv.simulate_receivables(world, CreditPolicy(limit_multiplier=low), rating, limits, 6, draws=draws)
    b = rv.simulate_receivables(world, CreditPolicy(limit_multiplier=low + extra), rating, limits, 6, draws=draws)
    assert (b.accounts["credit_sales"].to_numpy() >= a.accounts["credit_sales"].to_numpy() - 1e-6).all()


def test_with_no_defaults_bad_debt_is_zero(world, rating, limits):
    customers = world.customers.assign(true_payment_reliability=1.0)
    safe = dataclasses.replace(world, customers=customers)
    sim = rv.simulate_receivables(safe, CreditPolicy(cutoff=0, credit_period=90), rating, limits, seed=5)
    assert not sim.accounts["defaulted"].any()
    assert sim.invoices["bad_debt"].sum() == 0
    assert (sim.invoices["status"] != "written_off").all()
    summary = rv.summarise_policy(sim)
    assert summary["bad_debt"] == 0 and summary["bad_debt_rate"] == 0
    # perfectly reliable payers are never late either
    assert (sim.invoices["days_past_due"] == 0).all() and summary["collection_cost"] == 0


def test_invoices_are_consistent(sim):
    inv, acc = sim.invoices, sim.accounts
    assert (inv["amount"] > 0).all()
    assert (inv["due_day"] - inv["issue_day"] == sim.policy.credit_period).all()
    assert (inv["settle_day"] >= inv["issue_day"]).all() and (inv["settle_day"] <= sim.horizon_days).all()
    paid = inv["status"] == "paid"
    dated = rv.invoice_dates(sim)
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


def test_aging_buckets_sum_to_receivables(sim):
    table = rv.aging(sim)
    assert list(table["bucket"]) == list(rv.AGING_BUCKETS)
    assert table["amount"].sum() == pytest.approx(sim.accounts["receivable_end"].sum(), rel=1e-12)
    assert table["amount"].sum() == pytest.approx(
        sim.invoices.loc[sim.invoices["status"] == "open", "amount"].sum(), rel=1e-12)
    assert table["share"].sum() == pytest.approx(1.0)
    monthly = rv.receivables_by_month(sim)
    for month in (0, 5, 11, 23):
        day = int(monthly["month_end_day"].iloc[month])
        assert rv.aging(sim, day=day)["amount"].sum() == pytest.approx(monthly["receivables"].iloc[month], rel=1e-9)


def test_receivables_flow_balances(sim):
    monthly = rv.receivables_by_month(sim)
    flow = (monthly["credit_sales"] - monthly["collected"] - monthly["written_off"]).cumsum()
    np.testing.assert_allclose(monthly["receivables"], flow, rtol=1e-9, atol=1e-3)


def test_summary_adds_up(sim):
    s = rv.summarise_policy(sim)
    assert s["average_receivables"] == pytest.approx(rv.receivables_by_month(sim)["receivables"].mean())
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
    draws = rv.draw_randomness(len(world.customers), 24, seed=4)
    a = rv.simulate_receivables(world, base, rating, limits, draws=draws)
    b = rv.simulate_receivables(world, base.but(**change), rating, limits, draws=draws)
    table = rv.incremental_profit(a, b)
    # Every item but the money tied up is the same figure both ways; the
    # textbook's month-end average balance approximates the day-by-day cost.
    for item in ("contribution", "bad_debt", "discount", "collection"):
        assert table.loc[item, "formula"] == pytest.approx(table.loc[item, "simulated"], rel=1e-9, abs=1e-3)
    scale = max(a.invoices["interest_cost"].sum(), b.invoices["interest_cost"].sum())
    assert abs(table.loc["profit", "formula"] - table.loc["profit", "simulated"]) <= 0.1 * scale
    assert table.loc["profit", "simulated"] == pytest.approx(
        rv.summarise_policy(b)["profit"] - rv.summarise_policy(a)["profit"])


def test_longer_terms_win_sales_and_cost_money(world, file):
    sweep = rv.policy_sweep(world, CreditPolicy(limit_multiplier=5.0), "credit_period", [15, 30, 60, 90],
                            file=file, seed=6)
    assert sweep["potential_sales"].is_monotonic_increasing
    assert sweep["sales"].is_monotonic_increasing
    assert sweep["dso"].is_monotonic_increasing
    assert sweep["interest_cost"].is_monotonic_increasing
    assert sweep["bad_debt_rate"].iloc[-1] > sweep["bad_debt_rate"].iloc[0]


def test_stricter_collection_collects_faster_at_a_cost(world, rating, limits):
    draws = rv.draw_randomness(len(world.customers), 24, seed=8)
    results = {style: rv.summarise_policy(rv.simulate_receivables(
        world, CreditPolicy(collection=style), rating, limits, draws=draws)) for style in credit.COLLECTION_STYLES}
    assert results["strict"]["dso"] < results["standard"]["dso"] < results["lenient"]["dso"]
    assert results["strict"]["collection_cost"] > results["lenient"]["collection_cost"]


def test_review_limits(sim, file):
    review = rv.review_limits(sim, file)
    acc = sim.accounts
    assert (review.loc[~acc["approved"], "review"] == "no_credit").all()
    assert (review.loc[review["review"].isin(["stop", "no_credit"]), "new_limit"] == 0).all()
    raised = review["review"] == "raise"
    np.testing.assert_allclose(review.loc[raised, "new_limit"], 1.2 * review.loc[raised, "credit_limit"])
    assert (review.loc[raised, "attainment"] >= 1).all()
    assert (review.loc[review["review"] == "cut_incident", "incident"]).all()
    assert review["review"].isin(["raise", "keep", "cut", "cut_incident", "stop", "no_credit"]).all()


def test_sales_by_grade_totals(sim, rating):
    table = rv.sales_by_grade(sim, rating)
    assert list(table.index) == list(credit.GRADES)
    assert table["customers"].sum() == len(rating)
    assert table["credit_sales"].sum() == pytest.approx(sim.accounts["credit_sales"].sum())
    assert table["default_rate"].between(0, 1).all()


# --- separating good from bad payers ---------------------------------------------------
def test_default_rating_separates_true_defaults(world, rating, limits):
    everyone = rv.simulate_receivables(world, CreditPolicy(cutoff=0), rating, limits, seed=9)
    bad = everyone.accounts["defaulted"].to_numpy()
    assert 0.02 < bad.mean() < 0.3
    area = rv.auc(rating["score"], bad)
    assert area > 0.7
    assert rv.gini(rating["score"], bad) == pytest.approx(2 * area - 1)
    # the hidden truth itself separates even better than the rating
    assert rv.auc(world.customers["true_payment_reliability"], bad) > 0.5


def test_auc_known_answers():
    assert rv.auc([1, 2, 3, 4], [True, True, False, False]) == 1.0
    assert rv.auc([1, 2, 3, 4], [False, False, True, True]) == 0.0
    assert rv.auc([5, 5, 5, 5], [True, False, True, False]) == 0.5
    assert rv.auc([1, 2, 2, 3], [True, True, False, False]) == pytest.approx(0.875)  # one tied pair of four


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.booleans()), min_size=2, max_size=40))
def test_auc_equals_pairwise_probability(pairs):
    score = np.array([p[0] for p in pairs], dtype=float)
    bad = np.array([p[1] for p in pairs])
    if bad.all() or not bad.any():
        with pytest.raises(ValueError, match="both good and bad"):
            rv.auc(score, bad)
        return
    goods, bads = score[~bad], score[bad]
    pairwise = ((goods[:, None] > bads[None, :]) + 0.5 * (goods[:, None] == bads[None, :])).mean()
    assert rv.auc(score, bad) == pytest.approx(pairwise)
    roc = rv.roc_curve(score, bad)
    assert roc["bad_caught"].iloc[-1] == 1 and roc["good_refused"].iloc[-1] == 1
    assert np.trapezoid(roc["bad_caught"], roc["good_refused"]) == pytest.approx(pairwise)


# --- seeds ----------------------------------------------------------------------------
def test_same_seed_same_tables(world, rating, limits, sim):
    again = rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=24, seed=3)
    pd.testing.assert_frame_equal(sim.invoices, again.invoices)
    pd.testing.assert_frame_equal(sim.accounts, again.accounts)
    other = rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=24, seed=4)
    assert not other.invoices["amount"].equals(sim.invoices["amount"])
    seq = rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=24,
                                  seed=np.random.SeedSequence(3))
    pd.testing.assert_frame_equal(sim.invoices, seq.invoices)


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


def _digest(df: pd.DataFrame) -> str:
    parts = []
    for column in df.columns:
        values = df[column]
        if pd.api.types.is_float_dtype(values.dtype):
            parts.append(np.array2string(values.to_numpy(), formatter={"float_kind": lambda v: f"{v:.8g}"},
                                         threshold=10**9))
        else:
            parts.append(",".join(map(str, values.tolist())))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def test_golden_hash_of_a_small_simulation():
    tiny, rating, limits = _tiny_world()
    sim = rv.simulate_receivables(tiny, CreditPolicy(cutoff=40, discount_rate=0.02), rating, limits,
                                  months=12, seed=2024)
    assert len(sim.invoices) > 30
    assert _digest(sim.invoices) == GOLDEN_INVOICES
    assert _digest(sim.accounts) == GOLDEN_ACCOUNTS


GOLDEN_INVOICES = "52b46c15381606fc"
GOLDEN_ACCOUNTS = "c605b203729f7e1e"


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, error, words", [
    (dict(cutoff=-1), ValueError, "cutoff"),
    (dict(cutoff="high"), TypeError, "cutoff"),
    (dict(credit_period=30.5), TypeError, "credit_period"),
    (dict(credit_period=400), ValueError, "credit_period"),
    (dict(discount_rate=0.5), ValueError, "discount_rate"),
    (dict(discount_rate=0.02, discount_days=45, credit_period=30), ValueError, "discount_days"),
    (dict(collection="harsh"), ValueError, "collection"),
    (dict(variable_cost_ratio=1.0), ValueError, "variable_cost_ratio"),
    (dict(cash_sales_share=1.5), ValueError, "cash_sales_share"),
    (dict(limit_multiplier=-2), ValueError, "limit_multiplier"),
])
def test_bad_policy_rejected(kwargs, error, words):
    with pytest.raises(error, match=words):
        CreditPolicy(**kwargs)


def test_bad_scorecards_and_rules_rejected(file):
    with pytest.raises(ValueError, match="increasing"):
        Factor("current_ratio", "financial", 1, (2.0, 1.0), (0, 50, 100))
    with pytest.raises(ValueError, match="points"):
        Factor("current_ratio", "financial", 1, (1.0,), (0, 50, 100))
    with pytest.raises(ValueError, match="group"):
        Factor("current_ratio", "cashflow", 1, (1.0,), (0, 100))
    with pytest.raises(ValueError, match="points of current_ratio"):
        Factor("current_ratio", "financial", 1, (1.0,), (0, 150))
    with pytest.raises(ValueError, match="all be 0"):
        ScoreCard(factors=(Factor("current_ratio", "financial", 0, (1.0,), (0, 100)),))
    with pytest.raises(ValueError, match="grade_floors"):
        ScoreCard(grade_floors=(50, 60, 70, 80, 85, 90))
    with pytest.raises(ValueError, match="unknown factor"):
        credit.DEFAULT_SCORECARD.with_weights(charisma=3)
    with pytest.raises(ValueError, match="weight 0"):
        credit.DEFAULT_SCORECARD.with_group_weights(0, 0, 0)
    with pytest.raises(ValueError, match="lacks column"):
        credit.rate(file.drop(columns="current_ratio"))
    with pytest.raises(TypeError, match="DataFrame"):
        credit.rate([1, 2, 3])
    with pytest.raises(ValueError, match="base_by_tier"):
        LimitRules(base_by_tier=(1.0, 2.0))
    with pytest.raises(ValueError, match="item_breaks"):
        LimitRules(item_breaks={"revenue": (1, 2, 3)})
    with pytest.raises(ValueError, match="customer_id=999999"):
        credit.rating_steps(file, 999999)


def test_bad_simulation_inputs_rejected(world, file, rating, limits, sim):
    with pytest.raises(TypeError, match="policy"):
        rv.simulate_receivables(world, {"cutoff": 40}, rating, limits)
    with pytest.raises(ValueError, match="one row per customer"):
        rv.simulate_receivables(world, CreditPolicy(), rating.iloc[:10], limits)
    with pytest.raises(ValueError, match="customer order"):
        rv.simulate_receivables(world, CreditPolicy(), rating.iloc[::-1], limits)
    with pytest.raises(ValueError, match="months"):
        rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=0)
    with pytest.raises(TypeError, match="seed"):
        rv.simulate_receivables(world, CreditPolicy(), rating, limits, seed="abc")
    with pytest.raises(ValueError, match="different number"):
        rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=12,
                                draws=rv.draw_randomness(len(world.customers), 6))
    with pytest.raises(ValueError, match="field"):
        rv.policy_sweep(world, CreditPolicy(), "colour", [1, 2], file=file)
    with pytest.raises(ValueError, match="credit_period"):
        rv.policy_sweep(world, CreditPolicy(), "credit_period", [30, 999], file=file)
    with pytest.raises(TypeError, match="CreditSimulation"):
        rv.aging(sim.invoices)
    with pytest.raises(ValueError, match="day"):
        rv.aging(sim, day=10_000)
    with pytest.raises(ValueError, match="both good and bad"):
        rv.auc([1, 2, 3], [False, False, False])
    with pytest.raises(ValueError, match="equal length"):
        rv.auc([1, 2, 3], [True, False])
    with pytest.raises(ValueError, match="pdo"):
        credit.odds_scaling(rating, sim.accounts["defaulted"], pdo=0)
    short = rv.simulate_receivables(world, CreditPolicy(), rating, limits, months=12)
    with pytest.raises(ValueError, match="same horizon"):
        rv.incremental_profit(sim, short)
    with pytest.raises(ValueError, match="target_growth"):
        rv.review_limits(sim, file, target_growth=50)


def test_terms_text_in_both_languages():
    policy = CreditPolicy(credit_period=30, discount_rate=0.02, discount_days=10)
    assert policy.terms_text == "2/10, net 30"
    crmsim.set_language("zh")
    assert policy.terms_text == "2/10，n/30"
    assert CreditPolicy(credit_period=45).terms_text == "n/45"


def test_every_credit_label_has_both_languages():
    import crmsim.plots.credit  # noqa: F401
    import crmsim.widgets.credit  # noqa: F401
    keys = i18n.keys("credit.")
    assert len(keys) > 100
    for key in keys:
        assert i18n.t(key, "en") and i18n.t(key, "zh")


def test_display_tables_are_translated(sim, rating, file):
    crmsim.set_language("zh")
    table = rv.summary_table(sim, other=rv.summarise_policy(sim))
    assert list(table.columns) == ["n/30", "other"]
    assert table.index[0] == "客户数" and table.iloc[0, 0] == f"{len(sim.accounts):,}"
    assert rv.aging_table(rv.aging(sim)).iloc[0, 0] == "未到期"
    shown = credit.translated(rv.sales_by_grade(sim, rating))
    assert shown.index[0] == "AAA级" and "赊销额（百万元）" in shown.columns
    assert credit.file_card(file, 1).iloc[0, 0] == "客户"
    with pytest.raises(ValueError, match="at least one"):
        rv.summary_table()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cutoff=st.floats(0, 90), period=st.integers(0, 180), discount=st.sampled_from([0.0, 0.01, 0.02]),
       collection=st.sampled_from(credit.COLLECTION_STYLES), multiplier=st.floats(0, 4), months=st.integers(1, 14))
def test_aging_sums_to_receivables_for_any_policy(world, rating, limits, cutoff, period, discount, collection,
                                                   multiplier, months):
    policy = CreditPolicy(cutoff=cutoff, credit_period=period, discount_rate=discount,
                          discount_days=min(10, period), collection=collection, limit_multiplier=multiplier)
    sim = rv.simulate_receivables(world, policy, rating, limits, months=months, seed=12)
    receivables = sim.accounts["receivable_end"].sum()
    assert rv.aging(sim)["amount"].sum() == pytest.approx(receivables, rel=1e-9, abs=1e-6)
    monthly = rv.receivables_by_month(sim)
    assert monthly["receivables"].iloc[-1] == pytest.approx(receivables, rel=1e-9, abs=1e-6)
    summary = rv.summarise_policy(sim)
    assert summary["sales"] <= summary["potential_sales"] + 1e-6
    assert 0 <= summary["bad_debt_rate"] <= 1
