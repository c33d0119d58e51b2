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
#: Renderings kept per axis (a few kilobytes each): a learner going back to a range sees it at once.
KEPT_PER_AXIS = 16


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
        """Draw each axis on ``figure``'s canvas: from the cache when it was drawn so before."""
        canvas = figure.canvas
        for axis in axes:
            key = self._key(axis, figure)
            kept = self._regions.setdefault(axis, {})
            if key in kept:
                kept[key] = kept.pop(key)  # the most recently used last
                canvas.restore_region(kept[key])
                continue
            figure.draw_artist(axis)
            kept[key] = canvas.copy_from_bbox(self._extent(axis, figure))
            if len(kept) > KEPT_PER_AXIS:
                del kept[next(iter(kept))]

    def keep(self, figure: Figure, axis: Axis) -> None:
        """Render ``axis`` as it is now set (range, label) into the cache, leaving the canvas as it was:
        a dashboard can prepare the ranges a learner will reach, so that the first visit is quick too."""
        key = self._key(axis, figure)
        kept = self._regions.setdefault(axis, {})
        if key in kept:
            return
        canvas = figure.canvas
        clean = canvas.copy_from_bbox(figure.bbox)
        figure.draw_artist(axis)
        kept[key] = canvas.copy_from_bbox(self._extent(axis, figure))
        canvas.restore_region(clean)
        if len(kept) > KEPT_PER_AXIS:
            del kept[next(iter(kept))]

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
