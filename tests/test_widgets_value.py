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


# --- issue 14: percentages typed as percentages, legends over no data, light redraws -----------------
import io  # noqa: E402

import numpy as np  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from PIL import Image  # noqa: E402

from crmsim.widgets import PercentSlider  # noqa: E402


def test_thresholds_are_percentages_typed_as_people_type_them(dashboard):
    a, b = dashboard.controls["a"], dashboard.controls["b"]
    assert isinstance(a, PercentSlider) and isinstance(b, PercentSlider)
    assert (a.text.value, b.text.value) == ("80%", "95%")
    a.text.value = "60%"
    assert a.value == pytest.approx(0.6) and a.text.value == "60%"
    b.text.value = "0,85"  # a decimal comma: 85 %, not 50 %
    assert b.value == pytest.approx(0.85)
    a_customers = int(dashboard.result.summary.loc["A", "customers"])
    a.text.value = "85"  # 85 %, not silently the maximum (90 %)
    assert a.value == pytest.approx(0.85) and int(dashboard.result.summary.loc["A", "customers"]) > a_customers


def test_b_cannot_be_typed_or_slid_below_a(dashboard):
    a, b = dashboard.controls["a"], dashboard.controls["b"]
    a.value = 0.9
    assert b.min == pytest.approx(0.91) and b.value >= 0.91
    summary = dashboard.summary.value
    b.text.value = "70%"  # below A: refused visibly, nothing recomputed
    assert b.value >= 0.91 and dashboard.summary.value == summary
    assert "crmsim-invalid" in b.text._dom_classes and "91%" in b.error
    b.text.value = "96"
    assert b.value == pytest.approx(0.96) and b.error == ""


def _points_under(legend, ax, renderer) -> int:
    box = legend.get_window_extent(renderer)
    points = [ax.transData.transform(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)]
    points += [ax.transData.transform(np.column_stack(line.get_data())) for line in ax.lines if len(line.get_xdata())]
    points = np.vstack([p for p in points if len(p)])
    inside = (points[:, 0] >= box.x0) & (points[:, 0] <= box.x1) & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)
    return int(inside.sum())


@pytest.fixture(scope="module")
def shared(world):
    """One dashboard for the tests that set every control they read."""
    return CustomerValueDashboard(world)


@pytest.mark.parametrize("settings", [{}, {"segment": "ordinary", "measure": "lifetime_value"},
                                      {"measure": "current_value", "a": 0.6, "b": 0.9}], ids=["default", "ordinary", "current"])
def test_legends_hide_no_data(shared, settings):
    board = shared
    for name, value in {"segment": "all", "measure": "historical_value", "a": 0.8, "b": 0.95, **settings}.items():
        board.controls[name].value = value
    renderer = board.figure.canvas.get_renderer()
    for ax in board.figure.axes:
        legend = ax.get_legend()
        assert legend is not None and _points_under(legend, ax, renderer) == 0, ax.get_title()
        box = legend.get_window_extent(renderer)
        assert box.y1 < ax.bbox.y0 and board.figure.bbox.y0 <= box.y0  # under the axes, inside the picture


def test_no_control_redraws_the_whole_figure_and_the_picture_is_the_full_one(world):
    board = CustomerValueDashboard(world)
    background = board._background
    map_limits = board.figure.axes[1].get_xlim(), board.figure.axes[1].get_ylim()
    board.controls["segment"].value = "important"
    assert (board.figure.axes[1].get_xlim(), board.figure.axes[1].get_ylim()) == map_limits  # segments share axes
    for name, value in (("measure", "current_value"), ("a", 0.6), ("b", 0.9), ("measure", "potential_value")):
        board.controls[name].value = value
    assert board._background is background
    assert board.figure.axes[1].get_ylabel().endswith("Potential value")
    blitted = np.asarray(Image.open(io.BytesIO(board.png)))
    board._canvas = None  # the same state drawn from scratch
    board.redraw()
    np.testing.assert_array_equal(blitted, np.asarray(Image.open(io.BytesIO(board.png))))


def test_the_dashboard_in_chinese_shows_chinese_legends_and_axes(world):
    crmsim.set_language("zh")
    board = CustomerValueDashboard(world)
    left, right = board.figure.axes
    assert [t.get_text() for t in left.get_legend().texts][:3] == ["A类", "B类", "C类"]
    assert right.get_ylabel().endswith("历史价值") and right.get_title() == "大企业不等于大客户"
