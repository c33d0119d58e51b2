"""How development tables show their numbers: :func:`development_numbers`."""

from __future__ import annotations

import pandas as pd

#: Columns that are shares in [0, 1], shown as percentages.
SHARE_COLUMNS = frozenset({"conversion", "cumulative", "hit_rate", "lead_conversion", "contact_conversion", "share",
                           "cumulative_share", "margin_rate", "margin_share", "attainment", "new_lead_growth",
                           "win_rate", "churn_rate", "mail_consent", "sms_consent", "on_time_share", "precision",
                           "recall"})
#: Columns in CNY, shown as whole yuan with thousands separators.
MONEY_COLUMNS = frozenset({"budget", "spend", "cost_per_lead", "cost_per_acquired", "first_year_value",
                           "value_per_acquired", "revenue", "gross_margin", "expected", "actual", "revenue_12m",
                           "gross_margin_12m"})


def development_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """Shares as percentages (one decimal), money as whole CNY, other floats whole from 1,000 on, else to three
    significant digits (a hit rate of 0.001 stays visible)."""
    if not pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        return None
    if column in SHARE_COLUMNS:
        texts = ["" if pd.isna(v) else f"{v:.1%}" for v in values]
    elif column in MONEY_COLUMNS:
        texts = ["" if pd.isna(v) else f"{v:,.0f}" for v in values]
    elif pd.api.types.is_float_dtype(values.dtype):
        texts = ["" if pd.isna(v) else f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}" for v in values]
    else:
        texts = [f"{v:,}" for v in values]
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)
