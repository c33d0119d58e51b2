"""Exercise notebooks from the definitions in the package, for practice or released to one student.

The cells come from each exercise's ``cells()`` (so ``class release`` works
from an installed crmsim, with no file of the repository), preceded by the
language cell and a setup cell:

* **practice** (``exercises/en|zh``, built by ``tools/build_notebooks.py``
  from ``exercises/src``): the student writes their id; the course seed is in
  the notebook, so these are for self study;
* **released** (``class release``): the id is filled in and the cell holds
  the student's answer key as a token (seed, salt, digests; no course seed,
  no answer).

Notebooks are written as nbformat 4 JSON directly, so releasing needs no
Jupyter package.
"""

from __future__ import annotations

import json

from .key import AnswerKey
from .spec import ExerciseSpec, code, md

#: The public course seed of the practice notebooks (the year the course was first given).
PRACTICE_COURSE_SEED = 2024

_INTRO_PRACTICE = md("""
Your data are your own: they are generated from your student id, so your answers differ from your neighbour's.
Write your id in the cell below (as on the class list; case and extra spaces do not matter), run the notebook
from the top, then answer each question by replacing `None` with your result, computed with pandas. Keep each
answer in its variable: that is what is graded. Each task can be checked a few times; the hints say how, never
what.
""", """
你的数据只属于你：它由你的学号生成，所以你的答案与同学的不同。请在下面的单元格中填写学号（与花名册一致；大小写和多余空格不影响），
从头运行本笔记本，然后把每道题中的 `None` 替换为你用 pandas 计算出的结果。请把答案保存在对应的变量中：评分以它为准。
每道题可以检查几次；提示只告诉你方法，不会告诉你答案。
""")

_INTRO_RELEASED = md("""
This notebook was made for you: its data are generated from your student id, which is already filled in below
(do not change it). Run the notebook from the top, then answer each question by replacing `None` with your
result, computed with pandas, and keep each answer in its variable: that is what is graded when you hand in.
Each task can be checked a few times; the hints say how, never what.
""", """
本笔记本是为你生成的：它的数据由你的学号生成，学号已填在下面（请不要修改）。请从头运行本笔记本，然后把每道题中的 `None`
替换为你用 pandas 计算出的结果，并把答案保存在对应的变量中：交作业后以它评分。每道题可以检查几次；提示只告诉你方法，不会告诉你答案。
""")


def practice_cells(spec: ExerciseSpec, course_seed: int = PRACTICE_COURSE_SEED) -> list[dict]:
    """The cells of the practice notebook (after the language cell)."""
    setup = code(f"""
from crmsim.exercises import practice

STUDENT_ID = ""  # your student id, between the quotes
exercise = practice("{spec.name}", STUDENT_ID, course_seed={course_seed})
world = exercise.world
exercise
""")
    return [_title(spec), _INTRO_PRACTICE, setup, *spec.cells()]


def released_cells(spec: ExerciseSpec, key: AnswerKey) -> list[dict]:
    """The cells of one student's released notebook (after the language cell)."""
    setup = code(f"""
from crmsim.exercises import released

STUDENT_ID = {key.student_id!r}
exercise = released(STUDENT_ID, "{key.to_token()}")
world = exercise.world
exercise
""")
    return [_title(spec), _INTRO_RELEASED, setup, *spec.cells()]


def _title(spec: ExerciseSpec) -> dict:
    from .. import i18n

    return md(f"# {i18n.t(spec.title_key, language='en')}", f"# {i18n.t(spec.title_key, language='zh')}")


def language_source(language: str) -> str:
    """The first cell of every notebook (as ``tools/build_notebooks.py`` writes it)."""
    return f'import crmsim\n\ncrmsim.set_language("{language}")'


def notebook_json(cells: list[dict], language: str, prefix: str) -> dict:
    """An nbformat 4 notebook (as a dict) of ``cells`` in ``language``, without outputs."""
    body = [{"type": "code", "source": language_source(language)}, *cells]
    out = []
    for i, cell in enumerate(body):
        common = {"id": f"{prefix}-{i:03d}", "metadata": {}}
        if cell["type"] == "markdown":
            out.append({"cell_type": "markdown", **common, "source": cell[language]})
        else:
            out.append({"cell_type": "code", **common, "execution_count": None, "outputs": [],
                        "source": cell["source"]})
    return {"cells": out, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                      "language": "python"},
                                       "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def released_notebook(spec: ExerciseSpec, key: AnswerKey, language: str) -> str:
    """One student's released notebook as JSON text."""
    return json.dumps(notebook_json(released_cells(spec, key), language, spec.number), ensure_ascii=False, indent=1)
