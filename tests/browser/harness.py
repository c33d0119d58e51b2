"""Helpers for driving the course notebooks in a real browser.

The helpers start an isolated JupyterLab server, open a headless Chromium
through Playwright, run every cell of a notebook and poke at the
ipywidgets it displays.  They are plain functions and context managers so
they can be used from pytest fixtures or from an interactive session::

    with jupyter_lab(root_dir) as server, browser_page(find_chromium()) as page:
        open_notebook(page, server.base_url, server.token, "en/01.ipynb")
        run_all_cells(page)

Nothing here needs the internet: Chromium is started with flags that keep
it quiet and JupyterLab is configured not to fetch news or update checks.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

#: Repository root, computed from this file's location (tests/browser/..).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable that names the Chromium binary to use.
CHROMIUM_ENV = "CRMSIM_CHROMIUM"

#: Command-line flags for Chromium: headless, no sandbox (we run as root in
#: CI), and no background traffic to Google services.  The host resolver
#: rule makes every name except the loopback fail fast instead of hanging.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]

#: Screenshots saved during the test session (listed in pytest's summary).
SAVED_SCREENSHOTS: list[Path] = []

#: CSS selector of the notebook panel that is currently shown.
CURRENT_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

#: CSS selector of outputs that show an exception (JupyterLab 4 renders
#: ``error`` outputs with the stderr MIME type, like text written to stderr).
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def find_chromium() -> str | None:
    """Return the path of a Chromium binary, or None if there is none.

    The environment variable ``CRMSIM_CHROMIUM`` wins when it is set; if it
    points to something that is not an executable file the answer is None
    (an explicit choice is never silently replaced by another browser).
    Otherwise ``chromium`` and ``chromium-browser`` are looked up on PATH,
    then ``/usr/bin/chromium``.

    Returns
    -------
    str or None
        Absolute path of the browser executable.
    """
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        found = shutil.which(explicit)
        return os.path.abspath(found) if found else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/bin/chromium")
    if fallback.is_file() and os.access(fallback, os.X_OK):
        return str(fallback)
    return None


def notebook_dir() -> Path:
    """Return the directory holding the ``en/`` and ``zh/`` notebooks.

    ``CRMSIM_NOTEBOOK_DIR`` overrides the default, ``<repo>/notebooks``.
    """
    override = os.environ.get("CRMSIM_NOTEBOOK_DIR")
    return Path(override).resolve() if override else REPO_ROOT / "notebooks"


def server_root(directory: Path) -> Path:
    """Return the JupyterLab root for ``directory``.

    That is the repository root when ``directory`` lies inside it, else
    ``directory`` itself (JupyterLab only opens files below its root).
    """
    directory = Path(directory).resolve()
    return REPO_ROOT if directory.is_relative_to(REPO_ROOT) else directory


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now.

    Returns
    -------
    int
        Port number picked by the operating system.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class JupyterServer:
    """A running JupyterLab server.

    Attributes
    ----------
    base_url : str
        URL of the server root, ending with ``/``.
    token : str
        Authentication token.
    root_dir : pathlib.Path
        Directory the server serves; notebook paths are relative to it.
    log_path : pathlib.Path
        File receiving the server's stdout and stderr.
    """

    base_url: str
    token: str
    root_dir: Path
    log_path: Path

    def api(self, path: str, method: str = "GET") -> object:
        """Call the REST API and return the decoded JSON answer (or None).

        Parameters
        ----------
        path : str
            Path below the base URL, such as ``"api/kernels"``.
        method : str
            HTTP method.
        """
        request = urllib.request.Request(
            urllib.parse.urljoin(self.base_url, path),
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        """Return the last lines of the server log, for error messages."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def _write_isolated_config(home: Path) -> dict[str, str]:
    """Create config, data, runtime and settings dirs; return the env vars."""
    dirs = {
        name: home / name
        for name in (
            "config", "data", "runtime", "settings", "workspaces", "ipython", "checkpoints"
        )
    }
    for path in dirs.values():
        path.mkdir(parents=True)
    # No news feed and no update check: both would reach out to the internet.
    # Checkpoints go to the temp dir so no .ipynb_checkpoints appear in the repo.
    server_config = {
        "FileCheckpoints": {"checkpoint_dir": str(dirs["checkpoints"])},
        "LabApp": {
            "news_url": None,
            "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "expose_app_in_browser": True,
            "workspaces_dir": str(dirs["workspaces"]),
            "user_settings_dir": str(dirs["settings"]),
        },
    }
    (dirs["config"] / "jupyter_server_config.json").write_text(json.dumps(server_config))
    # User settings: never ask about news; never autosave (the notebooks
    # under test must not be rewritten with outputs); keep every cell in the
    # DOM so selectors see the whole notebook (the default windowing may
    # detach cells that are scrolled out of view).
    settings = {
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
            "autosave": False,
        },
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "windowingMode": "none",
        },
    }
    for relpath, values in settings.items():
        target = dirs["settings"] / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    return {
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        "IPYTHONDIR": str(dirs["ipython"]),
    }


