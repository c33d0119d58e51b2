"""The key-account sales process (大客户销售流程): opportunities, A/B/C/D
grading, the rep's policy and the six stages with their key nodes.

Data flows one way::

    world --generate_opportunities--> opportunities (what the market offers)
          --simulate_pipeline(policy)--> PipelineResult (decisions, stage events, win/loss)
          --contact_log / weekly_report / follow_up_form--> the forms a rep fills in

Analysis of the result (funnel, cycle time, forecast, win rates, rep
metrics, goals) lives in :mod:`crmsim.pipeline`.

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

An opportunity is *won* when the contract is signed (end of negotiation);
implementation then decides whether the project is accepted on time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import i18n
from .world import vocab
from .world.financials import financial_ratios
from .seeding import SeedLike, root_sequence
from .validation import check_choices, check_int, check_probability, check_real

# --- vocabulary ------------------------------------------------------------------------------
STAGES = ("development", "initiation", "proposal", "tender", "negotiation", "implementation")
KEY_NODES = ("project_information", "presales_approval", "relationship_advanced", "bid_submitted",
             "contract_signed", "acceptance")
GRADES = ("A", "B", "C", "D")
OUTCOMES = ("won", "lost", "dropped")
REASONS = ("signed", "not_pursued", "high_risk", "no_real_project", "not_approved", "relationship_stalled",
           "lost_on_price", "lost_on_quality", "over_budget", "terms_not_agreed")
CRITERIA = ("reachability", "profitability", "feasibility", "value", "sustainability")
GRADING_FACTORS = ("size", "financials", "need", "importance", "attitude", "decision_maker", "familiarity",
                   "region_industry")
CHANNELS = ("visit", "phone", "email", "meeting")

#: Stream ids of this module's tables (see :mod:`crmsim.seeding`); never renumber.
_STREAM = 40
_OPPORTUNITIES, _SIMULATION, _CONTACTS = 0, 1, 2

#: Our cost as a share of an opportunity's list value: bidding below 1 - COST_SHARE loses money.
COST_SHARE = 0.70
#: Typical months an opportunity stays open; used to share a rep's hours among the opportunities open at once.
TYPICAL_CYCLE_MONTHS = 6.0
#: Hours of effort at which the effect of effort is half its maximum.
HALF_EFFECT_HOURS = 8.0

i18n.register({f"ka.stage.{s}": pair for s, pair in zip(STAGES, (
    ("Development", "客户开发"), ("Initiation", "立项"), ("Proposal", "提案"), ("Tender", "招投标"),
    ("Negotiation", "商务谈判"), ("Implementation", "工程实施")))})
i18n.register({f"ka.key_node.{s}": pair for s, pair in zip(KEY_NODES, (
    ("Accurate project information", "准确的项目信息"), ("Pre-sales approval", "售前立项"),
    ("Relationship advanced", "有效的客户关系推进"), ("Bid or negotiated bid", "投标或议标"),
    ("Contract approved and signed", "合同审批和签订"), ("Acceptance and project close", "工程验收和项目结项")))})
i18n.register({f"ka.grade.{g}": (f"Grade {g}", f"{g}级") for g in GRADES})
i18n.register({f"ka.outcome.{s}": pair for s, pair in zip(OUTCOMES, (
    ("Won", "赢单"), ("Lost", "丢单"), ("Dropped", "放弃")))})
i18n.register({f"ka.reason.{s}": pair for s, pair in zip(REASONS, (
    ("Contract signed", "合同签订"), ("Not pursued (grade)", "未跟进（等级低）"),
    ("Dropped after risk assessment", "风险评估后放弃"), ("No real project", "没有真实项目"),
    ("Not approved by customer", "客户未立项"), ("Relationship stalled", "关系未能推进"),
    ("Lost on price", "价格落败"), ("Lost on quality", "技术/方案落败"),
    ("Bid over budget", "报价超出预算"), ("Terms not agreed", "条款未谈妥")))})
i18n.register({f"ka.criterion.{s}": pair for s, pair in zip(CRITERIA, (
    ("Reachability", "可达成性"), ("Profitability", "赢利性"), ("Feasibility", "可实施性"),
    ("Value to customer", "价值性"), ("Sustainability", "可持续性")))})
i18n.register({f"ka.factor.{s}": pair for s, pair in zip(GRADING_FACTORS, (
    ("Size", "企业规模"), ("Financial performance", "财务业绩"), ("Need", "需求"),
    ("Importance of our solution", "我方方案的重要性"), ("Attitude to us", "对我方态度"),
    ("Key decision maker", "关键决策者"), ("Familiarity", "熟悉程度"), ("Region and industry", "区域与行业")))})
i18n.register({f"ka.channel.{s}": pair for s, pair in zip(CHANNELS, (
    ("Visit", "拜访"), ("Phone", "电话"), ("Email", "邮件"), ("Meeting", "会议")))})
i18n.register({"ka.none": ("None", "无"), "ka.yes": ("Yes", "是"), "ka.no": ("No", "否")})

_STAGE_DTYPE = pd.CategoricalDtype(list(STAGES), ordered=True)
_NODE_DTYPE = pd.CategoricalDtype(list(KEY_NODES), ordered=True)
_GRADE_DTYPE = pd.CategoricalDtype(list(GRADES), ordered=True)
_OUTCOME_DTYPE = pd.CategoricalDtype(list(OUTCOMES))
_REASON_DTYPE = pd.CategoricalDtype(list(REASONS))
_CHANNEL_DTYPE = pd.CategoricalDtype(list(CHANNELS))


# --- grading and policy ---------------------------------------------------------------------
DEFAULT_GRADING_WEIGHTS = {
    "size": 0.20, "financials": 0.15, "need": 0.15, "importance": 0.10,
    "attitude": 0.10, "decision_maker": 0.10, "familiarity": 0.10, "region_industry": 0.10,
}


@dataclass(frozen=True)
class Grading:
    """How accounts are graded A/B/C/D (A级…D级) from the selection factors.

    The grading score is the weighted mean of the factor scores (each 0-1,
    see :data:`GRADING_FACTORS`); an account is A at or above ``cutoffs[0]``,
    B at or above ``cutoffs[1]``, C at or above ``cutoffs[2]``, D below.

    Parameters
    ----------
    weights : mapping of factor -> weight
        Non-negative weights (normalised to sum to 1); factors left out weigh 0.
    cutoffs : (float, float, float)
        Strictly decreasing score thresholds of A, B and C, each in (0, 1).
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_GRADING_WEIGHTS))
    cutoffs: tuple[float, float, float] = (0.65, 0.58, 0.50)

    def __post_init__(self) -> None:
        if not isinstance(self.weights, Mapping):
            raise TypeError(f"weights must be a mapping of factor -> weight; got {self.weights!r}")
        check_choices("weights", list(self.weights), GRADING_FACTORS)
        clean = {name: check_real(f"weights[{name!r}]", w, 0.0) for name, w in self.weights.items()}
        if sum(clean.values()) <= 0:
            raise ValueError(f"weights must not all be zero; got {dict(self.weights)}")
        total = sum(clean.values())
        object.__setattr__(self, "weights", {name: clean.get(name, 0.0) / total for name in GRADING_FACTORS})
        if not isinstance(self.cutoffs, (tuple, list)) or len(self.cutoffs) != 3:
            raise ValueError(f"cutoffs must be three thresholds (A, B, C); got {self.cutoffs!r}")
        cutoffs = tuple(check_real(f"cutoffs[{i}]", c, 0.0, 1.0) for i, c in enumerate(self.cutoffs))
        if not cutoffs[0] > cutoffs[1] > cutoffs[2]:
            raise ValueError(f"cutoffs must be strictly decreasing (A > B > C); got {cutoffs}")
        object.__setattr__(self, "cutoffs", cutoffs)


