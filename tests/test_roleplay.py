"""Role play: scenario, moves, rounds, outcome and debrief."""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import roleplay as rp

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def scenario():
    world = crmsim.make_world(seed=2024, n_customers=300)
    return rp.make_scenario(world, seed=5)


def _person(scenario, role):
    people = scenario.people
    return int(people.loc[people["role"] == role, "contact_id"].iloc[0])


def _gain(result, contact_id, round_=1):
    rows = result.rounds[(result.rounds["round"] == round_) & (result.rounds["contact_id"] == contact_id)]
    return float((rows["attitude_after"] - rows["attitude_before"]).iloc[0])


def test_scenario_is_a_key_account_buying_centre_and_seeded():
    world = crmsim.make_world(seed=2024, n_customers=300)
    a, b = rp.make_scenario(world, seed=5), rp.make_scenario(world, seed=5)
    pd.testing.assert_frame_equal(a.people, b.people)
    assert a.deal_value == b.deal_value and a.competitors == b.competitors
    assert str(a.customer["segment"]) != "ordinary"
    assert len(a.people) >= 4 and (a.people["role"] == "decision_maker").sum() == 1
    assert set(a.people["concern"].astype(str)) <= set(rp.CONCERNS)
    assert a.people["attitude"].between(-1, 1).all()
    chosen = rp.make_scenario(world, customer_id=int(a.customer["customer_id"]), seed=5)
    pd.testing.assert_frame_equal(chosen.people, a.people)


def test_textbook_play_beats_the_novice_and_the_debrief_says_why(scenario):
    textbook = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    novice = rp.play(scenario, rp.example_moves(scenario, "novice"))
    assert textbook.outcome["win_probability"] > novice.outcome["win_probability"]
    assert textbook.outcome["account_health"] == 1.0 > novice.outcome["account_health"]
    assert textbook.outcome["expected_profit"] > novice.outcome["expected_profit"]
    good, bad = rp.debrief(textbook).set_index("finding")["ok"], rp.debrief(novice).set_index("finding")["ok"]
    assert good.all()
    assert not bad[["gatekeeper_won", "needs_before_presenting", "no_over_promising", "nobody_neglected",
                    "effort_follows_influence"]].any()


def test_rounds_played_later_never_change_earlier_ones(scenario):
    moves = rp.example_moves(scenario, "textbook")
    full = rp.play(scenario, moves)
    for k in range(1, 4):
        part = rp.play(scenario, moves[moves["round"] <= k])
        pd.testing.assert_frame_equal(part.rounds, full.rounds[full.rounds["round"] <= k].reset_index(drop=True))
        assert part.outcome["rounds_played"] == k and part.outcome["won"] is None
    assert full.outcome["won"] in (True, False)


def test_presenting_lands_only_once_the_need_is_known(scenario):
    influencer = _person(scenario, "influencer")
    hours = scenario.hours_per_round / 2
    blind = rp.play(scenario, [{"round": 1, "contact_id": influencer, "approach": "fab_presentation", "hours": hours},
                               {"round": 2, "contact_id": influencer, "approach": "fab_presentation", "hours": hours}])
    asked = rp.play(scenario, [{"round": 1, "contact_id": influencer, "approach": "spin_questions", "hours": hours},
                               {"round": 2, "contact_id": influencer, "approach": "fab_presentation", "hours": hours}])
    gain = {name: _gain(r, influencer, round_=2) for name, r in (("blind", blind), ("asked", asked))}
    assert gain["asked"] > 2 * gain["blind"]


def test_price_cuts_cost_margin_and_promises_cost_the_account(scenario):
    dm = _person(scenario, "decision_maker")
    cut = rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "price_concession", "hours": 6}])
    promise = rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "extra_promise", "hours": 6}])
    assert cut.outcome["margin"] < rp.BASE_MARGIN and cut.outcome["account_health"] == 1.0
    assert promise.outcome["margin"] == rp.BASE_MARGIN and promise.outcome["account_health"] < 1.0


def test_a_hostile_gatekeeper_blunts_every_other_meeting(scenario):
    people = scenario.people.copy()
    dm = _person(scenario, "decision_maker")
    results = {}
    for mood in (-0.9, 0.9):
        people.loc[people["role"] == "gatekeeper", "attitude"] = mood
        variant = rp.Scenario(**{**scenario.__dict__, "people": people.copy()})
        results[mood] = rp.play(variant, [{"round": 1, "contact_id": dm, "approach": "relationship_event", "hours": 5}])
    gain = {m: _gain(r, dm) for m, r in results.items()}
    assert gain[0.9] > gain[-0.9] > 0


