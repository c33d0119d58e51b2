"""The rep's policy: which grades to pursue, how to split the hours, coach, price and risk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..validation import check_choices, check_probability, check_real
from .vocab import GRADES


@dataclass(frozen=True)
class RepPolicy:
    """The rep's decisions, applied to every opportunity.

    Copy one with :func:`dataclasses.replace` (``replace(policy, bid_discount=0.1)``).

    Parameters
    ----------
    pursue : tuple of str
        Grades worth pursuing (possibly none); the other leads are graded out
        in development. Default A to C: the course's advice to leave D
        accounts to ordinary selling.
    effort_weights : mapping of grade -> weight
        How the rep splits the monthly hours: an opportunity of grade g gets
        hours in proportion to ``effort_weights[g]`` (missing grades weigh 0).
        Default 4 : 2 : 1 : 0.5 for A : B : C : D: each grade twice the next.
    monthly_hours : float
        Hours a month the rep spends on key-account opportunities (1-400).
        Default 120: three quarters of a full-time month.
    develop_coach : bool
        Whether the rep works at developing a coach (教练/内线) in accounts
        without one and at strengthening existing coaches. It costs 15 % of
        the hours spent on the account. Default True, as the course teaches.
    bid_discount : float
        Bid price = list value x (1 - bid_discount), in [0, 0.5]. Default
        0.08: a modest discount, well above our cost
        (:data:`~crmsim.key_accounts.process.COST_SHARE` of list).
    drop_risk_above : float
        After the first interviews the rep fills in the risk assessment
        (风险评估表) and drops a lead whose risk score exceeds this (0-1;
        1 never drops). Default 0.75: only leads with a clearly high risk are dropped.
    """

    pursue: tuple[str, ...] = ("A", "B", "C")
    effort_weights: Mapping[str, float] = field(default_factory=lambda: {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.5})
    monthly_hours: float = 120.0
    develop_coach: bool = True
    bid_discount: float = 0.08
    drop_risk_above: float = 0.75

    def __post_init__(self) -> None:
        if not isinstance(self.pursue, (tuple, list)):
            raise TypeError(f"pursue must be a tuple of grades from {GRADES}; got {self.pursue!r}")
        # An empty tuple is allowed: a rep who pursues nothing wins nothing.
        pursue = tuple(self.pursue)
        if pursue != ():
            pursue = check_choices("pursue", pursue, GRADES)
        object.__setattr__(self, "pursue", pursue)
        if not isinstance(self.effort_weights, Mapping):
            raise TypeError(f"effort_weights must be a mapping of grade -> weight; got {self.effort_weights!r}")
        check_choices("effort_weights", list(self.effort_weights), GRADES)
        weights = {g: check_real(f"effort_weights[{g!r}]", w, 0.0, 1000.0) for g, w in self.effort_weights.items()}
        object.__setattr__(self, "effort_weights", {g: weights.get(g, 0.0) for g in GRADES})
        object.__setattr__(self, "monthly_hours", check_real("monthly_hours", self.monthly_hours, 1.0, 400.0))
        if not isinstance(self.develop_coach, (bool, np.bool_)):
            raise TypeError(f"develop_coach must be True or False; got {self.develop_coach!r}")
        object.__setattr__(self, "bid_discount", check_real("bid_discount", self.bid_discount, 0.0, 0.5))
        object.__setattr__(self, "drop_risk_above", check_probability("drop_risk_above", self.drop_risk_above))


def check_policy(policy: object) -> RepPolicy:
    """``policy``, or the default :class:`RepPolicy` for None; a TypeError for anything else."""
    if policy is None:
        return RepPolicy()
    if not isinstance(policy, RepPolicy):
        raise TypeError(f"policy must be a crmsim.key_accounts.RepPolicy; got {policy!r}")
    return policy


def policy_from_effort(effort_weights: Mapping[str, float], **settings) -> RepPolicy:
    """The policy that pursues exactly the grades given some effort.

    A grade with weight 0 gets no hours, so it is not pursued either: one
    number per grade says both whether and how much the rep works it.

    Parameters
    ----------
    effort_weights : mapping of grade -> weight
        As :attr:`RepPolicy.effort_weights`.
    **settings
        The other fields of :class:`RepPolicy` (``monthly_hours``,
        ``develop_coach``, ``bid_discount``, ``drop_risk_above``).
    """
    if "pursue" in settings:
        raise TypeError("policy_from_effort chooses pursue from the effort weights; do not pass it")
    if not isinstance(effort_weights, Mapping):
        raise TypeError(f"effort_weights must be a mapping of grade -> weight; got {effort_weights!r}")
    check_choices("effort_weights", list(effort_weights), GRADES)
    weights = {grade: check_real(f"effort_weights[{grade!r}]", weight, 0.0, 1000.0)
               for grade, weight in effort_weights.items()}
    return RepPolicy(pursue=tuple(g for g in GRADES if weights.get(g, 0.0) > 0), effort_weights=weights,
                     **settings)


def effort_by_grade(policy: RepPolicy) -> dict[str, float]:
    """The effort weight of each grade, 0 for a grade not pursued (the inverse of :func:`policy_from_effort`)."""
    policy = check_policy(policy)
    return {grade: policy.effort_weights[grade] if grade in policy.pursue else 0.0 for grade in GRADES}
