"""The credit file (客户信用档案) of every customer, and one customer's file as a card.

:func:`credit_file` gathers what a seller can find out about each customer:
ratios from three years of financial statements, items of a credit report
(late payments and defaults in our own order history, lawsuits, contingent
liabilities) and judged non-financial items (reputation, years in business,
management and professional level). :func:`file_card` is a view of one
customer's file; show it with ``labelled(card, "credit")``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import i18n, seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, check_world, vocab
from ..world.financials import financial_ratios

#: The items of a file card after the name and size tier, in the order shown.
FILE_ITEMS = ("annual_revenue", "revenue_in_tier", "current_ratio", "debt_to_asset", "sales_margin",
              "receivables_turnover", "operating_cash_flow", "cash_flow_years", "past_invoices", "late_payments",
              "late_payment_share", "past_defaults", "lawsuits", "contingent_liabilities", "contingent_share",
              "reputation", "years_in_business", "management_level", "professional_level", "annual_purchases")


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def credit_file(world: World, *, seed: SeedLike = 0) -> pd.DataFrame:
    """The credit file (客户信用档案) of every customer of ``world``.

    Financial items come from the world's statements; past late payments
    and defaults from its order history. Lawsuits, contingent liabilities
    and the judged non-financial items are not in the world, so they are
    drawn here (stream ``"credit.file"``), following the customer's hidden
    payment reliability with noise (a judgement is never exact).

    Parameters
    ----------
    world : World
    seed : int, SeedSequence or Generator
        Seed of the drawn items. The course uses the world's own seed,
        ``credit_file(world, seed=world.seed)``, so that one world has one
        credit file; the default 0 is the package-wide default seed.

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
    customers = check_world(world).customers
    n = len(customers)
    ids = customers["customer_id"].to_numpy()
    rng = seeding.child(seed, "credit.file")

    ratios = financial_ratios(world.financials)
    latest = ratios.groupby("customer_id", sort=True).tail(1).set_index("customer_id").reindex(ids)
    positive = (world.financials["operating_cash_flow"] > 0).groupby(world.financials["customer_id"]).sum()
    fin = world.financials.groupby("customer_id", sort=True).tail(1).set_index("customer_id").reindex(ids)
    history = _order_history(world, ids)

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
    invoices, late_count = history["invoices"], history["late"]
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
        "past_defaults": history["defaults"].astype(np.int32),
        "lawsuits": lawsuits.astype(np.int32),
        "contingent_liabilities": contingent_share * fin["total_assets"].to_numpy(),
        "contingent_share": contingent_share,
        "reputation": judged(0.9 * quality + 0.8 * z[1]),
        "years_in_business": years,
        "management_level": judged(0.6 * quality + 0.5 * (np.log(years) - 2.0) + 0.8 * z[2]),
        "professional_level": judged(0.4 * quality + 0.3 * (tier - 1) + 0.9 * z[3]),
        "annual_purchases": history["purchases"],
    })


def _order_history(world: World, ids: np.ndarray) -> dict[str, np.ndarray]:
    """Our own history with each customer, a simple credit record: invoices, late ones,
    defaults and the last 12 months' purchases (CNY), aligned with ``ids``."""
    orders = world.orders
    n = len(ids)
    row = np.searchsorted(ids, orders["customer_id"].to_numpy())  # customers are sorted by id
    as_of = np.datetime64(world.as_of.date(), "ns")
    late = ((orders["days_to_pay"] > orders["payment_terms_days"])
            | ((orders["status"] == "open") & (orders["due_date"] < as_of))).to_numpy()
    recent = (orders["order_date"] >= as_of - np.timedelta64(365, "D")).to_numpy()
    return {
        "invoices": np.bincount(row, minlength=n),
        "late": np.bincount(row, weights=late, minlength=n),
        "defaults": np.bincount(row, weights=(orders["status"] == "written_off").to_numpy(), minlength=n),
        "purchases": np.bincount(row, weights=orders["revenue"].to_numpy() * recent, minlength=n),
    }


def check_file(file: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise a clear error unless ``file`` is a DataFrame with these columns of :func:`credit_file`."""
    if not isinstance(file, pd.DataFrame):
        raise TypeError(f"file must be the DataFrame of credit_file(); got {type(file).__name__}")
    missing = [c for c in columns if c not in file.columns]
    if missing:
        raise ValueError(f"file lacks column(s) {missing}; pass the table returned by credit_file()")


def customer_row(table: pd.DataFrame, customer_id: int, what: str) -> pd.Series:
    """The row of ``customer_id`` in a per-customer table, or a clear error naming ``what`` it was looked up in."""
    check_int("customer_id", customer_id)
    match = table.index[table["customer_id"] == customer_id]
    if len(match) == 0:
        raise ValueError(f"customer_id={customer_id} is not in {what} "
                         f"(ids {table['customer_id'].min()}..{table['customer_id'].max()})")
    return table.loc[match[0]]


def file_card(file: pd.DataFrame, customer_id: int, *, language: str | None = None) -> pd.DataFrame:
    """View: one customer's credit file as a two-column card.

    Show it with ``labelled(card, "credit")``, which turns the item codes,
    the size-tier code and the ``"missing"`` note into text.

    Parameters
    ----------
    file : DataFrame
        From :func:`credit_file`.
    customer_id : int
    language : {"en", "zh"}, optional
        Which of the customer's two names (``name_en``, ``name_zh``) the card
        shows; default the current language (the global language is not changed).

    Returns
    -------
    DataFrame with the columns ``item`` (codes: ``"name"``, ``"size_tier"``,
    then :data:`FILE_ITEMS`) and ``content``: the name, the size-tier code,
    and each number as text (whole numbers from 1,000 on, three significant
    digits below), or ``"missing"`` where the file has no record.
    """
    check_file(file, ("customer_id",) + FILE_ITEMS)
    row = customer_row(file, customer_id, "the credit file")
    language = i18n.check_language(language) if language is not None else i18n.get_language()
    items = [("name", str(row["name_zh"] if language == "zh" else row["name_en"])),
             ("size_tier", str(row["size_tier"]))]
    for item in FILE_ITEMS:
        value = row[item]
        text = "missing" if pd.isna(value) else (
            f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3g}" if isinstance(value, float) else f"{value:,}")
        items.append((item, text))
    return pd.DataFrame(items, columns=["item", "content"])
