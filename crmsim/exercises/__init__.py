"""Graded exercises on per-student worlds, and the instructor's workflow from roster to gradebook.

Each student gets a world seeded by :func:`crmsim.student_seed` from the
instructor's course seed and the student's id, so answers cannot be copied
from a neighbour, yet the instructor rebuilds every student's data and answers
from the roster alone.

Student side: :func:`practice` (self study, with a known course seed) and
:func:`released` (a notebook released by ``python -m crmsim class release``)
return an :class:`Exercise`, whose ``check`` says right or wrong with a hint
and never the answer. Instructor side: ``python -m crmsim class release |
grade | feedback | forensics`` (:mod:`.cli`).
"""

from __future__ import annotations

from .. import i18n
from .catalog import EXERCISES, get_exercise
from .exercise import MAX_CHECKS, Exercise, Feedback, Score
from .ids import MissingStudentId, normalise_student_id
from .key import AnswerKey
from .spec import ExerciseSpec, Task


def practice(exercise: str, student_id: object, *, course_seed: int, n_customers: int | None = None,
             language: str | None = None) -> Exercise:
    """An exercise for self study: the key is computed here from the course seed.

    Parameters
    ----------
    exercise : str
        Code (``"customer_value"``) or number (``"01"``).
    student_id : str or int
        Your id as on the class list. An empty id gives an exercise whose
        every check says "write your student id first" (no exception, so the
        notebook runs top to bottom); a placeholder id is refused the same way.
    course_seed : int
        The seed your instructor gave (in practice notebooks it is public, so
        these are for practice; graded work comes from ``class release``).
    n_customers : int or None
        Size of your world (None: the exercise's default).
    language : str or None
        Language of the messages (None: :func:`crmsim.set_language`'s).
    """
    from .solutions import answer_key  # instructor-side code: the student object never sees it

    spec = get_exercise(exercise)
    try:
        normalise_student_id(student_id)
    except (ValueError, TypeError) as problem:
        return Exercise(spec, None, problem=_id_problem(problem, language), language=language)
    return Exercise(spec, answer_key(spec, student_id, course_seed, n_customers=n_customers), language=language)


def released(student_id: object, token: str, *, language: str | None = None) -> Exercise:
    """The exercise of a released notebook.

    Parameters
    ----------
    student_id : str or int
        The id written in the notebook; it must be the one the notebook was
        released for (otherwise every check says so).
    token : str
        The answer key written by ``class release`` (seed, salt, digests).
    language : str or None
        Language of the messages.
    """
    key = AnswerKey.from_token(token)
    spec = get_exercise(key.exercise)
    try:
        student = normalise_student_id(student_id)
    except (ValueError, TypeError) as problem:
        return Exercise(spec, None, problem=_id_problem(problem, language), language=language)
    if student != key.student_id:
        return Exercise(spec, None, language=language,
                        problem=i18n.t("ex.id.not_yours", language=language, value=student, owner=key.student_id))
    return Exercise(spec, key, language=language)


def _id_problem(problem: Exception, language: str | None) -> str:
    if isinstance(problem, MissingStudentId):
        return i18n.t("ex.id.write_first", language=language)
    return str(problem)


__all__ = ["EXERCISES", "MAX_CHECKS", "AnswerKey", "Exercise", "ExerciseSpec", "Feedback", "MissingStudentId",
           "Score", "Task", "get_exercise", "normalise_student_id", "practice", "released"]
