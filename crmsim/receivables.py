"""Receivables under a credit policy: simulated invoices and payments, and
the analysis a credit manager reads from them.

:func:`simulate_receivables` starts at the world's "today" and runs
``months`` months forward. Every customer wants to buy each month; whether
it buys on credit depends on the policy (screening cutoff, limit), how much
it buys on the terms (longer credit and a cash discount win sales,
especially from price-sensitive buyers), and how it pays on its hidden
payment reliability: early for the discount, on time, late, or not at all
when the customer fails (a bad debt, 坏账).

The random numbers are drawn for every customer and month whatever the
policy ("common random numbers"), so two policies run with the same seed
differ only because of the policy, and comparing them is fair.

Analysis: :func:`summarise_policy` (approval rate, sales, DSO, bad debt,
cost of money tied up, collection cost, profit), :func:`aging`
(账龄分析), :func:`receivables_by_month`, :func:`incremental_profit` (the
textbook formula for a policy change, next to the simulated change),
:func:`review_limits` (step 4 of the credit limit), :func:`roc_curve`,
:func:`auc` and :func:`gini` (how well the score separates good from bad
payers), and :func:`policy_sweep`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import i18n
from .world import vocab
from .credit import (DEFAULT_LIMIT_RULES, DEFAULT_SCORECARD, CreditPolicy, LimitRules, ScoreCard,
                     _streams, credit_file, credit_limits, rate)
from .seeding import SeedLike
from .validation import check_choice, check_int, check_real

DAYS_PER_MONTH = 365.25 / 12
STREAM_CUSTOMERS, STREAM_INVOICES = 1, 2  # child streams of the credit module (see crmsim.credit.CREDIT_STREAM)

#: Monthly failure hazard of a customer is DEFAULT_HAZARD * (1 - reliability)**2,
#: scaled up by longer credit periods and lenient collection.
DEFAULT_HAZARD = 0.12
#: A failing customer stops paying this many days before it fails: invoices
#: issued in that window are lost too.
DISTRESS_DAYS = 90
#: Extra sales per 30 days of credit beyond 30, for a buyer of average price sensitivity.
TERMS_SALES_LIFT = 0.10
#: Extra sales per unit of cash discount (0.02 -> +6 %), for an average buyer.
DISCOUNT_SALES_LIFT = 3.0
#: Of reliable payers, the share who take a 2 % discount (fewer for a smaller one).
DISCOUNT_TAKE_UP = 0.8
#: Mean days late of a late payer: LATE_BASE + LATE_SLOPE * (1 - reliability).
LATE_BASE, LATE_SLOPE = 10.0, 60.0
#: Days past due that count as a credit incident in the annual review.
INCIDENT_DAYS = 60

AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "91_180", "over_180")
_AGING_EDGES = np.array([0, 30, 60, 90, 180])
STATUS_CODES = ("paid", "open", "written_off")
_STATUS_DTYPE = vocab.category(STATUS_CODES)
REVIEW_CODES = ("raise", "keep", "cut", "cut_incident", "stop", "no_credit")

i18n.register({
    "credit.aging.not_due": ("Not yet due", "未到期"),
    "credit.aging.1_30": ("1-30 days overdue", "逾期1-30天"),
    "credit.aging.31_60": ("31-60 days", "逾期31-60天"),
    "credit.aging.61_90": ("61-90 days", "逾期61-90天"),
    "credit.aging.91_180": ("91-180 days", "逾期91-180天"),
    "credit.aging.over_180": ("Over 180 days", "逾期180天以上"),
    "credit.aging.col.bucket": ("Days past due", "逾期天数"),
    "credit.aging.col.invoices": ("Invoices", "发票张数"),
    "credit.aging.col.amount": ("Amount (CNY m)", "金额（百万元）"),
    "credit.aging.col.share": ("Share", "占比"),
    "credit.review.raise": ("Raise limit", "提高额度"),
    "credit.review.keep": ("Keep limit", "维持额度"),
    "credit.review.cut": ("Cut limit (target missed)", "降低额度（未完成目标）"),
    "credit.review.cut_incident": ("Cut limit (late payment)", "降低额度（逾期付款）"),
    "credit.review.stop": ("Stop credit (bad debt)", "停止赊销（坏账）"),
    "credit.review.no_credit": ("No credit", "未授信"),
    "credit.summary.customers": ("Customers", "客户数"),
    "credit.summary.approved": ("Approved for credit", "获授信客户数"),
    "credit.summary.approval_rate": ("Approval rate", "授信通过率"),
    "credit.summary.potential_sales": ("Potential sales (CNY m)", "潜在销售额（百万元）"),
    "credit.summary.sales": ("Sales (CNY m)", "销售额（百万元）"),
    "credit.summary.credit_sales": ("Credit sales (CNY m)", "赊销额（百万元）"),
    "credit.summary.cash_sales": ("Cash sales (CNY m)", "现销额（百万元）"),
    "credit.summary.lost_sales": ("Sales lost to the policy (CNY m)", "因信用政策损失的销售额（百万元）"),
    "credit.summary.receivables_end": ("Receivables at the end (CNY m)", "期末应收账款（百万元）"),
    "credit.summary.average_receivables": ("Average receivables (CNY m)", "应收账款平均余额（百万元）"),
    "credit.summary.dso": ("DSO (days)", "应收账款周转天数（天）"),
    "credit.summary.bad_debt": ("Bad debt (CNY m)", "坏账损失（百万元）"),
    "credit.summary.bad_debt_rate": ("Bad-debt rate", "坏账率"),
    "credit.summary.discount_cost": ("Cash discounts (CNY m)", "现金折扣成本（百万元）"),
    "credit.summary.interest_cost": ("Cost of money tied up (CNY m)", "应收账款占用资金成本（百万元）"),
    "credit.summary.collection_cost": ("Collection cost (CNY m)", "收账费用（百万元）"),
    "credit.summary.contribution": ("Contribution margin (CNY m)", "边际贡献（百万元）"),
    "credit.summary.profit": ("Profit after credit costs (CNY m)", "扣除信用成本后的利润（百万元）"),
    "credit.summary.years": ("Years simulated", "模拟年数"),
    "credit.inc.component": ("Component", "项目"),
    "credit.inc.formula": ("Textbook formula (CNY m)", "教材公式（百万元）"),
    "credit.inc.simulated": ("Simulation (CNY m)", "模拟结果（百万元）"),
    "credit.inc.contribution": ("More contribution margin", "边际贡献增加"),
    "credit.inc.interest": ("More cost of money tied up", "应收账款机会成本增加"),
    "credit.inc.bad_debt": ("More bad debt", "坏账损失增加"),
    "credit.inc.discount": ("More cash discounts", "现金折扣成本增加"),
    "credit.inc.collection": ("More collection cost", "收账费用增加"),
    "credit.inc.profit": ("Incremental profit", "增量利润"),
})


@dataclass(frozen=True, eq=False)
class CreditSimulation:
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
          (:func:`invoice_dates` adds calendar dates)
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
        return _horizon(self.months)

    @property
    def years(self) -> float:
        return self.horizon_days / 365.0


def _month_starts(months: int) -> np.ndarray:
    """First day of each month 0..months (the last entry is the horizon)."""
    return np.rint(np.arange(months + 1) * DAYS_PER_MONTH).astype(np.int64)


def _horizon(months: int) -> int:
    return int(_month_starts(months)[-1])


@dataclass(frozen=True, eq=False)
class _Draws:
    """The policy-independent random numbers of one simulation, already
    transformed (a dashboard reuses them for every policy it tries)."""

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


def draw_randomness(n_customers: int, months: int, seed: SeedLike = 0) -> _Draws:
    """The random numbers a simulation of ``n_customers`` x ``months`` uses.

    :func:`simulate_receivables` calls this itself; a dashboard that
    re-runs many policies on one world can draw once and pass the result
    as ``draws`` (the tables are identical either way).
    """
    check_int("n_customers", n_customers, 1)
    check_int("months", months, 1, 60)
    rng_customers, = _streams(seed, STREAM_CUSTOMERS)
    rng_invoices, = _streams(seed, STREAM_INVOICES)
    n = n_customers * months
    customer_u = rng_customers.random((2, n_customers))
    u_issue, u_kind, u_time, u_late = rng_invoices.random((4, n))
    z = rng_invoices.standard_normal(n)
    month = np.tile(np.arange(months), n_customers)
    starts = _month_starts(months)
    return _Draws(n_customers=n_customers, months=months,
                  log_u_failure=np.log(customer_u[0]), u_failure_day=customer_u[1],
                  owner=np.repeat(np.arange(n_customers), months), month=month,
                  issue_day=starts[month] + np.floor(u_issue * np.diff(starts)[month]),
                  demand_noise=np.exp(0.4 * z - 0.08), u_kind=u_kind, u_time=u_time, late_exp=-np.log1p(-u_late))


def _column(table: pd.DataFrame, name: str, what: str) -> np.ndarray:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame; got {type(table).__name__}")
    if name not in table.columns:
        raise ValueError(f"{what} lacks the column {name!r}")
    return table[name].to_numpy()


def simulate_receivables(world, policy: CreditPolicy, rating: pd.DataFrame, limits: pd.DataFrame,
                         months: int = 24, seed: SeedLike = 0, draws: _Draws | None = None) -> CreditSimulation:
    """Simulate invoices and payments under ``policy`` for ``months`` months.

    The story, month by month and customer by customer (all vectorised):

    - **Demand**: the customer's spend with us (hidden category spend x share
      of wallet) / 12, with lognormal noise. Credit terms lift it: +
      :data:`TERMS_SALES_LIFT` per 30 days beyond 30 and
      :data:`DISCOUNT_SALES_LIFT` x the discount, both scaled by 0.5 + price
      sensitivity.
    - **Screening and limit**: a customer scoring below the cutoff gets no
      credit; an approved one is invoiced at most its limit x 30 / credit
      period a month (so its balance stays within the limit). Refused and
      over-limit purchases are partly made for cash (``cash_sales_share``).
    - **Payment**: with the hidden reliability ``r`` an invoice is paid on
      time (a share of these early, for the discount), otherwise late by an
      exponential number of days with mean ``(LATE_BASE + LATE_SLOPE (1 - r))``
      scaled by the collection style, and collected by an agency within a
      month of escalation.
    - **Failure**: a customer fails with monthly hazard
      :data:`DEFAULT_HAZARD` x (1 - r)^2, higher with longer credit and
      lenient collection. Its invoices still unpaid then, and those issued
      in the :data:`DISTRESS_DAYS` before, are written off; it buys no more.
    - **Costs**: reminders and agency fees (collection), discounts taken,
      the cost of capital on the variable cost of every invoice while unpaid,
      and bad debts.

    Parameters
    ----------
    world : World
        Supplies customers and their hidden traits (category spend, share
        of wallet, price sensitivity, payment reliability).
    policy : CreditPolicy
    rating : DataFrame
        From :func:`crmsim.credit.rate`, in the world's customer order (``score`` is used).
    limits : DataFrame
        From :func:`crmsim.credit.credit_limits`, same order (``credit_limit`` is used;
        it is multiplied by ``policy.limit_multiplier``).
    months : int
        Months simulated, 1-60.
    seed : int, SeedSequence or Generator
        Same seed, world and policy give identical tables.
    draws : optional
        Pre-drawn random numbers from :func:`draw_randomness` (same customers and months).

    Returns
    -------
    CreditSimulation
    """
    if not isinstance(policy, CreditPolicy):
        raise TypeError(f"policy must be a CreditPolicy; got {type(policy).__name__}")
    check_int("months", months, 1, 60)
    customers = world.customers
    n = len(customers)
    score = _column(rating, "score", "rating").astype(float)
    limit = _column(limits, "credit_limit", "limits").astype(float) * policy.limit_multiplier
    if len(score) != n or len(limit) != n:
        raise ValueError(f"rating and limits need one row per customer of the world ({n}); "
                         f"got {len(score)} and {len(limit)}")
    ids = customers["customer_id"].to_numpy()
    for what, table in (("rating", rating), ("limits", limits)):
        if "customer_id" in table.columns and not np.array_equal(table["customer_id"].to_numpy(), ids):
            raise ValueError(f"{what} rows must be in the world's customer order (same customer_id column)")
    if draws is None:
        draws = draw_randomness(n, months, seed)
    elif draws.n_customers != n or draws.months != months:
        raise ValueError("draws were made for a different number of customers or months")

    rules = policy.collection_rules
    period = policy.credit_period
    horizon = _horizon(months)
    reliability = customers["true_payment_reliability"].to_numpy()
    sensitivity = customers["true_price_sensitivity"].to_numpy()
    monthly_demand = customers["true_wallet"].to_numpy() * customers["true_share_of_wallet"].to_numpy() * 1e6 / 12
    approved = score >= policy.cutoff

    # Customers that fail: a geometric number of months survived.
    hazard = (DEFAULT_HAZARD * (1 - reliability) ** 2 * np.sqrt(max(period, 10) / 30.0)
              * rules["default_factor"])
    with np.errstate(divide="ignore"):  # a hazard of 0 means the customer never fails
        months_survived = np.where(hazard > 0, np.floor(draws.log_u_failure / np.log1p(-hazard)), np.inf)
    default_day = np.floor((months_survived + draws.u_failure_day) * DAYS_PER_MONTH)
    defaulted = default_day < horizon

    # Terms win sales, more so from price-sensitive buyers.
    appeal = 0.5 + sensitivity
    lift = (np.maximum(0.2, 1 + TERMS_SALES_LIFT * (period - 30) / 30 * appeal)
            * (1 + DISCOUNT_SALES_LIFT * policy.discount_rate * appeal))
    # A limit caps the credit a customer can run: its outstanding balance is
    # about a month of purchases per month of credit period.
    capacity = np.where(approved, limit * DAYS_PER_MONTH / max(period, DAYS_PER_MONTH), 0.0)

    # The customer x month grid, customer-major; a failed customer buys nothing more.
    # Rows are customers and columns months, so per-customer values broadcast.
    issue_day = draws.issue_day.reshape(n, months)
    demand = monthly_demand[:, None] * draws.demand_noise.reshape(n, months)
    demand[issue_day >= default_day[:, None]] = 0.0
    potential = demand * lift[:, None]
    credit_amount = np.minimum(potential, capacity[:, None])
    # Refused customers (capacity 0) and purchases over the limit: a share is bought for cash.
    cash_amount = np.where(approved[:, None], potential - credit_amount, demand) * policy.cash_sales_share

    # Payment of the credit invoices.
    keep = np.flatnonzero(credit_amount.ravel() > 0)
    inv_owner = draws.owner[keep]
    amount = credit_amount.ravel()[keep]
    issue = draws.issue_day[keep]
    rel = reliability[inv_owner]
    take_share = DISCOUNT_TAKE_UP * min(1.0, policy.discount_rate / 0.02) if policy.discount_rate > 0 else 0.0
    kind_u, time_u = draws.u_kind[keep], draws.u_time[keep]
    takes_discount = kind_u < take_share * rel if take_share > 0 else np.zeros(len(keep), dtype=bool)
    on_time = ~takes_discount & (kind_u < rel)
    mean_late = (LATE_BASE + LATE_SLOPE * (1 - rel)) * rules["late_factor"]
    days_late = np.ceil(draws.late_exp[keep] * mean_late)
    # Past the escalation day an agency collects within about a month.
    days_late = np.minimum(days_late, rules["escalation_days"] + np.ceil(30 * time_u))
    days = np.where(on_time, np.rint(period * (0.6 + 0.4 * time_u)), period + days_late)
    if take_share > 0:
        days = np.where(takes_discount, np.ceil(policy.discount_days * (0.5 + 0.5 * time_u)), days)
    pay_day = issue + days
    fail_day = default_day[inv_owner]
    written_off = defaulted[inv_owner] & ((fail_day <= pay_day) | (issue >= fail_day - DISTRESS_DAYS))
    settle = np.where(written_off, np.maximum(fail_day, issue), pay_day)
    is_open = ~written_off & (settle >= horizon)
    settle = np.minimum(settle, horizon)
    paid = ~written_off & ~is_open
    due = issue + period
    past_due = np.maximum(settle - due, 0)
    reminders = np.where(past_due > rules["reminder_days"],
                         1 + np.floor((past_due - rules["reminder_days"] - 1) / rules["reminder_interval"]), 0)
    escalated = paid & (past_due > rules["escalation_days"])
    collection_cost = reminders * policy.reminder_cost + escalated * policy.escalation_fee * amount
    discount = np.where(takes_discount & paid, policy.discount_rate * amount, 0.0)
    interest = amount * policy.variable_cost_ratio * policy.cost_of_capital * (settle - issue) / 365.0
    bad_debt = np.where(written_off, amount, 0.0)

    start = np.datetime64(world.as_of.date(), "D")
    status = np.where(paid, 0, np.where(written_off, 2, 1)).astype(np.int8)
    inv_ids = ids[inv_owner]
    month = draws.month[keep]
    invoices = pd.DataFrame(copy=False, data={
        "invoice_id": inv_ids.astype(np.int64) * 1000 + month + 1,
        "customer_id": inv_ids.astype(np.int32),
        "month": month.astype(np.int16),
        "issue_day": issue.astype(np.int32),
        "due_day": due.astype(np.int32),
        "settle_day": settle.astype(np.int32),
        "amount": amount,
        "took_discount": takes_discount & paid,
        "discount": discount,
        "days_to_pay": np.where(paid, settle - issue, np.nan),
        "days_past_due": past_due.astype(np.int32),
        "status": pd.Categorical.from_codes(status, dtype=_STATUS_DTYPE),
        "reminders": reminders.astype(np.int16),
        "collection_cost": collection_cost,
        "interest_cost": interest,
        "bad_debt": bad_debt,
    })

    credit_sales = credit_amount.sum(axis=1)
    cash_sales = cash_amount.sum(axis=1)
    potential_sales = potential.sum(axis=1)
    accounts = pd.DataFrame(copy=False, data={
        "customer_id": ids,
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
        "bad_debt": np.bincount(inv_owner, weights=bad_debt, minlength=n),
        "receivable_end": np.bincount(inv_owner, weights=amount * is_open, minlength=n),
    })
    return CreditSimulation(policy=policy, months=months, start=pd.Timestamp(start), invoices=invoices,
                            accounts=accounts)


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------
def _check_simulation(sim) -> None:
    if not isinstance(sim, CreditSimulation):
        raise TypeError(f"expected a CreditSimulation from simulate_receivables(); got {type(sim).__name__}")


def aging(sim: CreditSimulation, day: int | None = None) -> pd.DataFrame:
    """Receivables aging (账龄分析): invoices open at the end of a day, by days past due.

    Parameters
    ----------
    sim : CreditSimulation
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
    _check_simulation(sim)
    last = sim.horizon_days - 1
    day = last if day is None else check_int("day", day, 0, last)
    inv = sim.invoices
    open_ = (inv["issue_day"].to_numpy() <= day) & (inv["settle_day"].to_numpy() > day)
    overdue = day - inv["due_day"].to_numpy()[open_]
    bucket = np.searchsorted(_AGING_EDGES, overdue, side="left")  # <=0 -> 0, 1..30 -> 1, ...
    amounts = np.bincount(bucket, weights=inv["amount"].to_numpy()[open_], minlength=len(AGING_BUCKETS))
    counts = np.bincount(bucket, minlength=len(AGING_BUCKETS))
    total = amounts.sum()
    return pd.DataFrame({"bucket": list(AGING_BUCKETS), "invoices": counts, "amount": amounts,
                         "share": amounts / total if total > 0 else np.zeros(len(AGING_BUCKETS))})


