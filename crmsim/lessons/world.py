"""Lessons of the shared market and of customer value (notebook 01)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import value
from ..world import World
from ..world.lifecycle import implied_retention
from .claims import lesson, lesson_world as _world

#: Months of history counted as "recent" activity.
RECENT_MONTHS = 6


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
