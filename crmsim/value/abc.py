"""ABC classes and the Pareto curve of customer value."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_choice, check_real
from .measures import VALUE_MEASURES, check_values

ABC_CLASSES = ("A", "B", "C")


def abc_classes(values: pd.DataFrame, measure: str = "historical_value",
                thresholds: tuple[float, float] = (0.8, 0.95)) -> pd.DataFrame:
    """ABC (Pareto) classes by a value measure.

    Customers are ranked from the most to the least valuable. A customer is
    class A while the cumulative share of value *before* it is below the
    first threshold, B below the second, C after that, so the customer that
    crosses a threshold still belongs to the higher class.

    Parameters
    ----------
    values : DataFrame
        Output of :func:`customer_value` (or any table with ``customer_id``
        and the measure).
    measure : str
        One of :data:`VALUE_MEASURES`.
    thresholds : (float, float)
        Cumulative value shares closing classes A and B; ``0 < a < b <= 1``.

    Returns
    -------
    DataFrame sorted by rank, columns: ``customer_id``, ``value``, ``rank``
    (1 = most valuable), ``customer_share`` and ``cumulative_value_share``
    (both cumulative, in [0, 1] for non-negative values; value can be
    negative, then the curve overshoots 1 like a "whale curve"), ``abc_class``
    (categorical A/B/C).
    """
    measure = check_choice("measure", measure, VALUE_MEASURES)
    values = check_values(values, (measure,))
    if not (isinstance(thresholds, (tuple, list)) and len(thresholds) == 2):
        raise TypeError(f"thresholds must be a pair (a, b); got {thresholds!r}")
    a = check_real("thresholds[0]", thresholds[0], 0.0, 1.0, inclusive=False)
    b = check_real("thresholds[1]", thresholds[1], 0.0, 1.0)
    if not a < b:
        raise ValueError(f"thresholds must satisfy 0 < a < b <= 1; got {thresholds!r}")
    order = np.argsort(-values[measure].to_numpy(), kind="stable")
    value = values[measure].to_numpy()[order]
    total = value.sum()
    cumulative = np.cumsum(value) / total if total > 0 else np.zeros(len(value))
    before = np.concatenate([[0.0], cumulative[:-1]])
    abc = np.where(before < a, 0, np.where(before < b, 1, 2))
    n = len(value)
    return pd.DataFrame({
        "customer_id": values["customer_id"].to_numpy()[order],
        "value": value,
        "rank": np.arange(1, n + 1, dtype=np.int32),
        "customer_share": np.arange(1, n + 1) / max(n, 1),
        "cumulative_value_share": cumulative,
        "abc_class": pd.Categorical.from_codes(abc, dtype=pd.CategoricalDtype(list(ABC_CLASSES), ordered=True)),
    })


def abc_summary(abc: pd.DataFrame) -> pd.DataFrame:
    """Customers and value per ABC class.

    Returns
    -------
    DataFrame indexed by ``abc_class`` with ``customers``, ``customer_share``,
    ``value``, ``value_share``.
    """
    grouped = abc.groupby("abc_class", observed=False)["value"].agg(["count", "sum"])
    grouped.columns = ["customers", "value"]
    total = grouped["value"].sum()
    grouped["customer_share"] = grouped["customers"] / max(grouped["customers"].sum(), 1)
    grouped["value_share"] = grouped["value"] / total if total else 0.0
    return grouped[["customers", "customer_share", "value", "value_share"]]
