"""Opening the black box: the model card read from the code, explain() adding up to the simulated chances,
and the maintenance hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import relationships as rel
from crmsim.display import labelled
from crmsim.relationships import policy, transitions


def test_the_model_card_reads_the_code(monkeypatch):
    card = rel.model_card()
    assert list(card.columns) == ["parameter", "name_in_code", "value", "meaning"]
    assert card.set_index("parameter").loc["care_size_exponent", "value"] == transitions.CARE_SIZE_EXPONENT
    monkeypatch.setattr(transitions, "GAP_ON_CHURN", 9.0)
    assert rel.model_card().set_index("parameter").loc["gap_on_churn", "value"] == 9.0
    crmsim.set_language("zh")
    shown = labelled(card, "relationships")
    assert list(shown.columns) == ["参数", "代码中的名称", "取值", "作用"]
    assert not shown["作用"].isin(card["meaning"]).any()  # every meaning has its text
    assert not shown["参数"].isin(card["parameter"]).any()  # and every parameter its name
    assert shown["代码中的名称"].tolist() == card["name_in_code"].tolist()  # shown as it is written


def test_explain_adds_up_to_the_chances_the_simulation_drew_against(world):
    run = rel.simulate_relationships(world, rel.CarePolicy(maintenance="forced"), seed=5, months=6)
    complaints = run.complaints
    cases = [(int(complaints["customer_id"].iloc[0]), int(complaints["month"].iloc[0])), (int(run.customer_ids[3]), 2)]
    for customer_id, month in cases:
        table = rel.explain(run, customer_id, month)
        assert list(table["driver"]) == list(rel.EXPLAIN_ROWS)
        parts = table.set_index("driver")[["up", "down", "churn"]]
        np.testing.assert_allclose(parts.iloc[:-1].sum(), parts.loc["total"], atol=1e-12)
        i = int(np.flatnonzero(run.customer_ids == customer_id)[0])
        level = run.levels_before[month - 1, i]
        assert table.attrs["move"] in rel.MOVES
        assert table.attrs["level_before"] == run.ladder.codes[level]
    crmsim.set_language("zh")
    assert labelled(rel.explain(run, *cases[0]), "relationships").columns[0] == "驱动因素"


def test_explain_total_matches_the_walk_thresholds(world):
    # The total row of a month without a complaint is exactly that month's row of the transition matrix
    # when no customer could complain.
    run = rel.simulate_relationships(world, rel.CarePolicy(maintenance="forced"), seed=2, months=4)
    quiet = run.monthly[(run.monthly["month"] == 4) & ~run.monthly["complaint"] & (run.monthly["level_before"] != "churned")]
    customer_id = int(quiet["customer_id"].iloc[0])
    i = int(np.flatnonzero(run.customer_ids == customer_id)[0])
    level = run.levels_before[3, i]
    chances = transitions.monthly_chances(run.drivers, run.ladder, run.policy)
    total = rel.explain(run, customer_id, 4).set_index("driver").loc["total"]
    assert total["up"] == pytest.approx(chances.up[0, i, level])
    assert total["churn"] == pytest.approx(chances.churn[0, i, level] * run.churn_scale[3])


@pytest.mark.parametrize("args, error, message", [
    (("run", 1, 1), TypeError, "run must be a RelationshipsRun"),
    ((None, 99999, 1), ValueError, "customer_id=99999 is not in this run"),
    ((None, 1, 0), ValueError, "month must be >= 1"),
    ((None, 1, 7), ValueError, "month must be <= 6"),
    ((None, 1.5, 1), TypeError, "customer_id must be an int"),
])
def test_explain_bad_input(world, args, error, message):
    run = rel.simulate_relationships(world, seed=1, months=6)
    args = tuple(run if a is None else a for a in args)
    with pytest.raises(error, match=message):
        rel.explain(*args)


def test_explain_refuses_a_customer_who_had_left(world):
    run = rel.simulate_relationships(world, seed=1, months=24)
    gone = np.flatnonzero(run.levels_before[-1] < 0)[0]
    with pytest.raises(ValueError, match="had left"):
        rel.explain(run, int(run.customer_ids[gone]), 24)


def test_forced_hold_wears_off():
    scale = rel.maintenance_churn_scale("forced", 36)
    style = policy.MAINTENANCE["forced"]
    assert scale[0] == pytest.approx(1 - style["hold"])
    assert np.all(np.diff(scale) > 0) and scale[-1] > 0.95
    np.testing.assert_array_equal(rel.maintenance_churn_scale("voluntary", 5), np.ones(5))
    with pytest.raises(ValueError, match="maintenance='sticky'"):
        rel.maintenance_churn_scale("sticky", 3)


def test_true_matrix_of_a_forced_run_matches_the_log(big_world):
    run = rel.simulate_relationships(big_world, rel.CarePolicy(maintenance="forced"), seed=3, months=12)
    estimated = rel.estimate_transition_matrix(run.monthly)
    true = rel.true_transition_matrix(run)
    counts = estimated.attrs["counts"]
    tolerance = 4 * np.sqrt(true.to_numpy() * (1 - true.to_numpy()) / counts[:, None]) + 1e-3
    assert (np.abs(estimated.to_numpy() - true.to_numpy()) <= tolerance).all()
    # Expected profit with the hold agrees with the simulated one.
    assert rel.care_return(run)["profit_with_care"] == pytest.approx(run.monthly["profit"].sum(), rel=0.05)


def test_personalisation_by_orientation(world):
    table = rel.personalisation_by_orientation(world, months=6, seed=2)
    assert list(table.columns) == ["customers", "profit_standardised", "profit_personalised", "gain"]
    assert table["customers"].sum() == len(world.customers)
    np.testing.assert_allclose(table["gain"], table["profit_personalised"] - table["profit_standardised"])
    assert table.loc["value", "gain"] > table.loc["price", "gain"]
    crmsim.set_language("zh")
    assert labelled(table, "relationships").index[0] == "价格取向型"
