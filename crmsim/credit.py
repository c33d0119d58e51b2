"""Credit decisions: the credit file, a weighted factor rating, the four-step
credit limit and the credit policy.

The flow of a credit decision, as taught in the course:

1. :func:`credit_file` gathers what a seller can find out about each
   customer: ratios from three years of financial statements, items of a
   credit report (late payments and defaults in our own order history,
   lawsuits, contingent liabilities) and non-financial items (reputation,
   years in business, management and professional level).
2. :func:`rate` turns the file into points per factor, a weighted score in
   [0, 100] and a grade (AAA ... C) with a :class:`ScoreCard`;
   :func:`rating_steps` shows every step for one customer and
   :func:`odds_scaling` rescales the score to "points to double the odds".
3. :func:`credit_limits` sets a limit in four steps (:class:`LimitRules`):
   a base limit by revenue tier, graded investigated items giving
   percentages, the combined limit; :func:`crmsim.receivables.review_limits`
   is the fourth step, the annual review.
4. :class:`CreditPolicy` holds the screening cutoff, credit period, cash
   discount and collection policy that :mod:`crmsim.receivables` simulates.

Everything is vectorised over customers and seeded; nothing prints or plots.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import i18n
from .world import vocab
from .world.financials import financial_ratios
from .seeding import SeedLike, root_sequence
from .validation import check_choice, check_int, check_real

#: First element of the spawn keys of every random stream of the credit
#: module (the issue number); never reuse it elsewhere.
CREDIT_STREAM = 5_000
STREAM_FILE = 0  # the non-financial and credit-report items of the file

GRADES = ("AAA", "AA", "A", "BBB", "BB", "B", "C")
FACTOR_GROUPS = ("financial", "report", "nonfinancial")
LIMIT_ITEMS = ("revenue", "reputation", "years_in_business", "management_level", "professional_level")
ITEM_GRADES = ("A", "B", "C", "D")

i18n.register({
    # credit-file columns and rating factors
    "credit.factor.current_ratio": ("Current ratio", "流动比率"),
    "credit.factor.debt_to_asset": ("Debt-to-asset ratio", "资产负债率"),
    "credit.factor.sales_margin": ("Sales margin", "销售利润率"),
    "credit.factor.receivables_turnover": ("Receivables turnover", "应收账款周转率"),
    "credit.factor.cash_flow_years": ("Years of positive operating cash flow", "经营现金流为正的年数"),
    "credit.factor.late_payment_share": ("Share of past invoices paid late", "历史逾期付款比例"),
    "credit.factor.past_defaults": ("Past defaults", "历史违约次数"),
    "credit.factor.lawsuits": ("Lawsuits", "诉讼记录"),
    "credit.factor.contingent_share": ("Contingent liabilities / assets", "或有负债占资产比"),
    "credit.factor.reputation": ("Reputation (1-5)", "商誉（1-5）"),
    "credit.factor.years_in_business": ("Years in business", "经营年限"),
    "credit.factor.management_level": ("Management level (1-5)", "经营管理水平（1-5）"),
    "credit.factor.professional_level": ("Professional level (1-5)", "专业水平（1-5）"),
    "credit.factor.revenue": ("Revenue within its tier", "营业额（同规模内）"),
    "credit.group.financial": ("Financial statements", "财务信息"),
    "credit.group.report": ("Credit report", "信用报告"),
    "credit.group.nonfinancial": ("Non-financial items", "非财务信息"),
    # rating steps table
    "credit.step.factor": ("Factor", "评价因素"),
    "credit.step.group": ("Group", "类别"),
    "credit.step.value": ("Value", "数值"),
    "credit.step.band": ("Band", "区间"),
    "credit.step.points": ("Points (0-100)", "得分（0-100）"),
    "credit.step.weight": ("Weight", "权重"),
    "credit.step.weighted": ("Weighted points", "加权得分"),
    "credit.step.total": ("Total score", "总分"),
    "credit.step.missing": ("no record", "无记录"),
    "credit.terms.net": ("net {days}", "n/{days}"),
    "credit.terms.discount": ("{rate}/{discount_days}, net {days}", "{rate}/{discount_days}，n/{days}"),
    # the credit file card
    "credit.file.item": ("Item", "项目"),
    "credit.file.value": ("Value", "内容"),
    "credit.file.name": ("Customer", "客户"),
    "credit.file.size_tier": ("Size tier", "规模等级"),
    "credit.file.annual_revenue": ("Annual revenue (CNY m)", "年营业收入（百万元）"),
    "credit.file.revenue_in_tier": ("Revenue / lower bound of its tier", "营业收入 / 所在规模下限"),
    "credit.file.operating_cash_flow": ("Operating cash flow (CNY m)", "经营现金流（百万元）"),
    "credit.file.past_invoices": ("Our past invoices", "历史发票数"),
    "credit.file.late_payments": ("Of them paid late", "其中逾期付款"),
    "credit.file.contingent_liabilities": ("Contingent liabilities (CNY m)", "或有负债（百万元）"),
    "credit.file.annual_purchases": ("Bought from us, last 12 months (CNY)", "近12个月向我方采购额（元）"),
    # headers of tables shown with translated()
    "credit.col.customer_id": ("Customer ID", "客户编号"),
    "credit.col.grade": ("Grade", "信用等级"),
    "credit.col.score": ("Score", "评分"),
    "credit.col.customers": ("Customers", "客户数"),
    "credit.col.approved": ("Approved", "获授信"),
    "credit.col.credit_sales": ("Credit sales (CNY m)", "赊销额（百万元）"),
    "credit.col.cash_sales": ("Cash sales (CNY m)", "现销额（百万元）"),
    "credit.col.lost_sales": ("Lost sales (CNY m)", "损失销售额（百万元）"),
    "credit.col.bad_debt": ("Bad debt (CNY m)", "坏账（百万元）"),
    "credit.col.default_rate": ("True default rate", "真实违约率"),
    "credit.col.credit_limit": ("Credit limit (CNY m)", "信用额度（百万元）"),
    "credit.col.new_limit": ("Limit after review (CNY m)", "审核后额度（百万元）"),
    "credit.col.review": ("Review", "审核结果"),
    "credit.col.log_odds": ("Log-odds good:bad", "好坏比对数"),
    "credit.col.good_odds": ("Odds good:bad", "好坏比"),
    "credit.col.scaled_score": ("Scaled score", "刻度分"),
    "credit.col.credit_period": ("Credit period (days)", "信用期（天）"),
    "credit.col.cutoff": ("Cutoff", "授信门槛"),
    "credit.col.discount_rate": ("Cash discount", "现金折扣率"),
    "credit.col.limit_multiplier": ("Limit multiplier", "额度系数"),
    "credit.col.sales": ("Sales (CNY m)", "销售额（百万元）"),
    "credit.col.dso": ("DSO (days)", "应收账款周转天数"),
    "credit.col.bad_debt_rate": ("Bad-debt rate", "坏账率"),
    "credit.col.interest_cost": ("Cost of money tied up (CNY m)", "资金占用成本（百万元）"),
    "credit.col.profit": ("Profit (CNY m)", "利润（百万元）"),
    "credit.col.approval_rate": ("Approval rate", "授信通过率"),
    "credit.col.count": ("Customers", "客户数"),
    "credit.col.share": ("Share", "占比"),
    # limit steps
    "credit.limit.item": ("Investigated item", "考查项目"),
    "credit.limit.grade": ("Grade", "等级"),
    "credit.limit.percent": ("Credit percentage", "信用百分率"),
    "credit.limit.base": ("Step 1: base limit (CNY)", "第1步：基础信用额度（元）"),
    "credit.limit.mean_percent": ("Step 2: mean credit percentage", "第2步：平均信用百分率"),
    "credit.limit.multiplier": ("Limit multiplier", "额度系数"),
    "credit.limit.combined": ("Step 3: credit limit (CNY)", "第3步：信用额度（元）"),
})
for _grade in GRADES:
    i18n.register({f"credit.grade.{_grade}": (_grade, _grade + "级")})


# --------------------------------------------------------------------------
# 1. The credit file
# --------------------------------------------------------------------------
def _streams(seed: SeedLike, stream: int, count: int = 1) -> list[np.random.Generator]:
    """``count`` independent generators of one credit stream."""
    root = root_sequence(seed)
    return [np.random.Generator(np.random.PCG64(np.random.SeedSequence(
        root.entropy, spawn_key=tuple(root.spawn_key) + (CREDIT_STREAM + stream, k)))) for k in range(count)]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def credit_file(world, seed: SeedLike | None = None) -> pd.DataFrame:
    """The credit file (客户信用档案) of every customer of ``world``.

    Financial items come from the world's statements; past late payments
    and defaults from its order history. Lawsuits, contingent liabilities
    and the judged non-financial items are not in the world, so they are
    drawn here, following the customer's hidden payment reliability with
    noise (a judgement is never exact).

    Parameters
    ----------
    world : World
    seed : int, SeedSequence or Generator, optional
        Seed of the drawn items; default: the world's own seed, so one world
        always has one credit file.

    Returns
    -------
    DataFrame, one row per customer, in customer order:

    - ``customer_id`` (int32), ``name_en``, ``name_zh``, ``size_tier``
    - ``annual_revenue``: latest fiscal year, CNY million
    - ``revenue_in_tier``: revenue / the lower revenue bound of its size tier
    - ``current_ratio``, ``debt_to_asset``, ``sales_margin``,
      ``receivables_turnover``: latest fiscal year
    - ``operating_cash_flow``: latest year, CNY million
    - ``cash_flow_years``: of the three years, how many had positive operating cash flow
    - ``past_invoices``: our invoices to the customer in the order history
    - ``late_payments``: of them, paid after the due date or overdue and unpaid
    - ``late_payment_share``: late_payments / past_invoices (NaN without history)
    - ``past_defaults``: invoices written off as bad debts
    - ``lawsuits``: lawsuits on record (credit report)
    - ``contingent_liabilities``: guarantees and similar, CNY million
    - ``contingent_share``: contingent liabilities / total assets
    - ``reputation``, ``management_level``, ``professional_level``: judged 1 (poor) .. 5 (excellent)
    - ``years_in_business``
    - ``annual_purchases``: what the customer bought from us in the last 12 months, CNY
    """
    customers, orders = world.customers, world.orders
    n = len(customers)
    ids = customers["customer_id"].to_numpy()
    (rng,) = _streams(world.seed if seed is None else seed, STREAM_FILE)

    ratios = financial_ratios(world.financials)
    latest = ratios.groupby("customer_id", sort=True).tail(1).set_index("customer_id").reindex(ids)
    positive = (world.financials["operating_cash_flow"] > 0).groupby(world.financials["customer_id"]).sum()
    fin = world.financials.groupby("customer_id", sort=True).tail(1).set_index("customer_id").reindex(ids)

    # Our own history with the customer: a simple credit record.
    row = np.searchsorted(ids, orders["customer_id"].to_numpy())  # customers are sorted by id
    as_of = np.datetime64(world.as_of.date(), "ns")
    late = ((orders["days_to_pay"] > orders["payment_terms_days"])
            | ((orders["status"] == "open") & (orders["due_date"] < as_of))).to_numpy()
    invoices = np.bincount(row, minlength=n)
    late_count = np.bincount(row, weights=late, minlength=n)
    defaults = np.bincount(row, weights=(orders["status"] == "written_off").to_numpy(), minlength=n)
    recent = (orders["order_date"] >= as_of - np.timedelta64(365, "D")).to_numpy()
    purchases = np.bincount(row, weights=orders["revenue"].to_numpy() * recent, minlength=n)

    # Drawn items follow the hidden credit quality (logit of reliability).
    quality = _logit(customers["true_payment_reliability"].to_numpy()) - 1.7
    z = rng.standard_normal((4, n))
    u = rng.random((2, n))
    lawsuits = rng.poisson(0.08 * np.exp(-0.9 * quality))
    has_contingent = u[0] < 0.35
    contingent_share = np.where(has_contingent, np.exp(-2.6 - 0.5 * quality + 0.6 * z[0]), 0.0)
    contingent_share = np.minimum(contingent_share, 0.9)
    years = customers["years_in_business"].to_numpy()

    def judged(signal: np.ndarray) -> np.ndarray:
        return np.clip(np.rint(3 + signal), 1, 5).astype(np.int8)

    tier = customers["size_tier"].cat.codes.to_numpy()
    tier_floor = np.array([low for _, _, _, _, low, _ in vocab.SIZE_TIERS])[tier]
    revenue = fin["revenue"].to_numpy()
    return pd.DataFrame(copy=False, data={
        "customer_id": ids,
        "name_en": customers["name_en"].array,
        "name_zh": customers["name_zh"].array,
        "size_tier": customers["size_tier"].array,
        "annual_revenue": revenue,
        "revenue_in_tier": revenue / tier_floor,
        "current_ratio": latest["current_ratio"].to_numpy(),
        "debt_to_asset": latest["debt_to_asset"].to_numpy(),
        "sales_margin": latest["sales_margin"].to_numpy(),
        "receivables_turnover": latest["receivables_turnover"].to_numpy(),
        "operating_cash_flow": latest["operating_cash_flow"].to_numpy(),
        "cash_flow_years": positive.reindex(ids).to_numpy().astype(np.int8),
        "past_invoices": invoices.astype(np.int32),
        "late_payments": late_count.astype(np.int32),
        "late_payment_share": np.where(invoices > 0, late_count / np.maximum(invoices, 1), np.nan),
        "past_defaults": defaults.astype(np.int32),
        "lawsuits": lawsuits.astype(np.int32),
        "contingent_liabilities": contingent_share * fin["total_assets"].to_numpy(),
        "contingent_share": contingent_share,
        "reputation": judged(0.9 * quality + 0.8 * z[1]),
        "years_in_business": years,
        "management_level": judged(0.6 * quality + 0.5 * (np.log(years) - 2.0) + 0.8 * z[2]),
        "professional_level": judged(0.4 * quality + 0.3 * (tier - 1) + 0.9 * z[3]),
        "annual_purchases": purchases,
    })


_FILE_ITEMS = ("annual_revenue", "revenue_in_tier", "current_ratio", "debt_to_asset", "sales_margin",
               "receivables_turnover", "operating_cash_flow", "cash_flow_years", "past_invoices", "late_payments",
               "late_payment_share", "past_defaults", "lawsuits", "contingent_liabilities", "contingent_share",
               "reputation", "years_in_business", "management_level", "professional_level", "annual_purchases")


def _customer_row(table: pd.DataFrame, customer_id: int, what: str) -> pd.Series:
    """The row of ``customer_id`` in a per-customer table, or a clear error naming ``what`` it was looked up in."""
    check_int("customer_id", customer_id)
    match = table.index[table["customer_id"] == customer_id]
    if len(match) == 0:
        raise ValueError(f"customer_id={customer_id} is not in {what} "
                         f"(ids {table['customer_id'].min()}..{table['customer_id'].max()})")
    return table.loc[match[0]]


def file_card(file: pd.DataFrame, customer_id: int) -> pd.DataFrame:
    """One customer's credit file as a two-column table in the current language.

    Rows: the items of :func:`credit_file` (name, size tier and the numbers),
    grouped as statements, credit report and non-financial items.
    """
    _check_file(file, ("customer_id",) + _FILE_ITEMS)
    row = _customer_row(file, customer_id, "the credit file")
    name = row["name_zh"] if i18n.get_language() == "zh" else row["name_en"]
    items = [(i18n.t("credit.file.name"), str(name)),
             (i18n.t("credit.file.size_tier"), i18n.t(f"size_tier.{row['size_tier']}"))]
    for item in _FILE_ITEMS:
        value = row[item]
        text = i18n.t("credit.step.missing") if pd.isna(value) else (
            f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3g}" if isinstance(value, float) else f"{value:,}")
        key = f"credit.file.{item}" if i18n.has(f"credit.file.{item}") else f"credit.factor.{item}"
        items.append((i18n.t(key), text))
    return pd.DataFrame(items, columns=[i18n.t("credit.file.item"), i18n.t("credit.file.value")])


#: Columns in CNY that :func:`translated` shows in CNY million.
MONEY_COLUMNS = frozenset({"credit_sales", "cash_sales", "lost_sales", "bad_debt", "credit_limit", "new_limit",
                           "sales", "potential_sales", "interest_cost", "profit", "contribution", "discount_cost",
                           "collection_cost", "receivables_end", "average_receivables"})


def translated(table: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """A copy of a credit table for showing: headers in the current language,
    grade and review codes translated, numbers formatted as text
    (thousands separators; amounts of :data:`MONEY_COLUMNS` in CNY million;
    shares in [0, 1] columns named ``*rate``/``*share`` as percentages).
    """
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype) or values.dtype == object:
            continue
        if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
            continue
        if column in MONEY_COLUMNS:  # CNY shown in millions: readable, and robust to float dust
            out[column] = [("" if pd.isna(v) else f"{v / 1e6:,.2f}") for v in values]
        elif str(column).endswith(("rate", "share")):
            out[column] = [("" if pd.isna(v) else f"{v:.1%}") for v in values]
        elif pd.api.types.is_float_dtype(values.dtype):
            out[column] = [("" if pd.isna(v) else f"{v:,.{0 if abs(v) >= 1000 or v == 0 else decimals}f}")
                           for v in values]
        else:
            out[column] = [f"{v:,}" for v in values]
    for column in ("grade", "review"):
        if column in out.columns:
            out[column] = [i18n.t(f"credit.{column}.{v}") for v in out[column].astype(str)]
    if out.index.name in ("grade", "review"):
        out.index = pd.Index([i18n.t(f"credit.{out.index.name}.{v}") for v in out.index],
                             name=i18n.t(f"credit.col.{out.index.name}"))
    out.columns = [i18n.t(f"credit.col.{c}") if i18n.has(f"credit.col.{c}") else str(c) for c in out.columns]
    return out


# --------------------------------------------------------------------------
# 2. The rating
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Factor:
    """One rated factor of the credit file.

    Parameters
    ----------
    name : str
        A numeric column of :func:`credit_file`.
    group : {"financial", "report", "nonfinancial"}
    weight : float
        Relative weight (>= 0); the score divides by the sum of weights.
    breaks : tuple of float
        Increasing band edges; a value ``v`` falls in band ``k`` = number of
        edges ``<= v``.
    points : tuple of float
        Points in [0, 100] of each band (one more than ``breaks``).
    missing_points : float
        Points when the value is missing (e.g. no payment history yet).
    """

    name: str
    group: str
    weight: float
    breaks: tuple[float, ...]
    points: tuple[float, ...]
    missing_points: float = 50.0

    def __post_init__(self) -> None:
        check_choice("group", self.group, FACTOR_GROUPS)
        check_real(f"weight of {self.name}", self.weight, 0.0)
        breaks = np.asarray(self.breaks, dtype=float)
        if breaks.ndim != 1 or len(breaks) == 0 or np.any(np.diff(breaks) <= 0) or not np.all(np.isfinite(breaks)):
            raise ValueError(f"breaks of factor {self.name!r} must be a non-empty increasing list of numbers; "
                             f"got {self.breaks!r}")
        if len(self.points) != len(self.breaks) + 1:
            raise ValueError(f"factor {self.name!r} needs {len(self.breaks) + 1} points (one per band); "
                             f"got {len(self.points)}")
        for p in (*self.points, self.missing_points):
            check_real(f"points of {self.name}", p, 0.0, 100.0)

    def score(self, values: np.ndarray) -> np.ndarray:
        """Points of each value (vectorised)."""
        band = np.searchsorted(np.asarray(self.breaks), values, side="right")
        return np.where(np.isnan(values), self.missing_points, np.asarray(self.points, dtype=float)[band])

    def band_labels(self) -> list[str]:
        """Text of each band, e.g. ``"< 1"``, ``"1 - 1.3"``, ``">= 2"``."""
        b = [f"{x:g}" for x in self.breaks]
        return [f"< {b[0]}"] + [f"{lo} - {hi}" for lo, hi in zip(b[:-1], b[1:])] + [f">= {b[-1]}"]


DEFAULT_FACTORS = (
    Factor("current_ratio", "financial", 12, (1.0, 1.3, 1.6, 2.0), (10, 40, 60, 80, 100)),
    Factor("debt_to_asset", "financial", 12, (0.4, 0.55, 0.7, 0.85), (100, 80, 55, 30, 0)),
    Factor("sales_margin", "financial", 10, (0.0, 0.03, 0.06, 0.1), (0, 40, 65, 85, 100)),
    Factor("receivables_turnover", "financial", 8, (4.0, 6.0, 8.0, 12.0), (20, 45, 65, 85, 100)),
    Factor("cash_flow_years", "financial", 8, (1, 2, 3), (0, 40, 70, 100)),
    Factor("late_payment_share", "report", 15, (0.05, 0.15, 0.3, 0.5), (100, 80, 50, 20, 0)),
    Factor("past_defaults", "report", 10, (1, 2), (100, 30, 0), missing_points=100),
    Factor("lawsuits", "report", 5, (1, 2), (100, 50, 0)),
    Factor("contingent_share", "report", 5, (0.05, 0.15, 0.3), (100, 70, 40, 0)),
    Factor("reputation", "nonfinancial", 5, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
    Factor("years_in_business", "nonfinancial", 5, (3, 5, 10, 20), (20, 40, 60, 80, 100)),
    Factor("management_level", "nonfinancial", 3, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
    Factor("professional_level", "nonfinancial", 2, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
)


@dataclass(frozen=True)
class ScoreCard:
    """Weighted factor rating: factors, their weights and the grade bands.

    Parameters
    ----------
    factors : tuple of Factor
    grade_floors : tuple of float
        Lowest score of each grade but the last, best first: with the
        default ``(85, 75, 65, 55, 45, 35)`` a score of 85 or more is AAA,
        75-85 AA, ... and below 35 C.
    grades : tuple of str
        Grade names, best first (one more than ``grade_floors``).
    """

    factors: tuple[Factor, ...] = DEFAULT_FACTORS
    grade_floors: tuple[float, ...] = (85, 75, 65, 55, 45, 35)
    grades: tuple[str, ...] = GRADES

    def __post_init__(self) -> None:
        if not self.factors or not all(isinstance(f, Factor) for f in self.factors):
            raise TypeError(f"factors must be a non-empty tuple of Factor; got {self.factors!r}")
        names = [f.name for f in self.factors]
        if len(set(names)) != len(names):
            raise ValueError(f"factors name a column twice: {names}")
        if sum(f.weight for f in self.factors) <= 0:
            raise ValueError("the factor weights must not all be 0")
        floors = np.asarray(self.grade_floors, dtype=float)
        if len(floors) + 1 != len(self.grades) or np.any(np.diff(floors) >= 0):
            raise ValueError(f"grade_floors must be decreasing, one fewer than grades {self.grades}; "
                             f"got {self.grade_floors!r}")

    @property
    def weights(self) -> dict[str, float]:
        """Normalised weights (summing to 1) by factor name."""
        total = sum(f.weight for f in self.factors)
        return {f.name: f.weight / total for f in self.factors}

    def with_weights(self, **weights: float) -> ScoreCard:
        """A copy with new weights for the named factors."""
        known = {f.name for f in self.factors}
        unknown = sorted(set(weights) - known)
        if unknown:
            raise ValueError(f"unknown factor(s) {unknown}; the score card has {sorted(known)}")
        return replace(self, factors=tuple(replace(f, weight=weights.get(f.name, f.weight)) for f in self.factors))

    def with_group_weights(self, financial: float = 1.0, report: float = 1.0, nonfinancial: float = 1.0) -> ScoreCard:
        """A copy with every factor's weight multiplied by the weight of its group."""
        scale = {"financial": check_real("financial", financial, 0.0),
                 "report": check_real("report", report, 0.0),
                 "nonfinancial": check_real("nonfinancial", nonfinancial, 0.0)}
        if sum(scale[f.group] * f.weight for f in self.factors) <= 0:
            raise ValueError(f"group weights {scale} leave every factor with weight 0")
        return replace(self, factors=tuple(replace(f, weight=f.weight * scale[f.group]) for f in self.factors))

    def grade_of(self, score: np.ndarray) -> pd.Categorical:
        """The grade of each score."""
        index = np.searchsorted(-np.asarray(self.grade_floors, dtype=float), -np.asarray(score), side="left")
        return pd.Categorical.from_codes(index, categories=list(self.grades))


