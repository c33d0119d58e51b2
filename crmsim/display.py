"""Tables ready to show a person: translated headers and category labels."""

from __future__ import annotations

import pandas as pd

from . import i18n
from .schema import TABLES

i18n.register({
    "bool.True": ("yes", "是"),
    "bool.False": ("no", "否"),
    "overview.table": ("Table", "数据表"),
    "overview.rows": ("Rows", "行数"),
    "overview.columns": ("Columns", "列数"),
    "overview.about": ("What one row is", "每行代表"),
    "overview.customers": ("A customer firm", "一家客户企业"),
    "overview.contacts": ("A person in a customer's buying centre", "客户采购中心中的一位联系人"),
    "overview.financials": ("A customer's statements for one fiscal year", "客户某一财年的财务报表"),
    "overview.reps": ("One of our sales reps", "我方一名销售代表"),
    "overview.products": ("A product we sell", "我方销售的一种产品"),
    "overview.orders": ("An order and its payment", "一笔订单及其付款"),
})


def _column_kinds() -> dict[str, str]:
    kinds = {}
    for columns in TABLES.values():
        for c in columns:
            if c.kind and c.kind != "name":
                kinds[c.name] = c.kind
    return kinds


def _header(column: str, table: str | None) -> str:
    for key in ([f"column.{table}.{column}"] if table else []) + [f"value.{column}", f"label.{column}"] + [
            f"column.{name}.{column}" for name in TABLES]:
        if i18n.has(key):
            return i18n.t(key)
    return column


def labelled(df: pd.DataFrame, table: str | None = None, decimals: int | None = 2) -> pd.DataFrame:
    """A copy of ``df`` for display in the current language.

    Column headers come from the schema of ``table`` (or any known label),
    categorical values of known vocabularies (region, industry, ...) and
    booleans (yes/no, 是/否) are translated, the index name too, and floats
    are rounded to ``decimals``.
    Use it only for showing: the codes in the original tables are what
    code should compare against.
    """
    kinds = _column_kinds()
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.CategoricalDtype) and column in kinds:
            out[column] = i18n.translate_categories(series, kinds[column])
        elif pd.api.types.is_bool_dtype(series.dtype):
            out[column] = series.map({True: i18n.t("bool.True"), False: i18n.t("bool.False")})
        elif decimals is not None and pd.api.types.is_float_dtype(series.dtype):
            out[column] = series.round(decimals)
    if out.index.name in kinds:
        out.index = pd.Index([i18n.t(f"{kinds[out.index.name]}.{v}") for v in out.index],
                             name=_header(out.index.name, table))
    elif out.index.name:
        out.index.name = _header(out.index.name, table)
    out.columns = [_header(str(c), table) for c in out.columns]
    return out


def world_overview(world) -> pd.DataFrame:
    """One row per table of the world: rows, columns and what a row is."""
    rows = [{i18n.t("overview.table"): name, i18n.t("overview.rows"): len(df),
             i18n.t("overview.columns"): df.shape[1], i18n.t("overview.about"): i18n.t(f"overview.{name}")}
            for name, df in world.tables().items()]
    return pd.DataFrame(rows)
