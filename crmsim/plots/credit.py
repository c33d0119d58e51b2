"""Plots of credit decisions: sales won and lost by grade, receivables aging,
the profit bridge of a policy, the receivables balance, the ROC curve of a
score and the credit-period trade-off.

Each function takes tables from :mod:`crmsim.credit` / :mod:`crmsim.receivables`
and an optional ``ax``, and returns the Axes; none computes business logic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import i18n
from . import axes_or_new, percent_axis

i18n.register({
    "credit.plot.grades.title": ("Sales won and lost by grade", "各信用等级的销售额：获得与损失"),
    "credit.plot.grades.y": ("CNY million", "百万元"),
    "credit.plot.grades.credit": ("On credit", "赊销"),
    "credit.plot.grades.cash": ("For cash", "现销"),
    "credit.plot.grades.lost": ("Lost to the policy", "因政策损失"),
    "credit.plot.grades.default": ("True default rate (right)", "真实违约率（右轴）"),
    "credit.plot.aging.title": ("Receivables aging", "应收账款账龄"),
    "credit.plot.aging.y": ("Open at the end (CNY million)", "期末未收金额（百万元）"),
    "credit.plot.bridge.title": ("From contribution to profit", "从边际贡献到利润"),
    "credit.plot.bridge.y": ("CNY million", "百万元"),
    "credit.plot.bridge.contribution": ("Contribution", "边际贡献"),
    "credit.plot.bridge.bad_debt": ("Bad debt", "坏账"),
    "credit.plot.bridge.discount": ("Discounts", "现金折扣"),
    "credit.plot.bridge.interest": ("Money tied up", "资金占用"),
    "credit.plot.bridge.collection": ("Collection", "收账费用"),
    "credit.plot.bridge.profit": ("Profit", "利润"),
    "credit.plot.balance.title": ("Receivables month by month", "各月应收账款"),
    "credit.plot.balance.x": ("Month", "月份"),
    "credit.plot.balance.y": ("CNY million", "百万元"),
    "credit.plot.balance.receivables": ("Open at month end", "月末应收余额"),
    "credit.plot.balance.sales": ("Invoiced in the month", "当月赊销额"),
    "credit.plot.roc.title": ("ROC curve of the credit score", "信用评分的ROC曲线"),
    "credit.plot.roc.x": ("Good payers refused", "被拒绝的好客户比例"),
    "credit.plot.roc.y": ("Bad payers caught", "被识别出的坏客户比例"),
    "credit.plot.roc.chance": ("A coin toss", "随机猜测"),
    "credit.plot.roc.label": ("Score: AUC {auc:.2f}, Gini {gini:.2f}", "评分：AUC {auc:.2f}，基尼系数 {gini:.2f}"),
    "credit.plot.tradeoff.title": ("What a looser policy wins and what it costs", "放宽信用政策的得与失"),
    "credit.plot.tradeoff.contribution": ("Contribution margin of the sales", "销售带来的边际贡献"),
    "credit.plot.tradeoff.cost": ("Credit costs", "信用成本"),
    "credit.plot.tradeoff.profit": ("Profit", "利润"),
    "credit.plot.tradeoff.best": ("best", "最优"),
    "credit.plot.tradeoff.y": ("CNY million", "百万元"),
    "credit.plot.tradeoff.x.credit_period": ("Credit period (days)", "信用期（天）"),
    "credit.plot.tradeoff.x.cutoff": ("Screening cutoff (score)", "授信门槛（评分）"),
    "credit.plot.tradeoff.x.discount_rate": ("Cash discount", "现金折扣率"),
    "credit.plot.tradeoff.x.limit_multiplier": ("Limit multiplier", "额度系数"),
})

_MILLION = 1e6
_WON, _CASH, _LOST = "#1b9e77", "#a6d854", "#d9d9d9"
_GAIN, _LOSS, _TOTAL = "#1b9e77", "#d95f02", "#4c72b0"
_AGING_COLOURS = ("#1b9e77", "#a6d854", "#ffd92f", "#fc8d62", "#e34a33", "#b30000")


def _millions(ax: Axes, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    # Few ticks: easier to read, and every tick costs drawing time in a dashboard.
    target.set_major_locator(MaxNLocator(5))


def plot_sales_by_grade(by_grade: pd.DataFrame, ax: Axes | None = None, default_rate: bool = True) -> Axes:
    """Stacked bars per grade: sales on credit, for cash, and lost to the policy.

    Parameters
    ----------
    by_grade : DataFrame
        From :func:`crmsim.receivables.sales_by_grade`.
    default_rate : bool
        Also mark each grade's true default rate on a right-hand axis.
    """
    ax = axes_or_new(ax)
    x = np.arange(len(by_grade))
    bottom = np.zeros(len(by_grade))
    for column, colour, key in (("credit_sales", _WON, "credit"), ("cash_sales", _CASH, "cash"),
                                ("lost_sales", _LOST, "lost")):
        values = by_grade[column].to_numpy() / _MILLION
        ax.bar(x, values, bottom=bottom, color=colour, label=i18n.t(f"credit.plot.grades.{key}"))
        bottom += values
    ax.set_xticks(x, [str(g) for g in by_grade.index])
    ax.set_title(i18n.t("credit.plot.grades.title"))
    ax.set_ylabel(i18n.t("credit.plot.grades.y"))
    _millions(ax)
    handles, labels = ax.get_legend_handles_labels()
    if default_rate:
        right = ax.twinx()
        line, = right.plot(x, by_grade["default_rate"].to_numpy(), color="black", marker="o", linewidth=1,
                           label=i18n.t("credit.plot.grades.default"))
        right.set_ylim(0, max(0.05, float(np.nanmax(by_grade["default_rate"].to_numpy(), initial=0)) * 1.15))
        percent_axis(right)
        handles.append(line)
        labels.append(line.get_label())
    ax.legend(handles, labels, loc="upper right", fontsize="small")
    return ax


def plot_aging(aging: pd.DataFrame, ax: Axes | None = None, shares: bool = True) -> Axes:
    """Bars of the receivables open at the end, by days past due.

    Parameters
    ----------
    aging : DataFrame
        From :func:`crmsim.receivables.aging` (bucket codes, amounts, shares).
    shares : bool
        Write each bucket's share of the receivables above its bar.
    """
    ax = axes_or_new(ax)
    x = np.arange(len(aging))
    amounts = aging["amount"].to_numpy() / _MILLION
    ax.bar(x, amounts, color=_AGING_COLOURS[:len(aging)])
    if shares:
        for xi, amount, share in zip(x, amounts, aging["share"].to_numpy()):
            ax.annotate(f"{share:.0%}", (xi, amount), ha="center", va="bottom", fontsize="small")
    ax.set_xticks(x, [i18n.t(f"credit.aging.{b}") for b in aging["bucket"]], rotation=30, ha="right",
                  fontsize="small")
    ax.set_ylim(0, max(amounts.max(initial=0) * 1.15, 1e-6))
    ax.set_title(i18n.t("credit.plot.aging.title"))
    ax.set_ylabel(i18n.t("credit.plot.aging.y"))
    _millions(ax)
    return ax


def plot_profit_bridge(summary: pd.Series, ax: Axes | None = None) -> Axes:
    """Waterfall from contribution margin to profit, one step per credit cost.

    Parameters
    ----------
    summary : Series
        From :func:`crmsim.receivables.summarise_policy`.
    """
    ax = axes_or_new(ax)
    steps = [("bad_debt", summary["bad_debt"]), ("discount", summary["discount_cost"]),
             ("interest", summary["interest_cost"]), ("collection", summary["collection_cost"])]
    contribution = summary["contribution"] / _MILLION
    labels = [i18n.t("credit.plot.bridge.contribution")]
    ax.bar(0, contribution, color=_GAIN)
    level = contribution
    for k, (key, cost) in enumerate(steps, start=1):
        cost = cost / _MILLION
        ax.bar(k, -cost, bottom=level, color=_LOSS)
        level -= cost
        labels.append(i18n.t(f"credit.plot.bridge.{key}"))
    ax.bar(len(steps) + 1, level, color=_TOTAL)
    labels.append(i18n.t("credit.plot.bridge.profit"))
    ax.set_xticks(np.arange(len(labels)), labels, rotation=30, ha="right", fontsize="small")
    # Costs are small next to the contribution: zoom in on the top so they show.
    low = min(level, contribution) - 2.5 * max(contribution - level, 1e-9)
    ax.set_ylim(max(0.0, low) if level > 0 else level * 1.1, contribution * 1.01 + 1e-9)
    ax.set_title(i18n.t("credit.plot.bridge.title"))
    ax.set_ylabel(i18n.t("credit.plot.bridge.y"))
    _millions(ax)
    return ax


def plot_receivables(monthly: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Receivables open at each month end, with the month's credit sales.

    Parameters
    ----------
    monthly : DataFrame
        From :func:`crmsim.receivables.receivables_by_month`.
    """
    ax = axes_or_new(ax)
    month = monthly["month"].to_numpy() + 1
    ax.bar(month, monthly["credit_sales"].to_numpy() / _MILLION, color="#c6dbef",
           label=i18n.t("credit.plot.balance.sales"))
    ax.plot(month, monthly["receivables"].to_numpy() / _MILLION, color="#08519c", marker=".",
            label=i18n.t("credit.plot.balance.receivables"))
    ax.set_title(i18n.t("credit.plot.balance.title"))
    ax.set_xlabel(i18n.t("credit.plot.balance.x"))
    ax.set_ylabel(i18n.t("credit.plot.balance.y"))
    _millions(ax)
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_roc(roc: pd.DataFrame, auc: float, ax: Axes | None = None) -> Axes:
    """The ROC curve of a score, with its AUC and Gini in the legend.

    Parameters
    ----------
    roc : DataFrame
        From :func:`crmsim.receivables.roc_curve`.
    auc : float
        From :func:`crmsim.receivables.auc` (Gini is 2 AUC - 1).
    """
    ax = axes_or_new(ax, figsize=(4.8, 4.4))
    ax.plot(roc["good_refused"].to_numpy(), roc["bad_caught"].to_numpy(), color="#08519c", linewidth=2,
            label=i18n.t("credit.plot.roc.label", auc=auc, gini=2 * auc - 1))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label=i18n.t("credit.plot.roc.chance"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("credit.plot.roc.title"))
    ax.set_xlabel(i18n.t("credit.plot.roc.x"))
    ax.set_ylabel(i18n.t("credit.plot.roc.y"))
    ax.legend(loc="lower right", fontsize="small")
    return ax


