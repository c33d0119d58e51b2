"""The credit policy (信用政策): screening cutoff, credit period, cash discount and collection.

:class:`CreditPolicy` is what :func:`~crmsim.credit.simulate_receivables`
simulates; copy one with :func:`dataclasses.replace` (the copy is checked
again). :func:`with_discount_offer` is the rule a credit committee follows
when it offers a cash discount.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import i18n
from ..validation import check_choice, check_int, check_real

COLLECTION_STYLES = ("lenient", "standard", "strict")
# Per collection style: first reminder (days past due), days between
# reminders, days past due when the account goes to a collection agency,
# how much it shortens late payment and lowers the default hazard.
_COLLECTION = {
    "lenient": dict(reminder_days=30, reminder_interval=30, escalation_days=150, late_factor=1.25, default_factor=1.2),
    "standard": dict(reminder_days=10, reminder_interval=20, escalation_days=90, late_factor=1.0, default_factor=1.0),
    "strict": dict(reminder_days=3, reminder_interval=10, escalation_days=45, late_factor=0.7, default_factor=0.8),
}

#: Day-count conventions for interest: 360 (the course's textbook and banking convention) or 365.
DAY_COUNTS = (360, 365)

#: Cash discounts a credit committee chooses from: (rate, days), "none" first.
DISCOUNT_OFFERS = ((0.0, 10), (0.01, 10), (0.02, 10), (0.03, 15))


@dataclass(frozen=True)
class CreditPolicy:
    """A credit policy (信用政策): who gets credit, for how long, at what
    discount, and how overdue invoices are chased.

    The defaults are a common starting point ("net 30", no discount,
    standard collection); the cost figures are typical of a distributor: a
    contribution margin of 20 % (as in the textbook example of
    :data:`~crmsim.credit.TEXTBOOK_TERMS`), money at 10 % a year, 50 CNY a
    reminder and an agency fee of 15 % of what it collects.

    Parameters
    ----------
    cutoff : float
        Screening standard: customers whose score is below it get no credit
        (they may still buy for cash). In [0, 100]; the default 45 is the
        floor of grade BB, a cautious committee's rule: on the course's
        worlds the cutoff that maximises profit is lower (about 30-40).
    credit_period : int
        Days allowed to pay (信用期限), 0-180; the default "net 30" is the
        commonest term in B2B trade (and the textbook's starting point).
    discount_rate : float
        Cash discount for paying early, e.g. 0.02 for "2/10, net 30"; in [0, 0.2].
    discount_days : int
        Days within which the discount applies (<= credit_period).
    collection : {"lenient", "standard", "strict"}
        Collection policy (收账政策): how early and often reminders go out
        and when the account is escalated to an agency.
    reminder_cost : float
        CNY per reminder (letters, calls, visits).
    escalation_fee : float
        Agency fee as a share of an escalated invoice, in [0, 1].
    cost_of_capital : float
        Yearly cost of the money tied up in receivables, in [0, 1].
    variable_cost_ratio : float
        Variable cost per CNY of sales (变动成本率), in [0, 1); the
        contribution margin is ``1 - variable_cost_ratio``.
    cash_sales_share : float
        Share of its demand a customer refused credit (or over its limit)
        still buys for cash, in [0, 1]. The default, half, is our choice: a
        firm refused credit still needs the goods and often pays on delivery
        or in advance, but buys the rest from a rival who gives it credit.
    limit_multiplier : float
        Multiplies every customer's credit limit (>= 0); 1 keeps the limits
        of the four-step method.
    day_count : {360, 365}
        Days in a year for the cost of money tied up (计息天数): interest on
        an invoice open ``t`` days is ``t / day_count`` of a year's. The
        default 360 is the convention of the course's textbook (and of
        banks); 365 gives a little less interest.
    """

    cutoff: float = 45.0
    credit_period: int = 30
    discount_rate: float = 0.0
    discount_days: int = 10
    collection: str = "standard"
    reminder_cost: float = 50.0
    escalation_fee: float = 0.15
    cost_of_capital: float = 0.10
    variable_cost_ratio: float = 0.8
    cash_sales_share: float = 0.5
    limit_multiplier: float = 1.0
    day_count: int = 360

    def __post_init__(self) -> None:
        check_real("cutoff", self.cutoff, 0.0, 100.0)
        check_int("credit_period", self.credit_period, 0, 180)
        check_real("discount_rate", self.discount_rate, 0.0, 0.2)
        check_int("discount_days", self.discount_days, 0, 180)
        if self.discount_rate > 0 and self.discount_days > self.credit_period:
            raise ValueError(f"discount_days ({self.discount_days}) must not exceed credit_period "
                             f"({self.credit_period}) when a discount is offered")
        check_choice("collection", self.collection, COLLECTION_STYLES)
        check_real("reminder_cost", self.reminder_cost, 0.0)
        check_real("escalation_fee", self.escalation_fee, 0.0, 1.0)
        check_real("cost_of_capital", self.cost_of_capital, 0.0, 1.0)
        check_real("variable_cost_ratio", self.variable_cost_ratio, 0.0, 1.0)
        if self.variable_cost_ratio >= 1.0:
            raise ValueError(f"variable_cost_ratio must be below 1; got {self.variable_cost_ratio}")
        check_real("cash_sales_share", self.cash_sales_share, 0.0, 1.0)
        check_real("limit_multiplier", self.limit_multiplier, 0.0, 100.0)
        check_int("day_count", self.day_count)
        if self.day_count not in DAY_COUNTS:
            raise ValueError(f"day_count must be one of {DAY_COUNTS} (days in a year for interest); "
                             f"got {self.day_count}")

    @property
    def collection_rules(self) -> dict[str, float]:
        """Reminder and escalation days and effect factors of the collection style."""
        return dict(_COLLECTION[self.collection])

    @property
    def terms_text(self) -> str:
        """The terms in trade shorthand in the current language, e.g. ``"2/10, net 30"`` (``"2/10，n/30"``)."""
        if self.discount_rate > 0:
            return i18n.t("credit.terms.discount", rate=f"{self.discount_rate * 100:g}",
                          discount_days=self.discount_days, days=self.credit_period)
        return i18n.t("credit.terms.net", days=self.credit_period)


def with_discount_offer(policy: CreditPolicy, discount_rate: float, discount_days: int) -> CreditPolicy:
    """``policy`` offering a cash discount of ``discount_rate`` for paying within ``discount_days``.

    The discount window is cut to the credit period: a discount cannot be
    earned after the invoice is due (so "2/10" under "net 5" becomes "2/5").
    """
    if not isinstance(policy, CreditPolicy):
        raise TypeError(f"policy must be a CreditPolicy; got {type(policy).__name__}")
    days = min(check_int("discount_days", discount_days, 0), policy.credit_period)
    return replace(policy, discount_rate=discount_rate, discount_days=days)
