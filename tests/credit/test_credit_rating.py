"""The rating: score card, factors, steps, odds scaling, and AUC/Gini/ROC."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import credit
from crmsim.credit import CreditPolicy, Factor, ScoreCard
from crmsim.display import labelled


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
    weighted = steps["weighted"]
    assert len(steps) == len(credit.DEFAULT_SCORECARD.factors) + 1
    assert weighted.iloc[:-1].sum() == pytest.approx(rating["score"].iloc[7], abs=0.05)
    assert steps["band"].iloc[-1] == str(rating["grade"].iloc[7])
    crmsim.set_language("zh")
    zh = labelled(credit.rating_steps(file, customer), "credit")
    assert "评价因素" in zh.columns and zh.iloc[0, 0] == "流动比率"
    assert zh.iloc[-1, 0] == "总分" and zh.iloc[-1, 3] == crmsim.t(f"credit.grade.{rating['grade'].iloc[7]}")


def test_group_weights_change_the_score(file, rating):
    only_report = credit.rate(file, credit.DEFAULT_SCORECARD.with_group_weights(0, 1, 0))
    report = [f for f in credit.DEFAULT_SCORECARD.factors if f.group == "report"]
    total = sum(f.weight for f in report)
    expected = sum(rating[f"points_{f.name}"] * f.weight / total for f in report)
    np.testing.assert_allclose(only_report["score"], expected)


def test_zero_group_weights_count_as_equal():
    assert credit.group_weights_or_equal(0, 0, 0) == (1.0, 1.0, 1.0)
    assert credit.group_weights_or_equal(0, 2.5, 0) == (0.0, 2.5, 0.0)
    with pytest.raises(ValueError, match="report"):
        credit.group_weights_or_equal(1, -1, 1)


def test_odds_scaling_doubles_odds_every_pdo_points(rating, sim):
    scaled = credit.odds_scaling(rating, sim.accounts["defaulted"], base_score=600, base_odds=50, pdo=20)
    assert scaled.attrs["slope"] > 0  # a higher score means better odds
    lo = scaled["log_odds"].to_numpy()
    points = scaled["scaled_score"].to_numpy()
    np.testing.assert_allclose(np.diff(points), 20 / np.log(2) * np.diff(lo))
    anchor = 600 + 20 / np.log(2) * (np.log(100) - np.log(50))  # odds 100:1 is one doubling above 50:1
    assert anchor == pytest.approx(620)


# --- separating good from bad payers ---------------------------------------------------
def test_default_rating_separates_true_defaults(world, rating, limits):
    everyone = credit.simulate_receivables(world, CreditPolicy(cutoff=0), rating=rating, limits=limits, seed=9)
    bad = everyone.accounts["defaulted"].to_numpy()
    assert 0.02 < bad.mean() < 0.3
    area = credit.auc(rating["score"], bad)
    assert area > 0.7
    assert credit.gini(rating["score"], bad) == pytest.approx(2 * area - 1)
    # the hidden truth itself separates even better than the rating
    assert credit.auc(world.customers["true_payment_reliability"], bad) > 0.5


def test_auc_known_answers():
    assert credit.auc([1, 2, 3, 4], [True, True, False, False]) == 1.0
    assert credit.auc([1, 2, 3, 4], [False, False, True, True]) == 0.0
    assert credit.auc([5, 5, 5, 5], [True, False, True, False]) == 0.5
    assert credit.auc([1, 2, 2, 3], [True, True, False, False]) == pytest.approx(0.875)  # one tied pair of four


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.booleans()), min_size=2, max_size=40))
def test_auc_equals_pairwise_probability(pairs):
    score = np.array([p[0] for p in pairs], dtype=float)
    bad = np.array([p[1] for p in pairs])
    if bad.all() or not bad.any():
        with pytest.raises(ValueError, match="both good and bad"):
            credit.auc(score, bad)
        return
    goods, bads = score[~bad], score[bad]
    pairwise = ((goods[:, None] > bads[None, :]) + 0.5 * (goods[:, None] == bads[None, :])).mean()
    assert credit.auc(score, bad) == pytest.approx(pairwise)
    roc = credit.roc_curve(score, bad)
    assert roc["bad_caught"].iloc[-1] == 1 and roc["good_refused"].iloc[-1] == 1
    assert np.trapezoid(roc["bad_caught"], roc["good_refused"]) == pytest.approx(pairwise)


def test_bad_scorecards_rejected(file, rating, sim):
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
    with pytest.raises(ValueError, match="weight 0"):
        credit.DEFAULT_SCORECARD.with_group_weights(0, 0, 0)
    with pytest.raises(ValueError, match="lacks column"):
        credit.rate(file.drop(columns="current_ratio"))
    with pytest.raises(TypeError, match="DataFrame"):
        credit.rate([1, 2, 3])
    with pytest.raises(ValueError, match="customer_id=999999"):
        credit.rating_steps(file, 999999)
    with pytest.raises(ValueError, match="both good and bad"):
        credit.auc([1, 2, 3], [False, False, False])
    with pytest.raises(ValueError, match="equal length"):
        credit.auc([1, 2, 3], [True, False])
    with pytest.raises(ValueError, match="pdo"):
        credit.odds_scaling(rating, sim.accounts["defaulted"], pdo=0)
