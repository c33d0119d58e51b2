"""The forms a rep fills in: the daily contact log, the weekly report and the follow-up form.

:func:`contact_log`, :func:`weekly_report` and :func:`timeline` are coded
tables. :func:`follow_up_form_view` is a view for people: its field names
are codes, its values text in one language; show it with
``crmsim.display.labelled(form, "key_accounts")``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n, seeding
from ..seeding import SeedLike
from ..validation import check_int
from ..world import World, check_world
from .process import KeyAccountsRun, check_run
from .vocab import CHANNEL_DTYPE, CHANNELS, STAGES

#: Average hours of effort behind one logged contact.
HOURS_PER_CONTACT = 4.0
#: Most contacts logged for one opportunity in one stage.
MAX_CONTACTS_PER_STAGE = 60
_CHANNEL_SHARES = np.array([0.35, 0.30, 0.20, 0.15])
_CHANNEL_MINUTES = np.array([90.0, 15.0, 10.0, 120.0])
#: The fields of the follow-up form, in the order of the form.
FOLLOW_UP_FIELDS = ("account", "segment", "grade", "rep", "created", "need", "amount", "budget", "schedule",
                    "competitors", "decision_maker", "coach", "relationship", "fit", "risk", "effort", "bid",
                    "stage", "outcome", "reason")


def contact_log(run: KeyAccountsRun, world: World, *, seed: SeedLike = 0) -> pd.DataFrame:
    """The daily contact log (客户日常联络表): every contact the rep logged.

    The number of contacts in a stage grows with the hours spent on the
    opportunity and the days in the stage; each goes to one person of the
    account's buying centre, on a day inside the stage.

    Parameters
    ----------
    run : KeyAccountsRun
    world : World
        The world of the run (its buying-centre contacts).
    seed : int, SeedSequence or Generator
        Seed of the log (stream ``"key_accounts.contacts"``); default 0, like
        every entry point. The run's own seed makes the log of that run.

    Returns
    -------
    DataFrame sorted by ``date``
        ``date`` (datetime64), ``rep_id``, ``customer_id``, ``opportunity_id``,
        ``contact_id`` (int64), ``role`` (category), ``stage`` (category),
        ``channel`` (visit / phone / email / meeting) and ``minutes`` (int32).
    """
    run = check_run(run)
    contacts = check_world(world).contacts
    rng = seeding.child(seed, "key_accounts.contacts")
    events = run.stage_events
    opps = run.opportunities
    row = pd.Index(opps["opportunity_id"]).get_indexer(events["opportunity_id"])
    hours = opps["effort_hours"].to_numpy()[row]
    duration = events["duration_days"].to_numpy()
    # A lead without hours (not pursued) still gets one contact on average.
    mean = np.where(hours > 0, hours * duration / 30.44 / HOURS_PER_CONTACT, 1.0)
    count = np.minimum(rng.poisson(mean), MAX_CONTACTS_PER_STAGE)
    owner = np.repeat(np.arange(len(events)), count)
    u = rng.random((4, len(owner)))

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
        "channel": pd.Categorical.from_codes(channel, dtype=CHANNEL_DTYPE),
        "minutes": minutes,
    })
    return log.sort_values(["date", "rep_id", "opportunity_id"], kind="stable").reset_index(drop=True)


def weekly_report(run: KeyAccountsRun, log: pd.DataFrame) -> pd.DataFrame:
    """The weekly report roll-up (周报) of each rep.

    Parameters
    ----------
    run : KeyAccountsRun
    log : DataFrame
        The run's :func:`contact_log`.

    Returns
    -------
    DataFrame
        ``rep_id``, ``week`` (datetime64, the Monday), ``contacts``,
        ``new_leads``, ``key_nodes_met``, ``won``, ``lost`` and ``won_revenue``
        (CNY m), one row per rep and week with any activity.
    """
    run = check_run(run)
    if not isinstance(log, pd.DataFrame) or not {"rep_id", "date"} <= set(log.columns):
        raise TypeError(f"log must be the run's contact_log (a DataFrame); got {type(log).__name__}")
    opps = run.opportunities
    events = run.stage_events

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


def _opportunity(run: KeyAccountsRun, opportunity_id: int) -> pd.Series:
    opps = run.opportunities
    check_int("opportunity_id", opportunity_id, 1)
    rows = opps.index[opps["opportunity_id"] == opportunity_id]
    if len(rows) == 0:
        raise ValueError(f"opportunity_id={opportunity_id} is not in the run; "
                         f"ids run from {opps['opportunity_id'].min()} to {opps['opportunity_id'].max()}")
    return opps.loc[rows[0]]


def follow_up_form_view(run: KeyAccountsRun, world: World, opportunity_id: int, *,
                        language: str | None = None) -> pd.DataFrame:
    """The key-account follow-up form (大客户跟进表) of one opportunity: a view for people.

    Parameters
    ----------
    run : KeyAccountsRun
    world : World
        The world of the run (names of the account, the rep and the buying centre).
    opportunity_id : int
    language : {"en", "zh"}, optional
        Language of the values (names, grades, stages...); default the current one.

    Returns
    -------
    DataFrame
        One column, ``value`` (text), indexed by ``field``: the codes of
        :data:`FOLLOW_UP_FIELDS`. ``labelled(form, "key_accounts")`` names the
        fields in the current (or given) language.
    """
    run = check_run(run)
    world = check_world(world)
    lang = i18n.check_language(language) if language is not None else i18n.get_language()
    o = _opportunity(run, opportunity_id)

    def t(key: str) -> str:
        return i18n.t(key, lang)

    name = f"name_{lang}"
    customer = world.customers.set_index("customer_id").loc[o["customer_id"]]
    contacts = world.contacts[world.contacts["customer_id"] == o["customer_id"]]
    rep = world.reps.set_index("rep_id").loc[o["rep_id"]]
    deciders = contacts[contacts["role"] == "decision_maker"]
    coaches = contacts[contacts["is_coach"]]
    decision_maker = (f"{deciders.iloc[0][name]} ({deciders.iloc[0]['attitude']:+.2f})" if len(deciders)
                      else t("ka.none"))
    if len(coaches):
        coach = f"{coaches.iloc[0][name]} ({o['coach_strength']:.2f})"
    elif o["coach_developed"]:
        coach = f"{t('ka.yes')} ({o['coach_strength']:.2f})"
    else:
        coach = t("ka.none")
    values = {
        "account": str(customer[name]),
        "segment": t(f"segment.{o['segment']}"),
        "grade": f"{t('ka.grade.' + str(o['grade']))} ({o['grading_score']:.2f})",
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
        "stage": t(f"ka.stage.{STAGES[int(o['stages_entered']) - 1]}"),
        "outcome": t(f"ka.outcome.{o['outcome']}"),
        "reason": t(f"ka.reason.{o['reason']}"),
    }
    return pd.DataFrame({"value": [values[field] for field in FOLLOW_UP_FIELDS]},
                        index=pd.Index(FOLLOW_UP_FIELDS, name="field"))


def timeline(run: KeyAccountsRun, opportunity_id: int) -> pd.DataFrame:
    """The stage events of one opportunity (its path through the six stages).

    Returns
    -------
    DataFrame
        ``stage``, ``key_node``, ``entered``, ``exited``, ``duration_days`` and
        ``key_node_met``, one row per stage entered.
    """
    run = check_run(run)
    check_int("opportunity_id", opportunity_id, 1)
    events = run.stage_events
    rows = events[events["opportunity_id"] == opportunity_id]
    if rows.empty:
        raise ValueError(f"opportunity_id={opportunity_id} is not in the run")
    return rows[["stage", "key_node", "entered", "exited", "duration_days", "key_node_met"]].reset_index(drop=True)


def example_opportunity(run: KeyAccountsRun) -> int:
    """A won opportunity worth telling as a story, chosen deterministically:
    the first won one with a coach and a competitor, else the first won, else the first."""
    opps = check_run(run).opportunities
    won = opps["outcome"] == "won"
    for mask in (won & opps["has_coach"] & (opps["n_competitors"] > 0), won,
                 np.ones(len(opps), dtype=bool)):
        ids = opps["opportunity_id"][mask]
        if len(ids):
            return int(ids.iloc[0])
    raise ValueError("the run has no opportunities")
