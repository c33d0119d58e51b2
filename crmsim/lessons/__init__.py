"""Lessons that hold: the claims the shared world teaches, measured over many seeds.

``run_lessons()`` returns a coded table (``lesson, measure, effect, low,
high, holds``); show it with ``crmsim.display.labelled(table, "lessons")``, or
run ``python -m crmsim lessons``.
"""

import importlib
import pkgutil

from ..display import register_labels
from .claims import LESSON_CUSTOMERS, LESSONS, Lesson, lesson, lesson_world
from .runner import DEFAULT_SEEDS, run_lessons

# One module of lessons per topic (world, relationships, ...): importing them registers their lessons.
for _module in pkgutil.iter_modules(__path__):
    if _module.name not in {"claims", "runner", "cli"}:
        importlib.import_module(f"{__name__}.{_module.name}")

register_labels("lessons", headers=("lessons.col",), values={"lesson": "lessons.lesson", "measure": "lessons.measure"})

__all__ = ["DEFAULT_SEEDS", "LESSONS", "LESSON_CUSTOMERS", "Lesson", "lesson", "lesson_world", "run_lessons"]
