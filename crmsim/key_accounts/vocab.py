"""The codes of the key-account process: stages, key nodes, grades, outcomes and reasons.

Tables hold these codes (``"tender"``, ``"A"``, ``"lost_on_price"``); their
texts are in :mod:`crmsim.i18n.key_accounts` (``ka.<kind>.<code>``) and
:func:`crmsim.display.labelled` shows them. The order of every tuple is the
order of its categories: never reorder one (the codes are part of the data).
"""

from __future__ import annotations

import pandas as pd

#: The six stages, in the order an opportunity goes through them.
STAGES = ("development", "initiation", "proposal", "tender", "negotiation", "implementation")
#: The key node (关键节点) that closes each stage, in stage order.
KEY_NODES = ("project_information", "presales_approval", "relationship_advanced", "bid_submitted",
             "contract_signed", "acceptance")
#: Account grades, best first.
GRADES = ("A", "B", "C", "D")
OUTCOMES = ("won", "lost", "dropped")
#: Why an opportunity ended where it did.
REASONS = ("signed", "not_pursued", "high_risk", "no_real_project", "not_approved", "relationship_stalled",
           "lost_on_price", "lost_on_quality", "over_budget", "terms_not_agreed")
#: The five criteria of customer development.
CRITERIA = ("reachability", "profitability", "feasibility", "value", "sustainability")
#: The selection factors an account is graded on.
GRADING_FACTORS = ("size", "financials", "need", "importance", "attitude", "decision_maker", "familiarity",
                   "region_industry")
#: How a contact of the daily contact log was made.
CHANNELS = ("visit", "phone", "email", "meeting")
#: Levels of the buying centre's weighted attitude: cool (< 0), neutral (0-0.3), warm (>= 0.3).
RELATIONSHIP_LEVELS = ("cool", "neutral", "warm")

STAGE_DTYPE = pd.CategoricalDtype(list(STAGES), ordered=True)
NODE_DTYPE = pd.CategoricalDtype(list(KEY_NODES), ordered=True)
GRADE_DTYPE = pd.CategoricalDtype(list(GRADES), ordered=True)
OUTCOME_DTYPE = pd.CategoricalDtype(list(OUTCOMES))
REASON_DTYPE = pd.CategoricalDtype(list(REASONS))
CHANNEL_DTYPE = pd.CategoricalDtype(list(CHANNELS))
