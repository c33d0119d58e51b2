"""Executing submitted notebooks headless, several at a time, each one fenced in by timeouts.

Each notebook runs in a fresh kernel (nbclient) in a scratch folder, with
the collecting cell of :mod:`.collect` appended. On Linux the kernels are
forked from a process that has already imported the course (:mod:`.kernels`),
which saves each notebook seconds of start-up; every kernel still serves one
notebook only and is killed after it. A cell that raises is
recorded and the rest still runs (``allow_errors``); a cell that loops is
interrupted after the per-cell timeout and the rest still runs; a notebook
that takes longer than the per-notebook timeout is stopped and its kernel
shut down. Whatever happens to one notebook is a problem on its own line;
no other notebook is affected.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .collect import COLLECT_CELL, MARKER

#: Seconds one cell may run: a solved exercise's slowest cell (a policy
#: simulation on a small world) takes about a second; 60 leaves room for a slow
#: machine and a clumsy but honest solution, while a loop is stopped in a minute.
CELL_TIMEOUT = 60

#: Seconds one notebook may run in all: ten slow cells.
NOTEBOOK_TIMEOUT = 600

#: Set in every grading kernel (and in the zygote they are forked from). One BLAS thread per kernel: the
#: kernels already run ``jobs`` at a time, and OpenBLAS's threads, spinning on a busy machine, made the
#: customer-value model fifteen times slower. Figures are drawn off screen (no display, nobody looks).
KERNEL_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}

#: Error names of an interrupted cell.
_INTERRUPTED = ("KeyboardInterrupt", "CellTimeoutError", "CellTimeout")


@dataclass
class Run:
    """What executing one notebook gave.

    Attributes
    ----------
    path : Path
    payload : dict or None
        The collected submission (:func:`crmsim.exercises.collect.submission`);
        None if the notebook could not be run to its end.
    problems : list of (key, values)
        i18n keys and values, one per problem (a cell that raised, timed out, ...).
    seconds : float
        Wall time of the execution.
    """

    path: Path
    payload: dict | None = None
    problems: list[tuple[str, dict]] = field(default_factory=list)
    seconds: float = 0.0


def default_jobs() -> int:
    """Kernels at a time: one per core the process may use (each kernel is one busy process)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def kernel_env() -> dict[str, str]:
    """The grading kernels' environment: this process's, with :data:`KERNEL_ENV` (thread counts already set win)."""
    env = dict(os.environ)
    for name, value in KERNEL_ENV.items():
        if name == "MPLBACKEND" or not env.get(name):
            env[name] = value
    return env


