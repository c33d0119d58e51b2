"""Collecting a submission inside the student's kernel, for the instructor's grader.

``class grade`` appends one cell to each submitted notebook::

    from crmsim.exercises.collect import emit
    emit(globals())

which prints one line, :data:`MARKER` followed by JSON: the student id and
seed of the notebook's exercise object, and each task's answer variable made
JSON-safe (:func:`encode`). The grader decodes the answers (:func:`decode`) and
marks them itself, outside the kernel, against the key it recomputes from the
roster and the course seed; nothing the notebook says about marks is trusted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
import pandas as pd

from .exercise import Exercise
from .spec import ExerciseSpec, Task

#: Starts the line the grader reads from the last cell's output.
MARKER = "CRMSIM-SUBMISSION:"

#: The cell ``class grade`` appends.
COLLECT_CELL = "from crmsim.exercises.collect import emit as _crmsim_emit\n_crmsim_emit(globals())"


def encode(task: Task, value: object) -> object:
    """A task's answer as JSON-safe data that :func:`decode` turns back into an equivalent answer.

    Tables, Series and lists are not sent whole: their shape is enough to
    mark them (a table is never a right answer).
    """
    if value is None or isinstance(value, str):
        return value
    if task.kind == "decision" and task.decision is not None and isinstance(value, task.decision.answer_type):
        return {"decision": task.decision.encode(value)}
    if isinstance(value, (bool, np.bool_)):
        return {"shape": "bool", "value": bool(value)}
    if isinstance(value, (Integral, np.integer)):
        return {"int": int(value)}
    if isinstance(value, (Real, np.floating)):
        number = float(value)
        return {"float": number if math.isfinite(number) else str(number)}
    if isinstance(value, pd.DataFrame):
        return {"shape": "frame", "size": len(value)}
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        if np.size(value) == 1:
            return encode(task, np.asarray(value).reshape(-1)[0].item())
        return {"shape": "series", "size": int(np.size(value))}
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return {"shape": "list", "size": len(value)}
    return {"shape": "other", "type": type(value).__name__}


class _Other:
    """Stands for an answer of a type the grader does not rebuild; marked as a wrong shape."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name


def decode(task: Task, data: object) -> object:
    """The answer :func:`encode` described (an equivalent object where the original is not rebuilt)."""
    if data is None or isinstance(data, str):
        return data
    if not isinstance(data, Mapping):
        return _Other(type(data).__name__)
    if "decision" in data and task.decision is not None:
        try:
            return task.decision.decode(data["decision"])
        except (TypeError, ValueError):
            return _Other("invalid " + task.decision.answer_type.__name__)
    if "int" in data:
        return int(data["int"])
    if "float" in data:
        return float(data["float"])
    shape = data.get("shape")
    size = int(data.get("size", 0) or 0)
    if shape == "bool":
        return bool(data.get("value"))
    if shape == "frame":
        return pd.DataFrame(index=range(size))
    if shape == "series":
        return pd.Series(np.zeros(size))
    if shape == "list":
        return [None] * size
    return _Other(str(data.get("type", "object")))


def submission(namespace: Mapping[str, object]) -> dict:
    """What ``emit`` prints, as a dict: one entry per exercise object found in ``namespace``."""
    found = {}
    for value in list(namespace.values()):
        if isinstance(value, Exercise) and value.spec.name not in found:
            found[value.spec.name] = value
    out = []
    for name, exercise in found.items():
        spec: ExerciseSpec = exercise.spec
        answers = {task.name: encode(task, namespace.get(task.name)) for task in spec.tasks}
        out.append({"exercise": name, "student_id": exercise.student_id, "seed": exercise.seed,
                    "problem": exercise.problem, "answers": answers})
    return {"exercises": out}


def emit(namespace: Mapping[str, object]) -> None:
    """Print the submission line (called by the cell the grader appends)."""
    print(MARKER + json.dumps(submission(namespace), ensure_ascii=False, separators=(",", ":")))
