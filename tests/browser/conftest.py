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

import contextlib
import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

from . import app_pages, harness


def pytest_configure(config):
    """Register the ``browser`` marker."""
    config.addinivalue_line(
        "markers",
        "browser: drives the course notebooks in JupyterLab with a real Chromium "
        "(needs playwright + chromium; deselect with -m 'not browser')",
    )


def pytest_sessionfinish(session):
    """In a pytest-xdist worker, hand the screenshots saved here to the controller, which prints them."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["crmsim_screenshots"] = [str(path) for path in harness.SAVED_SCREENSHOTS]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: collect the screenshots a worker saved (see ``pytest_sessionfinish``)."""
    harness.SAVED_SCREENSHOTS.extend(Path(path) for path in node.workeroutput.get("crmsim_screenshots", []))


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


@pytest.fixture(scope="package")
def jupyter_server(chromium_path):
    """A JupyterLab server serving the repository (or ``CRMSIM_NOTEBOOK_DIR``), shared by the browser tests.

    Depends on ``chromium_path`` so that nothing is started when the
    browser tests are going to be skipped anyway. Package scope: it stops
    when the last browser test has run, before the rest of the suite.
    """
    with harness.jupyter_lab(harness.server_root(harness.notebook_dir())) as server:
        yield server


@pytest.fixture(scope="package")
def apps_server(chromium_path):
    """The base address of Voila serving ``apps/<lang>``: ``apps_server("zh")``.

    One Voila per language for all the browser tests (each app page opened gets a kernel of its own,
    so tests share the server, never a dashboard); started when first asked for, stopped after the
    last browser test.
    """
    servers: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        def serve(language: str) -> str:
            if language not in ("en", "zh"):
                raise ValueError(f"language must be 'en' or 'zh'; got {language!r}")
            if language not in servers:
                servers[language] = stack.enter_context(app_pages.voila(harness.REPO_ROOT / "apps" / language))
            return servers[language]

        yield serve


@pytest.fixture(scope="package")
def browser(chromium_path):
    """One headless Chromium for all the browser tests; each test or module opens pages in contexts of its own.

    Playwright's sync API runs once per process, so every browser test takes its pages from here
    (``browser_page``, ``open_page``) rather than starting a browser of its own.
    """
    with harness.chromium(chromium_path) as running:
        yield running


@pytest.fixture(scope="module")
def browser_page(browser):
    """A page (1280x1000, en-US) shared by the tests of one module, in a fresh context."""
    with harness.new_page(browser) as page:
        yield page


@pytest.fixture
def open_page(browser):
    """Open pages for one test: ``open_page(viewport=(1024, 768), locale="zh-CN")``; closed after the test."""
    with contextlib.ExitStack() as stack:
        def opened(viewport: tuple[int, int] = (1280, 1000), locale: str = "en-US"):
            return stack.enter_context(harness.new_page(browser, viewport, locale))

        yield opened


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Directory for screenshots (``CRMSIM_SCREENSHOT_DIR`` or a new temp dir)."""
    override = os.environ.get("CRMSIM_SCREENSHOT_DIR")
    if override:
        Path(override).mkdir(parents=True, exist_ok=True)
        return Path(override)
    return Path(tempfile.mkdtemp(prefix="crmsim-screenshots-"))
