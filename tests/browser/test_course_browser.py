"""Real-browser contract tests for the course notebooks.

Contract with ``notebooks/<lang>/01_customer_value.ipynb``: after *Run All
Cells* in JupyterLab the notebook shows

* an ipywidgets ``Dropdown`` with CSS class ``crmsim-segment``
  (``widget.add_class("crmsim-segment")``),
* an ipywidgets ``HTML`` with CSS class ``crmsim-summary`` whose text
  summarises the current selection and changes when the selection does,
* at least one matplotlib figure rendered as a PNG image,
* no error output.

Run with ``python -m pytest tests/browser -ra -v``; point the tests at
other notebooks with ``CRMSIM_NOTEBOOK_DIR`` (see ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import pytest

from . import harness

pytestmark = pytest.mark.browser

#: Notebook exercised by the tests, relative to the notebook directory.
LESSON = "01_customer_value.ipynb"
SEGMENT_CLASS = "crmsim-segment"
SUMMARY = f"{harness.CURRENT_NOTEBOOK} .crmsim-summary"
CJK = re.compile(r"[\u4e00-\u9fff]")

RUN_ALL_TIMEOUT = 120  # kernel start + every cell, on a slow 2-core machine
CHANGE_TIMEOUT = 30  # widget round trip after a new selection


def notebook_file(lang: str) -> Path:
    """Return the notebook for ``lang``; fail (not skip) if it is missing."""
    path = harness.notebook_dir() / lang / LESSON
    if not path.is_file():
        pytest.fail(f"notebook under test is missing: {path}", pytrace=False)
    return path


def digest(path: Path) -> str:
    """Return the SHA-256 of a file, to check the browser did not rewrite it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exercise_dashboard(page, server, path: Path, screenshot_dir: Path, name: str) -> None:
    """Open ``path``, run all cells and check the dashboard contract.

    On failure a screenshot ``<name>-failure.png`` is saved before the
    error propagates.
    """
    before = digest(path)
    try:
        harness.open_notebook(page, server.base_url, server.token,
                              path.relative_to(server.root_dir).as_posix())
        state = harness.run_all_cells(page, timeout=RUN_ALL_TIMEOUT)

        errors = harness.error_outputs(page)
        assert not errors, "cells raised:\n" + "\n---\n".join(errors)
        assert not state["pending"], f"code cells left unexecuted: {state['pending']}"

        old = harness.wait_for_text(page, SUMMARY)
        assert old, "the .crmsim-summary widget shows no text after Run All"

        labels = harness.dropdown_labels(page, SEGMENT_CLASS)
        assert len(labels) >= 2, f"the segment dropdown needs two options, has {labels}"
        current = page.locator(f"{harness.CURRENT_NOTEBOOK} .{SEGMENT_CLASS} select").first
        selected = current.evaluate("el => el.selectedIndex")
        chosen = harness.select_in_dropdown(page, SEGMENT_CLASS, index=0 if selected == 1 else 1)
        new = harness.wait_for_text_change(page, SUMMARY, old, timeout=CHANGE_TIMEOUT)
        assert new and new != old, f"summary did not change after choosing {chosen!r}"

        images = page.locator(
            f"{harness.CURRENT_NOTEBOOK} .jp-OutputArea-output img[src^='data:image/png']"
        )
        assert images.count() >= 1, "no PNG figure in the notebook outputs"
        assert images.first.evaluate("img => img.complete && img.naturalWidth > 0"), \
            "the PNG figure did not decode"
    except Exception:
        with contextlib.suppress(Exception):  # a dead page must not hide the error
            shot = harness.screenshot(page, screenshot_dir / f"{name}-failure.png")
            harness.SAVED_SCREENSHOTS.append(shot)
        raise
    assert digest(path) == before, f"{path} was modified while the browser had it open"


def test_en_dashboard_reacts(browser_page, jupyter_server, screenshot_dir):
    """English notebook: run all, change the segment, the summary follows."""
    exercise_dashboard(browser_page, jupyter_server, notebook_file("en"), screenshot_dir, "en")


def test_zh_dashboard_reacts_and_is_chinese(browser_page, jupyter_server, screenshot_dir):
    """Chinese notebook: as in English, plus Chinese markdown and a screenshot."""
    page = browser_page
    exercise_dashboard(page, jupyter_server, notebook_file("zh"), screenshot_dir, "zh")

    markdown = page.locator(
        f"{harness.CURRENT_NOTEBOOK} .jp-MarkdownCell .jp-RenderedMarkdown"
    ).all_inner_texts()
    assert any(CJK.search(text) for text in markdown), \
        "no Chinese characters in the rendered markdown cells"

    # Put the dashboard at the top of the view so the picture shows all of it.
    page.locator(f"{harness.CURRENT_NOTEBOOK} .{SEGMENT_CLASS}").first.evaluate(
        "el => el.scrollIntoView({block: 'start'})"
    )
    shot = harness.screenshot(page, screenshot_dir / "zh-dashboard.png")
    harness.SAVED_SCREENSHOTS.append(shot)
    print(f"screenshot: {shot}")
