#!/usr/bin/env python3
"""Set up crmsim and open the course, or set up and run every test.

    python3 course.py lab     # virtual environment + package + JupyterLab, then open the course
    python3 course.py test    # virtual environment + package + test tools, then run every test

Needs only Python 3.11+ with pip and venv. Everything is installed into
``.venv`` beside this file; nothing outside it changes, except that on CI
(``CI`` set) or with ``--with-browser``, when running as root on Debian, the
test command installs Debian's Chromium and CJK fonts for the browser test.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
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


def lab(args: list[str]) -> int:
    setup("course")
    # Serve the whole course and open on its root, where notebooks/ and exercises/ are side by side.
    command = [str(PYTHON), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", "--LabApp.default_url=/lab/tree"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    say("opening the course in JupyterLab (stop it with Ctrl+C)")
    return subprocess.call(command + args, cwd=ROOT)


def test(args: list[str]) -> int:
    with_browser = "--with-browser" in args or bool(os.environ.get("CI"))
    args = [a for a in args if a != "--with-browser"]
    setup("test")
    ensure_browser(install=with_browser)
    command = [str(PYTHON), "-m", "pytest", "tests", "notebooks/en", "notebooks/zh", "exercises/en", "exercises/zh",
               "--nbval", "--nbval-cell-timeout=600", "-ra", *args]
    say("running every test: " + " ".join(command[2:]))
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if os.environ.get("CI"):
        env["CRMSIM_REQUIRE_BROWSER"] = "1"  # on CI a missing browser is a failure, not a skip
    return subprocess.call(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    commands = {"lab": lab, "test": test}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
