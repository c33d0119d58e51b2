"""The credit-committee dashboard driven from pytest, and the credit plots."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.text  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

import crmsim  # noqa: E402
from crmsim import credit  # noqa: E402
from crmsim.plots import credit as plots  # noqa: E402
from crmsim.plots.blitting import _left_strip, y_strip_snapshot  # noqa: E402
from crmsim.widgets.credit import CreditCommitteeDashboard  # noqa: E402
from plot_checks import hidden_by_legends  # noqa: E402


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
    file = credit.credit_file(world, seed=world.seed)
    direct = credit.simulate_receivables(world, credit.CreditPolicy(), rating=credit.rate(file),
                                         limits=credit.credit_limits(file), months=12, seed=1)
    pd.testing.assert_series_equal(result.summary, credit.summarise_policy(direct))


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
    file = credit.credit_file(world, seed=world.seed)
    rating = credit.rate(file)
    sim = credit.simulate_receivables(world, credit.CreditPolicy(cutoff=0), rating=rating,
                                      limits=credit.credit_limits(file), months=12)
    ax = plots.plot_sales_by_grade(credit.sales_by_grade(sim, rating))
    assert ax.get_title() == crmsim.t("credit.plot.grades.title")
    ax = plots.plot_aging(credit.aging(sim))
    assert [t.get_text() for t in ax.get_xticklabels()][0] == crmsim.t("credit.aging.not_due")
    ax = plots.plot_profit_bridge(credit.summarise_policy(sim))
    assert ax.get_title() == crmsim.t("credit.plot.bridge.title")
    ax = plots.plot_receivables(credit.receivables_by_month(sim))
    assert len(ax.patches) == 12
    bad = sim.accounts["defaulted"]
    ax = plots.plot_roc(credit.roc_curve(rating["score"], bad), credit.auc(rating["score"], bad))
    assert "AUC" in ax.get_legend().get_texts()[0].get_text()
    sweep = credit.policy_sweep(world, credit.CreditPolicy(), field="credit_period", values=[15, 30, 60], months=6,
                                file=file)
    ax = plots.plot_tradeoff(sweep, "credit_period")
    assert ax.get_xlabel() == crmsim.t("credit.plot.tradeoff.x.credit_period")
    with pytest.raises(ValueError, match="field"):
        plots.plot_tradeoff(sweep, "cutoff")


# --- blitting: the axes are drawn once, a change redraws only the bars ------------------------------------------
def _count_full_draws(dashboard, monkeypatch) -> list:
    calls = []
    draw = dashboard.draw
    monkeypatch.setattr(dashboard, "draw", lambda result, figure: (calls.append(result), draw(result, figure)))
    return calls


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_data_change_reuses_the_background_and_draws_like_a_full_redraw(world, monkeypatch, language):
    crmsim.set_language(language)
    board = CreditCommitteeDashboard(world=world, months=12, seed=1)
    first, key = board.png, board._background_key
    assert key is not None and key[0] == language
    full_draws = _count_full_draws(board, monkeypatch)
    board.controls["cutoff"].value = 50  # fewer approvals: the bars move, the axes stay
    assert board._background_key == key and full_draws == []
    blitted = board.png
    assert blitted != first
    board._background_key = None  # force a full redraw of the same result
    board.redraw()
    assert len(full_draws) == 1 and board._background_key == key
    np.testing.assert_array_equal(_pixels(board.png), _pixels(blitted))
    board.controls["cutoff"].value = 45  # and back: the very first picture again
    assert board._background_key == key and len(full_draws) == 1
    np.testing.assert_array_equal(_pixels(board.png), _pixels(first))


def _bars(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid]


def test_every_result_is_drawn_within_its_axes_and_new_ranges_need_no_full_redraw(dashboard, monkeypatch):
    full_draws = _count_full_draws(dashboard, monkeypatch)
    settings = [("credit_period", 120), ("cutoff", 0), ("collection", "lenient"), ("limit_multiplier", 3.0),
                ("cutoff", 90), ("credit_period", 15), ("collection", "strict"), ("report", 3.0), ("discount", 3),
                ("financial", 0.0), ("nonfinancial", 3.0)]
    key, ranges = dashboard._background_key, set()
    for name, value in settings:
        dashboard.controls[name].value = value
        assert dashboard._background_key == key and full_draws == []  # the y axes are redrawn with the data
        result = dashboard.result
        grades, ages, bridge = dashboard.figure.axes
        ranges.add(tuple(ax.get_ylim() for ax in dashboard.figure.axes))
        # the bars show this result ...
        stacked = result.by_grade[["credit_sales", "cash_sales", "lost_sales"]].sum(axis=1).to_numpy() / 1e6
        lost = _bars(grades, "credit-grades-lost")
        np.testing.assert_allclose([b.get_y() + b.get_height() for b in lost], stacked)
        np.testing.assert_allclose([b.get_height() for b in _bars(ages, "credit-aging")],
                                   result.aging["amount"].to_numpy() / 1e6)
        levels = plots.profit_bridge_levels(result.summary)
        np.testing.assert_allclose([b.get_height() for b in _bars(bridge, "credit-bridge")][1:-1], np.diff(levels))
        # ... inside the y ranges, which they fill well
        for ax, top in ((grades, stacked.max()), (ages, result.aging["amount"].max() / 1e6)):
            low, high = ax.get_ylim()
            assert low == 0 and 0.4 * high <= top <= high
        low, high = bridge.get_ylim()
        assert low <= min(levels.min(), 0) or low <= levels.min() - (levels.max() - levels.min())
        assert levels.max() <= high
    assert len(ranges) > 3  # the ranges did move


def test_a_blitted_new_range_draws_like_a_full_redraw(dashboard, monkeypatch):
    full_draws = _count_full_draws(dashboard, monkeypatch)
    seen = []
    for name, value in [("credit_period", 120), ("cutoff", 0), ("credit_period", 30), ("cutoff", 45),
                        ("credit_period", 120)]:
        dashboard.controls[name].value = value
        blitted = dashboard.png
        ylims = [ax.get_ylim() for ax in dashboard.figure.axes]
        seen.append(ylims)
        dashboard._background_key = None  # the whole figure drawn again, for the same result
        dashboard.redraw()
        assert [ax.get_ylim() for ax in dashboard.figure.axes] == ylims
        np.testing.assert_array_equal(_pixels(dashboard.png), _pixels(blitted))
    assert len(full_draws) == 5 and seen[0] != seen[2] and seen[0] == seen[-1]


def test_a_range_seen_before_is_pasted_and_looks_the_same(dashboard, monkeypatch):
    full_draws = _count_full_draws(dashboard, monkeypatch)
    aging = dashboard.figure.axes[1]
    first = aging.get_ylim()
    dashboard.controls["credit_period"].value = 120  # more receivables: the aging axis in a new range
    assert aging.get_ylim() != first
    kept = len(y_strip_snapshot(aging)._saved)
    dashboard.controls["credit_period"].value = 30  # back: its first picture pasted, not drawn again
    assert aging.get_ylim() == first and len(y_strip_snapshot(aging)._saved) == kept and full_draws == []
    blitted = dashboard.png
    dashboard._background_key = None
    dashboard.redraw()
    np.testing.assert_array_equal(_pixels(dashboard.png), _pixels(blitted))


def test_plots_default_to_static_and_update_in_place(world):
    file = credit.credit_file(world, seed=world.seed)
    rating = credit.rate(file)
    limits = credit.credit_limits(file)
    before = credit.simulate_receivables(world, credit.CreditPolicy(), rating=rating, limits=limits, months=12)
    after = credit.simulate_receivables(world, credit.CreditPolicy(cutoff=70, credit_period=60), rating=rating,
                                        limits=limits, months=12)
    ax = plots.plot_sales_by_grade(credit.sales_by_grade(before, rating))
    assert not any(p.get_animated() for p in ax.patches) and not ax.get_legend().get_animated()
    assert not ax.yaxis.get_animated()
    for plot, update, table in (
            (plots.plot_sales_by_grade, plots.update_sales_by_grade, lambda sim: credit.sales_by_grade(sim, rating)),
            (plots.plot_aging, plots.update_aging, credit.aging),
            (plots.plot_profit_bridge, plots.update_profit_bridge, credit.summarise_policy)):
        ax = plot(table(before), ylim=(0, 1e4), animated=True)
        assert all(p.get_animated() for p in ax.patches) and ax.yaxis.get_animated()
        artists = update(ax, table(after), ylim=(0, 2e4))
        assert set(ax.patches) <= set(artists) and ax.get_ylim() == (0, 2e4)
        assert y_strip_snapshot(ax) in artists and y_strip_snapshot(ax) is y_strip_snapshot(ax)
        if ax.get_legend() is not None:  # above the plot: in the background, never over the bars
            assert not ax.get_legend().get_animated()
        fresh = plot(table(after))
        np.testing.assert_allclose([(p.get_y(), p.get_height()) for p in ax.patches],
                                   [(p.get_y(), p.get_height()) for p in fresh.patches], atol=1e-9)
    ax = plots.plot_aging(credit.aging(before), shares=True, animated=True)
    labels = [t for t in plots.update_aging(ax, credit.aging(after)) if isinstance(t, matplotlib.text.Text)]
    assert [t.get_text() for t in labels] == [f"{s:.0%}" for s in credit.aging(after)["share"]]
    with pytest.raises(ValueError, match="draw it again"):
        plots.update_aging(ax, credit.aging(after).iloc[:3])


def test_dashboard_builds_its_own_world_and_takes_keywords_after_it():
    board = CreditCommitteeDashboard(seed=3, months=2, n_customers=200)
    assert len(board.world.customers) == 200 and board.result.simulation.months == 2
    with pytest.raises(TypeError):
        CreditCommitteeDashboard(None, 3)


# --- what a person sees: legends hide no data, the profit bridge shows its costs and its broken axis -----------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_legend_hides_data_on_the_dashboard_or_the_notebook_plots(world, language):
    crmsim.set_language(language)
    board = CreditCommitteeDashboard(world=world, months=12, seed=1)
    assert hidden_by_legends(board.figure) == []
    board.controls["credit_period"].value = 120  # bigger bars, other ranges
    board.controls["cutoff"].value = 0
    assert hidden_by_legends(board.figure) == []
    file = credit.credit_file(world, seed=world.seed)
    rating = credit.rate(file)
    sim = credit.simulate_receivables(world, credit.CreditPolicy(), rating=rating, limits=credit.credit_limits(file),
                                      months=12, seed=7)
    sweep = credit.policy_sweep(world, credit.CreditPolicy(), field="credit_period", values=[15, 30, 60, 120],
                                months=6, file=file)
    bad = sim.accounts["defaulted"]
    for ax in (plots.plot_sales_by_grade(credit.sales_by_grade(sim, rating)),
               plots.plot_receivables(credit.receivables_by_month(sim)),
               plots.plot_tradeoff(sweep, "credit_period"),
               plots.plot_roc(credit.roc_curve(rating["score"], bad), credit.auc(rating["score"], bad))):
        assert hidden_by_legends(ax.figure) == [], ax.get_title()
        plt.close(ax.figure)


def _summary(contribution: float, bad_debt: float, discount: float, interest: float, collection: float) -> pd.Series:
    costs = bad_debt + discount + interest + collection
    return pd.Series({"contribution": contribution, "bad_debt": bad_debt, "discount_cost": discount,
                      "interest_cost": interest, "collection_cost": collection, "profit": contribution - costs})


def _bridge_values(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == "credit-bridge-value"]


def _breaks_shown(ax) -> bool:
    marks = [c for c in ax.collections if c.get_gid() == "credit-bridge-break"]
    assert len(marks) == 2
    return all(m.get_visible() for m in marks)


def test_the_profit_bridge_zooms_on_the_costs_and_marks_its_broken_axis():
    # Notebook 04's case: costs of 8 % of the contribution, one of them tiny.
    ax = plots.plot_profit_bridge(_summary(4548e6, 330e6, 0.0, 125e6, 4.4e6))
    low, high = ax.get_ylim()
    assert 0 < low < 4548 - 460 and high >= 4548  # zoomed, every level inside
    assert _breaks_shown(ax)
    assert ax.get_ylabel() == crmsim.t("credit.plot.bridge.y_broken", start=low) and f"{low:,.0f}" in ax.get_ylabel()
    assert ax.get_yticks()[0] >= low  # no tick pretends to be zero
    # Every bar says its value, the costs with a minus sign, the small one with a decimal.
    assert _bridge_values(ax) == ["4,548", "\u2212330", "0", "\u2212125", "\u22124.4", "4,089"]
    # The costs are visible: the bars of costs of 2 % or more of the contribution are tall enough to see.
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    bars = [p for p in ax.patches if p.get_gid() == "credit-bridge"]
    assert bars[1].get_window_extent(renderer).height >= 10 and bars[3].get_window_extent(renderer).height >= 4
    assert hidden_by_legends(ax.figure) == []
    plt.close(ax.figure)


def test_the_profit_bridge_from_zero_has_no_break_marks():
    ax = plots.plot_profit_bridge(_summary(1000e6, 500e6, 50e6, 100e6, 10e6))  # costs a third: range from zero
    assert ax.get_ylim()[0] == 0 and not _breaks_shown(ax)
    assert ax.get_ylabel() == crmsim.t("credit.plot.bridge.y")
    loss = plots.plot_profit_bridge(_summary(100e6, 150e6, 0.0, 20e6, 1e6))  # a loss: below zero, no break
    assert loss.get_ylim()[0] < -71 and not _breaks_shown(loss)
    assert _bridge_values(loss)[-1] == "\u221271"
    plt.close("all")


def test_the_dashboards_bridge_breaks_and_mends_its_axis_as_the_range_moves(dashboard):
    bridge = dashboard.figure.axes[2]
    dashboard.controls["cutoff"].value = 0
    dashboard.controls["credit_period"].value = 120  # costs grow: the range may reach zero
    for name, value in [("credit_period", 15), ("cutoff", 90), ("credit_period", 120), ("cutoff", 0)]:
        dashboard.controls[name].value = value
        low = bridge.get_ylim()[0]
        assert _breaks_shown(bridge) == (low > 0)
        assert (f"{low:,.0f}" in bridge.get_ylabel()) == (low > 0)


# --- the y axes' snapshots keep a fixed strip: it must hold all the axis draws ------------------------------------
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_pixel_a_y_axis_draws_lies_in_the_strip_its_snapshot_keeps(world, language):
    crmsim.set_language(language)
    board = CreditCommitteeDashboard(world=world, months=12, seed=1)
    canvas, figure = board._canvas, board.figure
    renderer = canvas.get_renderer()
    height = int(figure.bbox.height)
    for name, value in [("credit_period", 120), ("cutoff", 0), ("collection", "lenient"), ("credit_period", 15),
                        ("cutoff", 90)]:  # ranges of every size, and the bridge broken and mended
        board.controls[name].value = value
        for ax in figure.axes:
            canvas.restore_region(board._background)
            bare = np.asarray(canvas.buffer_rgba()).copy()
            ax.yaxis.draw(renderer)
            drawn = np.asarray(canvas.buffer_rgba())
            rows, columns = np.nonzero((drawn != bare).any(axis=2))
            assert len(rows) > 100  # the ticks, their labels and the axis label
            strip = _left_strip(ax.yaxis)
            # pixel (row, column) covers x in [column, column + 1) and y in [height - row - 1, height - row)
            assert strip.x0 <= columns.min() and columns.max() + 1 <= strip.x1
            assert strip.y0 <= height - rows.max() - 1 and height - rows.min() <= strip.y1
            others = [other.bbox for other in figure.axes if other is not ax]
            assert all(box.x1 <= strip.x0 or box.x0 >= strip.x1 for box in others)  # and no other panel
    board.redraw()


def test_the_committee_update_is_the_three_updates_in_one():
    by_grade = pd.DataFrame({"credit_sales": [5e6, 3e6], "cash_sales": [1e6, 1e6], "lost_sales": [0.0, 2e6],
                             "default_rate": [0.01, 0.05]}, index=pd.Index(["A", "B"], name="grade"))
    aging = pd.DataFrame({"bucket": list(credit.AGING_BUCKETS), "invoices": [5, 3, 2, 1, 1, 0],
                          "amount": [4e6, 2e6, 1e6, 5e5, 2e5, 0.0], "share": [0.52, 0.26, 0.13, 0.06, 0.03, 0.0]})
    summary = _summary(4548e6, 330e6, 0.0, 125e6, 4.4e6)
    ylims = {"grades": (0.0, 10.0), "aging": (0.0, 5.0), "bridge": (3900.0, 4600.0)}
    figures = []
    for together in (True, False):
        fig, axes = plt.subplots(1, 3)
        plots.plot_sales_by_grade(by_grade * 0.5, ax=axes[0], default_rate=False, animated=True)
        plots.plot_aging(aging, ax=axes[1], shares=False, animated=True)
        plots.plot_profit_bridge(summary * 0.9, ax=axes[2], animated=True)
        if together:
            artists = plots.update_committee(axes, by_grade, aging, summary, ylims)
        else:
            artists = [*plots.update_sales_by_grade(axes[0], by_grade, ylim=ylims["grades"]),
                       *plots.update_aging(axes[1], aging, ylim=ylims["aging"]),
                       *plots.update_profit_bridge(axes[2], summary, ylim=ylims["bridge"])]
        figures.append((fig, axes, artists))
    (_, together, artists), (_, apart, expected) = figures
    assert [type(a) for a in artists] == [type(a) for a in expected]
    for mine, theirs in zip(together, apart):
        assert mine.get_ylim() == theirs.get_ylim() and mine.get_ylabel() == theirs.get_ylabel()
        assert [(p.get_y(), p.get_height()) for p in mine.patches] == [(p.get_y(), p.get_height()) for p in theirs.patches]
        assert [t.get_text() for t in mine.texts] == [t.get_text() for t in theirs.texts]
    with pytest.raises(ValueError, match="axes"):
        plots.update_committee(together[:2], by_grade, aging, summary, ylims)
    with pytest.raises(ValueError, match="bridge"):
        plots.update_committee(together, by_grade, aging, summary, {"grades": (0, 1), "aging": (0, 1)})


def test_ranges_drawn_ahead_are_pasted_on_a_first_visit_and_look_as_drawn(world, monkeypatch):
    board = CreditCommitteeDashboard(world=world, months=12, seed=1)
    grades, ages, bridge = board.figure.axes
    tops = {ax: ax.get_ylim()[1] for ax in (grades, ages)}
    for ax, top in tops.items():  # every nice end within the span, both ways, was drawn ahead
        kept = {state[0] for state, _w, _h in y_strip_snapshot(ax)._saved}
        assert (0.0, top) in kept and len(kept) >= 10
        assert all(top / board.PREPARED_SPAN <= high <= top * board.PREPARED_SPAN for _low, high in kept)
    assert len(y_strip_snapshot(bridge)._saved) == 1  # the bridge's ranges are not drawn ahead
    drawn = []
    draw = type(ages.yaxis).draw
    monkeypatch.setattr(type(ages.yaxis), "draw", lambda axis, renderer: (drawn.append(axis), draw(axis, renderer)))
    board.controls["credit_period"].value = 120  # more receivables: a range the aging axis never showed
    assert ages.get_ylim()[1] != tops[ages] and ages.yaxis not in drawn  # ... pasted, not drawn
    pasted = board.png
    for ax in board.figure.axes:  # forget every kept picture: the axes are drawn now
        y_strip_snapshot(ax)._saved.clear()
    board.redraw()
    assert ages.yaxis in drawn
    np.testing.assert_array_equal(_pixels(board.png), _pixels(pasted))
