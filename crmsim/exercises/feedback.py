"""``class feedback``: one page per student, in their language: what was right, the hints, and on request the values."""

from __future__ import annotations

import html
import os
from pathlib import Path

from .. import i18n
from ..display import display_number
from ..files import staged
from .exercise import SYMBOLS
from .grading import Grades
from .roster import ID_COLUMN

FORMATS = ("html", "md")


def feedback_pages(grades: Grades, *, language: str = "en", reveal: bool = False) -> dict[str, tuple[str, str]]:
    """Each student's page as ``{student_id: (language, markdown_rows)}``, built from coded marks.

    A roster column ``language`` (en or zh), when present, chooses each
    student's language; ``language`` is the default. ``reveal`` adds the
    student's own correct values (never anyone else's): give it only after the
    deadline.
    """
    pages = {}
    for _, row in grades.roster.iterrows():
        student = row[ID_COLUMN]
        lang = str(row.get("language", "") or language).strip().lower()
        lang = lang if lang in i18n.LANGUAGES else language
        lines = [f"# {i18n.t('ex.feedback.title', language=lang, student=student)}", ""]
        for spec in grades.specs:
            result = grades.results[(student, spec.name)]
            lines += [f"## {i18n.t(spec.title_key, language=lang)}", ""]
            if result.status != "graded":
                lines += [i18n.t("ex.feedback.not_graded", language=lang), ""]
                continue
            lines.append(i18n.t("ex.score.header", language=lang, student=student, points=f"{result.points:g}",
                                total=spec.total_points))
            lines.append("")
            head = [i18n.t(k, language=lang) for k in ("ex.col.task", "ex.col.result", "ex.col.points")]
            if reveal:
                head.append(i18n.t("ex.feedback.value", language=lang))
            lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            truth = grades.truths.get((student, spec.name), {})
            for task in spec.tasks:
                mark = result.marks[task.name]
                cells = [i18n.t(task.title_key, language=lang),
                         f"{SYMBOLS[mark.status]} {mark.message(lang)}",
                         f"{mark.points:g}" if task.auto else i18n.t("ex.rubric", language=lang)]
                if reveal:
                    cells.append(_shown(truth.get(task.name), task, lang))
                lines.append("| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells) + " |")
            lines.append("")
            if result.problems:
                lines += [f"- {i18n.t(k, language=lang, **v)}" for k, v in result.problems] + [""]
        pages[student] = (lang, "\n".join(lines))
    return pages


def _shown(value: object, task, language: str) -> str:
    if value is None:
        return "–"
    if task.kind == "choice" and task.label_prefix:
        return f"{i18n.t(f'{task.label_prefix}.{value}', language=language)} ({value})"
    if isinstance(value, float):
        return display_number(value)
    return str(value)


def write_feedback(grades: Grades, out: str | os.PathLike, *, fmt: str = "html", language: str = "en",
                   reveal: bool = False) -> Path:
    """Write ``out/<student_id>.html`` (or ``.md``) for every roster student, as a new folder, staged."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt={fmt!r} is not allowed; choose from {FORMATS}")
    pages = feedback_pages(grades, language=language, reveal=reveal)
    with staged(out, folder=True) as staging:
        for student, (lang, text) in pages.items():
            body = text if fmt == "md" else _html(text, lang)
            (staging / f"{student}.{fmt}").write_text(body, encoding="utf-8")
    return Path(out)


def _html(markdown: str, language: str) -> str:
    """A small, self-contained HTML page of the feedback's markdown (headings, one table, bullets)."""
    out, in_table = [], False
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [html.escape(c.strip()) for c in line.strip("|").split(" | ")]
            if not in_table:
                out.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>")
                in_table = True
            else:
                out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if line.startswith("|---"):
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        if line.startswith("## "):
            out.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("- "):
            out.append(f"<p>• {html.escape(line[2:])}</p>")
        elif line:
            out.append(f"<p>{html.escape(line)}</p>")
    if in_table:
        out.append("</table>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
    lang = "zh-CN" if language == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><style>{style}</style></head>'
            f"<body>\n" + "\n".join(out) + "\n</body></html>\n")
