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
    state : callable
        ``() -> hashable``: everything the artist's picture depends on
        besides its place (e.g. an axis' limits and label).
    region : callable
        ``(renderer) -> Bbox`` in display pixels: where the artist draws,
        once it has been drawn.
    limit : int
        States kept (a slider dragged all over: memory stays bounded).
    """

    def __init__(self, artist: Artist, state: Callable[[], Hashable], region: Callable[[object], Bbox],
                 limit: int = 32) -> None:
        super().__init__()
        self.artist, self._state, self._region, self._limit = artist, state, region, limit
        self._saved: dict[Hashable, object] = {}
        self._renderer = None
        self.set_animated(True)

    def draw(self, renderer) -> None:
        if not self.artist.get_visible():
            return
        if self._renderer is None or self._renderer() is not renderer:  # pixels of another canvas: useless
            self._saved.clear()
            self._renderer = weakref.ref(renderer)
        key = (self._state(), renderer.width, renderer.height)
        saved = self._saved.get(key)
        if saved is not None:
            renderer.restore_region(saved)
            return
        self.artist.draw(renderer)
        if len(self._saved) >= self._limit:
            self._saved.clear()
        self._saved[key] = renderer.copy_from_bbox(self._region(renderer))


_SNAPSHOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _axis_region(ax: Axes, renderer) -> Bbox:
    """The y axis' ticks, tick labels and label: from its tight box to just inside the left spine."""
    box = ax.bbox
    strip = Bbox([[box.x0 - 12, box.y0 - 4], [box.x0 + 1, box.y1 + 4]])  # the tick marks
    return Bbox.union([ax.yaxis.get_tightbbox(renderer), strip]).padded(1)


def y_axis_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the (animated) y axis of ``ax``, the same one on every call."""
    axis = ax.yaxis
    if axis not in _SNAPSHOTS:
        _SNAPSHOTS[axis] = Snapshot(axis, lambda: (tuple(ax.get_ylim()), axis.label.get_text()),
                                    lambda renderer: _axis_region(ax, renderer))
    return _SNAPSHOTS[axis]


def legend_snapshot(ax: Axes) -> Snapshot:
    """The :class:`Snapshot` of the current (animated) legend of ``ax``; a new legend gets a new one."""
    legend = ax.get_legend()
    if legend not in _SNAPSHOTS:
        _SNAPSHOTS[legend] = Snapshot(legend, lambda: tuple(t.get_text() for t in legend.get_texts()),
                                      lambda renderer: legend.get_window_extent(renderer).padded(2))
    return _SNAPSHOTS[legend]


def snapshots_first(artists: Sequence[Artist]) -> list[Artist]:
    """``artists`` in the same order, except that the snapshots come first (see the module's note)."""
    return sorted(artists, key=lambda artist: not isinstance(artist, Snapshot))


__all__ = ["Snapshot", "legend_snapshot", "snapshots_first", "y_axis_snapshot"]
