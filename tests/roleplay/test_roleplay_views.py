"""Role play: the debrief, the outcome table, the role cards, and how tables are shown in both languages."""

from __future__ import annotations

import re

import pytest

import crmsim
from crmsim import i18n
from crmsim import roleplay as rp
from crmsim.display import labelled

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def textbook(scenario):
    return rp.play(scenario, rp.example_moves(scenario, "textbook"))


def test_the_debrief_is_coded_and_checks_every_finding(textbook):
    table = rp.debrief(textbook)
    assert list(table.columns) == ["finding", "ok", "evidence", "unit", "lesson"]
    assert tuple(table["finding"]) == rp.FINDINGS  # this buying centre has a coach
    assert (table["lesson"] == table["finding"]).all()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_role_cards_and_tables_speak_the_language(scenario, language):
    cards = rp.role_cards(scenario, language=language)
    assert len(cards) == len(scenario.people) + 1
    text = " ".join(cards["public"]) + " ".join(cards["private"])
    has_chinese = bool(CJK.search(text))
    assert has_chinese == (language == "zh")
    coach_cards = cards.iloc[1:][scenario.people["is_coach"].to_numpy()]
    assert len(coach_cards) and all(("quietly help the sellers" in p) or ("帮助销售方" in p)
                                    for p in coach_cards["private"])
    crmsim.set_language(language)
    result = rp.play(scenario, rp.example_moves(scenario, "textbook"))
    shown = labelled(rp.debrief(result), "roleplay")
    assert list(shown.columns) == [crmsim.t(f"rp.col.{c}") for c in ("finding", "ok", "evidence", "unit", "lesson")]
    assert shown.iloc[0, 4] == crmsim.t("rp.lesson.decision_maker_reached")
    assert shown.iloc[0, 3] == crmsim.t("rp.unit.share_of_hours")
    assert set(shown.iloc[:, 1]) <= {crmsim.t("bool.True"), crmsim.t("bool.False")}
    assert len(rp.outcome_table(result)) == len(result.outcome)
    both = rp.outcome_table({"textbook": result, "novice": result})
    assert list(both.columns) == [crmsim.t("rp.team.textbook"), crmsim.t("rp.team.novice")]
    assert list(both.index) == [crmsim.t(f"rp.outcome.{k}") for k in result.outcome.index]


def test_role_cards_have_coded_roles_and_show_with_the_labeller(scenario):
    cards = rp.role_cards(scenario, language="zh")
    assert cards["role"].tolist() == ["seller", *scenario.people["role"].astype(str)]
    shown = labelled(cards, "roleplay", language="zh")
    assert shown["角色"].tolist()[:2] == ["销售团队", i18n.t(f"role.{scenario.people['role'].iloc[0]}", "zh")]
    assert list(shown.columns) == [i18n.t(f"rp.col.{c}", "zh") for c in ("role", "name", "title", "public",
                                                                          "private")]
    form = labelled(cards, "roleplay", language="zh", headers=False)  # the printed form keeps its field names
    assert list(form.columns) == list(cards.columns) and form["role"].iloc[0] == "销售团队"
    assert crmsim.get_language() == "en"


def test_role_cards_never_touch_the_global_language(scenario, monkeypatch):
    def refuse(language):
        raise AssertionError("role_cards switched the global language")

    monkeypatch.setattr(i18n, "set_language", refuse)
    monkeypatch.setattr(crmsim, "set_language", refuse)
    zh, en = rp.role_cards(scenario, language="zh"), rp.role_cards(scenario)
    assert CJK.search(zh["private"].iloc[1]) and not CJK.search(en["private"].iloc[1])


def test_the_outcome_table_says_yes_no_and_dash(scenario, textbook):
    half = rp.play(scenario, textbook.moves[textbook.moves["round"] <= 2])
    table = rp.outcome_table({"textbook": textbook, "half": half}, language="zh")
    won = table.loc[i18n.t("rp.outcome.won", "zh")]
    assert won.iloc[0] in ("是", "否") and won.iloc[1] == "-"
    assert list(table.columns) == ["教科书团队", "half"]
    assert list(rp.outcome_table(half).columns) == [i18n.t("rp.col.value")]


def test_every_model_table_keeps_coded_columns_in_chinese(rp_world):
    crmsim.set_language("zh")
    zh_scenario = rp.make_scenario(rp_world, seed=5)
    run = rp.play(zh_scenario, rp.example_moves(zh_scenario, "textbook"))
    assert list(zh_scenario.people.columns) == ["contact_id", "name_en", "name_zh", "title", "role", "influence",
                                                "attitude", "is_coach", "interest", "concern"]
    assert list(run.moves.columns) == ["round", "contact_id", "approach", "hours"]
    assert list(run.rounds.columns) == ["round", "contact_id", "role", "influence", "concern", "approach", "hours",
                                        "attitude_before", "attitude_after", "need_known"]
    assert list(run.outcome.index) == ["rounds_played", "support", "win_probability", "margin", "account_health",
                                       "expected_profit", "won"]
    table = rp.debrief(run)
    assert list(table.columns) == ["finding", "ok", "evidence", "unit", "lesson"]
    assert not any(CJK.search(str(v)) for v in table[["finding", "lesson"]].to_numpy().ravel())
    assert set(run.rounds["approach"]) <= {*rp.APPROACHES, "none"}
    assert list(rp.role_cards(zh_scenario).columns) == ["role", "name", "title", "public", "private"]
    assert list(rp.example_moves(zh_scenario, "novice").columns) == ["round", "contact_id", "approach", "hours"]
