"""The lessons of relationship levels (notebook 02) hold over 20 seeds, each with a 95 % confidence bound."""

from __future__ import annotations

import pytest

from crmsim.lessons import LESSONS, run_lessons
from crmsim.lessons import relationships as lessons

NAMES = [name for name, item in LESSONS.items() if item.effect.__module__ == lessons.__name__]


def test_the_topic_registers_its_lessons():
    assert set(NAMES) == {
        "more_care_never_lowers_level", "failures_never_raise_retention", "failures_never_raise_profit",
        "recovery_lifts_satisfaction", "second_failure_no_paradox", "forced_holds_short_run", "forced_loses_later",
        "care_return_plausible", "personalised_pays_value_oriented"}


@pytest.fixture(scope="module")
def table():
    return run_lessons(NAMES, seeds=20).set_index("lesson")


@pytest.mark.parametrize("name", sorted({
    "more_care_never_lowers_level", "failures_never_raise_retention", "failures_never_raise_profit",
    "recovery_lifts_satisfaction", "second_failure_no_paradox", "forced_holds_short_run", "forced_loses_later",
    "care_return_plausible", "personalised_pays_value_oriented"}))
def test_lesson_holds(table, name):
    row = table.loc[name]
    assert row["holds"], (name, row["effect"], row["low"], row["high"])


def test_every_lesson_has_its_text():
    from crmsim import i18n
    for name in NAMES:
        for language in ("en", "zh"):
            assert i18n.t(f"lessons.lesson.{name}", language) != f"lessons.lesson.{name}"
            assert i18n.t(f"lessons.measure.{LESSONS[name].measure}", language) != f"lessons.measure.{LESSONS[name].measure}"
