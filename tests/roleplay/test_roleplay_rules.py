"""Role play: moves that break the rules are refused with a clear message."""

from __future__ import annotations

import re

import pytest

from crmsim import roleplay as rp


@pytest.mark.parametrize("move, words", [
    ({"round": 5, "contact_id": None, "approach": "spin_questions", "hours": 1}, "round 5 is not a round of this play"),
    ({"round": 1, "contact_id": 999999, "approach": "spin_questions", "hours": 1}, "not in this buying centre"),
    ({"round": 1, "contact_id": None, "approach": "bribe", "hours": 1}, "approach 'bribe' is not allowed"),
    ({"round": 1, "contact_id": None, "approach": "spin_questions", "hours": -1}, "hours must be a number from 0 to 10"),
    ({"round": 1, "contact_id": None, "approach": "spin_questions", "hours": 99}, "hours must be a number from 0 to 10"),
    ({"round": 2, "contact_id": None, "approach": "spin_questions", "hours": 1}, "played in order"),
    ({"round": 1, "contact_id": "decision_maker", "approach": "ask_coach", "hours": 1}, "only possible with the coach"),
    ({"round": 1, "contact_id": "Nobody Here", "approach": "spin_questions", "hours": 1}, "give a contact id or a name"),
])
def test_bad_moves_are_rejected_with_a_clear_message(scenario, person, move, words):
    move = dict(move)
    if move["contact_id"] is None:
        move["contact_id"] = person("influencer")
    elif move["contact_id"] == "decision_maker":
        move["contact_id"] = person("decision_maker")
    with pytest.raises((ValueError, TypeError), match=re.escape(words)):
        rp.play(scenario, [move])


def test_round_budget_and_one_move_per_person(scenario, person):
    dm, inf = person("decision_maker"), person("influencer")
    with pytest.raises(ValueError, match="allows at most 10"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 6},
                           {"round": 1, "contact_id": inf, "approach": "spin_questions", "hours": 6}])
    with pytest.raises(ValueError, match="twice in round 1"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 1},
                           {"round": 1, "contact_id": dm, "approach": "fab_presentation", "hours": 1}])
    with pytest.raises(ValueError, match="missing: hours"):
        rp.play(scenario, [{"round": 1, "contact_id": dm, "approach": "spin_questions"}])


def test_rounds_may_be_named_by_code_and_moves_come_back_sorted(scenario, person):
    dm, inf = person("decision_maker"), person("influencer")
    moves = rp.check_moves(scenario, [
        {"round": "needs", "contact_id": inf, "approach": "spin_questions", "hours": 1},
        {"round": "approach", "contact_id": dm, "approach": "spin_questions", "hours": 2},
    ])
    assert moves["round"].tolist() == [1, 2] and moves["contact_id"].tolist() == [dm, inf]
    assert list(rp.check_moves(scenario, []).columns) == ["round", "contact_id", "approach", "hours"]
