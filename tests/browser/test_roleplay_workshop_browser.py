"""A whole role-play workshop in the real browser, in Chinese, by clicking only.

The role-play app page is served with Voila (as ``python3 course.py app``
does) and driven like a trainer would: open the role cards, set three
tables, play four rounds at each table with the dropdowns and the hours
sliders (after each round the figure changes; after the first, the summary
too, in Chinese), then open the class debrief. The hours are set by clicking on the
sliders' tracks and read back from their readouts, so the test knows the
moves it made; the page's ranking must be the one the model gives for those
moves. Screenshots at 1024x768 and 1920x1080 go to ``CRMSIM_SCREENSHOT_DIR``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import crmsim
from crmsim import roleplay as rp

from . import app_pages, harness
from .app_pages import VOILA_TIMEOUT as START_TIMEOUT

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = "zh"
#: Seconds a click may take to come back from the kernel (a round replays one table and redraws).
ROUND_TIMEOUT = 60


def _zh(key: str, **fields) -> str:
    return crmsim.t(key, ZH, **fields)


def _plans(scenario) -> dict[str, object]:
    """What each table means to play: the textbook, the novice, and the textbook that turns to promises."""
    book, novice = rp.example_moves(scenario, "textbook"), rp.example_moves(scenario, "novice")
    late = book["round"] >= 3
    return {"table_1": book, "table_2": novice,
            "table_3": book.assign(approach=book["approach"].where(~late, "extra_promise"))}


def _wait_for(page, what: str, done, timeout: float = ROUND_TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        value = done()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        page.wait_for_timeout(100)


def _figure_src(page) -> str:
    return page.locator(".crmsim-roleplay-console .widget-image img, .crmsim-roleplay-console img.widget-image") \
        .first.get_attribute("src") or ""


def _enter_round(page, scenario, plan, r: int) -> list[dict]:
    """Choose each planned person's approach and click their hours onto the slider; return the moves shown."""
    rows = page.locator(".crmsim-rp-person")
    ids = scenario.people["contact_id"].astype(int).tolist()
    budget, spent, moves = scenario.hours_per_round, 0.0, []
    left = page.locator(".crmsim-roleplay-console").get_by_text(re.compile("^本回合剩余时间"))
    for move in plan[plan["round"] == r].itertuples():
        row = rows.nth(ids.index(move.contact_id))
        row.locator("select").select_option(label=_zh(f"rp.approach.{move.approach}"))
        track = row.locator(".noUi-target")
        box = track.bounding_box()
        room = budget - spent  # the slider's maximum: the round's budget less the hours already given
        before = left.inner_text()
        track.click(position={"x": box["width"] * min(move.hours / room, 0.999), "y": box["height"] / 2})
        _wait_for(page, "the hours left to follow the slider", lambda: left.inner_text() != before)
        hours = float(row.locator(".widget-readout").inner_text())
        spent += hours
        moves.append({"round": r, "contact_id": move.contact_id, "approach": move.approach, "hours": hours})
    return [m for m in moves if m["hours"] > 0]


def _screenshots(page, folder: Path, size: str) -> None:
    """What the trainer sees, one viewport at a time (Voila scrolls inside the page, so a full-page shot would
    show the viewport only): the controls, the figure with the scorecard, and the class debrief."""
    for what, selector in (("console", ".crmsim-roleplay-console"), ("figure", ".crmsim-roleplay-console img"),
                           ("debrief", ".crmsim-class-debrief")):
        page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        harness.SAVED_SCREENSHOTS.append(
            harness.screenshot(page, folder / f"zh-roleplay-{what}-{size}.png", full_page=False))


def _scorecard_rows(page) -> list[list[str]]:
    return page.locator(".crmsim-rp-scorecard table").evaluate(
        "t => [...t.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim()))")


