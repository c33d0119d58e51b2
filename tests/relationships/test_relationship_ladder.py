"""Relationship ladders: presets, custom ladders and their checks."""

from __future__ import annotations

import numpy as np
import pytest

import crmsim
from crmsim import relationships as rel
from crmsim.display import labelled


def test_presets_are_ordered_and_translated():
    assert rel.COURSE_LADDER.codes == ("distant", "face_to_face", "brand", "intimate")
    assert rel.COURSE_LADDER.labels("zh") == ["疏远关系", "面对面关系", "品牌关系", "亲密关系"]
    assert len(rel.KOTLER_LADDER.levels) == 5
    for ladder in rel.LADDERS.values():
        assert np.all(np.diff(ladder.retention) >= 0) and np.all(np.diff(ladder.share_of_wallet) >= 0)
    assert rel.get_ladder("kotler") is rel.KOTLER_LADDER


def custom_levels():
    return [
        {"code": "new", "name_en": "New", "name_zh": "新客户", "cost_to_serve": 100, "retention": 0.5,
         "share_of_wallet": 0.1},
        {"code": "regular", "name_en": "Regular", "name_zh": "老客户", "cost_to_serve": 500, "retention": 0.8,
         "share_of_wallet": 0.3},
        {"code": "partner", "name_en": "Partner", "name_zh": "伙伴", "cost_to_serve": 2000, "retention": 0.95,
         "share_of_wallet": 0.6},
    ]


def test_custom_ladder_runs(world):
    ladder = rel.make_ladder(custom_levels(), "Three steps", "三级")
    run = rel.simulate_relationships(world, ladder=ladder, months=6)
    assert list(run.monthly["level"].cat.categories) == ["churned", "new", "regular", "partner"]
    assert run.matrices.shape == (len(world.customers), 3, 4)


@pytest.mark.parametrize("change, message", [
    (lambda levels: levels[:1], "2 to 8 levels"),
    (lambda levels: [levels[0], levels[0]], "distinct"),
    (lambda levels: [levels[0], {**levels[1], "retention": 0.4}, levels[2]], r"levels\[1\]\.retention"),
    (lambda levels: [levels[0], {**levels[1], "share_of_wallet": 0.05}, levels[2]], r"levels\[1\]\.share_of_wallet"),
    (lambda levels: [{**levels[0], "cost_to_serve": -1}, *levels[1:]], r"levels\[0\]\.cost_to_serve"),
    (lambda levels: [{**levels[0], "retention": 0.0}, *levels[1:]], r"levels\[0\]\.retention"),
    (lambda levels: [{k: v for k, v in levels[0].items() if k != "name_zh"}, *levels[1:]], "missing keys"),
    (lambda levels: [{**levels[0], "colour": "red"}, *levels[1:]], "unknown keys"),
    (lambda levels: [{**levels[0], "code": "churned"}, *levels[1:]], "reserved"),
    (lambda levels: [{**levels[0], "code": "two words"}, *levels[1:]], r"levels\[0\]\.code"),
    (lambda levels: [{**levels[0], "name_en": " "}, *levels[1:]], r"levels\[0\]\.name_en"),
])
def test_invalid_ladders_are_rejected_with_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        rel.make_ladder(change(custom_levels()))


def test_ladder_type_errors():
    with pytest.raises(TypeError, match="levels must be a list"):
        rel.make_ladder("distant, intimate")
    with pytest.raises(TypeError, match=r"levels\[1\] must be a dict"):
        rel.make_ladder([custom_levels()[0], 3])
    with pytest.raises(TypeError, match=r"levels\[0\]\.retention must be a number"):
        rel.make_ladder([{**custom_levels()[0], "retention": "high"}, *custom_levels()[1:]])
    with pytest.raises(ValueError, match="ladder='gold' is not allowed"):
        rel.get_ladder("gold")


def test_ladder_table_is_coded_and_labels_in_both_languages():
    table = rel.COURSE_LADDER.table()
    assert list(table.columns) == ["level", "cost_per_month", "annual_retention", "share_of_wallet"]
    assert list(table["level"]) == list(rel.COURSE_LADDER.codes)
    crmsim.set_language("zh")
    shown = labelled(table, "relationships")
    assert "年保留率" in shown.columns and list(shown["关系层次"]) == rel.COURSE_LADDER.labels("zh")
    custom = rel.make_ladder(custom_levels())
    assert list(labelled(custom.table(), "relationships", names=custom.names())["关系层次"]) == ["新客户", "老客户", "伙伴"]
