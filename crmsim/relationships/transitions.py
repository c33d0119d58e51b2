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
from ..validation import check_choice, check_int
from .policy import CHANNEL_EFFECT, MAINTENANCE, NEUTRAL_STYLE, CarePolicy, budget_matrix

#: Monthly extra cost of personalised service per customer, CNY: about a day a month of an account
#: manager's time (our choice).
PERSONALISED_SERVICE_COST = 400.0
#: Monthly chance of a service failure (and so a complaint), by service given, before the rep's skill
#: (``failure * (1.5 - rep_skill)``): a few complaints a year per hundred customers, fewer when the service
#: is tailored (our choice).
FAILURE_RATE = {"standardised": 0.06, "personalised": 0.035}
#: Service experienced, by service given and value orientation (price, value, composite):
#: price-oriented buyers gain little from personalisation, value-oriented ones a lot (the course's
#: customer types, ``../shared/domain.md`` §1).
SERVICE_FIT = {
    "standardised": np.array([0.45, 0.25, 0.35]),
    "personalised": np.array([0.50, 0.75, 0.65]),
}
#: Service expected, by value orientation; key accounts expect ``KEY_ACCOUNT_EXPECTATION`` more.
EXPECTED_SERVICE = np.array([0.40, 0.60, 0.55])
KEY_ACCOUNT_EXPECTATION = 0.20

#: CNY of monthly care budget worth one face-to-face visit of care, for an account of
#: ``CARE_REFERENCE_WALLET``.
CARE_BUDGET_UNIT = 1000.0
#: Category spend per month (CNY) of the account for which care is counted at face value: the median
#: ordinary customer of the shared world (about 30,000 CNY a month).
CARE_REFERENCE_WALLET = 30_000.0
#: Care needed grows with the square root of the account's spend: a larger account has more people in its
#: buying centre and more sites, so a gift or a visit reaches a smaller part of it, but not in proportion
#: (buying centres grow more slowly than spend). With care costs fixed and margins proportional to spend,
#: any smaller exponent lets the largest accounts return many times their care (15x at 0).
CARE_SIZE_EXPONENT = 0.5
#: Care saturates: ``CARE_CEILING * (1 - exp(-felt / CARE_CEILING))`` of the visits' worth felt, so the first
#: visit counts fully and no budget buys more than ``CARE_CEILING`` (a relationship is not for sale).
CARE_CEILING = 1.5
#: How the care a customer feels moves things: on the service experienced (per unit of ``log1p`` care), on
#: the logit of moving up, and the part of it a fully price-sensitive buyer ignores.
CARE_ON_SERVICE, CARE_ON_UP, PRICE_DAMPS_CARE = 0.25, 0.6, 0.5
#: The rep's retention skill on the service experienced (per unit of skill above 0.5).
SKILL_ON_SERVICE = 0.4
#: Logit intercepts of moving up and down, and the weight of the satisfaction gap and of loyalty on them:
#: a neutral customer moves about once in 2-3 years.
UP_INTERCEPT, DOWN_INTERCEPT, GAP_ON_MOVES, LOYALTY_ON_MOVES = -2.5, -2.5, 2.5, 2.0
#: Churn falls by ``exp(-GAP_ON_CHURN * gap)``; price sensitivity and loyalty multiply it by
#: ``(0.6 + 0.8 p) (1.6 - 1.2 l)``, exactly 1 for a customer at 0.5 on both.
GAP_ON_CHURN = 1.5
#: Our gross margin on revenue (a distributor of industrial goods; our choice).
GROSS_MARGIN_RATE = 0.25
#: Caps of the monthly chances. They keep up + down + churn of two
#: neighbouring rungs below 1, which keeps the chain monotone.
UP_CAP, DOWN_CAP, CHURN_CAP = 0.25, 0.15, 0.12
#: A good recovery restores the relationship and no more: the month's moves are those of a month without a
#: failure. Meta-analysis finds the recovery paradox for satisfaction, not for repurchase or loyalty
#: (de Matos, Henrique & Rossi 2007), so the lift is on satisfaction only
#: (``RECOVERY_SATISFACTION_LIFT``, on the gap), and it is gone after a second failure, which leaves the
#: customer below one who never had a failure (``REPEAT_FAILURE_GAP``; Michel & Meuter 2008).
RECOVERY_SATISFACTION_LIFT, REPEAT_FAILURE_GAP = 0.10, -0.10
#: A poor recovery keeps ``POOR_HANDLING_UP`` of the chance of moving up, adds ``POOR_HANDLING_DROP`` to the
#: chance of moving down and multiplies churn by ``POOR_HANDLING_CHURN``; its month's gap falls by
#: ``POOR_HANDLING_GAP``.
POOR_HANDLING_UP, POOR_HANDLING_DROP, POOR_HANDLING_CHURN, POOR_HANDLING_GAP = 0.3, 0.25, 3.0, -0.4
DOWN_CAP_TOTAL = DOWN_CAP + POOR_HANDLING_DROP
#: Satisfaction gap of a month by complaint outcome (none, recovered, not recovered), and of a recovered
#: failure that is not the customer's first.
OUTCOME_GAP = np.array([0.0, RECOVERY_SATISFACTION_LIFT, POOR_HANDLING_GAP])

