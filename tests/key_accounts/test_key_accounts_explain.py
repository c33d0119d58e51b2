"""The glass box: one opportunity explained by its drivers, and the model card read from the code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import i18n
from crmsim import key_accounts as ka
from crmsim.display import labelled
from crmsim.key_accounts import stages


def _ids(result, mask) -> list[int]:
    return [int(i) for i in result.opportunities.loc[mask, "opportunity_id"].head(5)]


def test_the_rows_add_up_from_a_neutral_opportunity_to_the_outcome(result):
    opps = result.opportunities.set_index("opportunity_id")
    for outcome in ka.OUTCOMES:
        for opportunity in _ids(result, result.opportunities["outcome"] == outcome):
            table = ka.explain_opportunity(result, opportunity)
            assert tuple(table.index) == ka.EXPLANATION_ROWS
            o = opps.loc[opportunity]
            # Before the rep's decision: the stage model's own chance of signing.
            before = o[[f"p_{s}" for s in ka.STAGES[:5]]].prod()
            assert table.loc["price", "running"] == pytest.approx(before)
            assert table.loc["decision", "running"] == pytest.approx(o["win_probability"])
            assert table.loc["stage_reached", "running"] == pytest.approx(float(outcome == "won"))
            assert table["contribution"].sum() == pytest.approx(float(outcome == "won"))
            assert table.loc["stage_reached", "value"] == o["stages_entered"]


def test_monotone_drivers_push_the_right_way(result):
    # Every coefficient on the coach is >= 0 and on the rival's strength <= 0, so their shares have a sign.
    for opportunity in _ids(result, result.opportunities["pursued"]):
        table = ka.explain_opportunity(result, opportunity)
        assert table.loc["coach", "contribution"] >= -1e-12
        assert table.loc["competition", "contribution"] <= 1e-12
        if table.loc["coach", "value"] == 0:
            assert table.loc["coach", "contribution"] == pytest.approx(0.0, abs=1e-12)


def test_a_driver_at_its_reference_contributes_nothing(result):
    run = result
    opportunity = _ids(result, result.opportunities["pursued"])[0]
    opps = run.opportunities.copy()
    row = opps["opportunity_id"] == opportunity
    opps.loc[row, ["fit"]] = 0.5
    neutral = ka.KeyAccountsRun(opportunities=opps, stage_events=run.stage_events, policy=run.policy,
                                grading=run.grading, start=run.start, months=run.months)
    assert ka.explain_opportunity(neutral, opportunity).loc["fit", "contribution"] == pytest.approx(0.0, abs=1e-12)


def test_the_explanation_is_coded_and_shown_in_chinese(result):
    table = ka.explain_opportunity(result, ka.example_opportunity(result))
    assert list(table.columns) == ["value", "reference", "contribution", "running"] and table.index.name == "driver"
    shown = labelled(table, "key_accounts", language="zh")
    assert "对赢单概率的贡献" in shown.columns and "采购中心的态度" in shown.index


def test_the_model_card_reads_the_code(monkeypatch):
    card = ka.model_card().set_index("parameter")
    assert card.loc["cost_share", "value"] == ka.COST_SHARE
    assert card.loc["grade_support_D", "value"] == stages.GRADE_SUPPORT[3]
    assert card.loc["bid_discount", "value"] == ka.RepPolicy().bid_discount
    monkeypatch.setattr(stages, "TENDER_SLOPE", 5.0)  # where the simulation reads it
    assert ka.model_card().set_index("parameter").loc["tender_slope", "value"] == 5.0
    for code in card["meaning"]:
        for language in ("en", "zh"):
            assert i18n.t(f"ka.meaning.{code}", language)
    coefficients = ka.stage_coefficients()
    assert list(coefficients.columns) == list(ka.STAGES)
    for term, values in stages._B.items():
        assert np.array_equal(coefficients.loc[term].to_numpy(), values)
    shown = labelled(coefficients, "key_accounts", language="zh")
    assert "招投标" in shown.columns and "教练（内线）强度" in shown.index
    shown = labelled(ka.model_card(), "key_accounts", language="zh")
    assert "含义" in shown.columns


def test_bad_explain_calls_are_rejected(result):
    with pytest.raises(TypeError, match="run"):
        ka.explain_opportunity(5, 1)
    with pytest.raises(TypeError, match="run"):
        ka.explain_opportunity(None, 1)
    with pytest.raises(TypeError, match="opportunity_id"):
        ka.explain_opportunity(result, "1")
    with pytest.raises(ValueError, match="opportunity_id=999999"):
        ka.explain_opportunity(result, 999999)
    with pytest.raises(ValueError, match="opportunity_id"):
        ka.explain_opportunity(result, 0)
    assert ka.explain_opportunity(result, np.int64(1)).shape == (len(ka.EXPLANATION_ROWS), 4)


@pytest.mark.parametrize("call", [
    lambda: ka.stage_probabilities(5), lambda: ka.risk_score(None), lambda: ka.tender_scores([1, 2]),
    lambda: ka.win_probability("frame"), lambda: ka.stage_probabilities({"fit": np.ones(2)}),
    lambda: ka.risk_score(pd.DataFrame({"budget": [1.0]})),
])
def test_the_stage_functions_name_their_frame(call):
    with pytest.raises(TypeError, match="frame"):
        call()


@pytest.mark.parametrize("call, error, word", [
    (lambda: ka.policy_from_effort(5), TypeError, "effort_weights"),
    (lambda: ka.policy_from_effort({"A": "much"}), TypeError, "effort_weights['A']"),
    (lambda: ka.policy_from_effort({"E": 1}), ValueError, "E"),
    (lambda: ka.policy_from_effort({"A": float("nan")}), ValueError, "effort_weights['A']"),
    (lambda: ka.prepare_key_accounts(None), TypeError, "world"),
    (lambda: ka.simulate_key_accounts(None), TypeError, "world"),
    (lambda: ka.key_account_ids(5), TypeError, "world"),
    (lambda: ka.contact_log(5, None), TypeError, "run"),
    (lambda: ka.timeline(5, 1), TypeError, "run"),
    (lambda: ka.example_opportunity(5), TypeError, "run"),
    (lambda: ka.stage_win_rates(5), TypeError, "run"),
    (lambda: ka.suggested_goal(None), TypeError, "run"),
    (lambda: ka.rep_metrics(5), TypeError, "run"),
    (lambda: ka.monthly_revenue(5), TypeError, "run"),
    (lambda: ka.cycle_time(None), TypeError, "run"),
    (lambda: ka.open_pipeline(5), TypeError, "run"),
])
def test_every_entry_point_names_a_bad_argument(call, error, word):
    with pytest.raises(error) as info:
        call()
    assert word in str(info.value)


def test_the_follow_up_form_and_contact_log_name_a_bad_world(result):
    with pytest.raises(TypeError, match="world"):
        ka.follow_up_form_view(result, None, 1)
    with pytest.raises(TypeError, match="world"):
        ka.contact_log(result, 5)
    assert crmsim.get_language() == "en"
