"""The customer file (客户档案): the five kinds of information a seller keeps on each customer.

:func:`customer_file` draws them from the world (basic data, contacts,
activity history, value data, management data; domain.md §2) into one coded
table, and :func:`file_card_view` shows one customer's file as a card. The
activity history (mailings, events, surveys, gifts, messages, appointments) is
not part of the world's tables, so it is simulated here, seeded: key accounts
get more care, and mailings and messages go only to contacts who agreed to
receive them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n, seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, check_world

#: The five kinds of information, in the order of the card.
SECTIONS = ("basic", "contacts", "activity", "value", "management")
#: Kinds of activity in the history.
ACTIVITIES = ("mailings", "events", "surveys", "gifts", "messages", "appointments")
#: Mean yearly count of each activity (mailings ... appointments) for an ordinary customer and
#: for a key account: key accounts get personalised service (domain.md §1), our choice of numbers.
ACTIVITY_RATES = {"ordinary": (4.0, 0.5, 1.0, 0.3, 6.0, 2.0), "key_account": (6.0, 2.0, 2.0, 2.0, 12.0, 8.0)}
#: Months without an order after which a customer counts as lapsed (a half-year of silence).
LAPSED_MONTHS = 6
#: The columns of each section of :func:`customer_file`.
FILE_SECTIONS = {
    "basic": ("customer_id", "name_en", "name_zh", "industry", "region", "city", "size_tier", "employees",
              "years_in_business", "segment", "value_orientation"),
    "contacts": ("contacts", "decision_maker_en", "decision_maker_zh", "has_coach", "next_birthday",
                 "mail_consent", "sms_consent"),
    "activity": ACTIVITIES,
    "value": ("annual_revenue", "net_profit", "total_assets", "orders_12m", "revenue_12m", "gross_margin_12m",
              "product_lines", "last_order"),
    "management": ("rep_id", "customer_since", "status", "on_time_share", "payment_terms_days"),
}
#: Values of ``status``.
STATUS_CODES = ("active", "lapsed", "never_ordered")


def customer_file(world: World, *, seed: SeedLike = 0) -> pd.DataFrame:
    """The customer file of every customer, one row each, columns by section (:data:`FILE_SECTIONS`).

    Parameters
    ----------
    world : World
    seed : int, SeedSequence or Generator
        Seed of the simulated activity history.

    Returns
    -------
    DataFrame. Contacts: how many, the decision maker's name (pinyin and
    Chinese), whether one is our coach, the next birthday among them, shares
    agreeing to mail and SMS. Activity: counts of the last 12 months. Value:
    the firm's revenue (CNY m), latest net profit and total assets (CNY m),
    our orders, revenue and gross margin (CNY) of the last 12 months, product
    lines bought, the last order's date. Management: rep, customer since,
    ``status`` (:data:`STATUS_CODES`), share of invoices paid on time, payment terms.
    """
    world = check_world(world)
    customers = world.customers
    ids = customers["customer_id"].to_numpy()
    n = len(ids)
    out = customers[list(FILE_SECTIONS["basic"])].copy()
    out = pd.concat([out, _contacts(world, ids), _activity(world, seed), _value(world, ids)], axis=1)
    out["rep_id"] = customers["rep_id"].to_numpy()
    out["customer_since"] = customers["customer_since"].to_numpy()
    last = out["last_order"]
    lapsed = last < world.as_of - pd.DateOffset(months=LAPSED_MONTHS)
    status = np.where(last.isna(), 2, np.where(lapsed, 1, 0))
    out["status"] = pd.Categorical.from_codes(status.astype(np.int8), categories=STATUS_CODES)
    orders = world.orders
    row = np.searchsorted(ids, orders["customer_id"].to_numpy())
    on_time = (orders["days_to_pay"] <= orders["payment_terms_days"]).to_numpy()
    invoices = np.bincount(row, minlength=n)
    out["on_time_share"] = np.where(invoices > 0, np.bincount(row, weights=on_time, minlength=n)
                                    / np.maximum(invoices, 1), np.nan)
    out["payment_terms_days"] = np.where(customers["segment"] == "ordinary", 30, 60).astype(np.int16)
    return out


def _contacts(world: World, ids: np.ndarray) -> pd.DataFrame:
    contacts = world.contacts
    row = np.searchsorted(ids, contacts["customer_id"].to_numpy())
    n = len(ids)
    count = np.bincount(row, minlength=n)
    deciders = contacts[contacts["role"] == "decision_maker"].drop_duplicates("customer_id")
    deciders = deciders.set_index("customer_id").reindex(ids)
    as_of = world.as_of
    birthday = contacts["birthday"]
    # the next birthday on or after the world's today (29 February counts as 28 February)
    next_day = pd.to_datetime({"year": as_of.year, "month": birthday.dt.month, "day": birthday.dt.day.where(
        ~((birthday.dt.month == 2) & (birthday.dt.day == 29)), 28)})
    next_day = next_day.where(next_day >= as_of, next_day + pd.DateOffset(years=1))
    soonest = pd.Series(next_day.to_numpy().astype("datetime64[ns]"), index=contacts["customer_id"].to_numpy()).groupby(level=0).min()
    with np.errstate(invalid="ignore", divide="ignore"):
        mail = np.bincount(row, weights=contacts["receives_mail"].to_numpy(), minlength=n) / np.maximum(count, 1)
        sms = np.bincount(row, weights=contacts["receives_sms"].to_numpy(), minlength=n) / np.maximum(count, 1)
    return pd.DataFrame({
        "contacts": count.astype(np.int32),
        "decision_maker_en": deciders["name_en"].astype(object).to_numpy(),
        "decision_maker_zh": deciders["name_zh"].astype(object).to_numpy(),
        "has_coach": np.bincount(row, weights=contacts["is_coach"].to_numpy(), minlength=n) > 0,
        "next_birthday": soonest.reindex(ids).to_numpy(),
        "mail_consent": np.where(count > 0, mail, np.nan),
        "sms_consent": np.where(count > 0, sms, np.nan),
    })


def _activity(world: World, seed: SeedLike) -> pd.DataFrame:
    customers = world.customers
    key = (customers["segment"] != "ordinary").to_numpy()
    rates = np.where(key[:, None], ACTIVITY_RATES["key_account"], ACTIVITY_RATES["ordinary"])
    contacts = world.contacts
    ids = customers["customer_id"].to_numpy()
    row = np.searchsorted(ids, contacts["customer_id"].to_numpy())
    reach = {c: np.bincount(row, weights=contacts[f"receives_{c}"].to_numpy(), minlength=len(ids)) > 0
             for c in ("mail", "sms")}
    rates[:, ACTIVITIES.index("mailings")] *= reach["mail"]
    rates[:, ACTIVITIES.index("messages")] *= reach["sms"]
    counts = seeding.child(seed, "development.file").poisson(rates).astype(np.int16)
    return pd.DataFrame(counts, columns=list(ACTIVITIES))


def _value(world: World, ids: np.ndarray) -> pd.DataFrame:
    n = len(ids)
    latest = world.financials.sort_values("fiscal_year").drop_duplicates("customer_id", keep="last")
    latest = latest.set_index("customer_id").reindex(ids)
    orders = world.orders
    row = np.searchsorted(ids, orders["customer_id"].to_numpy())
    recent = (orders["order_date"] >= world.as_of - pd.DateOffset(months=12)).to_numpy()
    lines = orders.groupby("customer_id")["product_line"].nunique().reindex(ids, fill_value=0)
    last = orders.groupby("customer_id")["order_date"].max().reindex(ids)
    return pd.DataFrame({
        "annual_revenue": world.customers["annual_revenue"].to_numpy(),
        "net_profit": latest["net_profit"].to_numpy(),
        "total_assets": latest["total_assets"].to_numpy(),
        "orders_12m": np.bincount(row, weights=recent, minlength=n).astype(np.int32),
        "revenue_12m": np.bincount(row, weights=orders["revenue"].to_numpy() * recent, minlength=n),
        "gross_margin_12m": np.bincount(row, weights=orders["gross_margin"].to_numpy() * recent, minlength=n),
        "product_lines": lines.to_numpy().astype(np.int16),
        "last_order": last.to_numpy(),
    })


#: Columns of the file whose values are codes of a world vocabulary (the card shows their text).
_CODED = {"industry": "industry", "region": "region", "city": "city", "size_tier": "size_tier",
          "segment": "segment", "value_orientation": "value_orientation", "status": "dev.status"}


def file_card_view(file: pd.DataFrame, customer_id: int, *, language: str | None = None) -> pd.DataFrame:
    """View: one customer's file as a card of ``section, field, content`` (content as text).

    Show it with ``labelled(card, "development")``, which names the sections
    and fields. The content is text in ``language`` (default: the current
    language; the global language is not changed): names in that language,
    coded values as their labels, dates as ``YYYY-MM-DD``, money with
    thousands separators, shares as percentages.
    """
    if not isinstance(file, pd.DataFrame) or "customer_id" not in file.columns:
        raise TypeError(f"file must be the DataFrame of customer_file(); got {type(file).__name__}")
    customer_id = check_int("customer_id", customer_id)
    match = np.flatnonzero(file["customer_id"].to_numpy() == customer_id)
    if not len(match):
        raise ValueError(f"customer_id={customer_id} is not in the file (ids {file['customer_id'].min()}.."
                         f"{file['customer_id'].max()})")
    language = i18n.get_language() if language is None else i18n.check_language(language)
    row = file.iloc[match[0]]
    rows = []
    for section, fields in FILE_SECTIONS.items():
        for field in fields:
            if field.endswith(("_en", "_zh")):
                if not field.endswith(f"_{language}"):
                    continue
                shown = field[:-3]
            else:
                shown = field
            rows.append((section, shown, _text(field, row[field], language)))
    return pd.DataFrame(rows, columns=["section", "field", "content"])


def _text(field: str, value, language: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if field in _CODED:
        return i18n.t(f"{_CODED[field]}.{value}", language)
    if isinstance(value, (bool, np.bool_)):
        return i18n.t(f"bool.{bool(value)}", language)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if field.endswith(("_share", "_consent")):
        return f"{value:.0%}"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, (int, np.integer)) else str(value)
