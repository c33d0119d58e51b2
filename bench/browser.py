"""Latency where the learner is: control change -> new figure in the browser, on the Voila app pages.

Serves ``apps/<lang>`` with Voila (as ``python3 course.py app`` does), opens each dashboard page (01, 02,
03, 04, 06) in Debian's Chromium through Playwright and moves every control of the dashboard the way a
person does: dropdowns choose their next option, sliders are clicked far up, far down and back on their
track (far moves change the figure's axis ranges, which costs a whole redraw), percentage sliders are
typed into and clicked in turn, checkboxes are ticked. On 05, the role-play console, a round is played
and undone. Each change is timed in the page: from the input event (``pointerdown``, ``keydown`` or
``change``) to the moment the dashboard's ``<img>`` has a new ``src`` (a MutationObserver, no polling
from Python); the image's decode time is shown beside it. A change that alters only the summary line
counts with the time of the summary (none of the dashboards has one today).

The peer, in the same run: a bare ipywidgets round trip on its own Voila page (a slider whose callback
swaps between ready-made PNGs of the dashboards' size, no model, no drawing), the floor set by the kernel
protocol, the websocket and the browser.

Without Playwright, Voila or a Chromium the bench says so and exits with 0.

Usage::

    python bench/browser.py [--lang zh|en] [--repeats 3] [--pages 01 02 ...] [--no-peer]

The last line is ``median_ms=<x> p95_ms=<y> worst_ms=<z>`` (targets on 2 cores: median <= 100, p95 <= 200).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Seconds a change may take before it counts as showing nothing new.
TIMEOUT_S = 10

PAGES = {"01": "01_customer_value_app.ipynb", "02": "02_relationship_levels_app.ipynb",
         "03": "03_key_account_sales_app.ipynb", "04": "04_credit_decisions_app.ipynb",
         "05": "05_role_play_app.ipynb", "06": "06_customer_development_app.ipynb"}

#: The peer's page: a slider swapping between ready-made PNGs of a dashboard's size, and a summary line.
PEER_SOURCE = '''
import io
import ipywidgets as widgets
import numpy as np
from PIL import Image

def png(k):
    y, x = np.mgrid[0:360, 0:810]
    ink = ((x * 7 + y * 13 + k * 101) % 97 < 9) | ((x // 40 + y // 30 + k) % 5 == 0)
    buffer = io.BytesIO()
    Image.fromarray(np.where(ink, 60, 255).astype(np.uint8)).convert("RGBA").save(buffer, "png", compress_level=1)
    return buffer.getvalue()

pngs = [png(k) for k in range(11)]  # one per slider value: every change shows a new image
slider = widgets.IntSlider(value=0, min=0, max=10, description="peer")
image = widgets.Image(value=pngs[0], format="png")
summary = widgets.HTML("0")
summary.add_class("crmsim-summary")
box = widgets.VBox([slider, summary, image])
box.add_class("crmsim-dashboard")

def changed(change):
    image.value = pngs[change["new"]]
    summary.value = str(change["new"])

slider.observe(changed, names="value")
box
'''


def skip_reason() -> str | None:
    """Why the bench cannot run here, or None."""
    for module, hint in (("playwright", "pip install playwright (the browser is Debian's `chromium`)"),
                         ("voila", "pip install voila")):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed: {hint}"
    from tests.browser import harness

    if harness.find_chromium() is None:
        return (f"no Chromium found: install Debian's `chromium` package or set {harness.CHROMIUM_ENV} "
                "(no `playwright install` is needed)")
    return None


def p95(values: list[float]) -> float:
    """The 95th percentile, by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def shown_ms(timing: dict) -> float | None:
    """When the change became visible: the new image, else (a summary-only change) the new summary."""
    return timing["image_ms"] if timing["image_ms"] is not None else timing["summary_ms"]


def png_kb(page) -> float:
    """Size of the PNG the dashboard's image shows, in kB."""
    from tests.browser.app_pages import DASHBOARD_IMAGE

    return page.evaluate("""async selector => {
        const blob = await (await fetch(document.querySelector(selector).src)).blob();
        return blob.size / 1000; }""", DASHBOARD_IMAGE)


def bench_dashboard(page, repeats: int, settle_ms: int) -> list[dict]:
    """Move every control of the dashboard on ``page`` ``repeats`` times; one record per change."""
    from tests.browser import app_pages

    records = []
    for turn in range(repeats):
        for control in app_pages.dashboard_controls(page):
            if control["disabled"] or control["kind"] == "button":
                continue
            timing = app_pages.timed_change(page, timeout=TIMEOUT_S, action=lambda: app_pages.move_control(page, control, turn))
            moved = app_pages.control_value(page, control) != control["value"]
            records.append({"control": control["label"] or control["kind"], "moved": moved, **timing})
            app_pages.wait_until_quiet(page, settle_ms / 1000)
    return records


