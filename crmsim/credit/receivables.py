"""Receivables under a credit policy: simulated invoices and payments.

:func:`simulate_receivables` starts at the world's "today" and runs
``months`` months forward. Every customer wants to buy each month; whether
it buys on credit depends on the policy (screening cutoff, limit), how much
it buys on the terms (longer credit and a cash discount win sales,
especially from price-sensitive buyers), and how it pays on its hidden
payment reliability: early for the discount, on time, late, or not at all
when the customer fails (a bad debt, 坏账).

The random numbers are drawn for every customer and month whatever the
policy ("common random numbers", :func:`prepare_credit`), so two policies
run with the same seed differ only because of the policy, and comparing
them is fair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, vocab
from .policy import CreditPolicy

DAYS_PER_MONTH = 365.25 / 12

#: Monthly failure hazard of a customer is DEFAULT_HAZARD * (1 - reliability)**2,
#: scaled up by longer credit periods and lenient collection. 0.12 makes a customer of median
#: reliability (0.83) fail with about 8 % chance in two years and one of reliability 0.3 with about
#: 75 %, so the worst-rated tenth of the market carries most of the bad debt.
DEFAULT_HAZARD = 0.12
#: The hazard grows as (credit period / 30) ** HAZARD_PERIOD_EXPONENT: longer credit lends to weaker
#: buyers for longer, but less than in proportion (the square root).
HAZARD_PERIOD_EXPONENT = 0.5
#: A failing customer stops paying this many days before it fails: invoices
#: issued in that window are lost too. Four months: a firm in distress stretches
#: its suppliers first and keeps ordering on credit while it does, so a supplier
#: loses more than the invoices of one credit period (with 90 days, screening the
#: worst-rated customers barely paid on the lesson worlds; with 120 it pays about 2 %).
DISTRESS_DAYS = 120
#: Elasticity of a buyer's demand to the credit period, for a buyer of average price sensitivity:
#: demand grows as (period / 30) ** elasticity, so every doubling of the period wins the same share (about
#: +15 % from 30 to 60 days) and each extra day wins less than the one before. The course's textbook example
#: (100,000 -> 120,000 units from net 30 to net 60) implies ln 1.2 / ln 2 = 0.26; we take a little less, 0.2,
#: because a rival can match longer terms, and a buyer of average sensitivity is only part of the market.
TERMS_ELASTICITY = 0.2
#: Below this many days a shorter period loses no more sales (a buyer paying on delivery is
#: treated like one on 10 days), which keeps the demand of "net 0" finite and positive.
TERMS_FLOOR_DAYS = 10
#: Extra sales per unit of cash discount (0.02 -> +6 %), for an average buyer.
DISCOUNT_SALES_LIFT = 3.0
#: Of reliable payers, the share who take a 2 % discount (fewer for a smaller one).
DISCOUNT_TAKE_UP = 0.8
#: Mean days late of a late payer: LATE_BASE + LATE_SLOPE * (1 - reliability).
LATE_BASE, LATE_SLOPE = 10.0, 60.0
#: Days past due that count as a credit incident in the annual review.
INCIDENT_DAYS = 60

STATUS_CODES = ("paid", "open", "written_off")
_STATUS_DTYPE = vocab.category(STATUS_CODES)


@dataclass(frozen=True, eq=False)
class CreditRun:
    """The outcome of one credit policy.

    Attributes
    ----------
    policy : CreditPolicy
    months : int
    start : Timestamp
        First day simulated (the world's "today").
    invoices : DataFrame
        One row per credit invoice (customer x month bought on credit):

        - ``invoice_id`` (int64): customer_id * 1000 + month number (1-based)
        - ``customer_id`` (int32), ``month`` (int16, 0-based)
        - ``issue_day``, ``due_day``, ``settle_day`` (int32): days from ``start``;
          settle = paid or written off, or the horizon end while open
          (:func:`~crmsim.credit.invoice_dates` adds calendar dates)
        - ``amount``: invoice value, CNY
        - ``took_discount`` (bool), ``discount``: cash discount granted, CNY
        - ``days_to_pay``: paid - issue in days (NaN unless paid)
        - ``days_past_due``: at settlement (0 if not late)
        - ``status``: category paid / open / written_off
        - ``reminders`` (int16) and ``collection_cost`` (CNY)
        - ``interest_cost``: cost of the money tied up until settlement, CNY
        - ``bad_debt``: amount written off, CNY
    accounts : DataFrame
        One row per customer:

        - ``customer_id``, ``score``, ``approved`` (bool), ``credit_limit`` (CNY, 0 if refused)
        - ``potential_sales``: what it would buy on these terms with unlimited credit, CNY
        - ``credit_sales``, ``cash_sales``, ``sales``: what it bought, CNY
        - ``lost_sales``: potential - sales (refused credit or over the limit), CNY
        - ``defaulted`` (bool): the customer failed during the horizon (hidden truth,
          known for refused customers too); ``default_day`` (float, NaN if not)
        - ``bad_debt``, ``receivable_end``: CNY
    """

    policy: CreditPolicy
    months: int
    start: pd.Timestamp
    invoices: pd.DataFrame
    accounts: pd.DataFrame

    @property
    def horizon_days(self) -> int:
        """Days simulated; day ``horizon_days - 1`` is the last."""
        return horizon(self.months)

    @property
    def years(self) -> float:
        return self.horizon_days / 365.0


def check_run(run: object) -> None:
    """Raise a clear error unless ``run`` is a :class:`CreditRun`."""
    if not isinstance(run, CreditRun):
        raise TypeError(f"expected a CreditRun from simulate_receivables(); got {type(run).__name__}")


def month_starts(months: int) -> np.ndarray:
    """First day of each month 0..months (the last entry is the horizon)."""
    return np.rint(np.arange(months + 1) * DAYS_PER_MONTH).astype(np.int64)


def horizon(months: int) -> int:
    """Days in ``months`` simulated months."""
    return int(month_starts(months)[-1])


@dataclass(frozen=True, eq=False)
class CreditPrepared:
    """The policy-independent random numbers of one simulation, already transformed.

    Made by :func:`prepare_credit`; a dashboard reuses them for every policy it tries.
    """

    n_customers: int
    months: int
    log_u_failure: np.ndarray  # (n,): log of the uniform that sets the months survived
    u_failure_day: np.ndarray  # (n,): where in that month the failure falls
    owner: np.ndarray          # (n * months,): customer row of each customer-month, customer-major
    month: np.ndarray          # (n * months,)
    issue_day: np.ndarray      # (n * months,): day of the month's invoice
    demand_noise: np.ndarray   # (n * months,): lognormal factor on the month's demand
    u_kind: np.ndarray         # (n * months,): discount / on time / late
    u_time: np.ndarray         # (n * months,): when within the allowed days
    late_exp: np.ndarray       # (n * months,): standard exponential, days late in units of the mean


def prepare_credit(world: World, *, months: int = 24, seed: SeedLike = 0) -> CreditPrepared:
    """The random numbers a simulation of ``world``'s customers over ``months`` months uses.

    :func:`simulate_receivables` calls this itself; a dashboard or sweep that
    runs many policies on one world can prepare once and pass the result as
    ``prepared`` (the tables are identical either way).

    Parameters
    ----------
    world : World
        Only the number of customers is used.
    months : int
        Months to be simulated, 1-60; the default 24 is the course's two years.
    seed : int, SeedSequence or Generator
        The simulation's seed (streams ``"credit.customers"`` and ``"credit.invoices"``).
    """
    _check_world_like(world)
    n_customers = check_int("n_customers", len(world.customers), 1)
    months = check_int("months", months, 1, 60)
    root = seeding.root_sequence(seed)  # once: a Generator seed must give both streams the same root
    rng_customers = seeding.child(root, "credit.customers")
    rng_invoices = seeding.child(root, "credit.invoices")
    n = n_customers * months
    customer_u = rng_customers.random((2, n_customers))
    u_issue, u_kind, u_time, u_late = rng_invoices.random((4, n))
    z = rng_invoices.standard_normal(n)
    month = np.tile(np.arange(months), n_customers)
    starts = month_starts(months)
    return CreditPrepared(n_customers=n_customers, months=months,
                          log_u_failure=np.log(customer_u[0]), u_failure_day=customer_u[1],
                          owner=np.repeat(np.arange(n_customers), months), month=month,
                          issue_day=starts[month] + np.floor(u_issue * np.diff(starts)[month]),
                          demand_noise=np.exp(0.4 * z - 0.08), u_kind=u_kind, u_time=u_time,
                          late_exp=-np.log1p(-u_late))


def _check_world_like(world: object) -> None:
    """Raise a TypeError unless ``world`` has a customers table (a World, or a hand-made stand-in in tests)."""
    if not isinstance(getattr(world, "customers", None), pd.DataFrame):
        raise TypeError(f"world must be a crmsim World (from crmsim.make_world); got {type(world).__name__}")


def table_column(table: pd.DataFrame, name: str, what: str) -> np.ndarray:
    """Column ``name`` of ``table`` as an array, or a clear error naming ``what`` the table is."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame; got {type(table).__name__}")
    if name not in table.columns:
        raise ValueError(f"{what} lacks the column {name!r}")
    return table[name].to_numpy()