def invoice_dates(sim: CreditSimulation) -> pd.DataFrame:
    """The invoices with calendar dates: ``issue_date``, ``due_date`` and
    ``paid_date`` (NaT unless paid) added after ``settle_day``."""
    _check_simulation(sim)
    inv = sim.invoices.copy()
    start = np.datetime64(sim.start.date(), "D")

    def dates(column: str) -> np.ndarray:
        return (start + inv[column].to_numpy().astype("timedelta64[D]")).astype("datetime64[ns]")

    position = inv.columns.get_loc("settle_day") + 1
    paid = (inv["status"] == "paid").to_numpy()
    inv.insert(position, "paid_date", np.where(paid, dates("settle_day"), np.datetime64("NaT")))
    inv.insert(position, "due_date", dates("due_day"))
    inv.insert(position, "issue_date", dates("issue_day"))
    return inv


def _settle_month(sim: CreditSimulation) -> np.ndarray:
    """Month in which each invoice was settled (``sim.months`` if still open)."""
    return np.searchsorted(_month_starts(sim.months), sim.invoices["settle_day"].to_numpy(), side="right") - 1


def receivables_by_month(sim: CreditSimulation) -> pd.DataFrame:
    """Month by month: sales, collections and the receivables balance at month end.

    Returns
    -------
    DataFrame, one row per month: ``month`` (0-based), ``month_end_day``
    (last day of the month), ``credit_sales`` (invoiced that month, CNY),
    ``collected`` (paid that month, CNY), ``written_off`` (CNY),
    ``receivables`` (open at the end of the month, as :func:`aging` counts, CNY).
    """
    _check_simulation(sim)
    inv = sim.invoices
    months = sim.months
    starts = _month_starts(months)
    amount = inv["amount"].to_numpy()
    status = inv["status"].cat.codes.to_numpy()
    issue_month = inv["month"].to_numpy()
    # Month of each settlement; settle_day == horizon (still open) gives month `months`.
    settle_month = _settle_month(sim)
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


