"""Notebooks: built from their sources, the same code in both languages, thin and bilingual.

Executing them and comparing outputs is nbval's job (run on notebooks/en and notebooks/zh).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_notebooks)
SOURCES = build_notebooks.all_sources()
CJK = re.compile("[\u4e00-\u9fff]")


def cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def test_there_are_notebooks():
    assert SOURCES, "no notebook sources found"
    for folder in ("notebooks", "exercises"):
        sources = {p.stem for p in SOURCES if p.parent.parent.name == folder}
        for language in build_notebooks.LANGUAGES:
            assert {p.stem for p in (ROOT / folder / language).glob("*.ipynb")} == sources


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_notebooks_match_their_source(source):
    for language in build_notebooks.LANGUAGES:
        built = [(c.cell_type, c.source) for c in build_notebooks.build(source, language).cells]
        assert cells(build_notebooks.target(source, language)) == built, (
            f"{source.stem} ({language}) is out of date: run python tools/build_notebooks.py {source.stem[:2]}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_both_languages_share_code_and_the_chinese_one_is_chinese(source):
    en = cells(build_notebooks.target(source, "en"))
    zh = cells(build_notebooks.target(source, "zh"))
    assert [c for c in en[1:] if c[0] == "code"] == [c for c in zh[1:] if c[0] == "code"]
    assert 'set_language("zh")' in zh[0][1] and 'set_language("en")' in en[0][1]
    for kind, text in zh:
        if kind == "markdown":
            assert CJK.search(text), f"a markdown cell of the Chinese {source.stem} has no Chinese: {text[:60]!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_notebooks_stay_thin_and_ignore_only_widget_cells(source):
    for kind, text in cells(build_notebooks.target(source, "en")):
        if kind != "code":
            continue
        assert len(text.splitlines()) <= 15, f"long code cell in {source.stem}: move the logic into crmsim"
        if build_notebooks.IGNORE_TAG in text:
            assert "Dashboard" in text or "widgets" in text, f"output ignored for a non-widget cell: {text!r}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_stored_outputs_have_no_errors(source):
    for language in build_notebooks.LANGUAGES:
        nb = json.loads(build_notebooks.target(source, language).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", f"{source.stem} ({language}) stored an error"
                assert output.get("name") != "stderr", f"{source.stem} ({language}) printed to stderr: {output}"
