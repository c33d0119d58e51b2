"""The lessons of credit decisions hold over 20 seeds (small worlds, see crmsim.lessons)."""

from __future__ import annotations

import pytest

from crmsim import lessons
from crmsim.display import labelled

CREDIT_LESSONS = ("longer_terms_raise_sales", "longer_terms_raise_dso", "discount_speeds_payment",
                  "tighter_cutoff_fewer_approvals", "tighter_cutoff_less_bad_debt", "rating_separates_payers",
                  "best_cutoff_interior", "best_period_interior")


@pytest.fixture(scope="module")
def table():
    return lessons.run_lessons(CREDIT_LESSONS, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", CREDIT_LESSONS)
def test_lesson_holds_over_20_seeds(table, name):
    row = table.loc[name]
    assert row["holds"], f"{name}: mean {row['effect']:.4f}, 95% interval [{row['low']:.4f}, {row['high']:.4f}]"


def test_lessons_are_labelled_in_both_languages(table):
    zh = labelled(table.reset_index(), "lessons", language="zh")
    en = labelled(table.reset_index(), "lessons", language="en")
    assert zh.iloc[:, 0].str.contains("[\u4e00-\u9fff]").all()
    assert en.iloc[-1, 0].startswith("The best credit period")
