"""The student's exercise object: checks answers against salted digests and never reveals one.

What is reachable from an :class:`Exercise` is the student's world, the
answer key (:class:`~crmsim.exercises.key.AnswerKey`: seed, salt, digests,
decision thresholds) and the marks of the checks made so far; none of them is
a correct answer, and this module does not import the solvers
(:mod:`crmsim.exercises.solutions`). An exercise with a handout (exercise 06's
messy file, :attr:`~crmsim.exercises.spec.ExerciseSpec.handout`) is judged on
a world of the key's data seed, which is built for each check and never kept:
the object keeps only the handout itself.

A decision can also be tried (:meth:`Exercise.try_decision`): the figures of
the whole answer (a grouping's precision, recall and F1), not marked, up to
:data:`MAX_TRIES` times per task and kernel.

Each task may be checked :data:`MAX_CHECKS` times per student and kernel;
after that the check says the answer will be graded at hand-in, so looping
``check`` over every segment code finds nothing. The count lives in the
kernel, so a restart resets it: the limit stops guessing by loop, and the
grade is always recomputed by the instructor from the roster.

In a notebook every check is shown under a display id per task (and the
score under one per exercise); making a new exercise object, e.g. after
correcting the student id, replaces every mark still on screen by
"not checked yet for <id>", so no old "correct" is left under a new id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .. import i18n
from ..world import World
from .key import AnswerKey
from .marking import Mark, assess
from .spec import ExerciseSpec

#: Checks per task: enough to correct a slip or two after the hints (three
#: would do), too few to try every segment or grid cell by loop.
MAX_CHECKS = 5

#: Marks in results, chosen from what every CJK font has (✅/❌ need an emoji font,
#: which lab machines often lack, and then both show as the same empty box).
SYMBOLS = {"right": "√", "partial": "½", "wrong": "×", "shape": "×", "missing": "–", "saved": "○", "limit": "?",
           "blocked": "–"}

#: Tries of a decision per task and kernel: enough to compare a dozen rules and variants of them, too few to
#: ask about the pairs of records one at a time (a file of 360 records has over 60,000 pairs).
MAX_TRIES = 30

_checks_used: dict[tuple[str, str, str], int] = {}
_tries_used: dict[tuple[str, str, str], int] = {}


@dataclass(frozen=True)
class Feedback:
    """What one check says, with the student id on top; never the right answer."""

    exercise: str
    student_id: str | None
    task: str
    status: str
    points: float
    message: str
    language: str

    @property
    def passed(self) -> bool:
        """True for a right answer (full points)."""
        return self.status == "right"

    def header(self) -> str:
        title = i18n.t(f"{_prefix(self.exercise)}.task.{self.task}", language=self.language)
        if self.student_id is None:
            return i18n.t("ex.feedback.header_no_id", language=self.language, task=title)
        return i18n.t("ex.feedback.header", language=self.language, student=self.student_id, task=title)

    def __str__(self) -> str:
        return f"{self.header()}\n{SYMBOLS[self.status]} {self.message}"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def _repr_markdown_(self) -> str:
        return f"**{self.header()}**  \n{SYMBOLS[self.status]} {self.message}"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._bundle(), raw=True, display_id=_display_id(self.exercise, self.task))

    def _bundle(self) -> dict:
        return {"text/plain": str(self), "text/markdown": self._repr_markdown_()}


class Exercise:
    """One student's exercise.

    Made by :func:`crmsim.exercises.practice` (with a course seed, for self
    study) or :func:`crmsim.exercises.released` (from the token of a released
    notebook); not meant to be constructed directly.

    Parameters
    ----------
    spec : ExerciseSpec
    key : AnswerKey or None
        None when the notebook cannot be checked yet; ``problem`` says why.
    problem : str or None
        Shown by every check instead of a mark (e.g. "write your student id first").
    language : str or None
        Language of the messages; None follows :func:`crmsim.set_language`.
    max_checks : int
        Checks per task; see :data:`MAX_CHECKS`.
    """

    def __init__(self, spec: ExerciseSpec, key: AnswerKey | None, *, problem: str | None = None,
                 language: str | None = None, max_checks: int = MAX_CHECKS) -> None:
        if (key is None) == (problem is None):
            raise ValueError("give exactly one of key= and problem=")
        self.spec = spec
        self._key = key
        self.problem = problem
        self._language = None if language is None else i18n.check_language(language)
        self.max_checks = max_checks
        self._world: World | None = None
        self._handout: pd.DataFrame | None = None
        self._marks: dict[str, Mark | str] = {}
        _clear_screen(self)

    # -- what the student sees ---------------------------------------------------------------
    @property
    def student_id(self) -> str | None:
        """The normalised id this exercise was made for (None without an id)."""
        return None if self._key is None else self._key.student_id

    @property
    def ready(self) -> bool:
        """True once a usable student id is written (then :attr:`world` is the student's world)."""
        return self._key is not None

    @property
    def seed(self) -> int | None:
        """The student's seed (the world is ``crmsim.make_world(seed=seed, n_customers=...)``)."""
        return None if self._key is None else self._key.seed

    @property
    def world(self) -> World | None:
        """The student's own world (None until a student id is written)."""
        if self._key is None:
            return None
        if self._world is None:
            self._world = self.spec.build_world(self._key.seed, self._key.n_customers)
        return self._world

    def handout(self) -> pd.DataFrame | None:
        """The data this exercise hands out (exercise 06: your customer file), a fresh copy on every call.

        None until a student id is written. An exercise without a handout
        (its data are :attr:`world`) raises a ValueError saying so.
        """
        if self.spec.handout is None:
            raise ValueError(i18n.t("ex.handout.none", language=self.language,
                                    title=i18n.t(self.spec.title_key, language=self.language)))
        if self._key is None:
            return None
        if self._handout is None:
            self._handout = self.spec.handout(self._judged_world())
        return self._handout.copy()

    @property
    def tasks(self) -> tuple[str, ...]:
        """Task codes, in order."""
        return tuple(t.name for t in self.spec.tasks)

    def params(self, task: str) -> Mapping[str, object]:
        """What a decision task is judged against (thresholds, the opportunities to grade, ...)."""
        self.spec.task(task)
        return {} if self._key is None else dict(self._key.params.get(task, {}))

    def check(self, task: str, answer: object) -> Feedback:
        """Say whether ``answer`` to ``task`` is right, with a hint if not; never the answer itself.

        Parameters
        ----------
        task : str
            A task code (:attr:`tasks`).
        answer : object
            Your answer; ``None`` means not answered yet.

        Returns
        -------
        Feedback
            Shown under the task's display id in a notebook.
        """
        spec_task = self.spec.task(task)
        language = self.language
        if self._key is None:
            return self._feedback(task, "blocked", 0, self.problem)
        mark = assess(self.spec, self._key, spec_task, answer, self._judged_world)
        if mark.status in ("right", "partial", "wrong") and spec_task.auto:
            counter = (self.spec.name, self._key.student_id, task)
            used = _checks_used.get(counter, 0)
            if used >= self.max_checks:
                self._marks[task] = "limit"
                return self._feedback(task, "limit", 0, i18n.t("ex.mark.limit", language=language,
                                                               checks=self.max_checks))
            _checks_used[counter] = used + 1
            left = self.max_checks - used - 1
            message = mark.message(language)
            if mark.status != "right":
                message += " " + i18n.t("ex.mark.checks_left", language=language, left=left)
        else:
            message = mark.message(language)
        self._marks[task] = mark
        return self._feedback(task, mark.status, mark.points, message)

    def try_decision(self, task: str, answer: object) -> dict[str, float] | None:
        """What ``answer`` to the decision ``task`` achieves, without marking it: to compare candidates.

        Parameters
        ----------
        task : str
            A decision task (``"duplicate_groups"``).
        answer : object
            A whole answer of the task's type (a grouping gives every record
            a firm key: a part of one is refused, as by :meth:`check`).

        Returns
        -------
        dict or None
            The figures the decision is judged on (a grouping's
            ``precision``, ``recall`` and ``f1``), never which part of the
            answer is right; None until a student id is written.

        Raises
        ------
        ValueError, TypeError
            For a task that is not a decision, an answer of the wrong type or
            one the model refuses (these tries are not counted).
        RuntimeError
            After :data:`MAX_TRIES` tries of the task in this kernel.
        """
        spec_task = self.spec.task(task)
        language = self.language
        if spec_task.kind != "decision":
            raise ValueError(i18n.t("ex.try.not_decision", language=language, task=task,
                                    tasks=", ".join(t.name for t in self.spec.tasks if t.kind == "decision")))
        if self._key is None:
            return None
        decision = spec_task.decision
        if not isinstance(answer, decision.answer_type):
            raise TypeError(i18n.t("ex.shape.decision", language=language, type=type(answer).__name__,
                                   expected=decision.answer_type.__name__))
        counter = (self.spec.name, self._key.student_id, task)
        if _tries_used.get(counter, 0) >= MAX_TRIES:
            raise RuntimeError(i18n.t("ex.try.limit", language=language, tries=MAX_TRIES))
        outcome = decision.evaluate(self._judged_world(), answer, self._key.params.get(task, {}))
        _tries_used[counter] = _tries_used.get(counter, 0) + 1
        return {name: float(value) for name, value in outcome.items()}

    def score(self) -> "Score":
        """Points per task so far, the total, and whose data they are."""
        language = self.language
        rows = []
        for task in self.spec.tasks:
            mark = self._marks.get(task.name)
            status = mark if isinstance(mark, str) else ("missing" if mark is None else mark.status)
            points = mark.points if isinstance(mark, Mark) else 0
            rows.append({i18n.t("ex.col.task", language=language): i18n.t(task.title_key, language=language),
                         i18n.t("ex.col.result", language=language): f"{SYMBOLS[status]} "
                         + i18n.t(f"ex.status.{status}", language=language),
                         i18n.t("ex.col.points", language=language): points,
                         i18n.t("ex.col.max", language=language): task.points if task.auto else
                         i18n.t("ex.rubric", language=language)})
        table = pd.DataFrame(rows)
        earned = sum(m.points for m in self._marks.values() if isinstance(m, Mark))
        return Score(self.spec.name, self.student_id, table, earned, self.spec.total_points, language)

    @property
    def language(self) -> str:
        return self._language or i18n.get_language()

    def _judged_world(self) -> World | None:
        """The world the answers are judged on: :attr:`world`, or for a handout the world of the key's data seed,
        built anew on each call and never kept (the handout's truth would be regenerated from it)."""
        if self._key is None:
            return None
        if self.spec.handout is None:
            return self.world
        return self.spec.judged_world(self._key)

    def __repr__(self) -> str:
        title = i18n.t(self.spec.title_key, language=self.language)
        if self._key is None:
            return f"{title}\n{self.problem}"
        return i18n.t("ex.repr", language=self.language, title=title, student=self._key.student_id,
                      customers=self._key.n_customers)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))

    def _feedback(self, task: str, status: str, points: float, message: str) -> Feedback:
        return Feedback(self.spec.name, self.student_id, task, status, points, message, self.language)


