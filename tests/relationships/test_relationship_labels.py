"""Relationship tables stay coded in any language; labelled() shows them; the text and the streams."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import crmsim
from crmsim import i18n
from crmsim import relationships as rel
from crmsim.display import display_number, labelled
from crmsim.relationships import complaints

ROOT = Path(__file__).resolve().parents[2]


def test_labelled_tables_translate(run):
    crmsim.set_language("zh")
    table = labelled(rel.estimate_transition_matrix(run.monthly), "relationships", names=run.ladder.names())
    assert list(table.index) == ["疏远关系", "面对面关系", "品牌关系", "亲密关系"]
    assert table.columns[-1] == "已流失" and table.index.name == "月初层次"
    assert labelled(rel.recovery_effect(run.monthly), "relationships").index[1] == "投诉补救成功"
    mix = labelled(rel.level_mix(run.monthly), "relationships", names=run.ladder.names())
    assert list(mix.columns) == ["已流失", "疏远关系", "面对面关系", "品牌关系", "亲密关系"]
    # The course ladder's level names are in the catalogue too; names= is for any ladder.
    assert list(labelled(rel.level_economics(run.monthly), "relationships").index) == run.ladder.labels("zh")


def test_labelled_in_a_given_language_leaves_the_global_one_alone(run):
    shown = labelled(rel.recovery_effect(run.monthly), "relationships", language="zh")
    assert shown.index.name == "投诉处理" and crmsim.get_language() == "en"
    assert labelled(rel.recovery_effect(run.monthly), "relationships").index.name == "Complaint handling"


def model_tables(world, run) -> dict[str, pd.DataFrame]:
    prepared = rel.prepare_relationships(world, seed=3)
    return {
        "monthly": run.monthly, "complaints": run.complaints, "contact_log": run.contact_log,
        "drivers": prepared.drivers, "ladder": rel.COURSE_LADDER.table(), "level_mix": rel.level_mix(run.monthly),
        "kpis": rel.monthly_kpis(run.monthly), "estimated": rel.estimate_transition_matrix(run.monthly),
        "true": rel.true_transition_matrix(run), "economics": rel.level_economics(run.monthly),
        "clv": rel.clv_by_level(run), "care_return": rel.care_return(run).to_frame(),
        "recovery": rel.recovery_effect(run.monthly), "segments": rel.segment_summary(world, run),
        "history": rel.customer_history(run, 5), "walkthrough": complaints.complaint_walkthrough(),
        "options": complaints.handling_options(),
        "compare": rel.compare_policies(world, {"default": rel.CarePolicy()}, months=3, seed=3),
    }


def test_every_model_table_keeps_its_coded_columns_in_chinese(world, run):
    english = {name: (list(t.columns), list(t.index)) for name, t in model_tables(world, run).items()}
    crmsim.set_language("zh")
    chinese_run = rel.simulate_relationships(world, seed=3)
    chinese = {name: (list(t.columns), list(t.index)) for name, t in model_tables(world, chinese_run).items()}
    assert chinese == english
    for name, (columns, _) in chinese.items():
        assert not any(re.search("[\u4e00-\u9fff]", str(c)) for c in columns), name
    assert list(complaints.complaint_walkthrough()["action"]) == list(complaints.STEP_CODES)


def test_every_relationship_text_has_both_languages():
    for key in i18n.keys("rel.") + i18n.keys("complaint."):
        assert i18n.t(key, "en") and i18n.t(key, "zh")


def test_the_text_is_there_in_a_fresh_process_without_the_topic():
    script = (
        "import sys, crmsim.i18n.relationships\n"
        "from crmsim.i18n import _catalog, t\n"
        "assert 'rel.col.month' in _catalog and 'crmsim.relationships' not in sys.modules\n"
        "print(t('rel.col.month', 'zh'), t('complaint.step.record'), t('rel.plot.mix.title'), t('rel.widget.contacts'))\n"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert fresh.stdout.split() == ["月份", "Record", "the", "complaint", "Relationship", "level", "mix",
                                    "Contacts/month"]
    lookup = subprocess.run([sys.executable, "-c", "import crmsim; print(crmsim.t('rel.col.month'))"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert lookup.stdout.strip() == "Month"


def test_the_data_module_imports_nothing_else_from_crmsim():
    source = (ROOT / "crmsim" / "i18n" / "relationships.py").read_text(encoding="utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert imports == ["from . import register"]


@pytest.mark.parametrize("path", sorted((ROOT / "crmsim" / "relationships").glob("*.py"))
                         + [ROOT / "crmsim" / "plots" / "relationships.py", ROOT / "crmsim" / "widgets" / "relationships.py"],
                         ids=lambda p: p.name)
def test_random_numbers_come_from_the_registry(path):
    source = path.read_text(encoding="utf-8")
    for forbidden in ("default_rng", "SeedSequence(", "def _stream", "def _child", "i18n.register("):
        assert forbidden not in source, f"{path.name} uses {forbidden}"
    assert len(source.splitlines()) <= 500, f"{path.name} is over 500 lines"


def test_display_number_keeps_six_significant_digits():
    assert display_number(4_615_651_023.333) == "4,615,650,000"
    assert display_number(1_745_223.1349) == display_number(1_745_223.1349 * (1 + 1e-12)) == "1,745,220"
    assert display_number(-12_345_678.9) == "-12,345,700"
    assert display_number(0.35412) == "0.354"
    assert display_number(float("nan")) == "nan"


# --- numbers formatted for reading, in Chinese (issue 14) ----------------------------------------------
CJK = re.compile("[\u4e00-\u9fff]")


def shown_tables(world, run) -> dict[str, pd.DataFrame]:
    """The relationship tables notebook 02 shows, labelled in Chinese."""
    names = run.ladder.names()
    customer = int(run.complaints["customer_id"].iloc[0])
    return {
        "ladder": labelled(rel.COURSE_LADDER.table(), "relationships"),
        "mix": labelled(rel.level_mix(run.monthly).iloc[::6], "relationships", names=names),
        "economics": labelled(rel.level_economics(run.monthly), "relationships", names=names),
        "clv": labelled(rel.clv_by_level(run), "relationships", names=names),
        "compare": labelled(rel.compare_policies(world, {"no_care": rel.CarePolicy(care_budget=0, contacts_per_month=0),
                                                         "default": rel.CarePolicy()}, months=6, seed=3),
                            "relationships", names={"no_care": "不做关怀", "default": "课程默认策略"}),
        "walkthrough": labelled(complaints.complaint_walkthrough(), "relationships"),
        "options": labelled(complaints.handling_options(), "relationships"),
        "recovery": labelled(rel.recovery_effect(run.monthly), "relationships"),
        "segments": labelled(rel.segment_summary(world, run), "relationships"),
        "history": labelled(rel.customer_history(run, customer), "relationships", names=names),
        "card": labelled(rel.model_card(), "relationships"),
        "explain": labelled(rel.explain(run, customer, int(run.complaints["month"].iloc[0])), "relationships"),
    }


def test_every_shown_table_is_chinese_and_formatted_for_reading(world, run):
    crmsim.set_language("zh")
    for name, table in shown_tables(world, run).items():
        for header in [*table.columns, table.index.name]:
            assert header is None or CJK.search(str(header)), (name, header)
        texts = [str(v) for v in table.to_numpy().ravel()]
        assert not any(t.lower() in ("nan", "none", "<na>") for t in texts), name  # a missing value is empty
        assert not any(re.fullmatch(r"-0(\.0+)?%?", t) for t in texts), name  # no negative zero
        assert not any(re.search(r"\de[+-]\d", t) for t in texts), name  # no scientific notation
        for column in table.columns:
            numbers = [t for t in table[column].astype(str) if re.fullmatch(r"-?[\d,]+(\.\d+)?%?", t)]
            decimals = {len(t.rstrip("%").split(".")[1]) if "." in t else 0 for t in numbers}
            if name != "card":  # a model card has one parameter a row, each in its own unit
                assert len(decimals) <= 1, (name, column, numbers)  # the same decimals down a column


def test_money_shares_and_counts_read_as_such(world, run):
    crmsim.set_language("zh")
    tables = shown_tables(world, run)
    ladder = tables["ladder"]
    assert list(ladder["每月服务成本（元）"]) == ["200", "1,200", "3,000", "8,000"]  # not "200.000" next to "1,200"
    assert list(ladder["年保留率"]) == ["60%", "75%", "88%", "95%"]
    assert tables["mix"].iloc[0].str.endswith("%").all()
    assert tables["compare"].loc["不做关怀", "关怀投资回报率"] == ""  # no spending: no return, and no NaN
    assert tables["walkthrough"]["完成于第几天"].iloc[0] == "0.5" and tables["walkthrough"]["步骤"].iloc[0] == 1
    history = tables["history"]
    assert (history["满意度"][rel.customer_history(run, int(run.complaints["customer_id"].iloc[0]))["satisfaction"]
                                .isna().to_numpy()] == "").all()
