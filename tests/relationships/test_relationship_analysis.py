"""Tables from a run: level mix, KPIs, economics, CLV, return on care, policies, segments and histories."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import relationships as rel
from crmsim.display import labelled


def test_level_mix_and_kpis_agree_with_the_log(run, world):
    mix = rel.level_mix(run.monthly)
    assert mix.shape == (25, 5)
    np.testing.assert_allclose(mix.sum(axis=1), 1.0)
    kpis = rel.monthly_kpis(run.monthly)
    n = len(world.customers)
    assert kpis["customers"].iloc[0] == n
    np.testing.assert_allclose(kpis["cumulative_churn"].to_numpy(), mix["churned"].iloc[1:].to_numpy())
    np.testing.assert_allclose(kpis["profit"].sum(), run.monthly["profit"].sum())
    grouped = run.monthly.groupby("month")["revenue"].sum().to_numpy()
    np.testing.assert_allclose(kpis["revenue"].to_numpy(), grouped)
    # Unsorted input gives the same answer.
    shuffled = run.monthly.sample(frac=1.0, random_state=0)
    pd.testing.assert_frame_equal(rel.monthly_kpis(shuffled), kpis, rtol=1e-9)


def test_level_economics_and_clv_rise_with_the_level(big_run):
    economics = rel.level_economics(big_run.monthly)
    assert economics["monthly_churn"].is_monotonic_decreasing
    assert economics["revenue"].is_monotonic_increasing
    clv = rel.clv_by_level(big_run)
    assert clv["clv_mean"].is_monotonic_increasing
    assert clv["customers_now"].sum() == len(big_run.customer_ids)
    with pytest.raises(ValueError, match="annual_discount_rate"):
        rel.clv_by_level(big_run, annual_discount_rate=2)


def test_care_return_matches_simulation(big_world, big_run):
    result = rel.care_return(big_run)
    simulated = big_run.monthly["profit"].sum()
    assert result["profit_with_care"] == pytest.approx(simulated, rel=0.05)
    spend = (big_run.monthly["care_cost"] + big_run.monthly["contact_cost"]).sum()
    assert result["care_spend"] == pytest.approx(spend, rel=0.02)
    nothing = rel.simulate_relationships(big_world, replace(big_run.policy, care_budget=0.0, contacts_per_month=0.0), seed=4)
    assert result["profit_without_care"] == pytest.approx(nothing.monthly["profit"].sum(), rel=0.05)
    assert np.isnan(rel.care_return(nothing)["return_on_care"])


def test_compare_policies_uses_the_same_numbers(world):
    policies = {"none": rel.CarePolicy(care_budget=0, contacts_per_month=0), "default": rel.CarePolicy()}
    table = rel.compare_policies(world, policies, seed=4)
    assert list(table.index) == ["none", "default"]
    again = rel.simulate_relationships(world, rel.CarePolicy(), seed=4)
    assert table.loc["default", "profit"] == pytest.approx(again.monthly["profit"].sum())
    assert table.loc["none", "care_spend"] == 0 and np.isnan(table.loc["none", "return_on_care"])
    with pytest.raises(ValueError, match="policies must be a non-empty dict"):
        rel.compare_policies(world, {})


def test_segment_summary_and_history(world, run):
    summary = rel.segment_summary(world, run)
    assert summary["customers"].sum() == len(world.customers)
    assert summary.loc["ordinary", "care_cost"] == pytest.approx(300.0)
    churned = (run.monthly.loc[run.monthly["month"] == 24, "level"] == "churned").mean()
    assert (summary["cumulative_churn"] * summary["customers"]).sum() / len(world.customers) == pytest.approx(churned)
    history = rel.customer_history(run, 5)
    assert len(history) == 24 and list(history.index) == list(range(1, 25))
    assert (run.monthly.loc[run.monthly["customer_id"] == 5, "profit"].to_numpy() == history["profit"].to_numpy()).all()
    with pytest.raises(ValueError, match="customer_id=99999 is not in this run"):
        rel.customer_history(run, 99999)
    crmsim.set_language("zh")
    shown = labelled(history, "relationships", names=run.ladder.names())
    assert set(shown["投诉"]) <= {"是", "否"}
    assert set(shown["月初层次"].astype(str)) <= {"已流失", *run.ladder.labels("zh")}


@pytest.mark.parametrize("function", [rel.true_transition_matrix, rel.population_stationary_mix, rel.clv_by_level,
                                      rel.care_return, rel.expected_profit, lambda r: rel.customer_history(r, 1)])
def test_run_functions_refuse_what_is_not_a_run(function, run):
    with pytest.raises(TypeError, match="run must be a RelationshipsRun"):
        function(run.monthly)


@pytest.mark.parametrize("function", [rel.level_mix, rel.monthly_kpis, rel.estimate_transition_matrix,
                                      rel.recovery_effect, rel.level_economics])
def test_log_functions_refuse_what_is_not_a_log(function, run):
    with pytest.raises(TypeError, match="monthly must be a run's monthly table"):
        function(run)
    with pytest.raises(ValueError, match="lacks the column"):
        function(run.monthly.drop(columns=["level_before"]))
    with pytest.raises(ValueError, match="must not be empty"):
        function(run.monthly.iloc[:0])


def test_segment_summary_and_compare_refuse_a_wrong_partner(run, big_world, world):
    with pytest.raises(ValueError, match="world must be the world the run was simulated on"):
        rel.segment_summary(big_world, run)
    with pytest.raises(TypeError, match=r"policies\['x'\] must be a CarePolicy"):
        rel.compare_policies(world, {"x": {"care_budget": 1}})
