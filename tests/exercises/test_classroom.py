"""The instructor's side: release, grade (every fault on its own line), feedback, forensics, from the command line."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from crmsim.__main__ import main
from crmsim.exercises.roster import RosterError, read_roster
from crmsim.files import STAGING_MARK
from crmsim.seeding import student_seed

from .classroom import COURSE_SEED, CUSTOMERS, WRITTEN, fill, truths, write_roster

ARGS = ["--course-seed", str(COURSE_SEED), "--customers", str(CUSTOMERS), "--exercise", "01"]


def release(tmp: Path, ids: list[str], *extra: str) -> tuple[Path, Path]:
    roster = write_roster(tmp / "roster.csv", ids)
    assert main(["class", "release", "--roster", str(roster), "--out", str(tmp / "released"), *ARGS, *extra]) == 0
    return roster, tmp / "released"


def grade(tmp: Path, roster: Path, submissions: Path, *extra: str) -> tuple[int, pd.DataFrame]:
    code = main(["class", "grade", "--roster", str(roster), "--submissions", str(submissions),
                 "--out", str(tmp / "gradebook.csv"), "--jobs", "2", *ARGS, *extra])
    return code, pd.read_csv(tmp / "gradebook.csv", dtype={"student_id": str}, keep_default_na=False)


def test_the_issue_end_to_end(tmp_path, capsys):
    """Release for three; one solved, one blank, one with the neighbour's answers: full, zero, zero and a flag."""
    ids = ["s001", "s002", "s003"]
    roster, released = release(tmp_path, ids)
    assert sorted(p.name for p in released.iterdir()) == ids
    notebook = (released / "s001" / "customer_value.ipynb").read_text(encoding="utf-8")
    sources = "".join("".join(c["source"]) for c in json.loads(notebook)["cells"])
    token = re.search(r'released\(STUDENT_ID, "([^"]+)"\)', sources).group(1)
    key = json.loads(base64.urlsafe_b64decode(token))
    assert key["seed"] == student_seed(COURSE_SEED, "s001") and "course_seed" not in key
    assert set(key) == {"v", "exercise", "student_id", "seed", "salt", "digests", "params", "n_customers"}
    assert key["params"] == {"a_share": {"tolerance": 1 / CUSTOMERS}}  # digests only, no answer
    submissions = tmp_path / "submissions"
    fill(released / "s001" / "customer_value.ipynb", submissions / "s001" / "customer_value.ipynb", truths("s001"))
    shutil.copytree(released / "s002", submissions / "s002")
    fill(released / "s003" / "customer_value.ipynb", submissions / "s003" / "customer_value.ipynb", truths("s001"))

    code, book = grade(tmp_path, roster, submissions)
    report = capsys.readouterr().out
    assert code == 1 and len(book) == 3
    book = book.set_index("student_id")
    assert book.loc["s001", "total"] == book.loc["s001", "out_of"] == 5
    assert book.loc["s002", "total"] == 0 and not book.loc["s002", "flags"]
    shared = sum(p for task, p in (("top_segment", 1), ("a_share", 2), ("negative_value_customers", 1),
                                   ("top_potential_customer", 1))
                 if truths("s001")[task] == truths("s003")[task] or task == "a_share"
                 and abs(truths("s001")[task] - truths("s003")[task]) <= 1.5 / CUSTOMERS)
    assert book.loc["s003", "total"] == shared < 5
    assert "s001" in book.loc["s003", "flags"] and "s003 · customer_value" in report
    assert (tmp_path / "gradebook.xlsx").is_file()
    texts = pd.read_csv(tmp_path / "gradebook.interpretations.csv", keep_default_na=False)
    assert texts.set_index("student_id").loc["s001", "answer"].startswith("It has the largest")
    assert not [p for p in tmp_path.rglob("*") if STAGING_MARK in p.name]


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """One grading run over every fault the issue lists, so the kernels start once, two at a time."""
    tmp = tmp_path_factory.mktemp("faults")
    ids = ["solved", "blank", "partial", "raises", "loops", "notjson", "noid", "otherid", "missing", "shapes"]
    roster, released = release(tmp, ids)
    sub = tmp / "submissions"
    right = truths("solved")

    def src(student):
        return released / student / "customer_value.ipynb"

    fill(src("solved"), sub / "solved" / "customer_value.ipynb", right)
    shutil.copytree(released / "blank", sub / "BLANK")  # the folder's case does not matter
    partial = truths("partial")
    fill(src("partial"), sub / "partial" / "customer_value.ipynb",
         {**partial, "negative_value_customers": partial["negative_value_customers"] + 7})
    fill(src("raises"), sub / "raises" / "customer_value.ipynb", truths("raises"), extra_cell="1 / 0")
    fill(src("loops"), sub / "loops" / "customer_value.ipynb", truths("loops"), extra_cell="while True:\n    pass")
    (sub / "notjson").mkdir()
    (sub / "notjson" / "customer_value.ipynb").write_text("{ this is not json", encoding="utf-8")
    fill(src("noid"), sub / "noid" / "customer_value.ipynb", truths("noid"),
         replace={"STUDENT_ID = 'noid'": "STUDENT_ID = ''"})
    fill(src("solved"), sub / "otherid" / "customer_value.ipynb", right)  # someone else's whole notebook
    fill(src("shapes"), sub / "shapes" / "customer_value.ipynb",
         replace={"top_segment = None": "top_segment = world.orders.groupby('customer_id')['revenue'].sum()",
                  "a_share = None": "a_share = '0.2'"})
    (sub / "stranger").mkdir()
    (sub / "stranger" / "customer_value.ipynb").write_text("{}", encoding="utf-8")
    (sub / "solved" / "notes.ipynb").write_text("{}", encoding="utf-8")
    code, book = grade(tmp, roster, sub, "--cell-timeout", "4")
    return code, book.set_index("student_id"), tmp


