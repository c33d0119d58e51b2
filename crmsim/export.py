"""Write a world to CSV or Excel with English or Chinese headers, and read it back.

Exports translate headers and category values (region, industry, ...) into
the chosen language and add a data dictionary. :func:`read_tables` maps them
back, so a round trip gives the same values and dtypes as the world's tables.
Files are written to a temporary name and moved into place at the end:
an error never leaves a half-written export behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import i18n
from .world.schema import TABLES, column_dtype, describe
from .validation import check_choice

FORMATS = ("csv", "xlsx")
#: Excel's row limit, header included.
EXCEL_MAX_ROWS = 1_048_576
DICTIONARY = "data_dictionary"
i18n.register({
    "export.sheet.data_dictionary": ("data dictionary", "数据字典"),
})


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


def export_world(world_or_chunks, path: str | os.PathLike, fmt: str = "csv", language: str = "en",
                 progress=None) -> Path:
    """Write a world (or an iterable of world chunks) to ``path``.

    Parameters
    ----------
    world_or_chunks : World or iterable of World
        Chunks from :func:`crmsim.iter_world_chunks` keep memory flat for
        very large CSV exports.
    path : path
        ``fmt="csv"``: a directory, created, holding one ``<table>.csv`` per
        table plus ``data_dictionary.csv``. ``fmt="xlsx"``: one workbook
        with a sheet per table and a data-dictionary sheet.
    fmt : {"csv", "xlsx"}
    language : {"en", "zh"}
        Language of headers, category values and the dictionary.
    progress : callable, optional
        Called with the number of customers written after each chunk.

    Returns
    -------
    Path of what was written.
    """
    check_choice("fmt", fmt, FORMATS)
    i18n.check_language(language)
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"path {str(path)!r} already exists; choose a new one or remove it first")
    chunks: Iterable = [world_or_chunks] if hasattr(world_or_chunks, "tables") else world_or_chunks
    if fmt == "csv":
        _export_csv(chunks, path, language, progress)
    else:
        _export_xlsx(chunks, path, language, progress)
    return path


def _shared_once(name: str) -> bool:
    # reps and products are repeated in every chunk: write them from the first only.
    return name in ("reps", "products")


def _export_csv(chunks, path: Path, language: str, progress) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent if path.parent.exists() else None))
    try:
        for k, world in enumerate(chunks):
            for name, df in world.tables().items():
                if k and _shared_once(name):
                    continue
                to_language(name, df, language).to_csv(staging / f"{name}.csv", mode="a", header=(k == 0),
                                                        index=False, encoding="utf-8")
            if progress:
                progress(len(world.customers))
        describe(language=language).to_csv(staging / f"{DICTIONARY}.csv", index=False, encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the export is an ordinary folder
        shutil.move(str(staging), str(path))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _export_xlsx(chunks, path: Path, language: str, progress) -> None:
    parts: dict[str, list[pd.DataFrame]] = {}
    for k, world in enumerate(chunks):
        for name, df in world.tables().items():
            if not (k and _shared_once(name)):
                parts.setdefault(name, []).append(df)
        if progress:
            progress(len(world.customers))
    tables = {name: pd.concat(dfs, ignore_index=True) if len(dfs) > 1 else dfs[0] for name, dfs in parts.items()}
    too_big = {name: len(df) for name, df in tables.items() if len(df) + 1 > EXCEL_MAX_ROWS}
    if too_big:
        raise ValueError(f"Excel holds at most {EXCEL_MAX_ROWS - 1:,} rows per sheet; table(s) {too_big} are larger: "
                         f"export fewer customers or use fmt='csv'")
    fd, staging = tempfile.mkstemp(suffix=".xlsx", prefix=f".{path.name}.", dir=path.parent if path.parent.exists() else None)
    os.close(fd)
    try:
        with pd.ExcelWriter(staging, engine="xlsxwriter", datetime_format="yyyy-mm-dd", date_format="yyyy-mm-dd") as xl:
            for name, df in tables.items():
                to_language(name, df, language).to_excel(xl, sheet_name=name, index=False)
            describe(language=language).to_excel(xl, sheet_name=DICTIONARY, index=False)
        shutil.move(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


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
        raw = {name: pd.read_csv(path / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
               for name in TABLES}
        raw = {name: _numbers_from_text(name, df) for name, df in raw.items()}
    elif path.suffix.lower() == ".xlsx" and path.is_file():
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        missing = [name for name in TABLES if name not in sheets]
        if missing:
            raise ValueError(f"{path} is not a crmsim workbook: missing sheets {missing}")
        raw = {name: sheets[name] for name in TABLES}
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
