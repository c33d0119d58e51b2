"""The lessons of the world and of customer value hold over 20 seeds (small worlds, see crmsim.lessons)."""

from __future__ import annotations

import pytest

from crmsim import lessons
from crmsim.__main__ import main

WORLD_LESSONS = ("revenue_stationary", "large_firms_active", "key_accounts_retained", "small_firms_retention",
                 "lifetime_value_unbiased", "big_company_not_big_customer", "pareto_concentration")


@pytest.fixture(scope="module")
def table():
    return lessons.run_lessons(WORLD_LESSONS, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", WORLD_LESSONS)
def test_lesson_holds_over_20_seeds(table, name):
    row = table.loc[name]
    assert row["holds"], f"{name}: mean {row['effect']:.3f}, 95% interval [{row['low']:.3f}, {row['high']:.3f}]"


def test_table_is_coded_and_labelled_in_chinese(table):
    assert list(table.reset_index().columns) == ["lesson", "measure", "effect", "low", "high", "holds"]
    from crmsim.display import labelled

    shown = labelled(table.reset_index(), "lessons", language="zh")
    assert "结论" in shown.columns and shown.iloc[0, 0].startswith("业务")


def test_command_prints_the_table_and_the_count(capsys, monkeypatch):
    monkeypatch.setattr(lessons.runner, "LESSONS", {k: lessons.LESSONS[k] for k in ("key_accounts_retained",)})
    assert main(["lessons", "--language", "zh", "--seeds", "2"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "lessons_held=1 of 1"
    assert "年保留率" in "\n".join(out)


@pytest.mark.parametrize("kwargs, words", [
    ({"seeds": 1}, ["seeds", ">= 2"]),
    ({"names": ["no_such_lesson"]}, ["names", "no_such_lesson"]),
    ({"confidence": 1.5}, ["confidence", "1.5"]),
])
def test_bad_input_is_rejected(kwargs, words):
    with pytest.raises((ValueError, TypeError)) as info:
        lessons.run_lessons(**kwargs)
    for word in words:
        assert word in str(info.value)
