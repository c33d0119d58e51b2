"""Parts of a blitted figure that change now and then: drawn once per state, pasted after.

The one pixel cache of every dashboard. A blitting dashboard
(:meth:`crmsim.widgets.Dashboard.background_key`) redraws only its data on
a saved background. An axis whose range follows the data (x or y), or a
legend whose entries can change, must then be kept out of the background
(marked animated) and redrawn with the data, and drawing text is what
costs: a few milliseconds per tick label, so three axes cost more than all
the bars. A :class:`Snapshot` draws such an artist once for each state it
is in (its range, its labels), keeps those pixels, and pastes them whenever
that state comes back: a new range costs one drawing of the axis, a range
seen before a copy of a few kilobytes, and the whole figure is never
redrawn for it. :meth:`Snapshot.prepare` draws a state ahead of time (the
ranges a learner will reach), so that even its first visit is a copy.

Snapshots must be drawn first, right after the background is restored,
so that the pixels they keep are the background and the artist alone;
:func:`snapshots_first` puts them there. Two snapshots must not overlap
(one would keep the other's pixels): an axis keeps to its own side of the
axes (:func:`axis_snapshot`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis
from matplotlib.transforms import Bbox

#: Depth in points of the strip along the axes' edge kept with an axis: its tick marks (3.5 pt out) with
#: room (12 pixels at the dashboards' 90 dpi).
TICK_STRIP_POINTS = 9.6


class Snapshot(Artist):
    """Draws ``artist``, or pastes the pixels it had when last drawn in the same state.

    Parameters
    ----------
    artist : Artist
        Marked animated (a dashboard's background must not contain it).
        Held weakly: a snapshot does not keep a figure that was replaced alive.
    state : callable
        ``(artist) -> hashable``: everything the artist's picture depends on
        besides its place (e.g. an axis' limits and label).
    region : callable
        ``(artist, renderer) -> Bbox`` in display pixels: where the artist
        draws, once it has been drawn.
    limit : int
        States kept (a slider dragged all over: memory stays bounded).
    """

    def __init__(self, artist: Artist, state: Callable[[Artist], Hashable],
                 region: Callable[[Artist, object], Bbox], limit: int = 32) -> None:
        super().__init__()
        self._artist = weakref.ref(artist)
        self._state, self._region, self._limit = state, region, limit
        self._saved: dict[Hashable, object] = {}
        self._renderer = None
        self.set_animated(True)

    @property
    def artist(self) -> Artist | None:
        return self._artist()

    def _key(self, artist: Artist, renderer) -> Hashable:
        if self._renderer is None or self._renderer() is not renderer:  # pixels of another canvas: useless
            self._saved.clear()
            self._renderer = weakref.ref(renderer)
        return (self._state(artist), renderer.width, renderer.height)

    def _keep(self, key: Hashable, artist: Artist, renderer) -> None:
        if len(self._saved) >= self._limit:
            self._saved.clear()
        self._saved[key] = renderer.copy_from_bbox(self._region(artist, renderer))

    def draw(self, renderer) -> None:
        artist = self.artist
        if artist is None or not artist.get_visible():
            return
        key = self._key(artist, renderer)
        saved = self._saved.get(key)
        if saved is not None:
            renderer.restore_region(saved)
            return
        artist.draw(renderer)
        self._keep(key, artist, renderer)

    def prepare(self, renderer) -> None:
        """Draw the artist in its current state into the kept pixels, leaving the canvas as it was.

        Call it while the canvas shows the background alone (right after a
        whole-figure draw or a restore of the background), after setting the
        artist to a state a learner will reach (an axis' range): the first
        visit of that state is then a copy too. A state already kept is not
        drawn again.
        """
        artist = self.artist
        if artist is None or not artist.get_visible():
            return
        key = self._key(artist, renderer)
        if key in self._saved:
            return
        whole = renderer.copy_from_bbox(Bbox.from_bounds(0, 0, renderer.width, renderer.height))
        artist.draw(renderer)
        self._keep(key, artist, renderer)
        renderer.restore_region(whole)


#: The snapshot of each artist; an entry goes with its artist (a snapshot holds its artist weakly).
_SNAPSHOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _axis_state(axis) -> Hashable:
    return (tuple(float(v) for v in axis.get_view_interval()), axis.get_scale(), axis.label.get_text())


def _axis_region(axis: Axis, renderer) -> Bbox:
    """An axis' ticks, tick labels and label: its tight box and the strip of tick marks along its edge of
    the axes (under the bottom edge for an x axis, left of the left edge for a y axis), to just inside the
    spine; never inside the axes, where the data are."""
    box = axis.axes.bbox
    depth = renderer.points_to_pixels(TICK_STRIP_POINTS)
    if isinstance(axis, XAxis):
        strip = Bbox([[box.x0 - 4, box.y0 - depth], [box.x1 + 4, box.y0 + 1]])
    else:
        strip = Bbox([[box.x0 - depth, box.y0 - 4], [box.x0 + 1, box.y1 + 4]])
    tight = axis.get_tightbbox(renderer)
    return (strip if tight is None else Bbox.union([tight, strip])).padded(1)


def _legend_state(legend) -> Hashable:
    return tuple(t.get_text() for t in legend.get_texts())


def _legend_region(legend, renderer) -> Bbox:
    return legend.get_window_extent(renderer).padded(2)


def axis_snapshot(axis: Axis) -> Snapshot:
    """The :class:`Snapshot` of an (animated) x or y axis, the same one on every call.

    Its state is the axis' range and label; its region the tick labels and
    label with the tick strip along the axes' edge (see the module's note).
    An axis on the bottom (x) or the left (y), as the course's plots put them.
    """
    if not isinstance(axis, Axis):
        raise TypeError(f"axis must be a matplotlib Axis (ax.xaxis or ax.yaxis); got {type(axis).__name__} {axis!r}")
    if axis not in _SNAPSHOTS:
        _SNAPSHOTS[axis] = Snapshot(axis, _axis_state, _axis_region)
    return _SNAPSHOTS[axis]


def x_axis_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the (animated) x axis of ``ax``, the same one on every call."""
    return axis_snapshot(ax.xaxis)


def y_axis_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the (animated) y axis of ``ax``, the same one on every call."""
    return axis_snapshot(ax.yaxis)


def _left_strip(axis: Axis, _renderer=None) -> Bbox:
    """Where a left y axis draws, without asking it: the figure's full height, from the nearest Axes on its
    left (or the figure's edge) to just inside its spine.

    Measuring the axis (its tight box, as :func:`_axis_region` does) lays out its text once more each
    time a range is new; this strip is the same for every range. It holds nothing else that moves as
    long as the figure's x axes are not animated (a snapshot is pasted first, on the background).
    """
    box = axis.axes.bbox
    left = max((other.bbox.x1 for other in axis.axes.figure.axes if other.bbox.x1 <= box.x0), default=0.0)
    return Bbox([[max(left, 0.0), 0.0], [box.x0 + 2, axis.axes.figure.bbox.y1]])


#: The strip snapshot of each y axis (see y_strip_snapshot); kept apart from :data:`_SNAPSHOTS`, whose
#: snapshot of the same axis keeps a measured region.
_STRIP_SNAPSHOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def y_strip_snapshot(ax: Axes) -> Snapshot:
    """A :class:`Snapshot` of the (animated) y axis of ``ax`` that keeps the fixed strip left of the Axes
    (:func:`_left_strip`) instead of measuring the axis: a new range costs about a fifth less (5.9
    against 7.4 ms of CPU, median, on the course's 2-core machine). For figures whose x axes are static
    (dashboard 04); the same one on every call."""
    if ax.yaxis not in _STRIP_SNAPSHOTS:
        _STRIP_SNAPSHOTS[ax.yaxis] = Snapshot(ax.yaxis, _axis_state, _left_strip)
    return _STRIP_SNAPSHOTS[ax.yaxis]


def legend_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the current (animated) legend of ``ax``; a new legend gets a new one."""
    legend = ax.get_legend()
    if legend not in _SNAPSHOTS:
        _SNAPSHOTS[legend] = Snapshot(legend, _legend_state, _legend_region)
    return _SNAPSHOTS[legend]


def snapshots_first(artists: Sequence[Artist]) -> list[Artist]:
    """``artists`` in the same order, except that the snapshots come first (see the module's note)."""
    return sorted(artists, key=lambda artist: not isinstance(artist, Snapshot))


__all__ = ["Snapshot", "axis_snapshot", "legend_snapshot", "snapshots_first", "x_axis_snapshot",
           "y_axis_snapshot", "y_strip_snapshot"]
