"""Interactive dashboards: ipywidgets controls wired to a model and a plot.

A dashboard owns no business logic. Subclasses say which controls they have
(:meth:`Dashboard.build_controls`), how to compute a result from the control
values by calling crmsim models (:meth:`Dashboard.compute`), how to draw it
with crmsim plot functions (:meth:`Dashboard.draw`) and how to summarise it
in one line (:meth:`Dashboard.summarise`).

The figure is shown as a PNG in an ``ipywidgets.Image`` rather than through an
``Output`` widget: updates then send no stdout or clear-output messages, the
notebook stays reproducible under nbval, and pytest can drive a dashboard
without a kernel (set ``dashboard.controls[name].value`` and read
``dashboard.result``, ``dashboard.summary.value`` or ``dashboard.png``).
"""

from __future__ import annotations

import io
import time
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from .. import plots  # noqa: F401  (registers the CJK font)


class Dashboard:
    """Base class of every crmsim dashboard.

    Attributes
    ----------
    controls : dict of str -> ipywidgets.Widget
        The learner's inputs, by name.
    result : object
        What :meth:`compute` returned for the current control values.
    summary : ipywidgets.HTML
        One line describing the result (CSS class ``crmsim-summary``).
    image : ipywidgets.Image
        The figure as PNG.
    timings : dict
        Milliseconds of the last recompute (``update_ms``) and redraw (``redraw_ms``).
    """

    #: Figure size in inches; subclasses may change it.
    figsize: tuple[float, float] = (9.0, 4.0)
    #: Resolution of the PNG shown.
    dpi: int = 90
    #: CSS class of the outer box, for browser tests.
    css_class: str = "crmsim-dashboard"

    def __init__(self) -> None:
        self.controls: dict[str, widgets.Widget] = self.build_controls()
        self.summary = widgets.HTML()
        self.summary.add_class("crmsim-summary")
        self.image = widgets.Image(format="png")
        # No layout engine: with one, every savefig draws the figure twice.
        # Subclasses place their axes with figure.subplots_adjust(...).
        self.figure = Figure(figsize=self.figsize)
        self.timings: dict[str, float] = {}
        self.result: Any = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([self.layout_controls(), self.summary, self.image])
        self.widget.add_class(self.css_class)
        self.update()

    # --- to implement ---------------------------------------------------------
    def build_controls(self) -> dict[str, widgets.Widget]:
        """Create the controls, with descriptions from :func:`crmsim.t`."""
        raise NotImplementedError

    def compute(self, **values: Any) -> Any:
        """Run the model and analysis for these control values."""
        raise NotImplementedError

    def draw(self, result: Any, figure: Figure) -> None:
        """Draw ``result`` on the (cleared) ``figure``."""
        raise NotImplementedError

    def summarise(self, result: Any) -> str:
        """One line of HTML about ``result``."""
        raise NotImplementedError

    # --- shared machinery -----------------------------------------------------
    def layout_controls(self) -> widgets.Widget:
        """Arrange the controls; default: in a wrapping row."""
        return widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))

    @property
    def values(self) -> dict[str, Any]:
        """Current control values by name."""
        return {name: control.value for name, control in self.controls.items()}

    def recompute(self) -> None:
        """Recompute the result from the controls (model and analysis only)."""
        started = time.perf_counter()
        self.result = self.compute(**self.values)
        self.timings["update_ms"] = (time.perf_counter() - started) * 1000

    def redraw(self) -> None:
        """Redraw the figure and the summary from the current result."""
        started = time.perf_counter()
        self.figure.clear()
        self.draw(self.result, self.figure)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.dpi)
        self.image.value = buffer.getvalue()
        self.summary.value = self.summarise(self.result)
        self.timings["redraw_ms"] = (time.perf_counter() - started) * 1000

    def update(self) -> None:
        """Recompute and redraw."""
        self.recompute()
        self.redraw()

    @property
    def png(self) -> bytes:
        """The PNG bytes currently shown."""
        return bytes(self.image.value)

    def _on_change(self, _change: dict) -> None:
        self.update()

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)
