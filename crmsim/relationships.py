"""Relationship levels (客户关系层次): a ladder, a care policy and monthly dynamics.

A customer sits on one rung of a ladder, by default the course's
distant → face-to-face → brand → intimate (疏远 → 面对面 → 品牌 → 亲密);
:data:`KOTLER_LADDER` is the five-level alternative and :func:`make_ladder`
builds an instructor's own. Each rung has a cost to serve, a retention rate
and a share of the customer's spend that comes to us.

Every month each customer moves at most one rung up or down, stays, or
leaves. The chances depend on

* the care policy (:class:`CarePolicy`): care budget by grade (segment) or by
  level, contact cadence and channel mix, service level (standardised,
  tiered or personalised) and maintenance style (forced, voluntary,
  negotiated);
* the customer: value orientation, loyalty propensity, price sensitivity,
  segment (key accounts expect more) and the rep's retention skill;
* satisfaction, the gap between the service experienced and the service
  expected (``experienced - expected``; satisfied when positive);
* complaints (:mod:`crmsim.complaints`): a service failure gives a complaint,
  and its handling speed and quality decide between a recovery (a lift up the
  ladder is likelier than without any complaint) and a drop or a loss.

The monthly chances of a customer do not change over time, so each customer
follows a Markov chain whose matrix is known exactly (``run.matrices``):
the analysis can compare the matrix estimated from the log with the true one
and the simulated level mix with the analytic stationary distribution.

Why more care never lowers the expected level: each row of the matrix
(churn, down, stay, up) moves towards "up" when care grows, and the chain is
monotone (a higher rung never has a higher churn chance) as long as the care
budget does not fall as the ladder goes up; then every future level
distribution improves too. The tests check this property.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import numpy as np
import pandas as pd

from . import complaints as complaint_model
from . import i18n
from .world import vocab
from .seeding import SeedLike, root_sequence
from .validation import check_choice, check_int, check_probability, check_real

CHURNED = "churned"

# --- vocabularies -----------------------------------------------------------------------
#: Contact channels: code, cost per contact (CNY), care effect per contact
#: (a face-to-face visit = 1), English and Chinese label.
CHANNELS = (
    ("face_to_face", 1500.0, 1.00, "Face-to-face visit", "面对面拜访"),
    ("phone", 80.0, 0.35, "Phone call", "电话沟通"),
    ("sms", 1.0, 0.05, "SMS", "短信"),
    ("email", 5.0, 0.08, "E-mail", "电子邮件"),
    ("event", 3000.0, 1.40, "Customer event", "客户活动"),
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

#: Maintenance styles: effect on satisfaction, on the up and down logits, and a churn multiplier.
#: Forced ties (强人所难) hold customers for now but sour them; voluntary ones are recommended.
MAINTENANCE = {
    "forced": {"satisfaction": -0.25, "up": -0.8, "down": 0.5, "churn": 0.6},
    "voluntary": {"satisfaction": 0.05, "up": 0.3, "down": 0.0, "churn": 1.0},
    "negotiated": {"satisfaction": 0.0, "up": 0.0, "down": 0.0, "churn": 0.8},
}
MAINTENANCE_STYLES = tuple(MAINTENANCE)

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

#: Fixed ids of this module's random streams (see :mod:`crmsim.seeding`).
STREAM_IDS = {"initial": 301, "complaints": 302, "recovery": 303, "moves": 304, "contacts": 305}

i18n.register({f"rel.channel.{code}": (en, zh) for code, _, _, en, zh in CHANNELS})
i18n.register({
    "rel.churned": ("Churned", "已流失"),
    "rel.service.standardised": ("Standardised", "标准化服务"),
    "rel.service.tiered": ("Tiered (personalised for key accounts)", "分级（大客户个性化）"),
    "rel.service.personalised": ("Personalised", "个性化服务"),
    "rel.maintenance.forced": ("Forced", "强人所难式"),
    "rel.maintenance.voluntary": ("Voluntary", "自愿式"),
    "rel.maintenance.negotiated": ("Negotiated", "双方协商式"),
    "rel.mix.personal": ("Personal (visits, calls)", "以拜访电话为主"),
    "rel.mix.balanced": ("Balanced", "均衡组合"),
    "rel.mix.digital": ("Digital (SMS, e-mail)", "以短信邮件为主"),
    "rel.ladder.course": ("Course ladder", "课程关系层次"),
    "rel.ladder.kotler": ("Kotler's five levels", "科特勒五层次"),
    "rel.level.distant": ("Distant", "疏远关系"),
    "rel.level.face_to_face": ("Face-to-face", "面对面关系"),
    "rel.level.brand": ("Brand", "品牌关系"),
    "rel.level.intimate": ("Intimate", "亲密关系"),
    "rel.level.basic": ("Basic", "基本型"),
    "rel.level.reactive": ("Reactive", "被动型"),
    "rel.level.accountable": ("Accountable", "负责型"),
    "rel.level.proactive": ("Proactive", "能动型"),
    "rel.level.partnership": ("Partnership", "伙伴型"),
})


# --- the ladder -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Level:
    """One rung of a relationship ladder.

    Attributes
    ----------
    code : str
        Identifier stored in the tables (letters, digits, underscores).
    name_en, name_zh : str
        Label in English and Chinese.
    cost_to_serve : float
        Cost of serving one customer at this level for a month, CNY (>= 0),
        before care budget, contacts, service level and complaints.
    retention : float
        Share of customers at this level still with us after a year when
        service exactly meets expectations, in (0, 1].
    share_of_wallet : float
        Share of the customer's spend on our category that comes to us, in [0, 1].
    """

    code: str
    name_en: str
    name_zh: str
    cost_to_serve: float
    retention: float
    share_of_wallet: float


@dataclass(frozen=True)
class Ladder:
    """An ordered relationship ladder, lowest level first (build with :func:`make_ladder`)."""

    levels: tuple[Level, ...]
    name_en: str = "Custom ladder"
    name_zh: str = "自定义关系层次"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels)

    def labels(self, language: str | None = None) -> list[str]:
        """Level names in the current (or given) language."""
        language = i18n.check_language(language) if language else i18n.get_language()
        return [getattr(level, f"name_{language}") for level in self.levels]

    def name(self, language: str | None = None) -> str:
        language = i18n.check_language(language) if language else i18n.get_language()
        return getattr(self, f"name_{language}")

    @property
    def cost_to_serve(self) -> np.ndarray:
        return np.array([level.cost_to_serve for level in self.levels])

    @property
    def retention(self) -> np.ndarray:
        return np.array([level.retention for level in self.levels])

    @property
    def share_of_wallet(self) -> np.ndarray:
        return np.array([level.share_of_wallet for level in self.levels])

    def to_frame(self, language: str | None = None) -> pd.DataFrame:
        """The ladder as a table, headers and names in the current (or given) language."""
        return pd.DataFrame({
            i18n.t("rel.col.level", language): self.labels(language),
            i18n.t("rel.col.cost_per_month", language): self.cost_to_serve,
            i18n.t("rel.col.annual_retention", language): self.retention,
            i18n.t("rel.col.share_of_wallet", language): self.share_of_wallet,
        })


_LEVEL_FIELDS = ("code", "name_en", "name_zh", "cost_to_serve", "retention", "share_of_wallet")


def make_ladder(levels: Sequence[Mapping | Level], name_en: str = "Custom ladder",
                name_zh: str = "自定义关系层次") -> Ladder:
    """Build and check a relationship ladder.

    Parameters
    ----------
    levels : sequence of mappings (or :class:`Level`)
        Lowest level first, 2 to 8 levels. Each has the keys ``code``,
        ``name_en``, ``name_zh``, ``cost_to_serve`` (CNY per month, >= 0),
        ``retention`` (annual, in (0, 1]) and ``share_of_wallet`` (in [0, 1]).
        Going up the ladder, retention and share of wallet must not fall:
        a higher level is a closer relationship.
    name_en, name_zh : str
        Name of the ladder.

    Raises
    ------
    TypeError, ValueError
        Naming the level and field that is wrong, e.g. ``levels[2].retention``.
    """
    if isinstance(levels, (str, Mapping)) or not isinstance(levels, Sequence):
        raise TypeError(f"levels must be a list of level definitions (dicts); got {type(levels).__name__}")
    if not 2 <= len(levels) <= 8:
        raise ValueError(f"levels must define 2 to 8 levels; got {len(levels)}")
    for label, text in (("name_en", name_en), ("name_zh", name_zh)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{label} must be a non-empty str; got {text!r}")
    built = []
    for i, spec in enumerate(levels):
        where = f"levels[{i}]"
        if isinstance(spec, Level):
            spec = {name: getattr(spec, name) for name in _LEVEL_FIELDS}
        if not isinstance(spec, Mapping):
            raise TypeError(f"{where} must be a dict with keys {_LEVEL_FIELDS}; got {type(spec).__name__}")
        missing = [k for k in _LEVEL_FIELDS if k not in spec]
        unknown = [k for k in spec if k not in _LEVEL_FIELDS]
        if missing or unknown:
            raise ValueError(f"{where} has missing keys {missing} and unknown keys {unknown}; "
                             f"expected exactly {_LEVEL_FIELDS}")
        code = spec["code"]
        if not isinstance(code, str) or not code.isidentifier():
            raise ValueError(f"{where}.code must be an identifier-like str (letters, digits, _); got {code!r}")
        if code == CHURNED or code in vocab.SEGMENT_CODES:
            raise ValueError(f"{where}.code={code!r} is reserved (churned state or a segment code)")
        for key in ("name_en", "name_zh"):
            if not isinstance(spec[key], str) or not spec[key].strip():
                raise ValueError(f"{where}.{key} must be a non-empty str; got {spec[key]!r}")
        cost = check_real(f"{where}.cost_to_serve", spec["cost_to_serve"], 0.0)
        retention = check_real(f"{where}.retention", spec["retention"], 0.0, 1.0)
        if retention <= 0:
            raise ValueError(f"{where}.retention must be in (0, 1]; got {retention}")
        share = check_probability(f"{where}.share_of_wallet", spec["share_of_wallet"])
        built.append(Level(code, spec["name_en"], spec["name_zh"], cost, retention, share))
    codes = [level.code for level in built]
    if len(set(codes)) != len(codes):
        raise ValueError(f"level codes must be distinct; got {codes}")
    for i in range(1, len(built)):
        for key in ("retention", "share_of_wallet"):
            low, high = getattr(built[i - 1], key), getattr(built[i], key)
            if high < low:
                raise ValueError(f"levels[{i}].{key}={high} is below levels[{i - 1}].{key}={low}; "
                                 f"{key} must not fall going up the ladder (lowest level first)")
    return Ladder(tuple(built), name_en, name_zh)


def _preset(rows: tuple, key: str) -> Ladder:
    levels = [{"code": code, "name_en": i18n.t(f"rel.level.{code}", "en"),
               "name_zh": i18n.t(f"rel.level.{code}", "zh"), "cost_to_serve": cost,
               "retention": retention, "share_of_wallet": share} for code, cost, retention, share in rows]
    return make_ladder(levels, i18n.t(f"rel.ladder.{key}", "en"), i18n.t(f"rel.ladder.{key}", "zh"))


#: The course ladder, the default: distant → face-to-face → brand → intimate.
COURSE_LADDER = _preset((
    ("distant", 200.0, 0.60, 0.10),
    ("face_to_face", 1200.0, 0.75, 0.25),
    ("brand", 3000.0, 0.88, 0.45),
    ("intimate", 8000.0, 0.95, 0.70),
), "course")
#: Kotler's five levels: basic, reactive, accountable, proactive, partnership.
KOTLER_LADDER = _preset((
    ("basic", 100.0, 0.55, 0.10),
    ("reactive", 500.0, 0.65, 0.18),
    ("accountable", 1500.0, 0.76, 0.30),
    ("proactive", 3500.0, 0.87, 0.45),
    ("partnership", 8000.0, 0.95, 0.65),
), "kotler")
LADDERS = {"course": COURSE_LADDER, "kotler": KOTLER_LADDER}


def get_ladder(ladder: str | Ladder | Sequence[Mapping]) -> Ladder:
    """A ladder from a preset name (``"course"``, ``"kotler"``), a :class:`Ladder` or level definitions."""
    if isinstance(ladder, Ladder):
        return ladder
    if isinstance(ladder, str):
        return LADDERS[check_choice("ladder", ladder, tuple(LADDERS))]
    return make_ladder(ladder)


# --- the care policy --------------------------------------------------------------------------
@dataclass(frozen=True)
class CarePolicy:
    """How we look after customers.

    Attributes
    ----------
    care_budget : float or mapping
        Monthly customer-care spending per customer (gifts, visits on
        important dates, seminars...), CNY. One number for everyone, or a
        mapping over all segment codes (budget by grade) or over all level
        codes of the ladder (budget by level).
    contacts_per_month : float
        Contact cadence per customer, 0-20.
    channel_mix : str or mapping
        A preset of :data:`CHANNEL_MIXES` or weights over :data:`CHANNEL_CODES`
        (non-negative, normalised to sum 1).
    service_level : {"standardised", "tiered", "personalised"}
    maintenance : {"forced", "voluntary", "negotiated"}
    complaint_days : float
        Days to handle a complaint, 1-60.
    complaint_quality : float
        Quality of complaint handling, 0-1.
    """

    care_budget: float | Mapping[str, float] = field(
        default_factory=lambda: {"ordinary": 300.0, "economic": 1000.0, "group": 1500.0,
                                 "strategic": 2000.0, "important": 1500.0})
    contacts_per_month: float = 2.0
    channel_mix: str | Mapping[str, float] = "balanced"
    service_level: str = "tiered"
    maintenance: str = "voluntary"
    complaint_days: float = 5.0
    complaint_quality: float = 0.7

    def __post_init__(self) -> None:
        budget = self.care_budget
        if isinstance(budget, Mapping):
            if not budget:
                raise ValueError("care_budget must not be an empty mapping")
            budget = {str(k): check_real(f"care_budget[{k!r}]", v, 0.0, 100_000.0) for k, v in budget.items()}
            budget = tuple(sorted(budget.items()))
        else:
            budget = check_real("care_budget", budget, 0.0, 100_000.0)
        object.__setattr__(self, "care_budget", budget)
        object.__setattr__(self, "contacts_per_month", check_real("contacts_per_month", self.contacts_per_month, 0, 20))
        mix = self.channel_mix
        if isinstance(mix, str):
            mix = CHANNEL_MIXES[check_choice("channel_mix", mix, tuple(CHANNEL_MIXES))]
        if not isinstance(mix, Mapping):
            raise TypeError(f"channel_mix must be a preset name {tuple(CHANNEL_MIXES)} or a dict of weights over "
                            f"{CHANNEL_CODES}; got {mix!r}")
        unknown = [k for k in mix if k not in CHANNEL_CODES]
        if unknown:
            raise ValueError(f"channel_mix has unknown channel(s) {unknown}; allowed: {CHANNEL_CODES}")
        weights = np.array([check_real(f"channel_mix[{c!r}]", mix.get(c, 0.0), 0.0) for c in CHANNEL_CODES])
        if weights.sum() <= 0:
            raise ValueError(f"channel_mix weights must not all be zero; got {dict(mix)}")
        object.__setattr__(self, "channel_mix", tuple(zip(CHANNEL_CODES, (weights / weights.sum()).tolist())))
        check_choice("service_level", self.service_level, SERVICE_LEVELS)
        check_choice("maintenance", self.maintenance, MAINTENANCE_STYLES)
        days, quality = complaint_model.check_handling(self.complaint_days, self.complaint_quality)
        object.__setattr__(self, "complaint_days", days)
        object.__setattr__(self, "complaint_quality", quality)

    @property
    def channel_weights(self) -> np.ndarray:
        """Normalised weights in :data:`CHANNEL_CODES` order."""
        return np.array([w for _, w in self.channel_mix])

    def without_care(self) -> CarePolicy:
        """The same policy with no care budget and no contacts: the baseline of the return on care."""
        return CarePolicy(0.0, 0.0, dict(self.channel_mix), self.service_level, self.maintenance,
                          self.complaint_days, self.complaint_quality)


def _budget_matrix(policy: CarePolicy, ladder: Ladder, segment_codes: np.ndarray) -> np.ndarray:
    """Care budget per customer and level, shape (n, K)."""
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


# --- customer drivers and transition chances ----------------------------------------------------
@dataclass(frozen=True)
class _Chances:
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


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def customer_drivers(customers: pd.DataFrame, reps: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The customer traits that drive relationship dynamics.

    Parameters
    ----------
    customers, reps : DataFrame
        The world's tables.
    as_of : Timestamp, optional
        The world's today (``world.as_of``), for the length of each relationship.

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


def _arrays(drivers: pd.DataFrame | Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The driver columns as plain arrays (column access on a DataFrame costs more than the maths)."""
    if isinstance(drivers, pd.DataFrame):
        return {column: drivers[column].to_numpy() for column in drivers.columns}
    return dict(drivers)


