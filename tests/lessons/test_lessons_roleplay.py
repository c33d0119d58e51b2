"""The role play's lessons hold over 20 seeds (one key account of each seed's lesson world, see crmsim.lessons)."""

from __future__ import annotations

import pytest

from crmsim import lessons

ROLEPLAY_LESSONS = ("roleplay_textbook_beats_novice", "roleplay_decision_maker_matters", "roleplay_coach_matters",
                    "roleplay_over_promising_costs_the_account")


@pytest.fixture(scope="module")
def table():
    return lessons.run_lessons(ROLEPLAY_LESSONS, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", ROLEPLAY_LESSONS)
def test_lesson_holds_over_20_seeds(table, name):
    row = table.loc[name]
    assert row["holds"], f"{name}: mean {row['effect']:.3f}, 95% interval [{row['low']:.3f}, {row['high']:.3f}]"


def test_lessons_are_labelled_in_chinese(table):
    from crmsim.display import labelled

    shown = labelled(table.reset_index(), "lessons", language="zh")
    assert all(text.startswith("角色扮演") for text in shown.iloc[:, 0])
