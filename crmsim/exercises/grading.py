"""``class grade``: submissions to a gradebook, every problem on its own line, forensics included.

The grade never trusts the notebook's own marks: each answer collected from
the executed notebook (:mod:`.collect`) is marked again here (:mod:`.marking`)
against the key recomputed from the roster and the course seed
(:mod:`.solutions`), and decisions are simulated again on the student's world.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import i18n
from ..seeding import student_seed
from .catalog import get_exercise
from .collect import decode
from .forensics import Suspicion, suspicions
from .ids import normalise_student_id
from .key import AnswerKey
from .marking import Mark, assess
from .release import selected
from .roster import ID_COLUMN
from .runner import CELL_TIMEOUT, NOTEBOOK_TIMEOUT, Run, execute_all
from .solutions import answer_key
from .spec import ExerciseSpec


@dataclass
class StudentResult:
    """Everything graded for one roster student and one exercise."""

    student_id: str
    exercise: str
    status: str = "missing"  # "graded", "missing", "unusable"
    marks: dict[str, Mark] = field(default_factory=dict)
    answers: dict[str, object] = field(default_factory=dict)
    problems: list[tuple[str, dict]] = field(default_factory=list)
    suspicion: Suspicion | None = None

    @property
    def points(self) -> float:
        return float(sum(m.points for m in self.marks.values()))


@dataclass
class Grades:
    """The outcome of a grading run: results per (student, exercise) and problems with no student."""

    roster: pd.DataFrame
    specs: list[ExerciseSpec]
    results: dict[tuple[str, str], StudentResult]
    stray: list[tuple[str, dict]]
    keys: dict[tuple[str, str], AnswerKey]
    truths: dict[tuple[str, str], dict[str, object]]


def find_submissions(roster: pd.DataFrame, folder: Path, specs: Sequence[ExerciseSpec]):
    """Submitted notebooks by (student, exercise), and problems of folders and files that fit no student.

    Folder names are normalised like ids, so ``S001/`` is student ``s001``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(i18n.t("ex.grade.no_folder", path=str(folder)))
    known = set(roster[ID_COLUMN])
    names = {spec.name for spec in specs}
    found: dict[tuple[str, str], Path] = {}
    owners: dict[str, Path] = {}
    stray: list[tuple[str, dict]] = []
    for entry in sorted(folder.iterdir()):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        try:
            student = normalise_student_id(entry.name)
        except (ValueError, TypeError):
            stray.append(("ex.grade.unknown_student", {"folder": entry.name}))
            continue
        if student not in known:
            stray.append(("ex.grade.unknown_student", {"folder": entry.name}))
            continue
        if student in owners:
            stray.append(("ex.grade.duplicate_folder", {"folder": entry.name, "other": owners[student].name}))
            continue
        owners[student] = entry
        for notebook in sorted(entry.glob("*.ipynb")):
            try:
                spec = get_exercise(notebook.stem)
            except ValueError:
                stray.append(("ex.grade.unknown_notebook", {"path": f"{entry.name}/{notebook.name}"}))
                continue
            if spec.name in names:
                found[(student, spec.name)] = notebook
    return found, stray


def grade(roster: pd.DataFrame, course_seed: int, submissions: str | os.PathLike, *,
          exercises: Sequence[str] = (), n_customers: int | None = None, jobs: int | None = None,
          cell_timeout: float = CELL_TIMEOUT, notebook_timeout: float = NOTEBOOK_TIMEOUT, warm: bool = True) -> Grades:
    """Execute, collect and mark every submission of ``roster``; see :func:`gradebook` for the table.

    Parameters
    ----------
    roster : DataFrame
        From :func:`~crmsim.exercises.roster.read_roster`.
    course_seed : int
        The seed the notebooks were released with.
    submissions : path
        ``<folder>/<student_id>/<exercise>.ipynb``.
    exercises : sequence of str
        Exercises to grade (empty: every exercise).
    n_customers : int or None
        The world size the notebooks were released with.
    jobs : int or None
        Notebooks executed at a time (None: one per core).
    cell_timeout, notebook_timeout : float
        Seconds; see :mod:`.runner`.
    warm : bool
        Fork the kernels from a process that has imported the course (Linux;
        see :mod:`.kernels`); False starts each kernel as a new process.
    """
    specs = selected(exercises)
    found, stray = find_submissions(roster, Path(submissions), specs)
    # the keys are computed here while the notebooks run in their kernels (a thread suffices: the kernels are
    # processes, and this thread only waits for their messages)
    with ThreadPoolExecutor(max_workers=1) as background:
        running = background.submit(execute_all, found.values(), jobs=jobs, cell_timeout=cell_timeout,
                                    notebook_timeout=notebook_timeout, warm=warm)
        try:
            keys, truths = class_keys(roster, course_seed, specs, n_customers)
        finally:
            runs = running.result()
    results = {}
    for student in roster[ID_COLUMN]:
        for spec in specs:
            result = StudentResult(student, spec.name)
            path = found.get((student, spec.name))
            if path is not None:
                _mark_run(result, spec, keys[(student, spec.name)], runs[path], course_seed)
            results[(student, spec.name)] = result
    grades = Grades(roster, specs, results, stray, keys, truths)
    for spec in specs:
        for student, suspicion in suspicions(grades, spec).items():
            grades.results[(student, spec.name)].suspicion = suspicion
    return grades


