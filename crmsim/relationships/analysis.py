"""What a run's log says: level mix, monthly KPIs, transition matrices
(estimated from the log and true), the stationary level mix, the recovery
effect, segments and one customer's history.

Every function takes a run's tables (or the run) and returns a coded table;
show it with ``crmsim.display.labelled(table, "relationships", names=run.ladder.names())``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_int
from ..world import World, vocab
from .dynamics import RelationshipsRun, check_monthly, check_run
from .ladder import CHURNED
from .markov import stationary_distribution


def level_mix(monthly: pd.DataFrame) -> pd.DataFrame:
    """Share of customers on each level (and churned) at the start (month 0) and end of each month.

    Returns
    -------
    DataFrame
        Index ``month`` 0..T; one column per category of ``level`` (``churned``
        first, then the ladder from the bottom); rows sum to 1.
    """
    check_monthly(monthly, ("month", "level_before", "level"))
    codes_after = monthly["level"].cat.codes.to_numpy()
    month = monthly["month"].to_numpy().astype(np.int64)
    n_months = int(month.max())
    n_cats = len(monthly["level"].cat.categories)
    counts = np.bincount(month * n_cats + codes_after, minlength=(n_months + 1) * n_cats).reshape(-1, n_cats)
    first = month == 1
    counts[0] = np.bincount(monthly["level_before"].cat.codes.to_numpy()[first], minlength=n_cats)
    shares = counts / counts.sum(axis=1, keepdims=True)
    return pd.DataFrame(shares, index=pd.RangeIndex(n_months + 1, name="month"),
                        columns=list(monthly["level"].cat.categories))


def monthly_kpis(monthly: pd.DataFrame) -> pd.DataFrame:
    """Customer base, churn, satisfaction and profit per month.

    Returns
    -------
    DataFrame
        Index ``month``; columns ``customers`` (with us at the start),
        ``churned`` (left this month), ``churn_rate`` (churned / customers),
        ``cumulative_churn`` (share of the starting base lost so far; with
        replacement, churn events per starting customer), ``satisfied``
        (share of customers satisfied), ``satisfaction`` (mean score),
        ``complaints``, ``revenue``, ``cost_to_serve``, ``profit`` and
        ``cumulative_profit`` (CNY).
    """
    check_monthly(monthly, ("month", "level_before", "churned", "satisfied", "satisfaction", "complaint", "revenue",
                            "cost_to_serve", "profit"))
    month = monthly["month"].to_numpy()
    active = monthly["level_before"].cat.codes.to_numpy() > 0
    columns = ("churned", "satisfied", "complaint", "revenue", "cost_to_serve", "profit")
    sums = _sum_by_month(month, [active, np.where(active, monthly["satisfaction"].to_numpy(), 0.0)]
                         + [monthly[c].to_numpy() for c in columns])
    customers, satisfaction = sums[0], sums[1]
    total = dict(zip(columns, sums[2:]))
    per_customer = np.maximum(customers, 1)
    return pd.DataFrame({
        "customers": customers.astype(np.int64),
        "churned": total["churned"].astype(np.int64),
        "churn_rate": total["churned"] / per_customer,
        "cumulative_churn": np.cumsum(total["churned"]) / max(customers[0], 1),
        "satisfied": total["satisfied"] / per_customer,
        "satisfaction": satisfaction / per_customer,
        "complaints": total["complaint"].astype(np.int64),
        "revenue": total["revenue"],
        "cost_to_serve": total["cost_to_serve"],
        "profit": total["profit"],
        "cumulative_profit": np.cumsum(total["profit"]),
    }, index=pd.RangeIndex(1, len(customers) + 1, name="month"))


def _sum_by_month(month: np.ndarray, columns: list[np.ndarray]) -> list[np.ndarray]:
    """Sum each column per month 1..max(month)."""
    n_months = int(month.max())
    if len(month) % n_months == 0:
        # The layout simulate_relationships writes (month-major, every customer every month):
        # a reshape and a row sum, with no copies.
        per_month = len(month) // n_months
        if month[0] == 1 and month[-1] == n_months and np.array_equal(month[::per_month], np.arange(1, n_months + 1)) \
                and np.all(month[1:] >= month[:-1]):
            return [np.count_nonzero(np.reshape(c, (n_months, per_month)), axis=1).astype(float) if c.dtype == bool
                    else np.reshape(c, (n_months, per_month)).sum(axis=1) for c in map(np.asarray, columns)]
    index = month.astype(np.int64) - 1
    return [np.bincount(index, weights=np.asarray(c, dtype=float), minlength=n_months) for c in columns]


def estimate_transition_matrix(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly transition matrix estimated from the log.

    Returns
    -------
    DataFrame
        Rows: level at the start of a month (the ladder's codes); columns:
        level at its end (the ladder's codes, then ``churned``). Each row is
        the observed share; a level never visited gives a row of NaN.
        ``attrs["counts"]`` holds the customer-months behind each row.
    """
    check_monthly(monthly, ("level_before", "level"))
    categories = list(monthly["level"].cat.categories)
    k = len(categories) - 1
    before = monthly["level_before"].cat.codes.to_numpy().astype(np.int64) - 1
    after = monthly["level"].cat.codes.to_numpy().astype(np.int64) - 1
    keep = before >= 0
    after = np.where(after < 0, k, after)  # churned goes to the last column
    counts = np.bincount(before[keep] * (k + 1) + after[keep], minlength=k * (k + 1)).reshape(k, k + 1)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / totals
    table = pd.DataFrame(shares, index=pd.Index(categories[1:], name="from"),
                         columns=pd.Index(categories[1:] + [CHURNED], name="to"))
    table.attrs["counts"] = totals.ravel()
    return table


