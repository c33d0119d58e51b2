"""Write a world to CSV or Excel with English or Chinese headers, and read it back; or to a database.

SQLite and Parquet exports (``fmt="sqlite"``, ``"parquet"``) are written by
:mod:`crmsim.database`: codes, keys and indexes, read back with its readers.

Exports translate headers, category values (region, industry, ...) and, in
Excel, sheet names into the chosen language and add a data dictionary.
:func:`read_tables` maps them back, so a round trip gives the same values and
dtypes as the world's tables. Exports are built under a staging name and
renamed into place when complete (:mod:`crmsim.files`): an error, Ctrl+C or
``SIGTERM`` never leaves a half-written export behind.

For Chinese users, CSV files are written as UTF-8 with a byte-order mark by
default, which Excel and WPS need to show Chinese text; English ones as plain
UTF-8. Workbooks have their header row frozen and columns as wide as their
headers and values.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import i18n
from .files import check_new_target, staged
from .validation import check_choice
from .world.schema import TABLES, column_dtype, describe

FORMATS = ("csv", "xlsx", "sqlite", "parquet")
#: Formats that hold codes rather than labels (databases; labels come from crmsim.display).
DATABASE_FORMATS = ("sqlite", "parquet")
#: CSV encodings: plain UTF-8, or UTF-8 with the byte-order mark Excel and WPS need for Chinese.
ENCODINGS = ("utf-8", "utf-8-sig")
#: Excel's row limit, header included.
EXCEL_MAX_ROWS = 1_048_576
DICTIONARY = "data_dictionary"
#: Widest column set in a workbook, in characters (longer values wrap in Excel's cell view anyway).
MAX_COLUMN_WIDTH = 60


def format_for(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The export format for ``path``: ``fmt`` if given and consistent with the name, else from its suffix.

    A CSV export is a folder, so its name has no suffix; an Excel export is a
    ``.xlsx`` file; an SQLite database a ``.db``, ``.sqlite`` or ``.sqlite3``
    file; a Parquet dataset a folder named without a suffix or ``.parquet``.
    Anything else is refused with the reason.
    """
    from .database import SQLITE_SUFFIXES

    suffix = Path(path).suffix.lower()
    if fmt is None:
        fmt = ("xlsx" if suffix == ".xlsx" else "sqlite" if suffix in SQLITE_SUFFIXES
               else "parquet" if suffix == ".parquet" else "csv")
    check_choice("fmt", fmt, FORMATS)
    if fmt == "sqlite" and suffix not in SQLITE_SUFFIXES:
        raise ValueError(f"path={str(path)!r}: an SQLite database is a file whose name ends in one of {SQLITE_SUFFIXES}")
    if fmt == "parquet" and suffix not in ("", ".parquet"):
        raise ValueError(f"path={str(path)!r}: a Parquet dataset is a folder, named without a suffix or with .parquet")
    if fmt in DATABASE_FORMATS:
        return fmt
    if fmt == "xlsx" and suffix != ".xlsx":
        raise ValueError(f"path={str(path)!r}: an Excel export is a file whose name ends in .xlsx")
    if fmt == "csv" and suffix:
        raise ValueError(f"path={str(path)!r}: a CSV export is a folder of one file per table, so its name has no "
                         f"suffix ({suffix!r}); name the folder without one, or use a .xlsx name for Excel")
    return fmt


def default_encoding(language: str) -> str:
    """The CSV encoding for ``language``: UTF-8 with a byte-order mark for Chinese, plain UTF-8 otherwise."""
    return "utf-8-sig" if i18n.check_language(language) == "zh" else "utf-8"


def to_language(table: str, df: pd.DataFrame, language: str) -> pd.DataFrame:
    """``df`` with headers and category values in ``language`` (values are otherwise unchanged)."""
    i18n.check_language(language)
    out = {}
    for column in TABLES[table]:
        series = df[column.name]
        if column.kind and column.kind != "name":
            series = series.cat.rename_categories([i18n.t(f"{column.kind}.{c}", language)
                                                   for c in series.cat.categories])
        out[i18n.t(f"column.{table}.{column.name}", language)] = series
    return pd.DataFrame(out, copy=False)


