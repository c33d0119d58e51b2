"""Dashboard of notebook 06: split a prospecting budget over the development methods and see
leads, customers won, the cost per customer won and their first-year value."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from .. import i18n
from ..development import (METHODS, DevelopmentRun, ProspectingPolicy, by_method, prepare_development,
                           simulate_development)
from ..plots.blitting import x_axis_snapshot
from ..plots.development import TITLE_PAD_BESIDE_COSTS, plot_costs, plot_won, update_costs, update_won
from ..plots.ranges import sticky_top
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, make_world
from . import STYLE, Dashboard, slider_layout, text_width_em


@dataclass(frozen=True)
class DevelopmentResult:
    """What the dashboard computed for one setting of its controls."""

    policy: ProspectingPolicy
    run: DevelopmentRun
    methods: pd.DataFrame


class DevelopmentDashboard(Dashboard):
    """Split a prospecting budget over the ten development methods.

    One slider sets the budget, one per method its weight (all zero means
    equal weights). The campaign's draws are made once
    (:func:`~crmsim.development.prepare_development`), so a change only reads
    more or fewer of them: the left panel (customers won per method) keeps
    its range while the bars fit it, the right one (cost per contact and per
    customer won, log scale) has a fixed range, and only the bars are redrawn.
    When the bars outgrow the left panel's range (or shrink to a small part
    of it), its x axis is drawn anew with the bars, from a snapshot
    (:mod:`crmsim.plots.blitting`), never the whole figure.

    Parameters
    ----------
    world : World, optional
        Default ``make_world(seed=seed, n_customers=n_customers)``.
    seed : int, SeedSequence or Generator
    months : int
        Campaign length (default 12, a year's plan).
    n_customers : int
        Size of the world built when ``world`` is not given (1,500, the lessons' world).
    """

    css_class = "crmsim-development-dashboard"
    figsize = (11.0, 4.4)
    #: Room of a method slider besides its description, em: a usable track (10 em) and the readout (4 em).
    METHOD_TRACK_EM = 14.0

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, months: int = 12,
                 n_customers: int = 1_500) -> None:
        self.months = check_int("months", months, 1, 36)
        self.world = make_world(seed=seed, n_customers=n_customers) if world is None else world
        self.prepared = prepare_development(self.world, months=self.months, seed=seed)
        self._xmax: float | None = None
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        budget = i18n.t("dev.widget.budget")
        controls: dict[str, widgets.Widget] = {
            "budget": widgets.IntSlider(value=1_000, min=0, max=5_000, step=100, readout_format=",d",
                                        description=budget, style=STYLE, layout=slider_layout(budget))}
        # The method sliders fill the cells of a grid (layout_controls): one description width for all,
        # that of the longest label in the current language, so that their tracks line up in columns.
        labels = {method: i18n.t(f"dev.method.{method}") for method in METHODS}
        style = {"description_width": f"{self._label_em(labels.values()):.1f}em"}
        for method, label in labels.items():
            controls[method] = widgets.FloatSlider(value=1.0, min=0.0, max=5.0, step=0.5, description=label,
                                                   style=style, layout=widgets.Layout(width="100%"))
        for name, control in controls.items():
            control.add_class(f"crmsim-dev-{name.replace('_', '-')}")
        return controls

    @staticmethod
    def _label_em(labels) -> float:
        """Width of the method sliders' descriptions: the longest label, with 1 em of room."""
        return max(map(text_width_em, labels)) + 1.0

    def layout_controls(self) -> widgets.Widget:
        """The budget on its own row, then the ten method weights in a grid of equal cells: as many
        columns as the page's width allows (two in English, three in Chinese at 1024 px), every row
        full but the last, instead of ragged wrapped rows."""
        c = self.controls
        cell = self._label_em(c[m].description for m in METHODS) + self.METHOD_TRACK_EM
        grid = widgets.GridBox([c[m] for m in METHODS], layout=widgets.Layout(
            grid_template_columns=f"repeat(auto-fill, minmax({cell:.1f}em, 1fr))", grid_gap="2px 1.5em",
            width="100%"))
        grid.add_class("crmsim-dev-methods")
        return widgets.VBox([c["budget"], grid])

    def compute(self, budget: int, **weights: float) -> DevelopmentResult:
        policy = ProspectingPolicy(budget=1000.0 * budget, shares=tuple(weights[m] for m in METHODS))
        run = simulate_development(self.world, policy, months=self.months, prepared=self.prepared)
        return DevelopmentResult(policy=policy, run=run, methods=by_method(run))

    def _won_top(self, result: DevelopmentResult) -> float:
        self._xmax = sticky_top(self._xmax, float(result.methods["acquired"].max()))
        return self._xmax

    def background_key(self, result: DevelopmentResult) -> Hashable:
        """Nothing in the background depends on the result: the one axis whose range does (customers won)
        is drawn with the bars, so a change of budget or weights never redraws the whole figure."""
        return "static"

    def draw(self, result: DevelopmentResult, figure: Figure) -> None:
        won, costs = figure.subplots(1, 2, gridspec_kw=dict(left=0.16, right=0.99, bottom=0.13, top=0.88,
                                                            wspace=0.55))
        plot_won(result.methods, ax=won, xmax=self._won_top(result), animated=True, title_pad=TITLE_PAD_BESIDE_COSTS)
        won.xaxis.set_animated(True)  # its range follows the bars: drawn with them, not into the background
        plot_costs(result.methods, ax=costs, animated=True)

    def update_artists(self, result: DevelopmentResult, figure: Figure) -> list[Artist]:
        """The snapshot of the customers-won axis in its (sticky) range first, then the new bars."""
        won, costs = figure.axes
        won.set_xlim(0, self._won_top(result))
        return [x_axis_snapshot(won), *update_won(won, result.methods), *update_costs(costs, result.methods)]

    def summarise(self, result: DevelopmentResult) -> str:
        m = result.methods
        acquired = int(m["acquired"].sum())
        spend = float(m["spend"].sum())
        return i18n.t("dev.widget.summary", acquired=acquired, leads=int(m["leads"].sum()), spend=spend / 1000,
                      budget=result.policy.budget / 1000, cpa=spend / acquired if acquired else float("nan"),
                      value=float(m["first_year_value"].sum()) / 1e6)


__all__ = ["DevelopmentDashboard", "DevelopmentResult"]