@dataclass(frozen=True)
class RepPolicy:
    """The rep's decisions, applied to every opportunity.

    Parameters
    ----------
    pursue : tuple of str
        Grades worth pursuing (possibly none); the other leads are graded out
        in development.
    effort_weights : mapping of grade -> weight
        How the rep splits the monthly hours: an opportunity of grade g gets
        hours in proportion to ``effort_weights[g]`` (missing grades weigh 0).
    monthly_hours : float
        Hours a month the rep spends on key-account opportunities (1-400).
    develop_coach : bool
        Whether the rep works at developing a coach (教练/内线) in accounts
        without one and at strengthening existing coaches. It costs 15 % of
        the hours spent on the account.
    bid_discount : float
        Bid price = list value x (1 - bid_discount), in [0, 0.5].
    drop_risk_above : float
        After the first interviews the rep fills in the risk assessment
        (风险评估表) and drops a lead whose risk score exceeds this (0-1;
        1 never drops).
    """

    pursue: tuple[str, ...] = ("A", "B", "C")
    effort_weights: Mapping[str, float] = field(default_factory=lambda: {"A": 4.0, "B": 2.0, "C": 1.0, "D": 0.5})
    monthly_hours: float = 120.0
    develop_coach: bool = True
    bid_discount: float = 0.08
    drop_risk_above: float = 0.75

    def __post_init__(self) -> None:
        # An empty tuple is allowed: a rep who pursues nothing wins nothing.
        pursue = tuple(self.pursue) if isinstance(self.pursue, (tuple, list)) else self.pursue
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


# --- opportunities ------------------------------------------------------------------------
def _child(seed: SeedLike, k: int) -> np.random.Generator:
    root = root_sequence(seed)
    key = tuple(root.spawn_key) + (_STREAM, k)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(root.entropy, spawn_key=key)))


