"""Tables ready to show a person: the one labeller of crmsim.

Models return tables with **coded** column names and coded values
(``"grade"``, ``"A"``, ``"churned"``), so code can compare against them in
any language. :func:`labelled` makes a display copy: headers, index names and
category values translated into the current (or given) language, booleans as
yes/no, numbers rounded or formatted. It never changes the table it is given.

How a topic's tables are labelled is declared once, with
:func:`register_labels`, in that topic's package (see ``CONTRIBUTING.md``)::

    register_labels("credit", headers=("credit.col",),
                    values={"grade": "credit.grade"}, numbers=credit_numbers)

and then ``labelled(table, "credit")`` shows any credit table. Without a topic,
the world's data dictionary (:mod:`crmsim.world.schema`) labels the world's
tables.

A labelled DataFrame is a :class:`ShownTable`: a DataFrame whose HTML (in
JupyterLab, Voila, VS Code) keeps Chinese words whole instead of breaking a
narrow column's header into one character per line; anything computed from it
is a plain DataFrame again. :func:`table_html` gives the same HTML for a table
shown by hand (``to_html``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import i18n
from .world.schema import TABLES

#: A number formatter: ``(column, values) -> shown values``, or None to leave the column as it is.
NumberFormat = Callable[[str, pd.Series], "pd.Series | None"]


@dataclass(frozen=True)
class LabelSpec:
    """How one topic's tables are shown.

    Parameters
    ----------
    headers : tuple of str
        i18n key prefixes tried, in order, for a column or index name
        (``"ka.col"`` finds ``"ka.col.stage"``). The world's schema headers
        are tried after them.
    values : mapping of column name -> i18n prefix
        Columns whose (string or categorical) values are codes of one kind:
        ``{"grade": "ka.grade"}`` shows ``"A"`` as the text of ``"ka.grade.A"``.
        The same applies to an index of that name.
    value_keys : tuple of str
        Prefixes tried for any other string label (index entries, column
        labels, categories), e.g. ``("rel.handling",)``; a label without a
        text stays as it is.
    bool_keys : (str, str)
        Keys of the texts for True and False.
    numbers : callable, optional
        ``(column, values) -> values`` for numeric columns; return None to
        keep a column as it is. Default: floats rounded to ``decimals``.
    string_index : bool
        Label the entries of an index of pandas' ``str`` dtype (what pandas 3
        makes of string labels) as those of an ``object`` index are. Default
        False: the topics registered before this option keep their look.
    """

    headers: tuple[str, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    value_keys: tuple[str, ...] = ()
    bool_keys: tuple[str, str] = ("bool.True", "bool.False")
    numbers: NumberFormat | None = None
    string_index: bool = False


_SPECS: dict[str | None, LabelSpec] = {}


def register_labels(topic: str, *, headers: tuple[str, ...] = (), values: Mapping[str, str] | None = None,
                    value_keys: tuple[str, ...] = (), bool_keys: tuple[str, str] = ("bool.True", "bool.False"),
                    numbers: NumberFormat | None = None, string_index: bool = False) -> LabelSpec:
    """Declare how the tables of ``topic`` are shown (see :class:`LabelSpec`); returns the spec.

    Registering the same topic again replaces its spec (a module reloaded in a
    notebook must not fail).
    """
    spec = LabelSpec(headers=tuple(headers), values=dict(values or {}), value_keys=tuple(value_keys),
                     bool_keys=bool_keys, numbers=numbers, string_index=string_index)
    _SPECS[topic] = spec
    return spec


def label_spec(topic: str | None) -> LabelSpec:
    """The registered :class:`LabelSpec` of ``topic`` (``None``: the world's tables)."""
    if topic is None:
        return _WORLD_SPEC
    if topic not in _SPECS:
        _import_topic(topic)
    if topic not in _SPECS:
        raise ValueError(f"topic={topic!r} has no registered labels; known: {sorted(k for k in _SPECS if k)}")
    return _SPECS[topic]


def _import_topic(topic: str) -> None:
    import importlib

    try:
        importlib.import_module(f"crmsim.{topic}")
    except ImportError:
        pass


def _column_kinds() -> dict[str, str]:
    kinds = {}
    for columns in TABLES.values():
        for c in columns:
            if c.kind and c.kind != "name":
                kinds[c.name] = c.kind
    return kinds


_WORLD_SPEC = LabelSpec(string_index=True)


def _world_header(column: str, table: str | None, language: str | None) -> str | None:
    for key in ([f"column.{table}.{column}"] if table else []) + [f"value.{column}", f"label.{column}"] + [
            f"column.{name}.{column}" for name in TABLES]:
        if i18n.has(key):
            return i18n.t(key, language)
    return None


class _Labeller:
    """Translations of one spec in one language, with its look-ups cached."""

    def __init__(self, spec: LabelSpec, table: str | None, language: str | None, names: Mapping[str, str]):
        self.spec, self.table, self.language, self.names = spec, table, language, dict(names)
        self.kinds = {**_column_kinds(), **spec.values}

    def header(self, name: object) -> object:
        if not isinstance(name, str):
            return name
        for prefix in self.spec.headers:
            key = f"{prefix}.{name}"
            if i18n.has(key):
                return i18n.t(key, self.language)
        return _world_header(name, self.table, self.language) or self.label(name)

    def code(self, kind: str, value: object) -> object:
        if value in self.names:
            return self.names[value]
        key = f"{kind}.{value}"
        return i18n.t(key, self.language) if i18n.has(key) else self.label(value)

    def label(self, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value in self.names:
            return self.names[value]
        for prefix in (*self.spec.value_keys, "stat"):  # "stat": pandas' describe() rows (mean, 50%, max ...)
            key = f"{prefix}.{value}"
            if i18n.has(key):
                return i18n.t(key, self.language)
        return value

    def boolean(self, value: bool) -> str:
        return i18n.t(self.spec.bool_keys[0 if value else 1], self.language)


#: CSS class of the ``<div>`` around every table crmsim shows in HTML.
TABLE_CLASS = "crmsim-table"

#: Its inline style, inherited by every header and cell. Browsers may break CJK text between any two
#: characters, so a table wider than the notebook squeezes its Chinese columns to one character per
#: line (the headers worst); ``keep-all`` breaks Chinese only where English would break (at spaces and
#: brackets, e.g. before ``（元）``), and the output area scrolls sideways instead. English wraps as
#: before. Inline, not a ``<style>`` element: JupyterLab strips those from the stored outputs of a
#: notebook that is not trusted (every notebook a learner downloads), but keeps this property.
TABLE_STYLE = "word-break: keep-all"


def _wrap_html(html: str) -> str:
    return f'<div class="{TABLE_CLASS}" style="{TABLE_STYLE}">{html}</div>'


def table_html(table: pd.DataFrame, **to_html: object) -> str:
    """HTML of ``table`` for a notebook, with Chinese words kept whole (see :data:`TABLE_STYLE`).

    For views that build their own HTML (``table.to_html(index=False)``); ``to_html`` options are
    passed on to :meth:`pandas.DataFrame.to_html`.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame; got {type(table).__name__}")
    return _wrap_html(table.to_html(**to_html))


class ShownTable(pd.DataFrame):
    """A DataFrame made to be shown: what :func:`labelled` returns for a DataFrame.

    It is a DataFrame in every way (``isinstance``, indexing, ``equals``, ``to_string``, its text
    repr), except that its HTML repr is wrapped with :data:`TABLE_STYLE`, so Chinese headers and
    values are not broken one character per line. Every pandas operation on it (``copy``,
    ``head``, ``round``, selecting columns) returns a plain DataFrame: computations never carry
    the display wrapper along.
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def _repr_html_(self) -> str | None:
        html = super()._repr_html_()
        return None if html is None else _wrap_html(html)


def shown(table: pd.DataFrame) -> ShownTable:
    """``table`` as a :class:`ShownTable`: the same data (not copied where pandas can avoid it) and ``attrs``."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame; got {type(table).__name__}")
    return table if isinstance(table, ShownTable) else ShownTable(table).__finalize__(table)  # keeps .attrs


def labelled(table: pd.DataFrame | pd.Series, topic: str | None = None, *, table_name: str | None = None,
             names: Mapping[str, str] | None = None, language: str | None = None,
             decimals: int | None = 2, headers: bool = True) -> pd.DataFrame | pd.Series:
    """A copy of ``table`` for showing to a person, in the current (or given) language.

    Parameters
    ----------
    table : DataFrame or Series
        A coded table from any crmsim model or the world.
    topic : str, optional
        Whose labels to use (``"relationships"``, ``"key_accounts"``,
        ``"credit"``, ``"roleplay"``, ``"value"``, ...), or the name of a world
        table (``"customers"``: the world's data dictionary, that table's
        headers first); by default the world's data dictionary.
    table_name : str, optional
        Which world table the columns come from (``"customers"``), where a
        column name alone is ambiguous.
    names : mapping, optional
        Extra code -> text labels that are not in the catalogue, e.g. the
        level names of a custom relationship ladder.
    language : {"en", "zh"}, optional
        Defaults to the current language; the global language is never changed.
    decimals : int or None
        Floats are rounded to this many decimals unless the topic formats its
        numbers itself; None keeps them.
    headers : bool
        False keeps the column and index names as they are and labels only
        the values: for a printed form whose fields are named by their codes
        (the role play's role cards).

    Returns
    -------
    ShownTable or Series
        A DataFrame (a :class:`ShownTable`, whose HTML keeps Chinese words whole) or a Series.
        Keep computing with the coded original: the copy is for display.
    """
    if not isinstance(table, (pd.DataFrame, pd.Series)):
        raise TypeError(f"table must be a pandas DataFrame or Series; got {type(table).__name__}")
    if language is not None:
        i18n.check_language(language)
    if topic is not None and not isinstance(topic, str):
        raise TypeError(f"topic must be a str (a topic or a world table) or None; got {topic!r} "
                        f"({type(topic).__name__})")
    if topic in TABLES:
        topic, table_name = None, topic
    spec = label_spec(topic)
    lab = _Labeller(spec, table_name, language, names or {})
    out = table.copy()
    if isinstance(out, pd.DataFrame):
        for column in out.columns:
            out[column] = _values(lab, str(column), out[column], decimals)
        if headers:
            out.columns = pd.Index([lab.header(c) for c in table.columns], name=lab.header(table.columns.name))
    else:
        out = _values(lab, str(table.name), out, decimals)
        out.name = lab.header(table.name) if headers else table.name
    index_kind = lab.kinds.get(table.index.name) if isinstance(table.index.name, str) else None
    if not isinstance(table.index, pd.MultiIndex):
        if index_kind:
            out.index = pd.Index([lab.code(index_kind, v) for v in table.index])
        elif table.index.dtype == object or isinstance(table.index.dtype, pd.CategoricalDtype) or (
                spec.string_index and pd.api.types.is_string_dtype(table.index.dtype)):
            # Under the world's dictionary, index entries are often column names (a transposed describe()).
            out.index = pd.Index([lab.header(v) if spec is _WORLD_SPEC else lab.label(v) for v in table.index])
        out.index.name = lab.header(table.index.name) if headers else table.index.name
    elif headers:
        out.index = out.index.set_names([lab.header(n) for n in table.index.names])
    return shown(out) if isinstance(out, pd.DataFrame) else out


def _values(lab: _Labeller, column: str, series: pd.Series, decimals: int | None) -> pd.Series:
    kind = lab.kinds.get(column)
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if kind:
            return series.cat.rename_categories([lab.code(kind, c) for c in dtype.categories])
        if lab.names or lab.spec.value_keys:
            renamed = [lab.label(c) for c in dtype.categories]
            if len(set(renamed)) == len(renamed):
                return series.cat.rename_categories(renamed)
        return series
    if pd.api.types.is_bool_dtype(dtype):
        return series.map({True: lab.boolean(True), False: lab.boolean(False)})
    if dtype == object or pd.api.types.is_string_dtype(dtype):
        if kind:
            return pd.Series([lab.code(kind, v) if isinstance(v, str) else v for v in series],
                             index=series.index, name=series.name, dtype=object)
        return series
    if pd.api.types.is_numeric_dtype(dtype):
        if lab.spec.numbers is not None:
            shown = lab.spec.numbers(column, series)
            return series if shown is None else shown
        if decimals is not None:
            return shown_numbers(column, series, decimals)
    return series


def shown_numbers(column: str, series: pd.Series, decimals: int = 2) -> pd.Series:
    """Numbers as a reader wants them: thousands separators, no scientific notation.

    Amounts of 1,000 or more lose their decimals (``12,345``), smaller
    numbers keep ``decimals`` (``0.35``), counts get separators (``1,250``);
    identifiers and years stay as they are; a missing value is shown empty.
    The default of every topic that does not format its numbers itself.
    """
    if pd.api.types.is_bool_dtype(series.dtype):
        return series
    if pd.api.types.is_integer_dtype(series.dtype):
        if column == "id" or column.endswith("_id") or "year" in column:
            return series
        return pd.Series([f"{int(v):,}" for v in series], index=series.index, name=series.name, dtype=object)
    values = series.to_numpy(dtype=float)
    return pd.Series(["" if not np.isfinite(v) else f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.{decimals}f}"
                      for v in values], index=series.index, name=series.name, dtype=object)


def display_number(value: float) -> str:
    """Format a number for a table shown to learners: large amounts to 6
    significant digits without decimals (``4,615,650,000``), small numbers
    with 3 decimals.

    Six digits are all a reader needs, and they stay the same when the last
    bits of a float differ between machines. Use it as
    ``pandas.options.display.float_format``.
    """
    if not np.isfinite(value):
        return str(value)
    if abs(round(value, 3)) >= 1000:  # 999.9999 rounds to 1000.000: show it as a large amount
        value = float(value)
        digits = 6 - int(np.floor(np.log10(abs(value)))) - 1
        return f"{round(value, digits):,.0f}"
    return f"{value:.3f}"


def world_overview(world) -> ShownTable:
    """One row per table of the world: rows, columns and what a row is (a :class:`ShownTable`)."""
    rows = [{i18n.t("overview.table"): name, i18n.t("overview.rows"): len(df),
             i18n.t("overview.columns"): df.shape[1], i18n.t("overview.about"): i18n.t(f"overview.{name}")}
            for name, df in world.tables().items()]
    return ShownTable(rows)
