"""The four-step credit limit (信用额度): a base limit by revenue tier, graded
investigated items giving percentages, the combined limit (steps 1-3,
:func:`credit_limits`), and the annual review after a year of trading (step 4,
:func:`review_limits`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..validation import check_real
from ..world import vocab
from .file import check_file, customer_row
from .receivables import INCIDENT_DAYS, CreditRun, check_run, table_column

LIMIT_ITEMS = ("revenue", "reputation", "years_in_business", "management_level", "professional_level")
ITEM_GRADES = ("A", "B", "C", "D")
REVIEW_CODES = ("raise", "keep", "cut", "cut_incident", "stop", "no_credit")
#: The credit-file column graded for each investigated item (where the names differ).
_ITEM_COLUMN = {"revenue": "revenue_in_tier"}


@dataclass(frozen=True)
class LimitRules:
    """The four-step credit limit method (信用额度).

    The defaults are the course's example rules.

    Parameters
    ----------
    base_by_tier : tuple of float
        Step 1: base limit in CNY for the small, medium, large and very
        large revenue tiers.
    item_breaks : dict of str -> tuple of 3 floats
        Step 2: increasing edges grading each investigated item D, C, B, A
        (below the first edge D, from the last edge on A). Items:
        ``revenue`` (revenue over the tier's lower bound), ``reputation``,
        ``years_in_business``, ``management_level``, ``professional_level``.
    grade_percent : tuple of 4 floats
        Credit percentage of grades A, B, C, D.
    multiplier : float
        Step 3 scales the combined limit by this (>= 0), the credit
        committee's overall generosity; 1 leaves it as the method gives it.
    """

    base_by_tier: tuple[float, ...] = (100_000.0, 800_000.0, 6_000_000.0, 60_000_000.0)
    item_breaks: dict = field(default_factory=lambda: {
        "revenue": (1.8, 3.2, 5.6),
        "reputation": (3, 4, 5),
        "years_in_business": (3, 8, 15),
        "management_level": (3, 4, 5),
        "professional_level": (3, 4, 5),
    })
    grade_percent: tuple[float, ...] = (1.0, 0.8, 0.6, 0.4)
    multiplier: float = 1.0

    def __post_init__(self) -> None:
        if len(self.base_by_tier) != len(vocab.SIZE_CODES):
            raise ValueError(f"base_by_tier needs one limit per size tier {vocab.SIZE_CODES}; "
                             f"got {self.base_by_tier!r}")
        for value in self.base_by_tier:
            check_real("base_by_tier", value, 0.0)
        if set(self.item_breaks) != set(LIMIT_ITEMS):
            raise ValueError(f"item_breaks must grade exactly the items {LIMIT_ITEMS}; got {sorted(self.item_breaks)}")
        for item, breaks in self.item_breaks.items():
            for edge in breaks:
                check_real(f"item_breaks[{item!r}]", edge)  # a number, finite (NaN would grade every value D)
            if len(breaks) != 3 or np.any(np.diff(np.asarray(breaks, dtype=float)) <= 0):
                raise ValueError(f"item_breaks[{item!r}] must be 3 increasing edges; got {breaks!r}")
        if len(self.grade_percent) != len(ITEM_GRADES):
            raise ValueError(f"grade_percent needs one percentage per grade {ITEM_GRADES}; got {self.grade_percent!r}")
        for value in self.grade_percent:
            check_real("grade_percent", value, 0.0, 10.0)
        check_real("multiplier", self.multiplier, 0.0, 100.0)


DEFAULT_LIMIT_RULES = LimitRules()


def credit_limits(file: pd.DataFrame, rules: LimitRules = DEFAULT_LIMIT_RULES) -> pd.DataFrame:
    """Steps 1-3 of the four-step credit limit for every customer.

    Step 4, the annual review, needs a year of trading: :func:`review_limits`.

    Parameters
    ----------
    file : DataFrame
        From :func:`~crmsim.credit.credit_file`.
    rules : LimitRules
        Default: the course's rules, :data:`DEFAULT_LIMIT_RULES`.

    Returns
    -------
    DataFrame, one row per customer:

    - ``customer_id``
    - ``base_limit``: step 1, CNY, by size tier
    - ``grade_<item>``: step 2, the grade A-D of each investigated item
      (D where the file has no record of it: unknown is not trusted)
    - ``percent_<item>``: its credit percentage
    - ``mean_percent``: mean of the item percentages
    - ``credit_limit``: step 3, base_limit x mean_percent x multiplier, CNY
    """
    if not isinstance(rules, LimitRules):
        raise TypeError(f"rules must be a LimitRules; got {type(rules).__name__}")
    columns = [_ITEM_COLUMN.get(item, item) for item in LIMIT_ITEMS]
    check_file(file, ["customer_id", "size_tier"] + columns)
    # Codes by name, whatever categories the column carries; an unknown or missing tier is an error,
    # not the last tier.
    tier = pd.Index(vocab.SIZE_CODES).get_indexer(file["size_tier"].astype(object))
    if (tier < 0).any():
        unknown = sorted({repr(v) for v in file["size_tier"].astype(object)[tier < 0]})
        raise ValueError(f"file['size_tier'] has value(s) {', '.join(unknown)}; allowed: {vocab.SIZE_CODES}")
    base = np.asarray(rules.base_by_tier, dtype=float)[tier]
    percent_of_grade = np.asarray(rules.grade_percent, dtype=float)
    data = {"customer_id": file["customer_id"].to_numpy(), "base_limit": base}
    percents = []
    for item, column in zip(LIMIT_ITEMS, columns):
        # Band 0 (below the first edge) is grade D, band 3 is grade A.
        values = _numbers(file, column)
        band = np.searchsorted(np.asarray(rules.item_breaks[item], dtype=float), values, side="right")
        band[np.isnan(values)] = 0  # no record earns the lowest grade, D
        grade_index = 3 - band
        data[f"grade_{item}"] = pd.Categorical.from_codes(grade_index, categories=list(ITEM_GRADES))
        data[f"percent_{item}"] = percent_of_grade[grade_index]
        percents.append(percent_of_grade[grade_index])
    data["mean_percent"] = np.mean(percents, axis=0)
    data["credit_limit"] = base * data["mean_percent"] * rules.multiplier
    return pd.DataFrame(data)


def _numbers(file: pd.DataFrame, column: str) -> np.ndarray:
    """A numeric column of the credit file as floats, or a clear error."""
    try:
        return file[column].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"file[{column!r}] must hold numbers; got dtype {file[column].dtype}") from None


def limit_steps(limits: pd.DataFrame, customer_id: int, rules: LimitRules = DEFAULT_LIMIT_RULES) -> pd.DataFrame:
    """View: steps 1-3 of one customer's limit as a small table.

    Show it with ``labelled(steps, "credit")``.

    Parameters
    ----------
    limits : DataFrame
        From :func:`credit_limits`.
    customer_id : int
    rules : LimitRules
        The rules ``limits`` were set with (their multiplier is shown).

    Returns
    -------
    DataFrame indexed by ``investigated_item`` (codes: the
    :data:`LIMIT_ITEMS`, then ``base``, ``mean_percent``, ``multiplier`` and
    ``combined``), with the columns ``item_grade`` (A-D; empty for the
    steps) and ``credit_percent`` (each item's percentage as a fraction,
    then the value of each step: the base limit in CNY, the mean
    percentage, the multiplier, the limit in CNY). The row codes tell
    :func:`crmsim.display.labelled` how to show each value.
    """
    if not isinstance(rules, LimitRules):
        raise TypeError(f"rules must be a LimitRules; got {type(rules).__name__}")
    check_file(limits, ["customer_id", "base_limit", "mean_percent", "credit_limit"]
               + [f"{kind}_{item}" for item in LIMIT_ITEMS for kind in ("grade", "percent")])
    row = customer_row(limits, customer_id, "the limits table")
    rows = [(item, str(row[f"grade_{item}"]), row[f"percent_{item}"]) for item in LIMIT_ITEMS]
    rows += [("base", "", round(row["base_limit"], 2)),
             ("mean_percent", "", round(row["mean_percent"], 4)),
             ("multiplier", "", rules.multiplier),
             ("combined", "", round(row["credit_limit"], 2))]
    return pd.DataFrame(rows, columns=["investigated_item", "item_grade", "credit_percent"]).set_index(
        "investigated_item")


def review_limits(run: CreditRun, file: pd.DataFrame, *, target_growth: float = 0.05,
                  attainment_floor: float = 0.8, raise_share: float = 0.2, cut_share: float = 0.2,
                  incident_cut_share: float = 0.5) -> pd.DataFrame:
    """Step 4 of the credit limit: the review after the first year of trading.

    The target is last year's purchases (``annual_purchases`` of the credit
    file) grown by ``target_growth``. A customer with a bad debt loses
    credit; one with an invoice more than :data:`~crmsim.credit.INCIDENT_DAYS`
    days late has its limit cut by ``incident_cut_share``; otherwise meeting
    the target raises the limit by ``raise_share`` and missing
    ``attainment_floor`` of it cuts it by ``cut_share``. The defaults are
    the course's rules (5 % growth, 80 %, a fifth up or down, half for an incident).

    Returns
    -------
    DataFrame, one row per customer: ``customer_id``, ``credit_limit``,
    ``target`` (CNY, NaN without history), ``first_year_sales`` (CNY),
    ``attainment`` (NaN without target; ``target_growth`` must be above -1), ``incident`` (bool), ``bad_debt`` (bool),
    ``review`` (category: raise / keep / cut / cut_incident / stop / no_credit),
    ``new_limit`` (CNY).
    """
    check_run(run)
    target_growth = check_real("target_growth", target_growth, -1.0, 10.0)
    if target_growth <= -1.0:  # a target of zero would make every attainment infinite
        raise ValueError(f"target_growth must be above -1 (a target of at least some purchases); got {target_growth}")
    attainment_floor = check_real("attainment_floor", attainment_floor, 0.0, 10.0)
    raise_share, cut_share, incident_cut_share = (
        check_real(name, value, 0.0, 1.0) for name, value in
        (("raise_share", raise_share), ("cut_share", cut_share), ("incident_cut_share", incident_cut_share)))
    purchases = table_column(file, "annual_purchases", "file").astype(float)
    acc, inv = run.accounts, run.invoices
    n = len(acc)
    if len(purchases) != n:
        raise ValueError(f"file needs one row per simulated customer ({n}); got {len(purchases)}")
    row = np.searchsorted(acc["customer_id"].to_numpy(), inv["customer_id"].to_numpy())
    first_year = inv["month"].to_numpy() < 12
    sales = np.bincount(row, weights=inv["amount"].to_numpy() * first_year, minlength=n)
    late = first_year & (inv["days_past_due"].to_numpy() > INCIDENT_DAYS)
    lost = first_year & (inv["status"] == "written_off").to_numpy()
    incident = np.bincount(row, weights=late, minlength=n) > 0
    bad = np.bincount(row, weights=lost, minlength=n) > 0
    target = np.where(purchases > 0, purchases * (1 + target_growth), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        attainment = sales / target
    limit = acc["credit_limit"].to_numpy()
    code = np.full(n, REVIEW_CODES.index("keep"), dtype=np.int8)
    code[attainment >= 1] = REVIEW_CODES.index("raise")
    code[attainment < attainment_floor] = REVIEW_CODES.index("cut")
    code[incident] = REVIEW_CODES.index("cut_incident")
    code[bad] = REVIEW_CODES.index("stop")
    code[~acc["approved"].to_numpy()] = REVIEW_CODES.index("no_credit")
    factor = np.array([1 + raise_share, 1.0, 1 - cut_share, 1 - incident_cut_share, 0.0, 0.0])[code]
    return pd.DataFrame({
        "customer_id": acc["customer_id"].to_numpy(), "credit_limit": limit, "target": target,
        "first_year_sales": sales, "attainment": attainment, "incident": incident, "bad_debt": bad,
        "review": pd.Categorical.from_codes(code, categories=list(REVIEW_CODES)), "new_limit": limit * factor,
    })
