"""Complaints and service recovery (客户投诉与服务补救).

A complaint starts with a service failure. How it is handled, how fast and
how well, decides what it does to the relationship: a good recovery can leave
the customer more loyal than before (the *recovery effect*), a slow or
careless one pushes the customer down the ladder or out.

The handling follows the course's eight steps (``../shared/domain.md`` §3):
record, judge whether it stands, assign the department, analyse the cause,
propose a remedy, get sign-off, carry it out and tell the customer, review.

The relationship simulation (:func:`crmsim.relationships.simulate_relationships`)
uses :func:`recovery_probability` and the constants here; this module adds a
walk-through of one complaint for teaching. Its tables are coded: show them
with ``crmsim.display.labelled(table, "relationships")``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_int, check_probability, check_real

#: The handling steps in order, with the share of the handling time each
#: takes; what happens in a step is the text ``complaint.step.<code>``.
STEPS = (
    ("record", 0.05),
    ("judge", 0.10),
    ("assign", 0.05),
    ("analyse", 0.20),
    ("remedy", 0.15),
    ("approve", 0.10),
    ("resolve", 0.25),
    ("review", 0.10),
)
STEP_CODES = tuple(code for code, _ in STEPS)

#: Handling faster than this many days keeps most of the recovery chance;
#: every further ``RECOVERY_HALF_LIFE_DAYS`` halves it.
RECOVERY_HALF_LIFE_DAYS = 10.0
#: Cost of handling one complaint, CNY: a fixed part plus a part per day open.
HANDLING_COST_FIXED = 300.0
HANDLING_COST_PER_DAY = 60.0
#: Extra cost of a high-quality remedy (CNY at quality 1).
REMEDY_COST_AT_FULL_QUALITY = 1500.0

#: Longest handling time a policy may set, in days (two months: a complaint open longer is lost anyway).
MAX_HANDLING_DAYS = 60.0

#: Outcome codes of a complaint in the simulation's complaint table.
OUTCOMES = ("recovered", "not_recovered")


def _checked_handling_arrays(days: object, quality: object) -> tuple[np.ndarray, np.ndarray, bool]:
    """Days in [1, 60] and quality in [0, 1] as float arrays (scalars or arrays), and whether both were scalars."""
    arrays = []
    for name, value, low, high in (("days", days, 1.0, MAX_HANDLING_DAYS), ("quality", quality, 0.0, 1.0)):
        if np.ndim(value) == 0:
            arrays.append(np.asarray(check_real(name, value, low, high)))
            continue
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a number or an array of numbers; got {value!r}") from None
        if np.asarray(value).dtype == bool:
            raise TypeError(f"{name} must be a number or an array of numbers; got booleans")
        bad = ~np.isfinite(array) | (array < low) | (array > high)
        if bad.any():
            raise ValueError(f"{name} must be in [{low}, {high}] (finite); got {array[bad].ravel()[0]!r}")
        arrays.append(array)
    try:
        np.broadcast_shapes(arrays[0].shape, arrays[1].shape)
    except ValueError:
        raise ValueError(f"days and quality must have shapes that broadcast; got {arrays[0].shape} and "
                         f"{arrays[1].shape}") from None
    return arrays[0], arrays[1], arrays[0].ndim == 0 and arrays[1].ndim == 0


def recovery_probability(days: float | np.ndarray, quality: float | np.ndarray) -> float | np.ndarray:
    """Chance that a complaint ends in a good recovery.

    ``quality * 0.5 ** ((days - 1) / RECOVERY_HALF_LIFE_DAYS)``: the quality of
    the remedy caps the chance, and every day the customer waits erodes it.

    Parameters
    ----------
    days : float or ndarray
        Days from the complaint to the remedy reaching the customer, in [1, 60]
        (the next day at the earliest; the policy's longest handling time).
    quality : float or ndarray
        Quality of the handling in [0, 1]: is the cause found, is the remedy
        fair, is the customer told and asked for feedback.

    Returns
    -------
    float, or ndarray of the broadcast shape
        A chance in [0, 1].

    Raises
    ------
    TypeError, ValueError
        If a value is not a number, NaN, or outside its range.
    """
    days, quality, scalar = _checked_handling_arrays(days, quality)
    chance = quality * 0.5 ** ((days - 1.0) / RECOVERY_HALF_LIFE_DAYS)
    return float(chance) if scalar else chance


def handling_cost(days: float | np.ndarray, quality: float | np.ndarray) -> float | np.ndarray:
    """Cost of handling one complaint in CNY: staff time while it is open plus the remedy.

    ``days`` in [1, 60] and ``quality`` in [0, 1], as in :func:`recovery_probability`.
    """
    days, quality, scalar = _checked_handling_arrays(days, quality)
    cost = HANDLING_COST_FIXED + HANDLING_COST_PER_DAY * days + REMEDY_COST_AT_FULL_QUALITY * quality
    return float(cost) if scalar else cost


def complaint_walkthrough(days: int = 5, quality: float = 0.7) -> pd.DataFrame:
    """The eight handling steps of one complaint, scheduled over ``days``.

    Parameters
    ----------
    days : int
        Total handling time in days, 1-60 (default 5: the course's example
        of a complaint handled within a working week).
    quality : float
        Handling quality in [0, 1] (default 0.7: fair, the course policy's).

    Returns
    -------
    DataFrame
        One row per step: ``step`` (1-8), ``action`` (the step's code,
        :data:`STEP_CODES`), ``day_done`` (the day by which it is done:
        cumulative share of ``days``, rounded up to a half day) and
        ``time_share`` (its share of the handling time).
        ``DataFrame.attrs`` holds ``recovery_probability`` and ``handling_cost``.
    """
    days = check_int("days", days, 1, 60)
    quality = check_probability("quality", quality)
    shares = np.array([share for _, share in STEPS])
    done_by = np.ceil(np.cumsum(shares) * days * 2 - 1e-9) / 2
    table = pd.DataFrame({
        "step": np.arange(1, len(STEPS) + 1),
        "action": list(STEP_CODES),
        "day_done": done_by,
        "time_share": shares,
    })
    table.attrs["recovery_probability"] = float(recovery_probability(days, quality))
    table.attrs["handling_cost"] = float(handling_cost(days, quality))
    return table


def handling_options(days: tuple[int, ...] = (1, 3, 7, 14, 30),
                     qualities: tuple[float, ...] = (0.4, 0.7, 0.95)) -> pd.DataFrame:
    """Recovery chance and cost for a grid of handling speeds and qualities.

    Parameters
    ----------
    days : tuple of int
        Handling times to compare, 1-60 days each (default: from the next
        day to a month).
    qualities : tuple of float
        Handling qualities to compare, in [0, 1] (default: careless, fair, careful).

    Returns
    -------
    DataFrame
        Columns ``days``, ``quality``, ``recovery`` (chance of a good
        recovery, rounded to 3 decimals) and ``cost`` (handling cost, CNY,
        rounded to whole CNY).
    """
    days_list = [check_int(f"days[{i}]", d, 1, 60) for i, d in enumerate(days)]
    quality_list = [check_probability(f"qualities[{i}]", q) for i, q in enumerate(qualities)]
    if not days_list or not quality_list:
        raise ValueError(f"days and qualities must not be empty; got days={days!r}, qualities={qualities!r}")
    grid_days, grid_quality = (a.ravel() for a in np.meshgrid(days_list, quality_list, indexing="ij"))
    return pd.DataFrame({
        "days": grid_days,
        "quality": grid_quality,
        "recovery": np.round(recovery_probability(grid_days, grid_quality), 3),
        "cost": np.round(handling_cost(grid_days, grid_quality), 0),
    })


def check_handling(days: object, quality: object) -> tuple[float, float]:
    """Validate a complaint-handling policy: ``days`` in [1, 60], ``quality`` in [0, 1]."""
    return check_real("complaint_days", days, 1.0, MAX_HANDLING_DAYS), check_probability("complaint_quality", quality)