@dataclass(frozen=True)
class Score:
    """The score table of one student, with the student id above it."""

    exercise: str
    student_id: str | None
    table: pd.DataFrame
    points: float
    total: int
    language: str

    def header(self) -> str:
        key = "ex.score.header" if self.student_id else "ex.score.header_no_id"
        return i18n.t(key, language=self.language, student=self.student_id, points=_number(self.points),
                      total=self.total)

    def __str__(self) -> str:
        return f"{self.header()}\n{self.table.to_string(index=False)}"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        return f"<p><b>{self.header()}</b></p>{self.table.to_html(index=False)}"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True,
                display_id=_display_id(self.exercise, "score"))


def _number(points: float) -> str:
    return f"{points:g}"


def _prefix(exercise: str) -> str:
    from .catalog import EXERCISES

    return EXERCISES[exercise].tasks[0].hint_key.split(".")[0]


def _display_id(exercise: str, what: str) -> str:
    return f"crmsim-exercise-{exercise}-{what}"


def _clear_screen(exercise: Exercise) -> None:
    """Replace the marks of an earlier exercise object on screen (a kernel only; elsewhere nothing to clear)."""
    try:
        from IPython import get_ipython
        from IPython.display import update_display
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return
    if get_ipython() is None:
        return
    who = exercise.student_id or i18n.t("ex.no_id_short", language=exercise.language)
    text = i18n.t("ex.cleared", language=exercise.language, student=who)
    for what in (*exercise.tasks, "score"):
        update_display({"text/plain": text, "text/markdown": text}, raw=True,
                       display_id=_display_id(exercise.spec.name, what))
