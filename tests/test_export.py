"""Exports: CSV and Excel, both languages, read back identically; SQLite and Parquet databases; the command line."""

from __future__ import annotations

from contextlib import closing

import pandas as pd
import pytest

import crmsim
from crmsim import export
from crmsim.__main__ import main


@pytest.fixture(scope="module")
def small_world():
    return crmsim.make_world(seed=8, n_customers=60)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_round_trip_gives_identical_values_and_dtypes(small_world, tmp_path, fmt, language):
    path = tmp_path / ("world.xlsx" if fmt == "xlsx" else "world")
    export.export_world(small_world, path, fmt=fmt, language=language)
    back = export.read_tables(path)
    assert list(back) == list(small_world.tables())
    for name, df in small_world.tables().items():
        pd.testing.assert_frame_equal(back[name], df, check_exact=True)


def test_chinese_export_has_chinese_headers_values_and_dictionary(small_world, tmp_path):
    export.export_world(small_world, tmp_path / "zh", language="zh")
    assert (tmp_path / "zh" / "customers.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # for Excel and WPS
    customers = pd.read_csv(tmp_path / "zh" / "customers.csv", encoding="utf-8-sig")
    assert customers.columns[0] == "客户编号" and "规模等级" in customers.columns
    assert set(customers["规模等级"]) <= {"小型", "中型", "大型", "特大型"}
    dictionary = pd.read_csv(tmp_path / "zh" / "data_dictionary.csv", encoding="utf-8-sig")
    assert len(dictionary) == sum(len(c) for c in crmsim.world.schema.TABLES.values())
    assert list(dictionary.columns) == ["数据表", "列名", "表头", "数据类型", "说明"]
    assert dictionary["说明"].str.contains("[\u4e00-\u9fff]").all()


def test_excel_has_a_data_dictionary_sheet(small_world, tmp_path):
    export.export_world(small_world, tmp_path / "w.xlsx", fmt="xlsx")
    sheets = pd.read_excel(tmp_path / "w.xlsx", sheet_name=None)
    dictionary = export.sheet_name(export.DICTIONARY, "en")
    assert dictionary in sheets
    assert set(sheets[dictionary]["table"]) == set(crmsim.TABLE_NAMES)


def test_chunked_export_equals_one_go(tmp_path):
    chunks = crmsim.iter_world_chunks(seed=4, n_customers=2100, chunk_size=700)
    export.export_world(chunks, tmp_path / "chunked")
    export.export_world(crmsim.make_world(seed=4, n_customers=2100), tmp_path / "whole")
    for name in crmsim.TABLE_NAMES:
        assert (tmp_path / "chunked" / f"{name}.csv").read_bytes() == (tmp_path / "whole" / f"{name}.csv").read_bytes()


def test_nothing_is_written_when_the_export_fails(small_world, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 100)
    with pytest.raises(ValueError, match="at most 99 rows.*fmt='csv'"):
        export.export_world(small_world, tmp_path / "big.xlsx", fmt="xlsx")
    assert list(tmp_path.iterdir()) == []

    def broken_chunks():
        yield small_world
        raise RuntimeError("generator failed half way")

    with pytest.raises(RuntimeError):
        export.export_world(broken_chunks(), tmp_path / "half")
    assert list(tmp_path.iterdir()) == []


def test_bad_arguments_are_rejected(small_world, tmp_path):
    with pytest.raises(ValueError, match="fmt='json'"):
        export.export_world(small_world, tmp_path / "x", fmt="json")
    with pytest.raises(ValueError, match="ends in one of"):
        export.export_world(small_world, tmp_path / "x.csv", fmt="sqlite")
    with pytest.raises(ValueError, match="language='zh'.*codes"):
        export.export_world(small_world, tmp_path / "x.db", language="zh")
    with pytest.raises(ValueError, match="language='fr'"):
        export.export_world(small_world, tmp_path / "x", language="fr")
    (tmp_path / "exists").mkdir()
    with pytest.raises(FileExistsError, match="exists"):
        export.export_world(small_world, tmp_path / "exists")


def test_reading_a_damaged_file_names_what_is_wrong(small_world, tmp_path):
    export.export_world(small_world, tmp_path / "w")
    customers = pd.read_csv(tmp_path / "w" / "customers.csv")
    customers.loc[3, "Region"] = "Atlantis"
    customers.to_csv(tmp_path / "w" / "customers.csv", index=False)
    with pytest.raises(ValueError, match=r"'Region'.*'Atlantis' \(row 5\)"):
        export.read_tables(tmp_path / "w")
    (tmp_path / "w" / "orders.csv").unlink()
    with pytest.raises(FileNotFoundError, match="orders.csv"):
        export.read_tables(tmp_path / "w")


def test_command_line_export_and_describe(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "cli"), "--customers", "40", "--seed", "3",
                 "--language", "zh", "--progress", "always"]) == 0
    out, err = capsys.readouterr()
    assert "40 customers" in out and "100%" in err  # the progress bar went to stderr
    back = export.read_tables(tmp_path / "cli")
    pd.testing.assert_frame_equal(back["orders"], crmsim.make_world(seed=3, n_customers=40).orders)

    assert main(["export", "--out", str(tmp_path / "bad"), "--customers", "0"]) == 2
    assert "n_customers must be >= 1; got 0" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()

    assert main(["describe", "--table", "contacts", "--language", "zh"]) == 0
    assert "采购角色" in capsys.readouterr().out


