"""Key-account plots and the notebook-03 dashboard, driven from pytest."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import crmsim  # noqa: E402
from crmsim import key_accounts as ka  # noqa: E402
from crmsim import pipeline as pl  # noqa: E402
from crmsim.plots import key_accounts as kplots  # noqa: E402
from crmsim.widgets.key_accounts import KeyAccountDashboard  # noqa: E402


@pytest.fixture(scope="module")
def dashboard(world):
    return KeyAccountDashboard(world, seed=1)


@pytest.fixture(scope="module")
def result(world):
    return ka.run_pipeline(world, seed=3)


def test_dashboard_starts_with_the_default_policy(dashboard):
    assert dashboard.policy_of(dashboard.values) == ka.RepPolicy(effort_weights={"A": 4, "B": 2, "C": 1, "D": 0})
    assert dashboard.png.startswith(b"\x89PNG")
    summary = dashboard.result.summary
    assert summary["leads"] == len(dashboard.opportunities)
    assert f"won {summary['won']}" in dashboard.summary.value


def test_controls_drive_the_result(dashboard):
    controls = dashboard.controls
    base = dashboard.result.summary
    png = dashboard.png
    controls["bid_discount"].value = 0.25
    cheaper = dashboard.result.summary
    assert cheaper["won"] >= base["won"]  # same random numbers: a lower price never loses a tender we won
    assert dashboard.result.result.policy.bid_discount == 0.25
    assert dashboard.png != png
    controls["bid_discount"].value = 0.08
    assert dashboard.result.summary == base  # back to the start: same numbers

    controls["effort_D"].value = 5
    assert "D" in dashboard.result.result.policy.pursue
    assert dashboard.result.summary["pursued"] == dashboard.result.summary["leads"]
    controls["effort_D"].value = 0

    controls["drop_risk_above"].value = 0.3
    dropped = (dashboard.result.result.opportunities["reason"] == "high_risk").sum()
    assert dropped > 0 and dashboard.result.summary["pursued"] == base["pursued"]
    controls["drop_risk_above"].value = 0.75


def test_rep_filter_and_every_grade_off(dashboard):
    controls = dashboard.controls
    rep = controls["rep"].options[1][1]
    controls["rep"].value = rep
    assert set(dashboard.result.result.opportunities["rep_id"]) == {rep}
    assert 0 < dashboard.result.goal < dashboard._goal_of(0)
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


def test_plots_return_axes_in_both_languages(world, result):
    opportunity = ka.example_opportunity(result)
    customer = int(result.opportunities.set_index("opportunity_id").loc[opportunity, "customer_id"])
    people = world.contacts[world.contacts["customer_id"] == customer]
    for language in ("en", "zh"):
        crmsim.set_language(language)
        axes = [
            kplots.plot_funnel(pl.funnel(result)),
            kplots.plot_timeline(ka.timeline(result, opportunity), opportunity),
            kplots.plot_buying_centre(people, "Test Co."),
            kplots.plot_forecast(pl.forecast_by_month(result)),
            kplots.plot_monthly_revenue(pl.monthly_revenue(result), 100.0),
            kplots.plot_win_rates(pl.win_rates(result, "grade")),
            kplots.plot_cycle_time(pl.cycle_time(result)),
        ]
        for ax in axes:
            assert ax.get_title()
        assert axes[0].get_title() == crmsim.t("ka.plot.funnel_title")
        plt.close("all")
