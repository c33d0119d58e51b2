"""Customer firms: who they are, how big, where, how they buy.

The table is built from per-customer random rows (see
:func:`crmsim.seeding.block_draws`), so a customer's record depends only on
the world seed, the parameters and its own index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import block_draws, entropy_int
from .lifecycle import acquisition_share, arrival_fraction, dropout_per_purchase, yearly_retention

_TIER_SHARES = np.array([row[3] for row in vocab.SIZE_TIERS])
_TIER_LOG_LOW = np.log([row[4] for row in vocab.SIZE_TIERS])
_TIER_LOG_HIGH = np.log([row[5] for row in vocab.SIZE_TIERS])
_ORIENTATION_CUM = np.cumsum([vocab.ORIENTATION_BY_REGION[r] for r in vocab.REGION_CODES], axis=1)
_PRICE_SENSITIVITY = np.array([0.75, 0.30, 0.50])      # by value orientation
_LOYALTY = np.array([0.38, 0.66, 0.56])                # by value orientation
_ORDERS_PER_MONTH = np.array([0.35, 0.7, 1.2, 2.0])     # by size tier
_CITY_COUNT = np.array([len(vocab.CITIES[r]) for r in vocab.REGION_CODES])
_CITY_OFFSET = np.concatenate([[0], np.cumsum(_CITY_COUNT)[:-1]])
_REVENUE_PER_EMPLOYEE = 0.9  # CNY million, median across industries
_MEAN_YEARS = np.array([6.0, 7.5, 9.5, 12.0])  # mean age beyond the first year, by size tier
# A key account is one whose expected annual spend with us reaches this (CNY million).
KEY_ACCOUNT_SPEND = 1.0


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _pick(u: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Inverse-CDF choice of an index for each uniform ``u``.

    Counting the cumulative weights at or below ``u`` (what
    ``searchsorted(..., side="right")`` returns) with one comparison per
    category: for a handful of categories that is several times cheaper
    than a binary search per customer.
    """
    cum = np.cumsum(weights)
    cum /= cum[-1]
    index = np.zeros(len(u), dtype=np.int8)  # fewer than 128 categories
    for threshold in cum[:-1]:  # categories, not customers
        index += u >= threshold
    return index


