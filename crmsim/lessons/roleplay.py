"""Lessons of the role play (notebook 05): what the course teaches about winning a buying centre.

Each lesson plays one key account of the seed's lesson world
(:func:`crmsim.lessons.lesson_world`) twice, with the textbook team's moves and
with one thing changed, so the difference is that one thing's doing: the same
scenario draws the same noise for both plays.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import roleplay as rp
from ..key_accounts import key_account_ids
from ..roleplay.scenario import MIN_PEOPLE
from .claims import lesson, lesson_world as _world


@functools.lru_cache(maxsize=64)
def _scenario(seed: int) -> rp.Scenario:
    return rp.make_scenario(_world(seed), seed=seed)


@functools.lru_cache(maxsize=64)
def _coached_scenario(seed: int) -> rp.Scenario:
    """A key account with a coach: coaches are rare (about a third of buying centres), so one is picked by seed."""
    world = _world(seed)
    contacts = world.contacts
    sizes = contacts.groupby("customer_id", observed=True).size()
    with_coach = contacts.loc[contacts["is_coach"], "customer_id"].unique()
    candidates = np.intersect1d(np.intersect1d(key_account_ids(world), sizes.index[sizes >= MIN_PEOPLE]), with_coach)
    return rp.make_scenario(world, customer_id=int(candidates[seed % len(candidates)]), seed=seed)


def _textbook(scenario: rp.Scenario) -> pd.DataFrame:
    return rp.example_moves(scenario, "textbook")


def _decision_maker(scenario: rp.Scenario) -> int:
    people = scenario.people
    return int(people.loc[people["role"].astype(str) == "decision_maker", "contact_id"].iloc[0])


@lesson("roleplay_textbook_beats_novice", "profit_gap", "above", 0.0)
def textbook_beats_novice(seed: int) -> float:
    """Textbook team's expected gross profit less the novice team's, as a share of the deal's value."""
    scenario = _scenario(seed)
    book, novice = (rp.play(scenario, rp.example_moves(scenario, style)).outcome for style in ("textbook", "novice"))
    return float((book["expected_profit"] - novice["expected_profit"]) / scenario.deal_value)


@lesson("roleplay_decision_maker_matters", "win_gain", "above", 0.0)
def decision_maker_matters(seed: int) -> float:
    """Chance of winning of the textbook team less that of the same team never meeting the decision maker."""
    scenario = _scenario(seed)
    moves = _textbook(scenario)
    without = moves[moves["contact_id"] != _decision_maker(scenario)]
    return float(rp.play(scenario, moves).outcome["win_probability"]
                 - rp.play(scenario, without).outcome["win_probability"])


@lesson("roleplay_coach_matters", "win_gain", "above", 0.0)
def coach_matters(seed: int) -> float:
    """Chance of winning of the textbook team less that of the same team asking the coach SPIN questions instead."""
    scenario = _coached_scenario(seed)
    moves = _textbook(scenario)
    unasked = moves.assign(approach=moves["approach"].replace({"ask_coach": "spin_questions"}))
    return float(rp.play(scenario, moves).outcome["win_probability"]
                 - rp.play(scenario, unasked).outcome["win_probability"])


@lesson("roleplay_over_promising_costs_the_account", "health_loss", "above", 0.05)
def over_promising_costs_the_account(seed: int) -> float:
    """Account health lost when the textbook team's last presentation to the decision maker becomes an extra promise."""
    scenario = _scenario(seed)
    moves = _textbook(scenario)
    last = (moves["round"] == moves["round"].max()) & (moves["contact_id"] == _decision_maker(scenario))
    promised = moves.assign(approach=moves["approach"].where(~last, "extra_promise"))
    return float(rp.play(scenario, moves).outcome["account_health"]
                 - rp.play(scenario, promised).outcome["account_health"])
