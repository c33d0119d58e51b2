"""Pytest fixtures for the real-browser tests of the course notebooks.

The tests need Playwright (the Python package), JupyterLab and a Chromium
binary.  When Playwright or Chromium is missing they are *skipped* with a
reason that ``pytest -ra`` prints; set ``CRMSIM_REQUIRE_BROWSER=1`` (for
example in CI) to turn those skips into failures.

Environment variables
---------------------
CRMSIM_CHROMIUM
    Chromium binary to use (name on PATH or path).  If set but not
    executable, the browser counts as missing.
CRMSIM_NOTEBOOK_DIR
    Directory holding ``en/`` and ``zh/`` notebooks (default: the
    repository's ``notebooks/``).
CRMSIM_SCREENSHOT_DIR
    Where screenshots go (default: a fresh temporary directory).
CRMSIM_REQUIRE_BROWSER
    ``1`` makes a missing browser or Playwright an error, not a skip.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

from . import harness

def pytest_configure(config):
    """Register the ``browser`` marker."""
    config.addinivalue_line(
        "markers",
        "browser: drives the course notebooks in JupyterLab with a real Chromium "
        "(needs playwright + chromium; deselect with -m 'not browser')",
    )


def pytest_terminal_summary(terminalreporter):
    """Print where the screenshots are, so a person can look at them."""
    if harness.SAVED_SCREENSHOTS:
        terminalreporter.section("crmsim browser screenshots")
        for path in harness.SAVED_SCREENSHOTS:
            terminalreporter.line(str(path))


def _unavailable(reason: str) -> None:
    """Skip the test, or fail it when ``CRMSIM_REQUIRE_BROWSER=1``."""
    if os.environ.get("CRMSIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CRMSIM_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium binary; skips when Playwright or Chromium is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        _unavailable(f"playwright is not importable ({error}): pip install playwright "
                     "(the browser itself comes from Debian's `chromium` package)")
    if importlib.util.find_spec("jupyterlab") is None:
        _unavailable("jupyterlab is not importable: pip install jupyterlab")
    path = harness.find_chromium()
    if path is None:
        explicit = os.environ.get(harness.CHROMIUM_ENV)
        detail = f" ({harness.CHROMIUM_ENV}={explicit!r} is not an executable)" if explicit else ""
        _unavailable("no Chromium browser found: install Debian's `chromium` package "
                     f"or set {harness.CHROMIUM_ENV}{detail}")
    return path


@pytest.fixture(scope="session")
def jupyter_server(chromium_path):
    """A JupyterLab server serving the repository (or ``CRMSIM_NOTEBOOK_DIR``).

    Depends on ``chromium_path`` so that nothing is started when the
    browser tests are going to be skipped anyway.
    """
    with harness.jupyter_lab(harness.server_root(harness.notebook_dir())) as server:
        yield server


@pytest.fixture(scope="module")
def browser_page(chromium_path):
    """A headless Chromium page shared by the tests of one module.

    Module scope, not session: Playwright's sync API cannot start while another
    sync Playwright is running, and other modules open browsers of their own.
    """
    with harness.browser_page(chromium_path) as page:
        yield page


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Directory for screenshots (``CRMSIM_SCREENSHOT_DIR`` or a new temp dir)."""
    override = os.environ.get("CRMSIM_SCREENSHOT_DIR")
    if override:
        Path(override).mkdir(parents=True, exist_ok=True)
        return Path(override)
    return Path(tempfile.mkdtemp(prefix="crmsim-screenshots-"))
