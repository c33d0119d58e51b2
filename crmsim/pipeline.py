"""Analysis of a key-account pipeline run (:class:`crmsim.key_accounts.PipelineResult`):
funnel, cycle time, weighted forecast against actual, win rates, rep
metrics and goals against actual.

Every function reads the result's tables and returns a small DataFrame
whose columns are documented; :func:`localise` turns one into a table for
people (translated headers and labels).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import i18n
from .key_accounts import STAGES, PipelineResult
from .validation import check_choice, check_real

i18n.register({f"ka.col.{name}": pair for name, pair in {
    "stage": ("Stage", "阶段"), "key_node": ("Key node", "关键节点"), "entered": ("Entered", "进入"),
    "exited": ("Exited", "离开"), "duration_days": ("Days", "天数"), "key_node_met": ("Key node met", "达成关键节点"),
    "advanced": ("Advanced", "推进"), "conversion": ("Conversion", "转化率"), "share_of_leads": ("Share of leads", "占线索比例"),
    "opportunities": ("Opportunities", "商机数"), "mean_days": ("Mean days", "平均天数"),
    "median_days": ("Median days", "中位天数"), "p90_days": ("90th percentile days", "90分位天数"),
    "pursued": ("Pursued", "跟进数"), "decided": ("Decided", "已有结果"), "won": ("Won", "赢单数"),
    "win_rate": ("Win rate", "赢单率"),
    "revenue": ("Revenue (CNY m)", "销售额（百万元）"), "revenue_per_opportunity": ("Revenue per opportunity (CNY m)",
                                                                          "每个商机销售额（百万元）"),
    "grade": ("Grade", "等级"), "coach": ("Coach", "教练（内线）"), "relationship_level": ("Relationship", "关系"),
    "segment": ("Segment", "客户类别"), "rep_id": ("Rep ID", "销售代表编号"), "leads": ("New leads", "新线索"),
    "lead_growth": ("Lead growth", "线索增长率"), "median_cycle_days": ("Median cycle (days)", "销售周期中位数（天）"),
    "period": ("Period", "期间"), "goal": ("Goal (CNY m)", "目标（百万元）"), "actual": ("Actual (CNY m)", "实际（百万元）"),
    "attainment": ("Attainment", "完成率"), "month": ("Month", "月份"), "open": ("Open opportunities", "在途商机"),
    "pipeline": ("Pipeline (CNY m)", "管道金额（百万元）"), "forecast": ("Weighted forecast (CNY m)", "加权预测（百万元）"),
    "gross_margin": ("Gross margin (CNY m)", "毛利（百万元）"), "cumulative_revenue": ("Cumulative revenue (CNY m)",
                                                                              "累计销售额（百万元）"),
    "stage_win_rate": ("Win rate from this stage", "由此阶段赢单率"), "outcome": ("Outcome", "结果"),
    "reason": ("Reason", "原因"), "share": ("Share", "占比"), "bid_price": ("Bid price (CNY m)", "报价（百万元）"),
}.items()})
i18n.register({
    "ka.coach.True": ("With coach", "有教练"), "ka.coach.False": ("No coach", "无教练"),
    "ka.relationship_level.cool": ("Cool (< 0)", "冷淡（<0）"),
    "ka.relationship_level.neutral": ("Neutral (0-0.3)", "一般（0-0.3）"),
    "ka.relationship_level.warm": ("Warm (>= 0.3)", "良好（≥0.3）"),
})

RELATIONSHIP_LEVELS = ("cool", "neutral", "warm")
_BY = ("grade", "coach", "relationship_level", "segment")
_LABEL_KINDS = {"stage": "ka.stage", "key_node": "ka.key_node", "grade": "ka.grade", "outcome": "ka.outcome",
                "reason": "ka.reason", "coach": "ka.coach", "relationship_level": "ka.relationship_level",
                "segment": "segment", "channel": "ka.channel", "role": "role", "factor": "ka.factor",
                "criterion": "ka.criterion"}


def _check_result(result) -> PipelineResult:
    if not isinstance(result, PipelineResult):
        raise TypeError("result must be a PipelineResult from crmsim.key_accounts.simulate_pipeline; "
                        f"got {type(result).__name__}")
    return result


def funnel(result: PipelineResult) -> pd.DataFrame:
    """How many opportunities entered each stage and met its key node.

    Returns
    -------
    DataFrame indexed by ``stage``
        ``entered``, ``advanced`` (key node met), ``conversion``
        (advanced / entered) and ``share_of_leads`` (entered / leads).
        ``entered`` never rises from one stage to the next.
    """
    events = _check_result(result).stage_events
    stage = events["stage"].cat.codes.to_numpy()
    entered = np.bincount(stage, minlength=len(STAGES))
    advanced = np.bincount(stage, weights=events["key_node_met"].to_numpy(), minlength=len(STAGES)).astype(np.int64)
    out = pd.DataFrame({"entered": entered, "advanced": advanced,
                        "conversion": np.divide(advanced, entered, out=np.full(len(STAGES), np.nan), where=entered > 0),
                        "share_of_leads": entered / max(entered[0], 1)},
                       index=pd.CategoricalIndex(STAGES, dtype=events["stage"].dtype, name="stage"))
    return out


def cycle_time(result: PipelineResult) -> pd.DataFrame:
    """Days spent in each stage.

    Returns
    -------
    DataFrame indexed by ``stage``
        ``opportunities`` (that entered it), ``mean_days``, ``median_days``, ``p90_days``.
    """
    events = _check_result(result).stage_events
    grouped = events.groupby("stage", observed=False)["duration_days"]
    return pd.DataFrame({"opportunities": grouped.size(), "mean_days": grouped.mean(),
                         "median_days": grouped.median(), "p90_days": grouped.quantile(0.9)})


def stage_win_rates(result: PipelineResult) -> pd.Series:
    """Share of the opportunities that entered each stage and were won.

    The classic CRM forecast weights each open opportunity by the win rate
    of its stage; this is that weight, measured on a (past) run.
    """
    events = _check_result(result).stage_events
    opps = result.opportunities
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


def _open_matrix(result: PipelineResult, dates: np.ndarray):
    """For each date: which stage events of an undecided opportunity contain it."""
    events = result.stage_events
    undecided = events["stage"].cat.codes.to_numpy() < STAGES.index("implementation")
    entered = events["entered"].to_numpy()[undecided]
    exited = events["exited"].to_numpy()[undecided]
    inside = (entered[None, :] <= dates[:, None]) & (dates[:, None] < exited[None, :])
    return np.flatnonzero(undecided), inside


def _weights(result: PipelineResult, method: str, stage_weights) -> tuple[np.ndarray, np.ndarray]:
    """Weight of every stage event (as if open there) and the won amount of its opportunity."""
    opps = result.opportunities
    events = result.stage_events
    row = pd.Index(opps["opportunity_id"]).get_indexer(events["opportunity_id"])
    stage = events["stage"].cat.codes.to_numpy()
    if method == "model":
        weights = np.zeros(len(events))
        early = stage < 5
        weights[early] = _model_weights(opps)[row[early], stage[early]]
    else:
        table = stage_win_rates(result) if stage_weights is None else _check_stage_weights(stage_weights)
        weights = np.asarray(table, dtype=float)[stage]
    bid = opps["bid_price"].to_numpy()[row]
    actual = opps["revenue"].to_numpy()[row]
    return weights * bid, np.stack([bid, actual])


def _check_stage_weights(stage_weights) -> np.ndarray:
    values = pd.Series(stage_weights)
    if values.index.tolist() != list(STAGES):
        if len(values) == len(STAGES):
            values.index = list(STAGES)
        else:
            raise ValueError(f"stage_weights must give one weight per stage {STAGES}; got {dict(values)}")
    for stage, value in values.items():
        check_real(f"stage_weights[{stage!r}]", value, 0.0, 1.0)
    return values.to_numpy(dtype=float)


def forecast_by_month(result: PipelineResult, method: str = "stage", stage_weights=None) -> pd.DataFrame:
    """Weighted pipeline forecast at the start of each month of the horizon, and what it became.

    At each month start every open (not yet signed or lost) opportunity
    counts with its bid price times a weight: ``method="stage"`` uses the
    win rate of its current stage (``stage_weights``, default
    :func:`stage_win_rates` of this run), ``method="model"`` the
    simulation's own probability of winning from its stage.

    Returns
    -------
    DataFrame
        ``month`` (datetime64, first day), ``open`` (count), ``pipeline`` (sum of
        bid prices, CNY m), ``forecast`` (weighted, CNY m) and ``actual``
        (revenue those same opportunities were eventually won for, CNY m).
    """
    result = _check_result(result)
    check_choice("method", method, ("stage", "model"))
    months = pd.date_range(result.start, periods=result.months, freq="MS")
    rows, inside = _open_matrix(result, months.to_numpy())
    weighted, (bid, actual) = _weights(result, method, stage_weights)
    inside_f = inside.astype(float)
    return pd.DataFrame({"month": months, "open": inside.sum(axis=1),
                         "pipeline": inside_f @ bid[rows], "forecast": inside_f @ weighted[rows],
                         "actual": inside_f @ actual[rows]})


def open_pipeline(result: PipelineResult, as_of=None, method: str = "stage", stage_weights=None) -> pd.DataFrame:
    """The opportunities still undecided at ``as_of`` (default: the start of the horizon), with their weights.

    Returns
    -------
    DataFrame
        ``opportunity_id``, ``customer_id``, ``rep_id``, ``stage`` (current),
        ``bid_price`` (CNY m), ``weight`` (probability used by the forecast),
        ``forecast`` (bid x weight) and ``actual`` (revenue it was eventually
        won for, 0 if lost).
    """
    result = _check_result(result)
    check_choice("method", method, ("stage", "model"))
    when = result.start if as_of is None else pd.Timestamp(as_of)
    rows, inside = _open_matrix(result, np.array([when.to_datetime64()], dtype="datetime64[ns]"))
    weighted, (bid, actual) = _weights(result, method, stage_weights)
    rows = rows[inside[0]]
    events = result.stage_events
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


def pipeline_forecast(result: PipelineResult, as_of=None, method: str = "stage", stage_weights=None) -> pd.Series:
    """The forecast at one date (default: the start of the horizon).

    Returns
    -------
    Series
        ``open``, ``pipeline``, ``forecast``, ``actual`` as in :func:`forecast_by_month`.
    """
    rows = open_pipeline(result, as_of, method, stage_weights)
    return pd.Series({"open": len(rows), "pipeline": float(rows["bid_price"].sum()),
                      "forecast": float(rows["forecast"].sum()), "actual": float(rows["actual"].sum())})


def monthly_revenue(result: PipelineResult) -> pd.DataFrame:
    """Contracts signed in each month of the horizon.

    Returns
    -------
    DataFrame
        ``month``, ``won`` (count), ``revenue``, ``gross_margin`` and ``cumulative_revenue`` (CNY m).
    """
    result = _check_result(result)
    opps = result.opportunities
    months = pd.date_range(result.start, periods=result.months, freq="MS")
    won_date = opps["won_date"].to_numpy()
    index = np.searchsorted(months.to_numpy(), won_date, side="right") - 1
    inside = ~np.isnat(won_date) & (won_date < result.end.to_datetime64()) & (index >= 0)
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


def win_rates(result: PipelineResult, by: str = "grade") -> pd.DataFrame:
    """Win rate and revenue by account grade, coach, relationship level or segment.

    Parameters
    ----------
    by : {"grade", "coach", "relationship_level", "segment"}
        ``coach``: whether the account had a coach after the rep's work;
        ``relationship_level``: the buying centre's weighted attitude, cool
        (< 0), neutral (0-0.3) or warm (>= 0.3).

    Returns
    -------
    DataFrame indexed by ``by``
        ``opportunities``, ``pursued``, ``won``, ``win_rate`` (won / pursued),
        ``revenue`` and ``revenue_per_opportunity`` (CNY m).
    """
    result = _check_result(result)
    check_choice("by", by, _BY)
    opps = result.opportunities
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


def rep_metrics(result: PipelineResult) -> pd.DataFrame:
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
    result = _check_result(result)
    opps = result.opportunities
    created = opps["created"]
    middle = result.start + (result.end - result.start) / 2
    in_horizon = (created >= result.start) & (created < result.end)
    won = opps["outcome"] == "won"
    decided_on = opps["won_date"].where(won, opps["closed"])
    decided = opps["pursued"] & (decided_on >= result.start) & (decided_on < result.end)
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


def goals_vs_actual(result: PipelineResult, yearly_goal: float, period: str = "quarter") -> pd.DataFrame:
    """Signed revenue against the goal, by month, quarter or year.

    The yearly goal is split evenly over the months of the horizon, then
    summed per period.

    Returns
    -------
    DataFrame
        ``period`` (str, e.g. ``"2026Q1"``), ``goal``, ``actual`` (CNY m) and
        ``attainment`` (actual / goal).
    """
    yearly_goal = check_real("yearly_goal", yearly_goal, 0.0, inclusive=False)
    check_choice("period", period, ("month", "quarter", "year"))
    monthly = monthly_revenue(result)
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    label = monthly["month"].dt.to_period(freq).astype(str)
    frame = pd.DataFrame({"period": label, "goal": yearly_goal / 12.0, "actual": monthly["revenue"]})
    out = frame.groupby("period", sort=False, as_index=False).sum()
    out["attainment"] = out["actual"] / out["goal"]
    return out


def suggested_goal(result: PipelineResult, growth: float = 0.10) -> float:
    """A yearly goal set the usual way: a past year's signed revenue plus ``growth``.

    Pass the result of a past run (another seed); the revenue it signed in
    its horizon, scaled to 12 months and raised by ``growth``, is rounded to
    two significant digits.
    """
    growth = check_real("growth", growth, -0.9, 10.0)
    result = _check_result(result)
    signed = float(monthly_revenue(result)["revenue"].sum()) * 12.0 / result.months * (1.0 + growth)
    if signed <= 0:
        return 1.0
    digits = 1 - int(np.floor(np.log10(signed)))
    return float(round(signed, digits))


def localise(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of an analysis table for people: translated headers, index
    names and labels of stages, grades, outcomes, reasons…; floats rounded to 2."""
    out = table.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series.dtype):
            out[column] = series.map({True: i18n.t("ka.yes"), False: i18n.t("ka.no")})
        elif column in _LABEL_KINDS and not pd.api.types.is_numeric_dtype(series.dtype):
            out[column] = [i18n.t(f"{_LABEL_KINDS[column]}.{v}") for v in series.astype(str)]
        elif pd.api.types.is_float_dtype(series.dtype):
            out[column] = series.round(2)
    name = out.index.name
    if name in _LABEL_KINDS:
        out.index = pd.Index([i18n.t(f"{_LABEL_KINDS[name]}.{v}") for v in out.index.astype(str)])
    if name is not None:
        out.index.name = i18n.t(f"ka.col.{name}") if i18n.has(f"ka.col.{name}") else name
    out.columns = [i18n.t(f"ka.col.{c}") if i18n.has(f"ka.col.{c}") else c for c in out.columns]
    return out