DEFAULT_SCORECARD = ScoreCard()


def _check_file(file: pd.DataFrame, columns) -> None:
    if not isinstance(file, pd.DataFrame):
        raise TypeError(f"file must be the DataFrame of credit_file(); got {type(file).__name__}")
    missing = [c for c in columns if c not in file.columns]
    if missing:
        raise ValueError(f"file lacks column(s) {missing}; pass the table returned by credit_file()")


def rate(file: pd.DataFrame, scorecard: ScoreCard = DEFAULT_SCORECARD) -> pd.DataFrame:
    """Rate every customer of a credit file (信用等级评定).

    Parameters
    ----------
    file : DataFrame
        From :func:`credit_file`.
    scorecard : ScoreCard

    Returns
    -------
    DataFrame, one row per customer:

    - ``customer_id``
    - ``points_<factor>``: points in [0, 100] of each factor
    - ``score``: weighted mean of the points, in [0, 100]; higher = more reliable payer
    - ``grade``: category AAA ... C (best first)
    """
    if not isinstance(scorecard, ScoreCard):
        raise TypeError(f"scorecard must be a ScoreCard; got {type(scorecard).__name__}")
    _check_file(file, ["customer_id"] + [f.name for f in scorecard.factors])
    weights = scorecard.weights
    data = {"customer_id": file["customer_id"].to_numpy()}
    score = np.zeros(len(file))
    for factor in scorecard.factors:
        points = factor.score(file[factor.name].to_numpy(dtype=float))
        data[f"points_{factor.name}"] = points
        score += weights[factor.name] * points
    # Round away float dust so that a score of exactly 85 is not 84.999999... (a grade lower).
    data["score"] = score = np.round(score, 9)
    data["grade"] = scorecard.grade_of(score)
    return pd.DataFrame(data)


