"""Lessons of customer development (notebook 06), measured on the default campaign of the lesson world."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import development as dev
from .claims import lesson, lesson_world as _world


@functools.lru_cache(maxsize=64)
def _methods(seed: int) -> pd.DataFrame:
    # The default policy (CNY 1m split equally over the ten methods) for a year.
    return dev.by_method(dev.simulate_development(_world(seed), seed=seed)).set_index("method")


@functools.lru_cache(maxsize=64)
def _steps(seed: int) -> pd.DataFrame:
    return dev.simulate_development(_world(seed), seed=seed).steps


@lesson("referrals_convert_best", "ratio", "above", 1.0)
def referrals_convert_best(seed: int) -> float:
    """Customers won per contact by referral over the best other method's."""
    m = _methods(seed)
    return float(m.loc["referral", "contact_conversion"] / m.drop("referral")["contact_conversion"].max())


@lesson("referrals_little_volume", "share", "below", 0.10)
def referrals_little_volume(seed: int) -> float:
    """Referrals' share of all leads, with a tenth of the budget: customers give only so many."""
    m = _methods(seed)
    return float(m.loc["referral", "leads"] / m["leads"].sum())


@lesson("face_to_face_costliest_contact", "ratio", "above", 1.0)
def face_to_face_costliest_contact(seed: int) -> float:
    """Cost per contact of face-to-face meetings over the costliest other method's."""
    m = _methods(seed)
    return float(m.loc["face_to_face", "cost_per_contact"] / m.drop("face_to_face")["cost_per_contact"].max())


@lesson("face_to_face_leads_convert_best", "ratio", "above", 1.0)
def face_to_face_leads_convert_best(seed: int) -> float:
    """Win rate of face-to-face leads over the best other method's."""
    m = _methods(seed)
    return float(m.loc["face_to_face", "lead_conversion"] / m.drop("face_to_face")["lead_conversion"].max())


@lesson("cheapest_contact_not_cheapest_customer", "ratio", "above", 1.5)
def cheapest_contact_not_cheapest_customer(seed: int) -> float:
    """Cost per customer won of the cheapest method per contact over the lowest cost per customer won."""
    m = _methods(seed)
    return float(m.loc[m["cost_per_contact"].idxmin(), "cost_per_acquired"] / m["cost_per_acquired"].min())


@lesson("funnel_never_rises", "share", "within", 0.0, 0.0)
def funnel_never_rises(seed: int) -> float:
    """Share of (method, step) pairs with more prospects than the step before."""
    counts = _steps(seed).pivot(index="method", columns="step", values="count").to_numpy()
    return float((np.diff(counts, axis=1) > 0).mean())
