"""Orders and their payments, from a modified BG/NBD (MBG/NBD) purchase process.

Each customer buys as a Poisson process with its own rate λ (orders per
month) and leaves for good with its own dropout probability p at time zero
and after every purchase: the MBG/NBD story of Batislam, Denizel &
Filiztekin (2007), which differs from Fader, Hardie & Lee's BG/NBD (2005)
by the chance of leaving at time zero. Time zero is the day a customer won
during the history places its first (trial) order, or the start of the
history for a customer already with us (it may have left after its last
purchase before the history). p is set from the customer's yearly retention
and rate (:mod:`crmsim.world.lifecycle`). Order size
follows the customer's spend on our category (wallet x share of wallet),
product mix follows its size tier, discounts its price sensitivity, and
payment behaviour its hidden payment reliability.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import BLOCK_SIZE, block_streams

DAYS_PER_MONTH = 365.25 / 12
#: Orders a customer can place at most over the history (order ids are customer_id * 10,000 + n).
MAX_ORDERS_PER_CUSTOMER = 9_999
#: Payment terms in days for ordinary customers and for key accounts.
TERMS_ORDINARY, TERMS_KEY_ACCOUNT = 30, 60
#: Unpaid this many days after the due date, an invoice is written off as a bad debt.
WRITE_OFF_DAYS = 180
# Share of orders going to each product line, by size tier (rows) and line
# (columns, in vocab.LINE_CODES order): small firms buy parts and consumables,
# large ones more equipment and software.
LINE_MIX = np.array([
    [0.03, 0.32, 0.45, 0.05, 0.15],
    [0.08, 0.28, 0.34, 0.12, 0.18],
    [0.14, 0.22, 0.26, 0.18, 0.20],
    [0.18, 0.18, 0.22, 0.20, 0.22],
])
#: How value orientation tilts the line mix (rows: price, value, composite; columns as LINE_MIX):
#: price-oriented buyers buy the box (equipment, parts, consumables) at the lowest price and little
#: software or service, value-oriented ones buy solutions. Our choice, after the course's customer types.
ORIENTATION_TILT = np.array([
    [1.3, 1.2, 1.4, 0.25, 0.5],
    [0.9, 0.9, 0.8, 1.5, 1.4],
    [1.0, 1.0, 1.0, 1.0, 1.0],
])
#: Discount = DISCOUNT_BASE + price sensitivity x (DISCOUNT_SENSITIVITY + DISCOUNT_PER_TIER x size tier)
#: (+ DISCOUNT_KEY_ACCOUNT for key accounts, + noise), clipped to [0, MAX_DISCOUNT]: bargaining power is
#: price sensitivity times size, so large price-oriented buyers (tenders, reverse auctions) get the deepest cuts.
DISCOUNT_BASE, DISCOUNT_SENSITIVITY, DISCOUNT_PER_TIER, DISCOUNT_KEY_ACCOUNT = 0.02, 0.05, 0.12, 0.03
#: The deepest discount the seller's price list allows.
MAX_DISCOUNT = 0.35
STATUS_CODES = ("paid", "open", "written_off")


def _block_orders(rng: np.random.Generator, rate: np.ndarray, dropout: np.ndarray, window_start: np.ndarray,
                  horizon_days: float, is_new: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Order timing of the customers of one block.

    Returns per-customer order counts, order days (from the history start),
    and the per-order uniform and normal draws used for the order details.
    """
    window = horizon_days - window_start
    n_uniform = rng.poisson(rate * window / DAYS_PER_MONTH)
    purchases_until_dropout = rng.geometric(dropout)
    # A customer already with us at the start may have left after its last
    # purchase before the history, hence the -1.
    n_orders = np.minimum(is_new + n_uniform, purchases_until_dropout - 1 + is_new)
    n_orders = np.minimum(n_orders, MAX_ORDERS_PER_CUSTOMER)
    kept_uniform = n_orders - is_new
    # The first k of n sorted uniforms from exponential spacings: the k partial
    # sums over the total of n + 1 spacings, the unseen rest drawn as one gamma.
    rest = rng.standard_gamma(n_uniform + 1 - kept_uniform)
    spacings = rng.standard_exponential(kept_uniform.sum())
    owner = np.repeat(np.arange(len(rate)), kept_uniform)
    csum = np.cumsum(spacings)
    before = np.concatenate([[0.0], csum])[np.concatenate([[0], np.cumsum(kept_uniform)[:-1]])]
    partial = csum - before[owner]
    total = np.bincount(owner, weights=spacings, minlength=len(rate))
    uniform_days = window_start[owner] + window[owner] * partial / (total[owner] + rest[owner])
    # Merge each new customer's trial order (day = window start) in front of its other orders.
    trial_owner = np.flatnonzero(is_new & (n_orders > 0))
    days = np.empty(n_orders.sum())
    first = np.concatenate([[0], np.cumsum(n_orders)[:-1]])
    has_trial = np.zeros(len(rate), dtype=np.int64)
    has_trial[trial_owner] = 1
    days[first[trial_owner]] = window_start[trial_owner]
    position = np.arange(len(owner)) - np.concatenate([[0], np.cumsum(kept_uniform)[:-1]])[owner]
    days[first[owner] + has_trial[owner] + position] = uniform_days
    detail_u = rng.random((len(days), 6))
    detail_z = rng.standard_normal((len(days), 2))
    return n_orders, days, detail_u, detail_z