def test_three_tables_play_four_rounds_and_the_class_debrief_ranks_them_in_chinese(open_page, screenshot_dir):
    scenario = rp.default_scenario(0)  # the app page's console: the account from seed 0
    plans = _plans(scenario)
    started = time.monotonic()
    # A Voila of its own, not the shared apps_server("zh"): after that one has served the five Chinese
    # dashboards, a click on an hours slider here goes unanswered for a minute (seen in two runs out of two;
    # the cause is not known yet). A fresh Voila costs about 3 s.
    page = open_page(viewport=(1024, 768), locale="zh-CN")
    with app_pages.voila(ROOT / "apps" / "zh") as base:
        page.goto(f"{base}/voila/render/05_role_play_app.ipynb", timeout=START_TIMEOUT * 1000)
        harness.wait_for_text(page, ".crmsim-summary", timeout=START_TIMEOUT)
        assert page.locator(".cm-editor, .CodeMirror").count() == 0, "the app page shows a code editor"

        # The role cards, on the page and to download.
        page.get_by_role("button", name=_zh("rp.widget.cards")).click()
        cards = page.frame_locator("iframe.crmsim-card-frame")
        cards.locator("section.crmsim-card").first.wait_for(timeout=ROUND_TIMEOUT * 1000)
        assert cards.locator("section.crmsim-card").count() == len(scenario.people) + 2
        assert _zh("rp.col.private") in cards.locator("section.crmsim-card").nth(1).inner_text()
        pdf_link = page.get_by_role("link", name=_zh("rp.widget.cards_pdf"))
        assert pdf_link.get_attribute("href").startswith("data:application/pdf;base64,")
        page.locator("iframe.crmsim-card-frame").evaluate("e => e.scrollIntoView({block: 'start'})")
        harness.SAVED_SCREENSHOTS.append(
            harness.screenshot(page, screenshot_dir / "zh-roleplay-cards-1024.png", full_page=False))
        page.get_by_role("button", name=_zh("rp.widget.cards")).click()  # closed again

        # Three tables, chosen with the Tables dropdown.
        page.locator(".crmsim-rp-tables select").select_option(label="3")
        chooser = page.locator(".crmsim-rp-table select")
        chooser.wait_for(state="visible", timeout=ROUND_TIMEOUT * 1000)
        labels = _wait_for(page, "three tables to choose from", lambda: (
            chooser.evaluate("el => [...el.options].map(o => o.label)") or None) if chooser.evaluate(
            "el => el.options.length") == 3 else None)
        assert labels == [_zh(f"rp.team.table_{k}") for k in (1, 2, 3)]

        message = page.locator(".crmsim-message")
        played = {}
        for team, plan in plans.items():
            chooser.select_option(label=_zh(f"rp.team.{team}"))
            _wait_for(page, f"{team} to be the table shown", lambda: page.locator(".crmsim-summary").inner_text()
                      .startswith(_zh(f"rp.team.{team}")))
            played[team] = []
            for r in range(1, len(scenario.rounds) + 1):
                _wait_for(page, f"round {r} to be entered", lambda: _zh("rp.widget.round_of", round=r, rounds=4,
                                                                       name=_zh(f"rp.round.{scenario.rounds[r - 1]}"))
                          in page.locator(".crmsim-roleplay-console").inner_text())
                played[team] += _enter_round(page, scenario, plan, r)
                figure, summary = _figure_src(page), page.locator(".crmsim-summary").inner_text()
                page.get_by_role("button", name=_zh("rp.widget.play")).click()
                done = _zh("rp.widget.played", team=_zh(f"rp.team.{team}"), round=r)
                _wait_for(page, f"{team} round {r} to be played", lambda: message.inner_text().strip() == done)
                _wait_for(page, "the attitudes figure to change", lambda: _figure_src(page) != figure)
                if (team, r) == ("table_1", 1):  # the first round played moves the summary from the fresh account's
                    after = _wait_for(page, "the summary to follow the round", lambda: (
                        text if (text := page.locator(".crmsim-summary").inner_text()) != summary else None))
                    assert CJK.search(after), f"{team} round {r}: the summary has no Chinese: {after!r}"
        assert _zh("rp.widget.finished", rounds=4) in page.locator(".crmsim-roleplay-console").inner_text()

        # The pooled debrief: the three tables ranked as the model ranks the moves that were clicked.
        expected = rp.scorecard(rp.play_tables(scenario, played))
        page.get_by_role("button", name=_zh("rp.widget.debrief")).click()
        panel = page.locator(".crmsim-class-debrief")
        chart = panel.locator("img").first
        _wait_for(page, "the ranking chart", lambda: chart.is_visible() and chart.evaluate("i => i.naturalWidth") > 0)
        rows = _scorecard_rows(page)
        assert [(row[0], row[1]) for row in rows] == [
            (str(rank), _zh(f"rp.team.{team}")) for rank, team in zip(expected["rank"], expected["team"])]
        assert [row[0] for row in rows] == ["1", "2", "3"]
        _wait_for(page, "what each buyer got, from every table and the textbook team", lambda: all(
            _zh(f"rp.team.{team}") in panel.inner_text() for team in (*plans, "textbook")))
        assert _zh("rp.widget.buyers") in panel.inner_text()
        assert CJK.search(page.locator(".crmsim-rp-scorecard").inner_text())
        assert not re.search(r"\b(Table|Rank|Team|round)\b", page.locator(".crmsim-roleplay-console").inner_text())
        elapsed = time.monotonic() - started
        _screenshots(page, screenshot_dir, "1024")
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(500)
        _screenshots(page, screenshot_dir, "1920")
    print(f"three tables, four rounds each, and the debrief by clicking: {elapsed:.0f} s")