#: The drivers :func:`explain` takes apart, in the order it switches them on.
DRIVERS = ("service", "care", "rep_skill", "loyalty", "price_sensitivity", "maintenance")


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

    def matrices(self, churn_scale: float = 1.0) -> np.ndarray:
        """Exact monthly transition matrices, shape (n, K, K + 1); last column is churn.

        ``churn_scale`` multiplies every churn chance (the maintenance hold of a month, see
        :func:`maintenance_churn_scale`; 1 once the hold has worn off).
        """
        weights = np.array([1.0, 0.0, 0.0])[:, None] * (1 - self.complaint) \
            + np.array([0.0, self.recovery, 1 - self.recovery])[:, None] * self.complaint  # (3, n)
        up = np.einsum("on,onk->nk", weights, self.up)
        down = np.einsum("on,onk->nk", weights, self.down)
        churn = np.einsum("on,onk->nk", weights, self.churn) * churn_scale
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


def maintenance_churn_scale(maintenance: str, months: int) -> np.ndarray:
    """Multiplier of every churn chance in months 1..``months`` under a maintenance style.

    Forced ties (contracts, rebates that must be earned back, switching costs) hold customers at first:
    churn starts ``hold`` lower and the hold wears off with a time constant of ``hold_months``
    (``1 - hold * exp(-(month - 1) / hold_months)``), leaving the resentment the style builds
    (see :data:`~crmsim.relationships.policy.MAINTENANCE`). The other styles hold nobody: 1 every month.
    """
    style = MAINTENANCE[check_choice("maintenance", maintenance, tuple(MAINTENANCE))]
    months = check_int("months", months, 0)
    elapsed = np.arange(months, dtype=float)
    if not style["hold"]:
        return np.ones(months)
    return 1.0 - style["hold"] * np.exp(-elapsed / style["hold_months"])


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


def care_size_scale(wallet_month: np.ndarray) -> np.ndarray:
    """How many times the care of a reference account each customer needs to feel the same (>= 1)."""
    return (np.maximum(wallet_month, CARE_REFERENCE_WALLET) / CARE_REFERENCE_WALLET) ** CARE_SIZE_EXPONENT


