"""How customer-value tables show their numbers: :func:`value_numbers`.

One rule per kind of quantity, fixed for a whole column: shares as
percentages, money as whole yuan with thousands separators, counts as whole
numbers, correlations with two decimals. A table whose rows are quantities
and whose columns are statistics (``values.describe().T``) is formatted row by
row, each row by the kind of its quantity.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Shares in [0, 1] (or relative errors), shown as percentages.
SHARE_COLUMNS = frozenset({"customer_share", "revenue_share", "value_share", "cumulative_value_share", "p_alive",
                           "total_error", "median_error", "top_overlap", "large_unprofitable",
                           "largest_in_bottom_half"})
#: Amounts in CNY, shown as whole yuan.
MONEY_COLUMNS = frozenset({"revenue", "gross_margin", "service_cost", "historical_value", "current_value",
                           "potential_value", "lifetime_value", "true_lifetime_value", "value_per_order",
                           "yearly_service_cost", "estimated_total", "true_total"})
#: Counts that a model can give as fractions (expected orders), shown with one decimal.
COUNT_COLUMNS = frozenset({"orders", "expected_orders", "true_expected_orders"})
#: Correlations, shown with two decimals.
CORRELATION_COLUMNS = frozenset({"rank_correlation"})
#: Columns made by pandas' ``describe()``: their rows say what the numbers are.
STATISTICS = frozenset({"count", "mean", "std", "min", "25%", "50%", "75%", "max"})


#: Totals of :func:`~crmsim.value.truth_summary`, one row per quantity.
TOTAL_COLUMNS = frozenset({"estimated_total", "true_total"})


def _percentages(values: np.ndarray) -> list[str]:
    """Whole percentages when every value is one, else one decimal: the same decimals for a whole column."""
    finite = values[np.isfinite(values)]
    decimals = 0 if np.allclose(finite * 100, np.round(finite * 100), atol=1e-9) else 1
    return ["" if not np.isfinite(v) else f"{v:.{decimals}%}" for v in values]


def _readable(value: float) -> str:
    """A number without a kind: whole from 1,000 on or when it is whole, else three significant digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 or value == round(value) else f"{value:.3g}"


#: How each kind of number is written (a share of a whole column: :func:`_percentages`).
_FORMATS = {"money": "{:,.0f}", "whole": "{:,.0f}", "count": "{:,.1f}", "correlation": "{:.2f}",
            "share": "{:.1%}"}


def _kind(name: object) -> str | None:
    for kind, columns in (("share", SHARE_COLUMNS), ("money", MONEY_COLUMNS), ("count", COUNT_COLUMNS),
                          ("correlation", CORRELATION_COLUMNS)):
        if name in columns:
            return kind
    return None


def _row_kind(column: str, row: object) -> str | None:
    """The kind of a number in a table whose rows are quantities (``describe().T``, the truth summary)."""
    if column == "count":
        return "whole"
    kind = _kind(row)
    if column in TOTAL_COLUMNS and kind in ("share", "count"):
        return "count"  # a total of chances is an expected number of customers
    return kind


def _write(kind: str | None, value: float) -> str:
    if not np.isfinite(value):
        return ""
    return _FORMATS[kind].format(value) if kind in _FORMATS else _readable(value)


def value_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """The customer-value topic's number formatter for :func:`crmsim.display.labelled`.

    ``column`` decides the format; in a statistic column of ``describe().T`` and in the totals of
    :func:`~crmsim.value.truth_summary`, each row's quantity (the index entry) decides it. Identifiers and
    ranks stay as they are, integer counts get separators, a missing value is shown empty, and no number
    uses scientific notation.
    """
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        return None
    if column == "id" or column.endswith("_id") or column == "rank":
        return values
    array = values.to_numpy(dtype=float)
    if column in STATISTICS or column in TOTAL_COLUMNS:
        texts = [_write(_row_kind(column, row), value) for row, value in zip(values.index, array)]
    elif pd.api.types.is_integer_dtype(values.dtype):
        texts = [f"{int(v):,}" for v in values]
    elif _kind(column) == "share":
        texts = _percentages(array)
    else:
        texts = [_write(_kind(column), value) for value in array]
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)
