"""Matplotlib views of crmsim tables.

Every plot function takes tables (and an optional ``ax``), draws with labels
from :mod:`crmsim.i18n`, and returns the Axes. Importing this package
registers the CJK font, so Chinese labels show real glyphs.
One module per course concept: :mod:`crmsim.plots.value`, ...
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from ..fonts import use_cjk_font

use_cjk_font()


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] = (6.4, 4.0)) -> Axes:
    """Return ``ax``, or the Axes of a new figure if it is None."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def percent_axis(ax: Axes, axis: str = "y") -> None:
    """Format an axis whose values are shares in [0, 1] as percentages."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))


__all__ = ["axes_or_new", "percent_axis"]