SUMMARY_FIELDS = ("customers", "approved", "approval_rate", "potential_sales", "sales", "credit_sales", "cash_sales",
                  "lost_sales", "receivables_end", "average_receivables", "dso", "bad_debt", "bad_debt_rate",
                  "discount_cost", "interest_cost", "collection_cost", "contribution", "profit", "years")


def summarise_policy(sim: CreditSimulation) -> pd.Series:
    """The credit manager's figures for one simulated policy (whole horizon).

    Returns
    -------
    Series indexed by :data:`SUMMARY_FIELDS`:

    - ``customers``, ``approved``, ``approval_rate``
    - ``potential_sales``, ``sales``, ``credit_sales``, ``cash_sales``, ``lost_sales`` (CNY)
    - ``receivables_end`` (CNY), ``average_receivables`` (mean month-end balance, CNY)
    - ``dso``: average receivables / average daily sales (days)
    - ``bad_debt`` (CNY), ``bad_debt_rate`` (of credit sales)
    - ``discount_cost``, ``interest_cost`` (cost of money tied up, invoice by
      invoice), ``collection_cost``, ``contribution`` (sales x (1 - variable cost
      ratio)), ``profit`` = contribution - bad debt - discounts - interest - collection (CNY)
    - ``years``: length of the horizon
    """
    _check_simulation(sim)
    acc, inv, policy = sim.accounts, sim.invoices, sim.policy

    def total(table: pd.DataFrame, column: str) -> float:
        return float(table[column].to_numpy().sum())

    n = len(acc)
    approved = int(acc["approved"].to_numpy().sum())
    sales = total(acc, "sales")
    credit_sales = total(acc, "credit_sales")
    # Mean of the month-end balances (as receivables_by_month gives them): an
    # invoice counts at the end of every month from the one it was issued in
    # up to, not including, the one it was settled in.
    months_open = _settle_month(sim) - inv["month"].to_numpy()
    average_receivables = float(inv["amount"].to_numpy() @ months_open) / sim.months
    bad_debt = total(inv, "bad_debt")
    discount = total(inv, "discount")
    interest = total(inv, "interest_cost")
    collection = total(inv, "collection_cost")
    contribution = sales * (1 - policy.variable_cost_ratio)
    values = {
        "customers": n, "approved": approved, "approval_rate": approved / n,
        "potential_sales": total(acc, "potential_sales"), "sales": sales, "credit_sales": credit_sales,
        "cash_sales": total(acc, "cash_sales"), "lost_sales": total(acc, "lost_sales"),
        "receivables_end": total(acc, "receivable_end"), "average_receivables": average_receivables,
        "dso": average_receivables / (sales / sim.horizon_days) if sales > 0 else 0.0,
        "bad_debt": bad_debt, "bad_debt_rate": bad_debt / credit_sales if credit_sales > 0 else 0.0,
        "discount_cost": discount, "interest_cost": interest, "collection_cost": collection,
        "contribution": contribution,
        "profit": contribution - bad_debt - discount - interest - collection,
        "years": sim.years,
    }
    return pd.Series(values, index=list(SUMMARY_FIELDS), dtype=float)


