"""Every dashboard, in Chinese and in English, is legible and answers every control in a real browser.

Each app page (``apps/<lang>``: 01, 02, 03, 04 and 06; the role-play console 05 is played in
``test_roleplay_workshop_browser.py``) is served by one Voila per language and opened in one Chromium
page per language (locale ``zh-CN`` for Chinese), as a learner sees it: no code is shown. Fresh, at
1024×768 and at 1920×1080 (see :data:`LAYOUT_PAGES`), every slider track is wide enough to drag, no description is cut, every
dropdown fits its longest option and the page does not scroll sideways (see
:func:`tests.browser.app_pages.layout_problems`); 06's ten method weights sit in a tidy grid. Then every control of the dashboard is moved once,
the way a person does (see :mod:`tests.browser.app_pages`): the figure must change, and once all have
moved the summary too. A percentage slider is typed into, and a typed text it cannot read must be
refused visibly. In Chinese, the summary and every table header shown have Chinese in them, and no
table shows ``nan``.
"""

from __future__ import annotations

import re

import pytest

from . import app_pages, harness

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: Table headers and options that are codes, the same in every language: row numbers, grades, credit terms
#: (``n/30``, and cash discounts such as ``2/10``).
CODE_HEADER = re.compile(r"[\d\s.,:%()+-]*|[A-D]|A{1,3}|B{1,3}|n/\d+|\d+/\d+|\.\.\.")

#: The dashboards whose layout is checked at classroom sizes: all five.
LAYOUT_PAGES = frozenset(app_pages.DASHBOARD_PAGES)

#: Controls that may change only the summary line, not the figure, by (page number, position of the control
#: on the page, from 0). None today: every control of the five dashboards feeds the figure.
SUMMARY_ONLY: frozenset[tuple[str, int]] = frozenset()

#: A word "nan" (what pandas shows for a missing number), in any case.
NAN = re.compile(r"\bnan\b", re.IGNORECASE)

#: Text of every visible table header and cell on the page.
TABLE_TEXT_JS = """() => [...document.querySelectorAll('th, td')]
    .filter(el => el.offsetParent !== null)
    .map(el => [el.tagName.toLowerCase(), el.innerText.trim()])"""


#: The sizes of classroom screens a dashboard must be legible at (the first is also where controls are moved).
SIZES = ((1024, 768), (1920, 1080))


@pytest.fixture(scope="module", params=["zh", "en"])
def app_page(request, apps_server, browser):
    """The language, the base address of Voila serving ``apps/<lang>`` and one page for the five dashboards.

    The page asks for the language's locale (``zh-CN``/``en-US``), as a learner's browser does.
    """
    lang = request.param
    with harness.new_page(browser, SIZES[0], "zh-CN" if lang == "zh" else "en-US") as page:
        yield lang, apps_server(lang), page


def _check_tables(page, lang: str, where: str) -> None:
    cells = page.evaluate(TABLE_TEXT_JS)
    with_nan = [text for _, text in cells if NAN.search(text)]
    assert not with_nan, f"{where}: tables show nan: {with_nan}"
    if lang == "zh":
        bare = [text for tag, text in cells if tag == "th" and not CJK.search(text)
                and not CODE_HEADER.fullmatch(text)]
        assert not bare, f"{where}: table headers without Chinese: {bare}"


def _refuses_unreadable_percent(page, control: dict, where: str) -> None:
    """Typing text that is no percentage turns the box red, shows a message and leaves the figure."""
    box = app_pages.control_locator(page, control).locator(".crmsim-percent-text input")
    before = page.locator(app_pages.DASHBOARD_IMAGE).first.get_attribute("src")
    box.fill("abc")
    box.press("Enter")
    text = app_pages.control_locator(page, control).locator(".crmsim-percent-text")
    page.wait_for_function("el => el.classList.contains('crmsim-invalid')", arg=text.element_handle(),
                           timeout=10_000)
    message = app_pages.control_locator(page, control).locator(".crmsim-input-message")
    try:
        message.wait_for(state="visible", timeout=10_000)
    except Exception:
        pytest.fail(f"{where}: no message for 'abc'")
    assert message.inner_text().strip(), f"{where}: an empty message for 'abc'"
    page.wait_for_timeout(500)
    assert page.locator(app_pages.DASHBOARD_IMAGE).first.get_attribute("src") == before, \
        f"{where}: the figure changed after 'abc' was refused"


#: Font sizes (px) of the first summary and the first control label of the page.
TEXT_PX_JS = """() => [document.querySelector('.crmsim-summary'), document.querySelector('.crmsim-dashboard .widget-label')]
    .map(e => e ? parseFloat(getComputedStyle(e).fontSize) : 0)"""


def _check_wide_screen_text(page, where: str) -> None:
    """On a wide screen the summary is at least 17 px and the control labels 16 px (13 px at 1024)."""
    try:  # the style arrives with the dashboard's last widget, which may render a moment after the image
        page.wait_for_function(f"() => {{ const [s, l] = ({TEXT_PX_JS})(); return s >= 17 && l >= 16; }}",
                               timeout=10_000)
    except Exception:
        summary_px, label_px = page.evaluate(TEXT_PX_JS)
        pytest.fail(f"{where}: summary {summary_px} px, control labels {label_px} px on a wide screen")


