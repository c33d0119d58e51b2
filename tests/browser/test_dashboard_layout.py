"""The topic dashboards are legible at classroom screen sizes, in Chinese and in English.

Each dashboard app page (``apps/<lang>/01`` … ``04`` and ``06``) is served by Voila and
opened at 1024×768, then at 1920×1080. On both, every slider track must be
wide enough to drag (at least :data:`MIN_TRACK_PX`), no control's
description may be cut, and every dropdown must be wide enough for its
longest option. Screenshots of both sizes are saved for a person to look at. The ten method
weights of 06 sit in a grid: their tracks line up in columns and every row but the last is full.
"""

from __future__ import annotations

import pytest

from . import harness
from .test_app_browser import ROOT, START_TIMEOUT, voila

pytestmark = pytest.mark.browser

#: Narrowest slider track that a learner can still drag with some precision (px).
MIN_TRACK_PX = 80

PAGES = ["01_customer_value_app.ipynb", "02_relationship_levels_app.ipynb", "03_key_account_sales_app.ipynb",
         "04_credit_decisions_app.ipynb", "06_customer_development_app.ipynb"]
SIZES = [(1024, 768), (1920, 1080)]
TRACKS = ".widget-hslider .slider-container"

#: Labels (descriptions) whose text does not fit their box, as "text: scroll > client".
CUT_LABELS_JS = """els => els.filter(el => el.offsetParent !== null && el.textContent.trim()
                                    && el.scrollWidth > el.clientWidth + 1)
                       .map(el => `${el.textContent.trim()}: ${el.scrollWidth} > ${el.clientWidth}`)"""

#: Dropdowns narrower than their longest option's text plus room for the arrow.
NARROW_SELECTS_JS = """els => {
    const canvas = document.createElement("canvas").getContext("2d");
    return els.filter(el => el.offsetParent !== null).flatMap(el => {
        const style = getComputedStyle(el);
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        const longest = Math.max(...[...el.options].map(o => canvas.measureText(o.label).width));
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        return longest + padding > el.clientWidth + 1
            ? [`${[...el.options].map(o => o.label).join(" | ")}: ${Math.ceil(longest + padding)} > ${el.clientWidth}`]
            : [];
    });
}"""


@pytest.fixture(scope="module", params=["zh", "en"])
def apps(request, chromium_path):
    """The language and the base address of Voila serving ``apps/<lang>``, shared by the pages."""
    with voila(ROOT / "apps" / request.param) as base:
        yield request.param, base


def _check_layout(page, where: str) -> None:
    tracks = page.locator(TRACKS)
    assert tracks.count() >= 1, f"{where}: no slider found"
    widths = [tracks.nth(i).bounding_box()["width"] for i in range(tracks.count())]
    assert min(widths) >= MIN_TRACK_PX, f"{where}: slider tracks {widths} px, want >= {MIN_TRACK_PX}"
    cut = page.locator(".widget-label, .widget-checkbox label").evaluate_all(CUT_LABELS_JS)
    assert not cut, f"{where}: descriptions cut: {cut}"
    narrow = page.locator(".widget-dropdown select").evaluate_all(NARROW_SELECTS_JS)
    assert not narrow, f"{where}: dropdowns too narrow for their options: {narrow}"
    body_overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert body_overflow <= 1, f"{where}: the page scrolls sideways by {body_overflow} px"


@pytest.mark.parametrize("notebook", PAGES)
def test_a_dashboard_is_legible_at_classroom_sizes(apps, chromium_path, screenshot_dir, notebook):
    lang, base = apps
    with harness.browser_page(chromium_path, viewport=SIZES[0], locale="zh-CN" if lang == "zh" else "en-US") as page:
        page.goto(f"{base}/voila/render/{notebook}", timeout=START_TIMEOUT * 1000)
        harness.wait_for_text(page, ".crmsim-summary", timeout=START_TIMEOUT)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(500)  # let the flex rows re-wrap
            harness.screenshot(page, screenshot_dir / f"{lang}-layout-{notebook[:2]}-{width}.png")
            _check_layout(page, f"{lang}/{notebook} at {width}x{height}")
            if notebook.startswith("06"):
                _check_method_grid(page, f"{lang}/{notebook} at {width}x{height}")


def _check_method_grid(page, where: str) -> None:
    """The method sliders of 06 in a tidy grid: tracks in columns of one left edge and one width, and
    rows of as many sliders as there are columns, but the last."""
    tracks = page.locator(f".crmsim-dev-methods {TRACKS}")
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
