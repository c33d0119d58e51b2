"""The glass box of the key-account process: why one opportunity was won or lost, and the model's card.

:func:`explain_opportunity` splits an opportunity's win probability into the
contributions of its drivers (grade, coach, the buying centre's attitude,
effort, proposal, fit, the rep's skill, competition, price), then the rep's
decision (graded out or dropped) and the luck of the draws, so the rows add
up from a neutral opportunity to what happened. :func:`model_card` and
:func:`stage_coefficients` read the model's numbers from the code, so that a
notebook shows the coefficients the simulation really uses.
"""

from __future__ import annotations

from math import factorial

import numpy as np
import pandas as pd

from ..code_names import card_table, read_number
from . import process, stages
from .forms import _opportunity
from .grading import Grading
from .policy import RepPolicy
from .process import KeyAccountsRun, check_run
from .stages import _B, stage_probabilities
from .vocab import GRADES, STAGES

#: The drivers of :func:`explain_opportunity`, each with the columns of the stage model it sets and their
#: reference values: a neutral opportunity (grade C, no coach, an indifferent buying centre, middling effort,
#: proposal, fit and skill, no rival, a bid at list price).
DRIVERS = {
    "grade": {"grade_support": 0.0},
    "coach": {"coach_strength": 0.0},
    "attitude": {"rel_decision_maker": 0.0, "rel_influencer": 0.0, "rel_user": 0.0, "rel_gatekeeper": 0.0},
    "effort": {"effort_factor": 0.5},
    "proposal": {"proposal_quality": 0.5},
    "fit": {"fit": 0.5},
    "skill": {"prospecting_skill": 0.5, "retention_skill": 0.5},
    "competition": {"competitor_strength": 0.0, "n_competitors": 0},
    "price": {"bid_price": None},  # None: the list value (``amount``), no discount
}
#: The rows of :func:`explain_opportunity`, in order.
EXPLANATION_ROWS = ("baseline", *DRIVERS, "decision", "stage_reached")


def _shown_value(name: str, o: pd.Series) -> tuple[float, float]:
    """The number a driver row shows for the opportunity, and for the reference."""
    if name == "attitude":
        return float(o["relationship"]), 0.0
    if name == "skill":
        return float((o["prospecting_skill"] + o["retention_skill"]) / 2.0), 0.5
    if name == "price":
        return float(o["bid_price"] / o["amount"]), 1.0
    column, reference = next(iter(DRIVERS[name].items()))
    return float(o[column]), float(reference)


def _coalition_values(o: pd.Series) -> np.ndarray:
    """Win probability (first five stages) for every subset of drivers at their actual values, the rest at
    reference: entry ``mask`` has driver k actual when bit k of ``mask`` is set."""
    names = list(DRIVERS)
    masks = np.arange(2 ** len(names))
    frame = {}
    for k, name in enumerate(names):
        actual = (masks >> k) & 1 == 1
        for column, reference in DRIVERS[name].items():
            reference = o["amount"] if reference is None else reference
            frame[column] = np.where(actual, float(o[column]), float(reference))
    for column in ("budget", "amount", "competitor_discount", "price_weight", "need"):
        frame[column] = np.full(len(masks), float(o[column]))
    return stage_probabilities(frame)[:, :5].prod(axis=1)


def _shapley(values: np.ndarray, n: int) -> np.ndarray:
    """Shapley share of each of ``n`` players in the game whose coalition values are ``values``."""
    masks = np.arange(2 ** n)
    size = np.array([bin(m).count("1") for m in masks])
    weight = np.array([factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)])
    shares = np.zeros(n)
    for k in range(n):  # nine drivers: a loop over players, not over opportunities
        without = masks[(masks >> k) & 1 == 0]
        shares[k] = (weight[size[without]] * (values[without | (1 << k)] - values[without])).sum()
    return shares


