"""Exercise 01: per-student data, self-grading checks, and the notebook solved end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

import crmsim
from crmsim.exercises import CustomerValueExercise

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exercise():
    return CustomerValueExercise("s2024001", course_seed=7)


def test_each_student_has_own_reproducible_data():
    a1 = CustomerValueExercise("s2024001", course_seed=7)
    a2 = CustomerValueExercise("s2024001", course_seed=7)
    b = CustomerValueExercise("s2024002", course_seed=7)
    pd.testing.assert_frame_equal(a1.world.orders, a2.world.orders)
    assert not a1.world.orders["revenue"].equals(b.world.orders["revenue"])


def test_right_answers_score_full_marks_and_wrong_ones_get_a_hint(exercise):
    for task in exercise.tasks:
        assert exercise.check(task, exercise.solution(task)).passed
    score = exercise.score()
    assert score.iloc[-1, 2] == sum(t.points for t in exercise.tasks.values()) == 5

    assert not exercise.check("top_segment", "no-such-segment").passed
    wrong = exercise.check("a_share", exercise.solution("a_share") + 0.05)
    assert not wrong.passed and wrong.points == 0 and "80%" in wrong.message
    assert exercise.check("a_share", exercise.solution("a_share") + 0.004).passed  # within tolerance
    assert exercise.check("negative_value_customers", None).message == "No answer yet."
    assert not exercise.check("a_share", "a lot").passed


def test_the_solution_is_the_independent_pandas_computation(exercise):
    w = exercise.world
    by_segment = w.orders.merge(w.customers[["customer_id", "segment"]], on="customer_id").groupby(
        "segment", observed=True)["revenue"].sum()
    assert exercise.solution("top_segment") == by_segment.idxmax()
    values = crmsim.value.customer_value(w)
    assert exercise.solution("negative_value_customers") == (values["historical_value"] < 0).sum()


def test_feedback_speaks_chinese(exercise):
    crmsim.set_language("zh")
    assert exercise.check("top_segment", None).message == "尚未作答。"
    assert "按客户类别" in exercise.check("top_segment", "x").message


def test_unknown_task_is_named():
    with pytest.raises(ValueError, match="'q9'"):
        CustomerValueExercise("s1").check("q9", 1)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_notebook_solved_scores_full_marks(language, tmp_path):
    nb = nbformat.read(ROOT / "exercises" / language / "01_customer_value_exercise.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"^(\w+) = None  # your answer",
                                 lambda m: f'{m.group(1)} = exercise.solution("{m.group(1)}")', cell.source, flags=re.M)
            cell.outputs = []
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    last = nb.cells[-1].outputs[0]["data"]["text/plain"]
    assert ("5 of 5" if language == "en" else "5 / 5") in last
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))
    outputs = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert outputs.count("✅") >= 2 * len(CustomerValueExercise.tasks)  # each check, and each row of the score
