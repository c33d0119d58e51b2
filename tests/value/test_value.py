"""Customer value, ABC classes, composition, size against value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmsim import value


def test_abc_known_answer():
    values = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "historical_value": [5.0, 50.0, 10.0, 30.0, 5.0]})
    abc = value.abc_classes(values, thresholds=(0.8, 0.95))
    assert abc["customer_id"].tolist() == [2, 4, 3, 1, 5]
    # Shares before each customer: 0, .5, .8, .9, .95 -> A A B B C.
    assert abc["abc_class"].astype(str).tolist() == ["A", "A", "B", "B", "C"]
    assert abc["cumulative_value_share"].iloc[-1] == pytest.approx(1.0)
    summary = value.abc_summary(abc)
    assert summary.loc["A", "value_share"] == pytest.approx(0.8)
    assert summary["customers"].tolist() == [2, 2, 1]


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=60),
       a=st.floats(0.05, 0.9), gap=st.floats(0.01, 0.5))
def test_abc_classes_are_ordered_and_cover_everyone(values, a, gap):
    b = min(1.0, a + gap)
    table = pd.DataFrame({"customer_id": np.arange(len(values)), "historical_value": values})
    abc = value.abc_classes(table, thresholds=(a, b))
    codes = abc["abc_class"].cat.codes.to_numpy()
    assert len(abc) == len(values)
    assert np.all(np.diff(codes) >= 0)  # A before B before C
    assert np.all(np.diff(abc["value"].to_numpy()) <= 0)
    assert codes[0] == 0  # the most valuable customer is always A
    if sum(values) > 0:
        assert abc["cumulative_value_share"].iloc[-1] == pytest.approx(1.0)


def test_a_higher_a_threshold_never_shrinks_class_a(world):
    values = value.customer_value(world)
    counts = [(value.abc_classes(values, thresholds=(a, 0.99))["abc_class"] == "A").sum()
              for a in (0.5, 0.6, 0.7, 0.8, 0.9)]
    assert counts == sorted(counts)


def test_customer_value_columns_and_identities(world):
    v = value.customer_value(world)
    assert len(v) == len(world.customers)
    margin = world.orders.groupby("customer_id")["gross_margin"].sum()
    assert np.allclose(v.set_index("customer_id").loc[margin.index, "gross_margin"], margin)
    assert np.allclose(v["historical_value"], v["gross_margin"] - v["service_cost"])
    assert v["p_alive"].between(0, 1).all()
    assert (v["potential_value"] >= 0).all()
    assert (v.loc[v["orders"] == 0, "revenue"] == 0).all()
    # Pareto: a minority of customers brings most of the value.
    abc = value.abc_classes(v)
    assert (abc["abc_class"] == "A").mean() < 0.35


def test_p_alive_matches_the_formula_and_falls_with_silence(world):
    v = value.customer_value(world).set_index("customer_id")
    c = world.customers.set_index("customer_id")
    last = world.orders.groupby("customer_id")["order_date"].max()
    idle = (world.as_of - last).dt.days / 30.4375
    lam, p = c.loc[last.index, "true_purchase_rate"], c.loc[last.index, "true_dropout_prob"]
    expected = (1 - p) * np.exp(-lam * idle) / ((1 - p) * np.exp(-lam * idle) + p)
    assert np.allclose(v.loc[last.index, "p_alive"], expected)


def test_composition_shares_sum_to_one(world):
    v = value.customer_value(world)
    for by in value.GROUPINGS:
        table = value.composition(world, v, by=by)
        assert table[["customer_share", "revenue_share", "value_share"]].sum().to_numpy() == pytest.approx([1, 1, 1])
        assert table["customers"].sum() == len(world.customers)


def test_a_big_company_is_not_always_a_big_customer(big_world):
    v = value.customer_value(big_world)
    facts = value.size_versus_value(big_world, v)
    assert 0.0 < facts["rank_correlation"] < 0.9  # related, far from the same thing
    assert facts["top_overlap"] < 0.8


@pytest.mark.parametrize("call, words", [
    (lambda w, v: value.abc_classes(v, measure="profit"), ["measure", "profit"]),
    (lambda w, v: value.abc_classes(v, thresholds=(0.9, 0.8)), ["thresholds", "0 < a < b"]),
    (lambda w, v: value.abc_classes(v, thresholds=(0.0, 0.8)), ["thresholds[0]", "0.0"]),
    (lambda w, v: value.abc_classes(v, thresholds=0.8), ["thresholds", "pair"]),
    (lambda w, v: value.customer_value(w, target_share=1.2), ["target_share", "1.2"]),
    (lambda w, v: value.customer_value(w, order_handling_cost=-1), ["order_handling_cost", "-1"]),
    (lambda w, v: value.composition(w, v, by="colour"), ["by", "colour", "segment"]),
])
def test_bad_input_is_rejected(world, call, words):
    v = value.customer_value(world)
    with pytest.raises((ValueError, TypeError)) as info:
        call(world, v)
    for word in words:
        assert word in str(info.value)
