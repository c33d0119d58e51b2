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
#: Rows of :func:`~crmsim.credit.limit_steps` (its index) whose ``credit_percent`` is an amount in CNY, or a factor.
LIMIT_AMOUNT_ROWS = frozenset({"base", "combined"})
LIMIT_FACTOR_ROWS = frozenset({"multiplier"})


def _texts(values: pd.Series, format_one) -> pd.Series:
    texts = ["" if pd.isna(v) else format_one(float(v)) for v in values]
    return pd.Series(texts, index=values.index, name=values.name, dtype=object)


def _minus(text: str) -> str:
    return text.replace("-", "\u2212")


def natural_number(value: float) -> str:
    """A number as a person writes it: whole numbers without decimals, others to at most three
    (``360``, ``0.12``, ``1.568``); for columns whose rows are each a different quantity."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return _minus("0" if text in ("-0", "") else text)


def _decimals_needed(values: pd.Series, most: int) -> int:
    """The fewest decimals (up to ``most``) that show every value of the column exactly."""
    finite = values.dropna().to_numpy(dtype=float)
    return next((d for d in range(most) if (abs(finite - finite.round(d)) < 1e-9).all()), most)


def credit_numbers(column: str, values: pd.Series) -> pd.Series | None:
    """Numbers of a credit table as text (the ``numbers`` formatter of the topic).

    Amounts of :data:`MONEY_COLUMNS` in CNY million with two decimals
    (readable, and robust to float dust), shares in [0, 1] of columns named
    ``*rate`` or ``*share`` as percentages with one decimal, other floats
    with two decimals (none from 1,000 on or for 0), integers with thousands
    separators; a missing number is shown blank. The step views: a
    ``value`` column (each row another quantity: a factor's value, a model
    parameter) as :func:`natural_number`, ``points`` and ``weight`` with the
    decimals they need, ``weighted`` and ``mean_points`` with two, the
    ``push`` with its sign, and :func:`~crmsim.credit.limit_steps`'
    ``credit_percent`` as percentages, except its amounts (CNY, whole) and
    its multiplier (``× 1.00``).
    """
    if column == "value":
        return _texts(values, natural_number)
    if column in ("points", "weight"):
        decimals = _decimals_needed(values, 1 if column == "points" else 3)
        return _texts(values, lambda v: f"{v:,.{decimals}f}")
    if column in ("weighted", "mean_points"):
        return _texts(values, lambda v: f"{v:,.2f}")
    if column == "push":
        return _texts(values, lambda v: _minus(f"{v:+,.2f}"))
    if column == "credit_percent":
        rows = list(values.index)
        texts = ["" if pd.isna(v) else f"{v:,.0f}" if row in LIMIT_AMOUNT_ROWS else f"\u00d7 {v:.2f}"
                 if row in LIMIT_FACTOR_ROWS else f"{v:.0%}" for row, v in zip(rows, values)]
        return pd.Series(texts, index=values.index, name=values.name, dtype=object)
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
                "parameter": "credit.param", "meaning": "credit.card",
                # the content of a file card: its only coded entry is the size tier
                "content": "size_tier"},
        # Row labels of summary_table, and the notes ("missing", "total") of the views.
        value_keys=("credit.summary", "credit.note"),
        numbers=credit_numbers,
    )
