"""The lessons of customer development hold over 20 seeds (the lesson world, the default campaign)."""

from __future__ import annotations

import pytest

from crmsim import lessons

DEVELOPMENT_LESSONS = ("referrals_convert_best", "referrals_little_volume", "face_to_face_costliest_contact",
                       "face_to_face_leads_convert_best", "cheapest_contact_not_cheapest_customer",
                       "funnel_never_rises")


@pytest.fixture(scope="module")
def table():
    return lessons.run_lessons(DEVELOPMENT_LESSONS, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", DEVELOPMENT_LESSONS)
def test_lesson_holds_over_20_seeds(table, name):
    row = table.loc[name]
    assert row["holds"], f"{name}: mean {row['effect']:.3f}, 95% interval [{row['low']:.3f}, {row['high']:.3f}]"


def test_lessons_are_labelled_in_chinese(table):
    from crmsim.display import labelled

    shown = labelled(table.reset_index(), "lessons", language="zh")
    assert shown.iloc[0, 0].startswith("连锁介绍")
