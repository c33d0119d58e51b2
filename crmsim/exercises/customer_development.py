"""Exercise 06, cleaning the messy customer file: counting its faults, and finding the firms behind its records.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.customer_development` on the instructor's side.
The student's file is :func:`crmsim.development.make_messy_customer_file` on
a world of their key's data seed (:attr:`~crmsim.exercises.spec.ExerciseSpec.handout`),
not on the world their notebook holds: the firms behind the records are that
world's customers, and the faults are seeded by it, so a file made from
anything the student has would come with its truth. The exercise object hands
out the records only (:func:`customer_file`); a grouping is scored, in a
check or a try (:meth:`~crmsim.exercises.exercise.Exercise.try_decision`),
with :func:`crmsim.development.score_duplicates` against the truth, which is
made for each score and never kept, and judged against the rule-based
:func:`crmsim.development.clean_baseline` on the same file.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral

import numpy as np
import pandas as pd

from .. import development as dev
from .. import i18n
from ..development.messy import FIELDS
from ..world import World
from .spec import Decision, ExerciseSpec, Task, Verdict, _json_safe, code, md

#: Customers in a student's world: 300 firms with a duplicate rate of 20 % give
#: about 60 duplicate records, so the baseline misses a few of them on nearly
#: every file (49 of 50 ids) and a full mark means more than copying it.
N_CUSTOMERS = 300

#: Fault rates of the student's file: the package's defaults, with more
#: duplicates (a fifth of the firms typed in twice, as in an old file merged
#: from several sales offices) so that finding them is worth a task.
RATES = {"duplicate": 0.20}

#: Full points need an F1 that closes this share of the gap the baseline
#: leaves to a perfect grouping (baseline F1 0.97 -> target 0.985): more than
#: the baseline, reachable by a rule a student can write (a phone, Chinese name
#: or English name in common, each normalised: F1 = 1 on 50 of 50 ids).
TARGET_SHARE = 0.5

#: Half points need this F1: any grouping that finds more same-firm pairs than
#: it invents (every record on its own scores 0). Matching exact phones alone
#: gets about 0.6 on the course's files.
MIN_F1 = 0.5


def messy_file(world: World) -> dev.MessyFile:
    """The messy file of :data:`RATES` on ``world``, seeded by the world itself, with its truth.

    Called on the world of the student's data seed (instructor side, and
    inside a score); the student gets only :func:`customer_file`.
    """
    return dev.make_messy_customer_file(world, seed=world.seed, rates=RATES)


def customer_file(world: World) -> pd.DataFrame:
    """The student's handout: the records of :func:`messy_file` as typed, without the truth or the corrections."""
    return messy_file(world).file


def baseline_cleaning(file: object) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`crmsim.development.clean_baseline` on a customer file alone: the repaired file and a group per record.

    The baseline reads nothing but the records, so a student who holds only
    the file (:meth:`~crmsim.exercises.exercise.Exercise.handout`) can run it.

    Parameters
    ----------
    file : DataFrame
        ``record_id`` and the fields of :data:`crmsim.development.messy.FIELDS`.

    Returns
    -------
    repaired : DataFrame
    labels : ndarray
        One group label per record, in the file's order (same label: same firm).
    """
    columns = ("record_id", *FIELDS)
    if not isinstance(file, pd.DataFrame) or any(c not in file.columns for c in columns):
        raise TypeError(i18n.t("ex06.refused.file", columns=", ".join(columns),
                               value=type(file).__name__ if not isinstance(file, pd.DataFrame)
                               else ", ".join(map(str, file.columns))))
    nothing = pd.DataFrame()
    # clean_baseline takes a MessyFile; this one carries the records and no truth (empty tables)
    return dev.clean_baseline(dev.MessyFile(file=file, truth=nothing, corrections=nothing, clean=nothing, rates={}))


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when either is 0 or undefined (nothing found)."""
    if not (precision > 0 and recall > 0):  # NaN (no pair found) fails both comparisons
        return 0.0
    return float(2 * precision * recall / (precision + recall))


def encode_groups(groups: dict) -> dict:
    """A grouping as JSON-safe data: record ids as text keys, labels kept (numpy scalars made plain)."""
    return {str(_json_safe(k)): _json_safe(v) for k, v in groups.items()}


