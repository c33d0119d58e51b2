"""Customer-value tables shown for reading, in Chinese: percentages, whole yuan, the same decimals down a column."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import crmsim
from crmsim import value
from crmsim.display import labelled

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def values(world):
    return value.customer_value(world)


def shown_tables(world, values) -> dict[str, pd.DataFrame]:
    """The value tables notebook 01 shows, labelled in the current language."""
    abc = value.abc_classes(values, measure="historical_value", thresholds=(0.8, 0.95))
    size = pd.Series(value.size_versus_value(world, values, measure="lifetime_value"), name="").to_frame().T
    return {
        "composition": labelled(value.composition(world, values, by="segment"), "value"),
        "describe": labelled(values.drop(columns="customer_id").describe().T[["mean", "50%", "max"]], "value"),
        "card": labelled(value.model_card(world), "value"),
        "truth": labelled(value.truth_summary(world, values), "value"),
        "abc": labelled(value.abc_summary(abc), "value.summary"),
        "size": labelled(size, "value.summary"),
    }


def test_every_shown_table_is_chinese_and_formatted_for_reading(world, values):
    crmsim.set_language("zh")
    for name, table in shown_tables(world, values).items():
        index = [] if isinstance(table.index, pd.RangeIndex) or name == "size" else list(table.index)
        for label in [*table.columns, *index]:
            assert CJK.search(str(label)), (name, label)
        texts = [str(v) for v in table.to_numpy().ravel()]
        assert not any(t.lower() in ("nan", "none") or re.search(r"\de[+-]\d", t) for t in texts), name
        if name in ("composition", "truth", "abc"):  # a column per quantity: the same decimals down it
            for column in table.columns if name != "truth" else table.columns[2:]:  # totals: by row
                decimals = {len(t.rstrip("%").split(".")[1]) if "." in t else 0 for t in table[column].astype(str)}
                assert len(decimals) == 1, (name, column, list(table[column]))


def test_shares_are_percentages_and_money_whole_yuan_with_its_unit(world, values):
    crmsim.set_language("zh")
    tables = shown_tables(world, values)
    abc = tables["abc"]
    assert list(abc.columns) == ["客户数", "客户占比", "价值（元）", "价值占比"]  # money, not a card's "取值"
    assert list(abc.index) == ["A类", "B类", "C类"]
    assert abc["价值占比"].str.endswith("%").all() and not abc["价值（元）"].str.contains(r"\.").any()
    assert "历史价值（元）" in tables["composition"].columns and tables["composition"]["客户占比"].str.endswith("%").all()
    describe = tables["describe"]
    assert describe.loc["仍活跃概率"].str.endswith("%").all()  # each row by its quantity
    assert not describe.loc["历史价值（元）"].str.contains(r"\.").any()
    assert list(tables["size"].columns)[0] == "规模与价值的秩相关系数"
    assert list(tables["card"].columns) == ["参数", "适用客户", "取值"]


def test_a_share_column_keeps_whole_percentages_whole():
    shown = labelled(pd.DataFrame({"customer_share": [0.1, 0.25], "value_share": [0.123, 0.5]}), "value.summary")
    assert list(shown.iloc[:, 0]) == ["10%", "25%"] and list(shown.iloc[:, 1]) == ["12.3%", "50.0%"]
