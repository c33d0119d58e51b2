"""What a lesson is, and the registry of every lesson.

Each :class:`Lesson` is a function ``(seed) -> float`` measuring one effect on
a fresh world, a rule on the effect's 95 % t-interval over many seeds, and a
description (its text lives in the i18n catalogue under
``lessons.lesson.<name>``). :func:`crmsim.lessons.run_lessons` evaluates them.
Lessons are registered with :func:`lesson` in one module per topic
(:mod:`crmsim.lessons.world`, ...), all imported by the package.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..world import World, make_world

#: Customers in a lesson's world: small enough that 20 seeds of every lesson run in seconds.
LESSON_CUSTOMERS = 1500
RULES = ("above", "below", "within")


@dataclass(frozen=True)
class Lesson:
    """One claim about the world.

    Attributes
    ----------
    name : str
        Code of the lesson (``lessons.lesson.<name>`` is its description).
    measure : str
        Code of what ``effect`` measures (``lessons.measure.<measure>``).
    effect : callable
        ``(seed) -> float``.
    rule : {"above", "below", "within"}
        The claim holds when the 95 % interval of the mean effect lies above
        ``low``, below ``high``, or within ``[low, high]``.
    low, high : float
    """

    name: str
    measure: str
    effect: Callable[[int], float]
    rule: str
    low: float = -np.inf
    high: float = np.inf

    def holds(self, interval_low: float, interval_high: float) -> bool:
        """Whether an interval of the mean effect satisfies the rule."""
        if self.rule == "above":
            return interval_low > self.low
        if self.rule == "below":
            return interval_high < self.high
        return self.low <= interval_low and interval_high <= self.high


LESSONS: dict[str, Lesson] = {}


def lesson(name: str, measure: str, rule: str, low: float = -np.inf, high: float = np.inf):
    """Register the decorated ``(seed) -> float`` function as a lesson."""
    if rule not in RULES:
        raise ValueError(f"rule={rule!r} is not allowed; choose from {RULES}")

    def register(function: Callable[[int], float]) -> Callable[[int], float]:
        LESSONS[name] = Lesson(name, measure, function, rule, low, high)
        return function
    return register


@functools.lru_cache(maxsize=64)
def lesson_world(seed: int) -> World:
    # Every lesson of one seed reads the same world; lessons never modify it.
    return make_world(seed=seed, n_customers=LESSON_CUSTOMERS)
