"""The app mode in a real browser: a dashboard served by Voila as a page without code.

``python3 course.py app`` serves ``apps/<lang>`` with Voila; here the same
folder is served on a free port, the Chinese customer-value page is opened,
one control is changed by clicking, and the summary must follow. The page
must show no code cell and no error.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from . import harness

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
START_TIMEOUT = 90


@contextlib.contextmanager
def voila(folder: Path):
    """Serve ``folder`` with Voila on a free port; stop it and its kernels afterwards."""
    port = harness.free_port()
    log = tempfile.TemporaryFile()  # a pipe nobody reads would fill up and stall the server
    process = subprocess.Popen([sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
                                "--Voila.ip=127.0.0.1"], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"voila exited: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        harness._stop_process_group(process)
        log.close()


def test_a_dashboard_page_in_chinese_changes_when_a_control_is_clicked(chromium_path, screenshot_dir):
    with voila(ROOT / "apps" / "zh") as base, harness.browser_page(chromium_path, viewport=(1024, 768),
                                                                    locale="zh-CN") as page:
        page.goto(f"{base}/voila/render/01_customer_value_app.ipynb", timeout=START_TIMEOUT * 1000)
        summary = page.locator(".crmsim-summary").first
        summary.wait_for(state="visible", timeout=START_TIMEOUT * 1000)
        before = harness.wait_for_text(page, ".crmsim-summary", timeout=START_TIMEOUT)
        assert CJK.search(before), before
        assert "CustomerValueDashboard" not in page.inner_text("body"), "the app page shows code"
        assert page.locator(".cm-editor, .CodeMirror").count() == 0, "the app page shows a code editor"
        select = page.locator(".crmsim-segment select").first
        labels = select.evaluate("el => [...el.options].map(o => o.label)")
        assert all(CJK.search(label) for label in labels), labels
        select.select_option(index=1)
        after = harness.wait_for_text_change(page, ".crmsim-summary", before, timeout=60)
        assert after != before
        harness.screenshot(page, screenshot_dir / "zh-app-1024.png")
        assert page.locator(".widget-image img, img.widget-image").count() >= 1, "no dashboard figure"


def test_the_landing_page_links_every_dashboard(chromium_path):
    with voila(ROOT / "apps" / "en") as base, harness.browser_page(chromium_path) as page:
        page.goto(f"{base}/voila/render/00_index.ipynb", timeout=START_TIMEOUT * 1000)
        links = page.locator("a[href$='_app.ipynb']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        pages = sorted(p.name for p in (ROOT / "apps" / "en").glob("[0-9][0-9]_*_app.ipynb"))
        assert sorted(Path(link).name for link in links) == pages


def test_a_trainer_plays_a_round_of_the_console_in_chinese_by_clicking(chromium_path, screenshot_dir):
    """The role-play console as an app page: choose an approach, set hours on a slider, play the round."""
    import crmsim

    with voila(ROOT / "apps" / "zh") as base, harness.browser_page(chromium_path, viewport=(1920, 1080),
                                                                    locale="zh-CN") as page:
        page.goto(f"{base}/voila/render/05_role_play_app.ipynb", timeout=START_TIMEOUT * 1000)
        before = harness.wait_for_text(page, ".crmsim-summary", timeout=START_TIMEOUT)
        image_before = page.locator(".widget-image img, img.widget-image").first.get_attribute("src")
        first_person = page.locator(".widget-hbox:has(.widget-dropdown):has(.widget-hslider)").first
        first_person.locator("select").select_option(index=2)
        track = first_person.locator(".widget-hslider .slider-container, .widget-hslider .noUi-target").first
        box = track.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
        page.get_by_role("button", name=crmsim.t("rp.widget.play", "zh")).click()
        after = harness.wait_for_text_change(page, ".crmsim-summary", before, timeout=60)
        assert CJK.search(after)
        deadline = time.monotonic() + 30
        while page.locator(".widget-image img, img.widget-image").first.get_attribute("src") == image_before:
            assert time.monotonic() < deadline, "the attitudes figure did not change after the round"
            page.wait_for_timeout(200)
        harness.screenshot(page, screenshot_dir / "zh-roleplay-console-1920.png")
