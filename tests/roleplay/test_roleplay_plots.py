"""Role play: the plots draw what the run holds."""

from __future__ import annotations

import matplotlib
import numpy as np

from crmsim import roleplay as rp

matplotlib.use("Agg")


def test_plots_draw_one_line_per_person(scenario):
    from crmsim.plots import roleplay as rpp

    result = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    ax = rpp.plot_attitudes(result)
    assert len(ax.get_lines()) == len(scenario.people) + 1  # and the zero line
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata()[-1],
                               result.rounds.query("round == 4")["attitude_after"].iloc[0])
    ax = rpp.plot_effort(result)
    assert len(ax.patches) == 2 * len(scenario.people)
