"""The world as a database: SQLite (standard library) and Parquet (pyarrow).

:func:`write_sqlite` writes every table of a world with primary keys, foreign
keys and indexes, plus a ``meta`` table (``as_of``, ``start``, ``months``, ...)
so that SQL can ask "how long ago"; :func:`write_parquet` writes a Parquet
dataset, one folder per table, that ``pandas.read_parquet(path / "orders")``
reads with the world's dtypes, no conversion needed. Both take a world or the
chunks of :func:`crmsim.iter_world_chunks` and write chunk by chunk, so a world
too large for memory is never held whole. Parquet chunks are independent files
(:func:`write_parquet_part`): partitions written by parallel processes are
identical to those written one after the other.

:func:`append_tables` adds tables to an existing database (a relationship
run's contact log and monthly levels, a prospecting campaign's leads): the
customer file grows into a **dynamic database** (动态数据库). Values are codes,
as in the world's tables; :mod:`crmsim.display` labels them in either language.

Every write is staged: a new database or dataset is built under a staging
name and renamed into place (:func:`crmsim.files.staged`); tables added to an
SQLite file go in in one transaction, new Parquet folders are staged. An
error or ``SIGTERM`` never leaves half a database behind.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import numpy as np
import pandas as pd

from .files import check_new_target, staged
from .world import World
from .world.build import TABLE_NAMES
from .world.schema import TABLES, column_dtype

#: Primary key of every world table.
PRIMARY_KEYS = {"reps": ("rep_id",), "products": ("product_id",), "customers": ("customer_id",),
                "contacts": ("contact_id",), "financials": ("customer_id", "fiscal_year"), "orders": ("order_id",)}
#: Foreign keys: (column, parent table, parent column).
FOREIGN_KEYS = {
    "customers": (("rep_id", "reps", "rep_id"),),
    "contacts": (("customer_id", "customers", "customer_id"),),
    "financials": (("customer_id", "customers", "customer_id"),),
    "orders": (("customer_id", "customers", "customer_id"), ("rep_id", "reps", "rep_id"),
               ("product_id", "products", "product_id")),
}
#: Indexes beyond the primary keys: the columns analyses join and filter on.
INDEXES = {"customers": (("rep_id",), ("segment",), ("customer_since",)), "contacts": (("customer_id",),),
           "orders": (("customer_id",), ("rep_id",), ("product_id",), ("order_date",))}
#: Indexes on the column that a table's rows are written in the order of (chunk after chunk, customer
#: after customer): created with the table, they grow at their end as rows go in, which costs less than
#: sorting them afterwards like the others. Any order of rows gives the same index.
INDEXES_IN_WRITING_ORDER = {("orders", ("customer_id",)), ("contacts", ("customer_id",))}
#: Tables in the order they are created (parents before children).
CREATE_ORDER = ("reps", "products", "customers", "contacts", "financials", "orders")
#: Columns of added tables that refer to world tables.
REFERENCES = {"customer_id": ("customers", "customer_id"), "rep_id": ("reps", "rep_id"),
              "product_id": ("products", "product_id")}
#: Suffixes of an SQLite database file.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Table of the dtypes of added tables, so that they read back as they were written.
COLUMN_TYPES = "column_types"
#: Rows per INSERT statement (fewer if SQLite allows fewer parameters per statement).
ROWS_PER_INSERT = 128
#: Bytes per database page: a tenth less time than SQLite's default 4096 for the 100k-customer world
#: (four times fewer pages to fill, link and write), for the same tables.
PAGE_SIZE = 16_384
#: Page cache while tables are written, in KiB.
WRITE_CACHE_KIB = 65_536
#: Page cache while indexes are built, in KiB. SQLite sorts index keys in runs of the cache's size (at
#: least 250 pages): runs of 4 MiB stay in the processor's cache and sort about a third faster than
#: one run of a large cache.
INDEX_CACHE_KIB = 4096
_NS_PER_DAY = 86_400_000_000_000


def _chunks(world_or_chunks) -> Iterable[World]:
    return [world_or_chunks] if isinstance(world_or_chunks, World) else world_or_chunks


def _prefetched(chunks: Iterable[World]) -> Iterable[World]:
    """The chunks, the next one built on a thread while the current one is written.

    Building a world is numpy work and SQLite releases the GIL while it
    stores rows, so the two overlap; at most two chunks are in memory.
    """
    iterator = iter(chunks)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(next, iterator, None)
        while True:
            world = pending.result()
            if world is None:
                return
            pending = pool.submit(next, iterator, None)
            yield world


def _sql_type(dtype) -> str:
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return "INTEGER"
    if pd.api.types.is_float_dtype(dtype):
        return "REAL"
    return "TEXT"


def _sql_values(series: pd.Series) -> list:
    """A column as Python values SQLite stores: codes as text, dates as ISO text, NaN and NaT as NULL."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        labels = np.asarray(dtype.categories.astype(object), dtype=object)
        values = labels[codes]
        if (codes < 0).any():
            values[codes < 0] = None
        return values.tolist()
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _iso_dates(series.to_numpy().astype("datetime64[ns]"))
    if pd.api.types.is_bool_dtype(dtype):
        return series.to_numpy().astype(np.int64).tolist()
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return series.to_numpy().tolist()  # SQLite stores NaN as NULL
    values = np.array(series.astype(object).to_numpy(), dtype=object)
    values[pd.isna(values)] = None
    return values.tolist()


