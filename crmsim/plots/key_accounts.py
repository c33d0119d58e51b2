"""Views of the key-account process: funnel, one opportunity's timeline, the
buying-centre map, forecast against actual, revenue against goal, win rates
and cycle time. Each takes the coded tables of :mod:`crmsim.key_accounts`
and an optional ``ax`` and returns the Axes; the texts are ``ka.plot.*``
(:mod:`crmsim.i18n.key_accounts`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import i18n
from ..display import labelled
from . import axes_or_new, legend_above, percent_axis, plot_function
from .blitting import legend_snapshot, y_axis_snapshot

_STAGE_COLOURS = ("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd")
_ROLE_COLOURS = {"decision_maker": "#c44e52", "influencer": "#4c72b0", "user": "#55a868", "gatekeeper": "#8172b2"}


def _bar_corners(position, length, start=0.0, thickness: float = 0.8, horizontal: bool = False) -> np.ndarray:
    """Corners of bars, shape (n, 4, 2), in data coordinates."""
    position = np.asarray(position, dtype=float)
    low = np.broadcast_to(np.asarray(start, dtype=float), position.shape)
    high = low + np.asarray(length, dtype=float)
    a, b = position - thickness / 2, position + thickness / 2
    corners = np.stack([np.stack(pair, 1) for pair in ((low, a), (high, a), (high, b), (low, b))], 1)
    return corners if horizontal else corners[:, :, ::-1]


def _bars(ax: Axes, position, length, start=0.0, thickness: float = 0.8, horizontal: bool = False,
          color="#4c72b0", label: str | None = None, animated: bool = False, gid: str | None = None) -> PolyCollection:
    """Bars as one collection: the dashboard redraws often, and one artist
    draws several times faster than a patch per bar."""
    bars = PolyCollection(_bar_corners(position, length, start, thickness, horizontal), facecolors=color,
                          edgecolors="none", label=label, animated=animated, gid=gid)
    ax.add_collection(bars)
    ax.autoscale_view()
    return bars


def _by_gid(ax: Axes) -> dict:
    """The artists of ``ax`` that carry a gid, by gid (texts as lists, in drawing order)."""
    found: dict = {}
    for artist in (*ax.collections, *ax.lines):
        if artist.get_gid():
            found[artist.get_gid()] = artist
    for text in ax.texts:
        if text.get_gid():
            found.setdefault(text.get_gid(), []).append(text)
    return found


def _animate_axes(ax: Axes, animated: bool) -> None:
    """Mark the y axis and the legend animated: in a dashboard that redraws only the data they are
    redrawn with them (as snapshots, :mod:`crmsim.plots.blitting`), so a new y range or a new
    legend entry costs no redraw of the whole figure."""
    if animated:
        ax.yaxis.set_animated(True)
        if ax.get_legend() is not None:
            ax.get_legend().set_animated(True)


def _snapshots(ax: Axes) -> list:
    """The snapshots of what :func:`_animate_axes` animated on ``ax``, to draw before the data."""
    shots = [y_axis_snapshot(ax)] if ax.yaxis.get_animated() else []
    if ax.get_legend() is not None and ax.get_legend().get_animated():
        shots.append(legend_snapshot(ax))
    return shots


def _set_ylim(ax: Axes, ylim: tuple[float, float] | None) -> None:
    if ylim is not None and tuple(ax.get_ylim()) != tuple(ylim):
        ax.set_ylim(*ylim)


def _fixed_positions(ax: Axes) -> None:
    """Pin the axis labels instead of letting matplotlib place them (titles
    are pinned by passing ``y=1.0`` to ``set_title``).

    Automatic placement measures every tick label on each draw, which is most
    of the time a dashboard redraw takes; fixed positions look the same here.
    """
    ax.xaxis.set_label_coords(0.5, -0.1)
    ax.yaxis.set_label_coords(-0.12, 0.5)


def _stage_labels(index) -> list[str]:
    return [i18n.t(f"ka.stage.{s}") for s in index]


def _month_ticks(ax: Axes, months: pd.Series) -> None:
    """About four month labels (``2026-01``) along the x axis."""
    labels = np.datetime_as_string(np.asarray(months, dtype="datetime64[M]"), unit="M").tolist()
    step = max(1, -(-len(labels) // 4))
    ax.set_xticks(range(0, len(labels), step), labels[::step])


def _funnel_labels(funnel: pd.DataFrame):
    entered = funnel["entered"].to_numpy(dtype=float)
    y = np.arange(len(entered))[::-1].astype(float)
    gap = 0.02 * max(entered.max(), 1.0)
    counts = [f"{int(n)} · {rate:.0%}" for n, rate in zip(entered, funnel["conversion"].fillna(0.0))]
    return entered, y, gap, counts


#: Size (points) of the funnel's stage names and counts: the size of the other panels' tick labels, legible
#: on a projector at the key-account dashboard's figure size (a third of 12 x 4 inches), where 9-point names
#: and 8-point counts were too small.
FUNNEL_FONTSIZE = 10.0
#: Legend text of the forecast and revenue panels (points): 8 pt was about 9 pixels on a 1024-pixel
#: screen, too small to read from the back of a classroom; 9 pt still fits three entries in one row.
PANEL_LEGEND_POINTS = 9.0


def _funnel_xlim(ax: Axes, entered: np.ndarray) -> None:
    """Room for the widest bar and the labels either side, at :data:`FUNNEL_FONTSIZE`: the names on the
    left ("Development" stays inside the figure), the counts on the right ("175 · 58%" ends clear of the
    next panel's axis labels on the dashboard). The axis has no ticks, so a new range changes nothing in
    a dashboard's background."""
    width = max(entered.max(), 1.0)
    ax.set_xlim(-width * 1.1, width * 0.95)


@plot_function
def plot_funnel(funnel: pd.DataFrame, ax: Axes | None = None, animated: bool = False) -> Axes:
    """Centred bars, one per stage, as wide as the opportunities entering it,
    with the count and the share that met the stage's key node.

    ``funnel`` is :func:`crmsim.key_accounts.funnel`. ``animated`` (default
    off: a plain figure) marks the bars and their labels animated, for
    dashboards that redraw only the data (:func:`update_funnel`).
    """
    ax = axes_or_new(ax)
    entered, y, gap, counts = _funnel_labels(funnel)
    _bars(ax, y, entered, start=-entered / 2, horizontal=True, color=_STAGE_COLOURS[:len(entered)],
          animated=animated, gid="ka-funnel-bars")
    for yi, n, count, label in zip(y, entered, counts, _stage_labels(funnel.index)):
        ax.text(-n / 2 - gap, yi, label, va="center", ha="right", fontsize=FUNNEL_FONTSIZE, animated=animated,
                gid="ka-funnel-stage")
        ax.text(n / 2 + gap, yi, count, va="center", fontsize=FUNNEL_FONTSIZE, animated=animated,
                gid="ka-funnel-count")
    _funnel_xlim(ax, entered)
    ax.set_ylim(-0.6, len(entered) - 0.4)
    ax.set_xticks([])
    ax.set_yticks([])
    _fixed_positions(ax)
    ax.set_xlabel(i18n.t("ka.plot.entered"))
    ax.set_title(i18n.t("ka.plot.funnel_title"), y=1.0)
    ax.xaxis.set_label_coords(0.5, -0.04)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    return ax


@plot_function
def update_funnel(ax: Axes, funnel: pd.DataFrame) -> list:
    """Put ``funnel`` into the bars and labels that :func:`plot_funnel` drew on
    ``ax`` (same stages; the x range follows the number of leads); returns them in drawing order."""
    artists = _by_gid(ax)
    entered, y, gap, counts = _funnel_labels(funnel)
    _funnel_xlim(ax, entered)
    bars = artists["ka-funnel-bars"]
    bars.set_verts(_bar_corners(y, entered, start=-entered / 2, horizontal=True))
    stages, numbers = artists["ka-funnel-stage"], artists["ka-funnel-count"]
    for yi, n, count, stage, number in zip(y, entered, counts, stages, numbers):
        stage.set_position((-n / 2 - gap, yi))
        number.set_position((n / 2 + gap, yi))
        number.set_text(count)
    return [bars, *stages, *numbers]


@plot_function
def plot_timeline(timeline: pd.DataFrame, opportunity_id: int, ax: Axes | None = None) -> Axes:
    """One opportunity's stages as bars over days since the lead; a tick for
    each key node met, a cross for one missed.

    ``timeline`` is :func:`crmsim.key_accounts.timeline`.
    """
    ax = axes_or_new(ax, (7.0, 3.2))
    start = timeline["entered"].iloc[0]
    left = (timeline["entered"] - start).dt.days.to_numpy()
    width = timeline["duration_days"].to_numpy()
    codes = timeline["stage"].cat.codes.to_numpy()
    y = len(timeline) - 1 - np.arange(len(timeline))
    ax.barh(y, width, left=left, color=[_STAGE_COLOURS[c] for c in codes], height=0.6)
    met = timeline["key_node_met"].to_numpy()
    ends = left + width
    ax.scatter(ends[met], y[met], marker="o", color="black", zorder=3, label=i18n.t("ka.plot.met"))
    if (~met).any():
        ax.scatter(ends[~met], y[~met], marker="x", color="red", s=60, zorder=3, label=i18n.t("ka.plot.missed"))
    labels = [f"{i18n.t(f'ka.stage.{s}')}\n{i18n.t(f'ka.key_node.{k}')}"
              for s, k in zip(timeline["stage"], timeline["key_node"])]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel(i18n.t("ka.plot.days_since_lead"))
    legend_above(ax, i18n.t("ka.plot.timeline_title", id=opportunity_id), fontsize=8)
    return ax


@plot_function
def plot_buying_centre(contacts: pd.DataFrame, account_name: str, ax: Axes | None = None) -> Axes:
    """Buying-centre map: each person by influence (x) and attitude to us (y),
    coloured by buying role, the coach ringed.

    ``contacts`` are the rows of the world's ``contacts`` table for one customer.
    """
    ax = axes_or_new(ax, (6.4, 4.4))
    name_column = f"name_{i18n.get_language()}"
    handles = []  # markers of one size: the dots' sizes show influence, which the x axis names
    for role, colour in _ROLE_COLOURS.items():
        rows = contacts[contacts["role"] == role]
        if len(rows):
            ax.scatter(rows["influence"], rows["attitude"], s=80 + 400 * rows["influence"], color=colour, alpha=0.8,
                       edgecolor="white")
            handles.append(Line2D([], [], linestyle="", marker="o", markersize=8, color=colour, alpha=0.8,
                                  label=i18n.t(f"role.{role}")))
    coaches = contacts[contacts["is_coach"]]
    if len(coaches):
        ax.scatter(coaches["influence"], coaches["attitude"], s=200 + 500 * coaches["influence"], facecolor="none",
                   edgecolor="black", linewidth=2)
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor="black", markeredgewidth=2, label=i18n.t("ka.plot.coach")))
    for _, person in contacts.iterrows():  # a handful of people: one label each, under the dot near the top
        high = person["attitude"] > 0.8
        ax.annotate(str(person[name_column]), (person["influence"], person["attitude"]),
                    xytext=(6, -8 if high else 6), va="top" if high else "baseline", textcoords="offset points",
                    fontsize=8)
    ax.axhline(0.0, color="grey", linewidth=0.8)
    ax.set_xlim(0.0, 1.05)
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel(i18n.t("ka.plot.influence"))
    ax.set_ylabel(i18n.t("ka.plot.attitude"))
    # People can stand anywhere on the map: the legend goes above it.
    legend_above(ax, i18n.t("ka.plot.centre_title", name=account_name), handles, [h.get_label() for h in handles],
                 fontsize=8)
    return ax


