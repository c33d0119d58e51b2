"""The prospecting model: campaigns on the market of firms that are not yet customers,
and the eight steps of customer development each lead passes or fails.

The story, per method: the method's budget buys contacts (capped by what the
method can do in a month); each contact reaches a firm drawn from the market,
more often a firm of the sizes the method reaches (``size_reach``); the firm
becomes a lead with its hit rate, which depends on its segment, region and
value orientation; each lead then passes the remaining steps (prepare,
approach, learn the need, present, handle objections, close) with a
probability raised by the method's lead quality and the rep's prospecting
skill. A closed lead places its first order after a delay, and its first year
is worth what customers like it bring.

The market of non-customers looks like the customers who bought in the last
year (same mix of size, segment, region and orientation; the same rep per
territory), and it is large compared with a campaign: contacts are drawn with
replacement. The firm a contact reaches is drawn from ``size_reach`` times the
market; the number of leads among the first ``n`` contacts is a Bernoulli
process, so its lead positions are drawn once (:func:`prepare_development`)
and every budget reads a prefix of them: more money never gives fewer leads,
and a dashboard's changes cost almost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, check_world
from .methods import DEFAULT_METHODS, METHODS, Method, check_methods, hit_rates, region_group
from .policy import ProspectingPolicy, budget_split

#: The eight steps of customer development (domain.md §6), in order.
STEPS = ("find", "contact", "prepare", "approach", "need", "present", "objections", "close")
#: Probability that a typical lead (quality 1, typical rep) passes each step after becoming a lead
#: (prepare ... close). Our choice: a typical B2B pipeline closes 5-15 % of qualified leads;
#: these give 8 %, and the hardest steps are the late ones, where the price is discussed.
STEP_CONVERSION = (0.85, 0.75, 0.70, 0.60, 0.60, 0.50)
#: Weight of the rep's prospecting skill on the log-odds of each step after the lead, as the
#: world's weight of the retention skill (crmsim.world.lifecycle.REP_RETENTION_WEIGHT).
SKILL_WEIGHT = 1.5
#: Typical prospecting skill (mean of the reps table's skill, about 0.55).
SKILL_REFERENCE = 0.55
#: Share of a comparable customer's yearly gross margin a new customer brings in its first year:
#: trial orders and a small share of wallet at first (our choice).
NEW_CUSTOMER_RAMP = 0.6
#: Days in a month, for placing contacts in time.
DAYS_PER_MONTH = 365.25 / 12
#: Months of history that make a customer part of the reference market (bought in the last year).
ACTIVE_MONTHS = 12
LEAD_COLUMNS = ("lead_id", "method", "template_id", "segment", "size_tier", "region", "value_orientation",
                "rep_id", "contact_day", "last_step", "acquired", "first_order_day", "first_year_value")


@dataclass(frozen=True, eq=False)
class DevelopmentPrepared:
    """Draws of :func:`simulate_development` that no policy changes (from :func:`prepare_development`).

    Attributes
    ----------
    world : World
    months : int
    methods : dict of str -> Method
    templates : DataFrame
        The reference market: one row per customer who bought in the last
        year, with ``first_year_value`` (CNY) for a new customer like it.
    max_contacts : ndarray
        Contacts each method can make in ``months``.
    positions : list of ndarray
        Per method, the contact number (1, 2, ...) of each potential lead.
    lead_template, last_step, delay_days : list of ndarray
        Per method and potential lead: its row in ``templates``, the index
        in :data:`STEPS` of the last step it reaches, days from the close to
        the first order.
    """

    world: World
    months: int
    methods: dict[str, Method]
    templates: pd.DataFrame
    max_contacts: np.ndarray
    positions: list[np.ndarray]
    lead_template: list[np.ndarray]
    last_step: list[np.ndarray]
    delay_days: list[np.ndarray]


@dataclass(frozen=True, eq=False)
class DevelopmentRun:
    """One simulated prospecting campaign.

    Attributes
    ----------
    policy : ProspectingPolicy
    months : int
    leads : DataFrame
        One row per lead (:data:`LEAD_COLUMNS`): its method, the customer it
        resembles (``template_id``), that firm's segment, size, region,
        orientation and rep, the day of the contact, the last step of
        :data:`STEPS` it reached, whether it was won (``acquired``), the day
        of its first order (NaN if not won) and its first-year gross margin
        (CNY, 0 if not won).
    steps : DataFrame
        ``method, step, count, conversion``: how many of the method's
        prospects reached each step, and the share of the step before
        (``find`` counts the contacts made).
    acquisition : DataFrame
        Per method: ``budget, spend, contacts, leads, acquired,
        cost_per_contact, cost_per_lead, cost_per_acquired, first_year_value,
        value_per_acquired`` (CNY; costs NaN where nothing was bought).
    """

    policy: ProspectingPolicy
    months: int
    leads: pd.DataFrame
    steps: pd.DataFrame
    acquisition: pd.DataFrame


def _logit(p):
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def reference_market(world: World) -> pd.DataFrame:
    """The customers who bought in the last year, with what a new customer like each brings in its first year.

    Returns the customers' ``customer_id, segment, size_tier, region,
    value_orientation, rep_id`` and ``first_year_value``: the firm's gross
    margin of the last :data:`ACTIVE_MONTHS` months times :data:`NEW_CUSTOMER_RAMP`.
    """
    world = check_world(world)
    orders = world.orders
    recent = orders["order_date"] >= world.as_of - pd.DateOffset(months=ACTIVE_MONTHS)
    margin = orders.loc[recent].groupby("customer_id")["gross_margin"].sum()
    customers = world.customers
    active = customers["customer_id"].isin(margin.index).to_numpy()
    templates = customers.loc[active, ["customer_id", "segment", "size_tier", "region", "value_orientation",
                                       "rep_id"]].reset_index(drop=True)
    templates["first_year_value"] = NEW_CUSTOMER_RAMP * margin.reindex(templates["customer_id"]).to_numpy()
    return templates


def prepare_development(world: World, *, months: int = 12, seed: SeedLike = 0,
                        methods: dict[str, Method] | None = None) -> DevelopmentPrepared:
    """Draw every lead a campaign of ``months`` months could find, for any policy.

    Parameters
    ----------
    world : World
    months : int
        Length of the campaign, 1 to 36 (default 12: a year's plan).
    seed : int, SeedSequence or Generator
    methods : dict of str -> Method, optional
        Default :data:`~crmsim.development.DEFAULT_METHODS`.
    """
    world = check_world(world)
    months = check_int("months", months, 1, 36)
    methods = check_methods(DEFAULT_METHODS if methods is None else methods)
    templates = reference_market(world)
    if templates.empty:
        raise ValueError("world has no customer who bought in its last year: there is no market to prospect")
    root = seeding.root_sequence(seed)
    tier = templates["size_tier"].cat.codes.to_numpy()
    orientation = templates["value_orientation"].cat.codes.to_numpy()
    group = region_group(templates["region"].to_numpy())
    key_account = (templates["segment"] != "ordinary").to_numpy()
    skill = world.reps.set_index("rep_id")["prospecting_skill"].reindex(templates["rep_id"]).to_numpy()
    skill_shift = SKILL_WEIGHT * (skill - SKILL_REFERENCE)
    max_contacts = np.zeros(len(METHODS), dtype=np.int64)
    positions, lead_template, last_step, delays = [], [], [], []
    for k, code in enumerate(METHODS):
        method = methods[code]
        rng = seeding.child(root, "development.prospects", k)  # one stream per method: independent of the others
        capacity = method.capacity * (len(templates) if code == "referral" else 1)
        max_contacts[k] = int(capacity * months)
        reach = np.asarray(method.size_reach, dtype=float)[tier]
        p_hit = hit_rates(method, orientation, group, key_account)
        mean_hit = float(reach @ p_hit / reach.sum())
        position = _lead_positions(rng, mean_hit, int(max_contacts[k]))
        n = len(position)
        weights = reach * p_hit
        chosen = rng.choice(len(templates), size=n, p=weights / weights.sum())
        logits = _logit(STEP_CONVERSION)[None, :] + np.log(method.quality) + skill_shift[chosen][:, None]
        passed = rng.random((n, len(STEP_CONVERSION))) < 1.0 / (1.0 + np.exp(-logits))
        positions.append(position)
        lead_template.append(chosen)
        last_step.append(1 + np.cumprod(passed, axis=1).sum(axis=1))  # 1 = contact (a lead) ... 7 = close
        delays.append(rng.exponential(method.delay_days, size=n))
    return DevelopmentPrepared(world=world, months=months, methods=methods, templates=templates,
                               max_contacts=max_contacts, positions=positions, lead_template=lead_template,
                               last_step=last_step, delay_days=delays)


def _lead_positions(rng: np.random.Generator, hit: float, contacts: int) -> np.ndarray:
    """Contact numbers (1-based) of the leads among ``contacts`` contacts that each hit with ``hit``."""
    expected = contacts * hit
    gaps = rng.geometric(hit, size=int(expected + 6 * np.sqrt(expected) + 20))
    position = np.cumsum(gaps)
    while position[-1] <= contacts:  # rare: draw on until the campaign's last contact is passed
        position = np.concatenate([position, position[-1] + np.cumsum(rng.geometric(hit, size=len(gaps)))])
    return position[position <= contacts]


def simulate_development(world: World, policy: ProspectingPolicy | None = None, *, months: int = 12,
                         seed: SeedLike = 0, prepared: DevelopmentPrepared | None = None) -> DevelopmentRun:
    """Simulate a prospecting campaign.

    Parameters
    ----------
    world : World
    policy : ProspectingPolicy, optional
        Default ``ProspectingPolicy()``: CNY 1,000,000 split equally.
    months : int
        Length of the campaign, 1 to 36.
    seed : int, SeedSequence or Generator
        Used when ``prepared`` is not given (every draw is made there).
    prepared : DevelopmentPrepared, optional
        From ``prepare_development(world, months=months, ...)``, for many
        policies on the same draws (dashboards, comparisons).

    Returns
    -------
    DevelopmentRun
    """
    world = check_world(world)
    policy = ProspectingPolicy() if policy is None else policy
    if not isinstance(policy, ProspectingPolicy):
        raise TypeError(f"policy must be a ProspectingPolicy or None; got {type(policy).__name__}")
    months = check_int("months", months, 1, 36)
    if prepared is None:
        prepared = prepare_development(world, months=months, seed=seed)
    elif not isinstance(prepared, DevelopmentPrepared):
        raise TypeError(f"prepared must come from prepare_development; got {type(prepared).__name__}")
    elif prepared.world is not world or prepared.months != months:
        raise ValueError(f"prepared was made for another world or months={prepared.months} (asked: months={months}); "
                         f"call prepare_development(world, months={months})")
    budget = budget_split(policy)
    costs = np.array([prepared.methods[m].cost for m in METHODS])
    contacts = np.minimum(np.floor(budget / costs + 1e-9).astype(np.int64), prepared.max_contacts)
    n_leads = np.array([np.searchsorted(p, c, side="right") for p, c in zip(prepared.positions, contacts)])
    leads = _leads_table(prepared, contacts, n_leads, months)
    steps = _steps_table(leads, contacts)
    acquisition = _acquisition_table(leads, budget, contacts * costs, contacts)
    return DevelopmentRun(policy=policy, months=months, leads=leads, steps=steps, acquisition=acquisition)


def _leads_table(prepared: DevelopmentPrepared, contacts: np.ndarray, n_leads: np.ndarray,
                 months: int) -> pd.DataFrame:
    method = np.repeat(np.arange(len(METHODS), dtype=np.int8), n_leads)
    take = lambda arrays: np.concatenate([a[:n] for a, n in zip(arrays, n_leads)])  # noqa: E731
    template = take(prepared.lead_template)
    position = take(prepared.positions)
    last = take(prepared.last_step)
    per_contact = np.repeat(months * DAYS_PER_MONTH / np.maximum(contacts, 1), n_leads)
    contact_day = (position - 0.5) * per_contact  # contacts spread evenly over the campaign
    acquired = last == len(STEPS) - 1
    t = prepared.templates
    leads = pd.DataFrame({
        "lead_id": np.arange(1, len(method) + 1, dtype=np.int64),
        "method": pd.Categorical.from_codes(method, categories=METHODS),
        "template_id": t["customer_id"].to_numpy()[template],
        **{c: t[c].take(template).reset_index(drop=True) for c in ("segment", "size_tier", "region",
                                                                    "value_orientation")},
        "rep_id": t["rep_id"].to_numpy()[template],
        "contact_day": contact_day,
        "last_step": pd.Categorical.from_codes(last.astype(np.int8), categories=STEPS),
        "acquired": acquired,
        "first_order_day": np.where(acquired, contact_day + take(prepared.delay_days), np.nan),
        "first_year_value": np.where(acquired, t["first_year_value"].to_numpy()[template], 0.0),
    })
    return leads


def _steps_table(leads: pd.DataFrame, contacts: np.ndarray) -> pd.DataFrame:
    """Prospects of each method reaching each step: contacts, then leads reaching at least the step."""
    reached = np.zeros((len(METHODS), len(STEPS)), dtype=np.int64)
    reached[:, 0] = contacts
    counts = np.zeros((len(METHODS), len(STEPS)), dtype=np.int64)
    np.add.at(counts, (leads["method"].cat.codes.to_numpy(), leads["last_step"].cat.codes.to_numpy()), 1)
    reached[:, 1:] = counts[:, ::-1].cumsum(axis=1)[:, ::-1][:, 1:]  # at least step s = last step >= s
    previous = np.concatenate([reached[:, :1], reached[:, :-1]], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        conversion = np.where(previous > 0, reached / np.maximum(previous, 1), np.nan)
    conversion[:, 0] = np.nan
    return pd.DataFrame({
        "method": pd.Categorical(np.repeat(METHODS, len(STEPS)), categories=METHODS),
        "step": pd.Categorical(np.tile(STEPS, len(METHODS)), categories=STEPS, ordered=True),
        "count": reached.ravel(),
        "conversion": conversion.ravel(),
    })


def _acquisition_table(leads: pd.DataFrame, budget: np.ndarray, spend: np.ndarray,
                       contacts: np.ndarray) -> pd.DataFrame:
    codes = leads["method"].cat.codes.to_numpy()
    n = len(METHODS)
    n_leads = np.bincount(codes, minlength=n)
    acquired = np.bincount(codes, weights=leads["acquired"].to_numpy(), minlength=n).astype(np.int64)
    value = np.bincount(codes, weights=leads["first_year_value"].to_numpy(), minlength=n)

    def per(amount, count):
        return np.where(count > 0, amount / np.maximum(count, 1), np.nan)

    return pd.DataFrame({
        "method": pd.Categorical(METHODS, categories=METHODS),
        "budget": budget, "spend": spend, "contacts": contacts, "leads": n_leads, "acquired": acquired,
        "cost_per_contact": per(spend, contacts), "cost_per_lead": per(spend, n_leads),
        "cost_per_acquired": per(spend, acquired), "first_year_value": value,
        "value_per_acquired": per(value, acquired),
    })


__all__ = ["ACTIVE_MONTHS", "DAYS_PER_MONTH", "LEAD_COLUMNS", "NEW_CUSTOMER_RAMP", "SKILL_REFERENCE",
           "SKILL_WEIGHT", "STEPS", "STEP_CONVERSION", "DevelopmentPrepared", "DevelopmentRun",
           "prepare_development", "reference_market", "simulate_development"]
