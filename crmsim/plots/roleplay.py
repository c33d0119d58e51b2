"""Plots of a role play: how each person's attitude moved, and where the time went.

The functions draw :class:`crmsim.roleplay.PlayResult` tables; they compute
nothing of their own.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from .. import i18n
from ..roleplay import PlayResult
from . import axes_or_new, percent_axis, plot_function

i18n.register({
    "plot.rp.attitudes.title": ("Attitude towards us, round by round", "各回合对我方的态度"),
    "plot.rp.round": ("Round (0 = start)", "回合（0为开始时）"),
    "plot.rp.attitude": ("Attitude (-1 against, +1 for)", "态度（-1反对，+1支持）"),
    "plot.rp.effort.title": ("Where the time went", "时间花在了谁身上"),
    "plot.rp.effort.hours": ("Share of the team's hours", "占团队时间的比例"),
    "plot.rp.effort.influence": ("Share of the influence", "占影响力的比例"),
})


def _person_labels(result: PlayResult) -> list[str]:
    people = result.scenario.people
    names = people["name_zh" if i18n.get_language() == "zh" else "name_en"].astype(str)
    return [f"{name} ({i18n.t('role.' + str(role))})" for name, role in zip(names, people["role"].astype(str))]


@plot_function
def plot_attitudes(result: PlayResult, ax: Axes | None = None) -> Axes:
    """One line per person: attitude at the start and after each round played."""
    ax = axes_or_new(ax)
    people = result.scenario.people
    start = people["attitude"].to_numpy()
    after = result.rounds.pivot(index="round", columns="contact_id", values="attitude_after") \
        .reindex(columns=people["contact_id"]).to_numpy() if len(result.rounds) else np.empty((0, len(people)))
    path = np.vstack([start, after])
    for column, label in enumerate(_person_labels(result)):
        ax.plot(np.arange(len(path)), path[:, column], marker="o", label=label)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(np.arange(len(result.scenario.rounds) + 1))
    ax.set_xlabel(i18n.t("plot.rp.round"))
    ax.set_ylabel(i18n.t("plot.rp.attitude"))
    ax.set_title(i18n.t("plot.rp.attitudes.title"))
    ax.legend(fontsize="small", loc="lower right")
    return ax


@plot_function
def plot_effort(result: PlayResult, ax: Axes | None = None) -> Axes:
    """Bars of each person's share of the team's hours next to their share of the influence."""
    ax = axes_or_new(ax)
    people = result.scenario.people
    hours = result.moves.groupby("contact_id")["hours"].sum().reindex(people["contact_id"], fill_value=0.0).to_numpy()
    influence = people["influence"].to_numpy()
    x = np.arange(len(people))
    ax.bar(x - 0.2, hours / hours.sum() if hours.sum() > 0 else hours, width=0.4, label=i18n.t("plot.rp.effort.hours"))
    ax.bar(x + 0.2, influence / influence.sum(), width=0.4, label=i18n.t("plot.rp.effort.influence"))
    ax.set_xticks(x, _person_labels(result), rotation=20, ha="right", fontsize="small")
    percent_axis(ax)
    ax.set_title(i18n.t("plot.rp.effort.title"))
    ax.legend(fontsize="small")
    return ax
