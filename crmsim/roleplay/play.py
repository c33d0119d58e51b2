"""The response model: how each person's attitude moves in a round, and what the deal is worth at the end.

Meeting a person for ``h`` hours has the effect ``1 - 0.5 ** (h /
HALF_EFFECT_HOURS)``; the gatekeeper's attitude scales the hours that reach
everyone else; each approach fits a person to a degree (:func:`approach_fit`);
attitude moves towards +1 by ``MAX_STEP * effect * fit`` of the remaining
distance, and people nobody meets in a round cool by ``NEGLECT``
(competitors are visiting them). A little seeded noise makes two teams with
the same plan end close, not equal.

Once the coach has been asked, the team knows how to position with everyone
else: from the next round their hours count ``COACH_BOOST`` times.
:func:`model_card` lists every coefficient as a table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import seeding
from ..code_names import card_table, read_number
from .rules import APPROACHES, check_moves
from .scenario import Scenario

HALF_EFFECT_HOURS = 3.0   # hours with one person that give half the possible effect
MAX_STEP = 0.6            # share of the distance to full support one round can close
NEGLECT = 0.04            # attitude lost in a round nobody meets the person
NOISE = 0.03              # standard deviation of the seeded noise on each change
BASE_MARGIN = 0.30        # gross margin of the deal before concessions
CONCESSION_POINTS = 0.04  # margin given away by one full-effect price concession
PROMISE_COST = 0.25       # account health lost by one full-effect extra promise
DECISION_MAKER_WEIGHT = 2.0  # the decision maker's influence counts this many times in the support
COACH_BOOST = 1.5         # after the coach is asked, hours with everyone else count this many times (positioning)

#: The coefficients shown by :func:`model_card`, in the order they act.
MODEL_PARAMETERS = ("HALF_EFFECT_HOURS", "MAX_STEP", "NEGLECT", "COACH_BOOST", "NOISE", "DECISION_MAKER_WEIGHT",
                    "BASE_MARGIN", "CONCESSION_POINTS", "PROMISE_COST", "WIN_SLOPE", "WIN_OFFSET", "COMPETITOR_PENALTY")
WIN_SLOPE = 5.0           # log-odds of winning per unit of support: full support against one rival wins ~97 %
WIN_OFFSET = 1.0          # log-odds lost to the incumbent's advantage when support is zero
COMPETITOR_PENALTY = 0.35  # log-odds lost per competitor bidding

#: Columns of :attr:`RoleplayRun.rounds`.
ROUND_COLUMNS = ("round", "contact_id", "role", "influence", "concern", "approach", "hours", "attitude_before",
                 "attitude_after", "need_known")


@dataclass(frozen=True)
class RoleplayRun:
    """What :func:`play` returns.

    Attributes
    ----------
    scenario : Scenario
        The scenario played.
    moves : DataFrame
        The checked moves (see :func:`~crmsim.roleplay.check_moves`).
    rounds : DataFrame
        One row per round and person: ``round`` (1-based), ``contact_id``,
        ``role``, ``influence``, ``concern``, ``approach`` (``"none"`` when
        not met), ``hours``, ``attitude_before``, ``attitude_after``,
        ``need_known`` (after the round).
    outcome : pandas.Series
        ``rounds_played``, ``support`` (influence-weighted attitude, the
        decision maker counting double), ``win_probability``, ``margin``,
        ``account_health`` (0-1; extra promises lower it), ``expected_profit``
        (CNY million) and ``won`` (drawn with the scenario's seed once every
        round is played, else missing).
    """

    scenario: Scenario
    moves: pd.DataFrame
    rounds: pd.DataFrame
    outcome: pd.Series


def approach_fit(approach: str, concern: np.ndarray, role: np.ndarray, need_known: np.ndarray) -> np.ndarray:
    """How well ``approach`` suits each person (0-1), given what we know of them.

    SPIN questions help a little and reveal the person's concern; a FAB
    presentation lands when the concern is known and barely otherwise; a
    relationship event suits users and gatekeepers best; a price concession
    moves only people worried about money; an extra promise works on anyone
    (that is its danger); asking the coach helps little with the coach
    but reveals every concern.
    """
    concern, role, need_known = np.asarray(concern), np.asarray(role), np.asarray(need_known, dtype=bool)
    if approach == "spin_questions":
        return np.full(len(concern), 0.35)
    if approach == "fab_presentation":
        return np.where(need_known, 1.0, 0.25)
    if approach == "relationship_event":
        return np.where(np.isin(role, ("user", "gatekeeper")), 0.7, 0.5)
    if approach == "price_concession":
        return np.where(concern == "economic", 0.9, 0.15)
    if approach == "extra_promise":
        return np.full(len(concern), 0.8)
    if approach == "ask_coach":
        return np.full(len(concern), 0.3)
    raise ValueError(f"approach={approach!r} is not allowed; choose from {APPROACHES}")


def model_card() -> pd.DataFrame:
    """How the model works, read from the code: one row per coefficient.

    Returns
    -------
    DataFrame
        ``parameter`` (a code, the constant's name in lower case; its text,
        ``rp.param.<code>``, is a name a person reads), ``name_in_code``
        (``HALF_EFFECT_HOURS``, as ``crmsim.roleplay.HALF_EFFECT_HOURS``: where
        a student finds it, see :mod:`crmsim.code_names`), ``value`` and ``meaning`` (the same code; its
        text is ``rp.meaning.<code>``), the shape of every topic's card.
        Show it with ``crmsim.display.labelled(card, "roleplay")``.
    """
    # Read where the simulation reads them (this module); named as a student reaches them, from the package
    # (``rp.HALF_EFFECT_HOURS``), since ``rp.play`` is the function that plays a round, not this module.
    module = sys.modules[__name__]
    numbers = [(read_number(module, name)[0], name) for name in MODEL_PARAMETERS]
    return card_table([name.lower() for name in MODEL_PARAMETERS], numbers)


def win_probability(support: float, competitors: int) -> float:
    """Chance of winning given the influence-weighted support (-1 to +1) and the number of competitors."""
    return float(1.0 / (1.0 + np.exp(-(WIN_SLOPE * support - WIN_OFFSET - COMPETITOR_PENALTY * competitors))))


def support(influence: np.ndarray, role: np.ndarray, attitude: np.ndarray) -> float:
    """Influence-weighted attitude of the buying centre (-1 to +1); the decision maker counts double."""
    weight = influence * np.where(role == "decision_maker", DECISION_MAKER_WEIGHT, 1.0)
    return float(np.sum(weight * attitude) / np.sum(weight))


def margin_after(concession: float) -> float:
    """Gross margin left after ``concession`` full-effect price concessions (never below 0)."""
    return max(0.0, BASE_MARGIN - CONCESSION_POINTS * concession)


def account_health(promise: float) -> float:
    """Account health after delivery (0-1) when ``promise`` full-effect extra promises have to be kept."""
    return float(np.clip(1.0 - PROMISE_COST * promise, 0.0, 1.0))


def play(scenario: Scenario, moves, *, language: str | None = None) -> RoleplayRun:
    """Play the rounds that ``moves`` cover (see :func:`~crmsim.roleplay.check_moves`).

    Rounds are played in order; adding the next round's moves never changes
    the rounds already played (each round's noise comes from the scenario's
    seed alone), so the trainer can call :func:`play` after every round.
    ``language`` is that of a rule message, the current language by default.
    """
    moves = check_moves(scenario, moves, language=language)
    n_played = int(moves["round"].max()) if len(moves) else 0
    rounds, attitude, concession, promise = _play_rounds(scenario, moves, n_played)
    people = scenario.people
    role = people["role"].astype(str).to_numpy()
    buying_support = support(people["influence"].to_numpy(), role, attitude)
    p_win = win_probability(buying_support, scenario.competitors)
    margin = margin_after(concession)
    won = None
    if n_played == len(scenario.rounds):
        won = bool(seeding.child(scenario.seed, "roleplay.outcome").random() < p_win)
    outcome = pd.Series({"rounds_played": n_played, "support": round(buying_support, 4),
                         "win_probability": round(p_win, 4), "margin": round(margin, 4),
                         "account_health": round(account_health(promise), 4),
                         "expected_profit": round(p_win * scenario.deal_value * margin, 4), "won": won},
                        dtype=object)
    return RoleplayRun(scenario=scenario, moves=moves, rounds=rounds, outcome=outcome)


def _play_rounds(scenario: Scenario, moves: pd.DataFrame, n_played: int
                 ) -> tuple[pd.DataFrame, np.ndarray, float, float]:
    """Rounds ``1 .. n_played``: the rounds table, final attitudes, and the concessions and promises made.

    The loop stays in one function: each round starts from the attitudes and
    known needs the one before left, and splitting the state across helpers
    would hide that. People are vectorised within a round.
    """
    people = scenario.people
    n = len(people)
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    concern = people["concern"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    gatekeeper = role == "gatekeeper"
    coach = people["is_coach"].to_numpy(dtype=bool)
    # Drawn for every round of the scenario, so a round's noise never depends on how many are played.
    noise = seeding.child(scenario.seed, "roleplay.noise").normal(0.0, NOISE, size=(len(scenario.rounds), n))
    attitude = people["attitude"].to_numpy().astype(float)
    need_known = np.zeros(n, dtype=bool)
    concession = promise = 0.0
    coached = False  # whether the coach was asked in an earlier round
    frames = []
    for r in range(1, n_played + 1):
        this = moves[moves["round"] == r]
        position = np.searchsorted(ids, this["contact_id"].to_numpy()) if np.all(np.diff(ids) > 0) else \
            np.array([np.flatnonzero(ids == c)[0] for c in this["contact_id"]])
        hours = np.zeros(n)
        hours[position] = this["hours"].to_numpy()
        approach = np.full(n, "none", dtype=object)
        approach[position] = this["approach"].to_numpy()
        # The gatekeeper's attitude at the start of the round decides how much of the time reaches the others.
        access = 0.5 + 0.25 * (1.0 + attitude[gatekeeper].mean()) if gatekeeper.any() else 1.0
        # A coach asked in an earlier round has told the team how to position with everyone else.
        boost = np.where(coach, 1.0, COACH_BOOST) if coached else np.ones(n)
        effect = 1.0 - 0.5 ** (np.where(gatekeeper, hours, hours * access) * boost / HALF_EFFECT_HOURS)
        fit = np.zeros(n)
        for code in APPROACHES:  # six approaches, each applied to its people at once
            chosen = approach == code
            if chosen.any():
                fit[chosen] = approach_fit(code, concern, role, need_known)[chosen]
        before = attitude.copy()
        met = hours > 0
        step = MAX_STEP * effect * fit * (1.0 - attitude)
        attitude = np.clip(np.where(met, attitude + step, attitude - NEGLECT) + noise[r - 1], -1.0, 1.0)
        need_known |= met & (approach == "spin_questions")
        if np.any(met & (approach == "ask_coach")):
            need_known[:] = True
            coached = True
        concession += float(effect[approach == "price_concession"].sum())
        promise += float(effect[approach == "extra_promise"].sum())
        frames.append(pd.DataFrame({
            "round": np.full(n, r, dtype=np.int64), "contact_id": ids, "role": people["role"],
            "influence": influence, "concern": people["concern"], "approach": approach.astype(str), "hours": hours,
            "attitude_before": np.round(before, 4), "attitude_after": np.round(attitude, 4),
            "need_known": need_known.copy()}))
    rounds = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(ROUND_COLUMNS))
    return rounds, attitude, concession, promise