def monthly_chances(drivers: Mapping[str, np.ndarray], ladder: Ladder, policy: CarePolicy,
                    neutral: frozenset[str] = frozenset()) -> Chances:
    """Monthly chances of every customer at every level under ``policy``.

    The response model in one piece: care, satisfaction gap, the up / down /
    churn chances and how a complaint's handling bends them build on each
    other, and splitting them would only pass the intermediate arrays around.

    ``neutral`` names drivers of :data:`DRIVERS` to set to a neutral value (service exactly as expected, no
    care felt, skill, loyalty and price sensitivity at 0.5, a maintenance style with no effect):
    :func:`explain` switches them on one at a time.
    """
    orientation = drivers["orientation"]
    key = drivers["key_account"]
    loyalty = 0.5 if "loyalty" in neutral else drivers["loyalty"][:, None]
    price = 0.5 if "price_sensitivity" in neutral else drivers["price_sensitivity"][:, None]
    skill = 0.5 if "rep_skill" in neutral else drivers["rep_skill"][:, None]
    style = NEUTRAL_STYLE if "maintenance" in neutral else MAINTENANCE[policy.maintenance]

    personalised = {"standardised": np.zeros_like(key), "tiered": key,
                    "personalised": np.ones_like(key)}[policy.service_level]
    budget = budget_matrix(policy, ladder, drivers["segment"])
    contact_care = policy.contacts_per_month * float(policy.channel_weights @ CHANNEL_EFFECT)
    felt = (contact_care + budget / CARE_BUDGET_UNIT) / care_size_scale(drivers["wallet_month"])[:, None]
    care = np.zeros_like(budget) if "care" in neutral else CARE_CEILING * -np.expm1(-felt / CARE_CEILING)
    # Price-oriented buyers respond less to care.
    care_effect = care * (1 - PRICE_DAMPS_CARE * price)

    fit = np.where(personalised, SERVICE_FIT["personalised"][orientation], SERVICE_FIT["standardised"][orientation])
    expected = EXPECTED_SERVICE[orientation] + KEY_ACCOUNT_EXPECTATION * key
    service_gap = np.zeros_like(fit) if "service" in neutral else fit - expected
    gap = (service_gap[:, None] + CARE_ON_SERVICE * care_effect + SKILL_ON_SERVICE * (skill - 0.5)
           + style["satisfaction"])

    up = UP_CAP * sigmoid(UP_INTERCEPT + GAP_ON_MOVES * gap + LOYALTY_ON_MOVES * (loyalty - 0.5)
                          + CARE_ON_UP * care_effect + style["up"])
    down = DOWN_CAP * sigmoid(DOWN_INTERCEPT - GAP_ON_MOVES * gap - LOYALTY_ON_MOVES * (loyalty - 0.5)
                              + style["down"])
    hazard = 1 - ladder.retention ** (1 / 12)  # monthly churn at a neutral gap
    churn = np.minimum(CHURN_CAP, hazard * np.exp(-GAP_ON_CHURN * gap) * (0.6 + 0.8 * price)
                       * (1.6 - 1.2 * loyalty) * style["churn"])
    up, down, churn = (np.broadcast_to(a, budget.shape) for a in (up, down, churn))
    recovered = (up, down, churn)  # a good recovery restores, and no more
    poor = (POOR_HANDLING_UP * up, np.minimum(DOWN_CAP_TOTAL, down + POOR_HANDLING_DROP),
            np.minimum(CHURN_CAP, POOR_HANDLING_CHURN * churn))
    stacked = [np.stack([plain, good, bad]) for plain, good, bad in zip((up, down, churn), recovered, poor)]
    stacked[0][:, :, -1] = 0.0  # nobody moves above the top
    stacked[1][:, :, 0] = 0.0   # or below the bottom

    failure = np.where(personalised, FAILURE_RATE["personalised"], FAILURE_RATE["standardised"])
    complaint = failure * (1.5 - drivers["rep_skill"])
    recovery = float(recovery_probability(policy.complaint_days, policy.complaint_quality))
    return Chances(stacked[0], stacked[1], stacked[2], complaint, recovery, np.broadcast_to(gap, budget.shape),
                   budget, np.where(personalised, PERSONALISED_SERVICE_COST, 0.0))


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
    return monthly_chances(checked_drivers(drivers), get_ladder(ladder), policy).matrices()


#: The driver columns the response model reads, with the range each must lie in.
DRIVER_RANGES = {"orientation": (0, 2), "segment": (0, len(vocab.SEGMENT_CODES) - 1), "loyalty": (0.0, 1.0),
                 "price_sensitivity": (0.0, 1.0), "rep_skill": (0.0, 1.0), "wallet_month": (0.0, np.inf)}


def checked_drivers(drivers: object) -> dict[str, np.ndarray]:
    """A drivers table (:func:`customer_drivers`) as arrays, or a ValueError/TypeError naming the bad column."""
    if not isinstance(drivers, pd.DataFrame):
        raise TypeError(f"drivers must be a DataFrame like customer_drivers(...) returns; got {type(drivers).__name__}")
    missing = [c for c in (*DRIVER_RANGES, "key_account") if c not in drivers.columns]
    if missing:
        raise ValueError(f"drivers lacks the column(s) {missing}; build it with customer_drivers(customers, reps)")
    arrays = driver_arrays(drivers)
    for column, (low, high) in DRIVER_RANGES.items():
        values = np.asarray(arrays[column], dtype=float)
        bad = ~np.isfinite(values) | (values < low) | (values > high)
        if bad.any():
            raise ValueError(f"drivers[{column!r}] must be finite and in [{low}, {high}]; got {values[bad][0]!r}")
    for column in ("orientation", "segment"):
        arrays[column] = np.asarray(arrays[column]).astype(np.int64)
    arrays["key_account"] = np.asarray(arrays["key_account"]).astype(bool)
    return arrays