def test_scores_full_zero_and_partial(faults):
    _, book, _ = faults
    assert book.loc["solved", "total"] == 5 and book.loc["blank", "total"] == 0
    assert book.loc["partial", "total"] == 4 and book.loc["partial", "customer_value.negative_value_customers"] == 0
    assert list(book.index) == ["solved", "blank", "partial", "raises", "loops", "notjson", "noid", "otherid",
                                "missing", "shapes"]


def test_each_fault_is_reported_on_its_line_and_no_grade_is_lost(faults, capsys):
    code, book, _ = faults
    assert code == 1
    problems = book["problems"]
    assert "raised ZeroDivisionError" in problems["raises"] and book.loc["raises", "total"] == 5
    assert "interrupted" in problems["loops"] and book.loc["loops", "total"] == 5
    assert "not a notebook" in problems["notjson"] and book.loc["notjson", "total"] == 0
    assert "no usable student id" in problems["noid"]
    assert "'solved'" in problems["otherid"] and "solved" in book.loc["otherid", "flags"]
    assert book.loc["missing", "status"] == "customer_value: missing"
    assert book.loc["shapes", "total"] == 0
    assert book.loc["solved", "problems"] == book.loc["blank", "problems"] == ""  # released notebooks run cleanly


def test_stray_folders_and_notebooks_are_named(tmp_path, capsys):
    roster, released = release(tmp_path, ["a1", "b2"])
    sub = tmp_path / "sub"
    shutil.copytree(released / "a1", sub / "a1")
    shutil.copytree(released / "a1", sub / "A1 ")
    (sub / "stranger").mkdir()
    (sub / "A1 " / "notes.ipynb").write_text("{}", encoding="utf-8")  # "A1 " sorts first: it is the graded one
    code, book = grade(tmp_path, roster, sub)
    out = capsys.readouterr().out
    assert "'stranger' is not a student" in out and "same student as folder" in out and "notes.ipynb" in out
    assert "b2 · customer_value: no submission" in out and len(book) == 2


@pytest.mark.parametrize("text, words", [("name\nAnn\n", "no student_id column"),
                                         ("student_id\ns1\nS1\n", "line 3: 'S1': the same student as line 2"),
                                         ("student_id\ns1\n\n", None),
                                         ("student_id,name\ns1,A\n ,B\n", "line 3: . .: student_id is empty"),
                                         ("student_id\ndemo-student\n", "line 2: 'demo-student'")])
def test_roster_problems_name_the_row(tmp_path, text, words):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    if words is None:  # pandas skips a blank last line
        assert list(read_roster(path)["student_id"]) == ["s1"]
        return
    with pytest.raises(RosterError, match=words):
        read_roster(path)


