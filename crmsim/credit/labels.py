"""How credit tables are shown: :func:`credit_numbers` formats their numbers, and
:func:`register` declares the topic's labels for :func:`crmsim.display.labelled`."""

from __future__ import annotations

import pandas as pd

from ..display import register_labels

#: Columns in CNY that are shown in CNY million.
MONEY_COLUMNS = frozenset({"credit_sales", "cash_sales", "lost_sales", "bad_debt", "credit_limit", "new_limit",
                           "sales", "potential_sales", "interest_cost", "profit", "contribution", "discount_cost",
                           "collection_cost", "receivables_end", "average_receivables", "amount", "formula",
                           "simulated"})
#: Columns of the step-by-step views (rating and limit steps), shown as computed:
#: their rounding is part of the step.
STEP_COLUMNS = frozenset({"value", "points", "weight", "weighted", "credit_percent", "mean_points", "push"})


def credit_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """Numbers of a credit table as text (the ``numbers`` formatter of the topic).

    Amounts of :data:`MONEY_COLUMNS` in CNY million with two decimals
    (readable, and robust to float dust), shares in [0, 1] of columns named
    ``*rate`` or ``*share`` as percentages with one decimal, other floats
    with two decimals (none from 1,000 on or for 0), integers with thousands
    separators; a missing number is shown blank. The step views' columns
    (:data:`STEP_COLUMNS`) are left as they are (None).
    """
    if column in STEP_COLUMNS:
        return None
    if column in MONEY_COLUMNS:
        texts = ["" if pd.isna(v) else f"{v / 1e6:,.2f}" for v in values]
    elif column.endswith(("rate", "share")):
        texts = ["" if pd.isna(v) else f"{v:.1%}" for v in values]
    elif pd.api.types.is_float_dtype(values.dtype):
        texts = ["" if pd.isna(v) else f"{v:,.{0 if abs(v) >= 1000 or v == 0 else 2}f}" for v in values]
    else:
        texts = [f"{v:,}" for v in values]
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)


def register() -> None:
    """Declare the labels of the topic ``"credit"`` (see :mod:`crmsim.i18n.credit` for the texts)."""
    register_labels(
        "credit",
        headers=("credit.col",),
        values={"grade": "credit.grade", "review": "credit.review", "bucket": "credit.aging",
                "component": "credit.inc", "factor": "credit.factor", "group": "credit.group",
                "band": "credit.grade", "item": "credit.file", "investigated_item": "credit.limit",
                "meaning": "credit.card",
                # the content of a file card: its only coded entry is the size tier
                "content": "size_tier"},
        # Row labels of summary_table, and the notes ("missing", "total") of the views.
        value_keys=("credit.summary", "credit.note"),
        numbers=credit_numbers,
    )
