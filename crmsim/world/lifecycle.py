"""How long customers stay and how new ones arrive: the life cycle of the market.

The purchase process is the **modified BG/NBD** (MBG/NBD) story of Batislam,
Denizel & Filiztekin (2007): while active, a customer orders as a Poisson
process with rate λ (orders per month); at time zero (the start of the
relationship or of the history) and after every order it leaves for good with
probability p. Its calendar-time survival is then exactly

    P(still active t months later) = exp(-λ p t),

because the number of orders before it leaves is geometric and a geometric sum
of exponential gaps is exponential. So a frequent buyer with the same p as an
occasional one would leave many times faster in calendar time. The world
therefore sets the yearly retention r first (by size tier and segment, then
the customer's loyalty and its rep's skill at keeping accounts) and derives

    p = -ln(r) / (12 λ),

which keeps the MBG/NBD story (and its likelihood) while making retention a
property of the relationship rather than of the order frequency.

New customers arrive during the history so that the market is a going
business: in a steady state with arrivals growing at rate γ a month, the share
of the customers seen over a T-month history that were won during it is, for
customers leaving at hazard h = -ln(r) / 12,

    A / (A + 1 / (h + γ)),   A = (e^{γT} - 1) / γ,

(arrivals during the history against those still active at its start), and
arrival times have density proportional to e^{γt}. The rep's prospecting
skill scales the share: good prospectors win more customers.
"""

from __future__ import annotations

import numpy as np

from .config import WorldConfig

#: Weight of the customer's loyalty propensity on the log-odds of yearly retention
#: (our choice: from the least to the most loyal customer, about +-0.3 on the log-odds).
LOYALTY_WEIGHT = 2.0
#: Population mean of the loyalty propensity, so a typical customer has its tier's retention.
LOYALTY_REFERENCE = 0.52
#: Weight of the rep's retention skill (market depth) on the log-odds of yearly retention.
REP_RETENTION_WEIGHT = 1.5
#: Typical rep skill (the mean of the reps table's skills, about 0.53).
SKILL_REFERENCE = 0.53
#: Spread of the customer's own idiosyncrasy on the log-odds (uniform, +-0.4).
RETENTION_NOISE = 0.8
#: How much the rep's prospecting skill (market breadth) scales the share of customers won:
#: a factor 0.6 + 0.8 x skill, as for the rep's effect elsewhere, relative to a typical rep.
PROSPECTING_SLOPE = 0.8
#: Bounds of the dropout probability per purchase (a customer leaving at once, or practically never).
DROPOUT_BOUNDS = (1e-4, 0.95)


def _logit(p: np.ndarray | float) -> np.ndarray:
    return np.log(p) - np.log1p(-np.asarray(p))


def yearly_retention(config: WorldConfig, tier: np.ndarray, key_account: np.ndarray, loyalty: np.ndarray,
                     rep_retention: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Each customer's probability of still buying a year from now.

    Parameters
    ----------
    config : WorldConfig
        ``retention_by_size`` and ``key_account_retention`` give the typical
        customer's retention.
    tier : ndarray of int
        Size tier codes.
    key_account : ndarray of bool
        Whether the customer is a key account (segment other than ordinary).
    loyalty, rep_retention : ndarray
        The customer's loyalty propensity and its rep's retention skill.
    u : ndarray
        One uniform draw per customer (its own idiosyncrasy).

    Returns
    -------
    ndarray
        Yearly retention in (0, 1). The typical customer's figure is shifted
        on the log-odds scale, so it stays a probability whatever the shifts.
    """
    base = np.take(np.asarray(config.retention_by_size), tier)
    base = np.where(key_account, np.maximum(base, config.key_account_retention), base)
    log_odds = (_logit(base) + LOYALTY_WEIGHT * (loyalty - LOYALTY_REFERENCE)
                + REP_RETENTION_WEIGHT * (rep_retention - SKILL_REFERENCE) + RETENTION_NOISE * (u - 0.5))
    return 1.0 / (1.0 + np.exp(-log_odds))


def dropout_per_purchase(retention: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """MBG/NBD dropout probability per purchase that gives the yearly ``retention`` at ``rate`` orders a month.

    ``p = -ln(r) / (12 λ)``, so that ``exp(-12 λ p) = r`` (see the module
    docstring), clipped to :data:`DROPOUT_BOUNDS`.
    """
    return np.clip(-np.log(retention) / (12.0 * rate), *DROPOUT_BOUNDS)


def implied_retention(rate: np.ndarray, dropout: np.ndarray, months: float = 12.0) -> np.ndarray:
    """Probability that an active customer is still active ``months`` later: ``exp(-λ p t)``."""
    return np.exp(-np.asarray(rate) * np.asarray(dropout) * months)


def _monthly_growth(config: WorldConfig) -> float:
    return float(np.log1p(config.revenue_growth) / 12.0)


def acquisition_share(config: WorldConfig, retention: np.ndarray, rep_prospecting: np.ndarray) -> np.ndarray:
    """Probability that each customer was won during the history.

    With ``config.new_customer_share`` set, that share scaled by the rep's
    prospecting skill (the world's behaviour before the acquisition model);
    by default the steady-state share of the module docstring, which
    replaces the customers lost and grows the base by
    ``config.revenue_growth`` a year, scaled by the rep's prospecting skill
    relative to a typical rep's.
    """
    skill = (1.0 - PROSPECTING_SLOPE / 2) + PROSPECTING_SLOPE * rep_prospecting
    if config.new_customer_share is not None:
        return config.new_customer_share * skill
    months = config.months
    gamma = _monthly_growth(config)
    arrived = months if abs(gamma) < 1e-12 else np.expm1(gamma * months) / gamma
    hazard = -np.log(retention) / 12.0
    # With strong shrinkage a customer leaving more slowly than the market shrinks
    # would have no steady state; its share of arrivals is then bounded below by 0.
    active_at_start = 1.0 / np.maximum(hazard + gamma, 1e-6)
    share = arrived / (arrived + active_at_start)
    typical = (1.0 - PROSPECTING_SLOPE / 2) + PROSPECTING_SLOPE * SKILL_REFERENCE
    return np.clip(share * skill / typical, 0.0, 0.95)


def arrival_fraction(config: WorldConfig, u: np.ndarray) -> np.ndarray:
    """When a customer won during the history arrived, as a fraction of the history, from a uniform ``u``.

    Arrivals grow at ``revenue_growth`` a year: the inverse CDF of a density
    proportional to e^{γt} on the history.
    """
    g = _monthly_growth(config) * config.months
    if abs(g) < 1e-12:
        return np.asarray(u, dtype=float)
    return np.log1p(u * np.expm1(g)) / g
