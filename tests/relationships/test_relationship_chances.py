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


def _survival_level_profit(chances, ladder, policy, drivers, start, months):
    from dataclasses import replace as _replace  # noqa: F401
    from crmsim.relationships.markov import occupancy
    from crmsim.relationships.transitions import expected_margin
    matrices = chances.matrices()
    starts = np.full(len(chances.complaint), start)
    months_on = occupancy(matrices, starts, months)
    kept = occupancy(matrices, starts, months + 1) - months_on
    margins = expected_margin(drivers, ladder, policy, chances)
    return kept.sum(axis=0), rel.expected_level(matrices, start, months), (months_on * margins.T).sum(axis=0), margins


@settings(max_examples=40, deadline=None)
@given(drivers=drivers_strategy(), fields=policy_fields, budget=st.floats(0, 8000), cadence=st.floats(0, 10),
       rate=st.floats(0, 0.5), extra=st.floats(0, 0.5), months=st.integers(1, 36), start=st.integers(0, 3))
def test_more_failures_never_raise_retention_level_or_profit(drivers, fields, budget, cadence, rate, extra, months,
                                                             start):
    from dataclasses import replace
    from crmsim.relationships.transitions import checked_drivers, monthly_chances
    policy = rel.CarePolicy(budget, cadence, **fields)
    arrays = checked_drivers(drivers)
    chances = monthly_chances(arrays, rel.COURSE_LADDER, policy)
    few = replace(chances, complaint=np.full_like(chances.complaint, rate))
    many = replace(chances, complaint=np.full_like(chances.complaint, min(1.0, rate + extra)))
    kept_few, level_few, profit_few, margins = _survival_level_profit(few, rel.COURSE_LADDER, policy, arrays, start,
                                                                      months)
    kept_many, level_many, profit_many, _ = _survival_level_profit(many, rel.COURSE_LADDER, policy, arrays, start,
                                                                   months)
    assert np.all(kept_many <= kept_few + 1e-9)
    assert np.all(level_many <= level_few + 1e-9)
    # Profit falls wherever a higher level is worth at least as much as a lower one and staying pays.
    worth_keeping = (margins >= 0).all(axis=1) & (np.diff(margins, axis=1) >= 0).all(axis=1)
    assert np.all(profit_many[worth_keeping] <= profit_few[worth_keeping] + 1e-6)


def test_a_good_recovery_never_beats_no_failure():
    # The rows of the recovered outcome are those of no complaint: the paradox is for satisfaction only.
    from crmsim.relationships.transitions import checked_drivers, monthly_chances
    frame = _drivers_frame([{"orientation": o, "segment": s, "loyalty": 0.3 * o, "price_sensitivity": 0.2 * s,
                             "rep_skill": 0.5, "wallet_month": 1e5} for o in range(3) for s in range(5)])
    chances = monthly_chances(checked_drivers(frame), rel.COURSE_LADDER, rel.CarePolicy())
    for part in (chances.up, chances.down, chances.churn):
        np.testing.assert_array_equal(part[1], part[0])
        assert np.all(part[2] >= 0)
    assert np.all(chances.churn[2] >= chances.churn[0]) and np.all(chances.up[2] <= chances.up[0])


@pytest.mark.parametrize("args, error, message", [
    ((0, 10**30), ValueError, "months must be <= 2400"),
    ((99, 3), ValueError, "start must be a level index in 0..3"),
    ((-1, 3), ValueError, "start must be a level index"),
    ((1.5, 3), TypeError, "start must be an int level index"),
    ((True, 3), TypeError, "start must be an int level index"),
    ((0, 2.0), TypeError, "months must be an int"),
])
def test_expected_level_bad_input(args, error, message):
    matrices = rel.transition_matrices(_drivers_frame([{"orientation": 1, "segment": 0, "loyalty": 0.5,
                                                        "price_sensitivity": 0.5, "rep_skill": 0.5,
                                                        "wallet_month": 1e5}]), rel.CarePolicy())
    with pytest.raises(error, match=message):
        rel.expected_level(matrices, *args)


def test_expected_level_long_horizons_are_quick_and_exact():
    frame = _drivers_frame([{"orientation": 1, "segment": 0, "loyalty": 0.5, "price_sensitivity": 0.5,
                             "rep_skill": 0.5, "wallet_month": 1e5}] * 2)
    matrices = rel.transition_matrices(frame, rel.CarePolicy())
    full = np.zeros((2, 5, 5))
    full[:, :4, :] = matrices
    full[:, 4, 4] = 1.0
    state = np.linalg.matrix_power(full[0], 37)[2]
    assert rel.expected_level(matrices, 2, 37)[0] == pytest.approx(state @ np.array([0, 1, 2, 3, -1.0]))
    assert rel.expected_level(matrices, 2, 2400)[0] == pytest.approx(-1.0, abs=1e-6)


@pytest.mark.parametrize("matrix, message", [
    (np.ones((3, 3)), "shape"),
    (np.full((2, 3), np.nan), "NaN"),
    (np.full((2, 3), 0.5), "sum to 1"),
    ("matrix", "transition chances"),
])
def test_stationary_distribution_bad_input(matrix, message):
    with pytest.raises((ValueError, TypeError), match=message):
        rel.stationary_distribution(matrix)


@pytest.mark.parametrize("column, value, message", [
    ("loyalty", np.nan, r"drivers\['loyalty'\] must be finite"),
    ("orientation", 7, r"drivers\['orientation'\]"),
    ("wallet_month", -1.0, r"drivers\['wallet_month'\]"),
])
def test_transition_matrices_bad_drivers(column, value, message):
    frame = _drivers_frame([{"orientation": 1, "segment": 0, "loyalty": 0.5, "price_sensitivity": 0.5,
                             "rep_skill": 0.5, "wallet_month": 1e5}])
    frame[column] = value
    with pytest.raises(ValueError, match=message):
        rel.transition_matrices(frame, rel.CarePolicy())
    with pytest.raises(ValueError, match="lacks the column"):
        rel.transition_matrices(frame.drop(columns="rep_skill"), rel.CarePolicy())
    with pytest.raises(TypeError, match="drivers must be a DataFrame"):
        rel.transition_matrices({"loyalty": 1}, rel.CarePolicy())
