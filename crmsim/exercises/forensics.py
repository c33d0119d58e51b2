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
    hashed = [t for t in spec.tasks if t.kind in ("number", "integer", "choice")]
    flagged = {}
    for student in students:
        result = grades.results[(student, spec.name)]
        if result.status != "graded":
            continue
        own_truth = grades.truths[(student, spec.name)]
        forms = {}
        for task in hashed:
            mark = result.marks.get(task.name)
            if mark is None or mark.status != "wrong":  # right for the student, or not an answer at all
                continue
            task_for_key = keyed_task(task, grades.keys[(student, spec.name)].params)
            try:
                forms[task.name] = canonical_forms(task_for_key, result.answers[task.name])
            except AnswerShapeError:
                continue
        if len(forms) < MIN_TASKS:
            continue
        best: tuple[str, tuple[str, ...]] | None = None
        for other in students:
            if other == student:
                continue
            key = grades.keys[(other, spec.name)]
            truth = grades.truths[(other, spec.name)]
            hits = tuple(name for name, candidates in forms.items()
                         if truth[name] != own_truth[name]
                         and any(hmac.compare_digest(digest(key.salt, spec.name, name, form), key.digests[name])
                                 for form in candidates))
            if best is None or len(hits) > len(best[1]):
                best = (other, hits)
        if best and len(best[1]) >= MIN_TASKS and any(spec.task(n).kind != "choice" for n in best[1]):
            flagged[student] = Suspicion(student, best[0], best[1])
    return flagged