@plot_function
def plot_forecast(monthly: pd.DataFrame, ax: Axes | None = None, show_pipeline: bool = True,
                  animated: bool = False, ylim: tuple[float, float] | None = None) -> Axes:
    """At each month start: the open pipeline, its weighted forecast and what it was actually won for.

    ``monthly`` is :func:`crmsim.key_accounts.forecast_by_month`.
    ``show_pipeline`` (default True) draws the open pipeline as grey bars
    behind the lines; a small panel may leave them out. The legend sits
    above the plot, where it hides no data. ``animated`` (default off: a
    plain figure) marks the bars, the lines, the y axis and the legend
    animated, for dashboards that redraw only them (:func:`update_forecast`);
    they should then give the y range with ``ylim`` (CNY m; default: matplotlib's).
    """
    ax = axes_or_new(ax)
    x = np.arange(len(monthly))
    if show_pipeline:
        _bars(ax, x, monthly["pipeline"], color="#dddddd", label=i18n.t("ka.plot.pipeline"), animated=animated,
              gid="ka-pipeline")
    ax.plot(x, monthly["forecast"], marker="o", color="#4c72b0", label=i18n.t("ka.plot.forecast"),
            animated=animated, gid="ka-forecast")
    ax.plot(x, monthly["actual"], marker="s", color="#c44e52", label=i18n.t("ka.plot.actual"),
            animated=animated, gid="ka-actual")
    _month_ticks(ax, monthly["month"])
    _set_ylim(ax, ylim)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    _fixed_positions(ax)
    ax.set_ylabel(i18n.t("ka.plot.cny_m"))
    legend_above(ax, i18n.t("ka.plot.forecast_title"), fontsize=PANEL_LEGEND_POINTS)
    _animate_axes(ax, animated)
    return ax


