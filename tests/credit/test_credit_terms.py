"""The textbook appraisal (8,000 and 8,600 CNY), the cost of forgoing a discount, DSO's basis, the
day-count convention, the model card, the rating explanation, and bad input at the root."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from crmsim import credit
from crmsim.credit import CreditPolicy, TermsFigures
from crmsim.display import labelled


def test_textbook_example_gives_8000_and_8600():
    table = credit.textbook_example()
    assert table.loc["profit", "net_60"] == pytest.approx(8_000.0)
    assert table.loc["profit", "discount_net_60"] == pytest.approx(8_600.0)
    assert table.loc["interest", "net_60"] == pytest.approx(7_000.0)
    assert table.loc["interest", "discount_net_60"] == pytest.approx(4_000.0)
    assert table.loc["discount", "discount_net_60"] == pytest.approx(2_400.0)
    # On a 365-day year the money tied up costs less: 20,000 - 6,904.11 - 1,000 - 4,000.
    assert credit.textbook_example(day_count=365).loc["profit", "net_60"] == pytest.approx(8_095.89, abs=0.01)


def test_appraisal_is_general():
    a = TermsFigures(sales=1_000_000.0, credit_period=30)
    b = TermsFigures(sales=1_100_000.0, credit_period=45, bad_debt=5_000.0)
    table = credit.appraise_terms(a, b, variable_cost_ratio=0.6, required_return=0.1)
    interest = 1_100_000 / 360 * 45 * 0.6 * 0.1 - 1_000_000 / 360 * 30 * 0.6 * 0.1
    assert table.loc["profit", "change"] == pytest.approx(100_000 * 0.4 - interest - 5_000)
    shown = labelled(table, "credit", language="zh")
    assert "变化（元）" in shown.columns and "增量利润" in shown.index


def test_cost_of_forgoing_a_discount():
    assert credit.discount_cost_rate(0.02, 10, 30) == pytest.approx(0.02 / 0.98 * 360 / 20)
    assert round(credit.discount_cost_rate(0.02, 10, 30), 3) == 0.367
    assert credit.discount_cost_rate(0.02, 10, 30, day_count=365) == pytest.approx(0.02 / 0.98 * 365 / 20)
    table = credit.discount_costs()
    assert table["forgone_rate"].is_monotonic_increasing and len(table) == 3


@pytest.mark.parametrize("call, error, words", [
    (lambda: credit.discount_cost_rate(0.0, 10, 30), ValueError, "discount_rate"),
    (lambda: credit.discount_cost_rate(0.02, 30, 30), ValueError, "credit_period"),
    (lambda: credit.discount_cost_rate(0.02, 10, 30, day_count=364), ValueError, "day_count"),
    (lambda: credit.discount_cost_rate(float("nan"), 10, 30), ValueError, "discount_rate"),
    (lambda: credit.appraise_terms({"sales": 1}, credit.TEXTBOOK_TERMS["net_30"]), TypeError, "current"),
    (lambda: credit.appraise_terms(*list(credit.TEXTBOOK_TERMS.values())[:2], variable_cost_ratio=1.0),
     ValueError, "variable_cost_ratio"),
    (lambda: TermsFigures(sales=-1.0, credit_period=30), ValueError, "sales"),
    (lambda: TermsFigures(sales=1.0, credit_period=30, discount_days=45), ValueError, "discount_days"),
    (lambda: TermsFigures(sales=1.0, credit_period=30, discount_share=0.5), ValueError, "discount_share"),
    (lambda: CreditPolicy(day_count=364), ValueError, "day_count"),
    (lambda: CreditPolicy(day_count=360.0), TypeError, "day_count"),
])
def test_bad_terms_rejected(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_interest_follows_the_day_count(world, rating, limits, sim):
    run365 = credit.simulate_receivables(world, replace(sim.policy, day_count=365), rating=rating, limits=limits,
                                         months=24, seed=3)
    ratio = sim.invoices["interest_cost"].sum() / run365.invoices["interest_cost"].sum()
    assert ratio == pytest.approx(365 / 360)


def test_dso_states_its_denominator(sim):
    on_credit = credit.summarise_policy(sim)
    on_total = credit.summarise_policy(sim, dso_basis="total")
    assert on_credit.attrs["dso_basis"] == "credit"
    assert on_credit["dso"] == pytest.approx(on_total["dso"] * on_credit["sales"] / on_credit["credit_sales"])
    assert on_credit["dso"] > on_total["dso"]
    shown = labelled(credit.summary_table(on_total=on_total), "credit")
    assert "DSO on all sales (days)" in shown.index
    assert "DSO on credit sales (days)" in labelled(credit.summary_table(sim), "credit").index
    with pytest.raises(ValueError, match="dso_basis"):
        credit.summarise_policy(sim, dso_basis="cash")
    with pytest.raises(ValueError, match="different bases"):
        credit.summary_table(a=on_credit, b=on_total)


def test_model_card_is_read_from_the_code():
    card = credit.model_card()
    values = dict(zip(card["parameter"], card["value"]))
    assert values["terms_elasticity"] == credit.TERMS_ELASTICITY
    assert values["distress_days"] == credit.DISTRESS_DAYS
    assert values["day_count"] == 360 and values["cutoff"] == CreditPolicy().cutoff
    assert credit.model_card(CreditPolicy(cutoff=30))["value"][card["parameter"] == "cutoff"].item() == 30
    shown = labelled(card, "credit", language="zh")
    assert list(shown.columns) == ["参数", "代码中的名称", "数值", "含义"]
    assert shown["含义"].str.contains("[\u4e00-\u9fff]").all()


def test_rating_explanation_adds_up(file, rating):
    customer = int(file["customer_id"].iloc[7])
    table = credit.rating_explanation(file, customer)
    total = table.iloc[-1]
    assert total["factor"] == "total"
    assert total["points"] == pytest.approx(rating["score"].iloc[7], abs=0.01)
    assert table["push"].iloc[:-1].sum() == pytest.approx(total["push"], abs=0.1)
    assert list(table["push"].iloc[:-1].abs()) == sorted(table["push"].iloc[:-1].abs(), reverse=True)
    with pytest.raises(ValueError, match="customer_id"):
        credit.rating_explanation(file, 10**8)


# --- bad input found by the hardening issue, fixed at the root --------------------------
def test_unknown_size_tier_is_an_error_not_the_largest_tier(file):
    bad = file.copy()
    bad["size_tier"] = bad["size_tier"].astype(object)
    bad.loc[bad.index[0], "size_tier"] = "giant"
    with pytest.raises(ValueError, match="giant"):
        credit.credit_limits(bad)


def test_nan_grade_floors_and_item_breaks_are_rejected():
    with pytest.raises(ValueError, match="grade_floors"):
        credit.ScoreCard(grade_floors=(85, 75, np.nan, 55, 45, 35))
    breaks = dict(credit.DEFAULT_LIMIT_RULES.item_breaks, reputation=(3, np.nan, 5))
    with pytest.raises(ValueError, match="item_breaks"):
        credit.LimitRules(item_breaks=breaks)


def test_a_missing_item_is_graded_d(file):
    holed = file.copy()
    holed.loc[holed.index[0], "reputation"] = np.nan
    limits = credit.credit_limits(holed)
    assert limits["grade_reputation"].iloc[0] == "D"


@pytest.mark.parametrize("value", [np.nan, -1.0, np.inf])
def test_bad_limits_or_scores_are_rejected(world, rating, limits, value):
    bad_limits = limits.copy()
    bad_limits.loc[bad_limits.index[3], "credit_limit"] = value
    with pytest.raises(ValueError, match="credit_limit"):
        credit.simulate_receivables(world, rating=rating, limits=bad_limits, months=3)
    bad_rating = rating.copy()
    bad_rating.loc[bad_rating.index[3], "score"] = value if value != -1 else 101.0
    with pytest.raises(ValueError, match="score"):
        credit.simulate_receivables(world, rating=bad_rating, limits=limits, months=3)


def test_odds_scaling_refuses_separable_data():
    rating = pd.DataFrame({"customer_id": np.arange(6), "score": [10.0, 20, 30, 60, 70, 80]})
    with pytest.raises(ValueError, match="separated"):
        credit.odds_scaling(rating, [True, True, True, False, False, False])


def test_review_refuses_a_target_of_nothing(sim, file):
    with pytest.raises(ValueError, match="target_growth"):
        credit.review_limits(sim, file, target_growth=-1)
    assert np.isfinite(credit.review_limits(sim, file, target_growth=-0.5)["attainment"].dropna()).all()


def test_sweep_and_run_check_their_world(world, file):
    with pytest.raises(TypeError, match="world"):
        credit.policy_sweep("world", field="cutoff", values=[0])
    with pytest.raises(TypeError, match="values"):
        credit.policy_sweep(world, field="cutoff", values=30, file=file)
    with pytest.raises(TypeError, match="world"):
        credit.credit_file(None)
