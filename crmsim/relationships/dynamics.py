"""The monthly simulation of relationship levels, and what it records.

Every month each customer with us may complain (a service failure), the
complaint is handled well or poorly, and the customer then moves at most one
rung up or down, stays, or leaves, with the chances of
:mod:`crmsim.relationships.transitions`. Those chances do not change over
time, except that forced maintenance holds customers in the first months
(every churn chance of month ``t`` times ``run.churn_scale[t - 1]``), so each
customer follows a Markov chain whose matrices are known exactly
(``run.matrices``, and ``run.month_matrices(t)`` for one month): the analysis
can compare the matrix estimated from the log with the true one and the
simulated level mix with the analytic stationary distribution.

Random numbers come from the registry (:mod:`crmsim.seeding`): one uniform
per customer and month for each random step, each step from its own
``"relationships.*"`` stream, so a policy changes outcomes only through the
chances, never through the numbers drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from ..seeding import SeedLike, child, root_sequence
from ..validation import check_choice, check_int
from ..world import World
from .complaints import OUTCOMES, handling_cost, recovery_probability
from .ladder import Ladder, get_ladder, level_dtype
from .markov import scale_churn
from .policy import CHANNEL_CODES, CHANNEL_COST, CarePolicy
from .transitions import GROSS_MARGIN_RATE, OUTCOME_GAP, REPEAT_FAILURE_GAP, Chances, customer_drivers, \
    driver_arrays, expected_margin, maintenance_churn_scale, monthly_chances, sigmoid

#: The random steps drawn once per customer and month, each from stream ``"relationships.<step>"``.
MONTHLY_STEPS = ("complaints", "recovery", "moves")


@dataclass(frozen=True, eq=False)
class RelationshipsPrepared:
    """What every run on one world with one seed shares, computed once.

    Build it with :func:`prepare_relationships`; a dashboard that runs many
    policies on the same customers passes it as ``prepared=``.

    Attributes
    ----------
    customer_ids : ndarray
        The world's customers, in the order of every per-customer array.
    drivers : DataFrame
        :func:`~crmsim.relationships.transitions.customer_drivers` of the world.
    root : SeedSequence
        The seed; every run made with this preparation draws from it.
    initial_draws : ndarray, shape (n,)
        The uniforms that place customers on their starting level.
    """

    customer_ids: np.ndarray
    drivers: pd.DataFrame
    root: np.random.SeedSequence
    initial_draws: np.ndarray
    _monthly: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def monthly_draws(self, step: str, months: int) -> np.ndarray:
        """Uniforms of one random step (:data:`MONTHLY_STEPS`), shape (months, n).

        Drawn once for the longest run asked for: a generator fills an array
        in order, so the first ``months`` rows of a longer draw are exactly
        the numbers of a shorter one.
        """
        drawn = self._monthly.get(step)
        if drawn is None or len(drawn) < months:
            drawn = child(self.root, f"relationships.{step}").random((months, len(self.customer_ids)))
            self._monthly[step] = drawn
        return drawn[:months]

    def check(self, world: World, seed: SeedLike) -> None:
        """Raise a ValueError unless this preparation was made for ``world`` and ``seed``."""
        ids = world.customers["customer_id"].to_numpy()
        if len(ids) != len(self.customer_ids) or not np.array_equal(ids, self.customer_ids):
            raise ValueError("prepared was made for another world: use prepare_relationships(world, seed=seed)")
        if isinstance(seed, np.random.Generator) or not _same_seed(root_sequence(seed), self.root):
            raise ValueError(f"prepared was made with another seed ({self.root}); pass that seed (or "
                             f"seed=prepared.root), or prepare_relationships(world, seed=seed)")


def _same_seed(a: np.random.SeedSequence, b: np.random.SeedSequence) -> bool:
    return (np.array_equal(np.ravel(a.entropy), np.ravel(b.entropy))
            and tuple(a.spawn_key) == tuple(b.spawn_key))


def _check_world(world: object) -> None:
    # Duck-typed on purpose: the golden-hash test runs on a hand-made world.
    if not all(hasattr(world, name) for name in ("customers", "reps", "as_of")):
        raise TypeError(f"world must be a crmsim World (from make_world); got {type(world).__name__}")


def prepare_relationships(world: World, *, seed: SeedLike = 0) -> RelationshipsPrepared:
    """Precompute what every relationship run on ``world`` with ``seed`` shares.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`; its customers, reps and ``as_of`` are used.
    seed : int, SeedSequence or Generator
        The seed of the runs (default 0, like :func:`simulate_relationships`).
        A Generator is drawn from once; pass ``seed=prepared.root`` to the runs.

    Returns
    -------
    RelationshipsPrepared
    """
    _check_world(world)
    root = root_sequence(seed)
    drivers = customer_drivers(world.customers, world.reps, world.as_of)
    initial = child(root, "relationships.initial").random(len(drivers))
    return RelationshipsPrepared(customer_ids=drivers["customer_id"].to_numpy(), drivers=drivers, root=root,
                                 initial_draws=initial)


@dataclass(frozen=True, eq=False)
class RelationshipsRun:
    """The result of :func:`simulate_relationships`.

    Attributes
    ----------
    ladder : Ladder
    policy : CarePolicy
    months : int
    replace_churned : bool
        Whether lost customers were replaced at the lowest level.
    customer_ids : ndarray
        The customers, in the order of every per-customer array below.
    monthly : DataFrame
        One row per customer and month (month-major order):

        ``customer_id`` (int32); ``month`` (int16, 1..months);
        ``level_before``, ``level`` (ordered categorical: ``"churned"`` then
        the ladder's codes; level at the start and at the end of the month);
        ``complaint`` (bool); ``recovered`` (bool, complaint handled well);
        ``repeat_complaint`` (bool, a complaint of a customer who complained
        before in this run);
        ``satisfaction`` (float, 0-1, NaN when not a customer);
        ``satisfied`` (bool, experienced service beat expectations);
        ``churned`` (bool, left this month); ``revenue`` (CNY);
        ``care_cost``, ``contact_cost`` (planned contacts), ``cost_to_serve``
        (level cost + service + care + contacts + complaint handling, CNY);
        ``profit`` (gross margin - cost to serve, CNY).
    complaints : DataFrame
        One row per complaint: ``complaint_id`` (int64), ``customer_id``,
        ``month``, ``level_before``, ``handling_days``, ``handling_quality``,
        ``recovery_probability``, ``outcome`` (categorical ``recovered`` /
        ``not_recovered``), ``level`` (after the month), ``handling_cost`` (CNY).
    matrices : ndarray, shape (n, K, K + 1)
        Each customer's true monthly transition matrix (last column: churn),
        once any maintenance hold has worn off (see :meth:`month_matrices`).
    baseline_matrices : ndarray
        The same without any care budget or contacts.
    margins, baseline_margins : ndarray, shape (n, K)
        Expected monthly profit of each customer at each level, with and without care.
    care_spend : ndarray, shape (n, K)
        Monthly care budget plus planned contact cost per customer and level.
    levels : ndarray, shape (months + 1, n)
        Level index at the start (row 0) and at the end of each month; -1 = churned.
    levels_before : ndarray, shape (months, n)
        Level index at the start of each month (differs from ``levels[:-1]``
        only where a lost customer was replaced).
    drivers : dict of ndarray
        Each customer's drivers (:func:`~crmsim.relationships.transitions.customer_drivers`), as arrays.
    churn_scale : ndarray, shape (months,)
        Multiplier of every churn chance in each month: the hold of forced
        maintenance (:func:`~crmsim.relationships.transitions.maintenance_churn_scale`),
        1 for the other styles.
    root : SeedSequence
        The run's seed; :attr:`contact_log` draws from its own child stream.
    """

    ladder: Ladder
    policy: CarePolicy
    months: int
    replace_churned: bool
    customer_ids: np.ndarray
    monthly: pd.DataFrame
    complaints: pd.DataFrame
    matrices: np.ndarray
    baseline_matrices: np.ndarray
    margins: np.ndarray
    baseline_margins: np.ndarray
    care_spend: np.ndarray
    levels: np.ndarray
    levels_before: np.ndarray
    drivers: dict
    churn_scale: np.ndarray
    root: np.random.SeedSequence

    @property
    def level_dtype(self) -> pd.CategoricalDtype:
        return level_dtype(self.ladder)

    def month_matrices(self, month: int, baseline: bool = False) -> np.ndarray:
        """The true transition matrices of month ``month`` (1..months), with its maintenance hold.

        ``baseline=True``: those of the same policy without care budget or contacts.
        """
        month = check_int("month", month, 1, self.months)
        return scale_churn(self.baseline_matrices if baseline else self.matrices, self.churn_scale[month - 1])

    @cached_property
    def contact_log(self) -> pd.DataFrame:
        """Contacts made under the policy: one row per customer, month and channel used.

        Counts are Poisson around the planned cadence (their own random stream),
        for customers with us at the start of the month.

        Columns: ``customer_id`` (int32), ``month`` (int16), ``channel``
        (categorical over :data:`~crmsim.relationships.policy.CHANNEL_CODES`),
        ``contacts`` (int16), ``cost`` (CNY).
        """
        rng = child(self.root, "relationships.contacts")
        rates = self.policy.contacts_per_month * self.policy.channel_weights
        counts = rng.poisson(rates, size=(self.months, len(self.customer_ids), len(CHANNEL_CODES)))
        counts[self.levels_before < 0] = 0
        month, customer, channel = np.nonzero(counts)
        n_contacts = counts[month, customer, channel]
        return pd.DataFrame({
            "customer_id": self.customer_ids[customer].astype(np.int32),
            "month": (month + 1).astype(np.int16),
            "channel": pd.Categorical.from_codes(channel, categories=list(CHANNEL_CODES)),
            "contacts": n_contacts.astype(np.int16),
            "cost": n_contacts * CHANNEL_COST[channel],
        })


def check_run(run: object) -> RelationshipsRun:
    """``run`` if it is a :class:`RelationshipsRun`, else a TypeError that says where one comes from."""
    if not isinstance(run, RelationshipsRun):
        raise TypeError(f"run must be a RelationshipsRun (from simulate_relationships); got {type(run).__name__}")
    return run


def check_monthly(monthly: object, columns: tuple[str, ...]) -> pd.DataFrame:
    """``monthly`` if it is a run's monthly table with ``columns``, else a clear error."""
    if not isinstance(monthly, pd.DataFrame):
        raise TypeError(f"monthly must be a run's monthly table (run.monthly, a DataFrame); got {type(monthly).__name__}")
    missing = [c for c in columns if c not in monthly.columns]
    if missing:
        raise ValueError(f"monthly lacks the column(s) {missing}; pass run.monthly of simulate_relationships")
    if not len(monthly):
        raise ValueError("monthly must not be empty")
    for column in ("level", "level_before"):
        if column in columns and not isinstance(monthly[column].dtype, pd.CategoricalDtype):
            raise TypeError(f"monthly[{column!r}] must be the run's ordered level categories; got {monthly[column].dtype}")
    return monthly


def simulate_relationships(world: World, policy: CarePolicy | None = None, *,
                           ladder: str | Ladder | Sequence = "course", months: int = 24, seed: SeedLike = 0,
                           replace_churned: bool = False, initial_level: str | None = None,
                           prepared: RelationshipsPrepared | None = None) -> RelationshipsRun:
    """Simulate the monthly relationship levels of the world's customers.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`; its customers and reps are used.
    policy : CarePolicy, optional
        The care policy (default: ``CarePolicy()``, the course's policy).
    ladder : "course", "kotler", Ladder or list of level dicts
        The relationship ladder (see :func:`~crmsim.relationships.ladder.make_ladder`;
        default: the course's four levels).
    months : int
        Months to simulate, 1-2400 (default 24: the two years of the course's
        examples; long runs show the long-run level mix).
    seed : int, SeedSequence or Generator
        Same seed, world and policy give identical tables (default 0, a
        fixed seed: runs are reproducible unless asked otherwise).
    replace_churned : bool
        If True, a customer who leaves is replaced the next month by a new
        one with the same profile at the lowest level, so the customer base
        stays constant (the setting in which the level mix has a stationary
        distribution, see :func:`~crmsim.relationships.markov.stationary_distribution`).
        Default False: lost customers stay lost, as in a real customer base.
    initial_level : str, optional
        Start every customer on this level code instead of a level drawn
        from tenure, loyalty and segment (the default).
    prepared : RelationshipsPrepared, optional
        ``prepare_relationships(world, seed=seed)``, when it is already at
        hand (a dashboard prepares once for many runs); it must have been
        made for this world and seed.

    Returns
    -------
    RelationshipsRun
    """
    _check_world(world)
    policy = CarePolicy() if policy is None else policy
    if not isinstance(policy, CarePolicy):
        raise TypeError(f"policy must be a CarePolicy; got {type(policy).__name__}")
    ladder = get_ladder(ladder)
    months = check_int("months", months, 1, 2400)
    if not isinstance(replace_churned, (bool, np.bool_)):
        raise TypeError(f"replace_churned must be a bool; got {replace_churned!r}")
    if prepared is None:
        prepared = prepare_relationships(world, seed=seed)
    else:
        prepared.check(world, seed)
    drivers = driver_arrays(prepared.drivers)
    chances = monthly_chances(drivers, ladder, policy)
    baseline_policy = replace(policy, care_budget=0.0, contacts_per_month=0.0)
    baseline = monthly_chances(drivers, ladder, baseline_policy)

    if initial_level is None:
        start = _initial_levels(drivers, len(ladder.levels), prepared.initial_draws)
    else:
        code = check_choice("initial_level", initial_level, ladder.codes)
        start = np.full(len(prepared.customer_ids), ladder.codes.index(code), np.int8)
    churn_scale = maintenance_churn_scale(policy.maintenance, months)
    levels, before, outcome, repeat = _walk(chances, churn_scale, start, months, bool(replace_churned), prepared)

    return RelationshipsRun(
        ladder=ladder, policy=policy, months=months, replace_churned=bool(replace_churned),
        customer_ids=drivers["customer_id"],
        monthly=_monthly_table(drivers, ladder, policy, chances, before, levels[1:], outcome, repeat),
        complaints=_complaint_table(drivers, ladder, policy, before, levels[1:], outcome),
        matrices=chances.matrices(), baseline_matrices=baseline.matrices(),
        margins=expected_margin(drivers, ladder, policy, chances),
        baseline_margins=expected_margin(drivers, ladder, baseline_policy, baseline),
        care_spend=chances.care_cost + policy.contact_cost, levels=levels, levels_before=before,
        drivers=drivers, churn_scale=churn_scale, root=prepared.root)


def _initial_levels(drivers: dict[str, np.ndarray], n_levels: int, draws: np.ndarray) -> np.ndarray:
    """Starting level: longer, more loyal relationships and key accounts start higher."""
    tenure = np.nan_to_num(drivers["tenure_years"]).clip(0, 8) / 8
    score = 0.35 * tenure + 0.35 * drivers["loyalty"] + 0.15 * drivers["key_account"] + 0.15 * draws
    return np.minimum(n_levels - 1, np.floor(n_levels * score ** 1.5)).astype(np.int8)


def _walk(chances: Chances, churn_scale: np.ndarray, start: np.ndarray, months: int, replace_churned: bool,
          prepared: RelationshipsPrepared) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Walk every customer through the months.

    Returns the levels at the start (row 0) and end of every month, the
    levels at the start of each month after replacements, each month's
    complaint outcome (0 none, 1 recovered, 2 not recovered) and whether a
    complaint is a repeat (the customer complained before in the run; a
    replaced customer starts afresh).
    """
    u_complaint, u_recovery, u_move = (prepared.monthly_draws(step, months) for step in MONTHLY_STEPS)
    n, k = chances.gap.shape
    levels = np.empty((months + 1, n), np.int8)
    before = np.empty((months, n), np.int8)
    outcome = np.zeros((months, n), np.int8)
    repeat = np.zeros((months, n), bool)
    complained = np.zeros(n, bool)
    levels[0] = start
    # Thresholds on one uniform: below churn -> leave, below churn + down -> down,
    # at or above 1 - up -> up. Flattened to (3 * n * K,) for one gather per month.
    churn, down = chances.churn.ravel(), chances.down.ravel()
    up_from = (1 - chances.up).ravel()
    cell = np.arange(n) * k  # offset of each customer in an (n, K) table
    for t in range(months):
        current = levels[t]
        if replace_churned:
            complained &= current >= 0
            current = np.where(current < 0, 0, current).astype(np.int8)
        before[t] = current
        active = current >= 0
        complaint = active & (u_complaint[t] < chances.complaint)
        outcome[t] = complaint * np.where(u_recovery[t] < chances.recovery, 1, 2)
        repeat[t] = complaint & complained
        complained |= complaint
        index = outcome[t].astype(np.intp) * (n * k) + cell + np.maximum(current, 0)
        u = u_move[t]
        leave_below = churn[index] * churn_scale[t]
        nxt = current - (u < leave_below + down[index]) + (u >= up_from[index])
        nxt[(u < leave_below) | ~active] = -1
        levels[t + 1] = nxt
    return levels, before, outcome, repeat


def _monthly_table(drivers, ladder, policy, chances, before, after, outcome, repeat) -> pd.DataFrame:
    months, n = before.shape
    k = len(ladder.levels)
    dtype = level_dtype(ladder)
    active = before >= 0
    # Everything a customer-month earns or costs depends on (customer, level)
    # and the complaint outcome: build small (n, K) tables, then gather.
    cell = np.arange(n)[None, :] * k + np.maximum(before, 0)
    revenue_table = drivers["wallet_month"][:, None] * ladder.share_of_wallet
    care_table = chances.care_cost
    base_cost_table = (ladder.cost_to_serve + chances.service_cost[:, None] + care_table + policy.contact_cost)
    handling = handling_cost(policy.complaint_days, policy.complaint_quality)
    # The month's satisfaction: the gap, moved by a complaint and its handling; a good recovery of a
    # repeat failure lifts nobody.
    gap_table = chances.gap[None, :, :] + OUTCOME_GAP[:, None, None]
    outcome_cell = outcome.astype(np.intp) * (n * k) + cell
    repeat_shift = np.where(repeat & (outcome == 1), REPEAT_FAILURE_GAP - OUTCOME_GAP[1], 0.0)
    revenue = np.where(active, revenue_table.ravel()[cell], 0.0)
    care_cost = np.where(active, care_table.ravel()[cell], 0.0)
    cost = np.where(active, base_cost_table.ravel()[cell], 0.0) + np.where(outcome > 0, handling, 0.0)
    month_gap = gap_table.ravel()[outcome_cell] + repeat_shift
    satisfaction = np.where(active, sigmoid(4.0 * month_gap), np.nan)
    satisfied = active & (month_gap > 0)
    return pd.DataFrame({
        "customer_id": np.tile(drivers["customer_id"].astype(np.int32), months),
        "month": np.repeat(np.arange(1, months + 1, dtype=np.int16), n),
        "level_before": pd.Categorical.from_codes(before.ravel() + 1, dtype=dtype),
        "level": pd.Categorical.from_codes(after.ravel() + 1, dtype=dtype),
        "complaint": (outcome > 0).ravel(),
        "recovered": (outcome == 1).ravel(),
        "repeat_complaint": repeat.ravel(),
        "satisfaction": satisfaction.ravel(),
        "satisfied": satisfied.ravel(),
        "churned": (active & (after < 0)).ravel(),
        "revenue": revenue.ravel(),
        "care_cost": care_cost.ravel(),
        "contact_cost": np.where(active, policy.contact_cost, 0.0).ravel(),
        "cost_to_serve": cost.ravel(),
        "profit": (GROSS_MARGIN_RATE * revenue - cost).ravel(),
    }, copy=False)


def _complaint_table(drivers, ladder, policy, before, after, outcome) -> pd.DataFrame:
    month, customer = np.nonzero(outcome)
    n = len(month)
    dtype = level_dtype(ladder)
    return pd.DataFrame({
        "complaint_id": np.arange(1, n + 1, dtype=np.int64),
        "customer_id": drivers["customer_id"].astype(np.int32)[customer],
        "month": (month + 1).astype(np.int16),
        "level_before": pd.Categorical.from_codes(before[month, customer] + 1, dtype=dtype),
        "handling_days": np.full(n, policy.complaint_days),
        "handling_quality": np.full(n, policy.complaint_quality),
        "recovery_probability": np.full(n, float(recovery_probability(policy.complaint_days,
                                                                      policy.complaint_quality))),
        "outcome": pd.Categorical.from_codes(outcome[month, customer] - 1, categories=list(OUTCOMES)),
        "level": pd.Categorical.from_codes(after[month, customer] + 1, dtype=dtype),
        "handling_cost": np.full(n, float(handling_cost(policy.complaint_days, policy.complaint_quality))),
    }, copy=False)
