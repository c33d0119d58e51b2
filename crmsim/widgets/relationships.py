"""Dashboard of notebook 02: set a care policy and watch 24 months of level
mix, churn, satisfaction and profit."""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..world import vocab
from ..plots.relationships import plot_churn_satisfaction, plot_cumulative_profit, plot_level_mix, \
    update_churn_satisfaction, update_cumulative_profit, update_level_mix
from ..relationships import CHANNEL_MIXES, MAINTENANCE_STYLES, SERVICE_LEVELS, CarePolicy, RelationshipRun, \
    care_return, customer_drivers, get_ladder, level_mix, monthly_kpis, simulate_relationships
from ..validation import check_choice, check_int
from ..world import make_world
from . import Dashboard

i18n.register({
    "rel.widget.budget_ordinary": ("Care CNY/month: ordinary", "关怀预算（元/月）：普通客户"),
    "rel.widget.budget_key": ("Care CNY/month: key accounts", "关怀预算（元/月）：大客户"),
    "rel.widget.budget_level": ("Care CNY/month: {level}", "关怀预算（元/月）：{level}"),
    "rel.widget.contacts": ("Contacts/month", "每月联系次数"),
    "rel.widget.channel_mix": ("Channels", "联系渠道"),
    "rel.widget.service_level": ("Service", "服务方式"),
    "rel.widget.maintenance": ("Maintenance", "维系方式"),
    "rel.widget.complaint_days": ("Complaint days", "投诉处理天数"),
    "rel.widget.complaint_quality": ("Handling quality", "投诉处理质量"),
    "rel.widget.summary": (
        "After {months} months: top level {top:.0%} · churned {churn:.0%} · satisfied {satisfied:.0%} · "
        "profit CNY {profit:,.0f} m · care spending CNY {spend:,.1f} m, return {roi}",
        "{months}个月后：最高层次占 {top:.0%} · 累计流失 {churn:.0%} · 满意客户 {satisfied:.0%} · "
        "利润 {profit:,.0f} 百万元 · 关怀支出 {spend:,.1f} 百万元，回报 {roi}"),
    "rel.widget.no_spend": ("n/a (no care spending)", "无（没有关怀支出）"),
})