def rating_steps(file: pd.DataFrame, customer_id: int, scorecard: ScoreCard = DEFAULT_SCORECARD) -> pd.DataFrame:
    """Every step of one customer's rating, one row per factor, in the current language.

    Columns (translated headers): factor, group, value, band, points,
    weight (normalised), weighted points. The last row is the total with
    the grade in the band column.
    """
    _check_file(file, ["customer_id"] + [f.name for f in scorecard.factors])
    row = _customer_row(file, customer_id, "the credit file")
    weights = scorecard.weights
    rows = []
    for factor in scorecard.factors:
        value = float(row[factor.name])
        points = float(factor.score(np.array([value]))[0])
        band = (i18n.t("credit.step.missing") if np.isnan(value)
                else factor.band_labels()[int(np.searchsorted(factor.breaks, value, side="right"))])
        rows.append((i18n.t(f"credit.factor.{factor.name}"), i18n.t(f"credit.group.{factor.group}"),
                     round(value, 3), band, points, round(weights[factor.name], 3),
                     round(weights[factor.name] * points, 2)))
    total = sum(r[-1] for r in rows)
    score = sum(weights[f.name] * r[4] for f, r in zip(scorecard.factors, rows))
    grade = str(scorecard.grade_of(np.array([score]))[0])
    if i18n.has(f"credit.grade.{grade}"):
        grade = i18n.t(f"credit.grade.{grade}")
    rows.append((i18n.t("credit.step.total"), "", np.nan, grade, np.nan, 1.0, round(total, 2)))
    columns = [i18n.t(f"credit.step.{c}") for c in ("factor", "group", "value", "band", "points", "weight", "weighted")]
    return pd.DataFrame(rows, columns=columns)


