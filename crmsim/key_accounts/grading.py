"""Grading accounts A/B/C/D (A级…D级) from the course's selection factors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..validation import check_choices, check_real
from .vocab import GRADE_DTYPE, GRADING_FACTORS

#: The package's default weights of the selection factors (size counts most).
DEFAULT_GRADING_WEIGHTS = {
    "size": 0.20, "financials": 0.15, "need": 0.15, "importance": 0.10,
    "attitude": 0.10, "decision_maker": 0.10, "familiarity": 0.10, "region_industry": 0.10,
}


@dataclass(frozen=True)
class Grading:
    """How accounts are graded A/B/C/D from the selection factors.

    The grading score is the weighted mean of the factor scores (each 0-1,
    see :data:`~crmsim.key_accounts.vocab.GRADING_FACTORS`); an account is A
    at or above ``cutoffs[0]``, B at or above ``cutoffs[1]``, C at or above
    ``cutoffs[2]``, D below.

    Parameters
    ----------
    weights : mapping of factor -> weight
        Non-negative weights (normalised to sum to 1); factors left out weigh
        0. Default: :data:`DEFAULT_GRADING_WEIGHTS`.
    cutoffs : (float, float, float)
        Strictly decreasing score thresholds of A, B and C, each in (0, 1).
        The default (0.65, 0.58, 0.50) grades about a sixth of the leads of
        a default world A, a third each B and C, and a sixth D.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GRADING_WEIGHTS))
    cutoffs: tuple[float, float, float] = (0.65, 0.58, 0.50)

    def __post_init__(self) -> None:
        if not isinstance(self.weights, Mapping):
            raise TypeError(f"weights must be a mapping of factor -> weight; got {self.weights!r}")
        check_choices("weights", list(self.weights), GRADING_FACTORS)
        clean = {name: check_real(f"weights[{name!r}]", w, 0.0) for name, w in self.weights.items()}
        if sum(clean.values()) <= 0:
            raise ValueError(f"weights must not all be zero; got {dict(self.weights)}")
        total = sum(clean.values())
        object.__setattr__(self, "weights", {name: clean.get(name, 0.0) / total for name in GRADING_FACTORS})
        if not isinstance(self.cutoffs, (tuple, list)) or len(self.cutoffs) != 3:
            raise ValueError(f"cutoffs must be three thresholds (A, B, C); got {self.cutoffs!r}")
        cutoffs = tuple(check_real(f"cutoffs[{i}]", c, 0.0, 1.0) for i, c in enumerate(self.cutoffs))
        if not cutoffs[0] > cutoffs[1] > cutoffs[2]:
            raise ValueError(f"cutoffs must be strictly decreasing (A > B > C); got {cutoffs}")
        object.__setattr__(self, "cutoffs", cutoffs)


def check_grading(grading: object) -> Grading:
    """``grading``, or the default :class:`Grading` for None; a TypeError for anything else."""
    if grading is None:
        return Grading()
    if not isinstance(grading, Grading):
        raise TypeError(f"grading must be a crmsim.key_accounts.Grading; got {grading!r}")
    return grading


def grade_accounts(opportunities: pd.DataFrame, grading: Grading | None = None) -> pd.DataFrame:
    """A/B/C/D grade of each opportunity's account from the selection factors.

    Parameters
    ----------
    opportunities : DataFrame
        From :func:`~crmsim.key_accounts.prepare_key_accounts` (the ``f_*`` factor columns).
    grading : Grading, optional
        Default: :class:`Grading` ().

    Returns
    -------
    DataFrame
        ``opportunity_id``, ``grading_score`` (0-1) and ``grade`` (ordered category A < B < C < D).
    """
    grading = check_grading(grading)
    if not isinstance(opportunities, pd.DataFrame) or not {f"f_{f}" for f in GRADING_FACTORS} <= set(opportunities):
        raise TypeError("opportunities must be a table of prepare_key_accounts (with the f_* factor columns); "
                        f"got {type(opportunities).__name__}")
    score = sum(w * opportunities[f"f_{name}"].to_numpy() for name, w in grading.weights.items())
    grade = np.searchsorted(-np.asarray(grading.cutoffs), -score, side="right")
    return pd.DataFrame({"opportunity_id": opportunities["opportunity_id"].to_numpy(), "grading_score": score,
                         "grade": pd.Categorical.from_codes(grade, dtype=GRADE_DTYPE)})


def grading_weights_table(grading: Grading | None = None) -> pd.DataFrame:
    """The grading factors and their weights: ``weight`` indexed by ``factor`` (default :class:`Grading`)."""
    grading = check_grading(grading)
    return pd.DataFrame({"weight": list(grading.weights.values())},
                        index=pd.Index(list(grading.weights), name="factor"))
