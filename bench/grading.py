"""Bench: grading a class with ``python -m crmsim class grade``, against nbgrader's ``autograde`` in the same run.

Writes the nbgrader course of exercise 01 (``class nbgrader``), runs nbgrader's
``generate_assignment``, and fills the released notebook in for ``--students``
synthetic students (a third solved, a third with one answer wrong, a third
blank). The same submitted notebooks are then graded twice:

* by ``crmsim class grade`` (kernels ``--jobs`` at a time), every student;
* by ``nbgrader autograde`` (its hidden tests re-mark each answer as ``class
  grade`` does), for the first ``--nbgrader-students`` of them: nbgrader runs
  one notebook at a time, so a few give its time per submission.

Both must give the expected scores. The class of 300 is extrapolated from the
measured ``class grade`` run (one kernel per notebook, so the time grows
linearly with the class; the few seconds of the zygote the kernels are forked
from, paid once per run, are extrapolated with it, so the figure errs high)
unless ``--students 300``.

Final line: ``per_submission_s=<x> vs_nbgrader=<ratio> class_300_s=<s>``, where
the ratio is nbgrader's seconds per submission over ours (above 1: we are faster).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crmsim.__main__ import main as crmsim  # noqa: E402
from crmsim.exercises import get_exercise  # noqa: E402
from crmsim.exercises.grading import single_blas_thread  # noqa: E402
from crmsim.exercises.solutions import correct_values  # noqa: E402
from crmsim.seeding import student_seed  # noqa: E402

COURSE_SEED = 5
EXERCISE = "customer_value"


def fill(source: Path, target: Path, student: str, answers: dict) -> None:
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]).replace('STUDENT_ID = ""', f'STUDENT_ID = "{student}"')
            for name, value in answers.items():
                src = src.replace(f"{name} = None  # your answer", f"{name} = {value!r}  # your answer")
            cell["source"] = src
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb), encoding="utf-8")


def nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--nbgrader-students", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    spec = get_exercise(EXERCISE)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        course = tmp / "course"
        assert crmsim(["class", "nbgrader", "--course-seed", str(COURSE_SEED), "--exercise", "01",
                       "--out", str(course)]) == 0
        nbgrader(course, "generate_assignment", EXERCISE)
        release = course / "release" / EXERCISE / f"{EXERCISE}.ipynb"
        ids = [f"b{i:04d}" for i in range(args.students)]
        expected = {}
        for i, student in enumerate(ids):
            with single_blas_thread():  # the set-up only: a second per student otherwise on a busy machine
                truth = correct_values(spec, spec.build_world(student_seed(COURSE_SEED, student)))[0]
            kind = i % 3
            answers = truth if kind == 0 else {**truth, "a_share": truth["a_share"] + 0.2} if kind == 1 else {}
            fill(release, tmp / "submissions" / student / f"{EXERCISE}.ipynb", student, answers)
            if i < args.nbgrader_students:
                fill(release, course / "submitted" / student / EXERCISE / f"{EXERCISE}.ipynb", student, answers)
            expected[student] = (5, 3, 0)[kind]
        (tmp / "roster.csv").write_text("student_id\n" + "\n".join(ids) + "\n", encoding="utf-8")

        started = time.perf_counter()
        crmsim(["class", "grade", "--roster", str(tmp / "roster.csv"), "--course-seed", str(COURSE_SEED),
                "--exercise", "01", "--submissions", str(tmp / "submissions"), "--jobs", str(args.jobs),
                "--out", str(tmp / "book.csv")])
        ours = time.perf_counter() - started
        book = pd.read_csv(tmp / "book.csv", dtype={"student_id": str}).set_index("student_id")["total"]

        started = time.perf_counter()
        nbgrader(course, "autograde", EXERCISE, "--create")
        theirs = time.perf_counter() - started
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            nbg = {s: gradebook.find_submission(EXERCISE, s).score for s in ids[:args.nbgrader_students]}
    wrong = {s: (book[s], e) for s, e in expected.items() if book[s] != e}
    wrong.update({f"nbgrader {s}": (v, expected[s]) for s, v in nbg.items() if v != expected[s]})
    if wrong:
        print(f"wrong scores (got, expected): {wrong}", file=sys.stderr)
        return 1
    per = ours / args.students
    per_nbgrader = theirs / args.nbgrader_students
    note = "measured" if args.students >= 300 else f"extrapolated from {args.students}"
    print(f"class grade: {args.students} submissions in {ours:.1f} s with {args.jobs} kernels at a time; "
          f"nbgrader autograde: {args.nbgrader_students} in {theirs:.1f} s ({per_nbgrader:.2f} s each); "
          f"same scores; class of 300 {note}")
    print(f"per_submission_s={per:.2f} vs_nbgrader={per_nbgrader / per:.1f} class_300_s={per * 300:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
