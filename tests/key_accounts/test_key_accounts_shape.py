"""The key-account topic follows the package's shape: coded tables in any language, every seed kind,
streams from the registry only."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import key_accounts as ka

PACKAGE = Path(ka.__file__).parent
TOPIC_FILES = [*sorted(PACKAGE.glob("*.py")), PACKAGE.parent / "plots" / "key_accounts.py",
               PACKAGE.parent / "widgets" / "key_accounts.py"]


def model_tables(world, run) -> dict[str, pd.DataFrame | pd.Series]:
    log = ka.contact_log(run, world, seed=3)
    opportunity = ka.example_opportunity(run)
    return {
        "prepared": ka.prepare_key_accounts(world, seed=3), "opportunities": run.opportunities,
        "stage_events": run.stage_events, "contact_log": log, "weekly_report": ka.weekly_report(run, log),
        "timeline": ka.timeline(run, opportunity),
        "follow_up_form_view": ka.follow_up_form_view(run, world, opportunity),
        "grades": ka.grade_accounts(run.opportunities), "grading_weights": ka.grading_weights_table(),
        "funnel": ka.funnel(run), "cycle_time": ka.cycle_time(run), "stage_win_rates": ka.stage_win_rates(run),
        "forecast": ka.forecast_by_month(run), "open_pipeline": ka.open_pipeline(run),
        "pipeline_forecast": ka.pipeline_forecast(run), "monthly_revenue": ka.monthly_revenue(run),
        **{f"win_rates_{by}": ka.win_rates(run, by=by) for by in ka.WIN_RATE_GROUPS},
        "rep_metrics": ka.rep_metrics(run), "goals": ka.goals_vs_actual(run, 50.0),
    }


def names(table) -> tuple:
    """Column names (a Series: its name, or its labels if it has none), index name, and the
    codes of the categorical columns."""
    if isinstance(table, pd.DataFrame):
        columns = tuple(table.columns)
    else:
        columns = (table.name,) if table.name is not None else tuple(table.index)
    categories = tuple(tuple(table[c].cat.categories) for c in columns
                       if isinstance(table, pd.DataFrame) and isinstance(table[c].dtype, pd.CategoricalDtype))
    return columns, table.index.name, categories


def test_every_model_table_keeps_its_coded_names_in_chinese(world):
    english = {name: names(t) for name, t in model_tables(world, ka.simulate_key_accounts(world, seed=3)).items()}
    crmsim.set_language("zh")
    chinese = {name: names(t) for name, t in model_tables(world, ka.simulate_key_accounts(world, seed=3)).items()}
    assert chinese == english
    identifier = re.compile(r"^[a-z_][a-z0-9_]*$")
    for name, (columns, index, _) in chinese.items():
        assert all(identifier.match(str(c)) for c in columns), (name, columns)
        assert index is None or identifier.match(index), (name, index)


@pytest.mark.parametrize("make_seed", [lambda: 5, lambda: np.int64(5), lambda: np.random.SeedSequence(5)],
                         ids=["int", "numpy-int", "SeedSequence"])
def test_entry_points_accept_every_seed_kind_with_the_same_result(world, make_seed):
    run = ka.simulate_key_accounts(world, seed=make_seed())
    reference = ka.simulate_key_accounts(world, seed=5)
    pd.testing.assert_frame_equal(run.opportunities, reference.opportunities)
    pd.testing.assert_frame_equal(ka.prepare_key_accounts(world, seed=make_seed()),
                                  ka.prepare_key_accounts(world, seed=5))
    pd.testing.assert_frame_equal(ka.contact_log(run, world, seed=make_seed()),
                                  ka.contact_log(run, world, seed=5))
    assert ka.last_year_seed(make_seed()) == 6


def test_a_generator_seed_gives_a_reproducible_run(world):
    first = ka.simulate_key_accounts(world, seed=np.random.default_rng(8))
    again = ka.simulate_key_accounts(world, seed=np.random.default_rng(8))
    pd.testing.assert_frame_equal(first.stage_events, again.stage_events)
    log = ka.contact_log(first, world, seed=np.random.default_rng(8))
    pd.testing.assert_frame_equal(log, ka.contact_log(first, world, seed=np.random.default_rng(8)))
    opportunities = ka.prepare_key_accounts(world, seed=np.random.default_rng(8))
    pd.testing.assert_frame_equal(opportunities, ka.prepare_key_accounts(world, seed=np.random.default_rng(8)))


def test_the_streams_come_from_the_registry():
    pattern = re.compile(r"default_rng|SeedSequence\(|PCG64|np\.random\.Generator\(|def _(child|stream)")
    offenders = [f"{path.name}:{number}" for path in TOPIC_FILES
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
    code = "".join(path.read_text(encoding="utf-8") for path in TOPIC_FILES)
    for stream in ("opportunities", "simulation", "contacts"):
        assert f'seeding.child(seed, "key_accounts.{stream}")' in code


def test_no_module_of_the_topic_is_long():
    for path in TOPIC_FILES:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name
