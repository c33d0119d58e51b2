"""Files are staged and renamed: an error, Ctrl+C or SIGTERM leaves nothing half-written behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmsim import export, files


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_write_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with files.staged(tmp_path / "out.txt") as staging:
            staging.write_text("half")
            raise RuntimeError("disk full")
    assert _listing(tmp_path) == []


def test_a_finished_write_is_renamed_into_place_with_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        with files.staged(tmp_path / "out.txt") as staging:
            staging.write_text("whole")
        with files.staged(tmp_path / "folder", folder=True) as staging:
            (staging / "a.csv").write_text("x")
    finally:
        os.umask(old)
    assert _listing(tmp_path) == ["folder", "out.txt"]
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "folder").stat().st_mode & 0o777 == 0o750


def test_targets_are_checked_before_anything_is_written(tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(FileExistsError, match="already exists"):
        files.check_new_target(tmp_path / "taken")
    with pytest.raises(FileNotFoundError, match="does not exist; create it first"):
        files.check_new_target(tmp_path / "missing" / "x.xlsx")


@pytest.mark.parametrize("path, fmt, message", [
    ("book", "xlsx", "ends in .xlsx"),
    ("x.xls", None, "has no suffix"),
    ("x.csv", None, "has no suffix"),
    ("x.xlsx", "csv", "has no suffix"),
    ("x", "feather", "fmt='feather' is not allowed"),
])
def test_a_name_that_does_not_fit_the_format_is_refused(tmp_path, path, fmt, message):
    with pytest.raises(ValueError, match=message):
        export.format_for(tmp_path / path, fmt)


def _export_and_signal(tmp_path: Path, out: str, customers: int, signum: int, after: float | None):
    """Start an export and signal it ``after`` seconds, or (None) as soon as it has begun writing its staged
    file: on a loaded machine a fixed delay can fall in Python's start-up, which is another test."""
    command = [sys.executable, "-m", "crmsim", "export", "--out", str(tmp_path / out), "--customers",
               str(customers), "--chunk-size", "4000", "--progress", "never"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[1])
    if after is None:
        deadline = time.monotonic() + 120
        while not any(files.STAGING_MARK in name for name in _listing(tmp_path)):
            assert process.poll() is None, "the export ended before it began writing"
            assert time.monotonic() < deadline, "the export never began writing"
            time.sleep(0.01)
    else:
        time.sleep(after)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stdout, stderr


@pytest.mark.parametrize("after", [0.3, 1.2, 2.4])
def test_sigterm_at_any_moment_leaves_nothing_or_the_whole_export(tmp_path, after):
    code, _, stderr = _export_and_signal(tmp_path, "world", 24_000, signal.SIGTERM, after)
    assert "Traceback" not in stderr
    if code == 0:  # it had finished: the whole export, readable
        assert _listing(tmp_path) == ["world"]
        assert len(export.read_tables(tmp_path / "world")["customers"]) == 24_000
    else:  # -15: still starting Python, before crmsim could say anything
        assert code in (143, -signal.SIGTERM)
        assert code == -signal.SIGTERM or stderr.strip() == "terminated: nothing was written"
        assert _listing(tmp_path) == []


def test_ctrl_c_during_an_excel_export_says_one_line_and_leaves_nothing(tmp_path):
    code, _, stderr = _export_and_signal(tmp_path, "world.xlsx", 4_000, signal.SIGINT, None)
    assert "Traceback" not in stderr
    assert (code, stderr.strip()) == (130, "interrupted (Ctrl+C): nothing was written")
    assert _listing(tmp_path) == []


def test_a_closed_pipe_ends_quietly():
    reader = subprocess.Popen([sys.executable, "-m", "crmsim", "describe", "--language", "zh"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # like `| head`: nobody reads
    _, stderr = reader.communicate(timeout=60)
    assert b"Traceback" not in stderr and reader.returncode in (0, 141)


@pytest.mark.parametrize("problem, message", [
    (["--out", "/nonexistent-folder/w.xlsx"], "does not exist; create it first"),
    (["--out", "w.csv"], "has no suffix"),
    (["--out", "w", "--format", "xlsx"], "ends in .xlsx"),
])
def test_the_command_line_reports_file_problems_in_one_line(tmp_path, capsys, monkeypatch, problem, message):
    from crmsim.__main__ import main

    monkeypatch.chdir(tmp_path)
    assert main(["export", "--customers", "5", *problem]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err
