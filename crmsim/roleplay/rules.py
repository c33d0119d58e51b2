"""The rules of play: what the sales team may do in a round, checked move by move.

A move may name things the way the tables show them: a round by number, code
(``"needs"``) or label (``"2 Learn the need"``, ``"2 了解需求"``), a person by
contact id or name (English or Chinese), an approach by code or label in
either language (``"SPIN questions"``, ``"SPIN提问"``). A move that breaks a
rule raises :class:`RuleError`, a ``ValueError`` whose message is in the
language asked for (the current language by default), so a Chinese class
reads Chinese messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real

import numpy as np
import pandas as pd

from .. import i18n
from ..i18n import common as _words, roleplay as _text  # noqa: F401  (yes/no and the rule messages, loaded here)
from .scenario import ROUNDS, Scenario

#: What the sales team can do with a person in a round.
APPROACHES = ("spin_questions", "fab_presentation", "relationship_event", "price_concession",
              "extra_promise", "ask_coach")
#: The columns of a table of moves.
MOVE_COLUMNS = ("round", "contact_id", "approach", "hours")
#: Slack on the round's hour budget, for hours that add up in floating point.
BUDGET_SLACK = 1e-9


class RuleError(ValueError):
    """A move that breaks a rule of the role play, with its message in one language.

    Attributes
    ----------
    key : str
        The message's key in the catalogue (``rp.rule.*``).
    fields : dict
        The values filled into the message.
    """

    def __init__(self, key: str, language: str, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(i18n.t(key, language, **fields))


def _normal(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _by_label(codes: tuple[str, ...], prefix: str) -> dict[str, str]:
    """Every way to write one of ``codes``: the code and its label in each language, normalised."""
    names = {}
    for code in codes:
        names[_normal(code)] = code
        for language in i18n.LANGUAGES:
            names[_normal(i18n.t(f"{prefix}.{code}", language))] = code
    return names


def approach_code(value: object, *, language: str | None = None, where: str = "approach") -> str:
    """The code of an approach given by code or by its label in either language."""
    language = _language(language)
    code = _by_label(APPROACHES, "rp.approach").get(_normal(value)) if isinstance(value, str) else None
    if code is None:
        allowed = ", ".join(i18n.t(f"rp.approach.{a}", language) for a in APPROACHES)
        raise RuleError("rp.rule.approach", language, where=where, value=value, allowed=allowed)
    return code


def _language(language: str | None) -> str:
    return i18n.check_language(language) if language is not None else i18n.get_language()


def check_moves(scenario: Scenario, moves, *, language: str | None = None) -> pd.DataFrame:
    """The moves as a coded table, or a :class:`RuleError` naming the move that is wrong.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~crmsim.roleplay.make_scenario` or :func:`~crmsim.roleplay.load_scenario`.
    moves : DataFrame or list of dict
        ``round`` (1-based number, code of :data:`~crmsim.roleplay.ROUNDS`
        or its label), ``contact_id`` (id or the person's name),
        ``approach`` (code of :data:`APPROACHES` or its label, in either
        language) and ``hours``; at most one move per person per round, at
        most :attr:`Scenario.hours_per_round` hours per round, rounds played
        in order, ``ask_coach`` only with the coach.
    language : {"en", "zh"}, optional
        Language of the error message; the current language by default.

    Returns
    -------
    DataFrame
        Columns ``round``, ``contact_id``, ``approach`` (codes), ``hours``,
        sorted by round and contact.
    """
    language = _language(language)
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario from crmsim.roleplay.make_scenario; got {scenario!r:.60} "
                        f"({type(scenario).__name__})")
    if isinstance(moves, (str, bytes, Mapping)) or not isinstance(moves, (pd.DataFrame, Sequence)):
        raise TypeError(f"moves must be a list of move dicts (round, contact_id, approach, hours) or a DataFrame; "
                        f"got {moves!r:.60} ({type(moves).__name__})")
    if not isinstance(moves, pd.DataFrame) and not all(isinstance(move, Mapping) for move in moves):
        raise TypeError("moves must be a list of move dicts (round, contact_id, approach, hours); "
                        f"got {list(moves)!r:.80}")
    table = pd.DataFrame(moves)
    if table.empty:
        return pd.DataFrame({"round": pd.Series(dtype=np.int64), "contact_id": pd.Series(dtype=np.int64),
                             "approach": pd.Series(dtype=object), "hours": pd.Series(dtype=float)})
    missing = [c for c in MOVE_COLUMNS if c not in table.columns]
    if missing:
        raise RuleError("rp.rule.columns", language, missing=", ".join(missing))
    rounds, contacts, approaches, hours = _check_each_move(scenario, table, language)
    out = pd.DataFrame({"round": np.array(rounds, dtype=np.int64), "contact_id": np.array(contacts, dtype=np.int64),
                        "approach": np.array(approaches, dtype=object), "hours": np.array(hours, dtype=float)})
    _check_rounds(scenario, out, language)
    return out.sort_values(["round", "contact_id"], kind="stable").reset_index(drop=True)


def _check_each_move(scenario: Scenario, table: pd.DataFrame, language: str):
    """Check every move on its own; return the round, contact, approach and hours of each, as codes."""
    people = scenario.people
    known_ids = people["contact_id"].tolist()
    by_name = {_normal(name): int(c) for column in ("name_en", "name_zh")
               for name, c in zip(people[column], people["contact_id"])}
    coach_ids = people.loc[people["is_coach"], "contact_id"].tolist()
    round_names = _by_label(ROUNDS, "rp.round")
    n_rounds = len(scenario.rounds)
    rounds, contacts, approaches, hours = [], [], [], []
    for i, move in enumerate(table.itertuples(index=False)):  # a few dozen moves, checked one by one for the message
        where = i18n.t("rp.rule.where", language, number=i + 1)
        r = move.round
        if isinstance(r, str):
            r = ROUNDS.index(round_names[_normal(r)]) + 1 if _normal(r) in round_names else r
        if not _is_int(r) or not 1 <= int(r) <= n_rounds:
            raise RuleError("rp.rule.round", language, where=where, value=r, last=n_rounds)
        contact = move.contact_id
        if isinstance(contact, str) and _normal(contact) in by_name:
            contact = by_name[_normal(contact)]
        if not _is_int(contact) or int(contact) not in known_ids:
            raise RuleError("rp.rule.contact", language, where=where, value=contact,
                            allowed=", ".join(map(str, known_ids)))
        approach = approach_code(move.approach, language=language, where=where)
        if approach == "ask_coach" and int(contact) not in coach_ids:
            if coach_ids:
                raise RuleError("rp.rule.not_coach", language, where=where, coach=", ".join(map(str, coach_ids)))
            raise RuleError("rp.rule.no_coach", language, where=where)
        h = move.hours
        if isinstance(h, (bool, np.bool_)) or not isinstance(h, Real) or not np.isfinite(float(h)) \
                or not 0.0 <= float(h) <= scenario.hours_per_round:
            raise RuleError("rp.rule.hours", language, where=where, value=h, budget=scenario.hours_per_round)
        rounds.append(int(r))
        contacts.append(int(contact))
        approaches.append(approach)
        hours.append(float(h))
    return rounds, contacts, approaches, hours


def _is_int(value: object) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, (float, np.floating)) and float(value).is_integer()


def _check_rounds(scenario: Scenario, moves: pd.DataFrame, language: str) -> None:
    """Check the moves of each round together: one per person, the hour budget, rounds in order."""
    twice = moves.duplicated(["round", "contact_id"])
    if twice.any():
        r, c = moves.loc[twice, ["round", "contact_id"]].iloc[0]
        raise RuleError("rp.rule.twice", language, contact=int(c), round=int(r))
    hours = moves.groupby("round")["hours"].sum()
    over = hours > scenario.hours_per_round + BUDGET_SLACK
    if over.any():
        r = int(hours.index[over][0])
        raise RuleError("rp.rule.budget", language, spent=float(hours[r]), round=r, budget=scenario.hours_per_round)
    played = np.unique(moves["round"])
    if len(played) and played.max() != len(played):
        raise RuleError("rp.rule.order", language, played=", ".join(map(str, played.tolist())))
