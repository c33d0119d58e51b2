"""Analysis of a key-account run (:class:`~crmsim.key_accounts.KeyAccountsRun`):
funnel, cycle time, weighted forecast against actual, monthly revenue, win
rates and rep metrics.

Every function reads the run's tables and returns a small coded DataFrame
whose columns are documented; show one with
``crmsim.display.labelled(table, "key_accounts")``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import check_choice, check_real
from .opportunities import as_timestamp
from .process import KeyAccountsRun, check_run
from .vocab import RELATIONSHIP_LEVELS, STAGES

#: The groupings of :func:`win_rates`.
WIN_RATE_GROUPS = ("grade", "coach", "relationship_level", "segment")


def funnel(run: KeyAccountsRun) -> pd.DataFrame:
    """How many opportunities entered each stage and met its key node.

    Returns
    -------
    DataFrame indexed by ``stage``
        ``entered``, ``advanced`` (key node met), ``conversion``
        (advanced / entered) and ``share_of_leads`` (entered / leads).
        ``entered`` never rises from one stage to the next.
    """
    events = check_run(run).stage_events
    stage = events["stage"].cat.codes.to_numpy()
    entered = np.bincount(stage, minlength=len(STAGES))
    advanced = np.bincount(stage, weights=events["key_node_met"].to_numpy(), minlength=len(STAGES)).astype(np.int64)
    out = pd.DataFrame({"entered": entered, "advanced": advanced,
                        "conversion": np.divide(advanced, entered, out=np.full(len(STAGES), np.nan), where=entered > 0),
                        "share_of_leads": entered / max(entered[0], 1)},
                       index=pd.CategoricalIndex(STAGES, dtype=events["stage"].dtype, name="stage"))
    return out


def cycle_time(run: KeyAccountsRun) -> pd.DataFrame:
    """Days spent in each stage.

    Returns
    -------
    DataFrame indexed by ``stage``
        ``opportunities`` (that entered it), ``mean_days``, ``median_days``, ``p90_days``.
    """
    events = check_run(run).stage_events
    grouped = events.groupby("stage", observed=False)["duration_days"]
    return pd.DataFrame({"opportunities": grouped.size(), "mean_days": grouped.mean(),
                         "median_days": grouped.median(), "p90_days": grouped.quantile(0.9)})


def stage_win_rates(run: KeyAccountsRun) -> pd.Series:
    """Share of the opportunities that entered each stage and were won.

    The classic CRM forecast weights each open opportunity by the win rate
    of its stage; this is that weight, measured on a (past) run.
    """
    events = check_run(run).stage_events
    opps = run.opportunities
    won = pd.Index(opps["opportunity_id"]).get_indexer(events["opportunity_id"])
    won = (opps["outcome"].to_numpy() == "won")[won]
    stage = events["stage"].cat.codes.to_numpy()
    entered = np.bincount(stage, minlength=len(STAGES))
    won_count = np.bincount(stage, weights=won, minlength=len(STAGES))
    rates = np.divide(won_count, entered, out=np.zeros(len(STAGES)), where=entered > 0)
    return pd.Series(rates, index=pd.CategoricalIndex(STAGES, dtype=events["stage"].dtype, name="stage"),
                     name="stage_win_rate")


def _model_weights(opps: pd.DataFrame) -> np.ndarray:
    """(n, 5): probability of winning from the start of each of the first five stages."""
    p = opps[[f"p_{s}" for s in STAGES[:5]]].to_numpy()
    from_stage = np.cumprod(p[:, ::-1], axis=1)[:, ::-1]
    # In development the lead may still be graded out or dropped after the risk assessment.
    from_stage[:, 0] = opps["win_probability"].to_numpy()
    return from_stage


def _open_matrix(run: KeyAccountsRun, dates: np.ndarray):
    """For each date: which stage events of an undecided opportunity contain it."""
    events = run.stage_events
    undecided = events["stage"].cat.codes.to_numpy() < STAGES.index("implementation")
    entered = events["entered"].to_numpy()[undecided]
    exited = events["exited"].to_numpy()[undecided]
    inside = (entered[None, :] <= dates[:, None]) & (dates[:, None] < exited[None, :])
    return np.flatnonzero(undecided), inside


def _weights(run: KeyAccountsRun, method: str, stage_weights) -> tuple[np.ndarray, np.ndarray]:
    """Weight of every stage event (as if open there) and the won amount of its opportunity."""
    opps = run.opportunities
    events = run.stage_events
    row = pd.Index(opps["opportunity_id"]).get_indexer(events["opportunity_id"])
    stage = events["stage"].cat.codes.to_numpy()
    if method == "model":
        if stage_weights is not None:
            raise ValueError("stage_weights weigh the stages of method='stage'; method='model' uses the "
                             f"simulation's own probabilities: pass one or the other (got {stage_weights!r})")
        weights = np.zeros(len(events))
        early = stage < 5
        weights[early] = _model_weights(opps)[row[early], stage[early]]
    else:
        table = stage_win_rates(run) if stage_weights is None else check_stage_weights(stage_weights)
        weights = np.asarray(table, dtype=float)[stage]
    bid = opps["bid_price"].to_numpy()[row]
    actual = opps["revenue"].to_numpy()[row]
    return weights * bid, np.stack([bid, actual])


def check_stage_weights(stage_weights) -> np.ndarray:
    """The six stage weights in stage order, matched by stage name.

    ``stage_weights`` maps every stage code of
    :data:`~crmsim.key_accounts.STAGES` to a weight in [0, 1] (a dict, or a
    Series indexed by stage, such as :func:`stage_win_rates`). Weights are
    matched by name, never by position, so the same weights in another order
    give the same forecast; an unknown or a missing stage is an error.
    """
    if isinstance(stage_weights, pd.Series):
        items = list(zip(stage_weights.index.tolist(), stage_weights.tolist()))
    elif isinstance(stage_weights, Mapping):
        items = list(stage_weights.items())
    else:
        raise TypeError("stage_weights must map each stage name to a weight (a dict or a Series indexed by "
                        f"stage, e.g. stage_win_rates(past_run)); got {type(stage_weights).__name__}")
    names = [str(name) for name, _ in items]
    unknown = [name for name in names if name not in STAGES]
    missing = [stage for stage in STAGES if stage not in names]
    if unknown or missing or len(names) != len(set(names)):
        raise ValueError(f"stage_weights must give exactly one weight per stage, by name, from {STAGES}; "
                         f"got {names} (unknown: {unknown}, missing: {missing})")
    weights = {name: check_real(f"stage_weights[{name!r}]", value, 0.0, 1.0) for name, (_, value) in zip(names, items)}
    return np.array([weights[stage] for stage in STAGES])


def forecast_by_month(run: KeyAccountsRun, *, method: str = "stage", stage_weights=None) -> pd.DataFrame:
    """Weighted pipeline forecast at the start of each month of the horizon, and what it became.

    At each month start every open (not yet signed or lost) opportunity
    counts with its bid price times a weight: ``method="stage"`` (the
    default: the classic CRM forecast) uses the win rate of its current
    stage (``stage_weights``, default :func:`stage_win_rates` of this run;
    a manager would take them from a past run), ``method="model"`` the
    simulation's own probability of winning from its stage.

    ``stage_weights`` maps each stage name to its weight (see
    :func:`check_stage_weights`): matched by name, whatever the order.

    Returns
    -------
    DataFrame
        ``month`` (datetime64, first day), ``open`` (count), ``pipeline`` (sum of
        bid prices, CNY m), ``forecast`` (weighted, CNY m) and ``actual``
        (revenue those same opportunities were eventually won for, CNY m).
    """
    run = check_run(run)
    check_choice("method", method, ("stage", "model"))
    months = pd.date_range(run.start, periods=run.months, freq="MS")
    rows, inside = _open_matrix(run, months.to_numpy())
    weighted, (bid, actual) = _weights(run, method, stage_weights)
    inside_f = inside.astype(float)
    return pd.DataFrame({"month": months, "open": inside.sum(axis=1),
                         "pipeline": inside_f @ bid[rows], "forecast": inside_f @ weighted[rows],
                         "actual": inside_f @ actual[rows]})


def open_pipeline(run: KeyAccountsRun, as_of=None, *, method: str = "stage", stage_weights=None) -> pd.DataFrame:
    """The opportunities still undecided at ``as_of`` (default: the start of the horizon), with their weights.

    ``method`` and ``stage_weights`` weigh them as in :func:`forecast_by_month`
    (default: the win rates of their stages in this run).

    Returns
    -------
    DataFrame
        ``opportunity_id``, ``customer_id``, ``rep_id``, ``stage`` (current),
        ``bid_price`` (CNY m), ``weight`` (probability used by the forecast),
        ``forecast`` (bid x weight) and ``actual`` (revenue it was eventually
        won for, 0 if lost).
    """
    run = check_run(run)
    check_choice("method", method, ("stage", "model"))
    when = run.start if as_of is None else as_timestamp(as_of, "as_of")
    rows, inside = _open_matrix(run, np.array([when.to_datetime64()], dtype="datetime64[ns]"))
    weighted, (bid, actual) = _weights(run, method, stage_weights)
    rows = rows[inside[0]]
    events = run.stage_events
    return pd.DataFrame({
        "opportunity_id": events["opportunity_id"].to_numpy()[rows],
        "customer_id": events["customer_id"].to_numpy()[rows],
        "rep_id": events["rep_id"].to_numpy()[rows],
        "stage": events["stage"].to_numpy()[rows],
        "bid_price": bid[rows],
        "weight": np.divide(weighted[rows], bid[rows], out=np.zeros(len(rows)), where=bid[rows] > 0),
        "forecast": weighted[rows],
        "actual": actual[rows],
    })


def pipeline_forecast(run: KeyAccountsRun, as_of=None, *, method: str = "stage", stage_weights=None) -> pd.Series:
    """The forecast at one date (default: the start of the horizon).

    ``method`` and ``stage_weights`` as in :func:`forecast_by_month`.

    Returns
    -------
    Series
        ``open``, ``pipeline``, ``forecast``, ``actual`` as in :func:`forecast_by_month`.
    """
    rows = open_pipeline(run, as_of, method=method, stage_weights=stage_weights)
    return pd.Series({"open": len(rows), "pipeline": float(rows["bid_price"].sum()),
                      "forecast": float(rows["forecast"].sum()), "actual": float(rows["actual"].sum())})


def monthly_revenue(run: KeyAccountsRun) -> pd.DataFrame:
    """Contracts signed in each month of the horizon.

    Returns
    -------
    DataFrame
        ``month``, ``won`` (count), ``revenue``, ``gross_margin`` and ``cumulative_revenue`` (CNY m).
    """
    run = check_run(run)
    opps = run.opportunities
    months = pd.date_range(run.start, periods=run.months, freq="MS")
    won_date = opps["won_date"].to_numpy()
    index = np.searchsorted(months.to_numpy(), won_date, side="right") - 1
    inside = ~np.isnat(won_date) & (won_date < run.end.to_datetime64()) & (index >= 0)
    index = index[inside]
    revenue = np.bincount(index, weights=opps["revenue"].to_numpy()[inside], minlength=len(months))
    return pd.DataFrame({"month": months, "won": np.bincount(index, minlength=len(months)), "revenue": revenue,
                         "gross_margin": np.bincount(index, weights=opps["gross_margin"].to_numpy()[inside],
                                                     minlength=len(months)),
                         "cumulative_revenue": np.cumsum(revenue)})


def _group_column(opps: pd.DataFrame, by: str) -> pd.Series:
    if by == "coach":
        return pd.Categorical(opps["has_coach"].map({True: "True", False: "False"}), categories=["True", "False"])
    if by == "relationship_level":
        codes = np.searchsorted([0.0, 0.3], opps["relationship"].to_numpy(), side="right")
        return pd.Categorical.from_codes(codes, categories=list(RELATIONSHIP_LEVELS))
    return opps[by]


def win_rates(run: KeyAccountsRun, *, by: str = "grade") -> pd.DataFrame:
    """Win rate and revenue by account grade, coach, relationship level or segment.

    Parameters
    ----------
    by : {"grade", "coach", "relationship_level", "segment"}
        Default ``"grade"``: whether grading puts the hours where the wins are.
        ``coach``: whether the account had a coach after the rep's work;
        ``relationship_level``: the buying centre's weighted attitude, cool
        (< 0), neutral (0-0.3) or warm (>= 0.3).

    Returns
    -------
    DataFrame indexed by ``by``
        ``opportunities``, ``pursued``, ``won``, ``win_rate`` (won / pursued),
        ``revenue`` and ``revenue_per_opportunity`` (CNY m).
    """
    run = check_run(run)
    check_choice("by", by, WIN_RATE_GROUPS)
    opps = run.opportunities
    key = _group_column(opps, by)
    frame = pd.DataFrame({by: key, "pursued": opps["pursued"].to_numpy(),
                          "won": (opps["outcome"] == "won").to_numpy(), "revenue": opps["revenue"].to_numpy()})
    grouped = frame.groupby(by, observed=False)
    out = pd.DataFrame({"opportunities": grouped.size(), "pursued": grouped["pursued"].sum(),
                        "won": grouped["won"].sum(), "revenue": grouped["revenue"].sum()})
    out.insert(3, "win_rate", out["won"] / out["pursued"].where(out["pursued"] > 0))
    out["revenue_per_opportunity"] = out["revenue"] / out["opportunities"].where(out["opportunities"] > 0)
    if by == "segment":  # ordinary customers are not key accounts unless asked for
        out = out[out["opportunities"] > 0]
    return out


def rep_metrics(run: KeyAccountsRun) -> pd.DataFrame:
    """The management metrics of each rep: prospecting and selling ability.

    Returns
    -------
    DataFrame indexed by ``rep_id``
        ``leads`` (new opportunities in the horizon), ``lead_growth`` (leads of
        the second half of the horizon over the first, minus 1), and for the
        pursued opportunities decided in the horizon (signed, lost or dropped
        after the risk assessment): ``decided``, ``won``, ``win_rate``
        (won / decided), ``median_cycle_days`` (lead to signed contract) and
        ``revenue`` (CNY m).
    """
    run = check_run(run)
    opps = run.opportunities
    created = opps["created"]
    middle = run.start + (run.end - run.start) / 2
    in_horizon = (created >= run.start) & (created < run.end)
    won = opps["outcome"] == "won"
    decided_on = opps["won_date"].where(won, opps["closed"])
    decided = opps["pursued"] & (decided_on >= run.start) & (decided_on < run.end)
    frame = pd.DataFrame({
        "rep_id": opps["rep_id"], "leads": in_horizon, "first": in_horizon & (created < middle),
        "second": in_horizon & (created >= middle), "decided": decided, "won": won & decided,
        "cycle": ((opps["won_date"] - created).dt.days).where(won & decided),
        "revenue": opps["revenue"].where(won & decided, 0.0)})
    grouped = frame.groupby("rep_id")
    sums = grouped[["leads", "first", "second", "decided", "won", "revenue"]].sum()
    return pd.DataFrame({
        "leads": sums["leads"],
        "lead_growth": sums["second"] / sums["first"].where(sums["first"] > 0) - 1.0,
        "decided": sums["decided"], "won": sums["won"],
        "win_rate": sums["won"] / sums["decided"].where(sums["decided"] > 0),
        "median_cycle_days": grouped["cycle"].median(),
        "revenue": sums["revenue"],
    })
