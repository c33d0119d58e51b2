"""Plots of a role play: how each person's attitude moved, where the time went, and the buying-centre map.

The functions draw the tables of a :class:`crmsim.roleplay.RoleplayRun`; they
compute nothing of their own. Their text is in :mod:`crmsim.i18n.roleplay`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import i18n
from ..roleplay import RoleplayRun
from . import axes_or_new, percent_axis, plot_function


def _person_labels(run: RoleplayRun) -> list[str]:
    """Each person as "name (role)", in the current language."""
    people = run.scenario.people
    names = people["name_zh" if i18n.get_language() == "zh" else "name_en"].astype(str)
    return [f"{name} ({i18n.t('role.' + str(role))})" for name, role in zip(names, people["role"].astype(str))]


@plot_function
def plot_attitudes(run: RoleplayRun, ax: Axes | None = None) -> Axes:
    """One line per person: attitude at the start and after each round played."""
    ax = axes_or_new(ax)
    people = run.scenario.people
    start = people["attitude"].to_numpy()
    after = run.rounds.pivot(index="round", columns="contact_id", values="attitude_after") \
        .reindex(columns=people["contact_id"]).to_numpy() if len(run.rounds) else np.empty((0, len(people)))
    path = np.vstack([start, after])
    for column, label in enumerate(_person_labels(run)):
        ax.plot(np.arange(len(path)), path[:, column], marker="o", label=label)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(np.arange(len(run.scenario.rounds) + 1))
    ax.set_xlabel(i18n.t("rp.plot.round"))
    ax.set_ylabel(i18n.t("rp.plot.attitude"))
    ax.set_title(i18n.t("rp.plot.attitudes.title"))
    # Beside the axes, not on them: a legend inside hid late rounds of the lines it names.
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return ax


@plot_function
def plot_effort(run: RoleplayRun, ax: Axes | None = None) -> Axes:
    """Bars of each person's share of the team's hours next to their share of the influence."""
    ax = axes_or_new(ax)
    people = run.scenario.people
    hours = run.moves.groupby("contact_id")["hours"].sum().reindex(people["contact_id"], fill_value=0.0).to_numpy()
    influence = people["influence"].to_numpy()
    x = np.arange(len(people))
    ax.bar(x - 0.2, hours / hours.sum() if hours.sum() > 0 else hours, width=0.4, label=i18n.t("rp.plot.effort.hours"))
    ax.bar(x + 0.2, influence / influence.sum(), width=0.4, label=i18n.t("rp.plot.effort.influence"))
    ax.set_xticks(x, _person_labels(run), rotation=20, ha="right", fontsize="small")
    percent_axis(ax)
    ax.set_title(i18n.t("rp.plot.effort.title"))
    ax.legend(fontsize="small")
    return ax


#: Marker area of a person of influence 1 on the buying-centre map (points squared).
MAP_MARKER_AREA = 900.0


@plot_function
def plot_buying_centre(run: RoleplayRun, ax: Axes | None = None) -> Axes:
    """The buying-centre map: each person at their influence and attitude, an arrow from the start to now.

    Markers grow with influence; the coach is a star. The attitudes are
    those after the rounds played so far (the start when none is).
    """
    ax = axes_or_new(ax)
    people = run.scenario.people
    start = people["attitude"].to_numpy(dtype=float)
    now = run.rounds.groupby("contact_id")["attitude_after"].last().reindex(people["contact_id"]).to_numpy() \
        if len(run.rounds) else start
    influence = people["influence"].to_numpy(dtype=float)
    coach = people["is_coach"].to_numpy(dtype=bool)
    colours = np.where(now >= 0.2, "tab:green", np.where(now <= -0.2, "tab:red", "tab:gray"))
    for i, label in enumerate(_person_labels(run)):
        if start[i] != now[i]:
            ax.annotate("", xy=(influence[i], now[i]), xytext=(influence[i], start[i]),
                        arrowprops={"arrowstyle": "->", "color": "0.5"})
        ax.scatter(influence[i], now[i], s=MAP_MARKER_AREA * influence[i], c=colours[i], alpha=0.8,
                   marker="*" if coach[i] else "o", edgecolors="k", linewidths=0.5, zorder=3)
        text = label + (f" · {i18n.t('rp.plot.map.coach')}" if coach[i] else "")
        ax.annotate(text, (influence[i], now[i]), xytext=(8, 6), textcoords="offset points", fontsize="small")
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.set_xlim(0.0, 1.15)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(i18n.t("rp.plot.map.influence"))
    ax.set_ylabel(i18n.t("rp.plot.attitude"))
    ax.set_title(i18n.t("rp.plot.map.title"))
    return ax


@plot_function
def plot_scorecard(card, ax: Axes | None = None) -> Axes:
    """Grouped bars of the ranked measures of a class :func:`~crmsim.roleplay.scorecard`, one group per team."""
    from ..roleplay import RANKED_MEASURES

    ax = axes_or_new(ax)
    x = np.arange(len(card))
    width = 0.8 / len(RANKED_MEASURES)
    for k, measure in enumerate(RANKED_MEASURES):
        ax.bar(x + (k - (len(RANKED_MEASURES) - 1) / 2) * width, card[measure].to_numpy(dtype=float), width=width,
               label=i18n.t(f"rp.col.{measure}"))
    names = [i18n.t(f"rp.team.{team}") if i18n.has(f"rp.team.{team}") else str(team) for team in card["team"]]
    ax.set_xticks(x, [f"{rank}. {name}" for rank, name in zip(card["rank"], names)])
    ax.set_ylim(0.0, 1.05)
    ax.set_ylabel(i18n.t("rp.plot.scores.value"))
    ax.set_title(i18n.t("rp.plot.scores.title"))
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return ax
