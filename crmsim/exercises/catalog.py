"""Every exercise of the course, by code and by number."""

from __future__ import annotations

from .. import i18n
from .credit_decisions import SPEC as CREDIT_DECISIONS
from .customer_development import SPEC as CUSTOMER_DEVELOPMENT
from .customer_value import SPEC as CUSTOMER_VALUE
from .key_account_process import SPEC as KEY_ACCOUNT_PROCESS
from .relationship_levels import SPEC as RELATIONSHIP_LEVELS
from .role_play import SPEC as ROLE_PLAY
from .spec import ExerciseSpec

#: The exercises in course order, by code.
EXERCISES: dict[str, ExerciseSpec] = {spec.name: spec for spec in (
    CUSTOMER_VALUE, RELATIONSHIP_LEVELS, KEY_ACCOUNT_PROCESS, CREDIT_DECISIONS, ROLE_PLAY, CUSTOMER_DEVELOPMENT)}


def get_exercise(name: object) -> ExerciseSpec:
    """The exercise called ``name`` (its code, ``"customer_value"``, or its number, ``"01"``)."""
    if isinstance(name, str):
        for spec in EXERCISES.values():
            if name in (spec.name, spec.number):
                return spec
    choices = ", ".join(f"{s.number} {s.name}" for s in EXERCISES.values())
    raise ValueError(i18n.t("ex.unknown_exercise", value=repr(name), choices=choices))
