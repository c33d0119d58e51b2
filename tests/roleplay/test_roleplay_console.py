"""The role-play console for a workshop: the number of tables chosen by the trainer, the class debrief, and
replaying only the table that moved."""

from __future__ import annotations

import dataclasses

import pandas as pd

import crmsim
from crmsim import roleplay as rp
from crmsim.roleplay import tables as rp_tables
from crmsim.widgets.roleplay import MAX_TABLES, RolePlayConsole


def _play_round(console, moves, r):
    for move in moves[moves["round"] == r].itertuples():
        console.approach[move.contact_id].value = move.approach
        console.hours[move.contact_id].value = move.hours
    console.play_button.click()


def _zh_console(**options):
    crmsim.set_language("zh")
    try:
        return RolePlayConsole(**options)
    finally:
        crmsim.set_language("en")


def test_the_trainer_chooses_the_number_of_tables_and_a_table_taken_away_keeps_its_play(scenario):
    console = _zh_console(scenario=scenario)
    tables, chooser = console.controls["tables"], console.controls["table"]
    assert tables.value == 1 and list(tables.options) == list(range(1, MAX_TABLES + 1))
    assert chooser.layout.display == "none"  # one table: nothing to choose
    book, novice = rp.example_moves(scenario, "textbook"), rp.example_moves(scenario, "novice")
    _play_round(console, book, 1)
    tables.value = 3
    assert [label for label, _ in chooser.options] == ["第1组", "第2组", "第3组"]
    assert chooser.layout.display == "flex" and chooser.value == "table_1"
    assert set(console.result["runs"]) == {"table_1", "table_2", "table_3"}
    chooser.value = "table_3"
    assert console.result["run"].outcome["rounds_played"] == 0 and "第1回合" in console.round_label.value
    _play_round(console, novice, 1)
    _play_round(console, novice, 2)
    assert "第3组：第2回合已完成" in console.message.value
    tables.value = 2  # table 3 leaves: the chooser falls back to table 1, whose round is still there
    assert chooser.value == "table_1" and set(console.result["runs"]) == {"table_1", "table_2"}
    assert console.result["run"].outcome["rounds_played"] == 1
    tables.value = 3
    chooser.value = "table_3"
    pd.testing.assert_series_equal(console.result["run"].outcome,
                                   rp.play(scenario, novice[novice["round"] <= 2]).outcome)
    assert "第3组" in console.debrief.value and "第2组" not in console.debrief.value  # table 2 has not played


def test_the_class_debrief_opens_with_the_ranking_chart_and_what_each_buyer_got(scenario):
    console = _zh_console(scenario=scenario, tables=3)
    console.debrief_button.value = True
    assert console.debrief_panel.layout.display == "flex"
    assert console.debrief_buyers.value == "还没有小组完成任何回合。" and console.debrief_image.value == b""
    book, novice = rp.example_moves(scenario, "textbook"), rp.example_moves(scenario, "novice")
    for team, moves in (("table_1", novice), ("table_2", book), ("table_3", book[book["round"] <= 2])):
        console.controls["table"].value = team
        for r in sorted(moves["round"].unique()):
            _play_round(console, moves, r)
    assert bytes(console.debrief_image.value)[:4] == b"\x89PNG"
    buyers = console.debrief_buyers.value
    assert all(name in buyers for name in ("第1组", "第2组", "第3组", "教科书团队", "决策者"))
    # The scorecard under the figure ranks the three tables as the model does.
    card = rp.scorecard(rp.play_tables(scenario, {"table_1": novice, "table_2": book,
                                                  "table_3": book[book["round"] <= 2]}))
    shown = [console.debrief.value.index(crmsim.t(f"rp.team.{team}", "zh")) for team in card["team"]]
    assert shown == sorted(shown)
    console.debrief_button.value = False
    assert console.debrief_panel.layout.display == "none"


def test_a_round_replays_only_the_table_that_moved(scenario, monkeypatch):
    console = RolePlayConsole(scenario=scenario, tables=6)
    book = rp.example_moves(scenario, "textbook")
    _play_round(console, book, 1)
    played = []
    original = rp_tables.play

    def counting(scenario, moves, **options):
        played.append(len(moves))
        return original(scenario, moves, **options)

    monkeypatch.setattr(rp_tables, "play", counting)
    console.controls["table"].value = "table_2"
    _play_round(console, book, 1)
    assert played == [len(book[book["round"] == 1])]  # table 2's round; the textbook play is kept
    console.undo_button.click()
    pd.testing.assert_series_equal(console.result["run"].outcome, rp.play(scenario, book.iloc[:0]).outcome)
    _play_round(console, book, 1)  # played again after an undo: a new round, played afresh
    pd.testing.assert_series_equal(console.result["run"].outcome, rp.play(scenario, book[book["round"] == 1]).outcome)


def test_the_textbook_play_is_played_once_per_scenario(scenario):
    first = rp.textbook_run(scenario)
    assert rp.textbook_run(scenario) is first
    other = dataclasses.replace(scenario)
    assert rp.textbook_run(other) is not first
    pd.testing.assert_frame_equal(rp.textbook_run(other).rounds, first.rounds)


def test_the_role_cards_open_on_the_page_with_pdf_and_html_to_download(scenario):
    import base64
    import html
    import re

    console = _zh_console(scenario=scenario)
    assert console.cards.layout.display == "none" and console.cards.value == ""  # nothing laid out until asked
    console.cards_button.value = True
    shown = console.cards.value
    assert console.cards.layout.display == "block"
    pdf = re.search(r"href='data:application/pdf;base64,([^']+)'", shown).group(1)
    assert base64.b64decode(pdf).startswith(b"%PDF-")
    frame = html.unescape(re.search(r"srcdoc='([^']*)'", shown).group(1))
    assert frame == rp.cards_html(scenario, language="zh") and "下载角色卡（PDF）" in shown
    console.cards_button.value = False
    assert console.cards.layout.display == "none"


def test_a_round_redraws_only_the_data_and_shows_what_a_full_redraw_shows(scenario):
    import io

    import numpy as np
    from PIL import Image

    console = RolePlayConsole(scenario=scenario, tables=2)
    background = console._background
    book = rp.example_moves(scenario, "textbook")
    _play_round(console, book, 1)
    console.controls["table"].value = "table_2"
    console.controls["table"].value = "table_1"
    assert console._background is background  # same account: axes, names and legend were not drawn again
    blitted = np.asarray(Image.open(io.BytesIO(console.png)).convert("RGB"))
    console._background_key = None
    console.redraw()
    full = np.asarray(Image.open(io.BytesIO(console.png)).convert("RGB"))
    assert np.array_equal(blitted, full)