def _chances(drivers: Mapping[str, np.ndarray], ladder: Ladder, policy: CarePolicy) -> _Chances:
    """Monthly chances of every customer at every level under ``policy``."""
    orientation = drivers["orientation"]
    key = drivers["key_account"]
    loyalty = drivers["loyalty"][:, None]
    price = drivers["price_sensitivity"][:, None]
    skill = drivers["rep_skill"][:, None]
    style = MAINTENANCE[policy.maintenance]

    personalised = {"standardised": np.zeros_like(key), "tiered": key,
                    "personalised": np.ones_like(key)}[policy.service_level]
    budget = _budget_matrix(policy, ladder, drivers["segment"])
    contact_care = policy.contacts_per_month * float(policy.channel_weights @ CHANNEL_EFFECT)
    care = np.log1p(contact_care + budget / CARE_BUDGET_UNIT)  # (n, K), diminishing returns
    # Price-oriented buyers respond less to care.
    care_effect = care * (1 - 0.5 * price)

    fit = np.where(personalised, SERVICE_FIT["personalised"][orientation], SERVICE_FIT["standardised"][orientation])
    experienced = fit[:, None] + 0.25 * care_effect + 0.4 * (skill - 0.5) + style["satisfaction"]
    expected = EXPECTED_SERVICE[orientation] + KEY_ACCOUNT_EXPECTATION * key
    gap = experienced - expected[:, None]

    up = UP_CAP * _sigmoid(-2.5 + 2.5 * gap + 2.0 * (loyalty - 0.5) + 0.6 * care_effect + style["up"])
    down = DOWN_CAP * _sigmoid(-2.5 - 2.5 * gap - 2.0 * (loyalty - 0.5) + style["down"])
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
    recovery = float(complaint_model.recovery_probability(policy.complaint_days, policy.complaint_quality))
    return _Chances(stacked[0], stacked[1], stacked[2], complaint, recovery, gap, budget,
                    np.where(personalised, PERSONALISED_SERVICE_COST, 0.0))