class RepAssignment:
    """What assigning customers to reps needs, prepared once per world.

    Each customer is served by a rep of its region's sales territory (the
    international regions share one), chosen by one uniform draw.

    Parameters
    ----------
    config : WorldConfig
    reps : DataFrame
        The reps table (:func:`crmsim.salesforce.generate_reps`).
    """

    def __init__(self, config: WorldConfig, reps: pd.DataFrame) -> None:
        territories = config.territories
        self.territory_of_region = np.array([
            territories.index(r) if r in territories
            else territories.index("international") if r in vocab.INTERNATIONAL_REGIONS and "international" in territories
            else -1
            for r in vocab.REGION_CODES])
        rep_territory = reps["territory"].cat.codes.to_numpy()
        #: Row numbers of the reps, grouped by territory (a territory's reps are contiguous).
        self.rows_by_territory = np.argsort(rep_territory, kind="stable")
        self.reps_in_territory = np.bincount(rep_territory, minlength=len(territories))
        self.first_of_territory = np.concatenate([[0], np.cumsum(self.reps_in_territory)[:-1]])
        self.rep_id = reps["rep_id"].to_numpy()
        self.retention_skill = reps["retention_skill"].to_numpy()
        self.prospecting_skill = reps["prospecting_skill"].to_numpy()
        self.horizon_days = (config.as_of - config.start_date).days
        self.start_day = np.datetime64(config.start_date.date(), "D")

    def rep_row(self, region: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Row in the reps table of the rep serving each customer (``region`` as intp codes)."""
        territory = np.take(self.territory_of_region, region)
        count = np.take(self.reps_in_territory, territory)
        slot = np.take(self.first_of_territory, territory) + np.minimum((u * count).astype(np.int64), count - 1)
        return np.take(self.rows_by_territory, slot)


def customer_columns(config: WorldConfig, root: np.random.SeedSequence, start: int, stop: int,
                     reps: pd.DataFrame | RepAssignment) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The columns of customers ``[start, stop)``, categories as integer codes.

    ``reps`` is the reps table, or its :class:`RepAssignment` when the same
    world is generated in several passes (it is then prepared only once).

    Returns
    -------
    columns : dict of ndarray
        The customers table's columns (see :data:`crmsim.schema.TABLES`
        ``["customers"]``), in order; :func:`customers_frame` makes the table.
    latent : dict of ndarray
        Per-customer quantities that other tables are built from but that no
        table shows (e.g. the credit-quality factor behind the statements).
    """
    n = stop - start
    assignment = reps if isinstance(reps, RepAssignment) else RepAssignment(config, reps)
    # Normal draws cost about three uniform ones, so only the traits whose
    # bell shape matters are normal; multiplicative noise is uniform.
    u, z = block_draws(root, "customers", start, stop, n_uniform=14, n_normal=5)

    # Category codes are int8 (compact to store); lookups index with intp
    # copies, which np.take handles about three times faster.
    region = _pick(u[0], config.region_weights())
    region_ix = region.astype(np.intp)
    city_count = np.take(_CITY_COUNT, region_ix)
    city = np.take(_CITY_OFFSET, region_ix) + np.minimum((u[1] * city_count).astype(np.int64), city_count - 1)
    industry = _pick(u[2], config.industry_weights())
    tier = _pick(u[3], _TIER_SHARES)
    industry_ix, tier_ix = industry.astype(np.intp), tier.astype(np.intp)
    log_low = np.take(_TIER_LOG_LOW, tier_ix)
    log_revenue = log_low + u[4] * (np.take(_TIER_LOG_HIGH, tier_ix) - log_low)
    revenue = np.exp(log_revenue)
    revenue_per_employee = _REVENUE_PER_EMPLOYEE * np.take(vocab.INDUSTRY_ASSET_TURNOVER, industry_ix)
    employees = np.maximum(5, np.rint(revenue / revenue_per_employee * (0.55 + 0.9 * u[9]))).astype(np.int32)
    # Firm age: exponential with a mean that grows with size (a long tail of old firms).
    years = np.clip(np.rint(1.0 - np.take(_MEAN_YEARS, tier_ix) * np.log1p(-u[10])), 1, 70).astype(np.int16)
    orientation = (u[5] >= np.take(_ORIENTATION_CUM[:, 0], region_ix)).astype(np.int64) + (u[5] >= np.take(_ORIENTATION_CUM[:, 1], region_ix))

    # Hidden traits. The credit factor drives reliability here and the
    # financial statements in crmsim.financials, so the two agree.
    credit = z[0]
    log_years = np.log(years)
    reliability = _sigmoid(1.7 + 1.1 * credit + 0.35 * (log_years - 2.0))
    growth = _sigmoid(-0.4 + np.take(vocab.INDUSTRY_GROWTH, industry_ix) + 0.7 * z[1] - 0.35 * (log_years - 2.0))
    price_sensitivity = np.clip(np.take(_PRICE_SENSITIVITY, orientation) + 0.12 * z[2], 0.02, 0.98)
    loyalty = np.clip(np.take(_LOYALTY, orientation) + 0.15 * z[3], 0.02, 0.98)
    wallet = revenue * np.take(vocab.INDUSTRY_SPEND_SHARE, industry_ix) * (0.5 + u[11])
    share_of_wallet = _sigmoid(-1.1 + 2.0 * (loyalty - 0.5) + 0.8 * z[4])
    purchase_rate = np.take(_ORDERS_PER_MONTH, tier_ix) * (0.6 + 0.8 * u[12])

    # Sales territory and rep: each customer is served by a rep of its territory.
    rep_row = assignment.rep_row(region_ix, u[6])
    rep_id = np.take(assignment.rep_id, rep_row)
    rep_retention = np.take(assignment.retention_skill, rep_row)
    rep_prospecting = np.take(assignment.prospecting_skill, rep_row)

    expected_spend = wallet * share_of_wallet
    segment = np.zeros(n, dtype=np.int8)                                   # ordinary
    key = expected_spend >= KEY_ACCOUNT_SPEND
    segment[key] = 4                                                       # important
    segment[key & (orientation == 0)] = 1                                  # economic
    segment[(growth >= 0.7) & (tier >= 1)] = 3                             # strategic
    segment[tier == 3] = 2                                                 # group

    retention = yearly_retention(config, tier_ix, segment != 0, loyalty, rep_retention, u[13])
    dropout = dropout_per_purchase(retention, purchase_rate)

    # When the relationship began: a share were won during the history
    # (more often by reps good at prospecting), the rest before it.
    horizon_days = assignment.horizon_days
    new_share = acquisition_share(config, retention, rep_prospecting)
    is_new = u[7] < new_share
    days_before = np.rint(30 + u[8] * np.minimum(years, 10) * 365.0)
    days_into = np.minimum(np.rint(arrival_fraction(config, u[8]) * (horizon_days - 1)), horizon_days - 1)
    since_offset = np.where(is_new, days_into, -days_before).astype("timedelta64[D]")
    since = assignment.start_day + since_offset

    # Trade names cycle through all first x second syllable pairs, shifted by the
    # seed, so names within a world repeat only after N_TRADE_NAMES customers.
    index = np.arange(start, stop)
    first_syl = (index * 7 + entropy_int(root) % 9973) % len(vocab.NAME_FIRST)
    second_syl = (index // len(vocab.NAME_FIRST) * 11 + entropy_int(root) % 7919) % len(vocab.NAME_SECOND)
    trade = first_syl * len(vocab.NAME_SECOND) + second_syl
    name_code = (trade * len(vocab.INDUSTRY_CODES) + industry) * vocab.N_LEGAL_FORMS + np.take(vocab.LEGAL_FORM_OF_TIER, tier_ix)

    columns = {
        "customer_id": np.arange(start + 1, stop + 1, dtype=np.int32),
        "name_en": name_code,
        "name_zh": name_code,
        "industry": industry,
        "region": region,
        "city": city,
        "size_tier": tier,
        "annual_revenue": np.round(revenue, 3),
        "employees": employees,
        "years_in_business": years,
        "value_orientation": orientation,
        "segment": segment,
        "rep_id": rep_id.astype(np.int32),
        "customer_since": since.astype("datetime64[ns]"),
        "true_payment_reliability": np.round(reliability, 4),
        "true_growth_potential": np.round(growth, 4),
        "true_price_sensitivity": np.round(price_sensitivity, 4),
        "true_loyalty_propensity": np.round(loyalty, 4),
        "true_wallet": np.round(wallet, 4),
        "true_share_of_wallet": np.round(share_of_wallet, 4),
        "true_purchase_rate": np.round(purchase_rate, 4),
        "true_dropout_prob": np.round(dropout, 5),
    }
    latent = {"credit": credit, "tier": tier, "industry": industry}
    return columns, latent


def customers_frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The customers table from :func:`customer_columns` output (category codes wrapped in their dtypes)."""
    name_en, name_zh = vocab.trade_name_dtypes()
    categories = {
        "name_en": name_en,
        "name_zh": name_zh,
        "industry": vocab.category(vocab.INDUSTRY_CODES),
        "region": vocab.category(vocab.REGION_CODES),
        "city": vocab.category(vocab.CITY_CODES),
        "size_tier": vocab.category(vocab.SIZE_CODES, ordered=True),
        "value_orientation": vocab.category(vocab.ORIENTATION_CODES),
        "segment": vocab.category(vocab.SEGMENT_CODES),
    }
    return pd.DataFrame(copy=False, data={
        name: pd.Categorical.from_codes(values, dtype=categories[name]) if name in categories else values
        for name, values in columns.items()})


def generate_customers(config: WorldConfig, root: np.random.SeedSequence, start: int, stop: int,
                       reps: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Customers ``[start, stop)`` of the world as a DataFrame, and their latent quantities.

    See :func:`customer_columns`.
    """
    columns, latent = customer_columns(config, root, start, stop, reps)
    return customers_frame(columns), latent