# --- the world as a database -------------------------------------------------------------------------
def test_sqlite_and_parquet_round_trips_give_identical_values_and_dtypes(tmp_path):
    from crmsim import database

    world = crmsim.make_world(seed=4, n_customers=1500)
    chunks = lambda: crmsim.iter_world_chunks(seed=4, n_customers=1500, chunk_size=600)  # noqa: E731
    export.export_world(chunks(), tmp_path / "w.db")
    export.export_world(chunks(), tmp_path / "w", fmt="parquet")
    for back in (database.read_sqlite(tmp_path / "w.db"), database.read_parquet(tmp_path / "w")):
        for name, df in world.tables().items():
            pd.testing.assert_frame_equal(back[name], df, check_exact=True)
    # Parquet is read without conversion: pandas alone gives the world's dtypes.
    assert pd.read_parquet(tmp_path / "w" / "customers").dtypes.equals(world.customers.dtypes)
    with database.connect(tmp_path / "w.db") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = {row[3] for row in db.execute("PRAGMA foreign_key_list(orders)")}
        indexes = {row[1] for row in db.execute("PRAGMA index_list(orders)")}
    db.close()
    assert keys == {"customer_id", "rep_id", "product_id"} and "ix_orders_order_date" in indexes


def _write_part(args):
    from crmsim import database
    from crmsim.world.build import _build
    from crmsim.world.config import build_config
    from crmsim.seeding import root_sequence

    folder, part, start, stop = args
    config = build_config(n_customers=1800)
    database.write_parquet_part(_build(config, root_sequence(5), start, stop), folder, part)


def test_parquet_partitions_written_in_parallel_are_identical(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    from crmsim import database

    database.write_parquet(crmsim.iter_world_chunks(seed=5, n_customers=1800, chunk_size=600), tmp_path / "serial")
    (tmp_path / "parallel").mkdir()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_write_part, [(tmp_path / "parallel", k, 600 * k, 600 * (k + 1)) for k in range(3)]))
    serial = sorted(p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*.parquet"))
    parallel = sorted(p.relative_to(tmp_path / "parallel") for p in (tmp_path / "parallel").rglob("*.parquet"))
    assert serial == parallel and len(serial) == 4 * 3 + 2
    for part in serial:
        assert (tmp_path / "serial" / part).read_bytes() == (tmp_path / "parallel" / part).read_bytes()


def test_the_dynamic_database_grows_by_new_tables(small_world, tmp_path):
    from crmsim import database, development

    run = development.simulate_development(small_world, seed=1)
    for path in (tmp_path / "w.db", tmp_path / "w"):
        export.export_world(small_world, path, fmt="sqlite" if path.suffix else "parquet")
        database.append_tables(path, {"development_leads": run.leads})
        read = database.read_sqlite if path.suffix else database.read_parquet
        pd.testing.assert_frame_equal(read(path)["development_leads"], run.leads, check_exact=True)
        with pytest.raises(ValueError, match="already in the database"):
            database.append_tables(path, {"development_leads": run.leads})
    bad = run.leads.assign(rep_id=9999)
    with pytest.raises(ValueError, match="refer to rows"):
        database.append_tables(tmp_path / "w.db", {"bad_leads": bad})
    assert "bad_leads" not in database.read_sqlite(tmp_path / "w.db")  # all or nothing


def test_command_line_writes_an_sqlite_database(tmp_path, capsys, monkeypatch):
    import sqlite3

    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "sqlite", "--out", "world.db", "--customers", "500"]) == 0
    assert "500 customers, sqlite" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "world.db") as db:
        assert db.execute("SELECT COUNT(*) FROM customers").fetchone()[0] == 500
    db.close()


