"""The development dashboard driven from pytest: controls change the result, the summary and the picture."""

from __future__ import annotations

import pytest

import crmsim
from crmsim.widgets.development import DevelopmentDashboard


@pytest.fixture(scope="module")
def dashboard(dev_world):
    return DevelopmentDashboard(dev_world, seed=0)


def test_budget_and_weights_drive_the_campaign(dashboard):
    before = int(dashboard.result.methods["acquired"].sum())
    png = dashboard.png
    dashboard.controls["budget"].value = 3_000
    assert int(dashboard.result.methods["acquired"].sum()) >= before
    assert dashboard.png != png and "3,000" in dashboard.summary.value
    dashboard.controls["sms"].value = 0.0
    assert dashboard.result.methods.set_index("method").loc["sms", "spend"] == 0
    for name in dashboard.controls:
        if name != "budget":
            dashboard.controls[name].value = 0.0
    assert dashboard.result.methods["budget"].nunique() == 1  # all zero: equal weights


def test_chinese_labels(dev_world):
    crmsim.set_language("zh")
    try:
        board = DevelopmentDashboard(dev_world)
        assert board.controls["referral"].description == "连锁介绍" and "位客户" in board.summary.value
    finally:
        crmsim.set_language("en")


def test_bad_months(dev_world):
    with pytest.raises(ValueError, match="months"):
        DevelopmentDashboard(dev_world, months=0)


# --- issue 14: a budget change that moves the customers-won axis redraws the bars and that axis only ---------
import io  # noqa: E402

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from crmsim.plots.blitting import x_axis_snapshot  # noqa: E402


def _pixels(board) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(board.png)))


def _full_redraw(board) -> np.ndarray:
    """The same state drawn from scratch (a new canvas, the background drawn again)."""
    board._canvas = None
    board.redraw()
    return _pixels(board)


def test_a_budget_change_that_moves_the_won_axis_never_redraws_the_whole_figure(dev_world):
    board = DevelopmentDashboard(dev_world, seed=0)
    won = board.figure.axes[0]
    background, first_range = board._background, won.get_xlim()
    ranges = [first_range]
    for budget in (5_000, 200, 3_000, 1_000, 5_000):
        board.controls["budget"].value = budget
        ranges.append(won.get_xlim())
        assert board._background is background, budget  # the bars and the axis drawn on the old background
        assert won.get_xlim()[1] >= board.result.methods["acquired"].max()  # the bars fit
    assert len(set(ranges)) >= 3  # the axis did move, both up and down
    assert won.xaxis.get_animated() and x_axis_snapshot(won) in board.update_artists(board.result, board.figure)


def test_a_blitted_frame_across_an_axis_change_equals_a_full_redraw(dev_world):
    board = DevelopmentDashboard(dev_world, seed=0)
    won = board.figure.axes[0]
    before = won.get_xlim()
    board.controls["budget"].value = 5_000  # more customers won: a new range, drawn with the bars
    assert won.get_xlim() != before
    moved = _pixels(board)
    board.controls["budget"].value = 1_000  # back: the first range comes from the snapshot's pixels
    assert won.get_xlim() == before
    back = _pixels(board)
    board.controls["budget"].value = 5_000  # and the new one again, pasted
    np.testing.assert_array_equal(_pixels(board), moved)
    np.testing.assert_array_equal(_full_redraw(board), moved)
    board.controls["budget"].value = 1_000
    np.testing.assert_array_equal(_pixels(board), back)
    np.testing.assert_array_equal(_full_redraw(board), back)
    assert not np.array_equal(moved, back)  # the tick labels differ: the axis did change


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_method_weights_sit_in_a_grid_of_equal_cells(dev_world, language):
    import ipywidgets as widgets

    from crmsim.development import METHODS
    from crmsim.widgets import text_width_em

    crmsim.set_language(language)
    board = DevelopmentDashboard(dev_world)
    budget, grid = board.widget.children[0].children
    assert budget is board.controls["budget"] and isinstance(grid, widgets.GridBox)
    assert list(grid.children) == [board.controls[m] for m in METHODS]
    widths = {board.controls[m].style.description_width for m in METHODS}
    assert len(widths) == 1  # one description width: the tracks line up in columns
    longest = max(text_width_em(board.controls[m].description) for m in METHODS)
    assert float(widths.pop().removesuffix("em")) > longest  # no label cut
    assert "minmax(" in grid.layout.grid_template_columns and all(
        board.controls[m].layout.width == "100%" for m in METHODS)


@pytest.mark.parametrize("budget", [200, 1_000, 5_000])
def test_the_cost_legend_hides_no_bar(dev_world, budget):
    from plot_checks import hidden_by_legends

    board = DevelopmentDashboard(dev_world)
    board.controls["budget"].value = budget
    assert hidden_by_legends(board.figure) == []
    won, costs = board.figure.axes
    assert won.title.get_window_extent().y0 == pytest.approx(costs.title.get_window_extent().y0, abs=1)


def test_log_axes_read_as_plain_numbers(dev_world):
    """The cost panel and the funnel label their log axes 0.01, 1, 100, 10,000 (no powers of ten)."""
    import matplotlib.pyplot as plt

    from crmsim import development as dev
    from crmsim.plots.development import plot_costs, plot_funnel

    run = dev.simulate_development(dev_world, months=6, seed=1)
    for ax in (plot_costs(dev.by_method(run)), plot_funnel(dev.funnel(run))):
        ax.figure.canvas.draw()
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert labels and not any("$" in label or "^" in label for label in labels), labels
        assert all(label.replace(",", "").replace(".", "", 1).isdigit() for label in labels), labels
        plt.close(ax.figure)
