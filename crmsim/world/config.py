"""The parameters of a synthetic world, checked once when they are set."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import vocab
from ..validation import check_choices, check_int, check_probability, check_real

#: Largest world a single call builds (the export CLI streams larger ones in chunks).
MAX_CUSTOMERS = 10_000_000
#: Months a history may start in: the whole history, payment terms, write-offs and three years of
#: statements before it must fit pandas' nanosecond dates (1677-09 to 2262-04); these bounds leave decades.
EARLIEST_START, LATEST_END = pd.Period("1900-01", freq="M"), pd.Period("2200-01", freq="M")


@dataclass(frozen=True)
class WorldConfig:
    """Parameters of a synthetic market.

    Parameters
    ----------
    n_customers : int
        Number of customer firms (>= 1).
    months : int
        Length of the order history in months (1 to 120); it ends at the
        world's "today" (:attr:`as_of`).
    start : str
        First month of the history, ``"YYYY-MM"``, from 1900-01; the history
        must end by 2200-01 (see :data:`EARLIEST_START`).
    n_reps : int, optional
        Number of sales reps; default one per 40 customers and at least one
        per territory.
    n_products : int
        Number of products (>= number of product lines, 5).
    regions : sequence of str, optional
        Region codes customers may come from (default all ten; see
        :data:`crmsim.vocab.REGION_CODES`).
    industries : sequence of str, optional
        Industry codes allowed (default all; see :data:`crmsim.vocab.INDUSTRY_CODES`).
    international_share : float
        Probability in [0, 1] that a customer is international, when both
        domestic and international regions are allowed.
    new_customer_share : float, optional
        Probability in [0, 1] that a customer was won during the history
        (otherwise it was already a customer when the history starts),
        before the rep's prospecting skill scales it. Default None: set per
        customer by the acquisition model, so that the customers won replace
        those lost and revenue grows at ``revenue_growth`` (see
        :mod:`crmsim.world.customers`).
    retention_by_size : (float, float, float, float)
        Yearly retention in (0, 1) of a typical *ordinary* customer by size
        tier (small, medium, large, very large): the probability that a
        customer buying today is still buying a year from now. Default
        (0.70, 0.78, 0.86, 0.90), our choice: small firms fail and switch
        suppliers often (the oft-quoted three-year average life of a Chinese
        SME means about a third exit a year), while large buyers keep a
        qualified supplier for years; B2B retention benchmarks usually quoted
        lie between about 75 % and 90 %.
    key_account_retention : float
        Yearly retention in (0, 1) of a typical key account (any segment
        other than ordinary), when it is higher than its size tier's.
        Default 0.90, our choice: personalised service, framework contracts
        and switching costs keep key accounts; the course's lesson is that
        keeping them is worth their service cost.
    revenue_growth : float
        Yearly growth of the number of active customers (and so of revenue)
        that the acquisition model aims at, in [-0.5, 1]. Default 0.03: a
        going business in a mature B2B category grows modestly, a little
        below the economy (China's growth target for 2024 was about 5 %),
        so a two-year history shows a stable business within its noise.
    """

    n_customers: int = 200
    months: int = 24
    start: str = "2024-01"
    n_reps: int | None = None
    n_products: int = 20
    regions: tuple[str, ...] = vocab.REGION_CODES
    industries: tuple[str, ...] = vocab.INDUSTRY_CODES
    international_share: float = 0.05
    new_customer_share: float | None = None
    retention_by_size: tuple[float, float, float, float] = (0.70, 0.78, 0.86, 0.90)
    key_account_retention: float = 0.90
    revenue_growth: float = 0.03
    _territories: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Keep the normalised values (plain ints and floats): a numpy scalar kept as given
        # would overflow or wrap in later arithmetic (np.int8 months, np.uint32 sizes).
        months = check_int("months", self.months, 1, 120)
        normalised = {
            "n_customers": check_int("n_customers", self.n_customers, 1, MAX_CUSTOMERS),
            "months": months,
            "start": check_start(self.start, months),
            "n_products": check_int("n_products", self.n_products, len(vocab.LINE_CODES), 10_000),
            "regions": check_choices("regions", self.regions, vocab.REGION_CODES),
            "industries": check_choices("industries", self.industries, vocab.INDUSTRY_CODES),
            "international_share": check_probability("international_share", self.international_share),
            "new_customer_share": (None if self.new_customer_share is None
                                   else check_probability("new_customer_share", self.new_customer_share)),
            "key_account_retention": check_real("key_account_retention", self.key_account_retention, 0.0, 1.0,
                                                inclusive=False),
            "revenue_growth": check_real("revenue_growth", self.revenue_growth, -0.5, 1.0),
        }
        retention = self.retention_by_size
        if isinstance(retention, (str, bytes)) or not hasattr(retention, "__len__") or \
                len(retention) != len(vocab.SIZE_CODES):
            raise TypeError(f"retention_by_size must be {len(vocab.SIZE_CODES)} yearly retentions, one per size tier "
                            f"{vocab.SIZE_CODES}; got {retention!r}")
        normalised["retention_by_size"] = tuple(
            check_real(f"retention_by_size[{k}]", r, 0.0, 1.0, inclusive=False) for k, r in enumerate(retention))
        for name, value in normalised.items():
            object.__setattr__(self, name, value)
        territories = tuple(r for r in vocab.DOMESTIC_REGIONS if r in self.regions)
        if any(r in vocab.INTERNATIONAL_REGIONS for r in self.regions):
            territories += ("international",)
        object.__setattr__(self, "_territories", territories)
        if self.n_reps is not None:
            object.__setattr__(self, "n_reps", check_int("n_reps", self.n_reps, len(territories), 1_000_000))

    @property
    def territories(self) -> tuple[str, ...]:
        """Sales territories: each allowed domestic region, plus one for all international ones."""
        return self._territories

    @property
    def reps(self) -> int:
        """Number of sales reps actually used."""
        if self.n_reps is not None:
            return self.n_reps
        return max(len(self.territories), -(-self.n_customers // 40))

    @property
    def start_date(self) -> pd.Timestamp:
        """First day of the history."""
        return pd.Period(self.start, freq="M").start_time

    @property
    def as_of(self) -> pd.Timestamp:
        """The world's "today": the first day after the history."""
        return (pd.Period(self.start, freq="M") + self.months).start_time

    def region_weights(self) -> np.ndarray:
        """Probability of each region code in :data:`vocab.REGION_CODES` (0 where not allowed)."""
        weights = np.zeros(len(vocab.REGION_CODES))
        domestic = np.array([r in self.regions for r in vocab.DOMESTIC_REGIONS])
        international = np.array([r in self.regions for r in vocab.INTERNATIONAL_REGIONS])
        dom_w = np.array(vocab.DOMESTIC_WEIGHTS) * domestic
        int_w = international.astype(float)
        dom_share = 1.0 - self.international_share if international.any() else 1.0
        if not domestic.any():
            dom_share = 0.0
        if dom_w.sum() > 0:
            weights[:7] = dom_share * dom_w / dom_w.sum()
        if int_w.sum() > 0:
            weights[7:] = (1.0 - dom_share) * int_w / int_w.sum()
        return weights / weights.sum()

    def industry_weights(self) -> np.ndarray:
        """Probability of each industry code in :data:`vocab.INDUSTRY_CODES`."""
        allowed = np.array([i in self.industries for i in vocab.INDUSTRY_CODES])
        weights = vocab.INDUSTRY_SHARES * allowed
        return weights / weights.sum()


def check_start(start: object, months: int) -> str:
    """Return ``start`` as ``"YYYY-MM"`` if it names a month from which a ``months``-long history fits.

    Raises
    ------
    TypeError
        If ``start`` is not a string.
    ValueError
        If it is empty, not a month (``"NaT"``, ``"nan"``, ``"2024-13"``), or
        outside :data:`EARLIEST_START` .. :data:`LATEST_END`.
    """
    if not isinstance(start, str):
        raise TypeError(f"start must be a 'YYYY-MM' string; got {start!r} ({type(start).__name__})")
    try:
        period = pd.Period(start.strip(), freq="M") if start.strip() else pd.NaT
    except (ValueError, TypeError, OverflowError):
        period = pd.NaT
    if period is pd.NaT or pd.isna(period):
        raise ValueError(f"start must be a month like '2024-01'; got {start!r}")
    if period < EARLIEST_START or period + months > LATEST_END:
        raise ValueError(f"start={start!r} with months={months}: the history must start in or after "
                         f"{EARLIEST_START} and end by {LATEST_END} (pandas' dates run from 1677 to 2262)")
    return str(period)


def build_config(**params) -> WorldConfig:
    """Build a :class:`WorldConfig`, rejecting unknown parameter names clearly."""
    allowed = [f for f in WorldConfig.__dataclass_fields__ if not f.startswith("_")]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise TypeError(f"unknown world parameter(s) {unknown}; allowed: {allowed}")
    return WorldConfig(**params)
