"""Opening the black box: the model card (every coefficient, read from the code) and
:func:`explain`, which takes one customer's chances in one month apart driver by driver.

Both return coded tables; show them with ``crmsim.display.labelled(table, "relationships")``
(the ``parameter``, ``meaning`` and ``driver`` codes have their text in :mod:`crmsim.i18n.relationships`;
the card's ``name_in_code`` is shown as it is).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..code_names import card_table, read_number
from ..validation import check_int
from . import complaints, policy, transitions
from .dynamics import RelationshipsRun, check_run
from .transitions import DRIVERS, monthly_chances

#: The model card's rows: (parameter code, where the number lives: module, name, keys). The code is also the
#: key of the row's name, ``rel.param.<code>``, and of its meaning, ``rel.card.<code>``.
_CARD = (
    ("up_intercept", transitions, "UP_INTERCEPT"),
    ("down_intercept", transitions, "DOWN_INTERCEPT"),
    ("gap_on_moves", transitions, "GAP_ON_MOVES"),
    ("loyalty_on_moves", transitions, "LOYALTY_ON_MOVES"),
    ("gap_on_churn", transitions, "GAP_ON_CHURN"),
    ("up_cap", transitions, "UP_CAP"),
    ("down_cap", transitions, "DOWN_CAP"),
    ("churn_cap", transitions, "CHURN_CAP"),
    ("care_budget_unit", transitions, "CARE_BUDGET_UNIT"),
    ("care_reference_wallet", transitions, "CARE_REFERENCE_WALLET"),
    ("care_size_exponent", transitions, "CARE_SIZE_EXPONENT"),
    ("care_ceiling", transitions, "CARE_CEILING"),
    ("care_on_service", transitions, "CARE_ON_SERVICE"),
    ("care_on_up", transitions, "CARE_ON_UP"),
    ("price_damps_care", transitions, "PRICE_DAMPS_CARE"),
    ("skill_on_service", transitions, "SKILL_ON_SERVICE"),
    ("key_account_expectation", transitions, "KEY_ACCOUNT_EXPECTATION"),
    ("personalised_service_cost", transitions, "PERSONALISED_SERVICE_COST"),
    ("failure_rate_standardised", transitions, "FAILURE_RATE", "standardised"),
    ("failure_rate_personalised", transitions, "FAILURE_RATE", "personalised"),
    ("recovery_half_life_days", complaints, "RECOVERY_HALF_LIFE_DAYS"),
    ("recovery_satisfaction_lift", transitions, "RECOVERY_SATISFACTION_LIFT"),
    ("repeat_failure_gap", transitions, "REPEAT_FAILURE_GAP"),
    ("poor_handling_drop", transitions, "POOR_HANDLING_DROP"),
    ("poor_handling_churn", transitions, "POOR_HANDLING_CHURN"),
    ("forced_hold", policy, "MAINTENANCE", "forced", "hold"),
    ("forced_hold_months", policy, "MAINTENANCE", "forced", "hold_months"),
    ("forced_satisfaction", policy, "MAINTENANCE", "forced", "satisfaction"),
    ("gross_margin_rate", transitions, "GROSS_MARGIN_RATE"),
)
CARD_CODES = tuple(code for code, *_ in _CARD)

#: The rows of :func:`explain`: the chances of a neutral customer on the level, what each driver adds,
#: the month's complaint and its handling, and the chances the customer faced.
EXPLAIN_ROWS = ("baseline", *DRIVERS, "complaint", "total")
#: What the customer did in the month: the codes of ``explain(...).attrs["move"]``.
MOVES = ("up", "stayed", "down", "churned")


def model_card() -> pd.DataFrame:
    """How the model works: every coefficient of the response model, as it is in the code now.

    Returns
    -------
    DataFrame
        One row per coefficient: ``parameter`` (its code; its name is ``rel.param.<code>``),
        ``name_in_code`` (where it lives in :mod:`crmsim.relationships`, e.g.
        ``transitions.UP_INTERCEPT``; see :mod:`crmsim.code_names`), ``value`` (float) and ``meaning``
        (the same code; its text is ``rel.card.<code>``).
    """
    return card_table(CARD_CODES, [read_number(*where) for _, *where in _CARD])


def explain(run: RelationshipsRun, customer_id: int, month: int) -> pd.DataFrame:
    """Why one customer moved up, down or out in one month: the chances taken apart driver by driver.

    Starting from a neutral customer on the level the customer stood on (service exactly as expected,
    no care felt, rep skill, loyalty and price sensitivity at 0.5, a maintenance style with no effect, no
    complaint), the drivers are switched on one at a time in the order of the rows; each row says how
    much that driver changed the month's chances of moving up, moving down and leaving. The rows add up:
    ``baseline`` plus every change is the ``total``, the chances the simulation drew against.

    Parameters
    ----------
    run : RelationshipsRun
    customer_id : int
        A customer of the run.
    month : int
        1..``run.months``; the customer must have been with us at its start.

    Returns
    -------
    DataFrame
        Rows ``driver`` (:data:`EXPLAIN_ROWS`); columns ``up``, ``down``, ``churn``: chances (rows
        ``baseline`` and ``total``) or changes in them (the others), as fractions. ``attrs`` holds
        ``level_before``, ``level`` (codes), ``move`` (:data:`MOVES`) and ``outcome`` (``none``,
        ``recovered`` or ``not_recovered``).
    """
    check_run(run)
    customer_id = check_int("customer_id", customer_id)
    month = check_int("month", month, 1, run.months)
    position = np.flatnonzero(run.customer_ids == customer_id)
    if not len(position):
        raise ValueError(f"customer_id={customer_id} is not in this run; ids run from "
                         f"{run.customer_ids.min()} to {run.customer_ids.max()}")
    i = int(position[0])
    level = int(run.levels_before[month - 1, i])
    if level < 0:
        raise ValueError(f"customer {customer_id} had left before month {month}: nothing to explain")
    row = run.monthly.iloc[(month - 1) * len(run.customer_ids) + i]
    outcome = 0 if not row["complaint"] else (1 if row["recovered"] else 2)
    drivers = {name: values[i:i + 1] for name, values in run.drivers.items()}

    def chances(neutral: frozenset[str]) -> np.ndarray:
        c = monthly_chances(drivers, run.ladder, run.policy, neutral)
        scale = run.churn_scale[month - 1] if "maintenance" not in neutral else 1.0
        return np.array([c.up[0, 0, level], c.down[0, 0, level], c.churn[0, 0, level] * scale])

    steps = [chances(frozenset(DRIVERS[j:])) for j in range(len(DRIVERS) + 1)]
    full = monthly_chances(drivers, run.ladder, run.policy)
    total = np.array([full.up[outcome, 0, level], full.down[outcome, 0, level],
                      full.churn[outcome, 0, level] * run.churn_scale[month - 1]])
    values = np.vstack([steps[0], np.diff(steps, axis=0), total - steps[-1], total])
    after = int(run.levels[month, i])
    move = "churned" if after < 0 else ("up" if after > level else "down" if after < level else "stayed")
    table = pd.DataFrame(values, columns=["up", "down", "churn"])
    table.insert(0, "driver", list(EXPLAIN_ROWS))
    table.attrs.update(level_before=run.ladder.codes[level], level=row["level"], move=move,
                       outcome=("none", "recovered", "not_recovered")[outcome])
    return table
