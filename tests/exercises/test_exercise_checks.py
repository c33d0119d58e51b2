"""The student's side: ids, checks that never reveal an answer, shapes, limits, languages."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import fonts
from crmsim.exercises import MAX_CHECKS, normalise_student_id, practice, released
from crmsim.exercises.exercise import SYMBOLS
from crmsim.exercises.ids import MissingStudentId
from crmsim.exercises.solutions import answer_key, correct_values


@pytest.fixture(scope="module")
def solved():
    exercise = practice("customer_value", "t-checks-1", course_seed=7)
    truth, _ = correct_values(exercise.spec, exercise.world)
    return exercise, truth


@pytest.mark.parametrize("raw, normal", [(" S2024 001 ", "s2024 001"), ("s2024\t  001", "s2024 001"),
                                         (2024001, "2024001"), (np.int64(2024001), "2024001"),
                                         (2024001.0, "2024001"), ("ＡＢ", "ａｂ")])
def test_ids_are_normalised(raw, normal):
    assert normalise_student_id(raw) == normal


@pytest.mark.parametrize("raw, error, words", [("", MissingStudentId, "empty"), (None, MissingStudentId, "empty"),
                                               ("demo-student", ValueError, "example id"),
                                               (12.5, ValueError, "whole"), (-3, ValueError, "whole"),
                                               (True, TypeError, "text or a whole number"),
                                               ([1], TypeError, "text or a whole number")])
def test_bad_ids_are_refused_with_the_reason(raw, error, words):
    with pytest.raises(error, match=words):
        normalise_student_id(raw)


def test_case_and_spaces_give_the_same_data_and_a_numeric_id_works():
    a = practice("01", "S2024 001", course_seed=7)
    b = practice("01", " s2024  001", course_seed=7)
    assert a.seed == b.seed and a.student_id == "s2024 001"
    assert practice("01", 2024001, course_seed=7).seed == practice("01", "2024001", course_seed=7).seed


@pytest.mark.parametrize("student_id", ["", "demo-student"])
def test_no_id_gives_a_friendly_message_on_every_check(student_id):
    exercise = practice("01", student_id, course_seed=7)
    assert exercise.world is None
    for task in exercise.tasks:
        feedback = exercise.check(task, 1)
        assert feedback.status == "blocked" and not feedback.passed
    assert "student id" in str(exercise.check("a_share", 0.2))


def test_right_answers_pass_and_nothing_reachable_holds_them(solved):
    exercise, truth = solved
    for task, value in truth.items():
        assert exercise.check(task, value).passed, task
    reachable = json.dumps({k: repr(v) for k, v in vars(exercise).items() if k not in ("_world", "spec")})
    reachable += exercise._key.to_token() + repr(exercise._key)
    for task, value in truth.items():
        if task != "a_share":  # a share's digits could appear by chance in a digest; its cell is hashed
            assert f"'{value}'" not in reachable and f": {value}," not in reachable
    assert not hasattr(exercise, "solution") and not hasattr(exercise.spec, "solve")
    assert "solutions" not in type(exercise).__module__


def test_labels_in_either_language_are_accepted(solved):
    exercise, truth = solved
    code = truth["top_segment"]
    for answer in (code.upper(), crmsim.t(f"segment.{code}", language="en"),
                   crmsim.t(f"segment.{code}", language="zh"), f"  {crmsim.t(f'segment.{code}', language='en').lower()} "):
        assert exercise.check("top_segment", answer).passed, answer


def test_tolerance_is_one_customer_and_the_cumulative_rule_is_accepted(solved):
    exercise, truth = solved
    n = len(exercise.world.customers)
    assert exercise.check("a_share", truth["a_share"] - 1 / n).passed
    values = crmsim.value.customer_value(exercise.world).sort_values("historical_value", ascending=False)
    cumulative = values["historical_value"].cumsum() / values["historical_value"].sum()
    assert exercise.check("a_share", float((cumulative <= 0.8).mean())).passed  # the other common reading
    assert not exercise.check("a_share", truth["a_share"] + 3 / n).passed


@pytest.mark.parametrize("answer, words", [(pd.Series([1.0, 2.0]), "Series"), (pd.DataFrame({"a": [1]}), "table"),
                                           ("0.3", "remove the quotes"), ([0.1, 0.2], "list"),
                                           (float("nan"), "finite"), (30, "percentage"), (True, "number")])
def test_wrong_shapes_get_a_message_not_a_crash(answer, words):
    exercise = practice("01", "t-shapes", course_seed=7)
    feedback = exercise.check("a_share", answer)
    assert feedback.status == "shape" and words in feedback.message


def test_a_series_for_the_segment_explains_idxmax():
    exercise = practice("01", "t-series", course_seed=7)
    revenue = exercise.world.orders.groupby("customer_id")["revenue"].sum()
    assert "idxmax" in exercise.check("top_segment", revenue).message
    assert "not one of" in exercise.check("top_segment", "no-such-segment").message


def test_checks_are_limited_and_then_graded_at_hand_in():
    exercise = practice("01", "t-limit", course_seed=7)
    codes = [s for s in exercise.spec.task("top_segment").choices]
    statuses = [exercise.check("top_segment", code).status for code in codes + codes]
    assert statuses[MAX_CHECKS:] == ["limit"] * (len(statuses) - MAX_CHECKS)
    again = practice("01", "t-limit", course_seed=7)  # a new object does not reset the count
    assert again.check("top_segment", codes[0]).status == "limit"


def test_the_written_answer_is_saved_not_scored():
    exercise = practice("01", "t-text", course_seed=7)
    assert exercise.check("why_potential", "too short").status == "shape"
    saved = exercise.check("why_potential", "It is worth most in future, so a manager should invest in it now.")
    assert saved.status == "saved" and saved.points == 0


def test_the_id_heads_every_check_and_the_score(solved):
    exercise, _ = solved
    assert str(exercise.check("a_share", None)).startswith("Student t-checks-1")
    assert exercise.score().header().startswith("Student t-checks-1")


def test_chinese_messages_task_names_and_marks_that_every_font_has():
    exercise = practice("01", "t-chinese", course_seed=7)
    truth, _ = correct_values(exercise.spec, exercise.world)
    crmsim.set_language("zh")
    assert exercise.check("negative_value_customers", None).message == "尚未作答。"
    assert "客户类别" in exercise.check("top_segment", "ordinary" if truth["top_segment"] != "ordinary"
                                        else "group").message
    table = exercise.score().table
    assert list(table.columns) == ["题目", "结果", "得分", "满分"]
    assert table["题目"].str.contains("第1题").any()
    text = "".join(table.astype(str).to_numpy().ravel()) + "".join(SYMBOLS.values())
    assert fonts.missing_glyphs(text) == set()
    assert "✅" not in text and "❌" not in text


def test_a_released_key_works_only_for_its_student():
    key = answer_key("01", "t-owner", 7, n_customers=60)
    truth, _ = correct_values(key_spec := practice("01", "t-owner", course_seed=7).spec,
                              key_spec.build_world(key.seed, 60))
    assert released("T-OWNER", key.to_token()).check("top_segment", truth["top_segment"]).passed
    assert released("t-other", key.to_token()).check("top_segment", truth["top_segment"]).status == "blocked"
    assert "7" not in json.dumps({k: v for k, v in json.loads(__import__("base64").urlsafe_b64decode(
        key.to_token())).items() if k in ("course_seed",)})
    with pytest.raises(ValueError, match="damaged"):
        released("t-owner", key.to_token()[:-10])


def test_unknown_task_and_exercise_are_named():
    exercise = practice("01", "t-unknown", course_seed=7)
    with pytest.raises(ValueError, match="'q9'"):
        exercise.check("q9", 1)
    with pytest.raises(ValueError, match="customer_value"):
        practice("99", "t-unknown", course_seed=7)