def odds_scaling(rating: pd.DataFrame, is_bad, base_score: float = 600.0, base_odds: float = 50.0,
                 pdo: float = 20.0) -> pd.DataFrame:
    """Rescale a rating to "points to double the odds" (PDO), as credit scorecards do.

    A logistic regression of good/bad on the score gives each customer's
    log-odds of being a good payer; the scaled score is
    ``base_score + pdo / ln 2 * (log_odds - ln base_odds)``, so a customer at
    ``base_score`` has good:bad odds of ``base_odds`` and every ``pdo``
    points more doubles them.

    Parameters
    ----------
    rating : DataFrame
        From :func:`rate` (needs ``customer_id`` and ``score``).
    is_bad : array-like of bool
        Observed bad payers, aligned with ``rating`` rows; needs both goods and bads.
    base_score, base_odds, pdo : float
        The anchor score, its odds (> 0) and the points that double the odds (> 0).

    Returns
    -------
    DataFrame: ``customer_id``, ``score``, ``log_odds``, ``good_odds``, ``scaled_score``.
    ``attrs`` holds the fitted ``intercept`` and ``slope``.
    """
    check_real("base_score", base_score)
    check_real("base_odds", base_odds, 0.0, inclusive=False)
    check_real("pdo", pdo, 0.0, inclusive=False)
    score = rating["score"].to_numpy(dtype=float)
    bad = np.asarray(is_bad, dtype=bool)
    if bad.shape != score.shape:
        raise ValueError(f"is_bad must have one value per rating row ({len(score)}); got shape {bad.shape}")
    if bad.all() or not bad.any():
        raise ValueError("is_bad must contain both good and bad payers to fit the odds")
    a, b = _fit_logistic((score - 50.0) / 10.0, ~bad)
    log_odds = a + b * (score - 50.0) / 10.0
    out = pd.DataFrame({"customer_id": rating["customer_id"].to_numpy(), "score": score, "log_odds": log_odds,
                        "good_odds": np.exp(log_odds),
                        "scaled_score": base_score + pdo / np.log(2) * (log_odds - np.log(base_odds))})
    out.attrs.update(intercept=a - b * 5.0, slope=b / 10.0)
    return out


