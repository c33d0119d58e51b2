"""Historical, current, potential and lifetime value of every customer, from what an analyst can observe."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_int, check_real
from ..world import World, check_world, vocab
from .mbgnbd import MBGNBDFit, MBGNBDParams, expected_purchases, fit_mbgnbd, posterior_mean_rate, probability_alive
from .rfm import rfm_summary

#: Largest cost per order or per year a caller may set (CNY): far above any real one, so that sums stay finite.
MAX_COST = 1e12
VALUE_MEASURES = ("historical_value", "current_value", "potential_value", "lifetime_value")
ABC_CLASSES = ("A", "B", "C")
GROUPINGS = ("segment", "size_tier", "industry", "region", "value_orientation")
#: Share of revenue spent serving a customer beyond order handling, by size tier (small ... very large):
#: delivery to many sites, on-site technical support, tenders and custom contracts grow with the buyer's
#: size. Our choice; cost-to-serve studies (Kaplan & Narayanan 2001, "Measuring and managing customer
#: profitability") find the largest customers among both the most and the least profitable.
SERVICE_COST_SHARE = (0.02, 0.04, 0.07, 0.09)
#: A size tier with fewer customers than this shares one purchase model with all customers.
MIN_MODEL_CUSTOMERS = 30
#: A world with fewer customers than this cannot be fitted; it gets a neutral model (see _neutral_model).
MIN_FIT_CUSTOMERS = 10


def _neutral_model(tenure: np.ndarray) -> MBGNBDFit:
    """The fit's starting point (about one order per tenure, a quarter's dropout chance), for tiny worlds."""
    params = MBGNBDParams(1.0, float(np.mean(tenure)) if len(tenure) else 12.0, 1.0, 3.0)
    return MBGNBDFit(params=params, standard_errors=None, log_likelihood=float("nan"), n_customers=len(tenure))


def purchase_models(world: World, rfm: pd.DataFrame | None = None) -> tuple[dict[int, MBGNBDFit], np.ndarray]:
    """MBG/NBD models fitted to the RFM summary, one per size tier.

    Firms of different size buy at very different rates and keep suppliers
    for different times, so one gamma/beta population would fit none of
    them; a tier with fewer than :data:`MIN_MODEL_CUSTOMERS` customers uses a
    model of all customers, and a world of fewer than
    :data:`MIN_FIT_CUSTOMERS` a neutral model that is not fitted.

    Returns
    -------
    models : dict
        Size-tier code (0 small ... 3 very large, or -1 for the pooled model) -> fit.
    group : ndarray
        The key of the model used for each customer.
    """
    check_world(world)
    rfm = rfm_summary(world) if rfm is None else rfm
    tier = world.customers["size_tier"].cat.codes.to_numpy().astype(np.int64)
    counts = np.bincount(tier, minlength=len(vocab.SIZE_CODES))
    group = np.where(counts[tier] >= MIN_MODEL_CUSTOMERS, tier, -1)
    models = {}
    x, t_x, big_t = (rfm[c].to_numpy() for c in ("frequency", "recency", "tenure"))
    for key in np.unique(group):  # four tiers at most, not customers
        rows = group == key if key >= 0 else np.ones(len(group), dtype=bool)  # the pooled model: everyone
        if rows.sum() < MIN_FIT_CUSTOMERS:
            models[int(key)] = _neutral_model(big_t)
        else:
            models[int(key)] = fit_mbgnbd(x[rows], t_x[rows], big_t[rows])
    return models, group


def customer_value(world: World, order_handling_cost: float = 300.0, key_account_service_cost: float = 20_000.0,
                   target_share: float = 0.5, discount_rate: float = 0.10, horizon_months: int = 12, *,
                   service_cost_share: tuple[float, float, float, float] = SERVICE_COST_SHARE,
                   lifetime_years: int = 5) -> pd.DataFrame:
    """Historical, current, potential and lifetime value of every customer.

    Value to us is gross margin minus the cost to serve: a handling cost per
    order, a share of revenue by size tier (:data:`SERVICE_COST_SHARE`), and a
    yearly personalised-service cost for key accounts. Future purchases come
    from MBG/NBD models fitted to the order history (:func:`purchase_models`),
    never from the world's hidden traits; compare with the truth using
    :func:`crmsim.value.value_truth_reveal`.

    Parameters
    ----------
    world : World
    order_handling_cost : float
        CNY per order (logistics, invoicing, support), >= 0. Default 300: a
        few hours of order processing and a delivery.
    key_account_service_cost : float
        CNY per year of personalised service for a key account, >= 0.
        Default 20,000: a share of an account manager's time and visits.
    target_share : float
        Share of the customer's estimated category spend we aim to win, in
        [0, 1]. Default 0.5: a main supplier's share.
    discount_rate : float
        Yearly discount rate for lifetime value, in [0, 1]. Default 0.10: a
        typical cost of capital.
    horizon_months : int
        Look-ahead of the current value, 1 to 120. Default 12: a budget year.
    service_cost_share : 4 floats
        Share of revenue spent serving the customer, by size tier, each in [0, 1].
    lifetime_years : int
        Years of the future counted in lifetime value, 1 to 100. Default 5:
        a two-year history supports a few years of extrapolation (over 20
        years the fitted model overstates the world's truth by 15-40 %, over
        5 by about 5 %; see the truth reveal), and B2B account plans look
        three to five years ahead.

    Returns
    -------
    DataFrame, one row per customer, columns:

    - ``customer_id``, ``orders``: orders placed over the history
    - ``revenue``, ``gross_margin``, ``service_cost``: over the history (CNY)
    - ``historical_value``: gross margin - cost to serve over the history (历史价值)
    - ``p_alive``: probability the customer still buys, from the fitted MBG/NBD
    - ``expected_orders``: expected orders in the next ``horizon_months``
    - ``value_per_order``: mean margin per order less its handling and service
      cost (the average of the customer's size tier when it has no order yet)
    - ``yearly_service_cost``: the key-account cost of a year of being served
    - ``current_value``: expected value of the next ``horizon_months`` (当前价值):
      expected orders x value per order, less the key-account cost of the
      expected months still served (expected orders / expected rate)
    - ``potential_value``: extra yearly value if we won ``target_share`` of
      the spend we can estimate from the customer's revenue and industry (潜在价值)
    - ``lifetime_value``: the same for every future year up to
      ``lifetime_years``, year k discounted by (1 + rate)^(k-1) (终生客户价值).
      The probability of being alive enters once, through the expected orders.
    """
    world = check_world(world)
    order_handling_cost = check_real("order_handling_cost", order_handling_cost, 0.0, MAX_COST)
    key_account_service_cost = check_real("key_account_service_cost", key_account_service_cost, 0.0, MAX_COST)
    target_share = check_real("target_share", target_share, 0.0, 1.0)
    discount_rate = check_real("discount_rate", discount_rate, 0.0, 1.0)
    horizon_months = check_int("horizon_months", horizon_months, 1, 120)
    lifetime_years = check_int("lifetime_years", lifetime_years, 1, 100)
    shares = _service_shares(service_cost_share)

    customers = world.customers
    rfm = rfm_summary(world)
    n_orders, revenue, margin = rfm["orders"].to_numpy(), rfm["revenue"].to_numpy(), rfm["gross_margin"].to_numpy()
    tier = customers["size_tier"].cat.codes.to_numpy().astype(np.int64)
    key_account = customers["segment"].cat.codes.to_numpy() != 0
    months_served = np.minimum(rfm["tenure"].to_numpy(), world.config.months)
    share = shares[tier]
    yearly_key_cost = key_account * key_account_service_cost
    service_cost = n_orders * order_handling_cost + share * revenue + yearly_key_cost * months_served / 12
    historical = margin - service_cost

    per_order = rfm["margin_per_order"].to_numpy() - order_handling_cost - share * rfm["monetary_value"].to_numpy()
    value_per_order = _fill_by_group(per_order, tier)

    models, group = purchase_models(world, rfm)
    x, t_x, big_t = (rfm[c].to_numpy() for c in ("frequency", "recency", "tenure"))
    p_alive, expected, discounted, rate = (np.empty(len(customers)) for _ in range(4))
    for key, fit in models.items():  # one model per size tier
        rows = group == key
        args = (x[rows], t_x[rows], big_t[rows])
        p_alive[rows] = probability_alive(fit.params, *args)
        expected[rows] = expected_purchases(fit.params, horizon_months, *args)
        discounted[rows] = discounted_orders(lambda months: expected_purchases(fit.params, months, *args),
                                             discount_rate, lifetime_years)
        rate[rows] = posterior_mean_rate(fit.params, x[rows], big_t[rows])
    net_per_order = value_per_order - yearly_key_cost / (12 * rate)
    current = expected * net_per_order
    lifetime = discounted * net_per_order

    industry = customers["industry"].cat.codes.to_numpy()
    estimated_spend = customers["annual_revenue"].to_numpy() * vocab.INDUSTRY_SPEND_SHARE[industry] * 1e6
    yearly_revenue = revenue / np.maximum(months_served, 1.0) * 12
    margin_rate = np.divide(margin, revenue, out=np.full(len(customers), np.nan), where=revenue > 0)
    margin_rate = np.where(np.isnan(margin_rate), np.nansum(margin) / max(revenue.sum(), 1.0), margin_rate)
    potential = np.maximum(target_share * estimated_spend - yearly_revenue, 0.0) * np.maximum(margin_rate, 0.0)

    return pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy(),
        "orders": n_orders.astype(np.int32),
        "revenue": revenue,
        "gross_margin": margin,
        "service_cost": service_cost,
        "historical_value": historical,
        "p_alive": p_alive,
        "expected_orders": expected,
        "value_per_order": value_per_order,
        "yearly_service_cost": yearly_key_cost.astype(float),
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


def discounted_orders(cumulative, discount_rate: float, years: int) -> np.ndarray:
    """Σ_k (orders expected in year k) / (1 + rate)^(k-1), k = 1..years.

    ``cumulative(months)`` returns the expected orders of each customer in
    the next ``months`` months; year k's orders are its increments.
    """
    total, previous = 0.0, 0.0
    for k in range(1, years + 1):  # years, not customers
        now = cumulative(12.0 * k)
        total = total + (now - previous) / (1.0 + discount_rate) ** (k - 1)
        previous = now
    return total


def _service_shares(service_cost_share) -> np.ndarray:
    if isinstance(service_cost_share, (str, bytes)) or not hasattr(service_cost_share, "__len__") \
            or len(service_cost_share) != len(vocab.SIZE_CODES):
        raise TypeError(f"service_cost_share must be {len(vocab.SIZE_CODES)} shares, one per size tier "
                        f"{vocab.SIZE_CODES}; got {service_cost_share!r}")
    return np.array([check_real(f"service_cost_share[{k}]", s, 0.0, 1.0) for k, s in enumerate(service_cost_share)])


def _fill_by_group(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """``values`` with each NaN replaced by the mean of its group (0 when the whole group is NaN)."""
    known = ~np.isnan(values)
    sums = np.bincount(group, weights=np.where(known, values, 0.0), minlength=group.max() + 1 if len(group) else 0)
    counts = np.bincount(group, weights=known.astype(float), minlength=len(sums))
    means = np.divide(sums, counts, out=np.zeros(len(sums)), where=counts > 0)
    return np.where(known, values, means[group] if len(group) else values)
