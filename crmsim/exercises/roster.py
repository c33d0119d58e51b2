"""The class roster: a CSV with a ``student_id`` column, checked row by row."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from .. import i18n
from .ids import normalise_student_id

#: The roster's id column.
ID_COLUMN = "student_id"

#: Characters allowed in a normalised id, because it names the student's folder.
_SAFE = re.compile(r"^[\w][\w .@+\-]*$")


class RosterError(ValueError):
    """The roster cannot be used; ``problems`` lists each faulty row."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(i18n.t("ex.roster.bad", path=path, problems="\n  ".join(problems)))


def read_roster(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a roster.

    Parameters
    ----------
    path : path
        A CSV file (UTF-8, with or without the byte-order mark Excel writes)
        with a ``student_id`` column; every other column is kept as it is.
        Ids are read as text, so ``007`` stays ``007``.

    Returns
    -------
    DataFrame
        The roster in its order, ``student_id`` normalised
        (:func:`~crmsim.exercises.ids.normalise_student_id`), plus ``roster_row``,
        the line of the CSV file (the header is line 1).

    Raises
    ------
    RosterError
        No ``student_id`` column, or rows with an empty, placeholder,
        duplicate or unusable id: every one is listed with its line.
    FileNotFoundError
        If there is no such file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(i18n.t("ex.roster.missing", path=str(path)))
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise RosterError(str(path), [str(exc).strip()]) from exc
    columns = {str(c).strip().casefold(): c for c in table.columns}
    if ID_COLUMN not in columns:
        raise RosterError(str(path), [i18n.t("ex.roster.no_column", column=ID_COLUMN,
                                             columns=", ".join(map(str, table.columns)) or "-")])
    table = table.rename(columns={columns[ID_COLUMN]: ID_COLUMN})
    problems, ids, first_row = [], [], {}
    for i, raw in enumerate(table[ID_COLUMN], start=2):
        try:
            student = normalise_student_id(raw)
        except (ValueError, TypeError) as exc:
            problems.append(i18n.t("ex.roster.row", row=i, value=repr(raw), problem=str(exc)))
            ids.append(None)
            continue
        if not _SAFE.match(student):
            problems.append(i18n.t("ex.roster.row", row=i, value=repr(raw), problem=i18n.t("ex.roster.unsafe")))
        elif student in first_row:
            problems.append(i18n.t("ex.roster.row", row=i, value=repr(raw),
                                   problem=i18n.t("ex.roster.duplicate", first=first_row[student])))
        else:
            first_row[student] = i
        ids.append(student)
    if problems:
        raise RosterError(str(path), problems)
    table[ID_COLUMN] = ids
    if "roster_row" not in table.columns:
        table.insert(1, "roster_row", range(2, len(table) + 2))
    if table.empty:
        raise RosterError(str(path), [i18n.t("ex.roster.empty")])
    return table.reset_index(drop=True)
