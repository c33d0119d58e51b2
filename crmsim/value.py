"""Customer value: historical, current, potential and lifetime; ABC/Pareto
analysis; composition; and "a big company is not a big customer".

All functions take a :class:`~crmsim.world.World` (or tables derived from it)
and return DataFrames; nothing here prints or plots.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import i18n
from .world import vocab
from .validation import check_choice, check_real

VALUE_MEASURES = ("historical_value", "current_value", "potential_value", "lifetime_value")
ABC_CLASSES = ("A", "B", "C")
GROUPINGS = ("segment", "size_tier", "industry", "region", "value_orientation")

i18n.register({
    "value.historical_value": ("Historical value", "历史价值"),
    "value.current_value": ("Current value", "当前价值"),
    "value.potential_value": ("Potential value", "潜在价值"),
    "value.lifetime_value": ("Lifetime value", "终生价值"),
    "value.p_alive": ("Probability still active", "仍活跃概率"),
    "value.orders": ("Orders", "订单数"),
    "value.revenue": ("Revenue with us (CNY)", "对我方销售额（元）"),
    "value.gross_margin": ("Gross margin (CNY)", "毛利（元）"),
    "value.service_cost": ("Cost to serve (CNY)", "服务成本（元）"),
    "label.customers": ("Customers", "客户数"),
    "label.customer_share": ("Share of customers", "客户占比"),
    "label.value": ("Value (CNY)", "价值（元）"),
    "label.value_share": ("Share of value", "价值占比"),
    "label.revenue_share": ("Share of sales", "销售额占比"),
    "label.abc_class": ("ABC class", "ABC分类"),
    "label.rank_correlation": ("Rank correlation of size and value", "规模与价值的秩相关系数"),
    "label.top_overlap": ("Largest firms also among the most valuable", "最大企业中同时属于最有价值客户的比例"),
    "label.large_unprofitable": ("Large firms with negative value", "价值为负的大型企业占比"),
    "abc.A": ("A", "A类"),
    "abc.B": ("B", "B类"),
    "abc.C": ("C", "C类"),
})


def customer_value(world, order_handling_cost: float = 300.0, key_account_service_cost: float = 20_000.0,
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
    check_real("order_handling_cost", order_handling_cost, 0.0)
    check_real("key_account_service_cost", key_account_service_cost, 0.0)
    check_real("target_share", target_share, 0.0, 1.0)
    check_real("discount_rate", discount_rate, 0.0, 1.0)
    if not isinstance(horizon_months, (int, np.integer)) or isinstance(horizon_months, bool) or horizon_months < 1:
        raise ValueError(f"horizon_months must be a positive int; got {horizon_months!r}")

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


def abc_classes(values: pd.DataFrame, measure: str = "historical_value",
                thresholds: tuple[float, float] = (0.8, 0.95)) -> pd.DataFrame:
    """ABC (Pareto) classes by a value measure.

    Customers are ranked from the most to the least valuable. A customer is
    class A while the cumulative share of value *before* it is below the
    first threshold, B below the second, C after that, so the customer that
    crosses a threshold still belongs to the higher class.

    Parameters
    ----------
    values : DataFrame
        Output of :func:`customer_value` (or any table with ``customer_id``
        and the measure).
    measure : str
        One of :data:`VALUE_MEASURES`.
    thresholds : (float, float)
        Cumulative value shares closing classes A and B; ``0 < a < b <= 1``.

    Returns
    -------
    DataFrame sorted by rank, columns: ``customer_id``, ``value``, ``rank``
    (1 = most valuable), ``customer_share`` and ``cumulative_value_share``
    (both cumulative, in [0, 1] for non-negative values; value can be
    negative, then the curve overshoots 1 like a "whale curve"), ``abc_class``
    (categorical A/B/C).
    """
    check_choice("measure", measure, VALUE_MEASURES)
    if not (isinstance(thresholds, (tuple, list)) and len(thresholds) == 2):
        raise TypeError(f"thresholds must be a pair (a, b); got {thresholds!r}")
    a = check_real("thresholds[0]", thresholds[0], 0.0, 1.0, inclusive=False)
    b = check_real("thresholds[1]", thresholds[1], 0.0, 1.0)
    if not a < b:
        raise ValueError(f"thresholds must satisfy 0 < a < b <= 1; got {thresholds!r}")
    order = np.argsort(-values[measure].to_numpy(), kind="stable")
    value = values[measure].to_numpy()[order]
    total = value.sum()
    cumulative = np.cumsum(value) / total if total > 0 else np.zeros(len(value))
    before = np.concatenate([[0.0], cumulative[:-1]])
    abc = np.where(before < a, 0, np.where(before < b, 1, 2))
    n = len(value)
    return pd.DataFrame({
        "customer_id": values["customer_id"].to_numpy()[order],
        "value": value,
        "rank": np.arange(1, n + 1, dtype=np.int32),
        "customer_share": np.arange(1, n + 1) / max(n, 1),
        "cumulative_value_share": cumulative,
        "abc_class": pd.Categorical.from_codes(abc, dtype=pd.CategoricalDtype(list(ABC_CLASSES), ordered=True)),
    })


def abc_summary(abc: pd.DataFrame) -> pd.DataFrame:
    """Customers and value per ABC class.

    Returns
    -------
    DataFrame indexed by ``abc_class`` with ``customers``, ``customer_share``,
    ``value``, ``value_share``.
    """
    grouped = abc.groupby("abc_class", observed=False)["value"].agg(["count", "sum"])
    grouped.columns = ["customers", "value"]
    total = grouped["value"].sum()
    grouped["customer_share"] = grouped["customers"] / max(grouped["customers"].sum(), 1)
    grouped["value_share"] = grouped["value"] / total if total else 0.0
    return grouped[["customers", "customer_share", "value", "value_share"]]


def composition(world, values: pd.DataFrame, by: str = "segment") -> pd.DataFrame:
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
    check_choice("by", by, GROUPINGS)
    table = values[["revenue", "historical_value"]].assign(group=world.customers[by].to_numpy())
    grouped = table.groupby("group", observed=True).agg(
        customers=("revenue", "size"), revenue=("revenue", "sum"), historical_value=("historical_value", "sum"))
    grouped["customer_share"] = grouped["customers"] / grouped["customers"].sum()
    grouped["revenue_share"] = grouped["revenue"] / grouped["revenue"].sum()
    grouped["value_share"] = grouped["historical_value"] / grouped["historical_value"].sum()
    grouped.index.name = by
    return grouped.sort_values("revenue", ascending=False)


def size_versus_value(world, values: pd.DataFrame, measure: str = "historical_value",
                      top_share: float = 0.2) -> dict[str, float]:
    """How well firm size predicts value to us ("a big company is not a big customer").

    Returns
    -------
    dict with
        ``rank_correlation``: Spearman correlation of annual revenue and value;
        ``top_overlap``: share of the largest ``top_share`` of firms (by
        revenue) that are also among the most valuable ``top_share``;
        ``large_unprofitable``: share of large and very large firms whose value is negative.
    """
    check_choice("measure", measure, VALUE_MEASURES)
    check_real("top_share", top_share, 0.0, 1.0, inclusive=False)
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
    }