def _initial_levels(tenure_years: np.ndarray, loyalty: np.ndarray, key: np.ndarray, n_levels: int,
                    rng: np.random.Generator) -> np.ndarray:
    """Starting level: longer, more loyal relationships and key accounts start higher."""
    tenure = np.nan_to_num(tenure_years).clip(0, 8) / 8
    score = 0.35 * tenure + 0.35 * loyalty + 0.15 * key + 0.15 * rng.random(len(loyalty))
    return np.minimum(n_levels - 1, np.floor(n_levels * score ** 1.5)).astype(np.int8)


# --- the simulation ---------------------------------------------------------------------------------
def _stream(root: np.random.SeedSequence, name: str) -> np.random.Generator:
    key = tuple(root.spawn_key) + (STREAM_IDS[name],)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(root.entropy, spawn_key=key)))


@dataclass(frozen=True, eq=False)
class RelationshipRun:
    """The result of :func:`simulate_relationships`.

    Attributes
    ----------
    ladder : Ladder
    policy : CarePolicy
    months : int
    replace_churned : bool
        Whether lost customers were replaced at the lowest level.
    customer_ids : ndarray
        The customers, in the order of every per-customer array below.
    monthly : DataFrame
        One row per customer and month (month-major order):

        ``customer_id`` (int32); ``month`` (int16, 1..months);
        ``level_before``, ``level`` (ordered categorical: ``"churned"`` then
        the ladder's codes; level at the start and at the end of the month);
        ``complaint`` (bool); ``recovered`` (bool, complaint handled well);
        ``satisfaction`` (float, 0-1, NaN when not a customer);
        ``satisfied`` (bool, experienced service beat expectations);
        ``churned`` (bool, left this month); ``revenue`` (CNY);
        ``care_cost``, ``contact_cost`` (planned contacts), ``cost_to_serve``
        (level cost + service + care + contacts + complaint handling, CNY);
        ``profit`` (gross margin - cost to serve, CNY).
    complaints : DataFrame
        One row per complaint: ``complaint_id`` (int64), ``customer_id``,
        ``month``, ``level_before``, ``handling_days``, ``handling_quality``,
        ``recovery_probability``, ``outcome`` (categorical ``recovered`` /
        ``not_recovered``), ``level`` (after the month), ``handling_cost`` (CNY).
    matrices : ndarray, shape (n, K, K + 1)
        Each customer's true monthly transition matrix (last column: churn).
    baseline_matrices : ndarray
        The same without any care budget or contacts.
    margins, baseline_margins : ndarray, shape (n, K)
        Expected monthly profit of each customer at each level, with and without care.
    care_spend : ndarray, shape (n, K)
        Monthly care budget plus planned contact cost per customer and level.
    levels : ndarray, shape (months + 1, n)
        Level index at the start (row 0) and at the end of each month; -1 = churned.
    levels_before : ndarray, shape (months, n)
        Level index at the start of each month (differs from ``levels[:-1]``
        only where a lost customer was replaced).
    root : SeedSequence
        The run's seed; :attr:`contact_log` draws from its own child stream.
    """

    ladder: Ladder
    policy: CarePolicy
    months: int
    replace_churned: bool
    customer_ids: np.ndarray
    monthly: pd.DataFrame
    complaints: pd.DataFrame
    matrices: np.ndarray
    baseline_matrices: np.ndarray
    margins: np.ndarray
    baseline_margins: np.ndarray
    care_spend: np.ndarray
    levels: np.ndarray
    levels_before: np.ndarray
    root: np.random.SeedSequence

    @property
    def level_dtype(self) -> pd.CategoricalDtype:
        return level_dtype(self.ladder)

    @cached_property
    def contact_log(self) -> pd.DataFrame:
        """Contacts made under the policy: one row per customer, month and channel used.

        Counts are Poisson around the planned cadence (their own random stream),
        for customers with us at the start of the month.

        Columns: ``customer_id`` (int32), ``month`` (int16), ``channel``
        (categorical over :data:`CHANNEL_CODES`), ``contacts`` (int16), ``cost`` (CNY).
        """
        rng = _stream(self.root, "contacts")
        rates = self.policy.contacts_per_month * self.policy.channel_weights
        counts = rng.poisson(rates, size=(self.months, len(self.customer_ids), len(CHANNEL_CODES)))
        counts[self.levels_before < 0] = 0
        month, customer, channel = np.nonzero(counts)
        n_contacts = counts[month, customer, channel]
        return pd.DataFrame({
            "customer_id": self.customer_ids[customer].astype(np.int32),
            "month": (month + 1).astype(np.int16),
            "channel": pd.Categorical.from_codes(channel, categories=list(CHANNEL_CODES)),
            "contacts": n_contacts.astype(np.int16),
            "cost": n_contacts * CHANNEL_COST[channel],
        })


