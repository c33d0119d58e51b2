"""Plots of credit decisions: sales won and lost by grade, receivables aging,
the profit bridge of a policy, the receivables balance, the ROC curve of a
score and the credit-period trade-off.

Each function takes tables from :mod:`crmsim.credit` and an optional ``ax``,
and returns the Axes; none computes business logic. Their text is in
:mod:`crmsim.i18n.credit`.
The three plots of the credit-committee dashboard can also be drawn with
``animated=True`` and fixed ``ylim``, and then refreshed with new tables by
their ``update_...`` functions (for blitting: only the data are redrawn).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .. import i18n
from . import axes_or_new, legend_above, percent_axis, plot_function
from .blitting import legend_snapshot, y_strip_snapshot
from .ranges import NICE_STEPS, nice_ceiling

_MILLION = 1e6
_WON, _CASH, _LOST = "#1b9e77", "#a6d854", "#d9d9d9"
_GAIN, _LOSS, _TOTAL = "#1b9e77", "#d95f02", "#4c72b0"
_AGING_COLOURS = ("#1b9e77", "#a6d854", "#ffd92f", "#fc8d62", "#e34a33", "#b30000")
#: The stack of :func:`plot_sales_by_grade`, bottom up: (column, colour, label key).
_GRADE_STACK = (("credit_sales", _WON, "credit"), ("cash_sales", _CASH, "cash"),
                ("lost_sales", _LOST, "lost"))
#: The steps of the profit bridge: label key -> column of the policy summary.
_BRIDGE_COSTS = {"bad_debt": "bad_debt", "discount": "discount_cost", "interest": "interest_cost",
                 "collection": "collection_cost"}
#: Height (axes fraction) of the break marks of a profit bridge whose axis does not start at zero.
_BREAK_AT = 0.06


def _millions(ax: Axes, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    # Few ticks: easier to read, and every tick costs drawing time in a dashboard.
    target.set_major_locator(MaxNLocator(5))


def _tagged(ax: Axes, gid: str, count: int, what: str) -> list:
    """The patches of ``ax`` with this gid, in drawing order; ``count`` of them or a clear error."""
    patches = [p for p in ax.patches if p.get_gid() == gid]
    if len(patches) != count:
        raise ValueError(f"the {what} on this Axes have {len(patches)} bars, the new table needs {count}; "
                         f"draw it again with its plot function")
    return patches


def _animate_y_axis(ax: Axes, animated: bool) -> None:
    """In a dashboard the y axis (ticks, tick labels, axis label) is redrawn with the data, so a new
    range costs no redraw of the whole figure: it lies outside the plot, on empty background."""
    if animated:
        ax.yaxis.set_animated(True)


def _set_ylim(ax: Axes, ylim: tuple[float, float] | None) -> None:
    if ylim is not None and tuple(ax.get_ylim()) != tuple(ylim):
        ax.set_ylim(*ylim)


def _on_top(ax: Axes) -> list[Artist]:
    """What a blitted redraw must draw besides the data: the spines (bars would cover the axis lines),
    and what of the axes is animated, as snapshots (:mod:`crmsim.plots.blitting`; drawn first by
    the dashboard): the y axis and the legend."""
    artists: list[Artist] = list(ax.spines.values())
    if ax.yaxis.get_animated():
        artists.append(y_strip_snapshot(ax))
    if ax.get_legend() is not None and ax.get_legend().get_animated():
        artists.append(legend_snapshot(ax))
    return artists


@plot_function
def plot_sales_by_grade(by_grade: pd.DataFrame, ax: Axes | None = None, default_rate: bool = True,
                        ylim: tuple[float, float] | None = None, animated: bool = False) -> Axes:
    """Stacked bars per grade: sales on credit, for cash, and lost to the policy.

    The legend sits above the bars (:func:`~crmsim.plots.legend_above`), where it hides none of them.

    Parameters
    ----------
    by_grade : DataFrame
        From :func:`crmsim.credit.sales_by_grade`.
    default_rate : bool
        Also mark each grade's true default rate on a right-hand axis.
    ylim : (float, float), optional
        Limits of the sales axis in CNY million (default: fit the data).
    animated : bool
        Mark the bars, the default-rate line and the y axis animated, for
        dashboards that redraw only them (see :func:`update_sales_by_grade`).
    """
    ax = axes_or_new(ax)
    x = np.arange(len(by_grade))
    bottom = np.zeros(len(by_grade))
    for column, colour, key in _GRADE_STACK:
        values = by_grade[column].to_numpy() / _MILLION
        bars = ax.bar(x, values, bottom=bottom, color=colour, label=i18n.t(f"credit.plot.grades.{key}"),
                      animated=animated)
        for bar in bars:
            bar.set_gid(f"credit-grades-{key}")
        bottom += values
    ax.set_xticks(x, [str(g) for g in by_grade.index])
    _set_ylim(ax, ylim)
    ax.set_ylabel(i18n.t("credit.plot.grades.y"))
    _millions(ax)
    handles, labels = ax.get_legend_handles_labels()
    if default_rate:
        right = ax.twinx()
        line, = right.plot(x, by_grade["default_rate"].to_numpy(), color="black", marker="o", linewidth=1,
                           label=i18n.t("credit.plot.grades.default"), animated=animated,
                           gid="credit-grades-default")
        right.set_ylim(0, max(0.05, float(np.nanmax(by_grade["default_rate"].to_numpy(), initial=0)) * 1.15))
        percent_axis(right)
        handles.append(line)
        labels.append(line.get_label())
    legend_above(ax, i18n.t("credit.plot.grades.title"), handles, labels, ncols=2 if len(handles) > 3 else None)
    _animate_y_axis(ax, animated)
    return ax


@plot_function
def update_sales_by_grade(ax: Axes, by_grade: pd.DataFrame, ylim: tuple[float, float] | None = None) -> list[Artist]:
    """Put ``by_grade`` (and the y range ``ylim``, CNY million) into what :func:`plot_sales_by_grade` drew on ``ax``.

    The grades must be those drawn. Returns what to draw, in order: the bars,
    the default-rate line (if drawn; its axis keeps its limits), the spines
    and the animated y axis.
    """
    return _update_sales_by_grade(ax, by_grade, ylim)


def _update_sales_by_grade(ax: Axes, by_grade: pd.DataFrame, ylim: tuple[float, float] | None) -> list[Artist]:
    _set_ylim(ax, ylim)
    changed: list[Artist] = []
    bottom = np.zeros(len(by_grade))
    for column, _colour, key in _GRADE_STACK:
        values = by_grade[column].to_numpy() / _MILLION
        bars = _tagged(ax, f"credit-grades-{key}", len(by_grade), "sales by grade")
        for bar, low, height in zip(bars, bottom, values):
            bar.set_y(low)
            bar.set_height(height)
        changed += bars
        bottom += values
    for other in ax.get_shared_x_axes().get_siblings(ax):  # the twin carrying the default rates
        for line in other.lines:
            if line.get_gid() == "credit-grades-default":
                line.set_ydata(by_grade["default_rate"].to_numpy())
                changed.append(line)
    return changed + _on_top(ax)


@plot_function
def plot_aging(aging: pd.DataFrame, ax: Axes | None = None, shares: bool = True,
               ylim: tuple[float, float] | None = None, animated: bool = False) -> Axes:
    """Bars of the receivables open at the end, by days past due.

    Parameters
    ----------
    aging : DataFrame
        From :func:`crmsim.credit.aging` (bucket codes, amounts, shares).
    shares : bool
        Write each bucket's share of the receivables above its bar.
    ylim : (float, float), optional
        Limits of the y axis in CNY million (default: fit the data).
    animated : bool
        Mark the bars, share labels and the y axis animated, for dashboards
        that redraw only them (see :func:`update_aging`).
    """
    ax = axes_or_new(ax)
    x = np.arange(len(aging))
    amounts = aging["amount"].to_numpy() / _MILLION
    for bar in ax.bar(x, amounts, color=_AGING_COLOURS[:len(aging)], animated=animated):
        bar.set_gid("credit-aging")
    if shares:
        for xi, amount, share in zip(x, amounts, aging["share"].to_numpy()):
            ax.annotate(f"{share:.0%}", (xi, amount), ha="center", va="bottom", fontsize="small",
                        animated=animated, gid="credit-aging-share")
    ax.set_xticks(x, [i18n.t(f"credit.aging.{b}") for b in aging["bucket"]], rotation=30, ha="right",
                  fontsize="small")
    ax.set_ylim(*(ylim if ylim is not None else (0, max(amounts.max(initial=0) * 1.15, 1e-6))))
    ax.set_title(i18n.t("credit.plot.aging.title"), y=1.0)
    ax.set_ylabel(i18n.t("credit.plot.aging.y"))
    _millions(ax)
    _animate_y_axis(ax, animated)
    return ax


@plot_function
def update_aging(ax: Axes, aging: pd.DataFrame, ylim: tuple[float, float] | None = None) -> list[Artist]:
    """Put ``aging`` (and the y range ``ylim``, CNY million) into what :func:`plot_aging` drew on ``ax``.

    The buckets must be those drawn. Returns what to draw, in order: the
    bars, the share labels, the spines and the animated y axis.
    """
    return _update_aging(ax, aging, ylim)


def _update_aging(ax: Axes, aging: pd.DataFrame, ylim: tuple[float, float] | None) -> list[Artist]:
    _set_ylim(ax, ylim)
    amounts = aging["amount"].to_numpy() / _MILLION
    bars = _tagged(ax, "credit-aging", len(aging), "aging")
    for bar, amount in zip(bars, amounts):
        bar.set_height(amount)
    labels = [t for t in ax.texts if t.get_gid() == "credit-aging-share"]
    for label, xi, amount, share in zip(labels, range(len(aging)), amounts, aging["share"].to_numpy()):
        label.xy = (xi, amount)
        label.set_text(f"{share:.0%}")
    return [*bars, *labels, *_on_top(ax)]


def profit_bridge_levels(summary: pd.Series) -> np.ndarray:
    """The levels of the profit bridge in CNY million: the contribution, then
    what is left after each credit cost (the last is the profit)."""
    costs = np.array([summary[column] for column in _BRIDGE_COSTS.values()], dtype=float) / _MILLION
    contribution = float(summary["contribution"]) / _MILLION
    return np.concatenate([[contribution], contribution - np.cumsum(costs)])


def bridge_range(current: tuple[float, float] | None, levels: np.ndarray) -> tuple[float, float]:
    """Y range of the profit bridge: zoomed on the top so the costs show, on a grid of nice steps.

    The costs are small next to the contribution: from zero they would be
    slivers. So the range starts below the lowest level by 2.5 times the
    total cost (at zero if that is below zero, and below a loss), and the
    plot marks the broken axis. ``current`` is kept while all levels fit,
    there is room of at least the total cost below them (or zero is shown)
    and it is at most 2.5 times as tall as a fresh range would be; a fresh
    range is at most 1.7 times as tall as needed, so asking again with the
    same data keeps it.
    """
    high, low = float(levels.max()), float(levels.min())
    gap = high - low
    if low > 0:
        bottom = max(0.0, low - 2.5 * max(gap, 1e-9))
        floor = max(0.0, low - gap)
    else:  # a loss: show it all, below zero
        bottom = floor = low * 1.1
    wanted = (bottom, max(high, 0.0) + 0.02 * (max(high, 0.0) - bottom))  # a little room above the top
    span = max(wanted[1] - wanted[0], 1e-3)
    if current is not None and current[0] <= floor and current[1] >= high and \
            current[1] - current[0] <= 2.5 * span:
        return current
    step = nice_ceiling(span / 6, NICE_STEPS)
    bottom, top = math.floor(wanted[0] / step) * step, math.ceil(wanted[1] / step) * step
    return (bottom, top if top > bottom else bottom + step)


def _amount(value: float) -> str:
    """A bar's value, CNY million: no decimals from 10 on, one below (a small cost must not read 0);
    a loss with the minus sign of the tick labels."""
    text = f"{value:,.0f}" if abs(value) >= 10 or value == 0 else f"{value:,.1f}"
    return text.replace("-", "\u2212")


def _bridge_values(levels: np.ndarray) -> list[tuple[float, float, str, bool]]:
    """(x, y, text, below) of the value label of each bar of the bridge: the totals inside their top,
    each cost under its bar, with a minus sign."""
    n = len(levels)
    values = [(0.0, levels[0], _amount(levels[0]), False)]
    values += [(float(k), levels[k], "\u2212" + _amount(levels[k - 1] - levels[k]) if levels[k] < levels[k - 1]
                else _amount(levels[k] - levels[k - 1]), True) for k in range(1, n)]
    values.append((float(n), levels[-1], _amount(levels[-1]), False))
    return values


def _place_value(label, x: float, y: float, text: str, below: bool, total: bool) -> None:
    # Totals: inside the bar, at its end; costs: just outside the bar's lower end.
    up = (y < 0) if total else not below
    label.xy = (x, y)
    label.xyann = (0, 3 if up else -3)
    label.set_va("bottom" if up else "top")
    label.set_text(text)


def _break_marks(ax: Axes, n_bars: int, animated: bool) -> list[Artist]:
    """The marks of a broken y axis: a white gap with slanted edges across the left spine and across
    the two bars that stand on the axis (contribution and profit), at :data:`_BREAK_AT` of the height."""
    transform = blended_transform_factory(ax.transData, ax.transAxes)
    left = ax.get_xlim()[0]
    half_gap, slant = 0.012, 0.02
    bands, edges = [], []
    for x, half_width in ((left, 0.14), (0.0, 0.45), (float(n_bars - 1), 0.45)):
        x0, x1 = x - half_width, x + half_width
        low, high = _BREAK_AT - half_gap, _BREAK_AT + half_gap
        bands.append([(x0, low - slant), (x1, low + slant), (x1, high + slant), (x0, high - slant)])
        edges += [[(x0, low - slant), (x1, low + slant)], [(x0, high - slant), (x1, high + slant)]]
    band = PolyCollection(bands, facecolors="white", edgecolors="none", transform=transform, clip_on=False,
                          zorder=3, animated=animated, gid="credit-bridge-break")
    lines = LineCollection(edges, colors="#333333", linewidths=1.0, transform=transform, clip_on=False,
                           zorder=3.1, animated=animated, gid="credit-bridge-break")
    ax.add_collection(band, autolim=False)
    ax.add_collection(lines, autolim=False)
    return [band, lines]


def _bridge_axis(ax: Axes, ylim: tuple[float, float]) -> None:
    """The y range, the break marks when it does not start at zero, and the axis label saying where it starts."""
    _set_ylim(ax, ylim)
    broken = ylim[0] > 0
    for mark in (c for c in ax.collections if c.get_gid() == "credit-bridge-break"):
        mark.set_visible(broken)
    ax.set_ylabel(i18n.t("credit.plot.bridge.y_broken", start=ylim[0]) if broken else i18n.t("credit.plot.bridge.y"))


@plot_function
def plot_profit_bridge(summary: pd.Series, ax: Axes | None = None, ylim: tuple[float, float] | None = None,
                       animated: bool = False) -> Axes:
    """Waterfall from contribution margin to profit, one step per credit cost, each bar with its value.

    The credit costs are small next to the contribution, so the y axis is
    zoomed on the top (:func:`bridge_range`); when it then starts above
    zero, the axis and the two bars standing on it carry break marks and
    the axis label says where it starts.

    Parameters
    ----------
    summary : Series
        From :func:`crmsim.credit.summarise_policy`.
    ylim : (float, float), optional
        Limits of the y axis in CNY million (default: :func:`bridge_range` of the levels).
    animated : bool
        Mark the bars, their values, the break marks and the y axis
        animated, for dashboards that redraw only them (see
        :func:`update_profit_bridge`).
    """
    ax = axes_or_new(ax)
    levels = profit_bridge_levels(summary)
    contribution, level = levels[0], levels[-1]
    labels = [i18n.t("credit.plot.bridge.contribution")]
    bars = [ax.bar(0, contribution, color=_GAIN, animated=animated)]
    for k, key in enumerate(_BRIDGE_COSTS, start=1):
        bars.append(ax.bar(k, levels[k] - levels[k - 1], bottom=levels[k - 1], color=_LOSS, animated=animated))
        labels.append(i18n.t(f"credit.plot.bridge.{key}"))
    bars.append(ax.bar(len(_BRIDGE_COSTS) + 1, level, color=_TOTAL, animated=animated))
    labels.append(i18n.t("credit.plot.bridge.profit"))
    for container in bars:
        container[0].set_gid("credit-bridge")
    ax.set_xticks(np.arange(len(labels)), labels, rotation=30, ha="right", fontsize="small")
    ax.set_xlim(-0.6, len(labels) - 0.4)
    _break_marks(ax, len(labels), animated)
    values = _bridge_values(levels)
    for k, (x, y, text, below) in enumerate(values):
        total = k in (0, len(values) - 1)
        label = ax.annotate("", (x, y), xytext=(0, 0), textcoords="offset points", ha="center",
                            fontsize="small", color="white" if total else "#333333", zorder=3.2,
                            animated=animated, gid="credit-bridge-value")
        _place_value(label, x, y, text, below, total)
    _bridge_axis(ax, bridge_range(None, levels) if ylim is None else ylim)
    ax.set_title(i18n.t("credit.plot.bridge.title"), y=1.0)
    _millions(ax)
    _animate_y_axis(ax, animated)
    return ax


@plot_function
def update_profit_bridge(ax: Axes, summary: pd.Series, ylim: tuple[float, float] | None = None) -> list[Artist]:
    """Put ``summary`` (and the y range ``ylim``, CNY million) into what :func:`plot_profit_bridge` drew on ``ax``.

    Returns what to draw, in order: the bars, the spines, the break marks,
    the values and the animated y axis.
    """
    return _update_profit_bridge(ax, summary, ylim)


def _update_profit_bridge(ax: Axes, summary: pd.Series, ylim: tuple[float, float] | None) -> list[Artist]:
    levels = profit_bridge_levels(summary)
    if ylim is not None:
        _bridge_axis(ax, ylim)
    bars = _tagged(ax, "credit-bridge", len(levels) + 1, "profit bridge")
    bars[0].set_height(levels[0])
    for k in range(1, len(levels)):
        bars[k].set_y(levels[k - 1])
        bars[k].set_height(levels[k] - levels[k - 1])
    bars[-1].set_height(levels[-1])
    texts = [t for t in ax.texts if t.get_gid() == "credit-bridge-value"]
    values = _bridge_values(levels)
    for k, (label, value) in enumerate(zip(texts, values)):
        _place_value(label, *value, total=k in (0, len(values) - 1))
    marks = [c for c in ax.collections if c.get_gid() == "credit-bridge-break"]
    on_top = _on_top(ax)
    spines = [a for a in on_top if a in ax.spines.values()]
    return [*bars, *spines, *marks, *texts, *[a for a in on_top if a not in spines]]


@plot_function
def update_committee(axes: Sequence[Axes], by_grade: pd.DataFrame, aging: pd.DataFrame, summary: pd.Series,
                     ylims: Mapping[str, tuple[float, float]]) -> list[Artist]:
    """The three panels of the credit-committee dashboard at once, for a blitted redraw.

    The same as :func:`update_sales_by_grade`, :func:`update_aging` and
    :func:`update_profit_bridge` on the Axes ``(grades, aging, bridge)`` one
    after the other, with the fonts set up once rather than three times (a
    redraw is made of little else).

    Parameters
    ----------
    axes : (Axes, Axes, Axes)
        Drawn by :func:`plot_sales_by_grade`, :func:`plot_aging` and :func:`plot_profit_bridge`.
    by_grade, aging, summary
        The new tables, as for the three functions.
    ylims : mapping
        The y range of each panel in CNY million, by ``"grades"``, ``"aging"`` and ``"bridge"``.

    Returns
    -------
    list of Artist
        What to draw, panel after panel, in each panel's order.
    """
    if len(axes) != 3:
        raise ValueError(f"axes must be the (grades, aging, bridge) Axes of the dashboard; got {len(axes)} Axes")
    missing = {"grades", "aging", "bridge"} - set(ylims)
    if missing:
        raise ValueError(f"ylims lacks the range of {sorted(missing)}; give 'grades', 'aging' and 'bridge'")
    grades, ages, bridge = axes
    return [*_update_sales_by_grade(grades, by_grade, ylims["grades"]), *_update_aging(ages, aging, ylims["aging"]),
            *_update_profit_bridge(bridge, summary, ylims["bridge"])]


@plot_function
def plot_receivables(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Receivables open at each month end, with the month's credit sales.

    Parameters
    ----------
    monthly : DataFrame
        From :func:`crmsim.credit.receivables_by_month`.
    """
    ax = axes_or_new(ax)
    month = monthly["month"].to_numpy() + 1
    ax.bar(month, monthly["credit_sales"].to_numpy() / _MILLION, color="#c6dbef",
           label=i18n.t("credit.plot.balance.sales"))
    ax.plot(month, monthly["receivables"].to_numpy() / _MILLION, color="#08519c", marker=".",
            label=i18n.t("credit.plot.balance.receivables"))
    ax.set_xlabel(i18n.t("credit.plot.balance.x"))
    ax.set_ylabel(i18n.t("credit.plot.balance.y"))
    _millions(ax)
    legend_above(ax, i18n.t("credit.plot.balance.title"))  # over the bars it would hide some months
    return ax


