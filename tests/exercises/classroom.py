"""Helpers of the classroom tests: release into a folder, fill notebooks in as a student would."""

from __future__ import annotations

import json
from pathlib import Path

from crmsim.exercises import get_exercise
from crmsim.exercises.solutions import correct_values, judged_world

#: Small worlds keep a grading run of a dozen notebooks to seconds.
CUSTOMERS = 40
COURSE_SEED = 11
WRITTEN = "It has the largest potential, so the manager should plan visits and a tailored offer for it."


def truths(student: str, exercise: str = "customer_value", customers: int = CUSTOMERS) -> dict:
    spec = get_exercise(exercise)
    return correct_values(spec, judged_world(spec, student, COURSE_SEED, customers))[0]


def write_roster(path: Path, ids: list[str]) -> Path:
    path.write_text("student_id,name\n" + "".join(f"{i},Name {n}\n" for n, i in enumerate(ids)), encoding="utf-8")
    return path


def fill(source: Path, target: Path, answers: dict[str, object] | None = None, *, text: str | None = WRITTEN,
         replace: dict[str, str] | None = None, extra_cell: str | None = None) -> Path:
    """Copy a released notebook with answers typed in (as Python literals) and any source replaced."""
    nb = json.loads(Path(source).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        for name, value in (answers or {}).items():
            src = src.replace(f"{name} = None  # your answer", f"{name} = {value!r}  # your answer")
        if text is not None:
            src = src.replace('why_potential = """\n"""', f'why_potential = """{text}"""')
        for old, new in (replace or {}).items():
            src = src.replace(old, new)
        cell["source"] = src
    if extra_cell is not None:
        nb["cells"].insert(4, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                               "id": "extra", "source": extra_cell})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb), encoding="utf-8")
    return target
