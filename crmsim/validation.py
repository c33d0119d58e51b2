"""Argument checks that fail early with a message naming the parameter,
the value received and what is allowed."""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Real

import numpy as np


def check_int(name: str, value: object, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as int if it is an integer within ``[minimum, maximum]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int; got {value!r} ({type(value).__name__})")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {value}")
    return value


def check_real(name: str, value: object, minimum: float | None = None, maximum: float | None = None,
               inclusive: bool = True) -> float:
    """Return ``value`` as float if it is a finite real number within the bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number; got {value!r} ({type(value).__name__})")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    low_ok = minimum is None or (value >= minimum if inclusive else value > minimum)
    high_ok = maximum is None or (value <= maximum if inclusive else value < maximum)
    if not (low_ok and high_ok):
        lo = "-inf" if minimum is None else minimum
        hi = "inf" if maximum is None else maximum
        interval = f"[{lo}, {hi}]" if inclusive else f"({lo}, {hi})"
        raise ValueError(f"{name} must be in {interval}; got {value}")
    return value


def check_probability(name: str, value: object) -> float:
    """Return ``value`` if it is a probability in [0, 1]."""
    return check_real(name, value, 0.0, 1.0)


def check_choice(name: str, value: object, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed``."""
    allowed = tuple(allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {allowed}; got {value!r} ({type(value).__name__})")
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not allowed; choose from {allowed}")
    return value


def check_choices(name: str, values: object, allowed: Iterable[str]) -> tuple[str, ...]:
    """Return ``values`` as a tuple if it is a non-empty collection of distinct allowed strings."""
    allowed = tuple(allowed)
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list of str from {allowed}; got {values!r}")
    values = tuple(values)
    if not values:
        raise ValueError(f"{name} must not be empty; choose from {allowed}")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"{name} has unknown value(s) {unknown}; allowed: {allowed}")
    if len(set(values)) != len(values):
        raise ValueError(f"{name} lists a value twice: {values}")
    return values
