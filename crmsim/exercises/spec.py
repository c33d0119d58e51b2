"""What an exercise is: its tasks, how each is answered, and how its world is built.

An :class:`ExerciseSpec` is pure data shared by the student's notebook
(:mod:`.exercise`) and the instructor's commands (:mod:`.grading`); it holds
no correct answer. Correct answers are computed only by the instructor-side
solvers (:mod:`.solutions`).

Task kinds (:data:`KINDS`):

* ``"number"``: a real number, right within the task's ``tolerance``;
* ``"integer"``: a whole number (a count, a customer id), right when equal;
* ``"choice"``: a code out of ``choices``, also accepted as its label;
* ``"decision"``: a policy or plan, graded by simulating its outcome on the
  student's world against thresholds (:class:`Decision`);
* ``"text"``: a short written interpretation, collected for the instructor's
  rubric and never scored automatically.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..world import World, make_world

KINDS = ("number", "integer", "choice", "decision", "text")
AUTO_KINDS = ("number", "integer", "choice", "decision")


@dataclass(frozen=True)
class Verdict:
    """How a decision did: the share of its points it earns and why.

    ``credit`` is 1 (all points), 0.5 (the constraint is met but not the
    target, partial credit) or 0; ``key`` and ``values`` make the message.
    """

    credit: float
    key: str
    values: Mapping[str, object] = field(default_factory=dict)


def tiered_verdict(result: float, target: float, baseline: float, keys: tuple[str, str, str],
                   values: Mapping[str, object]) -> Verdict:
    """The usual ladder of a decision: all points at ``target``, half for beating ``baseline``, else none.

    ``keys`` are the message keys of the three outcomes (target, beats the baseline, below it).
    """
    if result >= target:
        return Verdict(1.0, keys[0], values)
    if result > baseline:
        return Verdict(0.5, keys[1], values)
    return Verdict(0.0, keys[2], values)


@dataclass(frozen=True)
class Decision:
    """A decision task: the type of answer, how to simulate it, and how to judge the result.

    Attributes
    ----------
    answer_type : type
        The frozen dataclass a student hands in (a policy or a plan).
    evaluate : callable ``(world, answer, params) -> dict[str, float]``
        The outcome of the answer on the student's world (only public API of
        the topic package). ``params`` are the thresholds of the answer key,
        so an evaluation may depend on them (e.g. the list of opportunities).
    judge : callable ``(outcome, params) -> Verdict``
        Compares the outcome with the thresholds.
    encode, decode : callables
        The answer to and from JSON-safe data, so the instructor's grader can
        simulate it again outside the student's kernel (no pickle: a pickle
        from a student could run any code on the grader's machine).
    personal : callable ``(answer) -> dict`` or None
        For an answer made of the student's own data (a grouping of their
        file's records), which a good answer for another student cannot be:
        the hashed-task values of the data it was made for (the number of
        records), so that forensics simulates it only on the students whose
        data have them (:mod:`.forensics`). None for policies and plans, which
        may well be good on many worlds.
    """

    answer_type: type
    evaluate: Callable[[World, object, Mapping[str, object]], dict[str, float]]
    judge: Callable[[Mapping[str, float], Mapping[str, object]], Verdict]
    encode: Callable[[object], object] = None  # type: ignore[assignment]
    decode: Callable[[object], object] = None  # type: ignore[assignment]
    personal: Callable[[object], Mapping[str, object]] | None = None

    def __post_init__(self) -> None:
        if self.encode is None:
            object.__setattr__(self, "encode", dataclass_fields)
        if self.decode is None:
            object.__setattr__(self, "decode", lambda data: from_fields(self.answer_type, data))


def dataclass_fields(answer: object) -> dict:
    """A frozen dataclass as a dict of JSON-safe fields (tuples become lists, mappings dicts)."""
    return {f.name: _json_safe(getattr(answer, f.name)) for f in dataclasses.fields(answer)}


def from_fields(answer_type: type, data: object) -> object:
    """Rebuild ``answer_type`` from :func:`dataclass_fields`; lists become tuples again."""
    if not isinstance(data, dict):
        raise TypeError(f"a {answer_type.__name__} must be encoded as a dict; got {type(data).__name__}")
    names = {f.name for f in dataclasses.fields(answer_type)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{answer_type.__name__} has no field(s) {sorted(unknown)}")
    return answer_type(**{k: _frozen(v) for k, v in data.items()})


def _json_safe(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclass_fields(value)
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _frozen(value: object) -> object:
    """JSON back to what a policy's constructor takes: lists as tuples, and lists of
    ``[code, number]`` pairs as mappings (policies store mappings as sorted pairs)."""
    if isinstance(value, list) and value and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str)
                                                 for v in value):
        return {v[0]: _frozen(v[1]) for v in value}
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Task:
    """One question of an exercise.

    Attributes
    ----------
    name : str
        The task's code, and the name of the notebook variable holding the answer.
    kind : str
        One of :data:`KINDS`.
    points : int
        What a right answer earns (for ``"text"``: what the rubric can award).
    hint_key : str
        i18n key of the hint shown with a wrong answer; says how, never what.
    tolerance : float
        ``"number"`` only: the grid cell; any answer within one tolerance of
        the right one is right (see :mod:`.answers`).
    fraction : bool
        ``"number"`` only: the answer is a share in [0, 1], so 1 < answer <= 100
        is taken for a percentage and explained, not marked wrong.
    choices : tuple of str
        ``"choice"`` only: the codes.
    label_prefix : str
        ``"choice"`` only: i18n prefix of the codes' labels (``"segment"``
        gives ``segment.group`` = "Group account" / "集团客户").
    minimum_words : int
        ``"text"`` only: shorter answers are sent back, not collected.
    decision : Decision or None
        ``"decision"`` only.
    """

    name: str
    kind: str
    points: int
    hint_key: str
    tolerance: float = 0.0
    fraction: bool = False
    choices: tuple[str, ...] = ()
    label_prefix: str = ""
    minimum_words: int = 8
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} is not allowed; choose from {KINDS}")
        if self.kind == "number" and not self.tolerance > 0:
            raise ValueError(f"task {self.name!r}: a number task needs tolerance > 0; got {self.tolerance!r}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"task {self.name!r}: a choice task needs choices")
        if (self.kind == "decision") != (self.decision is not None):
            raise ValueError(f"task {self.name!r}: decision= is for, and required by, kind='decision'")

    @property
    def auto(self) -> bool:
        """Scored automatically (everything but a written interpretation)."""
        return self.kind in AUTO_KINDS

    @property
    def title_key(self) -> str:
        """i18n key of the task's short title in score tables and the gradebook."""
        return f"{self.hint_key.split('.')[0]}.task.{self.name}"


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise: its tasks, its world and its notebook.

    Attributes
    ----------
    name : str
        Code of the exercise (``"customer_value"``), the file name of released notebooks.
    number : str
        Its place in the course (``"01"``).
    title_key : str
        i18n key of its title.
    tasks : tuple of Task
    n_customers : int
        Size of a student's world; each exercise says why its size is enough.
    world_params : mapping
        Other :func:`crmsim.make_world` parameters (``months``, ...).
    cells : callable ``() -> list[dict]``
        The notebook's cells after the setup cell, as ``{"type": "markdown",
        "en", "zh"}`` and ``{"type": "code", "source"}`` dicts.
    handout : callable ``(world) -> DataFrame`` or None
        For an exercise whose answers the world would give away (exercise
        06: the firms behind a messy file are the world's customers, and its
        faults are regenerated from the world and its seed): the data the
        student gets. Such an exercise is made and judged on the world of the
        key's ``data_seed`` (:meth:`judged_world`), which the student never
        holds; their exercise object hands out ``handout(world)`` only
        (:meth:`~crmsim.exercises.exercise.Exercise.handout`). None: the
        exercise is made on the student's own world, which the notebook has.
    """

    name: str
    number: str
    title_key: str
    tasks: tuple[Task, ...]
    n_customers: int
    cells: Callable[[], list[dict]]
    world_params: Mapping[str, object] = field(default_factory=dict)
    handout: Callable[[World], object] | None = None

    def __post_init__(self) -> None:
        names = [t.name for t in self.tasks]
        if len(set(names)) != len(names):
            raise ValueError(f"exercise {self.name!r} names a task twice: {names}")

    def task(self, name: object) -> Task:
        """The task called ``name``; a clear error naming the tasks otherwise."""
        for task in self.tasks:
            if task.name == name:
                return task
        from .. import i18n

        raise ValueError(i18n.t("ex.unknown_task", task=name, tasks=", ".join(t.name for t in self.tasks)))

    @property
    def total_points(self) -> int:
        """Points of the automatically scored tasks."""
        return sum(t.points for t in self.tasks if t.auto)

    def build_world(self, seed: int, n_customers: int | None = None) -> World:
        """The student's world from their seed."""
        return make_world(seed=seed, n_customers=n_customers or self.n_customers, **dict(self.world_params))

    def judged_seed(self, seed: int, data_seed: int | None) -> int:
        """The seed of the world the answers are computed on: ``data_seed`` with a :attr:`handout`, else ``seed``."""
        if self.handout is None:
            return seed
        if data_seed is None:
            from .. import i18n

            raise ValueError(i18n.t("ex.key.no_data_seed", exercise=self.name))
        return data_seed

    def judged_world(self, key) -> World:
        """The world ``key``'s answers were computed on (see :attr:`handout`); built anew on every call."""
        return self.build_world(self.judged_seed(key.seed, key.data_seed), key.n_customers)


def md(en: str, zh: str) -> dict:
    """A markdown cell in both languages (the format of ``tools/build_notebooks.py``)."""
    return {"type": "markdown", "en": en.strip("\n"), "zh": zh.strip("\n")}


def code(source: str) -> dict:
    """A code cell, the same in both languages."""
    return {"type": "code", "source": source.strip("\n")}
