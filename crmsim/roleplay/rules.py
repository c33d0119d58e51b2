"""The rules of play: what the sales team may do in a round, checked move by move."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_choice, check_int, check_real
from .scenario import ROUNDS, Scenario

#: What the sales team can do with a person in a round.
APPROACHES = ("spin_questions", "fab_presentation", "relationship_event", "price_concession",
              "extra_promise", "ask_coach")
#: The columns of a table of moves.
MOVE_COLUMNS = ("round", "contact_id", "approach", "hours")


def check_moves(scenario: Scenario, moves) -> pd.DataFrame:
    """The moves as a table, or a clear error naming the move that is wrong.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~crmsim.roleplay.make_scenario`.
    moves : DataFrame or list of dict
        ``round`` (1-based, or a code of :data:`~crmsim.roleplay.ROUNDS`),
        ``contact_id``, ``approach`` (one of :data:`APPROACHES`) and
        ``hours``; at most one move per person per round, at most
        :attr:`Scenario.hours_per_round` hours per round, rounds played in
        order, ``ask_coach`` only with the coach.

    Returns
    -------
    DataFrame
        Columns ``round``, ``contact_id``, ``approach``, ``hours``, sorted by
        round and contact.
    """
    table = pd.DataFrame(moves)
    if table.empty:
        return pd.DataFrame({"round": pd.Series(dtype=np.int64), "contact_id": pd.Series(dtype=np.int64),
                             "approach": pd.Series(dtype=object), "hours": pd.Series(dtype=float)})
    missing = [c for c in MOVE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"moves need the columns round, contact_id, approach, hours; missing {missing}")
    rounds = _check_each_move(scenario, table)
    out = pd.DataFrame({"round": np.array(rounds, dtype=np.int64),
                        "contact_id": table["contact_id"].astype(np.int64).to_numpy(),
                        "approach": table["approach"].astype(str).to_numpy(),
                        "hours": table["hours"].astype(float).to_numpy()})
    _check_rounds(scenario, out)
    return out.sort_values(["round", "contact_id"], kind="stable").reset_index(drop=True)


def _check_each_move(scenario: Scenario, table: pd.DataFrame) -> list[int]:
    """Check every move on its own; return the 1-based round of each."""
    people = scenario.people
    known_ids = set(people["contact_id"].tolist())
    coach_ids = set(people.loc[people["is_coach"], "contact_id"].tolist())
    rounds = []
    for i, move in enumerate(table.itertuples(index=False)):  # a few dozen moves, checked one by one for the message
        where = f"moves[{i}]"
        r = move.round
        if isinstance(r, str):
            r = ROUNDS.index(check_choice(f"{where}.round", r, ROUNDS)) + 1
        rounds.append(check_int(f"{where}.round", r, minimum=1, maximum=len(scenario.rounds)))
        contact_id = check_int(f"{where}.contact_id", move.contact_id)
        if contact_id not in known_ids:
            raise ValueError(f"{where}.contact_id={contact_id} is not in this buying centre; "
                             f"people: {sorted(known_ids)}")
        check_choice(f"{where}.approach", move.approach, APPROACHES)
        if move.approach == "ask_coach" and contact_id not in coach_ids:
            raise ValueError(f"{where}: ask_coach is only possible with the coach "
                             f"({sorted(coach_ids) if coach_ids else 'this buying centre has none'})")
        check_real(f"{where}.hours", move.hours, 0.0, scenario.hours_per_round)
    return rounds


def _check_rounds(scenario: Scenario, moves: pd.DataFrame) -> None:
    """Check the moves of each round together: one per person, the hour budget, rounds in order."""
    twice = moves.duplicated(["round", "contact_id"])
    if twice.any():
        r, c = moves.loc[twice, ["round", "contact_id"]].iloc[0]
        raise ValueError(f"moves meet contact {c} twice in round {r}; one approach per person per round")
    hours = moves.groupby("round")["hours"].sum()
    over = hours > scenario.hours_per_round + 1e-9  # a little slack for hours that add up in floating point
    if over.any():
        r = int(hours.index[over][0])
        raise ValueError(f"moves spend {hours[r]:g} hours in round {r}; at most "
                         f"{scenario.hours_per_round:g} (hours_per_round)")
    played = np.unique(moves["round"])
    if len(played) and played.max() != len(played):
        raise ValueError(f"rounds must be played in order from 1; moves have rounds {played.tolist()}")
