"""Views of role-play tables for a person: shown in full, never cut with "…", and the course's default account.

:func:`shown_scorecard` and :func:`shown_buyers` are the class debrief's
tables as a console shows them: coded columns kept, numbers written as a
trainer reads them (shares as percentages, attitudes with a sign).

pandas shortens long text in a notebook's table (``display.max_colwidth``);
a :class:`Sheet` shows a labelled table whole, in HTML and as text, without
touching pandas' global options.
"""

from __future__ import annotations

import functools

import pandas as pd

from .. import i18n
from ..display import labelled, table_html
from ..seeding import SeedLike
from .scenario import Scenario, make_scenario

#: The course's role-play world: the notebook's and the command line's (seed, customers).
ROLEPLAY_WORLD = (2024, 300)


class Sheet:
    """A table shown whole: every cell's text in full, in HTML (notebooks) and as text (consoles)."""

    def __init__(self, table: pd.DataFrame, *, index: bool = False) -> None:
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"table must be a DataFrame; got {type(table).__name__}")
        self.table, self.index = table, index

    def _repr_html_(self) -> str:
        return table_html(self.table, index=self.index, border=0, classes="crmsim-sheet")  # words kept whole

    def __repr__(self) -> str:
        return self.table.to_string(index=self.index)


def sheet(table: pd.DataFrame, *, index: bool = False, language: str | None = None, **options) -> Sheet:
    """``crmsim.display.labelled(table, "roleplay", ...)`` shown whole (see :class:`Sheet`)."""
    return Sheet(labelled(table, "roleplay", language=language, **options), index=index)


@functools.lru_cache(maxsize=8)
def _roleplay_world(seed: int, customers: int):
    from ..world import make_world

    return make_world(seed=seed, n_customers=customers)


def default_scenario(seed: SeedLike = 0) -> Scenario:
    """The course's account for ``seed``: :func:`make_scenario` on the role-play world :data:`ROLEPLAY_WORLD`.

    The notebook, the console without a world and ``python -m crmsim roleplay
    cards --seed SEED`` all use it, so a printed card matches the screen.
    """
    return make_scenario(_roleplay_world(*ROLEPLAY_WORLD), seed=seed)


def _percent(values: pd.Series) -> list[str]:
    return [f"{v:.0%}" for v in values]


def shown_scorecard(card: pd.DataFrame) -> pd.DataFrame:
    """The class scorecard (:func:`~crmsim.roleplay.scorecard`) to show: rank, team, the ranked measures as
    percentages, expected profit and its gap to the textbook (CNY million, 3 decimals), and the rank points."""
    shown = card[["rank", "team", "win_probability", "margin", "account_health", "method_score", "expected_profit",
                  "profit_vs_textbook", "points"]].copy()
    for column in ("win_probability", "margin", "account_health", "method_score"):
        shown[column] = _percent(shown[column])
    shown["expected_profit"] = [f"{v:.3f}" for v in shown["expected_profit"]]
    shown["profit_vs_textbook"] = [f"{v:+.3f}" for v in shown["profit_vs_textbook"]]
    return shown


def shown_buyers(buyers: pd.DataFrame, scenario: Scenario, *, language: str | None = None) -> pd.DataFrame:
    """What each buyer got (:func:`~crmsim.roleplay.buyer_view`) to show: each person by name instead of id,
    hours as given, attitudes with a sign and two decimals."""
    language = i18n.check_language(language) if language else i18n.get_language()
    people = scenario.people.set_index("contact_id")
    names = people["name_zh" if language == "zh" else "name_en"].astype(str)
    shown = buyers.copy()
    shown.insert(1, "name", names.reindex(shown["contact_id"]).to_numpy())
    for column in ("hours", "price_cut_hours", "promise_hours"):
        shown[column] = [f"{v:g}" for v in shown[column]]
    for column in ("attitude_start", "attitude_end"):
        shown[column] = [f"{v:+.2f}" for v in shown[column]]
    return shown.drop(columns="contact_id")
