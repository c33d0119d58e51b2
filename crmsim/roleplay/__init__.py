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

Modules: :mod:`.scenario` (the buying centre), :mod:`.scenario_file`
(scenarios written in TOML), :mod:`.rules` (checking moves, with messages in
the class's language), :mod:`.play` (the response model, the outcome and
:func:`model_card`), :mod:`.debrief`, :mod:`.tables` (several tables and the
class debrief), :mod:`.workshop` (save and resume), :mod:`.cards` (the role
cards, printable), :mod:`.pdf_cards` (the same as a PDF) and
:mod:`.examples` (two ready-made teams). The command line ``python -m
crmsim roleplay cards`` is :mod:`.cli`.
"""

import pandas as pd

from ..display import register_labels
from .cards import (CARD_FORMATS, attitude_word, card_format, card_pages, cards_html, coach_answer, role_cards,
                    trainer_sheet, write_cards)
from .debrief import FINDINGS, debrief, outcome_table
from .examples import STYLES, example_moves
from .pdf_cards import cards_pdf
from .play import (BASE_MARGIN, COACH_BOOST, COMPETITOR_PENALTY, CONCESSION_POINTS, DECISION_MAKER_WEIGHT,
                   HALF_EFFECT_HOURS, MAX_STEP, NEGLECT, NOISE, PROMISE_COST, WIN_OFFSET, WIN_SLOPE, RoleplayRun,
                   account_health, approach_fit, margin_after, model_card, play, support, win_probability)
from .rules import APPROACHES, RuleError, approach_code, check_moves
from .scenario import CONCERNS, ROUNDS, Scenario, make_scenario
from .scenario_file import (ScenarioFileError, load_scenario, parse_scenario, scenario_from_record, scenario_record,
                            shipped_path, shipped_scenarios)
from .tables import RANKED_MEASURES, buyer_view, method_score, play_tables, scorecard, table_names, textbook_run
from .views import Sheet, default_scenario, sheet, shown_buyers, shown_scorecard
from .workshop import Workshop, load_workshop, save_workshop


def _as_played(column: str, values: pd.Series) -> None:
    """Numbers are shown as the model rounded them (attitudes to 4 places, evidence to 3)."""
    return None


register_labels("roleplay", headers=("rp.col",),
                values={"approach": "rp.approach", "main_approach": "rp.approach", "team": "rp.team", "concern": "rp.concern", "finding": "rp.finding", "unit": "rp.unit", "meaning": "rp.meaning",
                        "parameter": "rp.param",
                        "lesson": "rp.lesson", "role": "role"},
                # The sales team's card is "seller", which is not a buying role; outcome and team names
                # are the labels of outcome tables.
                value_keys=("rp.role", "rp.outcome", "rp.team"),
                numbers=_as_played)

__all__ = ["APPROACHES", "BASE_MARGIN", "CARD_FORMATS", "COACH_BOOST", "CONCERNS", "CONCESSION_POINTS",
           "DECISION_MAKER_WEIGHT", "FINDINGS", "HALF_EFFECT_HOURS", "MAX_STEP", "NEGLECT", "NOISE", "PROMISE_COST",
           "RANKED_MEASURES", "WIN_OFFSET", "WIN_SLOPE", "COMPETITOR_PENALTY",
           "ROUNDS", "STYLES", "RoleplayRun", "RuleError", "Scenario", "ScenarioFileError", "Sheet", "Workshop",
           "account_health", "approach_code", "approach_fit", "attitude_word", "buyer_view", "card_format",
           "card_pages", "cards_html", "cards_pdf", "check_moves", "coach_answer", "debrief", "default_scenario",
           "example_moves",
           "load_scenario", "load_workshop", "make_scenario", "margin_after", "method_score", "model_card",
           "outcome_table", "parse_scenario", "play", "play_tables", "role_cards", "save_workshop",
           "scenario_from_record", "scenario_record", "scorecard", "sheet", "shipped_path", "shipped_scenarios",
           "shown_buyers", "shown_scorecard",
           "support", "table_names", "textbook_run", "trainer_sheet", "win_probability", "write_cards"]
