"""Answers as salted hashes: a check can tell right from wrong without holding the right answer.

An answer is first brought to a canonical text (:func:`canonical_forms`), then
hashed with HMAC-SHA-256 under a per-student salt (:func:`digest`). The answer
key holds only these digests, so reading it reveals no answer, and two students
with the same answer have different digests, so one student's key reveals
nothing about another's.

* **Numbers** are put on a grid whose cell is the task's tolerance; the key
  holds the cell of the right answer, and a check accepts the cell of the
  answer or either neighbour. So every answer within one tolerance is right,
  none beyond two is, and no exact value is stored.
* **Whole numbers** (counts, customer ids) must match exactly.
* **Choices** (a segment, a grade) accept the code, or its label as the
  course's tables show it, in English or Chinese, any case.

A short answer space can still be searched by trying every value against the
key (four segments, or every share on the grid); that is why checks are
limited (:mod:`.exercise`) and why the grade is recomputed by the instructor
from the roster at hand-in (:mod:`.grading`), not read from the notebook.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from numbers import Integral, Real

import numpy as np
import pandas as pd

from .. import i18n
from .spec import Task

#: Hex digits kept of each digest: 80 bits, far beyond any search of a grid and
#: short enough to keep the key in a notebook cell readable.
DIGEST_HEX = 20


class AnswerShapeError(ValueError):
    """The answer has the wrong shape (a table, a list, text for a number); carries a message key."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, language: str | None = None) -> str:
        """The explanation for the student, in ``language`` (default: the current one)."""
        return i18n.t(self.key, language=language, **self.values)


def digest(salt: str, exercise: str, task: str, canonical: str) -> str:
    """HMAC-SHA-256 of one canonical answer under the student's ``salt``, shortened to :data:`DIGEST_HEX`."""
    message = f"{exercise}|{task}|{canonical}".encode()
    return hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()[:DIGEST_HEX]


def truth_form(task: Task, truth: object) -> str:
    """The canonical text of a correct answer (instructor side)."""
    if task.kind == "number":
        return str(_cell(float(truth), task.tolerance))
    if task.kind == "integer":
        return str(int(truth))
    if task.kind == "choice":
        return str(truth)
    raise ValueError(f"task {task.name!r} of kind {task.kind!r} has no hashed answer")


def canonical_forms(task: Task, answer: object) -> tuple[str, ...]:
    """Canonical texts any of which, if in the key, makes ``answer`` right.

    Raises
    ------
    AnswerShapeError
        If the answer cannot be an answer to this task (see :func:`as_scalar`).
    """
    if task.kind == "number":
        value = as_number(task, answer)
        cell = _cell(value, task.tolerance)
        return (str(cell - 1), str(cell), str(cell + 1))
    if task.kind == "integer":
        return (str(as_integer(answer)),)
    if task.kind == "choice":
        return (as_choice(task, answer),)
    raise ValueError(f"task {task.name!r} of kind {task.kind!r} has no hashed answer")


def key_digest(task: Task, truth: object, salt: str, exercise: str) -> str:
    """The digest the answer key stores for ``truth``."""
    return digest(salt, exercise, task.name, truth_form(task, truth))


def matches(task: Task, answer: object, stored: str, salt: str, exercise: str) -> bool:
    """Whether ``answer`` is right for the stored digest; raises :class:`AnswerShapeError` on a wrong shape."""
    return any(hmac.compare_digest(digest(salt, exercise, task.name, form), stored)
               for form in canonical_forms(task, answer))


def _cell(value: float, tolerance: float) -> int:
    """The grid cell of ``value`` (round half up, so a value on the grid is in its own cell)."""
    return math.floor(value / tolerance + 0.5)


