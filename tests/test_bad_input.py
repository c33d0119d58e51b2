"""Wrong types, numpy scalars, NaN/inf, boundary and out-of-range values at public entry points.

Accepted outcomes only: a correct result, or a ValueError/TypeError whose
message names the parameter. Each entry point lists its valid call and, per
parameter, what to throw at it (by default anything at all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crmsim
from crmsim import credit, development, lessons, value
from crmsim import key_accounts as ka
from crmsim import relationships as rel
from crmsim import roleplay as rp

ANYTHING = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4), st.lists(st.integers(-3, 3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(0, 2), max_size=1),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), -1, -1.5, 0, 10**30, -10**30, 1e300]),
    st.sampled_from([np.int8(-1), np.uint32(7), np.float16(1e4), np.float32(np.nan), np.int64(2**40),
                     np.bool_(True), np.float64(-0.0)]),
    st.builds(object),
)
#: Out-of-range or wrongly typed sizes only: a valid huge size would just be slow.
NOT_A_SIZE = st.one_of(st.integers(-10**30, 0), st.integers(10**7 + 1, 10**30), st.floats(allow_nan=True),
                       st.text(max_size=3), st.none(), st.booleans(), st.sampled_from([np.float32(3.0), np.int8(-5)]))


@dataclass
class Entry:
    name: str
    call: Callable[..., Any]
    valid: dict[str, Any]
    throw: dict[str, st.SearchStrategy] = field(default_factory=dict)
    check: Callable[[Any], bool] = lambda result: result is not None


WORLD = crmsim.make_world(seed=5, n_customers=60)
VALUES = value.customer_value(WORLD)

ENTRIES = [
    Entry("make_world", crmsim.make_world, {"seed": 1, "n_customers": 12, "months": 6, "start": "2024-01"},
          throw={"n_customers": NOT_A_SIZE, "months": st.one_of(ANYTHING, st.integers(-5, 200))},
          check=lambda w: len(w.customers) == 12),
    Entry("iter_world_chunks", lambda **kw: list(crmsim.iter_world_chunks(**kw)),
          {"seed": 1, "n_customers": 12, "chunk_size": 5}, throw={"n_customers": NOT_A_SIZE},
          check=lambda chunks: sum(len(c.customers) for c in chunks) == 12),
    Entry("student_seed", crmsim.student_seed, {"course_seed": 1, "student_id": "s1"},
          check=lambda seed: isinstance(seed, int) and seed >= 0),
    Entry("customer_value", value.customer_value,
          {"world": WORLD, "order_handling_cost": 300.0, "key_account_service_cost": 20_000.0,
           "target_share": 0.5, "discount_rate": 0.1, "horizon_months": 12},
          check=lambda t: np.isfinite(t.select_dtypes("number").to_numpy(dtype=float)).all()),
    Entry("abc_classes", value.abc_classes, {"values": VALUES, "measure": "historical_value",
                                             "thresholds": (0.8, 0.95)}),
    Entry("composition", value.composition, {"world": WORLD, "values": VALUES, "by": "segment"}),
    Entry("size_versus_value", value.size_versus_value, {"world": WORLD, "values": VALUES}),
    Entry("labelled", crmsim.display.labelled, {"table": WORLD.customers.head(2), "topic": "customers"}),
]

FILE = credit.credit_file(WORLD, seed=1)
RATING = credit.rate(FILE)
LIMITS = credit.credit_limits(FILE)
SCENARIO_WORLD = crmsim.make_world(seed=2024, n_customers=300)
SCENARIO = rp.make_scenario(SCENARIO_WORLD, seed=1)
KA_RUN = ka.simulate_key_accounts(WORLD, seed=1)

TOPIC_ENTRIES = [
    Entry("simulate_relationships", rel.simulate_relationships,
          {"world": WORLD, "policy": rel.CarePolicy(), "months": 6, "seed": 1},
          throw={"months": st.one_of(ANYTHING, st.integers(-5, 0), st.integers(10**4, 10**30))},
          # a valid month count other than 6 (np.uint32(7)) is accepted as a plain int
          check=lambda run: type(run.months) is int and run.months >= 1),
    Entry("CarePolicy", rel.CarePolicy, {"contacts_per_month": 2.0, "complaint_days": 5.0, "complaint_quality": 0.7,
                                         "maintenance": "voluntary"}),
    Entry("recovery_probability", rel.recovery_probability, {"days": 5.0, "quality": 0.7},
          check=lambda p: bool(np.all((np.asarray(p) >= 0.0) & (np.asarray(p) <= 1.0)))),
    Entry("simulate_key_accounts", ka.simulate_key_accounts, {"world": WORLD, "policy": ka.RepPolicy(), "months": 6,
                                                               "seed": 1},
          throw={"months": st.one_of(ANYTHING, st.integers(-5, 0), st.integers(10**4, 10**30))}),
    Entry("RepPolicy", ka.RepPolicy, {"monthly_hours": 120.0, "bid_discount": 0.08, "drop_risk_above": 0.75}),
    Entry("forecast_by_month", ka.forecast_by_month, {"run": KA_RUN, "method": "stage"}),
    Entry("credit_file", credit.credit_file, {"world": WORLD, "seed": 1}),
    Entry("CreditPolicy", credit.CreditPolicy, {"cutoff": 45.0, "credit_period": 30, "discount_rate": 0.0,
                                                "discount_days": 10, "day_count": 360}),
    Entry("credit_limits", credit.credit_limits, {"file": FILE}),
    Entry("simulate_receivables", credit.simulate_receivables,
          {"world": WORLD, "policy": credit.CreditPolicy(), "rating": RATING, "limits": LIMITS, "months": 6,
           "seed": 1},
          throw={"months": st.one_of(ANYTHING, st.integers(-5, 0), st.integers(10**4, 10**30))}),
    Entry("make_scenario", rp.make_scenario, {"world": SCENARIO_WORLD, "seed": 1, "hours_per_round": 10.0}),
    Entry("play", rp.play, {"scenario": SCENARIO, "moves": rp.example_moves(SCENARIO, "textbook")}),
    Entry("outcome_table", rp.outcome_table, {"runs": {"a": rp.play(SCENARIO, rp.example_moves(SCENARIO, "novice"))}}),
    Entry("simulate_development", development.simulate_development,
          {"world": WORLD, "policy": development.ProspectingPolicy(), "months": 6, "seed": 1},
          throw={"months": st.one_of(ANYTHING, st.integers(-5, 0), st.integers(10**4, 10**30))}),
    Entry("ProspectingPolicy", development.ProspectingPolicy, {"budget": 1e6}),
    Entry("make_messy_customer_file", development.make_messy_customer_file, {"world": WORLD, "seed": 1}),
    Entry("run_lessons", lessons.run_lessons, {"names": ["revenue_stationary"], "seeds": 2, "first_seed": 0},
          throw={"seeds": st.one_of(ANYTHING, st.integers(-5, 1))}),
]


def _cases(entries):
    for entry in entries:
        for parameter in entry.valid:
            yield pytest.param(entry, parameter, id=f"{entry.name}-{parameter}")


def _throw(entry, parameter, data):
    bad = data.draw(entry.throw.get(parameter, ANYTHING), label=parameter)
    arguments = dict(entry.valid, **{parameter: bad})
    try:
        result = entry.call(**arguments)
    except (ValueError, TypeError) as error:
        assert parameter in str(error), f"{entry.name}: {error!r} does not name {parameter}"
        return
    assert entry.check(result), f"{entry.name}({parameter}={bad!r}) returned something wrong: {result!r:.200}"


@pytest.mark.parametrize("entry, parameter", list(_cases(ENTRIES)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_values_give_a_result_or_a_clear_error(entry, parameter, data):
    _throw(entry, parameter, data)


@pytest.mark.parametrize("entry, parameter", list(_cases(TOPIC_ENTRIES)))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_values_at_the_topics_give_a_result_or_a_clear_error(entry, parameter, data):
    _throw(entry, parameter, data)


def test_every_entry_point_works_with_its_valid_call():
    for entry in ENTRIES + TOPIC_ENTRIES:
        assert entry.check(entry.call(**entry.valid)), entry.name
