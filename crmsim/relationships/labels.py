"""How relationship tables show their numbers: :func:`relationship_numbers`.

One rule per kind of quantity, fixed for a whole column: shares and rates as
percentages, money as whole yuan with thousands separators, counts as whole
numbers, scores and ratios with two decimals, chances in :func:`explain`
with three (never ``-0.000``). A missing value (the satisfaction of a month
after the customer left, the return on care without spending) is shown
empty, as everywhere in crmsim.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import i18n

#: Shares and rates in [0, 1], shown as percentages. A level mix's columns are level codes: see
#: :func:`relationship_numbers`.
SHARE_COLUMNS = frozenset({"churn_rate", "cumulative_churn", "satisfied", "complaint_rate", "monthly_churn",
                           "annual_retention", "up_rate", "down_rate", "stationary_share", "simulated_share",
                           "recovered", "top_levels_start", "top_levels_end", "share_of_wallet", "time_share",
                           "quality", "recovery", "churned"})
#: Amounts in CNY, shown as whole yuan.
MONEY_COLUMNS = frozenset({"revenue", "profit", "cumulative_profit", "cost_to_serve", "cost_per_month", "clv_mean",
                           "clv_median", "care_spend", "profit_with_care", "profit_without_care", "incremental_profit",
                           "care_cost", "cost", "profit_standardised", "profit_personalised", "gain",
                           "expected_profit"})
#: Scores and ratios, shown with two decimals.
SCORE_COLUMNS = frozenset({"satisfaction", "return_on_care"})
#: Monthly chances and their parts (:func:`~crmsim.relationships.explain`), shown with three decimals.
CHANCE_COLUMNS = frozenset({"up", "down", "churn"})
#: Days, shown with one decimal.
DAY_COLUMNS = frozenset({"day_done"})


def _percentages(values: np.ndarray) -> list[str]:
    """Whole percentages when every value is one, else one decimal: the same decimals for a whole column."""
    finite = values[np.isfinite(values)]
    decimals = 0 if np.allclose(finite * 100, np.round(finite * 100), atol=1e-9) else 1
    return ["" if not np.isfinite(v) else f"{v:.{decimals}%}" for v in values]


def _fixed(values: np.ndarray, fmt: str) -> list[str]:
    texts = ["" if not np.isfinite(v) else fmt.format(v) for v in values]
    return [text[1:] if text.startswith("-") and not text.strip("-0.,") else text for text in texts]  # no -0.000


def _is_level(column: str, values: np.ndarray) -> bool:
    """A column of a level mix: named by a level code of the catalogue and holding shares."""
    finite = values[np.isfinite(values)]
    return (i18n.has(f"rel.level.{column}") and bool(len(finite)) and finite.min() >= 0.0
            and finite.max() <= 1.0 + 1e-9)


def relationship_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """The relationship topic's number formatter for :func:`crmsim.display.labelled`.

    ``column`` decides the format (see the module); a column named by a level code holding shares (a level
    mix) is a share; a model card's ``value`` column, one parameter a row, shows each as it reads best;
    any other float column is whole if all its numbers are, else it gets two decimals. Identifiers and
    months stay as they are and integer counts get thousands separators.
    """
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        return None
    if column == "id" or column.endswith("_id") or column in ("month", "step"):
        return values
    if pd.api.types.is_integer_dtype(values.dtype):
        return pd.Series([f"{int(v):,}" for v in values], index=values.index, name=values.name, dtype=object)
    array = values.to_numpy(dtype=float)
    if column in SHARE_COLUMNS or _is_level(column, array):
        texts = _percentages(array)
    elif column in MONEY_COLUMNS:
        texts = _fixed(array, "{:,.0f}")
    elif column in SCORE_COLUMNS:
        texts = _fixed(array, "{:.2f}")
    elif column in CHANCE_COLUMNS:
        texts = _fixed(array, "{:.3f}")
    elif column in DAY_COLUMNS:
        texts = _fixed(array, "{:.1f}")
    elif column == "value":  # a model card: one parameter a row, each in its own unit
        texts = ["" if not np.isfinite(v) else f"{v:,.0f}" if abs(v) >= 1000 or v == round(v) else f"{v:.3g}"
                 for v in array]
    elif np.all(np.isnan(array) | (np.abs(array) >= 1000) | (array == np.round(array))):
        texts = _fixed(array, "{:,.0f}")  # whole numbers: counts and amounts
    else:
        texts = _fixed(array, "{:,.2f}")
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)
