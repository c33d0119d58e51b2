"""The funnel of the key-account dashboard reads on a projector: its stage names and counts are large
enough, and overlap nothing (each other, the bars, the next panel's axis labels) or leave the figure, in
both languages, whatever the controls make of the funnel."""

from __future__ import annotations

import pytest

import crmsim
from crmsim.plots.key_accounts import FUNNEL_FONTSIZE
from crmsim.widgets.key_accounts import KeyAccountDashboard

#: The smallest text of the funnel, in points of the dashboard's figure.
SMALLEST_POINTS = 9.0


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _problems(board: KeyAccountDashboard) -> list[str]:
    """What is wrong with the funnel's labels as the board shows them (empty: nothing)."""
    figure = board.figure
    renderer = figure.canvas.get_renderer()  # the canvas the board draws on
    funnel, forecast = figure.axes[0], figure.axes[1]
    labels = [(text.get_text(), text.get_window_extent(renderer)) for text in funnel.texts]
    bars = funnel.collections[0]
    bar_boxes = [path.get_extents(bars.get_transform()) for path in bars.get_paths()]
    neighbours = [(text.get_text(), text.get_window_extent(renderer))
                  for text in (forecast.yaxis.label, *forecast.get_yticklabels()) if text.get_text()]
    problems = [f"{text.get_text()!r} is {text.get_fontsize()} pt" for text in funnel.texts
                if text.get_fontsize() < SMALLEST_POINTS]
    for i, (name, box) in enumerate(labels):
        if not figure.bbox.contains(box.x0, box.y0) or not figure.bbox.contains(box.x1, box.y1):
            problems.append(f"{name!r} leaves the figure: {box}")
        problems += [f"{name!r} overlaps {other!r}" for other, other_box in labels[i + 1:] if _overlap(box, other_box)]
        problems += [f"{name!r} overlaps a bar" for bar in bar_boxes if _overlap(box, bar)]
        problems += [f"{name!r} overlaps the forecast's {other!r}" for other, other_box in neighbours
                     if _overlap(box, other_box)]
    return problems


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_funnel_labels_are_large_and_clear_of_everything(language):
    crmsim.set_language(language)
    board = KeyAccountDashboard(seed=0)
    assert len(board.figure.axes[0].texts) == 2 * len(board.result.funnel)  # a name and a count a stage
    assert FUNNEL_FONTSIZE >= SMALLEST_POINTS
    assert _problems(board) == []
    # The controls reshape the funnel (one rep's few leads, every lead pursued, none of D): the labels follow.
    for name, value in (("rep", board.controls["rep"].options[1][1]), ("drop_risk_above", 1.0), ("effort_D", 0)):
        board.controls[name].value = value
        assert _problems(board) == [], (name, value)
