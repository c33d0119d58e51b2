"""Marking one answer against an answer key: the same rule in the student's check and the instructor's grade."""

from __future__ import annotations

import dataclasses

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .. import i18n
from ..world import World
from .answers import AnswerShapeError, as_text, matches
from .key import AnswerKey
from .spec import ExerciseSpec, Task

#: Statuses of a :class:`Mark`; ``"saved"`` is a written answer kept for the rubric.
STATUSES = ("right", "partial", "wrong", "shape", "missing", "saved")


@dataclass(frozen=True)
class Mark:
    """The result of marking one answer; it never holds the right answer.

    Attributes
    ----------
    task : str
    status : str
        One of :data:`STATUSES`.
    points : float
        Points earned (0 for written answers: the instructor's rubric decides).
    key : str
        i18n key of the explanation (a hint for a wrong answer); ``values`` fill it.
    """

    task: str
    status: str
    points: float
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def message(self, language: str | None = None) -> str:
        """The explanation in ``language`` (default: the current one)."""
        values = {k: (i18n.t(v[1:], language=language) if isinstance(v, str) and v.startswith("@") else v)
                  for k, v in self.values.items()}
        return i18n.t(self.key, language=language, **values)


def assess(spec: ExerciseSpec, key: AnswerKey, task: Task, answer: object,
           world: Callable[[], World]) -> Mark:
    """Mark ``answer`` to ``task`` with ``key``.

    Parameters
    ----------
    spec : ExerciseSpec
    key : AnswerKey
        The student's key (digests and decision thresholds).
    task : Task
    answer : object
        What the student gave; ``None`` is "no answer yet".
    world : callable returning World
        The student's world, built only if a decision must be simulated.

    Returns
    -------
    Mark
        Wrong shapes (a table, a list, text for a number) are a ``"shape"``
        mark with an explanation, never an exception.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip() and task.kind != "choice"):
        return Mark(task.name, "missing", 0, "ex.mark.missing")
    if task.kind == "text":
        try:
            text = as_text(answer, task.minimum_words)
        except AnswerShapeError as problem:
            return Mark(task.name, "shape", 0, problem.key, problem.values)
        return Mark(task.name, "saved", 0, "ex.mark.saved", {"chars": len(text)})
    if task.kind == "decision":
        return _assess_decision(task, key, answer, world)
    tolerance = key.params.get(task.name, {}).get("tolerance")
    if tolerance is not None:  # a share's tolerance follows the size of the student's world
        task = dataclasses.replace(task, tolerance=float(tolerance))
    try:
        right = matches(task, answer, key.digests[task.name], key.salt, spec.name)
    except AnswerShapeError as problem:
        return Mark(task.name, "shape", 0, problem.key, problem.values)
    if right:
        return Mark(task.name, "right", task.points, "ex.mark.right", {"points": task.points})
    return Mark(task.name, "wrong", 0, "ex.mark.wrong", {"hint": "@" + task.hint_key})


def _assess_decision(task: Task, key: AnswerKey, answer: object, world: Callable[[], World]) -> Mark:
    decision = task.decision
    if not isinstance(answer, decision.answer_type):
        return Mark(task.name, "shape", 0, "ex.shape.decision",
                    {"type": type(answer).__name__, "expected": decision.answer_type.__name__})
    params = key.params.get(task.name, {})
    try:
        outcome = decision.evaluate(world(), answer, params)
    except (ValueError, TypeError) as problem:  # the topic's own check of the policy, e.g. a budget too large
        return Mark(task.name, "shape", 0, "ex.shape.decision_invalid", {"error": str(problem)})
    verdict = decision.judge(outcome, params)
    points = round(task.points * verdict.credit, 2)
    status = "right" if verdict.credit >= 1 else "partial" if verdict.credit > 0 else "wrong"
    values = dict(verdict.values)
    values.setdefault("points", points)
    if status == "wrong":
        values.setdefault("hint", "@" + task.hint_key)
    return Mark(task.name, status, points, verdict.key, values)