def from_language(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`to_language` for a table read from a file (either language), restoring schema dtypes.

    Raises
    ------
    ValueError
        Naming the table and column when a header is missing or a value is
        not in the column's vocabulary.
    """
    columns = TABLES[table]
    headers = {lang: [i18n.t(f"column.{table}.{c.name}", lang) for c in columns] for lang in i18n.LANGUAGES}
    language = next((lang for lang, h in headers.items() if list(df.columns) == h), None)
    if language is None:
        expected = headers["en"]
        missing = [h for h in expected if h not in df.columns]
        raise ValueError(f"table {table!r}: headers {list(df.columns)} match neither the English nor the Chinese "
                         f"schema (expected {expected}; missing {missing})")
    out = {}
    for column, head in zip(columns, headers[language]):
        series = df[head]
        dtype = column_dtype(table, column)
        if isinstance(dtype, pd.CategoricalDtype):
            if column.kind != "name":
                labels = {i18n.t(f"{column.kind}.{c}", language): c for c in dtype.categories}
                mapped = series.map(labels)
                bad = series[mapped.isna() & series.notna()]
                if len(bad):
                    raise ValueError(f"table {table!r}, column {head!r}: value {bad.iloc[0]!r} (row {bad.index[0] + 2}) "
                                     f"is not one of {list(labels)}")
                series = mapped
            series = pd.Categorical(series, dtype=dtype)
        elif column.dtype.startswith("datetime"):
            series = pd.to_datetime(series).astype(dtype)
        elif column.dtype == "bool" and series.dtype != bool:
            series = series.map({"True": True, "False": False, True: True, False: False}).astype(bool)
        else:
            series = series.astype(dtype)
        out[column.name] = series
    return pd.DataFrame(out)


def export_world(world_or_chunks, path: str | os.PathLike, fmt: str | None = None, language: str = "en",
                 progress=None, encoding: str | None = None) -> Path:
    """Write a world (or an iterable of world chunks) to ``path``.

    Parameters
    ----------
    world_or_chunks : World or iterable of World
        Chunks from :func:`crmsim.iter_world_chunks` keep memory flat for
        very large CSV exports.
    path : path
        ``fmt="csv"``: a new folder (no suffix) holding one ``<table>.csv`` per
        table plus ``data_dictionary.csv``. ``fmt="xlsx"``: a new ``.xlsx``
        workbook with a sheet per table and a data-dictionary sheet. Its
        folder must exist; nothing is overwritten.
    fmt : {"csv", "xlsx", "sqlite", "parquet"}, optional
        Default: from the name (see :func:`format_for`). ``"sqlite"`` and
        ``"parquet"`` write a database of codes with keys and indexes
        (:mod:`crmsim.database`).
    language : {"en", "zh"}
        Language of headers, category values, sheet names and the dictionary
        (CSV and Excel; a database holds codes, so only ``"en"``, the default, is accepted).
    progress : callable, optional
        Called with the number of customers written after each chunk.
    encoding : {"utf-8", "utf-8-sig"}, optional
        CSV encoding; default :func:`default_encoding` of ``language``.

    Returns
    -------
    Path of what was written.
    """
    i18n.check_language(language)
    fmt = format_for(path, fmt)
    encoding = default_encoding(language) if encoding is None else check_choice("encoding", encoding, ENCODINGS)
    path = check_new_target(path)
    chunks: Iterable = [world_or_chunks] if hasattr(world_or_chunks, "tables") else world_or_chunks
    if fmt in DATABASE_FORMATS:
        if language != "en":
            raise ValueError(f"language={language!r}: a {fmt} database stores codes, not labels; leave language "
                             f"as 'en' and label tables with crmsim.display.labelled")
        from .database import write_parquet, write_sqlite

        return (write_sqlite if fmt == "sqlite" else write_parquet)(chunks, path, progress=progress)
    if fmt == "csv":
        _export_csv(chunks, path, language, progress, encoding)
    else:
        _export_xlsx(chunks, path, language, progress)
    return path


def _shared_once(name: str) -> bool:
    # reps and products are repeated in every chunk: write them from the first only.
    return name in ("reps", "products")


def _export_csv(chunks, path: Path, language: str, progress, encoding: str) -> None:
    with staged(path, folder=True) as staging:
        files = {}
        try:
            n_chunks = 0
            for k, world in enumerate(chunks):
                for name, df in world.tables().items():
                    if k and _shared_once(name):
                        continue
                    if name not in files:
                        # One handle per table: a byte-order mark is written once, not once per chunk.
                        files[name] = open(staging / f"{name}.csv", "w", encoding=encoding, newline="")
                    to_language(name, df, language).to_csv(files[name], header=(k == 0), index=False)
                n_chunks += 1
                if progress:
                    progress(len(world.customers))
            _refuse_empty(n_chunks)
        finally:
            for handle in files.values():
                handle.close()
        dictionary(language).to_csv(staging / f"{DICTIONARY}.csv", index=False, encoding=encoding)


def dictionary(language: str) -> pd.DataFrame:
    """The data dictionary as exported: :func:`~crmsim.world.schema.describe` with headers in ``language``."""
    return describe(language=language).rename(columns=lambda c: i18n.t(f"column.dictionary.{c}", language))


def _refuse_empty(n_chunks: int) -> None:
    if n_chunks == 0:
        raise ValueError("world_or_chunks holds no world: nothing to export")


def sheet_name(table: str, language: str) -> str:
    """The name of ``table``'s sheet (or of the data dictionary's) in a workbook in ``language``."""
    return i18n.t(f"export.sheet.{table}", language)


def _export_xlsx(chunks, path: Path, language: str, progress) -> None:
    parts: dict[str, list[pd.DataFrame]] = {}
    n_chunks = 0
    for k, world in enumerate(chunks):
        for name, df in world.tables().items():
            if not (k and _shared_once(name)):
                parts.setdefault(name, []).append(df)
        n_chunks += 1
        if progress:
            progress(len(world.customers))
    _refuse_empty(n_chunks)
    tables = {name: pd.concat(dfs, ignore_index=True) if len(dfs) > 1 else dfs[0] for name, dfs in parts.items()}
    too_big = {name: len(df) for name, df in tables.items() if len(df) + 1 > EXCEL_MAX_ROWS}
    if too_big:
        raise ValueError(f"Excel holds at most {EXCEL_MAX_ROWS - 1:,} rows per sheet; table(s) {too_big} are larger: "
                         f"export fewer customers or use fmt='csv'")
    with staged(path) as staging:
        with pd.ExcelWriter(staging, engine="xlsxwriter", datetime_format="yyyy-mm-dd", date_format="yyyy-mm-dd") as xl:
            sheets = {name: to_language(name, df, language) for name, df in tables.items()}
            sheets[DICTIONARY] = dictionary(language)
            for name, shown in sheets.items():
                sheet = sheet_name(name, language)
                shown.to_excel(xl, sheet_name=sheet, index=False)
                _fit_columns(xl.sheets[sheet], shown)


def _display_width(text: str) -> int:
    """Width of ``text`` in a spreadsheet cell, counting a Chinese character as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit_columns(worksheet, shown: pd.DataFrame, sample: int = 200) -> None:
    """Freeze the header row and make each column as wide as its header and its first values."""
    worksheet.freeze_panes(1, 0)
    head = shown.head(sample)
    for i, column in enumerate(shown.columns):
        values = head[column]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            widest = 10
        else:
            widest = max((_display_width(str(v)) for v in values), default=0)
        worksheet.set_column(i, i, min(MAX_COLUMN_WIDTH, max(_display_width(str(column)), widest) + 2))


