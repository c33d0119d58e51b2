"""The relationship dashboard driven from pytest, and the relationship plots."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

import crmsim
from crmsim import relationships as rel
from crmsim.plots import relationships as rplots
from crmsim.plots.ranges import nice_ceiling
from crmsim.widgets.relationships import PROFIT_HEADROOM, RelationshipDashboard

from .conftest import pixels

matplotlib.use("Agg")


def test_initial_state(dashboard, world):
    result = dashboard.result
    assert result.mix.shape == (25, 5)
    assert result.kpis["customers"].iloc[0] == len(world.customers)
    assert dashboard.summary.value.startswith("After 24 months")
    assert dashboard.png.startswith(b"\x89PNG")
    width, height = Image.open(io.BytesIO(dashboard.png)).size
    assert (width, height) == (round(11.0 * 90), round(4.4 * 90))
    assert set(dashboard.timings) == {"update_ms", "redraw_ms"}


def test_more_care_improves_the_outcome(dashboard):
    before = dashboard.result
    before_png = dashboard.png
    dashboard.controls["budget_ordinary"].value = 4000
    dashboard.controls["budget_key"].value = 8000
    after = dashboard.result
    assert after.mix["intimate"].iloc[-1] > before.mix["intimate"].iloc[-1]
    assert after.kpis["cumulative_churn"].iloc[-1] < before.kpis["cumulative_churn"].iloc[-1]
    assert after.care_return["care_spend"] > before.care_return["care_spend"]
    assert dashboard.png != before_png
    assert dashboard.result.run.policy.care_budget == tuple(sorted(
        {code: 4000.0 if code == "ordinary" else 8000.0 for code in crmsim.world.vocab.SEGMENT_CODES}.items()))


def test_every_control_reaches_the_policy(dashboard):
    settings = {"contacts": 6.0, "channel_mix": "personal", "service_level": "personalised",
                "maintenance": "forced", "complaint_days": 20, "complaint_quality": 0.3}
    for name, value in settings.items():
        dashboard.controls[name].value = value
    policy = dashboard.result.run.policy
    assert policy.contacts_per_month == 6.0
    assert dict(policy.channel_mix) == pytest.approx(rel.CHANNEL_MIXES["personal"])
    assert (policy.service_level, policy.maintenance) == ("personalised", "forced")
    assert (policy.complaint_days, policy.complaint_quality) == (20.0, 0.3)
    assert dashboard.result.run.complaints["recovery_probability"].iloc[0] == pytest.approx(0.3 * 0.5 ** 1.9)


def test_same_setting_gives_the_same_picture(world):
    a = RelationshipDashboard(world, seed=2)
    first = a.png
    a.controls["contacts"].value = 5.0
    a.controls["contacts"].value = 2.0  # back to the default
    np.testing.assert_array_equal(pixels(a.png), pixels(first))
    assert a.summary.value == RelationshipDashboard(world, seed=2).summary.value


def test_profit_axis_grows_when_needed(world):
    board = RelationshipDashboard(world, seed=3)
    board.controls["budget_key"].value = 10000
    board.controls["budget_ordinary"].value = 5000
    board.controls["contacts"].value = 8.0
    board.controls["channel_mix"].value = "personal"
    profit_ax = board.figure.axes[2]
    low, high = profit_ax.get_ylim()
    curve = board.result.kpis["cumulative_profit"].to_numpy() / 1e6
    assert low <= curve.min() and curve.max() <= high


def test_no_care_summary(world):
    board = RelationshipDashboard(world, seed=1)
    board.controls["budget_ordinary"].value = 0
    board.controls["budget_key"].value = 0
    board.controls["contacts"].value = 0
    assert "n/a" in board.summary.value


def test_dashboard_in_chinese(world):
    crmsim.set_language("zh")
    board = RelationshipDashboard(world, seed=1)
    assert board.controls["service_level"].description == "服务方式"
    assert board.summary.value.startswith("24个月后")
    assert board.figure.axes[0].get_title() == "客户关系层次构成"


def test_dashboard_rejects_bad_arguments(world):
    with pytest.raises(ValueError, match="months must be <= 120"):
        RelationshipDashboard(world, months=500)
    with pytest.raises(TypeError, match="seed must be a non-negative int"):
        RelationshipDashboard(world, seed="one")
    with pytest.raises(ValueError, match="ladder='gold'"):
        RelationshipDashboard(world, ladder="gold")


def test_kotler_ladder_dashboard(world):
    board = RelationshipDashboard(world, ladder="kotler", months=12)
    assert list(board.result.mix.columns) == ["churned", *rel.KOTLER_LADDER.codes]
    assert board.summary.value.startswith("After 12 months")


def test_profit_range_is_fixed_by_the_default_policy_until_the_curve_leaves_it(world):
    board = RelationshipDashboard(world, seed=1)
    default = board.result
    high = max(default.kpis["cumulative_profit"].max(), default.without_care.cumsum().max()) / 1e6
    reference = nice_ceiling((1 + PROFIT_HEADROOM) * high)
    assert board.profit_limits(default) == (0.0, reference)
    board.controls["contacts"].value = 3.0  # a small change keeps the range
    assert board.profit_limits(board.result) == (0.0, reference)
    with pytest.raises(TypeError):
        RelationshipDashboard(world, 1)  # everything after the world is keyword-only


def test_dashboard_takes_seedsequence_and_generator_seeds(world):
    by_int = RelationshipDashboard(world, seed=4, months=3)
    by_sequence = RelationshipDashboard(world, seed=np.random.SeedSequence(4), months=3)
    assert by_sequence.summary.value == by_int.summary.value
    assert RelationshipDashboard(seed=np.random.default_rng(4), n_customers=50, months=2).result.mix.shape == (3, 5)


def test_static_plots_draw_in_both_languages(world):
    run = rel.simulate_relationships(world, seed=1)
    for language in ("en", "zh"):
        crmsim.set_language(language)
        fig = matplotlib.figure.Figure()
        axes = fig.subplots(2, 3).ravel()
        rplots.plot_level_mix(rel.level_mix(run.monthly), run.ladder, ax=axes[0])
        rplots.plot_transition_matrix(rel.estimate_transition_matrix(run.monthly), rel.true_transition_matrix(run),
                                      run.ladder, ax=axes[1])
        simulated = run.monthly["level_before"].value_counts(normalize=True)
        rplots.plot_stationary(rel.population_stationary_mix(run), simulated, run.ladder, ax=axes[2])
        rplots.plot_level_economics(rel.level_economics(run.monthly), run.ladder, ax=axes[3])
        rplots.plot_recovery_effect(rel.recovery_effect(run.monthly), ax=axes[4])
        kpis = rel.monthly_kpis(run.monthly)
        rplots.plot_cumulative_profit(kpis, rel.expected_monthly_profit(run, baseline=True), ax=axes[5])
        fig.savefig(io.BytesIO(), format="png", dpi=50)
        expected = "Relationship level mix" if language == "en" else "客户关系层次构成"
        assert axes[0].get_title() == expected
        assert [t.get_text() for t in axes[1].get_yticklabels()][0] == run.ladder.labels(language)[0]


def test_one_month_and_a_two_level_ladder(world):
    two = rel.make_ladder([
        {"code": "low", "name_en": "Low", "name_zh": "低", "cost_to_serve": 0, "retention": 0.7, "share_of_wallet": 0.1},
        {"code": "high", "name_en": "High", "name_zh": "高", "cost_to_serve": 500, "retention": 0.9,
         "share_of_wallet": 0.5},
    ])
    board = RelationshipDashboard(world, ladder=two, months=1)
    assert board.result.mix.shape == (2, 3)
    assert board.summary.value.startswith("After 1 months")
    board.controls["maintenance"].value = "forced"
    assert board.png.startswith(b"\x89PNG")


def test_budget_by_level(world):
    board = RelationshipDashboard(world, budget_by="level", months=6)
    names = [n for n in board.controls if n.startswith("budget_")]
    assert names == [f"budget_{code}" for code in rel.COURSE_LADDER.codes]
    board.controls["budget_intimate"].value = 5000
    policy = board.result.run.policy
    assert dict(policy.care_budget)["intimate"] == 5000.0 and dict(policy.care_budget)["distant"] == 250.0
    crmsim.set_language("zh")
    assert RelationshipDashboard(world, budget_by="level", months=2).controls["budget_brand"].description == \
        "关怀预算（元/月）：品牌关系"
    with pytest.raises(ValueError, match="budget_by='segment'"):
        RelationshipDashboard(world, budget_by="segment")


def test_every_slider_range_contains_its_profit_optimum():
    # The default dashboard (its own world), one slider at a time, the others at the default: the most
    # profitable setting is never the top of a slider unless that is the lever's own limit (quality 1).
    from crmsim.widgets.relationships import RelationshipDashboard as Board
    board = Board(n_customers=2000, seed=0)
    defaults = {name: control.value for name, control in board.controls.items()}
    limits = {"complaint_quality": 1.0}
    for name in ("budget_ordinary", "budget_key", "contacts", "complaint_days", "complaint_quality"):
        control = board.controls[name]
        grid = np.linspace(control.min, control.max, 9)
        profits = []
        for value in grid:
            values = {**defaults, name: int(value) if name == "complaint_days" else float(value)}
            result = board.compute(**values)
            profits.append(result.kpis["cumulative_profit"].iloc[-1])
        best = grid[int(np.argmax(profits))]
        assert best < control.max or limits.get(name) == control.max, (name, best, profits)


def test_the_churn_panel_shows_the_default_for_reference(dashboard):
    churn_ax = dashboard.figure.axes[1]
    reference = [line for line in churn_ax.lines if line.get_gid() == "rel-churn-reference"]
    assert len(reference) == 1
    np.testing.assert_allclose(reference[0].get_ydata(), dashboard.reference_kpis["cumulative_churn"].to_numpy())
