"""The prospecting policy: a yearly budget split over the development methods."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..validation import check_real
from .methods import METHODS


@dataclass(frozen=True)
class ProspectingPolicy:
    """How much a seller spends on prospecting, and on which methods.

    Parameters
    ----------
    budget : float
        CNY spent over the campaign (default 1,000,000: about what three field
        reps' prospecting time and a modest campaign cost a mid-sized B2B
        seller in a year; our choice). In [0, 1e9].
    shares : tuple of float or mapping of method -> float
        Relative weights of the methods, in :data:`~crmsim.development.METHODS`
        order (a mapping may name some methods; the others get 0). Default:
        equal weights, the naive split a manager starts from. All zero means
        equal weights (see :func:`budget_split`).
    """

    budget: float = 1_000_000.0
    shares: tuple[float, ...] = (1.0,) * len(METHODS)

    def __post_init__(self) -> None:
        object.__setattr__(self, "budget", check_real("budget", self.budget, 0.0, 1e9))
        shares = self.shares
        if isinstance(shares, Mapping):
            unknown = [k for k in shares if k not in METHODS]
            if unknown:
                raise ValueError(f"shares names unknown method(s) {unknown}; allowed: {METHODS}")
            shares = tuple(shares.get(m, 0.0) for m in METHODS)
        if isinstance(shares, (str, bytes)) or not hasattr(shares, "__len__") or len(shares) != len(METHODS):
            raise TypeError(f"shares must be {len(METHODS)} weights, one per method {METHODS}, or a mapping of "
                            f"method to weight; got {shares!r}")
        object.__setattr__(self, "shares", tuple(check_real(f"shares[{METHODS[k]!r}]", w, 0.0, 1e6)
                                                 for k, w in enumerate(shares)))


def budget_split(policy: ProspectingPolicy) -> np.ndarray:
    """CNY given to each method (in :data:`METHODS` order): the budget in proportion to the shares.

    The business rule: weights are relative, and all-zero weights mean equal
    weights (a manager who sets nothing has not decided to spend nothing).
    """
    if not isinstance(policy, ProspectingPolicy):
        raise TypeError(f"policy must be a ProspectingPolicy; got {type(policy).__name__}")
    weights = np.asarray(policy.shares, dtype=float)
    if weights.sum() <= 0:
        weights = np.ones(len(METHODS))
    return policy.budget * weights / weights.sum()
