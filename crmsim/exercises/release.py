"""``class release``: one notebook per student and exercise, each carrying only that student's key."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .. import i18n
from ..files import staged
from ..validation import check_int
from .book import released_notebook
from .catalog import EXERCISES, get_exercise
from .roster import ID_COLUMN
from .solutions import answer_key
from .spec import ExerciseSpec


def release(roster: pd.DataFrame, course_seed: int, out: str | os.PathLike, *, language: str = "en",
            exercises: Sequence[str] = (), n_customers: int | None = None) -> Path:
    """Write ``out/<student_id>/<exercise>.ipynb`` for every student of ``roster``.

    Parameters
    ----------
    roster : DataFrame
        From :func:`~crmsim.exercises.roster.read_roster` (normalised ids).
    course_seed : int
        The instructor's secret; it goes into no notebook (each holds the
        student's own seed and salted digests, see :mod:`.key`).
    out : path
        A new folder (its parent must exist). It is built under a staging name
        and renamed when complete, so an interrupted release leaves nothing.
    language : {"en", "zh"}
        Language of the notebooks.
    exercises : sequence of str
        Codes or numbers; empty for every exercise.
    n_customers : int or None
        Size of each student's world (None: each exercise's default). Grade
        with the same value.

    Returns
    -------
    Path
        ``out``.
    """
    language = i18n.check_language(language)
    course_seed = check_int("course_seed", course_seed, minimum=0)
    specs = selected(exercises)
    with staged(out, folder=True) as staging:
        for student in roster[ID_COLUMN]:
            folder = staging / student
            folder.mkdir()
            for spec in specs:
                key = answer_key(spec, student, course_seed, n_customers=n_customers)
                (folder / f"{spec.name}.ipynb").write_text(released_notebook(spec, key, language), encoding="utf-8")
    return Path(out)


def selected(exercises: Sequence[str]) -> list[ExerciseSpec]:
    """The exercises named (codes or numbers), in course order; all of them if none is named."""
    if not exercises:
        return list(EXERCISES.values())
    wanted = {get_exercise(name).name for name in exercises}
    return [spec for spec in EXERCISES.values() if spec.name in wanted]
