"""The answer key a notebook carries: the student's seed and salted digests, never an answer.

A released notebook holds one :class:`AnswerKey` as a token (base64 JSON) in
its first code cell. The key has what the student's notebook needs and
nothing more: the student's own seed (to build their world), a salt, one
digest per hashed task, and the thresholds of the decision tasks (what a
decision must reach, not how to reach it). It holds neither the course seed
nor any answer, and its salt and seed are derived one-way from the course
seed, so no key says anything about another student's data.

An exercise whose data would give its answers away if the student held the
world they come from (exercise 06: a messy file whose truth is regenerated
from the world and its seed) is made on a second world, of the key's
``data_seed``, also derived one-way from the course seed; the student's
exercise object hands out only the data (:attr:`.spec.ExerciseSpec.handout`)
and never keeps that world.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import i18n

#: Format version of the token; bumped when a field changes meaning.
TOKEN_VERSION = 1


@dataclass(frozen=True)
class AnswerKey:
    """What a student's exercise object may know.

    Attributes
    ----------
    exercise : str
        Code of the exercise (``"customer_value"``).
    student_id : str
        Normalised id (:func:`crmsim.exercises.ids.normalise_student_id`).
    seed : int
        The student's seed, ``student_seed(course_seed, student_id)``.
    salt : str
        Per-student salt of the digests.
    digests : mapping task -> str
        One digest per hashed task (:mod:`.answers`).
    params : mapping task -> mapping
        Thresholds of decision tasks (and the inputs they are judged on).
    n_customers : int
        Size of the student's world.
    data_seed : int or None
        Seed of the world an exercise with a handout is made on
        (:func:`student_data_seed`); not the student's seed, and not shown by
        the exercise object. None for the other exercises.
    """

    exercise: str
    student_id: str
    seed: int
    salt: str
    digests: Mapping[str, str]
    params: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    n_customers: int = 150
    data_seed: int | None = None

    def to_token(self) -> str:
        """The key as one line of text for a notebook cell."""
        data = {"v": TOKEN_VERSION, "exercise": self.exercise, "student_id": self.student_id, "seed": self.seed,
                "salt": self.salt, "digests": dict(self.digests), "params": {k: dict(v) for k, v in self.params.items()},
                "n_customers": self.n_customers}
        if self.data_seed is not None:  # only then, so the tokens of the other exercises stay as they were
            data["data_seed"] = self.data_seed
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":"), sort_keys=True).encode()).decode()

    @classmethod
    def from_token(cls, token: object) -> "AnswerKey":
        """Read a key written by :meth:`to_token`.

        Raises
        ------
        ValueError
            If ``token`` is not a key (cut short, edited, or from a newer crmsim).
        """
        if not isinstance(token, str):
            raise TypeError(i18n.t("ex.token.bad", value=type(token).__name__))
        try:
            data = json.loads(base64.urlsafe_b64decode(token.encode()))
            if data.pop("v") != TOKEN_VERSION:
                raise ValueError("version")
            return cls(**data)
        except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ValueError(i18n.t("ex.token.bad", value=f"{token[:12]}…")) from exc


def student_salt(course_seed: int, student_id: str) -> str:
    """A salt for one student's digests, derived one-way from the course seed.

    Deterministic, so releasing twice gives the same notebook and grading
    needs only the roster and the course seed.
    """
    return hmac.new(str(int(course_seed)).encode(), f"salt|{student_id}".encode(), hashlib.sha256).hexdigest()[:32]


def student_data_seed(course_seed: int, student_id: str) -> int:
    """The seed of the world one student's handout is made from, derived one-way from the course seed.

    Unlike the student's seed (:func:`crmsim.student_seed`, which the
    exercise shows and their world carries as ``world.seed``), it is an HMAC
    keyed by the course seed under another label than the salt's, so neither
    the seed nor the salt says anything about it; like :func:`student_salt`
    it is deterministic, so grading needs only the roster and the course seed.
    """
    digest = hmac.new(str(int(course_seed)).encode(), f"data|{student_id}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "little") >> 1  # a non-negative int below 2**63, as student_seed gives
