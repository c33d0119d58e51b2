"""The textbook's customer analyses, read from the world's order history.

Composition (sales share by customer class), product mix ranked by sales with
its cumulative share, gross-margin ranking, trading volume against what was
expected, stock turnover (sales / average stock) and the opening and closing of
trading relationships (domain.md §2). Each returns a coded table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_choice
from ..world import World, check_world, vocab

#: Customer classes :func:`composition` can group by.
CLASSES = ("segment", "size_tier", "industry", "region", "value_orientation")
#: Cumulative sales share that closes class A and class B of the product mix (the usual ABC cut-offs).
ABC_CUTS = (0.70, 0.90)
#: Months of demand we hold in stock per product line (equipment, spare parts, consumables, software,
#: services): spare parts are stocked for quick repairs, consumables turn fast, software is a licence
#: key and services are not stocked (NaN). Our choice, typical of an industrial distributor.
STOCK_COVER_MONTHS = {"equipment": 2.0, "spare_parts": 4.0, "consumables": 1.0, "software": 0.25,
                      "services": np.nan}
#: Trading volume within this share of what was expected counts as on target.
TARGET_TOLERANCE = 0.10
#: Days without an order after which a trading relationship counts as closed.
CLOSED_AFTER_DAYS = 180


def _last_year(world: World) -> pd.DataFrame:
    orders = world.orders
    return orders[orders["order_date"] >= world.as_of - pd.DateOffset(months=12)]


def composition(world: World, by: str = "segment") -> pd.DataFrame:
    """Sales of the last 12 months by customer class: ``<by>, customers, revenue, share, cumulative_share``.

    The first column is named after the class (``"segment"`` ...) and holds
    its codes; classes are sorted by revenue, largest first.
    """
    world = check_world(world)
    by = check_choice("by", by, CLASSES)
    orders = _last_year(world)
    klass = world.customers.set_index("customer_id")[by]
    revenue = orders.groupby(klass.reindex(orders["customer_id"]).to_numpy(), observed=False)["revenue"].sum()
    customers = world.customers.groupby(by, observed=False).size()
    table = pd.DataFrame({by: pd.Categorical(revenue.index, dtype=klass.dtype), "customers": customers.reindex(revenue.index).to_numpy(),
                          "revenue": revenue.to_numpy()})
    table = table.sort_values("revenue", ascending=False, kind="stable").reset_index(drop=True)
    table["share"] = table["revenue"] / table["revenue"].sum()
    table["cumulative_share"] = table["share"].cumsum()
    return table


def product_mix(world: World) -> pd.DataFrame:
    """Products ranked by sales of the last 12 months, with cumulative share and ABC class.

    ``rank, product_id, product_line, revenue, share, cumulative_share, abc``.
    """
    world = check_world(world)
    revenue = _last_year(world).groupby("product_id")["revenue"].sum()
    products = world.products[["product_id", "product_line"]].copy()
    products["revenue"] = revenue.reindex(products["product_id"], fill_value=0.0).to_numpy()
    products = products.sort_values("revenue", ascending=False, kind="stable").reset_index(drop=True)
    products.insert(0, "rank", np.arange(1, len(products) + 1))
    products["share"] = products["revenue"] / products["revenue"].sum()
    products["cumulative_share"] = products["share"].cumsum()
    before = products["cumulative_share"] - products["share"]  # a product is A if the A share is not full before it
    products["abc"] = pd.Categorical(np.where(before < ABC_CUTS[0], "A", np.where(before < ABC_CUTS[1], "B", "C")),
                                     categories=["A", "B", "C"])
    return products


def margin_ranking(world: World) -> pd.DataFrame:
    """Products ranked by gross margin of the last 12 months: ``rank, product_id, product_line, revenue,
    gross_margin, margin_rate, margin_share``."""
    world = check_world(world)
    sums = _last_year(world).groupby("product_id")[["revenue", "gross_margin"]].sum()
    products = world.products[["product_id", "product_line"]].copy()
    for c in ("revenue", "gross_margin"):
        products[c] = sums[c].reindex(products["product_id"], fill_value=0.0).to_numpy()
    products["margin_rate"] = np.where(products["revenue"] > 0, products["gross_margin"]
                                       / products["revenue"].where(products["revenue"] > 0, 1.0), np.nan)
    products = products.sort_values("gross_margin", ascending=False, kind="stable").reset_index(drop=True)
    products.insert(0, "rank", np.arange(1, len(products) + 1))
    products["margin_share"] = products["gross_margin"] / products["gross_margin"].sum()
    return products


def volume_vs_expected(world: World) -> pd.DataFrame:
    """Trading volume of the last 12 months against what was expected, by segment.

    Expected: the 12 months before, grown by the world's ``revenue_growth``
    (the plan a manager sets). ``segment, customers, expected, actual,
    attainment, below, on_target, above`` (customers who bought in the year
    before, by how their volume compares, within :data:`TARGET_TOLERANCE`).
    """
    world = check_world(world)
    if world.config.months < 24:
        raise ValueError(f"world has {world.config.months} months of history; volume_vs_expected needs 24")
    orders = world.orders
    as_of = world.as_of
    year = np.where(orders["order_date"] >= as_of - pd.DateOffset(months=12), 1,
                    np.where(orders["order_date"] >= as_of - pd.DateOffset(months=24), 0, -1))
    by = orders.groupby([orders["customer_id"], year])["revenue"].sum().unstack(fill_value=0.0)
    by = by.reindex(columns=[0, 1], fill_value=0.0)
    by = by[by[0] > 0]
    expected = by[0] * (1 + world.config.revenue_growth)
    ratio = by[1] / expected
    segment = world.customers.set_index("customer_id")["segment"].reindex(by.index)
    frame = pd.DataFrame({"segment": segment.to_numpy(), "expected": expected.to_numpy(), "actual": by[1].to_numpy(),
                          "below": (ratio < 1 - TARGET_TOLERANCE).to_numpy(),
                          "above": (ratio > 1 + TARGET_TOLERANCE).to_numpy()})
    frame["on_target"] = ~(frame["below"] | frame["above"])
    table = frame.groupby("segment", observed=False).agg(customers=("expected", "size"), expected=("expected", "sum"),
                                                         actual=("actual", "sum"), below=("below", "sum"),
                                                         on_target=("on_target", "sum"), above=("above", "sum"))
    table.insert(3, "attainment", table["actual"] / table["expected"].where(table["expected"] > 0))
    return table.reset_index()


def stock_turnover(world: World) -> pd.DataFrame:
    """Stock turnover by product line: units sold in the last 12 months over the average stock.

    The stock held is :data:`STOCK_COVER_MONTHS` months of each month's
    demand (measured in the orders); turnover = sales / average stock, about
    ``12 / cover``; services are not stocked (NaN). ``product_line,
    units_sold, average_stock, turnover, days_of_stock``.
    """
    world = check_world(world)
    orders = _last_year(world)
    monthly = orders.groupby([orders["product_line"], orders["order_date"].dt.to_period("M")],
                             observed=False)["quantity"].sum().unstack(fill_value=0)
    monthly = monthly.reindex(list(vocab.LINE_CODES), fill_value=0)
    cover = np.array([STOCK_COVER_MONTHS[line] for line in monthly.index])
    average_stock = monthly.mean(axis=1).to_numpy() * cover
    sold = monthly.sum(axis=1).to_numpy().astype(float)
    turnover = np.where(average_stock > 0, sold / np.where(average_stock > 0, average_stock, 1.0), np.nan)
    return pd.DataFrame({"product_line": pd.Categorical(monthly.index, categories=vocab.LINE_CODES),
                         "units_sold": sold, "average_stock": average_stock, "turnover": turnover,
                         "days_of_stock": 365.0 / turnover})


def opening_closing(world: World) -> pd.DataFrame:
    """Trading relationships opened and closed per quarter of the history.

    Opened: ``customer_since`` falls in the quarter. Closed: the last order
    falls in the quarter and nothing was ordered in the
    :data:`CLOSED_AFTER_DAYS` days up to today; quarters later than that are
    not yet known (NaN). ``quarter, opened, closed, active, net``, where
    ``active`` counts customers ordering in the quarter.
    """
    world = check_world(world)
    orders = world.orders
    quarter = orders["order_date"].dt.to_period("Q")
    quarters = pd.period_range(world.config.start_date, world.as_of - pd.Timedelta(days=1), freq="Q")
    active = orders.groupby(quarter)["customer_id"].nunique().reindex(quarters, fill_value=0)
    since = world.customers["customer_since"]
    new = since[since >= world.config.start_date].dt.to_period("Q").value_counts().reindex(quarters, fill_value=0)
    last = orders.groupby("customer_id")["order_date"].max()
    gone = last[last < world.as_of - pd.Timedelta(days=CLOSED_AFTER_DAYS)]
    closed = gone.dt.to_period("Q").value_counts().reindex(quarters, fill_value=0).astype(float)
    known = quarters.end_time < world.as_of - pd.Timedelta(days=CLOSED_AFTER_DAYS)
    closed[~known] = np.nan
    return pd.DataFrame({"quarter": quarters.astype(str), "opened": new.to_numpy(), "closed": closed.to_numpy(),
                         "active": active.to_numpy(), "net": new.to_numpy() - closed.to_numpy()})
