"""Plots of a role play: how each person's attitude moved, and where the time went.

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
    ax.legend(fontsize="small", loc="lower right")
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