def true_transition_matrix(run: RelationshipsRun) -> pd.DataFrame:
    """The true monthly transition matrix behind the log, same layout as :func:`estimate_transition_matrix`.

    Customers differ, so the matrix is the average of their own matrices,
    weighted by how many months each spent on each level in this run:
    exactly what the estimate from the log converges to.
    """
    check_run(run)
    k = len(run.ladder.levels)
    on_level = run.levels_before[:, :, None] == np.arange(k)  # (months, n, K)
    if np.all(run.churn_scale == 1.0):
        occupancy = on_level.sum(axis=0)  # (n, K)
        weighted = np.einsum("nk,nkj->kj", occupancy, run.matrices)
    else:  # a maintenance hold: each month with its own matrices
        occupancy = on_level.sum(axis=0)
        weighted = sum(np.einsum("nk,nkj->kj", on_level[t], run.month_matrices(t + 1)) for t in range(run.months))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = weighted / occupancy.sum(axis=0)[:, None]
    return pd.DataFrame(shares, index=pd.Index(list(run.ladder.codes), name="from"),
                        columns=pd.Index([*run.ladder.codes, CHURNED], name="to"))


def population_stationary_mix(run: RelationshipsRun) -> pd.Series:
    """The analytic long-run level mix of the run's customers (with replacement), indexed by level code."""
    check_run(run)
    return pd.Series(stationary_distribution(run.matrices).mean(axis=0), index=list(run.ladder.codes),
                     name="stationary_share")