def decode_groups(data: object) -> dict:
    """The grouping :func:`encode_groups` described; a key that is not a whole number is refused."""
    if not isinstance(data, dict):
        raise TypeError(f"a grouping must be encoded as a dict; got {type(data).__name__}")
    try:
        return {int(k): tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    except ValueError as problem:
        raise ValueError(f"a grouping's keys are record ids; {problem}") from None


def _labels(groups: Mapping, record_ids: np.ndarray) -> list:
    """The groups' labels in the file's record order; a clear error for a missing, extra or bad entry."""
    keys = {}
    for k, v in groups.items():
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, (Integral, np.integer)):
            raise TypeError(i18n.t("ex06.refused.key", value=repr(k)))
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (str, Integral, np.integer)):
            raise TypeError(i18n.t("ex06.refused.label", record=int(k), value=repr(v)))
        keys[int(k)] = _json_safe(v)
    wanted = set(record_ids.tolist())
    missing, extra = sorted(wanted - set(keys)), sorted(set(keys) - wanted)
    if missing or extra:
        raise ValueError(i18n.t("ex06.refused.records", missing=len(missing), extra=len(extra),
                                example=(missing or extra)[0], records=len(wanted)))
    return [keys[r] for r in record_ids.tolist()]


def score_groups(world: World, groups: dict, params: Mapping[str, object]) -> dict[str, float]:
    """Precision, recall and F1 of ``groups`` (record id -> firm key) on the student's file."""
    messy = messy_file(world)
    labels = np.array([f"{type(v).__name__}:{v}" for v in _labels(groups, messy.file["record_id"].to_numpy())])
    score = dev.score_duplicates(messy, labels)
    return {"precision": float(score["precision"]), "recall": float(score["recall"]),
            "f1": f1_score(score["precision"], score["recall"])}


def judge_groups(outcome: Mapping[str, float], params: Mapping[str, object]) -> Verdict:
    """Full points at the target F1 (above the baseline's), half at :data:`MIN_F1`, nothing below."""
    precision = "-" if np.isnan(outcome["precision"]) else f"{outcome['precision']:.3f}"
    values = {"f1": f"{outcome['f1']:.3f}", "precision": precision, "recall": f"{outcome['recall']:.3f}",
              "target": f"{params['target']:.3f}", "baseline": f"{params['baseline_f1']:.3f}",
              "minimum": f"{params['minimum']:.3f}"}
    if outcome["f1"] >= params["target"]:
        return Verdict(1.0, "ex06.verdict.target", values)
    if outcome["f1"] >= params["minimum"]:
        return Verdict(0.5, "ex06.verdict.minimum", values)
    return Verdict(0.0, "ex06.verdict.below", values)


TASKS = (
    Task("n_records", "integer", 1, "ex06.hint.n_records"),
    Task("missing_phone", "integer", 1, "ex06.hint.missing_phone"),
    Task("n_baseline_groups", "integer", 1, "ex06.hint.n_baseline_groups"),
    # Half a thousandth of recall: three decimals stay right, and one pair more or less (of about 60) does not.
    Task("baseline_recall", "number", 1, "ex06.hint.baseline_recall", tolerance=0.0005, fraction=True),
    Task("duplicate_groups", "decision", 2, "ex06.hint.duplicate_groups",
         decision=Decision(dict, score_groups, judge_groups, encode=encode_groups, decode=decode_groups,
                           personal=lambda groups: {"n_records": len(groups)})),
    Task("why_groups", "text", 2, "ex06.hint.why_groups"),
)


