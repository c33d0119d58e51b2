"""Goals: the yearly goal, a rep's quota, and a run measured against its goal.

The usual way of setting goals, as the course teaches it: the team's yearly
goal is last year's signed revenue plus growth (:func:`suggested_goal`), and
a rep's quota is the team goal times the rep's share of last year's
opportunity value (the composition-ratio method, :func:`rep_quota`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..seeding import SeedLike, root_sequence
from ..validation import check_choice, check_int, check_real
from .analysis import monthly_revenue
from .process import KeyAccountsRun, check_run


def suggested_goal(run: KeyAccountsRun, *, growth: float = 0.10) -> float:
    """A yearly goal set the usual way: a past year's signed revenue plus ``growth``.

    Pass the run of a past year (another seed, see :func:`last_year_seed`);
    the revenue it signed in its horizon, scaled to 12 months and raised by
    ``growth`` (default 10 %, a customary stretch), is rounded to two
    significant digits.

    Raises
    ------
    ValueError
        When the past run signed nothing in its horizon: there is no past
        revenue to grow, and a made-up goal would give a meaningless
        attainment (see :func:`has_history`).
    """
    growth = check_real("growth", growth, -0.9, 10.0)
    run = check_run(run)
    signed = float(monthly_revenue(run)["revenue"].sum()) * 12.0 / run.months * (1.0 + growth)
    if signed <= 0:
        raise ValueError("run signed no revenue in its horizon: a goal cannot be set from a past year without "
                         "sales (check with has_history(past) first)")
    digits = 1 - int(np.floor(np.log10(signed)))
    return float(round(signed, digits))


def rep_quota(past: KeyAccountsRun, rep_id: int | None = None, *, growth: float = 0.10) -> float:
    """The yearly quota of one rep, or of the whole team, CNY m.

    The team goal is :func:`suggested_goal` of the past run; a rep's quota
    is that goal times the rep's share of the past run's opportunity value
    (the composition-ratio method), rounded to 0.1 and at least 0.1 (a
    quota of 0 would make attainment meaningless).

    Parameters
    ----------
    past : KeyAccountsRun
        Last year's run.
    rep_id : int, optional
        The rep; None for the whole team.
    growth : float
        Growth over last year's signed revenue (default 10 %, as :func:`suggested_goal`).

    Raises
    ------
    ValueError
        When the past run gives no basis for a quota: it signed nothing
        (see :func:`suggested_goal`), or the rep had no opportunities in it
        (a new rep, or one without key accounts last year). Check with
        :func:`has_history` first.
    """
    past = check_run(past, "past")
    rep_id = None if rep_id is None else check_int("rep_id", rep_id, 1)
    if not has_history(past, rep_id):
        raise ValueError(f"rep_id={rep_id} had no opportunities in the past run: the composition-ratio quota "
                         "needs last year's share (check with has_history(past, rep_id) first)")
    team = suggested_goal(past, growth=growth)
    share = 1.0
    if rep_id is not None:
        amount = past.opportunities["amount"]
        share = amount[past.opportunities["rep_id"] == rep_id].sum() / amount.sum()
    return max(float(round(team * share, 1)), 0.1)


def has_history(past: KeyAccountsRun, rep_id: int | None = None) -> bool:
    """Whether a past run can set a goal: it signed revenue in its horizon and, for
    ``rep_id``, the rep had opportunities in it (their share is the quota's basis)."""
    past = check_run(past, "past")
    if float(monthly_revenue(past)["revenue"].sum()) <= 0:
        return False
    if rep_id is None:
        return True
    rep_id = check_int("rep_id", rep_id, 1)
    opps = past.opportunities
    return bool(opps.loc[opps["rep_id"] == rep_id, "amount"].sum() > 0)


def goals_vs_actual(run: KeyAccountsRun, yearly_goal: float, *, period: str = "quarter") -> pd.DataFrame:
    """Signed revenue against the goal, by month, quarter or year.

    The yearly goal is split evenly over the months of the horizon, then
    summed per period (default: quarters, as a sales manager reviews them).

    Returns
    -------
    DataFrame
        ``period`` (str, e.g. ``"2026Q1"``), ``goal``, ``actual`` (CNY m) and
        ``attainment`` (actual / goal).
    """
    yearly_goal = check_real("yearly_goal", yearly_goal, 0.0, inclusive=False)
    check_choice("period", period, ("month", "quarter", "year"))
    monthly = monthly_revenue(run)
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    label = monthly["month"].dt.to_period(freq).astype(str)
    frame = pd.DataFrame({"period": label, "goal": yearly_goal / 12.0, "actual": monthly["revenue"]})
    out = frame.groupby("period", sort=False, as_index=False).sum()
    out["attainment"] = out["actual"] / out["goal"]
    return out


def goal_summary(run: KeyAccountsRun, yearly_goal: float | None) -> dict[str, float]:
    """One run in a few numbers, against a yearly goal (or without one).

    Returns
    -------
    dict
        ``leads`` (opportunities), ``pursued``, ``won``, ``win_rate`` (won /
        pursued; 0 when nothing is pursued), ``revenue`` (signed in the
        horizon, CNY m), ``months``, ``goal`` (the yearly goal for the
        horizon's months, CNY m), ``attainment`` (revenue / goal) and
        ``margin`` (gross margin signed in the horizon, CNY m). With
        ``yearly_goal=None`` (no past to set one from, see
        :func:`has_history`) ``goal`` and ``attainment`` are None.
    """
    run = check_run(run)
    if yearly_goal is not None:
        yearly_goal = check_real("yearly_goal", yearly_goal, 0.0, inclusive=False)
    revenue = monthly_revenue(run)
    opps = run.opportunities
    won = int((opps["outcome"] == "won").sum())
    pursued = int(opps["pursued"].sum())
    signed = float(revenue["revenue"].sum())
    goal = None if yearly_goal is None else yearly_goal * run.months / 12.0
    return {"leads": len(opps), "pursued": pursued, "won": won, "win_rate": won / pursued if pursued else 0.0,
            "revenue": signed, "months": run.months, "goal": goal,
            "attainment": None if goal is None else signed / goal,
            "margin": float(revenue["gross_margin"].sum())}


def last_year_seed(seed: SeedLike) -> int:
    """The seed of "last year's" run, where goals and stage weights come from.

    The seed's entropy plus one: ``seed + 1`` for an int seed and for a
    SeedSequence made from that int; a Generator gives one number, as
    everywhere. A spawned SeedSequence, whose entropy alone does not say
    which stream it is, gives a number hashed from it instead.
    """
    root = root_sequence(seed)
    if isinstance(root.entropy, int) and not root.spawn_key:
        return root.entropy + 1
    return int(root.generate_state(1, np.uint64)[0] >> 1)
