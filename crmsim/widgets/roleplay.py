"""The role-play console: a trainer runs the play in class without writing code.

Choose the account (a seed, a shipped scenario file or your own); "Role
cards" shows its cards, to download as PDF or HTML and print. Then for
each round and each person pick an approach and the hours (the sliders never
let a round's hours exceed its budget), and press "Play round". The figure
shows the buying-centre map (influence, attitude, the coach) and everyone's
attitude round by round; "Undo last round" takes a round back. With
several tables (the "Tables" control, or ``tables=N``) several teams play the
same account, each with its own moves; "Table" picks the one being entered,
and the class scorecard under the figure pools them. Every label and every
rule message is in the language that was current when the console was made.

It is one ``ipywidgets.VBox`` (``console.widget``), so Voilà can render it;
pytest drives it without a kernel: set ``console.approach[contact_id].value``
and ``console.hours[contact_id].value`` and call ``console.play_button.click()``.
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Hashable
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import i18n
from ..fonts import cjk_fonts
from ..plots import roleplay as rpplots
from ..roleplay import (APPROACHES, ROUNDS, RoleplayRun, RuleError, Scenario, buyer_view, cards_html, cards_pdf,
                        check_moves, default_scenario, load_scenario, load_workshop, make_scenario, play_tables,
                        save_workshop, scorecard, sheet, shipped_scenarios, shown_buyers, shown_scorecard,
                        table_names)
from ..validation import check_int
from ..world import World, check_world
from . import STYLE, Dashboard, dropdown_layout, slider_layout

#: The account choice that draws the account from the seed, and the one of a scenario given to the console.
FROM_SEED, GIVEN = "seed", "given"
#: Step of the hours sliders: half an hour, as the textbook team plans.
HOURS_STEP = 0.5
#: Styles of the console's tables: cells keep their text on one line (narrow columns broke Chinese words and
#: "SPIN提问" in two at 1024 px), headers wrap only between words (keep-all: not inside a Chinese word), and a
#: table wider than the console scrolls inside its box. The box can only be narrower than its table if the
#: HTML widget's content may shrink: as a flex item it is otherwise as wide as the table (``min-width: auto``),
#: and the table's last column was cut off at the page's edge instead of scrolling.
TABLE_CSS = (".crmsim-rp-sheet > .widget-html-content { min-width: 0; } "
             ".crmsim-rp-wide { overflow-x: auto; max-width: 100%; } "
             ".crmsim-rp-wide td { white-space: nowrap; padding: 2px 6px; } "
             ".crmsim-rp-wide th { padding: 2px 6px; vertical-align: bottom; text-align: left; word-break: keep-all; }")
#: CSS class of the console's HTML widgets that show a table (the scorecard and what each buyer got).
SHEET_CLASS = "crmsim-rp-sheet"
#: Size (inches) of the class debrief's ranking chart.
DEBRIEF_FIGSIZE = (10.0, 3.4)
#: Most tables one console runs: a class of 30 at five or six tables, with room to spare.
MAX_TABLES = 10


class RolePlayConsole(Dashboard):
    """Run the role play round by round at one or several tables.

    Parameters
    ----------
    world : World, optional
        The market whose key accounts a seed chooses from; by default the
        course's role-play world (:func:`crmsim.roleplay.default_scenario`).
    seed : int
        The first account shown (when no ``scenario`` is given).
    scenario : Scenario or path, optional
        A scenario, or a scenario file (``.toml``) or shipped example's name.
    tables : int
        Teams playing the same account in parallel (1 to :data:`MAX_TABLES`)
        at the start; the trainer changes it with the "Tables" control. A
        table taken away keeps its moves until the account changes, so
        adding it back restores its play.

    Attributes
    ----------
    approach, hours : dict of contact id -> widget
        This round's approach dropdown and hours slider of each person.
    play_button, undo_button : ipywidgets.Button
    message : ipywidgets.HTML
        What the last action did, or why a move was refused.
    debrief : ipywidgets.HTML
        The class scorecard of every table that has played.
    cards_button : ipywidgets.ToggleButton
        Opens the account's role cards (``cards``): shown on the page, with
        links to download them as PDF and as HTML to print.
    debrief_button : ipywidgets.ToggleButton
        Opens the class debrief (``debrief_panel``): the ranking chart
        (``debrief_image``) and what each buyer got from each team's deal,
        the textbook team's included (``debrief_buyers``).
    """

    figsize = (11.0, 4.2)
    css_class = "crmsim-roleplay-console"

    def __init__(self, world: World | None = None, *, seed: int = 0, scenario: Scenario | str | os.PathLike | None = None,
                 tables: int = 1) -> None:
        self.world = None if world is None else check_world(world)
        self.first_seed = check_int("seed", seed, minimum=0)
        self.tables = table_names(check_int("tables", tables, minimum=1, maximum=MAX_TABLES))
        if scenario is not None and not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        self.given = scenario
        self.language = i18n.get_language()
        self.scenario: Scenario | None = None
        self.moves: dict[str, list[pd.DataFrame]] = {team: [] for team in self.tables}
        # Each team's run, kept with the rounds it was played from: only the table that moved is replayed.
        self._runs: dict[str, tuple[tuple[pd.DataFrame, ...], RoleplayRun]] = {}
        self._account_key = None
        self._quiet = False
        self._adjusting = False
        self.approach: dict[int, widgets.Dropdown] = {}
        self.hours: dict[int, widgets.FloatSlider] = {}
        self.people_box = widgets.VBox()
        self.round_label = widgets.HTML()
        self.hours_left = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("crmsim-message")
        self.play_button = widgets.Button(description=self.t("rp.widget.play"), button_style="primary")
        self.undo_button = widgets.Button(description=self.t("rp.widget.undo"))
        self.play_button.on_click(lambda _button: self.play_round())
        self.undo_button.on_click(lambda _button: self.undo())
        self.debrief = widgets.HTML()
        self.debrief.add_class("crmsim-rp-scorecard")
        self.debrief.add_class(SHEET_CLASS)
        self.debrief_button = widgets.ToggleButton(value=False, description=self.t("rp.widget.debrief"),
                                                   layout=widgets.Layout(width="auto"))
        self.debrief_image = widgets.Image(format="png")
        self.debrief_buyers = widgets.HTML()
        self.debrief_buyers.add_class(SHEET_CLASS)
        self.debrief_panel = widgets.VBox([self.debrief_image, self.debrief_buyers],
                                          layout=widgets.Layout(display="none"))
        self.debrief_panel.add_class("crmsim-class-debrief")
        self.debrief_button.observe(lambda _change: self._show_debrief(), names="value")
        self.cards_button = widgets.ToggleButton(value=False, description=self.t("rp.widget.cards"),
                                                 layout=widgets.Layout(width="auto"))
        self.cards = widgets.HTML(layout=widgets.Layout(display="none", width="100%"))
        self.cards.add_class("crmsim-role-cards")
        self.cards_button.observe(lambda _change: self._show_cards(), names="value")
        self._cards_of = None
        super().__init__()
        # Classes for browser tests and page styles.
        self.controls["tables"].add_class("crmsim-rp-tables")
        self.controls["table"].add_class("crmsim-rp-table")
        self.widget.children = (*self.widget.children,
                                widgets.VBox([self.debrief, widgets.HBox([self.debrief_button]), self.debrief_panel]))

    def t(self, key: str, **fields: object) -> str:
        return i18n.t(key, self.language, **fields)

    # --- Dashboard -------------------------------------------------------------
    def build_controls(self) -> dict[str, widgets.Widget]:
        options = [(self.t("rp.widget.from_seed"), FROM_SEED)] + [(name, name) for name in shipped_scenarios()]
        if self.given is not None:
            options.insert(0, (str(self.given.customer["name_zh" if self.language == "zh" else "name_en"]), GIVEN))
        team_options = self._team_options()
        table_label, tables_label = self.t("rp.widget.table"), self.t("rp.widget.tables")
        account_label = self.t("rp.widget.account")
        return {"source": widgets.Dropdown(options=options, value=options[0][1], description=account_label,
                                           style=STYLE, layout=dropdown_layout(account_label, [o[0] for o in options])),
                "seed": widgets.BoundedIntText(value=self.first_seed, min=0, max=2**31 - 1, style=STYLE,
                                               description=self.t("rp.widget.seed"),
                                               layout=widgets.Layout(width="14em")),
                "tables": widgets.Dropdown(options=list(range(1, MAX_TABLES + 1)), value=len(self.tables),
                                           description=tables_label, style=STYLE,
                                           layout=dropdown_layout(tables_label, [str(MAX_TABLES)])),
                "table": widgets.Dropdown(options=team_options, value=self.tables[0], description=table_label,
                                          style=STYLE, layout=self._table_layout())}

    def _team_options(self) -> list[tuple[str, str]]:
        return [(self.t(f"rp.team.{team}"), team) for team in self.tables]

    def _table_layout(self) -> widgets.Layout:
        """The table chooser: as wide as the longest team name, shown only when there is more than one table."""
        layout = dropdown_layout(self.t("rp.widget.table"), [label for label, _ in self._team_options()])
        layout.display = "flex" if len(self.tables) > 1 else "none"
        return layout

    def _set_tables(self, count: int) -> None:
        """Play at ``count`` tables: new ones start with no rounds, the table chooser lists them all."""
        self.tables = table_names(count)
        for team in self.tables:
            self.moves.setdefault(team, [])
        chooser = self.controls["table"]
        current = chooser.value if chooser.value in self.tables else self.tables[0]
        self._quiet = True  # the chooser's new options are not a change of table to recompute for
        try:
            chooser.options = self._team_options()
            chooser.value = current
            chooser.layout = self._table_layout()
        finally:
            self._quiet = False

    def _on_change(self, change: dict) -> None:
        if not self._quiet:
            super()._on_change(change)

    def layout_controls(self) -> widgets.Widget:
        top = widgets.HBox([*self.controls.values(), self.cards_button], layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([top, self.cards, self.round_label, self.people_box, self.hours_left,
                             widgets.HBox([self.play_button, self.undo_button]), self.message])

    def compute(self, source: str, seed: int, tables: int, table: str) -> dict[str, Any]:
        key = (source, seed if source == FROM_SEED else None)
        if key != self._account_key:
            self._new_account(self._scenario_of(source, seed))
            self._account_key = key
        if tables != len(self.tables):
            self._set_tables(tables)
            table = self.controls["table"].value
        runs = {team: self._run_of(team) for team in self.tables}
        self._refresh_round(table)
        return {"scenario": self.scenario, "runs": runs, "team": table, "run": runs[table]}

    def _run_of(self, team: str) -> RoleplayRun:
        """The team's play so far, replayed only when its rounds changed (a round played or undone)."""
        played = tuple(self.moves[team])  # the round frames themselves: compared by identity, never reused
        cached = self._runs.get(team)
        if cached is None or len(cached[0]) != len(played) or any(a is not b for a, b in zip(cached[0], played)):
            run = play_tables(self.scenario, {team: self._moves_of(team)}, language=self.language)[team]
            self._runs[team] = cached = (played, run)
        return cached[1]

    def background_key(self, result: dict[str, Any]) -> Hashable:
        """Axes, names, ticks and legend depend on the account alone: a round or a change of table redraws the data."""
        return self._account_key

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        # Room on the left for the map's tick labels and its two-line-high Chinese y label (0.06 clipped it).
        figure.subplots_adjust(left=0.085, right=0.76, bottom=0.13, top=0.9, wspace=0.3)
        left, right = figure.subplots(1, 2)
        rpplots.plot_buying_centre(result["run"], ax=left, animated=True)
        rpplots.plot_attitudes(result["run"], ax=right, animated=True)

    def update_artists(self, result: dict[str, Any], figure: Figure) -> list:
        left, right = figure.axes
        return [*rpplots.update_buying_centre(left, result["run"]), *rpplots.update_attitudes(right, result["run"])]

    def summarise(self, result: dict[str, Any]) -> str:
        outcome = result["run"].outcome
        team = self.t(f"rp.team.{result['team']}")
        self._debrief(result["runs"])
        colon = "：" if self.language == "zh" else ": "
        return f"<b>{team}</b>{colon}" + self.t("rp.widget.status", win=outcome["win_probability"],
                                          margin=outcome["margin"], health=outcome["account_health"])

    # --- the account and the rounds ------------------------------------------------
    def _scenario_of(self, source: str, seed: int) -> Scenario:
        if source == GIVEN:
            return self.given
        if source != FROM_SEED:
            return load_scenario(source)
        return default_scenario(seed) if self.world is None else make_scenario(self.world, seed=seed)

    def _new_account(self, scenario: Scenario) -> None:
        """Start every table afresh on ``scenario`` and make one row of controls per person."""
        self.scenario = scenario
        self.moves = {team: [] for team in self.tables}
        self._runs = {}
        if self.cards_button.value:
            self._show_cards()
        people = scenario.people
        names = people["name_zh" if self.language == "zh" else "name_en"].astype(str)
        self.approach, self.hours, rows = {}, {}, []
        for contact_id, name, role, coach in zip(people["contact_id"].astype(int), names, people["role"].astype(str),
                                                 people["is_coach"]):
            options = [(self.t("rp.approach.none"), "none")] + [
                (self.t(f"rp.approach.{a}"), a) for a in APPROACHES if a != "ask_coach" or coach]
            label = widgets.HTML(self.t("rp.widget.person", name=name, role=self.t(f"role.{role}")),
                                 layout=widgets.Layout(width="16em"))
            approach = widgets.Dropdown(options=options, value="none", layout=widgets.Layout(width="14em"))
            hours = widgets.FloatSlider(value=0.0, min=0.0, max=scenario.hours_per_round, step=HOURS_STEP,
                                        description=self.t("rp.widget.hours"), readout_format=".1f", style=STYLE,
                                        layout=slider_layout(self.t("rp.widget.hours")))
            approach.observe(lambda change, h=hours: self._approach_changed(change, h), names="value")
            hours.observe(lambda _change: self._respect_budget(), names="value")
            self.approach[contact_id], self.hours[contact_id] = approach, hours
            row = widgets.HBox([label, approach, hours])
            row.add_class("crmsim-rp-person")
            rows.append(row)
        self.people_box.children = tuple(rows)
        self.message.value = ""

    def _moves_of(self, team: str) -> pd.DataFrame:
        rounds = self.moves[team]
        return pd.concat(rounds, ignore_index=True) if rounds else check_moves(self.scenario, [])

    def _approach_changed(self, change: dict, hours: widgets.FloatSlider) -> None:
        if change["new"] == "none":
            hours.value = 0.0

    def _respect_budget(self) -> None:
        """Each slider may go up to what the others leave of the round's budget."""
        if self._adjusting:
            return
        self._adjusting = True
        try:
            budget = self.scenario.hours_per_round
            total = sum(h.value for h in self.hours.values())
            for slider in self.hours.values():
                slider.max = max(budget - (total - slider.value), 0.0)
            self.hours_left.value = self.t("rp.widget.hours_left", left=max(budget - total, 0.0), budget=budget)
        finally:
            self._adjusting = False

    def _refresh_round(self, team: str) -> None:
        played = len(self.moves[team])
        rounds = len(self.scenario.rounds)
        if played >= rounds:
            self.round_label.value = f"<b>{self.t('rp.widget.finished', rounds=rounds)}</b>"
        else:
            name = self.t(f"rp.round.{ROUNDS[played]}")
            self.round_label.value = f"<b>{self.t('rp.widget.round_of', round=played + 1, rounds=rounds, name=name)}</b>"
        self.play_button.disabled = played >= rounds
        self.undo_button.disabled = played == 0
        for contact_id in self.approach:
            self.approach[contact_id].value = "none"
            self.hours[contact_id].value = 0.0
        self._respect_budget()

    def round_moves(self) -> list[dict]:
        """This round's moves as the controls show them (people with an approach and some hours)."""
        team = self.controls["table"].value
        r = len(self.moves[team]) + 1
        return [{"round": r, "contact_id": c, "approach": self.approach[c].value, "hours": float(self.hours[c].value)}
                for c in self.approach if self.approach[c].value != "none" and self.hours[c].value > 0]

    def play_round(self) -> None:
        """Play this round's moves at the current table (a refused move leaves everything as it was)."""
        team = self.controls["table"].value
        moves = self.round_moves()
        if not moves:
            self.message.value = self.t("rp.widget.nobody")
            return
        try:
            checked = check_moves(self.scenario, [*self._moves_of(team).to_dict("records"), *moves],
                                  language=self.language)
        except RuleError as error:
            self.message.value = f"<span style='color:#a00'>{error}</span>"
            return
        r = len(self.moves[team]) + 1
        self.moves[team].append(checked[checked["round"] == r].reset_index(drop=True))
        self.update()
        self.message.value = self.t("rp.widget.played", team=self.t(f"rp.team.{team}"), round=r)

    def undo(self) -> None:
        """Take back the current table's last round."""
        team = self.controls["table"].value
        name = self.t(f"rp.team.{team}")
        if not self.moves[team]:
            self.message.value = self.t("rp.widget.nothing_to_undo", team=name)
            return
        self.moves[team].pop()
        self.update()
        self.message.value = self.t("rp.widget.undone", team=name, round=len(self.moves[team]) + 1)

    # --- the role cards ---------------------------------------------------------------
    def _show_cards(self) -> None:
        """Open or close the role cards of the account: shown on the page, and as PDF and HTML files to download.

        The cards are laid out when first opened for an account (a PDF takes a second or two), not on every round.
        """
        shown = self.cards_button.value
        self.cards.layout.display = "block" if shown else "none"
        if not shown or self.scenario is None or self._cards_of is self.scenario:
            return
        document = cards_html(self.scenario, language=self.language)
        pdf = base64.b64encode(cards_pdf(self.scenario, language=self.language)).decode("ascii")
        page = base64.b64encode(document.encode("utf-8")).decode("ascii")
        name = f"role_cards_{self.language}"
        self.cards.value = (
            f"<p><a download='{name}.pdf' href='data:application/pdf;base64,{pdf}'>{self.t('rp.widget.cards_pdf')}</a>"
            f" · <a download='{name}.html' href='data:text/html;charset=utf-8;base64,{page}'>"
            f"{self.t('rp.widget.cards_html')}</a></p>"
            # In a frame of its own: the cards' print styles must not restyle the page around them.
            f"<iframe class='crmsim-card-frame' srcdoc='{html.escape(document, quote=True)}' "
            f"style='width:100%;height:32em;border:1px solid #ccc'></iframe>")
        self._cards_of = self.scenario

    # --- the class debrief ---------------------------------------------------------
    def _played(self, runs: dict) -> dict:
        return {team: run for team, run in runs.items() if run.outcome["rounds_played"] > 0}

    def _debrief(self, runs: dict) -> None:
        """The class scorecard under the figure, and the class debrief when it is open."""
        played = self._played(runs)
        card = scorecard(played) if played else None
        if card is None:
            self.debrief.value = ""
        else:
            self.debrief.value = f"<h4>{self.t('rp.plot.scores.title')}</h4>" + self._table(shown_scorecard(card))
        if self.debrief_button.value:
            self._fill_debrief(played, card)

    def _show_debrief(self) -> None:
        """Open or close the class debrief: the ranking chart and what each buyer got from each team."""
        shown = self.debrief_button.value
        self.debrief_panel.layout.display = "flex" if shown else "none"
        if shown and self.result is not None:
            played = self._played(self.result["runs"])
            self._fill_debrief(played, scorecard(played) if played else None)

    def _fill_debrief(self, played: dict, card: pd.DataFrame | None) -> None:
        if card is None:
            self.debrief_image.value = b""
            self.debrief_buyers.value = self.t("rp.widget.debrief_empty")
            return
        figure = Figure(figsize=DEBRIEF_FIGSIZE, dpi=self.dpi)
        figure.subplots_adjust(left=0.08, right=0.66, bottom=0.12, top=0.88)
        with cjk_fonts():
            rpplots.plot_scorecard(card, ax=figure.subplots())
            buffer = io.BytesIO()
            FigureCanvasAgg(figure).print_png(buffer)
        self.debrief_image.value = buffer.getvalue()
        buyers = shown_buyers(buyer_view(played), self.scenario, language=self.language)
        self.debrief_buyers.value = f"<h4>{self.t('rp.widget.buyers')}</h4>" + self._table(buyers)

    def _table(self, table: pd.DataFrame) -> str:
        """A labelled table whole: no cell wraps inside a word; a table wider than the page scrolls sideways."""
        return (f"<style>{TABLE_CSS}</style><div class='crmsim-rp-wide'>"
                f"{sheet(table, language=self.language)._repr_html_()}</div>")

    # --- save and resume -------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Save the account and every table's moves to a new JSON file (see :func:`crmsim.roleplay.save_workshop`)."""
        save_workshop(path, self.scenario, {team: self._moves_of(team) for team in self.tables})

    @classmethod
    def resume(cls, path: str | os.PathLike) -> RolePlayConsole:
        """A console on a saved workshop, every table at the round it had reached."""
        workshop = load_workshop(path)
        console = cls(scenario=workshop.scenario, tables=len(workshop.moves))
        for team, moves in zip(console.tables, workshop.moves.values()):
            console.moves[team] = [moves[moves["round"] == r].reset_index(drop=True)
                                   for r in sorted(moves["round"].unique())]
        console.update()
        return console