def simulate_receivables(world: World, policy: CreditPolicy | None = None, *, rating: pd.DataFrame,
                         limits: pd.DataFrame, months: int = 24, seed: SeedLike = 0,
                         prepared: CreditPrepared | None = None) -> CreditRun:
    """Simulate invoices and payments under ``policy`` for ``months`` months.

    The story, month by month and customer by customer (all vectorised):

    - **Failure**: a customer fails with monthly hazard
      :data:`DEFAULT_HAZARD` x (1 - r)^2, higher with longer credit and
      lenient collection (:func:`_failures`).
    - **Demand**: the customer's spend with us (hidden category spend x share
      of wallet) / 12, with lognormal noise. Credit terms lift it by a factor
      (period / 30) ** (:data:`TERMS_ELASTICITY` x a), a constant elasticity
      (periods under :data:`TERMS_FLOOR_DAYS` count as that many days), and a
      cash discount by 1 + :data:`DISCOUNT_SALES_LIFT` x discount x a, with
      a = 0.5 + price sensitivity. A failed customer buys no more.
    - **Screening and limit**: a customer scoring below the cutoff gets no
      credit; an approved one is invoiced at most its limit x 30 / credit
      period a month (so its balance stays within the limit). Refused and
      over-limit purchases are partly made for cash (``cash_sales_share``)
      (:func:`_purchases`).
    - **Payment**: with the hidden reliability ``r`` an invoice is paid on
      time (a share of these early, for the discount), otherwise late by an
      exponential number of days with mean ``(LATE_BASE + LATE_SLOPE (1 - r))``
      scaled by the collection style, and collected by an agency within a
      month of escalation. Invoices still unpaid when the customer fails,
      and those issued in the :data:`DISTRESS_DAYS` before, are written off
      (:func:`_payments`).
    - **Costs**: reminders and agency fees (collection), discounts taken,
      the cost of capital on the variable cost of every invoice while unpaid,
      and bad debts (:func:`_invoice_table`).

    Parameters
    ----------
    world : World
        Supplies customers and their hidden traits (category spend, share
        of wallet, price sensitivity, payment reliability).
    policy : CreditPolicy, optional
        Default: ``CreditPolicy()`` ("net 30", cutoff 45, standard collection).
    rating : DataFrame
        From :func:`~crmsim.credit.rate`, in the world's customer order (``score`` is used).
    limits : DataFrame
        From :func:`~crmsim.credit.credit_limits`, same order (``credit_limit`` is used;
        it is multiplied by ``policy.limit_multiplier``).
    months : int
        Months simulated, 1-60; the default 24 is the course's two years.
    seed : int, SeedSequence or Generator
        Same seed, world and policy give identical tables.
    prepared : CreditPrepared, optional
        From ``prepare_credit(world, months=months, seed=seed)``; then ``seed`` is not used.

    Returns
    -------
    CreditRun
    """
    policy = CreditPolicy() if policy is None else policy
    if not isinstance(policy, CreditPolicy):
        raise TypeError(f"policy must be a CreditPolicy; got {type(policy).__name__}")
    _check_world_like(world)
    months = check_int("months", months, 1, 60)
    score, limit = _scores_and_limits(world, rating, limits, policy)
    if prepared is None:
        prepared = prepare_credit(world, months=months, seed=seed)
    elif prepared.n_customers != len(score) or prepared.months != months:
        raise ValueError("prepared was made for a different number of customers or months")
    customers = world.customers
    reliability = customers["true_payment_reliability"].to_numpy()
    approved = score >= policy.cutoff
    default_day = _failures(reliability, policy, prepared)
    defaulted = default_day < horizon(months)
    potential, credit_amount, cash_amount = _purchases(customers, policy, approved, limit, default_day, prepared)
    invoices, owner = _invoice_table(world, policy, credit_amount, default_day, prepared)
    n = len(customers)
    credit_sales = credit_amount.sum(axis=1)
    cash_sales = cash_amount.sum(axis=1)
    potential_sales = potential.sum(axis=1)
    is_open = (invoices["status"] == "open").to_numpy()
    accounts = pd.DataFrame(copy=False, data={
        "customer_id": customers["customer_id"].to_numpy(),
        "score": score,
        "approved": approved,
        "credit_limit": np.where(approved, limit, 0.0),
        "potential_sales": potential_sales,
        "credit_sales": credit_sales,
        "cash_sales": cash_sales,
        "sales": credit_sales + cash_sales,
        "lost_sales": potential_sales - credit_sales - cash_sales,
        "defaulted": defaulted,
        "default_day": np.where(defaulted, default_day, np.nan),
        "bad_debt": np.bincount(owner, weights=invoices["bad_debt"].to_numpy(), minlength=n),
        "receivable_end": np.bincount(owner, weights=invoices["amount"].to_numpy() * is_open, minlength=n),
    })
    start = np.datetime64(world.as_of.date(), "D")
    return CreditRun(policy=policy, months=months, start=pd.Timestamp(start), invoices=invoices, accounts=accounts)