def recovery_effect(monthly: pd.DataFrame) -> pd.DataFrame:
    """What happened in the month of a complaint, by how it was handled.

    Returns
    -------
    DataFrame
        Index ``handling``: ``no_complaint``, ``recovered`` (a customer's
        first complaint, handled well), ``recovered_again`` (a later one,
        handled well), ``not_recovered``. Columns ``customer_months``,
        ``up_rate``, ``down_rate``, ``churn_rate`` (shares of those
        customer-months moving up a level, down a level or leaving) and
        ``satisfaction`` (mean).
    """
    check_monthly(monthly, ("level_before", "level", "complaint", "recovered", "repeat_complaint", "satisfaction"))
    before = monthly["level_before"].cat.codes.to_numpy()
    after = monthly["level"].cat.codes.to_numpy()
    active = before > 0
    recovered = monthly["recovered"].to_numpy()
    group = np.where(monthly["complaint"].to_numpy(),
                     np.where(recovered, np.where(monthly["repeat_complaint"].to_numpy(), 2, 1), 3), 0)[active]
    before, after = before[active], after[active]

    def rate(flag: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=flag, minlength=4) / np.maximum(np.bincount(group, minlength=4), 1)

    return pd.DataFrame({
        "customer_months": np.bincount(group, minlength=4).astype(np.int64),
        "up_rate": rate(after > before),
        "down_rate": rate((after < before) & (after > 0)),
        "churn_rate": rate(after == 0),
        "satisfaction": rate(monthly["satisfaction"].to_numpy()[active]),
    }, index=pd.Index(["no_complaint", "recovered", "recovered_again", "not_recovered"], name="handling"))


def segment_summary(world: World, run: RelationshipsRun) -> pd.DataFrame:
    """Care and its results by customer segment (grade).

    Returns
    -------
    DataFrame
        Index: segment codes present in the world. Columns ``customers``,
        ``care_cost`` (mean monthly care budget per customer with us, CNY),
        ``top_levels_start`` and ``top_levels_end`` (share on the upper half
        of the ladder at the start and after the last month),
        ``cumulative_churn`` and ``profit`` (total per starting customer, CNY).
    """
    check_run(run)
    if not hasattr(world, "customers") or len(world.customers) != len(run.customer_ids) \
            or not np.array_equal(world.customers["customer_id"].to_numpy(), run.customer_ids):
        raise ValueError("world must be the world the run was simulated on (its customers differ)")
    segment = world.customers["segment"].cat.codes.to_numpy()
    k = len(run.ladder.levels)
    upper = k - k // 2  # first level of the upper half
    n_segments = len(vocab.SEGMENT_CODES)
    months = run.months
    customer_of_row = np.tile(np.arange(len(segment)), months)
    row_segment = segment[customer_of_row]
    active = run.monthly["level_before"].cat.codes.to_numpy() > 0
    count = np.bincount(segment, minlength=n_segments)

    def per_segment(values: np.ndarray, by: np.ndarray) -> np.ndarray:
        return np.bincount(by, weights=values, minlength=n_segments)

    with np.errstate(invalid="ignore", divide="ignore"):
        table = pd.DataFrame({
            "customers": count.astype(np.int64),
            "care_cost": per_segment(run.monthly["care_cost"].to_numpy(), row_segment)
            / per_segment(active, row_segment),
            "top_levels_start": per_segment(run.levels[0] >= upper, segment) / count,
            "top_levels_end": per_segment(run.levels[-1] >= upper, segment) / count,
            "cumulative_churn": per_segment(run.levels[-1] < 0, segment) / count,
            "profit": per_segment(run.monthly["profit"].to_numpy(), row_segment) / count,
        }, index=pd.Index(list(vocab.SEGMENT_CODES), name="segment"))
    return table[count > 0]


def customer_history(run: RelationshipsRun, customer_id: int) -> pd.DataFrame:
    """One customer's months in the dynamic database: level, complaints, satisfaction, profit.

    Returns
    -------
    DataFrame
        Index ``month``; columns ``level_before``, ``level``, ``complaint``,
        ``recovered``, ``satisfaction``, ``revenue``, ``cost_to_serve``, ``profit``.
    """
    check_run(run)
    customer_id = check_int("customer_id", customer_id, 1)
    position = np.flatnonzero(run.customer_ids == customer_id)
    if not len(position):
        raise ValueError(f"customer_id={customer_id} is not in this run; ids run from "
                         f"{run.customer_ids.min()} to {run.customer_ids.max()}")
    rows = position[0] + len(run.customer_ids) * np.arange(run.months)
    columns = ["month", "level_before", "level", "complaint", "recovered", "satisfaction", "revenue",
               "cost_to_serve", "profit"]
    return run.monthly.iloc[rows][columns].set_index("month")