@cache
def level_dtype(ladder: Ladder) -> pd.CategoricalDtype:
    """Ordered categories ``churned`` < the ladder's levels (built once per ladder)."""
    return pd.CategoricalDtype([CHURNED, *ladder.codes], ordered=True)


def simulate_relationships(world, policy: CarePolicy | None = None, ladder: str | Ladder | Sequence = "course",
                           months: int = 24, seed: SeedLike = 0, replace_churned: bool = False,
                           initial_level: str | None = None, drivers: pd.DataFrame | None = None) -> RelationshipRun:
    """Simulate the monthly relationship levels of the world's customers.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`; its customers and reps are used.
    policy : CarePolicy, optional
        The care policy (default: ``CarePolicy()``).
    ladder : "course", "kotler", Ladder or list of level dicts
        The relationship ladder (see :func:`make_ladder`).
    months : int
        Months to simulate, 1-2400 (long runs show the long-run level mix).
    seed : int, SeedSequence or Generator
        Same seed, world and policy give identical tables.
    replace_churned : bool
        If True, a customer who leaves is replaced the next month by a new
        one with the same profile at the lowest level, so the customer base
        stays constant (the setting in which the level mix has a stationary
        distribution, see :func:`stationary_distribution`).
    initial_level : str, optional
        Start every customer on this level code instead of a level drawn
        from tenure, loyalty and segment.
    drivers : DataFrame, optional
        ``customer_drivers(world.customers, world.reps, world.as_of)``, when
        it is already at hand (a dashboard computes it once for many runs).

    Returns
    -------
    RelationshipRun
    """
    if not hasattr(world, "customers") or not hasattr(world, "reps"):
        raise TypeError(f"world must be a crmsim World (from make_world); got {type(world).__name__}")
    policy = CarePolicy() if policy is None else policy
    if not isinstance(policy, CarePolicy):
        raise TypeError(f"policy must be a CarePolicy; got {type(policy).__name__}")
    ladder = get_ladder(ladder)
    months = check_int("months", months, 1, 2400)
    if not isinstance(replace_churned, (bool, np.bool_)):
        raise TypeError(f"replace_churned must be a bool; got {replace_churned!r}")
    root = root_sequence(seed)
    customers = world.customers
    if drivers is None:
        drivers = customer_drivers(customers, world.reps, world.as_of)
    elif not isinstance(drivers, pd.DataFrame) or len(drivers) != len(customers) \
            or "tenure_years" not in drivers.columns:
        raise ValueError("drivers must be customer_drivers(world.customers, world.reps, world.as_of) of this world")
    drivers = _arrays(drivers)
    n, k = len(customers), len(ladder.levels)

    chances = _chances(drivers, ladder, policy)
    baseline = _chances(drivers, ladder, policy.without_care())

    if initial_level is None:
        start = _initial_levels(drivers["tenure_years"], drivers["loyalty"], drivers["key_account"], k,
                                _stream(root, "initial"))
    else:
        start = np.full(n, ladder.codes.index(check_choice("initial_level", initial_level, ladder.codes)), np.int8)

    # One uniform per customer and month for each random step, drawn up front.
    u_complaint = _stream(root, "complaints").random((months, n))
    u_recovery = _stream(root, "recovery").random((months, n))
    u_move = _stream(root, "moves").random((months, n))

    levels = np.empty((months + 1, n), np.int8)
    before = np.empty((months, n), np.int8)
    outcome = np.zeros((months, n), np.int8)  # 0 none, 1 recovered, 2 not recovered
    levels[0] = start
    # Thresholds on one uniform: below churn -> leave, below churn + down -> down,
    # at or above 1 - up -> up. Flattened to (3 * n * K,) for one gather per month.
    leave_below = chances.churn.ravel()
    down_below = (chances.churn + chances.down).ravel()
    up_from = (1 - chances.up).ravel()
    cell = np.arange(n) * k  # offset of each customer in an (n, K) table
    for t in range(months):
        current = levels[t]
        if replace_churned:
            current = np.where(current < 0, 0, current).astype(np.int8)
        before[t] = current
        active = current >= 0
        complaint = active & (u_complaint[t] < chances.complaint)
        outcome[t] = complaint * np.where(u_recovery[t] < chances.recovery, 1, 2)
        index = outcome[t].astype(np.intp) * (n * k) + cell + np.maximum(current, 0)
        u = u_move[t]
        nxt = current - (u < down_below[index]) + (u >= up_from[index])
        nxt[(u < leave_below[index]) | ~active] = -1
        levels[t + 1] = nxt

    monthly = _monthly_table(drivers, ladder, policy, chances, before, levels[1:], outcome)
    complaints = _complaint_table(drivers, ladder, policy, before, levels[1:], outcome)
    care_spend = chances.care_cost + _contact_cost(policy)
    return RelationshipRun(
        ladder=ladder, policy=policy, months=months, replace_churned=bool(replace_churned),
        customer_ids=drivers["customer_id"], monthly=monthly, complaints=complaints,
        matrices=chances.matrices(), baseline_matrices=baseline.matrices(),
        margins=_expected_margin(drivers, ladder, policy, chances),
        baseline_margins=_expected_margin(drivers, ladder, policy.without_care(), baseline),
        care_spend=care_spend, levels=levels, levels_before=before, root=root)


def _contact_cost(policy: CarePolicy) -> float:
    """Planned monthly contact cost per customer, CNY."""
    return policy.contacts_per_month * float(policy.channel_weights @ CHANNEL_COST)


def _expected_margin(drivers: pd.DataFrame, ladder: Ladder, policy: CarePolicy, chances: _Chances) -> np.ndarray:
    """Expected monthly profit per customer and level, shape (n, K)."""
    revenue = drivers["wallet_month"][:, None] * ladder.share_of_wallet
    handling = complaint_model.handling_cost(policy.complaint_days, policy.complaint_quality)
    cost = (ladder.cost_to_serve + chances.service_cost[:, None] + chances.care_cost + _contact_cost(policy)
            + (chances.complaint * handling)[:, None])
    return GROSS_MARGIN_RATE * revenue - cost


