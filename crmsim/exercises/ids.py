"""Student ids as the roster, the notebook and the seed see them.

A student types an id into a notebook; the instructor's roster holds it in a
spreadsheet. They must give the same seed however they were written, so every
id goes through :func:`normalise_student_id`: surrounding spaces removed,
runs of inner spaces made one, letters case-folded (``"S2024 001"`` and
``"s2024  001 "`` are the same student), and whole numbers accepted (a numeric
学号 read from Excel arrives as an int, or as ``2024001.0``).
"""

from __future__ import annotations

import math
import re
from numbers import Integral, Real

import numpy as np

from .. import i18n

#: Ids that are examples, not students: a notebook still holding one would give
#: every student the same, copyable data, so they are refused.
PLACEHOLDER_IDS = frozenset({"demo-student", "demo", "student", "your-id", "your id", "student-id", "student_id",
                             "学号", "你的学号", "none", "nan", "null"})

_SPACES = re.compile(r"\s+")


class MissingStudentId(ValueError):
    """No student id was written (empty, ``None`` or only spaces)."""


def normalise_student_id(student_id: object, name: str = "student_id") -> str:
    """The canonical form of a student id.

    Parameters
    ----------
    student_id : str or int
        As typed or as read from the roster. Whole numbers (``2024001``,
        ``np.int64(2024001)``, ``2024001.0``) are accepted, because a numeric
        student number read from a spreadsheet arrives as a number.
    name : str
        Parameter name for error messages.

    Returns
    -------
    str
        Stripped, inner spaces collapsed to one, case-folded.

    Raises
    ------
    MissingStudentId
        If the id is empty, ``None`` or only spaces (a subclass of ValueError,
        so a notebook can say "write your student id first" instead).
    ValueError
        If the id is a placeholder of :data:`PLACEHOLDER_IDS`, or a number
        that is not whole or is negative.
    TypeError
        If it is neither a str nor a number.
    """
    if student_id is None:
        raise MissingStudentId(i18n.t("ex.id.missing", name=name))
    if isinstance(student_id, (bool, np.bool_)):
        raise TypeError(i18n.t("ex.id.type", name=name, value=repr(student_id), type=type(student_id).__name__))
    if isinstance(student_id, (Integral, np.integer)):
        text = _whole_number(int(student_id), student_id, name)
    elif isinstance(student_id, (Real, np.floating)):
        value = float(student_id)
        if not math.isfinite(value) or value != int(value):
            raise ValueError(i18n.t("ex.id.number", name=name, value=repr(student_id)))
        text = _whole_number(int(value), student_id, name)
    elif isinstance(student_id, str):
        text = _SPACES.sub(" ", student_id.strip()).casefold()
    else:
        raise TypeError(i18n.t("ex.id.type", name=name, value=repr(student_id), type=type(student_id).__name__))
    if not text:
        raise MissingStudentId(i18n.t("ex.id.missing", name=name))
    if text in PLACEHOLDER_IDS:
        raise ValueError(i18n.t("ex.id.placeholder", name=name, value=repr(student_id)))
    return text


def _whole_number(number: int, original: object, name: str) -> str:
    if number < 0:
        raise ValueError(i18n.t("ex.id.number", name=name, value=repr(original)))
    return str(number)
