"""Dashboard of notebook 04: a credit committee sets weights, cutoff, limits,
terms and collection, and sees approvals, sales, aging, DSO, bad debt and profit."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from .. import i18n
from ..credit import (COLLECTION_STYLES, DEFAULT_LIMIT_RULES, DEFAULT_SCORECARD, DISCOUNT_OFFERS, CreditPolicy,
                      CreditRun, aging, credit_file, credit_limits, group_weights_or_equal, prepare_credit, rate,
                      sales_by_grade, simulate_receivables, summarise_policy, with_discount_offer)
from ..plots.credit import bridge_range, plot_aging, plot_profit_bridge, plot_sales_by_grade, profit_bridge_levels, \
    update_committee
from ..plots import title_pad_over_legend
from ..plots.blitting import snapshots_first, y_strip_snapshot
from ..plots.ranges import NICE_ENDS, sticky_range
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, make_world
from . import STYLE, Dashboard, dropdown_layout, slider_layout


@dataclass(frozen=True)
class CreditCommitteeResult:
    """What the dashboard computed for one setting of its controls."""

    policy: CreditPolicy
    rating: pd.DataFrame
    simulation: CreditRun
    summary: pd.Series
    aging: pd.DataFrame
    by_grade: pd.DataFrame


class CreditCommitteeDashboard(Dashboard):
    """The credit committee: weigh the rating, set the cutoff, limits, terms and
    collection; see sales won and lost by grade, the aging and the profit bridge.

    The redraw is light: titles, legends and x axes are rendered once into a
    background and a change redraws only the bars, their labels and the y
    axes (blitting, see :meth:`Dashboard.background_key`); a new y range
    therefore costs no redraw of the whole figure. Each panel keeps its y
    range while the data fit it well and moves to a new "nice" range when
    they leave it, so the range shown for a setting may depend on the
    settings tried before; the bars always fit it. The sales and aging
    axes are drawn ahead, at the first draw, in the ranges they are likely
    to reach (:meth:`prepare_snapshots`), so that a first visit costs no
    drawing either.

    Parameters
    ----------
    world : World, optional
        Default: ``make_world(seed=seed, n_customers=n_customers)``. Its
        credit file is the world's own, ``credit_file(world, seed=world.seed)``,
        as in notebook 04.
    seed : int, SeedSequence or Generator
        Seed of the simulation (and of the world, if built here).
    months : int
        Months of invoices simulated; the default 24 is the course's two years.
    n_customers : int
        Size of the world built when ``world`` is not given; 5,000 is a
        market where every grade has enough customers to compare.
    """

    css_class = "crmsim-credit-dashboard"
    figsize = (12.0, 4.2)

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, months: int = 24,
                 n_customers: int = 5_000) -> None:
        check_int("months", months, 1, 60)
        self.world = make_world(seed=seed, n_customers=n_customers) if world is None else world
        self.months = months
        # Everything that does not depend on the controls is done once, here.
        self.file = credit_file(self.world, seed=self.world.seed)
        self.limits = credit_limits(self.file, DEFAULT_LIMIT_RULES)
        self.prepared = prepare_credit(self.world, months=months, seed=seed)
        self._ratings: dict[tuple[float, float, float], pd.DataFrame] = {}
        # Y ranges of the three panels (CNY million), kept while the data fit them.
        self._ylims: dict[str, tuple[float, float] | None] = dict.fromkeys(("grades", "aging", "bridge"))
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        def weight(key: str) -> widgets.FloatSlider:
            return widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.25, description=i18n.t(key))

        def dropdown(key: str, options: list, value) -> widgets.Dropdown:
            return widgets.Dropdown(options=options, value=value, description=i18n.t(key), style=STYLE,
                                    layout=dropdown_layout(i18n.t(key), [label for label, _ in options]))

        discount_options = [(i18n.t("credit.widget.discount.none"), 0)] + [
            (f"{r * 100:g}/{d}", k) for k, (r, d) in enumerate(DISCOUNT_OFFERS) if r > 0]
        controls = {
            "financial": weight("credit.widget.financial"),
            "report": weight("credit.widget.report"),
            "nonfinancial": weight("credit.widget.nonfinancial"),
            "cutoff": widgets.IntSlider(value=45, min=0, max=90, step=5, description=i18n.t("credit.widget.cutoff")),
            "limit_multiplier": widgets.FloatSlider(value=1.0, min=0.25, max=3.0, step=0.25,
                                                    description=i18n.t("credit.widget.limit_multiplier")),
            "credit_period": widgets.IntSlider(value=30, min=15, max=120, step=15,
                                               description=i18n.t("credit.widget.credit_period")),
            "discount": dropdown("credit.widget.discount", discount_options, 0),
            "collection": dropdown("credit.widget.collection",
                                   [(i18n.t(f"credit.widget.collection.{c}"), c) for c in COLLECTION_STYLES],
                                   "standard"),
        }
        for name, control in controls.items():
            control.style.description_width = "initial"  # show whole descriptions, in both languages
            if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
                control.layout = slider_layout(control.description)
            control.add_class(f"crmsim-credit-{name.replace('_', '-')}")
        return controls

    def layout_controls(self) -> widgets.Widget:
        c = self.controls
        rows = [[c["financial"], c["report"], c["nonfinancial"]],
                [c["cutoff"], c["limit_multiplier"], c["credit_period"]],
                [c["discount"], c["collection"]]]
        # Rows wrap on a narrow screen instead of squeezing the sliders to nothing.
        return widgets.VBox([widgets.HBox(row, layout=widgets.Layout(flex_flow="row wrap")) for row in rows])

    def compute(self, financial: float, report: float, nonfinancial: float, cutoff: int, limit_multiplier: float,
                credit_period: int, discount: int, collection: str) -> CreditCommitteeResult:
        policy = with_discount_offer(CreditPolicy(cutoff=float(cutoff), credit_period=int(credit_period),
                                                  collection=collection, limit_multiplier=float(limit_multiplier)),
                                     *DISCOUNT_OFFERS[discount])
        rating = self._rating(group_weights_or_equal(financial, report, nonfinancial))
        simulation = simulate_receivables(self.world, policy, rating=rating, limits=self.limits,
                                          months=self.months, prepared=self.prepared)
        return CreditCommitteeResult(policy=policy, rating=rating, simulation=simulation,
                                     summary=summarise_policy(simulation), aging=aging(simulation),
                                     by_grade=sales_by_grade(simulation, rating))

    def _rating(self, group_weights: tuple[float, float, float]) -> pd.DataFrame:
        """The rating for these group weights, remembered: most control changes leave the weights alone."""
        if group_weights not in self._ratings:
            if len(self._ratings) >= 64:  # a slider dragged all over: keep memory bounded
                self._ratings.clear()
            self._ratings[group_weights] = rate(self.file, DEFAULT_SCORECARD.with_group_weights(*group_weights))
        return self._ratings[group_weights]

    def _limits(self, result: CreditCommitteeResult) -> dict[str, tuple[float, float]]:
        """Y ranges of the panels for ``result``: the current ones unless the data leave them.

        Asking twice for the same result gives the same ranges.
        """
        # Column by column: selecting a list of columns costs more than the rest of this method.
        stacked = sum(result.by_grade[column].to_numpy() for column in ("credit_sales", "cash_sales", "lost_sales"))
        ylims = self._ylims
        ylims["grades"] = sticky_range(ylims["grades"], 0.0, float(stacked.max(initial=0)) / 1e6)
        ylims["aging"] = sticky_range(ylims["aging"], 0.0, float(result.aging["amount"].max()) / 1e6)
        ylims["bridge"] = bridge_range(ylims["bridge"], profit_bridge_levels(result.summary))
        return dict(ylims)

    def background_key(self, result: CreditCommitteeResult) -> Hashable:
        # The titles, legends and x axes depend on the language and on the grades and buckets shown;
        # the bars and the y axes (whose ranges follow the data) are redrawn on top.
        return (i18n.get_language(), tuple(map(str, result.by_grade.index)), tuple(result.aging["bucket"]))

    def draw(self, result: CreditCommitteeResult, figure: Figure) -> None:
        grades, ages, bridge = figure.subplots(1, 3, width_ratios=(1.25, 1.0, 1.0), gridspec_kw=dict(
            left=0.075, right=0.99, bottom=0.2, top=0.86, wspace=0.3))
        limits = self._limits(result)
        # The lean variants (no default-rate axis, no share labels) keep redraws quick;
        # the summary line carries the numbers. The bars are animated: see update_artists.
        plot_sales_by_grade(result.by_grade, ax=grades, default_rate=False, ylim=limits["grades"], animated=True)
        plot_aging(result.aging, ax=ages, shares=False, ylim=limits["aging"], animated=True)
        plot_profit_bridge(result.summary, ax=bridge, ylim=limits["bridge"], animated=True)
        for ax in (ages, bridge):  # titles in line with the one over the legend
            ax.set_title(ax.get_title(), y=1.0, pad=title_pad_over_legend())

    #: The sales and aging axes are drawn ahead in the ranges from zero to a nice end within this factor
    #: of their first range (both ways): where the controls take them (the bench's extremes stay within 5).
    PREPARED_SPAN = 5.0

    def update_artists(self, result: CreditCommitteeResult, figure: Figure) -> list[Artist]:
        limits = self._limits(result)
        return snapshots_first(update_committee(figure.axes, result.by_grade, result.aging, result.summary, limits))

    def prepare_snapshots(self, result: CreditCommitteeResult, figure: Figure) -> None:
        """Draw the sales and aging axes in every range from zero to a nice end near their current one into
        their snapshots, so that a first visit to such a range is a copy too (a new range otherwise costs a
        drawing of the axis, most of the slowest redraws). The profit bridge's ranges have two free ends and
        are not drawn ahead. update_artists then sets the current ranges."""
        limits = self._limits(result)  # the same ranges update_artists will ask for
        renderer = figure.canvas.get_renderer()
        for ax, (_, top) in zip(figure.axes, (limits["grades"], limits["aging"])):
            low, high = top / self.PREPARED_SPAN, top * self.PREPARED_SPAN
            power = math.floor(math.log10(low))
            # Ends made as nice_ceiling makes them (mantissa times a power of ten), so the ranges are equal.
            ends = [m * 10.0 ** k for k in range(power, math.floor(math.log10(high)) + 1) for m in NICE_ENDS]
            for end in sorted(e for e in ends if low <= e <= high):
                ax.set_ylim(0.0, end)
                y_strip_snapshot(ax).prepare(renderer)

    def summarise(self, result: CreditCommitteeResult) -> str:
        s = result.summary
        return i18n.t("credit.widget.summary", terms=result.policy.terms_text, approved=int(s["approved"]),
                      customers=int(s["customers"]), rate=s["approval_rate"], sales=s["sales"] / 1e6,
                      lost=s["lost_sales"] / 1e6, dso=s["dso"], bad_rate=s["bad_debt_rate"],
                      profit=s["profit"] / 1e6)


__all__ = ["CreditCommitteeDashboard", "CreditCommitteeResult"]
