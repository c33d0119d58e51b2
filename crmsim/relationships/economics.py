"""What relationships are worth: economics by level, customer lifetime value
by level, the return on care spending, and policies compared on the same
customers and random numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..seeding import SeedLike
from ..validation import check_int, check_real
from ..world import World, vocab
from .analysis import monthly_kpis
from .dynamics import RelationshipsRun, check_monthly, check_run, prepare_relationships, simulate_relationships
from .ladder import Ladder
from .markov import _level_moves, expected_values, occupancy
from .policy import CarePolicy


def level_economics(monthly: pd.DataFrame) -> pd.DataFrame:
    """Retention, satisfaction and profit by level.

    Returns
    -------
    DataFrame
        Index: the ladder's level codes (level at the start of the month).
        Columns: ``customer_months``; ``monthly_churn``; ``annual_retention``
        (``(1 - monthly_churn) ** 12``); ``satisfied`` (share);
        ``complaint_rate``; ``revenue``, ``cost_to_serve``, ``profit``
        (means per customer-month, CNY).
    """
    check_monthly(monthly, ("level_before", "churned", "satisfied", "complaint", "revenue", "cost_to_serve", "profit"))
    categories = list(monthly["level_before"].cat.categories)
    k = len(categories)
    code = monthly["level_before"].cat.codes.to_numpy().astype(np.int64)

    def total(values=None) -> np.ndarray:
        return np.bincount(code, weights=values, minlength=k)[1:]

    months = total()
    with np.errstate(invalid="ignore", divide="ignore"):
        churn = total(monthly["churned"].to_numpy()) / months
        table = pd.DataFrame({
            "customer_months": months.astype(np.int64),
            "monthly_churn": churn,
            "annual_retention": (1 - churn) ** 12,
            "satisfied": total(monthly["satisfied"].to_numpy()) / months,
            "complaint_rate": total(monthly["complaint"].to_numpy()) / months,
            "revenue": total(monthly["revenue"].to_numpy()) / months,
            "cost_to_serve": total(monthly["cost_to_serve"].to_numpy()) / months,
            "profit": total(monthly["profit"].to_numpy()) / months,
        }, index=pd.Index(categories[1:], name="level"))
    return table


def clv_by_level(run: RelationshipsRun, years: int = 5, annual_discount_rate: float = 0.10) -> pd.DataFrame:
    """Customer lifetime value of a customer who is now on each level.

    Expected discounted profit over ``years``, from each customer's own
    transition matrix and margins (churned customers earn nothing).

    Parameters
    ----------
    run : RelationshipsRun
    years : int
        Horizon, 1-30 years (default 5: the course's planning horizon for
        customer lifetime value).
    annual_discount_rate : float
        In [0, 1] (default 10%, a common cost of capital for a firm).

    Returns
    -------
    DataFrame
        Index: level codes. Columns ``clv_mean`` and ``clv_median`` over all
        customers (as if each stood on that level now), CNY; ``customers_now``
        (customers on that level at the start of the run).
    """
    check_run(run)
    years = check_int("years", years, 1, 30)
    rate = check_real("annual_discount_rate", annual_discount_rate, 0.0, 1.0)
    value = expected_values(run.matrices, run.margins, 12 * years, (1 + rate) ** (-1 / 12))
    start = run.levels_before[0]
    return pd.DataFrame({
        "clv_mean": value.mean(axis=0),
        "clv_median": np.median(value, axis=0),
        "customers_now": np.bincount(start[start >= 0], minlength=len(run.ladder.levels)).astype(np.int64),
    }, index=pd.Index(list(run.ladder.codes), name="level"))


def care_return(run: RelationshipsRun) -> pd.Series:
    """Return on care spending over the run's months, in expectation.

    Compares each customer's expected profit under the policy with the same
    policy without care budget and contacts (same service level, maintenance
    and complaint handling), both from the customer's starting level.

    Returns
    -------
    Series
        ``care_spend`` (expected care budget + contact cost, CNY),
        ``profit_with_care``, ``profit_without_care`` (expected, after all
        costs, CNY), ``incremental_profit`` and ``return_on_care``
        (incremental profit / care spend; above 0 means care more than pays
        for itself, NaN without spend).
    """
    start = check_run(run).levels_before[0].astype(np.int64)

    def expected(matrices: np.ndarray, *per_level: np.ndarray) -> list[float]:
        months_on = occupancy(matrices, start, run.months, run.churn_scale)
        return [float((months_on * values.T).sum()) for values in per_level]

    with_care, spend = expected(run.matrices, run.margins, run.care_spend)
    (without,) = expected(run.baseline_matrices, run.baseline_margins)
    return pd.Series({
        "care_spend": spend,
        "profit_with_care": with_care,
        "profit_without_care": without,
        "incremental_profit": with_care - without,
        "return_on_care": (with_care - without) / spend if spend > 0 else np.nan,
    }, name="care_return")


def compare_policies(world: World, policies: Mapping[str, CarePolicy], *,
                     ladder: str | Ladder | Sequence = "course", months: int = 24,
                     seed: SeedLike = 0) -> pd.DataFrame:
    """Run several care policies on the same customers with the same random numbers.

    Parameters
    ----------
    world : World
    policies : mapping of name -> CarePolicy
        The names label the rows.
    ladder, months, seed
        As in :func:`~crmsim.relationships.dynamics.simulate_relationships`,
        with the same defaults (one seed for all, so the differences come
        from the policies).

    Returns
    -------
    DataFrame
        One row per policy: ``cumulative_churn``, ``satisfied`` (share in the
        last month), ``complaints``, ``recovered`` (share of complaints
        handled well), ``care_spend``, ``profit`` (total, CNY) and
        ``return_on_care``.
    """
    if not isinstance(policies, Mapping) or not policies:
        raise ValueError(f"policies must be a non-empty dict of name -> CarePolicy; got {policies!r}")
    for name, policy in policies.items():
        if not isinstance(policy, CarePolicy):
            raise TypeError(f"policies[{name!r}] must be a CarePolicy; got {type(policy).__name__}")
    # Prepared once: every policy sees the same customers and the same numbers
    # (a Generator seed is drawn from once, here).
    prepared = prepare_relationships(world, seed=seed)
    rows = {}
    for name, policy in policies.items():
        run = simulate_relationships(world, policy, ladder=ladder, months=months, seed=prepared.root,
                                     prepared=prepared)
        kpis = monthly_kpis(run.monthly)
        returns = care_return(run)
        table = run.complaints
        rows[name] = {
            "cumulative_churn": kpis["cumulative_churn"].iloc[-1],
            "satisfied": kpis["satisfied"].iloc[-1],
            "complaints": len(table),
            "recovered": table["outcome"].eq("recovered").mean() if len(table) else np.nan,
            "care_spend": returns["care_spend"],
            "profit": kpis["profit"].sum(),
            "return_on_care": returns["return_on_care"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("policy")


def expected_profit(run: RelationshipsRun, baseline: bool = False) -> np.ndarray:
    """Each customer's expected total profit over the run's months, from its starting level (CNY, shape (n,)).

    ``baseline=True``: the same policy without care budget and contacts.
    """
    check_run(run)
    if not isinstance(baseline, (bool, np.bool_)):
        raise TypeError(f"baseline must be a bool; got {baseline!r}")
    matrices, margins = (run.baseline_matrices, run.baseline_margins) if baseline else (run.matrices, run.margins)
    months_on = occupancy(matrices, run.levels_before[0].astype(np.int64), run.months, run.churn_scale)
    return (months_on * margins.T).sum(axis=0)


def expected_monthly_profit(run: RelationshipsRun, baseline: bool = False) -> pd.Series:
    """Expected profit of all the run's customers in each month, from their starting levels (CNY).

    The month-by-month form of :func:`care_return`: summed over the months it gives
    ``care_return(run)["profit_with_care"]``, or with ``baseline=True`` (the same policy without care
    budget and contacts) ``["profit_without_care"]``. Accumulated (``.cumsum()``) it is on the same basis
    as ``monthly_kpis(run.monthly)["cumulative_profit"]``, so the two curves can be drawn together.

    Returns
    -------
    Series
        Index ``month`` 1..months (as :func:`~crmsim.relationships.analysis.monthly_kpis`), name
        ``expected_profit``.
    """
    check_run(run)
    if not isinstance(baseline, (bool, np.bool_)):
        raise TypeError(f"baseline must be a bool; got {baseline!r}")
    matrices, margins = (run.baseline_matrices, run.baseline_margins) if baseline else (run.matrices, run.margins)
    # The chain of markov.occupancy, month by month: the expected profit of each month before moving on.
    moves = _level_moves(matrices)
    churn = np.ascontiguousarray(np.asarray(matrices, dtype=float)[..., -1].T)  # (K, n)
    margins = np.ascontiguousarray(np.asarray(margins, dtype=float).T)  # (K, n)
    k, _, n = moves.shape
    state = np.zeros((k, n))
    state[run.levels_before[0].astype(np.int64), np.arange(n)] = 1.0
    profit = np.empty(run.months)
    for t in range(run.months):
        profit[t] = float((state * margins).sum())
        kept = state * churn * (1.0 - run.churn_scale[t])  # a maintenance hold keeps them where they are
        state = (state[:, None, :] * moves).sum(axis=0) + kept
    return pd.Series(profit, index=pd.RangeIndex(1, run.months + 1, name="month"), name="expected_profit")


def personalisation_by_orientation(world: World, *, months: int = 24, seed: SeedLike = 0) -> pd.DataFrame:
    """What personalised service for everyone earns over standardised service, by value orientation.

    Both policies are the course's default otherwise, run on the same customers and random numbers;
    profits are expected values over ``months`` (default 24, the dashboard's two years).

    Returns
    -------
    DataFrame
        Index ``value_orientation`` (price, value, composite). Columns ``customers``,
        ``profit_standardised``, ``profit_personalised`` (expected profit per customer over the months,
        CNY) and ``gain`` (personalised minus standardised, per customer).
    """
    prepared = prepare_relationships(world, seed=seed)
    profit = {}
    for level in ("standardised", "personalised"):
        run = simulate_relationships(world, CarePolicy(service_level=level), months=months, seed=prepared.root,
                                     prepared=prepared)
        profit[level] = expected_profit(run)
    orientation = prepared.drivers["orientation"].to_numpy()
    count = np.bincount(orientation, minlength=len(vocab.ORIENTATION_CODES))
    with np.errstate(invalid="ignore", divide="ignore"):
        table = pd.DataFrame({
            "customers": count.astype(np.int64),
            **{f"profit_{level}": np.bincount(orientation, weights=values, minlength=len(count)) / count
               for level, values in profit.items()},
        }, index=pd.Index(list(vocab.ORIENTATION_CODES), name="value_orientation"))
    table["gain"] = table["profit_personalised"] - table["profit_standardised"]
    return table[count > 0]
