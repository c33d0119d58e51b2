"""What a credit manager reads from a simulated policy: aging (账龄分析), the
receivables month by month, the policy summary (sales, DSO, bad debt, credit
costs, profit), the textbook formula for a policy change, sales by grade, and
sweeps of one policy lever.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import pandas as pd

from ..seeding import SeedLike
from ..validation import check_choice, check_int
from ..world import World, check_world
from .file import credit_file
from .limits import DEFAULT_LIMIT_RULES, LimitRules, credit_limits
from .policy import CreditPolicy
from .rating import DEFAULT_SCORECARD, ScoreCard, rate
from .receivables import CreditRun, check_run, month_starts, prepare_credit, simulate_receivables, table_column

AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "91_180", "over_180")
_AGING_EDGES = np.array([0, 30, 60, 90, 180])
SUMMARY_FIELDS = ("customers", "approved", "approval_rate", "potential_sales", "sales", "credit_sales", "cash_sales",
                  "lost_sales", "receivables_end", "average_receivables", "dso", "bad_debt", "bad_debt_rate",
                  "discount_cost", "interest_cost", "collection_cost", "contribution", "profit", "years")
SWEEP_FIELDS = ("cutoff", "credit_period", "discount_rate", "limit_multiplier")


def aging(run: CreditRun, day: int | None = None) -> pd.DataFrame:
    """Receivables aging (账龄分析): invoices open at the end of a day, by days past due.

    Parameters
    ----------
    run : CreditRun
    day : int, optional
        Day (from the start) at whose end to age; default the last day
        simulated. An invoice is open if issued on or before that day and
        settled (paid or written off) after it.

    Returns
    -------
    DataFrame, one row per bucket (not due, 1-30, 31-60, 61-90, 91-180, over 180 days):
    ``bucket`` (code), ``invoices``, ``amount`` (CNY), ``share`` of the receivables.
    The amounts sum to the receivables outstanding at the end of that day.
    """
    check_run(run)
    last = run.horizon_days - 1
    day = last if day is None else check_int("day", day, 0, last)
    inv = run.invoices
    open_ = (inv["issue_day"].to_numpy() <= day) & (inv["settle_day"].to_numpy() > day)
    overdue = day - inv["due_day"].to_numpy()[open_]
    bucket = np.searchsorted(_AGING_EDGES, overdue, side="left")  # <=0 -> 0, 1..30 -> 1, ...
    amounts = np.bincount(bucket, weights=inv["amount"].to_numpy()[open_], minlength=len(AGING_BUCKETS))
    counts = np.bincount(bucket, minlength=len(AGING_BUCKETS))
    total = amounts.sum()
    return pd.DataFrame({"bucket": list(AGING_BUCKETS), "invoices": counts, "amount": amounts,
                         "share": amounts / total if total > 0 else np.zeros(len(AGING_BUCKETS))})


def invoice_dates(run: CreditRun) -> pd.DataFrame:
    """The invoices with calendar dates: ``issue_date``, ``due_date`` and
    ``paid_date`` (NaT unless paid) added after ``settle_day``."""
    check_run(run)
    inv = run.invoices.copy()
    start = np.datetime64(run.start.date(), "D")

    def dates(column: str) -> np.ndarray:
        return (start + inv[column].to_numpy().astype("timedelta64[D]")).astype("datetime64[ns]")

    position = inv.columns.get_loc("settle_day") + 1
    paid = (inv["status"] == "paid").to_numpy()
    inv.insert(position, "paid_date", np.where(paid, dates("settle_day"), np.datetime64("NaT")))
    inv.insert(position, "due_date", dates("due_day"))
    inv.insert(position, "issue_date", dates("issue_day"))
    return inv


@functools.cache
def _month_of_day(months: int) -> np.ndarray:
    """The month of each day 0..horizon of a simulation of ``months`` months, read-only (the horizon,
    where open invoices settle, gives ``months``)."""
    starts = month_starts(months)
    table = np.searchsorted(starts, np.arange(starts[-1] + 1), side="right") - 1
    table.flags.writeable = False
    return table


def _settle_month(run: CreditRun) -> np.ndarray:
    """Month in which each invoice was settled (``run.months`` if still open)."""
    settle_day = run.invoices["settle_day"].to_numpy()
    table = _month_of_day(run.months)
    if len(settle_day) and 0 <= settle_day.min() and settle_day.max() < len(table):
        return table[settle_day]  # a look-up: several times quicker than the search it equals
    return np.searchsorted(month_starts(run.months), settle_day, side="right") - 1


def receivables_by_month(run: CreditRun) -> pd.DataFrame:
    """Month by month: sales, collections and the receivables balance at month end.

    Returns
    -------
    DataFrame, one row per month: ``month`` (0-based), ``month_end_day``
    (last day of the month), ``credit_sales`` (invoiced that month, CNY),
    ``collected`` (paid that month, CNY), ``written_off`` (CNY),
    ``receivables`` (open at the end of the month, as :func:`aging` counts, CNY).
    """
    check_run(run)
    inv = run.invoices
    months = run.months
    starts = month_starts(months)
    amount = inv["amount"].to_numpy()
    status = inv["status"].cat.codes.to_numpy()
    issue_month = inv["month"].to_numpy()
    # Month of each settlement; settle_day == horizon (still open) gives month `months`.
    settle_month = _settle_month(run)
    # Open at the end of month k if issued in a month <= k and settled in a later one.
    change = (np.bincount(issue_month, weights=amount, minlength=months + 1)
              - np.bincount(settle_month, weights=amount, minlength=months + 1))
    paid, lost = status == 0, status == 2
    return pd.DataFrame({
        "month": np.arange(months),
        "month_end_day": starts[1:] - 1,
        "credit_sales": np.bincount(issue_month, weights=amount, minlength=months),
        "collected": np.bincount(settle_month[paid], weights=amount[paid], minlength=months + 1)[:months],
        "written_off": np.bincount(settle_month[lost], weights=amount[lost], minlength=months + 1)[:months],
        "receivables": np.cumsum(change)[:months],
    })


DSO_BASES = ("credit", "total")


@functools.cache
def _summary_index() -> pd.Index:
    """The index of every policy summary, made once: making one from the names costs more than the
    summary's arithmetic. Each summary gets a (cheap) copy, so that renaming one's index renames no other."""
    return pd.Index(SUMMARY_FIELDS)


def summarise_policy(run: CreditRun, *, dso_basis: str = "credit") -> pd.Series:
    """The credit manager's figures for one simulated policy (whole horizon).

    Parameters
    ----------
    run : CreditRun
    dso_basis : {"credit", "total"}
        Denominator of DSO: ``"credit"`` (default, the textbook's) divides the
        receivables by the average daily **credit** sales, which is how long a
        credit sale waits to be collected; ``"total"`` divides by all sales,
        cash included, which gives fewer days whenever some sales are for cash.
        The basis is kept in ``attrs["dso_basis"]``.

    Returns
    -------
    Series indexed by :data:`SUMMARY_FIELDS`:

    - ``customers``, ``approved``, ``approval_rate``
    - ``potential_sales``, ``sales``, ``credit_sales``, ``cash_sales``, ``lost_sales`` (CNY)
    - ``receivables_end`` (CNY), ``average_receivables`` (mean month-end balance, CNY)
    - ``dso``: average receivables / average daily credit sales (or all sales,
      see ``dso_basis``), in calendar days
    - ``bad_debt`` (CNY), ``bad_debt_rate`` (of credit sales)
    - ``discount_cost``, ``interest_cost`` (cost of money tied up, invoice by
      invoice), ``collection_cost``, ``contribution`` (sales x (1 - variable cost
      ratio)), ``profit`` = contribution - bad debt - discounts - interest - collection (CNY)
    - ``years``: length of the horizon
    """
    check_run(run)
    dso_basis = check_choice("dso_basis", dso_basis, DSO_BASES)
    acc, inv, policy = run.accounts, run.invoices, run.policy

    def total(table: pd.DataFrame, column: str) -> float:
        return float(table[column].to_numpy().sum())

    n = len(acc)
    approved = int(acc["approved"].to_numpy().sum())
    sales = total(acc, "sales")
    credit_sales = total(acc, "credit_sales")
    # Mean of the month-end balances (as receivables_by_month gives them): an
    # invoice counts at the end of every month from the one it was issued in
    # up to, not including, the one it was settled in.
    months_open = _settle_month(run) - inv["month"].to_numpy()
    average_receivables = float(inv["amount"].to_numpy() @ months_open) / run.months
    bad_debt = total(inv, "bad_debt")
    discount = total(inv, "discount")
    interest = total(inv, "interest_cost")
    collection = total(inv, "collection_cost")
    contribution = sales * (1 - policy.variable_cost_ratio)
    daily_base = credit_sales if dso_basis == "credit" else sales
    values = {
        "customers": n, "approved": approved, "approval_rate": approved / n,
        "potential_sales": total(acc, "potential_sales"), "sales": sales, "credit_sales": credit_sales,
        "cash_sales": total(acc, "cash_sales"), "lost_sales": total(acc, "lost_sales"),
        "receivables_end": total(acc, "receivable_end"), "average_receivables": average_receivables,
        "dso": average_receivables / (daily_base / run.horizon_days) if daily_base > 0 else 0.0,
        "bad_debt": bad_debt, "bad_debt_rate": bad_debt / credit_sales if credit_sales > 0 else 0.0,
        "discount_cost": discount, "interest_cost": interest, "collection_cost": collection,
        "contribution": contribution,
        "profit": contribution - bad_debt - discount - interest - collection,
        "years": run.years,
    }
    summary = pd.Series([values[field] for field in SUMMARY_FIELDS], index=_summary_index().copy(), dtype=float)
    summary.attrs["dso_basis"] = dso_basis
    return summary


def incremental_profit(base: CreditRun, new: CreditRun) -> pd.DataFrame:
    """The textbook appraisal of a credit-policy change, next to the simulation.

    The formula works from aggregate figures of each policy (sales, DSO,
    bad-debt rate, discounts, collection cost), as a credit manager would::

        incremental profit = dS x (1 - v)                            contribution
                           - d(C / D x DSO) x v x k x D / Y          money tied up
                           - d(S_credit x bad-debt rate)             bad debt
                           - d(discounts) - d(collection cost)

    with S sales and C credit sales over the horizon of D days, DSO on credit
    sales, v the variable cost ratio, k the cost of capital and Y the
    policy's day-count year (360 by default). The simulation's own change in each item is
    computed invoice by invoice; the two agree up to the approximation of
    the money tied up by month-end balances.

    Returns
    -------
    DataFrame indexed by ``component`` (contribution, interest, bad_debt,
    discount, collection, profit) with columns ``formula`` and ``simulated`` (CNY).
    """
    check_run(base)
    check_run(new)
    if base.months != new.months:
        raise ValueError(f"both simulations need the same horizon; got {base.months} and {new.months} months")
    for name in ("variable_cost_ratio", "cost_of_capital", "day_count"):
        if getattr(base.policy, name) != getattr(new.policy, name):
            raise ValueError(f"both policies need the same {name} to compare profits")
    v, k = new.policy.variable_cost_ratio, new.policy.cost_of_capital
    a, b = summarise_policy(base), summarise_policy(new)
    days = new.horizon_days

    def tied_up(s: pd.Series) -> float:
        return s["credit_sales"] / days * s["dso"] * v * k * days / new.policy.day_count

    formula = {
        "contribution": (b["sales"] - a["sales"]) * (1 - v),
        "interest": tied_up(b) - tied_up(a),
        "bad_debt": b["credit_sales"] * b["bad_debt_rate"] - a["credit_sales"] * a["bad_debt_rate"],
        "discount": b["discount_cost"] - a["discount_cost"],
        "collection": b["collection_cost"] - a["collection_cost"],
    }
    formula["profit"] = formula["contribution"] - sum(formula[c] for c in ("interest", "bad_debt", "discount",
                                                                           "collection"))
    simulated = {
        "contribution": b["contribution"] - a["contribution"],
        "interest": b["interest_cost"] - a["interest_cost"],
        "bad_debt": b["bad_debt"] - a["bad_debt"],
        "discount": b["discount_cost"] - a["discount_cost"],
        "collection": b["collection_cost"] - a["collection_cost"],
        "profit": b["profit"] - a["profit"],
    }
    return pd.DataFrame({"formula": formula, "simulated": simulated}).rename_axis("component")


def sales_by_grade(run: CreditRun, rating: pd.DataFrame) -> pd.DataFrame:
    """Per rating grade: customers, approvals, sales won and lost, and the true default rate.

    Parameters
    ----------
    run : CreditRun
    rating : DataFrame
        The rating the simulation used (``grade`` column, same customer order).

    Returns
    -------
    DataFrame indexed by grade (best first): ``customers``, ``approved``,
    ``credit_sales``, ``cash_sales``, ``lost_sales``, ``bad_debt`` (CNY) and
    ``default_rate`` (share of the grade's customers that failed, hidden truth).
    """
    check_run(run)
    grade = table_column(rating, "grade", "rating")
    if not isinstance(rating["grade"].dtype, pd.CategoricalDtype):
        raise TypeError(f"rating['grade'] must be the categorical grade of rate(); got dtype {rating['grade'].dtype}")
    if len(grade) != len(run.accounts):
        raise ValueError(f"rating needs one row per simulated customer ({len(run.accounts)}); got {len(grade)}")
    categories = list(rating["grade"].cat.categories)
    codes = rating["grade"].cat.codes.to_numpy()
    k = len(categories)
    acc = run.accounts

    def total(column: str) -> np.ndarray:
        return np.bincount(codes, weights=acc[column].to_numpy(dtype=float), minlength=k)

    customers = np.bincount(codes, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        default_rate = total("defaulted") / customers
    return pd.DataFrame({"customers": customers, "approved": total("approved").astype(np.int64),
                         "credit_sales": total("credit_sales"), "cash_sales": total("cash_sales"),
                         "lost_sales": total("lost_sales"), "bad_debt": total("bad_debt"),
                         "default_rate": default_rate}, index=pd.Index(categories, name="grade"))


_PERCENT_FIELDS = {"approval_rate", "bad_debt_rate"}
_COUNT_FIELDS = {"customers", "approved"}


def summary_table(*runs: CreditRun, **summaries: pd.Series) -> pd.DataFrame:
    """View: summaries of several policies side by side, numbers as text.

    Show it with ``labelled(table, "credit")``, which names the rows.

    Parameters
    ----------
    *runs : CreditRun
        Each gives a column headed by its policy's terms (``"net 30"``, in
        the current language: the terms are the policy's name).
    **summaries : Series
        From :func:`summarise_policy`, a column each, headed by the keyword
        (``summary_table(strict=summarise_policy(a), loose=summarise_policy(b))``).

    Returns
    -------
    DataFrame with one row per field of :data:`SUMMARY_FIELDS` (its code as
    the row label) and one column per policy: amounts in CNY million, rates
    in percent, DSO and years with one decimal.
    """
    for run in runs:
        check_run(run)
    summaries = {**{run.policy.terms_text: summarise_policy(run) for run in runs}, **summaries}
    if not summaries:
        raise ValueError("pass at least one simulation or summary, e.g. summary_table(run)")

    def text(field: str, value: float) -> str:
        if field in _PERCENT_FIELDS:
            return f"{value:.2%}"
        if field in _COUNT_FIELDS:
            return f"{value:,.0f}"
        if field in ("dso", "dso_total", "years"):
            return f"{value:.1f}"
        return f"{value / 1e6:,.2f}"  # CNY million

    # Object row labels, which labelled() names (it leaves an index of pandas' str dtype alone).
    fields = list(next(iter(summaries.values())).index)
    bases = {s.attrs.get("dso_basis", "credit") for s in summaries.values()}
    if len(bases) > 1:
        raise ValueError(f"the summaries compute DSO on different bases {sorted(bases)}; use one dso_basis")
    if bases == {"total"}:  # the row says which denominator its DSO has
        fields = ["dso_total" if f == "dso" else f for f in fields]
    fields = pd.Index(fields, dtype=object)
    return pd.DataFrame({name: [text(f, v) for f, v in zip(fields, s.to_numpy())] for name, s in summaries.items()},
                        index=fields)


def run_policy(world: World, policy: CreditPolicy | None = None, *, scorecard: ScoreCard = DEFAULT_SCORECARD,
               rules: LimitRules = DEFAULT_LIMIT_RULES, months: int = 24, seed: SeedLike = 0,
               file: pd.DataFrame | None = None) -> CreditRun:
    """Credit file -> rating -> limits -> simulation in one call.

    Parameters
    ----------
    world : World
    policy : CreditPolicy, optional
        Default: ``CreditPolicy()``.
    scorecard, rules
        Default: the course's score card and limit rules.
    months : int
        Months simulated; the default 24 is the course's two years.
    seed : int, SeedSequence or Generator
        Seed of the simulation, and of the credit file when ``file`` is not given.
    file : DataFrame, optional
        A credit file to use (e.g. ``credit_file(world, seed=world.seed)``);
        default ``credit_file(world, seed=seed)``.
    """
    world = check_world(world)
    file = credit_file(world, seed=seed) if file is None else file
    return simulate_receivables(world, policy, rating=rate(file, scorecard), limits=credit_limits(file, rules),
                                months=months, seed=seed)


def policy_sweep(world: World, policy: CreditPolicy | None = None, *, field: str, values,
                 scorecard: ScoreCard = DEFAULT_SCORECARD, rules: LimitRules = DEFAULT_LIMIT_RULES,
                 months: int = 24, seed: SeedLike = 0, file: pd.DataFrame | None = None,
                 dso_basis: str = "credit") -> pd.DataFrame:
    """Summaries of ``policy`` with one field set to each of ``values`` (same seed: a fair comparison).

    Parameters
    ----------
    world : World
    policy : CreditPolicy, optional
        The policy varied; default ``CreditPolicy()``.
    field : {"cutoff", "credit_period", "discount_rate", "limit_multiplier"}
    values : sequence
        Values of that field (each checked by :class:`CreditPolicy`).
    scorecard, rules, months, seed, file
        As for :func:`run_policy`.
    dso_basis : {"credit", "total"}
        Denominator of DSO, as for :func:`summarise_policy`.

    Returns
    -------
    DataFrame with one row per value: the column ``field`` and :data:`SUMMARY_FIELDS`.
    """
    world = check_world(world)
    policy = CreditPolicy() if policy is None else policy
    if not isinstance(policy, CreditPolicy):
        raise TypeError(f"policy must be a CreditPolicy; got {type(policy).__name__}")
    field = check_choice("field", field, SWEEP_FIELDS)
    dso_basis = check_choice("dso_basis", dso_basis, DSO_BASES)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"values must be a sequence of {field} values; got {values!r}")
    values = list(values)
    if not values:
        raise ValueError(f"values must not be empty; give at least one {field}")
    policies = [replace(policy, **{field: v}) for v in values]  # checks every value before any work
    file = credit_file(world, seed=seed) if file is None else file
    rating, limits = rate(file, scorecard), credit_limits(file, rules)
    prepared = prepare_credit(world, months=months, seed=seed)
    rows = [summarise_policy(simulate_receivables(world, p, rating=rating, limits=limits, months=months,
                                                  prepared=prepared), dso_basis=dso_basis) for p in policies]
    out = pd.DataFrame(rows).reset_index(drop=True)
    out.insert(0, field, values)
    return out