@settings(max_examples=30, deadline=None)
@given(hours=st.floats(0.5, 9.0), extra=st.floats(0.1, 1.0),
       approach=st.sampled_from(["spin_questions", "fab_presentation", "relationship_event", "price_concession"]))
def test_more_time_with_a_person_never_lowers_their_attitude(scenario, hours, extra, approach):
    person = _person(scenario, "influencer")
    after = [_gain(rp.play(scenario, [{"round": 1, "contact_id": person, "approach": approach, "hours": h}]), person)
             for h in (hours, hours + extra)]
    assert after[1] >= after[0]


@pytest.mark.parametrize("move, words", [
    ({"round": 5, "contact_id": None, "approach": "spin_questions", "hours": 1}, "round must be <= 4"),
    ({"round": 1, "contact_id": 999999, "approach": "spin_questions", "hours": 1}, "not in this buying centre"),
    ({"round": 1, "contact_id": None, "approach": "bribe", "hours": 1}, "approach='bribe' is not allowed"),
    ({"round": 1, "contact_id": None, "approach": "spin_questions", "hours": -1}, "hours must be in"),
    ({"round": 1, "contact_id": None, "approach": "spin_questions", "hours": 99}, "hours must be in"),
    ({"round": 2, "contact_id": None, "approach": "spin_questions", "hours": 1}, "played in order"),
    ({"round": 1, "contact_id": "decision_maker", "approach": "ask_coach", "hours": 1}, "only possible with the coach"),
])
def test_bad_moves_are_rejected_with_a_clear_message(scenario, move, words):
    move = dict(move)
    if move["contact_id"] is None:
        move["contact_id"] = _person(scenario, "influencer")
    elif move["contact_id"] == "decision_maker":
        move["contact_id"] = _person(scenario, "decision_maker")
    with pytest.raises((ValueError, TypeError), match=re.escape(words)):
        rp.play(scenario, [move])


def test_round_budget_and_one_move_per_person(scenario):
    dm, inf = _person(scenario, "decision_maker"), _person(scenario, "influencer")
    with pytest.raises(ValueError, match="at most 10 \\(hours_per_round\\)"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 6},
                           {"round": 1, "contact_id": inf, "approach": "spin_questions", "hours": 6}])
    with pytest.raises(ValueError, match="twice in round 1"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 1},
                           {"round": 1, "contact_id": dm, "approach": "fab_presentation", "hours": 1}])
    with pytest.raises(ValueError, match="missing \\['hours'\\]"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions"}])


def test_bad_scenario_arguments(scenario):
    world = crmsim.make_world(seed=1, n_customers=50)
    with pytest.raises(ValueError, match="customer_id=9999 is not a customer"):
        rp.make_scenario(world, customer_id=9999)
    with pytest.raises(ValueError, match="hours_per_round must be in"):
        rp.make_scenario(world, hours_per_round=0)
    with pytest.raises(ValueError, match="style='expert' is not allowed"):
        rp.example_moves(scenario, "expert")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_role_cards_and_tables_speak_the_language(scenario, language):
    cards = rp.role_cards(scenario, language)
    assert len(cards) == len(scenario.people) + 1
    text = " ".join(cards["public"]) + " ".join(cards["private"])
    has_chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
    assert has_chinese == (language == "zh")
    coach_cards = cards.iloc[1:][scenario.people["is_coach"].to_numpy()]
    assert len(coach_cards) and all(("quietly help the sellers" in p) or ("帮助销售方" in p)
                                    for p in coach_cards["private"])
    crmsim.set_language(language)
    try:
        result = rp.play(scenario, rp.example_moves(scenario, "textbook"))
        shown = rp.localise(rp.debrief(result))
        assert list(shown.columns) == [crmsim.t(f"rp.col.{c}") for c in ("finding", "ok", "evidence", "lesson")]
        assert len(rp.outcome_table(result)) == len(result.outcome)
        both = rp.outcome_table({"textbook": result, "novice": result})
        assert list(both.columns) == [crmsim.t("rp.team.textbook"), crmsim.t("rp.team.novice")]
    finally:
        crmsim.set_language("en")


def test_plots_draw_one_line_per_person(scenario):
    from crmsim.plots import roleplay as rpp

    result = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    ax = rpp.plot_attitudes(result)
    assert len(ax.get_lines()) == len(scenario.people) + 1  # and the zero line
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata()[-1],
                               result.rounds.query("round == 4")["attitude_after"].iloc[0])
    ax = rpp.plot_effort(result)
    assert len(ax.patches) == 2 * len(scenario.people)