def _buying_centre(customers: pd.DataFrame, contacts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per customer: influence-weighted attitude of each buying role, overall, and the coach."""
    n = len(customers)
    row = pd.Index(customers["customer_id"]).get_indexer(contacts["customer_id"])
    keep = row >= 0
    row = row[keep]
    role = contacts["role"].cat.codes.to_numpy()[keep].astype(np.int64)
    influence = contacts["influence"].to_numpy()[keep]
    attitude = contacts["attitude"].to_numpy()[keep]
    coach = contacts["is_coach"].to_numpy()[keep]
    n_roles = len(vocab.ROLE_CODES)
    weight = np.bincount(role * n + row, weights=influence, minlength=n * n_roles).reshape(n_roles, n)
    weighted = np.bincount(role * n + row, weights=influence * attitude, minlength=n * n_roles).reshape(n_roles, n)
    by_role = np.divide(weighted, weight, out=np.zeros_like(weighted), where=weight > 0)
    overall = weighted.sum(0) / np.maximum(weight.sum(0), 1e-12)
    coach_strength = np.zeros(n)
    np.maximum.at(coach_strength, row[coach], np.clip(influence[coach] * attitude[coach] * 1.6, 0.0, 1.0))
    out = {f"rel_{code}": by_role[i] for i, code in enumerate(vocab.ROLE_CODES)}
    out.update(relationship=overall, has_coach=coach_strength > 0, coach_strength=coach_strength)
    return out


def key_account_ids(world, include_large_ordinary: bool = False) -> np.ndarray:
    """Customer ids of the key accounts (segment other than ordinary), optionally
    with the large and very large ordinary customers."""
    customers = world.customers
    key = (customers["segment"] != "ordinary").to_numpy()
    if include_large_ordinary:
        key |= (customers["size_tier"].cat.codes.to_numpy() >= vocab.SIZE_CODES.index("large"))
    return customers["customer_id"].to_numpy()[key]


def generate_opportunities(world, seed: SeedLike = 0, months: int = 12, start=None, lead_in_months: int = 6,
                           opportunities_per_year: float = 1.5, include_large_ordinary: bool = False,
                           n_opportunities: int | None = None) -> pd.DataFrame:
    """The sales opportunities (商机) of the world's key accounts.

    Opportunities appear at random over ``lead_in_months`` before ``start``
    and ``months`` after it, so the pipeline is already full at ``start``.
    Nothing here depends on the rep's policy: run :func:`simulate_pipeline`
    on the result.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`.
    seed : int, SeedSequence or Generator
        Same seed, world and parameters give the same table.
    months : int
        Length of the horizon the learner plans for (1-60).
    start : str or Timestamp, optional
        First day of the horizon; default the world's today (``world.as_of``).
    lead_in_months : int
        Months before ``start`` in which opportunities already began (0-24).
    opportunities_per_year : float
        Average new opportunities per key account and year (0-50), when
        ``n_opportunities`` is not given.
    include_large_ordinary : bool
        Also treat large and very large ordinary customers as key accounts.
    n_opportunities : int, optional
        Exactly this many opportunities, spread over randomly chosen key
        accounts (for large simulations).

    Returns
    -------
    DataFrame
        One row per opportunity:

        - ``opportunity_id`` (int64), ``customer_id``, ``rep_id`` (int32)
        - ``segment``, ``size_tier`` (category): of the account
        - ``created`` (datetime64): when the lead was found
        - ``amount`` (CNY m): list value of what the customer needs
        - ``budget`` (CNY m): what the customer has set aside
        - ``schedule_months`` (int16): the customer's planned time to decide
        - ``need`` (0-1): how strong and clear the need is
        - ``n_competitors`` (int16), ``competitor_strength`` (0-1, the strongest
          rival's non-price standing), ``competitor_discount`` (its discount off list)
        - ``price_weight`` (0-1): weight of price in the tender score (hidden,
          from the customer's true price sensitivity)
        - ``rel_decision_maker``, ``rel_influencer``, ``rel_user``,
          ``rel_gatekeeper``, ``relationship`` (-1..1): influence-weighted
          attitude of each buying role and of the whole buying centre
        - ``has_coach`` (bool), ``coach_strength`` (0-1): coach before the rep acts
        - ``prospecting_skill``, ``retention_skill`` (0-1): of the rep
        - ``reachability``, ``profitability``, ``feasibility``, ``value``,
          ``sustainability`` (0-1): the five development criteria, and ``fit``
          their mean
        - ``f_size`` … ``f_region_industry`` (0-1): the grading factor scores
        - ``proposal_draw`` (0-1): luck of the proposal, used by the simulation
    """
    customers = world.customers
    check_int("months", months, 1, 60)
    check_int("lead_in_months", lead_in_months, 0, 24)
    check_real("opportunities_per_year", opportunities_per_year, 0.0, 50.0)
    if not isinstance(include_large_ordinary, (bool, np.bool_)):
        raise TypeError(f"include_large_ordinary must be True or False; got {include_large_ordinary!r}")
    start = _start_date(world, start)
    rng = _child(seed, _OPPORTUNITIES)

    accounts = np.flatnonzero(np.isin(customers["customer_id"].to_numpy(),
                                      key_account_ids(world, include_large_ordinary)))
    window_months = months + lead_in_months
    if n_opportunities is None:
        per_account = rng.poisson(opportunities_per_year * window_months / 12.0, size=len(accounts))
        row = np.repeat(accounts, per_account)
    else:
        check_int("n_opportunities", n_opportunities, 0, 10_000_000)
        if len(accounts) == 0 and n_opportunities > 0:
            raise ValueError("the world has no key accounts to draw n_opportunities from")
        picks = rng.integers(0, len(accounts), size=n_opportunities) if n_opportunities else np.zeros(0, np.int64)
        row = np.sort(accounts[picks])
    n = len(row)
    u = rng.random((9, n))
    z = rng.standard_normal((3, n))

    window_days = (start + pd.DateOffset(months=months) - (start - pd.DateOffset(months=lead_in_months))).days
    first_day = np.datetime64((start - pd.DateOffset(months=lead_in_months)).date(), "D")
    created = first_day + np.floor(u[0] * window_days).astype("timedelta64[D]")

    c = {name: customers[name].to_numpy()[row] for name in
         ("customer_id", "rep_id", "annual_revenue", "true_wallet", "true_growth_potential",
          "true_price_sensitivity", "customer_since")}
    wallet = c["true_wallet"]
    amount = np.clip(0.3 * wallet * np.exp(0.5 * z[0]), 0.2, 30.0)
    budget = amount * np.exp(-0.05 + 0.2 * z[1])
    schedule = (3 + np.floor(u[1] * 10)).astype(np.int16)
    n_comp = np.searchsorted([0.15, 0.45, 0.75, 0.92], u[2], side="right").astype(np.int16)
    comp_strength = np.where(n_comp > 0, 0.3 + 0.6 * u[3] ** (1.0 / np.maximum(n_comp, 1)), 0.0)
    comp_discount = 0.03 + 0.15 * u[4]
    need = np.clip(0.3 + 0.5 * c["true_growth_potential"] + 0.15 * z[2], 0.0, 1.0)
    feasibility = np.clip(0.35 + 0.5 * u[5], 0.0, 1.0)

    centre = _buying_centre(customers, world.contacts)
    centre = {name: values[row] for name, values in centre.items()}
    reps = world.reps.set_index("rep_id")
    prospecting = reps["prospecting_skill"].reindex(c["rep_id"]).to_numpy()
    retention = reps["retention_skill"].reindex(c["rep_id"]).to_numpy()

    ratios = financial_ratios(world.financials)
    latest = ratios[ratios["fiscal_year"] == ratios.groupby("customer_id")["fiscal_year"].transform("max")]
    latest = latest.set_index("customer_id").reindex(c["customer_id"])
    margin = latest["sales_margin"].fillna(0.0).to_numpy()
    debt = latest["debt_to_asset"].fillna(0.5).to_numpy()
    financial_score = np.clip(0.5 + 4.0 * margin - 0.6 * (debt - 0.5), 0.0, 1.0)

    years_as_customer = np.maximum(0.0, (np.datetime64(start.date(), "D") - c["customer_since"].astype("datetime64[D]"))
                                   .astype(np.int64) / 365.25)
    familiarity = np.minimum(1.0, years_as_customer / 5.0)
    industry = customers["industry"].cat.codes.to_numpy()[row]
    international = np.isin(customers["region"].cat.codes.to_numpy()[row],
                            [vocab.REGION_CODES.index(r) for r in vocab.INTERNATIONAL_REGIONS])
    region_industry = np.clip(0.5 + vocab.INDUSTRY_GROWTH[industry], 0.0, 1.0) * np.where(international, 0.7, 1.0)

    criteria = {
        "reachability": np.clip(0.45 + 0.35 * centre["relationship"] + 0.2 * centre["has_coach"], 0.0, 1.0),
        "profitability": np.clip(0.2 + 0.5 * np.minimum(budget / amount, 1.2) / 1.2 + 0.3 * financial_score, 0.0, 1.0),
        "feasibility": feasibility,
        "value": need,
        "sustainability": np.clip(0.9 - 0.6 * comp_strength + 0.2 * familiarity, 0.0, 1.0),
    }
    factors = {
        "size": np.clip((np.log(c["annual_revenue"]) - np.log(5.0)) / (np.log(30_000.0) - np.log(5.0)), 0.0, 1.0),
        "financials": financial_score,
        "need": need,
        "importance": amount / (amount + 0.01 * c["annual_revenue"] + 0.5),
        "attitude": (centre["relationship"] + 1.0) / 2.0,
        "decision_maker": (centre["rel_decision_maker"] + 1.0) / 2.0,
        "familiarity": familiarity,
        "region_industry": region_industry,
    }
    data = {
        "opportunity_id": np.arange(1, n + 1, dtype=np.int64),
        "customer_id": c["customer_id"].astype(np.int32),
        "rep_id": c["rep_id"].astype(np.int32),
        "segment": pd.Categorical.from_codes(customers["segment"].cat.codes.to_numpy()[row],
                                             dtype=customers["segment"].dtype),
        "size_tier": pd.Categorical.from_codes(customers["size_tier"].cat.codes.to_numpy()[row],
                                               dtype=customers["size_tier"].dtype),
        "created": created.astype("datetime64[ns]"),
        "amount": amount, "budget": budget, "schedule_months": schedule, "need": need,
        "n_competitors": n_comp, "competitor_strength": comp_strength, "competitor_discount": comp_discount,
        "price_weight": 0.2 + 0.5 * c["true_price_sensitivity"],
        **{f"rel_{code}": centre[f"rel_{code}"] for code in vocab.ROLE_CODES},
        "relationship": centre["relationship"],
        "has_coach": centre["has_coach"], "coach_strength": centre["coach_strength"],
        "prospecting_skill": prospecting, "retention_skill": retention,
        **criteria,
        "fit": np.mean([criteria[k] for k in CRITERIA], axis=0),
        **{f"f_{name}": factors[name] for name in GRADING_FACTORS},
        "proposal_draw": u[6],
    }
    table = pd.DataFrame(copy=False, data=data)
    table.attrs["start"] = start
    return table


def _start_date(world, start) -> pd.Timestamp:
    if start is None:
        return pd.Timestamp(world.as_of)
    try:
        return pd.Timestamp(start).normalize()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"start must be a date like '2026-01-01'; got {start!r}") from exc


def grade_accounts(opportunities: pd.DataFrame, grading: Grading | None = None) -> pd.DataFrame:
    """A/B/C/D grade of each opportunity's account from the selection factors.

    Returns
    -------
    DataFrame
        ``opportunity_id``, ``grading_score`` (0-1) and ``grade`` (ordered category A < B < C < D).
    """
    grading = _check_grading(grading)
    score = sum(w * opportunities[f"f_{name}"].to_numpy() for name, w in grading.weights.items())
    grade = np.searchsorted(-np.asarray(grading.cutoffs), -score, side="right")
    return pd.DataFrame({"opportunity_id": opportunities["opportunity_id"].to_numpy(), "grading_score": score,
                         "grade": pd.Categorical.from_codes(grade, dtype=_GRADE_DTYPE)})


def _check_grading(grading) -> Grading:
    if grading is None:
        return Grading()
    if not isinstance(grading, Grading):
        raise TypeError(f"grading must be a crmsim.key_accounts.Grading; got {grading!r}")
    return grading


def _check_policy(policy) -> RepPolicy:
    if policy is None:
        return RepPolicy()
    if not isinstance(policy, RepPolicy):
        raise TypeError(f"policy must be a crmsim.key_accounts.RepPolicy; got {policy!r}")
    return policy


# --- the six stages ---------------------------------------------------------------------------
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
_GRADE_SUPPORT = np.array([1.0, 0.5, 0.0, -0.5])
#: Slope of the tender's win logit in the difference of total scores.
TENDER_SLOPE = 8.0
#: Typical days in each stage.
STAGE_DAYS = np.array([30.0, 21.0, 30.0, 28.0, 21.0, 75.0])


def tender_scores(frame) -> tuple[np.ndarray, np.ndarray]:
    """Our and the strongest rival's total tender score (0-1).

    Total = price weight x price score + (1 - price weight) x non-price score.
    The lower bid gets price score 1, the other ``lower / own``. Our non-price
    score is half proposal quality, a quarter the influencers' attitude and a
    quarter the coach; the rival's is its strength. Without rivals the bar is
    a fixed 0.3.
    """
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
    shortfall = np.clip(1.0 - frame["budget"] / frame["amount"], 0.0, 1.0)
    score = (0.2 + 0.8 * shortfall + 0.3 * frame["competitor_strength"] + 0.3 * (1.0 - frame["need"])
             - 0.25 * frame["rel_decision_maker"] - 0.2 * frame["coach_strength"])
    return np.clip(np.asarray(score, dtype=float), 0.0, 1.0)


def stage_probabilities(frame) -> np.ndarray:
    """Conversion probability of each of the six stages, shape (n, 6).

    ``frame`` (a DataFrame or dict of arrays) holds the columns of
    :func:`generate_opportunities` plus the policy's ``grade``-derived
    ``grade_support``, ``effort_factor``, ``coach_strength``,
    ``proposal_quality`` and ``bid_price``: the columns of a simulated
    opportunities table.
    """
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
    pursued (``pursued`` column, if present) or dropped by the risk assessment.
    """
    drop_risk_above = check_probability("drop_risk_above", drop_risk_above)
    p = stage_probabilities(frame)[:, :5].prod(axis=1)
    kept = risk_score(frame) <= drop_risk_above
    if "pursued" in frame:
        kept &= np.asarray(frame["pursued"], dtype=bool)
    return np.where(kept, p, 0.0)


@dataclass(frozen=True, eq=False)
class PipelineResult:
    """One run of the key-account process.

    Attributes
    ----------
    opportunities : DataFrame
        The input columns plus the grade, the policy's decisions and the result:
        ``grading_score``, ``grade``, ``pursued``, ``effort_hours`` (per month),
        ``effort_factor`` (0-1), ``grade_support``, ``coach_developed``,
        ``has_coach``/``coach_strength`` (after the rep's work),
        ``proposal_quality``, ``bid_price`` (CNY m), ``risk_score``,
        ``p_development`` … ``p_implementation`` (stage probabilities),
        ``win_probability``, ``stages_entered`` (1-6), ``outcome``
        (won/lost/dropped), ``reason``, ``won_date`` (NaT unless won),
        ``closed`` (last stage's end), ``accepted`` (implementation accepted),
        ``revenue`` and ``gross_margin`` (CNY m, 0 unless won).
    stage_events : DataFrame
        One row per stage an opportunity entered: ``opportunity_id``,
        ``customer_id``, ``rep_id``, ``stage`` (ordered category), ``key_node``,
        ``entered``, ``exited`` (datetime64), ``duration_days`` (int32, >= 1),
        ``key_node_met`` (bool: the stage's key node was reached and the
        opportunity moved on; for implementation, the project was accepted).
    policy : RepPolicy
    grading : Grading
    start : Timestamp
        First day of the horizon.
    months : int
        Length of the horizon.
    """

    opportunities: pd.DataFrame
    stage_events: pd.DataFrame
    policy: RepPolicy
    grading: Grading
    start: pd.Timestamp
    months: int

    @property
    def end(self) -> pd.Timestamp:
        """First day after the horizon."""
        return self.start + pd.DateOffset(months=self.months)


def simulate_pipeline(opportunities: pd.DataFrame, policy: RepPolicy | None = None, grading: Grading | None = None,
                      seed: SeedLike = 0, start=None, months: int = 12) -> PipelineResult:
    """Run every opportunity through the six stages under the rep's policy.

    Each stage is one vectorised step: its probability (:func:`stage_probabilities`)
    is compared with a uniform draw, its duration drawn around
    :data:`STAGE_DAYS`. The draws depend only on ``seed`` and the row, so
    changing the policy with the same seed changes outcomes only where the
    policy matters (common random numbers).

    Parameters
    ----------
    opportunities : DataFrame
        From :func:`generate_opportunities`.
    policy : RepPolicy, optional
    grading : Grading, optional
    seed : int, SeedSequence or Generator
    start : str or Timestamp, optional
        First day of the horizon; default: the ``start`` the opportunities
        were generated for (kept in ``opportunities.attrs``).
    months : int
        Length of the horizon, 1-60.

    Returns
    -------
    PipelineResult
    """
    policy = _check_policy(policy)
    grading = _check_grading(grading)
    check_int("months", months, 1, 60)
    if not isinstance(opportunities, pd.DataFrame) or "f_size" not in opportunities:
        raise TypeError("opportunities must be the DataFrame returned by generate_opportunities")
    if start is None:
        start = opportunities.attrs.get("start")
        if start is None:
            raise ValueError("start is needed: the opportunities table does not say which horizon it was made for")
    try:
        start = pd.Timestamp(start).normalize()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"start must be a date like '2026-01-01'; got {start!r}") from exc
    opps = opportunities
    n = len(opps)
    rng = _child(seed, _SIMULATION)
    u = rng.random((8, n))
    z = rng.standard_normal((6, n))

    graded = grade_accounts(opps, grading)
    grade = graded["grade"].cat.codes.to_numpy()
    pursued = np.isin(grade, [GRADES.index(g) for g in policy.pursue])

    # Effort: the rep's monthly hours are shared among the pursued opportunities
    # open at the same time, in proportion to the weight of their grade.
    rep = opps["rep_id"].to_numpy()
    weight = np.array([policy.effort_weights[g] for g in GRADES])[grade] * pursued
    created_day = opps["created"].to_numpy().astype("datetime64[D]").astype(np.int64)
    span_months = max(1.0, (created_day.max() - created_day.min()) / 30.44) if n else 1.0
    rep_codes, rep_index = np.unique(rep, return_inverse=True)
    rep_weight = np.bincount(rep_index, weights=weight, minlength=len(rep_codes))
    open_at_once = np.minimum(1.0, TYPICAL_CYCLE_MONTHS / span_months)
    effort = np.divide(policy.monthly_hours * weight, rep_weight[rep_index] * open_at_once,
                       out=np.zeros(n), where=weight > 0)
    effort = np.minimum(effort, 80.0)
    working = effort * (0.85 if policy.develop_coach else 1.0)
    effort_factor = working / (working + HALF_EFFECT_HOURS)

    # Coach: developed where there is none, strengthened where there is one.
    coach = opps["coach_strength"].to_numpy()
    had_coach = opps["has_coach"].to_numpy()
    developed = np.zeros(n, dtype=bool)
    if policy.develop_coach:
        chance = pursued * (0.15 + 0.6 * effort_factor * (0.5 + 0.5 * (opps["relationship"].to_numpy() + 1) / 2))
        developed = ~had_coach & (u[0] < chance)
        coach = np.where(developed, 0.25 + 0.35 * effort_factor,
                         np.where(had_coach & pursued, coach + 0.3 * effort_factor * (1.0 - coach), coach))
    skill = 0.5 * (opps["prospecting_skill"].to_numpy() + opps["retention_skill"].to_numpy())
    quality = np.clip(0.2 + 0.3 * skill + 0.35 * effort_factor + 0.3 * (opps["proposal_draw"].to_numpy() - 0.5)
                      + 0.15 * opps["feasibility"].to_numpy(), 0.0, 1.0)
    bid = opps["amount"].to_numpy() * (1.0 - policy.bid_discount)

    frame = {name: opps[name].to_numpy() for name in
             ("fit", "rel_decision_maker", "rel_influencer", "rel_user", "rel_gatekeeper", "competitor_strength",
              "prospecting_skill", "retention_skill", "budget", "amount", "competitor_discount", "price_weight",
              "n_competitors", "need")}
    frame.update(grade_support=_GRADE_SUPPORT[grade], effort_factor=effort_factor, coach_strength=coach,
                 proposal_quality=quality, bid_price=bid)
    p = stage_probabilities(frame)
    risk = risk_score(frame)
    dropped_risk = pursued & (risk > policy.drop_risk_above)
    win_p = np.where(pursued & ~dropped_risk, p[:, :5].prod(axis=1), 0.0)

    # Stage by stage: passing needs the draw below the probability; a lead
    # not pursued or dropped after the risk assessment stops in development.
    passed = u[1:7].T < p
    passed[:, 0] &= pursued & ~dropped_risk
    stages_entered = np.minimum(6, 1 + np.cumprod(passed[:, :5], axis=1).sum(axis=1))
    won = stages_entered == 6
    accepted = won & passed[:, 5]

    # Durations: bigger projects and longer customer schedules take longer;
    # effort and a coach speed things up. Leads graded out leave within a week.
    size_factor = (opps["amount"].to_numpy() / 3.0) ** 0.12
    schedule_factor = np.sqrt(opps["schedule_months"].to_numpy() / 7.5)
    speed = (1.2 - 0.4 * effort_factor) * (1.0 - 0.2 * coach)
    days = STAGE_DAYS * np.exp(0.3 * z.T) * (size_factor * speed)[:, None]
    days[:, :5] *= schedule_factor[:, None]
    days[:, 0] = np.where(pursued, days[:, 0], 2.0 + 5.0 * u[7])
    days = np.maximum(1, np.rint(days)).astype(np.int64)
    entered_mask = np.arange(6) < stages_entered[:, None]
    ends = created_day[:, None] + np.cumsum(np.where(entered_mask, days, 0), axis=1)
    closed_day = ends[np.arange(n), stages_entered - 1]

    # Why it ended: the stage it stopped in, and for tenders whether our price
    # was the higher one (lost on price) or not (lost on quality).
    last = stages_entered - 1
    rival_bid = frame["amount"] * (1 - frame["competitor_discount"])
    code = REASONS.index
    reason = np.select(
        [won, ~pursued, dropped_risk, last == 0, last == 1, last == 2, (last == 3) & (bid > rival_bid),
         last == 3, (last == 4) & (bid > frame["budget"])],
        [code("signed"), code("not_pursued"), code("high_risk"), code("no_real_project"), code("not_approved"),
         code("relationship_stalled"), code("lost_on_price"), code("lost_on_quality"), code("over_budget")],
        default=code("terms_not_agreed"))
    outcome = np.where(won, OUTCOMES.index("won"),
                       np.where(pursued & ~dropped_risk, OUTCOMES.index("lost"), OUTCOMES.index("dropped")))
    won_day = np.where(won, ends[:, 4], 0)

    day0 = np.datetime64("1970-01-01", "D")
    result_columns = {
        "grading_score": graded["grading_score"].to_numpy(),
        "grade": graded["grade"].to_numpy(),
        "pursued": pursued,
        "effort_hours": effort,
        "effort_factor": effort_factor,
        "grade_support": frame["grade_support"],
        "coach_developed": developed,
        "has_coach": had_coach | developed,
        "coach_strength": coach,
        "proposal_quality": quality,
        "bid_price": bid,
        "risk_score": risk,
        **{f"p_{stage}": p[:, k] for k, stage in enumerate(STAGES)},
        "win_probability": win_p,
        "stages_entered": stages_entered.astype(np.int8),
        "outcome": pd.Categorical.from_codes(outcome, dtype=_OUTCOME_DTYPE),
        "reason": pd.Categorical.from_codes(reason, dtype=_REASON_DTYPE),
        "won_date": np.where(won, day0 + won_day.astype("timedelta64[D]"),
                             np.datetime64("NaT")).astype("datetime64[ns]"),
        "closed": (day0 + closed_day.astype("timedelta64[D]")).astype("datetime64[ns]"),
        "accepted": accepted,
        "revenue": np.where(won, bid, 0.0),
        "gross_margin": np.where(won, bid - COST_SHARE * frame["amount"], 0.0),
    }
    table = opps.drop(columns=[c for c in result_columns if c in opps.columns])
    table = pd.concat([table, pd.DataFrame(result_columns, index=table.index)], axis=1)
    table.attrs = {"start": start}

    # Stage events: one row per stage entered, built with np.repeat.
    owner = np.repeat(np.arange(n), stages_entered)
    stage = np.arange(len(owner)) - np.repeat(np.cumsum(stages_entered) - stages_entered, stages_entered)
    exited = ends[owner, stage]
    duration = days[owner, stage]
    met = np.where(stage < 5, stage < last[owner], accepted[owner])
    events = pd.DataFrame({
        "opportunity_id": opps["opportunity_id"].to_numpy()[owner],
        "customer_id": opps["customer_id"].to_numpy()[owner],
        "rep_id": rep[owner],
        "stage": pd.Categorical.from_codes(stage, dtype=_STAGE_DTYPE),
        "key_node": pd.Categorical.from_codes(stage, dtype=_NODE_DTYPE),
        "entered": (day0 + (exited - duration).astype("timedelta64[D]")).astype("datetime64[ns]"),
        "exited": (day0 + exited.astype("timedelta64[D]")).astype("datetime64[ns]"),
        "duration_days": duration.astype(np.int32),
        "key_node_met": met,
    })
    return PipelineResult(opportunities=table, stage_events=events, policy=policy, grading=grading,
                          start=start, months=months)


def run_pipeline(world, policy: RepPolicy | None = None, grading: Grading | None = None, seed: SeedLike = 0,
                 months: int = 12, start=None, **opportunity_params) -> PipelineResult:
    """:func:`generate_opportunities` then :func:`simulate_pipeline`, with one seed.

    ``opportunity_params`` go to :func:`generate_opportunities`
    (``lead_in_months``, ``opportunities_per_year``, ``include_large_ordinary``,
    ``n_opportunities``).
    """
    start = _start_date(world, start)
    seed = root_sequence(seed)  # a Generator is consumed once, so both steps share one root
    opps = generate_opportunities(world, seed=seed, months=months, start=start, **opportunity_params)
    return simulate_pipeline(opps, policy=policy, grading=grading, seed=seed, start=start, months=months)


# --- the rep's forms -------------------------------------------------------------------------
#: Average hours of effort behind one logged contact.
HOURS_PER_CONTACT = 4.0
_CHANNEL_SHARES = np.array([0.35, 0.30, 0.20, 0.15])
_CHANNEL_MINUTES = np.array([90.0, 15.0, 10.0, 120.0])

i18n.register({f"ka.form.{name}": pair for name, pair in {
    "field": ("Field", "项目"), "value": ("Value", "内容"),
    "account": ("Account", "客户名称"), "segment": ("Account type", "客户类型"), "grade": ("Grade (score)", "客户等级（得分）"),
    "rep": ("Account manager", "客户经理"), "created": ("Lead found on", "线索发现日期"),
    "need": ("Need (0-1)", "需求强度（0-1）"), "amount": ("Project value (CNY m)", "项目金额（百万元）"),
    "budget": ("Budget (CNY m)", "预算（百万元）"), "schedule": ("Decision schedule (months)", "采购进度（月）"),
    "competitors": ("Competitors (strongest)", "竞争对手（最强者实力）"),
    "decision_maker": ("Decision maker (attitude)", "决策者（态度）"), "coach": ("Coach (strength)", "教练/内线（强度）"),
    "relationship": ("Buying-centre relationship (-1..1)", "采购中心关系（-1至1）"),
    "fit": ("Five criteria fit (0-1)", "五项开发标准符合度（0-1）"), "risk": ("Risk assessment (0-1)", "风险评估（0-1）"),
    "effort": ("Effort (hours/month)", "投入（小时/月）"), "bid": ("Bid price (CNY m)", "报价（百万元）"),
    "stage": ("Furthest stage", "到达阶段"), "outcome": ("Outcome", "结果"), "reason": ("Reason", "原因"),
}.items()})
i18n.register({f"ka.col.{name}": pair for name, pair in {
    "date": ("Date", "日期"), "customer_id": ("Customer ID", "客户编号"), "opportunity_id": ("Opportunity ID", "商机编号"),
    "contact_id": ("Contact ID", "联系人编号"), "role": ("Buying role", "采购角色"), "channel": ("Channel", "方式"),
    "minutes": ("Minutes", "分钟"), "week": ("Week of", "周（起始日）"), "contacts": ("Contacts", "联络次数"),
    "new_leads": ("New leads", "新线索"), "key_nodes_met": ("Key nodes met", "达成关键节点"), "lost": ("Lost", "丢单数"),
    "won_revenue": ("Won revenue (CNY m)", "赢单金额（百万元）"), "criterion": ("Criterion", "标准"),
    "weight": ("Weight", "权重"), "factor": ("Selection factor", "选择因素"),
}.items()})


def contact_log(result: PipelineResult, world, seed: SeedLike = 0) -> pd.DataFrame:
    """The daily contact log (客户日常联络表): every contact the rep logged.

    The number of contacts in a stage grows with the hours spent on the
    opportunity and the days in the stage; each goes to one person of the
    account's buying centre, on a day inside the stage.

    Returns
    -------
    DataFrame sorted by ``date``
        ``date`` (datetime64), ``rep_id``, ``customer_id``, ``opportunity_id``,
        ``contact_id`` (int64), ``role`` (category), ``stage`` (category),
        ``channel`` (visit / phone / email / meeting) and ``minutes`` (int32).
    """
    if not isinstance(result, PipelineResult):
        raise TypeError(f"result must be a PipelineResult; got {type(result).__name__}")
    rng = _child(seed, _CONTACTS)
    events = result.stage_events
    opps = result.opportunities
    row = pd.Index(opps["opportunity_id"]).get_indexer(events["opportunity_id"])
    hours = opps["effort_hours"].to_numpy()[row]
    duration = events["duration_days"].to_numpy()
    mean = np.where(hours > 0, hours * duration / 30.44 / HOURS_PER_CONTACT, 1.0)
    count = np.minimum(rng.poisson(mean), 60)
    owner = np.repeat(np.arange(len(events)), count)
    u = rng.random((4, len(owner)))

    contacts = world.contacts
    contact_customer = contacts["customer_id"].to_numpy()
    customer = events["customer_id"].to_numpy()[owner]
    first = np.searchsorted(contact_customer, customer, side="left")
    size = np.searchsorted(contact_customer, customer, side="right") - first
    pick = first + np.minimum((u[0] * size).astype(np.int64), np.maximum(size - 1, 0))
    day = (events["entered"].to_numpy()[owner]
           + (np.floor(u[1] * duration[owner]).astype(np.int64) * np.timedelta64(1, "D")))
    channel = np.minimum(np.searchsorted(np.cumsum(_CHANNEL_SHARES), u[2], side="right"), len(CHANNELS) - 1)
    minutes = np.maximum(5, np.rint(_CHANNEL_MINUTES[channel] * np.exp(0.4 * (u[3] - 0.5) * 2))).astype(np.int32)
    log = pd.DataFrame({
        "date": day,
        "rep_id": events["rep_id"].to_numpy()[owner],
        "customer_id": customer,
        "opportunity_id": events["opportunity_id"].to_numpy()[owner],
        "contact_id": contacts["contact_id"].to_numpy()[pick],
        "role": contacts["role"].to_numpy()[pick],
        "stage": events["stage"].to_numpy()[owner],
        "channel": pd.Categorical.from_codes(channel, dtype=_CHANNEL_DTYPE),
        "minutes": minutes,
    })
    return log.sort_values(["date", "rep_id", "opportunity_id"], kind="stable").reset_index(drop=True)


def weekly_report(result: PipelineResult, log: pd.DataFrame) -> pd.DataFrame:
    """The weekly report roll-up (周报) of each rep.

    Returns
    -------
    DataFrame
        ``rep_id``, ``week`` (datetime64, the Monday), ``contacts``,
        ``new_leads``, ``key_nodes_met``, ``won``, ``lost`` and ``won_revenue``
        (CNY m), one row per rep and week with any activity.
    """
    if not isinstance(result, PipelineResult):
        raise TypeError(f"result must be a PipelineResult; got {type(result).__name__}")
    opps = result.opportunities
    events = result.stage_events

    def monday(dates: pd.Series) -> pd.Series:
        dates = pd.to_datetime(dates)
        return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")

    lost = opps["outcome"] != "won"
    parts = [
        pd.DataFrame({"rep_id": log["rep_id"], "week": monday(log["date"]), "contacts": 1}),
        pd.DataFrame({"rep_id": opps["rep_id"], "week": monday(opps["created"]), "new_leads": 1}),
        pd.DataFrame({"rep_id": events["rep_id"], "week": monday(events["exited"]),
                      "key_nodes_met": events["key_node_met"].astype(int)}),
        pd.DataFrame({"rep_id": opps["rep_id"][~lost], "week": monday(opps["won_date"][~lost]), "won": 1,
                      "won_revenue": opps["revenue"][~lost]}),
        pd.DataFrame({"rep_id": opps["rep_id"][lost], "week": monday(opps["closed"][lost]), "lost": 1}),
    ]
    columns = ["contacts", "new_leads", "key_nodes_met", "won", "lost", "won_revenue"]
    report = pd.concat(parts, ignore_index=True).groupby(["rep_id", "week"], as_index=False)[columns].sum()
    for column in columns[:-1]:
        report[column] = report[column].astype(np.int64)
    return report


def follow_up_form(result: PipelineResult, world, opportunity_id: int) -> pd.DataFrame:
    """The key-account follow-up form (大客户跟进表) of one opportunity, in the current language.

    Returns
    -------
    DataFrame
        One column (the value, as text) indexed by the translated field names.
    """
    if not isinstance(result, PipelineResult):
        raise TypeError(f"result must be a PipelineResult; got {type(result).__name__}")
    opps = result.opportunities
    check_int("opportunity_id", opportunity_id, 1)
    rows = opps.index[opps["opportunity_id"] == opportunity_id]
    if len(rows) == 0:
        raise ValueError(f"opportunity_id={opportunity_id} is not in the result; "
                         f"ids run from {opps['opportunity_id'].min()} to {opps['opportunity_id'].max()}")
    o = opps.loc[rows[0]]
    lang = i18n.get_language()
    customer = world.customers.set_index("customer_id").loc[o["customer_id"]]
    contacts = world.contacts[world.contacts["customer_id"] == o["customer_id"]]
    rep = world.reps.set_index("rep_id").loc[o["rep_id"]]
    name = f"name_{lang}"
    deciders = contacts[contacts["role"] == "decision_maker"]
    coaches = contacts[contacts["is_coach"]]
    decision_maker = (f"{deciders.iloc[0][name]} ({deciders.iloc[0]['attitude']:+.2f})" if len(deciders)
                      else i18n.t("ka.none"))
    if len(coaches):
        coach = f"{coaches.iloc[0][name]} ({o['coach_strength']:.2f})"
    elif o["coach_developed"]:
        coach = f"{i18n.t('ka.yes')} ({o['coach_strength']:.2f})"
    else:
        coach = i18n.t("ka.none")
    stage = STAGES[int(o["stages_entered"]) - 1]
    fields = {
        "account": str(customer[name]),
        "segment": i18n.t(f"segment.{o['segment']}"),
        "grade": f"{i18n.t('ka.grade.' + str(o['grade']))} ({o['grading_score']:.2f})",
        "rep": str(rep[name]),
        "created": str(pd.Timestamp(o["created"]).date()),
        "need": f"{o['need']:.2f}",
        "amount": f"{o['amount']:.2f}",
        "budget": f"{o['budget']:.2f}",
        "schedule": str(int(o["schedule_months"])),
        "competitors": f"{int(o['n_competitors'])} ({o['competitor_strength']:.2f})",
        "decision_maker": decision_maker,
        "coach": coach,
        "relationship": f"{o['relationship']:+.2f}",
        "fit": f"{o['fit']:.2f}",
        "risk": f"{o['risk_score']:.2f}",
        "effort": f"{o['effort_hours']:.1f}",
        "bid": f"{o['bid_price']:.2f}",
        "stage": i18n.t(f"ka.stage.{stage}"),
        "outcome": i18n.t(f"ka.outcome.{o['outcome']}"),
        "reason": i18n.t(f"ka.reason.{o['reason']}"),
    }
    return pd.DataFrame({i18n.t("ka.form.value"): list(fields.values())},
                        index=pd.Index([i18n.t(f"ka.form.{k}") for k in fields], name=i18n.t("ka.form.field")))


def timeline(result: PipelineResult, opportunity_id: int) -> pd.DataFrame:
    """The stage events of one opportunity (its path through the six stages)."""
    if not isinstance(result, PipelineResult):
        raise TypeError(f"result must be a PipelineResult; got {type(result).__name__}")
    check_int("opportunity_id", opportunity_id, 1)
    events = result.stage_events
    rows = events[events["opportunity_id"] == opportunity_id]
    if rows.empty:
        raise ValueError(f"opportunity_id={opportunity_id} is not in the result")
    return rows[["stage", "key_node", "entered", "exited", "duration_days", "key_node_met"]].reset_index(drop=True)


def example_opportunity(result: PipelineResult) -> int:
    """A won opportunity worth telling as a story, chosen deterministically:
    the first won one with a coach and a competitor, else the first won, else the first."""
    opps = result.opportunities
    won = opps["outcome"] == "won"
    for mask in (won & opps["has_coach"] & (opps["n_competitors"] > 0), won,
                 np.ones(len(opps), dtype=bool)):
        ids = opps["opportunity_id"][mask]
        if len(ids):
            return int(ids.iloc[0])
    raise ValueError("the result has no opportunities")


def grading_weights_table(grading: Grading | None = None) -> pd.DataFrame:
    """The grading factors and their weights, for showing."""
    grading = _check_grading(grading)
    return pd.DataFrame({"weight": list(grading.weights.values())},
                        index=pd.Index(list(grading.weights), name="factor"))
