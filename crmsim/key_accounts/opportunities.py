"""The sales opportunities (商机) of the world's key accounts: what the market offers.

:func:`prepare_key_accounts` is the precompute of the key-account process:
nothing in its table depends on the rep's policy, so one table serves every
policy (``simulate_key_accounts(world, policy, prepared=table)``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import seeding
from ..seeding import SeedLike
from ..validation import check_int, check_real
from ..world import World, check_world, vocab
from ..world.config import EARLIEST_START, LATEST_END
from ..world.financials import financial_ratios
from .vocab import CRITERIA, GRADING_FACTORS


def key_account_ids(world: World, include_large_ordinary: bool = False) -> np.ndarray:
    """Customer ids of the key accounts: the four key segments (not ordinary), and with
    ``include_large_ordinary`` (default False, the course's definition) also the large
    and very large ordinary customers."""
    customers = check_world(world).customers
    _check_flag("include_large_ordinary", include_large_ordinary)
    key = (customers["segment"] != "ordinary").to_numpy()
    if include_large_ordinary:
        key = key | (customers["size_tier"].cat.codes.to_numpy() >= vocab.SIZE_CODES.index("large"))
    return customers["customer_id"].to_numpy()[key]


def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")


def start_date(world: World, start: object = None) -> pd.Timestamp:
    """The first day of the horizon: ``start`` as a day, or the world's today (``world.as_of``) for None."""
    if start is None:
        return pd.Timestamp(world.as_of)
    return as_day(start)


def check_date_range(start: pd.Timestamp, months_before: int, months_after: int, name: str = "start") -> pd.Timestamp:
    """``start`` if the leads before it and the deals after it, with their longest cycles, fit the world's
    date range (:data:`crmsim.world.config.EARLIEST_START` .. :data:`~crmsim.world.config.LATEST_END`)."""
    first = pd.Period(start, freq="M") - months_before
    # Opportunities run on for up to five years after the last month: still inside the range.
    last = pd.Period(start, freq="M") + months_after + 60
    if first < EARLIEST_START or last > LATEST_END:
        raise ValueError(f"{name}={start.date()} with {months_before} months of leads before it and "
                         f"{months_after} after: the dates must lie between {EARLIEST_START} and {LATEST_END} "
                         f"(pandas' dates run from 1677 to 2262)")
    return start


def as_day(value: object, name: str = "start") -> pd.Timestamp:
    """``value`` (a date or a string like ``"2026-01-01"``) as a Timestamp at midnight."""
    return as_timestamp(value, name).normalize()


def as_timestamp(value: object, name: str) -> pd.Timestamp:
    """``value`` as a Timestamp; a ValueError naming ``name`` for anything that is not one date (NaN included)."""
    try:
        when = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError) as exc:
        raise ValueError(f"{name} must be a date like '2026-01-01'; got {value!r}") from exc
    if pd.isna(when):
        raise ValueError(f"{name} must be a date like '2026-01-01'; got {value!r}")
    return when