@dataclass(frozen=True)
class RelationshipResult:
    """What the dashboard computed for one setting of its controls."""

    run: RelationshipRun
    mix: pd.DataFrame
    kpis: pd.DataFrame
    care_return: pd.Series


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10**k that is >= value (value > 0)."""
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 2.0, 2.5, 5.0, 10.0) if step * power >= value)


class RelationshipDashboard(Dashboard):
    """Set a care policy and see the level mix, churn, satisfaction and profit over the months.

    The redraw is light: axes, ticks, titles and legends are rendered once
    into a background, and a change of policy redraws only the level bands
    and the curves on top of it (blitting). The background is rebuilt only
    when the profit curve leaves the y range, which is a fixed function of
    the world and the current result, so a given setting always gives the
    same picture.

    Parameters
    ----------
    world : World, optional
        The customers to simulate; by default a world of ``n_customers`` built from ``seed``.
    n_customers : int
        Size of the default world (5,000: large enough for smooth curves).
    seed : int
        Seed of the default world and of the simulation (the same seed for
        every policy, so differences come from the policy, not from chance).
    ladder : "course", "kotler" or Ladder
    months : int
    budget_by : {"grade", "level"}
        ``"grade"`` (default): one care-budget slider for ordinary customers
        and one for key accounts. ``"level"``: one slider per level of the ladder.
    """

    css_class = "crmsim-relationship-dashboard"
    figsize = (11.0, 3.6)

    def __init__(self, world=None, n_customers: int = 5000, seed: int = 0, ladder="course", months: int = 24,
                 budget_by: str = "grade") -> None:
        self.budget_by = check_choice("budget_by", budget_by, ("grade", "level"))
        self.seed = check_int("seed", seed, 0)
        self.world = make_world(seed=self.seed, n_customers=check_int("n_customers", n_customers, 1)) \
            if world is None else world
        self.ladder = get_ladder(ladder)
        self.months = check_int("months", months, 1, 120)
        # The customers do not change while the learner plays: derive their traits once.
        self.drivers = customer_drivers(self.world.customers, self.world.reps, self.world.as_of)
        self._profit_ceiling: float | None = None
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        default = CarePolicy()
        budget = dict(default.care_budget)
        style = {"description_width": "initial"}
        if self.budget_by == "grade":
            budgets = {
                "budget_ordinary": widgets.FloatSlider(
                    value=budget["ordinary"], min=0, max=5000, step=100, readout_format=",.0f", style=style,
                    description=i18n.t("rel.widget.budget_ordinary")),
                "budget_key": widgets.FloatSlider(
                    value=budget["group"], min=0, max=10000, step=250, readout_format=",.0f", style=style,
                    description=i18n.t("rel.widget.budget_key")),
            }
        else:  # one slider per level, starting from a budget that grows up the ladder
            budgets = {
                f"budget_{code}": widgets.FloatSlider(
                    value=250.0 * 2 ** i, min=0, max=10000, step=250, readout_format=",.0f", style=style,
                    description=i18n.t("rel.widget.budget_level", level=name))
                for i, (code, name) in enumerate(zip(self.ladder.codes, self.ladder.labels()))
            }
        controls = {
            **budgets,
            "contacts": widgets.FloatSlider(value=default.contacts_per_month, min=0, max=8, step=0.5, style=style,
                                            description=i18n.t("rel.widget.contacts")),
            "channel_mix": widgets.Dropdown(options=[(i18n.t(f"rel.mix.{code}"), code) for code in CHANNEL_MIXES],
                                            value="balanced", description=i18n.t("rel.widget.channel_mix"),
                                            style=style),
            "service_level": widgets.Dropdown(
                options=[(i18n.t(f"rel.service.{code}"), code) for code in SERVICE_LEVELS],
                value=default.service_level, description=i18n.t("rel.widget.service_level"), style=style),
            "maintenance": widgets.Dropdown(
                options=[(i18n.t(f"rel.maintenance.{code}"), code) for code in MAINTENANCE_STYLES],
                value=default.maintenance, description=i18n.t("rel.widget.maintenance"), style=style),
            "complaint_days": widgets.IntSlider(value=int(default.complaint_days), min=1, max=30, style=style,
                                                description=i18n.t("rel.widget.complaint_days")),
            "complaint_quality": widgets.FloatSlider(value=default.complaint_quality, min=0, max=1, step=0.05,
                                                     style=style, description=i18n.t("rel.widget.complaint_quality")),
        }
        for name, control in controls.items():
            control.add_class(f"crmsim-rel-{name.replace('_', '-')}")
        return controls

    def policy(self, contacts: float, channel_mix: str, service_level: str, maintenance: str, complaint_days: int,
               complaint_quality: float, **budgets: float) -> CarePolicy:
        """The care policy the controls describe (budget by grade or by level)."""
        if self.budget_by == "grade":
            budget = {code: budgets["budget_ordinary"] if code == "ordinary" else budgets["budget_key"]
                      for code in vocab.SEGMENT_CODES}
        else:
            budget = {code: budgets[f"budget_{code}"] for code in self.ladder.codes}
        return CarePolicy(budget, contacts, channel_mix, service_level, maintenance, complaint_days, complaint_quality)

    def compute(self, **values) -> RelationshipResult:
        run = simulate_relationships(self.world, self.policy(**values), self.ladder, self.months, self.seed,
                                     drivers=self.drivers)
        return RelationshipResult(run, level_mix(run.monthly), monthly_kpis(run.monthly), care_return(run))

    def draw(self, result: RelationshipResult, figure: Figure) -> None:
        mix_ax, kpi_ax, profit_ax = figure.subplots(1, 3)
        figure.subplots_adjust(left=0.075, right=0.99, bottom=0.15, top=0.91, wspace=0.32)
        plot_level_mix(result.mix, self.ladder, ax=mix_ax, animated=True)
        plot_churn_satisfaction(result.kpis, ax=kpi_ax, animated=True)
        plot_cumulative_profit(result.kpis, result.care_return["profit_without_care"], ax=profit_ax,
                               ylim=self._profit_limits(result), animated=True)
        for legend in self._legends():
            # Legends sit over the data, so they are drawn after it.
            legend.set_animated(True)
            for handle in legend.legend_handles:
                handle.set_animated(False)  # keys copy "animated" from the data they describe

    # --- light redraw ------------------------------------------------------------
    def _profit_limits(self, result: RelationshipResult) -> tuple[float, float]:
        """Y range of the profit panel, CNY million: fixed unless the curve leaves it."""
        values = [*(result.kpis["cumulative_profit"].to_numpy() / 1e6), result.care_return["profit_without_care"] / 1e6]
        low, high = min(0.0, min(values)), max(values)
        if self._profit_ceiling is None:  # set once, from the first (default) policy
            self._profit_ceiling = _nice_ceiling(1.5 * max(high, 1e-9))
        if low >= 0 and high <= self._profit_ceiling:
            return (0.0, self._profit_ceiling)
        return (-_nice_ceiling(-1.1 * low) if low < 0 else 0.0, _nice_ceiling(1.1 * max(high, 1e-9)))

    def background_key(self, result: RelationshipResult) -> tuple[float, float]:
        """Axes, ticks and titles depend only on the profit panel's y range."""
        return self._profit_limits(result)

    def update_artists(self, result: RelationshipResult, figure: Figure) -> list:
        """New level bands and curves, then the legends that sit over them."""
        mix_ax, kpi_ax, profit_ax = figure.axes[:3]
        return (update_level_mix(mix_ax, result.mix) + update_churn_satisfaction(kpi_ax, result.kpis)
                + update_cumulative_profit(profit_ax, result.kpis, result.care_return["profit_without_care"])
                + self._legends())

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
