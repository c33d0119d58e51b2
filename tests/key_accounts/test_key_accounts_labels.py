"""Every table notebook 03 shows reads well in Chinese: headers and codes translated, one number format per
column, no NaN."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import key_accounts as ka
from crmsim.display import labelled
from crmsim.key_accounts.labels import ka_numbers


def test_numbers_have_one_format_per_column():
    assert list(ka_numbers("pipeline", pd.Series([1069.994, 995.62, np.nan]))) == ["1,069.99", "995.62", ""]
    assert list(ka_numbers("win_rate", pd.Series([0.392, np.nan]))) == ["39%", ""]
    assert list(ka_numbers("lead_growth", pd.Series([-0.16, 1.0]))) == ["\u221216%", "+100%"]
    assert list(ka_numbers("median_cycle_days", pd.Series([152.0, 123.5]))) == ["152.0", "123.5"]
    assert list(ka_numbers("contribution", pd.Series([0.031, -0.0004, -0.29]))) == ["+0.03", "0.00", "\u22120.29"]
    assert list(ka_numbers("value", pd.Series([0.7, 8.0, 0.15, -0.5]))) == ["0.7", "8", "0.15", "\u22120.5"]
    assert list(ka_numbers("won", pd.Series([1250, 3]))) == ["1,250", "3"]
    assert ka_numbers("rep_id", pd.Series([1, 2])) is None  # identifiers as they are


@pytest.fixture(scope="module")
def notebook_tables():
    """The tables of notebook 03, made as it makes them, on its world."""
    world = crmsim.make_world(seed=2024, n_customers=1000)
    run = ka.simulate_key_accounts(world, seed=3)
    last_year = ka.simulate_key_accounts(world, seed=4)
    opportunity = ka.example_opportunity(run)
    log = ka.contact_log(run, world, seed=3)
    weights = ka.stage_win_rates(last_year)
    forecast = ka.forecast_by_month(run, method="stage", stage_weights=weights)
    return lambda: {
        "segments": ka.win_rates(run, by="segment")[["opportunities", "won", "revenue"]],
        "grading weights": ka.grading_weights_table(), "by grade": ka.win_rates(run, by="grade"),
        "follow-up form": ka.follow_up_form_view(run, world, opportunity),
        "explanation": ka.explain_opportunity(run, opportunity), "timeline": ka.timeline(run, opportunity),
        "contact log": log[log["opportunity_id"] == opportunity].head(8).reset_index(drop=True),
        "weekly report": ka.weekly_report(run, log).head(8), "funnel": ka.funnel(run),
        "stage weights": weights.to_frame(),
        "forecast": forecast.assign(month=forecast["month"].dt.strftime("%Y-%m")).head(6),
        "by coach": ka.win_rates(run, by="coach"), "by relationship": ka.win_rates(run, by="relationship_level"),
        "reps": ka.rep_metrics(run),
        "goals": ka.goals_vs_actual(run, yearly_goal=ka.suggested_goal(last_year), period="quarter"),
        "model card": ka.model_card(), "stage coefficients": ka.stage_coefficients(),
    }


def _has_han(text) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


#: Texts that stay as they are in Chinese: dates, quarters, numbers, names of parameters read from the code.
_NEUTRAL = re.compile(r"^[\d\s.,:%+\-\u2212()/QT]*$")
_NUMBER = re.compile(r"^[+\-\u2212]?[\d,]+(\.\d+)?%?$")


def test_every_table_of_notebook_03_reads_in_chinese_without_nan(notebook_tables):
    crmsim.set_language("zh")
    for name, table in notebook_tables().items():
        shown = labelled(table, "key_accounts")
        cells = shown.astype(object).to_numpy().ravel().tolist()
        assert not any(isinstance(v, float) and np.isnan(v) for v in cells), f"{name} shows NaN:\n{shown}"
        assert not any(str(v).lower() in ("nan", "none", "<na>", "nat") for v in cells), f"{name}:\n{shown}"
        assert all(_has_han(c) for c in shown.columns), f"{name} headers: {list(shown.columns)}"
        assert shown.index.name is None or _has_han(shown.index.name), f"{name} index: {shown.index.name}"
        for column in shown.columns:
            if column == "代码中的名称":
                continue  # the model card's names in the code, shown as written (its parameters are in Chinese)
            english = [v for v in shown[column] if isinstance(v, str) and not _has_han(v) and not _NEUTRAL.match(v)]
            assert not english, f"{name}, column {column}: {english}"
            numbers = [v for v in shown[column] if isinstance(v, str) and _NUMBER.match(v)]
            if column not in ("内容", "中性参考值"):  # one number of decimals down a column ("1,070" by "995.62")
                decimals = {len(v.rstrip("%").rsplit(".", 1)[1]) if "." in v else 0 for v in numbers}
                assert len(decimals) <= 1, f"{name}, column {column}: {numbers}"
