"""Role play for trainers: winning one key account's buying centre.

A team of trainees plays our sales side; other trainees play the people in a
real buying centre of the synthetic world (decision maker, influencers,
users, gatekeeper, and sometimes a coach). The trainer sets up the play with
:func:`make_scenario`, hands out role cards (:func:`role_cards`), collects the
sales team's moves round by round, and :func:`play` says how each person's
attitude towards us moved and what the deal is worth at the end;
:func:`debrief` checks the team's play against what the course teaches
(``../shared/domain.md`` §4 and §6):

* reach the decision maker, and spend time where the influence is;
* win over the gatekeeper, who controls access to everyone else;
* learn the need (SPIN questions) before presenting (FAB);
* use the coach, who tells you how to position;
* concede on price only to people who worry about price;
* do not over-promise: it wins the deal and loses the account.

One round is one step of the sales conversation (:data:`ROUNDS`): the team
splits :attr:`Scenario.hours_per_round` hours between the people and picks
one approach (:data:`APPROACHES`) for each person it meets.

The response model is deliberately simple and documented, so trainees can
argue with it in the debrief. Meeting a person for ``h`` hours has the effect
``1 - 0.5 ** (h / HALF_EFFECT_HOURS)``; the gatekeeper's attitude scales the
hours that reach everyone else; each approach fits a person to a degree
(:func:`approach_fit`); attitude moves towards +1 by ``MAX_STEP * effect *
fit`` of the remaining distance, and people nobody meets in a round cool by
``NEGLECT`` (competitors are visiting them). A little seeded noise makes two
teams with the same plan end close, not equal.

Tables have coded columns and values; show them with
``crmsim.display.labelled(table, "roleplay")``.

Modules: :mod:`.scenario` (the buying centre), :mod:`.rules` (checking
moves), :mod:`.play` (the response model and the outcome), :mod:`.debrief`,
:mod:`.cards` (the role cards) and :mod:`.examples` (two ready-made teams).
"""

import pandas as pd

from ..display import register_labels
from .cards import attitude_word, role_cards
from .debrief import FINDINGS, debrief, outcome_table
from .examples import STYLES, example_moves
from .play import (BASE_MARGIN, CONCESSION_POINTS, DECISION_MAKER_WEIGHT, HALF_EFFECT_HOURS, MAX_STEP, NEGLECT, NOISE,
                   PROMISE_COST, RoleplayRun, account_health, approach_fit, margin_after, play, support,
                   win_probability)
from .rules import APPROACHES, check_moves
from .scenario import CONCERNS, ROUNDS, Scenario, make_scenario


def _as_played(column: str, values: pd.Series) -> None:
    """Numbers are shown as the model rounded them (attitudes to 4 places, evidence to 3)."""
    return None


register_labels("roleplay", headers=("rp.col",),
                values={"approach": "rp.approach", "concern": "rp.concern", "finding": "rp.finding",
                        "lesson": "rp.lesson", "role": "role"},
                # The sales team's card is "seller", which is not a buying role; outcome and team names
                # are the labels of outcome tables.
                value_keys=("rp.role", "rp.outcome", "rp.team"),
                numbers=_as_played)

__all__ = ["APPROACHES", "BASE_MARGIN", "CONCERNS", "CONCESSION_POINTS", "DECISION_MAKER_WEIGHT", "FINDINGS",
           "HALF_EFFECT_HOURS", "MAX_STEP", "NEGLECT", "NOISE", "PROMISE_COST", "ROUNDS", "STYLES", "RoleplayRun",
           "Scenario", "account_health", "approach_fit", "attitude_word", "check_moves", "debrief",
           "example_moves", "make_scenario", "margin_after", "outcome_table", "play", "role_cards", "support",
           "win_probability"]
