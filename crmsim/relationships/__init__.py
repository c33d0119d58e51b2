"""Relationship levels (客户关系层次): a ladder, a care policy, monthly dynamics,
complaints and what the log says.

One concept per module:

* :mod:`~crmsim.relationships.ladder`: the rungs (course and Kotler presets, your own);
* :mod:`~crmsim.relationships.policy`: the care policy;
* :mod:`~crmsim.relationships.complaints`: complaint handling and service recovery;
* :mod:`~crmsim.relationships.transitions`: how customers respond, as exact transition matrices;
* :mod:`~crmsim.relationships.dynamics`: the monthly simulation;
* :mod:`~crmsim.relationships.markov`: chain arithmetic (stationary mix, expected levels and values);
* :mod:`~crmsim.relationships.analysis` and :mod:`~crmsim.relationships.economics`:
  tables from a run;
* :mod:`~crmsim.relationships.explain`: the model card and why one customer moved.

Every table has coded columns and values; show one with
``crmsim.display.labelled(table, "relationships", names=run.ladder.names())``
(``names`` gives the level names of the run's ladder).
"""

from ..display import register_labels
from .analysis import customer_history, estimate_transition_matrix, level_mix, monthly_kpis, \
    population_stationary_mix, recovery_effect, segment_summary, true_transition_matrix
from .complaints import OUTCOMES, STEP_CODES, STEPS, complaint_walkthrough, handling_cost, handling_options, \
    recovery_probability
from .dynamics import RelationshipsPrepared, RelationshipsRun, prepare_relationships, simulate_relationships
from .economics import care_return, clv_by_level, compare_policies, expected_monthly_profit, expected_profit, \
    level_economics, personalisation_by_orientation
from .explain import CARD_CODES, EXPLAIN_ROWS, MOVES, explain, model_card
from .labels import relationship_numbers
from .ladder import CHURNED, COURSE_LADDER, KOTLER_LADDER, LADDERS, Ladder, Level, get_ladder, level_dtype, \
    make_ladder
from .markov import expected_level, stationary_distribution
from .policy import CHANNEL_CODES, CHANNEL_MIXES, CHANNELS, DEFAULT_CARE_BUDGET, MAINTENANCE_STYLES, \
    SERVICE_LEVELS, CarePolicy, budget_by_grade, rising_level_budgets
from .transitions import GROSS_MARGIN_RATE, customer_drivers, maintenance_churn_scale, transition_matrices


register_labels(
    "relationships",
    headers=("rel.col", "complaint.col"),
    values={"level": "rel.level", "level_before": "rel.level", "from": "rel.level", "handling": "rel.handling",
            "channel": "rel.channel", "outcome": "complaint.outcome", "action": "complaint.step",
            "parameter": "rel.param", "meaning": "rel.card", "driver": "rel.driver",
            "value_orientation": "value_orientation"},
    value_keys=("rel.level", "rel.handling"),
    numbers=relationship_numbers,
    string_index=True,  # level codes as the index of a table put together in a notebook
)

__all__ = [
    "CARD_CODES", "CHANNELS", "CHANNEL_CODES", "EXPLAIN_ROWS", "MOVES", "CHANNEL_MIXES", "CHURNED", "COURSE_LADDER", "DEFAULT_CARE_BUDGET",
    "GROSS_MARGIN_RATE", "KOTLER_LADDER", "LADDERS", "MAINTENANCE_STYLES", "OUTCOMES", "SERVICE_LEVELS",
    "STEPS", "STEP_CODES", "CarePolicy", "Ladder", "Level", "RelationshipsPrepared", "RelationshipsRun",
    "budget_by_grade", "care_return", "explain", "expected_monthly_profit", "expected_profit", "maintenance_churn_scale", "model_card",
    "personalisation_by_orientation", "clv_by_level", "compare_policies", "complaint_walkthrough",
    "customer_drivers", "customer_history", "estimate_transition_matrix", "expected_level", "get_ladder",
    "handling_cost", "handling_options", "level_dtype", "level_economics", "level_mix", "make_ladder",
    "monthly_kpis", "population_stationary_mix", "prepare_relationships", "recovery_effect",
    "recovery_probability", "rising_level_budgets", "segment_summary", "simulate_relationships",
    "stationary_distribution", "transition_matrices",
]
