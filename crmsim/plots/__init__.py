"""Matplotlib views of crmsim tables.

Every plot function takes tables (and an optional ``ax``), draws with labels
from :mod:`crmsim.i18n`, and returns the Axes. Every public plot function is
decorated with :func:`plot_function`, which draws it with the CJK font
fallback (so Chinese labels show real glyphs) without changing matplotlib's
global settings: importing crmsim has no side effect on your plots.
One module per course concept: :mod:`crmsim.plots.value`, ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from ..fonts import cjk_fonts, set_axes_fonts

F = TypeVar("F", bound=Callable)


def plot_function(function: F) -> F:
    """Run a plot function with crmsim's fonts: text it makes gets the CJK fallback.

    The settings apply inside the call only; the tick labels of the figure
    drawn on get the same fonts, because matplotlib makes them later, at
    drawing time.
    """
    @functools.wraps(function)
    def with_fonts(*args, **kwargs):
        with cjk_fonts():
            result = function(*args, **kwargs)
            figure = _figure_of(result, args, kwargs)
            if figure is not None:
                set_axes_fonts(figure)
        return result

    return with_fonts  # type: ignore[return-value]


def _figure_of(result, args, kwargs):
    candidates = [result, kwargs.get("ax"), *args]
    if isinstance(result, (list, tuple)):
        candidates[1:1] = list(result)
    for item in candidates:
        figure = getattr(item, "figure", None)
        if figure is not None and hasattr(figure, "axes"):
            return figure
    return None


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] = (6.4, 4.0)) -> Axes:
    """Return ``ax``, or the Axes of a new figure if it is None."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def percent_axis(ax: Axes, axis: str = "y") -> None:
    """Format an axis whose values are shares in [0, 1] as percentages."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))


def plain_log_axis(ax: Axes, axis: str = "x") -> None:
    """Label a log axis with plain numbers (0.01, 1, 100, 10,000) instead of powers of ten, which a class
    reads more slowly and a projector shows smaller (the exponent is a superscript)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))


def legend_above(ax: Axes, title: str, handles=None, labels=None, *, ncols: int | None = None,
                 fontsize: str | float = "small") -> Legend:
    """The legend in rows above the plot, under the title, which is lifted to make room for it.

    A legend inside the axes hides whatever data fall under it, and where
    the data fall depends on the data; above the axes it hides nothing,
    whatever they are. ``ncols`` (default: every entry in one row) sets the
    entries per row; the title goes ``title`` (pinned, so nothing measures
    tick labels to place it). Returns the legend.
    """
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    ncols = max(1, len(handles) if ncols is None else ncols)
    rows = -(-len(handles) // ncols)
    legend = ax.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=ncols,
                       frameon=False, fontsize=fontsize, borderaxespad=0.2, handlelength=1.5,
                       handletextpad=0.5, columnspacing=1.2)
    ax.set_title(title, y=1.0, pad=title_pad_over_legend(rows, fontsize))
    return legend


#: How far below the bottom of its axes :func:`legend_below` starts, in points: under the tick labels and the
#: x label (call it after setting the x label).
LEGEND_DROP_POINTS = 36


def legend_below(ax: Axes, handles=None, labels=None, *, ncols: int = 4, fontsize: str | float = "small",
                 handlelength: float = 1.5) -> Legend:
    """A legend centred under the axes, below the x label, where it hides no data: for plots whose data
    fill their axes (a Pareto curve, a market's customers in every corner, stacked shares by month)."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    drop = LEGEND_DROP_POINTS if ax.get_xlabel() else LEGEND_DROP_POINTS - 14  # no x label: closer
    below = ax.transAxes + ScaledTranslation(0, -drop / 72, ax.figure.dpi_scale_trans)
    return ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below,
                     ncols=ncols, fontsize=fontsize, frameon=False, handlelength=handlelength,
                     columnspacing=1.2)


def title_pad_over_legend(rows: int = 1, fontsize: str | float = "small") -> float:
    """The title's pad (points) that puts it over a :func:`legend_above` of ``rows`` rows; give it to the
    titles of neighbouring panels without a legend, so that the titles of a figure stay in line."""
    size = FontProperties(size=fontsize).get_size_in_points()
    # A row of CJK text is about 1.5 font sizes tall, the space between rows 0.5 and the padding 1.
    return 4 + size * (1.2 + 1.5 * rows + 0.5 * (rows - 1))


__all__ = ["axes_or_new", "legend_above", "legend_below", "percent_axis", "plain_log_axis", "plot_function",
           "title_pad_over_legend"]