def read_tables(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read an export back into tables with the world's column names and dtypes.

    Parameters
    ----------
    path : path
        A CSV export directory or an ``.xlsx`` workbook written by :func:`export_world`.
    """
    path = Path(path)
    if path.is_dir():
        missing = [name for name in TABLES if not (path / f"{name}.csv").is_file()]
        if missing:
            raise FileNotFoundError(f"{path} is not a crmsim CSV export: missing {[m + '.csv' for m in missing]}")
        raw = {name: pd.read_csv(path / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""],
                                 encoding="utf-8-sig")  # with or without a byte-order mark
               for name in TABLES}
        raw = {name: _numbers_from_text(name, df) for name, df in raw.items()}
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        names = {name: next((sheet_name(name, lang) for lang in i18n.LANGUAGES if sheet_name(name, lang) in sheets),
                            None) for name in TABLES}
        missing = [sheet_name(name, "en") for name, sheet in names.items() if sheet is None]
        if missing:
            raise ValueError(f"{path} is not a crmsim workbook: missing sheets {missing} (in English or Chinese)")
        raw = {name: sheets[sheet] for name, sheet in names.items()}
    else:
        raise FileNotFoundError(f"{path} is neither a CSV export directory nor an .xlsx workbook")
    return {name: from_language(name, df) for name, df in raw.items()}


def _numbers_from_text(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Parse numeric columns read as text exactly (floats round-trip through repr)."""
    out = df.copy()
    for column, head in zip(TABLES[table], df.columns):
        if column.dtype == "float64":
            out[head] = pd.to_numeric(out[head].astype(object).where(out[head].notna(), np.nan), errors="raise")
        elif column.dtype.startswith("int"):
            out[head] = pd.to_numeric(out[head], errors="raise")
    return out