def plot_tradeoff(sweep: pd.DataFrame, field: str = "credit_period", ax: Axes | None = None) -> Axes:
    """Contribution margin and profit across one policy lever; the gap between them
    (shaded) is the credit cost: bad debt, discounts, money tied up and collection.

    Parameters
    ----------
    sweep : DataFrame
        From :func:`crmsim.receivables.policy_sweep`.
    field : str
        The lever swept (its column in ``sweep``).
    """
    if field not in sweep.columns:
        raise ValueError(f"field={field!r} is not a column of the sweep; it has {list(sweep.columns)}")
    ax = axes_or_new(ax)
    x = sweep[field].to_numpy(dtype=float)
    contribution = sweep["contribution"].to_numpy() / _MILLION
    profit = sweep["profit"].to_numpy() / _MILLION
    ax.plot(x, contribution, color=_TOTAL, marker="o", label=i18n.t("credit.plot.tradeoff.contribution"))
    ax.fill_between(x, profit, contribution, color=_LOSS, alpha=0.25, label=i18n.t("credit.plot.tradeoff.cost"))
    ax.plot(x, profit, color=_GAIN, marker="^", label=i18n.t("credit.plot.tradeoff.profit"))
    best = int(np.argmax(profit))
    ax.annotate(i18n.t("credit.plot.tradeoff.best"), (x[best], profit[best]), xytext=(0, -18),
                textcoords="offset points", ha="center", color=_GAIN, fontsize="small")
    ax.set_title(i18n.t("credit.plot.tradeoff.title"))
    ax.set_xlabel(i18n.t(f"credit.plot.tradeoff.x.{field}"))
    ax.set_ylabel(i18n.t("credit.plot.tradeoff.y"))
    if field == "discount_rate":
        percent_axis(ax, "x")
    _millions(ax)
    ax.legend(loc="best", fontsize="small")
    return ax


__all__ = ["plot_aging", "plot_profit_bridge", "plot_receivables", "plot_roc", "plot_sales_by_grade",
           "plot_tradeoff"]
