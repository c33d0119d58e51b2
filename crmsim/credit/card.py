"""How the credit model works, read from the code: :func:`model_card` lists its
coefficients, and :func:`rating_explanation` shows which items of one
customer's file moved its score away from the market's average."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..code_names import card_table, read_number
from . import receivables as _receivables
from .file import check_file, customer_row
from .policy import CreditPolicy
from .rating import DEFAULT_SCORECARD, ScoreCard, rate

#: Module constants of the simulation shown on the card, in order.
_CONSTANTS = ("TERMS_ELASTICITY", "TERMS_FLOOR_DAYS", "DISCOUNT_SALES_LIFT", "DISCOUNT_TAKE_UP", "DEFAULT_HAZARD",
              "HAZARD_PERIOD_EXPONENT", "DISTRESS_DAYS", "LATE_BASE", "LATE_SLOPE", "INCIDENT_DAYS")
#: Default policy fields shown on the card, in order.
_POLICY_FIELDS = ("cutoff", "credit_period", "cash_sales_share", "variable_cost_ratio", "cost_of_capital",
                  "day_count", "reminder_cost", "escalation_fee")
#: Every parameter code of the card (``credit.param.<code>`` is its name, ``credit.card.<code>`` its meaning).
CARD_PARAMETERS = tuple(c.lower() for c in _CONSTANTS) + _POLICY_FIELDS


def model_card(policy: CreditPolicy | None = None) -> pd.DataFrame:
    """The coefficients of the receivables model and of a policy, read from the code.

    Parameters
    ----------
    policy : CreditPolicy, optional
        Whose fields are shown; default ``CreditPolicy()``, the model's defaults.

    Returns
    -------
    DataFrame with the columns ``parameter`` (code; ``credit.param.<code>`` is
    its name), ``name_in_code`` (where it lives: ``receivables.TERMS_ELASTICITY``,
    ``CreditPolicy.cutoff``; see :mod:`crmsim.code_names`), ``value`` (float)
    and ``meaning`` (the same code; :func:`crmsim.display.labelled` with the
    topic ``"credit"`` turns it into a sentence).
    """
    policy = CreditPolicy() if policy is None else policy
    if not isinstance(policy, CreditPolicy):
        raise TypeError(f"policy must be a CreditPolicy; got {type(policy).__name__}")
    numbers = [read_number(_receivables, c) for c in _CONSTANTS] + [read_number(policy, f) for f in _POLICY_FIELDS]
    return card_table(CARD_PARAMETERS, numbers)


def rating_explanation(file: pd.DataFrame, customer_id: int, scorecard: ScoreCard = DEFAULT_SCORECARD,
                       ) -> pd.DataFrame:
    """View: which items moved one customer's score, against the average customer of the file.

    Each factor's push is its weight x (the customer's points - the mean
    points of all customers in the file); the pushes add up to the customer's
    score minus the mean score. Rows are sorted by how much they moved the
    score, largest first. Show it with ``labelled(table, "credit")``.

    Parameters
    ----------
    file : DataFrame
        From :func:`~crmsim.credit.credit_file`.
    customer_id : int
    scorecard : ScoreCard
        Default: the course's card.

    Returns
    -------
    DataFrame with the columns ``factor`` (code), ``points``, ``mean_points``
    (of the file), ``weight`` (normalised) and ``push`` (points of score,
    + raised it, - lowered it), then a last row ``factor="total"`` whose
    ``points`` is the customer's score, ``mean_points`` the mean score and
    ``push`` their difference.
    """
    if not isinstance(scorecard, ScoreCard):
        raise TypeError(f"scorecard must be a ScoreCard; got {type(scorecard).__name__}")
    check_file(file, ["customer_id"] + [f.name for f in scorecard.factors])
    customer_row(file, customer_id, "the credit file")  # a clear error for an unknown id
    rating = rate(file, scorecard)
    row = int(np.flatnonzero(rating["customer_id"].to_numpy() == customer_id)[0])
    weights = scorecard.weights
    names = [f.name for f in scorecard.factors]
    points = np.array([rating[f"points_{n}"].to_numpy()[row] for n in names])
    means = np.array([rating[f"points_{n}"].to_numpy().mean() for n in names])
    weight = np.array([weights[n] for n in names])
    push = weight * (points - means)
    order = np.argsort(-np.abs(push), kind="stable")
    table = pd.DataFrame({"factor": pd.array(names, dtype=object)[order], "points": points[order],
                          "mean_points": np.round(means[order], 2), "weight": np.round(weight[order], 3),
                          "push": np.round(push[order], 2)})
    score, mean_score = float(rating["score"].to_numpy()[row]), float(rating["score"].to_numpy().mean())
    total = pd.DataFrame({"factor": ["total"], "points": [round(score, 2)], "mean_points": [round(mean_score, 2)],
                          "weight": [1.0], "push": [round(score - mean_score, 2)]})
    return pd.concat([table, total], ignore_index=True)
