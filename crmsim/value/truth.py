"""The truth reveal: estimated customer value against what the world's hidden process implies.

:func:`crmsim.value.customer_value` sees only the order history. The world
knows each customer's true purchase rate λ and dropout probability p
(``true_purchase_rate``, ``true_dropout_prob``), so it can say what the
estimates should have been: given the history, the customer is still active
with probability

    (1 - p) e^{-λ (T - t_x)} / ((1 - p) e^{-λ (T - t_x)} + p),

and an active customer stays active for t more months with probability
e^{-λ p t}, buying at rate λ meanwhile. Both functions here use the
estimate's own value per order and key-account cost, so they judge the
purchase model alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..seeding import SeedLike, child
from ..validation import check_int, check_real
from ..world import World, check_world
from .measures import discounted_orders
from .rfm import rfm_summary


def _hidden(world: World, values: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    check_world(world)
    if not isinstance(values, pd.DataFrame) or "value_per_order" not in values:
        raise TypeError("values must be the DataFrame returned by crmsim.value.customer_value(world)")
    if len(values) != len(world.customers) or not np.array_equal(values["customer_id"].to_numpy(),
                                                                 world.customers["customer_id"].to_numpy()):
        raise ValueError("values must be customer_value(world) of this world (one row per customer, same order)")
    rfm = rfm_summary(world)
    lam = world.customers["true_purchase_rate"].to_numpy()
    p = world.customers["true_dropout_prob"].to_numpy()
    idle = rfm["tenure"].to_numpy() - rfm["recency"].to_numpy()
    stay = (1 - p) * np.exp(-lam * idle)
    return lam, p, stay / (stay + p)


def value_truth_reveal(world: World, values: pd.DataFrame, *, discount_rate: float = 0.10,
                       horizon_months: int = 12, lifetime_years: int = 5) -> pd.DataFrame:
    """Estimated against true value, per customer.

    Parameters
    ----------
    world : World
    values : DataFrame
        ``customer_value(world, ...)``; pass the same ``discount_rate``,
        ``horizon_months`` and ``lifetime_years`` it was computed with.

    Returns
    -------
    DataFrame, one row per customer: ``customer_id``, ``p_alive`` and
    ``true_p_alive``, ``expected_orders`` and ``true_expected_orders``,
    ``current_value`` and ``true_current_value``, ``lifetime_value`` and
    ``true_lifetime_value``. The true figures are expectations given the
    hidden λ and p and the observed history.
    """
    discount_rate = check_real("discount_rate", discount_rate, 0.0, 1.0)
    horizon_months = check_int("horizon_months", horizon_months, 1, 120)
    lifetime_years = check_int("lifetime_years", lifetime_years, 1, 100)
    lam, p, p_alive = _hidden(world, values)

    def cumulative(months: float) -> np.ndarray:
        return p_alive * -np.expm1(-lam * p * months) / p

    net_per_order = values["value_per_order"].to_numpy() - values["yearly_service_cost"].to_numpy() / (12 * lam)
    expected = cumulative(horizon_months)
    lifetime = discounted_orders(cumulative, discount_rate, lifetime_years) * net_per_order
    return pd.DataFrame({
        "customer_id": values["customer_id"].to_numpy(),
        "p_alive": values["p_alive"].to_numpy(),
        "true_p_alive": p_alive,
        "expected_orders": values["expected_orders"].to_numpy(),
        "true_expected_orders": expected,
        "current_value": values["current_value"].to_numpy(),
        "true_current_value": expected * net_per_order,
        "lifetime_value": values["lifetime_value"].to_numpy(),
        "true_lifetime_value": lifetime,
    })


def simulate_futures(world: World, values: pd.DataFrame, *, seed: SeedLike = 0, discount_rate: float = 0.10,
                     horizon_months: int = 12, lifetime_years: int = 5) -> pd.DataFrame:
    """One simulated future of every customer, from the world's hidden process.

    A customer is active today with its true probability; if so, the orders
    after which it leaves form a Poisson process of rate λp, so it leaves
    after an exponential time τ with that rate, and its other orders before τ
    are Poisson with rate λ(1 - p), plus the order at τ itself.

    Returns
    -------
    DataFrame, one row per customer: ``customer_id``, ``future_orders`` (in
    the next ``horizon_months``; drawn apart from the value, so each has the
    right distribution but the two are not one path) and ``future_value`` (the discounted value
    over ``lifetime_years``, with the estimate's value per order and
    key-account cost, year k discounted by (1 + rate)^(k-1)).
    """
    discount_rate = check_real("discount_rate", discount_rate, 0.0, 1.0)
    horizon_months = check_int("horizon_months", horizon_months, 1, 120)
    lifetime_years = check_int("lifetime_years", lifetime_years, 1, 100)
    lam, p, p_alive = _hidden(world, values)
    rng = child(seed, "value.futures")
    n = len(lam)
    alive = rng.random(n) < p_alive
    leaves = np.where(alive, rng.exponential(1.0, n) / (lam * p), 0.0)  # months until it leaves

    # The horizon's orders: Poisson(λ(1-p) x time active) plus the leaving order if it falls inside.
    horizon = rng.poisson(lam * (1 - p) * np.minimum(leaves, horizon_months)) + (leaves <= horizon_months) * alive
    # The lifetime's value, year by year (a second, independent draw of the same future's law).
    value = np.zeros(n)
    net_per_order = values["value_per_order"].to_numpy() - values["yearly_service_cost"].to_numpy() / (12 * lam)
    for k in range(1, lifetime_years + 1):  # years, not customers
        start, stop = 12.0 * (k - 1), 12.0 * k
        count = rng.poisson(lam * (1 - p) * np.clip(leaves - start, 0.0, 12.0)) + ((leaves > start) & (leaves <= stop)) * alive
        value += count * net_per_order / (1 + discount_rate) ** (k - 1)
    return pd.DataFrame({"customer_id": values["customer_id"].to_numpy(), "future_orders": horizon,
                         "future_value": value})
