"""The customer file, its card, the textbook analyses and the messy file with its truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim import development as dev
from crmsim.display import labelled


@pytest.fixture(scope="module")
def file(dev_world):
    return dev.customer_file(dev_world, seed=0)


def test_the_file_has_five_kinds_of_information(dev_world, file):
    assert tuple(dev.FILE_SECTIONS) == dev.SECTIONS
    assert list(file.columns) == [c for cols in dev.FILE_SECTIONS.values() for c in cols]
    assert len(file) == len(dev_world.customers)
    assert set(file["status"].cat.categories) == {"active", "lapsed", "never_ordered"}
    key = file["segment"] != "ordinary"
    assert file.loc[key, "appointments"].mean() > file.loc[~key, "appointments"].mean()
    assert (file.loc[file["mail_consent"] == 0, "mailings"] == 0).all()


def test_the_card_is_a_view_in_either_language(file):
    zh = dev.file_card_view(file, 3, language="zh")
    en = dev.file_card_view(file, 3, language="en")
    assert list(zh.columns) == ["section", "field", "content"] and list(zh["section"].unique()) == list(dev.SECTIONS)
    assert zh["content"].iloc[1] == file.loc[2, "name_zh"] and en["content"].iloc[1] == file.loc[2, "name_en"]
    shown = labelled(zh, "development", language="zh")
    assert "基本资料" in set(shown["信息类别"]) and "决策者" in set(shown["字段"])
    with pytest.raises(ValueError, match="customer_id=99999"):
        dev.file_card_view(file, 99999)
    with pytest.raises(TypeError, match="customer_id"):
        dev.file_card_view(file, 3.0)


def test_textbook_analyses(dev_world):
    comp = dev.composition(dev_world, by="size_tier")
    assert comp["share"].sum() == pytest.approx(1.0) and comp["revenue"].is_monotonic_decreasing
    mix = dev.product_mix(dev_world)
    assert mix["cumulative_share"].iloc[-1] == pytest.approx(1.0) and mix["abc"].iloc[0] == "A"
    margin = dev.margin_ranking(dev_world)
    assert margin["gross_margin"].is_monotonic_decreasing
    vs = dev.volume_vs_expected(dev_world)
    assert (vs["below"] + vs["on_target"] + vs["above"] == vs["customers"]).all()
    stock = dev.stock_turnover(dev_world).set_index("product_line")
    assert stock.loc["consumables", "turnover"] == pytest.approx(12.0) and np.isnan(stock.loc["services", "turnover"])
    oc = dev.opening_closing(dev_world)
    assert oc["opened"].sum() == (dev_world.customers["customer_since"] >= dev_world.config.start_date).sum()
    assert oc["closed"].isna().iloc[-1]
    with pytest.raises(ValueError, match="by='colour'"):
        dev.composition(dev_world, by="colour")
    assert "客户类别" in labelled(dev.composition(dev_world), "development", language="zh").columns


@pytest.fixture(scope="module")
def messy(dev_world):
    return dev.make_messy_customer_file(dev_world, seed=1)


def test_the_truth_restores_the_clean_file_exactly(messy):
    pd.testing.assert_frame_equal(dev.restore_clean_file(messy), messy.clean, check_exact=True)


def test_faults_come_at_their_rates(dev_world, messy):
    n = len(dev_world.customers)
    duplicates = (~messy.truth["original"]).sum()
    assert len(messy.file) == n + duplicates and 0.03 * n < duplicates < 0.15 * n
    counts = messy.corrections["fault"].value_counts()
    assert 0.2 * n < counts["phone_format"] < 0.4 * n and counts["impossible"] > 0
    text = " ".join(messy.file["name_zh"].dropna()) + " ".join(messy.file["name_en"].dropna())
    assert "有限责任公司" in text and "Ｃｏ" in text
    none = dev.make_messy_customer_file(dev_world, rates={k: 0.0 for k in dev.messy.DEFAULT_RATES})
    assert none.corrections.empty and len(none.file) == n


def test_scores(dev_world, messy):
    truth = messy.truth["customer_id"].to_numpy()
    perfect = dev.score_duplicates(messy, truth)
    assert perfect["precision"] == perfect["recall"] == 1.0
    none = dev.score_duplicates(messy, np.arange(len(truth)))
    assert none["recall"] == 0.0
    repaired, clusters = dev.clean_baseline(messy, dev_world.as_of)
    scores = dev.score_repairs(messy, repaired).set_index("fault")
    assert scores.loc["phone_format", "share"] == 1.0 and scores.loc["missing", "share"] == 0.0
    found = dev.score_duplicates(messy, clusters)
    assert found["precision"] > 0.9 and 0.5 < found["recall"] < 1.0


@pytest.mark.parametrize("rates, words", [({"typos": 0.1}, ["typos"]), ({"missing": 1.5}, ["missing", "1.5"]),
                                          ("many", ["rates", "dict"])])
def test_bad_rates(dev_world, rates, words):
    with pytest.raises((ValueError, TypeError)) as info:
        dev.make_messy_customer_file(dev_world, rates=rates)
    assert all(w in str(info.value) for w in words)
