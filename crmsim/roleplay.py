"""Role play for trainers: winning one key account's buying centre.

A team of trainees plays our sales side; other trainees play the people in a
real buying centre of the synthetic world (decision maker, influencers,
users, gatekeeper, and sometimes a coach). The trainer hands out role cards
(:func:`role_cards`), collects the sales team's moves round by round, and
:func:`play` says how each person's attitude towards us moved and what the
deal is worth at the end; :func:`debrief` checks the team's play against what
the course teaches (``../shared/domain.md`` §4 and §6):

* reach the decision maker, and spend time where the influence is;
* win over the gatekeeper, who controls access to everyone else;
* learn the need (SPIN questions) before presenting (FAB);
* use the coach, who tells you how to position;
* concede on price only to people who worry about price;
* do not over-promise: it wins the deal and loses the account.

One round is one step of the sales conversation (:data:`ROUNDS`): the team
splits :attr:`Scenario.hours_per_round` hours between the people and picks
one approach (:data:`APPROACHES`) for each person it meets.

The response model is deliberately simple and documented, so trainees can
argue with it in the debrief. Meeting a person for ``h`` hours has the effect
``1 - 0.5 ** (h / HALF_EFFECT_HOURS)``; the gatekeeper's attitude scales the
hours that reach everyone else; each approach fits a person to a degree
(:func:`approach_fit`); attitude moves towards +1 by ``MAX_STEP * effect *
fit`` of the remaining distance, and people nobody meets in a round cool by
``NEGLECT`` (competitors are visiting them). A little seeded noise makes two
teams with the same plan end close, not equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import i18n
from .key_accounts import key_account_ids
from .seeding import SeedLike
from .validation import check_choice, check_int, check_real

#: The rounds: steps of the eight-step customer development that happen in the room.
ROUNDS = ("approach", "needs", "present", "close")
#: What the sales team can do with a person in a round.
APPROACHES = ("spin_questions", "fab_presentation", "relationship_event", "price_concession",
              "extra_promise", "ask_coach")
#: The purchase risks a buyer weighs (domain §6); each person worries most about one.
CONCERNS = ("economic", "functional", "quality", "social", "psychological")
#: Chance of each concern by buying-centre role.
_CONCERN_BY_ROLE = {
    "decision_maker": (0.40, 0.20, 0.10, 0.20, 0.10),
    "influencer": (0.15, 0.40, 0.30, 0.05, 0.10),
    "user": (0.05, 0.35, 0.40, 0.05, 0.15),
    "gatekeeper": (0.20, 0.10, 0.10, 0.20, 0.40),
}

HALF_EFFECT_HOURS = 3.0   # hours with one person that give half the possible effect
MAX_STEP = 0.6            # share of the distance to full support one round can close
NEGLECT = 0.04            # attitude lost in a round nobody meets the person
NOISE = 0.03              # standard deviation of the seeded noise on each change
BASE_MARGIN = 0.30        # gross margin of the deal before concessions
CONCESSION_POINTS = 0.04  # margin given away by one full-effect price concession
PROMISE_COST = 0.25       # account health lost by one full-effect extra promise
DECISION_MAKER_WEIGHT = 2.0

i18n.register({f"rp.round.{code}": pair for code, pair in {
    "approach": ("1 Approach", "1 接近客户"),
    "needs": ("2 Learn the need", "2 了解需求"),
    "present": ("3 Present", "3 介绍方案"),
    "close": ("4 Objections and close", "4 处理异议并成交"),
}.items()})
i18n.register({f"rp.approach.{code}": pair for code, pair in {
    "spin_questions": ("SPIN questions", "SPIN提问"),
    "fab_presentation": ("FAB presentation", "FAB介绍"),
    "relationship_event": ("Relationship event", "关系活动"),
    "price_concession": ("Price concession", "价格让步"),
    "extra_promise": ("Extra promise", "额外承诺"),
    "ask_coach": ("Ask the coach", "请教教练"),
    "none": ("Not met", "未接触"),
}.items()})
i18n.register({f"rp.concern.{code}": pair for code, pair in {
    "economic": ("economic risk: paying too much", "经济风险：花钱太多"),
    "functional": ("functional risk: it will not do the job", "功能风险：不能满足需要"),
    "quality": ("quality risk: it will break or be hard to use", "质量风险：质量不好或难以使用"),
    "social": ("social risk: looking bad to others", "社会风险：在别人面前丢面子"),
    "psychological": ("psychological risk: regretting the choice", "心理风险：事后后悔"),
}.items()})
i18n.register({
    "rp.role.seller": ("Sales team", "销售团队"),
    "rp.col.role": ("Role", "角色"),
    "rp.col.name": ("Name", "姓名"),
    "rp.col.title": ("Title", "职务"),
    "rp.col.public": ("Everyone knows", "公开信息"),
    "rp.col.private": ("Only you know", "只有你知道"),
    "rp.col.round": ("Round", "回合"),
    "rp.col.contact_id": ("Contact", "联系人编号"),
    "rp.col.approach": ("Approach", "方法"),
    "rp.col.hours": ("Hours", "小时"),
    "rp.col.attitude_before": ("Attitude before", "之前态度"),
    "rp.col.attitude_after": ("Attitude after", "之后态度"),
    "rp.col.need_known": ("Need known", "已了解需求"),
    "rp.col.influence": ("Influence", "影响力"),
    "rp.col.concern": ("Main concern", "主要顾虑"),
    "rp.col.is_coach": ("Coach", "教练"),
    "rp.col.finding": ("Check", "检查项"),
    "rp.col.ok": ("Done well", "做得好"),
    "rp.col.evidence": ("Evidence", "依据"),
    "rp.col.lesson": ("Lesson", "要点"),
    "rp.col.value": ("Value", "数值"),
    "rp.outcome.rounds_played": ("Rounds played", "已进行回合"),
    "rp.outcome.support": ("Influence-weighted support", "按影响力加权的支持度"),
    "rp.outcome.win_probability": ("Chance of winning", "赢单概率"),
    "rp.outcome.margin": ("Gross margin", "毛利率"),
    "rp.outcome.account_health": ("Account health after delivery", "交付后客户关系健康度"),
    "rp.outcome.expected_profit": ("Expected gross profit (CNY million)", "预期毛利（百万元）"),
    "rp.outcome.won": ("Won (drawn at the close)", "是否赢单（成交时抽签）"),
    "rp.yes": ("yes", "是"),
    "rp.team.textbook": ("Textbook team", "教科书团队"),
    "rp.team.novice": ("Novice team", "新手团队"),
    "rp.no": ("no", "否"),
    "rp.card.seller.public": (
        "{company} ({industry}, {tier}, revenue CNY {revenue:,.0f} million) is buying a project worth about CNY "
        "{deal:.1f} million; {competitors} competitor(s) are bidding. Its buying centre: {people}.",
        "{company}（{industry}，{tier}，年收入{revenue:,.0f}百万元）正在采购一个约{deal:.1f}百万元的项目，"
        "另有{competitors}家竞争对手参与。采购中心成员：{people}。"),
    "rp.card.seller.private": (
        "Each round you have {hours:g} hours to split between these people, with one approach per person. "
        "Win the deal at a good margin without promising what we cannot deliver.",
        "每个回合你们有{hours:g}小时分配给这些人，每人选一种方法。要以合理的毛利赢得项目，并且不做做不到的承诺。"),
    "rp.card.buyer.public": (
        "{name}, {title} at {company}; role in this purchase: {role}.",
        "{name}，{company}{title}；在本次采购中的角色：{role}。"),
    "rp.card.buyer.private": (
        "Your influence on the decision is {influence:.0%}. Today your attitude towards this seller is {attitude} "
        "({attitude_value:+.2f} on -1 to +1). Your main worry is {concern}; warm up when the sellers find it out and "
        "answer it, stay cool when they pitch before they have asked. You like {interest}.",
        "你对决策的影响力是{influence:.0%}。目前你对这家供应商的态度是{attitude}（-1到+1之间为{attitude_value:+.2f}）。"
        "你最担心的是{concern}；对方了解到并解决这一点时你会更支持，还没问清楚就推销时保持冷淡。你的爱好是{interest}。"),
    "rp.card.coach": (
        " You want this project to succeed and quietly help the sellers: if they ask you, tell them what each person "
        "worries about.",
        "你希望这个项目成功，会私下帮助销售方：如果他们问你，就告诉他们每个人担心什么。"),
    "rp.card.gatekeeper": (
        " You decide who gets meetings: while you are against the sellers, their time with the others counts for less.",
        "你决定谁能见到谁：只要你不支持对方，他们与其他人的会面效果就会打折扣。"),
    "rp.attitude.against": ("against", "反对"),
    "rp.attitude.neutral": ("neutral", "中立"),
    "rp.attitude.for": ("in favour", "支持"),
})
i18n.register({f"rp.finding.{code}": pair for code, pair in {
    "decision_maker_reached": ("Reached the decision maker", "接触到了决策者"),
    "effort_follows_influence": ("Time followed influence", "时间投入与影响力相符"),
    "gatekeeper_won": ("Won over the gatekeeper", "争取到了把关者"),
    "needs_before_presenting": ("Learned the need before presenting", "先了解需求再介绍方案"),
    "coach_used": ("Used the coach", "利用了教练"),
    "no_over_promising": ("Did not over-promise", "没有过度承诺"),
    "concessions_targeted": ("Conceded on price only where price mattered", "只对在乎价格的人让价"),
    "nobody_neglected": ("Met everyone with real influence", "接触了所有有影响力的人"),
}.items()})
i18n.register({f"rp.lesson.{code}": pair for code, pair in {
    "decision_maker_reached": ("The decision maker signs; without time with them the deal rests on others' word.",
                               "合同由决策者签字；没有和决策者交流，成交只能依赖别人转述。"),
    "effort_follows_influence": ("Spend time in proportion to who decides, not to who is pleasant to meet.",
                                 "时间要按决策影响力分配，而不是按谁好相处分配。"),
    "gatekeeper_won": ("The gatekeeper controls access: against you, every other meeting counts for less.",
                       "把关者控制着接触渠道：他反对时，其他会面的效果都会打折扣。"),
    "needs_before_presenting": ("Features presented before the need is known rarely land (SPIN before FAB).",
                                "不了解需求就介绍功能很少奏效（先SPIN后FAB）。"),
    "coach_used": ("A coach tells you who worries about what; ask early.", "教练能告诉你每个人担心什么，要尽早请教。"),
    "no_over_promising": ("Over-promising wins the deal and loses the account: delivery will disappoint.",
                          "过度承诺能赢得订单，却会失去客户：交付时客户会失望。"),
    "concessions_targeted": ("A price cut pleases only people who worry about price, and costs margin on all of it.",
                             "降价只会打动在乎价格的人，损失的却是整单的毛利。"),
    "nobody_neglected": ("Everyone with a say who is never met is left to the competitors.",
                         "有发言权却从未接触的人，等于留给了竞争对手。"),
}.items()})

_CONTACT_COLUMNS = ("contact_id", "name_en", "name_zh", "title", "role", "influence", "attitude", "is_coach",
                    "interest")


@dataclass(frozen=True)
class Scenario:
    """One account's buying centre set up for a role play (see :func:`make_scenario`).

    Attributes
    ----------
    customer : pandas.Series
        The account's row of the world's customers table.
    people : DataFrame
        One row per person, in the world's contact order: ``contact_id``,
        ``name_en``, ``name_zh``, ``title``, ``role``, ``influence`` (0-1),
        ``attitude`` (-1 to +1, at the start of the play), ``is_coach``,
        ``interest``, ``concern`` (one of :data:`CONCERNS`).
    deal_value : float
        Value of the project, CNY million.
    competitors : int
    hours_per_round : float
    seed : int
        Seed of the noise and of the draw at the close.
    """

    customer: pd.Series
    people: pd.DataFrame
    deal_value: float
    competitors: int
    hours_per_round: float
    seed: int
    rounds: tuple[str, ...] = field(default=ROUNDS)


def make_scenario(world, customer_id: int | None = None, seed: int = 0, hours_per_round: float = 10.0) -> Scenario:
    """Set up the role play on one key account of ``world``.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`.
    customer_id : int, optional
        The account; by default one key account with at least four people in
        its buying centre is chosen with ``seed``.
    seed : int
        Chooses the account (when not given), each person's main concern, the
        project's size and competition, and the noise of :func:`play`.
    hours_per_round : float
        Hours the sales team can spend in one round (1 to 40).
    """
    seed = check_int("seed", seed, minimum=0)
    hours_per_round = check_real("hours_per_round", hours_per_round, 1.0, 40.0)
    contacts = world.contacts
    sizes = contacts.groupby("customer_id", observed=True).size()
    if customer_id is None:
        candidates = np.intersect1d(key_account_ids(world), sizes.index[sizes >= 4].to_numpy())
        if len(candidates) == 0:
            raise ValueError("world has no key account with four or more contacts; generate a larger world")
        customer_id = int(np.random.default_rng([seed, 70]).choice(candidates))
    else:
        customer_id = check_int("customer_id", customer_id, minimum=1)
        if customer_id not in sizes.index:
            raise ValueError(f"customer_id={customer_id} is not a customer of this world "
                             f"(ids run from 1 to {len(world.customers)})")
    # The account's own stream: the same account and seed give the same play, chosen or named.
    rng = np.random.default_rng([seed, 73, customer_id])
    customer = world.customers.loc[world.customers["customer_id"] == customer_id].iloc[0]
    people = contacts.loc[contacts["customer_id"] == customer_id, list(_CONTACT_COLUMNS)].reset_index(drop=True)
    roles = people["role"].astype(str).to_numpy()
    concern_p = np.array([_CONCERN_BY_ROLE[r] for r in roles])
    if str(customer["value_orientation"]) == "price":  # a price buyer's decision maker watches the money
        concern_p[roles == "decision_maker"] = (0.8, 0.05, 0.05, 0.05, 0.05)
    draws = rng.random(len(people))
    concern = (draws[:, None] >= np.cumsum(concern_p, axis=1)[:, :-1]).sum(axis=1)
    people["concern"] = pd.Categorical.from_codes(concern, categories=list(CONCERNS))
    # A new project starts more guarded than day-to-day business.
    people["attitude"] = np.round(0.6 * people["attitude"].to_numpy() - 0.2, 3)
    deal_value = float(np.round(max(0.2, customer["true_wallet"]) * (0.25 + 0.25 * rng.random()), 2))
    return Scenario(customer=customer, people=people, deal_value=deal_value, competitors=int(rng.integers(1, 4)),
                    hours_per_round=hours_per_round, seed=seed)


def approach_fit(approach: str, concern: np.ndarray, role: np.ndarray, need_known: np.ndarray) -> np.ndarray:
    """How well ``approach`` suits each person (0-1), given what we know of them.

    SPIN questions help a little and reveal the person's concern; a FAB
    presentation lands when the concern is known and barely otherwise; a
    relationship event suits users and gatekeepers best; a price concession
    moves only people worried about money; an extra promise works on anyone
    (that is its danger); asking the coach helps little with the coach
    but reveals every concern.
    """
    concern, role, need_known = np.asarray(concern), np.asarray(role), np.asarray(need_known, dtype=bool)
    if approach == "spin_questions":
        return np.full(len(concern), 0.35)
    if approach == "fab_presentation":
        return np.where(need_known, 1.0, 0.25)
    if approach == "relationship_event":
        return np.where(np.isin(role, ("user", "gatekeeper")), 0.7, 0.5)
    if approach == "price_concession":
        return np.where(concern == "economic", 0.9, 0.15)
    if approach == "extra_promise":
        return np.full(len(concern), 0.8)
    if approach == "ask_coach":
        return np.full(len(concern), 0.3)
    raise ValueError(f"approach={approach!r} is not allowed; choose from {APPROACHES}")


def check_moves(scenario: Scenario, moves) -> pd.DataFrame:
    """The moves as a table, or a clear error naming the move that is wrong.

    ``moves`` is a DataFrame or a list of dicts with ``round`` (1-based, or a
    code of :data:`ROUNDS`), ``contact_id``, ``approach`` and ``hours``; at
    most one move per person per round, at most
    :attr:`Scenario.hours_per_round` hours per round, rounds played in order.
    """
    table = pd.DataFrame(moves)
    if table.empty:
        return pd.DataFrame({"round": pd.Series(dtype=np.int64), "contact_id": pd.Series(dtype=np.int64),
                             "approach": pd.Series(dtype=object), "hours": pd.Series(dtype=float)})
    missing = [c for c in ("round", "contact_id", "approach", "hours") if c not in table.columns]
    if missing:
        raise ValueError(f"moves need the columns round, contact_id, approach, hours; missing {missing}")
    people = scenario.people
    known_ids = set(people["contact_id"].tolist())
    coach_ids = set(people.loc[people["is_coach"], "contact_id"].tolist())
    rounds = []
    for i, move in enumerate(table.itertuples(index=False)):  # a few dozen moves, checked one by one for the message
        where = f"moves[{i}]"
        r = move.round
        if isinstance(r, str):
            r = ROUNDS.index(check_choice(f"{where}.round", r, ROUNDS)) + 1
        rounds.append(check_int(f"{where}.round", r, minimum=1, maximum=len(scenario.rounds)))
        contact_id = check_int(f"{where}.contact_id", move.contact_id)
        if contact_id not in known_ids:
            raise ValueError(f"{where}.contact_id={contact_id} is not in this buying centre; "
                             f"people: {sorted(known_ids)}")
        check_choice(f"{where}.approach", move.approach, APPROACHES)
        if move.approach == "ask_coach" and contact_id not in coach_ids:
            raise ValueError(f"{where}: ask_coach is only possible with the coach "
                             f"({sorted(coach_ids) if coach_ids else 'this buying centre has none'})")
        check_real(f"{where}.hours", move.hours, 0.0, scenario.hours_per_round)
    out = pd.DataFrame({"round": np.array(rounds, dtype=np.int64),
                        "contact_id": table["contact_id"].astype(np.int64).to_numpy(),
                        "approach": table["approach"].astype(str).to_numpy(),
                        "hours": table["hours"].astype(float).to_numpy()})
    twice = out.duplicated(["round", "contact_id"])
    if twice.any():
        r, c = out.loc[twice, ["round", "contact_id"]].iloc[0]
        raise ValueError(f"moves meet contact {c} twice in round {r}; one approach per person per round")
    hours = out.groupby("round")["hours"].sum()
    if (hours > scenario.hours_per_round + 1e-9).any():
        r = int(hours.index[hours > scenario.hours_per_round + 1e-9][0])
        raise ValueError(f"moves spend {hours[r]:g} hours in round {r}; at most "
                         f"{scenario.hours_per_round:g} (hours_per_round)")
    played = np.unique(out["round"])
    if len(played) and played.max() != len(played):
        raise ValueError(f"rounds must be played in order from 1; moves have rounds {played.tolist()}")
    return out.sort_values(["round", "contact_id"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class PlayResult:
    """What :func:`play` returns.

    Attributes
    ----------
    rounds : DataFrame
        One row per round and person: ``round`` (1-based), ``contact_id``,
        ``role``, ``influence``, ``concern``, ``approach`` (``"none"`` when
        not met), ``hours``, ``attitude_before``, ``attitude_after``,
        ``need_known`` (after the round).
    outcome : pandas.Series
        ``rounds_played``, ``support`` (influence-weighted attitude, the
        decision maker counting double), ``win_probability``, ``margin``,
        ``account_health`` (0-1; extra promises lower it), ``expected_profit``
        (CNY million) and ``won`` (drawn with the scenario's seed once every
        round is played, else missing).
    """

    scenario: Scenario
    moves: pd.DataFrame
    rounds: pd.DataFrame
    outcome: pd.Series


def win_probability(support: float, competitors: int) -> float:
    """Chance of winning given the influence-weighted support (-1 to +1) and the number of competitors."""
    return float(1.0 / (1.0 + np.exp(-(5.0 * support - 1.0 - 0.35 * competitors))))


def play(scenario: Scenario, moves) -> PlayResult:
    """Play the rounds that ``moves`` cover (see :func:`check_moves`).

    Rounds are played in order; adding the next round's moves never changes
    the rounds already played (each round's noise comes from the scenario's
    seed alone), so the trainer can call :func:`play` after every round.
    """
    moves = check_moves(scenario, moves)
    people = scenario.people
    n = len(people)
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    concern = people["concern"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    gatekeeper = role == "gatekeeper"
    noise = np.random.default_rng([scenario.seed, 71]).normal(0.0, NOISE, size=(len(scenario.rounds), n))
    n_played = int(moves["round"].max()) if len(moves) else 0

    attitude = people["attitude"].to_numpy().astype(float)
    need_known = np.zeros(n, dtype=bool)
    concession = promise = 0.0
    frames = []
    for r in range(1, n_played + 1):  # rounds depend on the one before; people are vectorised
        this = moves[moves["round"] == r]
        position = np.searchsorted(ids, this["contact_id"].to_numpy()) if np.all(np.diff(ids) > 0) else \
            np.array([np.flatnonzero(ids == c)[0] for c in this["contact_id"]])
        hours = np.zeros(n)
        hours[position] = this["hours"].to_numpy()
        approach = np.full(n, "none", dtype=object)
        approach[position] = this["approach"].to_numpy()
        # The gatekeeper's attitude at the start of the round decides how much of the time reaches the others.
        access = 0.5 + 0.25 * (1.0 + attitude[gatekeeper].mean()) if gatekeeper.any() else 1.0
        effect = 1.0 - 0.5 ** (np.where(gatekeeper, hours, hours * access) / HALF_EFFECT_HOURS)
        fit = np.zeros(n)
        for code in APPROACHES:  # six approaches, each applied to its people at once
            chosen = approach == code
            if chosen.any():
                fit[chosen] = approach_fit(code, concern, role, need_known)[chosen]
        before = attitude.copy()
        met = hours > 0
        step = MAX_STEP * effect * fit * (1.0 - attitude)
        attitude = np.clip(np.where(met, attitude + step, attitude - NEGLECT) + noise[r - 1], -1.0, 1.0)
        need_known |= met & (approach == "spin_questions")
        if np.any(met & (approach == "ask_coach")):
            need_known[:] = True
        concession += float(effect[approach == "price_concession"].sum())
        promise += float(effect[approach == "extra_promise"].sum())
        frames.append(pd.DataFrame({
            "round": np.full(n, r, dtype=np.int64), "contact_id": ids, "role": people["role"],
            "influence": influence, "concern": people["concern"], "approach": approach.astype(str), "hours": hours,
            "attitude_before": np.round(before, 4), "attitude_after": np.round(attitude, 4),
            "need_known": need_known.copy()}))
    rounds = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["round", "contact_id", "role", "influence", "concern", "approach", "hours", "attitude_before",
                 "attitude_after", "need_known"])

    weight = influence * np.where(role == "decision_maker", DECISION_MAKER_WEIGHT, 1.0)
    support = float(np.sum(weight * attitude) / np.sum(weight))
    p_win = win_probability(support, scenario.competitors)
    margin = max(0.0, BASE_MARGIN - CONCESSION_POINTS * concession)
    health = float(np.clip(1.0 - PROMISE_COST * promise, 0.0, 1.0))
    won = None
    if n_played == len(scenario.rounds):
        won = bool(np.random.default_rng([scenario.seed, 72]).random() < p_win)
    outcome = pd.Series({"rounds_played": n_played, "support": round(support, 4),
                         "win_probability": round(p_win, 4), "margin": round(margin, 4),
                         "account_health": round(health, 4),
                         "expected_profit": round(p_win * scenario.deal_value * margin, 4), "won": won},
                        dtype=object)
    return PlayResult(scenario=scenario, moves=moves, rounds=rounds, outcome=outcome)


def debrief(result: PlayResult) -> pd.DataFrame:
    """Check the sales team's play against the course, one row per check.

    Columns: ``finding`` (a code; labels under ``rp.finding.*``), ``ok``,
    ``evidence`` (the number the check looked at) and ``lesson`` (in the
    current language). The coach check is left out when the buying centre
    has no coach.
    """
    people = result.scenario.people
    rounds, moves = result.rounds, result.moves
    role = people["role"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    hours_by_person = moves.groupby("contact_id")["hours"].sum().reindex(people["contact_id"], fill_value=0.0)
    hours = hours_by_person.to_numpy()
    total = hours.sum()
    share = hours / total if total > 0 else np.zeros_like(hours)
    rows = []

    def check(code: str, ok: bool, evidence: float) -> None:
        rows.append({"finding": code, "ok": bool(ok), "evidence": round(float(evidence), 3),
                     "lesson": i18n.t(f"rp.lesson.{code}")})

    check("decision_maker_reached", share[role == "decision_maker"].sum() >= 0.15, share[role == "decision_maker"].sum())
    # Overlap of the two distributions: 1 when time is split exactly as influence is, 0 when they never meet.
    overlap = float(np.minimum(share, influence / influence.sum()).sum()) if total > 0 else 0.0
    check("effort_follows_influence", overlap >= 0.6, overlap)
    final = rounds.groupby("contact_id")["attitude_after"].last().reindex(people["contact_id"]).to_numpy() \
        if len(rounds) else people["attitude"].to_numpy()
    gatekeeper_attitude = final[role == "gatekeeper"].min() if (role == "gatekeeper").any() else 1.0
    check("gatekeeper_won", gatekeeper_attitude >= 0.0, gatekeeper_attitude)
    fab = rounds[(rounds["approach"] == "fab_presentation")]
    if len(fab):
        known_before = rounds.set_index(["round", "contact_id"])["need_known"]
        previous = [bool(known_before.get((r - 1, c), False)) for r, c in zip(fab["round"], fab["contact_id"])]
        informed = float(np.sum(fab["hours"].to_numpy() * previous) / fab["hours"].sum())
    else:
        informed = 1.0
    check("needs_before_presenting", informed >= 0.7, informed)
    if people["is_coach"].any():
        asked = moves.loc[moves["approach"] == "ask_coach", "round"]
        check("coach_used", len(asked) > 0 and asked.min() <= 2, asked.min() if len(asked) else 0)
    promised = moves.loc[moves["approach"] == "extra_promise", "hours"].sum()
    check("no_over_promising", promised == 0, promised)
    concessions = moves[moves["approach"] == "price_concession"]
    concern = people.set_index("contact_id")["concern"].astype(str)
    misplaced = float(concessions.loc[concern.reindex(concessions["contact_id"]).to_numpy() != "economic", "hours"].sum())
    check("concessions_targeted", misplaced == 0, misplaced)
    unmet = int(np.sum((influence >= 0.4) & (hours == 0)))
    check("nobody_neglected", unmet == 0, unmet)
    return pd.DataFrame(rows)


def example_moves(scenario: Scenario, style: str) -> pd.DataFrame:
    """Moves of two teams to compare in a debrief.

    ``"textbook"`` asks the coach (or every person SPIN questions) first,
    wins the gatekeeper with a relationship event, presents to known needs in
    proportion to influence, and concedes on price only to people who worry
    about it. ``"novice"`` spends its time on the decision maker with
    presentations, a price cut and an extra promise, and ignores the rest.
    """
    style = check_choice("style", style, ("textbook", "novice"))
    people = scenario.people
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    influence = people["influence"].to_numpy()
    hours = scenario.hours_per_round
    moves = []
    if style == "novice":
        decision_maker = int(ids[role == "decision_maker"][0])
        for r, approach in enumerate(("fab_presentation", "fab_presentation", "price_concession", "extra_promise"), 1):
            moves.append({"round": r, "contact_id": decision_maker, "approach": approach, "hours": hours})
        return check_moves(scenario, moves)

    def split(mask: np.ndarray) -> np.ndarray:
        # Hours in proportion to influence, in half hours, never more than the round allows.
        weights = np.where(mask, influence, 0.0)
        return np.floor(hours * weights / weights.sum() * 2) / 2

    coach = people["is_coach"].to_numpy()
    gatekeeper = role == "gatekeeper"
    others = ~gatekeeper
    first = split(np.ones(len(ids), dtype=bool))
    for i in range(len(ids)):
        approach = "ask_coach" if coach[i] else "relationship_event" if gatekeeper[i] else "spin_questions"
        moves.append({"round": 1, "contact_id": int(ids[i]), "approach": approach, "hours": float(first[i])})
    needs = split(others)
    for i in np.flatnonzero(others):
        moves.append({"round": 2, "contact_id": int(ids[i]), "approach": "spin_questions", "hours": float(needs[i])})
    for r in (3, 4):
        present = split(np.ones(len(ids), dtype=bool))
        for i in range(len(ids)):
            economic = str(people["concern"].iloc[i]) == "economic"
            approach = ("relationship_event" if gatekeeper[i]
                        else "price_concession" if r == 4 and economic else "fab_presentation")
            moves.append({"round": r, "contact_id": int(ids[i]), "approach": approach, "hours": float(present[i])})
    moves = [m for m in moves if m["hours"] > 0]
    return check_moves(scenario, moves)


def _attitude_word(value: float) -> str:
    return i18n.t("rp.attitude.against" if value < -0.2 else "rp.attitude.for" if value > 0.2 else "rp.attitude.neutral")


def role_cards(scenario: Scenario, language: str | None = None) -> pd.DataFrame:
    """The role cards to hand out, one row per role: the sales team first, then each person.

    Columns ``role``, ``name``, ``title``, ``public`` (what every player may
    know) and ``private`` (for that player only), in ``language`` (default:
    the current one).
    """
    language = i18n.check_language(language) if language else i18n.get_language()
    previous = i18n.get_language()
    i18n.set_language(language)
    try:
        customer, people = scenario.customer, scenario.people
        company = str(customer["name_zh" if language == "zh" else "name_en"])
        name_column = "name_zh" if language == "zh" else "name_en"
        separator = "、" if language == "zh" else ", "
        cast = separator.join(f"{people[name_column].iloc[i]} ({i18n.t('role.' + str(people['role'].iloc[i]))})"
                              if language == "en" else
                              f"{people[name_column].iloc[i]}（{i18n.t('role.' + str(people['role'].iloc[i]))}）"
                              for i in range(len(people)))
        rows = [{"role": i18n.t("rp.role.seller"), "name": "", "title": "",
                 "public": i18n.t("rp.card.seller.public", company=company,
                                  industry=i18n.t(f"industry.{customer['industry']}"),
                                  tier=i18n.t(f"size_tier.{customer['size_tier']}"),
                                  revenue=float(customer["annual_revenue"]), deal=scenario.deal_value,
                                  competitors=scenario.competitors, people=cast),
                 "private": i18n.t("rp.card.seller.private", hours=scenario.hours_per_round)}]
        for person in people.itertuples(index=False):
            private = i18n.t("rp.card.buyer.private", influence=person.influence,
                             attitude=_attitude_word(person.attitude), attitude_value=person.attitude,
                             concern=i18n.t(f"rp.concern.{person.concern}"),
                             interest=i18n.t(f"interest.{person.interest}"))
            if person.is_coach:
                private += i18n.t("rp.card.coach")
            if str(person.role) == "gatekeeper":
                private += i18n.t("rp.card.gatekeeper")
            rows.append({"role": i18n.t(f"role.{person.role}"), "name": str(getattr(person, name_column)),
                         "title": i18n.t(f"title.{person.title}"),
                         "public": i18n.t("rp.card.buyer.public", name=getattr(person, name_column),
                                          title=i18n.t(f"title.{person.title}"), company=company,
                                          role=i18n.t(f"role.{person.role}")),
                         "private": private})
        return pd.DataFrame(rows)
    finally:
        i18n.set_language(previous)


def outcome_table(results: PlayResult | dict[str, PlayResult]) -> pd.DataFrame:
    """Outcomes as a table with labels in the current language, one column per result.

    ``results`` is one :class:`PlayResult` or a dict of them by team name;
    the names ``"textbook"`` and ``"novice"`` (the :func:`example_moves`
    styles) are translated.
    """
    if isinstance(results, PlayResult):
        results = {i18n.t("rp.col.value"): results}
    columns = {}
    for name, result in results.items():
        label = i18n.t(f"rp.team.{name}") if i18n.has(f"rp.team.{name}") else str(name)
        columns[label] = [i18n.t("rp.yes") if v is True else i18n.t("rp.no") if v is False else "-" if v is None else v
                          for v in result.outcome.to_numpy()]
    first = next(iter(results.values()))
    return pd.DataFrame(columns, index=pd.Index([i18n.t(f"rp.outcome.{k}") for k in first.outcome.index], name=""))


_LABELS = {"approach": "rp.approach", "concern": "rp.concern", "role": "role", "finding": "rp.finding"}


def localise(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a role-play table for people: translated headers, labels and yes/no."""
    out = table.copy()
    for column in out.columns:
        if column in _LABELS:
            out[column] = [i18n.t(f"{_LABELS[column]}.{v}") for v in out[column].astype(str)]
        elif pd.api.types.is_bool_dtype(out[column].dtype):
            out[column] = out[column].map({True: i18n.t("rp.yes"), False: i18n.t("rp.no")})
    out.columns = [i18n.t(f"rp.col.{c}") if i18n.has(f"rp.col.{c}") else c for c in out.columns]
    return out
