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
from matplotlib.legend import Legend
from matplotlib.ticker import FuncFormatter

from .. import i18n
from ..relationships.ladder import CHURNED, Ladder, get_ladder
from . import axes_or_new, legend_below, percent_axis, plot_function

#: Churned in grey, then the ladder from cool to warm.
_CHURN_COLOUR = "#bdbdbd"
_LEVEL_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#fd8d3c", "#d94801", "#7f2704", "#4a1486", "#000000")


def _level_names(codes, ladder: Ladder) -> list[str]:
    names = ladder.names()
    return [i18n.t("rel.level.churned") if code == CHURNED else names.get(code, code) for code in codes]


def _colours(codes, ladder: Ladder) -> list[str]:
    return [_CHURN_COLOUR if code == CHURNED else _LEVEL_COLOURS[ladder.codes.index(code)] for code in codes]


#: Text size of the time-series panels' legends, points: legible on a dashboard shown at 1024 px (about
#: 10 px on screen), where "x-small" (6 pt) was a 7-pixel blur.
SERIES_LEGEND_POINTS = 9.0


def _legend_below(ax: Axes, handles, labels, ncols: int, fontsize: str | float = SERIES_LEGEND_POINTS) -> Legend:
    """:func:`~crmsim.plots.legend_below` as the time-series panels want it: they fill their axes with data
    (stacked shares, curves crossing the whole range), so any place inside would hide some. Few columns:
    at legible sizes a panel of a three-panel dashboard holds two short labels side by side."""
    return legend_below(ax, handles, labels, ncols=ncols, fontsize=fontsize, handlelength=1.6)


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
    _legend_below(ax, handles[::-1], labels[::-1], ncols=2)  # the top band first
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
    _legend_below(ax, *ax.get_legend_handles_labels(), ncols=1)  # long labels: one under the other
    return ax


def _cumulative_millions(without_care: pd.Series | None) -> np.ndarray | None:
    """The expected profit without care accumulated month by month, CNY million (None: not drawn)."""
    if without_care is None:
        return None
    if not isinstance(without_care, pd.Series):
        raise TypeError("without_care must be the expected profit of each month without care, a Series from "
                        "crmsim.relationships.expected_monthly_profit(run, baseline=True) (a total cannot be drawn "
                        f"against a cumulative curve); got {type(without_care).__name__} {without_care!r}")
    return np.cumsum(without_care.to_numpy(dtype=float)) / 1e6


@plot_function
def plot_cumulative_profit(kpis: pd.DataFrame, without_care: pd.Series | None = None,
                           ax: Axes | None = None, ylim: tuple[float, float] | None = None,
                           animated: bool = False) -> Axes:
    """Cumulative profit by month, in CNY million, against what was expected without care.

    Parameters
    ----------
    kpis : DataFrame
        Output of :func:`crmsim.relationships.monthly_kpis`.
    without_care : Series, optional
        Expected profit of each month without care budget and contacts
        (``crmsim.relationships.expected_monthly_profit(run, baseline=True)``), drawn accumulated
        as a dashed curve on the same basis as the profit curve: at the last month it reaches
        ``care_return(run)["profit_without_care"]``. Default: not drawn.
    ylim : (float, float), optional
        Fixed limits of the y axis in CNY million (default: fit the data).
    animated : bool
        See :func:`plot_level_mix`.
    """
    ax = axes_or_new(ax)
    month = kpis.index.to_numpy()
    baseline = _cumulative_millions(without_care)
    if baseline is not None:
        ax.plot(without_care.index.to_numpy(), baseline, color="grey", linestyle="--", linewidth=1,
                label=i18n.t("rel.plot.profit.without"), animated=animated, gid="rel-profit-without")
    ax.plot(month, kpis["cumulative_profit"].to_numpy() / 1e6, color="#238b45", label=i18n.t("rel.plot.profit.with"),
            animated=animated, gid="rel-profit")
    ax.set_xlim(month[0], max(month[-1], month[0] + 1))  # one month would give a zero-width axis
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_title(i18n.t("rel.plot.profit.title"))
    ax.set_xlabel(i18n.t("rel.plot.month"))
    ax.set_ylabel(i18n.t("rel.plot.profit.y"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    handles, labels = ax.get_legend_handles_labels()
    _legend_below(ax, handles[::-1], labels[::-1], ncols=1)  # this policy first
    return ax


@plot_function
def update_level_mix(ax: Axes, mix: pd.DataFrame) -> list:
    """Put the shares of ``mix`` into the bands drawn by :func:`plot_level_mix` on ``ax``.

    Returns the band artists (animated like before), for blitting. The bands keep their artists
    and only get new edges: cheaper than stacking them again.
    """
    bands = [c for c in ax.collections if c.get_gid() == "rel-mix"]
    edges = np.vstack([np.zeros(len(mix)), np.cumsum(mix.to_numpy().T, axis=0)])
    month = mix.index.to_numpy()
    for k, band in enumerate(bands):
        band.set_data(month, edges[k], edges[k + 1])
    return bands


@plot_function
def update_churn_satisfaction(ax: Axes, kpis: pd.DataFrame) -> list:
    """Put the curves of ``kpis`` into the lines drawn by :func:`plot_churn_satisfaction`; returns them."""
    lines = {line.get_gid(): line for line in ax.lines}
    lines["rel-churn"].set_ydata(kpis["cumulative_churn"].to_numpy())
    lines["rel-satisfied"].set_ydata(kpis["satisfied"].to_numpy())
    return [lines["rel-churn"], lines["rel-satisfied"]]


@plot_function
def update_cumulative_profit(ax: Axes, kpis: pd.DataFrame, without_care: pd.Series | None = None) -> list:
    """Put new values into the lines drawn by :func:`plot_cumulative_profit`; returns them."""
    lines = {line.get_gid(): line for line in ax.lines}
    changed = []
    baseline = _cumulative_millions(without_care)
    if "rel-profit-without" in lines and baseline is not None:
        lines["rel-profit-without"].set_ydata(baseline)
        changed.append(lines["rel-profit-without"])
    lines["rel-profit"].set_ydata(kpis["cumulative_profit"].to_numpy() / 1e6)
    return changed + [lines["rel-profit"]]


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
    _legend_below(ax, *ax.get_legend_handles_labels(), ncols=3, fontsize="small")
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
    _legend_below(ax, *ax.get_legend_handles_labels(), ncols=3, fontsize="small")
    return ax


__all__ = ["plot_churn_satisfaction", "plot_cumulative_profit", "plot_level_economics", "plot_level_mix",
           "plot_recovery_effect", "plot_stationary", "plot_transition_matrix", "update_churn_satisfaction",
           "update_cumulative_profit", "update_level_mix"]
