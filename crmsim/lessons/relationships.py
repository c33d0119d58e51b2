"""Lessons of relationship levels (notebook 02): care, complaints and recovery, maintenance, service.

Each lesson runs the course's default care policy (or one change of it) for the dashboard's 24 months on
the seed's lesson world. Where a lesson is about an expectation (levels, retention, profit), it is computed
exactly from the customers' transition matrices; where it is about what a student sees in the log
(satisfaction, churn curves), it is read from the simulated run.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np

from .. import relationships as rel
from ..relationships.markov import occupancy
from ..relationships.transitions import expected_margin, monthly_chances
from .claims import lesson, lesson_world as _world

#: Months of every lesson's run: the dashboard's two years.
MONTHS = 24
#: Month at which the short-run hold of forced maintenance is read: a quarter, well inside its hold.
SHORT_RUN_MONTH = 3
#: Fast, careful complaint handling (next-day-ish, quality 0.9), as in the instructor's experiment.
GOOD_HANDLING = {"complaint_days": 2.0, "complaint_quality": 0.9}
#: Failure rates compared: none at all, and 15 % a month (far above the default's 3.5-6 %).
FAILURE_RATES = (0.0, 0.15)
#: Plausible return on care, net (extra profit after the care itself, per CNY of care): below 0.5 a care
#: programme would not survive a budget review; above 4 it would leave so much money on the table that any
#: firm would spend more until the return fell (with diminishing returns the average return of a sensible
#: budget is a few times its cost, not fifteen).
CARE_RETURN_RANGE = (0.5, 4.0)


@functools.lru_cache(maxsize=128)
def _run(seed: int, **changes) -> rel.RelationshipsRun:
    policy = replace(rel.CarePolicy(), **changes) if changes else rel.CarePolicy()
    return rel.simulate_relationships(_world(seed), policy, months=MONTHS, seed=seed)


@lesson("more_care_never_lowers_level", "level_change", "above", -1e-9)
def more_care_never_lowers_level(seed: int) -> float:
    """Smallest change, over customers, of the expected level after 24 months when the care budget doubles."""
    world = _world(seed)
    drivers = rel.customer_drivers(world.customers, world.reps, world.as_of)
    start = _run(seed).levels_before[0].astype(np.int64)
    budget = rel.CarePolicy().care_budget
    levels = [rel.expected_level(rel.transition_matrices(drivers, rel.CarePolicy(care_budget=b)), start, MONTHS)
              for b in (budget, {code: 2 * amount for code, amount in budget})]
    return float((levels[1] - levels[0]).min())


def _with_failure_rate(run: rel.RelationshipsRun, rate: float) -> tuple[float, float]:
    """Expected share of customers still with us after the run, and expected total profit, if every
    customer had a service failure with chance ``rate`` a month (the run's customers and policy otherwise)."""
    chances = monthly_chances(run.drivers, run.ladder, run.policy)
    chances = replace(chances, complaint=np.full_like(chances.complaint, rate))
    matrices, start = chances.matrices(), run.levels_before[0].astype(np.int64)
    months_on = occupancy(matrices, start, run.months, run.churn_scale)
    # Still with us at the end: on a level in month months + 1 (one month more, its state counted first).
    kept = occupancy(matrices, start, run.months + 1, np.append(run.churn_scale, 1.0)) - months_on
    profit = (months_on * expected_margin(run.drivers, run.ladder, run.policy, chances).T).sum()
    return float(kept.sum() / len(start)), float(profit)


def _failures(seed: int) -> list[tuple[float, float]]:
    run = _run(seed, **GOOD_HANDLING)
    return [_with_failure_rate(run, rate) for rate in FAILURE_RATES]


@lesson("failures_never_raise_retention", "retention_change", "below", 0.0)
def failures_never_raise_retention(seed: int) -> float:
    """Expected share of customers kept over 24 months at a 15 % monthly failure rate minus at none, with
    fast, careful handling."""
    (kept_none, _), (kept_many, _) = _failures(seed)
    return kept_many - kept_none


@lesson("failures_never_raise_profit", "relative_profit", "below", 0.0)
def failures_never_raise_profit(seed: int) -> float:
    """Expected 24-month profit at a 15 % monthly failure rate relative to none, with fast, careful handling."""
    (_, profit_none), (_, profit_many) = _failures(seed)
    return profit_many / profit_none - 1


def _satisfaction_gap(seed: int, handling: str) -> float:
    effect = rel.recovery_effect(_run(seed, **GOOD_HANDLING).monthly)
    return float(effect.loc[handling, "satisfaction"] - effect.loc["no_complaint", "satisfaction"])


@lesson("recovery_lifts_satisfaction", "satisfaction_change", "above", 0.0)
def recovery_lifts_satisfaction(seed: int) -> float:
    """Satisfaction in the month of a first complaint handled well minus in months without a complaint."""
    return _satisfaction_gap(seed, "recovered")


@lesson("second_failure_no_paradox", "satisfaction_change", "below", 0.0)
def second_failure_no_paradox(seed: int) -> float:
    """Satisfaction in the month of a repeat complaint handled well minus in months without a complaint."""
    return _satisfaction_gap(seed, "recovered_again")


def _cumulative_churn(seed: int, maintenance: str) -> np.ndarray:
    return rel.monthly_kpis(_run(seed, maintenance=maintenance).monthly)["cumulative_churn"].to_numpy()


@lesson("forced_holds_short_run", "churn_points", "above", 0.0)
def forced_holds_short_run(seed: int) -> float:
    """Cumulative churn after a quarter under voluntary minus under forced maintenance (percentage points)."""
    return float(100 * (_cumulative_churn(seed, "voluntary") - _cumulative_churn(seed, "forced"))[SHORT_RUN_MONTH - 1])


@lesson("forced_loses_later", "churn_points", "above", 0.0)
def forced_loses_later(seed: int) -> float:
    """Cumulative churn after 24 months under forced minus under voluntary maintenance (percentage points)."""
    return float(100 * (_cumulative_churn(seed, "forced") - _cumulative_churn(seed, "voluntary"))[-1])


@lesson("care_return_plausible", "ratio", "within", *CARE_RETURN_RANGE)
def care_return_plausible(seed: int) -> float:
    """Return on care of the default policy: extra profit over the same policy without care, per CNY of care."""
    return float(rel.care_return(_run(seed))["return_on_care"])


@lesson("personalised_pays_value_oriented", "profit_per_customer", "above", 0.0)
def personalised_pays_value_oriented(seed: int) -> float:
    """What personalised service (instead of standardised) earns per value-oriented customer over 24 months,
    minus what it earns per price-oriented customer (CNY)."""
    table = rel.personalisation_by_orientation(_world(seed), months=MONTHS, seed=seed)
    return float(table.loc["value", "gain"] - table.loc["price", "gain"])
