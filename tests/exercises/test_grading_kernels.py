"""Grading kernels forked from a zygote: one fresh kernel per notebook, faults handled as by ordinary kernels."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from crmsim.exercises import kernels, runner
from crmsim.exercises.collect import MARKER

pytestmark = pytest.mark.skipif(not runner.can_fork_kernels(), reason="kernels are forked on Linux only")

#: What a notebook prints about its kernel and about what an earlier notebook may have left behind.
PROBE = """
import os, sys, numpy, crmsim
print("PROBE", os.getpid(), os.getppid(), hasattr(numpy, "left_behind"), os.environ.get("LEFT_BEHIND"),
      crmsim.i18n._language, "left_behind" in dir(sys.modules["__main__"]), os.environ.get("OPENBLAS_NUM_THREADS"),
      __import__("matplotlib").get_backend().lower())
"""

LEAVE = """
import os, numpy, crmsim
numpy.left_behind = 1
os.environ["LEFT_BEHIND"] = "1"
crmsim.set_language("zh")
left_behind = 1
"""


def notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def probe(run: runner.Run) -> list[str]:
    return next(line.split()[1:] for line in _stdout(run) if line.startswith("PROBE"))


def _stdout(run: runner.Run) -> list[str]:
    return run.stdout.splitlines()


@pytest.fixture(autouse=True)
def keep_stdout(monkeypatch):
    """Keep each notebook's printed lines on its Run (the runner only reads the submission line)."""
    read = runner._read_outputs

    def read_and_keep(nb, run):
        run.stdout = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
                             if o.get("output_type") == "stream")
        read(nb, run)

    monkeypatch.setattr(runner, "_read_outputs", read_and_keep)


def _children() -> set[int]:
    found = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def test_each_notebook_gets_a_fresh_forked_kernel_and_nothing_is_left_running(tmp_path):
    """One kernel at a time from one zygote: the second notebook sees nothing of the first, and no process stays."""
    before = _children()
    first = notebook(tmp_path / "a" / "n.ipynb", LEAVE, PROBE)
    second = notebook(tmp_path / "b" / "n.ipynb", PROBE)
    runs = runner.execute_all([first, second], jobs=1)
    (pid1, parent1, *left1), (pid2, parent2, *left2) = probe(runs[first]), probe(runs[second])
    assert left1[:4] == ["True", "1", "zh", "True"]  # the first notebook did change its own kernel
    assert left2[:4] == ["False", "None", "en", "False"]  # and nothing of it reached the second
    assert left2[4:] == ["1", "agg"]  # one BLAS thread, figures off screen
    assert pid1 != pid2 and parent1 == parent2 != str(os.getpid())  # two kernels forked by the zygote
    assert all(run.problems == [] and run.payload == {"exercises": []} for run in runs.values())
    assert _children() == before


def test_faults_are_the_same_in_forked_and_in_fresh_kernels(tmp_path):
    """A cell that raises, one that loops, a notebook over its time, a file that is not a notebook: the same
    problems either way (a fresh kernel is also what a zygote that stopped falls back to)."""
    faults = notebook(tmp_path / "faults" / "n.ipynb", "1 / 0", "while True:\n    pass", "print('after')")
    slow = notebook(tmp_path / "slow" / "n.ipynb", *["import time\ntime.sleep(1.5)"] * 6)
    not_json = tmp_path / "notjson" / "n.ipynb"
    not_json.parent.mkdir()
    not_json.write_text("{ not json", encoding="utf-8")
    warm = runner.execute_all([faults, slow, not_json], jobs=2, cell_timeout=2, notebook_timeout=5)
    stopped = kernels.Zygote(runner.kernel_env())
    stopped.close()  # a fresh kernel imports crmsim for the collecting cell: seconds on a busy machine
    fresh = runner.execute(faults, manager=kernels.manager_class(stopped), cell_timeout=8)
    (raised, details), looped = warm[faults].problems
    assert raised == "ex.grade.cell_error" and details["cell"] == 1 and details["error"] == "ZeroDivisionError"
    assert looped == ("ex.grade.cell_timeout", {"cell": 2})
    assert "after" in warm[faults].stdout  # the cells after the faults still ran
    assert warm[slow].problems == [("ex.grade.notebook_timeout", {"seconds": 5})]
    assert warm[not_json].problems[0][0] == "ex.grade.not_json"
    assert fresh.problems == warm[faults].problems and "after" in fresh.stdout


def test_every_module_imports_without_jupyter():
    """The text catalogue imports every crmsim module; jupyter_client and nbclient come with the course extra."""
    code = ("import sys\nsys.modules.update(jupyter_client=None, nbclient=None, nbformat=None)\n"
            "import crmsim.i18n\ncrmsim.i18n.load_all()\nimport crmsim.exercises.kernels\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
