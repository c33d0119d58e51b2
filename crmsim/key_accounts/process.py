"""One year of the key-account process: every opportunity through the six stages under the rep's policy.

:func:`simulate_key_accounts` is the entry point. It grades the accounts,
applies the policy (effort, coach, proposal, bid, risk assessment), draws
each stage's outcome with the probabilities of :mod:`.stages`, then its
duration, and returns a :class:`KeyAccountsRun`. An opportunity is *won*
when the contract is signed (end of negotiation); implementation then
decides whether the project is accepted on time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, check_world
from .grading import Grading, check_grading, grade_accounts
from .opportunities import as_day, prepare_key_accounts, start_date
from .policy import RepPolicy, check_policy
from .stages import GRADE_SUPPORT, STAGE_DAYS, risk_score, stage_probabilities
from .vocab import GRADES, NODE_DTYPE, OUTCOME_DTYPE, OUTCOMES, REASON_DTYPE, REASONS, STAGE_DTYPE, STAGES

#: Our cost as a share of an opportunity's list value: bidding below 1 - COST_SHARE loses money.
COST_SHARE = 0.70
#: Typical months an opportunity stays open; used to share a rep's hours among the opportunities open at once.
TYPICAL_CYCLE_MONTHS = 6.0
#: Hours of effort at which the effect of effort is half its maximum.
HALF_EFFECT_HOURS = 8.0
#: Most hours a month one opportunity can absorb: half a working month; more hours on one deal only wait.
MAX_HOURS_PER_OPPORTUNITY = 80.0
#: Share of an account's hours that developing and strengthening its coach takes (RepPolicy.develop_coach).
COACH_WORK_SHARE = 0.15

_DAY0 = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True, eq=False)
class KeyAccountsRun:
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


def check_run(run: object, name: str = "run") -> KeyAccountsRun:
    """``run`` if it is a :class:`KeyAccountsRun`, else a TypeError naming ``name``."""
    if not isinstance(run, KeyAccountsRun):
        raise TypeError(f"{name} must be a KeyAccountsRun from crmsim.key_accounts.simulate_key_accounts; "
                        f"got {type(run).__name__}")
    return run


def simulate_key_accounts(world: World, policy: RepPolicy | None = None, *, grading: Grading | None = None,
                          months: int = 12, seed: SeedLike = 0, start=None, prepared: pd.DataFrame | None = None,
                          **opportunity_options) -> KeyAccountsRun:
    """Run every key-account opportunity of the world through the six stages under the rep's policy.

    Each stage is one vectorised step: its probability
    (:func:`~crmsim.key_accounts.stage_probabilities`) is compared with a
    uniform draw, its duration drawn around
    :data:`~crmsim.key_accounts.stages.STAGE_DAYS`. The draws depend only on
    ``seed`` and the row, so changing the policy with the same seed changes
    outcomes only where the policy matters (common random numbers).

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`.
    policy : RepPolicy, optional
        Default: :class:`RepPolicy` ().
    grading : Grading, optional
        Default: :class:`~crmsim.key_accounts.Grading` ().
    months : int
        Length of the horizon, 1-60. Default 12: the planning year.
    seed : int, SeedSequence or Generator
        Seed of the opportunities (when not ``prepared``) and of the stage
        outcomes (stream ``"key_accounts.simulation"``). Default 0.
    start : str or Timestamp, optional
        First day of the horizon; default the ``start`` the ``prepared``
        table was made for (kept in its ``attrs``), else the world's today.
    prepared : DataFrame, optional
        The opportunities, from :func:`~crmsim.key_accounts.prepare_key_accounts`
        (or a subset of its rows, e.g. one rep's): made once, reused for
        every policy. Default: prepared here, from ``world`` and ``seed``.
    **opportunity_options
        Passed to :func:`~crmsim.key_accounts.prepare_key_accounts` when
        ``prepared`` is None: ``lead_in_months``, ``opportunities_per_year``,
        ``include_large_ordinary``, ``n_opportunities``.

    Returns
    -------
    KeyAccountsRun
    """
    check_world(world)
    policy = check_policy(policy)
    grading = check_grading(grading)
    check_int("months", months, 1, 60)
    seed = seeding.root_sequence(seed)  # a Generator is consumed once: both steps share one root
    if prepared is None:
        start = start_date(world, start)
        prepared = prepare_key_accounts(world, seed=seed, months=months, start=start, **opportunity_options)
    else:
        if opportunity_options:
            raise TypeError(f"{sorted(opportunity_options)} make the opportunities; with prepared= they "
                            "are already made: pass them to prepare_key_accounts instead")
        start = _prepared_start(prepared, start)
    opportunities, events = _run_stages(prepared, policy, grading, seed)
    opportunities.attrs = {"start": start}
    return KeyAccountsRun(opportunities=opportunities, stage_events=events, policy=policy, grading=grading,
                          start=start, months=months)


def _prepared_start(prepared: object, start: object) -> pd.Timestamp:
    if not isinstance(prepared, pd.DataFrame) or "f_size" not in prepared:
        raise TypeError("prepared must be the opportunities table returned by prepare_key_accounts; "
                        f"got {type(prepared).__name__}")
    if start is None:
        start = prepared.attrs.get("start")
        if start is None:
            raise ValueError("start is needed: the prepared table does not say which horizon it was made for")
    return as_day(start)


def _run_stages(opps: pd.DataFrame, policy: RepPolicy, grading: Grading,
                seed: np.random.SeedSequence) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The opportunities with the policy's decisions and their outcome, and the stage events."""
    n = len(opps)
    rng = seeding.child(seed, "key_accounts.simulation")
    u = rng.random((8, n))
    z = rng.standard_normal((6, n))

    graded = grade_accounts(opps, grading)
    grade = graded["grade"].cat.codes.to_numpy()
    pursued = np.isin(grade, [GRADES.index(g) for g in policy.pursue])
    effort = _effort_hours(opps, grade, pursued, policy)
    working = effort * (1.0 - COACH_WORK_SHARE if policy.develop_coach else 1.0)
    effort_factor = working / (working + HALF_EFFECT_HOURS)
    coach, developed = _coach_after_work(opps, pursued, effort_factor, policy.develop_coach, u[0])

    frame = {name: opps[name].to_numpy() for name in
             ("fit", "rel_decision_maker", "rel_influencer", "rel_user", "rel_gatekeeper", "competitor_strength",
              "prospecting_skill", "retention_skill", "budget", "amount", "competitor_discount", "price_weight",
              "n_competitors", "need")}
    frame.update(grade_support=GRADE_SUPPORT[grade], effort_factor=effort_factor, coach_strength=coach,
                 proposal_quality=_proposal_quality(opps, effort_factor),
                 bid_price=opps["amount"].to_numpy() * (1.0 - policy.bid_discount))
    p = stage_probabilities(frame)
    risk = risk_score(frame)
    dropped_risk = pursued & (risk > policy.drop_risk_above)
    kept = pursued & ~dropped_risk

    # Stage by stage: passing needs the draw below the probability; a lead
    # not pursued or dropped after the risk assessment stops in development.
    passed = u[1:7].T < p
    passed[:, 0] &= kept
    stages_entered = np.minimum(6, 1 + np.cumprod(passed[:, :5], axis=1).sum(axis=1))
    won = stages_entered == 6
    accepted = won & passed[:, 5]
    days = _stage_days(opps, pursued, effort_factor, coach, z, u[7])
    entered_mask = np.arange(6) < stages_entered[:, None]
    created_day = opps["created"].to_numpy().astype("datetime64[D]").astype(np.int64)
    ends = created_day[:, None] + np.cumsum(np.where(entered_mask, days, 0), axis=1)

    result = {
        "grading_score": graded["grading_score"].to_numpy(),
        "grade": graded["grade"].to_numpy(),
        "pursued": pursued,
        "effort_hours": effort,
        "effort_factor": effort_factor,
        "grade_support": frame["grade_support"],
        "coach_developed": developed,
        "has_coach": opps["has_coach"].to_numpy() | developed,
        "coach_strength": coach,
        "proposal_quality": frame["proposal_quality"],
        "bid_price": frame["bid_price"],
        "risk_score": risk,
        **{f"p_{stage}": p[:, k] for k, stage in enumerate(STAGES)},
        "win_probability": np.where(kept, p[:, :5].prod(axis=1), 0.0),
        "stages_entered": stages_entered.astype(np.int8),
        "outcome": pd.Categorical.from_codes(
            np.where(won, OUTCOMES.index("won"), np.where(kept, OUTCOMES.index("lost"), OUTCOMES.index("dropped"))),
            dtype=OUTCOME_DTYPE),
        "reason": pd.Categorical.from_codes(_reasons(frame, stages_entered, pursued, dropped_risk),
                                            dtype=REASON_DTYPE),
        "won_date": np.where(won, _DAY0 + np.where(won, ends[:, 4], 0).astype("timedelta64[D]"),
                             np.datetime64("NaT")).astype("datetime64[ns]"),
        "closed": _as_dates(ends[np.arange(n), stages_entered - 1]),
        "accepted": accepted,
        "revenue": np.where(won, frame["bid_price"], 0.0),
        "gross_margin": np.where(won, frame["bid_price"] - COST_SHARE * frame["amount"], 0.0),
    }
    table = opps.drop(columns=[c for c in result if c in opps.columns])
    table = pd.concat([table, pd.DataFrame(result, index=table.index)], axis=1)
    return table, _stage_events(opps, stages_entered, days, ends, accepted)


def _effort_hours(opps: pd.DataFrame, grade: np.ndarray, pursued: np.ndarray, policy: RepPolicy) -> np.ndarray:
    """Hours a month on each opportunity.

    The rep's monthly hours are shared among the pursued opportunities open
    at the same time, in proportion to the weight of their grade; about
    :data:`TYPICAL_CYCLE_MONTHS` of the leads' span are open at once.
    """
    n = len(opps)
    weight = np.array([policy.effort_weights[g] for g in GRADES])[grade] * pursued
    created_day = opps["created"].to_numpy().astype("datetime64[D]").astype(np.int64)
    span_months = max(1.0, (created_day.max() - created_day.min()) / 30.44) if n else 1.0
    rep_codes, rep_index = np.unique(opps["rep_id"].to_numpy(), return_inverse=True)
    rep_weight = np.bincount(rep_index, weights=weight, minlength=len(rep_codes))
    open_at_once = np.minimum(1.0, TYPICAL_CYCLE_MONTHS / span_months)
    effort = np.divide(policy.monthly_hours * weight, rep_weight[rep_index] * open_at_once,
                       out=np.zeros(n), where=weight > 0)
    return np.minimum(effort, MAX_HOURS_PER_OPPORTUNITY)


def _coach_after_work(opps: pd.DataFrame, pursued: np.ndarray, effort_factor: np.ndarray, develop_coach: bool,
                      u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coach strength after the rep's work, and whether a coach was newly developed.

    A coach is developed where there is none (more likely with effort and a
    warm buying centre), strengthened where there is one; nothing changes
    when the rep does not work at it.
    """
    coach = opps["coach_strength"].to_numpy()
    had_coach = opps["has_coach"].to_numpy()
    developed = np.zeros(len(opps), dtype=bool)
    if develop_coach:
        chance = pursued * (0.15 + 0.6 * effort_factor * (0.5 + 0.5 * (opps["relationship"].to_numpy() + 1) / 2))
        developed = ~had_coach & (u < chance)
        coach = np.where(developed, 0.25 + 0.35 * effort_factor,
                         np.where(had_coach & pursued, coach + 0.3 * effort_factor * (1.0 - coach), coach))
    return coach, developed


def _proposal_quality(opps: pd.DataFrame, effort_factor: np.ndarray) -> np.ndarray:
    """0-1: the rep's skill, effort, the proposal's luck and how feasible the project is."""
    skill = 0.5 * (opps["prospecting_skill"].to_numpy() + opps["retention_skill"].to_numpy())
    return np.clip(0.2 + 0.3 * skill + 0.35 * effort_factor + 0.3 * (opps["proposal_draw"].to_numpy() - 0.5)
                   + 0.15 * opps["feasibility"].to_numpy(), 0.0, 1.0)


def _stage_days(opps: pd.DataFrame, pursued: np.ndarray, effort_factor: np.ndarray, coach: np.ndarray,
                z: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Days each opportunity would spend in each stage, shape (n, 6), each >= 1.

    Bigger projects and longer customer schedules take longer; effort and a
    coach speed things up. Leads graded out leave within a week.
    """
    size_factor = (opps["amount"].to_numpy() / 3.0) ** 0.12
    schedule_factor = np.sqrt(opps["schedule_months"].to_numpy() / 7.5)
    speed = (1.2 - 0.4 * effort_factor) * (1.0 - 0.2 * coach)
    days = STAGE_DAYS * np.exp(0.3 * z.T) * (size_factor * speed)[:, None]
    days[:, :5] *= schedule_factor[:, None]
    days[:, 0] = np.where(pursued, days[:, 0], 2.0 + 5.0 * u)
    return np.maximum(1, np.rint(days)).astype(np.int64)


def _reasons(frame: dict, stages_entered: np.ndarray, pursued: np.ndarray, dropped_risk: np.ndarray) -> np.ndarray:
    """Why each opportunity ended (codes of :data:`~crmsim.key_accounts.vocab.REASONS`).

    The stage it stopped in, and for tenders whether our price was the
    higher one (lost on price) or not (lost on quality).
    """
    last = stages_entered - 1
    bid = frame["bid_price"]
    rival_bid = frame["amount"] * (1 - frame["competitor_discount"])
    code = REASONS.index
    return np.select(
        [stages_entered == 6, ~pursued, dropped_risk, last == 0, last == 1, last == 2,
         (last == 3) & (bid > rival_bid), last == 3, (last == 4) & (bid > frame["budget"])],
        [code("signed"), code("not_pursued"), code("high_risk"), code("no_real_project"), code("not_approved"),
         code("relationship_stalled"), code("lost_on_price"), code("lost_on_quality"), code("over_budget")],
        default=code("terms_not_agreed"))


def _stage_events(opps: pd.DataFrame, stages_entered: np.ndarray, days: np.ndarray, ends: np.ndarray,
                  accepted: np.ndarray) -> pd.DataFrame:
    """One row per stage entered, built with np.repeat."""
    owner = np.repeat(np.arange(len(opps)), stages_entered)
    stage = np.arange(len(owner)) - np.repeat(np.cumsum(stages_entered) - stages_entered, stages_entered)
    exited = ends[owner, stage]
    duration = days[owner, stage]
    met = np.where(stage < 5, stage < (stages_entered - 1)[owner], accepted[owner])
    return pd.DataFrame({
        "opportunity_id": opps["opportunity_id"].to_numpy()[owner],
        "customer_id": opps["customer_id"].to_numpy()[owner],
        "rep_id": opps["rep_id"].to_numpy()[owner],
        "stage": pd.Categorical.from_codes(stage, dtype=STAGE_DTYPE),
        "key_node": pd.Categorical.from_codes(stage, dtype=NODE_DTYPE),
        "entered": _as_dates(exited - duration),
        "exited": _as_dates(exited),
        "duration_days": duration.astype(np.int32),
        "key_node_met": met,
    })


def _as_dates(days: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 as datetime64[ns]."""
    return (_DAY0 + days.astype("timedelta64[D]")).astype("datetime64[ns]")