def _fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 25) -> tuple[float, float]:
    """Intercept and slope of a one-variable logistic regression (Newton steps, lightly ridged)."""
    design = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    for _ in range(iterations):  # a fixed handful of Newton steps, each vectorised
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (y - p) - 1e-6 * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + 1e-6 * np.eye(2)
        beta = beta + np.linalg.solve(hessian, gradient)
    return float(beta[0]), float(beta[1])


# --------------------------------------------------------------------------
# 3. The four-step credit limit
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class LimitRules:
    """The four-step credit limit method (信用额度).

    Parameters
    ----------
    base_by_tier : tuple of float
        Step 1: base limit in CNY for the small, medium, large and very
        large revenue tiers.
    item_breaks : dict of str -> tuple of 3 floats
        Step 2: increasing edges grading each investigated item D, C, B, A
        (below the first edge D, from the last edge on A). Items:
        ``revenue`` (revenue over the tier's lower bound), ``reputation``,
        ``years_in_business``, ``management_level``, ``professional_level``.
    grade_percent : tuple of 4 floats
        Credit percentage of grades A, B, C, D.
    multiplier : float
        Step 3 scales the combined limit by this (>= 0), the credit
        committee's overall generosity.
    """

    base_by_tier: tuple[float, ...] = (100_000.0, 800_000.0, 6_000_000.0, 60_000_000.0)
    item_breaks: dict = field(default_factory=lambda: {
        "revenue": (1.8, 3.2, 5.6),
        "reputation": (3, 4, 5),
        "years_in_business": (3, 8, 15),
        "management_level": (3, 4, 5),
        "professional_level": (3, 4, 5),
    })
    grade_percent: tuple[float, ...] = (1.0, 0.8, 0.6, 0.4)
    multiplier: float = 1.0

    def __post_init__(self) -> None:
        if len(self.base_by_tier) != len(vocab.SIZE_CODES):
            raise ValueError(f"base_by_tier needs one limit per size tier {vocab.SIZE_CODES}; "
                             f"got {self.base_by_tier!r}")
        for value in self.base_by_tier:
            check_real("base_by_tier", value, 0.0)
        if set(self.item_breaks) != set(LIMIT_ITEMS):
            raise ValueError(f"item_breaks must grade exactly the items {LIMIT_ITEMS}; got {sorted(self.item_breaks)}")
        for item, breaks in self.item_breaks.items():
            if len(breaks) != 3 or np.any(np.diff(np.asarray(breaks, dtype=float)) <= 0):
                raise ValueError(f"item_breaks[{item!r}] must be 3 increasing edges; got {breaks!r}")
        if len(self.grade_percent) != len(ITEM_GRADES):
            raise ValueError(f"grade_percent needs one percentage per grade {ITEM_GRADES}; got {self.grade_percent!r}")
        for value in self.grade_percent:
            check_real("grade_percent", value, 0.0, 10.0)
        check_real("multiplier", self.multiplier, 0.0, 100.0)


