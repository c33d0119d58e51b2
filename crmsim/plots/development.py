"""Views of customer development: the funnel, methods compared, the product mix, relationships opened and closed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.artist import Artist

from .. import i18n
from . import axes_or_new, legend_above, percent_axis, plain_log_axis, plot_function, title_pad_over_legend

#: Colours of the two cost series (per contact, per customer won).
COST_COLOURS = ("#9ecae1", "#08519c")
#: Colour of customers won.
WON_COLOUR = "#31a354"
#: Log range of the cost panel (CNY): from a fen-cheap contact to a costly customer.
COST_RANGE = (0.01, 1e7)
#: Text size of the cost panel's legend, points.
COST_LEGEND_POINTS = 8.0
#: The pad of a title level with the cost panel's, which a one-row legend above the plot lifts: give it to
#: the title of a panel beside it (the dashboard's customers won).
TITLE_PAD_BESIDE_COSTS = title_pad_over_legend(1, COST_LEGEND_POINTS)


def _method_labels(methods) -> list[str]:
    return [i18n.t(f"dev.method.{m}") for m in methods]


@plot_function
def plot_funnel(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Prospects reaching each of the eight steps (``funnel(run)``), on a log scale, first step on top."""
    ax = axes_or_new(ax)
    counts = table["count"].to_numpy(dtype=float)
    y = np.arange(len(table))[::-1]
    ax.barh(y, np.maximum(counts, 0.8), color=WON_COLOUR, alpha=0.8)
    ax.set_xscale("log")
    plain_log_axis(ax)
    ax.set_yticks(y, [i18n.t(f"dev.step.{s}") for s in table["step"]])
    for yy, c in zip(y, counts):
        ax.text(max(c, 0.8) * 1.1, yy, f"{int(c):,}", va="center", fontsize=8)
    ax.set_xlim(0.8, max(counts.max(), 1) * 20)
    ax.set_xlabel(i18n.t("dev.plot.funnel.xlabel"))
    ax.set_title(i18n.t("dev.plot.funnel.title"))
    return ax


@plot_function
def plot_costs(table: pd.DataFrame, ax: Axes | None = None, *, animated: bool = False) -> Axes:
    """Cost per contact and per customer won of each method (``by_method(run)``), log scale.

    ``animated=True`` makes the bars animated artists for a blitting dashboard (see :func:`update_costs`).
    """
    ax = axes_or_new(ax, figsize=(6.4, 4.4))
    y = np.arange(len(table))[::-1]
    for k, (column, offset) in enumerate((("cost_per_contact", 0.2), ("cost_per_acquired", -0.2))):
        values = np.nan_to_num(table[column].to_numpy(dtype=float), nan=COST_RANGE[0])
        ax.barh(y + offset, values, height=0.4, color=COST_COLOURS[k], animated=animated,
                label=i18n.t(f"dev.plot.costs.{'contact' if k == 0 else 'acquired'}"), left=COST_RANGE[0] / 10)
    ax.set_xscale("log")
    ax.set_xlim(*COST_RANGE)
    plain_log_axis(ax)
    ax.set_yticks(y, _method_labels(table["method"]))
    ax.set_xlabel(i18n.t("dev.plot.costs.xlabel"))
    # Above the plot: inside, it hid the ends of the bars of costly methods, wherever it was put.
    legend = legend_above(ax, i18n.t("dev.plot.costs.title"), fontsize=COST_LEGEND_POINTS)
    for handle in legend.legend_handles:
        handle.set_animated(False)  # keys copy "animated" from the bars; the legend belongs to the background
    return ax


def update_costs(ax: Axes, table: pd.DataFrame) -> list[Artist]:
    """Put ``table``'s costs into the bars of :func:`plot_costs`; return them."""
    bars = [b for container in ax.containers for b in container]
    values = np.concatenate([np.nan_to_num(table[c].to_numpy(dtype=float), nan=COST_RANGE[0])
                             for c in ("cost_per_contact", "cost_per_acquired")])
    for bar, value in zip(bars, values):
        bar.set_width(max(value, COST_RANGE[0]) - COST_RANGE[0] / 10)
    return bars


@plot_function
def plot_won(table: pd.DataFrame, ax: Axes | None = None, *, xmax: float | None = None,
             animated: bool = False, title_pad: float | None = None) -> Axes:
    """Customers won by each method (``by_method(run)``); ``xmax`` fixes the axis (dashboards),
    ``title_pad`` (points) lifts the title, e.g. to :data:`TITLE_PAD_BESIDE_COSTS` beside :func:`plot_costs`."""
    ax = axes_or_new(ax)
    y = np.arange(len(table))[::-1]
    won = table["acquired"].to_numpy(dtype=float)
    ax.barh(y, won, color=WON_COLOUR, animated=animated)
    ax.set_yticks(y, _method_labels(table["method"]))
    ax.set_xlim(0, xmax if xmax else max(won.max(), 1) * 1.1)
    ax.set_xlabel(i18n.t("dev.plot.won.xlabel"))
    ax.set_title(i18n.t("dev.plot.won.title"), pad=title_pad)
    return ax


def update_won(ax: Axes, table: pd.DataFrame) -> list[Artist]:
    """Put ``table``'s customers won into the bars of :func:`plot_won`; return them."""
    bars = list(ax.containers[0])
    for bar, value in zip(bars, table["acquired"].to_numpy(dtype=float)):
        bar.set_width(value)
    return bars


@plot_function
def plot_product_mix(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Pareto view of ``product_mix(world)``: sales share bars and the cumulative share line, ABC coloured."""
    ax = axes_or_new(ax)
    x = np.arange(1, len(table) + 1)
    colours = table["abc"].map({"A": "#08519c", "B": "#6baed6", "C": "#c6dbef"}).astype(object).to_numpy()
    ax.bar(x, table["share"], color=colours)
    ax.plot(x, table["cumulative_share"], color="black", marker="o", markersize=3)
    ax.set_ylim(0, 1.05)
    percent_axis(ax)
    ax.set_xticks(x, [str(p) for p in table["product_id"]], fontsize=7)
    ax.set_xlabel(i18n.t("dev.plot.mix.xlabel"))
    ax.set_ylabel(i18n.t("dev.plot.mix.ylabel"))
    ax.set_title(i18n.t("dev.plot.mix.title"))
    return ax


@plot_function
def plot_opening_closing(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Relationships opened (up) and closed (down) per quarter (``opening_closing(world)``)."""
    ax = axes_or_new(ax)
    x = np.arange(len(table))
    ax.bar(x, table["opened"], color=WON_COLOUR, label=i18n.t("dev.col.opened"))
    ax.bar(x, -table["closed"].fillna(0), color="#de2d26", label=i18n.t("dev.col.closed"))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x, table["quarter"], fontsize=8)
    ax.set_ylabel(i18n.t("dev.plot.opening.ylabel"))
    ax.set_title(i18n.t("dev.plot.opening.title"))
    ax.legend(fontsize=8)
    return ax


__all__ = ["TITLE_PAD_BESIDE_COSTS", "plot_costs", "plot_funnel", "plot_opening_closing", "plot_product_mix",
           "plot_won", "update_costs", "update_won"]