def explain_opportunity(run: KeyAccountsRun, opportunity_id: int) -> pd.DataFrame:
    """Why one opportunity was won or lost: its drivers and their contribution to the win probability.

    The win probability (product of the first five stages' probabilities,
    :func:`~crmsim.key_accounts.stage_probabilities`) of a neutral
    opportunity is the ``baseline``; each driver of :data:`DRIVERS` then adds
    its contribution, its Shapley value: the change in win probability from
    the driver's reference to its actual value, averaged over every order
    of bringing the drivers in, so the contributions add up exactly, however
    the drivers interact. ``decision`` takes the probability to 0 when the
    rep graded the lead out or dropped it after the risk assessment, and
    ``stage_reached`` adds the luck of the draws (won minus the probability).

    Parameters
    ----------
    run : KeyAccountsRun
    opportunity_id : int

    Returns
    -------
    DataFrame indexed by ``driver`` (the codes of :data:`EXPLANATION_ROWS`)
        ``value`` (the opportunity's: grade support A 1, B 0.5, C 0, D -0.5;
        coach strength 0-1; the buying centre's influence-weighted attitude
        -1..1; effort factor, proposal quality, fit and mean rep skill 0-1;
        the strongest rival's strength 0-1; bid over list value; for
        ``decision`` 1 if pursued and kept, else 0; for ``stage_reached`` the
        number of stages entered, 1-6), ``reference`` (the neutral value),
        ``contribution`` (to the win probability, 0-1 scale) and ``running``
        (the sum so far: the baseline, ..., the run's ``win_probability``
        after ``decision``, and the outcome, 1 won or 0, after
        ``stage_reached``). ``value`` and ``reference`` are NaN on the
        ``baseline`` row.
    """
    run = check_run(run)
    o = _opportunity(run, opportunity_id)
    values = _coalition_values(o)
    shares = _shapley(values, len(DRIVERS))
    baseline, model = float(values[0]), float(values[-1])
    kept = float(bool(o["pursued"]) and o["reason"] != "high_risk")
    won = float(o["outcome"] == "won")
    shown = [_shown_value(name, o) for name in DRIVERS]
    rows = {
        "value": [np.nan, *(v for v, _ in shown), kept, float(o["stages_entered"])],
        "reference": [np.nan, *(r for _, r in shown), 1.0, float(len(STAGES))],
        "contribution": [baseline, *shares, float(o["win_probability"]) - model, won - float(o["win_probability"])],
    }
    table = pd.DataFrame(rows, index=pd.Index(list(EXPLANATION_ROWS), name="driver"))
    table["running"] = table["contribution"].cumsum()
    return table


def model_card() -> pd.DataFrame:
    """The key-account model's numbers, read from the code where the simulation reads them.

    Returns
    -------
    DataFrame
        One row per number: ``parameter`` (a code; ``ka.param.<code>`` is its name), ``name_in_code``
        (where it lives: a constant of :mod:`~crmsim.key_accounts.process` or
        :mod:`~crmsim.key_accounts.stages`, or a field of the default :class:`RepPolicy` and
        :class:`Grading`; see :mod:`crmsim.code_names`), ``value`` (float) and ``meaning`` (the same
        code; ``ka.meaning.<code>`` is its text). Show it with ``labelled(card, "key_accounts")``.
    """
    policy, grading = RepPolicy(), Grading()
    where = {
        "cost_share": (process, "COST_SHARE"),
        "half_effect_hours": (process, "HALF_EFFECT_HOURS"),
        "max_hours_per_opportunity": (process, "MAX_HOURS_PER_OPPORTUNITY"),
        "typical_cycle_months": (process, "TYPICAL_CYCLE_MONTHS"),
        "coach_work_share": (process, "COACH_WORK_SHARE"),
        "tender_slope": (stages, "TENDER_SLOPE"),
        **{f"grade_support_{g}": (stages, "GRADE_SUPPORT", i) for i, g in enumerate(GRADES)},
        **{f"cutoff_{g}": (grading, "cutoffs", i) for i, g in enumerate(GRADES[:len(grading.cutoffs)])},
        "monthly_hours": (policy, "monthly_hours"),
        **{f"effort_weight_{g}": (policy, "effort_weights", g) for g in GRADES},
        "bid_discount": (policy, "bid_discount"),
        "drop_risk_above": (policy, "drop_risk_above"),
    }
    return card_table(list(where), [read_number(*place) for place in where.values()])


def stage_coefficients() -> pd.DataFrame:
    """The logit coefficients of each stage's probability, read from the model: one row per ``term``
    (``base``, ``fit`` ... ``over_budget``; see :func:`~crmsim.key_accounts.stage_probabilities`), one column
    per stage (the codes of :data:`~crmsim.key_accounts.STAGES`). A positive number raises the chance of
    meeting that stage's key node."""
    return pd.DataFrame(np.array([_B[term] for term in _B]), columns=list(STAGES),
                        index=pd.Index(list(_B), name="term"))
