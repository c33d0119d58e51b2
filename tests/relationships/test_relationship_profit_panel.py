"""The profit panel of dashboard 02: a cumulative baseline against the cumulative profit, legends that hide
no data, a percentage control for the handling quality, and range changes without a whole-figure redraw."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from crmsim import relationships as rel
from crmsim.plots import relationships as rplots
from crmsim.widgets import PercentSlider
from crmsim.widgets.relationships import RelationshipDashboard

from .conftest import pixels

matplotlib.use("Agg")


@pytest.mark.parametrize("policy", [rel.CarePolicy(), rel.CarePolicy(maintenance="forced"),
                                    rel.CarePolicy(care_budget=0, contacts_per_month=0)], ids=["default", "forced", "none"])
def test_expected_profit_by_month_adds_up_to_the_totals_of_care_return(world, policy):
    run = rel.simulate_relationships(world, policy, seed=2)
    returns = rel.care_return(run)
    without, with_care = rel.expected_monthly_profit(run, baseline=True), rel.expected_monthly_profit(run)
    assert list(without.index) == list(rel.monthly_kpis(run.monthly).index) == list(range(1, 25))
    assert without.sum() == pytest.approx(returns["profit_without_care"], rel=1e-9)
    assert with_care.sum() == pytest.approx(returns["profit_with_care"], rel=1e-9)
    # On the basis of the simulated curve: the realised profit stays near the expected one, month by month.
    realised = rel.monthly_kpis(run.monthly)["cumulative_profit"].to_numpy()
    assert realised[-1] == pytest.approx(with_care.cumsum().iloc[-1], rel=0.1)


def test_expected_monthly_profit_rejects_a_bad_baseline(run):
    with pytest.raises(TypeError, match="baseline must be a bool; got 'yes'"):
        rel.expected_monthly_profit(run, baseline="yes")


def test_the_dashed_curve_is_cumulative_and_ends_at_the_expected_total_without_care(dashboard):
    profit_ax = dashboard.figure.axes[2]
    lines = {line.get_gid(): line for line in profit_ax.lines}
    baseline = np.asarray(lines["rel-profit-without"].get_ydata())
    assert len(baseline) == dashboard.months and np.all(np.diff(baseline) != 0)  # a curve, not a flat line
    assert baseline[-1] == pytest.approx(dashboard.result.care_return["profit_without_care"] / 1e6, rel=1e-9)
    np.testing.assert_array_equal(lines["rel-profit-without"].get_xdata(), lines["rel-profit"].get_xdata())
    dashboard.controls["contacts"].value = 5.0  # a blitted redraw updates it
    baseline = np.asarray(lines["rel-profit-without"].get_ydata())
    assert baseline[-1] == pytest.approx(dashboard.result.care_return["profit_without_care"] / 1e6, rel=1e-9)
    dashboard.controls["contacts"].value = 2.0


def test_the_profit_plot_refuses_a_total_for_its_baseline(run):
    kpis = rel.monthly_kpis(run.monthly)
    with pytest.raises(TypeError, match="without_care must be the expected profit of each month"):
        rplots.plot_cumulative_profit(kpis, rel.care_return(run)["profit_without_care"])


def test_legends_sit_under_their_axes_and_hide_no_data(dashboard):
    renderer = dashboard.figure.canvas.get_renderer()
    for ax in dashboard.figure.axes:
        legend = ax.get_legend().get_window_extent(renderer)
        assert legend.y1 < ax.bbox.y0, ax.get_title()  # below the axes: over no data
        assert dashboard.figure.bbox.x0 <= legend.x0 and legend.x1 <= dashboard.figure.bbox.x1
        assert dashboard.figure.bbox.y0 <= legend.y0


def test_handling_quality_is_a_percentage_typed_as_one(dashboard):
    control = dashboard.controls["complaint_quality"]
    assert isinstance(control, PercentSlider) and control.text.value == "70%"
    control.text.value = "40 %"
    assert dashboard.result.run.policy.complaint_quality == pytest.approx(0.4)
    control.text.value = "0,85"
    assert dashboard.result.run.policy.complaint_quality == pytest.approx(0.85)
    summary = dashboard.summary.value
    control.text.value = "high"  # refused visibly, nothing recomputed
    assert dashboard.result.run.policy.complaint_quality == pytest.approx(0.85) and dashboard.summary.value == summary
    assert "crmsim-invalid" in control.text._dom_classes and "high" in control.error
    control.value = 0.7


def test_a_new_profit_range_is_drawn_without_redrawing_the_whole_figure(world):
    board = RelationshipDashboard(world, seed=1)
    background, before = board._background, board.figure.axes[2].get_ylim()
    board._profit_reference /= 2  # as if the curve had outgrown the range the default set
    board.controls["contacts"].value = 3.0
    assert board.figure.axes[2].get_ylim() != before
    assert board._background is background  # the data and the profit axis were drawn on the old background
    blitted = pixels(board.png)
    board._canvas = None  # the same state drawn from scratch
    board.redraw()
    np.testing.assert_array_equal(blitted, pixels(board.png))
    board.controls["contacts"].value = 2.0
    board.controls["contacts"].value = 3.0  # the profit axis now comes from its pixel cache
    np.testing.assert_array_equal(blitted, pixels(board.png))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_legends_are_legible_side_by_side_and_hide_no_data(world, language):
    import crmsim
    from plot_checks import hidden_by_legends

    crmsim.set_language(language)
    board = RelationshipDashboard(world, seed=1)
    assert hidden_by_legends(board.figure) == []
    renderer = board.figure.canvas.get_renderer()
    boxes = []
    for ax in board.figure.axes:
        legend = ax.get_legend()
        assert min(text.get_fontsize() for text in legend.get_texts()) >= 9, ax.get_title()  # not 6 pt
        boxes.append(legend.get_window_extent(renderer))
    for left, right in zip(boxes, boxes[1:]):
        assert left.x1 < right.x0  # the three legends never run into each other
