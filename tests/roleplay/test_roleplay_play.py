"""Role play: the response model, round by round, and the outcome."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim import roleplay as rp
from crmsim.roleplay.play import ROUND_COLUMNS
from goldens import table_digest


def _gain(run, contact_id, round_=1):
    rows = run.rounds[(run.rounds["round"] == round_) & (run.rounds["contact_id"] == contact_id)]
    return float((rows["attitude_after"] - rows["attitude_before"]).iloc[0])


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


def test_the_notebook_scenario_plays_as_it_always_has(scenario):
    """The numbers notebook 05 shows (its stored outputs are compared by nbval too)."""
    textbook = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    novice = rp.play(scenario, rp.example_moves(scenario, "novice"))
    assert textbook.outcome.to_dict() == {"rounds_played": 4, "support": 0.5093, "win_probability": 0.7679,
                                          "margin": 0.3, "account_health": 1.0, "expected_profit": 0.2027,
                                          "won": True}
    assert novice.outcome.to_dict() == {"rounds_played": 4, "support": 0.1413, "win_probability": 0.3445,
                                        "margin": 0.2676, "account_health": 0.7988, "expected_profit": 0.0811,
                                        "won": False}


def test_rounds_played_later_never_change_earlier_ones(scenario):
    moves = rp.example_moves(scenario, "textbook")
    full = rp.play(scenario, moves)
    for k in range(1, 4):
        part = rp.play(scenario, moves[moves["round"] <= k])
        pd.testing.assert_frame_equal(part.rounds, full.rounds[full.rounds["round"] <= k].reset_index(drop=True))
        assert part.outcome["rounds_played"] == k and part.outcome["won"] is None
    assert full.outcome["won"] in (True, False)


def test_no_moves_play_no_rounds(scenario):
    run = rp.play(scenario, [])
    assert run.rounds.empty and list(run.rounds.columns) == list(ROUND_COLUMNS)
    assert run.outcome["rounds_played"] == 0 and run.outcome["won"] is None


def test_presenting_lands_only_once_the_need_is_known(scenario, person):
    influencer = person("influencer")
    hours = scenario.hours_per_round / 2
    blind = rp.play(scenario, [{"round": 1, "contact_id": influencer, "approach": "fab_presentation", "hours": hours},
                               {"round": 2, "contact_id": influencer, "approach": "fab_presentation", "hours": hours}])
    asked = rp.play(scenario, [{"round": 1, "contact_id": influencer, "approach": "spin_questions", "hours": hours},
                               {"round": 2, "contact_id": influencer, "approach": "fab_presentation", "hours": hours}])
    gain = {name: _gain(r, influencer, round_=2) for name, r in (("blind", blind), ("asked", asked))}
    assert gain["asked"] > 2 * gain["blind"]


def test_price_cuts_cost_margin_and_promises_cost_the_account(scenario, person):
    dm = person("decision_maker")
    cut = rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "price_concession", "hours": 6}])
    promise = rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "extra_promise", "hours": 6}])
    assert cut.outcome["margin"] < rp.BASE_MARGIN and cut.outcome["account_health"] == 1.0
    assert promise.outcome["margin"] == rp.BASE_MARGIN and promise.outcome["account_health"] < 1.0


def test_a_hostile_gatekeeper_blunts_every_other_meeting(scenario, person):
    people = scenario.people.copy()
    dm = person("decision_maker")
    results = {}
    for mood in (-0.9, 0.9):
        people.loc[people["role"] == "gatekeeper", "attitude"] = mood
        variant = dataclasses.replace(scenario, people=people.copy())
        results[mood] = rp.play(variant, [{"round": 1, "contact_id": dm, "approach": "relationship_event", "hours": 5}])
    gain = {m: _gain(r, dm) for m, r in results.items()}
    assert gain[0.9] > gain[-0.9] > 0


@settings(max_examples=30, deadline=None)
@given(hours=st.floats(0.5, 9.0), extra=st.floats(0.1, 1.0),
       approach=st.sampled_from(["spin_questions", "fab_presentation", "relationship_event", "price_concession"]))
def test_more_time_with_a_person_never_lowers_their_attitude(scenario, person, hours, extra, approach):
    who = person("influencer")
    after = [_gain(rp.play(scenario, [{"round": 1, "contact_id": who, "approach": approach, "hours": h}]), who)
             for h in (hours, hours + extra)]
    assert after[1] >= after[0]


def test_the_outcome_rules():
    role = np.array(["decision_maker", "user"])
    # The decision maker counts double: (2 * 0.5 * 1 + 0.5 * -1) / (2 * 0.5 + 0.5).
    assert rp.support(np.array([0.5, 0.5]), role, np.array([1.0, -1.0])) == pytest.approx(1 / 3)
    assert rp.margin_after(0.0) == rp.BASE_MARGIN
    assert rp.margin_after(2.0) == pytest.approx(rp.BASE_MARGIN - 2 * rp.CONCESSION_POINTS)
    assert rp.margin_after(100.0) == 0.0  # never below zero
    assert rp.account_health(0.0) == 1.0 and rp.account_health(1.0) == 1.0 - rp.PROMISE_COST
    assert rp.account_health(100.0) == 0.0
    assert rp.win_probability(1.0, 1) > rp.win_probability(1.0, 3) > rp.win_probability(-1.0, 3)


def test_approach_fit_follows_the_documented_rules():
    concern = np.array(["economic", "quality"])
    role = np.array(["user", "decision_maker"])
    known = np.array([True, False])
    np.testing.assert_allclose(rp.approach_fit("fab_presentation", concern, role, known), [1.0, 0.25])
    np.testing.assert_allclose(rp.approach_fit("price_concession", concern, role, known), [0.9, 0.15])
    np.testing.assert_allclose(rp.approach_fit("relationship_event", concern, role, known), [0.7, 0.5])
    with pytest.raises(ValueError, match="approach='bribe' is not allowed"):
        rp.approach_fit("bribe", concern, role, known)


def test_golden_hash_of_both_example_teams(scenario):
    """The buying centre and every round of both teams on the notebook's world (so it guards the world too)."""
    assert table_digest(scenario.people) == GOLDEN_PEOPLE
    for style, golden in (("textbook", GOLDEN_TEXTBOOK), ("novice", GOLDEN_NOVICE)):
        assert table_digest(rp.play(scenario, rp.example_moves(scenario, style)).rounds) == golden, style


GOLDEN_PEOPLE = "ae7dd25383b1f0ce"
GOLDEN_TEXTBOOK = "77776c59a5ce5020"  # changed on purpose: the coach now tells the team how to position
GOLDEN_NOVICE = "89450b0d0246b849"
