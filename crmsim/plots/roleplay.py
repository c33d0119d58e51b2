"""Plots of a role play: how each person's attitude moved, where the time went, and the buying-centre map.

The functions draw the tables of a :class:`crmsim.roleplay.RoleplayRun`; they
compute nothing of their own. Their text is in :mod:`crmsim.i18n.roleplay`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from .. import i18n
from ..roleplay import RoleplayRun
from . import axes_or_new, percent_axis, plot_function


def _person_labels(run: RoleplayRun) -> list[str]:
    """Each person as "name (role)", in the current language (full-width brackets in Chinese)."""
    people = run.scenario.people
    names = people["name_zh" if i18n.get_language() == "zh" else "name_en"].astype(str)
    return [i18n.t("rp.widget.person", name=name, role=i18n.t("role." + str(role)))
            for name, role in zip(names, people["role"].astype(str))]


def _attitude_path(run: RoleplayRun) -> np.ndarray:
    """Everyone's attitude at the start and after each round played: rounds played + 1 rows, one column per person."""
    people = run.scenario.people
    start = people["attitude"].to_numpy()
    after = run.rounds.pivot(index="round", columns="contact_id", values="attitude_after") \
        .reindex(columns=people["contact_id"]).to_numpy() if len(run.rounds) else np.empty((0, len(people)))
    return np.vstack([start, after])


@plot_function
def plot_attitudes(run: RoleplayRun, ax: Axes | None = None, *, animated: bool = False) -> Axes:
    """One line per person: attitude at the start and after each round played.

    ``animated=True`` makes the lines animated artists for a blitting console (see :func:`update_attitudes`).
    """
    ax = axes_or_new(ax)
    path = _attitude_path(run)
    for column, label in enumerate(_person_labels(run)):
        ax.plot(np.arange(len(path)), path[:, column], marker="o", label=label, animated=animated)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.set_xlim(-0.2, len(run.scenario.rounds) + 0.2)  # the same axes whatever the rounds played
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(np.arange(len(run.scenario.rounds) + 1))
    ax.set_xlabel(i18n.t("rp.plot.round"))
    ax.set_ylabel(i18n.t("rp.plot.attitude"))
    ax.set_title(i18n.t("rp.plot.attitudes.title"))
    # Beside the axes, not on them: a legend inside hid late rounds of the lines it names.
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    return ax


def update_attitudes(ax: Axes, run: RoleplayRun) -> list[Artist]:
    """Put ``run``'s attitudes into the lines of :func:`plot_attitudes` (same scenario); return them."""
    path = _attitude_path(run)
    lines = ax.lines[:path.shape[1]]
    for column, line in enumerate(lines):
        line.set_data(np.arange(len(path)), path[:, column])
    return list(lines)


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
#: Right end of the map's influence axis: room beside a marker of influence 1.
MAP_XMAX = 1.15
#: Type size of the names on the map (points).
MAP_NAME_PT = 8.0


#: Where a name may go, in order of preference: right of its marker, left, above, below.
_NAME_SIDES = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
               (0, -1, "center", "top"))