def _monthly_table(drivers, ladder, policy, chances, before, after, outcome) -> pd.DataFrame:
    months, n = before.shape
    k = len(ladder.levels)
    dtype = level_dtype(ladder)
    active = before >= 0
    # Everything a customer-month earns or costs depends on (customer, level)
    # and the complaint outcome: build small (n, K) tables, then gather.
    cell = np.arange(n)[None, :] * k + np.maximum(before, 0)
    revenue_table = drivers["wallet_month"][:, None] * ladder.share_of_wallet
    care_table = chances.care_cost
    base_cost_table = (ladder.cost_to_serve + chances.service_cost[:, None] + care_table + _contact_cost(policy))
    handling = complaint_model.handling_cost(policy.complaint_days, policy.complaint_quality)
    # The month's satisfaction: the gap, moved by a complaint and its handling.
    gap_table = chances.gap[None, :, :] + np.array([0.0, 0.1, -0.4])[:, None, None]
    outcome_cell = outcome.astype(np.intp) * (n * k) + cell
    revenue = np.where(active, revenue_table.ravel()[cell], 0.0)
    care_cost = np.where(active, care_table.ravel()[cell], 0.0)
    cost = np.where(active, base_cost_table.ravel()[cell], 0.0) + np.where(outcome > 0, handling, 0.0)
    satisfaction = np.where(active, _sigmoid(4.0 * gap_table).ravel()[outcome_cell], np.nan)
    satisfied = active & (gap_table.ravel()[outcome_cell] > 0)
    return pd.DataFrame({
        "customer_id": np.tile(drivers["customer_id"].astype(np.int32), months),
        "month": np.repeat(np.arange(1, months + 1, dtype=np.int16), n),
        "level_before": pd.Categorical.from_codes(before.ravel() + 1, dtype=dtype),
        "level": pd.Categorical.from_codes(after.ravel() + 1, dtype=dtype),
        "complaint": (outcome > 0).ravel(),
        "recovered": (outcome == 1).ravel(),
        "satisfaction": satisfaction.ravel(),
        "satisfied": satisfied.ravel(),
        "churned": (active & (after < 0)).ravel(),
        "revenue": revenue.ravel(),
        "care_cost": care_cost.ravel(),
        "contact_cost": np.where(active, _contact_cost(policy), 0.0).ravel(),
        "cost_to_serve": cost.ravel(),
        "profit": (GROSS_MARGIN_RATE * revenue - cost).ravel(),
    }, copy=False)


def _complaint_table(drivers, ladder, policy, before, after, outcome) -> pd.DataFrame:
    month, customer = np.nonzero(outcome)
    n = len(month)
    dtype = level_dtype(ladder)
    return pd.DataFrame({
        "complaint_id": np.arange(1, n + 1, dtype=np.int64),
        "customer_id": drivers["customer_id"].astype(np.int32)[customer],
        "month": (month + 1).astype(np.int16),
        "level_before": pd.Categorical.from_codes(before[month, customer] + 1, dtype=dtype),
        "handling_days": np.full(n, policy.complaint_days),
        "handling_quality": np.full(n, policy.complaint_quality),
        "recovery_probability": np.full(n, float(complaint_model.recovery_probability(
            policy.complaint_days, policy.complaint_quality))),
        "outcome": pd.Categorical.from_codes(outcome[month, customer] - 1,
                                             categories=list(complaint_model.OUTCOMES)),
        "level": pd.Categorical.from_codes(after[month, customer] + 1, dtype=dtype),
        "handling_cost": np.full(n, float(complaint_model.handling_cost(policy.complaint_days,
                                                                        policy.complaint_quality))),
    }, copy=False)


# --- analysis -------------------------------------------------------------------------------------------
def level_mix(monthly: pd.DataFrame) -> pd.DataFrame:
    """Share of customers on each level (and churned) at the start (month 0) and end of each month.

    Returns
    -------
    DataFrame
        Index ``month`` 0..T; one column per category of ``level`` (``churned``
        first, then the ladder from the bottom); rows sum to 1.
    """
    codes_after = monthly["level"].cat.codes.to_numpy()
    month = monthly["month"].to_numpy().astype(np.int64)
    n_months = int(month.max())
    n_cats = len(monthly["level"].cat.categories)
    counts = np.bincount(month * n_cats + codes_after, minlength=(n_months + 1) * n_cats).reshape(-1, n_cats)
    first = month == 1
    counts[0] = np.bincount(monthly["level_before"].cat.codes.to_numpy()[first], minlength=n_cats)
    shares = counts / counts.sum(axis=1, keepdims=True)
    return pd.DataFrame(shares, index=pd.RangeIndex(n_months + 1, name="month"),
                        columns=list(monthly["level"].cat.categories))


def monthly_kpis(monthly: pd.DataFrame) -> pd.DataFrame:
    """Customer base, churn, satisfaction and profit per month.

    Returns
    -------
    DataFrame
        Index ``month``; columns ``customers`` (with us at the start),
        ``churned`` (left this month), ``churn_rate`` (churned / customers),
        ``cumulative_churn`` (share of the starting base lost so far; with
        replacement, churn events per starting customer), ``satisfied``
        (share of customers satisfied), ``satisfaction`` (mean score),
        ``complaints``, ``revenue``, ``cost_to_serve``, ``profit`` and
        ``cumulative_profit`` (CNY).
    """
    month = monthly["month"].to_numpy()
    active = monthly["level_before"].cat.codes.to_numpy() > 0
    columns = ("churned", "satisfied", "complaint", "revenue", "cost_to_serve", "profit")
    sums = _sum_by_month(month, [active, np.where(active, monthly["satisfaction"].to_numpy(), 0.0)]
                         + [monthly[c].to_numpy() for c in columns])
    customers, satisfaction = sums[0], sums[1]
    total = dict(zip(columns, sums[2:]))
    per_customer = np.maximum(customers, 1)
    return pd.DataFrame({
        "customers": customers.astype(np.int64),
        "churned": total["churned"].astype(np.int64),
        "churn_rate": total["churned"] / per_customer,
        "cumulative_churn": np.cumsum(total["churned"]) / max(customers[0], 1),
        "satisfied": total["satisfied"] / per_customer,
        "satisfaction": satisfaction / per_customer,
        "complaints": total["complaint"].astype(np.int64),
        "revenue": total["revenue"],
        "cost_to_serve": total["cost_to_serve"],
        "profit": total["profit"],
        "cumulative_profit": np.cumsum(total["profit"]),
    }, index=pd.RangeIndex(1, len(customers) + 1, name="month"))


def _sum_by_month(month: np.ndarray, columns: list[np.ndarray]) -> list[np.ndarray]:
    """Sum each column per month 1..max(month)."""
    n_months = int(month.max())
    if len(month) % n_months == 0:
        # The layout simulate_relationships writes (month-major, every customer every month):
        # a reshape and a row sum, with no copies.
        per_month = len(month) // n_months
        if month[0] == 1 and month[-1] == n_months and np.array_equal(month[::per_month], np.arange(1, n_months + 1)) \
                and np.all(month[1:] >= month[:-1]):
            return [np.count_nonzero(np.reshape(c, (n_months, per_month)), axis=1).astype(float) if c.dtype == bool
                    else np.reshape(c, (n_months, per_month)).sum(axis=1) for c in map(np.asarray, columns)]
    index = month.astype(np.int64) - 1
    return [np.bincount(index, weights=np.asarray(c, dtype=float), minlength=n_months) for c in columns]