def incremental_profit(base: CreditSimulation, new: CreditSimulation) -> pd.DataFrame:
    """The textbook appraisal of a credit-policy change, next to the simulation.

    The formula works from aggregate figures of each policy (sales, DSO,
    bad-debt rate, discounts, collection cost), as a credit manager would::

        incremental profit = dS x (1 - v)                            contribution
                           - d(S / D x DSO) x v x k x years          money tied up
                           - d(S_credit x bad-debt rate)             bad debt
                           - d(discounts) - d(collection cost)

    with S sales over the horizon of D days, v the variable cost ratio and k
    the cost of capital. The simulation's own change in each item is
    computed invoice by invoice; the two agree up to the approximation of
    the money tied up by month-end balances.

    Returns
    -------
    DataFrame indexed by component (contribution, interest, bad_debt,
    discount, collection, profit) with columns ``formula`` and ``simulated`` (CNY).
    """
    _check_simulation(base)
    _check_simulation(new)
    if base.months != new.months:
        raise ValueError(f"both simulations need the same horizon; got {base.months} and {new.months} months")
    for name in ("variable_cost_ratio", "cost_of_capital"):
        if getattr(base.policy, name) != getattr(new.policy, name):
            raise ValueError(f"both policies need the same {name} to compare profits")
    v, k = new.policy.variable_cost_ratio, new.policy.cost_of_capital
    a, b = summarise_policy(base), summarise_policy(new)
    days = new.horizon_days

    def tied_up(s: pd.Series) -> float:
        return s["sales"] / days * s["dso"] * v * k * s["years"]

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
    return pd.DataFrame({"formula": formula, "simulated": simulated})