@plot_function
def update_forecast(ax: Axes, monthly: pd.DataFrame, ylim: tuple[float, float] | None = None) -> list:
    """Put ``monthly`` (and the y range ``ylim``, CNY m) into the artists that :func:`plot_forecast`
    drew on ``ax`` (same months); returns them in drawing order, the snapshots of the y axis and
    the legend first (:mod:`crmsim.plots.blitting`)."""
    _set_ylim(ax, ylim)
    artists = _by_gid(ax)
    x = np.arange(len(monthly))
    changed = []
    if "ka-pipeline" in artists:
        artists["ka-pipeline"].set_verts(_bar_corners(x, monthly["pipeline"]))
        changed.append(artists["ka-pipeline"])
    for gid, column in (("ka-forecast", "forecast"), ("ka-actual", "actual")):
        artists[gid].set_data(x, monthly[column].to_numpy())
        changed.append(artists[gid])
    return _snapshots(ax) + changed


@plot_function
def plot_monthly_revenue(revenue: pd.DataFrame, yearly_goal: float | None = None, ax: Axes | None = None,
                         animated: bool = False, ylim: tuple[float, float] | None = None) -> Axes:
    """Revenue signed each month, the cumulative total and the cumulative goal.

    ``revenue`` is :func:`crmsim.key_accounts.monthly_revenue`; without a
    ``yearly_goal`` (CNY m, default None) no goal line is drawn. The legend
    sits above the plot, where it hides no data. ``animated`` (default off:
    a plain figure) marks the bars, the lines, the y axis and the legend
    animated, for dashboards that redraw only them
    (:func:`update_monthly_revenue`); they should then give the y range with
    ``ylim`` (CNY m; default from 0 to the data).
    """
    ax = axes_or_new(ax)
    x = np.arange(len(revenue))
    _bars(ax, x, revenue["revenue"], color="#55a868", label=i18n.t("ka.plot.revenue"), animated=animated,
          gid="ka-revenue")
    ax.plot(x, revenue["cumulative_revenue"], marker="o", color="#333333", label=i18n.t("ka.plot.cumulative"),
            animated=animated, gid="ka-cumulative")
    if yearly_goal is not None:
        _goal_line(ax, x, yearly_goal, animated)
    _month_ticks(ax, revenue["month"])
    if ylim is not None:
        _set_ylim(ax, ylim)
    else:
        ax.set_ylim(bottom=0.0)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    _fixed_positions(ax)
    ax.set_ylabel(i18n.t("ka.plot.cny_m"))
    _revenue_legend(ax)
    _animate_axes(ax, animated)
    return ax


