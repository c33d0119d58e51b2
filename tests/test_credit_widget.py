"""The credit-committee dashboard driven from pytest, and the credit plots."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import crmsim  # noqa: E402
from crmsim import credit  # noqa: E402
from crmsim import receivables as rv  # noqa: E402
from crmsim.plots import credit as plots  # noqa: E402
from crmsim.widgets.credit import CreditCommitteeDashboard  # noqa: E402


@pytest.fixture(scope="module")
def world():
    return crmsim.make_world(seed=5, n_customers=400)


@pytest.fixture(autouse=True)
def english():
    crmsim.set_language("en")
    yield
    crmsim.set_language("en")
    plt.close("all")


@pytest.fixture
def dashboard(world):
    return CreditCommitteeDashboard(world=world, months=12, seed=1)


def test_dashboard_starts_with_the_default_policy(dashboard, world):
    result = dashboard.result
    assert result.policy == credit.CreditPolicy()
    assert dashboard.png.startswith(b"\x89PNG")
    assert "approved" in dashboard.summary.value and "net 30" in dashboard.summary.value
    # thin: the same numbers as calling the models directly
    file = credit.credit_file(world)
    direct = rv.simulate_receivables(world, credit.CreditPolicy(), credit.rate(file), credit.credit_limits(file),
                                     months=12, seed=1)
    pd.testing.assert_series_equal(result.summary, rv.summarise_policy(direct))


def test_raising_the_cutoff_approves_fewer(dashboard):
    before = dashboard.result.summary["approved"]
    png = dashboard.png
    dashboard.controls["cutoff"].value = 75
    assert dashboard.result.policy.cutoff == 75
    assert dashboard.result.summary["approved"] < before
    assert dashboard.png != png
    assert f"{int(dashboard.result.summary['approved']):,}" in dashboard.summary.value


def test_terms_discount_collection_and_limits_reach_the_policy(dashboard):
    dashboard.controls["credit_period"].value = 60
    dashboard.controls["discount"].value = 2
    dashboard.controls["collection"].value = "strict"
    dashboard.controls["limit_multiplier"].value = 2.0
    policy = dashboard.result.policy
    assert (policy.credit_period, policy.discount_rate, policy.discount_days) == (60, 0.02, 10)
    assert policy.collection == "strict" and policy.limit_multiplier == 2.0
    assert "2/10, net 60" in dashboard.summary.value
    assert dashboard.result.summary["discount_cost"] > 0


def test_weights_change_the_rating(dashboard):
    before = dashboard.result.rating["score"].copy()
    dashboard.controls["report"].value = 3.0
    assert not dashboard.result.rating["score"].equals(before)
    for name in ("financial", "report", "nonfinancial"):  # all zero: treated as equal, no error
        dashboard.controls[name].value = 0.0
    pd.testing.assert_series_equal(dashboard.result.rating["score"], before)


def test_dashboard_in_chinese(world):
    crmsim.set_language("zh")
    board = CreditCommitteeDashboard(world=world, months=12, seed=1)
    assert board.controls["cutoff"].description == "授信门槛分"
    assert "授信" in board.summary.value and "n/30" in board.summary.value
    assert board.timings["update_ms"] > 0 and board.timings["redraw_ms"] > 0


def test_dashboard_rejects_bad_months(world):
    with pytest.raises(ValueError, match="months"):
        CreditCommitteeDashboard(world=world, months=0)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_plots_return_axes_with_translated_titles(world, language):
    crmsim.set_language(language)
    file = credit.credit_file(world)
    rating = credit.rate(file)
    sim = rv.simulate_receivables(world, credit.CreditPolicy(cutoff=0), rating, credit.credit_limits(file), 12)
    ax = plots.plot_sales_by_grade(rv.sales_by_grade(sim, rating))
    assert ax.get_title() == crmsim.t("credit.plot.grades.title")
    ax = plots.plot_aging(rv.aging(sim))
    assert [t.get_text() for t in ax.get_xticklabels()][0] == crmsim.t("credit.aging.not_due")
    ax = plots.plot_profit_bridge(rv.summarise_policy(sim))
    assert ax.get_title() == crmsim.t("credit.plot.bridge.title")
    ax = plots.plot_receivables(rv.receivables_by_month(sim))
    assert len(ax.patches) == 12
    bad = sim.accounts["defaulted"]
    ax = plots.plot_roc(rv.roc_curve(rating["score"], bad), rv.auc(rating["score"], bad))
    assert "AUC" in ax.get_legend().get_texts()[0].get_text()
    sweep = rv.policy_sweep(world, credit.CreditPolicy(), "credit_period", [15, 30, 60], months=6, file=file)
    ax = plots.plot_tradeoff(sweep, "credit_period")
    assert ax.get_xlabel() == crmsim.t("credit.plot.tradeoff.x.credit_period")
    with pytest.raises(ValueError, match="field"):
        plots.plot_tradeoff(sweep, "cutoff")
