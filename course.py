#!/usr/bin/env python3
"""Set up crmsim and open the course, or set up and run every test.

    python3 course.py lab     # virtual environment + package + JupyterLab, then open the course
    python3 course.py test    # virtual environment + package + test tools, then run every test
    python3 course.py app     # the course's dashboards as pages without code (Voila), with a landing page

``lab`` and ``app`` take ``--language zh`` (or ``en``); without it the course
language comes from ``CRMSIM_LANGUAGE``, else from the system locale
(``LANG``/``LC_ALL`` starting with ``zh``), else English. In Chinese,
JupyterLab's own menus are Chinese too (its Chinese language pack is installed).

Needs only Python 3.11+ with pip and venv. Everything is installed into
``.venv`` beside this file; nothing outside it changes, except that on CI
(``CI`` set) or with ``--with-browser``, when running as root on Debian, the
test command installs Debian's Chromium and CJK fonts for the browser test.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import venv
import webbrowser
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
BROWSER_PACKAGES = ["chromium", "fonts-noto-cjk"]


def say(message: str) -> None:
    print(f"[crmsim] {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def setup(extra: str) -> None:
    """Create ``.venv`` and install crmsim with the given extra, unless already done for this pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"crmsim needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say(f"creating the virtual environment {VENV}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv
            sys.exit(f"could not create {VENV}: {exc}\n(on Debian/Ubuntu: apt install python3-venv)")
    stamp = VENV / f".crmsim-setup-{extra}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        say(f"environment already set up for '{extra}'")
        return
    say(f"installing crmsim[{extra}] and its dependencies (first time: a few minutes)")
    run([str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-e", f".[{extra}]"],
        cwd=ROOT)
    stamp.write_text(wanted)


def find_chromium() -> str | None:
    explicit = os.environ.get("CRMSIM_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_browser(install: bool) -> None:
    """Install Debian's Chromium (never a downloaded browser build) when allowed and possible."""
    if find_chromium():
        return
    can_install = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")
    if install and can_install:
        say("installing Debian's chromium and CJK fonts for the browser test")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *BROWSER_PACKAGES], env=env)
        return
    why = "not root on a Debian-like system" if not can_install else "not on CI (pass --with-browser to install it)"
    say(f"no Chromium found and not installing one ({why}): the browser test will be SKIPPED")


LANGUAGES = ("en", "zh")
#: JupyterLab's locale for each course language.
LAB_LOCALES = {"en": "en", "zh": "zh_CN"}


def course_language(args: list[str]) -> tuple[str, list[str]]:
    """The course language and the arguments left: ``--language X`` first, then the environment."""
    language = None
    rest = list(args)
    for i, arg in enumerate(rest):
        if arg == "--language" and i + 1 < len(rest):
            language = rest[i + 1]
            del rest[i:i + 2]
            break
        if arg.startswith("--language="):
            language = arg.split("=", 1)[1]
            del rest[i]
            break
    if language is None:
        language = os.environ.get("CRMSIM_LANGUAGE") or (
            "zh" if (os.environ.get("LC_ALL") or os.environ.get("LANG") or "").lower().startswith("zh") else "en")
    if language not in LANGUAGES:
        sys.exit(f"--language must be one of {LANGUAGES}; got {language!r}")
    return language, rest


