"""Parts of a blitted figure that change now and then: drawn once per state, pasted after.

A blitting dashboard (:meth:`crmsim.widgets.Dashboard.background_key`)
redraws only its data on a saved background. A y axis whose range follows
the data, or a legend whose entries can change, must then be redrawn with
the data, and drawing text is what costs: a few milliseconds per tick label,
so three y axes cost more than all the bars. A :class:`Snapshot` draws such
an artist once for each state it is in (its range, its labels), keeps those
pixels, and pastes them whenever that state comes back: a new range costs
one drawing of the axis, a range seen before a copy of a few kilobytes, and
the whole figure is never redrawn for it.

Snapshots must be drawn first, right after the background is restored,
so that the pixels they keep are the background and the artist alone;
:func:`snapshots_first` puts them there.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox


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

    def draw(self, renderer) -> None:
        artist = self.artist
        if artist is None or not artist.get_visible():
            return
        if self._renderer is None or self._renderer() is not renderer:  # pixels of another canvas: useless
            self._saved.clear()
            self._renderer = weakref.ref(renderer)
        key = (self._state(artist), renderer.width, renderer.height)
        saved = self._saved.get(key)
        if saved is not None:
            renderer.restore_region(saved)
            return
        artist.draw(renderer)
        if len(self._saved) >= self._limit:
            self._saved.clear()
        self._saved[key] = renderer.copy_from_bbox(self._region(artist, renderer))


#: The snapshot of each artist; an entry goes with its artist (a snapshot holds its artist weakly).
_SNAPSHOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _axis_state(axis) -> Hashable:
    return (tuple(axis.get_view_interval()), axis.label.get_text())


def _axis_region(axis, renderer) -> Bbox:
    """The y axis' ticks, tick labels and label: from its tight box to just inside the left spine."""
    box = axis.axes.bbox
    strip = Bbox([[box.x0 - 12, box.y0 - 4], [box.x0 + 1, box.y1 + 4]])  # the tick marks
    return Bbox.union([axis.get_tightbbox(renderer), strip]).padded(1)


def _legend_state(legend) -> Hashable:
    return tuple(t.get_text() for t in legend.get_texts())


def _legend_region(legend, renderer) -> Bbox:
    return legend.get_window_extent(renderer).padded(2)


def y_axis_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the (animated) y axis of ``ax``, the same one on every call."""
    if ax.yaxis not in _SNAPSHOTS:
        _SNAPSHOTS[ax.yaxis] = Snapshot(ax.yaxis, _axis_state, _axis_region)
    return _SNAPSHOTS[ax.yaxis]


def legend_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the current (animated) legend of ``ax``; a new legend gets a new one."""
    legend = ax.get_legend()
    if legend not in _SNAPSHOTS:
        _SNAPSHOTS[legend] = Snapshot(legend, _legend_state, _legend_region)
    return _SNAPSHOTS[legend]


def snapshots_first(artists: Sequence[Artist]) -> list[Artist]:
    """``artists`` in the same order, except that the snapshots come first (see the module's note)."""
    return sorted(artists, key=lambda artist: not isinstance(artist, Snapshot))


__all__ = ["Snapshot", "legend_snapshot", "snapshots_first", "y_axis_snapshot"]
