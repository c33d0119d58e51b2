"""Checks of what a person sees in a drawn figure: legends that hide no data, titles clear of legends.

Geometry in display pixels, after the figure was drawn. Data are the lines
(sampled along every segment, so a line crossing a legend between two of
its points counts), markers, bars, polygons, scatter dots and the texts
inside the plots (value labels, names).
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox


def _renderer(figure: Figure):
    canvas = figure.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def _line_points(line: Line2D) -> np.ndarray:
    xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) < 2:
        return xy
    t = np.linspace(0.0, 1.0, 25)[:, None, None]
    return (xy[:-1] * (1 - t) + xy[1:] * t).reshape(-1, 2)


def _data_boxes(ax, renderer) -> list[tuple[str, Bbox]]:
    """What shows data on ``ax``, as (description, pixel box); points as boxes of their marker's size."""
    boxes = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        marked = line.get_marker() not in (None, "None", "", " ")
        radius = (line.get_markersize() if marked else line.get_linewidth()) * renderer.points_to_pixels(1) / 2
        for x, y in _line_points(line):
            boxes.append((f"line {line.get_label()!r}", Bbox([[x - radius, y - radius], [x + radius, y + radius]])))
    for patch in ax.patches:
        if patch.get_visible() and isinstance(patch, Patch) and patch.get_window_extent(renderer).height > 0:
            boxes.append((f"bar {patch.get_gid() or patch.get_label()!r}", patch.get_window_extent(renderer)))
    for collection in ax.collections:
        if not collection.get_visible():
            continue
        if isinstance(collection, PathCollection):  # scatter: dots at offsets
            offsets = collection.get_offset_transform().transform(collection.get_offsets())
            sizes = np.sqrt(np.resize(collection.get_sizes(), len(offsets))) * renderer.points_to_pixels(1) / 2
            boxes += [("dot", Bbox([[x - r, y - r], [x + r, y + r]])) for (x, y), r in zip(offsets, sizes)]
        elif isinstance(collection, PolyCollection) and collection.get_clip_on():
            for path in collection.get_paths():
                vertices = collection.get_transform().transform(path.vertices)
                boxes.append((f"bars {collection.get_gid()!r}", Bbox([vertices.min(0), vertices.max(0)])))
    for text in ax.texts:
        if text.get_visible() and text.get_text():
            boxes.append((f"label {text.get_text()!r}", text.get_window_extent(renderer)))
    return boxes


def _overlaps(a: Bbox, b: Bbox, margin: float = 0.5) -> bool:
    return a.x0 < b.x1 - margin and b.x0 < a.x1 - margin and a.y0 < b.y1 - margin and b.y0 < a.y1 - margin


def hidden_by_legends(figure: Figure) -> list[str]:
    """Every piece of data of ``figure`` that one of its legends covers (empty: none), and every legend
    that overlaps a title or leaves the figure."""
    renderer = _renderer(figure)
    problems = []
    frame = figure.bbox
    for ax in figure.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for other in figure.axes:
            problems += [f"the legend of {ax.get_title()!r} hides {what}" for what, data in _data_boxes(other, renderer)
                         if _overlaps(box, data)]
            if other.title.get_text() and _overlaps(box, other.title.get_window_extent(renderer)):
                problems.append(f"the legend of {ax.get_title()!r} overlaps the title {other.get_title()!r}")
        if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1:
            problems.append(f"the legend of {ax.get_title()!r} leaves the figure: {box} outside {frame}")
    return problems


def texts_of(figure: Figure) -> list[Text]:
    """Every visible text of ``figure`` with its words, for checks of what is written."""
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
