"""Exercise 01, customer value: four tasks graded on the student's own world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import i18n
from ..seeding import student_seed
from ..value import abc_classes, customer_value
from ..world import World, make_world


@dataclass(frozen=True)
class Task:
    """One graded question: how to compute the right answer and how to compare."""

    points: int
    solve: Callable[[World, pd.DataFrame], object]
    hint_key: str
    tolerance: float = 0.0


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer."""

    task: str
    passed: bool
    points: int
    message: str

    def _repr_markdown_(self) -> str:
        return ("✅ " if self.passed else "❌ ") + self.message

    def __str__(self) -> str:
        return self.message


def _top_segment(world: World, values: pd.DataFrame) -> str:
    segment = world.customers.set_index("customer_id")["segment"]
    revenue = world.orders.groupby(world.orders["customer_id"].map(segment), observed=True)["revenue"].sum()
    return str(revenue.idxmax())


def _a_share(world: World, values: pd.DataFrame) -> float:
    return float((abc_classes(values, "historical_value", (0.8, 0.95))["abc_class"] == "A").mean())


def _negative(world: World, values: pd.DataFrame) -> int:
    return int((values["historical_value"] < 0).sum())


def _top_potential(world: World, values: pd.DataFrame) -> int:
    return int(values.loc[values["potential_value"].idxmax(), "customer_id"])


class CustomerValueExercise:
    """Exercise 01: customer value and ABC analysis on the student's own world.

    Parameters
    ----------
    student_id : str
        As on the class roster.
    course_seed : int
        The instructor's seed for this run of the course.
    n_customers : int
        Size of each student's world.
    """

    tasks: dict[str, Task] = {
        "top_segment": Task(1, _top_segment, "ex01.hint.top_segment"),
        "a_share": Task(2, _a_share, "ex01.hint.a_share", tolerance=0.005),
        "negative_value_customers": Task(1, _negative, "ex01.hint.negative"),
        "top_potential_customer": Task(1, _top_potential, "ex01.hint.potential"),
    }

    def __init__(self, student_id: str, course_seed: int = 2024, n_customers: int = 150) -> None:
        self.student_id = student_id
        self.seed = student_seed(course_seed, student_id)
        self.world = make_world(seed=self.seed, n_customers=n_customers)
        self._values = customer_value(self.world)
        self.results: dict[str, Feedback] = {}

    def solution(self, task: str) -> object:
        """The right answer for this student (for instructors and tests)."""
        return self._task(task).solve(self.world, self._values)

    def check(self, task: str, answer: object) -> Feedback:
        """Grade one answer and remember the result."""
        spec = self._task(task)
        if answer is None:
            feedback = Feedback(task, False, 0, i18n.t("exercise.missing"))
        else:
            expected = spec.solve(self.world, self._values)
            if isinstance(expected, float):
                try:
                    passed = abs(float(answer) - expected) <= spec.tolerance
                except (TypeError, ValueError):
                    passed = False
            else:
                passed = answer == expected or (isinstance(answer, (int, np.integer)) and int(answer) == expected)
            feedback = Feedback(task, passed, spec.points if passed else 0,
                                i18n.t("exercise.correct", points=spec.points) if passed
                                else i18n.t("exercise.wrong", hint=i18n.t(spec.hint_key)))
        self.results[task] = feedback
        return feedback

    def score(self) -> pd.DataFrame:
        """Points per task so far, with a total row."""
        rows = [{i18n.t("exercise.task"): name,
                 i18n.t("exercise.result"): ("✅" if name in self.results and self.results[name].passed else "❌"),
                 i18n.t("exercise.points"): self.results[name].points if name in self.results else 0}
                for name in self.tasks]
        table = pd.DataFrame(rows)
        total = pd.DataFrame([{i18n.t("exercise.task"): i18n.t("exercise.score", points=int(table.iloc[:, 2].sum()),
                                                               total=sum(t.points for t in self.tasks.values())),
                               i18n.t("exercise.result"): "", i18n.t("exercise.points"): int(table.iloc[:, 2].sum())}])
        return pd.concat([table, total], ignore_index=True)

    def _task(self, task: str) -> Task:
        if task not in self.tasks:
            raise ValueError(i18n.t("exercise.unknown_task", task=task, tasks=list(self.tasks)))
        return self.tasks[task]