def estimate_transition_matrix(monthly: pd.DataFrame) -> pd.DataFrame:
    """The monthly transition matrix estimated from the log.

    Returns
    -------
    DataFrame
        Rows: level at the start of a month (the ladder's codes); columns:
        level at its end (the ladder's codes, then ``churned``). Each row is
        the observed share; a level never visited gives a row of NaN.
        ``attrs["counts"]`` holds the customer-months behind each row.
    """
    categories = list(monthly["level"].cat.categories)
    k = len(categories) - 1
    before = monthly["level_before"].cat.codes.to_numpy().astype(np.int64) - 1
    after = monthly["level"].cat.codes.to_numpy().astype(np.int64) - 1
    keep = before >= 0
    after = np.where(after < 0, k, after)  # churned goes to the last column
    counts = np.bincount(before[keep] * (k + 1) + after[keep], minlength=k * (k + 1)).reshape(k, k + 1)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / totals
    table = pd.DataFrame(shares, index=pd.Index(categories[1:], name="from"),
                         columns=pd.Index(categories[1:] + [CHURNED], name="to"))
    table.attrs["counts"] = totals.ravel()
    return table


def true_transition_matrix(run: RelationshipRun) -> pd.DataFrame:
    """The true monthly transition matrix behind the log, same layout as :func:`estimate_transition_matrix`.

    Customers differ, so the matrix is the average of their own matrices,
    weighted by how many months each spent on each level in this run:
    exactly what the estimate from the log converges to.
    """
    k = len(run.ladder.levels)
    occupancy = np.stack([(run.levels_before == level).sum(axis=0) for level in range(k)], axis=1)  # (n, K)
    weighted = np.einsum("nk,nkj->kj", occupancy, run.matrices)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = weighted / occupancy.sum(axis=0)[:, None]
    return pd.DataFrame(shares, index=pd.Index(list(run.ladder.codes), name="from"),
                        columns=pd.Index([*run.ladder.codes, CHURNED], name="to"))


def stationary_distribution(matrix: np.ndarray | pd.DataFrame) -> np.ndarray:
    """Long-run level mix of a chain in which every lost customer is replaced at the lowest level.

    Parameters
    ----------
    matrix : array, shape (..., K, K + 1)
        Monthly transition matrices with churn as the last column (one, or a
        stack of per-customer matrices).

    Returns
    -------
    ndarray, shape (..., K)
        The stationary distribution over the ladder's levels.
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim < 2 or matrix.shape[-1] != matrix.shape[-2] + 1:
        raise ValueError(f"matrix must have shape (..., K, K + 1); got {matrix.shape}")
    k = matrix.shape[-2]
    closed = matrix[..., :k].copy()
    closed[..., 0] += matrix[..., k]  # a lost customer is replaced at the bottom
    # Solve pi (P - I) = 0 with sum(pi) = 1: replace one equation by the normalisation.
    system = np.swapaxes(closed, -1, -2) - np.eye(k)
    system[..., -1, :] = 1.0
    rhs = np.zeros(matrix.shape[:-2] + (k,))
    rhs[..., -1] = 1.0
    return np.linalg.solve(system, rhs[..., None])[..., 0]


def population_stationary_mix(run: RelationshipRun) -> pd.Series:
    """The analytic long-run level mix of the run's customers (with replacement), indexed by level code."""
    return pd.Series(stationary_distribution(run.matrices).mean(axis=0), index=list(run.ladder.codes),
                     name="stationary_share")


def level_economics(monthly: pd.DataFrame) -> pd.DataFrame:
    """Retention, satisfaction and profit by level.

    Returns
    -------
    DataFrame
        Index: the ladder's level codes (level at the start of the month).
        Columns: ``customer_months``; ``monthly_churn``; ``annual_retention``
        (``(1 - monthly_churn) ** 12``); ``satisfied`` (share);
        ``complaint_rate``; ``revenue``, ``cost_to_serve``, ``profit``
        (means per customer-month, CNY).
    """
    categories = list(monthly["level_before"].cat.categories)
    k = len(categories)
    code = monthly["level_before"].cat.codes.to_numpy().astype(np.int64)

    def total(values=None) -> np.ndarray:
        return np.bincount(code, weights=values, minlength=k)[1:]

    months = total()
    with np.errstate(invalid="ignore", divide="ignore"):
        churn = total(monthly["churned"].to_numpy()) / months
        table = pd.DataFrame({
            "customer_months": months.astype(np.int64),
            "monthly_churn": churn,
            "annual_retention": (1 - churn) ** 12,
            "satisfied": total(monthly["satisfied"].to_numpy()) / months,
            "complaint_rate": total(monthly["complaint"].to_numpy()) / months,
            "revenue": total(monthly["revenue"].to_numpy()) / months,
            "cost_to_serve": total(monthly["cost_to_serve"].to_numpy()) / months,
            "profit": total(monthly["profit"].to_numpy()) / months,
        }, index=pd.Index(categories[1:], name="level"))
    return table


def _level_moves(matrices: np.ndarray) -> np.ndarray:
    """Level-to-level part of per-customer matrices, laid out (K, K, n) so that
    the arithmetic runs over long contiguous customer rows."""
    return np.ascontiguousarray(np.asarray(matrices, dtype=float)[..., :-1].transpose(1, 2, 0))


def _occupancy(matrices: np.ndarray, start: np.ndarray, months: int) -> np.ndarray:
    """Expected months each customer spends on each level over ``months``, shape (K, n)."""
    moves = _level_moves(matrices)
    k, _, n = moves.shape
    state = np.zeros((k, n))
    state[start, np.arange(n)] = 1.0
    occupancy = np.zeros((k, n))
    for _ in range(months):
        occupancy += state
        state = (state[:, None, :] * moves).sum(axis=0)
    return occupancy


def _expected_values(matrices: np.ndarray, margins: np.ndarray, months: int, monthly_discount: float) -> np.ndarray:
    """Expected discounted profit over ``months`` from each level, per customer: shape (n, K)."""
    moves = _level_moves(matrices)  # churned customers earn nothing
    margins = margins.T
    value = np.zeros_like(margins)
    for _ in range(months):  # backward recursion: V = m + d * P V
        value = margins + monthly_discount * (moves * value[None, :, :]).sum(axis=1)
    return value.T


def clv_by_level(run: RelationshipRun, years: int = 5, annual_discount_rate: float = 0.10) -> pd.DataFrame:
    """Customer lifetime value of a customer who is now on each level.

    Expected discounted profit over ``years``, from each customer's own
    transition matrix and margins (churned customers earn nothing).

    Returns
    -------
    DataFrame
        Index: level codes. Columns ``clv_mean`` and ``clv_median`` over all
        customers (as if each stood on that level now), CNY; ``customers_now``
        (customers on that level at the start of the run).
    """
    years = check_int("years", years, 1, 30)
    rate = check_real("annual_discount_rate", annual_discount_rate, 0.0, 1.0)
    value = _expected_values(run.matrices, run.margins, 12 * years, (1 + rate) ** (-1 / 12))
    start = run.levels_before[0]
    return pd.DataFrame({
        "clv_mean": value.mean(axis=0),
        "clv_median": np.median(value, axis=0),
        "customers_now": np.bincount(start[start >= 0], minlength=len(run.ladder.levels)).astype(np.int64),
    }, index=pd.Index(list(run.ladder.codes), name="level"))


