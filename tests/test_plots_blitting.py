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