def run_child(command: list[str], **kwargs) -> int:
    """Run ``command`` until it ends, passing Ctrl+C and SIGTERM on to it, so no server is left behind.

    The handlers are set before the child starts: a signal that was ignored here (a shell starting us in
    the background ignores SIGINT) would otherwise stay ignored in the child, whereas a handler is reset to
    the default when the child executes its program.
    """
    started: list[subprocess.Popen] = []

    def forward(signum, _frame):
        if started and started[0].poll() is None:
            started[0].send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        started.append(subprocess.Popen(command, **kwargs))
        child = started[0]
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # Windows: the console sent it to both of us
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def lab_settings(language: str) -> Path:
    """A JupyterLab settings folder inside ``.venv`` whose overrides choose the course language."""
    folder = VENV / "crmsim-lab-settings" / language
    folder.mkdir(parents=True, exist_ok=True)
    overrides = {"@jupyterlab/translation-extension:plugin": {"locale": LAB_LOCALES[language]}}
    (folder / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    return folder


def lab(args: list[str]) -> int:
    language, args = course_language(args)
    setup("course")
    # Serve the whole course and open on its root, where notebooks/ and exercises/ are side by side.
    command = [str(PYTHON), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", "--LabApp.default_url=/lab/tree"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(lab_settings(language)), CRMSIM_LANGUAGE=language)
    say(f"opening the course in JupyterLab ({language}; stop it with Ctrl+C)")
    return run_child(command + args, cwd=ROOT, env=env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def open_when_ready(url: str, port: int, timeout: float = 120) -> None:
    """Open ``url`` in the browser once the server accepts connections (in the background)."""
    def wait_and_open():
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    webbrowser.open(url)
                    return
            time.sleep(0.5)

    threading.Thread(target=wait_and_open, daemon=True).start()


def app(args: list[str]) -> int:
    language, args = course_language(args)
    setup("course")
    port = free_port()
    for i, arg in enumerate(args):  # the user's own --port wins
        if arg == "--port" and i + 1 < len(args):
            port = int(args[i + 1])
        elif arg.startswith("--port="):
            port = int(arg.split("=", 1)[1])
    if not any(a == "--port" or a.startswith("--port=") for a in args):
        args = [*args, f"--port={port}"]
    url = f"http://127.0.0.1:{port}/voila/render/00_index.ipynb"
    show = "--no-browser" not in args
    args = [a for a in args if a != "--no-browser"]  # Voila would open its file list; we open the landing page
    command = [str(PYTHON), "-m", "voila", str(ROOT / "apps" / language), "--no-browser", "--Voila.ip=127.0.0.1",
               *args]
    if show:
        open_when_ready(url, port)
    say(f"serving the dashboards at {url} ({language}; stop with Ctrl+C)")
    return run_child(command, cwd=ROOT, env=dict(os.environ, CRMSIM_LANGUAGE=language))


#: Most pytest workers the test command starts: the suite is one JupyterLab, two Voilas, a browser and a
#: kernel per notebook, so more workers than this wait on each other more than they gain.
MAX_TEST_WORKERS = 4


def parallel(args: list[str]) -> list[str]:
    """pytest-xdist arguments for the test command: one worker per core (at most :data:`MAX_TEST_WORKERS`).

    Whole files go to one worker (``--dist loadfile``): nbval runs a notebook's cells in order in one
    kernel, and a browser module shares its servers and page. Nothing is added on one core, or when
    the caller chose (``-n``/``--numprocesses``/``-p no:xdist``).
    """
    chosen = any(a in ("-n", "--numprocesses", "no:xdist") or a.startswith(("-n", "--numprocesses=")) for a in args)
    workers = min(os.cpu_count() or 1, MAX_TEST_WORKERS)
    return [] if chosen or workers < 2 else ["-n", str(workers), "--dist", "loadfile"]


def test(args: list[str]) -> int:
    with_browser = "--with-browser" in args or bool(os.environ.get("CI"))
    args = [a for a in args if a != "--with-browser"]
    setup("test")
    ensure_browser(install=with_browser)
    command = [str(PYTHON), "-m", "pytest", "tests", "notebooks/en", "notebooks/zh", "exercises/en", "exercises/zh",
               "apps/en", "apps/zh", "--nbval", "--nbval-cell-timeout=600", "-ra", *parallel(args), *args]
    say("running every test: " + " ".join(command[2:]))
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if os.environ.get("CI"):
        env["CRMSIM_REQUIRE_BROWSER"] = "1"  # on CI a missing browser is a failure, not a skip
    return run_child(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    commands = {"lab": lab, "test": test, "app": app}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
