"""Analysis of a key-account run: win rates, the weighted forecast, and tables that agree."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim import key_accounts as ka


def test_grade_coach_and_relationship_raise_win_rates(big_result):
    by_grade = ka.win_rates(big_result, by="grade")["win_rate"]
    assert by_grade["A"] > by_grade["B"] > by_grade["C"]
    assert np.isnan(by_grade["D"])  # not pursued by default
    coach = ka.win_rates(big_result, by="coach")["win_rate"]
    assert coach["True"] > coach["False"]
    relationship = ka.win_rates(big_result, by="relationship_level")["win_rate"]
    assert relationship["warm"] > relationship["cool"]


# --- forecast -----------------------------------------------------------------------
def test_model_forecast_is_unbiased(big_result):
    # At any date the undecided opportunities are independent bets: the forecast
    # must be within four standard errors of what they were actually won for.
    for month in pd.date_range(big_result.start, periods=12, freq="MS"):
        open_now = ka.open_pipeline(big_result, month, method="model")
        standard_error = np.sqrt((open_now["weight"] * (1 - open_now["weight"]) * open_now["bid_price"] ** 2).sum())
        assert abs(open_now["forecast"].sum() - open_now["actual"].sum()) < 4 * standard_error
        assert standard_error < 0.03 * open_now["forecast"].sum()  # so the check has teeth
    monthly = ka.forecast_by_month(big_result, method="model")
    assert monthly["forecast"].sum() == pytest.approx(monthly["actual"].sum(), rel=0.08)


def test_stage_weighted_forecast_from_past_win_rates_is_unbiased(big_world, big_result):
    past = ka.simulate_key_accounts(big_world, seed=99, n_opportunities=40_000)
    monthly = ka.forecast_by_month(big_result, method="stage", stage_weights=ka.stage_win_rates(past))
    # Count-based stage weights ignore which deals are big, so they can only be
    # close to the model's expectation, which the test above shows is unbiased.
    expected = ka.forecast_by_month(big_result, method="model")["forecast"].sum()
    assert monthly["forecast"].sum() == pytest.approx(expected, rel=0.05)
    assert (monthly["forecast"] <= monthly["pipeline"]).all()


def test_the_forecast_at_one_date_sums_the_open_pipeline(result):
    rows = ka.open_pipeline(result, method="model")
    total = ka.pipeline_forecast(result, method="model")
    assert total["open"] == len(rows) and total["forecast"] == pytest.approx(rows["forecast"].sum())
    first_month = ka.forecast_by_month(result, method="model").iloc[0]
    assert total["forecast"] == pytest.approx(first_month["forecast"])


def test_stage_weights_are_matched_by_name_whatever_their_order(result):
    weights = {stage: 0.1 + 0.15 * k for k, stage in enumerate(ka.STAGES)}
    shuffled = dict(reversed(list(weights.items())))
    forward = ka.forecast_by_month(result, stage_weights=weights)
    pd.testing.assert_frame_equal(forward, ka.forecast_by_month(result, stage_weights=shuffled))
    pd.testing.assert_frame_equal(forward, ka.forecast_by_month(result, stage_weights=pd.Series(shuffled)))
    as_series = ka.stage_win_rates(result)
    pd.testing.assert_frame_equal(ka.forecast_by_month(result),  # the default: this run's stage win rates
                                  ka.forecast_by_month(result, stage_weights=as_series.iloc[::-1]))
    rows = ka.open_pipeline(result, stage_weights=shuffled)
    assert np.allclose(rows["weight"], rows["stage"].map(weights).astype(float))
    assert ka.pipeline_forecast(result, stage_weights=shuffled)["forecast"] == pytest.approx(rows["forecast"].sum())


@pytest.mark.parametrize("weights, error, words", [
    ({**{s: 0.5 for s in ka.STAGES[1:]}, "closing": 0.5}, ValueError, ["closing", "unknown", "development"]),
    ({s: 0.5 for s in ka.STAGES[:5]}, ValueError, ["missing", "implementation"]),
    ({**{s: 0.5 for s in ka.STAGES}, "tender": 1.5}, ValueError, ["stage_weights['tender']", "1.5"]),
    ({**{s: 0.5 for s in ka.STAGES}, "tender": float("nan")}, ValueError, ["tender", "nan"]),
    ({**{s: 0.5 for s in ka.STAGES}, "tender": "high"}, TypeError, ["tender", "high"]),
    (list(np.linspace(0.1, 1.0, 6)), TypeError, ["stage_weights", "stage name"]),
    (5, TypeError, ["stage_weights", "int"]),
])
def test_bad_stage_weights_are_refused_with_the_allowed_names(result, weights, error, words):
    for call in (ka.forecast_by_month, ka.open_pipeline, ka.pipeline_forecast):
        with pytest.raises(error) as info:
            call(result, stage_weights=weights)
        for word in words:
            assert word in str(info.value)


def test_stage_weights_belong_to_the_stage_method(result):
    with pytest.raises(ValueError, match="stage_weights.*method='model'"):
        ka.forecast_by_month(result, method="model", stage_weights=ka.stage_win_rates(result))


# --- analysis ----------------------------------------------------------------------------
def test_analysis_tables_agree_with_each_other(result):
    opps, events = result.opportunities, result.stage_events
    funnel = ka.funnel(result)
    assert funnel["entered"].iloc[0] == len(opps)
    assert funnel["entered"].sum() == len(events)
    assert (ka.cycle_time(result)["opportunities"] == funnel["entered"]).all()
    revenue = ka.monthly_revenue(result)
    signed = opps["won_date"].between(result.start, result.end, inclusive="left")
    assert revenue["revenue"].sum() == pytest.approx(opps.loc[signed, "revenue"].sum())
    assert revenue["won"].sum() == signed.sum()
    goals = ka.goals_vs_actual(result, 120.0, period="quarter")
    assert list(goals["goal"]) == [30.0] * 4 and goals["actual"].sum() == pytest.approx(revenue["revenue"].sum())
    reps = ka.rep_metrics(result)
    assert reps["won"].sum() == signed.sum()
    assert reps["revenue"].sum() == pytest.approx(revenue["revenue"].sum())
    assert reps["leads"].sum() == opps["created"].between(result.start, result.end, inclusive="left").sum()
    assert set(reps.index) == set(opps["rep_id"])
    assert ka.suggested_goal(result) > 0


def test_bad_analysis_calls_are_rejected(result):
    with pytest.raises(ValueError, match="method"):
        ka.forecast_by_month(result, method="gut feeling")
    with pytest.raises(ValueError, match="by"):
        ka.win_rates(result, by="colour")
    with pytest.raises(TypeError, match="run"):
        ka.funnel(result.opportunities)
    with pytest.raises(TypeError, match="stage_weights"):
        ka.forecast_by_month(result, stage_weights=[0.5, 0.5])
    with pytest.raises(ValueError, match="as_of"):
        ka.open_pipeline(result, "someday")
    with pytest.raises(TypeError):
        ka.win_rates(result, "grade")  # the grouping is keyword-only