def prepare_key_accounts(world: World, *, seed: SeedLike = 0, months: int = 12, start=None,
                         lead_in_months: int = 6, opportunities_per_year: float = 1.5,
                         include_large_ordinary: bool = False, n_opportunities: int | None = None) -> pd.DataFrame:
    """The sales opportunities of the world's key accounts, for any policy.

    Opportunities appear at random over ``lead_in_months`` before ``start``
    and ``months`` after it, so the pipeline is already full at ``start``.
    Nothing here depends on the rep's policy: pass the table to
    :func:`~crmsim.key_accounts.simulate_key_accounts` as ``prepared=``.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`.
    seed : int, SeedSequence or Generator
        Same seed, world and parameters give the same table (stream
        ``"key_accounts.opportunities"``). Default 0, like every entry point.
    months : int
        Length of the horizon the learner plans for (1-60). Default 12: the
        planning year.
    start : str or Timestamp, optional
        First day of the horizon; default the world's today (``world.as_of``).
    lead_in_months : int
        Months before ``start`` in which opportunities already began (0-24).
        Default 6, about one sales cycle: the pipeline is full on day one.
    opportunities_per_year : float
        Average new opportunities per key account and year (0-50), when
        ``n_opportunities`` is not given. Default 1.5: a key account buys a
        project or two a year.
    include_large_ordinary : bool
        Also treat large and very large ordinary customers as key accounts.
        Default False: the course's key accounts are the four key segments.
    n_opportunities : int, optional
        Exactly this many opportunities, spread over randomly chosen key
        accounts (for large simulations). Default: drawn from
        ``opportunities_per_year``.

    Returns
    -------
    DataFrame
        One row per opportunity (``attrs["start"]`` keeps ``start``):

        - ``opportunity_id`` (int64), ``customer_id``, ``rep_id`` (int32)
        - ``segment``, ``size_tier`` (category): of the account
        - ``created`` (datetime64): when the lead was found
        - ``amount`` (CNY m): list value of what the customer needs
        - ``budget`` (CNY m): what the customer has set aside
        - ``schedule_months`` (int16): the customer's planned time to decide
        - ``need`` (0-1): how strong and clear the need is
        - ``n_competitors`` (int16), ``competitor_strength`` (0-1, the strongest
          rival's non-price standing), ``competitor_discount`` (its discount off list)
        - ``price_weight`` (0-1): weight of price in the tender score (hidden,
          from the customer's true price sensitivity)
        - ``rel_decision_maker``, ``rel_influencer``, ``rel_user``,
          ``rel_gatekeeper``, ``relationship`` (-1..1): influence-weighted
          attitude of each buying role and of the whole buying centre
        - ``has_coach`` (bool), ``coach_strength`` (0-1): coach before the rep acts
        - ``prospecting_skill``, ``retention_skill`` (0-1): of the rep
        - ``reachability``, ``profitability``, ``feasibility``, ``value``,
          ``sustainability`` (0-1): the five development criteria, and ``fit``
          their mean
        - ``f_size`` … ``f_region_industry`` (0-1): the grading factor scores
        - ``proposal_draw`` (0-1): luck of the proposal, used by the simulation
    """
    customers = check_world(world).customers
    months = check_int("months", months, 1, 60)
    lead_in_months = check_int("lead_in_months", lead_in_months, 0, 24)
    opportunities_per_year = check_real("opportunities_per_year", opportunities_per_year, 0.0, 50.0)
    _check_flag("include_large_ordinary", include_large_ordinary)
    start = check_date_range(start_date(world, start), lead_in_months, months)
    rng = seeding.child(seed, "key_accounts.opportunities")

    accounts = np.flatnonzero(np.isin(customers["customer_id"].to_numpy(),
                                      key_account_ids(world, include_large_ordinary)))
    row = _account_rows(rng, accounts, months + lead_in_months, opportunities_per_year, n_opportunities)
    n = len(row)
    # Nine uniforms per opportunity (two spare): the normals drawn next keep their numbers.
    u = rng.random((9, n))
    z = rng.standard_normal((3, n))

    c = {name: customers[name].to_numpy()[row] for name in
         ("customer_id", "rep_id", "annual_revenue", "true_wallet", "true_growth_potential",
          "true_price_sensitivity", "customer_since")}
    terms = _project_terms(c["true_wallet"], c["true_growth_potential"], u, z)
    centre = {name: values[row] for name, values in _buying_centre(customers, world.contacts).items()}
    financial_score = _financial_score(world.financials, c["customer_id"])
    familiarity = _familiarity(c["customer_since"], start)
    criteria = _criteria(terms, centre, financial_score, familiarity)
    factors = _grading_factors(c["annual_revenue"], terms, centre, financial_score, familiarity,
                               _region_industry(customers, row))
    reps = world.reps.set_index("rep_id")
    data = {
        "opportunity_id": np.arange(1, n + 1, dtype=np.int64),
        "customer_id": c["customer_id"].astype(np.int32),
        "rep_id": c["rep_id"].astype(np.int32),
        "segment": pd.Categorical.from_codes(customers["segment"].cat.codes.to_numpy()[row],
                                             dtype=customers["segment"].dtype),
        "size_tier": pd.Categorical.from_codes(customers["size_tier"].cat.codes.to_numpy()[row],
                                               dtype=customers["size_tier"].dtype),
        "created": _created_dates(u[0], start, months, lead_in_months),
        **{name: terms[name] for name in ("amount", "budget", "schedule_months", "need", "n_competitors",
                                          "competitor_strength", "competitor_discount")},
        "price_weight": 0.2 + 0.5 * c["true_price_sensitivity"],
        **{f"rel_{code}": centre[f"rel_{code}"] for code in vocab.ROLE_CODES},
        "relationship": centre["relationship"],
        "has_coach": centre["has_coach"], "coach_strength": centre["coach_strength"],
        "prospecting_skill": reps["prospecting_skill"].reindex(c["rep_id"]).to_numpy(),
        "retention_skill": reps["retention_skill"].reindex(c["rep_id"]).to_numpy(),
        **criteria,
        "fit": np.mean([criteria[k] for k in CRITERIA], axis=0),
        **{f"f_{name}": factors[name] for name in GRADING_FACTORS},
        "proposal_draw": u[6],
    }
    table = pd.DataFrame(copy=False, data=data)
    table.attrs["start"] = start
    return table


