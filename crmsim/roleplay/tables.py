"""Several tables: teams playing the same account in parallel, and the class debrief that pools them.

Every table plays the same scenario, so the same random numbers: two teams
with the same moves end exactly equal, and any difference between tables is
the teams' doing. The class debrief scores each team on several measures,
ranks them so that no single measure wins alone, sets the textbook team's
play beside each, and shows what each buyer got from each team's deal.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .debrief import debrief
from .examples import example_moves
from .play import RoleplayRun, play
from .scenario import Scenario

#: The measures the ranking counts, each "higher is better"; expected profit is shown but not counted, since a
#: team can buy it with promises the account pays for later.
RANKED_MEASURES = ("win_probability", "margin", "account_health", "method_score")
#: Columns of :func:`scorecard`.
SCORECARD_COLUMNS = ("team", *RANKED_MEASURES, "expected_profit", "textbook_expected_profit", "profit_vs_textbook",
                     "win_vs_textbook", "points", "rank")
#: Columns of :func:`buyer_view`.
BUYER_COLUMNS = ("team", "contact_id", "role", "concern", "hours", "main_approach", "attitude_start",
                 "attitude_end", "concern_answered", "price_cut_hours", "promise_hours")


def table_names(tables: int) -> tuple[str, ...]:
    """The codes of ``tables`` tables: ``"table_1"``, ``"table_2"``, ... (labels under ``rp.team.*``)."""
    return tuple(f"table_{k}" for k in range(1, tables + 1))


def play_tables(scenario: Scenario, moves_by_team: Mapping[str, object], *,
                language: str | None = None) -> dict[str, RoleplayRun]:
    """Play every team's moves on the same scenario (see :func:`~crmsim.roleplay.play`).

    Parameters
    ----------
    scenario : Scenario
    moves_by_team : mapping of team code -> moves
        Each team's moves, as :func:`~crmsim.roleplay.check_moves` takes them.
    language : {"en", "zh"}, optional
        Language of a rule message.

    Returns
    -------
    dict of team code -> RoleplayRun, in the mapping's order.
    """
    if not isinstance(moves_by_team, Mapping) or not moves_by_team:
        raise TypeError(f"moves_by_team must be a non-empty mapping of team -> moves; got {moves_by_team!r}")
    for team in moves_by_team:
        if not isinstance(team, str) or not team:
            raise TypeError(f"moves_by_team keys must be non-empty str team names; got {team!r}")
    return {team: play(scenario, moves, language=language) for team, moves in moves_by_team.items()}


def method_score(run: RoleplayRun) -> float:
    """Share of the debrief's checks the team passed (0-1): its play against the course's lessons."""
    return float(debrief(run)["ok"].mean())


#: Scenarios whose textbook play is kept (a console has one account at a time; a class rarely more than a few).
TEXTBOOK_CACHE_SIZE = 8
_textbook_runs: dict[int, tuple[Scenario, RoleplayRun]] = {}


def textbook_run(scenario: Scenario) -> RoleplayRun:
    """The textbook team's play of ``scenario``: the counterfactual set beside every team.

    It depends on the scenario alone, so it is played once per scenario and
    kept (for the last :data:`TEXTBOOK_CACHE_SIZE` scenarios): a console's
    scorecard sets it beside every team after every round. The entry holds
    the scenario itself, so an id is never reused while cached; a
    :class:`~crmsim.roleplay.Scenario` is frozen (copy it with
    ``dataclasses.replace``; its tables are not to be changed in place).
    """
    cached = _textbook_runs.get(id(scenario))
    if cached is not None and cached[0] is scenario:
        return cached[1]
    run = play(scenario, example_moves(scenario, "textbook"))
    while len(_textbook_runs) >= TEXTBOOK_CACHE_SIZE:
        del _textbook_runs[next(iter(_textbook_runs))]  # the oldest
    _textbook_runs[id(scenario)] = (scenario, run)
    return run


def _check_runs(runs: Mapping[str, RoleplayRun]) -> Scenario:
    if not isinstance(runs, Mapping) or not runs or not all(isinstance(r, RoleplayRun) for r in runs.values()):
        raise TypeError(f"runs must be a non-empty mapping of team -> RoleplayRun; got {type(runs).__name__}")
    scenarios = {id(r.scenario) for r in runs.values()}
    first = next(iter(runs.values())).scenario
    if len(scenarios) > 1 and any(not r.scenario.people.equals(first.people) for r in runs.values()):
        raise ValueError("runs must all play the same scenario; pool tables of one account only")
    return first


def scorecard(runs: Mapping[str, RoleplayRun]) -> pd.DataFrame:
    """The class scorecard: one row per team, ranked on several measures at once.

    Each team is ranked on every measure of :data:`RANKED_MEASURES` (1 =
    best, ties share the better rank); its ``points`` are the sum of those
    ranks, and fewer points rank higher. So a team that wins on one measure
    (say the win chance, bought with promises) but loses on the others does
    not top the class. Ties on points go to the higher expected profit, then
    to the team named first, so the ranking is deterministic.

    Parameters
    ----------
    runs : mapping of team code -> RoleplayRun
        From :func:`play_tables`; teams that have not played every round
        are scored on the rounds played so far.

    Returns
    -------
    DataFrame
        Columns of :data:`SCORECARD_COLUMNS`, in rank order:
        ``win_probability``, ``margin``, ``account_health``,
        ``method_score`` (share of the debrief's checks passed),
        ``expected_profit`` (CNY million), the textbook team's expected
        profit on the same account, the team's profit and win chance less
        the textbook's, ``points`` and ``rank``.
    """
    scenario = _check_runs(runs)
    book = textbook_run(scenario).outcome
    rows = []
    for team, run in runs.items():
        outcome = run.outcome
        rows.append({"team": team, "win_probability": float(outcome["win_probability"]),
                     "margin": float(outcome["margin"]), "account_health": float(outcome["account_health"]),
                     "method_score": round(method_score(run), 4), "expected_profit": float(outcome["expected_profit"]),
                     "textbook_expected_profit": float(book["expected_profit"]),
                     "profit_vs_textbook": round(float(outcome["expected_profit"] - book["expected_profit"]), 4),
                     "win_vs_textbook": round(float(outcome["win_probability"] - book["win_probability"]), 4)})
    table = pd.DataFrame(rows)
    ranks = table[list(RANKED_MEASURES)].rank(ascending=False, method="min")
    table["points"] = ranks.sum(axis=1).astype(np.int64)
    table["order"] = np.arange(len(table))
    table = table.sort_values(["points", "expected_profit", "order"], ascending=[True, False, True], kind="stable")
    table["rank"] = np.arange(1, len(table) + 1, dtype=np.int64)
    return table.drop(columns="order").reset_index(drop=True)[list(SCORECARD_COLUMNS)]


def buyer_view(runs: Mapping[str, RoleplayRun], *, textbook: bool = True) -> pd.DataFrame:
    """What each buyer got from each team's deal: one row per team and person.

    Parameters
    ----------
    runs : mapping of team code -> RoleplayRun
    textbook : bool
        Add the textbook team's rows (team ``"textbook"``) for comparison.

    Returns
    -------
    DataFrame
        Columns of :data:`BUYER_COLUMNS`: the person's ``hours`` with the
        team, the ``main_approach`` (the one given most hours, ``"none"``
        if never met), attitude at the start and the end,
        ``concern_answered`` (presented to after the need was known, or
        given a price cut when price was the worry), and the hours of price
        cuts and extra promises the person received.
    """
    scenario = _check_runs(runs)
    if textbook:
        runs = {**runs, "textbook": textbook_run(scenario)}
    people = scenario.people
    frames = []
    for team, run in runs.items():
        rounds = run.rounds
        by_person = rounds.groupby("contact_id") if len(rounds) else None
        frame = pd.DataFrame({"team": team, "contact_id": people["contact_id"].to_numpy(),
                              "role": people["role"].astype(str).to_numpy(),
                              "concern": people["concern"].astype(str).to_numpy(),
                              "attitude_start": people["attitude"].to_numpy(dtype=float)})
        if by_person is None:
            frame["hours"], frame["main_approach"] = 0.0, "none"
            frame["attitude_end"] = frame["attitude_start"]
            frame["concern_answered"] = False
            frame["price_cut_hours"] = frame["promise_hours"] = 0.0
        else:
            ids = frame["contact_id"]
            frame["hours"] = by_person["hours"].sum().reindex(ids).to_numpy()
            met = rounds[rounds["hours"] > 0]
            main = met.groupby(["contact_id", "approach"])["hours"].sum().reset_index() \
                .sort_values(["contact_id", "hours"], ascending=[True, False], kind="stable") \
                .drop_duplicates("contact_id").set_index("contact_id")["approach"]
            frame["main_approach"] = main.reindex(ids).fillna("none").to_numpy()
            frame["attitude_end"] = by_person["attitude_after"].last().reindex(ids).to_numpy()
            frame["concern_answered"] = _concern_answered(rounds).reindex(ids, fill_value=False).to_numpy()
            frame["price_cut_hours"] = _hours_of(met, "price_concession").reindex(ids, fill_value=0.0).to_numpy()
            frame["promise_hours"] = _hours_of(met, "extra_promise").reindex(ids, fill_value=0.0).to_numpy()
        frames.append(frame[list(BUYER_COLUMNS)])
    return pd.concat(frames, ignore_index=True)


def _hours_of(met: pd.DataFrame, approach: str) -> pd.Series:
    return met.loc[met["approach"] == approach].groupby("contact_id")["hours"].sum()


def _concern_answered(rounds: pd.DataFrame) -> pd.Series:
    """Per person: presented to once their need was known, or given a price cut when price was their worry."""
    ordered = rounds.sort_values(["contact_id", "round"], kind="stable")
    known_before = ordered.groupby("contact_id")["need_known"].shift(1, fill_value=False).astype(bool)
    presented = (ordered["approach"] == "fab_presentation") & known_before
    priced = (ordered["approach"] == "price_concession") & (ordered["concern"].astype(str) == "economic")
    return (presented | priced).groupby(ordered["contact_id"]).any()