def test_a_bad_roster_or_target_is_one_line_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_text("id\n1\n", encoding="utf-8")
    assert main(["class", "release", "--roster", str(path), "--out", str(tmp_path / "r"), *ARGS]) == 2
    assert "student_id" in capsys.readouterr().err and not (tmp_path / "r").exists()
    roster, released = release(tmp_path, ["a1"])
    assert main(["class", "grade", "--roster", str(roster), "--submissions", str(released),
                 "--out", str(tmp_path / "book.txt"), *ARGS]) == 2
    assert main(["class", "release", "--roster", str(roster), "--out", str(released), *ARGS]) == 2
    assert "already exists" in capsys.readouterr().err


def test_feedback_in_the_students_language_reveals_values_only_on_request(tmp_path):
    roster, released = release(tmp_path, ["f1"], "--language", "zh")
    sub = tmp_path / "sub"
    right = truths("f1")
    fill(released / "f1" / "customer_value.ipynb", sub / "f1" / "customer_value.ipynb",
         {**right, "top_segment": "no-such"})
    args = ["class", "feedback", "--roster", str(roster), "--submissions", str(sub), "--language", "zh", *ARGS]
    assert main([*args, "--out", str(tmp_path / "fb"), "--format", "md"]) == 0
    page = (tmp_path / "fb" / "f1.md").read_text(encoding="utf-8")
    assert "学号 f1" in page and "√" in page and "不是可选答案" in page and "你的正确值" not in page
    assert main([*args, "--out", str(tmp_path / "fb2"), "--reveal"]) == 0
    page = (tmp_path / "fb2" / "f1.html").read_text(encoding="utf-8")
    assert "你的正确值" in page and f"<td>{right['negative_value_customers']}</td>" in page


def test_forensics_command_flags_the_copier(tmp_path, capsys):
    roster, released = release(tmp_path, ["c1", "c2"])
    sub = tmp_path / "sub"
    fill(released / "c1" / "customer_value.ipynb", sub / "c1" / "customer_value.ipynb", truths("c1"))
    fill(released / "c2" / "customer_value.ipynb", sub / "c2" / "customer_value.ipynb", truths("c1"))
    code = main(["class", "forensics", "--roster", str(roster), "--submissions", str(sub),
                 "--out", str(tmp_path / "flags.csv"), *ARGS])
    out = capsys.readouterr().out
    assert code == 1 and "c2 · customer_value: FLAG" in out and "c1 · customer_value" not in out
    assert list(pd.read_csv(tmp_path / "flags.csv")["source"]) == ["c1"]


def test_a_decision_is_simulated_again_from_its_fields(tmp_path):
    """Exercise 05 end to end: a winning plan earns full points, an over-promise nothing (the textbook's moves, half
the points, are graded in test_nbgrader)."""
    from crmsim import roleplay as rp
    from crmsim.exercises import get_exercise

    from crmsim.exercises.solvers.role_play import candidates

    spec = get_exercise("role_play")
    ids = ["p1", "p3"]
    roster = write_roster(tmp_path / "roster.csv", ids)
    args = ["--course-seed", str(COURSE_SEED), "--exercise", "05"]
    assert main(["class", "release", "--roster", str(roster), "--out", str(tmp_path / "released"), *args]) == 0
    submissions = tmp_path / "submissions"
    for student in ids:
        world = spec.build_world(student_seed(COURSE_SEED, student))
        scenario = rp.make_scenario(world, seed=0)
        plan = {"p1": candidates(world)["plan"][0], "p3": rp.example_moves(scenario, "novice")}[student]
        plan = plan if isinstance(plan, list) else plan.to_dict("records")
        fill(tmp_path / "released" / student / "role_play.ipynb", submissions / student / "role_play.ipynb",
             truths(student, "role_play", spec.n_customers), text=None,
             replace={"plan = None  # your moves": f"plan = {plan!r}  # your moves",
                      'why_plan = """\n"""': f'why_plan = """{WRITTEN}"""'})
    assert main(["class", "grade", "--roster", str(roster), "--submissions", str(submissions),
                 "--out", str(tmp_path / "book.csv"), "--jobs", "2", *args]) == 0
    book = pd.read_csv(tmp_path / "book.csv", dtype={"student_id": str}).set_index("student_id")
    assert list(book["role_play.plan"]) == [2, 0] and list(book["total"]) == [6, 4]
    assert (book["out_of"] == 6).all()
    texts = pd.read_csv(tmp_path / "book.interpretations.csv", keep_default_na=False)
    assert (texts["answer"] == WRITTEN).all()
