"""Plots of customer value: Pareto/ABC curve, composition, size against value."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.scale import SymmetricalLogTransform
from matplotlib.ticker import FuncFormatter, NullFormatter, NullLocator

from .. import i18n
from ..value import ABC_CLASSES
from . import axes_or_new, legend_below, percent_axis, plot_function

_ABC_COLOURS = {"A": "#1b9e77", "B": "#d95f02", "C": "#7570b3"}
_TIER_COLOURS = ("#a6cee3", "#1f78b4", "#fb9a99", "#e31a1c")


def _legend_right(ax: Axes) -> Legend:
    """A legend right of the axes, at the top: bar charts whose slanted category labels leave no room below."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)


def _pareto_points(abc: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.concatenate([[0.0], abc["customer_share"].to_numpy()])
    y = np.concatenate([[0.0], abc["cumulative_value_share"].to_numpy()])
    return x, y, abc["abc_class"].to_numpy()


def pareto_top(abc: pd.DataFrame) -> float:
    """Top of the Pareto plot's y axis: 105 %, or the next 5 % above a curve that overshoots 100 %
    (negative values make a "whale curve")."""
    high = float(abc["cumulative_value_share"].max()) if len(abc) else 0.0
    return max(1.05, np.ceil(high * 1.02 / 0.05) * 0.05)


@plot_function
def plot_pareto(abc: pd.DataFrame, ax: Axes | None = None, animated: bool = False) -> Axes:
    """Cumulative share of value against share of customers, coloured by ABC class.

    Parameters
    ----------
    abc : DataFrame
        Output of :func:`crmsim.value.abc_classes`.
    animated : bool
        Mark the data artists animated, for a dashboard that redraws only them with
        :func:`update_pareto` (default off, for a plain figure). The legend, under the axes, never
        changes (the classes' shares of customers are in the dashboard's summary).
    """
    ax = axes_or_new(ax)
    for label in ABC_CLASSES:
        ax.fill_between([0.0, 0.0], 0, 0, color=_ABC_COLOURS[label], alpha=0.35, label=i18n.t(f"abc.{label}"),
                        animated=animated, gid=f"pareto-{label}")
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label=i18n.t("plot.pareto.even"),
            animated=animated, gid="pareto-even")
    ax.plot([], [], color="black", linewidth=1.5, animated=animated, gid="pareto-curve")
    ax.set_xlim(0, 1)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("plot.pareto.title"))
    ax.set_xlabel(i18n.t("plot.pareto.x"))
    ax.set_ylabel(i18n.t("plot.pareto.y"))
    for handle in legend_below(ax).legend_handles:
        handle.set_animated(False)  # keys copy "animated" from the data; the legend belongs to the background
    update_pareto(ax, abc)
    return ax


@plot_function
def update_pareto(ax: Axes, abc: pd.DataFrame) -> list:
    """Put ``abc`` into the Pareto plot drawn by :func:`plot_pareto` on ``ax``: class areas, curve and y
    range (:func:`pareto_top`). Returns the data artists in drawing order, for blitting."""
    x, y, classes = _pareto_points(abc)
    artists = {artist.get_gid(): artist for artist in [*ax.collections, *ax.lines]}
    for label in ABC_CLASSES:
        band = artists[f"pareto-{label}"]
        idx = np.flatnonzero(classes == label)
        band.set_visible(len(idx) > 0)
        if len(idx):
            span = slice(idx[0], idx[-1] + 2)
            band.set_data(x[span], 0, y[span])
    artists["pareto-curve"].set_data(x, y)
    ax.set_ylim(0.0, pareto_top(abc))
    return [*(artists[f"pareto-{label}"] for label in ABC_CLASSES), artists["pareto-even"], artists["pareto-curve"]]


@plot_function
def plot_composition(table: pd.DataFrame, by: str, ax: Axes | None = None) -> Axes:
    """Grouped bars: each class's share of customers, sales and value.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`crmsim.value.composition`.
    by : str
        The grouping used (its labels are translated).
    """
    ax = axes_or_new(ax)
    labels = [i18n.t(f"{by}.{code}") for code in table.index]
    x = np.arange(len(table))
    width = 0.27
    for k, (column, key) in enumerate((("customer_share", "customers"), ("revenue_share", "revenue"),
                                       ("value_share", "value"))):
        ax.bar(x + (k - 1) * width, table[column].to_numpy(), width, label=i18n.t(f"plot.composition.{key}"))
    ax.set_xticks(x, labels, rotation=20, ha="right")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("plot.composition.title"))
    _legend_right(ax)
    return ax


#: The size-value map's y axis (CNY thousand) is linear within +-10 (CNY 10,000), logarithmic beyond.
SIZE_VALUE_LINTHRESH = 10.0


def size_value_limits(customers: pd.DataFrame, values: pd.DataFrame, measure: str = "historical_value") -> \
        tuple[tuple[float, float], tuple[float, float]]:
    """X (revenue, CNY m, log) and y (value, CNY thousand, symlog) limits that show every customer given,
    with 4 % room on each side in the axes' own scale. A dashboard passes the whole market, so that the
    axes stay put while a segment is picked."""
    revenue = np.log10(customers["annual_revenue"].to_numpy(dtype=float))
    scale = SymmetricalLogTransform(10, SIZE_VALUE_LINTHRESH, 1.0)
    value = scale.transform(values[measure].to_numpy(dtype=float) / 1000)
    limits = []
    for low, high, back in ((revenue.min(), revenue.max(), lambda v: 10 ** v),
                            (min(value.min(), 0.0), max(value.max(), 0.0), lambda v: scale.inverted().transform(v))):
        room = 0.04 * max(high - low, 1.0)
        limits.append(tuple(float(np.asarray(back(np.array([v])))[0]) for v in (low - room, high + room)))
    return limits[0], limits[1]


