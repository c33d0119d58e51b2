"""Interactive dashboards: ipywidgets controls wired to a model and a plot.

A dashboard owns no business logic. Subclasses say which controls they have
(:meth:`Dashboard.build_controls`), how to compute a result from the control
values by calling crmsim models (:meth:`Dashboard.compute`), how to draw it
with crmsim plot functions (:meth:`Dashboard.draw`) and how to summarise it
in one line (:meth:`Dashboard.summarise`). Dashboards that must redraw fast
also say what their static background depends on
(:meth:`Dashboard.background_key`) and how to update their data artists
(:meth:`Dashboard.update_artists`): then a change redraws only the data.

The figure is shown as a PNG in an ``ipywidgets.Image`` rather than through an
``Output`` widget: updates then send no stdout or clear-output messages, the
notebook stays reproducible under nbval, and pytest can drive a dashboard
without a kernel (set ``dashboard.controls[name].value`` and read
``dashboard.result``, ``dashboard.summary.value`` or ``dashboard.png``).
"""

from __future__ import annotations

import math
import re
import struct
import time
import unicodedata
import zlib
from collections.abc import Hashable
from typing import Any

import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .. import i18n
from ..fonts import cjk_fonts


# --- control sizes: whole descriptions and usable tracks at 1024x768, in both languages -----------
def text_width_em(text: str) -> float:
    """Rough width of ``text`` in em: a CJK glyph is 1 em, a Latin one about 0.6 em."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def dropdown_layout(description: str, labels) -> widgets.Layout:
    """A dropdown wide enough for its description and its longest option, in either language
    (ipywidgets' default 300 px cuts long options); 4 em leave room for the padding, the arrow and
    glyphs wider than the estimate."""
    return widgets.Layout(width=f"{text_width_em(description) + max(map(text_width_em, labels)) + 4:.1f}em")


def slider_layout(description: str) -> widgets.Layout:
    """A slider as wide as its whole description plus a usable track (10 em, about 130 px) and its
    readout (6 em): ipywidgets' fixed 300 px squeezes the track to a few pixels under a long
    description. Never narrower than that default, so short sliders keep their usual size."""
    return widgets.Layout(width=f"{text_width_em(description) + 16:.1f}em", min_width="300px")


#: Controls show their whole description, in both languages.
STYLE = {"description_width": "initial"}

#: Text of the controls and the summary on a wide screen (a projector at 1920x1080): ipywidgets' 13 px
#: are read from the back of a room at about a third of the figure's text size. The widths of the controls
#: are set in em (see :func:`slider_layout`), so they grow with the text and stay whole.
WIDE_SCREEN_CSS = """<style>
@media (min-width: 1600px) {
  .crmsim-dashboard { --jp-widgets-font-size: 17px; --jp-widgets-inline-height: 34px; font-size: 17px; }
  .crmsim-dashboard .crmsim-summary { font-size: 18px; }
}
</style>"""


# --- percentages: typed as people type them, refused visibly when they can't be read ---------------
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_percent(text: str) -> float | None:
    """Read a typed percentage as a fraction, or ``None`` when it is not one.

    Accepted: ``"80"``, ``"80%"``, ``"80 %"``, ``"82.5"``, ``"0.8"`` and
    ``"0,8"`` (a number with a decimal mark and at most 1 is read as a
    fraction: nobody types 0.8 meaning 0.8 %), full-width digits and signs
    (``"８０％"``, from a Chinese input method). Everything else, e.g.
    ``"abc"``, ``"80%%"``, ``"8 0"`` or an empty box, is ``None``.
    """
    if not isinstance(text, str):
        return None
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned[:-1].rstrip() + "%" if cleaned.endswith("%") else cleaned
    has_percent_sign = cleaned.endswith("%")
    if has_percent_sign:
        cleaned = cleaned[:-1]
    if not _NUMBER.match(cleaned):
        return None
    number = float(cleaned.replace(",", "."))
    if not math.isfinite(number):
        return None
    has_decimal_mark = "." in cleaned or "," in cleaned
    if not has_percent_sign and has_decimal_mark and abs(number) <= 1:
        return number
    return number / 100


def format_percent(fraction: float, decimals: int = 0) -> str:
    """``0.8`` -> ``"80%"``; the form the percentage box shows."""
    return f"{fraction * 100:.{decimals}f}%"


class PercentSlider(widgets.HBox):
    """A slider of a fraction shown as a percentage, with a box to type it in.

    ipywidgets' own slider readout reads ``"60%"`` or ``"85"`` as 60 or 85
    and silently clamps them to the maximum, and ``"0,85"`` as 0. Here the
    slider has no readout; beside it a text box shows the percentage and
    accepts what :func:`parse_percent` reads. A value it can't read, or one
    outside the slider's range, is refused visibly: the box turns red
    (CSS class ``crmsim-invalid``), a message says what is allowed, and the
    value does not change.

    It behaves like a slider for the dashboards: ``value``, ``min``, ``max``,
    ``step``, ``description`` and ``observe(..., names="value")``.

    Parameters
    ----------
    value, min, max, step : float
        As for ``ipywidgets.FloatSlider``, as fractions (0.8 is 80 %).
    description : str
    decimals : int
        Decimals the box shows (0: ``80%``).
    """

    value = traitlets.Float()

    def __init__(self, *, value: float, min: float, max: float, step: float, description: str,
                 decimals: int = 0) -> None:
        self.decimals = decimals
        self.slider = widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                                          readout=False, style=STYLE, layout=slider_layout(description))
        self.text = widgets.Text(value=format_percent(self.slider.value, decimals), continuous_update=False,
                                 layout=widgets.Layout(width="5.5em"))
        self.text.add_class("crmsim-percent-text")
        self.message = widgets.HTML(layout=widgets.Layout(display="none"))
        self.message.add_class("crmsim-input-message")
        super().__init__([self.slider, self.text, self.message],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.add_class("crmsim-percent")
        self.value = self.slider.value
        traitlets.link((self.slider, "value"), (self, "value"))
        self.slider.observe(self._show, names="value")
        self.text.observe(self._typed, names="value")

    # the slider's range and description, as on a slider
    min = property(lambda self: self.slider.min, lambda self, v: setattr(self.slider, "min", v))
    max = property(lambda self: self.slider.max, lambda self, v: setattr(self.slider, "max", v))
    step = property(lambda self: self.slider.step, lambda self, v: setattr(self.slider, "step", v))
    description = property(lambda self: self.slider.description,
                            lambda self, v: setattr(self.slider, "description", v))

    @property
    def error(self) -> str:
        """The message shown for refused input, or ``""``."""
        return self.message.value if self.message.layout.display != "none" else ""

    def _show(self, change: dict) -> None:
        self._clear_error()
        self.text.value = format_percent(change["new"], self.decimals)

    def _typed(self, change: dict) -> None:
        typed = change["new"]
        if typed == format_percent(self.slider.value, self.decimals):
            self._clear_error()
            return
        fraction = parse_percent(typed)
        if fraction is None:
            self._refuse(i18n.t("widget.percent.unreadable", text=typed))
            return
        if not self.slider.min - 1e-9 <= fraction <= self.slider.max + 1e-9:
            self._refuse(i18n.t("widget.percent.range", text=typed,
                                low=format_percent(self.slider.min, self.decimals),
                                high=format_percent(self.slider.max, self.decimals)))
            return
        self._clear_error()
        # Onto the slider's steps, as the browser's slider would snap it (and send it back: two redraws).
        step = self.slider.step
        if step:
            fraction = self.slider.min + round((fraction - self.slider.min) / step) * step
            fraction = round(fraction, 10)
        fraction = float(np.clip(fraction, self.slider.min, self.slider.max))
        if fraction == self.slider.value:  # e.g. "80" when 80% is shown: just tidy the box
            self.text.value = format_percent(fraction, self.decimals)
        else:
            self.slider.value = fraction

    def _refuse(self, message: str) -> None:
        # The message first, the red mark last: the page receives them in this order.
        self.message.value = f'<span style="color:#b00020">{message}</span>'
        self.message.layout.display = "flex"  # an HTML widget's own display
        self.text.add_class("crmsim-invalid")

    def _clear_error(self) -> None:
        self.text.remove_class("crmsim-invalid")
        self.message.value = ""
        self.message.layout.display = "none"


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
        self.figure = Figure(figsize=self.figsize, dpi=self.dpi)
        self.timings: dict[str, float] = {}
        self.result: Any = None
        self._canvas: FigureCanvasAgg | None = None
        self._background = None
        self._background_key: Hashable | None = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        style = widgets.HTML(WIDE_SCREEN_CSS, layout=widgets.Layout(display="none"))  # applies, takes no room
        self.widget = widgets.VBox([self.layout_controls(), self.summary, self.image, style])
        self.widget.add_class("crmsim-dashboard")  # every dashboard, for its style
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

    # --- optional: redraw only the data ----------------------------------------
    def background_key(self, result: Any) -> Hashable | None:
        """What the static part of the figure (axes, ticks, labels, titles) depends on.

        Return ``None`` (the default) to draw the whole figure on every
        change. Return a value, e.g. the axis limits the result needs, to
        opt in to blitting: the figure is drawn in full only when the value
        changes; otherwise the saved background is restored and only the
        artists from :meth:`update_artists` are drawn on it, which skips
        the costly text and tick rendering. Data artists must then be
        created with ``animated=True`` in :meth:`draw`.

        It is called once per redraw, before :meth:`draw`, with the result
        about to be shown. The current language is added to the key by the
        base class.
        """
        return None

    def prepare_snapshots(self, result: Any, figure: Figure) -> None:
        """Draw animated parts ahead into their snapshots (:meth:`crmsim.plots.blitting.Snapshot.prepare`).

        Called right after each whole-figure draw, while the canvas shows the
        background alone, before :meth:`update_artists`: the place to draw an
        axis in the ranges a learner will reach, so that their first visit is
        a copy too. Default: nothing.
        """

    def update_artists(self, result: Any, figure: Figure) -> list[Artist]:
        """Put ``result`` into the animated data artists; return them in drawing order.

        Called after every full draw and on every blitted redraw; needed
        only when :meth:`background_key` returns a value.
        """
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
        with cjk_fonts():  # every text of the figure is made and drawn here
            self._redraw_figure()
        self.image.value = self.render_png()
        self.summary.value = self.summarise(self.result)
        self.timings["redraw_ms"] = (time.perf_counter() - started) * 1000

    def _redraw_figure(self) -> None:
        key = self.background_key(self.result)
        if key is not None:
            key = (i18n.get_language(), key)  # titles and labels are part of the background
        if key is None or key != self._background_key or self._canvas is None:
            self.figure.clear()
            self.draw(self.result, self.figure)
            self._canvas = FigureCanvasAgg(self.figure)
            self._canvas.draw()  # skips animated artists: they are drawn below
            self._background = self._canvas.copy_from_bbox(self.figure.bbox) if key is not None else None
            self._background_key = key
            if key is not None:
                self.prepare_snapshots(self.result, self.figure)
        else:
            self._canvas.restore_region(self._background)
        if key is not None:
            for artist in self.update_artists(self.result, self.figure):
                self.figure.draw_artist(artist)

    def render_png(self) -> bytes:
        """Encode what the canvas shows as PNG, the same pixels, quickly.

        Faster than ``savefig`` (no second draw, no format dispatch) and about
        twice as fast as Pillow's encoder, which tries all five PNG row filters
        on every row: here the rows go unfiltered into zlib's quickest level.
        On flat chart colours that compresses as well (the PNG is shown on
        screen, not archived). An opaque figure, the usual case, is written as
        RGB, a quarter less data to compress and send; one with transparent
        pixels keeps its alpha channel.
        """
        def chunk(kind: bytes, data: bytes) -> bytes:  # length, type, data, CRC of type and data
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        rgba = np.asarray(self._canvas.buffer_rgba())
        height, width, _ = rgba.shape
        opaque = bool(rgba[:, :, 3].min() == 255)
        pixels = rgba[:, :, :3] if opaque else rgba
        rows = np.empty((height, 1 + width * pixels.shape[2]), dtype=np.uint8)
        rows[:, 0] = 0  # each row starts with its filter type: 0, none
        rows[:, 1:] = pixels.reshape(height, -1)
        header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)  # 8 bits, RGB or RGBA
        return b"".join((b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header),
                         chunk(b"IDAT", zlib.compress(rows, 1)), chunk(b"IEND", b"")))

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