def _scores_and_limits(world: World, rating: pd.DataFrame, limits: pd.DataFrame,
                       policy: CreditPolicy) -> tuple[np.ndarray, np.ndarray]:
    """Each customer's score and limit (times the policy's multiplier), checked against the world's customers."""
    n = len(world.customers)
    score = table_column(rating, "score", "rating").astype(float)
    limit = table_column(limits, "credit_limit", "limits").astype(float) * policy.limit_multiplier
    if len(score) != n or len(limit) != n:
        raise ValueError(f"rating and limits need one row per customer of the world ({n}); "
                         f"got {len(score)} and {len(limit)}")
    for what, values, high in (("rating", score, 100.0), ("limits", limit, np.inf)):
        bad = ~np.isfinite(values) | (values < 0) | (values > high)
        if bad.any():
            column = "score" if what == "rating" else "credit_limit"
            allowed = "in [0, 100]" if what == "rating" else "finite and >= 0"
            raise ValueError(f"{what}[{column!r}] must be {allowed}; got {values[bad][0]!r} "
                             f"for {int(bad.sum())} customer(s)")
    ids = world.customers["customer_id"].to_numpy()
    for what, table in (("rating", rating), ("limits", limits)):
        if "customer_id" in table.columns and not np.array_equal(table["customer_id"].to_numpy(), ids):
            raise ValueError(f"{what} rows must be in the world's customer order (same customer_id column)")
    return score, limit