DEFAULT_LIMIT_RULES = LimitRules()
_ITEM_COLUMN = {"revenue": "revenue_in_tier"}


def credit_limits(file: pd.DataFrame, rules: LimitRules = DEFAULT_LIMIT_RULES) -> pd.DataFrame:
    """Steps 1-3 of the four-step credit limit for every customer.

    Step 4, the annual review, needs a year of trading:
    :func:`crmsim.receivables.review_limits`.

    Returns
    -------
    DataFrame, one row per customer:

    - ``customer_id``
    - ``base_limit``: step 1, CNY, by size tier
    - ``grade_<item>``: step 2, the grade A-D of each investigated item
    - ``percent_<item>``: its credit percentage
    - ``mean_percent``: mean of the item percentages
    - ``credit_limit``: step 3, base_limit x mean_percent x multiplier, CNY
    """
    if not isinstance(rules, LimitRules):
        raise TypeError(f"rules must be a LimitRules; got {type(rules).__name__}")
    columns = [_ITEM_COLUMN.get(item, item) for item in LIMIT_ITEMS]
    _check_file(file, ["customer_id", "size_tier"] + columns)
    tier = file["size_tier"].cat.codes.to_numpy() if isinstance(file["size_tier"].dtype, pd.CategoricalDtype) \
        else pd.Categorical(file["size_tier"], categories=vocab.SIZE_CODES).codes
    base = np.asarray(rules.base_by_tier, dtype=float)[tier]
    percent_of_grade = np.asarray(rules.grade_percent, dtype=float)
    data = {"customer_id": file["customer_id"].to_numpy(), "base_limit": base}
    percents = []
    for item, column in zip(LIMIT_ITEMS, columns):
        # Band 0 (below the first edge) is grade D, band 3 is grade A.
        band = np.searchsorted(np.asarray(rules.item_breaks[item], dtype=float),
                               file[column].to_numpy(dtype=float), side="right")
        grade_index = 3 - band
        data[f"grade_{item}"] = pd.Categorical.from_codes(grade_index, categories=list(ITEM_GRADES))
        data[f"percent_{item}"] = percent_of_grade[grade_index]
        percents.append(percent_of_grade[grade_index])
    data["mean_percent"] = np.mean(percents, axis=0)
    data["credit_limit"] = base * data["mean_percent"] * rules.multiplier
    return pd.DataFrame(data)


