"""Lessons of credit decisions (notebook 04), each measured on a lesson world at the default policy.

Every comparison uses the same world, credit file, rating, limits and random
numbers (:func:`crmsim.credit.prepare_credit`), so two policies differ only
by the policy. The comparison points of the "interior optimum" lessons are
fixed in advance (:data:`CUTOFF_RANGE`, :data:`BEST_CUTOFF`, ...): a claim
about the mean profit curve, not a maximum picked after looking.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd

from .. import credit
from .claims import lesson, lesson_world as _world

#: The ends of the dashboard's cutoff slider, and a cutoff inside that the profit curve peaks near
#: (the floor of grade B; on 20 lesson worlds the best cutoff of a 0, 10, ..., 90 grid is 20-40).
CUTOFF_RANGE, BEST_CUTOFF = (0.0, 90.0), 35.0
#: The ends of the dashboard's credit-period slider, and a period inside it near the peak (45-75 days).
PERIOD_RANGE, BEST_PERIOD = (15, 120), 60
#: Screening lessons compare a loose cutoff with a tight one.
LOOSE_CUTOFF, TIGHT_CUTOFF = 30.0, 60.0


@functools.lru_cache(maxsize=32)
def _inputs(seed: int) -> tuple:
    world = _world(seed)
    file = credit.credit_file(world, seed=world.seed)
    return world, credit.rate(file), credit.credit_limits(file), credit.prepare_credit(world, months=24, seed=seed)


@functools.lru_cache(maxsize=512)
def _summary(seed: int, **changes) -> pd.Series:
    """Summary of the default policy with ``changes`` on the lesson world of ``seed``."""
    world, rating, limits, prepared = _inputs(seed)
    policy = replace(credit.CreditPolicy(), **changes)
    run = credit.simulate_receivables(world, policy, rating=rating, limits=limits, months=24, prepared=prepared)
    return credit.summarise_policy(run)


def _interior_gain(seed: int, field: str, ends: tuple, inside: float) -> float:
    """How much more profit ``inside`` makes than the better end of the range, as a share of its profit."""
    best_end = max(_summary(seed, **{field: end})["profit"] for end in ends)
    profit = _summary(seed, **{field: inside})["profit"]
    return float((profit - best_end) / abs(profit))


@lesson("longer_terms_raise_sales", "ratio", "above", 1.0)
def longer_terms_raise_sales(seed: int) -> float:
    """Sales on net 60 over sales on net 30."""
    return float(_summary(seed, credit_period=60)["sales"] / _summary(seed)["sales"])


@lesson("longer_terms_raise_dso", "credit_days", "above", 0.0)
def longer_terms_raise_dso(seed: int) -> float:
    """DSO on net 60 minus DSO on net 30, days."""
    return float(_summary(seed, credit_period=60)["dso"] - _summary(seed)["dso"])


@lesson("discount_speeds_payment", "credit_days", "below", high=0.0)
def discount_speeds_payment(seed: int) -> float:
    """DSO on 2/10, net 30 minus DSO on net 30, days."""
    return float(_summary(seed, discount_rate=0.02, discount_days=10)["dso"] - _summary(seed)["dso"])


@lesson("tighter_cutoff_fewer_approvals", "ratio", "below", high=1.0)
def tighter_cutoff_fewer_approvals(seed: int) -> float:
    """Approval rate with a cutoff of 60 over that with a cutoff of 30."""
    tight, loose = _summary(seed, cutoff=TIGHT_CUTOFF), _summary(seed, cutoff=LOOSE_CUTOFF)
    return float(tight["approval_rate"] / loose["approval_rate"])


@lesson("tighter_cutoff_less_bad_debt", "ratio", "below", high=1.0)
def tighter_cutoff_less_bad_debt(seed: int) -> float:
    """Bad debt with a cutoff of 60 over that with a cutoff of 30."""
    return float(_summary(seed, cutoff=TIGHT_CUTOFF)["bad_debt"] / _summary(seed, cutoff=LOOSE_CUTOFF)["bad_debt"])


@lesson("rating_separates_payers", "credit_auc", "above", 0.70)
def rating_separates_payers(seed: int) -> float:
    """AUC of the course's score against who actually failed in two years (everyone granted credit)."""
    world, rating, limits, prepared = _inputs(seed)
    run = credit.simulate_receivables(world, credit.CreditPolicy(cutoff=0.0), rating=rating, limits=limits,
                                      months=24, prepared=prepared)
    return credit.auc(rating["score"], run.accounts["defaulted"])


@lesson("best_cutoff_interior", "credit_profit_gain", "above", 0.0)
def best_cutoff_interior(seed: int) -> float:
    """Profit at a cutoff of 35 minus the better of cutoffs 0 and 90, as a share of the former."""
    return _interior_gain(seed, "cutoff", CUTOFF_RANGE, BEST_CUTOFF)


@lesson("best_period_interior", "credit_profit_gain", "above", 0.0)
def best_period_interior(seed: int) -> float:
    """Profit on net 60 minus the better of net 15 and net 120, as a share of the former."""
    return _interior_gain(seed, "credit_period", PERIOD_RANGE, BEST_PERIOD)