def _check_method_grid(page, where: str) -> None:
    """The method sliders of 06 in a tidy grid: tracks in columns of one left edge and one width, and
    rows of as many sliders as there are columns, but the last."""
    tracks = page.locator(f".crmsim-dev-methods {app_pages.TRACKS}")
    boxes = [tracks.nth(i).bounding_box() for i in range(tracks.count())]
    assert len(boxes) == 10, f"{where}: {len(boxes)} method sliders found in the grid"
    lefts = sorted({round(box["x"]) for box in boxes})
    rows: dict[int, int] = {}
    for box in boxes:
        rows[round(box["y"])] = rows.get(round(box["y"]), 0) + 1
    counts = [rows[y] for y in sorted(rows)]
    assert all(count == len(lefts) for count in counts[:-1]) and counts[-1] <= len(lefts), \
        f"{where}: ragged rows {counts} over {len(lefts)} columns at {lefts}"
    assert max(box["width"] for box in boxes) - min(box["width"] for box in boxes) <= 1, \
        f"{where}: tracks of unequal widths {[round(box['width']) for box in boxes]}"


@pytest.mark.parametrize("notebook", app_pages.DASHBOARD_PAGES)
def test_every_control_changes_the_figure(app_page, screenshot_dir, notebook):
    lang, base, page = app_page
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[0])))
    summary = app_pages.open_app_page(page, base, notebook)
    where = f"{lang}/{notebook}"
    if lang == "zh":
        assert CJK.search(summary), f"{where}: the summary has no Chinese: {summary!r}"
    shown = app_pages.code_shown(page, harness.REPO_ROOT / "apps" / lang / notebook)
    assert not shown, f"{where}: the app page shows code: {shown}"
    for width, height in (*SIZES[1:], SIZES[0]):  # the larger screen first, so the controls are moved at 1024
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)  # let the flex rows re-wrap
        harness.screenshot(page, screenshot_dir / f"{lang}-dashboard-{notebook[:2]}-{width}.png")
        if width >= 1600:  # a projector: text read from the back of the room (crmsim.widgets.WIDE_SCREEN_CSS)
            _check_wide_screen_text(page, f"{where} at {width}")
        if notebook in LAYOUT_PAGES:
            problems = app_pages.layout_problems(page)
            assert not problems, f"{where} at {width}x{height}: " + "; ".join(problems)
            if notebook.startswith("06"):
                _check_method_grid(page, f"{where} at {width}x{height}")
    _check_tables(page, lang, where)
    controls = app_pages.dashboard_controls(page)
    assert controls, f"{where}: no control found"
    if lang == "zh":  # what a person reads to choose: the descriptions and every option of every dropdown
        words = [c["label"] for c in controls] + [o for c in controls for o in c["options"]]
        bare = [w for w in words if not CJK.search(w) and not CODE_HEADER.fullmatch(w)]
        assert not bare, f"{where}: controls without Chinese: {bare}"
    problems = []
    for control in controls:
        if control["disabled"]:
            problems.append(f"{control['label']!r} ({control['kind']}) is disabled")
            continue
        timing = app_pages.timed_change(page, lambda: app_pages.move_control(page, control), timeout=30)
        name = f"{control['label']!r} ({control['kind']}, {timing['done']})"
        if app_pages.control_value(page, control) == control["value"]:
            problems.append(f"{name}: the control did not move")
        elif timing["image_ms"] is None:
            summary_only = (notebook[:2], control["index"]) in SUMMARY_ONLY
            if not (summary_only and timing["summary_ms"] is not None):
                problems.append(f"{name}: the figure did not change"
                                + (" (the summary did)" if timing["summary_ms"] is not None else ""))
        app_pages.wait_until_quiet(page)
    assert not problems, f"{where}: " + "; ".join(problems)
    after = page.locator(".crmsim-summary").first.inner_text().strip()
    assert after != summary, f"{where}: the summary still reads {summary!r} after every control moved"
    for control in app_pages.dashboard_controls(page):
        if control["kind"] == "percent":
            _refuses_unreadable_percent(page, control, f"{where} {control['label']!r}")
            break
    _check_tables(page, lang, where)


#: A dashboard page of one percentage slider, so that the driver and the refusal check above are tried on
#: a real :class:`crmsim.widgets.PercentSlider` whatever the course dashboards use.
PERCENT_PAGE = '''
import crmsim
from crmsim.widgets import Dashboard, PercentSlider

crmsim.set_language("zh")


class Probe(Dashboard):
    figsize = (3.0, 2.0)

    def build_controls(self):
        return {"share": PercentSlider(value=0.5, min=0.1, max=0.9, step=0.05, description="份额")}

    def compute(self, share):
        return share

    def draw(self, result, figure):
        axes = figure.subplots()
        axes.bar([0], [result])
        axes.set_ylim(0, 1)

    def summarise(self, result):
        return f"份额 {result:.0%}"


Probe()
'''


def test_a_percent_slider_is_typed_into_clicked_and_refuses_text_visibly(open_page, tmp_path):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(PERCENT_PAGE.strip())]
    nbformat.write(notebook, tmp_path / "percent.ipynb")
    page = open_page(viewport=SIZES[0], locale="zh-CN")
    with app_pages.voila(tmp_path) as base:
        assert app_pages.open_app_page(page, base, "percent.ipynb") == "份额 50%"
        [control] = app_pages.dashboard_controls(page)
        assert control["kind"] == "percent" and control["label"] == "份额"
        for turn, how in ((0, "typed '80%'"), (1, "clicked the track at 10%")):
            timing = app_pages.timed_change(page, lambda: app_pages.move_control(page, control, turn))
            assert timing["done"] == how and timing["image_ms"] is not None, timing
            app_pages.wait_until_quiet(page)
            control = app_pages.dashboard_controls(page)[0]
        assert page.locator(".crmsim-summary").inner_text().strip() == "份额 20%"
        _refuses_unreadable_percent(page, control, "the probe")
        assert page.locator(".crmsim-summary").inner_text().strip() == "份额 20%"
