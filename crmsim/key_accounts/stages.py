"""The model of the six stages: how likely each key node is reached, and the tender.

The six stages, the key node (关键节点) that closes each, and what decides it here:

1. development (客户开发): accurate project information; fit on the five
   criteria, rep prospecting skill, effort, coach
2. initiation (立项): pre-sales approval; fit, decision maker and gatekeeper attitude
3. proposal (提案): relationship advanced; proposal quality, influencers,
   coach, competitors
4. tender (招投标): bid or negotiated bid; price and non-price tender scores
   against the strongest rival
5. negotiation (商务谈判): contract approved and signed; decision maker, bid
   price against the budget
6. implementation (工程实施): acceptance and project close; feasibility,
   users, rep retention skill

Every function takes a DataFrame or a dict of arrays with the columns of a
simulated opportunities table (``KeyAccountsRun.opportunities``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import check_probability

# Logit coefficients of each stage's conversion probability, one column per
# stage (development .. implementation). Every coefficient on a relationship or
# on the coach is >= 0: a better relationship never hurts.
_B = {
    "base":             [1.3, 1.2, 0.7, 0.0, 1.3, 2.4],
    "fit":              [2.0, 1.5, 1.0, 0.5, 0.5, 1.5],   # x (fit - 0.5)
    # x (A +1, B +0.5, C 0, D -0.5): pre-sales support follows the grade
    "grade_support":    [0.3, 0.3, 0.2, 0.1, 0.1, 0.0],
    "rel_decision_maker": [0.2, 0.6, 0.3, 0.3, 1.2, 0.2],
    "rel_influencer":   [0.3, 0.4, 0.9, 0.0, 0.3, 0.2],   # tender: inside the non-price score
    "rel_user":         [0.1, 0.2, 0.4, 0.2, 0.1, 0.8],
    "rel_gatekeeper":   [0.4, 0.5, 0.2, 0.4, 0.2, 0.1],
    "coach_strength":   [0.8, 0.6, 1.0, 0.4, 0.5, 0.2],
    "prospecting_skill": [1.2, 0.8, 0.5, 0.3, 0.5, 0.0],  # x (skill - 0.5)
    "retention_skill":  [0.0, 0.0, 0.0, 0.0, 0.3, 1.2],
    "effort":           [1.2, 1.0, 0.8, 0.3, 0.5, 0.6],   # x (effort factor - 0.5)
    "competitor_strength": [0.0, -0.3, -1.2, 0.0, -0.5, 0.0],
    "proposal_quality": [0.0, 0.0, 1.5, 0.0, 0.0, 0.0],   # x (quality - 0.5)
    "over_budget":      [0.0, 0.0, 0.0, -3.0, -5.0, 0.0], # x max(0, bid / budget - 1)
}
_B = {name: np.asarray(v) for name, v in _B.items()}
#: Pre-sales support of grades A, B, C, D (the ``grade_support`` column).
GRADE_SUPPORT = np.array([1.0, 0.5, 0.0, -0.5])
#: Slope of the tender's win logit in the difference of total scores.
TENDER_SLOPE = 8.0
#: Typical days in each stage.
STAGE_DAYS = np.array([30.0, 21.0, 30.0, 28.0, 21.0, 75.0])
#: The columns the stage model reads (those of a simulated opportunities table).
FRAME_COLUMNS = ("fit", "grade_support", "rel_decision_maker", "rel_influencer", "rel_user", "rel_gatekeeper",
                 "coach_strength", "competitor_strength", "prospecting_skill", "retention_skill", "effort_factor",
                 "proposal_quality", "bid_price", "budget", "amount", "competitor_discount", "price_weight",
                 "n_competitors", "need")


def check_frame(frame, columns=FRAME_COLUMNS):
    """``frame`` if it is a DataFrame or a dict of arrays with ``columns``; else a TypeError naming what is missing."""
    if not isinstance(frame, (Mapping, pd.DataFrame)):
        raise TypeError("frame must be a DataFrame (or a dict of arrays) with the columns of a simulated "
                        f"opportunities table (KeyAccountsRun.opportunities); got {type(frame).__name__}")
    missing = [name for name in columns if name not in frame]
    if missing:
        raise TypeError(f"frame lacks the column(s) {missing}; it needs {list(columns)} "
                        "(those of KeyAccountsRun.opportunities)")
    return frame


def tender_scores(frame) -> tuple[np.ndarray, np.ndarray]:
    """Our and the strongest rival's total tender score (0-1).

    Total = price weight x price score + (1 - price weight) x non-price score.
    The lower bid gets price score 1, the other ``lower / own``. Our non-price
    score is half proposal quality, a quarter the influencers' attitude and a
    quarter the coach; the rival's is its strength. Without rivals the bar is
    a fixed 0.3.
    """
    check_frame(frame, ("bid_price", "amount", "competitor_discount", "price_weight", "proposal_quality",
                        "rel_influencer", "coach_strength", "n_competitors", "competitor_strength"))
    bid = frame["bid_price"]
    rival_bid = frame["amount"] * (1.0 - frame["competitor_discount"])
    weight = frame["price_weight"]
    ours_price = np.minimum(1.0, rival_bid / bid)
    theirs_price = np.minimum(1.0, bid / rival_bid)
    ours_quality = (0.5 * frame["proposal_quality"] + 0.25 * (frame["rel_influencer"] + 1.0) / 2.0
                    + 0.25 * frame["coach_strength"])
    ours = weight * ours_price + (1.0 - weight) * ours_quality
    theirs = np.where(frame["n_competitors"] > 0, weight * theirs_price + (1.0 - weight) * frame["competitor_strength"],
                      0.3)
    return np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)


def risk_score(frame) -> np.ndarray:
    """The risk assessment (风险评估表) after the first interviews, 0 (safe) to 1.

    Budget shortfall, rival strength, a weak need and a cool decision maker
    raise it; a coach lowers it.
    """
    check_frame(frame, ("budget", "amount", "competitor_strength", "need", "rel_decision_maker", "coach_strength"))
    shortfall = np.clip(1.0 - frame["budget"] / frame["amount"], 0.0, 1.0)
    score = (0.2 + 0.8 * shortfall + 0.3 * frame["competitor_strength"] + 0.3 * (1.0 - frame["need"])
             - 0.25 * frame["rel_decision_maker"] - 0.2 * frame["coach_strength"])
    return np.clip(np.asarray(score, dtype=float), 0.0, 1.0)


def stage_probabilities(frame) -> np.ndarray:
    """Conversion probability of each of the six stages, shape (n, 6).

    ``frame`` holds the columns of
    :func:`~crmsim.key_accounts.prepare_key_accounts` plus the policy's
    ``grade_support``, ``effort_factor``, ``coach_strength``,
    ``proposal_quality`` and ``bid_price``: the columns of a simulated
    opportunities table.
    """
    check_frame(frame)

    def col(name):
        return np.asarray(frame[name], dtype=float)[:, None]

    logit = np.broadcast_to(_B["base"], (len(np.asarray(frame["fit"])), 6)).copy()
    logit += _B["fit"] * (col("fit") - 0.5)
    logit += _B["grade_support"] * col("grade_support")
    for name in ("rel_decision_maker", "rel_influencer", "rel_user", "rel_gatekeeper", "coach_strength",
                 "competitor_strength"):
        logit += _B[name] * col(name)
    logit += _B["prospecting_skill"] * (col("prospecting_skill") - 0.5)
    logit += _B["retention_skill"] * (col("retention_skill") - 0.5)
    logit += _B["effort"] * (col("effort_factor") - 0.5)
    logit += _B["proposal_quality"] * (col("proposal_quality") - 0.5)
    logit += _B["over_budget"] * np.maximum(0.0, col("bid_price") / col("budget") - 1.0)
    ours, theirs = tender_scores(frame)
    logit[:, 3] += TENDER_SLOPE * (ours - theirs)
    return 1.0 / (1.0 + np.exp(-logit))


def win_probability(frame, drop_risk_above: float = 1.0) -> np.ndarray:
    """Probability that each opportunity ends with a signed contract.

    The product of the first five stage probabilities, zero for leads not
    pursued (``pursued`` column, if present) or dropped by the risk
    assessment (risk score above ``drop_risk_above``; default 1, which drops
    none, so the result is the chance of the opportunity itself).
    """
    drop_risk_above = check_probability("drop_risk_above", drop_risk_above)
    check_frame(frame)
    p = stage_probabilities(frame)[:, :5].prod(axis=1)
    kept = risk_score(frame) <= drop_risk_above
    if "pursued" in frame:
        kept &= np.asarray(frame["pursued"], dtype=bool)
    return np.where(kept, p, 0.0)