def class_keys(roster: pd.DataFrame, course_seed: int, specs: Sequence[ExerciseSpec], n_customers: int | None):
    """Every student's key and correct values (forensics compares answers with everyone's)."""
    from .solutions import correct_values, judged_world

    keys, truths = {}, {}
    with single_blas_thread():
        for student in roster[ID_COLUMN]:
            for spec in specs:
                n = spec.n_customers if n_customers is None else n_customers
                world = judged_world(spec, student, course_seed, n)
                values = correct_values(spec, world)
                keys[(student, spec.name)] = answer_key(spec, student, course_seed, n_customers=n, values=values)
                truths[(student, spec.name)] = values[0]
    return keys, truths


@contextmanager
def single_blas_thread():
    """One OpenBLAS thread in this process while the keys are computed, the previous count afterwards.

    The solvers fit small models (L-BFGS-B on a few parameters), where
    OpenBLAS's threads only wait for each other: with the kernels keeping the
    cores busy, the customer-value solver took a second instead of 0.06 s. The
    count can only be set through the libraries themselves (numpy and scipy
    each load their own OpenBLAS); where none is found nothing changes.
    """
    restore = []
    for library in _openblas_libraries():
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    break
            else:
                continue
            try:
                get.restype, put.argtypes = ctypes.c_int, [ctypes.c_int]
                before = int(get())
                put(1)
            except (OSError, ValueError, ctypes.ArgumentError):  # pragma: no cover - a library of another shape
                continue
            restore.append((put, before))
            break
    try:
        yield
    finally:
        for put, before in restore:
            put(before)


def _openblas_libraries() -> list:
    """The OpenBLAS libraries loaded in this process (Linux: from its memory map; elsewhere none)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return []
    libraries = []
    for path in sorted(paths):
        try:
            libraries.append(ctypes.CDLL(path))
        except OSError:  # pragma: no cover - mapped but not loadable again
            pass
    return libraries


def _mark_run(result: StudentResult, spec: ExerciseSpec, key: AnswerKey, run: Run, course_seed: int) -> None:
    result.problems.extend(run.problems)
    entry = next((e for e in (run.payload or {}).get("exercises", []) if e.get("exercise") == spec.name), None)
    if entry is None:
        result.status = "unusable"
        if run.payload is not None:
            result.problems.append(("ex.grade.no_exercise", {}))
        return
    written = entry.get("student_id")
    if written is None:
        result.problems.append(("ex.grade.no_id", {"problem": entry.get("problem") or ""}))
    elif written != result.student_id:
        result.problems.append(("ex.grade.other_id", {"written": written}))
    elif entry.get("seed") != student_seed(course_seed, result.student_id):
        result.problems.append(("ex.grade.other_seed", {}))
    world_cache = {}

    def world():
        if "w" not in world_cache:
            world_cache["w"] = spec.judged_world(key)
        return world_cache["w"]

    for task in spec.tasks:
        answer = decode(task, entry.get("answers", {}).get(task.name))
        result.answers[task.name] = answer
        result.marks[task.name] = assess(spec, key, task, answer, world)
    result.status = "graded"


def gradebook(grades: Grades, language: str = "en") -> pd.DataFrame:
    """One row per roster student, one column per automatically scored task, ``total`` and what went wrong.

    Columns: the roster's own columns, ``<exercise>.<task>`` points,
    ``total``, ``out_of``, ``status`` (per exercise: graded, missing,
    unusable), ``flags`` (forensics) and ``problems`` (one line each, in
    ``language``).
    """
    rows = []
    for _, student_row in grades.roster.iterrows():
        student = student_row[ID_COLUMN]
        row = {c: student_row[c] for c in grades.roster.columns if c != "roster_row"}
        total, statuses, flags, problems = 0.0, [], [], []
        for spec in grades.specs:
            result = grades.results[(student, spec.name)]
            for task in spec.tasks:
                if task.auto:
                    mark = result.marks.get(task.name)
                    row[f"{spec.name}.{task.name}"] = mark.points if mark else 0.0
            total += result.points
            statuses.append(f"{spec.name}: {result.status}")
            if result.suspicion is not None:
                flags.append(f"{spec.name}: " + result.suspicion.describe(language))
            problems += [f"{spec.name}: " + i18n.t(k, language=language, **v) for k, v in result.problems]
        row.update(total=total, out_of=sum(s.total_points for s in grades.specs), status="; ".join(statuses),
                   flags="; ".join(flags), problems="; ".join(problems))
        rows.append(row)
    return pd.DataFrame(rows)


def interpretations(grades: Grades) -> pd.DataFrame:
    """The written answers, one row per student and task, with a blank ``points`` column for the rubric."""
    rows = []
    for spec in grades.specs:
        for task in spec.tasks:
            if task.kind != "text":
                continue
            for student in grades.roster[ID_COLUMN]:
                answer = grades.results[(student, spec.name)].answers.get(task.name)
                rows.append({"student_id": student, "exercise": spec.name, "task": task.name,
                             "out_of": task.points, "answer": answer.strip() if isinstance(answer, str) else "",
                             "points": ""})
    return pd.DataFrame(rows, columns=["student_id", "exercise", "task", "out_of", "answer", "points"])


def report_lines(grades: Grades, language: str = "en") -> list[str]:
    """Every problem, one per line, the student first: what the command prints."""
    lines = [i18n.t(k, language=language, **v) for k, v in grades.stray]
    for (student, exercise), result in grades.results.items():
        if result.status == "missing":
            lines.append(i18n.t("ex.grade.line", language=language, student=student, exercise=exercise,
                                problem=i18n.t("ex.grade.missing", language=language)))
        for key, values in result.problems:
            lines.append(i18n.t("ex.grade.line", language=language, student=student, exercise=exercise,
                                problem=i18n.t(key, language=language, **values)))
        if result.suspicion is not None:
            lines.append(i18n.t("ex.grade.line", language=language, student=student, exercise=exercise,
                                problem=result.suspicion.describe(language)))
    return lines