def _wait_until_ready(server: JupyterServer, process: subprocess.Popen, timeout: float) -> None:
    """Poll ``/api/status`` until it answers; raise if the server dies or is slow."""
    deadline = time.monotonic() + timeout
    url = urllib.parse.urljoin(server.base_url, f"api/status?token={server.token}")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {process.returncode} before it was ready; "
                f"log tail:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(
        f"JupyterLab did not answer {url} within {timeout:.0f} s; log tail:\n{server.log_tail()}"
    )


def _stop_process_group(process: subprocess.Popen, grace: float = 15) -> None:
    """Stop the server politely (it then shuts its kernels down), else kill its group."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Whatever is left in the group (the server, helpers) goes now.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


@contextlib.contextmanager
def jupyter_lab(
    root_dir: str | os.PathLike[str] = REPO_ROOT,
    token: str = "crmsim-browser-test",
    startup_timeout: float = 60,
    python: str = sys.executable,
) -> Iterator[JupyterServer]:
    """Run an isolated JupyterLab server for the duration of a ``with`` block.

    The server gets fresh configuration, data, runtime, settings and
    workspace directories, listens on a free port of 127.0.0.1 and never
    opens a browser.  On exit the kernels are shut down and the server's
    process group is terminated, even if the block raised.

    Parameters
    ----------
    root_dir : path-like
        Directory served by JupyterLab (default: the repository root).
    token : str
        Fixed authentication token.
    startup_timeout : float
        Seconds to wait for ``/api/status`` to answer.
    python : str
        Interpreter used to run ``python -m jupyterlab``.

    Yields
    ------
    JupyterServer
        Base URL, token, root directory and log file of the server.
    """
    home = Path(tempfile.mkdtemp(prefix="crmsim-jupyter-"))
    env = {**os.environ, **_write_isolated_config(home)}
    # A student's kernel sees none of these; MPLBACKEND=Agg (common in CI)
    # would stop ipykernel from choosing the inline backend, so no figures.
    for name in ("JUPYTER_PATH", "JUPYTER_TOKEN", "MPLBACKEND"):
        env.pop(name, None)
    port = free_port()
    server = JupyterServer(
        base_url=f"http://127.0.0.1:{port}/",
        token=token,
        root_dir=Path(root_dir).resolve(),
        log_path=home / "server.log",
    )
    command = [
        python, "-m", "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={server.root_dir}",
    ]
    with open(server.log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=server.root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group, killed as a whole
        )
    try:
        _wait_until_ready(server, process, startup_timeout)
        yield server
    finally:
        # Kernels run in their own sessions; ask the server to end them first.
        with contextlib.suppress(Exception):
            for kernel in server.api("api/kernels"):
                server.api(f"api/kernels/{kernel['id']}", method="DELETE")
        _stop_process_group(process)
        shutil.rmtree(home, ignore_errors=True)


@contextlib.contextmanager
def chromium(executable: str) -> Iterator["playwright.sync_api.Browser"]:  # noqa: F821
    """Start Playwright and a headless Chromium for the duration of a ``with`` block.

    One browser can serve many tests: each opens its own :func:`new_page`, whose context shares no
    cookie, storage or cache with another. Playwright's sync API allows one running instance per
    process, so a test session keeps one browser (see ``tests/browser/conftest.py``).

    Parameters
    ----------
    executable : str
        Path of the Chromium binary (see :func:`find_chromium`).

    Yields
    ------
    playwright.sync_api.Browser
        The browser; it is closed, and Playwright stopped, when the block ends.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS,
                                             timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def new_page(
    browser: "playwright.sync_api.Browser",  # noqa: F821
    viewport: tuple[int, int] = (1280, 1000),
    locale: str = "en-US",
) -> Iterator["playwright.sync_api.Page"]:  # noqa: F821
    """Open a page in a fresh browser context (a new profile, as a new private window).

    Parameters
    ----------
    browser : playwright.sync_api.Browser
        A browser from :func:`chromium`.
    viewport : tuple of int
        Page width and height in pixels.
    locale : str
        Browser locale (``zh-CN`` for what a Chinese learner's browser asks for).

    Yields
    ------
    playwright.sync_api.Page
        The page; its default timeout is 30 s and browser dialogs are accepted.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale=locale)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        # Leaving a notebook with unsaved outputs raises "beforeunload";
        # accept it so the next page.goto is never held up.
        page.on("dialog", lambda dialog: dialog.accept())
        yield page
    finally:
        context.close()


@contextlib.contextmanager
def browser_page(
    executable: str,
    viewport: tuple[int, int] = (1280, 1000),
    locale: str = "en-US",
) -> Iterator["playwright.sync_api.Page"]:  # noqa: F821
    """Start a headless Chromium and open one page in it (:func:`chromium` and :func:`new_page` in one).

    Parameters
    ----------
    executable : str
        Path of the Chromium binary (see :func:`find_chromium`).
    viewport : tuple of int
        Page width and height in pixels.
    locale : str
        Browser locale.

    Yields
    ------
    playwright.sync_api.Page
        The page; its default timeout is 30 s and browser dialogs are accepted.
    """
    with chromium(executable) as browser, new_page(browser, viewport, locale) as page:
        yield page


def open_notebook(page, base_url: str, token: str, relpath: str, timeout: float = 60) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle.

    The workspace is reset so that notebooks opened earlier in the same
    browser are not restored next to this one.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Browser page.
    base_url, token : str
        Server URL and token (see :class:`JupyterServer`).
    relpath : str
        Notebook path relative to the server's root directory, with ``/``.
    timeout : float
        Seconds allowed for the page to load and the kernel to start.
    """
    quoted = urllib.parse.quote(relpath.replace(os.sep, "/"))
    url = urllib.parse.urljoin(base_url, f"lab/tree/{quoted}?reset&token={token}")
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    page.locator(f"{CURRENT_NOTEBOOK} .jp-Notebook .jp-Cell").first.wait_for(
        state="attached", timeout=timeout * 1000
    )
    _poll(page, lambda state: state["kernel"] == "idle", "the kernel to start", timeout)