def can_fork_kernels() -> bool:
    """Whether kernels can come from a zygote here: Linux only (fork after imports is not safe on macOS)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def execute_all(paths: Iterable[Path], *, jobs: int | None = None, cell_timeout: float = CELL_TIMEOUT,
                notebook_timeout: float = NOTEBOOK_TIMEOUT, kernel_name: str = "python3",
                warm: bool = True) -> dict[Path, Run]:
    """Execute every notebook of ``paths``, ``jobs`` at a time; returns a :class:`Run` per path.

    Threads suffice: the work happens in the kernels, which are processes.
    ``warm``: fork the kernels from a zygote (:mod:`.kernels`) where possible;
    False starts each one as a new process.
    """
    paths = list(paths)
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    if not paths:
        return {}
    from . import kernels  # jupyter_client comes with nbclient, which :func:`execute` asks for

    zygote = _zygote() if warm and can_fork_kernels() else None
    try:
        manager = kernels.manager_class(zygote) if zygote is not None else None
        with ThreadPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
            runs = pool.map(lambda p: execute(p, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                                              kernel_name=kernel_name, manager=manager), paths)
            return dict(zip(paths, runs))
    finally:
        if zygote is not None:
            zygote.close()


def _zygote():
    """A :class:`.kernels.Zygote`, or None if it does not start (then kernels start the usual way)."""
    from . import kernels

    try:
        return kernels.Zygote(kernel_env())
    except (kernels.ZygoteError, OSError, ValueError):
        return None


def execute(path: Path, *, cell_timeout: float = CELL_TIMEOUT, notebook_timeout: float = NOTEBOOK_TIMEOUT,
            kernel_name: str = "python3", manager: type | None = None) -> Run:
    """Execute one submitted notebook and collect its answers; never raises for a bad notebook.

    ``manager``: the kernel manager class (default: jupyter_client's
    ``AsyncKernelManager``, a new process per kernel).
    """
    started = time.perf_counter()
    run = Run(Path(path))
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError as exc:  # pragma: no cover - comes with jupyterlab
        raise RuntimeError("grading needs nbclient and nbformat: pip install 'crmsim[course]'") from exc
    try:
        nb = nbformat.reads(Path(path).read_text(encoding="utf-8"), as_version=4)
    except (OSError, UnicodeDecodeError) as exc:
        run.problems.append(("ex.grade.unreadable", {"error": str(exc)}))
        return run
    except Exception as exc:  # nbformat raises several kinds for text that is not a notebook
        run.problems.append(("ex.grade.not_json", {"error": str(exc).splitlines()[0][:200]}))
        return run
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.cells.append(nbformat.v4.new_code_cell(COLLECT_CELL))
    with tempfile.TemporaryDirectory(prefix="crmsim-grade-") as scratch:
        # the outputs are all in when the last cell is done, so the kernel is killed rather than asked to stop
        options = {"kernel_manager_class": manager} if manager is not None else {}
        client = NotebookClient(nb, timeout=cell_timeout, kernel_name=kernel_name, allow_errors=True,
                                interrupt_on_timeout=True, resources={"metadata": {"path": scratch}},
                                error_on_timeout={"ename": "CellTimeout", "evalue": f"over {cell_timeout:g} s",
                                                  "traceback": []}, shutdown_kernel="immediate", **options)
        try:
            # the kernel's own warnings (e.g. about its local TCP transport) are not the student's problems
            asyncio.run(_within(client.async_execute(stderr=subprocess.DEVNULL, env=kernel_env()), notebook_timeout))
        except (asyncio.TimeoutError, TimeoutError):
            run.problems.append(("ex.grade.notebook_timeout", {"seconds": notebook_timeout}))
        except Exception as exc:  # a dead kernel, a kernel that never started: this notebook's problem only
            run.problems.append(("ex.grade.kernel", {"error": f"{type(exc).__name__}: {exc}"[:300]}))
    run.seconds = time.perf_counter() - started
    _read_outputs(nb, run)
    return run


async def _within(work, seconds: float):
    """Await ``work``, cancelled after ``seconds`` with TimeoutError.

    Not ``asyncio.wait_for``: nbclient takes the cancellation of a cell for
    a dead kernel and raises DeadKernelError instead, so a notebook over its
    time was reported as a kernel that died.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task in done:
        return task.result()
    task.cancel()
    try:
        await task  # nbclient shuts the kernel down as the cancellation goes through it
    except BaseException:  # noqa: BLE001 - whatever the cancelled work raised, the notebook was over its time
        pass
    raise TimeoutError(f"over {seconds:g} s")


def _read_outputs(nb, run: Run) -> None:
    """Problems from the cells' errors, and the submission line from the last cell."""
    for number, cell in enumerate(nb.cells[:-1], start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            name = output.get("ename", "Error")
            if name in _INTERRUPTED:
                run.problems.append(("ex.grade.cell_timeout", {"cell": number}))
            else:
                run.problems.append(("ex.grade.cell_error", {"cell": number, "error": name,
                                                             "detail": str(output.get("evalue", ""))[:160]}))
    for output in nb.cells[-1].get("outputs", []) if nb.cells else []:
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        for line in text.splitlines():
            if line.startswith(MARKER):
                try:
                    run.payload = json.loads(line[len(MARKER):])
                except json.JSONDecodeError:
                    pass
    if run.payload is None and not any(k == "ex.grade.notebook_timeout" for k, _ in run.problems):
        run.problems.append(("ex.grade.no_submission", {}))