def generate_orders(config: WorldConfig, root: np.random.SeedSequence, customers: pd.DataFrame,
                    products: pd.DataFrame, first_block: int) -> pd.DataFrame:
    """Orders of ``customers``, which must cover whole random blocks starting at ``first_block``.

    Rows are ordered by customer, then date. See :data:`crmsim.schema.TABLES`
    ``["orders"]`` for the columns.
    """
    start_date = np.datetime64(config.start_date.date(), "D")
    horizon_days = float((config.as_of - config.start_date).days)
    since = customers["customer_since"].to_numpy().astype("datetime64[D]")
    offset = (since - start_date).astype(np.float64)
    is_new = (offset >= 0).astype(np.int64)
    window_start = np.maximum(offset, 0.0)
    rate = customers["true_purchase_rate"].to_numpy()
    dropout = customers["true_dropout_prob"].to_numpy()

    counts, days, detail_u, detail_z = [], [], [], []
    n_blocks = -(-len(customers) // BLOCK_SIZE)
    generators = block_streams(root, "orders", first_block, first_block + n_blocks)
    for b, rng in zip(range(0, len(customers), BLOCK_SIZE), generators):
        rows = slice(b, b + BLOCK_SIZE)
        c, d, du, dz = _block_orders(rng, rate[rows], dropout[rows], window_start[rows], horizon_days, is_new[rows])
        counts.append(c), days.append(d), detail_u.append(du), detail_z.append(dz)
    n_orders = np.concatenate(counts)
    days = np.concatenate(days)
    u = np.concatenate(detail_u)
    z = np.concatenate(detail_z)
    owner = np.repeat(np.arange(len(customers)), n_orders)
    sequence = np.arange(len(owner)) - np.concatenate([[0], np.cumsum(n_orders)[:-1]])[owner] + 1

    # Product: a line by the customer's size tier and value orientation, then a product of that line.
    tier = customers["size_tier"].cat.codes.to_numpy()[owner]
    orientation = customers["value_orientation"].cat.codes.to_numpy()[owner]
    product_line = products["product_line"].cat.codes.to_numpy()
    per_line = np.bincount(product_line, minlength=len(vocab.LINE_CODES))
    product_row = np.empty(len(owner), dtype=np.int64)
    for t in range(len(LINE_MIX)):  # four size tiers and three orientations, not customers
        for k in range(len(ORIENTATION_TILT)):
            mix = LINE_MIX[t] * ORIENTATION_TILT[k]
            cum = np.cumsum(mix[product_line] / per_line[product_line])
            mask = (tier == t) & (orientation == k)
            product_row[mask] = np.searchsorted(cum / cum[-1], u[mask, 0], side="right")
    product_row = np.minimum(product_row, len(products) - 1)
    list_price = products["list_price"].to_numpy()[product_row]
    unit_cost = products["unit_cost"].to_numpy()[product_row]

    c = {name: customers[name].to_numpy()[owner] for name in
         ("true_wallet", "true_share_of_wallet", "true_purchase_rate", "true_price_sensitivity",
          "true_payment_reliability")}
    key_account = (customers["segment"].cat.codes.to_numpy() != 0)[owner]
    target_value = c["true_wallet"] * c["true_share_of_wallet"] * 1e6 / (12 * c["true_purchase_rate"])
    quantity = np.maximum(1, np.rint(target_value * np.exp(0.5 * z[:, 0] - 0.125) / list_price)).astype(np.int32)
    power = c["true_price_sensitivity"] * (DISCOUNT_SENSITIVITY + DISCOUNT_PER_TIER * tier)
    discount = np.round(np.clip(DISCOUNT_BASE + power + DISCOUNT_KEY_ACCOUNT * key_account + 0.02 * z[:, 1],
                                0.0, MAX_DISCOUNT) * 200) / 200
    unit_price = np.round(list_price * (1 - discount), 2)
    revenue = np.round(quantity * unit_price, 2)
    cost = np.round(quantity * unit_cost, 2)

    # Payment: on time with the customer's reliability, otherwise late by an
    # exponential number of days; a few unreliable customers never pay.
    reliability = c["true_payment_reliability"]
    terms = np.where(key_account, TERMS_KEY_ACCOUNT, TERMS_ORDINARY).astype(np.int16)
    on_time = u[:, 1] < reliability
    days_late = np.ceil(-np.log1p(-u[:, 3]) * (8.0 + 60.0 * (1.0 - reliability)))
    days_to_pay = np.where(on_time, np.rint(terms * (0.4 + 0.6 * u[:, 2])), terms + days_late)
    never_pays = u[:, 4] < 0.25 * (1.0 - reliability) ** 2
    order_day = np.floor(days).astype("timedelta64[D]")
    order_date = start_date + order_day
    due_date = order_date + terms.astype("timedelta64[D]")
    as_of = np.datetime64(config.as_of.date(), "D")
    paid_date = order_date + days_to_pay.astype("timedelta64[D]")
    paid = ~never_pays & (paid_date < as_of)
    written_off = ~paid & never_pays & (due_date + np.timedelta64(WRITE_OFF_DAYS, "D") < as_of)
    status = np.where(paid, 0, np.where(written_off, 2, 1)).astype(np.int8)

    customer_id = customers["customer_id"].to_numpy()[owner]
    return pd.DataFrame(copy=False, data={
        "order_id": customer_id.astype(np.int64) * 10_000 + sequence,
        "customer_id": customer_id,
        "rep_id": customers["rep_id"].to_numpy()[owner],
        "order_date": order_date.astype("datetime64[ns]"),
        "product_id": products["product_id"].to_numpy()[product_row],
        "product_line": pd.Categorical.from_codes(product_line[product_row], dtype=vocab.category(vocab.LINE_CODES)),
        "quantity": quantity,
        "list_price": list_price,
        "discount": discount,
        "unit_price": unit_price,
        "revenue": revenue,
        "cost": cost,
        "gross_margin": np.round(revenue - cost, 2),
        "payment_terms_days": terms,
        "due_date": due_date.astype("datetime64[ns]"),
        "paid_date": np.where(paid, paid_date, np.datetime64("NaT")).astype("datetime64[ns]"),
        "days_to_pay": np.where(paid, days_to_pay, np.nan),
        "status": pd.Categorical.from_codes(status, dtype=vocab.category(STATUS_CODES)),
    })
