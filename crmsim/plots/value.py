"""Plots of customer value: Pareto/ABC curve, composition, size against value."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import i18n
from . import axes_or_new, percent_axis, plot_function

_ABC_COLOURS = {"A": "#1b9e77", "B": "#d95f02", "C": "#7570b3"}
_TIER_COLOURS = ("#a6cee3", "#1f78b4", "#fb9a99", "#e31a1c")


@plot_function
def plot_pareto(abc: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Cumulative share of value against share of customers, coloured by ABC class.

    Parameters
    ----------
    abc : DataFrame
        Output of :func:`crmsim.value.abc_classes`.
    """
    ax = axes_or_new(ax)
    x = np.concatenate([[0.0], abc["customer_share"].to_numpy()])
    y = np.concatenate([[0.0], abc["cumulative_value_share"].to_numpy()])
    classes = abc["abc_class"].to_numpy()
    for label in ("A", "B", "C"):
        idx = np.flatnonzero(classes == label)
        if len(idx):
            span = slice(idx[0], idx[-1] + 2)
            share = len(idx) / max(len(classes), 1)
            ax.fill_between(x[span], 0, y[span], color=_ABC_COLOURS[label], alpha=0.35,
                            label=f"{i18n.t('abc.' + label)} ({share:.0%})")
    ax.plot(x, y, color="black", linewidth=1.5)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label=i18n.t("plot.pareto.even"))
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, y.min()), max(1.02, y.max() * 1.02))
    percent_axis(ax, "x")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("plot.pareto.title"))
    ax.set_xlabel(i18n.t("plot.pareto.x"))
    ax.set_ylabel(i18n.t("plot.pareto.y"))
    ax.legend(loc="lower right", fontsize="small")
    return ax


@plot_function
def plot_composition(table: pd.DataFrame, by: str, ax: Axes | None = None) -> Axes:
    """Grouped bars: each class's share of customers, sales and value.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`crmsim.value.composition`.
    by : str
        The grouping used (its labels are translated).
    """
    ax = axes_or_new(ax)
    labels = [i18n.t(f"{by}.{code}") for code in table.index]
    x = np.arange(len(table))
    width = 0.27
    for k, (column, key) in enumerate((("customer_share", "customers"), ("revenue_share", "revenue"),
                                       ("value_share", "value"))):
        ax.bar(x + (k - 1) * width, table[column].to_numpy(), width, label=i18n.t(f"plot.composition.{key}"))
    ax.set_xticks(x, labels, rotation=20, ha="right")
    percent_axis(ax, "y")
    ax.set_title(i18n.t("plot.composition.title"))
    ax.legend(fontsize="small")
    return ax


@plot_function
def plot_size_vs_value(customers: pd.DataFrame, values: pd.DataFrame, measure: str = "historical_value",
                       ax: Axes | None = None) -> Axes:
    """Scatter of the customer's own revenue (log) against its value to us, by size tier."""
    ax = axes_or_new(ax)
    tiers = customers["size_tier"]
    revenue = customers["annual_revenue"].to_numpy()
    value = values[measure].to_numpy() / 1000
    for code, colour in zip(tiers.cat.categories, _TIER_COLOURS):
        mask = (tiers == code).to_numpy()
        if mask.any():
            ax.scatter(revenue[mask], value[mask], s=14, color=colour, alpha=0.8, label=i18n.t(f"size_tier.{code}"))
    ax.set_xscale("log")
    ax.set_yscale("symlog", linthresh=10)
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_title(i18n.t("plot.size_value.title"))
    ax.set_xlabel(i18n.t("plot.size_value.x"))
    ax.set_ylabel(i18n.t("plot.size_value.y") + f" · {i18n.t('value.' + measure)}")
    ax.legend(fontsize="small", loc="upper left")
    return ax


@plot_function
def plot_value_types(customers: pd.DataFrame, values: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Historical, current and potential value summed per segment (CNY million)."""
    ax = axes_or_new(ax)
    measures = ("historical_value", "current_value", "potential_value")
    table = values[list(measures)].groupby(customers["segment"].to_numpy()).sum() / 1e6
    table = table.reindex([c for c in customers["segment"].cat.categories if c in table.index])
    x = np.arange(len(table))
    width = 0.27
    for k, measure in enumerate(measures):
        ax.bar(x + (k - 1) * width, table[measure].to_numpy(), width, label=i18n.t(f"value.{measure}"))
    ax.set_xticks(x, [i18n.t(f"segment.{c}") for c in table.index], rotation=20, ha="right")
    ax.set_ylabel(i18n.t("plot.value_types.y"))
    ax.set_title(i18n.t("plot.value_types.title"))
    ax.legend(fontsize="small")
    return ax


@plot_function
def plot_truth_reveal(reveal: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Estimated against true lifetime value per customer, with the line where they agree.

    Parameters
    ----------
    reveal : DataFrame
        Output of :func:`crmsim.value.value_truth_reveal`.
    """
    ax = axes_or_new(ax)
    true = reveal["true_lifetime_value"].to_numpy() / 1000
    estimated = reveal["lifetime_value"].to_numpy() / 1000
    ax.scatter(true, estimated, s=12, alpha=0.6, color="#4477aa")
    ends = [min(true.min(), estimated.min(), 0.0), max(true.max(), estimated.max(), 1.0)]
    ax.plot(ends, ends, linestyle="--", color="grey", linewidth=1, label=i18n.t("plot.truth.equal"))
    ax.set_xscale("symlog", linthresh=10)
    ax.set_yscale("symlog", linthresh=10)
    ax.set_title(i18n.t("plot.truth.title"))
    ax.set_xlabel(i18n.t("plot.truth.x"))
    ax.set_ylabel(i18n.t("plot.truth.y"))
    ax.legend(fontsize="small", loc="upper left")
    return ax
