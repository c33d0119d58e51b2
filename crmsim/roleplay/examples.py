"""Two ready-made teams to compare in a debrief: one plays by the book, one like a novice."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_choice
from .rules import check_moves
from .scenario import Scenario

#: The styles of :func:`example_moves`.
STYLES = ("textbook", "novice")
#: What the novice team does with the decision maker, round by round.
NOVICE_PLAN = ("fab_presentation", "fab_presentation", "price_concession", "extra_promise")


def example_moves(scenario: Scenario, style: str) -> pd.DataFrame:
    """Moves of two teams to compare in a debrief.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~crmsim.roleplay.make_scenario`.
    style : {"textbook", "novice"}
        ``"textbook"`` asks the coach (or every person SPIN questions) first,
        wins the gatekeeper with a relationship event, presents to known
        needs in proportion to influence, and concedes on price only to
        people who worry about it. ``"novice"`` spends its time on the
        decision maker with presentations, a price cut and an extra promise,
        and ignores the rest.

    Returns
    -------
    DataFrame
        Checked moves, as :func:`~crmsim.roleplay.check_moves` returns them.
    """
    style = check_choice("style", style, STYLES)
    if style == "novice":
        return check_moves(scenario, _novice(scenario))
    return check_moves(scenario, _textbook(scenario))


def _novice(scenario: Scenario) -> list[dict]:
    people = scenario.people
    decision_maker = int(people.loc[people["role"].astype(str) == "decision_maker", "contact_id"].iloc[0])
    return [{"round": r, "contact_id": decision_maker, "approach": approach, "hours": scenario.hours_per_round}
            for r, approach in enumerate(NOVICE_PLAN, 1)]


def _textbook(scenario: Scenario) -> list[dict]:
    people = scenario.people
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    everyone = np.ones(len(ids), dtype=bool)

    def split(mask: np.ndarray) -> np.ndarray:
        # Hours in proportion to influence, in half hours, never more than the round allows.
        weights = np.where(mask, influence, 0.0)
        return np.floor(scenario.hours_per_round * weights / weights.sum() * 2) / 2

    coach = people["is_coach"].to_numpy()
    gatekeeper = role == "gatekeeper"
    others = ~gatekeeper
    economic = people["concern"].astype(str).to_numpy() == "economic"
    moves = []
    first = split(everyone)
    for i in range(len(ids)):
        approach = "ask_coach" if coach[i] else "relationship_event" if gatekeeper[i] else "spin_questions"
        moves.append({"round": 1, "contact_id": int(ids[i]), "approach": approach, "hours": float(first[i])})
    needs = split(others)
    for i in np.flatnonzero(others):
        moves.append({"round": 2, "contact_id": int(ids[i]), "approach": "spin_questions", "hours": float(needs[i])})
    present = split(everyone)
    for r in (3, 4):
        for i in range(len(ids)):
            approach = ("relationship_event" if gatekeeper[i]
                        else "price_concession" if r == 4 and economic[i] else "fab_presentation")
            moves.append({"round": r, "contact_id": int(ids[i]), "approach": approach, "hours": float(present[i])})
    return [m for m in moves if m["hours"] > 0]