def _iso_dates(raw: np.ndarray) -> list:
    """Dates as ISO text (``YYYY-MM-DD``, or with the time if any value has one), NaT as None.

    A history spans a few thousand days: each day is formatted once and
    looked up by its offset from the first (no sort, unlike ``np.unique``).
    """
    missing = np.isnat(raw)
    ns = raw.view(np.int64)
    present = ns[~missing]
    if present.size == 0:
        return [None] * len(raw)
    if (present % _NS_PER_DAY).any():
        days, where = np.unique(raw, return_inverse=True)
        values = np.datetime_as_string(days, unit="us").astype(object)[where.ravel()]
    else:
        first, last = present.min() // _NS_PER_DAY, present.max() // _NS_PER_DAY
        if last - first > max(4 * len(raw), 100_000):  # a few dates centuries apart: format only those
            days, where = np.unique(raw, return_inverse=True)
            values = np.datetime_as_string(days, unit="D").astype(object)[where.ravel()]
        else:
            calendar = np.datetime_as_string(np.arange(first, last + 1).astype("datetime64[D]"), unit="D")
            values = calendar.astype(object)[np.where(missing, first, ns // _NS_PER_DAY) - first]
    values[missing] = None
    return values.tolist()


def _insert_sql(name: str, width: int, rows: int) -> str:
    row = f"({', '.join('?' * width)})"
    return f'INSERT INTO "{name}" VALUES {", ".join([row] * rows)}'


def _flat_rows(columns: list[list], start: int, stop: int) -> list:
    """Rows ``start:stop`` of ``columns`` as one list, row after row: the parameters of a many-row INSERT."""
    width = len(columns)
    flat = [None] * ((stop - start) * width)
    for i, values in enumerate(columns):
        flat[i::width] = values[start:stop]
    return flat


def _insert(connection: sqlite3.Connection, name: str, df: pd.DataFrame) -> None:
    """Insert ``df``'s rows, :data:`ROWS_PER_INSERT` per statement.

    Executing a statement costs about as much Python as binding its values:
    one statement per row took a third longer than many rows per statement.
    Rows are flattened a slab at a time, so memory stays that of the columns.
    """
    columns = [_sql_values(df[c]) for c in df.columns]
    width, n_rows = len(columns), len(df)
    limit = connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # 32766 in current SQLite, 999 before 3.32
    per = max(1, min(ROWS_PER_INSERT, limit // max(width, 1)))
    full = n_rows - n_rows % per  # rows that go in statements of `per` rows; the rest in one shorter statement

    def blocks():
        slab = per * 64
        for start in range(0, full, slab):
            flat = _flat_rows(columns, start, min(start + slab, full))
            for k in range(0, len(flat), per * width):
                yield flat[k:k + per * width]

    if full:
        connection.executemany(_insert_sql(name, width, per), blocks())
    if full < n_rows:
        connection.execute(_insert_sql(name, width, n_rows - full), _flat_rows(columns, full, n_rows))


def _create_world_table(connection: sqlite3.Connection, name: str) -> None:
    columns = [f'"{c.name}" {_sql_type(column_dtype(name, c))}' for c in TABLES[name]]
    columns.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[name])})")
    columns += [f'FOREIGN KEY ("{col}") REFERENCES "{parent}" ("{key}")'
                for col, parent, key in FOREIGN_KEYS.get(name, ())]
    connection.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')


def _create_index(connection: sqlite3.Connection, name: str, columns: tuple[str, ...]) -> None:
    connection.execute(f'CREATE INDEX "ix_{name}_{"_".join(columns)}" ON "{name}" ({", ".join(columns)})')


def write_sqlite(world_or_chunks, path: str | os.PathLike, *, progress=None) -> Path:
    """Write a world (or its chunks) to a new SQLite file at ``path`` (``.db``, ``.sqlite`` or ``.sqlite3``).

    Every table of :data:`crmsim.TABLE_NAMES` with its primary key
    (:data:`PRIMARY_KEYS`), foreign keys (:data:`FOREIGN_KEYS`) and indexes
    (:data:`INDEXES`); a ``meta`` table of ``key, value`` text (``as_of``,
    ``start``, ``months``, ``n_customers``, ``seed``). Categories are stored as
    their codes, dates as ISO text (``YYYY-MM-DD``), missing values as NULL.

    Parameters
    ----------
    world_or_chunks : World or iterable of World
    path : path
        A new file in an existing folder.
    progress : callable, optional
        Called with the number of customers written after each chunk.

    Raises
    ------
    ValueError
        If a row refers to a row that the tables do not have (a foreign key
        broken); nothing is left at ``path``.
    """
    path = check_new_target(path)
    if path.suffix.lower() not in SQLITE_SUFFIXES:
        raise ValueError(f"path={str(path)!r}: an SQLite database is a file whose name ends in one of {SQLITE_SUFFIXES}")
    with staged(path) as staging:
        connection = sqlite3.connect(staging)
        try:
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table
            # A staging file is thrown away on any failure, so the journal would only slow the writes down.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")  # nobody reads a staging file
            # Every table is written in key order, so pages fill one after the other: a modest cache is enough.
            connection.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
            for name in CREATE_ORDER:
                _create_world_table(connection, name)
                for columns in INDEXES.get(name, ()):
                    if (name, columns) in INDEXES_IN_WRITING_ORDER:
                        _create_index(connection, name, columns)
            first, n_customers, references = None, 0, _References()
            for k, world in enumerate(_prefetched(_chunks(world_or_chunks))):
                first = first or world
                references.add(world, shared=k == 0)
                for name in CREATE_ORDER:
                    if k == 0 or name not in ("reps", "products"):  # repeated in every chunk: written once
                        _insert(connection, name, getattr(world, name))
                n_customers += len(world.customers)
                if progress:
                    progress(len(world.customers))
            if first is None:
                raise ValueError("world_or_chunks holds no world: nothing to write")
            references.check()
            connection.execute(f"PRAGMA cache_size = -{INDEX_CACHE_KIB}")
            for name, indexes in INDEXES.items():
                for columns in indexes:
                    if (name, columns) not in INDEXES_IN_WRITING_ORDER:
                        _create_index(connection, name, columns)
            _write_meta(connection, first, n_customers)
            connection.execute(f'CREATE TABLE "{COLUMN_TYPES}" ("table_name" TEXT, "column_name" TEXT, '
                               f'"dtype" TEXT, "categories" TEXT, PRIMARY KEY (table_name, column_name))')
            connection.commit()
        finally:
            connection.close()
    return path


class _References:
    """The foreign keys (:data:`FOREIGN_KEYS`) of the written chunks, checked in numpy.

    ``PRAGMA foreign_key_check`` on the finished file looked up the 3.7
    million references of the 100k-customer world one by one (a twentieth of
    the export); here each chunk's references are checked against the keys
    written so far as it is added, and the few that are not found yet are kept
    and checked against every chunk's keys at the end: the same answer.
    """

    def __init__(self) -> None:
        self.keys: dict[str, np.ndarray] = {}
        self.pending: dict[tuple[str, str, str, str], list[np.ndarray]] = {}

    def add(self, world: World, *, shared: bool) -> None:
        """Take the keys and references of one chunk (``reps`` and ``products`` only if ``shared``)."""
        parents = sorted({(parent, key) for references in FOREIGN_KEYS.values() for _, parent, key in references})
        for parent, key in parents:
            if shared or parent not in ("reps", "products"):
                new = getattr(world, parent)[key].to_numpy()
                self.keys[parent] = np.concatenate([self.keys[parent], new]) if parent in self.keys else new
        for name, references in FOREIGN_KEYS.items():
            for column, parent, key in references:
                values = getattr(world, name)[column]
                values = values[values.notna()].to_numpy()
                missing = values[~np.isin(values, self.keys[parent])]
                if len(missing):
                    self.pending.setdefault((name, column, parent, key), []).append(np.unique(missing))

    def check(self) -> None:
        """Raise ``ValueError`` naming a reference to a row that no chunk has."""
        for (name, column, parent, key), found in self.pending.items():
            missing = np.setdiff1d(np.concatenate(found), self.keys[parent])
            if len(missing):
                raise ValueError(f"the world's tables break their foreign keys: {name}.{column} has "
                                 f"{missing[:5].tolist()}, which {parent}.{key} does not")


def _write_meta(connection: sqlite3.Connection, world: World, n_customers: int) -> None:
    config = world.config
    entropy = world.seed.entropy
    meta = {"as_of": world.as_of.strftime("%Y-%m-%d"), "start": config.start_date.strftime("%Y-%m-%d"),
            "months": str(config.months), "n_customers": str(n_customers),
            "seed": str(entropy if isinstance(entropy, int) else list(np.ravel(entropy)))}
    connection.execute('CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT)')
    connection.executemany('INSERT INTO "meta" VALUES (?, ?)', meta.items())


def connect(path: str | os.PathLike) -> sqlite3.Connection:
    """Open a database written by :func:`write_sqlite`, with foreign keys enforced."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path={str(path)!r} is not a database file")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _from_sql(df: pd.DataFrame, dtypes: Mapping[str, object]) -> pd.DataFrame:
    out = {}
    for column, dtype in dtypes.items():
        series = df[column]
        if isinstance(dtype, pd.CategoricalDtype):
            series = pd.Categorical(series.astype(object).where(series.notna(), None), dtype=dtype)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            series = pd.to_datetime(series, format="ISO8601").astype(dtype)
        elif pd.api.types.is_bool_dtype(dtype):
            series = series.astype(bool)
        else:
            series = series.astype(dtype)
        out[column] = series
    return pd.DataFrame(out)


def read_sqlite(path: str | os.PathLike, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Tables of a database of :func:`write_sqlite` with the dtypes they were written with.

    Default: the world's tables and every added table, by name.
    """
    with closing(connect(path)) as connection:
        added = _added_types(connection)
        names = list(TABLE_NAMES) + sorted(added) if tables is None else list(tables)
        out = {}
        for name in names:
            if name in TABLES:
                dtypes = {c.name: column_dtype(name, c) for c in TABLES[name]}
            elif name in added:
                dtypes = added[name]
            else:
                raise ValueError(f"tables: {name!r} is not in the database (has {list(TABLE_NAMES) + sorted(added)})")
            order = f' ORDER BY {", ".join(PRIMARY_KEYS[name])}' if name in PRIMARY_KEYS else " ORDER BY rowid"
            out[name] = _from_sql(pd.read_sql(f'SELECT * FROM "{name}"{order}', connection), dtypes)
    return out


def _dtype_text(dtype) -> tuple[str, str | None]:
    if isinstance(dtype, pd.CategoricalDtype):
        return ("ordered_category" if dtype.ordered else "category"), json.dumps(
            [str(c) for c in dtype.categories], ensure_ascii=False)
    return str(dtype), None


def _dtype_of(text: str, categories: str | None):
    if text in ("category", "ordered_category"):
        return pd.CategoricalDtype(json.loads(categories), ordered=text == "ordered_category")
    if text == "str":
        return pd.StringDtype("pyarrow", na_value=float("nan"))
    return pd.api.types.pandas_dtype(text)


def _added_types(connection: sqlite3.Connection) -> dict[str, dict[str, object]]:
    rows = connection.execute(f'SELECT table_name, column_name, dtype, categories FROM "{COLUMN_TYPES}" '
                              f'ORDER BY rowid').fetchall()
    out: dict[str, dict[str, object]] = {}
    for table, column, dtype, categories in rows:
        out.setdefault(table, {})[column] = _dtype_of(dtype, categories)
    return out


def check_new_tables(tables: object, existing: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Return ``tables`` if it maps new lower-case names to DataFrames with simple columns."""
    if not isinstance(tables, Mapping) or not tables:
        raise TypeError(f"tables must be a non-empty dict of table name -> DataFrame; got {type(tables).__name__}")
    existing = set(existing)
    for name, df in tables.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValueError(f"table name {name!r} must be lower-case letters, digits and _ (starting with a letter)")
        if name in existing:
            raise ValueError(f"table {name!r} is already in the database; added tables must be new")
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"tables[{name!r}] must be a DataFrame; got {type(df).__name__}")
        bad = [c for c in df.columns if not isinstance(c, str) or not _NAME.match(c)]
        if bad:
            raise ValueError(f"tables[{name!r}] has column names {bad} that are not lower-case identifiers")
    return dict(tables)


def append_tables(path: str | os.PathLike, tables: Mapping[str, pd.DataFrame]) -> Path:
    """Add new tables to a database of :func:`write_sqlite` or a dataset of :func:`write_parquet`.

    The dynamic database: e.g. ``{"relationship_monthly": run.monthly,
    "development_leads": dev_run.leads}``. In SQLite, a ``customer_id``,
    ``rep_id`` or ``product_id`` column becomes a foreign key to the world's
    table (and is indexed), all tables go in in one transaction (all or
    nothing) and their dtypes are recorded so that :func:`read_sqlite` gives
    them back as they were. In Parquet, each table is a new staged folder.
    """
    path = Path(path)
    if path.is_dir():
        tables = check_new_tables(tables, (p.name for p in path.iterdir()))
        for name, df in tables.items():
            with staged(path / name, folder=True) as folder:
                df.reset_index(drop=True).to_parquet(folder / "part-00000.parquet", index=False)
        return path
    with closing(connect(path)) as connection, connection:  # closed, after a commit or a rollback
        existing = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = check_new_tables(tables, existing)
        for name, df in tables.items():
            columns = [f'"{c}" {_sql_type(df[c].dtype)}' for c in df.columns]
            columns += [f'FOREIGN KEY ("{c}") REFERENCES "{REFERENCES[c][0]}" ("{REFERENCES[c][1]}")'
                        for c in df.columns if c in REFERENCES]
            connection.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
            try:
                _insert(connection, name, df)
            except sqlite3.IntegrityError as exc:  # foreign keys are enforced: nothing is added
                raise ValueError(f"tables[{name!r}]: the added tables refer to rows the world does not have "
                                 f"({exc})") from exc
            for c in df.columns:
                if c in REFERENCES:
                    connection.execute(f'CREATE INDEX "ix_{name}_{c}" ON "{name}" ("{c}")')
            connection.executemany(f'INSERT INTO "{COLUMN_TYPES}" VALUES (?, ?, ?, ?)',
                                   [(name, c, *_dtype_text(df[c].dtype)) for c in df.columns])
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"the added tables refer to rows the world does not have: {problems[:5]}")
    return path


def write_parquet_part(world: World, folder: str | os.PathLike, part: int, *, shared: bool | None = None) -> None:
    """Write one chunk's tables into an existing dataset folder as ``<table>/part-<part>.parquet``.

    Chunks are independent: processes may write different parts of the same
    dataset at the same time. ``shared`` (default: ``part == 0``) also writes
    ``reps`` and ``products``, which every chunk repeats.
    """
    folder = Path(folder)
    shared = part == 0 if shared is None else shared
    for name in TABLE_NAMES:
        if name in ("reps", "products") and not shared:
            continue
        (folder / name).mkdir(exist_ok=True)
        getattr(world, name).to_parquet(folder / name / f"part-{part:05d}.parquet", index=False)


def write_parquet(world_or_chunks, path: str | os.PathLike, *, progress=None) -> Path:
    """Write a world (or its chunks) as a Parquet dataset: a new folder with one folder per table.

    Each chunk is one file per table (``orders/part-00000.parquet`` ...);
    ``pandas.read_parquet(path / "orders")`` reads a table with the world's
    dtypes (categories with their whole vocabulary, dates, ints, floats).
    """
    path = check_new_target(path)
    if path.suffix and path.suffix.lower() != ".parquet":
        raise ValueError(f"path={str(path)!r}: a Parquet dataset is a folder, named without a suffix or with .parquet")
    with staged(path, folder=True) as staging:
        n = 0
        for part, world in enumerate(_chunks(world_or_chunks)):
            write_parquet_part(world, staging, part)
            n += 1
            if progress:
                progress(len(world.customers))
        if n == 0:
            raise ValueError("world_or_chunks holds no world: nothing to write")
    return path


def read_parquet(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Every table of a dataset of :func:`write_parquet` (and tables added to it), by name."""
    path = Path(path)
    if not path.is_dir() or not (path / "customers").is_dir():
        raise FileNotFoundError(f"path={str(path)!r} is not a crmsim Parquet dataset (no customers folder)")
    names = list(TABLE_NAMES) + sorted(p.name for p in path.iterdir() if p.is_dir() and p.name not in TABLE_NAMES
                                       and not p.name.startswith("."))
    return {name: pd.read_parquet(path / name) for name in names}
