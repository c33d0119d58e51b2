"""A workshop: one account played at several tables, saved as JSON and resumed with identical results.

The file holds the scenario in the account form of
:func:`~crmsim.roleplay.scenario_record` and every table's moves as coded
rows, so resuming needs neither the world nor the seed that made the
account: the same scenario and moves replay the same rounds, noise and draw.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..files import staged
from .play import RoleplayRun
from .rules import check_moves
from .scenario import Scenario
from .scenario_file import ScenarioFileError, scenario_from_record, scenario_record
from .tables import play_tables

#: The ``format`` field of a workshop file, and its version.
WORKSHOP_FORMAT = "crmsim-roleplay-workshop"
WORKSHOP_VERSION = 1


@dataclass(frozen=True)
class Workshop:
    """One account and each table's moves so far.

    Attributes
    ----------
    scenario : Scenario
    moves : dict of team code -> DataFrame
        Checked moves of each table (see :func:`~crmsim.roleplay.check_moves`).
    """

    scenario: Scenario
    moves: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    def runs(self, *, language: str | None = None) -> dict[str, RoleplayRun]:
        """Every table's play so far."""
        return play_tables(self.scenario, self.moves, language=language)


def save_workshop(path: str | os.PathLike, scenario: Scenario, moves: Mapping[str, object]) -> Path:
    """Write the workshop to a new JSON file ``path`` (atomically: all of it or nothing); return the path.

    Parameters
    ----------
    path : path
        A new file in an existing folder.
    scenario : Scenario
    moves : mapping of team code -> moves
        Each table's moves; they are checked before anything is written.
    """
    if not isinstance(moves, Mapping) or not moves:
        raise TypeError(f"moves must be a non-empty mapping of team -> moves; got {moves!r}")
    checked = {str(team): check_moves(scenario, table) for team, table in moves.items()}
    document = {"format": WORKSHOP_FORMAT, "version": WORKSHOP_VERSION, "scenario": scenario_record(scenario),
                "tables": {team: [{"round": int(m.round), "contact_id": int(m.contact_id), "approach": str(m.approach),
                                   "hours": float(m.hours)} for m in table.itertuples(index=False)]
                           for team, table in checked.items()}}
    text = json.dumps(document, ensure_ascii=False, indent=1)
    with staged(path) as staging:
        staging.write_text(text, encoding="utf-8")
    return Path(path)


def load_workshop(path: str | os.PathLike) -> Workshop:
    """Read a workshop written by :func:`save_workshop`; its moves are checked again on the scenario."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ScenarioFileError(f"{path.name}: not a workshop file (invalid JSON: {error})") from None
    if not isinstance(document, dict) or document.get("format") != WORKSHOP_FORMAT:
        raise ScenarioFileError(f"{path.name}: not a workshop file (format must be {WORKSHOP_FORMAT!r})")
    if document.get("version") != WORKSHOP_VERSION:
        raise ScenarioFileError(f"{path.name}: version={document.get('version')!r} is not supported; "
                                f"this crmsim reads version {WORKSHOP_VERSION}")
    scenario = scenario_from_record(document.get("scenario"), source=path.name)
    tables = document.get("tables")
    if not isinstance(tables, dict) or not tables:
        raise ScenarioFileError(f"{path.name}: tables must be a non-empty object of team -> moves")
    return Workshop(scenario=scenario, moves={team: check_moves(scenario, moves) for team, moves in tables.items()})