def care_return(run: RelationshipRun) -> pd.Series:
    """Return on care spending over the run's months, in expectation.

    Compares each customer's expected profit under the policy with the same
    policy without care budget and contacts (same service level, maintenance
    and complaint handling), both from the customer's starting level.

    Returns
    -------
    Series
        ``care_spend`` (expected care budget + contact cost, CNY),
        ``profit_with_care``, ``profit_without_care`` (expected, after all
        costs, CNY), ``incremental_profit`` and ``return_on_care``
        (incremental profit / care spend; above 0 means care more than pays
        for itself, NaN without spend).
    """
    start = run.levels_before[0].astype(np.int64)

    def expected(matrices: np.ndarray, *per_level: np.ndarray) -> list[float]:
        occupancy = _occupancy(matrices, start, run.months)
        return [float((occupancy * values.T).sum()) for values in per_level]

    with_care, spend = expected(run.matrices, run.margins, run.care_spend)
    (without,) = expected(run.baseline_matrices, run.baseline_margins)
    return pd.Series({
        "care_spend": spend,
        "profit_with_care": with_care,
        "profit_without_care": without,
        "incremental_profit": with_care - without,
        "return_on_care": (with_care - without) / spend if spend > 0 else np.nan,
    }, name="care_return")


def expected_level(matrices: np.ndarray, start: np.ndarray | int, months: int) -> np.ndarray:
    """Expected level index after ``months`` (churned counts as -1), per customer.

    Parameters
    ----------
    matrices : ndarray, shape (n, K, K + 1)
    start : int or ndarray of level indices
    months : int
    """
    matrices = np.asarray(matrices, dtype=float)
    n, k = matrices.shape[0], matrices.shape[1]
    full = np.zeros((n, k + 1, k + 1))
    full[:, :k, :] = matrices
    full[:, k, k] = 1.0  # churn is absorbing
    state = np.zeros((n, k + 1))
    state[np.arange(n), np.broadcast_to(np.asarray(start), (n,))] = 1.0
    for _ in range(check_int("months", months, 0)):
        state = np.einsum("nk,nkj->nj", state, full)
    return state @ np.append(np.arange(k, dtype=float), -1.0)


def transition_matrices(drivers: pd.DataFrame, policy: CarePolicy,
                        ladder: str | Ladder | Sequence = "course") -> np.ndarray:
    """Each customer's true monthly transition matrix under ``policy``.

    Parameters
    ----------
    drivers : DataFrame
        From :func:`customer_drivers` (or with the same columns).
    policy : CarePolicy
    ladder : "course", "kotler", Ladder or list of level dicts

    Returns
    -------
    ndarray, shape (n, K, K + 1)
        Rows: level at the start of a month; columns: the levels, then churn.
    """
    if not isinstance(policy, CarePolicy):
        raise TypeError(f"policy must be a CarePolicy; got {type(policy).__name__}")
    return _chances(_arrays(drivers), get_ladder(ladder), policy).matrices()


def recovery_effect(monthly: pd.DataFrame) -> pd.DataFrame:
    """What happened in the month of a complaint, by how it was handled.

    Returns
    -------
    DataFrame
        Index ``handling``: ``no_complaint``, ``recovered``,
        ``not_recovered``. Columns ``customer_months``, ``up_rate``,
        ``down_rate``, ``churn_rate`` (shares of those customer-months moving
        up a level, down a level or leaving) and ``satisfaction`` (mean).
    """
    before = monthly["level_before"].cat.codes.to_numpy()
    after = monthly["level"].cat.codes.to_numpy()
    active = before > 0
    group = np.where(monthly["complaint"].to_numpy(), np.where(monthly["recovered"].to_numpy(), 1, 2), 0)[active]
    before, after = before[active], after[active]

    def rate(flag: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=flag, minlength=3) / np.maximum(np.bincount(group, minlength=3), 1)

    return pd.DataFrame({
        "customer_months": np.bincount(group, minlength=3).astype(np.int64),
        "up_rate": rate(after > before),
        "down_rate": rate((after < before) & (after > 0)),
        "churn_rate": rate(after == 0),
        "satisfaction": rate(monthly["satisfaction"].to_numpy()[active]),
    }, index=pd.Index(["no_complaint", "recovered", "not_recovered"], name="handling"))


