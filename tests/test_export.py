"""Exports: CSV and Excel, both languages, read back identically; the command line."""

from __future__ import annotations

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
    with pytest.raises(ValueError, match="fmt='parquet'"):
        export.export_world(small_world, tmp_path / "x", fmt="parquet")
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
