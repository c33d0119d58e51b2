"""Lessons of the key-account process (notebook 03).

Each lesson runs the process on the lesson world of its seed
(:func:`~crmsim.lessons.lesson_world`) with the rep's default policy, and where
it compares policies it reuses the same opportunities and the same seed
(common random numbers), so a difference comes from the policy alone. Win
rates are what notebook 03 shows (``key_accounts.win_rates``): won over
pursued. Their text is in :mod:`crmsim.i18n.lessons_key_accounts`.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd

from .. import key_accounts as ka
from .claims import lesson, lesson_world as _world

#: Bid discount of the "deep discount" the notebook asks about (the dashboard's slider goes to 30 %).
DEEP_DISCOUNT = 0.25
#: Weight of size when grading leans on size, as notebook 03's second question asks: half.
SIZE_WEIGHT = 0.5
#: Effort weights of A (B stays 2, C 1) compared by :func:`effort_on_a_pays_up_to_a_point`: a quarter of the
#: default, the default and four times it.
LITTLE_A, DEFAULT_A, MUCH_A = 1.0, 4.0, 16.0


@functools.lru_cache(maxsize=64)
def _prepared(seed: int) -> pd.DataFrame:
    return ka.prepare_key_accounts(_world(seed), seed=seed)


def _run(seed: int, policy: ka.RepPolicy | None = None, grading: ka.Grading | None = None) -> ka.KeyAccountsRun:
    return ka.simulate_key_accounts(_world(seed), policy, grading=grading, seed=seed, prepared=_prepared(seed))


@functools.lru_cache(maxsize=64)
def _default(seed: int) -> ka.KeyAccountsRun:
    return _run(seed)


def _win_rate(run: ka.KeyAccountsRun) -> float:
    opps = run.opportunities
    return float((opps["outcome"] == "won").sum() / max(int(opps["pursued"].sum()), 1))


@lesson("grades_order_win_rates", "ka_win_rate_gap", "above", 0.0)
def grades_order_win_rates(seed: int) -> float:
    """Smallest of the win-rate gaps A - B and B - C at the default policy: A beats B beats C."""
    rates = ka.win_rates(_default(seed), by="grade")["win_rate"]
    return float(min(rates["A"] - rates["B"], rates["B"] - rates["C"]))


@lesson("grade_d_wins_least", "ka_win_rate_gap", "above", 0.0)
def grade_d_wins_least(seed: int) -> float:
    """Win rate of C minus that of D when the rep pursues D leads too (default hours for D)."""
    rates = ka.win_rates(_run(seed, ka.RepPolicy(pursue=ka.GRADES)), by="grade")["win_rate"]
    return float(rates["C"] - rates["D"])


@lesson("grades_order_revenue", "ka_relative_change", "above", 0.0)
def grades_order_revenue(seed: int) -> float:
    """Smallest of the steps A over B and B over C in revenue per opportunity, minus 1."""
    revenue = ka.win_rates(_default(seed), by="grade")["revenue_per_opportunity"]
    return float(min(revenue["A"] / revenue["B"], revenue["B"] / revenue["C"]) - 1.0)


@lesson("coach_raises_win_rate", "ka_win_rate_gap", "above", 0.0)
def coach_raises_win_rate(seed: int) -> float:
    """Win rate of the opportunities with a coach minus those without (the notebook's table)."""
    rates = ka.win_rates(_default(seed), by="coach")["win_rate"]
    return float(rates["True"] - rates["False"])


@lesson("developing_coaches_pays", "ka_win_rate_gap", "above", 0.0)
def developing_coaches_pays(seed: int) -> float:
    """Win rate when the rep develops coaches (the default, at 15 % of the hours) minus when not."""
    without = _run(seed, replace(ka.RepPolicy(), develop_coach=False))
    return _win_rate(_default(seed)) - _win_rate(without)


@lesson("warm_centre_raises_win_rate", "ka_win_rate_gap", "above", 0.0)
def warm_centre_raises_win_rate(seed: int) -> float:
    """Smallest of the win-rate gaps warm - neutral and neutral - cool of the buying centre."""
    rates = ka.win_rates(_default(seed), by="relationship_level")["win_rate"]
    return float(min(rates["warm"] - rates["neutral"], rates["neutral"] - rates["cool"]))


def _expected_revenue(seed: int, a_weight: float) -> float:
    opps = _run(seed, ka.RepPolicy(effort_weights={"A": a_weight, "B": 2.0, "C": 1.0, "D": 0.5})).opportunities
    return float((opps["win_probability"] * opps["bid_price"]).sum())


@lesson("effort_on_a_pays_up_to_a_point", "ka_relative_change", "above", 0.0)
def effort_on_a_pays_up_to_a_point(seed: int) -> float:
    """Expected revenue at the default weight of A (4) over the better of a quarter (1) and four times (16) of it,
    minus 1: above 0 when more hours on A pay at first and then cost more than they bring."""
    best_other = max(_expected_revenue(seed, LITTLE_A), _expected_revenue(seed, MUCH_A))
    return _expected_revenue(seed, DEFAULT_A) / best_other - 1.0


@lesson("all_hours_on_a_lose_revenue", "ka_relative_change", "below", 0.0)
def all_hours_on_a_lose_revenue(seed: int) -> float:
    """Revenue won when every hour goes to A accounts (B and C not pursued) over the default's, minus 1."""
    only_a = _run(seed, ka.policy_from_effort({"A": 4.0})).opportunities
    return float(only_a["revenue"].sum() / _default(seed).opportunities["revenue"].sum() - 1.0)


@lesson("deep_discount_costs_margin", "ka_relative_change", "below", 0.0)
def deep_discount_costs_margin(seed: int) -> float:
    """Gross margin won at a 25 % bid discount over the default 8 %'s, minus 1 (more deals, thinner margins)."""
    deep = _run(seed, replace(ka.RepPolicy(), bid_discount=DEEP_DISCOUNT)).opportunities
    return float(deep["gross_margin"].sum() / _default(seed).opportunities["gross_margin"].sum() - 1.0)


def _size_heavy_grading() -> ka.Grading:
    others = {name: w for name, w in ka.DEFAULT_GRADING_WEIGHTS.items() if name != "size"}
    scale = (1.0 - SIZE_WEIGHT) / sum(others.values())
    return ka.Grading(weights={"size": SIZE_WEIGHT, **{name: w * scale for name, w in others.items()}})


@lesson("size_grading_blurs_grades", "ka_win_rate_gap", "below", 0.0)
def size_grading_blurs_grades(seed: int) -> float:
    """Win-rate gap A - C when size weighs half of the grade, minus the gap of the default grading."""
    def gap(run: ka.KeyAccountsRun) -> float:
        rates = ka.win_rates(run, by="grade")["win_rate"]
        return float(rates["A"] - rates["C"])
    return gap(_run(seed, grading=_size_heavy_grading())) - gap(_default(seed))


@lesson("weighted_forecast_right_on_average", "relative_error", "within", -0.15, 0.15)
def weighted_forecast_right_on_average(seed: int) -> float:
    """Stage-weighted forecast (last year's stage win rates) summed over the months, over what the same
    opportunities were won for, minus 1."""
    last_year = ka.simulate_key_accounts(_world(seed), seed=ka.last_year_seed(seed))
    forecast = ka.forecast_by_month(_default(seed), method="stage", stage_weights=ka.stage_win_rates(last_year))
    return float(forecast["forecast"].sum() / forecast["actual"].sum() - 1.0)

