"""Customer development (客户开发) and the customer file (客户档案).

* :mod:`.methods`: the ten development methods, their cost, hit rate, lead quality and volume;
* :mod:`.policy`: :class:`ProspectingPolicy`, a budget split over the methods;
* :mod:`.campaign`: :func:`prepare_development` and :func:`simulate_development`, the eight steps;
* :mod:`.analysis`: the funnel, methods and channels compared, and the model card;
* :mod:`.customer_file`: the five kinds of information of the file, and a card view;
* :mod:`.textbook`: the textbook's customer analyses;
* :mod:`.metrics`: management metrics by market stage, in SQL;
* :mod:`.messy`: a messy customer file with its ground truth, and scores for cleaning it.

Tables have coded columns and values; show any of them with
``crmsim.display.labelled(table, "development")``.
"""

from ..display import register_labels
from .labels import development_numbers
from .analysis import by_channel, by_method, channel_comparison, funnel, model_card
from .customer_file import ACTIVITIES, FILE_SECTIONS, SECTIONS, customer_file, file_card_view
from .campaign import (STEP_CONVERSION, STEPS, DevelopmentPrepared, DevelopmentRun, prepare_development,
                     reference_market, simulate_development)
from .messy import (FAULTS, MessyFile, clean_baseline, make_messy_customer_file, restore_clean_file,
                    score_duplicates, score_repairs)
from .methods import CHANNELS, DEFAULT_METHODS, METHODS, Method
from .metrics import QUARTERLY_SQL, STAGES, WIN_RATE_SQL, stage_priorities
from .policy import ProspectingPolicy, budget_split
from .textbook import (composition, margin_ranking, opening_closing, product_mix, stock_turnover,
                       volume_vs_expected)

register_labels("development", headers=("dev.col",), values={
    "method": "dev.method", "step": "dev.step", "last_step": "dev.step", "channel": "dev.channel",
    "section": "dev.section", "field": "dev.col", "status": "dev.status", "parameter": "dev.param",
    "meaning": "dev.meaning", "metric": "dev.col", "ability": "dev.ability", "introduction": "dev.priority",
    "growth": "dev.priority", "maturity": "dev.priority", "fault": "dev.fault", "product_line": "product_line",
    "segment": "segment", "size_tier": "size_tier", "region": "region", "value_orientation": "value_orientation",
    "industry": "industry", "item": "dev.item"},
    numbers=development_numbers, string_index=True)

__all__ = [
    "ACTIVITIES", "CHANNELS", "DEFAULT_METHODS", "FAULTS", "FILE_SECTIONS", "METHODS", "QUARTERLY_SQL", "SECTIONS",
    "STAGES", "STEPS", "STEP_CONVERSION", "WIN_RATE_SQL", "DevelopmentPrepared", "DevelopmentRun", "Method",
    "MessyFile", "ProspectingPolicy", "budget_split", "by_channel", "by_method", "channel_comparison",
    "clean_baseline", "composition", "customer_file", "file_card_view", "funnel", "make_messy_customer_file",
    "margin_ranking", "model_card", "opening_closing", "prepare_development", "product_mix", "reference_market",
    "restore_clean_file", "score_duplicates", "score_repairs", "simulate_development", "stage_priorities",
    "stock_turnover", "volume_vs_expected",
]
