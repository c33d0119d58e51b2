"""Transition chances and chain arithmetic: more care never lowers the expected level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim import relationships as rel
from crmsim.world import vocab


def test_stationary_distribution_solves_the_chain():
    rng = np.random.default_rng(0)
    raw = rng.random((4, 5))
    matrix = raw / raw.sum(axis=1, keepdims=True)
    pi = rel.stationary_distribution(matrix)
    closed = matrix[:, :4].copy()
    closed[:, 0] += matrix[:, 4]
    np.testing.assert_allclose(pi @ closed, pi, atol=1e-12)
    np.testing.assert_allclose(pi, np.linalg.matrix_power(closed, 500)[0], atol=1e-10)
    with pytest.raises(ValueError, match="shape"):
        rel.stationary_distribution(np.ones((3, 3)))


def drivers_strategy(n: int = 3):
    unit = st.floats(0.0, 1.0, allow_nan=False)
    row = st.fixed_dictionaries({
        "orientation": st.integers(0, 2), "segment": st.integers(0, len(vocab.SEGMENT_CODES) - 1),
        "loyalty": unit, "price_sensitivity": unit, "rep_skill": unit,
        "wallet_month": st.floats(1e3, 1e7),
    })
    return st.lists(row, min_size=n, max_size=n).map(_drivers_frame)


def _drivers_frame(rows):
    frame = pd.DataFrame(rows)
    frame.insert(0, "customer_id", np.arange(1, len(frame) + 1))
    frame["key_account"] = frame["segment"] != vocab.SEGMENT_CODES.index("ordinary")
    return frame


policy_fields = st.fixed_dictionaries({
    "channel_mix": st.sampled_from(tuple(rel.CHANNEL_MIXES)),
    "service_level": st.sampled_from(rel.SERVICE_LEVELS),
    "maintenance": st.sampled_from(rel.MAINTENANCE_STYLES),
    "complaint_days": st.floats(1, 60),
    "complaint_quality": st.floats(0, 1),
})


@settings(max_examples=40, deadline=None)
@given(drivers=drivers_strategy(), fields=policy_fields, ladder=st.sampled_from(["course", "kotler"]),
       budget=st.floats(0, 8000), extra_budget=st.floats(0, 8000), cadence=st.floats(0, 10),
       extra_cadence=st.floats(0, 10), by_segment=st.booleans(), months=st.integers(1, 36),
       start=st.integers(0, 3))
def test_more_care_never_lowers_the_expected_level(drivers, fields, ladder, budget, extra_budget, cadence,
                                                   extra_cadence, by_segment, months, start):
    def budget_of(amount):
        if not by_segment:
            return amount
        return {code: amount * (1 + i) for i, code in enumerate(vocab.SEGMENT_CODES)}

    less = rel.CarePolicy(budget_of(budget), cadence, **fields)
    more = rel.CarePolicy(budget_of(budget + extra_budget), cadence + extra_cadence, **fields)
    low = rel.expected_level(rel.transition_matrices(drivers, less, ladder), start, months)
    high = rel.expected_level(rel.transition_matrices(drivers, more, ladder), start, months)
    assert np.all(high >= low - 1e-9)


@settings(max_examples=30, deadline=None)
@given(drivers=drivers_strategy(), fields=policy_fields, budgets=st.lists(st.floats(0, 5000), min_size=4, max_size=4),
       extra=st.floats(0, 5000), level=st.integers(0, 3), months=st.integers(1, 36))
def test_more_care_on_a_level_budget_never_lowers_the_expected_level(drivers, fields, budgets, extra, level, months):
    # Budgets by level that do not fall up the ladder: monotone at every horizon.
    ascending = np.sort(budgets)
    codes = rel.COURSE_LADDER.codes
    less = rel.CarePolicy(dict(zip(codes, ascending)), 2.0, **fields)
    more = rel.CarePolicy(dict(zip(codes, ascending + extra)), 2.0, **fields)
    low = rel.expected_level(rel.transition_matrices(drivers, less), level, months)
    high = rel.expected_level(rel.transition_matrices(drivers, more), level, months)
    assert np.all(high >= low - 1e-9)
    # Any budget by level, one month ahead.
    raw = dict(zip(codes, budgets))
    bumped = dict(zip(codes, np.asarray(budgets) + extra))
    one_low = rel.expected_level(rel.transition_matrices(drivers, rel.CarePolicy(raw, 2.0, **fields)), level, 1)
    one_high = rel.expected_level(rel.transition_matrices(drivers, rel.CarePolicy(bumped, 2.0, **fields)), level, 1)
    assert np.all(one_high >= one_low - 1e-12)
