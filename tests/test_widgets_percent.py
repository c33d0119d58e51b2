"""The percentage control: typed as people type percentages, refused visibly otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from crmsim import i18n
from crmsim.widgets import PercentSlider, format_percent, parse_percent


@pytest.mark.parametrize("typed, fraction", [
    ("80", 0.8), ("80%", 0.8), ("80 %", 0.8), (" 80% ", 0.8), ("82.5", 0.825), ("0.8", 0.8), ("0,85", 0.85),
    (".9", 0.9), ("８０％", 0.8), ("100", 1.0), ("1.0", 1.0), ("5", 0.05), ("-5", -0.05),
])
def test_what_people_type_is_read_as_a_percentage(typed, fraction):
    assert parse_percent(typed) == pytest.approx(fraction)


@pytest.mark.parametrize("typed", ["", " ", "abc", "80%%", "8 0", "%", "nan", "inf", "1e2", "80 percent", None, 80])
def test_what_is_not_a_percentage_is_none(typed):
    assert parse_percent(typed) is None


@given(st.integers(min_value=0, max_value=100))
def test_a_shown_percentage_reads_back_as_itself(points):
    assert parse_percent(format_percent(points / 100)) == pytest.approx(points / 100)


def make(**kwargs):
    defaults = dict(value=0.8, min=0.5, max=0.9, step=0.05, description="A up to")
    return PercentSlider(**(defaults | kwargs))


def test_typing_a_percentage_moves_the_slider_and_tells_observers():
    control = make()
    seen = []
    control.observe(lambda change: seen.append(change["new"]), names="value")
    control.text.value = "60%"
    assert control.value == pytest.approx(0.6) and control.slider.value == pytest.approx(0.6)
    assert seen == [pytest.approx(0.6)]
    assert control.text.value == "60%" and control.error == ""


@pytest.mark.parametrize("typed", ["abc", "0,,8", "95", "40%"])
def test_unreadable_or_out_of_range_input_is_refused_visibly_and_changes_nothing(typed):
    control = make()
    seen = []
    control.observe(lambda change: seen.append(change["new"]), names="value")
    control.text.value = typed
    assert control.value == pytest.approx(0.8) and not seen
    assert "crmsim-invalid" in control.text._dom_classes
    assert typed in control.error and "nothing changed" in control.error
    control.text.value = "70"  # a good value clears the mark
    assert control.value == pytest.approx(0.7) and control.error == ""
    assert "crmsim-invalid" not in control.text._dom_classes


def test_the_range_message_names_the_allowed_range_in_chinese():
    i18n.set_language("zh")
    control = make()
    control.text.value = "95"
    assert "50%" in control.error and "90%" in control.error and "数值未改变" in control.error


def test_moving_the_slider_or_setting_value_updates_the_box():
    control = make()
    control.slider.value = 0.55
    assert control.text.value == "55%"
    control.value = 0.75
    assert control.slider.value == pytest.approx(0.75) and control.text.value == "75%"


def test_raising_the_minimum_above_the_value_moves_the_value():
    control = make(min=0.55, max=1.0, value=0.6)
    control.min = 0.7
    assert control.value == pytest.approx(0.7) and control.text.value == "70%"


def test_a_typed_value_between_steps_goes_to_the_nearest_step():
    control = make()  # 5 % steps from 50 %
    control.text.value = "82%"
    assert control.value == pytest.approx(0.80) and control.text.value == "80%"
    control.text.value = "83"
    assert control.value == pytest.approx(0.85)