def _goal_line(ax: Axes, x: np.ndarray, yearly_goal: float, animated: bool):
    return ax.plot(x, yearly_goal / 12.0 * (x + 1), linestyle="--", color="#c44e52", label=i18n.t("ka.plot.goal"),
                   animated=animated, gid="ka-goal")[0]


def _revenue_legend(ax: Axes) -> None:
    """The legend of what the revenue panel shows (the goal line only when it is shown), in one row."""
    shown = [a for a in (*ax.collections, *ax.lines) if a.get_visible() and a.get_label()[:1] != "_"]
    legend_above(ax, i18n.t("ka.plot.revenue_title"), shown, [a.get_label() for a in shown], ncols=3,
                 fontsize=PANEL_LEGEND_POINTS)


@plot_function
def update_monthly_revenue(ax: Axes, revenue: pd.DataFrame, yearly_goal: float | None = None,
                           ylim: tuple[float, float] | None = None) -> list:
    """Put ``revenue``, the goal (drawn, or hidden for None) and the y range ``ylim`` (CNY m) into
    the artists that :func:`plot_monthly_revenue` drew on ``ax`` (same months); returns them in
    drawing order, the snapshots of the y axis and the legend first (:mod:`crmsim.plots.blitting`)."""
    _set_ylim(ax, ylim)
    artists = _by_gid(ax)
    x = np.arange(len(revenue))
    artists["ka-revenue"].set_verts(_bar_corners(x, revenue["revenue"]))
    artists["ka-cumulative"].set_data(x, revenue["cumulative_revenue"].to_numpy())
    changed = [artists["ka-revenue"], artists["ka-cumulative"]]
    goal = artists.get("ka-goal")
    had_goal = goal is not None and goal.get_visible()
    if yearly_goal is not None:
        if goal is None:
            goal = _goal_line(ax, x, yearly_goal, animated=artists["ka-revenue"].get_animated())
        goal.set_data(x, yearly_goal / 12.0 * (x + 1))
        goal.set_visible(True)
        changed.append(goal)
    elif goal is not None:
        goal.set_visible(False)
    if had_goal != (yearly_goal is not None):  # another rep, with or without a goal: another legend
        animated = ax.get_legend().get_animated()
        _revenue_legend(ax)
        _animate_axes(ax, animated)
    return _snapshots(ax) + changed