def _failures(reliability: np.ndarray, policy: CreditPolicy, prepared: CreditPrepared) -> np.ndarray:
    """The day each customer fails (beyond the horizon for most): a geometric number of months survived."""
    period_factor = (max(policy.credit_period, 10) / 30.0) ** HAZARD_PERIOD_EXPONENT
    hazard = DEFAULT_HAZARD * (1 - reliability) ** 2 * period_factor * policy.collection_rules["default_factor"]
    with np.errstate(divide="ignore"):  # a hazard of 0 means the customer never fails
        months_survived = np.where(hazard > 0, np.floor(prepared.log_u_failure / np.log1p(-hazard)), np.inf)
    return np.floor((months_survived + prepared.u_failure_day) * DAYS_PER_MONTH)


def _purchases(customers: pd.DataFrame, policy: CreditPolicy, approved: np.ndarray, limit: np.ndarray,
               default_day: np.ndarray, prepared: CreditPrepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What each customer would buy each month on these terms, and what it buys on credit and for cash.

    Returns three (customers x months) arrays in CNY: potential, credit and cash purchases.
    """
    n, months = prepared.n_customers, prepared.months
    period = policy.credit_period
    sensitivity = customers["true_price_sensitivity"].to_numpy()
    monthly_demand = customers["true_wallet"].to_numpy() * customers["true_share_of_wallet"].to_numpy() * 1e6 / 12
    # Terms win sales, more so from price-sensitive buyers.
    appeal = 0.5 + sensitivity
    lift = ((max(period, TERMS_FLOOR_DAYS) / 30.0) ** (TERMS_ELASTICITY * appeal)
            * (1 + DISCOUNT_SALES_LIFT * policy.discount_rate * appeal))
    # A limit caps the credit a customer can run: its outstanding balance is
    # about a month of purchases per month of credit period.
    capacity = np.where(approved, limit * DAYS_PER_MONTH / max(period, DAYS_PER_MONTH), 0.0)
    # Rows are customers and columns months, so per-customer values broadcast;
    # a failed customer buys nothing more.
    issue_day = prepared.issue_day.reshape(n, months)
    demand = monthly_demand[:, None] * prepared.demand_noise.reshape(n, months)
    demand[issue_day >= default_day[:, None]] = 0.0
    potential = demand * lift[:, None]
    credit_amount = np.minimum(potential, capacity[:, None])
    # Refused customers (capacity 0) and purchases over the limit: a share is bought for cash.
    cash_amount = np.where(approved[:, None], potential - credit_amount, demand) * policy.cash_sales_share
    return potential, credit_amount, cash_amount


def _payments(policy: CreditPolicy, reliability: np.ndarray, issue: np.ndarray, draws: dict[str, np.ndarray],
              ) -> tuple[np.ndarray, np.ndarray]:
    """Whether each invoice takes the discount, and the day it would be paid if its customer never failed."""
    rules = policy.collection_rules
    period = policy.credit_period
    take_share = DISCOUNT_TAKE_UP * min(1.0, policy.discount_rate / 0.02) if policy.discount_rate > 0 else 0.0
    kind_u, time_u = draws["u_kind"], draws["u_time"]
    takes_discount = kind_u < take_share * reliability if take_share > 0 else np.zeros(len(issue), dtype=bool)
    on_time = ~takes_discount & (kind_u < reliability)
    mean_late = (LATE_BASE + LATE_SLOPE * (1 - reliability)) * rules["late_factor"]
    days_late = np.ceil(draws["late_exp"] * mean_late)
    # Past the escalation day an agency collects within about a month.
    days_late = np.minimum(days_late, rules["escalation_days"] + np.ceil(30 * time_u))
    days = np.where(on_time, np.rint(period * (0.6 + 0.4 * time_u)), period + days_late)
    if take_share > 0:
        days = np.where(takes_discount, np.ceil(policy.discount_days * (0.5 + 0.5 * time_u)), days)
    return takes_discount, issue + days


def _invoice_table(world: World, policy: CreditPolicy, credit_amount: np.ndarray, default_day: np.ndarray,
                   prepared: CreditPrepared) -> tuple[pd.DataFrame, np.ndarray]:
    """The credit invoices: payment or write-off, reminders and costs of every month's credit purchase.

    Returns the invoice table and the customer row of each invoice.
    """
    keep = np.flatnonzero(credit_amount.ravel() > 0)
    owner = prepared.owner[keep]
    amount = credit_amount.ravel()[keep]
    issue = prepared.issue_day[keep]
    reliability = world.customers["true_payment_reliability"].to_numpy()[owner]
    takes_discount, pay_day = _payments(policy, reliability, issue, {
        "u_kind": prepared.u_kind[keep], "u_time": prepared.u_time[keep], "late_exp": prepared.late_exp[keep]})
    end = horizon(prepared.months)
    fail_day = default_day[owner]
    written_off = (fail_day < end) & ((fail_day <= pay_day) | (issue >= fail_day - DISTRESS_DAYS))
    settle = np.where(written_off, np.maximum(fail_day, issue), pay_day)
    is_open = ~written_off & (settle >= end)
    settle = np.minimum(settle, end)
    paid = ~written_off & ~is_open
    rules = policy.collection_rules
    due = issue + policy.credit_period
    past_due = np.maximum(settle - due, 0)
    reminders = np.where(past_due > rules["reminder_days"],
                         1 + np.floor((past_due - rules["reminder_days"] - 1) / rules["reminder_interval"]), 0)
    escalated = paid & (past_due > rules["escalation_days"])
    status = np.where(paid, 0, np.where(written_off, 2, 1)).astype(np.int8)
    ids = world.customers["customer_id"].to_numpy()[owner]
    month = prepared.month[keep]
    invoices = pd.DataFrame(copy=False, data={
        "invoice_id": ids.astype(np.int64) * 1000 + month + 1,
        "customer_id": ids.astype(np.int32),
        "month": month.astype(np.int16),
        "issue_day": issue.astype(np.int32),
        "due_day": due.astype(np.int32),
        "settle_day": settle.astype(np.int32),
        "amount": amount,
        "took_discount": takes_discount & paid,
        "discount": np.where(takes_discount & paid, policy.discount_rate * amount, 0.0),
        "days_to_pay": np.where(paid, settle - issue, np.nan),
        "days_past_due": past_due.astype(np.int32),
        "status": pd.Categorical.from_codes(status, dtype=_STATUS_DTYPE),
        "reminders": reminders.astype(np.int16),
        "collection_cost": reminders * policy.reminder_cost + escalated * policy.escalation_fee * amount,
        "interest_cost": (amount * policy.variable_cost_ratio * policy.cost_of_capital
                          * (settle - issue) / policy.day_count),
        "bad_debt": np.where(written_off, amount, 0.0),
    })
    return invoices, owner
