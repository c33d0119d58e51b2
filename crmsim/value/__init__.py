"""Customer value: historical, current, potential and lifetime; ABC/Pareto
analysis; composition; and "a big company is not a big customer".

Future value comes from the RFM summary of the order history
(:func:`rfm_summary`) and MBG/NBD purchase models fitted to it
(:mod:`.mbgnbd`); :func:`value_truth_reveal` and :func:`simulate_futures`
compare the estimates with the world's hidden truth.

All functions take a :class:`~crmsim.world.World` (or tables derived from it)
and return DataFrames with coded columns; nothing here prints or plots. Show
a table with ``crmsim.display.labelled(table, "value")``, and the summaries
of :func:`abc_summary` and :func:`size_versus_value` with
``labelled(table, "value.summary")`` (their headers mean other things).
"""

from ..display import register_labels
from .abc import ABC_CLASSES, abc_classes, abc_summary
from .card import model_card, truth_summary
from .composition import composition, size_versus_value
from .labels import value_numbers
from .mbgnbd import (MBGNBDFit, MBGNBDParams, expected_purchases, fit_mbgnbd, log_likelihood, probability_alive,
                     simulate_mbgnbd)
from .measures import GROUPINGS, SERVICE_COST_SHARE, VALUE_MEASURES, customer_value, purchase_models
from .rfm import rfm_summary
from .truth import simulate_futures, value_truth_reveal

_VALUE_CODES = {"parameter": "value.param", "group": "size_tier", "measure": "value", "abc_class": "abc"}
register_labels("value", headers=("value.col", "value", "label"), values=_VALUE_CODES,
                value_keys=("value.col", "value"), numbers=value_numbers, string_index=True)
# Summaries of ABC classes and of size against value: their "value" is money, not a model card's
# parameter, and their rank correlation is of size and value, not of estimate and truth.
register_labels("value.summary", headers=("label", "value.col", "value"), values=_VALUE_CODES,
                value_keys=("value.col", "value"), numbers=value_numbers, string_index=True)

__all__ = ["ABC_CLASSES", "GROUPINGS", "MBGNBDFit", "MBGNBDParams", "SERVICE_COST_SHARE", "VALUE_MEASURES",
           "abc_classes", "abc_summary", "composition", "customer_value", "expected_purchases", "fit_mbgnbd",
           "log_likelihood", "model_card", "probability_alive", "purchase_models", "rfm_summary", "simulate_futures",
           "simulate_mbgnbd", "size_versus_value", "truth_summary", "value_truth_reveal"]
