"""course.py: the course language, and servers that stop when course.py is stopped."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
course = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course)


@pytest.mark.parametrize("args, env, expected", [
    (["--language", "zh", "--port", "1"], {}, ("zh", ["--port", "1"])),
    (["--language=en"], {"CRMSIM_LANGUAGE": "zh"}, ("en", [])),
    ([], {"CRMSIM_LANGUAGE": "zh"}, ("zh", [])),
    ([], {"LANG": "zh_CN.UTF-8"}, ("zh", [])),
    ([], {"LANG": "en_US.UTF-8"}, ("en", [])),
])
def test_the_course_language_comes_from_the_option_then_the_environment(monkeypatch, args, env, expected):
    for name in ("CRMSIM_LANGUAGE", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert course.course_language(args) == expected


def test_an_unknown_language_is_refused():
    with pytest.raises(SystemExit, match="--language must be one of"):
        course.course_language(["--language", "fr"])


def test_jupyterlab_opens_in_chinese_when_the_course_is_chinese(monkeypatch, tmp_path):
    monkeypatch.setattr(course, "VENV", tmp_path)
    folder = course.lab_settings("zh")
    overrides = json.loads((folder / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"


def test_the_app_serves_the_chosen_language_and_opens_the_landing_page(monkeypatch):
    seen = {}
    monkeypatch.setattr(course, "setup", lambda extra: seen.setdefault("extra", extra))
    monkeypatch.setattr(course, "run_child", lambda command, **kw: seen.update(command=command, env=kw["env"]) or 0)
    monkeypatch.setattr(course, "open_when_ready", lambda url, port: seen.update(url=url))
    assert course.app(["--language", "zh", "--port", "8999"]) == 0
    assert seen["extra"] == "course" and seen["env"]["CRMSIM_LANGUAGE"] == "zh"
    assert str(ROOT / "apps" / "zh") in seen["command"] and "--port" in seen["command"]
    assert seen["url"] == "http://127.0.0.1:8999/voila/render/00_index.ipynb"
    assert (ROOT / "apps" / "zh" / "00_index.ipynb").is_file()


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("signum, started_in_background", [(signal.SIGTERM, False), (signal.SIGINT, False),
                                                           (signal.SIGINT, True)])
def test_stopping_course_py_stops_its_server(tmp_path, signum, started_in_background):
    """SIGTERM and Ctrl+C reach the server, also when course.py was started with SIGINT ignored (as a shell
    starts a job in the background): the child must not inherit the ignored signal."""
    pid_file = tmp_path / "child.pid"
    server = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)"
    ignore_sigint = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if started_in_background else None
    parent = subprocess.Popen([sys.executable, "-c", (
        f"import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('course', {str(ROOT / 'course.py')!r})\n"
        f"course = importlib.util.module_from_spec(spec); spec.loader.exec_module(course)\n"
        f"sys.exit(course.run_child([sys.executable, '-c', {server!r}]))\n")], preexec_fn=ignore_sigint)
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.1)
    child = int(pid_file.read_text())
    parent.send_signal(signum)
    parent.wait(timeout=30)
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
