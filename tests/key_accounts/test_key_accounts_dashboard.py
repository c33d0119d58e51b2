"""Key-account plots and the notebook-03 dashboard, driven from pytest."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import crmsim  # noqa: E402
from crmsim import key_accounts as ka  # noqa: E402
from crmsim.plots import key_accounts as kplots  # noqa: E402
from crmsim.plots.blitting import legend_snapshot, y_axis_snapshot  # noqa: E402
from crmsim.widgets.key_accounts import KeyAccountDashboard  # noqa: E402
from plot_checks import hidden_by_legends  # noqa: E402


@pytest.fixture(scope="module")
def dashboard(world):
    return KeyAccountDashboard(world, seed=1)


def test_dashboard_starts_with_the_default_policy(dashboard):
    assert dashboard.policy_of(dashboard.values) == ka.RepPolicy(effort_weights={"A": 4, "B": 2, "C": 1, "D": 0})
    assert dashboard.png.startswith(b"\x89PNG")
    summary = dashboard.result.summary
    assert summary["leads"] == len(dashboard.opportunities)
    assert f"won {summary['won']}" in dashboard.summary.value
    assert summary == ka.goal_summary(dashboard.result.run, dashboard.result.goal)


def test_controls_drive_the_result(dashboard):
    controls = dashboard.controls
    base = dashboard.result.summary
    png = dashboard.png
    controls["bid_discount"].value = 0.25
    cheaper = dashboard.result.summary
    assert cheaper["won"] >= base["won"]  # same random numbers: a lower price never loses a tender we won
    assert dashboard.result.run.policy.bid_discount == 0.25
    assert dashboard.png != png
    controls["bid_discount"].value = 0.08
    assert dashboard.result.summary == base  # back to the start: same numbers

    controls["effort_D"].value = 5
    assert "D" in dashboard.result.run.policy.pursue
    assert dashboard.result.summary["pursued"] == dashboard.result.summary["leads"]
    controls["effort_D"].value = 0

    controls["drop_risk_above"].value = 0.3
    dropped = (dashboard.result.run.opportunities["reason"] == "high_risk").sum()
    assert dropped > 0 and dashboard.result.summary["pursued"] == base["pursued"]
    controls["drop_risk_above"].value = 0.75


def test_rep_filter_and_every_grade_off(dashboard):
    controls = dashboard.controls
    rep = controls["rep"].options[1][1]
    controls["rep"].value = rep
    assert set(dashboard.result.run.opportunities["rep_id"]) == {rep}
    assert 0 < dashboard.result.goal < dashboard._goal_of(0)
    assert dashboard.result.goal == ka.rep_quota(dashboard.past, rep)
    for grade in ka.GRADES:
        controls[f"effort_{grade}"].value = 0
    assert dashboard.result.summary["won"] == 0  # nobody works the accounts: nothing is won
    for grade, value in zip(ka.GRADES, (4, 2, 1, 0)):
        controls[f"effort_{grade}"].value = value
    controls["rep"].value = 0


def test_dashboard_in_chinese(world):
    crmsim.set_language("zh")
    board = KeyAccountDashboard(world, seed=1)
    assert "赢单" in board.summary.value
    assert board.controls["develop_coach"].description == "发展教练（内线）"


def test_dashboard_seeds_and_its_default_world(world, dashboard):
    same = KeyAccountDashboard(world, seed=np.random.SeedSequence(1))
    assert same.result.summary == dashboard.result.summary
    own = KeyAccountDashboard(seed=2)
    assert len(own.world.customers) == 300
    assert own.world.customers.equals(crmsim.make_world(seed=2, n_customers=300).customers)
    with pytest.raises(TypeError):
        KeyAccountDashboard(world, 1)  # the seed is keyword-only
    with pytest.raises(TypeError, match="world"):
        KeyAccountDashboard("world")


@pytest.mark.parametrize("language, words", [("en", "no goal"), ("zh", "无目标")])
def test_a_rep_without_last_year_gets_a_message_not_nan(language, words):
    # In this small world rep 6 has opportunities this year but none in last year's run.
    crmsim.set_language(language)
    board = KeyAccountDashboard(crmsim.make_world(seed=2, n_customers=60), seed=2)
    assert 6 in {value for _, value in board.controls["rep"].options}
    assert not ka.has_history(board.past, 6)
    board.controls["rep"].value = 6
    assert board.result.goal is None and board.result.summary["attainment"] is None
    text = board.summary.value
    assert words in text and "nan" not in text.lower() and board.png.startswith(b"\x89PNG")
    board.controls["bid_discount"].value = 0.2  # redraws without a goal line
    assert words in board.summary.value
    board.controls["rep"].value = 0  # back to the team, which has a goal
    assert board.result.goal is not None and "nan" not in board.summary.value.lower()


def test_plots_return_axes_in_both_languages(world, result):
    opportunity = ka.example_opportunity(result)
    customer = int(result.opportunities.set_index("opportunity_id").loc[opportunity, "customer_id"])
    people = world.contacts[world.contacts["customer_id"] == customer]
    for language in ("en", "zh"):
        crmsim.set_language(language)
        axes = [
            kplots.plot_funnel(ka.funnel(result)),
            kplots.plot_timeline(ka.timeline(result, opportunity), opportunity),
            kplots.plot_buying_centre(people, "Test Co."),
            kplots.plot_forecast(ka.forecast_by_month(result)),
            kplots.plot_monthly_revenue(ka.monthly_revenue(result), 100.0),
            kplots.plot_win_rates(ka.win_rates(result, by="grade")),
            kplots.plot_cycle_time(ka.cycle_time(result)),
        ]
        for ax in axes:
            assert ax.get_title()
        assert axes[0].get_title() == crmsim.t("ka.plot.funnel_title")
        plt.close("all")


def _full_redraw_png(world, values: dict) -> bytes:
    """The PNG of a fresh dashboard set to ``values`` and drawn in full (no saved background)."""
    fresh = KeyAccountDashboard(world, seed=1)
    for name, value in values.items():
        fresh.controls[name].value = value
    fresh._background_key = None  # forces the full draw of figure, axes, ticks and titles
    fresh.redraw()
    return fresh.png


@pytest.mark.parametrize("language", ["en", "zh"])
def test_blitted_redraw_reuses_the_background_and_matches_a_full_redraw(world, language):
    crmsim.set_language(language)
    board = KeyAccountDashboard(world, seed=1)
    key, background, png, funnel = board._background_key, board._background, board.png, board.result.funnel
    assert key is not None and background is not None
    board.controls["bid_discount"].value = 0.12
    board.controls["drop_risk_above"].value = 0.5  # fewer opportunities pursued: every panel changes
    assert board._background_key == key
    assert board._background is background  # only the data were redrawn
    assert board.png != png and not board.result.funnel.equals(funnel)  # ... and they did change
    assert board.png == _full_redraw_png(world, board.values)


def _assert_same_as_full_redraw(board) -> None:
    png = board.png
    board._background_key = None  # forces the full draw of figure, axes, ticks and titles
    board.redraw()
    assert board.png == png


def test_new_ranges_when_the_data_leave_them_need_no_full_redraw(world):
    board = KeyAccountDashboard(world, seed=1)
    key, background = board._background_key, board._background
    forecast_high, revenue_high = board._highs(board.result, board.months)
    assert board.forecast_limits(board.result) == (0.0, board._reference_ceilings(0)[0])
    assert forecast_high <= board._reference_ceilings(0)[0] and revenue_high <= board._reference_ceilings(0)[1]
    # As if the default policy had sold little: the data no longer fit under the ceilings.
    board._references[0] = (forecast_high / 4, revenue_high / 4)
    board.controls["bid_discount"].value = 0.09
    assert board._background_key == key and board._background is background  # the y axes redrawn with the data
    forecast_high, revenue_high = board._highs(board.result, board.months)
    _, forecast_ax, revenue_ax = board.figure.axes
    assert forecast_ax.get_ylim() == board.forecast_limits(board.result)
    assert forecast_high <= board.forecast_limits(board.result)[1] <= 2 * forecast_high
    assert revenue_high <= board.revenue_limits(board.result)[1] <= 2 * revenue_high
    _assert_same_as_full_redraw(board)


def test_another_rep_gets_its_own_axes_without_a_full_redraw(world):
    board = KeyAccountDashboard(world, seed=1)
    key, background = board._background_key, board._background
    team = board.revenue_limits(board.result)
    board.controls["rep"].value = board.controls["rep"].options[1][1]  # one rep: fewer leads, smaller axes
    assert board._background_key == key and board._background is background
    assert board.figure.axes[2].get_ylim() == board.revenue_limits(board.result) and board.revenue_limits(
        board.result)[1] < team[1]
    _assert_same_as_full_redraw(board)
    board.controls["bid_discount"].value = 0.09
    _assert_same_as_full_redraw(board)


def test_a_rep_without_a_goal_loses_the_goal_line_and_its_legend_entry_without_a_full_redraw():
    board = KeyAccountDashboard(crmsim.make_world(seed=2, n_customers=60), seed=2)
    key, background = board._background_key, board._background
    revenue_ax = board.figure.axes[2]
    goal_text = crmsim.t("ka.plot.goal")
    assert goal_text in [t.get_text() for t in revenue_ax.get_legend().get_texts()]
    board.controls["rep"].value = 6  # no history: no goal
    assert board._background_key == key and board._background is background
    assert goal_text not in [t.get_text() for t in revenue_ax.get_legend().get_texts()]
    _assert_same_as_full_redraw(board)
    key = board._background_key
    board.controls["rep"].value = 0  # the team again: its goal line and legend entry come back
    revenue_ax = board.figure.axes[2]  # (the full redraw above made new axes)
    assert goal_text in [t.get_text() for t in revenue_ax.get_legend().get_texts()]
    _assert_same_as_full_redraw(board)


def test_update_helpers_give_the_picture_of_a_fresh_plot(world):
    runs = [ka.simulate_key_accounts(world, seed=3),
            ka.simulate_key_accounts(world, ka.RepPolicy(bid_discount=0.2), seed=3)]
    pngs = []
    for run, update in ((runs[0], True), (runs[1], False)):
        fig, axes = plt.subplots(1, 3, figsize=(12, 4))
        kplots.plot_funnel(ka.funnel(run), ax=axes[0], animated=True)
        kplots.plot_forecast(ka.forecast_by_month(run), ax=axes[1], animated=True, ylim=(0.0, 500.0))
        kplots.plot_monthly_revenue(ka.monthly_revenue(run), 100.0, ax=axes[2], animated=True, ylim=(0.0, 500.0))
        artists = [a for ax in axes for a in (*ax.collections, *ax.lines, *ax.texts)]
        assert artists and all(a.get_animated() for a in artists)
        assert all(ax.get_legend().get_animated() and ax.yaxis.get_animated() for ax in axes[1:])
        if update:  # drawn for the first run, then given the second run's data
            changed = (kplots.update_funnel(axes[0], ka.funnel(runs[1]))
                       + kplots.update_forecast(axes[1], ka.forecast_by_month(runs[1]))
                       + kplots.update_monthly_revenue(axes[2], ka.monthly_revenue(runs[1]), 100.0))
            assert set(artists) <= set(changed)
            assert {y_axis_snapshot(axes[2]), legend_snapshot(axes[2])} <= set(changed)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")  # saving draws animated artists too
        pngs.append(buffer.getvalue())
        plt.close(fig)
    assert pngs[0] == pngs[1]


def test_plots_are_not_animated_by_default(result):
    ax = kplots.plot_forecast(ka.forecast_by_month(result))
    assert not any(a.get_animated() for a in (*ax.collections, *ax.lines, ax.get_legend()))
    ax = kplots.plot_funnel(ka.funnel(result))
    assert not any(a.get_animated() for a in (*ax.collections, *ax.texts))
    plt.close("all")


@pytest.mark.parametrize("name, typed, fraction", [("bid_discount", "12%", 0.12), ("bid_discount", "15", 0.15),
                                                   ("bid_discount", "0,05", 0.05), ("drop_risk_above", "60 %", 0.6),
                                                   ("drop_risk_above", "0.9", 0.9)])
def test_percentages_are_typed_as_percentages(world, name, typed, fraction):
    board = KeyAccountDashboard(world, seed=1)
    control = board.controls[name]
    control.text.value = typed
    assert control.value == pytest.approx(fraction) and control.error == ""
    assert getattr(board.result.run.policy, name) == pytest.approx(fraction)  # the dashboard followed


@pytest.mark.parametrize("name, typed", [("bid_discount", "60%"), ("bid_discount", "abc"),
                                         ("drop_risk_above", "20"), ("drop_risk_above", "0,,8")])
def test_percentages_out_of_range_or_unreadable_are_refused_visibly(world, name, typed):
    board = KeyAccountDashboard(world, seed=1)
    control, before, png = board.controls[name], board.controls[name].value, board.png
    control.text.value = typed
    assert control.value == before and board.png == png  # nothing changed ...
    assert "crmsim-invalid" in control.text._dom_classes and typed in control.error  # ... and it says so
    assert control.text.value == typed  # the learner sees what they typed, marked


def test_percentage_boxes_show_percentages(dashboard):
    assert dashboard.controls["bid_discount"].text.value == "8%"
    assert dashboard.controls["drop_risk_above"].text.value == "75%"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_legend_hides_data_on_the_dashboard_or_the_notebook_plots(world, result, language):
    crmsim.set_language(language)
    board = KeyAccountDashboard(world, seed=1)
    assert hidden_by_legends(board.figure) == []
    board.controls["rep"].value = board.controls["rep"].options[1][1]  # another rep: other ranges
    board.controls["bid_discount"].value = 0.3
    assert hidden_by_legends(board.figure) == []
    opportunity = ka.example_opportunity(result)
    customer = int(result.opportunities.set_index("opportunity_id").loc[opportunity, "customer_id"])
    people = world.contacts[world.contacts["customer_id"] == customer]
    for ax in (kplots.plot_timeline(ka.timeline(result, opportunity), opportunity),
               kplots.plot_buying_centre(people, "Test Co."),
               kplots.plot_forecast(ka.forecast_by_month(result)),
               kplots.plot_monthly_revenue(ka.monthly_revenue(result), 100.0),
               kplots.plot_cycle_time(ka.cycle_time(result))):
        assert ax.get_legend() is not None and hidden_by_legends(ax.figure) == [], ax.get_title()
        plt.close(ax.figure)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_panel_legends_are_legible_and_inside_the_figure(world, language):
    """The forecast and revenue legends at 9 pt (8 pt was about 9 px on a 1024-px screen), none past the
    figure's edge (the revenue panel is the last one, and its English legend is wider than the panel)."""
    crmsim.set_language(language)
    try:
        board = KeyAccountDashboard(world, seed=0)
        figure = board.figure
        renderer = figure.canvas.get_renderer()
        legends = [ax.get_legend() for ax in figure.axes if ax.get_legend() is not None]
        assert len(legends) == 2
        for legend in legends:
            assert min(t.get_fontsize() for t in legend.get_texts()) >= 9
            box = legend.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= figure.bbox.x1, (language, box, figure.bbox)
    finally:
        crmsim.set_language("en")
