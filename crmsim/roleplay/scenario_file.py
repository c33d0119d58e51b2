"""Scenario files: a role play written down in TOML, checked on load with the field and line at fault.

Two forms (see the shipped examples in ``crmsim/roleplay/scenarios/``):

* **a seed plus overrides**: a ``[world]`` table (``seed``, ``customers``)
  and a ``[scenario]`` table (``seed``, optional ``customer_id``,
  ``hours_per_round``, ``deal_value``, ``competitors``) choose an account of
  the synthetic world as :func:`~crmsim.roleplay.make_scenario` would;
  ``[[person]]`` tables with a ``contact_id`` change that person's
  ``attitude``, ``influence``, ``concern`` or ``is_coach``;
* **an account**: an ``[account]`` table (``name_en``, ``name_zh``,
  ``industry``, ``size_tier``, ``annual_revenue``, ``value_orientation``),
  a ``[scenario]`` table (``seed``, ``deal_value``, ``competitors``,
  ``hours_per_round``) and one ``[[person]]`` per member of the buying
  centre (``name_en``, ``name_zh``, ``title``, ``role``, ``influence``,
  ``attitude``, ``is_coach``, ``interest``, ``concern``).

:func:`scenario_record` writes any scenario in the account form (a dict, for
JSON), and :func:`scenario_from_record` reads it back: a saved workshop
replays identically.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .. import seeding
from ..world.vocab import (INDUSTRY_CODES, INTEREST_CODES, ORIENTATION_CODES, ROLE_CODES, SIZE_CODES,
                           TITLE_CODES)
from .scenario import CONCERNS, Scenario, make_scenario

#: The fields of each table, with their kind: ("int"|"real"|"bool"|"text", allowed values or (low, high)).
ACCOUNT_FIELDS = {"customer_id": ("int", (0, None)), "name_en": ("text", None), "name_zh": ("text", None),
                  "industry": ("text", INDUSTRY_CODES), "size_tier": ("text", SIZE_CODES),
                  "annual_revenue": ("real", (0.0, None)), "value_orientation": ("text", ORIENTATION_CODES)}
SCENARIO_FIELDS = {"seed": ("int", (0, None)), "customer_id": ("int", (1, None)),
                   "hours_per_round": ("real", (1.0, 40.0)), "deal_value": ("real", (0.01, 1e6)),
                   "competitors": ("int", (0, 10))}
WORLD_FIELDS = {"seed": ("int", (0, None)), "customers": ("int", (50, 20_000))}
PERSON_FIELDS = {"contact_id": ("int", (1, None)), "name_en": ("text", None), "name_zh": ("text", None),
                 "title": ("text", TITLE_CODES), "role": ("text", ROLE_CODES), "influence": ("real", (0.01, 1.0)),
                 "attitude": ("real", (-1.0, 1.0)), "is_coach": ("bool", None), "interest": ("text", INTEREST_CODES),
                 "concern": ("text", CONCERNS)}
#: Fields an override of the seed form may change.
OVERRIDABLE = ("contact_id", "influence", "attitude", "is_coach", "concern")
#: Fields the account form needs (customer_id and contact_id are numbered when left out).
REQUIRED = {"account": tuple(k for k in ACCOUNT_FIELDS if k != "customer_id"),
            "scenario": ("deal_value", "competitors"),
            "person": tuple(k for k in PERSON_FIELDS if k != "contact_id")}
#: Fewest people of a written buying centre: a decision maker and someone to argue with.
MIN_WRITTEN_PEOPLE = 2
#: World customers of the seed form when ``[world]`` leaves them out: the notebook's world.
DEFAULT_CUSTOMERS = 300


class ScenarioFileError(ValueError):
    """A scenario file that cannot be played; the message names the file, the line and the field."""


def shipped_scenarios() -> tuple[str, ...]:
    """Names of the example scenario files that come with crmsim (open one with :func:`load_scenario`)."""
    folder = resources.files(__package__) / "scenarios"
    return tuple(sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")))


def shipped_path(name: str) -> Path:
    """Path of a shipped example (a name of :func:`shipped_scenarios`)."""
    if name not in shipped_scenarios():
        raise ValueError(f"scenario={name!r} is not a shipped example; choose from {shipped_scenarios()}")
    return Path(str(resources.files(__package__) / "scenarios" / name))


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read a scenario file (TOML), or a shipped example by name; see the module's docstring for the forms.

    Raises
    ------
    ScenarioFileError
        A ``ValueError`` naming the file, the line and the field at fault.
    """
    if isinstance(path, str) and path in shipped_scenarios():
        path = shipped_path(path)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or path of a .toml file; got {path!r} ({type(path).__name__})")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path={str(path)!r} is not a file")
    return parse_scenario(path.read_text(encoding="utf-8"), source=path.name)


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """A scenario from the text of a scenario file (``source`` names it in messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFileError(f"{source}: not valid TOML: {error}") from None
    return scenario_from_record(data, source=source, lines=_field_lines(text))


def _field_lines(text: str) -> dict[tuple, int]:
    """Line of every table header and field: ``(table, index, field) -> line`` (index of an array of tables)."""
    lines: dict[tuple, int] = {}
    table, counts = "", {}
    index = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[\[\s*([\w.-]+)\s*\]\]|\[\s*([\w.-]+)\s*\]", stripped)
        if header:
            array, single = header.groups()
            table = array or single
            index = counts[table] = counts.get(table, -1) + 1 if array else 0
            lines[(table, index, None)] = number
            continue
        key = re.match(r"([\w-]+)\s*=", stripped)
        if key:
            lines[(table, index, key.group(1))] = number
    return lines


class _Checker:
    """Checks the fields of one parsed file and says where a fault is."""

    def __init__(self, source: str, lines: dict[tuple, int]):
        self.source, self.lines = source, lines

    def fail(self, table: str, index: int | None, field: str | None, message: str) -> None:
        line = self.lines.get((table, index or 0, field)) or self.lines.get((table, index or 0, None))
        where = f"{self.source}, line {line}" if line else self.source
        name = table if index is None else f"{table}[{index + 1}]"
        separator = "" if message.startswith("=") else " "
        raise ScenarioFileError(f"{where}: {name}{'.' + field if field else ''}{separator}{message}")

    def table(self, data: dict, table: str, fields: dict, index: int | None = None,
              required: tuple[str, ...] = ()) -> dict:
        if not isinstance(data, dict):
            self.fail(table, index, None, "must be a table")
        for key in data:
            if key not in fields:
                self.fail(table, index, key, f"is not a field of [{table}]; the fields are {', '.join(fields)}")
        for key in required:
            if key not in data:
                self.fail(table, index, None, f"needs the field {key!r}")
        return {key: self.value(table, index, key, value, *fields[key]) for key, value in data.items()}

    def value(self, table: str, index: int | None, key: str, value: object, kind: str, allowed) -> object:
        if kind == "text":
            if not isinstance(value, str) or not value.strip():
                self.fail(table, index, key, f"must be a non-empty text; got {value!r}")
            if allowed is not None and value not in allowed:
                self.fail(table, index, key, f"={value!r} is not allowed; choose from {', '.join(allowed)}")
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.fail(table, index, key, f"must be true or false; got {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "int" and not isinstance(value, int)):
            self.fail(table, index, key, f"must be {'an integer' if kind == 'int' else 'a number'}; got {value!r}")
        low, high = allowed
        if not np.isfinite(value) or (low is not None and value < low) or (high is not None and value > high):
            self.fail(table, index, key, f"must be in [{low}, {'inf' if high is None else high}]; got {value!r}")
        return int(value) if kind == "int" else float(value)


def scenario_from_record(data: dict, *, source: str = "<scenario>", lines: dict | None = None) -> Scenario:
    """A scenario from a parsed scenario file or a :func:`scenario_record` (see the module's docstring)."""
    check = _Checker(source, lines or {})
    if not isinstance(data, dict):
        raise ScenarioFileError(f"{source}: a scenario must be a table of [account] or [world], [scenario], "
                                f"[[person]]; got {type(data).__name__}")
    for key in data:
        if key not in ("world", "account", "scenario", "person"):
            check.fail(key, None, None, "is not a table of a scenario file; use [world] or [account], [scenario] "
                                        "and [[person]]")
    if ("world" in data) == ("account" in data):
        raise ScenarioFileError(f"{source}: give either a [world] table (a seed plus overrides) or an [account] "
                                f"table (a written buying centre), not {'both' if 'world' in data else 'neither'}")
    persons = data.get("person", [])
    if not isinstance(persons, list):
        check.fail("person", None, None, "must be an array of tables, written [[person]]")
    if "world" in data:
        return _seed_form(data, persons, check)
    return _account_form(data, persons, check)


def _seed_form(data: dict, persons: list, check: _Checker) -> Scenario:
    from ..world import make_world

    world_fields = check.table(data["world"], "world", WORLD_FIELDS)
    fields = check.table(data.get("scenario", {}), "scenario", SCENARIO_FIELDS)
    world = make_world(seed=world_fields.get("seed", 0), n_customers=world_fields.get("customers", DEFAULT_CUSTOMERS))
    try:
        scenario = make_scenario(world, customer_id=fields.get("customer_id"), seed=fields.get("seed", 0),
                                 hours_per_round=fields.get("hours_per_round", 10.0))
    except ValueError as error:
        check.fail("scenario", None, "customer_id" if "customer_id" in fields else None, f"cannot be played: {error}")
    people = scenario.people.copy()
    ids = people["contact_id"].tolist()
    for i, person in enumerate(persons):
        changes = check.table(person, "person", {k: PERSON_FIELDS[k] for k in OVERRIDABLE}, i, ("contact_id",))
        if changes["contact_id"] not in ids:
            check.fail("person", i, "contact_id", f"={changes['contact_id']} is not in this buying centre; "
                                                  f"people: {', '.join(map(str, ids))}")
        row = ids.index(changes.pop("contact_id"))
        for key, value in changes.items():
            if key == "concern":
                people[key] = people[key].astype(str)
            people.loc[row, key] = value
    people["concern"] = pd.Categorical(people["concern"].astype(str), categories=list(CONCERNS))
    return Scenario(customer=scenario.customer, people=people,
                    deal_value=fields.get("deal_value", scenario.deal_value),
                    competitors=fields.get("competitors", scenario.competitors),
                    hours_per_round=scenario.hours_per_round, seed=scenario.seed)


def _account_form(data: dict, persons: list, check: _Checker) -> Scenario:
    account = check.table(data["account"], "account", ACCOUNT_FIELDS, required=REQUIRED["account"])
    if "scenario" not in data:
        check.fail("scenario", None, None, "is missing: an account needs deal_value and competitors")
    fields = check.table(data["scenario"], "scenario", {k: v for k, v in SCENARIO_FIELDS.items() if k != "customer_id"},
                         required=REQUIRED["scenario"])
    if len(persons) < MIN_WRITTEN_PEOPLE:
        raise ScenarioFileError(f"{check.source}: the buying centre needs at least {MIN_WRITTEN_PEOPLE} [[person]] "
                                f"tables; got {len(persons)}")
    rows = [check.table(p, "person", PERSON_FIELDS, i, REQUIRED["person"]) for i, p in enumerate(persons)]
    ids = [row.get("contact_id", i + 1) for i, row in enumerate(rows)]
    for i, contact in enumerate(ids):
        if ids.index(contact) != i:
            check.fail("person", i, "contact_id", f"={contact} is used twice; every person needs their own")
    deciders = [i for i, row in enumerate(rows) if row["role"] == "decision_maker"]
    if len(deciders) != 1:
        raise ScenarioFileError(f"{check.source}: the buying centre needs exactly one person with role = "
                                f"\"decision_maker\"; got {len(deciders)}")
    people = pd.DataFrame({"contact_id": np.array(ids, dtype=np.int64),
                           **{k: [row[k] for row in rows] for k in REQUIRED["person"]}})
    people = people[["contact_id", "name_en", "name_zh", "title", "role", "influence", "attitude", "is_coach",
                     "interest", "concern"]].sort_values("contact_id", kind="stable").reset_index(drop=True)
    people["role"] = pd.Categorical(people["role"], categories=list(ROLE_CODES))
    people["concern"] = pd.Categorical(people["concern"], categories=list(CONCERNS))
    people["is_coach"] = people["is_coach"].astype(bool)
    customer = pd.Series({"customer_id": account.get("customer_id", 0), **{k: account[k] for k in REQUIRED["account"]}},
                         dtype=object)
    return Scenario(customer=customer, people=people, deal_value=fields["deal_value"],
                    competitors=fields["competitors"], hours_per_round=fields.get("hours_per_round", 10.0),
                    seed=seeding.root_sequence(fields.get("seed", 0)))


def scenario_record(scenario: Scenario) -> dict:
    """The scenario in the account form, as plain Python values (for JSON): reading it back plays the same."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario; got {type(scenario).__name__}")
    if scenario.seed.spawn_key or not isinstance(scenario.seed.entropy, int):
        raise ValueError("scenario.seed must be a plain root seed (an int, a Generator or a SeedSequence of one int) "
                         "to be saved")
    customer = scenario.customer
    account = {"customer_id": int(customer.get("customer_id", 0))}
    for key in REQUIRED["account"]:
        value = customer[key]
        account[key] = float(value) if key == "annual_revenue" else str(value)
    people = scenario.people
    persons = []
    for row in people.to_dict("records"):
        persons.append({"contact_id": int(row["contact_id"]), **{
            k: (float(row[k]) if PERSON_FIELDS[k][0] == "real" else bool(row[k]) if k == "is_coach" else str(row[k]))
            for k in REQUIRED["person"]}})
    return {"account": account,
            "scenario": {"seed": int(scenario.seed.entropy), "deal_value": float(scenario.deal_value),
                         "competitors": int(scenario.competitors), "hours_per_round": float(scenario.hours_per_round)},
            "person": persons}