def _account_rows(rng: np.random.Generator, accounts: np.ndarray, window_months: int,
                  opportunities_per_year: float, n_opportunities: int | None) -> np.ndarray:
    """The customer row of every opportunity, sorted: a Poisson number per account, or exactly ``n_opportunities``."""
    if n_opportunities is None:
        per_account = rng.poisson(opportunities_per_year * window_months / 12.0, size=len(accounts))
        return np.repeat(accounts, per_account)
    check_int("n_opportunities", n_opportunities, 0, 10_000_000)
    if len(accounts) == 0 and n_opportunities > 0:
        raise ValueError("the world has no key accounts to draw n_opportunities from")
    picks = rng.integers(0, len(accounts), size=n_opportunities) if n_opportunities else np.zeros(0, np.int64)
    return np.sort(accounts[picks])


def _created_dates(u: np.ndarray, start: pd.Timestamp, months: int, lead_in_months: int) -> np.ndarray:
    """Days the leads were found, uniform over the lead-in and the horizon."""
    first = start - pd.DateOffset(months=lead_in_months)
    window_days = (start + pd.DateOffset(months=months) - first).days
    first_day = np.datetime64(first.date(), "D")
    return (first_day + np.floor(u * window_days).astype("timedelta64[D]")).astype("datetime64[ns]")


def _project_terms(wallet: np.ndarray, growth_potential: np.ndarray, u: np.ndarray,
                   z: np.ndarray) -> dict[str, np.ndarray]:
    """What the customer wants and who else bids: value, budget, schedule, need, competitors, feasibility."""
    amount = np.clip(0.3 * wallet * np.exp(0.5 * z[0]), 0.2, 30.0)
    n_competitors = np.searchsorted([0.15, 0.45, 0.75, 0.92], u[2], side="right").astype(np.int16)
    return {
        "amount": amount,
        "budget": amount * np.exp(-0.05 + 0.2 * z[1]),
        "schedule_months": (3 + np.floor(u[1] * 10)).astype(np.int16),
        "n_competitors": n_competitors,
        # The strongest of several rivals: the more there are, the stronger the best of them.
        "competitor_strength": np.where(n_competitors > 0, 0.3 + 0.6 * u[3] ** (1.0 / np.maximum(n_competitors, 1)),
                                        0.0),
        "competitor_discount": 0.03 + 0.15 * u[4],
        "need": np.clip(0.3 + 0.5 * growth_potential + 0.15 * z[2], 0.0, 1.0),
        "feasibility": np.clip(0.35 + 0.5 * u[5], 0.0, 1.0),
    }


