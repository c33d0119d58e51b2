"""course.py's test command runs the suite on every core (pytest-xdist), whole files to a worker."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
course = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course)


@pytest.mark.parametrize("cores, args, expected", [
    (2, [], ["-n", "2", "--dist", "loadfile"]),
    (16, ["-x"], ["-n", str(course.MAX_TEST_WORKERS), "--dist", "loadfile"]),
    (None, [], []),  # os.cpu_count() may not know
    (1, [], []),
    (2, ["-n", "1"], []),
    (2, ["-n0"], []),
    (2, ["--numprocesses=3"], []),
    (2, ["-p", "no:xdist"], []),
])
def test_one_worker_per_core_unless_the_caller_chose(monkeypatch, cores, args, expected):
    monkeypatch.setattr(course.os, "cpu_count", lambda: cores)
    assert course.parallel(args) == expected


def test_the_test_command_passes_the_workers_and_the_callers_arguments_to_pytest(monkeypatch):
    seen = {}
    monkeypatch.setattr(course, "setup", lambda extra: seen.setdefault("extra", extra))
    monkeypatch.setattr(course, "ensure_browser", lambda install: None)
    monkeypatch.setattr(course, "run_child", lambda command, **kw: seen.update(command=command) or 0)
    monkeypatch.setattr(course.os, "cpu_count", lambda: 2)
    assert course.test(["-k", "value"]) == 0
    command = seen["command"]
    assert seen["extra"] == "test" and command[1:3] == ["-m", "pytest"]
    assert command[-6:] == ["-n", "2", "--dist", "loadfile", "-k", "value"]
    assert "--nbval" in command and "notebooks/zh" in command and "apps/en" in command
