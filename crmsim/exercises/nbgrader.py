"""The exercises as nbgrader source notebooks: solution regions, and hidden tests that mark as ``class grade`` does.

``python -m crmsim class nbgrader --course-seed S --out DIR`` writes an
nbgrader course folder::

    DIR/nbgrader_config.py
    DIR/source/<exercise>/<exercise>.ipynb      (one assignment per exercise)

Then, in ``DIR``: ``nbgrader generate_assignment <exercise>``, release,
collect, and ``nbgrader autograde <exercise>``. Each source notebook is the
practice notebook of the exercise (the student writes their id; their world
comes from it and the seed ``S``) with nbgrader's cell metadata:

* every answer cell is a **solution cell**: the line ``x = None  # your
  answer`` stays, and the instructor's answer sits between ``### BEGIN
  SOLUTION`` and ``### END SOLUTION`` (computed by the instructor-side
  solvers, so the source notebook runs to full marks);
* after each automatically scored task comes a locked **grade cell** whose
  body is a ``### BEGIN HIDDEN TESTS`` region: it re-marks the answer with
  :func:`hidden_points` against the key of the folder's student, exactly as
  ``class grade`` does (decisions simulated again), and outputs the points,
  which nbgrader takes as partial credit;
* each written answer is a manually graded solution cell worth the task's points.

Every student gets the same notebook under nbgrader, so the seed ``S`` is in
it for anyone to read: use another seed than the one of ``class release``.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

from .. import i18n
from ..files import staged
from ..validation import check_int
from .book import notebook_json, practice_cells
from .catalog import get_exercise
from .ids import normalise_student_id
from .release import selected
from .spec import ExerciseSpec, Task

#: nbgrader's cell-metadata schema version (nbgrader 0.9).
SCHEMA_VERSION = 3

#: The configuration written beside ``source/``: a solution is replaced by a comment only (nbgrader's default
#: also adds ``raise NotImplementedError()``, which would stop the check that follows in the same cell).
CONFIG = '''\
# Written by `python -m crmsim class nbgrader`.
c = get_config()
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# A solved exercise's slowest cell (a policy simulation on a small world) takes about a second.
c.Execute.timeout = 60
'''

_CHECK = re.compile(r'exercise\.check\("(?P<task>\w+)", (?P=task)\)')
_keys: dict[tuple, object] = {}


def _cell_task(spec: ExerciseSpec, cell: dict) -> Task | None:
    match = _CHECK.search(cell.get("source", "")) if cell["type"] == "code" else None
    return spec.task(match.group("task")) if match else None


def source_cells(spec: ExerciseSpec, course_seed: int, n_customers: int | None = None) -> list[dict]:
    """The practice cells of ``spec`` with solution regions and hidden-test cells (``"nbgrader"`` entries)."""
    out = []
    for cell in practice_cells(spec, course_seed):
        if n_customers is not None and "exercise = practice(" in cell.get("source", ""):
            cell = {**cell, "source": cell["source"].replace(
                f"course_seed={course_seed})", f"course_seed={course_seed}, n_customers={n_customers})")}
        task = _cell_task(spec, cell)
        if task is None:
            out.append(cell)
            continue
        lines = cell["source"].split("\n")
        check_line = next(i for i, line in enumerate(lines) if _CHECK.search(line))
        solution = [
            "### BEGIN SOLUTION",
            "from crmsim.exercises.nbgrader import instructor_answer",
            f"{task.name} = instructor_answer(exercise, {task.name!r})",
            "### END SOLUTION",
        ]
        source = "\n".join(lines[:check_line] + solution + lines[check_line:])
        meta = {"solution": True, "grade": not task.auto, "locked": False, "task": False,
                "grade_id": f"answer_{task.name}", "schema_version": SCHEMA_VERSION}
        if not task.auto:
            meta["points"] = task.points
        out.append({**cell, "source": source, "nbgrader": meta})
        if task.auto:
            seed = f"course_seed={int(course_seed)}" + ("" if n_customers is None else f", n_customers={n_customers}")
            out.append({"type": "code", "source": "\n".join([
                "### BEGIN HIDDEN TESTS",
                "from crmsim.exercises.nbgrader import hidden_points",
                f"hidden_points(exercise, {task.name!r}, globals().get({task.name!r}), {seed})",
                "### END HIDDEN TESTS"]),
                "nbgrader": {"solution": False, "grade": True, "locked": True, "task": False,
                             "grade_id": f"test_{task.name}", "points": task.points,
                             "schema_version": SCHEMA_VERSION}})
    return out


def source_notebook(spec: ExerciseSpec, course_seed: int, language: str = "en",
                    n_customers: int | None = None) -> dict:
    """The nbgrader source notebook of ``spec`` as an nbformat 4 dict."""
    cells = source_cells(spec, course_seed, n_customers)
    nb = notebook_json(cells, language, f"nbg{spec.number}")
    for cell, spec_cell in zip(nb["cells"][1:], cells):
        if "nbgrader" in spec_cell:
            cell["metadata"]["nbgrader"] = spec_cell["nbgrader"]
    return nb


def write_course(out: str | os.PathLike, course_seed: int, *, exercises: Sequence[str] = (), language: str = "en",
                 n_customers: int | None = None) -> Path:
    """Write an nbgrader course folder (``nbgrader_config.py`` and ``source/``) as a new folder, staged.

    Parameters
    ----------
    out : path
        A new folder (its parent must exist).
    course_seed : int
        The seed of the students' worlds; it is written in every notebook (see the module's note).
    exercises : sequence of str
        Codes or numbers; empty for every exercise.
    language : {"en", "zh"}
    n_customers : int or None
        Size of each student's world (None: each exercise's default); grade with the same.
    """
    language = i18n.check_language(language)
    course_seed = check_int("course_seed", course_seed, minimum=0)
    if n_customers is not None:
        n_customers = check_int("n_customers", n_customers, minimum=20)
    specs = selected(exercises)
    with staged(out, folder=True) as staging:
        (staging / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
        for spec in specs:
            folder = staging / "source" / spec.name
            folder.mkdir(parents=True)
            text = json.dumps(source_notebook(spec, course_seed, language, n_customers), ensure_ascii=False, indent=1)
            (folder / f"{spec.name}.ipynb").write_text(text, encoding="utf-8")
    return Path(out)


# --- what runs in the kernels: the instructor's source notebook, and nbgrader's autograde ----------------------

def _folder_student() -> str | None:
    """The student of nbgrader's ``autograded/<student>/<assignment>/`` folder the kernel runs in, if any."""
    cwd = Path.cwd()
    if cwd.parent.parent.name == "autograded":
        try:
            return normalise_student_id(cwd.parent.name)
        except (ValueError, TypeError):
            return None
    return None


