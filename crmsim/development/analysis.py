"""Reading a prospecting run: the funnel, methods and channels compared, and the model card."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .campaign import (NEW_CUSTOMER_RAMP, SKILL_REFERENCE, SKILL_WEIGHT, STEP_CONVERSION, STEPS, DevelopmentRun)
from .methods import CHANNELS, DEFAULT_METHODS, METHODS, MAX_HIT_RATE

#: Columns of :func:`by_method` and :func:`by_channel` that are sums (the others are ratios of them).
SUM_COLUMNS = ("budget", "spend", "contacts", "leads", "acquired", "first_year_value")


def _check_run(run: object) -> DevelopmentRun:
    if not isinstance(run, DevelopmentRun):
        raise TypeError(f"run must be a DevelopmentRun from simulate_development; got {type(run).__name__}")
    return run


def funnel(run: DevelopmentRun, method: str | None = None) -> pd.DataFrame:
    """The eight steps of one method's campaign, or of all methods together.

    Returns ``step, count, conversion, cumulative``: prospects reaching each
    step, the share of the step before, and the share of the contacts (``find``).
    """
    run = _check_run(run)
    steps = run.steps
    if method is not None:
        if method not in METHODS:
            raise ValueError(f"method={method!r} is not allowed; choose from {METHODS} or None (all)")
        steps = steps[steps["method"] == method]
    counts = steps.groupby("step", observed=False)["count"].sum().reindex(list(STEPS)).to_numpy()
    previous = np.concatenate([[counts[0]], counts[:-1]])
    with np.errstate(invalid="ignore", divide="ignore"):
        conversion = np.where(previous > 0, counts / np.maximum(previous, 1), np.nan)
        cumulative = np.where(counts[0] > 0, counts / max(counts[0], 1), np.nan)
    conversion[0] = np.nan
    return pd.DataFrame({"step": pd.Categorical(STEPS, categories=STEPS, ordered=True), "count": counts,
                         "conversion": conversion, "cumulative": cumulative})


def _rates(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()

    def per(a, b):
        a, b = out[a].to_numpy(dtype=float), out[b].to_numpy(dtype=float)
        return np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)

    out["cost_per_contact"] = per("spend", "contacts")
    out["cost_per_lead"] = per("spend", "leads")
    out["cost_per_acquired"] = per("spend", "acquired")
    out["hit_rate"] = per("leads", "contacts")
    out["lead_conversion"] = per("acquired", "leads")
    out["contact_conversion"] = per("acquired", "contacts")
    out["value_per_acquired"] = per("first_year_value", "acquired")
    out["value_per_cost"] = per("first_year_value", "spend")
    return out


def by_method(run: DevelopmentRun) -> pd.DataFrame:
    """Per method: budget, spend, contacts, leads, acquired, their first-year value, and the costs and rates.

    ``hit_rate`` is leads per contact, ``lead_conversion`` customers won per
    lead, ``contact_conversion`` per contact, ``value_per_cost`` first-year
    gross margin per CNY spent; a ratio is NaN where its base is zero.
    """
    run = _check_run(run)
    return _rates(run.acquisition[["method", *SUM_COLUMNS]])


def by_channel(run: DevelopmentRun) -> pd.DataFrame:
    """:func:`by_method` summed over the methods of each channel (:data:`CHANNELS`)."""
    table = by_method(run)
    channel = pd.Categorical([DEFAULT_METHODS[m].channel for m in table["method"]], categories=CHANNELS)
    sums = table[list(SUM_COLUMNS)].groupby(channel, observed=False).sum()
    return _rates(sums.rename_axis("channel").reset_index())


def channel_comparison(run: DevelopmentRun) -> pd.DataFrame:
    """The course's comparison of methods: effectiveness, feedback speed, cost and information volume.

    Returns ``method, channel, lead_conversion`` (effectiveness, measured in
    the run), ``feedback_days`` (speed), ``cost_per_contact`` (CNY),
    ``information`` (1-5) and ``cost_per_acquired`` (measured).
    """
    table = by_method(run)
    methods = [DEFAULT_METHODS[m] for m in table["method"]]
    return pd.DataFrame({
        "method": table["method"],
        "channel": pd.Categorical([m.channel for m in methods], categories=CHANNELS),
        "lead_conversion": table["lead_conversion"],
        "feedback_days": [float(m.feedback_days) for m in methods],
        "cost_per_contact": [m.cost for m in methods],
        "information": [m.information for m in methods],
        "cost_per_acquired": table["cost_per_acquired"],
    })


def model_card() -> pd.DataFrame:
    """How the model works: its coefficients, read from the code.

    Returns ``parameter, item, value, meaning``: ``parameter`` and
    ``meaning`` are codes (``dev.param.*``, ``dev.meaning.*``), ``item`` a
    method or step code (or ``"all"``).
    """
    rows = []
    for code in METHODS:
        m = DEFAULT_METHODS[code]
        rows += [("cost", code, m.cost, "cost"), ("hit_rate", code, m.hit_rate, "hit_rate"),
                 ("quality", code, m.quality, "quality"), ("capacity", code, float(m.capacity),
                                                          "capacity_referral" if code == "referral" else "capacity")]
    rows += [("step_conversion", step, p, "step_conversion") for step, p in zip(STEPS[2:], STEP_CONVERSION)]
    rows += [("skill_weight", "all", SKILL_WEIGHT, "skill_weight"), ("skill_reference", "all", SKILL_REFERENCE,
                                                                      "skill_reference"),
             ("new_customer_ramp", "all", NEW_CUSTOMER_RAMP, "new_customer_ramp"),
             ("max_hit_rate", "all", MAX_HIT_RATE, "max_hit_rate")]
    return pd.DataFrame(rows, columns=["parameter", "item", "value", "meaning"])