def limit_steps(limits: pd.DataFrame, customer_id: int, rules: LimitRules = DEFAULT_LIMIT_RULES) -> pd.DataFrame:
    """Steps 1-3 of one customer's limit as a small table in the current language."""
    row = _customer_row(limits, customer_id, "the limits table")
    rows = [(i18n.t(f"credit.factor.{item}"), str(row[f"grade_{item}"]), row[f"percent_{item}"])
            for item in LIMIT_ITEMS]
    rows += [(i18n.t("credit.limit.base"), "", round(row["base_limit"], 2)),
             (i18n.t("credit.limit.mean_percent"), "", round(row["mean_percent"], 4)),
             (i18n.t("credit.limit.multiplier"), "", rules.multiplier),
             (i18n.t("credit.limit.combined"), "", round(row["credit_limit"], 2))]
    return pd.DataFrame(rows, columns=[i18n.t("credit.limit.item"), i18n.t("credit.limit.grade"),
                                       i18n.t("credit.limit.percent")])


# --------------------------------------------------------------------------
# 4. The credit policy
# --------------------------------------------------------------------------
COLLECTION_STYLES = ("lenient", "standard", "strict")
# Per collection style: first reminder (days past due), days between
# reminders, days past due when the account goes to a collection agency,
# how much it shortens late payment and lowers the default hazard.
_COLLECTION = {
    "lenient": dict(reminder_days=30, reminder_interval=30, escalation_days=150, late_factor=1.25, default_factor=1.2),
    "standard": dict(reminder_days=10, reminder_interval=20, escalation_days=90, late_factor=1.0, default_factor=1.0),
    "strict": dict(reminder_days=3, reminder_interval=10, escalation_days=45, late_factor=0.7, default_factor=0.8),
}