def _text_width_pt(text: str, size: float) -> float:
    """Rough width of ``text`` in points: a CJK glyph is one em, a Latin one about 0.6 em."""
    return size * sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def _overlap(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _place_names(ax: Axes, influence: np.ndarray, attitude: np.ndarray, names: list) -> None:
    """Put each name on the side of its marker where it covers the least of the names placed before it,
    the other markers and the space outside the axes (where it would run into the next plot).

    Positions are estimated in points from the axes' size, without drawing, so a blitting console can
    place the names again after every round at no cost.
    """
    position = ax.get_position()
    width = position.width * ax.figure.get_figwidth() * 72
    height = position.height * ax.figure.get_figheight() * 72
    low, high = ax.get_ylim()
    x = influence / MAP_XMAX * width
    y = (attitude - low) / (high - low) * height
    radius = np.sqrt(MAP_MARKER_AREA * influence / np.pi)
    markers = [(x[i] - radius[i], y[i] - radius[i], x[i] + radius[i], y[i] + radius[i]) for i in range(len(x))]
    inside, placed = (0.0, 0.0, width, height), []
    for i, name in enumerate(names):
        w, h = _text_width_pt(name.get_text(), MAP_NAME_PT) + 4, MAP_NAME_PT * 1.5
        gap = radius[i] + 3
        best = None
        for rank, (dx, dy, ha, va) in enumerate(_NAME_SIDES):
            left = x[i] + dx * gap - (w if dx < 0 else w / 2 if dx == 0 else 0)
            bottom = y[i] + dy * gap - (h if dy < 0 else h / 2 if dy == 0 else 0)
            box = (left, bottom, left + w, bottom + h)
            cost = (3 * sum(_overlap(box, other) for other in placed)
                    + sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
                    + 5 * (w * h - _overlap(box, inside)) + rank)  # ties go to the preferred side
            if best is None or cost < best[0]:
                best = (cost, box, (dx * gap, dy * gap), ha, va)
        _, box, offset, ha, va = best
        placed.append(box)
        name.xyann = offset
        name.set_horizontalalignment(ha)
        name.set_verticalalignment(va)


def _map_state(run: RoleplayRun) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each person's influence, attitude at the start and now, and marker colour (green for, red against)."""
    people = run.scenario.people
    start = people["attitude"].to_numpy(dtype=float)
    now = run.rounds.groupby("contact_id")["attitude_after"].last().reindex(people["contact_id"]).to_numpy() \
        if len(run.rounds) else start
    colours = np.where(now >= 0.2, "tab:green", np.where(now <= -0.2, "tab:red", "tab:gray"))
    return people["influence"].to_numpy(dtype=float), start, now, colours


@plot_function
def plot_buying_centre(run: RoleplayRun, ax: Axes | None = None, *, animated: bool = False) -> Axes:
    """The buying-centre map: each person at their influence and attitude, an arrow from the start to now.

    Markers grow with influence; the coach is a star. The attitudes are
    those after the rounds played so far (the start when none is).
    ``animated=True`` makes the arrows, markers and names animated artists
    for a blitting console (see :func:`update_buying_centre`).
    """
    ax = axes_or_new(ax)
    influence, start, now, colours = _map_state(run)
    coach = run.scenario.people["is_coach"].to_numpy(dtype=bool)
    ax.set_xlim(0.0, MAP_XMAX)
    names = []
    for i, label in enumerate(_person_labels(run)):
        arrow = ax.annotate("", xy=(influence[i], now[i]), xytext=(influence[i], start[i]),
                            arrowprops={"arrowstyle": "->", "color": "0.5"}, animated=animated)
        arrow.set_visible(bool(start[i] != now[i]))
        arrow.set_gid(f"arrow-{i}")
        ax.scatter(influence[i], now[i], s=MAP_MARKER_AREA * influence[i], c=colours[i], alpha=0.8,
                   marker="*" if coach[i] else "o", edgecolors="k", linewidths=0.5, zorder=3, animated=animated)
        text = label + (f" · {i18n.t('rp.plot.map.coach')}" if coach[i] else "")
        # Placed by _name_places; a light box keeps a name legible where it still crosses a marker.
        name = ax.annotate(text, (influence[i], now[i]), xytext=(0, 0), textcoords="offset points",
                           fontsize=MAP_NAME_PT, animated=animated,
                           bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.6, "linewidth": 0})
        name.set_gid(f"name-{i}")
        names.append(name)
    _place_names(ax, influence, now, names)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(i18n.t("rp.plot.map.influence"))
    ax.set_ylabel(i18n.t("rp.plot.attitude"))
    ax.set_title(i18n.t("rp.plot.map.title"))
    return ax


def update_buying_centre(ax: Axes, run: RoleplayRun) -> list[Artist]:
    """Move the arrows, markers and names of :func:`plot_buying_centre` (same scenario) to ``run``; return them."""
    influence, start, now, colours = _map_state(run)
    texts = {text.get_gid(): text for text in ax.texts}
    arrows, names = [texts[f"arrow-{i}"] for i in range(len(now))], [texts[f"name-{i}"] for i in range(len(now))]
    markers = list(ax.collections[:len(now)])
    for i in range(len(now)):
        arrows[i].xy = (influence[i], now[i])
        arrows[i].set_visible(bool(start[i] != now[i]))
        markers[i].set_offsets([[influence[i], now[i]]])
        markers[i].set_facecolor(colours[i])
        names[i].xy = (influence[i], now[i])
    _place_names(ax, influence, now, names)
    return [*arrows, *markers, *names]


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
