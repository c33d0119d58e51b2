"""Plots of relationship levels: level mix over time, churn and satisfaction,
profit, transition matrices, economics by level and the recovery effect.

The functions draw tables made by :mod:`crmsim.relationships`; they compute
nothing of their own (their text is in :mod:`crmsim.i18n.relationships`).
Each draws few artists so that a dashboard redraw stays light.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .. import i18n
from ..relationships.ladder import CHURNED, Ladder, get_ladder
from . import axes_or_new, percent_axis, plot_function

#: Churned in grey, then the ladder from cool to warm.
_CHURN_COLOUR = "#bdbdbd"
_LEVEL_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#fd8d3c", "#d94801", "#7f2704", "#4a1486", "#000000")


def _level_names(codes, ladder: Ladder) -> list[str]:
    names = ladder.names()
    return [i18n.t("rel.level.churned") if code == CHURNED else names.get(code, code) for code in codes]


def _colours(codes, ladder: Ladder) -> list[str]:
    return [_CHURN_COLOUR if code == CHURNED else _LEVEL_COLOURS[ladder.codes.index(code)] for code in codes]


@plot_function
def plot_level_mix(mix: pd.DataFrame, ladder: Ladder | str = "course", ax: Axes | None = None,
                   animated: bool = False) -> Axes:
    """Stacked shares of each level (and of churned customers) by month.

    Parameters
    ----------
    mix : DataFrame
        Output of :func:`crmsim.relationships.level_mix`.
    ladder : Ladder or preset name
        The ladder the run used, for the level names (default: the course's,
        the one :func:`crmsim.relationships.simulate_relationships` uses by default).
    animated : bool
        Mark the data artists animated, for dashboards that redraw only them
        (see :func:`update_level_mix`; default off, for a plain figure).
    """
    ax = axes_or_new(ax)
    ladder = get_ladder(ladder)
    codes = list(mix.columns)
    bands = ax.stackplot(mix.index.to_numpy(), mix.to_numpy().T, labels=_level_names(codes, ladder),
                         colors=_colours(codes, ladder), linewidth=0, animated=animated)
    for band in bands:
        band.set_gid("rel-mix")
    ax.set_xlim(mix.index[0], mix.index[-1])
    ax.set_ylim(0, 1)
    percent_axis(ax)
    ax.set_title(i18n.t("rel.plot.mix.title"))
    ax.set_xlabel(i18n.t("rel.plot.month"))
    ax.set_ylabel(i18n.t("rel.plot.share"))
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="lower left", fontsize="x-small", framealpha=0.8)
    return ax


@plot_function
def plot_churn_satisfaction(kpis: pd.DataFrame, ax: Axes | None = None, animated: bool = False,
                            reference: pd.DataFrame | None = None) -> Axes:
    """Cumulative churn and the share of satisfied customers by month.

    Parameters
    ----------
    kpis : DataFrame
        Output of :func:`crmsim.relationships.monthly_kpis`.
    animated : bool
        See :func:`plot_level_mix`.
    reference : DataFrame, optional
        KPIs of a reference policy (a dashboard's course default) whose cumulative churn is drawn as a
        thin dashed line that stays put, so that a policy that holds customers for a while and loses them
        later shows where its curve crosses it (default: none).
    """
    ax = axes_or_new(ax)
    month = kpis.index.to_numpy()
    if reference is not None:
        ax.plot(reference.index.to_numpy(), reference["cumulative_churn"].to_numpy(), color="#d94801",
                linestyle="--", linewidth=1, alpha=0.7, label=i18n.t("rel.plot.kpis.reference"), gid="rel-churn-reference")
    ax.plot(month, kpis["cumulative_churn"].to_numpy(), color="#d94801", label=i18n.t("rel.plot.kpis.churn"),
            animated=animated, gid="rel-churn")
    ax.plot(month, kpis["satisfied"].to_numpy(), color="#2171b5", label=i18n.t("rel.plot.kpis.satisfied"),
            animated=animated, gid="rel-satisfied")
    ax.set_ylim(0, 1)
    ax.set_xlim(month[0], max(month[-1], month[0] + 1))  # one month would give a zero-width axis
    percent_axis(ax)
    ax.set_title(i18n.t("rel.plot.kpis.title"))
    ax.set_xlabel(i18n.t("rel.plot.month"))
    ax.legend(loc="center right", fontsize="x-small")
    return ax


@plot_function
def plot_cumulative_profit(kpis: pd.DataFrame, profit_without_care: float | None = None,
                           ax: Axes | None = None, ylim: tuple[float, float] | None = None,
                           animated: bool = False) -> Axes:
    """Cumulative profit by month, in CNY million.

    Parameters
    ----------
    kpis : DataFrame
        Output of :func:`crmsim.relationships.monthly_kpis`.
    profit_without_care : float, optional
        Expected total profit without care (``care_return(run)["profit_without_care"]``),
        drawn as a dashed reference line.
    ylim : (float, float), optional
        Fixed limits of the y axis in CNY million (default: fit the data).
    animated : bool
        See :func:`plot_level_mix`.
    """
    ax = axes_or_new(ax)
    month = kpis.index.to_numpy()
    ax.plot(month, kpis["cumulative_profit"].to_numpy() / 1e6, color="#238b45", label=i18n.t("rel.plot.profit.with"),
            animated=animated, gid="rel-profit")
    if profit_without_care is not None and np.isfinite(profit_without_care):
        ax.axhline(profit_without_care / 1e6, color="grey", linestyle="--", linewidth=1,
                   label=i18n.t("rel.plot.profit.without"), animated=animated, gid="rel-profit-without")
    ax.set_xlim(month[0], max(month[-1], month[0] + 1))  # one month would give a zero-width axis
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_title(i18n.t("rel.plot.profit.title"))
    ax.set_xlabel(i18n.t("rel.plot.month"))
    ax.set_ylabel(i18n.t("rel.plot.profit.y"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(loc="upper left", fontsize="x-small")
    return ax


@plot_function
def update_level_mix(ax: Axes, mix: pd.DataFrame) -> list:
    """Replace the bands drawn by :func:`plot_level_mix` on ``ax`` with those of ``mix``.

    Returns the new band artists (animated like the old ones), for blitting.
    """
    old = [c for c in ax.collections if c.get_gid() == "rel-mix"]
    animated = bool(old) and old[0].get_animated()
    colours = [c.get_facecolor()[0] for c in old]
    for band in old:
        band.remove()
    bands = ax.stackplot(mix.index.to_numpy(), mix.to_numpy().T, colors=colours or None, linewidth=0,
                         animated=animated)
    for band in bands:
        band.set_gid("rel-mix")
    return bands


@plot_function
def update_churn_satisfaction(ax: Axes, kpis: pd.DataFrame) -> list:
    """Put the curves of ``kpis`` into the lines drawn by :func:`plot_churn_satisfaction`; returns them."""
    lines = {line.get_gid(): line for line in ax.lines}
    lines["rel-churn"].set_ydata(kpis["cumulative_churn"].to_numpy())
    lines["rel-satisfied"].set_ydata(kpis["satisfied"].to_numpy())
    return [lines["rel-churn"], lines["rel-satisfied"]]


@plot_function
def update_cumulative_profit(ax: Axes, kpis: pd.DataFrame, profit_without_care: float | None = None) -> list:
    """Put new values into the lines drawn by :func:`plot_cumulative_profit`; returns them."""
    lines = {line.get_gid(): line for line in ax.lines}
    lines["rel-profit"].set_ydata(kpis["cumulative_profit"].to_numpy() / 1e6)
    changed = [lines["rel-profit"]]
    if "rel-profit-without" in lines and profit_without_care is not None:
        lines["rel-profit-without"].set_ydata([profit_without_care / 1e6] * 2)
        changed.append(lines["rel-profit-without"])
    return changed


@plot_function
def plot_transition_matrix(estimated: pd.DataFrame, true: pd.DataFrame | None = None,
                           ladder: Ladder | str = "course", ax: Axes | None = None) -> Axes:
    """Heat map of the estimated monthly transition matrix, with the true values in brackets.

    Parameters
    ----------
    estimated : DataFrame
        Output of :func:`crmsim.relationships.estimate_transition_matrix`.
    true : DataFrame, optional
        Output of :func:`crmsim.relationships.true_transition_matrix`
        (default: none, only the estimate is shown).
    ladder : Ladder or preset name
        See :func:`plot_level_mix`.
    """
    ax = axes_or_new(ax)
    ladder = get_ladder(ladder)
    values = estimated.to_numpy()
    ax.imshow(np.nan_to_num(values), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        text = "–" if np.isnan(value) else f"{value:.2f}"
        if true is not None and not np.isnan(true.iat[i, j]):
            text += f"\n({true.iat[i, j]:.2f})"
        ax.text(j, i, text, ha="center", va="center", fontsize="x-small",
                color="white" if np.nan_to_num(value) > 0.6 else "black")
    ax.set_xticks(range(values.shape[1]), _level_names(estimated.columns, ladder), rotation=30, ha="right")
    ax.set_yticks(range(values.shape[0]), _level_names(estimated.index, ladder))
    ax.set_title(i18n.t("rel.plot.matrix.title"))
    ax.set_xlabel(i18n.t("rel.plot.matrix.to"))
    ax.set_ylabel(i18n.t("rel.plot.matrix.from"))
    return ax


@plot_function
def plot_stationary(analytic: pd.Series, simulated: pd.Series, ladder: Ladder | str = "course",
                    ax: Axes | None = None) -> Axes:
    """Bars of the analytic stationary level mix next to the simulated one.

    ``ladder`` as in :func:`plot_level_mix`.
    """
    ax = axes_or_new(ax)
    ladder = get_ladder(ladder)
    x = np.arange(len(analytic))
    ax.bar(x - 0.2, analytic.to_numpy(), 0.4, color="#2171b5", label=i18n.t("rel.plot.stationary.analytic"))
    ax.bar(x + 0.2, simulated.reindex(analytic.index).to_numpy(), 0.4, color="#fd8d3c",
           label=i18n.t("rel.plot.stationary.simulated"))
    ax.set_xticks(x, _level_names(analytic.index, ladder))
    percent_axis(ax)
    ax.set_title(i18n.t("rel.plot.stationary.title"))
    ax.legend(fontsize="small")
    return ax


@plot_function
def plot_level_economics(economics: pd.DataFrame, ladder: Ladder | str = "course", ax: Axes | None = None) -> Axes:
    """Profit per customer-month (bars) and annual retention (line) by level, from
    :func:`crmsim.relationships.level_economics`; ``ladder`` as in :func:`plot_level_mix`."""
    ax = axes_or_new(ax)
    ladder = get_ladder(ladder)
    x = np.arange(len(economics))
    ax.bar(x, economics["profit"].to_numpy() / 1e3, color=_LEVEL_COLOURS[:len(economics)])
    ax.set_xticks(x, _level_names(economics.index, ladder))
    ax.set_ylabel(i18n.t("rel.plot.economics.profit"))
    ax.set_title(i18n.t("rel.plot.economics.title"))
    right = ax.twinx()
    right.plot(x, economics["annual_retention"].to_numpy(), color="black", marker="o",
               label=i18n.t("rel.plot.economics.retention"))
    right.set_ylim(0, 1)
    percent_axis(right)
    right.set_ylabel(i18n.t("rel.plot.economics.retention"))
    return ax


@plot_function
def plot_recovery_effect(effect: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Grouped bars: share moving up, down and leaving, by complaint handling.

    Parameters
    ----------
    effect : DataFrame
        Output of :func:`crmsim.relationships.recovery_effect`.
    """
    ax = axes_or_new(ax)
    x = np.arange(len(effect))
    for k, (column, key, colour) in enumerate((("up_rate", "up", "#238b45"), ("down_rate", "down", "#fd8d3c"),
                                               ("churn_rate", "churn", "#a50f15"))):
        ax.bar(x + (k - 1) * 0.27, effect[column].to_numpy(), 0.27, color=colour,
               label=i18n.t(f"rel.plot.recovery.{key}"))
    ax.set_xticks(x, [i18n.t(f"rel.handling.{code}") for code in effect.index])
    percent_axis(ax)
    ax.set_title(i18n.t("rel.plot.recovery.title"))
    ax.legend(fontsize="small")
    return ax


__all__ = ["plot_churn_satisfaction", "plot_cumulative_profit", "plot_level_economics", "plot_level_mix",
           "plot_recovery_effect", "plot_stationary", "plot_transition_matrix", "update_churn_satisfaction",
           "update_cumulative_profit", "update_level_mix"]
