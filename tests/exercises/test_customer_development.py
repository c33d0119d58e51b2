"""Exercise 06, cleaning the messy customer file: reachable decision, encoding, and the notebook graded end to end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import development as dev
from crmsim.exercises import get_exercise, practice
from crmsim.__main__ import main
from crmsim.exercises.collect import decode, encode
from crmsim.exercises.customer_development import MIN_F1, messy_file
from crmsim.exercises.forensics import suspicions
from crmsim.exercises.grading import Grades, StudentResult, _mark_run, class_keys
from crmsim.exercises.runner import Run
from crmsim.exercises.solutions import correct_values, judged_world, solver
from crmsim.exercises.solvers.customer_development import sensible_groups

from .classroom import COURSE_SEED, WRITTEN, fill, truths, write_roster

STUDENTS = [f"reach-{i:03d}" for i in range(50)]
#: Small files keep fifty students to a few seconds; the rule's margin does not depend on the size.
SMALL = 120


def _judged(spec, world, answer, params):
    task = spec.task("duplicate_groups")
    return task.decision.judge(task.decision.evaluate(world, answer, params), params)


def test_a_better_grouping_than_the_baseline_exists_for_every_student():
    spec = get_exercise("customer_development")
    baseline_below_target = 0
    for student in STUDENTS:
        world = judged_world(spec, student, 2024, SMALL)
        params = correct_values(spec, world)[1]["duplicate_groups"]
        assert params["target"] > params["baseline_f1"] or params["baseline_f1"] == 1, (student, params)
        rule, baseline = solver(spec).candidates(world)["duplicate_groups"]
        assert _judged(spec, world, rule, params).credit == 1, (student, params)
        verdict = _judged(spec, world, baseline, params)
        assert verdict.credit >= 0.5  # the baseline passes the minimum ...
        baseline_below_target += verdict.credit < 1
        alone = {r: r for r in messy_file(world).file["record_id"].tolist()}
        assert _judged(spec, world, alone, params).credit == 0  # ... and every record on its own earns nothing
    assert baseline_below_target >= 30  # ... and copying it misses full points on most of these small files


def test_at_the_exercise_size_the_baseline_is_short_of_perfect_on_nearly_every_file():
    spec = get_exercise("customer_development")
    below = 0
    for student in STUDENTS:
        world = judged_world(spec, student, 2024)
        below += solver(spec).decision_params(world)["duplicate_groups"]["baseline_f1"] < 1
    assert below >= 45  # 49 of these 50 (see N_CUSTOMERS): the target asks for more than the baseline


def test_the_handout_is_the_file_the_key_is_computed_on_and_not_the_notebook_worlds():
    spec = get_exercise("customer_development")
    exercise = practice("06", "s-same", course_seed=2024, n_customers=SMALL)
    world = judged_world(spec, "s-same", 2024, SMALL)
    pd.testing.assert_frame_equal(exercise.handout(), messy_file(world).file)
    assert exercise._key.data_seed not in (None, exercise.seed)
    assert judged_world(spec, "s-same", 2024, SMALL).seed.entropy == exercise._key.data_seed  # deterministic
    own = dev.make_messy_customer_file(exercise.world, seed=exercise.world.seed, rates={"duplicate": 0.2}).file
    assert not own.equals(exercise.handout())  # the file is not the one the notebook's world makes
    other = practice("06", "s-other", course_seed=2024, n_customers=SMALL)
    assert not other.handout().equals(exercise.handout())  # every student cleans their own file
    assert "truth" not in " ".join(c["source"] for c in spec.cells() if c["type"] == "code")


def test_groups_survive_the_trip_to_the_grader_and_bad_groups_are_refused_clearly():
    exercise = practice("06", "s-encode", course_seed=2024, n_customers=SMALL)
    task = exercise.spec.task("duplicate_groups")
    file = exercise.handout()
    groups = {np.int64(r): f"firm {g}" for r, g in sensible_groups(file).items()}
    again = decode(task, json.loads(json.dumps(encode(task, groups))))
    assert again == {int(r): g for r, g in groups.items()}
    assert exercise.check("duplicate_groups", again).passed
    first = int(file["record_id"].iloc[0])
    for bad, words in (({first: 1}, "every record"), ({**groups, "x": 1}, "record ids"),
                       ({**groups, np.int64(first): [1, 2]}, "number or a text")):
        feedback = exercise.check("duplicate_groups", bad)
        assert feedback.status == "shape" and words in feedback.message, feedback.message
    assert "dict" in exercise.check("duplicate_groups", pd.Series([1, 2])).message
    crmsim.set_language("zh")
    assert "record_id" in exercise.check("duplicate_groups", {first: 1}).message


def test_blank_answers_score_nothing_and_solved_ones_full_points():
    exercise = practice("06", "s-full", course_seed=2024, n_customers=SMALL)
    truth, params = correct_values(exercise.spec, exercise._judged_world())
    for task in exercise.spec.tasks:
        assert exercise.check(task.name, None).points == 0
    for name, value in truth.items():
        assert exercise.check(name, value).passed, name
    rule = solver(exercise.spec).candidates(exercise._judged_world())["duplicate_groups"][0]
    assert rule == sensible_groups(exercise.handout())  # the solver's rule needs nothing but the handout
    assert exercise.check("duplicate_groups", rule).passed
    assert exercise.score().points == exercise.spec.total_points == 6
    assert MIN_F1 < params["duplicate_groups"]["baseline_f1"]


def test_class_grade_marks_a_blank_notebook_zero_and_a_solved_one_full(tmp_path):
    spec = get_exercise("customer_development")
    ids = ["d1", "d2"]
    roster = write_roster(tmp_path / "roster.csv", ids)
    args = ["--course-seed", str(COURSE_SEED), "--exercise", "06", "--customers", str(SMALL)]
    assert main(["class", "release", "--roster", str(roster), "--out", str(tmp_path / "released"), *args]) == 0
    submissions = tmp_path / "submissions"
    blank = tmp_path / "released" / "d2" / "customer_development.ipynb"
    fill(blank, submissions / "d2" / "customer_development.ipynb", text=None)
    groups = sensible_groups(messy_file(judged_world(spec, "d1", COURSE_SEED, SMALL)).file)
    fill(tmp_path / "released" / "d1" / "customer_development.ipynb",
         submissions / "d1" / "customer_development.ipynb", truths("d1", "customer_development", SMALL), text=None,
         replace={"duplicate_groups = None  # your groups": f"duplicate_groups = {groups!r}  # your groups",
                  'why_groups = """\n"""': f'why_groups = """{WRITTEN}"""'})
    assert main(["class", "grade", "--roster", str(roster), "--submissions", str(submissions),
                 "--out", str(tmp_path / "book.csv"), "--jobs", "2", *args]) == 0
    book = pd.read_csv(tmp_path / "book.csv", dtype={"student_id": str}).set_index("student_id")
    assert list(book["total"]) == [6, 0] and (book["out_of"] == 6).all()
    assert list(book["customer_development.duplicate_groups"]) == [2, 0]


def test_forensics_flags_a_grouping_made_for_another_students_file():
    """A grouping copied from a neighbour (their file's truth) earns nothing on one's own file and all points on
    theirs: flagged with the neighbour as the source. An honest grouping worth nothing, or one's own truth, is not."""
    spec = get_exercise("customer_development")
    task = spec.task("duplicate_groups")
    ids = ["g1", "g2", "g3", "g4"]
    roster = pd.DataFrame({"student_id": ids})
    keys, values = class_keys(roster, COURSE_SEED, [spec], SMALL)
    files = {s: messy_file(spec.judged_world(keys[(s, spec.name)])) for s in ids}

    def truth_of(student):
        return dict(zip(files[student].truth["record_id"].tolist(), files[student].truth["customer_id"].tolist()))

    groups = {"g1": sensible_groups(files["g1"].file),  # honest and good
              "g2": truth_of("g1"),  # the neighbour's truth
              "g3": {r: r for r in files["g3"].file["record_id"].tolist()},  # honest and worth nothing
              "g4": truth_of("g4")}  # one's own truth: full points, nothing to do with anyone else
    results = {}
    for student in ids:
        result = results[(student, spec.name)] = StudentResult(student, spec.name)
        answers = {"duplicate_groups": encode(task, groups[student])}
        payload = {"exercises": [{"exercise": spec.name, "student_id": student, "answers": answers,
                                  "seed": keys[(student, spec.name)].seed}]}
        _mark_run(result, spec, keys[(student, spec.name)], Run(Path(f"{student}.ipynb"), payload=payload), COURSE_SEED)
    grades = Grades(roster, [spec], results, [], keys, values)
    assert [results[(s, spec.name)].marks["duplicate_groups"].points for s in ids] == [2, 0, 0, 2]
    flagged = suspicions(grades, spec)
    assert list(flagged) == ["g2"] and flagged["g2"].source == "g1" and flagged["g2"].tasks == ("duplicate_groups",)
    assert "g1" in flagged["g2"].describe("en")