def _key(spec: ExerciseSpec, student: str, course_seed: int, n_customers: int | None):
    from .solutions import answer_key

    cache = (spec.name, student, course_seed, n_customers)
    if cache not in _keys:
        _keys[cache] = answer_key(spec, student, course_seed, n_customers=n_customers)
    return _keys[cache]


def hidden_points(exercise, task: str, answer: object, course_seed: int, n_customers: int | None = None) -> float:
    """Points of ``answer`` as ``class grade`` gives them: the key of the folder's student (else the notebook's id).

    Used by the hidden tests of the nbgrader notebooks; the returned number is
    the cell's output, which nbgrader takes as partial credit. Nothing is
    printed and warnings are silenced (nbgrader scores any stderr as 0).
    """
    from .marking import assess

    spec = exercise.spec
    student = _folder_student() or exercise.student_id
    if student is None:
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        key = _key(spec, student, int(course_seed), n_customers)
        world = []

        def build():
            if not world:
                world.append(spec.judged_world(key))
            return world[0]

        return float(assess(spec, key, spec.task(task), answer, build).points)


def instructor_answer(exercise, task: str) -> object:
    """The instructor's answer to ``task`` on the exercise's world (for the solution regions of source notebooks).

    Hashed tasks get the solver's value; a decision gets the first of the
    solver's sensible candidates that earns full points (the best one
    otherwise); a written task gets a model sentence for the rubric.
    """
    from .solutions import correct_values, solver

    spec = exercise.spec
    task_spec = spec.task(task)
    if not exercise.ready:  # the source notebook as written, before a student id is filled in
        return None
    world = exercise._judged_world()  # the world of the exercise's data (for a handout, not exercise.world)
    if task_spec.kind == "text":
        return i18n.t("ex.nbgrader.model_answer", language=exercise.language)
    truths, params = correct_values(spec, world)
    if task_spec.kind != "decision":
        return truths[task]
    best, best_credit = None, -1.0
    decision = task_spec.decision
    for answer in solver(spec).candidates(world)[task]:
        credit = decision.judge(decision.evaluate(world, answer, params[task]), params[task]).credit
        if credit > best_credit:
            best, best_credit = answer, credit
        if credit >= 1:
            break
    return best
