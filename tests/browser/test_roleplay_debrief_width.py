"""The class debrief of the role-play console fits a 1024x768 screen: nothing is cut off at the page's edge.

A page served by Voila builds the console, plays the three tables of the workshop test (textbook, novice,
textbook turning to promises) from Python and opens the debrief, so the browser shows the tables a class
sees after four rounds without clicking through them. In Chinese both tables fit the console's width
outright (headers wrap between words only); in English, whose cells are longer, a table wider than the
console scrolls inside its own box, and the box ends inside the console.
"""

from __future__ import annotations

import nbformat
import pytest

from . import harness
from .app_pages import voila

pytestmark = pytest.mark.browser

#: The page: the console at three tables, every round played, the debrief open.
PAGE = '''import crmsim
crmsim.set_language({language!r})
from crmsim import roleplay as rp
from crmsim.widgets.roleplay import RolePlayConsole

console = RolePlayConsole(tables=3)
book, novice = rp.example_moves(console.scenario, "textbook"), rp.example_moves(console.scenario, "novice")
promises = book.assign(approach=book["approach"].where(book["round"] < 3, "extra_promise"))
for team, plan in {{"table_1": book, "table_2": novice, "table_3": promises}}.items():
    console.controls["table"].value = team
    for r in sorted(plan["round"].unique()):
        for move in plan[plan["round"] == r].itertuples():
            console.approach[move.contact_id].value = move.approach
            console.hours[move.contact_id].value = move.hours
        console.play_button.click()
console.debrief_button.value = True
console.widget
'''

#: For each table of the console: its width, its box's width and right edge, how wide the box's content
#: is (more than the box: it scrolls), the console's right edge and the page's width.
MEASURE_JS = """() => [...document.querySelectorAll('.crmsim-roleplay-console .crmsim-rp-wide')].map(box => {
    const table = box.querySelector('table').getBoundingClientRect();
    const console_ = document.querySelector('.crmsim-roleplay-console').getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return {table_right: table.right, box_right: b.right, box_width: box.clientWidth, content: box.scrollWidth,
            overflow: getComputedStyle(box).overflowX, console_right: console_.right,
            page: document.documentElement.clientWidth};
})"""


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_debrief_tables_fit_the_console_at_1024(open_page, screenshot_dir, tmp_path, language):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(PAGE.format(language=language))]
    nbformat.write(notebook, tmp_path / "debrief.ipynb")
    with voila(tmp_path) as base:  # the session's one browser (Playwright's sync API runs once per process)
        page = open_page(viewport=(1024, 768), locale="zh-CN" if language == "zh" else "en-US")
        page.goto(f"{base}/voila/render/debrief.ipynb", timeout=180_000)
        page.locator(".crmsim-class-debrief .crmsim-rp-wide table").first.wait_for(timeout=180_000)
        page.wait_for_timeout(500)
        boxes = page.evaluate(MEASURE_JS)
        page.locator(".crmsim-class-debrief .crmsim-rp-wide").first.evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        harness.SAVED_SCREENSHOTS.append(harness.screenshot(
            page, screenshot_dir / f"{language}-roleplay-debrief-table-1024.png", full_page=False))
    assert len(boxes) == 2, boxes  # the class scorecard and what each buyer got
    for box in boxes:
        assert box["box_right"] <= box["console_right"] + 0.5 <= box["page"] + 0.5, box  # nothing past the edge
        assert box["overflow"] == "auto", box
        if language == "zh":
            assert box["content"] <= box["box_width"] and box["table_right"] <= box["box_right"] + 0.5, box