def _plain_number(value: float, _position=None) -> str:
    """Tick labels of the log axes as plain numbers (``10,000``, ``-100``), read at a glance."""
    return f"{value:,.0f}" if abs(value) >= 1 else f"{value:g}"


@plot_function
def plot_size_vs_value(customers: pd.DataFrame, values: pd.DataFrame, measure: str = "historical_value",
                       ax: Axes | None = None, limits=None, animated: bool = False) -> Axes:
    """Scatter of the customer's own revenue (log) against its value to us, by size tier.

    Parameters
    ----------
    customers, values : DataFrame
        Rows of the same customers: ``world.customers`` (or some of its rows) and
        :func:`crmsim.value.customer_value` of them.
    measure : str
        The value measure drawn (default historical value).
    limits : ((float, float), (float, float)), optional
        X and y limits (:func:`size_value_limits`, e.g. of the whole market); default: those of the
        customers given.
    animated : bool
        Mark the points and the zero line animated, for a dashboard that redraws only them with
        :func:`update_size_vs_value` (default off, for a plain figure).
    """
    ax = axes_or_new(ax)
    tiers = customers["size_tier"].cat.categories
    for code, colour in zip(tiers, _TIER_COLOURS):
        ax.scatter(np.empty(0), np.empty(0), s=14, color=colour, alpha=0.8, label=i18n.t(f"size_tier.{code}"),
                   animated=animated, gid=f"size-{code}")
    ax.axhline(0, color="grey", linewidth=0.8, animated=animated, gid="size-zero")
    ax.set_xscale("log")
    ax.set_yscale("symlog", linthresh=SIZE_VALUE_LINTHRESH)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(_plain_number))
        axis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_minor_locator(NullLocator())  # the value axis's decades are labelled; minor ticks only crowd zero
    ax.set_title(i18n.t("plot.size_value.title"))
    ax.set_xlabel(i18n.t("plot.size_value.x"))
    for handle in legend_below(ax, ncols=len(tiers)).legend_handles:
        handle.set_animated(False)  # the legend never changes: it belongs to a dashboard's background
    update_size_vs_value(ax, customers, values, measure, limits)
    return ax


@plot_function
def update_size_vs_value(ax: Axes, customers: pd.DataFrame, values: pd.DataFrame, measure: str,
                         limits=None) -> list:
    """Put these customers into the map drawn by :func:`plot_size_vs_value` on ``ax`` (points, y label of the
    measure, limits); returns the points and the zero line, for blitting."""
    tiers = customers["size_tier"]
    revenue = customers["annual_revenue"].to_numpy()
    value = values[measure].to_numpy() / 1000
    artists = {artist.get_gid(): artist for artist in [*ax.collections, *ax.lines]}
    points = []
    for code in tiers.cat.categories:
        mask = (tiers == code).to_numpy()
        artists[f"size-{code}"].set_offsets(np.column_stack([revenue[mask], value[mask]]))
        points.append(artists[f"size-{code}"])
    (left, right), (bottom, top) = limits if limits is not None else size_value_limits(customers, values, measure)
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_ylabel(size_value_ylabel(measure))
    return [artists["size-zero"], *points]


def size_value_ylabel(measure: str) -> str:
    """The y label of the size-value map: value to us, and which measure."""
    return i18n.t("plot.size_value.y") + f" · {i18n.t('value.' + measure)}"


@plot_function
def plot_value_types(customers: pd.DataFrame, values: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Historical, current and potential value summed per segment (CNY million)."""
    ax = axes_or_new(ax)
    measures = ("historical_value", "current_value", "potential_value")
    table = values[list(measures)].groupby(customers["segment"].to_numpy()).sum() / 1e6
    table = table.reindex([c for c in customers["segment"].cat.categories if c in table.index])
    x = np.arange(len(table))
    width = 0.27
    for k, measure in enumerate(measures):
        ax.bar(x + (k - 1) * width, table[measure].to_numpy(), width, label=i18n.t(f"value.{measure}"))
    ax.set_xticks(x, [i18n.t(f"segment.{c}") for c in table.index], rotation=20, ha="right")
    ax.set_ylabel(i18n.t("plot.value_types.y"))
    ax.set_title(i18n.t("plot.value_types.title"))
    _legend_right(ax)
    return ax


@plot_function
def plot_truth_reveal(reveal: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Estimated against true lifetime value per customer, with the line where they agree.

    Parameters
    ----------
    reveal : DataFrame
        Output of :func:`crmsim.value.value_truth_reveal`.
    """
    ax = axes_or_new(ax)
    true = reveal["true_lifetime_value"].to_numpy() / 1000
    estimated = reveal["lifetime_value"].to_numpy() / 1000
    ax.scatter(true, estimated, s=12, alpha=0.6, color="#4477aa")
    ends = [min(true.min(), estimated.min(), 0.0), max(true.max(), estimated.max(), 1.0)]
    ax.plot(ends, ends, linestyle="--", color="grey", linewidth=1, label=i18n.t("plot.truth.equal"))
    ax.set_xscale("symlog", linthresh=10)
    ax.set_yscale("symlog", linthresh=10)
    ax.set_title(i18n.t("plot.truth.title"))
    ax.set_xlabel(i18n.t("plot.truth.x"))
    ax.set_ylabel(i18n.t("plot.truth.y"))
    legend_below(ax)
    return ax
