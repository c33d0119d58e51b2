"""Historical, current, potential and lifetime value of every customer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_int, check_real
from ..world import World, check_world, vocab

#: Largest cost per order or per year a caller may set (CNY): far above any real one, so that sums stay finite.
MAX_COST = 1e12
VALUE_MEASURES = ("historical_value", "current_value", "potential_value", "lifetime_value")
ABC_CLASSES = ("A", "B", "C")
GROUPINGS = ("segment", "size_tier", "industry", "region", "value_orientation")


def customer_value(world: World, order_handling_cost: float = 300.0, key_account_service_cost: float = 20_000.0,
                   target_share: float = 0.5, discount_rate: float = 0.10, horizon_months: int = 12) -> pd.DataFrame:
    """Historical, current, potential and lifetime value of every customer.

    Value to us is gross margin minus the cost to serve: a handling cost per
    order, plus a yearly personalised-service cost for key accounts.

    Parameters
    ----------
    world : World
    order_handling_cost : float
        CNY per order (logistics, invoicing, support), >= 0.
    key_account_service_cost : float
        CNY per year of personalised service for a key account, >= 0.
    target_share : float
        Share of the customer's estimated category spend we aim to win, in [0, 1].
    discount_rate : float
        Yearly discount rate for lifetime value, in [0, 1].
    horizon_months : int
        Look-ahead of the current value.

    Returns
    -------
    DataFrame, one row per customer, columns:

    - ``customer_id``
    - ``orders``: orders placed over the history
    - ``revenue``, ``gross_margin``, ``service_cost``: over the history (CNY)
    - ``historical_value``: gross margin - cost to serve over the history (历史价值)
    - ``p_alive``: probability the customer is still buying today, from the
      BG/NBD story with the customer's true purchase rate and dropout
      probability: (1-p)e^{-λΔ} / ((1-p)e^{-λΔ} + p), Δ = time since last order
    - ``current_value``: expected value of the next ``horizon_months`` if
      nothing changes (当前价值): p_alive x expected orders x value per order
    - ``potential_value``: extra yearly value if we won ``target_share`` of
      the spend we can estimate from the customer's revenue and industry (潜在价值)
    - ``lifetime_value``: discounted value of all future years at the
      customer's yearly retention (终生客户价值)
    """
    world = check_world(world)
    order_handling_cost = check_real("order_handling_cost", order_handling_cost, 0.0, MAX_COST)
    key_account_service_cost = check_real("key_account_service_cost", key_account_service_cost, 0.0, MAX_COST)
    target_share = check_real("target_share", target_share, 0.0, 1.0)
    discount_rate = check_real("discount_rate", discount_rate, 0.0, 1.0)
    horizon_months = check_int("horizon_months", horizon_months, 1, 600)

    customers, orders = world.customers, world.orders
    n = len(customers)
    row = orders["customer_id"].to_numpy() - customers["customer_id"].iloc[0] if n else np.empty(0, dtype=np.int64)
    n_orders = np.bincount(row, minlength=n)
    revenue = np.bincount(row, weights=orders["revenue"].to_numpy(), minlength=n)
    margin = np.bincount(row, weights=orders["gross_margin"].to_numpy(), minlength=n)
    as_of = world.as_of.to_datetime64()
    months_total = world.config.months
    since = customers["customer_since"].to_numpy()
    start = world.config.start_date.to_datetime64()
    months_served = np.clip((as_of - np.maximum(since, start)) / np.timedelta64(1, "D") / 30.4375, 0, months_total)
    key_account = customers["segment"].cat.codes.to_numpy() != 0
    service_cost = n_orders * order_handling_cost + key_account * key_account_service_cost * months_served / 12
    historical = margin - service_cost

    # Days since the last order (or since the start of the relationship, if none in the history).
    last_order = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(orders):
        last_idx = np.flatnonzero(np.r_[row[1:] != row[:-1], True])  # orders are sorted by customer, then date
        last_order[row[last_idx]] = orders["order_date"].to_numpy()[last_idx]
    reference = np.where(np.isnat(last_order), np.maximum(since, start), last_order)
    months_idle = (as_of - reference) / np.timedelta64(1, "D") / 30.4375
    rate = customers["true_purchase_rate"].to_numpy()
    dropout = customers["true_dropout_prob"].to_numpy()
    stay = (1 - dropout) * np.exp(-rate * months_idle)
    p_alive = stay / (stay + dropout)

    margin_per_order = np.divide(margin, n_orders, out=np.full(n, np.nan), where=n_orders > 0)
    fallback = margin.sum() / max(n_orders.sum(), 1)  # a customer with no order yet: the average order
    value_per_order = np.where(n_orders > 0, margin_per_order, fallback) - order_handling_cost
    # Expected orders over t months of a live customer who may leave after each one: (1 - e^{-λpt}) / p.
    expected_orders = -np.expm1(-rate * dropout * horizon_months) / dropout
    yearly_key_cost = key_account * key_account_service_cost * horizon_months / 12
    current = p_alive * (expected_orders * value_per_order - yearly_key_cost)

    industry = customers["industry"].cat.codes.to_numpy()
    estimated_spend = customers["annual_revenue"].to_numpy() * vocab.INDUSTRY_SPEND_SHARE[industry] * 1e6
    yearly_revenue = revenue / np.maximum(months_served, 1.0) * 12
    margin_rate = np.divide(margin, revenue, out=np.full(n, np.nan), where=revenue > 0)
    margin_rate = np.where(np.isnan(margin_rate), np.nansum(margin) / max(revenue.sum(), 1.0), margin_rate)
    potential = np.maximum(target_share * estimated_spend - yearly_revenue, 0.0) * np.maximum(margin_rate, 0.0)

    yearly_retention = p_alive * np.exp(-rate * dropout * 12)
    lifetime = current * 12 / horizon_months * (1 + discount_rate) / (1 + discount_rate - yearly_retention)

    return pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy(),
        "orders": n_orders.astype(np.int32),
        "revenue": revenue,
        "gross_margin": margin,
        "service_cost": service_cost,
        "historical_value": historical,
        "p_alive": p_alive,
        "current_value": current,
        "potential_value": potential,
        "lifetime_value": lifetime,
    })


def check_values(values: object, columns: tuple[str, ...] = (), name: str = "values") -> pd.DataFrame:
    """Return ``values`` if it is a DataFrame with ``customer_id`` and ``columns``, else raise naming ``name``."""
    if not isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be the DataFrame of customer_value(world); got {values!r:.60} "
                        f"({type(values).__name__})")
    missing = [c for c in ("customer_id", *columns) if c not in values.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}; pass the table of customer_value(world)")
    return values