def review_limits(sim: CreditSimulation, file: pd.DataFrame, target_growth: float = 0.05,
                  attainment_floor: float = 0.8, raise_share: float = 0.2, cut_share: float = 0.2,
                  incident_cut_share: float = 0.5) -> pd.DataFrame:
    """Step 4 of the credit limit: the review after the first year of trading.

    The target is last year's purchases (``annual_purchases`` of the credit
    file) grown by ``target_growth``. A customer with a bad debt loses
    credit; one with an invoice more than :data:`INCIDENT_DAYS` days late
    has its limit cut by ``incident_cut_share``; otherwise meeting the
    target raises the limit by ``raise_share`` and missing
    ``attainment_floor`` of it cuts it by ``cut_share``.

    Returns
    -------
    DataFrame, one row per customer: ``customer_id``, ``credit_limit``,
    ``target`` (CNY, NaN without history), ``first_year_sales`` (CNY),
    ``attainment`` (NaN without target), ``incident`` (bool), ``bad_debt`` (bool),
    ``review`` (category: raise / keep / cut / cut_incident / stop / no_credit),
    ``new_limit`` (CNY).
    """
    _check_simulation(sim)
    check_real("target_growth", target_growth, -1.0, 10.0)
    check_real("attainment_floor", attainment_floor, 0.0, 10.0)
    for name, value in (("raise_share", raise_share), ("cut_share", cut_share),
                        ("incident_cut_share", incident_cut_share)):
        check_real(name, value, 0.0, 1.0)
    purchases = _column(file, "annual_purchases", "file").astype(float)
    acc, inv = sim.accounts, sim.invoices
    n = len(acc)
    if len(purchases) != n:
        raise ValueError(f"file needs one row per simulated customer ({n}); got {len(purchases)}")
    row = np.searchsorted(acc["customer_id"].to_numpy(), inv["customer_id"].to_numpy())
    first_year = inv["month"].to_numpy() < 12
    sales = np.bincount(row, weights=inv["amount"].to_numpy() * first_year, minlength=n)
    late = first_year & (inv["days_past_due"].to_numpy() > INCIDENT_DAYS)
    lost = first_year & (inv["status"] == "written_off").to_numpy()
    incident = np.bincount(row, weights=late, minlength=n) > 0
    bad = np.bincount(row, weights=lost, minlength=n) > 0
    target = np.where(purchases > 0, purchases * (1 + target_growth), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        attainment = sales / target
    limit = acc["credit_limit"].to_numpy()
    code = np.full(n, REVIEW_CODES.index("keep"), dtype=np.int8)
    code[attainment >= 1] = REVIEW_CODES.index("raise")
    code[attainment < attainment_floor] = REVIEW_CODES.index("cut")
    code[incident] = REVIEW_CODES.index("cut_incident")
    code[bad] = REVIEW_CODES.index("stop")
    code[~acc["approved"].to_numpy()] = REVIEW_CODES.index("no_credit")
    factor = np.array([1 + raise_share, 1.0, 1 - cut_share, 1 - incident_cut_share, 0.0, 0.0])[code]
    return pd.DataFrame({
        "customer_id": acc["customer_id"].to_numpy(), "credit_limit": limit, "target": target,
        "first_year_sales": sales, "attainment": attainment, "incident": incident, "bad_debt": bad,
        "review": pd.Categorical.from_codes(code, categories=list(REVIEW_CODES)), "new_limit": limit * factor,
    })


def sales_by_grade(sim: CreditSimulation, rating: pd.DataFrame) -> pd.DataFrame:
    """Per rating grade: customers, approvals, sales won and lost, and the true default rate.

    Parameters
    ----------
    sim : CreditSimulation
    rating : DataFrame
        The rating the simulation used (``grade`` column, same customer order).

    Returns
    -------
    DataFrame indexed by grade (best first): ``customers``, ``approved``,
    ``credit_sales``, ``cash_sales``, ``lost_sales``, ``bad_debt`` (CNY) and
    ``default_rate`` (share of the grade's customers that failed, hidden truth).
    """
    _check_simulation(sim)
    grade = _column(rating, "grade", "rating")
    if len(grade) != len(sim.accounts):
        raise ValueError(f"rating needs one row per simulated customer ({len(sim.accounts)}); got {len(grade)}")
    categories = list(rating["grade"].cat.categories)
    codes = rating["grade"].cat.codes.to_numpy()
    k = len(categories)
    acc = sim.accounts

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


def summary_table(*simulations: CreditSimulation, **summaries: pd.Series) -> pd.DataFrame:
    """Summaries of several policies side by side, for showing: row labels in
    the current language, amounts in CNY million, rates in percent.

    Pass simulations (each column is headed by its policy's terms, e.g.
    "net 30") and/or summaries by name
    (``summary_table(strict=summarise_policy(a), loose=summarise_policy(b))``).
    """
    for sim in simulations:
        _check_simulation(sim)
    summaries = {**{sim.policy.terms_text: summarise_policy(sim) for sim in simulations}, **summaries}
    if not summaries:
        raise ValueError("pass at least one simulation or summary, e.g. summary_table(sim)")

    def text(field: str, value: float) -> str:
        if field in _PERCENT_FIELDS:
            return f"{value:.2%}"
        if field in _COUNT_FIELDS:
            return f"{value:,.0f}"
        if field in ("dso", "years"):
            return f"{value:.1f}"
        return f"{value / 1e6:,.2f}"  # CNY million

    table = pd.DataFrame({name: [text(f, v) for f, v in s.items()] for name, s in summaries.items()},
                         index=[i18n.t(f"credit.summary.{f}") for f in next(iter(summaries.values())).index])
    return table


def aging_table(table: pd.DataFrame) -> pd.DataFrame:
    """An :func:`aging` table for showing: bucket names and headers in the
    current language, amounts in CNY million, shares in percent."""
    out = pd.DataFrame({
        i18n.t("credit.aging.col.bucket"): [i18n.t(f"credit.aging.{b}") for b in table["bucket"]],
        i18n.t("credit.aging.col.invoices"): [f"{v:,}" for v in table["invoices"]],
        i18n.t("credit.aging.col.amount"): [f"{v / 1e6:,.2f}" for v in table["amount"]],
        i18n.t("credit.aging.col.share"): [f"{v:.1%}" for v in table["share"]],
    })
    return out


def incremental_table(table: pd.DataFrame) -> pd.DataFrame:
    """An :func:`incremental_profit` table for showing, in the current language (CNY million)."""
    return pd.DataFrame({
        i18n.t("credit.inc.formula"): [f"{v / 1e6:,.2f}" for v in table["formula"]],
        i18n.t("credit.inc.simulated"): [f"{v / 1e6:,.2f}" for v in table["simulated"]],
    }, index=pd.Index([i18n.t(f"credit.inc.{c}") for c in table.index], name=i18n.t("credit.inc.component")))


# --- how well a score separates good from bad payers ---------------------------
def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    starts = np.concatenate([[True], sorted_values[1:] != sorted_values[:-1]])
    group = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    counts = np.diff(np.append(first, len(values)))
    average = first + (counts + 1) / 2.0  # 1-based mean rank of each tie group
    ranks = np.empty(len(values))
    ranks[order] = average[group]
    return ranks


def _check_score_outcome(score, is_bad) -> tuple[np.ndarray, np.ndarray]:
    score = np.asarray(score, dtype=float)
    bad = np.asarray(is_bad)
    if score.ndim != 1 or bad.shape != score.shape:
        raise ValueError(f"score and is_bad must be 1-d and of equal length; got {score.shape} and {bad.shape}")
    if bad.dtype != bool:
        if not np.isin(bad, (0, 1)).all():
            raise ValueError("is_bad must be booleans (or 0/1)")
        bad = bad.astype(bool)
    if np.isnan(score).any():
        raise ValueError("score contains NaN")
    if bad.all() or not bad.any():
        raise ValueError(f"is_bad needs both good and bad payers; got {int(bad.sum())} bad of {len(bad)}")
    return score, bad


def auc(score, is_bad) -> float:
    """Area under the ROC curve: the chance that a random good payer scores
    above a random bad one (ties count half), by rank statistics.

    Parameters
    ----------
    score : array-like
        Higher = judged more reliable.
    is_bad : array-like of bool
        The true outcome (e.g. defaulted).
    """
    score, bad = _check_score_outcome(score, is_bad)
    ranks = _ranks(score)
    n_good, n_bad = int((~bad).sum()), int(bad.sum())
    return float((ranks[~bad].sum() - n_good * (n_good + 1) / 2) / (n_good * n_bad))


def gini(score, is_bad) -> float:
    """Gini coefficient (accuracy ratio) of a score: 2 x AUC - 1."""
    return 2 * auc(score, is_bad) - 1


def roc_curve(score, is_bad) -> pd.DataFrame:
    """The ROC curve of refusing everyone at or below each score threshold.

    Returns
    -------
    DataFrame from (0, 0) to (1, 1): ``threshold``, ``bad_caught`` (share of
    bad payers refused, the true-positive rate) and ``good_refused`` (share of
    good payers refused, the false-positive rate).
    """
    score, bad = _check_score_outcome(score, is_bad)
    thresholds, inverse = np.unique(score, return_inverse=True)
    bads = np.cumsum(np.bincount(inverse, weights=bad, minlength=len(thresholds)))
    goods = np.cumsum(np.bincount(inverse, weights=~bad, minlength=len(thresholds)))
    return pd.DataFrame({
        "threshold": np.concatenate([[-np.inf], thresholds]),
        "bad_caught": np.concatenate([[0.0], bads / bad.sum()]),
        "good_refused": np.concatenate([[0.0], goods / (~bad).sum()]),
    })


# --- convenience: the whole chain ----------------------------------------------
SWEEP_FIELDS = ("cutoff", "credit_period", "discount_rate", "limit_multiplier")


def run_policy(world, policy: CreditPolicy, scorecard: ScoreCard = DEFAULT_SCORECARD,
               rules: LimitRules = DEFAULT_LIMIT_RULES, months: int = 24, seed: SeedLike = 0,
               file: pd.DataFrame | None = None) -> CreditSimulation:
    """Credit file -> rating -> limits -> simulation in one call."""
    file = credit_file(world) if file is None else file
    return simulate_receivables(world, policy, rate(file, scorecard), credit_limits(file, rules), months, seed)


def policy_sweep(world, policy: CreditPolicy, field: str, values, scorecard: ScoreCard = DEFAULT_SCORECARD,
                 rules: LimitRules = DEFAULT_LIMIT_RULES, months: int = 24, seed: SeedLike = 0,
                 file: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summaries of ``policy`` with one field set to each of ``values`` (same seed: a fair comparison).

    Parameters
    ----------
    field : {"cutoff", "credit_period", "discount_rate", "limit_multiplier"}
    values : sequence
        Values of that field (each checked by :class:`CreditPolicy`).

    Returns
    -------
    DataFrame with one row per value: the column ``field`` and :data:`SUMMARY_FIELDS`.
    """
    check_choice("field", field, SWEEP_FIELDS)
    values = list(values)
    if not values:
        raise ValueError("values must not be empty")
    policies = [policy.but(**{field: v}) for v in values]  # checks every value before any work
    file = credit_file(world) if file is None else file
    rating, limits = rate(file, scorecard), credit_limits(file, rules)
    draws = draw_randomness(len(world.customers), months, seed)
    rows = [summarise_policy(simulate_receivables(world, p, rating, limits, months, seed, draws)) for p in policies]
    out = pd.DataFrame(rows).reset_index(drop=True)
    out.insert(0, field, values)
    return out


__all__ = [
    "AGING_BUCKETS", "CreditSimulation", "SUMMARY_FIELDS", "aging", "aging_table", "auc", "draw_randomness", "gini",
    "incremental_profit", "incremental_table", "invoice_dates", "policy_sweep", "receivables_by_month",
    "review_limits", "roc_curve", "run_policy", "sales_by_grade", "simulate_receivables", "summarise_policy",
    "summary_table",
]
