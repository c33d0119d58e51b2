"""Composition of customers, sales and value by class, and "a big company is not a big customer"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_choice, check_real
from ..world import World, check_world
from .measures import GROUPINGS, VALUE_MEASURES, check_values


def _matching(world: World, values: pd.DataFrame) -> pd.DataFrame:
    """``values`` if it has one row per customer of ``world``, in order."""
    if len(values) != len(world.customers) or not np.array_equal(values["customer_id"].to_numpy(),
                                                                   world.customers["customer_id"].to_numpy()):
        raise ValueError(f"values must be customer_value(world) of this world ({len(world.customers)} customers "
                         f"in order); got {len(values)} rows")
    return values


def composition(world: World, values: pd.DataFrame, by: str = "segment") -> pd.DataFrame:
    """Customer composition analysis: each class's share of customers, sales and value.

    Parameters
    ----------
    by : str
        A customer column, one of :data:`GROUPINGS`.

    Returns
    -------
    DataFrame indexed by the class, columns ``customers``, ``revenue``,
    ``historical_value``, ``customer_share``, ``revenue_share``,
    ``value_share``; sorted by revenue, largest first.
    """
    world = check_world(world)
    by = check_choice("by", by, GROUPINGS)
    values = _matching(world, check_values(values, ("revenue", "historical_value")))
    table = values[["revenue", "historical_value"]].assign(group=world.customers[by].to_numpy())
    grouped = table.groupby("group", observed=True).agg(
        customers=("revenue", "size"), revenue=("revenue", "sum"), historical_value=("historical_value", "sum"))
    grouped["customer_share"] = grouped["customers"] / grouped["customers"].sum()
    grouped["revenue_share"] = grouped["revenue"] / grouped["revenue"].sum()
    grouped["value_share"] = grouped["historical_value"] / grouped["historical_value"].sum()
    grouped.index.name = by
    return grouped.sort_values("revenue", ascending=False)


def size_versus_value(world: World, values: pd.DataFrame, measure: str = "historical_value",
                      top_share: float = 0.2) -> dict[str, float]:
    """How well firm size predicts value to us ("a big company is not a big customer").

    Returns
    -------
    dict with
        ``rank_correlation``: Spearman correlation of annual revenue and value;
        ``top_overlap``: share of the largest ``top_share`` of firms (by
        revenue) that are also among the most valuable ``top_share``;
        ``large_unprofitable``: share of large and very large firms whose value is negative;
        ``largest_in_bottom_half``: share of the largest ``top_share`` of firms whose value to us is in
        the bottom half (price-oriented, discount-heavy or costly to serve).
    """
    world = check_world(world)
    measure = check_choice("measure", measure, VALUE_MEASURES)
    values = _matching(world, check_values(values, (measure,)))
    top_share = check_real("top_share", top_share, 0.0, 1.0, inclusive=False)
    size = world.customers["annual_revenue"].rank().to_numpy()
    value = values[measure].rank().to_numpy()
    n = len(size)
    k = max(1, int(round(top_share * n)))
    top_size = set(np.argsort(-size, kind="stable")[:k])
    top_value = set(np.argsort(-value, kind="stable")[:k])
    large = world.customers["size_tier"].cat.codes.to_numpy() >= 2
    return {
        "rank_correlation": float(np.corrcoef(size, value)[0, 1]) if n > 2 else float("nan"),
        "top_overlap": len(top_size & top_value) / k,
        "large_unprofitable": float((values[measure].to_numpy()[large] < 0).mean()) if large.any() else float("nan"),
        "largest_in_bottom_half": float(np.mean(value[list(top_size)] <= n / 2)),
    }
