"""Axis ranges that stay put while a dashboard's data move.

A blitted dashboard redraws only its data while the axes stay the same, so
its y ranges must not follow every small change of the data: a range is
kept while the data fit it and still fill a fair part of it, and only then
replaced by a fresh "nice" range. One implementation for every dashboard.
"""

from __future__ import annotations

import math

#: Mantissas of "nice" axis ends: fine enough that bars fill most of the height.
NICE_ENDS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
#: Mantissas of "nice" grid steps (a step of 3 or 4 makes odd tick labels).
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_ceiling(value: float, mantissas: tuple[float, ...] = NICE_ENDS) -> float:
    """The smallest ``m * 10**k`` that is >= ``value``, ``m`` one of ``mantissas``; 0 for value <= 0.

    >>> nice_ceiling(1.3), nice_ceiling(1.3, NICE_STEPS)
    (1.5, 2.0)
    """
    value = float(value)
    if not value > 0 or not math.isfinite(value):
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in mantissas if m * power >= value * (1 - 1e-12))


def sticky_top(current: float | None, high: float, *, headroom: float = 0.05, fill: float = 0.4) -> float:
    """The top of a range from zero that shows ``high``: ``current`` while it fits.

    ``current`` is kept while ``high`` fits under it and fills at least
    ``fill`` of it; otherwise the next nice end above ``high * (1 + headroom)``
    (which it then fills by more than ``fill``, so asking again with the same
    data keeps it). Without data (``high <= 0``) the top is ``current`` or 1.
    """
    if not high > 0:
        return current if current else 1.0
    fresh = nice_ceiling(high * (1 + headroom))
    if current is not None and high <= current and (fill * current <= high or current == fresh):
        return current
    return fresh


def sticky_range(current: tuple[float, float] | None, low: float, high: float, *,
                 headroom: float = 0.05, fill: float = 0.4) -> tuple[float, float]:
    """A range that shows ``[low, high]``, from zero where the data allow: ``current`` while it fits.

    Both ends are nice numbers; the negative end is mirrored like the top.
    """
    top = sticky_top(None if current is None else current[1], max(high, 0.0), headroom=headroom, fill=fill)
    if low >= 0:
        return (0.0, top)
    bottom = -sticky_top(None if current is None or current[0] >= 0 else -current[0], -low,
                         headroom=headroom, fill=fill)
    return (bottom, top)


def fixed_or_fresh(reference: float, high: float, *, headroom: float = 0.05) -> float:
    """``reference`` while ``high`` fits under it, else a nice end just above ``high``."""
    return reference if high <= reference else nice_ceiling((1 + headroom) * high)