#: JavaScript that describes the notebook currently shown.  It needs the
#: app object, which the server exposes (``LabApp.expose_app_in_browser``).
_STATE_JS = """() => {
    const dialog = document.querySelector('.jp-Dialog');
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.content || !panel.content.model) {
        return {dialog: dialog && dialog.innerText, kernel: null, busy: 0, pending: [], errors: []};
    }
    const session = panel.sessionContext && panel.sessionContext.session;
    const kernel = session && session.kernel;
    const cells = [...panel.content.model.cells];
    const pending = [];
    const errors = [];
    cells.forEach((cell, index) => {
        if (cell.type !== 'code') return;
        if (cell.executionCount === null && cell.sharedModel.getSource().trim() !== '') {
            pending.push(index);
        }
        for (let i = 0; i < cell.outputs.length; i++) {
            const output = cell.outputs.get(i).toJSON();
            if (output.output_type === 'error') {
                errors.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
            }
        }
    });
    const prompts = panel.node.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt');
    return {
        dialog: dialog && dialog.innerText,
        kernel: kernel ? kernel.status : null,
        busy: [...prompts].filter(prompt => prompt.textContent.includes('*')).length,
        pending,
        errors,
    };
}"""


def notebook_state(page) -> dict:
    """Describe the notebook currently shown in JupyterLab.

    Returns
    -------
    dict
        ``kernel`` (status string or None), ``busy`` (number of ``[*]``
        prompts), ``pending`` (indices of non-empty code cells without an
        execution count), ``errors`` (``"cell i: Name: message"`` for each
        error output) and ``dialog`` (text of an open dialog, or None).
    """
    return page.evaluate(_STATE_JS)


def _poll(page, done, what: str, timeout: float) -> dict:
    """Poll :func:`notebook_state` until ``done(state)``; fail early on a dialog."""
    deadline = time.monotonic() + timeout
    while True:
        state = notebook_state(page)
        if state["dialog"]:
            raise RuntimeError(f"JupyterLab shows a dialog while waiting for {what}: "
                               f"{state['dialog']!r}")
        if done(state):
            return state
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s; "
                               f"notebook state: {state}")
        page.wait_for_timeout(250)