def compare_policies(world, policies: Mapping[str, CarePolicy], ladder: str | Ladder | Sequence = "course",
                     months: int = 24, seed: SeedLike = 0) -> pd.DataFrame:
    """Run several care policies on the same customers with the same random numbers.

    Parameters
    ----------
    world : World
    policies : mapping of name -> CarePolicy
        The names label the rows.
    ladder, months, seed
        As in :func:`simulate_relationships` (one seed for all, so the
        differences come from the policies).

    Returns
    -------
    DataFrame
        One row per policy: ``cumulative_churn``, ``satisfied`` (share in the
        last month), ``complaints``, ``recovered`` (share of complaints
        handled well), ``care_spend``, ``profit`` (total, CNY) and
        ``return_on_care``.
    """
    if not isinstance(policies, Mapping) or not policies:
        raise ValueError(f"policies must be a non-empty dict of name -> CarePolicy; got {policies!r}")
    if isinstance(seed, np.random.Generator):
        seed = root_sequence(seed)  # draw once, so every policy sees the same numbers
    drivers = customer_drivers(world.customers, world.reps, world.as_of)
    rows = {}
    for name, policy in policies.items():
        run = simulate_relationships(world, policy, ladder, months, seed, drivers=drivers)
        kpis = monthly_kpis(run.monthly)
        returns = care_return(run)
        table = run.complaints
        rows[name] = {
            "cumulative_churn": kpis["cumulative_churn"].iloc[-1],
            "satisfied": kpis["satisfied"].iloc[-1],
            "complaints": len(table),
            "recovered": table["outcome"].eq("recovered").mean() if len(table) else np.nan,
            "care_spend": returns["care_spend"],
            "profit": kpis["profit"].sum(),
            "return_on_care": returns["return_on_care"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("policy")


def segment_summary(world, run: RelationshipRun) -> pd.DataFrame:
    """Care and its results by customer segment (grade).

    Returns
    -------
    DataFrame
        Index: segment codes present in the world. Columns ``customers``,
        ``care_cost`` (mean monthly care budget per customer with us, CNY),
        ``top_levels_start`` and ``top_levels_end`` (share on the upper half
        of the ladder at the start and after the last month),
        ``cumulative_churn`` and ``profit`` (total per starting customer, CNY).
    """
    segment = world.customers["segment"].cat.codes.to_numpy()
    k = len(run.ladder.levels)
    upper = k - k // 2  # first level of the upper half
    n_segments = len(vocab.SEGMENT_CODES)
    months = run.months
    customer_of_row = np.tile(np.arange(len(segment)), months)
    row_segment = segment[customer_of_row]
    active = run.monthly["level_before"].cat.codes.to_numpy() > 0
    count = np.bincount(segment, minlength=n_segments)

    def per_segment(values: np.ndarray, by: np.ndarray) -> np.ndarray:
        return np.bincount(by, weights=values, minlength=n_segments)

    with np.errstate(invalid="ignore", divide="ignore"):
        table = pd.DataFrame({
            "customers": count.astype(np.int64),
            "care_cost": per_segment(run.monthly["care_cost"].to_numpy(), row_segment)
            / per_segment(active, row_segment),
            "top_levels_start": per_segment(run.levels[0] >= upper, segment) / count,
            "top_levels_end": per_segment(run.levels[-1] >= upper, segment) / count,
            "cumulative_churn": per_segment(run.levels[-1] < 0, segment) / count,
            "profit": per_segment(run.monthly["profit"].to_numpy(), row_segment) / count,
        }, index=pd.Index(list(vocab.SEGMENT_CODES), name="segment"))
    return table[count > 0]


def customer_history(run: RelationshipRun, customer_id: int) -> pd.DataFrame:
    """One customer's months in the dynamic database: level, complaints, satisfaction, profit.

    Returns
    -------
    DataFrame
        Index ``month``; columns ``level_before``, ``level``, ``complaint``,
        ``recovered``, ``satisfaction``, ``revenue``, ``cost_to_serve``, ``profit``.
    """
    customer_id = check_int("customer_id", customer_id, 1)
    position = np.flatnonzero(run.customer_ids == customer_id)
    if not len(position):
        raise ValueError(f"customer_id={customer_id} is not in this run; ids run from "
                         f"{run.customer_ids.min()} to {run.customer_ids.max()}")
    rows = position[0] + len(run.customer_ids) * np.arange(run.months)
    columns = ["month", "level_before", "level", "complaint", "recovered", "satisfaction", "revenue",
               "cost_to_serve", "profit"]
    return run.monthly.iloc[rows][columns].set_index("month")


def display_number(value: float) -> str:
    """Format a number for a table shown to learners: large amounts to 6
    significant digits without decimals (``4,615,650,000``), small numbers
    with 3 decimals.

    Six digits are all a reader needs, and they stay the same when the last
    bits of a float differ between machines. Use it as
    ``pandas.options.display.float_format``.
    """
    if not np.isfinite(value):
        return str(value)
    if abs(value) >= 1000:
        digits = 6 - int(np.floor(np.log10(abs(value)))) - 1
        return f"{round(value, digits):,.0f}"
    return f"{value:.3f}"


def labelled(table: pd.DataFrame | pd.Series, ladder: Ladder | str | None = None,
             language: str | None = None) -> pd.DataFrame | pd.Series:
    """A copy of an analysis table with headers and labels in the current (or given) language.

    Column and index names with a ``rel.col.*`` text are translated, level
    codes of ``ladder`` become level names, and other known codes
    (``churned``, handling outcomes) their labels. Use it to show a table;
    keep computing with the coded one.
    """
    ladder = get_ladder(ladder) if ladder is not None else None
    names = dict(zip(ladder.codes, ladder.labels(language))) if ladder else {}

    def label(value):
        if not isinstance(value, str):
            return value
        if value in names:
            return names[value]
        for key in (f"rel.{value}", f"rel.handling.{value}", f"rel.col.{value}", f"segment.{value}"):
            if i18n.has(key):
                return i18n.t(key, language)
        return value

    out = table.copy()
    if isinstance(out, pd.DataFrame):
        for column in out.columns:  # level codes inside the table
            if isinstance(out[column].dtype, pd.CategoricalDtype):
                out[column] = out[column].cat.rename_categories([label(c) for c in out[column].cat.categories])
            elif out[column].dtype == bool:
                out[column] = np.where(out[column].to_numpy(), i18n.t("rel.yes", language), i18n.t("rel.no", language))
    out.index = out.index.map(label)
    out.index.name = label(table.index.name)
    if isinstance(out, pd.DataFrame):
        out.columns = out.columns.map(label)
        out.columns.name = label(table.columns.name)
    else:
        out.name = label(table.name)
    return out


i18n.register({
    "rel.handling.no_complaint": ("No complaint", "无投诉"),
    "rel.handling.recovered": ("Complaint handled well", "投诉补救成功"),
    "rel.handling.not_recovered": ("Complaint handled poorly", "投诉补救失败"),
    "rel.col.handling": ("Complaint handling", "投诉处理"),
    "rel.col.month": ("Month", "月份"),
    "rel.col.from": ("From level", "月初层次"),
    "rel.col.to": ("To level", "月末层次"),
    "rel.col.customers": ("Customers", "客户数"),
    "rel.col.churned": ("Churned", "流失数"),
    "rel.col.churn_rate": ("Churn rate", "流失率"),
    "rel.col.cumulative_churn": ("Cumulative churn", "累计流失率"),
    "rel.col.satisfied": ("Satisfied share", "满意客户比例"),
    "rel.col.satisfaction": ("Satisfaction", "满意度"),
    "rel.col.complaints": ("Complaints", "投诉数"),
    "rel.col.complaint_rate": ("Complaint rate", "投诉率"),
    "rel.col.revenue": ("Revenue (CNY)", "收入（元）"),
    "rel.col.profit": ("Profit (CNY)", "利润（元）"),
    "rel.col.cumulative_profit": ("Cumulative profit (CNY)", "累计利润（元）"),
    "rel.col.customer_months": ("Customer-months", "客户·月数"),
    "rel.col.monthly_churn": ("Monthly churn", "月流失率"),
    "rel.col.annual_retention": ("Annual retention", "年保留率"),
    "rel.col.up_rate": ("Moved up", "升级比例"),
    "rel.col.down_rate": ("Moved down", "降级比例"),
    "rel.col.clv_mean": ("CLV, mean (CNY)", "客户终生价值均值（元）"),
    "rel.col.clv_median": ("CLV, median (CNY)", "客户终生价值中位数（元）"),
    "rel.col.customers_now": ("Customers now", "当前客户数"),
    "rel.col.stationary_share": ("Long-run share", "长期占比"),
    "rel.col.simulated_share": ("Simulated share", "模拟占比"),
    "rel.col.care_spend": ("Care spending (CNY)", "关怀支出（元）"),
    "rel.col.profit_with_care": ("Profit with care (CNY)", "有关怀时利润（元）"),
    "rel.col.profit_without_care": ("Profit without care (CNY)", "无关怀时利润（元）"),
    "rel.col.incremental_profit": ("Extra profit from care (CNY)", "关怀带来的增量利润（元）"),
    "rel.col.return_on_care": ("Return on care", "关怀投资回报率"),
    "rel.col.care_return": ("Return on care spending", "关怀支出回报"),
    "rel.col.level": ("Level", "关系层次"),
    "rel.col.policy": ("Policy", "策略"),
    "rel.yes": ("yes", "是"),
    "rel.no": ("no", "否"),
    "rel.col.segment": ("Segment", "客户类别"),
    "rel.col.recovered": ("Handled well", "补救成功"),
    "rel.col.complaint": ("Complaint", "投诉"),
    "rel.col.level_before": ("Level at start", "月初层次"),
    "rel.col.care_cost": ("Care budget (CNY)", "关怀预算（元）"),
    "rel.col.top_levels_start": ("Upper levels at start", "期初处于较高层次比例"),
    "rel.col.top_levels_end": ("Upper levels at end", "期末处于较高层次比例"),
    "rel.example.no_care": ("No care", "不做关怀"),
    "rel.example.default": ("Course default", "课程默认策略"),
    "rel.example.generous": ("Generous care", "大力关怀"),
    "rel.example.fast_good": ("Fast, careful complaint handling", "快速、认真处理投诉"),
    "rel.example.slow_poor": ("Slow, careless complaint handling", "拖延、敷衍处理投诉"),
    "rel.col.cost_to_serve": ("Cost to serve (CNY)", "服务成本（元）"),
    "rel.col.cost_per_month": ("Cost to serve (CNY/month)", "每月服务成本（元）"),
    "rel.col.share_of_wallet": ("Share of wallet", "钱包份额"),
})