def _buying_centre(customers: pd.DataFrame, contacts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per customer: influence-weighted attitude of each buying role, overall, and the coach."""
    n = len(customers)
    row = pd.Index(customers["customer_id"]).get_indexer(contacts["customer_id"])
    keep = row >= 0
    row = row[keep]
    role = contacts["role"].cat.codes.to_numpy()[keep].astype(np.int64)
    influence = contacts["influence"].to_numpy()[keep]
    attitude = contacts["attitude"].to_numpy()[keep]
    coach = contacts["is_coach"].to_numpy()[keep]
    n_roles = len(vocab.ROLE_CODES)
    weight = np.bincount(role * n + row, weights=influence, minlength=n * n_roles).reshape(n_roles, n)
    weighted = np.bincount(role * n + row, weights=influence * attitude, minlength=n * n_roles).reshape(n_roles, n)
    by_role = np.divide(weighted, weight, out=np.zeros_like(weighted), where=weight > 0)
    overall = weighted.sum(0) / np.maximum(weight.sum(0), 1e-12)
    coach_strength = np.zeros(n)
    np.maximum.at(coach_strength, row[coach], np.clip(influence[coach] * attitude[coach] * 1.6, 0.0, 1.0))
    out = {f"rel_{code}": by_role[i] for i, code in enumerate(vocab.ROLE_CODES)}
    out.update(relationship=overall, has_coach=coach_strength > 0, coach_strength=coach_strength)
    return out


def _financial_score(financials: pd.DataFrame, customer_ids: np.ndarray) -> np.ndarray:
    """0-1 from the latest year's sales margin and debt ratio (missing statements: a middling score)."""
    ratios = financial_ratios(financials)
    latest = ratios[ratios["fiscal_year"] == ratios.groupby("customer_id")["fiscal_year"].transform("max")]
    latest = latest.set_index("customer_id").reindex(customer_ids)
    margin = latest["sales_margin"].fillna(0.0).to_numpy()
    debt = latest["debt_to_asset"].fillna(0.5).to_numpy()
    return np.clip(0.5 + 4.0 * margin - 0.6 * (debt - 0.5), 0.0, 1.0)


def _familiarity(customer_since: np.ndarray, start: pd.Timestamp) -> np.ndarray:
    """0-1: years as a customer at ``start``, full after five."""
    days = (np.datetime64(start.date(), "D") - customer_since.astype("datetime64[D]")).astype(np.int64)
    return np.minimum(1.0, np.maximum(0.0, days / 365.25) / 5.0)


def _region_industry(customers: pd.DataFrame, row: np.ndarray) -> np.ndarray:
    """0-1: the growth of the account's industry, 30 % less for an account abroad."""
    industry = customers["industry"].cat.codes.to_numpy()[row]
    international = np.isin(customers["region"].cat.codes.to_numpy()[row],
                            [vocab.REGION_CODES.index(r) for r in vocab.INTERNATIONAL_REGIONS])
    return np.clip(0.5 + vocab.INDUSTRY_GROWTH[industry], 0.0, 1.0) * np.where(international, 0.7, 1.0)


def _criteria(terms: dict, centre: dict, financial_score: np.ndarray,
              familiarity: np.ndarray) -> dict[str, np.ndarray]:
    """The five criteria of customer development, each 0-1."""
    return {
        "reachability": np.clip(0.45 + 0.35 * centre["relationship"] + 0.2 * centre["has_coach"], 0.0, 1.0),
        "profitability": np.clip(0.2 + 0.5 * np.minimum(terms["budget"] / terms["amount"], 1.2) / 1.2
                                 + 0.3 * financial_score, 0.0, 1.0),
        "feasibility": terms["feasibility"],
        "value": terms["need"],
        "sustainability": np.clip(0.9 - 0.6 * terms["competitor_strength"] + 0.2 * familiarity, 0.0, 1.0),
    }


def _grading_factors(annual_revenue: np.ndarray, terms: dict, centre: dict, financial_score: np.ndarray,
                     familiarity: np.ndarray, region_industry: np.ndarray) -> dict[str, np.ndarray]:
    """The selection factors an account is graded on, each 0-1."""
    return {
        # Log revenue from CNY 5 m (0) to CNY 30 bn (1).
        "size": np.clip((np.log(annual_revenue) - np.log(5.0)) / (np.log(30_000.0) - np.log(5.0)), 0.0, 1.0),
        "financials": financial_score,
        "need": terms["need"],
        "importance": terms["amount"] / (terms["amount"] + 0.01 * annual_revenue + 0.5),
        "attitude": (centre["relationship"] + 1.0) / 2.0,
        "decision_maker": (centre["rel_decision_maker"] + 1.0) / 2.0,
        "familiarity": familiarity,
        "region_industry": region_industry,
    }
