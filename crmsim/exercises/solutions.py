"""Instructor side: answer keys and correct values from the roster and the course seed.

This is the only module that calls the solvers (:mod:`.solvers`). It turns
their answers into an :class:`~crmsim.exercises.key.AnswerKey` (digests, not
answers) for a student's notebook, and gives the correct values themselves
only to the instructor's commands (feedback on request, forensics).
"""

from __future__ import annotations

import dataclasses
import importlib

from ..seeding import student_seed
from ..validation import check_int
from ..world import World
from .answers import key_digest
from .catalog import get_exercise
from .ids import normalise_student_id
from .key import AnswerKey, student_data_seed, student_salt
from .spec import ExerciseSpec, Task


def solver(spec: ExerciseSpec):
    """The solver module of ``spec`` (``crmsim.exercises.solvers.<name>``)."""
    return importlib.import_module(f"{__package__}.solvers.{spec.name}")


def correct_values(spec: ExerciseSpec, world: World) -> tuple[dict[str, object], dict[str, dict]]:
    """The right answers of the hashed tasks, and the decision tasks' parameters, on ``world``."""
    module = solver(spec)
    return module.solve(world), module.decision_params(world)


def judged_world(spec: ExerciseSpec, student_id: object, course_seed: int, n_customers: int | None = None) -> World:
    """The world one student's answers are computed on: their own, or their data seed's for a handout
    (:attr:`~crmsim.exercises.spec.ExerciseSpec.handout`)."""
    student = normalise_student_id(student_id)
    course_seed = check_int("course_seed", course_seed, minimum=0)
    seed = spec.judged_seed(student_seed(course_seed, student), student_data_seed(course_seed, student))
    return spec.build_world(seed, n_customers)


def keyed_task(task: Task, params: dict) -> Task:
    """``task`` with the tolerance its key sets (a share's tolerance follows the world's size)."""
    tolerance = params.get(task.name, {}).get("tolerance")
    return task if tolerance is None else dataclasses.replace(task, tolerance=float(tolerance))


def answer_key(exercise: str | ExerciseSpec, student_id: object, course_seed: int, *,
               n_customers: int | None = None, world: World | None = None,
               values: tuple[dict[str, object], dict[str, dict]] | None = None) -> AnswerKey:
    """The answer key of one student, as released in their notebook.

    Parameters
    ----------
    exercise : str or ExerciseSpec
        Code or number of the exercise.
    student_id : str or int
        As on the roster; normalised.
    course_seed : int
        The instructor's secret seed; it is not stored in the key.
    n_customers : int or None
        Size of the student's world (None: the exercise's default).
    world : World or None
        The world the answers are computed on (:func:`judged_world`) if
        already built (saves building it twice).
    values : tuple or None
        ``correct_values(spec, world)`` if already computed (saves solving twice).
    """
    spec = exercise if isinstance(exercise, ExerciseSpec) else get_exercise(exercise)
    student = normalise_student_id(student_id)
    course_seed = check_int("course_seed", course_seed, minimum=0)
    n = spec.n_customers if n_customers is None else check_int("n_customers", n_customers, minimum=20)
    seed = student_seed(course_seed, student)
    data_seed = None if spec.handout is None else student_data_seed(course_seed, student)
    if values is None:
        values = correct_values(spec, spec.build_world(spec.judged_seed(seed, data_seed), n) if world is None
                                else world)
    truths, params = values
    salt = student_salt(course_seed, student)
    digests = {task.name: key_digest(keyed_task(task, params), truths[task.name], salt, spec.name)
               for task in spec.tasks if task.kind in ("number", "integer", "choice")}
    return AnswerKey(spec.name, student, seed, salt, digests,
                     {k: v for k, v in params.items() if v}, n, data_seed)
