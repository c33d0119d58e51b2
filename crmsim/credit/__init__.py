"""Credit decisions: the credit file, a weighted factor rating, the four-step
credit limit, the credit policy and the receivables it produces.

The flow of a credit decision, as taught in the course:

1. :func:`credit_file` gathers what a seller can find out about each
   customer (:mod:`.file`); :func:`file_card` shows one customer's file.
2. :func:`rate` turns the file into points per factor, a weighted score in
   [0, 100] and a grade (AAA ... C) with a :class:`ScoreCard`;
   :func:`rating_steps` shows every step for one customer,
   :func:`odds_scaling` rescales the score to "points to double the odds"
   and :func:`auc`, :func:`gini` and :func:`roc_curve` measure how well it
   separates good from bad payers (:mod:`.rating`).
3. :func:`credit_limits` sets a limit in three steps (:class:`LimitRules`),
   :func:`review_limits` is the fourth, the annual review (:mod:`.limits`).
4. :class:`CreditPolicy` holds the screening cutoff, credit period, cash
   discount and collection policy (:mod:`.policy`) that
   :func:`simulate_receivables` simulates (:mod:`.receivables`), and
   :mod:`.analysis` reads aging, DSO, bad debt and profit from the run.
5. On paper (:mod:`.terms`): :func:`appraise_terms` is the textbook's
   incremental analysis of new terms (:func:`textbook_example`: 8,000 and
   8,600 CNY), :func:`discount_cost_rate` the yearly cost of forgoing a
   cash discount. :func:`model_card` lists the model's coefficients and
   :func:`rating_explanation` the items that moved one customer's score
   (:mod:`.card`).

Tables have coded columns and values; show any of them with
``crmsim.display.labelled(table, "credit")``. Everything is vectorised over
customers and seeded; nothing prints or plots.
"""

from . import labels
from .analysis import (AGING_BUCKETS, DSO_BASES, SUMMARY_FIELDS, SWEEP_FIELDS, aging, incremental_profit, invoice_dates,
                       policy_sweep, receivables_by_month, run_policy, sales_by_grade, summarise_policy,
                       summary_table)
from .card import CARD_PARAMETERS, model_card, rating_explanation
from .file import FILE_ITEMS, credit_file, file_card
from .limits import (DEFAULT_LIMIT_RULES, ITEM_GRADES, LIMIT_ITEMS, REVIEW_CODES, LimitRules, credit_limits,
                     limit_steps, review_limits)
from .policy import COLLECTION_STYLES, DAY_COUNTS, DISCOUNT_OFFERS, CreditPolicy, with_discount_offer
from .rating import (DEFAULT_FACTORS, DEFAULT_SCORECARD, FACTOR_GROUPS, GRADES, Factor, ScoreCard, auc, gini,
                     group_weights_or_equal, odds_scaling, rate, rating_steps, roc_curve)
from .receivables import (DAYS_PER_MONTH, DEFAULT_HAZARD, DISCOUNT_SALES_LIFT, DISCOUNT_TAKE_UP, DISTRESS_DAYS,
                          HAZARD_PERIOD_EXPONENT, INCIDENT_DAYS, LATE_BASE, LATE_SLOPE, STATUS_CODES, TERMS_ELASTICITY,
                          TERMS_FLOOR_DAYS, CreditPrepared, CreditRun, prepare_credit, simulate_receivables)
from .terms import (APPRAISAL_COMPONENTS, TEXTBOOK_TERMS, TermsFigures, appraise_terms, discount_cost_rate,
                    discount_costs, textbook_example)

labels.register()

__all__ = [
    "APPRAISAL_COMPONENTS", "CARD_PARAMETERS", "DAY_COUNTS", "DSO_BASES", "HAZARD_PERIOD_EXPONENT", "TEXTBOOK_TERMS",
    "TermsFigures", "appraise_terms", "discount_cost_rate", "discount_costs", "model_card", "rating_explanation",
    "textbook_example",
    "AGING_BUCKETS", "COLLECTION_STYLES", "DAYS_PER_MONTH", "DEFAULT_FACTORS", "DEFAULT_HAZARD",
    "DEFAULT_LIMIT_RULES", "DEFAULT_SCORECARD", "DISCOUNT_OFFERS", "DISCOUNT_SALES_LIFT", "DISCOUNT_TAKE_UP",
    "DISTRESS_DAYS", "FACTOR_GROUPS", "FILE_ITEMS", "GRADES", "INCIDENT_DAYS", "ITEM_GRADES", "LATE_BASE",
    "LATE_SLOPE", "LIMIT_ITEMS", "REVIEW_CODES", "STATUS_CODES", "SUMMARY_FIELDS", "SWEEP_FIELDS",
    "TERMS_ELASTICITY", "TERMS_FLOOR_DAYS", "CreditPolicy", "CreditPrepared", "CreditRun", "Factor", "LimitRules",
    "ScoreCard",
    "aging", "auc", "credit_file", "credit_limits", "file_card", "gini", "group_weights_or_equal",
    "incremental_profit", "invoice_dates", "limit_steps", "odds_scaling", "policy_sweep", "prepare_credit",
    "rate", "rating_steps", "receivables_by_month", "review_limits", "roc_curve", "run_policy",
    "sales_by_grade", "simulate_receivables", "summarise_policy", "summary_table", "with_discount_offer",
]
