"""How customers respond to care: each customer's monthly chances of moving
up, down or out, and so each customer's exact transition matrix.

Every month each customer moves at most one rung up or down, stays, or
leaves. The chances depend on

* the care policy (:class:`~crmsim.relationships.policy.CarePolicy`);
* the customer: value orientation, loyalty propensity, price sensitivity,
  segment (key accounts expect more) and the rep's retention skill
  (:func:`customer_drivers`);
* satisfaction, the gap between the service experienced and the service
  expected (``experienced - expected``; satisfied when positive);
* complaints: a service failure gives a complaint, and its handling speed and
  quality decide between a recovery (a lift up the ladder is likelier than
  without any complaint) and a drop or a loss.

Why more care never lowers the expected level: each row of the matrix
(churn, down, stay, up) moves towards "up" when care grows, and the chain is
monotone (a higher rung never has a higher churn chance) as long as the care
budget does not fall as the ladder goes up; then every future level
distribution improves too. The tests check this property.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..world import vocab
from .complaints import handling_cost, recovery_probability
from .ladder import Ladder, get_ladder
from .policy import CHANNEL_EFFECT, MAINTENANCE, CarePolicy, budget_matrix

#: Monthly extra cost of personalised service per customer, CNY.
PERSONALISED_SERVICE_COST = 400.0
#: Monthly chance of a service failure (and so a complaint), by service given.
FAILURE_RATE = {"standardised": 0.06, "personalised": 0.035}
#: Service experienced, by service given and value orientation (price, value, composite):
#: price-oriented buyers gain little from personalisation, value-oriented ones a lot.
SERVICE_FIT = {
    "standardised": np.array([0.45, 0.25, 0.35]),
    "personalised": np.array([0.50, 0.75, 0.65]),
}
#: Service expected, by value orientation; key accounts expect ``KEY_ACCOUNT_EXPECTATION`` more.
EXPECTED_SERVICE = np.array([0.40, 0.60, 0.55])
KEY_ACCOUNT_EXPECTATION = 0.20

#: CNY of monthly care budget worth one face-to-face visit of care.
CARE_BUDGET_UNIT = 1000.0
#: Our gross margin on revenue.
GROSS_MARGIN_RATE = 0.25
#: Caps of the monthly chances. They keep up + down + churn of two
#: neighbouring rungs below 1, which keeps the chain monotone.
UP_CAP, DOWN_CAP, CHURN_CAP = 0.25, 0.15, 0.12
#: A good recovery adds this to the chance of moving up and halves down/churn;
#: a poor one adds ``POOR_HANDLING_DROP`` to the chance of moving down and
#: triples churn.
RECOVERY_LIFT, POOR_HANDLING_DROP = 0.20, 0.25
UP_CAP_TOTAL, DOWN_CAP_TOTAL = UP_CAP + RECOVERY_LIFT, DOWN_CAP + POOR_HANDLING_DROP


@dataclass(frozen=True)
class Chances:
    """Monthly chances per customer (n) and level (K), for no complaint / recovered / not recovered."""

    up: np.ndarray          # (3, n, K)
    down: np.ndarray        # (3, n, K)
    churn: np.ndarray       # (3, n, K)
    complaint: np.ndarray   # (n,)
    recovery: float
    gap: np.ndarray         # (n, K) satisfaction gap without complaint
    care_cost: np.ndarray   # (n, K) monthly budget
    service_cost: np.ndarray  # (n,)

    def matrices(self) -> np.ndarray:
        """Exact monthly transition matrices, shape (n, K, K + 1); last column is churn."""
        weights = np.array([1.0, 0.0, 0.0])[:, None] * (1 - self.complaint) \
            + np.array([0.0, self.recovery, 1 - self.recovery])[:, None] * self.complaint  # (3, n)
        up = np.einsum("on,onk->nk", weights, self.up)
        down = np.einsum("on,onk->nk", weights, self.down)
        churn = np.einsum("on,onk->nk", weights, self.churn)
        n, k = up.shape
        matrix = np.zeros((n, k, k + 1))
        rungs = np.arange(k)
        matrix[:, rungs[:-1], rungs[1:]] = up[:, :-1]
        matrix[:, rungs[1:], rungs[:-1]] = down[:, 1:]
        matrix[:, rungs, k] = churn
        matrix[:, rungs, rungs] = 1 - up - down - churn
        return matrix


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def customer_drivers(customers: pd.DataFrame, reps: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The customer traits that drive relationship dynamics.

    Parameters
    ----------
    customers, reps : DataFrame
        The world's tables.
    as_of : Timestamp, optional
        The world's today (``world.as_of``), for the length of each
        relationship; without it the tenure is unknown (NaN) and counts as
        a new relationship.

    Returns
    -------
    DataFrame
        One row per customer: ``customer_id``; ``orientation`` (0 price,
        1 value, 2 composite); ``segment`` (index into the segment codes);
        ``key_account`` (bool); ``loyalty``, ``price_sensitivity`` (0-1, from
        the hidden traits); ``rep_skill`` (the rep's retention skill);
        ``wallet_month`` (category spend per month, CNY); ``tenure_years``
        (years since ``customer_since``, NaN without ``as_of``).
    """
    rep_ids = reps["rep_id"].to_numpy()
    order = np.argsort(rep_ids)
    position = np.searchsorted(rep_ids[order], customers["rep_id"].to_numpy()).clip(0, len(rep_ids) - 1)
    known = rep_ids[order][position] == customers["rep_id"].to_numpy()
    skill = np.where(known, reps["retention_skill"].to_numpy()[order][position], 0.5)
    segment = customers["segment"].cat.codes.to_numpy().astype(np.int64)
    return pd.DataFrame({
        "customer_id": customers["customer_id"].to_numpy(),
        "orientation": customers["value_orientation"].cat.codes.to_numpy().astype(np.int64),
        "segment": segment,
        "key_account": segment != vocab.SEGMENT_CODES.index("ordinary"),
        "loyalty": customers["true_loyalty_propensity"].to_numpy(),
        "price_sensitivity": customers["true_price_sensitivity"].to_numpy(),
        "rep_skill": skill,
        "wallet_month": customers["true_wallet"].to_numpy() * 1e6 / 12,
        "tenure_years": np.full(len(customers), np.nan) if as_of is None
        else (as_of - customers["customer_since"]).dt.days.to_numpy() / 365.25,
    })


