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
