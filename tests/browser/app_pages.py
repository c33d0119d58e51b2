"""Dashboard app pages in a real browser: Voila serving ``apps/<lang>``, and a person's hand on the controls.

:func:`voila` serves a folder of app pages; :func:`open_app_page` opens one and waits for its dashboard;
:func:`dashboard_controls` finds every control of the dashboard on the page (dropdowns, sliders,
percentage sliders, checkboxes, buttons) and :func:`move_control` moves one the way a person does
(choosing an option, clicking a slider's track, typing a percentage, ticking a box). :func:`timed_change`
times a change in the page itself, from the input event to the new figure, so the bench
(``bench/browser.py``) and the tests (``test_every_dashboard.py``) measure the same thing.
:func:`layout_problems` and :func:`code_shown` say what a person could not use or should not see::

    with voila(REPO_ROOT / "apps" / "zh") as base, harness.browser_page(chromium) as page:
        open_app_page(page, base, "04_credit_decisions_app.ipynb")
        for control in dashboard_controls(page):
            print(timed_change(page, lambda: move_control(page, control)))
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from .harness import REPO_ROOT, _stop_process_group, free_port, wait_for_text

#: The dashboards' app pages (05, the role-play console, is played with its buttons: see ``bench/browser.py``).
DASHBOARD_PAGES = ("01_customer_value_app.ipynb", "02_relationship_levels_app.ipynb",
                   "03_key_account_sales_app.ipynb", "04_credit_decisions_app.ipynb",
                   "06_customer_development_app.ipynb")

#: Seconds allowed for Voila to start and for an app page to show its dashboard.
VOILA_TIMEOUT = 90

#: The dashboard's figure (an ipywidgets Image renders as an ``<img class="widget-image">``).
DASHBOARD_IMAGE = ".widget-image img, img.widget-image"


@contextlib.contextmanager
def voila(folder: str | os.PathLike[str], startup_timeout: float = VOILA_TIMEOUT,
          python: str = sys.executable) -> Iterator[str]:
    """Serve ``folder`` with Voila on a free port of 127.0.0.1; yield its base URL (no trailing ``/``).

    The server and its kernels are stopped afterwards, even if the block raised. Its output goes to a
    temporary file (a pipe nobody reads would fill up and stall the server) and is quoted if it exits early.

    Raises
    ------
    RuntimeError
        If Voila exits before it listens; ``TimeoutError`` if it does not listen in time.
    """
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([python, "-m", "voila", str(folder), "--no-browser", f"--port={port}",
                                "--Voila.ip=127.0.0.1"], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True, cwd=REPO_ROOT)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"voila exited with code {process.returncode}: "
                                   f"{log.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"voila did not listen on port {port} within {startup_timeout:.0f} s")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop_process_group(process)
        log.close()


def open_app_page(page, base_url: str, notebook: str, timeout: float = VOILA_TIMEOUT) -> str:
    """Open an app page served by :func:`voila` and wait until its dashboard shows a figure and a summary.

    Returns
    -------
    str
        The summary's text.
    """
    page.goto(f"{base_url}/voila/render/{notebook}", timeout=timeout * 1000)
    page.locator(DASHBOARD_IMAGE).first.wait_for(state="visible", timeout=timeout * 1000)
    return wait_for_text(page, ".crmsim-summary", timeout=timeout)


#: JavaScript that reads one control element: its value (a slider's exact value from its noUiSlider, a
#: dropdown's selected index, a checkbox's state), range and step. noUiSlider's ``aria-value*`` attributes
#: are rounded (0.35 reads 0.3), so the slider object itself is asked.
_READ_JS = """const read = el => {
    const target = el.querySelector('.noUi-target');
    const slider = target && target.noUiSlider;
    const select = el.querySelector('select');
    const box = el.querySelector('input[type=checkbox]');
    if (slider) {
        const range = slider.options.range;
        return {value: Number(slider.get(true)), min: Number(range.min), max: Number(range.max),
                step: Number(slider.options.step || 0)};
    }
    if (select) return {value: select.selectedIndex, min: 0, max: select.options.length - 1, step: 1};
    if (box) return {value: box.checked, min: 0, max: 1, step: 1};
    return {value: null, min: 0, max: 1, step: 0};
};"""

#: JavaScript that finds the controls of the dashboard on the page, marks each with
#: ``data-crmsim-control="<i>"`` and describes it. Kinds: ``select`` (a dropdown), ``percent`` (a
#: :class:`crmsim.widgets.PercentSlider`: slider and text box), ``slider`` (any other slider),
#: ``checkbox``, ``button``.
_CONTROLS_JS = "() => {" + _READ_JS + """
    const root = document.querySelector('.crmsim-dashboard, .crmsim-roleplay-console') || document.body;
    const found = [];
    const add = (el, kind) => { if (el.offsetParent !== null && !el.dataset.crmsimControl) {
        el.dataset.crmsimControl = String(found.length); found.push([el, kind]); } };
    root.querySelectorAll('.crmsim-percent, .widget-dropdown, .widget-hslider, .widget-checkbox, '
                          + 'button.widget-button').forEach(el => {
        if (el.classList.contains('crmsim-percent')) add(el, 'percent');
        else if (el.closest('.crmsim-percent')) return;
        else if (el.classList.contains('widget-dropdown')) add(el, 'select');
        else if (el.classList.contains('widget-hslider')) add(el, 'slider');
        else if (el.classList.contains('widget-checkbox')) add(el, 'checkbox');
        else add(el, 'button');
    });
    return found.map(([el, kind]) => {
        const label = [...el.querySelectorAll('.widget-label, label')]
            .find(l => l.innerText.replace(/\u200b/g, '').trim());
        const select = el.querySelector('select');
        const box = el.querySelector('input[type=checkbox]');
        return {index: Number(el.dataset.crmsimControl), kind, ...read(el),
                label: (kind === 'button' ? el.innerText : label ? label.innerText : '').replace(/\u200b/g, '').trim(),
                disabled: !!(el.disabled || (select && select.disabled) || (box && box.disabled)),
                options: select ? [...select.options].map(o => o.label) : []};
    });
}"""


def dashboard_controls(page) -> list[dict]:
    """Describe the visible controls of the dashboard on the page (see ``_CONTROLS_JS``).

    Each is a dict with ``index`` (its ``data-crmsim-control`` mark), ``kind`` (``select``, ``percent``,
    ``slider``, ``checkbox`` or ``button``), ``label``, ``disabled``, ``value`` (a slider's value, a
    dropdown's selected index, a checkbox's state), ``min``, ``max``, ``step`` and a dropdown's
    ``options``. Every call marks the controls afresh; call it again to read current values.
    """
    page.evaluate("() => document.querySelectorAll('[data-crmsim-control]')"
                  ".forEach(el => delete el.dataset.crmsimControl)")
    return page.evaluate(_CONTROLS_JS)


def control_value(page, control: dict) -> object:
    """The current value of a control described by :func:`dashboard_controls` (as ``value`` there)."""
    return page.evaluate("i => {" + _READ_JS + """
        return read(document.querySelector(`[data-crmsim-control="${i}"]`)).value; }""", control["index"])


def control_locator(page, control: dict):
    """The Playwright locator of a control described by :func:`dashboard_controls`."""
    return page.locator(f'[data-crmsim-control="{control["index"]}"]')


#: Where a slider is clicked, as fractions of its track, in turn: far up, far down, the middle (far moves
#: change the figure's axis ranges; a target near the handle is skipped, a click there would grab it).
SLIDER_TARGETS = (0.9, 0.1, 0.6, 0.3)


def slider_target(control: dict, turn: int) -> float:
    """The fraction of the track to move a slider to on its ``turn``-th move: the next of
    :data:`SLIDER_TARGETS` at least a quarter of the track away from where the handle is."""
    span = control["max"] - control["min"]
    now = (control["value"] - control["min"]) / span if span else 0.0
    candidates = SLIDER_TARGETS[turn % len(SLIDER_TARGETS):] + SLIDER_TARGETS[:turn % len(SLIDER_TARGETS)]
    return next(t for t in candidates if abs(t - now) >= 0.25)


def move_control(page, control: dict, turn: int = 0, *, type_percent: bool | None = None) -> str:
    """Move a dashboard control the way a person does; return what was done, for messages.

    A dropdown gets its next option; a slider is clicked on its track (see :func:`slider_target`); a
    percentage slider is typed into (``"37%"`` + Enter) or, with ``type_percent=False``, clicked on its
    track (default: typed on even turns, clicked on odd ones); a checkbox is toggled; a button is clicked.
    """
    where = control_locator(page, control)
    kind = control["kind"]
    if kind == "select":
        index = (control["value"] + 1) % len(control["options"])
        where.locator("select").select_option(index=index)
        return f"chose {control['options'][index]!r}"
    if kind == "checkbox":
        where.locator("input[type=checkbox]").click()
        return "toggled"
    if kind == "button":
        where.click()
        return "clicked"
    # noUiSlider ignores a tap on a track for 300 ms after the last one (its "tap" transition).
    where.locator(".noUi-state-tap").wait_for(state="detached", timeout=5_000)
    target = slider_target(control, turn)
    if kind == "percent" and (turn % 2 == 0 if type_percent is None else type_percent):
        fraction = control["min"] + target * (control["max"] - control["min"])
        if control["step"]:  # a value on the slider's steps, as the slider itself would set it
            fraction = control["min"] + round((fraction - control["min"]) / control["step"]) * control["step"]
        text = f"{round(fraction * 100)}%"
        box = where.locator(".crmsim-percent-text input")
        box.fill(text)
        box.press("Enter")
        return f"typed {text!r}"
    track = where.locator(".slider-container").first
    box = track.bounding_box()
    page.mouse.click(box["x"] + box["width"] * target, box["y"] + box["height"] / 2)
    return f"clicked the track at {target:.0%}"


#: JavaScript that arms the timing of one change: from the first ``pointerdown``, ``keydown`` or
#: ``change`` event after it ran to the moment the dashboard's ``<img>`` gets a new ``src`` (a
#: MutationObserver, so no polling from Python adds to the figure), and when the summary changed.
_ARM_JS = """([imageSelector, timeoutMs, quietMs]) => {
    const img = document.querySelector(imageSelector);
    const summary = document.querySelector('.crmsim-summary');
    const state = {t0: null, image: null, loaded: null, summary: null,
                   src: img.getAttribute('src'), text: summary ? summary.innerText : null};
    const start = () => { if (state.t0 === null) state.t0 = performance.now(); };
    const types = ['pointerdown', 'keydown', 'change'];
    types.forEach(type => window.addEventListener(type, start, true));
    state.done = new Promise(resolve => {
        const finish = () => { observer.disconnect(); clearTimeout(timer);
                               types.forEach(type => window.removeEventListener(type, start, true));
                               resolve(); };
        const observer = new MutationObserver(() => {
            const now = performance.now();
            if (state.image === null && img.getAttribute('src') !== state.src) {
                state.image = now;
                img.decode().catch(() => null).then(() => { state.loaded = performance.now(); finish(); });
            }
            if (state.summary === null && summary && summary.innerText !== state.text) {
                state.summary = now;
                // A change that alters only the summary: stop waiting for the figure after quietMs.
                if (state.image === null) setTimeout(() => { if (state.image === null) finish(); }, quietMs);
            }
        });
        observer.observe(img, {attributes: true, attributeFilter: ['src']});
        if (summary) observer.observe(summary, {subtree: true, childList: true, characterData: true});
        const timer = setTimeout(finish, timeoutMs);
    });
    window.__crmsimTiming = state;
}"""

_RESULT_JS = """async () => {
    const s = window.__crmsimTiming;
    await s.done;
    const since = t => (t === null || s.t0 === null) ? null : t - s.t0;
    return {started: s.t0 !== null, image_ms: since(s.image), loaded_ms: since(s.loaded),
            summary_ms: since(s.summary)};
}"""


def timed_change(page, action, timeout: float = 30, quiet: float = 2.0) -> dict:
    """Time ``action()`` (which changes a control) until the dashboard's figure is replaced in the page.

    The clock runs in the page: it starts at the first ``pointerdown``, ``keydown`` or ``change`` event
    that ``action`` causes and stops when the ``<img>`` gets a new ``src`` (``image_ms``) and when that
    image is decoded (``loaded_ms``); ``summary_ms`` is when the summary line changed. A change that
    alters only the summary ends ``quiet`` seconds after it; nothing at all ends after ``timeout``.

    Returns
    -------
    dict
        ``done`` (what ``action`` returned), ``started`` (an event was seen), ``image_ms``,
        ``loaded_ms``, ``summary_ms`` (milliseconds, or None when that did not change).
    """
    page.evaluate(_ARM_JS, [DASHBOARD_IMAGE, timeout * 1000, quiet * 1000])
    done = action()
    result = page.evaluate(_RESULT_JS)
    return {"done": done, **result}


_QUIET_JS = """([imageSelector, quietMs, timeoutMs]) => new Promise(resolve => {
    const started = performance.now();
    let timer = null;
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
    const done = () => { observer.disconnect(); resolve(performance.now() - started); };
    observer.observe(document.querySelector(imageSelector), {attributes: true, attributeFilter: ['src']});
    const summary = document.querySelector('.crmsim-summary');
    if (summary) observer.observe(summary, {subtree: true, childList: true, characterData: true});
    timer = setTimeout(done, quietMs);
    setTimeout(done, timeoutMs);
})"""


def wait_until_quiet(page, quiet: float = 0.25, timeout: float = 10) -> float:
    """Wait until neither the figure nor the summary has changed for ``quiet`` seconds; return the seconds waited.

    A change can bring more than one update (a value the slider puts back on its steps, a summary sent after
    the figure): the next change is timed only once they are all in.
    """
    return page.evaluate(_QUIET_JS, [DASHBOARD_IMAGE, quiet * 1000, timeout * 1000]) / 1000


#: Narrowest slider track that a learner can still drag with some precision (px).
MIN_TRACK_PX = 80
#: The slider tracks of a page (the movable part of an ipywidgets slider).
TRACKS = ".widget-hslider .slider-container"

#: Labels (descriptions) whose text does not fit their box, as "text: scroll > client".
_CUT_LABELS_JS = """els => els.filter(el => el.offsetParent !== null && el.textContent.trim()
                                     && el.scrollWidth > el.clientWidth + 1)
                        .map(el => `${el.textContent.trim()}: ${el.scrollWidth} > ${el.clientWidth}`)"""

#: Dropdowns narrower than their longest option's text plus room for the arrow.
_NARROW_SELECTS_JS = """els => {
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


def layout_problems(page, min_track_px: float = MIN_TRACK_PX) -> list[str]:
    """What keeps a person from using the dashboard at the page's current size; empty when nothing does.

    Every slider track must be at least ``min_track_px`` wide (to drag with some precision), no
    control's description may be cut, every dropdown must be wide enough for its longest option, and
    the page must not scroll sideways. A page with no slider at all is a problem too (the dashboards
    all have one; finding none means the page did not render its controls).
    """
    tracks = page.locator(TRACKS)
    if tracks.count() == 0:
        return ["no slider found"]
    problems = []
    widths = [tracks.nth(i).bounding_box()["width"] for i in range(tracks.count())]
    if min(widths) < min_track_px:
        problems.append(f"slider tracks {widths} px, want >= {min_track_px}")
    cut = page.locator(".widget-label, .widget-checkbox label").evaluate_all(_CUT_LABELS_JS)
    if cut:
        problems.append(f"descriptions cut: {cut}")
    narrow = page.locator(".widget-dropdown select").evaluate_all(_NARROW_SELECTS_JS)
    if narrow:
        problems.append(f"dropdowns too narrow for their options: {narrow}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 1:
        problems.append(f"the page scrolls sideways by {overflow} px")
    return problems


def code_shown(page, notebook: str | os.PathLike[str]) -> list[str]:
    """The code an app page shows, which it must not: editors, and lines of the notebook's code cells.

    Parameters
    ----------
    page : playwright.sync_api.Page
        A page opened with :func:`open_app_page`.
    notebook : path-like
        The app page's notebook file, whose code cells' lines are looked for in the page's text.

    Returns
    -------
    list of str
        ``"a code editor"`` when the page has one, then each code line found in the page's text.
    """
    found = ["a code editor"] if page.locator(".cm-editor, .CodeMirror").count() else []
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    lines = {line.strip() for cell in cells if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines() if line.strip()}
    text = page.inner_text("body")
    return found + sorted(line for line in lines if line in text)
