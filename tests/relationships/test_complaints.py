"""Complaint handling: the eight steps, the recovery chance and the handling options."""

from __future__ import annotations

import numpy as np
import pytest

import crmsim
from crmsim.display import labelled
from crmsim.relationships import complaints


def test_complaint_walkthrough():
    table = complaints.complaint_walkthrough(days=10, quality=0.8)
    assert len(table) == 8
    assert table.iloc[-1, 2] == 10
    assert table.attrs["recovery_probability"] == pytest.approx(0.8 * 0.5 ** 0.9)
    crmsim.set_language("zh")
    shown = labelled(complaints.complaint_walkthrough(), "relationships")
    assert shown.iloc[0, 1] == "记录投诉内容" and list(shown.columns) == ["步骤", "工作内容", "完成于第几天", "占处理时间比例"]
    assert shown.iloc[-1, 3] == "10%" and table.attrs == labelled(table, "relationships").attrs


def test_recovery_chance_falls_with_delay_and_rises_with_quality():
    days = np.arange(1, 61)
    assert np.all(np.diff(complaints.recovery_probability(days, 0.7)) < 0)
    assert np.all(np.diff(complaints.recovery_probability(3, np.linspace(0, 1, 11))) > 0)
    grid = complaints.handling_options()
    assert len(grid) == 15


@pytest.mark.parametrize("kwargs, error, message", [
    ({"days": 0}, ValueError, "days must be >= 1"),
    ({"days": 2.5}, TypeError, "days must be an int"),
    ({"quality": -0.1}, ValueError, "quality must be in"),
])
def test_bad_walkthrough_inputs(kwargs, error, message):
    with pytest.raises(error, match=message):
        complaints.complaint_walkthrough(**kwargs)


@pytest.mark.parametrize("days, quality, error, message", [
    (1, 2.0, ValueError, r"quality must be in \[0.0, 1.0\]; got 2.0"),
    (-3, 0.5, ValueError, r"days must be in \[1.0, 60.0\]; got -3.0"),
    (0.5, 0.5, ValueError, "days must be in"),
    (float("nan"), 0.5, ValueError, "days must be finite"),
    (np.array([1.0, 90.0]), 0.5, ValueError, "days must be in"),
    (3, np.array([0.5, -0.1]), ValueError, "quality must be in"),
    ("soon", 0.5, TypeError, "days must be a number"),
    (np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.6]), ValueError, "broadcast"),
])
def test_recovery_and_cost_refuse_bad_handling(days, quality, error, message):
    for function in (complaints.recovery_probability, complaints.handling_cost):
        with pytest.raises(error, match=message):
            function(days, quality)


def test_recovery_and_cost_of_scalars_and_arrays():
    assert isinstance(complaints.recovery_probability(np.int64(3), np.float32(0.5)), float)
    chances = complaints.recovery_probability(np.arange(1, 61), 1.0)
    assert chances.max() == 1.0 and chances.min() > 0
    assert complaints.handling_cost(2, 0.5) == pytest.approx(300 + 120 + 750)