def run_all_cells(page, timeout: float = 120) -> dict:
    """Run every cell through the *Run* menu and wait for the kernel to finish.

    Waiting ends when no prompt shows ``[*]``, the kernel is idle and every
    non-empty code cell has an execution count -- or, when a cell raised
    and JupyterLab therefore skipped the rest, as soon as the kernel is idle.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Browser page showing a notebook (see :func:`open_notebook`).
    timeout : float
        Seconds allowed for the whole run.

    Returns
    -------
    dict
        The final :func:`notebook_state`; ``pending`` lists the cells that
        were not run and ``errors`` the error outputs.
    """
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel").get_by_text(
        "Run All Cells", exact=True
    ).click()
    page.wait_for_timeout(300)  # let the first request reach the kernel

    def finished(state):
        quiet = state["kernel"] == "idle" and not state["busy"]
        return quiet and (not state["pending"] or state["errors"])

    return _poll(page, finished, "Run All Cells to finish", timeout)


def error_outputs(page) -> list[str]:
    """Return the error outputs of the current notebook.

    Error outputs are read from the notebook model (``output_type ==
    "error"``).  Tracebacks that only show up as text in the DOM are
    caught too: JupyterLab 4 renders them, like stderr, as
    ``.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]``.

    Returns
    -------
    list of str
        A ``"cell i: Name: message"`` line per error output, then the full
        text of every traceback shown; empty when the notebook is clean.
    """
    errors = notebook_state(page)["errors"]
    stderr = page.locator(f"{CURRENT_NOTEBOOK} {STDERR_OUTPUT}").all_inner_texts()
    return errors + [text for text in stderr if "Traceback" in text]


def select_in_dropdown(
    page, css_class: str, option_label: str | None = None, index: int | None = None
) -> str:
    """Choose an option in an ipywidgets Dropdown that carries a CSS class.

    ipywidgets 8 renders ``Dropdown(...).add_class(css_class)`` as an element
    with that class holding a ``<select>``; the option is chosen the way a
    user would, which fires the widget's ``observe`` callbacks.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Browser page.
    css_class : str
        Class given with ``widget.add_class`` (without the dot).
    option_label : str, optional
        Visible label of the option to choose.
    index : int, optional
        Position of the option to choose, if no label is given.

    Returns
    -------
    str
        Label of the option now selected.
    """
    select = page.locator(f"{CURRENT_NOTEBOOK} .{css_class} select").first
    select.wait_for(state="visible")
    if option_label is not None:
        select.select_option(label=option_label)
    elif index is not None:
        select.select_option(index=index)
    else:
        raise ValueError("give option_label or index")
    return select.evaluate("el => el.options[el.selectedIndex].label")


def dropdown_labels(page, css_class: str) -> list[str]:
    """Return the option labels of the Dropdown carrying ``css_class``."""
    select = page.locator(f"{CURRENT_NOTEBOOK} .{css_class} select").first
    select.wait_for(state="visible")
    return select.evaluate("el => [...el.options].map(o => o.label)")


def wait_for_text(page, css_selector: str, timeout: float = 30) -> str:
    """Wait until the first element matching ``css_selector`` has visible text.

    Returns
    -------
    str
        The element's text, stripped.
    """
    locator = page.locator(css_selector).first
    locator.wait_for(state="visible", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while True:
        text = locator.inner_text().strip()
        if text or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(200)


def wait_for_text_change(page, css_selector: str, old_text: str, timeout: float = 30) -> str:
    """Wait until the first element matching ``css_selector`` shows other text.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Browser page.
    css_selector : str
        Element to watch.
    old_text : str
        Text shown before (compared after stripping whitespace).
    timeout : float
        Seconds to wait.

    Returns
    -------
    str
        The new text, stripped.

    Raises
    ------
    TimeoutError
        If the text is still ``old_text`` after ``timeout`` seconds.
    """
    locator = page.locator(css_selector).first
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = locator.inner_text().strip()
        if text != old_text.strip():
            return text
        page.wait_for_timeout(200)
    raise TimeoutError(f"{css_selector!r} still shows {old_text!r} after {timeout:.0f} s")


def screenshot(page, path: str | os.PathLike[str], full_page: bool = True) -> Path:
    """Save a PNG screenshot of the page and return its path.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Browser page.
    path : path-like
        Target file; missing parent directories are created.
    full_page : bool
        Capture the whole scrollable page rather than the viewport.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full_page)
    return target
