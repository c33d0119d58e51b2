"""The answer key a notebook carries: the student's seed and salted digests, never an answer.

A released notebook holds one :class:`AnswerKey` as a token (base64 JSON) in
its first code cell. The key has what the student's notebook needs and
nothing more: the student's own seed (to build their world), a salt, one
digest per hashed task, and the thresholds of the decision tasks (what a
decision must reach, not how to reach it). It holds neither the course seed
nor any answer, and its salt and seed are derived one-way from the course
seed, so no key says anything about another student's data.
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
    """

    exercise: str
    student_id: str
    seed: int
    salt: str
    digests: Mapping[str, str]
    params: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    n_customers: int = 150

    def to_token(self) -> str:
        """The key as one line of text for a notebook cell."""
        data = {"v": TOKEN_VERSION, "exercise": self.exercise, "student_id": self.student_id, "seed": self.seed,
                "salt": self.salt, "digests": dict(self.digests), "params": {k: dict(v) for k, v in self.params.items()},
                "n_customers": self.n_customers}
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
