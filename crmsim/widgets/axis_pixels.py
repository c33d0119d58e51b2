"""Axes whose range follows the data, on a blitted dashboard, without a whole-figure redraw.

A blitted dashboard (:class:`crmsim.widgets.Dashboard` with ``background_key``)
redraws only its animated artists on a saved background; an axis range that
changes would make it redraw everything (300-500 ms). Instead, a dashboard
marks such an :class:`~matplotlib.axis.Axis` animated, so that it is not in
the background, and draws it with :class:`AxisPixels` from its
``update_artists``: the tick marks, tick labels and axis label are rendered
once per range and label (their text costs tens of milliseconds) and pasted
back from a pixel cache while they stay the same.
"""

from __future__ import annotations

import weakref

from matplotlib.axis import Axis, XAxis
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

#: Width in points of the strip along the axes' edge kept with an axis: its tick marks (3.5 pt), with room.
TICK_STRIP_POINTS = 8.0


class AxisPixels:
    """Draw animated axes on a blitted figure, from a pixel cache while their range and label stay put.

    Call :meth:`draw` from ``update_artists``, after the background was
    restored and before the data are drawn (the region kept must hold only
    the background and the axis), and do not return the axes as artists.
    """

    def __init__(self) -> None:
        self._regions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @staticmethod
    def _key(axis: Axis, figure: Figure) -> tuple:
        return (tuple(float(v) for v in axis.get_view_interval()), axis.get_scale(), axis.label.get_text(),
                figure.canvas, figure.dpi)

    def draw(self, figure: Figure, *axes: Axis) -> None:
        """Draw each axis on ``figure``'s canvas: from the cache when its key is the one kept."""
        canvas = figure.canvas
        for axis in axes:
            key = self._key(axis, figure)
            kept = self._regions.get(axis)
            if kept is not None and kept[0] == key:
                canvas.restore_region(kept[1])
                continue
            figure.draw_artist(axis)
            self._regions[axis] = (key, canvas.copy_from_bbox(self._extent(axis, figure)))

    @staticmethod
    def _extent(axis: Axis, figure: Figure) -> Bbox:
        """Where ``axis`` draws: its labels (tight box) and the strip of tick marks along the axes."""
        box = axis.axes.bbox
        strip = TICK_STRIP_POINTS * figure.dpi / 72
        if isinstance(axis, XAxis):  # ticks under the bottom edge
            ticks = Bbox([[box.x0 - 2, box.y0 - strip], [box.x1 + 2, box.y0 + 1]])
        else:  # ticks left of the left edge
            ticks = Bbox([[box.x0 - strip, box.y0 - 2], [box.x0 + 1, box.y1 + 2]])
        tight = axis.get_tightbbox(figure.canvas.get_renderer())
        whole = ticks if tight is None else Bbox.union([ticks, tight.expanded(1.0, 1.0).padded(2)])
        return Bbox.intersection(whole, figure.bbox) or whole