def driver_arrays(drivers: pd.DataFrame | Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The driver columns as plain arrays (column access on a DataFrame costs more than the maths)."""
    if isinstance(drivers, pd.DataFrame):
        return {column: drivers[column].to_numpy() for column in drivers.columns}
    return dict(drivers)


def monthly_chances(drivers: Mapping[str, np.ndarray], ladder: Ladder, policy: CarePolicy) -> Chances:
    """Monthly chances of every customer at every level under ``policy``.

    The response model in one piece: care, satisfaction gap, the up / down /
    churn chances and how a complaint's handling bends them build on each
    other, and splitting them would only pass the intermediate arrays around.
    """
    orientation = drivers["orientation"]
    key = drivers["key_account"]
    loyalty = drivers["loyalty"][:, None]
    price = drivers["price_sensitivity"][:, None]
    skill = drivers["rep_skill"][:, None]
    style = MAINTENANCE[policy.maintenance]

    personalised = {"standardised": np.zeros_like(key), "tiered": key,
                    "personalised": np.ones_like(key)}[policy.service_level]
    budget = budget_matrix(policy, ladder, drivers["segment"])
    contact_care = policy.contacts_per_month * float(policy.channel_weights @ CHANNEL_EFFECT)
    care = np.log1p(contact_care + budget / CARE_BUDGET_UNIT)  # (n, K), diminishing returns
    # Price-oriented buyers respond less to care.
    care_effect = care * (1 - 0.5 * price)

    fit = np.where(personalised, SERVICE_FIT["personalised"][orientation], SERVICE_FIT["standardised"][orientation])
    experienced = fit[:, None] + 0.25 * care_effect + 0.4 * (skill - 0.5) + style["satisfaction"]
    expected = EXPECTED_SERVICE[orientation] + KEY_ACCOUNT_EXPECTATION * key
    gap = experienced - expected[:, None]

    up = UP_CAP * sigmoid(-2.5 + 2.5 * gap + 2.0 * (loyalty - 0.5) + 0.6 * care_effect + style["up"])
    down = DOWN_CAP * sigmoid(-2.5 - 2.5 * gap - 2.0 * (loyalty - 0.5) + style["down"])
    hazard = 1 - ladder.retention ** (1 / 12)  # monthly churn at a neutral gap
    churn = np.minimum(CHURN_CAP, hazard * np.exp(-1.5 * gap) * (0.6 + 0.8 * price)
                       * (1.6 - 1.2 * loyalty) * style["churn"])
    recovered = (np.minimum(UP_CAP_TOTAL, up + RECOVERY_LIFT), 0.5 * down, 0.5 * churn)
    poor = (0.3 * up, np.minimum(DOWN_CAP_TOTAL, down + POOR_HANDLING_DROP), np.minimum(CHURN_CAP, 3 * churn))
    stacked = [np.stack([plain, good, bad]) for plain, good, bad in zip((up, down, churn), recovered, poor)]
    stacked[0][:, :, -1] = 0.0  # nobody moves above the top
    stacked[1][:, :, 0] = 0.0   # or below the bottom

    failure = np.where(personalised, FAILURE_RATE["personalised"], FAILURE_RATE["standardised"])
    complaint = failure * (1.5 - drivers["rep_skill"])
    recovery = float(recovery_probability(policy.complaint_days, policy.complaint_quality))
    return Chances(stacked[0], stacked[1], stacked[2], complaint, recovery, gap, budget,
                   np.where(personalised, PERSONALISED_SERVICE_COST, 0.0))


def expected_margin(drivers: Mapping[str, np.ndarray], ladder: Ladder, policy: CarePolicy,
                    chances: Chances) -> np.ndarray:
    """Expected monthly profit per customer and level, shape (n, K)."""
    revenue = drivers["wallet_month"][:, None] * ladder.share_of_wallet
    handling = handling_cost(policy.complaint_days, policy.complaint_quality)
    cost = (ladder.cost_to_serve + chances.service_cost[:, None] + chances.care_cost + policy.contact_cost
            + (chances.complaint * handling)[:, None])
    return GROSS_MARGIN_RATE * revenue - cost


def transition_matrices(drivers: pd.DataFrame, policy: CarePolicy,
                        ladder: str | Ladder | Sequence = "course") -> np.ndarray:
    """Each customer's true monthly transition matrix under ``policy``.

    Parameters
    ----------
    drivers : DataFrame
        From :func:`customer_drivers` (or with the same columns).
    policy : CarePolicy
    ladder : "course", "kotler", Ladder or list of level dicts
        The relationship ladder (default: the course's four levels).

    Returns
    -------
    ndarray, shape (n, K, K + 1)
        Rows: level at the start of a month; columns: the levels, then churn.
    """
    if not isinstance(policy, CarePolicy):
        raise TypeError(f"policy must be a CarePolicy; got {type(policy).__name__}")
    return monthly_chances(driver_arrays(drivers), get_ladder(ladder), policy).matrices()
