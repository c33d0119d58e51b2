"""Credit terms on paper: the textbook's incremental analysis of a change of
credit period (信用期决策), and the yearly cost of forgoing a cash discount.

Both work from a few aggregate figures, as a credit manager does before any
simulation: :func:`appraise_terms` compares the figures of the current terms
with those of proposed ones; :data:`TEXTBOOK_TERMS` holds the course's
standard example, which :func:`textbook_example` appraises (lengthening
"net 30" to "net 60" gains 8,000 CNY; adding "0.8/30" gains 8,600 CNY).
:func:`discount_cost_rate` is the yearly rate a buyer pays for not taking a
cash discount (2/10, net 30: 36.7 % on a 360-day year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..validation import check_int, check_real
from .policy import DAY_COUNTS, DISCOUNT_OFFERS

#: Components of an appraisal, in order (codes of ``credit.inc.*``).
APPRAISAL_COMPONENTS = ("contribution", "interest", "collection", "bad_debt", "discount", "profit")


def _check_day_count(day_count: object) -> int:
    day_count = check_int("day_count", day_count)
    if day_count not in DAY_COUNTS:
        raise ValueError(f"day_count must be one of {DAY_COUNTS}; got {day_count}")
    return day_count


@dataclass(frozen=True)
class TermsFigures:
    """A year's aggregate figures of one set of credit terms.

    Parameters
    ----------
    sales : float
        Yearly credit sales, CNY (> 0).
    credit_period : int
        Days allowed to pay (0-360); customers not taking a discount pay on
        its last day, as the textbook assumes.
    bad_debt : float
        Expected bad debts of the year, CNY (>= 0).
    collection_cost : float
        Expected collection cost of the year, CNY (>= 0).
    discount_rate : float
        Cash discount, e.g. 0.008 for "0.8/30"; 0 for none (in [0, 0.2]).
    discount_days : int
        Days within which the discount is earned (<= credit_period); takers pay on that day.
    discount_share : float
        Share of the sales paid with the discount, in [0, 1] (0 without a discount).
    """

    sales: float
    credit_period: int
    bad_debt: float = 0.0
    collection_cost: float = 0.0
    discount_rate: float = 0.0
    discount_days: int = 0
    discount_share: float = 0.0

    def __post_init__(self) -> None:
        check_real("sales", self.sales, 0.0, inclusive=False)
        check_int("credit_period", self.credit_period, 0, 360)
        check_real("bad_debt", self.bad_debt, 0.0)
        check_real("collection_cost", self.collection_cost, 0.0)
        check_real("discount_rate", self.discount_rate, 0.0, 0.2)
        check_int("discount_days", self.discount_days, 0, self.credit_period)
        check_real("discount_share", self.discount_share, 0.0, 1.0)
        if self.discount_rate == 0 and self.discount_share > 0:
            raise ValueError(f"discount_share must be 0 without a discount; got {self.discount_share}")

    @property
    def collection_days(self) -> float:
        """Average days to collect: discount takers on the discount day, the others on the due day."""
        return self.discount_share * self.discount_days + (1 - self.discount_share) * self.credit_period

    def figures(self, variable_cost_ratio: float, required_return: float, day_count: int) -> dict[str, float]:
        """Contribution, cost of money tied up (应收账款应计利息), collection, bad debt and discount, CNY."""
        receivables = self.sales / day_count * self.collection_days
        return {"contribution": self.sales * (1 - variable_cost_ratio),
                "interest": receivables * variable_cost_ratio * required_return,
                "collection": self.collection_cost, "bad_debt": self.bad_debt,
                "discount": self.sales * self.discount_share * self.discount_rate}


#: The course's standard example (a classic of financial-management textbooks): a firm selling at
#: 5 CNY a unit with a variable cost of 4 CNY (variable cost ratio 0.8) and a required return of 15 %
#: sells 100,000 units on "net 30"; on "net 60" it would sell 120,000, with collection cost rising from
#: 3,000 to 4,000 CNY and bad debts from 5,000 to 9,000 CNY. Offering "0.8/30, net 60" as well keeps
#: those sales and costs, and half of the sales take the discount.
TEXTBOOK_TERMS = {
    "net_30": TermsFigures(sales=500_000.0, credit_period=30, bad_debt=5_000.0, collection_cost=3_000.0),
    "net_60": TermsFigures(sales=600_000.0, credit_period=60, bad_debt=9_000.0, collection_cost=4_000.0),
    "discount_net_60": TermsFigures(sales=600_000.0, credit_period=60, bad_debt=9_000.0, collection_cost=4_000.0,
                                    discount_rate=0.008, discount_days=30, discount_share=0.5),
}
#: The example's variable cost ratio (4 / 5) and required return.
TEXTBOOK_VARIABLE_COST_RATIO, TEXTBOOK_REQUIRED_RETURN = 0.8, 0.15


def appraise_terms(current: TermsFigures, proposed: TermsFigures, *, variable_cost_ratio: float = 0.8,
                   required_return: float = 0.15, day_count: int = 360) -> pd.DataFrame:
    """The incremental analysis of a change of credit terms (textbook method).

    incremental profit = change in contribution (sales x (1 - v))
    - change in the cost of money tied up (sales / day_count x collection days x v x required return)
    - change in collection cost - change in bad debts - change in cash discounts.

    Parameters
    ----------
    current, proposed : TermsFigures
    variable_cost_ratio : float
        Variable cost per CNY of sales, in [0, 1); the default 0.8 is the textbook example's (4 / 5).
    required_return : float
        Yearly return required on the money tied up in receivables, in [0, 1]; default the example's 15 %.
    day_count : {360, 365}
        Days in the year of the interest; the textbook's 360 by default.

    Returns
    -------
    DataFrame indexed by ``component`` (:data:`APPRAISAL_COMPONENTS`, codes of
    ``credit.inc``) with the columns ``current``, ``proposed`` and ``change``
    (CNY). The ``profit`` row is contribution minus the costs; its change is
    the incremental profit: lengthen the terms when it is positive.
    """
    for name, terms in (("current", current), ("proposed", proposed)):
        if not isinstance(terms, TermsFigures):
            raise TypeError(f"{name} must be TermsFigures; got {type(terms).__name__}")
    v = check_real("variable_cost_ratio", variable_cost_ratio, 0.0, 1.0)
    if v >= 1:
        raise ValueError(f"variable_cost_ratio must be below 1; got {v}")
    k = check_real("required_return", required_return, 0.0, 1.0)
    day_count = _check_day_count(day_count)
    columns = {}
    for name, terms in (("current", current), ("proposed", proposed)):
        figures = terms.figures(v, k, day_count)
        figures["profit"] = figures["contribution"] - sum(figures[c] for c in APPRAISAL_COMPONENTS[1:5])
        columns[name] = [figures[c] for c in APPRAISAL_COMPONENTS]
    table = pd.DataFrame(columns, index=pd.Index(list(APPRAISAL_COMPONENTS), name="component", dtype=object))
    table["change"] = table["proposed"] - table["current"]
    return table


def textbook_example(*, day_count: int = 360) -> pd.DataFrame:
    """The course's standard example appraised: the change of each component and the incremental profit.

    Returns
    -------
    DataFrame indexed by ``component`` with the columns ``net_60`` ("net 30"
    -> "net 60": +8,000 CNY on a 360-day year) and ``discount_net_60``
    ("net 30" -> "0.8/30, net 60": +8,600 CNY), in CNY (see :data:`TEXTBOOK_TERMS`).
    """
    day_count = _check_day_count(day_count)
    base = TEXTBOOK_TERMS["net_30"]
    return pd.DataFrame({name: appraise_terms(base, TEXTBOOK_TERMS[name], day_count=day_count,
                                              variable_cost_ratio=TEXTBOOK_VARIABLE_COST_RATIO,
                                              required_return=TEXTBOOK_REQUIRED_RETURN)["change"]
                         for name in ("net_60", "discount_net_60")})


def discount_cost_rate(discount_rate: float, discount_days: int, credit_period: int, *,
                       day_count: int = 360) -> float:
    """The yearly cost of forgoing a cash discount (放弃现金折扣的成本): d / (1 - d) x day_count / (N - D).

    A buyer who skips "d/D, net N" keeps d / (1 - d) of what it owes for N - D
    more days; as a yearly rate that is the formula above (simple, not
    compounded). "2/10, net 30" costs 0.02 / 0.98 x 360 / 20 = 36.7 % a year
    on a 360-day year (37.2 % on 365 days): far dearer than a bank loan, so a
    buyer who can borrow should take the discount.

    Parameters
    ----------
    discount_rate : float
        In (0, 0.2].
    discount_days : int
        D, >= 0.
    credit_period : int
        N, > D.
    day_count : {360, 365}
        The textbook's 360 by default.
    """
    d = check_real("discount_rate", discount_rate, 0.0, 0.2)
    if d <= 0:
        raise ValueError(f"discount_rate must be above 0 (no discount has no cost to forgo); got {d}")
    days = check_int("discount_days", discount_days, 0)
    period = check_int("credit_period", credit_period, 0)
    if period <= days:
        raise ValueError(f"credit_period ({period}) must exceed discount_days ({days}): "
                         "forgoing the discount must buy some days")
    return d / (1 - d) * _check_day_count(day_count) / (period - days)


def discount_costs(credit_period: int = 30, *, day_count: int = 360) -> pd.DataFrame:
    """The yearly cost of forgoing each cash discount a committee offers (:data:`DISCOUNT_OFFERS`).

    Returns
    -------
    DataFrame, one row per offer with a discount: ``discount_rate``,
    ``discount_days``, ``credit_period`` (the default 30 is net 30) and
    ``forgone_rate`` (yearly cost of not taking it).
    """
    period = check_int("credit_period", credit_period, 1)
    offers = [(r, d) for r, d in DISCOUNT_OFFERS if r > 0 and d < period]
    if not offers:
        raise ValueError(f"credit_period={period} leaves no discount window of {DISCOUNT_OFFERS} open")
    return pd.DataFrame({
        "discount_rate": [r for r, _ in offers], "discount_days": [d for _, d in offers],
        "credit_period": np.full(len(offers), period),
        "forgone_rate": [discount_cost_rate(r, d, period, day_count=day_count) for r, d in offers],
    })
