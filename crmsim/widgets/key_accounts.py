"""Dashboard of notebook 03: the learner sets a rep's policy (effort by
account grade, coach development, bid discount, risk threshold) and sees the
funnel, the weighted forecast against actual and the revenue over 12 months."""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..key_accounts import GRADES, PipelineResult, RepPolicy, generate_opportunities, simulate_pipeline
from ..pipeline import forecast_by_month, funnel, monthly_revenue, stage_win_rates, suggested_goal
from ..plots.key_accounts import plot_forecast, plot_funnel, plot_monthly_revenue, update_forecast, update_funnel, \
    update_monthly_revenue
from . import Dashboard

i18n.register({f"ka.widget.{name}": pair for name, pair in {
    "rep": ("Rep", "销售代表"), "all_reps": ("All reps", "全部销售代表"),
    "effort": ("Effort on {grade}", "{grade}投入"), "hours": ("Hours/month", "每月小时"),
    "coach": ("Develop coaches", "发展教练（内线）"), "discount": ("Bid discount", "报价折扣"),
    "risk": ("Drop if risk >", "风险高于则放弃"),
    "summary": ("Pursued {pursued} of {leads} leads · won {won} (win rate {win_rate:.0%}) · signed "
                "CNY {revenue:.1f} m in {months} months, {attainment:.0%} of the goal of CNY {goal:.0f} m · "
                "gross margin CNY {margin:.1f} m",
                "跟进 {pursued}/{leads} 条线索 · 赢单 {won} 个（赢单率 {win_rate:.0%}）· {months}个月签约 {revenue:.1f} 百万元，"
                "完成目标 {goal:.0f} 百万元的 {attainment:.0%} · 毛利 {margin:.1f} 百万元"),
    "empty": ("This rep has no key-account opportunities.", "该销售代表没有大客户商机。"),
}.items()})


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10**k that is >= value (at least 1)."""
    value = max(float(value), 1.0)
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
                if step * power >= value * (1 - 1e-12))


def _ceiling(high: float, reference: float) -> float:
    """The reference ceiling while ``high`` fits under it, else a nice ceiling just above ``high``."""
    return reference if high <= reference else _nice_ceiling(1.05 * high)


@dataclass(frozen=True)
class KeyAccountView:
    """What the dashboard computed for one setting of its controls."""

    result: PipelineResult
    funnel: pd.DataFrame
    forecast: pd.DataFrame
    revenue: pd.DataFrame
    goal: float
    summary: dict
    rep: int = 0


class KeyAccountDashboard(Dashboard):
    """Allocate a rep's monthly effort across accounts by grade, choose a bid
    strategy, and watch the funnel, the forecast and 12 months of revenue.

    The redraw is light: axes, ticks and titles are drawn once into a
    background, and a change of policy redraws only the bars, curves, funnel
    labels and legends on it (blitting, see :meth:`Dashboard.background_key`).
    The y ranges are fixed per rep (see :meth:`forecast_limits`), so the
    background is rebuilt only for another rep or when the data leave them.

    Parameters
    ----------
    world : World
        The world whose key accounts are worked.
    seed : int
        Seed of the opportunities and of the simulation; every setting of
        the controls reuses the same random numbers, so differences come
        from the policy alone.
    months : int
        Horizon in months.
    """

    css_class = "crmsim-key-accounts-dashboard"
    figsize = (12.0, 4.0)
    dpi = 72

    def __init__(self, world, seed: int = 0, months: int = 12) -> None:
        self.world = world
        self.seed = seed
        self.months = months
        self.start = pd.Timestamp(world.as_of)
        self.opportunities = generate_opportunities(world, seed=seed, months=months, start=self.start)
        # The manager's stage weights come from a past run (another seed), as in real life.
        self.past = simulate_pipeline(generate_opportunities(world, seed=seed + 1, months=months, start=self.start),
                                      seed=seed + 1, start=self.start, months=months)
        self.stage_weights = stage_win_rates(self.past)
        self._by_rep: dict[int, pd.DataFrame] = {}
        self._goals: dict[int, float] = {}
        self._references: dict[int, tuple[float, float]] = {}
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        reps = self.world.reps
        name = f"name_{i18n.get_language()}"
        options = [(i18n.t("ka.widget.all_reps"), 0)] + [
            (f"{rep_id} {rep_name}", int(rep_id)) for rep_id, rep_name in zip(reps["rep_id"], reps[name])
            if (self.opportunities["rep_id"] == rep_id).any()]
        style = {"description_width": "initial"}
        controls: dict[str, widgets.Widget] = {"rep": widgets.Dropdown(options=options, value=0,
                                                                      description=i18n.t("ka.widget.rep"), style=style)}
        defaults = RepPolicy()
        for grade in GRADES:
            controls[f"effort_{grade}"] = widgets.IntSlider(
                value=int(defaults.effort_weights[grade]) if grade in defaults.pursue else 0, min=0, max=10,
                description=i18n.t("ka.widget.effort", grade=i18n.t(f"ka.grade.{grade}")), style=style)
        controls["monthly_hours"] = widgets.IntSlider(value=int(defaults.monthly_hours), min=20, max=200, step=10,
                                                      description=i18n.t("ka.widget.hours"), style=style)
        controls["develop_coach"] = widgets.Checkbox(value=defaults.develop_coach,
                                                     description=i18n.t("ka.widget.coach"))
        controls["bid_discount"] = widgets.FloatSlider(value=defaults.bid_discount, min=0.0, max=0.3, step=0.01,
                                                       description=i18n.t("ka.widget.discount"), style=style,
                                                       readout_format=".0%")
        controls["drop_risk_above"] = widgets.FloatSlider(value=defaults.drop_risk_above, min=0.3, max=1.0,
                                                          step=0.05, description=i18n.t("ka.widget.risk"),
                                                          style=style)
        self._defaults = {name: control.value for name, control in controls.items()}
        return controls

    def _opportunities_of(self, rep: int) -> pd.DataFrame:
        if rep not in self._by_rep:
            opps = self.opportunities
            self._by_rep[rep] = opps if rep == 0 else opps[opps["rep_id"] == rep].reset_index(drop=True)
        return self._by_rep[rep]

    def _goal_of(self, rep: int) -> float:
        # The team goal is last year's result plus 10 %, fixed whatever the learner's
        # policy; a rep's quota is the team goal times the rep's share of last
        # year's opportunity value (the composition-ratio method).
        if rep not in self._goals:
            team = suggested_goal(self.past)
            past = self.past.opportunities
            share = 1.0 if rep == 0 else past.loc[past["rep_id"] == rep, "amount"].sum() / past["amount"].sum()
            self._goals[rep] = float(round(team * share, 1)) or 1.0
        return self._goals[rep]

    @staticmethod
    def policy_of(values: dict) -> RepPolicy:
        """The rep policy the controls describe: a grade with zero effort is not pursued."""
        weights = {grade: float(values[f"effort_{grade}"]) for grade in GRADES}
        pursue = tuple(g for g in GRADES if weights[g] > 0)
        return RepPolicy(pursue=pursue, effort_weights=weights, monthly_hours=float(values["monthly_hours"]),
                         develop_coach=bool(values["develop_coach"]), bid_discount=float(values["bid_discount"]),
                         drop_risk_above=float(values["drop_risk_above"]))

    def compute(self, **values) -> KeyAccountView:
        rep = int(values["rep"])
        result = simulate_pipeline(self._opportunities_of(rep), policy=self.policy_of(values), seed=self.seed,
                                   start=self.start, months=self.months)
        revenue = monthly_revenue(result)
        opps = result.opportunities
        goal = self._goal_of(rep)
        won = int((opps["outcome"] == "won").sum())
        pursued = int(opps["pursued"].sum())
        signed = float(revenue["revenue"].sum())
        summary = {"leads": len(opps), "pursued": pursued, "won": won, "win_rate": won / pursued if pursued else 0.0,
                   "revenue": signed, "months": self.months, "goal": goal * self.months / 12.0,
                   "attainment": signed / (goal * self.months / 12.0),
                   "margin": float(revenue["gross_margin"].sum())}
        return KeyAccountView(result=result, funnel=funnel(result), revenue=revenue, goal=goal, summary=summary,
                              rep=rep,
                              forecast=forecast_by_month(result, method="stage", stage_weights=self.stage_weights))

    # --- drawing: the axes once, then only the data (blitting) ------------------
    @staticmethod
    def _highs(result: KeyAccountView, months: int) -> tuple[float, float]:
        """Highest value of the forecast panel and of the revenue panel (with the goal line), CNY m."""
        forecast = max(result.forecast["forecast"].max(), result.forecast["actual"].max(), 0.0)
        goal = result.goal * months / 12.0  # where the cumulative goal line ends
        revenue = max(result.revenue["cumulative_revenue"].max(), result.revenue["revenue"].max(), goal, 0.0)
        return float(forecast), float(revenue)

    def _reference_ceilings(self, rep: int) -> tuple[float, float]:
        """Y ceilings of the forecast and revenue panels for ``rep``: a quarter above
        what the default policy gives, rounded up to a nice number."""
        if rep not in self._references:
            default = self.compute(**{**self._defaults, "rep": rep})
            self._references[rep] = tuple(_nice_ceiling(1.25 * high) for high in self._highs(default, self.months))
        return self._references[rep]

    def forecast_limits(self, result: KeyAccountView) -> tuple[float, float]:
        """Y range of the forecast panel, CNY m.

        From 0 to the rep's reference ceiling (the default policy's data plus
        a quarter, rounded up), so that most changes of policy keep the axes
        and redraw only the data; when the data leave that range, to a nice
        ceiling just above them. A function of the rep and the result only:
        the same setting always gives the same picture.
        """
        return (0.0, _ceiling(self._highs(result, self.months)[0], self._reference_ceilings(result.rep)[0]))

    def revenue_limits(self, result: KeyAccountView) -> tuple[float, float]:
        """Y range of the revenue panel, CNY m (above the cumulative revenue and the goal line);
        chosen like :meth:`forecast_limits`."""
        return (0.0, _ceiling(self._highs(result, self.months)[1], self._reference_ceilings(result.rep)[1]))

    def background_key(self, result: KeyAccountView):
        """Everything the axes, ticks and titles depend on; the data are redrawn on top."""
        return (i18n.get_language(), tuple(result.funnel.index), float(max(result.funnel["entered"].max(), 1)),
                tuple(result.forecast["month"]), self.forecast_limits(result),
                tuple(result.revenue["month"]), self.revenue_limits(result))

    def draw(self, result: KeyAccountView, figure: Figure) -> None:
        # Fixed margins (the base figure has no layout engine): the three panels never change shape.
        funnel_ax, forecast_ax, revenue_ax = figure.subplots(1, 3, gridspec_kw={
            "left": 0.01, "right": 0.99, "bottom": 0.12, "top": 0.91, "wspace": 0.2})
        plot_funnel(result.funnel, ax=funnel_ax, animated=True)
        plot_forecast(result.forecast, ax=forecast_ax, show_pipeline=False, animated=True,
                      ylim=self.forecast_limits(result))
        plot_monthly_revenue(result.revenue, yearly_goal=result.goal, ax=revenue_ax, animated=True,
                             ylim=self.revenue_limits(result))

    def update_artists(self, result: KeyAccountView, figure: Figure) -> list:
        funnel_ax, forecast_ax, revenue_ax = figure.axes
        return (update_funnel(funnel_ax, result.funnel) + update_forecast(forecast_ax, result.forecast)
                + update_monthly_revenue(revenue_ax, result.revenue, yearly_goal=result.goal))

    def summarise(self, result: KeyAccountView) -> str:
        if result.summary["leads"] == 0:
            return i18n.t("ka.widget.empty")
        return i18n.t("ka.widget.summary", **result.summary)