@plot_function
def plot_win_rates(rates: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Win rate of each group of :func:`crmsim.key_accounts.win_rates`."""
    ax = axes_or_new(ax)
    shown = labelled(rates, "key_accounts")
    ax.bar(range(len(rates)), rates["win_rate"].fillna(0.0), color="#4c72b0")
    ax.set_xticks(range(len(rates)), shown.index)
    percent_axis(ax)
    ax.set_ylabel(i18n.t("ka.plot.win_rate"))
    ax.set_title(i18n.t("ka.plot.win_rate_title", by=shown.index.name), y=1.0)
    return ax


@plot_function
def plot_cycle_time(cycle: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Median and 90th-percentile days per stage (:func:`crmsim.key_accounts.cycle_time`)."""
    ax = axes_or_new(ax)
    x = np.arange(len(cycle))
    ax.bar(x - 0.2, cycle["median_days"], width=0.4, color="#4c72b0", label=i18n.t("ka.plot.median"))
    ax.bar(x + 0.2, cycle["p90_days"], width=0.4, color="#a6bddb", label=i18n.t("ka.plot.p90"))
    ax.set_xticks(x, _stage_labels(cycle.index), rotation=20)
    ax.set_ylabel(i18n.t("ka.plot.days"))
    legend_above(ax, i18n.t("ka.plot.cycle_title"), fontsize=8)  # over the bars it hides the early stages
    return ax


__all__ = ["plot_buying_centre", "plot_cycle_time", "plot_forecast", "plot_funnel", "plot_monthly_revenue",
           "plot_timeline", "plot_win_rates", "update_forecast", "update_funnel", "update_monthly_revenue"]