def test_a_broken_foreign_key_is_refused_and_nothing_is_written(tmp_path):
    import dataclasses

    from crmsim import database

    first, second = crmsim.iter_world_chunks(seed=6, n_customers=80, chunk_size=40)
    # A reference to a customer of another chunk holds, whichever chunk comes first: the file has both.
    early, late = first.customers.customer_id.iloc[0], second.customers.customer_id.iloc[0]
    forward = dataclasses.replace(first, orders=first.orders.assign(customer_id=first.orders.customer_id.replace(
        first.orders.customer_id.iloc[0], late)))
    backward = dataclasses.replace(second, contacts=second.contacts.assign(customer_id=early))
    database.write_sqlite([forward, backward], tmp_path / "ok.db")
    with database.connect(tmp_path / "ok.db") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    # A reference to a row that no chunk has is refused, and no file or staging copy is left.
    orders = second.orders.copy()
    orders.loc[orders.index[3], "product_id"] = 9_999
    with pytest.raises(ValueError, match=r"orders\.product_id has \[9999\], which products\.product_id does not"):
        database.write_sqlite([first, dataclasses.replace(second, orders=orders)], tmp_path / "bad.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.db"]


def test_added_tables_of_any_width_and_odd_values_read_back_as_written(small_world, tmp_path):
    import sqlite3

    import numpy as np

    from crmsim import database

    rng = np.random.default_rng(0)  # test data only, not a model stream
    n = 2 * database.ROWS_PER_INSERT + 37  # full statements and a shorter last one
    days = pd.to_datetime("2024-01-31") + pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    table = pd.DataFrame({
        "customer_id": small_world.customers.customer_id.sample(n, replace=True, random_state=1).to_numpy(),
        "day": pd.Series(days).where(rng.random(n) > 0.2),  # NaT as NULL
        "moment": pd.Series(days + pd.to_timedelta(rng.integers(0, 86_400, n), unit="s")),  # with a time of day
        "far": pd.Series(days).where(np.arange(n) % 50 != 0, pd.Timestamp("1900-03-01")),  # before 1970
        "ancient": pd.Series(days).where(np.arange(n) % 3 != 0, pd.Timestamp("1700-01-01")),  # centuries apart
        "empty_day": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
        "amount": np.where(rng.random(n) > 0.1, rng.normal(0, 1e6, n), np.nan),
        "flag": rng.random(n) > 0.5,
        "grade": pd.Categorical(rng.choice(["A", "B", None], n), categories=["A", "B", "C"]),
    })
    database.write_sqlite(small_world, tmp_path / "w.db")
    database.append_tables(tmp_path / "w.db", {"odd": table})
    pd.testing.assert_frame_equal(database.read_sqlite(tmp_path / "w.db", ["odd"])["odd"], table, check_exact=True)
    with database.connect(tmp_path / "w.db") as db:
        stored = db.execute('SELECT day, moment, far FROM "odd" WHERE far LIKE "1900%" LIMIT 1').fetchone()
    db.close()
    assert stored[1][10] == "T" and stored[2] == "1900-03-01" and (stored[0] is None or len(stored[0]) == 10)

    # An SQLite built with fewer parameters per statement (999 before 3.32) gets fewer rows per statement.
    with closing(sqlite3.connect(":memory:")) as db:
        db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        wide = pd.DataFrame({f"c{k}": np.arange(n) * k for k in range(40)})
        db.execute(f"CREATE TABLE wide ({', '.join(wide.columns)})")
        database._insert(db, "wide", wide)
        rows = db.execute("SELECT * FROM wide ORDER BY rowid").fetchall()
    assert rows == list(wide.itertuples(index=False, name=None))