def as_scalar(answer: object) -> object:
    """One value out of ``answer``, or :class:`AnswerShapeError` saying what it is instead.

    A one-element array or Series is unwrapped (``df.loc[df.x == df.x.max(), "id"]``
    is a common way to pick one value); anything longer, tables, lists and
    dicts get a message that says how to pick one value.
    """
    if isinstance(answer, pd.DataFrame):
        raise AnswerShapeError("ex.shape.frame", rows=len(answer))
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        if np.size(answer) == 1:
            return np.asarray(answer).reshape(-1)[0].item() if isinstance(answer, np.ndarray) else answer.to_numpy()[0]
        raise AnswerShapeError("ex.shape.series", size=int(np.size(answer)))
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        raise AnswerShapeError("ex.shape.list", type=type(answer).__name__, size=len(answer))
    return answer


def as_number(task: Task, answer: object) -> float:
    """``answer`` as a finite float for a number task."""
    answer = as_scalar(answer)
    if isinstance(answer, str):
        raise AnswerShapeError("ex.shape.numeric_text" if _looks_numeric(answer) else "ex.shape.text_for_number",
                               value=answer)
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (Real, np.number)):
        raise AnswerShapeError("ex.shape.not_number", type=type(answer).__name__)
    value = float(answer)
    if not math.isfinite(value):
        raise AnswerShapeError("ex.shape.not_finite", value=value)
    if task.fraction and 1.0 < value <= 100.0:
        raise AnswerShapeError("ex.shape.percent", value=value, fraction=round(value / 100, 4))
    return value


def as_integer(answer: object) -> int:
    """``answer`` as an int for a whole-number task (``12.0`` is 12; ``12.5`` is not whole)."""
    answer = as_scalar(answer)
    if isinstance(answer, str):
        raise AnswerShapeError("ex.shape.numeric_text" if _looks_numeric(answer) else "ex.shape.text_for_number",
                               value=answer)
    if isinstance(answer, (bool, np.bool_)):
        raise AnswerShapeError("ex.shape.not_number", type=type(answer).__name__)
    if isinstance(answer, (Integral, np.integer)):
        return int(answer)
    if isinstance(answer, (Real, np.floating)) and math.isfinite(float(answer)) and float(answer).is_integer():
        return int(answer)
    if isinstance(answer, (Real, np.floating)):
        raise AnswerShapeError("ex.shape.not_whole", value=answer)
    raise AnswerShapeError("ex.shape.not_number", type=type(answer).__name__)


def as_choice(task: Task, answer: object) -> str:
    """The code ``answer`` names: a code or its English or Chinese label, any case and spacing."""
    answer = as_scalar(answer)
    if not isinstance(answer, str):
        raise AnswerShapeError("ex.shape.not_text", type=type(answer).__name__)
    wanted = " ".join(answer.split()).casefold()
    for code in task.choices:
        names = {code.casefold()}
        if task.label_prefix:
            names |= {" ".join(i18n.t(f"{task.label_prefix}.{code}", language=lang).split()).casefold()
                      for lang in i18n.LANGUAGES}
        if wanted in names:
            return code
    shown = ", ".join(f"{c} ({i18n.t(f'{task.label_prefix}.{c}')})" if task.label_prefix else c
                      for c in task.choices)
    raise AnswerShapeError("ex.shape.unknown_choice", value=answer, choices=shown)


def as_text(answer: object, minimum_words: int) -> str:
    """A written answer: a str with at least ``minimum_words`` words (a Chinese character counts as one)."""
    if not isinstance(answer, str):
        raise AnswerShapeError("ex.shape.not_text", type=type(answer).__name__)
    text = answer.strip()
    if _word_count(text) < minimum_words:
        raise AnswerShapeError("ex.shape.short_text", words=minimum_words)
    return text


def _word_count(text: str) -> int:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = len([w for w in "".join(" " if "\u4e00" <= ch <= "\u9fff" else ch for ch in text).split() if w])
    return cjk // 2 + latin  # two characters make roughly one English word


def _looks_numeric(text: str) -> bool:
    try:
        float(text.strip().rstrip("%"))
    except ValueError:
        return False
    return True
