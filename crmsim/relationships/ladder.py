"""Relationship ladders (客户关系层次): the rungs a customer climbs, lowest first.

The course ladder, the default, runs distant → face-to-face → brand →
intimate (疏远 → 面对面 → 品牌 → 亲密); :data:`KOTLER_LADDER` is the five-level
alternative and :func:`make_ladder` builds an instructor's own. Each rung has
a cost to serve, a retention rate and a share of the customer's spend that
comes to us.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from .. import i18n
from ..i18n import relationships as _texts  # noqa: F401  (the presets' names are read from it at import)
from ..validation import check_choice, check_probability, check_real
from ..world import vocab

#: The code of a customer who has left, below every rung of every ladder.
CHURNED = "churned"


@dataclass(frozen=True)
class Level:
    """One rung of a relationship ladder.

    Attributes
    ----------
    code : str
        Identifier stored in the tables (letters, digits, underscores).
    name_en, name_zh : str
        Label in English and Chinese.
    cost_to_serve : float
        Cost of serving one customer at this level for a month, CNY (>= 0),
        before care budget, contacts, service level and complaints.
    retention : float
        Share of customers at this level still with us after a year when
        service exactly meets expectations, in (0, 1].
    share_of_wallet : float
        Share of the customer's spend on our category that comes to us, in [0, 1].
    """

    code: str
    name_en: str
    name_zh: str
    cost_to_serve: float
    retention: float
    share_of_wallet: float


@dataclass(frozen=True)
class Ladder:
    """An ordered relationship ladder, lowest level first (build with :func:`make_ladder`)."""

    levels: tuple[Level, ...]
    name_en: str = "Custom ladder"
    name_zh: str = "自定义关系层次"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels)

    def labels(self, language: str | None = None) -> list[str]:
        """Level names in the current (or given) language."""
        language = i18n.check_language(language) if language else i18n.get_language()
        return [getattr(level, f"name_{language}") for level in self.levels]

    def names(self, language: str | None = None) -> dict[str, str]:
        """Level code -> level name in the current (or given) language, for
        ``crmsim.display.labelled(table, "relationships", names=ladder.names())``."""
        return dict(zip(self.codes, self.labels(language)))

    def name(self, language: str | None = None) -> str:
        language = i18n.check_language(language) if language else i18n.get_language()
        return getattr(self, f"name_{language}")

    @property
    def cost_to_serve(self) -> np.ndarray:
        return np.array([level.cost_to_serve for level in self.levels])

    @property
    def retention(self) -> np.ndarray:
        return np.array([level.retention for level in self.levels])

    @property
    def share_of_wallet(self) -> np.ndarray:
        return np.array([level.share_of_wallet for level in self.levels])

    def table(self) -> pd.DataFrame:
        """The ladder as a coded table: ``level`` (code), ``cost_per_month``,
        ``annual_retention`` and ``share_of_wallet``, one row per level."""
        return pd.DataFrame({
            "level": list(self.codes),
            "cost_per_month": self.cost_to_serve,
            "annual_retention": self.retention,
            "share_of_wallet": self.share_of_wallet,
        })


_LEVEL_FIELDS = ("code", "name_en", "name_zh", "cost_to_serve", "retention", "share_of_wallet")


def make_ladder(levels: Sequence[Mapping | Level], name_en: str = "Custom ladder",
                name_zh: str = "自定义关系层次") -> Ladder:
    """Build and check a relationship ladder.

    Parameters
    ----------
    levels : sequence of mappings (or :class:`Level`)
        Lowest level first, 2 to 8 levels. Each has the keys ``code``,
        ``name_en``, ``name_zh``, ``cost_to_serve`` (CNY per month, >= 0),
        ``retention`` (annual, in (0, 1]) and ``share_of_wallet`` (in [0, 1]).
        Going up the ladder, retention and share of wallet must not fall:
        a higher level is a closer relationship.
    name_en, name_zh : str
        Name of the ladder (default: "Custom ladder", what an instructor's
        ladder is called until it is given a name).

    Raises
    ------
    TypeError, ValueError
        Naming the level and field that is wrong, e.g. ``levels[2].retention``.
    """
    if isinstance(levels, (str, Mapping)) or not isinstance(levels, Sequence):
        raise TypeError(f"levels must be a list of level definitions (dicts); got {type(levels).__name__}")
    if not 2 <= len(levels) <= 8:
        raise ValueError(f"levels must define 2 to 8 levels; got {len(levels)}")
    for label, text in (("name_en", name_en), ("name_zh", name_zh)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{label} must be a non-empty str; got {text!r}")
    built = [_checked_level(i, spec) for i, spec in enumerate(levels)]
    codes = [level.code for level in built]
    if len(set(codes)) != len(codes):
        raise ValueError(f"level codes must be distinct; got {codes}")
    for i in range(1, len(built)):
        for key in ("retention", "share_of_wallet"):
            low, high = getattr(built[i - 1], key), getattr(built[i], key)
            if high < low:
                raise ValueError(f"levels[{i}].{key}={high} is below levels[{i - 1}].{key}={low}; "
                                 f"{key} must not fall going up the ladder (lowest level first)")
    return Ladder(tuple(built), name_en, name_zh)


def _checked_level(i: int, spec: Mapping | Level) -> Level:
    """Level ``i`` of a definition, checked field by field."""
    where = f"levels[{i}]"
    if isinstance(spec, Level):
        spec = {name: getattr(spec, name) for name in _LEVEL_FIELDS}
    if not isinstance(spec, Mapping):
        raise TypeError(f"{where} must be a dict with keys {_LEVEL_FIELDS}; got {type(spec).__name__}")
    missing = [k for k in _LEVEL_FIELDS if k not in spec]
    unknown = [k for k in spec if k not in _LEVEL_FIELDS]
    if missing or unknown:
        raise ValueError(f"{where} has missing keys {missing} and unknown keys {unknown}; "
                         f"expected exactly {_LEVEL_FIELDS}")
    code = spec["code"]
    if not isinstance(code, str) or not code.isidentifier():
        raise ValueError(f"{where}.code must be an identifier-like str (letters, digits, _); got {code!r}")
    if code == CHURNED or code in vocab.SEGMENT_CODES:
        raise ValueError(f"{where}.code={code!r} is reserved (churned state or a segment code)")
    for key in ("name_en", "name_zh"):
        if not isinstance(spec[key], str) or not spec[key].strip():
            raise ValueError(f"{where}.{key} must be a non-empty str; got {spec[key]!r}")
    cost = check_real(f"{where}.cost_to_serve", spec["cost_to_serve"], 0.0)
    retention = check_real(f"{where}.retention", spec["retention"], 0.0, 1.0)
    if retention <= 0:
        raise ValueError(f"{where}.retention must be in (0, 1]; got {retention}")
    share = check_probability(f"{where}.share_of_wallet", spec["share_of_wallet"])
    return Level(code, spec["name_en"], spec["name_zh"], cost, retention, share)


def _preset(rows: tuple, key: str) -> Ladder:
    levels = [{"code": code, "name_en": i18n.t(f"rel.level.{code}", "en"),
               "name_zh": i18n.t(f"rel.level.{code}", "zh"), "cost_to_serve": cost,
               "retention": retention, "share_of_wallet": share} for code, cost, retention, share in rows]
    return make_ladder(levels, i18n.t(f"rel.ladder.{key}", "en"), i18n.t(f"rel.ladder.{key}", "zh"))


#: The course ladder, the default: distant → face-to-face → brand → intimate.
COURSE_LADDER = _preset((
    ("distant", 200.0, 0.60, 0.10),
    ("face_to_face", 1200.0, 0.75, 0.25),
    ("brand", 3000.0, 0.88, 0.45),
    ("intimate", 8000.0, 0.95, 0.70),
), "course")
#: Kotler's five levels: basic, reactive, accountable, proactive, partnership.
KOTLER_LADDER = _preset((
    ("basic", 100.0, 0.55, 0.10),
    ("reactive", 500.0, 0.65, 0.18),
    ("accountable", 1500.0, 0.76, 0.30),
    ("proactive", 3500.0, 0.87, 0.45),
    ("partnership", 8000.0, 0.95, 0.65),
), "kotler")
LADDERS = {"course": COURSE_LADDER, "kotler": KOTLER_LADDER}


def get_ladder(ladder: str | Ladder | Sequence[Mapping]) -> Ladder:
    """A ladder from a preset name (``"course"``, ``"kotler"``), a :class:`Ladder` or level definitions."""
    if isinstance(ladder, Ladder):
        return ladder
    if isinstance(ladder, str):
        return LADDERS[check_choice("ladder", ladder, tuple(LADDERS))]
    return make_ladder(ladder)


@cache
def level_dtype(ladder: Ladder) -> pd.CategoricalDtype:
    """Ordered categories ``churned`` < the ladder's levels (built once per ladder)."""
    if not isinstance(ladder, Ladder):
        raise TypeError(f"ladder must be a Ladder (get_ladder turns a preset name into one); got {type(ladder).__name__}")
    return pd.CategoricalDtype([CHURNED, *ladder.codes], ordered=True)
