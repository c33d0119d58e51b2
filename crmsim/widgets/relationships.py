"""Dashboard of notebook 02: set a care policy and watch 24 months of level
mix, churn, satisfaction and profit."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..plots.blitting import y_axis_snapshot
from ..plots.ranges import fixed_or_fresh, nice_ceiling
from ..plots.relationships import plot_churn_satisfaction, plot_cumulative_profit, plot_level_mix, \
    update_churn_satisfaction, update_cumulative_profit, update_level_mix
from ..relationships import CHANNEL_MIXES, MAINTENANCE_STYLES, SERVICE_LEVELS, CarePolicy, RelationshipsRun, \
    budget_by_grade, care_return, expected_monthly_profit, get_ladder, level_mix, monthly_kpis, \
    prepare_relationships, rising_level_budgets, simulate_relationships
from ..seeding import SeedLike, root_sequence
from ..validation import check_choice, check_int
from ..world import World, make_world
from . import STYLE, Dashboard, PercentSlider, dropdown_layout, slider_layout


#: Top of the key-account care slider, CNY per customer and month: above the profit-optimal budget (about
#: 30,000-50,000 on the default worlds, where a large group account needs many visits' worth of care to feel
#: cared for), so a learner can find the optimum and see profit fall beyond it.
KEY_BUDGET_MAX = 60_000.0
#: Top of the ordinary customers' slider and of each level's slider, CNY per customer and month.
ORDINARY_BUDGET_MAX, LEVEL_BUDGET_MAX = 5_000.0, 60_000.0

#: Headroom of the profit panel over the default policy's curve: room for
#: better policies before the axis has to change.
PROFIT_HEADROOM = 0.5


@dataclass(frozen=True)
class RelationshipResult:
    """What the dashboard computed for one setting of its controls."""

    run: RelationshipsRun
    mix: pd.DataFrame
    kpis: pd.DataFrame
    care_return: pd.Series
    #: Expected profit of each month without care (the profit panel's dashed curve, accumulated).
    without_care: pd.Series


class RelationshipDashboard(Dashboard):
    """Set a care policy and see the level mix, churn, satisfaction and profit over the months.

    The redraw is light: axes, ticks, titles and legends are rendered once
    into a background, and a change of policy redraws only the level bands,
    the curves and the profit axis on top of it (blitting); the profit range
    is a fixed function of the world and the current result, so a given
    setting always gives the same picture.

    Parameters
    ----------
    world : World, optional
        The customers to simulate; by default a world of ``n_customers`` built from ``seed``.
    seed : int, SeedSequence or Generator
        Seed of the default world and of the simulation (default 0; the same
        seed for every policy, so differences come from the policy, not
        from chance).
    months : int
        Months simulated, 1-120 (default 24: the two years of notebook 02).
    n_customers : int
        Size of the default world (5,000: large enough for smooth curves).
    ladder : "course", "kotler" or Ladder
        The relationship ladder (default: the course's four levels).
    budget_by : {"grade", "level"}
        ``"grade"`` (default): one care-budget slider for ordinary customers
        and one for key accounts. ``"level"``: one slider per level of the ladder.
    """

    css_class = "crmsim-relationship-dashboard"
    #: 4.4 in tall: room under the axes for legends of legible text (three rows of 9 pt).
    figsize = (11.0, 4.4)

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, months: int = 24,
                 n_customers: int = 5000, ladder="course", budget_by: str = "grade") -> None:
        self.budget_by = check_choice("budget_by", budget_by, ("grade", "level"))
        # One root for the default world and every run: a Generator seed is drawn from once.
        root = root_sequence(seed)
        self.world = make_world(seed=root, n_customers=check_int("n_customers", n_customers, 1)) \
            if world is None else world
        self.ladder = get_ladder(ladder)
        self.months = check_int("months", months, 1, 120)
        # The customers and the random numbers do not change while the learner plays: prepare them once.
        self.prepared = prepare_relationships(self.world, seed=root)
        self._profit_reference: float | None = None
        # The course default's churn, drawn once as a reference: a forced hold and its price show against it.
        default = simulate_relationships(self.world, CarePolicy(), ladder=self.ladder, months=self.months,
                                         seed=self.prepared.root, prepared=self.prepared)
        self.reference_kpis = monthly_kpis(default.monthly)
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        default = CarePolicy()
        budget = dict(default.care_budget)

        def dropdown(key: str, prefix: str, codes, value: str) -> widgets.Dropdown:
            options = [(i18n.t(f"{prefix}.{code}"), code) for code in codes]
            return widgets.Dropdown(options=options, value=value, description=i18n.t(key), style=STYLE,
                                    layout=dropdown_layout(i18n.t(key), [label for label, _ in options]))

        if self.budget_by == "grade":
            budgets = {
                "budget_ordinary": widgets.FloatSlider(
                    value=budget["ordinary"], min=0, max=ORDINARY_BUDGET_MAX, step=100, readout_format=",.0f", style=STYLE,
                    description=i18n.t("rel.widget.budget_ordinary")),
                "budget_key": widgets.FloatSlider(
                    value=budget["group"], min=0, max=KEY_BUDGET_MAX, step=500, readout_format=",.0f", style=STYLE,
                    description=i18n.t("rel.widget.budget_key")),
            }
        else:  # one slider per level, starting from a budget that grows up the ladder
            names = self.ladder.names()
            budgets = {
                f"budget_{code}": widgets.FloatSlider(
                    value=amount, min=0, max=LEVEL_BUDGET_MAX, step=250, readout_format=",.0f", style=STYLE,
                    description=i18n.t("rel.widget.budget_level", level=names[code]))
                for code, amount in rising_level_budgets(self.ladder).items()
            }
        controls = {
            **budgets,
            "contacts": widgets.FloatSlider(value=default.contacts_per_month, min=0, max=8, step=0.5, style=STYLE,
                                            description=i18n.t("rel.widget.contacts")),
            "channel_mix": dropdown("rel.widget.channel_mix", "rel.mix", CHANNEL_MIXES, "balanced"),
            "service_level": dropdown("rel.widget.service_level", "rel.service", SERVICE_LEVELS,
                                      default.service_level),
            "maintenance": dropdown("rel.widget.maintenance", "rel.maintenance", MAINTENANCE_STYLES,
                                    default.maintenance),
            "complaint_days": widgets.IntSlider(value=int(default.complaint_days), min=1, max=30, style=STYLE,
                                                description=i18n.t("rel.widget.complaint_days")),
            # The quality is the chance that a complaint put right at once is put right: a percentage.
            "complaint_quality": PercentSlider(value=default.complaint_quality, min=0, max=1, step=0.05,
                                               description=i18n.t("rel.widget.complaint_quality")),
        }
        for name, control in controls.items():
            if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
                control.layout = slider_layout(control.description)
            control.add_class(f"crmsim-rel-{name.replace('_', '-')}")
        return controls

    def policy(self, contacts: float, channel_mix: str, service_level: str, maintenance: str, complaint_days: int,
               complaint_quality: float, **budgets: float) -> CarePolicy:
        """The care policy the controls describe (budget by grade or by level)."""
        if self.budget_by == "grade":
            budget = budget_by_grade(budgets["budget_ordinary"], budgets["budget_key"])
        else:
            budget = {code: budgets[f"budget_{code}"] for code in self.ladder.codes}
        return CarePolicy(care_budget=budget, contacts_per_month=contacts, channel_mix=channel_mix,
                          service_level=service_level, maintenance=maintenance, complaint_days=complaint_days,
                          complaint_quality=complaint_quality)

    def compute(self, **values) -> RelationshipResult:
        run = simulate_relationships(self.world, self.policy(**values), ladder=self.ladder, months=self.months,
                                     seed=self.prepared.root, prepared=self.prepared)
        return RelationshipResult(run, level_mix(run.monthly), monthly_kpis(run.monthly), care_return(run),
                                  expected_monthly_profit(run, baseline=True))

    def draw(self, result: RelationshipResult, figure: Figure) -> None:
        mix_ax, kpi_ax, profit_ax = figure.subplots(1, 3)
        # Room at the bottom for the legends, under the axes where they hide no data.
        figure.subplots_adjust(left=0.075, right=0.99, bottom=0.31, top=0.93, wspace=0.32)
        plot_level_mix(result.mix, self.ladder, ax=mix_ax, animated=True)
        plot_churn_satisfaction(result.kpis, ax=kpi_ax, animated=True, reference=self.reference_kpis)
        plot_cumulative_profit(result.kpis, result.without_care, ax=profit_ax, ylim=self.profit_limits(result),
                               animated=True)
        # The profit range follows the result: its ticks are drawn with the data, not into the background.
        profit_ax.yaxis.set_animated(True)
        for legend in self._legends():
            # The legends sit under the axes and never change: they belong to the background.
            for handle in legend.legend_handles:
                handle.set_animated(False)  # keys copy "animated" from the data they describe

    # --- light redraw ------------------------------------------------------------
    def profit_limits(self, result: RelationshipResult) -> tuple[float, float]:
        """Y range of the profit panel, CNY million.

        The top is fixed by the first (default) policy, with
        :data:`PROFIT_HEADROOM`, while the curves fit under it; a curve that
        leaves it gets a nice range of its own. Either way the range depends
        only on the current result, never on the settings tried before.
        """
        values = np.concatenate([result.kpis["cumulative_profit"].to_numpy(),
                                 np.cumsum(result.without_care.to_numpy())]) / 1e6
        low, high = min(0.0, float(values.min())), float(values.max())
        if self._profit_reference is None:
            self._profit_reference = nice_ceiling((1 + PROFIT_HEADROOM) * high) or 1.0
        bottom = -nice_ceiling(-1.1 * low) if low < 0 else 0.0
        top = fixed_or_fresh(self._profit_reference, high, headroom=0.1) if bottom == 0.0 \
            else nice_ceiling(1.1 * max(high, 1e-9))
        return (bottom, top)

    def background_key(self, result: RelationshipResult) -> str:
        """Nothing in the background depends on the result: the one axis whose range does (profit) is
        drawn with the data, so a change of policy never redraws the whole figure."""
        return "static"

    def update_artists(self, result: RelationshipResult, figure: Figure) -> list:
        """The snapshot of the profit axis in its range first (:mod:`crmsim.plots.blitting`), then new level
        bands and curves."""
        mix_ax, kpi_ax, profit_ax = figure.axes[:3]
        profit_ax.set_ylim(*self.profit_limits(result))
        return [y_axis_snapshot(profit_ax), *update_level_mix(mix_ax, result.mix),
                *update_churn_satisfaction(kpi_ax, result.kpis),
                *update_cumulative_profit(profit_ax, result.kpis, result.without_care)]

    def _legends(self) -> list:
        return [ax.get_legend() for ax in self.figure.axes if ax.get_legend() is not None]

    def summarise(self, result: RelationshipResult) -> str:
        last = result.mix.iloc[-1]
        roi = result.care_return["return_on_care"]
        return i18n.t("rel.widget.summary", months=self.months, top=last[self.ladder.codes[-1]],
                      churn=last["churned"], satisfied=result.kpis["satisfied"].iloc[-1],
                      profit=result.kpis["cumulative_profit"].iloc[-1] / 1e6,
                      spend=result.care_return["care_spend"] / 1e6,
                      roi=i18n.t("rel.widget.no_spend") if pd.isna(roi) else f"{roi:.1f}×")
