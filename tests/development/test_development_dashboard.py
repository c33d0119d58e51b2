"""The development dashboard driven from pytest: controls change the result, the summary and the picture."""

from __future__ import annotations

import pytest

import crmsim
from crmsim.widgets.development import DevelopmentDashboard


@pytest.fixture(scope="module")
def dashboard(dev_world):
    return DevelopmentDashboard(dev_world, seed=0)


def test_budget_and_weights_drive_the_campaign(dashboard):
    before = int(dashboard.result.methods["acquired"].sum())
    png = dashboard.png
    dashboard.controls["budget"].value = 3_000
    assert int(dashboard.result.methods["acquired"].sum()) >= before
    assert dashboard.png != png and "3,000" in dashboard.summary.value
    dashboard.controls["sms"].value = 0.0
    assert dashboard.result.methods.set_index("method").loc["sms", "spend"] == 0
    for name in dashboard.controls:
        if name != "budget":
            dashboard.controls[name].value = 0.0
    assert dashboard.result.methods["budget"].nunique() == 1  # all zero: equal weights


def test_chinese_labels(dev_world):
    crmsim.set_language("zh")
    try:
        board = DevelopmentDashboard(dev_world)
        assert board.controls["referral"].description == "连锁介绍" and "位客户" in board.summary.value
    finally:
        crmsim.set_language("en")


def test_bad_months(dev_world):
    with pytest.raises(ValueError, match="months"):
        DevelopmentDashboard(dev_world, months=0)
