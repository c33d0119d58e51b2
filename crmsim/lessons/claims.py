"""The lessons the shared world must teach, as measurable claims.

Each :class:`Lesson` is a function ``(seed) -> float`` measuring one effect on
a fresh world, a rule on the effect's 95 % t-interval over many seeds, and a
description (its text lives in :mod:`crmsim.i18n.lessons` under
``lessons.lesson.<name>``). :func:`crmsim.lessons.run_lessons` evaluates them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import value
from ..world import World, make_world
from ..world.lifecycle import implied_retention

#: Customers in a lesson's world: small enough that 20 seeds of every lesson run in seconds.
LESSON_CUSTOMERS = 1500
#: Months of history counted as "recent" activity.
RECENT_MONTHS = 6
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
def _world(seed: int) -> World:
    # Every lesson of one seed reads the same world; lessons never modify it.
    return make_world(seed=seed, n_customers=LESSON_CUSTOMERS)


@functools.lru_cache(maxsize=64)
def _values(seed: int) -> pd.DataFrame:
    return value.customer_value(_world(seed))


def _quarterly_revenue(world: World) -> pd.Series:
    orders = world.orders
    return orders.groupby(orders["order_date"].dt.to_period("Q"))["revenue"].sum()


@lesson("revenue_stationary", "ratio", "within", 0.85, 1.30)
def revenue_stationary(seed: int) -> float:
    """Last quarter's revenue over the first quarter's: a going business, neither collapsing nor booming."""
    revenue = _quarterly_revenue(_world(seed))
    return float(revenue.iloc[-1] / revenue.iloc[0])


@lesson("large_firms_active", "share", "above", 0.70)
def large_firms_active(seed: int) -> float:
    """Share of large and very large firms that ordered in the last six months."""
    world = _world(seed)
    recent = world.orders["order_date"] >= world.as_of - pd.DateOffset(months=RECENT_MONTHS)
    large = world.customers["size_tier"].isin(["large", "very_large"])
    buyers = world.orders.loc[recent, "customer_id"].unique()
    return float(world.customers.loc[large, "customer_id"].isin(buyers).mean())


def _retention(world: World) -> pd.Series:
    c = world.customers
    return pd.Series(implied_retention(c["true_purchase_rate"].to_numpy(), c["true_dropout_prob"].to_numpy()),
                     index=c.index)


@lesson("key_accounts_retained", "retention", "above", 0.85)
def key_accounts_retained(seed: int) -> float:
    """Mean yearly retention of key accounts (every segment but ordinary)."""
    world = _world(seed)
    return float(_retention(world)[world.customers["segment"] != "ordinary"].mean())


@lesson("small_firms_retention", "retention", "within", 0.60, 0.80)
def small_firms_retention(seed: int) -> float:
    """Mean yearly retention of small firms."""
    world = _world(seed)
    return float(_retention(world)[world.customers["size_tier"] == "small"].mean())


@lesson("lifetime_value_unbiased", "relative_error", "within", -0.10, 0.10)
def lifetime_value_unbiased(seed: int) -> float:
    """Total estimated lifetime value against one simulated future of the hidden process, relative error."""
    world = _world(seed)
    values = _values(seed)
    future = value.simulate_futures(world, values, seed=seed)
    return float(values["lifetime_value"].sum() / future["future_value"].sum() - 1)


@lesson("big_company_not_big_customer", "share", "above", 0.25)
def big_company_not_big_customer(seed: int) -> float:
    """Share of the largest fifth of firms (annual revenue) in the bottom half by lifetime value."""
    world = _world(seed)
    values = _values(seed)
    n = len(values)
    largest = world.customers["annual_revenue"].rank(ascending=False, method="first").to_numpy() <= n / 5
    bottom = values["lifetime_value"].rank(method="first").to_numpy() <= n / 2
    return float((largest & bottom).sum() / largest.sum())


@lesson("pareto_concentration", "share", "above", 0.50)
def pareto_concentration(seed: int) -> float:
    """Share of total lifetime value brought by the most valuable 20 % of customers."""
    ranked = np.sort(_values(seed)["lifetime_value"].to_numpy())[::-1]
    return float(ranked[: int(round(0.2 * len(ranked)))].sum() / ranked.sum())
