"""Importing crmsim changes nothing outside it, and its text is complete whatever was imported."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

import crmsim
from crmsim import display, fonts, i18n


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_importing_every_module_leaves_matplotlib_settings_unchanged():
    out = _run(
        "import matplotlib\n"
        "before = {k: repr(v) for k, v in matplotlib.rcParams.items()}\n"
        "import crmsim, crmsim.plots, crmsim.widgets, crmsim.i18n\n"
        "crmsim.i18n.load_all()  # imports every crmsim module\n"
        "after = {k: repr(v) for k, v in matplotlib.rcParams.items()}\n"
        "print(sorted(k for k in before if before[k] != after[k]))\n")
    assert out.strip() == "[]"


def test_a_crmsim_plot_restores_the_font_settings(world):
    from crmsim import value
    from crmsim.plots.value import plot_pareto

    before = list(matplotlib.rcParams["font.family"])
    ax = plot_pareto(value.abc_classes(value.customer_value(world)))
    assert list(matplotlib.rcParams["font.family"]) == before
    assert fonts.CJK_FAMILY in ax.title.get_fontfamily()
    matplotlib.pyplot.close(ax.figure)


def test_use_cjk_font_is_an_explicit_opt_in(monkeypatch):
    monkeypatch.setitem(matplotlib.rcParams, "font.family", ["sans-serif"])
    fonts.use_cjk_font()
    assert list(matplotlib.rcParams["font.family"]) == list(fonts.FAMILIES)


@pytest.mark.parametrize("key", ["rel.col.month", "ka.col.stage", "credit.col.grade", "overview.table",
                                 "region.east"])
def test_every_text_is_there_in_a_fresh_process_without_importing_its_topic(key):
    out = _run(f"import crmsim\nprint(crmsim.t({key!r}, 'zh'))")
    assert out.strip() and out.strip() != key


def test_labelled_never_switches_the_language_or_changes_its_input(world):
    table = world.customers.head(3)
    copy = table.copy()
    shown = display.labelled(table, "customers", language="zh")
    assert crmsim.get_language() == "en"
    pd.testing.assert_frame_equal(table, copy)
    assert "地区" in shown.columns


def test_labelled_refuses_what_it_cannot_show():
    with pytest.raises(TypeError, match="table must be a pandas DataFrame or Series"):
        display.labelled([1, 2, 3])
    with pytest.raises(ValueError, match="topic='no_such_topic' has no registered labels"):
        display.labelled(pd.DataFrame({"a": [1]}), "no_such_topic")
    with pytest.raises(ValueError, match="language"):
        display.labelled(pd.DataFrame({"a": [1]}), language="fr")


def test_the_catalogue_lists_every_topic():
    prefixes = {key.split(".")[0] for key in i18n.keys()}
    assert {"rel", "ka", "credit", "overview", "region", "bool"} <= prefixes
