"""How key-account tables are shown: :func:`ka_numbers` formats their numbers for
:func:`crmsim.display.labelled` (the topic ``"key_accounts"``), one format per column."""

from __future__ import annotations

import pandas as pd

#: Columns in CNY million: two decimals, whatever the size (``1,070.00`` next to ``995.62``).
MONEY_COLUMNS = frozenset({"revenue", "won_revenue", "revenue_per_opportunity", "goal", "actual", "pipeline",
                           "forecast", "gross_margin", "cumulative_revenue", "bid_price"})
#: Shares of 1 shown as percentages.
RATE_COLUMNS = frozenset({"win_rate", "conversion", "share_of_leads", "attainment", "stage_win_rate", "share"})
#: Changes shown as signed percentages.
GROWTH_COLUMNS = frozenset({"lead_growth"})
#: Days, of which medians can end in .5: one decimal.
DAY_COLUMNS = frozenset({"mean_days", "median_days", "p90_days", "median_cycle_days"})
#: Columns whose rows are each another quantity (a driver's value, a model parameter): as written, to two decimals.
MIXED_COLUMNS = frozenset({"value", "reference"})
#: Contributions to the win probability: signed.
SIGNED_COLUMNS = frozenset({"contribution"})


def _minus(text: str) -> str:
    return text.replace("-", "\u2212")


def _as_written(value: float) -> str:
    """To at most two decimals, without trailing zeros: ``0.7``, ``8``, ``0.15``."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return _minus("0" if text in ("-0", "") else text)


def _signed(value: float) -> str:
    """``+0.03``, ``−0.29``; a contribution that rounds to nothing is ``0.00``, without a sign."""
    return "0.00" if round(value, 2) == 0 else _minus(f"{value:+.2f}")


def _format_of(column: str):
    if column in MONEY_COLUMNS:
        return lambda v: f"{v:,.2f}"
    if column in RATE_COLUMNS:
        return lambda v: f"{v:.0%}"
    if column in GROWTH_COLUMNS:
        return lambda v: _minus(f"{v:+.0%}")
    if column in DAY_COLUMNS:
        return lambda v: f"{v:,.1f}"
    if column in MIXED_COLUMNS:
        return _as_written
    if column in SIGNED_COLUMNS:
        return _signed
    return lambda v: _minus(f"{v:,.2f}")


def ka_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """Numbers of a key-account table as text, the same number of decimals down a column.

    Amounts (:data:`MONEY_COLUMNS`, CNY million) with two decimals and
    thousands separators, rates (:data:`RATE_COLUMNS`) as whole
    percentages, growth signed, days with one decimal, columns of mixed
    quantities (:data:`MIXED_COLUMNS`) as written, contributions signed,
    other floats with two decimals, counts with thousands separators;
    identifiers (``*_id``) as they are; a missing number blank.
    """
    if pd.api.types.is_bool_dtype(values.dtype):
        return None
    if pd.api.types.is_integer_dtype(values.dtype):
        if column.endswith("_id"):
            return None
        texts = [f"{int(v):,}" for v in values]
    else:
        shown = _format_of(column)
        texts = ["" if pd.isna(v) else shown(float(v)) for v in values]
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)


__all__ = ["MONEY_COLUMNS", "RATE_COLUMNS", "ka_numbers"]
