"""The lessons of the key-account process (notebook 03) hold over 20 seeds (small worlds, see crmsim.lessons)."""

from __future__ import annotations

import pytest

from crmsim import lessons
from crmsim.display import labelled

KEY_ACCOUNT_LESSONS = (
    "grades_order_win_rates", "grade_d_wins_least", "grades_order_revenue", "coach_raises_win_rate",
    "developing_coaches_pays", "warm_centre_raises_win_rate", "effort_on_a_pays_up_to_a_point",
    "all_hours_on_a_lose_revenue", "deep_discount_costs_margin", "size_grading_blurs_grades",
    "weighted_forecast_right_on_average",
)


@pytest.fixture(scope="module")
def table():
    return lessons.run_lessons(KEY_ACCOUNT_LESSONS, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", KEY_ACCOUNT_LESSONS)
def test_lesson_holds_over_20_seeds(table, name):
    row = table.loc[name]
    assert row["holds"], f"{name}: mean {row['effect']:.3f}, 95% interval [{row['low']:.3f}, {row['high']:.3f}]"


def test_every_key_account_lesson_is_registered_and_told_in_both_languages(table):
    module = {name for name, lesson in lessons.LESSONS.items() if lesson.effect.__module__.endswith(".key_accounts")}
    assert module == set(KEY_ACCOUNT_LESSONS)
    for language, word in (("en", "Key accounts"), ("zh", "大客户")):
        shown = labelled(table.reset_index(), "lessons", language=language)
        assert shown.iloc[:, 0].str.startswith(word).all()
