"""Forensics: submissions whose answers fit another student's data and not their own.

Every student's data differ, so a copied notebook, or copied numbers, give
answers that are right for the neighbour and wrong for the copier. For each
submission and each other student of the roster we count the tasks whose
answer matches the other student's key, does not match the submitter's own,
and where the two students' right answers differ (a shared right answer
proves nothing). A submission is flagged when one other student explains at
least :data:`MIN_TASKS` answers this way, one of them a number: the choice
tasks have a handful of possible answers, so one match among 300 students is
chance, while two, one of them a number on a fine grid, are not.

Decisions are simulated, not hashed. Most are policies, which may be good on
many worlds, so fitting another world proves nothing; but an answer made of
the student's own data (exercise 06's grouping of the records of their file,
:attr:`~crmsim.exercises.spec.Decision.personal`) that earns nothing on their
file and full points on another student's was made for that file: one such
answer flags the submission. It is simulated only on the students whose data
it can be for (the same number of records), which the keys already tell.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from .. import i18n
from .answers import AnswerShapeError, canonical_forms, digest
from .solutions import keyed_task
from .spec import ExerciseSpec

#: Answers that must fit one other student's data (and not the submitter's) to flag a submission.
MIN_TASKS = 2


@dataclass(frozen=True)
class Suspicion:
    """A submission that fits ``source``'s data: ``tasks`` matched theirs and not the submitter's."""

    student_id: str
    source: str
    tasks: tuple[str, ...]

    def describe(self, language: str = "en") -> str:
        return i18n.t("ex.forensics.flag", language=language, source=self.source, tasks=", ".join(self.tasks),
                      count=len(self.tasks))


def suspicions(grades, spec: ExerciseSpec) -> dict[str, Suspicion]:
    """Flagged students of one exercise in a :class:`~crmsim.exercises.grading.Grades`."""
    students = list(grades.roster["student_id"])
    worlds = _Worlds(spec, grades.keys)
    flagged = {}
    for student in students:
        result = grades.results[(student, spec.name)]
        if result.status != "graded":
            continue
        hits = _personal_hits(grades, spec, student, students, worlds)
        forms = _wrong_forms(grades, spec, student)
        if len(forms) >= MIN_TASKS or (forms and hits):
            for other, tasks in _hashed_hits(grades, spec, student, students, forms).items():
                hits[other] = (*tasks, *hits.get(other, ()))
        best = None
        for other in students:  # the first in roster order of those who explain the most answers
            if other in hits and (best is None or len(hits[other]) > len(hits[best])):
                best = other
        if best is not None and _convincing(spec, hits[best]):
            flagged[student] = Suspicion(student, best, hits[best])
    return flagged


def _convincing(spec: ExerciseSpec, tasks: tuple[str, ...]) -> bool:
    kinds = [spec.task(name).kind for name in tasks]
    return "decision" in kinds or (len(tasks) >= MIN_TASKS and any(kind != "choice" for kind in kinds))


def _wrong_forms(grades, spec: ExerciseSpec, student: str) -> dict[str, list[str]]:
    """The canonical forms of the student's wrong answers to hashed tasks."""
    result = grades.results[(student, spec.name)]
    forms = {}
    for task in spec.tasks:
        if task.kind not in ("number", "integer", "choice"):
            continue
        mark = result.marks.get(task.name)
        if mark is None or mark.status != "wrong":  # right for the student, or not an answer at all
            continue
        task_for_key = keyed_task(task, grades.keys[(student, spec.name)].params)
        try:
            forms[task.name] = canonical_forms(task_for_key, result.answers[task.name])
        except AnswerShapeError:
            continue
    return forms


def _hashed_hits(grades, spec: ExerciseSpec, student: str, students: list[str],
                 forms: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Per other student, the wrong answers that match their key where their right answer differs from ours."""
    own_truth = grades.truths[(student, spec.name)]
    hits = {}
    for other in students:
        if other == student:
            continue
        key = grades.keys[(other, spec.name)]
        truth = grades.truths[(other, spec.name)]
        found = tuple(name for name, candidates in forms.items()
                      if truth[name] != own_truth[name]
                      and any(hmac.compare_digest(digest(key.salt, spec.name, name, form), key.digests[name])
                              for form in candidates))
        if found:
            hits[other] = found
    return hits


def _personal_hits(grades, spec: ExerciseSpec, student: str, students: list[str],
                   worlds: "_Worlds") -> dict[str, tuple[str, ...]]:
    """Per other student, the answers made of one's own data that earn nothing here and all points there."""
    result = grades.results[(student, spec.name)]
    hits: dict[str, tuple[str, ...]] = {}
    for task in spec.tasks:
        decision = task.decision
        mark = result.marks.get(task.name)
        if task.kind != "decision" or decision.personal is None or mark is None or mark.status not in (
                "wrong", "shape"):  # a grouping with some credit here was made for this file
            continue
        answer = result.answers.get(task.name)
        try:
            made_for = dict(decision.personal(answer))
        except (TypeError, ValueError):
            continue
        for other in students:
            truth = grades.truths[(other, spec.name)]
            if other == student or any(truth.get(k) != v for k, v in made_for.items()):
                continue
            params = grades.keys[(other, spec.name)].params.get(task.name, {})
            try:
                verdict = decision.judge(decision.evaluate(worlds[other], answer, params), params)
            except (TypeError, ValueError):
                continue
            if verdict.credit >= 1:
                hits[other] = (*hits.get(other, ()), task.name)
                break
    return hits


class _Worlds:
    """Students' worlds built on demand, the last few kept (a copied answer is tried on a handful of them)."""

    def __init__(self, spec: ExerciseSpec, keys, keep: int = 16) -> None:
        self.spec, self.keys, self.keep, self.built = spec, keys, keep, {}

    def __getitem__(self, student: str):
        world = self.built.pop(student, None)
        if world is None:
            key = self.keys[(student, self.spec.name)]
            world = self.spec.judged_world(key)
        self.built[student] = world
        while len(self.built) > self.keep:
            self.built.pop(next(iter(self.built)))
        return world
