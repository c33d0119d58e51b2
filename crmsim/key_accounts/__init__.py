"""The key-account sales process (大客户销售流程): opportunities, A/B/C/D
grading, the rep's policy, the six stages with their key nodes, the rep's
forms, and the analysis of a run (funnel, forecast, win rates, goals).

Data flows one way::

    world --prepare_key_accounts--> opportunities (what the market offers; any policy)
          --simulate_key_accounts(world, policy, prepared=...)--> KeyAccountsRun
          --contact_log / weekly_report / follow_up_form_view--> the forms a rep fills in
          --funnel / forecast_by_month / win_rates / goal_summary ...--> analysis

One module per concept: :mod:`.vocab` (codes), :mod:`.grading`,
:mod:`.policy`, :mod:`.opportunities`, :mod:`.stages` (the model of one
stage), :mod:`.process` (the run), :mod:`.forms`, :mod:`.analysis` and
:mod:`.goals`. Every table is coded; show one with
``crmsim.display.labelled(table, "key_accounts")``.
"""

from __future__ import annotations

from .. import display
from .analysis import (WIN_RATE_GROUPS, check_stage_weights, cycle_time, forecast_by_month, funnel, monthly_revenue,
                       open_pipeline, pipeline_forecast, rep_metrics, stage_win_rates, win_rates)
from .explain import DRIVERS, EXPLANATION_ROWS, explain_opportunity, model_card, stage_coefficients
from .forms import (FOLLOW_UP_FIELDS, HOURS_PER_CONTACT, contact_log, example_opportunity, follow_up_form_view,
                    timeline, weekly_report)
from .goals import goal_summary, goals_vs_actual, has_history, last_year_seed, rep_quota, suggested_goal
from .grading import DEFAULT_GRADING_WEIGHTS, Grading, grade_accounts, grading_weights_table
from .labels import ka_numbers
from .opportunities import key_account_ids, prepare_key_accounts
from .policy import RepPolicy, effort_by_grade, policy_from_effort
from .process import (COACH_WORK_SHARE, COST_SHARE, HALF_EFFECT_HOURS, TYPICAL_CYCLE_MONTHS, KeyAccountsRun,
                      simulate_key_accounts)
from .stages import STAGE_DAYS, TENDER_SLOPE, risk_score, stage_probabilities, tender_scores, win_probability
from .vocab import (CHANNELS, CRITERIA, GRADES, GRADING_FACTORS, KEY_NODES, OUTCOMES, REASONS,
                    RELATIONSHIP_LEVELS, STAGES)

# How every key-account table is shown. Yes and no are capitalised here
# ("Yes", not the shared "yes"), as the course's tables have always shown them.
display.register_labels(
    "key_accounts",
    headers=("ka.col",),
    values={"stage": "ka.stage", "key_node": "ka.key_node", "grade": "ka.grade", "outcome": "ka.outcome",
            "reason": "ka.reason", "coach": "ka.coach", "relationship_level": "ka.relationship_level",
            "segment": "segment", "channel": "ka.channel", "role": "role", "factor": "ka.factor",
            "criterion": "ka.criterion", "field": "ka.form", "driver": "ka.driver", "parameter": "ka.param",
            "meaning": "ka.meaning",
            "term": "ka.term"},
    bool_keys=("ka.yes", "ka.no"),
    numbers=ka_numbers,  # one format per column: amounts with two decimals, rates as percentages
)

__all__ = [
    "CHANNELS", "COACH_WORK_SHARE", "COST_SHARE", "CRITERIA", "DEFAULT_GRADING_WEIGHTS", "DRIVERS",
    "EXPLANATION_ROWS", "FOLLOW_UP_FIELDS", "GRADES", "GRADING_FACTORS", "HALF_EFFECT_HOURS", "HOURS_PER_CONTACT",
    "KEY_NODES", "OUTCOMES", "REASONS", "RELATIONSHIP_LEVELS", "STAGES", "STAGE_DAYS", "TENDER_SLOPE",
    "TYPICAL_CYCLE_MONTHS", "WIN_RATE_GROUPS", "Grading", "KeyAccountsRun", "RepPolicy", "check_stage_weights",
    "contact_log", "cycle_time", "effort_by_grade", "example_opportunity", "explain_opportunity",
    "follow_up_form_view", "forecast_by_month", "funnel", "goal_summary", "goals_vs_actual", "grade_accounts",
    "grading_weights_table", "has_history", "key_account_ids", "last_year_seed", "model_card", "monthly_revenue",
    "open_pipeline", "pipeline_forecast", "policy_from_effort", "prepare_key_accounts", "rep_metrics", "rep_quota",
    "risk_score", "simulate_key_accounts", "stage_coefficients", "stage_probabilities", "stage_win_rates",
    "suggested_goal", "tender_scores", "timeline", "weekly_report", "win_probability", "win_rates",
]
