"""The debrief: a team's play checked against the course, and outcomes side by side."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import i18n
from ..display import labelled
from .play import RoleplayRun

#: The debrief's checks, in the order they are shown (texts under ``rp.finding.*`` and ``rp.lesson.*``).
FINDINGS = ("decision_maker_reached", "effort_follows_influence", "gatekeeper_won", "needs_before_presenting",
            "coach_used", "no_over_promising", "concessions_targeted", "nobody_neglected")
DECISION_MAKER_SHARE = 0.15   # share of the team's hours the decision maker should get at least
INFLUENCE_OVERLAP = 0.6       # overlap of time and influence that counts as "time followed influence"
INFORMED_SHARE = 0.7          # share of presentation hours that should go to people whose need is known
LAST_COACH_ROUND = 2          # the coach should be asked by this round
REAL_INFLUENCE = 0.4          # people with at least this influence must be met
#: What each check's evidence counts (texts under ``rp.unit.*``).
EVIDENCE_UNITS = {"decision_maker_reached": "share_of_hours", "effort_follows_influence": "overlap",
                  "gatekeeper_won": "attitude", "needs_before_presenting": "share_of_presenting",
                  "coach_used": "round", "no_over_promising": "hours", "concessions_targeted": "hours",
                  "nobody_neglected": "people"}


def debrief(run: RoleplayRun) -> pd.DataFrame:
    """Check the sales team's play against the course, one row per check.

    Parameters
    ----------
    run : RoleplayRun
        From :func:`~crmsim.roleplay.play`.

    Returns
    -------
    DataFrame
        Columns ``finding`` (a code of :data:`FINDINGS`), ``ok``,
        ``evidence`` (the number the check looked at), ``unit`` (what it
        counts, a code of :data:`EVIDENCE_UNITS`) and ``lesson`` (the
        code of the lesson, the finding's own: texts under ``rp.lesson.*``).
        The coach check is left out when the buying centre has no coach.
        Show it with ``crmsim.display.labelled(table, "roleplay")``.
    """
    people = run.scenario.people
    rounds, moves = run.rounds, run.moves
    role = people["role"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    hours = moves.groupby("contact_id")["hours"].sum().reindex(people["contact_id"], fill_value=0.0).to_numpy()
    total = hours.sum()
    share = hours / total if total > 0 else np.zeros_like(hours)
    rows = []

    def check(code: str, ok: bool, evidence: float) -> None:
        rows.append({"finding": code, "ok": bool(ok), "evidence": round(float(evidence), 3),
                     "unit": EVIDENCE_UNITS[code], "lesson": code})

    decision_maker_share = share[role == "decision_maker"].sum()
    check("decision_maker_reached", decision_maker_share >= DECISION_MAKER_SHARE, decision_maker_share)
    # Overlap of the two distributions: 1 when time is split exactly as influence is, 0 when they never meet.
    overlap = float(np.minimum(share, influence / influence.sum()).sum()) if total > 0 else 0.0
    check("effort_follows_influence", overlap >= INFLUENCE_OVERLAP, overlap)
    final = rounds.groupby("contact_id")["attitude_after"].last().reindex(people["contact_id"]).to_numpy() \
        if len(rounds) else people["attitude"].to_numpy()
    gatekeeper_attitude = final[role == "gatekeeper"].min() if (role == "gatekeeper").any() else 1.0
    check("gatekeeper_won", gatekeeper_attitude >= 0.0, gatekeeper_attitude)
    informed = _informed_share(rounds)
    check("needs_before_presenting", informed >= INFORMED_SHARE, informed)
    if people["is_coach"].any():
        asked = moves.loc[moves["approach"] == "ask_coach", "round"]
        check("coach_used", len(asked) > 0 and asked.min() <= LAST_COACH_ROUND, asked.min() if len(asked) else 0)
    promised = moves.loc[moves["approach"] == "extra_promise", "hours"].sum()
    check("no_over_promising", promised == 0, promised)
    concessions = moves[moves["approach"] == "price_concession"]
    concern = people.set_index("contact_id")["concern"].astype(str)
    to_the_wrong_people = concern.reindex(concessions["contact_id"]).to_numpy() != "economic"
    misplaced = float(concessions.loc[to_the_wrong_people, "hours"].sum())
    check("concessions_targeted", misplaced == 0, misplaced)
    unmet = int(np.sum((influence >= REAL_INFLUENCE) & (hours == 0)))
    check("nobody_neglected", unmet == 0, unmet)
    return pd.DataFrame(rows)


def _informed_share(rounds: pd.DataFrame) -> float:
    """Share of presentation hours spent on people whose need was known before that round (1 without any)."""
    fab = rounds[(rounds["approach"] == "fab_presentation")]
    if not len(fab):
        return 1.0
    known_before = rounds.set_index(["round", "contact_id"])["need_known"]
    previous = [bool(known_before.get((r - 1, c), False)) for r, c in zip(fab["round"], fab["contact_id"])]
    return float(np.sum(fab["hours"].to_numpy() * previous) / fab["hours"].sum())


def outcome_table(runs: RoleplayRun | Mapping[str, RoleplayRun], *, language: str | None = None) -> pd.DataFrame:
    """A view of outcomes side by side, one column per run, ready to show.

    Parameters
    ----------
    runs : RoleplayRun or mapping of team name -> RoleplayRun
        One run (its column is headed "Value") or several by team name; the
        names ``"textbook"`` and ``"novice"`` (the
        :func:`~crmsim.roleplay.example_moves` styles) are translated.
    language : {"en", "zh"}, optional
        Defaults to the current language.

    Returns
    -------
    DataFrame
        Index: the outcome labels; ``won`` shows as yes/no, and as "-" until
        every round is played. Compute with :attr:`RoleplayRun.outcome`,
        which keeps the codes.
    """
    if isinstance(runs, RoleplayRun):
        runs = {"value": runs}
    if not isinstance(runs, Mapping) or not all(isinstance(run, RoleplayRun) for run in runs.values()):
        raise TypeError(f"runs must be a RoleplayRun or a mapping of team name -> RoleplayRun; got {runs!r:.60}")
    if not runs:
        raise ValueError("runs is empty: pass at least one team's RoleplayRun")
    yes, no = (i18n.t(key, language) for key in ("bool.True", "bool.False"))
    # Booleans among numbers make an object column the labeller leaves alone: say yes/no here.
    columns = {name: [yes if v is True else no if v is False else "-" if v is None else v
                      for v in run.outcome.to_numpy()] for name, run in runs.items()}
    first = next(iter(runs.values()))
    # An object index (not pandas' str dtype): the labeller translates the labels of object and categorical indexes.
    coded = pd.DataFrame(columns, index=pd.Index(list(first.outcome.index), dtype=object, name=""))
    return labelled(coded, "roleplay", language=language)
