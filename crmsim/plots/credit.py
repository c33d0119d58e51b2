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

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import i18n
from . import axes_or_new, percent_axis, plot_function

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


def _on_top(ax: Axes) -> list[Artist]:
    """What a blitted redraw must draw after the data: the spines (bars would cover the axis lines)
    and the legend (it sits over the data)."""
    artists: list[Artist] = list(ax.spines.values())
    if ax.get_legend() is not None:
        artists.append(ax.get_legend())
    return artists


@plot_function
def plot_sales_by_grade(by_grade: pd.DataFrame, ax: Axes | None = None, default_rate: bool = True,
                        ylim: tuple[float, float] | None = None, animated: bool = False) -> Axes:
    """Stacked bars per grade: sales on credit, for cash, and lost to the policy.

    Parameters
    ----------
    by_grade : DataFrame
        From :func:`crmsim.credit.sales_by_grade`.
    default_rate : bool
        Also mark each grade's true default rate on a right-hand axis.
    ylim : (float, float), optional
        Fixed limits of the sales axis in CNY million (default: fit the data).
    animated : bool
        Mark the bars, the default-rate line and the legend animated, for
        dashboards that redraw only them (see :func:`update_sales_by_grade`);
        give ``ylim`` then, since the axis does not follow later data.
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
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_title(i18n.t("credit.plot.grades.title"))
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
    ax.legend(handles, labels, loc="upper right", fontsize="small").set_animated(animated)
    return ax


@plot_function
def update_sales_by_grade(ax: Axes, by_grade: pd.DataFrame) -> list[Artist]:
    """Put ``by_grade`` into the bars drawn by :func:`plot_sales_by_grade` on ``ax``.

    The grades must be those drawn. Returns what to draw, in order: the bars,
    the default-rate line (if drawn; its axis keeps its limits), the spines
    and the legend.
    """
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
        Fixed limits of the y axis in CNY million (default: fit the data).
    animated : bool
        Mark the bars and share labels animated, for dashboards that redraw
        only them (see :func:`update_aging`); give ``ylim`` then.
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
    ax.set_title(i18n.t("credit.plot.aging.title"))
    ax.set_ylabel(i18n.t("credit.plot.aging.y"))
    _millions(ax)
    return ax


@plot_function
def update_aging(ax: Axes, aging: pd.DataFrame) -> list[Artist]:
    """Put ``aging`` into the bars (and share labels) drawn by :func:`plot_aging` on ``ax``.

    The buckets must be those drawn. Returns what to draw, in order: the
    bars, the share labels, the spines.
    """
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


@plot_function
def plot_profit_bridge(summary: pd.Series, ax: Axes | None = None, ylim: tuple[float, float] | None = None,
                       animated: bool = False) -> Axes:
    """Waterfall from contribution margin to profit, one step per credit cost.

    Parameters
    ----------
    summary : Series
        From :func:`crmsim.credit.summarise_policy`.
    ylim : (float, float), optional
        Fixed limits of the y axis in CNY million (default: zoom in on the
        top of the contribution so the costs show).
    animated : bool
        Mark the bars animated, for dashboards that redraw only them (see
        :func:`update_profit_bridge`); give ``ylim`` then.
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
    if ylim is None:
        # Costs are small next to the contribution: zoom in on the top so they show.
        low = min(level, contribution) - 2.5 * max(contribution - level, 1e-9)
        ylim = (max(0.0, low) if level > 0 else level * 1.1, contribution * 1.01 + 1e-9)
    ax.set_ylim(*ylim)
    ax.set_title(i18n.t("credit.plot.bridge.title"))
    ax.set_ylabel(i18n.t("credit.plot.bridge.y"))
    _millions(ax)
    return ax


@plot_function
def update_profit_bridge(ax: Axes, summary: pd.Series) -> list[Artist]:
    """Put ``summary`` into the bars drawn by :func:`plot_profit_bridge` on ``ax``.

    Returns what to draw, in order: the bars, then the spines.
    """
    levels = profit_bridge_levels(summary)
    bars = _tagged(ax, "credit-bridge", len(levels) + 1, "profit bridge")
    bars[0].set_height(levels[0])
    for k in range(1, len(levels)):
        bars[k].set_y(levels[k - 1])
        bars[k].set_height(levels[k] - levels[k - 1])
    bars[-1].set_height(levels[-1])
    return [*bars, *_on_top(ax)]


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
    ax.set_title(i18n.t("credit.plot.balance.title"))
    ax.set_xlabel(i18n.t("credit.plot.balance.x"))
    ax.set_ylabel(i18n.t("credit.plot.balance.y"))
    _millions(ax)
    ax.legend(loc="lower right", fontsize="small")
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
    ax.set_title(i18n.t("credit.plot.tradeoff.title"))
    ax.set_xlabel(i18n.t(f"credit.plot.tradeoff.x.{field}"))
    ax.set_ylabel(i18n.t("credit.plot.tradeoff.y"))
    if field == "discount_rate":
        percent_axis(ax, "x")
    _millions(ax)
    ax.legend(loc="best", fontsize="small")
    return ax


__all__ = ["plot_aging", "plot_profit_bridge", "plot_receivables", "plot_roc", "plot_sales_by_grade",
           "plot_tradeoff", "profit_bridge_levels", "update_aging", "update_profit_bridge", "update_sales_by_grade"]