@plot_function
def plot_roc(roc: pd.DataFrame, auc: float, ax: Axes | None = None) -> Axes:
    """The ROC curve of a score, with its AUC and Gini in the legend.

    Parameters
    ----------
    roc : DataFrame
        From :func:`crmsim.credit.roc_curve`.
    auc : float
        From :func:`crmsim.credit.auc` (Gini is 2 AUC - 1).
    """
    ax = axes_or_new(ax, figsize=(4.8, 4.4))
    ax.plot(roc["good_refused"].to_numpy(), roc["bad_caught"].to_numpy(), color="#08519c", linewidth=2,
            label=i18n.t("credit.plot.roc.label", auc=auc, gini=2 * auc - 1))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label=i18n.t("credit.plot.roc.chance"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("credit.plot.roc.title"))
    ax.set_xlabel(i18n.t("credit.plot.roc.x"))
    ax.set_ylabel(i18n.t("credit.plot.roc.y"))
    ax.legend(loc="lower right", fontsize="small")
    return ax


@plot_function
def plot_tradeoff(sweep: pd.DataFrame, field: str = "credit_period", ax: Axes | None = None) -> Axes:
    """Contribution margin and profit across one policy lever; the gap between them
    (shaded) is the credit cost: bad debt, discounts, money tied up and collection.

    Parameters
    ----------
    sweep : DataFrame
        From :func:`crmsim.credit.policy_sweep`.
    field : str
        The lever swept (its column in ``sweep``).
    """
    if field not in sweep.columns:
        raise ValueError(f"field={field!r} is not a column of the sweep; it has {list(sweep.columns)}")
    ax = axes_or_new(ax)
    x = sweep[field].to_numpy(dtype=float)
    contribution = sweep["contribution"].to_numpy() / _MILLION
    profit = sweep["profit"].to_numpy() / _MILLION
    ax.plot(x, contribution, color=_TOTAL, marker="o", label=i18n.t("credit.plot.tradeoff.contribution"))
    ax.fill_between(x, profit, contribution, color=_LOSS, alpha=0.25, label=i18n.t("credit.plot.tradeoff.cost"))
    ax.plot(x, profit, color=_GAIN, marker="^", label=i18n.t("credit.plot.tradeoff.profit"))
    best = int(np.argmax(profit))
    ax.annotate(i18n.t("credit.plot.tradeoff.best"), (x[best], profit[best]), xytext=(0, -18),
                textcoords="offset points", ha="center", color=_GAIN, fontsize="small")
    ax.set_xlabel(i18n.t(f"credit.plot.tradeoff.x.{field}"))
    ax.set_ylabel(i18n.t("credit.plot.tradeoff.y"))
    if field == "discount_rate":
        percent_axis(ax, "x")
    _millions(ax)
    legend_above(ax, i18n.t("credit.plot.tradeoff.title"))  # the two curves run across the whole plot
    return ax


__all__ = ["bridge_range", "plot_aging", "plot_profit_bridge", "plot_receivables", "plot_roc", "plot_sales_by_grade",
           "plot_tradeoff", "profit_bridge_levels", "update_aging", "update_committee", "update_profit_bridge",
           "update_sales_by_grade"]
