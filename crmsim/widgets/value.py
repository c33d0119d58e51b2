"""Dashboard of notebook 01: ABC analysis of a segment, with adjustable thresholds."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import i18n
from ..plots.blitting import snapshots_first, y_axis_snapshot
from ..plots.value import pareto_top, plot_pareto, plot_size_vs_value, size_value_limits, size_value_ylabel, \
    update_pareto, update_size_vs_value
from ..seeding import SeedLike
from ..value import VALUE_MEASURES, abc_classes, abc_summary, customer_value
from ..world import World, check_world, make_world
from . import STYLE, Dashboard, PercentSlider, dropdown_layout


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

    The redraw is light: titles, the size axis and the legends are rendered
    once into a background, and a change redraws only the data and the two
    value axes (from a pixel cache while their range stays). The map keeps
    the axes of the whole market for each measure, so picking a segment
    moves the points, not the axes, and segments can be compared by eye.

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
    figsize = (10.0, 4.3)
    #: The smallest gap between the A and the B threshold (one percentage point).
    threshold_gap = 0.01

    def __init__(self, world: World | None = None, *, seed: SeedLike = 0, n_customers: int = 300) -> None:
        self.world = make_world(seed=seed, n_customers=n_customers) if world is None else check_world(world)
        self.customer_values = customer_value(self.world)
        self._limits: dict[str, tuple] = {}
        self._pareto_tops = self._every_pareto_top()
        super().__init__()

    def _segment_codes(self) -> list[str]:
        segment = self.world.customers["segment"]
        return ["all"] + [code for code in segment.cat.categories if (segment == code).any()]

    def _segment_mask(self, segment: str):
        return (self.world.customers["segment"] == segment).to_numpy() if segment != "all" else slice(None)

    def _every_pareto_top(self) -> list[float]:
        """The Pareto axis tops of every segment and measure (the curve does not depend on the thresholds)."""
        return sorted({pareto_top(abc_classes(self.customer_values[self._segment_mask(segment)], measure=measure))
                       for segment in self._segment_codes() for measure in VALUE_MEASURES})

    def build_controls(self) -> dict[str, widgets.Widget]:
        segments = [(i18n.t("widget.value.all") if code == "all" else i18n.t(f"segment.{code}"), code)
                    for code in self._segment_codes()]
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
        a = PercentSlider(value=0.8, min=0.5, max=0.9, step=0.05, description=i18n.t("widget.value.a"))
        b = PercentSlider(value=0.95, min=0.55, max=1.0, step=0.01, description=i18n.t("widget.value.b"))
        # B can never be set below A: the control's minimum follows A (set before B's value
        # is read, so the model never sees thresholds out of order), and B's box refuses less.
        b.min = a.value + self.threshold_gap
        a.observe(lambda change: setattr(b, "min", round(change["new"] + self.threshold_gap, 6)), names="value")
        a.add_class("crmsim-threshold-a")
        b.add_class("crmsim-threshold-b")
        return {"segment": segment, "measure": measure, "a": a, "b": b}

    def compute(self, segment: str, measure: str, a: float, b: float) -> ValueSelection:
        mask = self._segment_mask(segment)
        customers = self.world.customers[mask]
        values = self.customer_values[mask]
        abc = abc_classes(values, measure=measure, thresholds=(a, b))
        return ValueSelection(customers, values, abc, abc_summary(abc), measure)

    def limits(self, measure: str):
        """Limits of the size-value map: those of the whole market for ``measure``, whatever the segment."""
        if measure not in self._limits:
            self._limits[measure] = size_value_limits(self.world.customers, self.customer_values, measure)
        return self._limits[measure]

    def draw(self, result: ValueSelection, figure: Figure) -> None:
        left, right = figure.subplots(1, 2)
        # Room at the bottom for the legends, under the axes where they hide no data.
        figure.subplots_adjust(left=0.075, right=0.98, bottom=0.25, top=0.92, wspace=0.3)
        plot_pareto(result.abc, ax=left, animated=True)
        plot_size_vs_value(result.customers, result.values, result.measure, ax=right,
                           limits=self.limits(result.measure), animated=True)
        for ax in (left, right):
            ax.yaxis.set_animated(True)  # the value axes follow the data: drawn with it, not into the background

    # --- light redraw ------------------------------------------------------------
    def background_key(self, result: ValueSelection) -> str:
        """Nothing in the background depends on the result (the axes that do are drawn with the data)."""
        return "static"

    def update_artists(self, result: ValueSelection, figure: Figure) -> list:
        """New data and ranges; the snapshots of the two value axes (in their new ranges) first, then the data."""
        left, right = figure.axes[:2]
        artists = update_pareto(left, result.abc) + update_size_vs_value(
            right, result.customers, result.values, result.measure, self.limits(result.measure))
        return snapshots_first([y_axis_snapshot(left), y_axis_snapshot(right), *artists])

    def prepare_snapshots(self, result: ValueSelection, figure: Figure) -> None:
        """Draw the value axes in every range and label the controls can reach (a few Pareto tops, four
        measures) into their snapshots, so that even the first visit to one redraws quickly; update_artists
        then sets the current ranges."""
        left, right = figure.axes[:2]
        renderer = figure.canvas.get_renderer()
        for top in self._pareto_tops:
            left.set_ylim(0.0, top)
            y_axis_snapshot(left).prepare(renderer)
        for measure in VALUE_MEASURES:
            right.set_ylim(*self.limits(measure)[1])
            right.set_ylabel(size_value_ylabel(measure))
            y_axis_snapshot(right).prepare(renderer)

    def summarise(self, result: ValueSelection) -> str:
        s = result.summary
        n = int(s["customers"].sum())
        if n == 0:
            return i18n.t("widget.value.empty")
        return i18n.t("widget.value.summary", n=n, a=int(s.loc["A", "customers"]), b=int(s.loc["B", "customers"]),
                      c=int(s.loc["C", "customers"]), a_share=s.loc["A", "value_share"],
                      b_share=s.loc["B", "value_share"], c_share=s.loc["C", "value_share"])
