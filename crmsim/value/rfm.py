"""The RFM summary of the order history: what an analyst can observe of every customer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..world import World, check_world
from ..world.orders import DAYS_PER_MONTH


def rfm_summary(world: World) -> pd.DataFrame:
    """Recency, frequency, tenure and monetary value of every customer, from the orders alone.

    Time zero of a customer is its first order when it was won during the
    history (its trial order), and the start of the history for a customer
    already with us then, since earlier purchases are not in the data. This
    is the summary the MBG/NBD model (:mod:`crmsim.value.mbgnbd`) is fitted
    to; it uses no hidden trait.

    Parameters
    ----------
    world : World

    Returns
    -------
    DataFrame, one row per customer, columns:

    - ``customer_id``
    - ``orders``: orders in the history
    - ``frequency``: repeat purchases after time zero (x): the orders, less
      the trial order of a customer won during the history
    - ``recency``: months from time zero to the last of them (t_x; 0 without
      repeat purchases)
    - ``tenure``: months from time zero to the world's today (T)
    - ``revenue``, ``gross_margin``: over the history (CNY)
    - ``monetary_value``: mean revenue per order (CNY; NaN without orders)
    - ``margin_per_order``: mean gross margin per order (CNY; NaN without orders)
    - ``won_in_history``: whether time zero is a trial order
    """
    check_world(world)
    customers, orders = world.customers, world.orders
    n = len(customers)
    start = world.config.start_date.to_datetime64()
    as_of = world.as_of.to_datetime64()
    since = customers["customer_since"].to_numpy()
    won = since >= start
    time_zero = np.maximum(since, start)
    row = (orders["customer_id"].to_numpy() - customers["customer_id"].iloc[0]) if n else np.empty(0, np.int64)
    n_orders = np.bincount(row, minlength=n)
    revenue = np.bincount(row, weights=orders["revenue"].to_numpy(), minlength=n)
    margin = np.bincount(row, weights=orders["gross_margin"].to_numpy(), minlength=n)
    last = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(orders):
        last_idx = np.flatnonzero(np.r_[row[1:] != row[:-1], True])  # orders are sorted by customer, then date
        last[row[last_idx]] = orders["order_date"].to_numpy()[last_idx]
    frequency = n_orders - (won & (n_orders > 0))
    day = np.timedelta64(1, "D")
    # An order is dated to the day: a repeat purchase on the first day counts at day 0.
    recency = np.where(frequency > 0, (last - time_zero) / day, 0.0) / DAYS_PER_MONTH
    tenure = (as_of - time_zero) / day / DAYS_PER_MONTH
    with np.errstate(invalid="ignore", divide="ignore"):
        monetary = np.where(n_orders > 0, revenue / n_orders, np.nan)
        per_order = np.where(n_orders > 0, margin / n_orders, np.nan)
    return pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy(),
        "orders": n_orders.astype(np.int32),
        "frequency": frequency.astype(np.int32),
        "recency": np.clip(recency, 0.0, tenure),
        "tenure": tenure,
        "revenue": revenue,
        "gross_margin": margin,
        "monetary_value": monetary,
        "margin_per_order": per_order,
        "won_in_history": won,
    })
