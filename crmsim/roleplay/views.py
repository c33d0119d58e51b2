"""Views of role-play tables for a person: shown in full, never cut with "…", and the course's default account.

pandas shortens long text in a notebook's table (``display.max_colwidth``);
a :class:`Sheet` shows a labelled table whole, in HTML and as text, without
touching pandas' global options.
"""

from __future__ import annotations

import functools

import pandas as pd

from ..display import labelled
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
        return self.table.to_html(index=self.index, border=0, classes="crmsim-sheet")

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
