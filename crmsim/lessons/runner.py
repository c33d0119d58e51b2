"""Evaluate every lesson over many seeds, with a t-interval of the mean effect."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import stats

from ..validation import check_choices, check_int, check_real
from .claims import LESSONS

#: Seeds per lesson by default: 20 give a t-interval about half as wide as 5 would (t_0.975 of 2.09 vs 2.78, and
#: sqrt(20) vs sqrt(5)).
DEFAULT_SEEDS = 20
#: Most seeds a run may ask for: 1,000 give an interval seven times narrower than 20, and take a class period.
MAX_SEEDS = 1000


def run_lessons(names: Iterable[str] | None = None, *, seeds: int = DEFAULT_SEEDS, first_seed: int = 0,
                confidence: float = 0.95) -> pd.DataFrame:
    """Measure each lesson on worlds of seeds ``first_seed .. first_seed + seeds - 1``.

    Parameters
    ----------
    names : iterable of str, optional
        Lessons to run (keys of :data:`crmsim.lessons.LESSONS`); default all.
    seeds : int
        Seeds per lesson, >= 2 (a t-interval needs two).
    first_seed : int
    confidence : float
        Level of the interval, in (0, 1).

    Returns
    -------
    DataFrame, one row per lesson, coded columns ``lesson``, ``measure``,
    ``effect`` (mean over seeds), ``low``, ``high`` (the t-interval of the
    mean) and ``holds`` (whether the interval satisfies the lesson's rule).
    """
    chosen = check_choices("names", tuple(LESSONS) if names is None else names, LESSONS)
    seeds = check_int("seeds", seeds, 2, MAX_SEEDS)
    first_seed = check_int("first_seed", first_seed, 0)
    confidence = check_real("confidence", confidence, 0.0, 1.0, inclusive=False)
    quantile = float(stats.t.ppf(0.5 + confidence / 2, seeds - 1))
    rows = []
    for name in chosen:  # a handful of lessons
        lesson = LESSONS[name]
        effects = np.array([lesson.effect(seed) for seed in range(first_seed, first_seed + seeds)])
        mean, half = effects.mean(), quantile * effects.std(ddof=1) / np.sqrt(seeds)
        rows.append({"lesson": name, "measure": lesson.measure, "effect": mean, "low": mean - half,
                     "high": mean + half, "holds": lesson.holds(mean - half, mean + half)})
    return pd.DataFrame(rows, columns=["lesson", "measure", "effect", "low", "high", "holds"])