def cells() -> list[dict]:
    """The questions of exercise 06 (after the setup cell)."""
    return [
        code("""
from crmsim.exercises.customer_development import baseline_cleaning

file = exercise.handout()  # your customer file as typed: one row per record (None until your id is written)
file.head(8) if exercise.ready else None
"""),
        md("""
`file` is your customer file as the sales offices typed it over the years: one row per **record**, with `record_id`,
the firm's names in Chinese and English, `phone`, `region`, `city`, `customer_since`, `employees` and
`annual_revenue`. The same firm can appear more than once under a variant of its name (有限责任公司 for 有限公司,
pinyin in the Chinese field, full-width letters, another spelling of Co., Ltd.), often without its phone; phones,
regions and dates are written in several formats; some fields are empty (`None` or NaN) and some values are
impossible. As with a real file, nobody tells you which firm each record is: the file is all you get (its firms are
not the customers of `world`). To see how good a grouping of the records is, try it:
`exercise.try_decision("duplicate_groups", groups)` gives the precision, recall and F1 of the whole grouping
(a few dozen tries per session; question 4 says what they mean).

**Question 1 (1 point).** How many records does your file have?
""", """
`file` 是多年来各销售处录入的客户档案：每条**记录**一行，包括 `record_id`、企业的中英文名称、电话 `phone`、地区 `region`、
城市 `city`、建立关系日期 `customer_since`、员工数 `employees` 和年营业收入 `annual_revenue`。同一家企业可能以不同的名称
出现不止一次（有限责任公司代替有限公司、中文栏里写拼音、全角字母、Co., Ltd. 的另一种写法），而且常常没有电话；电话、地区和日期
有多种写法；有些字段为空（`None` 或 NaN），有些数值不可能成立。和真实的档案一样，没有人告诉你每条记录是哪家企业：你手里只有
这份档案（其中的企业也不是 `world` 里的客户）。想知道一种分组好不好，就试算它：`exercise.try_decision("duplicate_groups", groups)`
给出整个分组的精确率、召回率和 F1（每次会话可试算几十次；第4题说明它们的含义）。

**第1题（1分）** 你的档案有多少条记录？
"""),
        code("""
n_records = None  # your answer, a count
exercise.check("n_records", n_records)
"""),
        md("""
**Question 2 (1 point).** How many records have no phone at all (the field is empty)?
""", """
**第2题（1分）** 有多少条记录完全没有电话（该字段为空）？
"""),
        code("""
missing_phone = None  # your answer, a count
exercise.check("missing_phone", missing_phone)
"""),
        md("""
**Question 3 (1 point).** `baseline_cleaning(file)` is the simple rule-based cleaning of the lesson
(`dev.clean_baseline`, run on the file alone): it returns the repaired file and one group label per record (records
with the same phone or the same normalised Chinese name are one firm). Into how many groups, that is how many firms
by its count, does it sort your records?
""", """
**第3题（1分）** `baseline_cleaning(file)` 是课上那种简单的基于规则的清洗（`dev.clean_baseline`，只作用于档案本身）：
它返回修复后的档案，并给每条记录一个分组标签（电话相同或规范化后的中文名称相同的记录视为同一家企业）。它把你的记录分成了多少组，
也就是按它的算法共有多少家企业？
"""),
        code("""
if exercise.ready:
    repaired, baseline_labels = baseline_cleaning(file)
"""),
        code("""
n_baseline_groups = None  # your answer, a count
exercise.check("n_baseline_groups", n_baseline_groups)
"""),
        md("""
**Question 4 (1 point).** A grouping is a dict from each `record_id` of the file to a firm key (records with the same
key are one firm). Try the baseline's grouping with `exercise.try_decision("duplicate_groups", groups)`: of the pairs
of records it puts together, the share that really are one firm is its **precision**; of the pairs of records that
really are one firm, the share it puts together is its **recall**; F1 is their harmonic mean. What is the baseline's
recall? Answer as a fraction (three decimals are enough).
""", """
**第4题（1分）** 分组是一个字典：把档案中的每个 `record_id` 映射到一个企业键（键相同的记录视为同一家企业）。用
`exercise.try_decision("duplicate_groups", groups)` 试算基线的分组：在它归到一起的记录对中，确实属于同一家企业的比例是
**精确率**；在确实属于同一家企业的记录对中，被它归到一起的比例是**召回率**；F1 是两者的调和平均数。基线的召回率是多少？
请以小数作答（三位小数即可）。
"""),
        code("""
if exercise.ready:
    baseline_groups = dict(zip(file["record_id"], baseline_labels))
    print(exercise.try_decision("duplicate_groups", baseline_groups))
"""),
        code("""
baseline_recall = None  # your answer, a fraction
exercise.check("baseline_recall", baseline_recall)
"""),
        md("""
**Question 5 (2 points, a decision).** Find the firms behind the records better than the baseline does. Hand in a
grouping of every record of the file, e.g. `dict(zip(file["record_id"], labels))`. It is scored by its **F1**: full
points at the target, which closes half of the gap the baseline leaves to a perfect grouping, half points at the
minimum (`exercise.params("duplicate_groups")` shows both). Build your groups from the file (normalise the names
and phones, compare more than one field), compare your candidates with `exercise.try_decision`, and hand in the best
one: question 6 asks for your rule.
""", """
**第5题（2分，决策题）** 请比基线更准确地找出记录背后的企业。提交档案中全部记录的一个分组，例如
`dict(zip(file["record_id"], labels))`。评分依据其 **F1**：达到目标得满分（目标是把基线与完美分组之间的差距缩小一半），
达到最低要求得一半分数（两者见 `exercise.params("duplicate_groups")`）。请根据档案建立分组（规范化名称和电话，比较不止一个字段），
用 `exercise.try_decision` 比较你的候选方案，然后提交最好的那个：第6题要求你说明你的规则。
"""),
        code("""
if exercise.ready:
    print(exercise.params("duplicate_groups"))
"""),
        code("""
duplicate_groups = None  # your groups, a dict record_id -> firm key
exercise.check("duplicate_groups", duplicate_groups)
"""),
        md("""
**Question 6 (2 points, graded by your instructor).** In two or three sentences: what rule did you use to decide
that two records are the same firm, which duplicates does it find that the baseline misses, and what could make it
join two different firms?
""", """
**第6题（2分，由教师评分）** 用两三句话说明：你用什么规则判断两条记录属于同一家企业？它找到了哪些基线漏掉的重复记录？
什么情况可能使它把两家不同的企业合并在一起？
"""),
        code('''
why_groups = """
"""  # your sentences, between the quotes
exercise.check("why_groups", why_groups)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("customer_development", "06", "ex06.title", TASKS, N_CUSTOMERS, cells, handout=customer_file)