@dataclass(frozen=True)
class CreditPolicy:
    """A credit policy (信用政策): who gets credit, for how long, at what
    discount, and how overdue invoices are chased.

    Parameters
    ----------
    cutoff : float
        Screening standard: customers whose score is below it get no credit
        (they may still buy for cash). In [0, 100].
    credit_period : int
        Days allowed to pay (信用期限), 0-180.
    discount_rate : float
        Cash discount for paying early, e.g. 0.02 for "2/10, net 30"; in [0, 0.2].
    discount_days : int
        Days within which the discount applies (<= credit_period).
    collection : {"lenient", "standard", "strict"}
        Collection policy (收账政策): how early and often reminders go out
        and when the account is escalated to an agency.
    reminder_cost : float
        CNY per reminder (letters, calls, visits).
    escalation_fee : float
        Agency fee as a share of an escalated invoice, in [0, 1].
    cost_of_capital : float
        Yearly cost of the money tied up in receivables, in [0, 1].
    variable_cost_ratio : float
        Variable cost per CNY of sales (变动成本率), in [0, 1); the
        contribution margin is ``1 - variable_cost_ratio``.
    cash_sales_share : float
        Share of its demand a customer refused credit (or over its limit)
        still buys for cash, in [0, 1].
    limit_multiplier : float
        Multiplies every customer's credit limit (>= 0).
    """

    cutoff: float = 45.0
    credit_period: int = 30
    discount_rate: float = 0.0
    discount_days: int = 10
    collection: str = "standard"
    reminder_cost: float = 50.0
    escalation_fee: float = 0.15
    cost_of_capital: float = 0.10
    variable_cost_ratio: float = 0.8
    cash_sales_share: float = 0.3
    limit_multiplier: float = 1.0

    def __post_init__(self) -> None:
        check_real("cutoff", self.cutoff, 0.0, 100.0)
        check_int("credit_period", self.credit_period, 0, 180)
        check_real("discount_rate", self.discount_rate, 0.0, 0.2)
        check_int("discount_days", self.discount_days, 0, 180)
        if self.discount_rate > 0 and self.discount_days > self.credit_period:
            raise ValueError(f"discount_days ({self.discount_days}) must not exceed credit_period "
                             f"({self.credit_period}) when a discount is offered")
        check_choice("collection", self.collection, COLLECTION_STYLES)
        check_real("reminder_cost", self.reminder_cost, 0.0)
        check_real("escalation_fee", self.escalation_fee, 0.0, 1.0)
        check_real("cost_of_capital", self.cost_of_capital, 0.0, 1.0)
        check_real("variable_cost_ratio", self.variable_cost_ratio, 0.0, 1.0)
        if self.variable_cost_ratio >= 1.0:
            raise ValueError(f"variable_cost_ratio must be below 1; got {self.variable_cost_ratio}")
        check_real("cash_sales_share", self.cash_sales_share, 0.0, 1.0)
        check_real("limit_multiplier", self.limit_multiplier, 0.0, 100.0)

    @property
    def collection_rules(self) -> dict[str, float]:
        """Reminder and escalation days and effect factors of the collection style."""
        return dict(_COLLECTION[self.collection])

    @property
    def terms_text(self) -> str:
        """The terms in trade shorthand in the current language, e.g. ``"2/10, net 30"`` (``"2/10，n/30"``)."""
        if self.discount_rate > 0:
            return i18n.t("credit.terms.discount", rate=f"{self.discount_rate * 100:g}",
                          discount_days=self.discount_days, days=self.credit_period)
        return i18n.t("credit.terms.net", days=self.credit_period)

    def but(self, **changes) -> CreditPolicy:
        """A copy with some fields changed (checked again)."""
        return replace(self, **changes)
