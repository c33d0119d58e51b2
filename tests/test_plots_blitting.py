"""Snapshots of a blitted figure's y axis and legend, and legends above the plot."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crmsim.plots import legend_above, title_pad_over_legend
from crmsim.plots.blitting import Snapshot, legend_snapshot, snapshots_first, y_axis_snapshot
from plot_checks import hidden_by_legends


def _blitting_figure():
    figure = Figure(figsize=(4, 3), dpi=72)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    line, = ax.plot([0, 1, 2], [1, 3, 2], animated=True, label="data")
    ax.set_ylim(0, 4)
    ax.yaxis.set_animated(True)
    legend_above(ax, "Title")
    ax.get_legend().set_animated(True)
    canvas.draw()
    return figure, canvas, ax, line, canvas.copy_from_bbox(figure.bbox)


def _blit(figure, canvas, background, artists) -> np.ndarray:
    canvas.restore_region(background)
    for artist in artists:
        figure.draw_artist(artist)
    return np.asarray(canvas.buffer_rgba()).copy()


def test_a_pasted_axis_looks_like_a_drawn_one_and_a_new_range_is_drawn():
    figure, canvas, ax, line, background = _blitting_figure()
    shot = y_axis_snapshot(ax)
    assert shot is y_axis_snapshot(ax) and legend_snapshot(ax) is legend_snapshot(ax)
    artists = snapshots_first([line, shot, legend_snapshot(ax)])
    assert artists[-1] is line  # the snapshots first, on the clean background
    first = _blit(figure, canvas, background, artists)
    assert len(shot._saved) == 1
    ax.set_ylim(0, 8)  # a new range: drawn, and kept too
    other = _blit(figure, canvas, background, artists)
    assert len(shot._saved) == 2 and not np.array_equal(first, other)
    ax.set_ylim(0, 4)  # back: pasted, the same pixels as drawing it
    assert np.array_equal(_blit(figure, canvas, background, artists), first)
    drawn = _blit(figure, canvas, background, [ax.yaxis, ax.get_legend(), line])
    assert np.array_equal(drawn, first)


def test_a_snapshot_forgets_pixels_of_another_canvas_and_keeps_memory_bounded():
    figure, canvas, ax, line, background = _blitting_figure()
    shot = Snapshot(ax.yaxis, lambda axis: tuple(axis.get_view_interval()), lambda axis, renderer: ax.bbox, limit=2)
    for top in (4, 5, 6):
        ax.set_ylim(0, top)
        _blit(figure, canvas, background, [shot])
    assert len(shot._saved) == 1  # cleared at the limit, then the new state kept
    canvas = FigureCanvasAgg(figure)  # another canvas: another renderer
    canvas.draw()
    _blit(figure, canvas, canvas.copy_from_bbox(figure.bbox), [shot])
    assert len(shot._saved) == 1


def test_the_legend_above_hides_nothing_and_lifts_the_title():
    figure = Figure(figsize=(5, 3), dpi=80)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    for k in range(3):
        ax.plot([0, 1], [0, 1 + k], label=f"series {k}")  # the top right corner is full of data
    legend = legend_above(ax, "Lines", fontsize=8)
    assert legend is ax.get_legend() and ax.get_title() == "Lines"
    assert hidden_by_legends(figure) == []
    assert title_pad_over_legend(2) > title_pad_over_legend(1)


def test_snapshots_do_not_keep_replaced_figures_alive():
    import gc
    import weakref

    from crmsim.plots import blitting

    figures, before = [], len(blitting._SNAPSHOTS)
    for _ in range(3):
        figure, canvas, ax, line, background = _blitting_figure()
        _blit(figure, canvas, background, [y_axis_snapshot(ax), legend_snapshot(ax)])
        figures.append(weakref.ref(figure))
    del figure, canvas, ax, line, background
    gc.collect()
    assert all(ref() is None for ref in figures)  # freed, with their snapshots
    assert len(blitting._SNAPSHOTS) <= before


# --- the x axis, and states prepared ahead of time ------------------------------------------------------------
import pytest  # noqa: E402

from crmsim.plots.blitting import axis_snapshot, x_axis_snapshot  # noqa: E402


def _x_blitting_figure():
    figure = Figure(figsize=(4, 3), dpi=90)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    bars = ax.barh([0, 1, 2], [3, 5, 2], animated=True)
    ax.set_xlim(0, 6)
    ax.set_xlabel("Customers won")
    ax.xaxis.set_animated(True)
    canvas.draw()
    return figure, canvas, ax, list(bars), canvas.copy_from_bbox(figure.bbox)


def test_a_pasted_x_axis_equals_a_drawn_one_and_keeps_to_its_side_of_the_axes():
    figure, canvas, ax, bars, background = _x_blitting_figure()
    shot = x_axis_snapshot(ax)
    assert shot is axis_snapshot(ax.xaxis) and shot is not axis_snapshot(ax.yaxis)
    first = _blit(figure, canvas, background, [shot, *bars])
    renderer = canvas.get_renderer()
    region = shot._region(ax.xaxis, renderer)
    assert region.y1 <= ax.bbox.y0 + 2  # under the axes: no data in what it keeps
    assert region.y0 <= ax.xaxis.label.get_window_extent(renderer).y0  # the label too
    ax.set_xlim(0, 60)  # a new range: drawn, other tick labels
    other = _blit(figure, canvas, background, [shot, *bars])
    assert len(shot._saved) == 2 and not np.array_equal(first, other)
    ax.set_xlim(0, 6)  # back: pasted, the same pixels as drawing it
    assert np.array_equal(_blit(figure, canvas, background, [shot, *bars]), first)
    assert np.array_equal(_blit(figure, canvas, background, [ax.xaxis, *bars]), first)


def test_a_prepared_state_leaves_the_canvas_alone_and_is_pasted_on_its_first_visit():
    figure, canvas, ax, bars, background = _x_blitting_figure()
    clean = np.asarray(canvas.buffer_rgba()).copy()
    shot = x_axis_snapshot(ax)
    renderer = canvas.get_renderer()
    ax.set_xlim(0, 60)
    shot.prepare(renderer)
    shot.prepare(renderer)  # kept already: nothing drawn again
    assert len(shot._saved) == 1 and np.array_equal(np.asarray(canvas.buffer_rgba()), clean)
    drawn = ax.xaxis.draw
    ax.xaxis.draw = lambda *args: pytest.fail("a prepared state is pasted, not drawn")
    try:
        pasted = _blit(figure, canvas, background, [shot, *bars])
    finally:
        ax.xaxis.draw = drawn
    assert np.array_equal(pasted, _blit(figure, canvas, background, [ax.xaxis, *bars]))


def test_axis_snapshot_refuses_what_is_not_an_axis():
    figure, canvas, ax, bars, background = _x_blitting_figure()
    with pytest.raises(TypeError, match="axis must be a matplotlib Axis .* got Axes"):
        axis_snapshot(ax)
