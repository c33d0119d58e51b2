"""Dashboard of notebook 03: the learner sets a rep's policy (effort by
account grade, coach development, bid discount, risk threshold) and sees the
funnel, the weighted forecast against actual and the revenue over 12 months.

The rules (the policy the controls describe, the quota, win rate and
attainment) are the topic's (:mod:`crmsim.key_accounts.policy`,
:mod:`crmsim.key_accounts.goals`); the dashboard only wires them to controls
and plots."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..key_accounts import (GRADES, KeyAccountsRun, RepPolicy, effort_by_grade, forecast_by_month, funnel,
                            goal_summary, has_history, last_year_seed, monthly_revenue, policy_from_effort, prepare_key_accounts,
                            rep_quota, simulate_key_accounts, stage_win_rates)
from ..plots.key_accounts import (PANEL_LEGEND_POINTS, plot_forecast, plot_funnel, plot_monthly_revenue,
                                  update_forecast, update_funnel, update_monthly_revenue)
from ..plots import title_pad_over_legend
from ..plots.blitting import snapshots_first
from ..plots.ranges import fixed_or_fresh, nice_ceiling
from ..seeding import SeedLike, root_sequence
from ..world import World, check_world, make_world
from . import STYLE, Dashboard, PercentSlider, dropdown_layout, slider_layout


#: Value of the rep control that means every rep.
ALL_REPS = 0


@dataclass(frozen=True)
class KeyAccountView:
    """What the dashboard computed for one setting of its controls.

    Attributes
    ----------
    run : KeyAccountsRun
        The rep's (or the team's) year under the controls' policy.
    funnel, forecast, revenue : DataFrame
        :func:`~crmsim.key_accounts.funnel`, :func:`~crmsim.key_accounts.forecast_by_month`
        (weighted with last year's stage win rates) and :func:`~crmsim.key_accounts.monthly_revenue`.
    goal : float or None
        The yearly quota, CNY m (:func:`~crmsim.key_accounts.rep_quota`);
        None when last year gives no basis for one (the rep had no
        opportunities, or nothing was signed): the summary says so instead
        of an attainment.
    summary : dict
        :func:`~crmsim.key_accounts.goal_summary` against that quota.
    rep : int
        The rep shown, :data:`ALL_REPS` for the team.
    """

    run: KeyAccountsRun
    funnel: pd.DataFrame
    forecast: pd.DataFrame
    revenue: pd.DataFrame
    goal: float | None
    summary: dict
    rep: int = ALL_REPS


class KeyAccountDashboard(Dashboard):
    """Allocate a rep's monthly effort across accounts by grade, choose a bid
    strategy, and watch the funnel, the forecast and 12 months of revenue.

    The redraw is light: titles and x axes are drawn once into a background,
    and a change of policy or rep redraws only the bars, curves, funnel
    labels, y axes and legends on it (blitting, see
    :meth:`Dashboard.background_key`; the y axes and legends are pasted when
    they were drawn before, see :mod:`crmsim.plots.blitting`). The y ranges
    are fixed per rep (see :meth:`forecast_limits`) while the data fit them.

    Parameters
    ----------
    world : World, optional
        The world whose key accounts are worked. Default: a world of
        ``n_customers`` from ``seed``.
    seed : int, SeedSequence or Generator
        Seed of the opportunities and of the simulation (and of the default
        world); every setting of the controls reuses the same random
        numbers, so differences come from the policy alone. Last year's run,
        which sets the goals and the forecast's stage weights, uses
        :func:`~crmsim.key_accounts.last_year_seed` (``seed + 1``). Default 0.
    months : int
        Horizon in months. Default 12: the planning year.
    n_customers : int
        Size of the default world: 300, a class-size market that redraws at once.
    """

    css_class = "crmsim-key-accounts-dashboard"
    figsize = (12.0, 4.0)
    dpi = 72

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, months: int = 12,
                 n_customers: int = 300) -> None:
        seed = root_sequence(seed)  # a Generator is consumed once: the world and every run share one root
        self.world = make_world(seed=seed, n_customers=n_customers) if world is None else check_world(world)
        self.seed = seed
        self.months = months
        self.start = pd.Timestamp(self.world.as_of)
        self.opportunities = prepare_key_accounts(self.world, seed=seed, months=months, start=self.start)
        # The manager's goals and stage weights come from a past run (another seed), as in real life.
        self.past = simulate_key_accounts(self.world, seed=last_year_seed(seed), start=self.start, months=months)
        self.stage_weights = stage_win_rates(self.past)
        self._by_rep: dict[int, pd.DataFrame] = {}
        self._goals: dict[int, float] = {}
        self._references: dict[int, tuple[float, float]] = {}
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        reps = self.world.reps
        name = f"name_{i18n.get_language()}"
        options = [(i18n.t("ka.widget.all_reps"), ALL_REPS)] + [
            (f"{rep_id} {rep_name}", int(rep_id)) for rep_id, rep_name in zip(reps["rep_id"], reps[name])
            if (self.opportunities["rep_id"] == rep_id).any()]
        rep = widgets.Dropdown(options=options, value=ALL_REPS, description=i18n.t("ka.widget.rep"), style=STYLE,
                               layout=dropdown_layout(i18n.t("ka.widget.rep"), [label for label, _ in options]))
        controls: dict[str, widgets.Widget] = {"rep": rep}
        defaults = RepPolicy()
        for grade, effort in effort_by_grade(defaults).items():
            controls[f"effort_{grade}"] = widgets.IntSlider(
                value=int(effort), min=0, max=10,
                description=i18n.t("ka.widget.effort", grade=i18n.t(f"ka.grade.{grade}")), style=STYLE)
        controls["monthly_hours"] = widgets.IntSlider(value=int(defaults.monthly_hours), min=20, max=200, step=10,
                                                      description=i18n.t("ka.widget.hours"), style=STYLE)
        controls["develop_coach"] = widgets.Checkbox(value=defaults.develop_coach,
                                                     description=i18n.t("ka.widget.coach"),
                                                     style=STYLE, layout=widgets.Layout(width="auto"))
        # Percentages: a box beside each slider shows and accepts "8%", "8" or "0.08", and refuses the rest.
        controls["bid_discount"] = PercentSlider(value=defaults.bid_discount, min=0.0, max=0.3, step=0.01,
                                                 description=i18n.t("ka.widget.discount"))
        controls["drop_risk_above"] = PercentSlider(value=defaults.drop_risk_above, min=0.3, max=1.0, step=0.05,
                                                    description=i18n.t("ka.widget.risk"))
        for control in controls.values():
            if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
                control.layout = slider_layout(control.description)
        self._defaults = {name: control.value for name, control in controls.items()}
        return controls

    def _opportunities_of(self, rep: int) -> pd.DataFrame:
        if rep not in self._by_rep:
            opps = self.opportunities
            self._by_rep[rep] = opps if rep == ALL_REPS else opps[opps["rep_id"] == rep].reset_index(drop=True)
        return self._by_rep[rep]

    def _goal_of(self, rep: int) -> float | None:
        """The yearly quota of ``rep`` (of the team for all reps), fixed whatever the learner's policy;
        None when last year's run gives no basis for one (:func:`~crmsim.key_accounts.has_history`)."""
        if rep not in self._goals:
            who = None if rep == ALL_REPS else rep
            self._goals[rep] = rep_quota(self.past, who) if has_history(self.past, who) else None
        return self._goals[rep]

    @staticmethod
    def policy_of(values: dict) -> RepPolicy:
        """The rep policy the controls describe (a grade with zero effort is not pursued)."""
        return policy_from_effort({grade: values[f"effort_{grade}"] for grade in GRADES},
                                  monthly_hours=float(values["monthly_hours"]),
                                  develop_coach=bool(values["develop_coach"]),
                                  bid_discount=float(values["bid_discount"]),
                                  drop_risk_above=float(values["drop_risk_above"]))

    def compute(self, **values) -> KeyAccountView:
        view = self._view(values)
        self._reference_ceilings(view.rep)  # a new rep's axes come from its default policy: model work, done here
        return view

    def _view(self, values: dict) -> KeyAccountView:
        rep = int(values["rep"])
        run = simulate_key_accounts(self.world, self.policy_of(values), prepared=self._opportunities_of(rep),
                                    seed=self.seed, start=self.start, months=self.months)
        goal = self._goal_of(rep)
        return KeyAccountView(run=run, funnel=funnel(run), revenue=monthly_revenue(run), goal=goal,
                              summary=goal_summary(run, goal), rep=rep,
                              forecast=forecast_by_month(run, method="stage", stage_weights=self.stage_weights))

    # --- drawing: the axes once, then only the data (blitting) ------------------
    @staticmethod
    def _highs(result: KeyAccountView, months: int) -> tuple[float, float]:
        """Highest value of the forecast panel and of the revenue panel (with the goal line), CNY m."""
        forecast = max(result.forecast["forecast"].max(), result.forecast["actual"].max(), 0.0)
        goal = 0.0 if result.goal is None else result.goal * months / 12.0  # where the cumulative goal line ends
        revenue = max(result.revenue["cumulative_revenue"].max(), result.revenue["revenue"].max(), goal, 0.0)
        return float(forecast), float(revenue)

    def _reference_ceilings(self, rep: int) -> tuple[float, float]:
        """Y ceilings of the forecast and revenue panels for ``rep``: a quarter above
        what the default policy gives, rounded up to a nice number (at least CNY 1 m)."""
        if rep not in self._references:
            default = self._view({**self._defaults, "rep": rep})
            self._references[rep] = tuple(nice_ceiling(max(1.25 * high, 1.0))
                                          for high in self._highs(default, self.months))
        return self._references[rep]

    def forecast_limits(self, result: KeyAccountView) -> tuple[float, float]:
        """Y range of the forecast panel, CNY m.

        From 0 to the rep's reference ceiling (the default policy's data plus
        a quarter, rounded up), so that most changes of policy keep the axes
        and redraw only the data; when the data leave that range, to a nice
        ceiling just above them. A function of the rep and the result only:
        the same setting always gives the same picture.
        """
        return (0.0, fixed_or_fresh(self._reference_ceilings(result.rep)[0], self._highs(result, self.months)[0]))

    def revenue_limits(self, result: KeyAccountView) -> tuple[float, float]:
        """Y range of the revenue panel, CNY m (above the cumulative revenue and the goal line);
        chosen like :meth:`forecast_limits`."""
        return (0.0, fixed_or_fresh(self._reference_ceilings(result.rep)[1], self._highs(result, self.months)[1]))

    def background_key(self, result: KeyAccountView):
        """What the titles and x axes depend on; the data, the y axes (whose ranges follow the rep and
        the data) and the legends (with or without a goal) are redrawn on top."""
        return (i18n.get_language(), tuple(result.funnel.index), tuple(result.forecast["month"]),
                tuple(result.revenue["month"]))

    def draw(self, result: KeyAccountView, figure: Figure) -> None:
        # Fixed margins (the base figure has no layout engine): the three panels never change shape. On the
        # right, room for the revenue legend, a little wider than its panel in English.
        funnel_ax, forecast_ax, revenue_ax = figure.subplots(1, 3, gridspec_kw={
            "left": 0.01, "right": 0.98, "bottom": 0.12, "top": 0.85, "wspace": 0.2})
        plot_funnel(result.funnel, ax=funnel_ax, animated=True)
        # In line with the titles the legends of the other two panels lift.
        funnel_ax.set_title(funnel_ax.get_title(), y=1.0, pad=title_pad_over_legend(fontsize=PANEL_LEGEND_POINTS))
        plot_forecast(result.forecast, ax=forecast_ax, show_pipeline=False, animated=True,
                      ylim=self.forecast_limits(result))
        plot_monthly_revenue(result.revenue, yearly_goal=result.goal, ax=revenue_ax, animated=True,
                             ylim=self.revenue_limits(result))

    def update_artists(self, result: KeyAccountView, figure: Figure) -> list:
        funnel_ax, forecast_ax, revenue_ax = figure.axes
        return snapshots_first(
            update_funnel(funnel_ax, result.funnel)
            + update_forecast(forecast_ax, result.forecast, ylim=self.forecast_limits(result))
            + update_monthly_revenue(revenue_ax, result.revenue, yearly_goal=result.goal,
                                     ylim=self.revenue_limits(result)))

    def summarise(self, result: KeyAccountView) -> str:
        if result.summary["leads"] == 0:
            return i18n.t("ka.widget.empty")
        if result.goal is None:
            return i18n.t("ka.widget.summary_no_goal", **result.summary)
        return i18n.t("ka.widget.summary", **result.summary)
