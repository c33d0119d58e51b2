"""The notebook-01 dashboard driven from pytest: change a control, check the output."""

from __future__ import annotations

import pytest

import crmsim
from crmsim.widgets.value import CustomerValueDashboard


@pytest.fixture
def dashboard(world):
    return CustomerValueDashboard(world)


def test_initial_state_shows_all_customers(dashboard, world):
    assert len(dashboard.result.customers) == len(world.customers)
    assert dashboard.summary.value.startswith(f"{len(world.customers)} customers")
    assert dashboard.png.startswith(b"\x89PNG")


def test_choosing_a_segment_filters_and_updates_everything(dashboard, world):
    before_png, before_summary = dashboard.png, dashboard.summary.value
    dashboard.controls["segment"].value = "important"
    important = (world.customers["segment"] == "important").sum()
    assert set(dashboard.result.customers["segment"]) == {"important"}
    assert len(dashboard.result.abc) == important
    assert dashboard.summary.value.startswith(f"{important} customers")
    assert dashboard.summary.value != before_summary and dashboard.png != before_png


def test_moving_the_a_threshold_moves_customers_into_class_a(dashboard):
    counts = []
    for a in (0.5, 0.7, 0.9):
        dashboard.controls["a"].value = a
        counts.append(int(dashboard.result.summary.loc["A", "customers"]))
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_changing_the_measure_ranks_by_that_measure(dashboard):
    dashboard.controls["measure"].value = "potential_value"
    top = dashboard.result.abc.iloc[0]
    assert top["value"] == dashboard.customer_values["potential_value"].max()


def test_controls_speak_chinese(world):
    crmsim.set_language("zh")
    dashboard = CustomerValueDashboard(world)
    assert dashboard.controls["segment"].description == "客户类别"
    assert dashboard.controls["segment"].options[0][0] == "全部客户"
    assert dashboard.summary.value.startswith("共")


def test_a_blitting_dashboard_redraws_its_background_when_the_language_changes():
    from crmsim.widgets.relationships import RelationshipDashboard

    dashboard = RelationshipDashboard(n_customers=300)
    english_key = dashboard._background_key
    dashboard.controls["contacts"].value = 3.0
    assert dashboard._background_key == english_key  # only the data were redrawn
    crmsim.set_language("zh")
    dashboard.controls["contacts"].value = 2.0
    assert dashboard._background_key[0] == "zh" and dashboard._background_key != english_key