def bench_roleplay(page, repeats: int, settle_ms: int, language: str) -> list[dict]:
    """Play a round of the console (the first person: an approach and some hours) and undo it, ``repeats`` times."""
    import crmsim
    from tests.browser import app_pages

    play = page.get_by_role("button", name=crmsim.t("rp.widget.play", language))
    undo = page.get_by_role("button", name=crmsim.t("rp.widget.undo", language))
    records = []
    for _ in range(repeats):
        person = page.locator(".widget-hbox:has(.widget-dropdown):has(.widget-hslider)").first
        person.locator("select").select_option(index=2)
        track = person.locator(".widget-hslider .slider-container").first.bounding_box()
        page.mouse.click(track["x"] + track["width"] * 0.6, track["y"] + track["height"] / 2)
        app_pages.wait_until_quiet(page, settle_ms / 1000)
        for name, button in (("play round", play), ("undo round", undo)):
            timing = app_pages.timed_change(page, timeout=TIMEOUT_S, action=lambda: button.click() or "clicked")
            records.append({"control": name, **timing})
            app_pages.wait_until_quiet(page, settle_ms / 1000)
    return records


def bench_peer(chromium: str, repeats: int, settle_ms: int) -> list[float]:
    """Milliseconds of a bare slider -> Image round trip on its own Voila page."""
    import nbformat

    from tests.browser import app_pages, harness

    with tempfile.TemporaryDirectory(prefix="crmsim-peer-") as folder:
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook.cells = [nbformat.v4.new_code_cell(PEER_SOURCE.strip())]
        nbformat.write(notebook, Path(folder) / "peer.ipynb")
        with app_pages.voila(folder) as base, harness.browser_page(chromium, viewport=(1024, 768)) as page:
            app_pages.open_app_page(page, base, "peer.ipynb")
            times = []
            for turn in range(max(6, 4 * repeats)):
                control = app_pages.dashboard_controls(page)[0]
                timing = app_pages.timed_change(page, timeout=TIMEOUT_S, action=lambda: app_pages.move_control(page, control, turn))
                if shown_ms(timing) is not None:
                    times.append(shown_ms(timing))
                app_pages.wait_until_quiet(page, settle_ms / 1000)
            print(f"peer (bare ipywidgets slider -> Image round trip, {png_kb(page):.0f} kB PNG): "
                  f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms over {len(times)} changes")
            return times


def report(name: str, records: list[dict], opened_s: float, kb: float) -> list[float]:
    """Print one page's figures; return the milliseconds of its visible changes."""
    shown = [shown_ms(r) for r in records]
    times = [t for t in shown if t is not None]
    print(f"{name}: opened in {opened_s:.1f} s, PNG {kb:.0f} kB")
    by_control: dict[str, list[dict]] = {}
    for record in records:
        by_control.setdefault(record["control"], []).append(record)
    for control, rows in by_control.items():
        cells = []
        for r in rows:
            if r["image_ms"] is not None:
                cells.append(f"{r['image_ms']:.0f} (+{r['loaded_ms'] - r['image_ms']:.0f} decode)")
            elif r["summary_ms"] is not None:
                cells.append(f"{r['summary_ms']:.0f} (summary only)")
            elif r.get("moved", True):
                cells.append("no visible change")
            else:
                cells.append("not moved (the value stayed)")
        print(f"  {control}: {', '.join(cells)} ms  [{rows[-1]['done']}]")
    silent = len(shown) - len(times)
    if times:
        print(f"  {name}: {len(times)} changes, median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms, "
              f"worst {max(times):.0f} ms, first change {times[0]:.0f} ms"
              + (f"; {silent} changes showed nothing new" if silent else ""))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="which app pages (default zh)")
    parser.add_argument("--repeats", type=int, default=3, help="times every control is moved (default 3)")
    parser.add_argument("--pages", nargs="*", default=sorted(PAGES), choices=sorted(PAGES),
                        help="page numbers (default: all; 05 plays and undoes rounds)")
    parser.add_argument("--settle-ms", type=int, default=200,
                        help="quiet time (no new figure or summary) awaited after each change (default 200)")
    parser.add_argument("--no-peer", action="store_true", help="skip the bare-widget peer")
    args = parser.parse_args(argv)

    reason = skip_reason()
    if reason:
        print(f"SKIP bench/browser.py: {reason}")
        return 0
    from tests.browser import app_pages, harness

    chromium = harness.find_chromium()
    print(f"chromium={chromium} lang={args.lang} repeats={args.repeats} cpus={os.cpu_count()} "
          f"load_avg_1min={os.getloadavg()[0]:.1f} (other processes share the CPUs)")
    started = time.monotonic()
    everything: list[float] = []
    locale = "zh-CN" if args.lang == "zh" else "en-US"
    with app_pages.voila(ROOT / "apps" / args.lang) as base, \
            harness.browser_page(chromium, viewport=(1024, 768), locale=locale) as page:
        for number in args.pages:
            opening = time.monotonic()
            app_pages.open_app_page(page, base, PAGES[number])
            opened_s = time.monotonic() - opening
            kb = png_kb(page)
            if number == "05":
                records = bench_roleplay(page, args.repeats, args.settle_ms, args.lang)
            else:
                records = bench_dashboard(page, args.repeats, args.settle_ms)
            everything += report(PAGES[number].removesuffix("_app.ipynb"), records, opened_s, kb)
    if not args.no_peer:
        bench_peer(chromium, args.repeats, args.settle_ms)
    print(f"all pages: {len(everything)} changes in {time.monotonic() - started:.0f} s; "
          f"load_avg_1min={os.getloadavg()[0]:.1f}; targets on 2 cores: median <= 100, p95 <= 200")
    if not everything:
        print("no change showed anything new: nothing to time")
        return 1
    print(f"median_ms={statistics.median(everything):.0f} p95_ms={p95(everything):.0f} worst_ms={max(everything):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
