"""Goals: the suggested yearly goal, a rep's quota by composition ratio, a run against its goal."""

from __future__ import annotations

import numpy as np
import pytest

from crmsim import key_accounts as ka


def test_goals_are_split_evenly_and_summed_per_period(result):
    months = ka.goals_vs_actual(result, 120.0, period="month")
    assert list(months["goal"]) == [10.0] * 12
    year = ka.goals_vs_actual(result, 120.0, period="year")
    assert year["actual"].sum() == pytest.approx(months["actual"].sum())
    assert (year["attainment"] == year["actual"] / year["goal"]).all()


def test_the_suggested_goal_is_last_years_revenue_plus_growth(result):
    signed = ka.monthly_revenue(result)["revenue"].sum()
    assert ka.suggested_goal(result, growth=0.0) == pytest.approx(signed, rel=0.05)  # two significant digits
    assert ka.suggested_goal(result, growth=0.5) > ka.suggested_goal(result)


def test_rep_quotas_follow_last_years_share_of_opportunity_value(result):
    team = ka.rep_quota(result)
    assert team == round(ka.suggested_goal(result), 1)
    opps = result.opportunities
    reps = sorted(set(opps["rep_id"]))
    quotas = {rep: ka.rep_quota(result, rep) for rep in reps}
    for rep, quota in quotas.items():
        share = opps.loc[opps["rep_id"] == rep, "amount"].sum() / opps["amount"].sum()
        assert quota == max(round(team * share, 1), 0.1)
    # The composition ratio shares out the team goal (up to rounding to 0.1 each).
    assert sum(quotas.values()) == pytest.approx(team, abs=0.1 * len(reps))


def test_no_quota_without_a_past_to_set_it_from(result, world):
    newcomer = int(result.opportunities["rep_id"].max()) + 1000
    assert ka.has_history(result) and not ka.has_history(result, newcomer)
    with pytest.raises(ValueError, match=f"rep_id={newcomer}.*no opportunities"):
        ka.rep_quota(result, newcomer)  # a made-up quota would give a meaningless attainment
    idle = ka.simulate_key_accounts(world, ka.RepPolicy(pursue=()), seed=1)
    assert not ka.has_history(idle)
    with pytest.raises(ValueError, match="no revenue"):
        ka.suggested_goal(idle)
    with pytest.raises(ValueError, match="rep_id"):
        ka.rep_quota(idle)
    summary = ka.goal_summary(result, None)
    assert summary["goal"] is None and summary["attainment"] is None and summary["won"] > 0


def test_the_goal_summary_counts_the_run(result):
    summary = ka.goal_summary(result, 60.0)
    opps = result.opportunities
    assert summary["leads"] == len(opps) and summary["pursued"] == opps["pursued"].sum()
    assert summary["won"] == (opps["outcome"] == "won").sum()
    assert summary["win_rate"] == summary["won"] / summary["pursued"]
    assert summary["goal"] == 60.0 * result.months / 12
    assert summary["attainment"] == pytest.approx(summary["revenue"] / summary["goal"])
    assert summary["revenue"] == pytest.approx(ka.monthly_revenue(result)["revenue"].sum())


def test_the_win_rate_of_a_rep_who_pursues_nothing_is_zero(world):
    idle = ka.simulate_key_accounts(world, ka.RepPolicy(pursue=()), seed=1)
    summary = ka.goal_summary(idle, 10.0)
    assert summary["pursued"] == 0 and summary["win_rate"] == 0.0 and summary["attainment"] == 0.0


def test_last_years_seed_is_the_next_seed():
    assert ka.last_year_seed(3) == 4 and ka.last_year_seed(np.random.SeedSequence(3)) == 4
    assert ka.last_year_seed(np.random.default_rng(5)) == ka.last_year_seed(np.random.default_rng(5))
    spawned = np.random.SeedSequence(3).spawn(2)
    assert ka.last_year_seed(spawned[0]) != ka.last_year_seed(spawned[1])


def test_bad_goal_calls_are_rejected(result):
    with pytest.raises(ValueError, match="yearly_goal"):
        ka.goals_vs_actual(result, -5.0)
    with pytest.raises(ValueError, match="period"):
        ka.goals_vs_actual(result, 5.0, period="week")
    with pytest.raises(ValueError, match="growth"):
        ka.suggested_goal(result, growth=-2.0)
    with pytest.raises(ValueError, match="rep_id"):
        ka.rep_quota(result, 0)
    with pytest.raises(TypeError, match="run"):
        ka.goal_summary(result.opportunities, 5.0)
    with pytest.raises(TypeError, match="past"):
        ka.rep_quota(result.opportunities)
    with pytest.raises(TypeError, match="past"):
        ka.has_history(5)
    with pytest.raises(TypeError, match="rep_id"):
        ka.has_history(result, "7")
    with pytest.raises(TypeError, match="run"):
        ka.goals_vs_actual(5, 10.0)
