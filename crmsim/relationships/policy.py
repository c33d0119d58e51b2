"""The care policy (客户关怀策略): how much we spend on customers, how often
and through which channels we contact them, the service we give, how we
maintain the relationship and how we handle complaints.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..validation import check_choice, check_real
from ..world import vocab
from .complaints import check_handling
from .ladder import Ladder

#: Contact channels: code, cost per contact (CNY) and care effect per contact
#: (a face-to-face visit = 1). Their names are ``rel.channel.<code>`` texts.
CHANNELS = (
    ("face_to_face", 1500.0, 1.00),
    ("phone", 80.0, 0.35),
    ("sms", 1.0, 0.05),
    ("email", 5.0, 0.08),
    ("event", 3000.0, 1.40),
)
CHANNEL_CODES = tuple(row[0] for row in CHANNELS)
CHANNEL_COST = np.array([row[1] for row in CHANNELS])
CHANNEL_EFFECT = np.array([row[2] for row in CHANNELS])

#: Channel mixes offered by the dashboard (weights are normalised).
CHANNEL_MIXES = {
    "personal": {"face_to_face": 0.5, "phone": 0.3, "sms": 0.0, "email": 0.1, "event": 0.1},
    "balanced": {"face_to_face": 0.2, "phone": 0.3, "sms": 0.2, "email": 0.2, "event": 0.1},
    "digital": {"face_to_face": 0.0, "phone": 0.2, "sms": 0.4, "email": 0.4, "event": 0.0},
}

#: Service levels. "tiered" gives key accounts personalised and ordinary
#: customers standardised service, as the course recommends.
SERVICE_LEVELS = ("standardised", "tiered", "personalised")

#: Maintenance styles: effect on satisfaction (the gap), on the up and down logits, a churn multiplier
#: once any hold has worn off, and the hold: forced ties (强人所难) cut churn by ``hold`` at first, and the
#: cut wears off with a time constant of ``hold_months`` (a year's contract or rebate to earn back holds a
#: customer for months, not for good), while the resentment (lower satisfaction, more moves down, a churn
#: multiplier above 1) stays. Voluntary ties are the course's recommendation; negotiated ones keep
#: customers a little better than voluntary ones at the price of slower climbs (our choice).
MAINTENANCE = {
    "forced": {"satisfaction": -0.25, "up": -0.8, "down": 0.5, "churn": 1.0, "hold": 0.8, "hold_months": 8.0},
    "voluntary": {"satisfaction": 0.05, "up": 0.3, "down": 0.0, "churn": 1.0, "hold": 0.0, "hold_months": 1.0},
    "negotiated": {"satisfaction": 0.0, "up": 0.0, "down": 0.0, "churn": 0.9, "hold": 0.0, "hold_months": 1.0},
}
#: A style with no effect at all, for taking a customer's chances apart.
NEUTRAL_STYLE = {"satisfaction": 0.0, "up": 0.0, "down": 0.0, "churn": 1.0, "hold": 0.0, "hold_months": 1.0}
MAINTENANCE_STYLES = tuple(MAINTENANCE)

#: The course's monthly care budget by grade (segment), CNY per customer:
#: key accounts get several times what an ordinary customer gets.
DEFAULT_CARE_BUDGET = {"ordinary": 300.0, "economic": 1000.0, "group": 1500.0, "strategic": 2000.0,
                       "important": 1500.0}


@dataclass(frozen=True)
class CarePolicy:
    """How we look after customers.

    The defaults are the course's recommended policy: a budget by grade
    (:data:`DEFAULT_CARE_BUDGET`), two contacts a month through a balanced
    mix of channels, tiered service, voluntary maintenance and complaints
    handled in five days with fair quality. Copy a policy with a change with
    :func:`dataclasses.replace` (``replace(policy, care_budget=0)``).

    Attributes
    ----------
    care_budget : float or mapping
        Monthly customer-care spending per customer (gifts, visits on
        important dates, seminars...), CNY. One number for everyone, or a
        mapping over all segment codes (budget by grade) or over all level
        codes of the ladder (budget by level). Stored as sorted
        ``(code, budget)`` pairs.
    contacts_per_month : float
        Contact cadence per customer, 0-20.
    channel_mix : str or mapping
        A preset of :data:`CHANNEL_MIXES` or weights over :data:`CHANNEL_CODES`
        (non-negative, normalised to sum 1). Stored as ``(channel, weight)``
        pairs in :data:`CHANNEL_CODES` order.
    service_level : {"standardised", "tiered", "personalised"}
    maintenance : {"forced", "voluntary", "negotiated"}
    complaint_days : float
        Days to handle a complaint, 1-60.
    complaint_quality : float
        Quality of complaint handling, 0-1.
    """

    care_budget: float | Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CARE_BUDGET))
    contacts_per_month: float = 2.0
    channel_mix: str | Mapping[str, float] = "balanced"
    service_level: str = "tiered"
    maintenance: str = "voluntary"
    complaint_days: float = 5.0
    complaint_quality: float = 0.7

    def __post_init__(self) -> None:
        object.__setattr__(self, "care_budget", _checked_budget(self.care_budget))
        object.__setattr__(self, "contacts_per_month", check_real("contacts_per_month", self.contacts_per_month, 0, 20))
        object.__setattr__(self, "channel_mix", _checked_mix(self.channel_mix))
        check_choice("service_level", self.service_level, SERVICE_LEVELS)
        check_choice("maintenance", self.maintenance, MAINTENANCE_STYLES)
        days, quality = check_handling(self.complaint_days, self.complaint_quality)
        object.__setattr__(self, "complaint_days", days)
        object.__setattr__(self, "complaint_quality", quality)

    @property
    def channel_weights(self) -> np.ndarray:
        """Normalised weights in :data:`CHANNEL_CODES` order."""
        return np.array([w for _, w in self.channel_mix])

    @property
    def contact_cost(self) -> float:
        """Planned monthly contact cost per customer, CNY."""
        return self.contacts_per_month * float(self.channel_weights @ CHANNEL_COST)


def _pairs(value: object) -> object:
    """A policy's own stored form (a tuple of pairs) back as a mapping, so that
    :func:`dataclasses.replace` can rebuild a policy; anything else unchanged."""
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        return dict(value)
    return value


def _checked_budget(budget: object) -> float | tuple[tuple[str, float], ...]:
    budget = _pairs(budget)
    if isinstance(budget, Mapping):
        if not budget:
            raise ValueError("care_budget must not be an empty mapping")
        checked = {str(k): check_real(f"care_budget[{k!r}]", v, 0.0, 100_000.0) for k, v in budget.items()}
        return tuple(sorted(checked.items()))
    return check_real("care_budget", budget, 0.0, 100_000.0)


def _checked_mix(mix: object) -> tuple[tuple[str, float], ...]:
    mix = _pairs(mix)
    if isinstance(mix, str):
        mix = CHANNEL_MIXES[check_choice("channel_mix", mix, tuple(CHANNEL_MIXES))]
    if not isinstance(mix, Mapping):
        raise TypeError(f"channel_mix must be a preset name {tuple(CHANNEL_MIXES)} or a dict of weights over "
                        f"{CHANNEL_CODES}; got {mix!r}")
    unknown = [k for k in mix if k not in CHANNEL_CODES]
    if unknown:
        raise ValueError(f"channel_mix has unknown channel(s) {unknown}; allowed: {CHANNEL_CODES}")
    weights = np.array([check_real(f"channel_mix[{c!r}]", mix.get(c, 0.0), 0.0) for c in CHANNEL_CODES])
    largest = weights.max()
    if largest <= 0:
        raise ValueError(f"channel_mix weights must not all be zero; got {dict(mix)}")
    if largest > 1.0 or math.fsum(weights.tolist()) != 1.0:  # weights already normalised (a copied policy) keep their exact values
        # Divided by the largest first, so huge weights cannot overflow to inf and tiny ones not to zero.
        weights = weights / largest
        weights = weights / weights.sum()
    return tuple(zip(CHANNEL_CODES, weights.tolist()))


def budget_matrix(policy: CarePolicy, ladder: Ladder, segment_codes: np.ndarray) -> np.ndarray:
    """Monthly care budget per customer and level, shape (n, K).

    Parameters
    ----------
    policy : CarePolicy
    ladder : Ladder
    segment_codes : ndarray of int
        Each customer's index into :data:`crmsim.world.vocab.SEGMENT_CODES`.

    Raises
    ------
    ValueError
        If a budget by grade or by level leaves a segment or level out, or
        mixes segment and level codes.
    """
    n, k = len(segment_codes), len(ladder.levels)
    if not isinstance(policy.care_budget, tuple):
        return np.full((n, k), policy.care_budget)
    budget = dict(policy.care_budget)
    keys = set(budget)
    if keys <= set(vocab.SEGMENT_CODES):
        missing = [s for s in vocab.SEGMENT_CODES if s not in keys]
        if missing:
            raise ValueError(f"care_budget by segment must give every segment; missing {missing}")
        by_segment = np.array([budget[s] for s in vocab.SEGMENT_CODES])
        return np.repeat(by_segment[segment_codes][:, None], k, axis=1)
    if keys <= set(ladder.codes):
        missing = [c for c in ladder.codes if c not in keys]
        if missing:
            raise ValueError(f"care_budget by level must give every level of the ladder; missing {missing}")
        return np.broadcast_to(np.array([budget[c] for c in ladder.codes]), (n, k)).copy()
    raise ValueError(f"care_budget keys {sorted(keys)} must all be segment codes {vocab.SEGMENT_CODES} "
                     f"or all level codes of the ladder {ladder.codes}")


def budget_by_grade(ordinary: float, key_accounts: float) -> dict[str, float]:
    """A care budget by grade with one amount for ordinary customers and one for every kind of key account.

    Both in CNY per customer and month, 0-100,000 (the range a policy accepts).
    """
    ordinary = check_real("ordinary", ordinary, 0.0, 100_000.0)
    key_accounts = check_real("key_accounts", key_accounts, 0.0, 100_000.0)
    return {code: ordinary if code == "ordinary" else key_accounts for code in vocab.SEGMENT_CODES}


def rising_level_budgets(ladder: Ladder, lowest: float = 250.0) -> dict[str, float]:
    """A care budget by level that doubles with every rung, from ``lowest`` CNY on the bottom one.

    A budget that does not fall up the ladder keeps more care from ever
    lowering the expected level (see :mod:`crmsim.relationships.transitions`);
    250 CNY a month is the order of the course's budget for ordinary customers.
    ``lowest`` must keep the top rung within a policy's 100,000 CNY.
    """
    if not isinstance(ladder, Ladder):
        raise TypeError(f"ladder must be a Ladder (e.g. COURSE_LADDER); got {type(ladder).__name__}")
    lowest = check_real("lowest", lowest, 0.0, 100_000.0 / 2 ** (len(ladder.levels) - 1))
    return {code: lowest * 2 ** i for i, code in enumerate(ladder.codes)}
