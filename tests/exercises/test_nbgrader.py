"""nbgrader: the source notebooks go through nbgrader's own generate_assignment and autograde, offline, and the
scores of two synthetic students are those of ``crmsim class grade`` on the same submissions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crmsim.__main__ import main
from crmsim.exercises import get_exercise
from crmsim.exercises.customer_development import messy_file
from crmsim.exercises.solutions import judged_world
from crmsim.exercises.solvers.customer_development import sensible_groups
from crmsim.exercises.solvers.role_play import candidates
from crmsim.seeding import student_seed

from .classroom import COURSE_SEED, WRITTEN, fill, truths, write_roster

pytest.importorskip("nbgrader")


def nbgrader(course: Path, *args: str) -> None:
    # nbgrader runs its database migrations with the `alembic` script of its own environment
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_nbgrader_autograde_gives_the_scores_of_class_grade(tmp_path):
    course = tmp_path / "course"
    assert main(["class", "nbgrader", "--course-seed", str(COURSE_SEED), "--exercise", "05", "--out", str(course)]) == 0
    source = json.loads((course / "source" / "role_play" / "role_play.ipynb").read_text(encoding="utf-8"))
    kinds = [c["metadata"]["nbgrader"] for c in source["cells"] if "nbgrader" in c["metadata"]]
    assert sum(k["grade"] and not k["solution"] for k in kinds) == 5  # a hidden test per scored task
    assert sum(k["points"] for k in kinds if k["grade"]) == 8  # 6 scored automatically, 2 by the rubric
    nbgrader(course, "generate_assignment", "role_play")
    release = course / "release" / "role_play" / "role_play.ipynb"
    text = release.read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in text and "instructor_answer" not in text and "hidden_points" not in text

    spec = get_exercise("role_play")
    from crmsim import roleplay as rp

    answers = {}
    for student in ("n1", "n2"):
        world = spec.build_world(student_seed(COURSE_SEED, student))
        scenario = rp.make_scenario(world, seed=0)
        right = truths(student, "role_play", spec.n_customers)
        if student == "n1":
            plan, given = candidates(world)["plan"][0], right
        else:  # the textbook's moves (half the decision's points) and one number wrong
            plan, given = rp.example_moves(scenario, "textbook").to_dict("records"), {**right, "novice_health": 0.5}
        answers[student] = given
        fill(release, course / "submitted" / student / "role_play" / "role_play.ipynb", given, text=None,
             replace={'STUDENT_ID = ""': f'STUDENT_ID = "{student}"',
                      "plan = None  # your moves": f"plan = {plan!r}  # your moves",
                      'why_plan = """\n"""': f'why_plan = """{WRITTEN}"""'})
    assert autograde_and_class_grade(tmp_path, course, "role_play", "05") == {"n1": 6, "n2": 4}


def autograde_and_class_grade(tmp_path: Path, course: Path, exercise: str, number: str, *extra: str) -> dict:
    """nbgrader's scores of the submitted notebooks, checked to be those of ``class grade`` on the same files."""
    nbgrader(course, "autograde", exercise, "--create")
    from nbgrader.api import Gradebook

    students = sorted(p.name for p in (course / "submitted").iterdir())
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        scores = {s: book.find_submission(exercise, s).score for s in students}
    submissions = tmp_path / "submissions"
    for student in students:
        (submissions / student).mkdir(parents=True)
        shutil.copy(course / "submitted" / student / exercise / f"{exercise}.ipynb",
                    submissions / student / f"{exercise}.ipynb")
    roster = write_roster(tmp_path / "roster.csv", students)
    main(["class", "grade", "--roster", str(roster), "--submissions", str(submissions), "--out",
          str(tmp_path / "book.csv"), "--course-seed", str(COURSE_SEED), "--exercise", number, "--jobs", "2", *extra])
    ours = pd.read_csv(tmp_path / "book.csv", dtype={"student_id": str}).set_index("student_id")["total"]
    assert ours.to_dict() == scores
    return scores


def test_nbgrader_and_class_grade_agree_on_the_customer_file(tmp_path):
    """Exercise 06: its answer is a grouping of the file's records (a dict), which must reach both graders whole."""
    small = "120"
    course = tmp_path / "course"
    assert main(["class", "nbgrader", "--course-seed", str(COURSE_SEED), "--exercise", "06", "--customers", small,
                 "--out", str(course)]) == 0
    nbgrader(course, "generate_assignment", "customer_development")
    release = course / "release" / "customer_development" / "customer_development.ipynb"
    spec = get_exercise("customer_development")
    for student in ("n1", "n2"):
        file = messy_file(judged_world(spec, student, COURSE_SEED, int(small))).file
        right = truths(student, "customer_development", int(small))
        if student == "n1":
            groups, given = sensible_groups(file), right
        else:  # every record on its own (no points for the grouping) and one count wrong
            groups, given = {r: r for r in file["record_id"].tolist()}, {**right, "n_records": right["n_records"] + 1}
        fill(release, course / "submitted" / student / "customer_development" / "customer_development.ipynb",
             given, text=None, replace={'STUDENT_ID = ""': f'STUDENT_ID = "{student}"',
                                        "groups = None  # your groups": f"groups = {groups!r}  # your groups",
                                        'why_groups = """\n"""': f'why_groups = """{WRITTEN}"""'})
    scores = autograde_and_class_grade(tmp_path, course, "customer_development", "06", "--customers", small)
    assert scores == {"n1": 6, "n2": 3}
