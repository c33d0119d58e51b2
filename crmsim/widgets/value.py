"""Dashboard of notebook 01: ABC analysis of a segment, with adjustable thresholds."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..plots.value import plot_pareto, plot_size_vs_value
from ..seeding import SeedLike
from ..value import VALUE_MEASURES, abc_classes, abc_summary, customer_value
from ..world import World, check_world, make_world
from . import STYLE, Dashboard, dropdown_layout, slider_layout


@dataclass(frozen=True)
class ValueSelection:
    """What the dashboard computed for one setting of its controls."""

    customers: pd.DataFrame
    values: pd.DataFrame
    abc: pd.DataFrame
    summary: pd.DataFrame
    measure: str


class CustomerValueDashboard(Dashboard):
    """Pick a segment, a value measure and the A/B thresholds; see the Pareto
    curve and where the segment's customers sit by size and value.

    Parameters
    ----------
    world : World, optional
        The world to analyse; customer values are computed once, here.
        Default: a world of ``n_customers`` from ``seed``.
    seed : int, SeedSequence or Generator
        Seed of the default world (ignored when ``world`` is given).
    n_customers : int
        Size of the default world: 300, a class-size market that redraws at once.
    """

    css_class = "crmsim-value-dashboard"
    figsize = (10.0, 4.0)
    #: The smallest gap between the A and the B threshold (one percentage point).
    threshold_gap = 0.01

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, n_customers: int = 300) -> None:
        self.world = make_world(seed=seed, n_customers=n_customers) if world is None else check_world(world)
        self.customer_values = customer_value(self.world)
        super().__init__()

    def build_controls(self) -> dict[str, widgets.Widget]:
        segments = [(i18n.t("widget.value.all"), "all")] + [
            (i18n.t(f"segment.{code}"), code) for code in self.world.customers["segment"].cat.categories
            if (self.world.customers["segment"] == code).any()]
        segment = widgets.Dropdown(options=segments, value="all", description=i18n.t("widget.value.segment"),
                                   style=STYLE, layout=dropdown_layout(i18n.t("widget.value.segment"),
                                                                        [label for label, _ in segments]))
        segment.add_class("crmsim-segment")
        measures = [(i18n.t(f"value.{m}"), m) for m in VALUE_MEASURES]
        measure = widgets.Dropdown(options=measures, value="historical_value",
                                   description=i18n.t("widget.value.measure"), style=STYLE,
                                   layout=dropdown_layout(i18n.t("widget.value.measure"),
                                                           [label for label, _ in measures]))
        measure.add_class("crmsim-measure")
        a = widgets.FloatSlider(value=0.8, min=0.5, max=0.9, step=0.05, description=i18n.t("widget.value.a"),
                                readout_format=".0%", style=STYLE,
                                layout=slider_layout(i18n.t("widget.value.a")))
        b = widgets.FloatSlider(value=0.95, min=0.55, max=1.0, step=0.01, description=i18n.t("widget.value.b"),
                                readout_format=".0%", style=STYLE,
                                layout=slider_layout(i18n.t("widget.value.b")))
        # B can never be set below A: the control's minimum follows A (set before B's value
        # is read, so the model never sees thresholds out of order).
        b.min = a.value + self.threshold_gap
        a.observe(lambda change: setattr(b, "min", change["new"] + self.threshold_gap), names="value")
        return {"segment": segment, "measure": measure, "a": a, "b": b}

    def compute(self, segment: str, measure: str, a: float, b: float) -> ValueSelection:
        mask = (self.world.customers["segment"] == segment).to_numpy() if segment != "all" else slice(None)
        customers = self.world.customers[mask]
        values = self.customer_values[mask]
        abc = abc_classes(values, measure=measure, thresholds=(a, b))
        return ValueSelection(customers, values, abc, abc_summary(abc), measure)

    def draw(self, result: ValueSelection, figure: Figure) -> None:
        left, right = figure.subplots(1, 2)
        figure.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.92, wspace=0.3)
        plot_pareto(result.abc, ax=left)
        plot_size_vs_value(result.customers, result.values, result.measure, ax=right)

    def summarise(self, result: ValueSelection) -> str:
        s = result.summary
        n = int(s["customers"].sum())
        if n == 0:
            return i18n.t("widget.value.empty")
        return i18n.t("widget.value.summary", n=n, a=int(s.loc["A", "customers"]), b=int(s.loc["B", "customers"]),
                      c=int(s.loc["C", "customers"]), a_share=s.loc["A", "value_share"],
                      b_share=s.loc["B", "value_share"], c_share=s.loc["C", "value_share"])
