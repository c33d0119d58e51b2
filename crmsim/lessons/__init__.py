"""Lessons that hold: the claims the shared world teaches, measured over many seeds.

``run_lessons()`` returns a coded table (``lesson, measure, effect, low,
high, holds``); show it with ``crmsim.display.labelled(table, "lessons")``, or
run ``python -m crmsim lessons``.
"""

from ..display import register_labels
from .claims import LESSON_CUSTOMERS, LESSONS, Lesson, lesson
from .runner import DEFAULT_SEEDS, run_lessons

register_labels("lessons", headers=("lessons.col",), values={"lesson": "lessons.lesson", "measure": "lessons.measure"})

__all__ = ["DEFAULT_SEEDS", "LESSONS", "LESSON_CUSTOMERS", "Lesson", "lesson", "run_lessons"]
