"""Role play in class: printable cards, the console, several tables, scenario files, save and resume, Chinese rules."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import crmsim
from crmsim import i18n
from crmsim import roleplay as rp
from crmsim.__main__ import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _pages(document: str) -> list[str]:
    return re.findall(r"<section class='crmsim-card'.*?</section>", document, flags=re.S)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_cards_have_a_page_per_player_each_with_only_its_own_private_text(scenario, language):
    document = rp.cards_html(scenario, language=language)
    assert "…" not in document and "..." not in document
    pages = _pages(document)
    cards = rp.role_cards(scenario, language=language)
    assert len(pages) == len(cards) + 1  # and the trainer's sheet
    private = [rp.role_cards(scenario, language=language)["private"].iloc[k] for k in range(len(cards))]
    for k, page in enumerate(pages[:-1]):
        import html
        text = html.unescape(page)
        assert private[k] in text
        assert not any(other in text for j, other in enumerate(private) if j != k and j > 0)
    trainer = pages[-1]
    assert rp.coach_answer(scenario, language=language).split("：")[-1].split(": ")[-1] in html_text(trainer)
    assert bool(CJK.search(document)) == (language == "zh")


def html_text(page: str) -> str:
    import html
    return html.unescape(page)


def test_the_cards_command_writes_the_file_atomically(tmp_path, capsys):
    out = tmp_path / "cards.html"
    assert main(["roleplay", "cards", "--seed", "5", "--language", "zh", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == rp.cards_html(rp.default_scenario(5), language="zh")
    assert "7" in capsys.readouterr().out
    assert main(["roleplay", "cards", "--seed", "5", "--out", str(out)]) == 2  # never overwrites
    written = tmp_path / "jade.html"
    assert main(["roleplay", "cards", "--scenario", "jade_river_machinery.toml", "--out", str(written)]) == 0
    assert "Jade River" in written.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == sorted(["cards.html", "jade.html"]) or len(list(tmp_path.iterdir())) == 2


def test_every_rule_message_is_chinese_when_the_language_is_zh(scenario, person):
    dm, inf = person("decision_maker"), person("influencer")
    bad = [
        [{"round": 9, "contact_id": dm, "approach": "spin_questions", "hours": 1}],
        [{"round": 1, "contact_id": 1, "approach": "spin_questions", "hours": 1}],
        [{"round": 1, "contact_id": dm, "approach": "bribe", "hours": 1}],
        [{"round": 1, "contact_id": dm, "approach": "ask_coach", "hours": 1}],
        [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 11}],
        [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 1},
         {"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 1}],
        [{"round": 1, "contact_id": dm, "approach": "spin_questions", "hours": 6},
         {"round": 1, "contact_id": inf, "approach": "spin_questions", "hours": 6}],
        [{"round": 2, "contact_id": dm, "approach": "spin_questions", "hours": 1}],
        [{"round": 1, "contact_id": dm, "approach": "spin_questions"}],
    ]
    crmsim.set_language("zh")
    try:
        for moves in bad:
            with pytest.raises(rp.RuleError) as info:
                rp.play(scenario, moves)
            message = str(info.value)
            assert CJK.search(message) and not re.search(r"\b(must|allowed|got|give|choose|twice|order)\b", message), message
    finally:
        crmsim.set_language("en")
    with pytest.raises(rp.RuleError, match="is not allowed"):
        rp.play(scenario, bad[2][0:1])


def test_moves_may_be_typed_as_the_tables_show_them(scenario, person):
    dm = person("decision_maker")
    name_zh = str(scenario.people.loc[scenario.people["contact_id"] == dm, "name_zh"].iloc[0])
    typed = rp.check_moves(scenario, [{"round": "1 接近客户", "contact_id": name_zh, "approach": "SPIN提问", "hours": 3},
                                      {"round": 1, "contact_id": person("influencer"),
                                       "approach": "  fab PRESENTATION ", "hours": 2}])
    assert typed["approach"].tolist() == ["spin_questions", "fab_presentation"] or \
        set(typed["approach"]) == {"spin_questions", "fab_presentation"}
    assert dm in typed["contact_id"].tolist() and typed["round"].tolist() == [1, 1]


def test_three_tables_pooled_and_ranked_deterministically(scenario):
    book, novice = rp.example_moves(scenario, "textbook"), rp.example_moves(scenario, "novice")
    tables = {"table_1": novice, "table_2": book, "table_3": book[book["round"] <= 2]}
    runs = rp.play_tables(scenario, tables)
    card = rp.scorecard(runs)
    assert card["team"].tolist() == ["table_2", "table_3", "table_1"]
    assert card["rank"].tolist() == [1, 2, 3]
    pd.testing.assert_frame_equal(card, rp.scorecard(rp.play_tables(scenario, tables)))
    assert card.loc[card["team"] == "table_2", "profit_vs_textbook"].iloc[0] == 0.0
    # The same moves at two tables end exactly equal: same scenario, same random numbers.
    twins = rp.play_tables(scenario, {"a": book, "b": book})
    pd.testing.assert_frame_equal(twins["a"].rounds, twins["b"].rounds)
    buyers = rp.buyer_view(runs)
    assert len(buyers) == 4 * len(scenario.people)  # three tables and the textbook
    novice_dm = buyers[(buyers["team"] == "table_1") & (buyers["role"] == "decision_maker")].iloc[0]
    assert novice_dm["promise_hours"] > 0 and novice_dm["price_cut_hours"] > 0
    shown = crmsim.display.labelled(card, "roleplay", language="zh")
    assert shown.iloc[0, 0] == "第2组"


def test_one_measure_alone_does_not_win_the_ranking(scenario, person):
    book = rp.example_moves(scenario, "textbook")
    # A team that promises everything to everyone in the last round: a high win chance, a ruined account.
    last = book["round"] == 4
    promiser = book.assign(approach=book["approach"].where(~last, "extra_promise"))
    runs = rp.play_tables(scenario, {"promiser": promiser, "book": book})
    card = rp.scorecard(runs).set_index("team")
    assert card.loc["book", "rank"] == 1
    assert card.loc["promiser", "account_health"] < card.loc["book", "account_health"]


def test_save_and_resume_give_identical_results(tmp_path, scenario):
    book, novice = rp.example_moves(scenario, "textbook"), rp.example_moves(scenario, "novice")
    tables = {"table_1": book, "table_2": novice[novice["round"] <= 3]}
    path = rp.save_workshop(tmp_path / "class.json", scenario, tables)
    workshop = rp.load_workshop(path)
    before, after = rp.play_tables(scenario, tables), workshop.runs()
    for team in tables:
        pd.testing.assert_frame_equal(before[team].rounds, after[team].rounds, check_categorical=False)
        pd.testing.assert_series_equal(before[team].outcome, after[team].outcome)
    pd.testing.assert_frame_equal(rp.scorecard(before), rp.scorecard(after))
    with pytest.raises(FileExistsError):
        rp.save_workshop(path, scenario, tables)


def test_scenario_files_load_and_a_wrong_field_is_named_with_its_line():
    assert len(rp.shipped_scenarios()) == 3
    for name in rp.shipped_scenarios():
        scenario = rp.load_scenario(name)
        assert (scenario.people["role"].astype(str) == "decision_maker").sum() == 1
    course = rp.load_scenario("course_account.toml")
    pd.testing.assert_frame_equal(course.people, rp.default_scenario(5).people)
    hostile = rp.load_scenario("hostile_gatekeeper.toml")
    assert hostile.people.loc[hostile.people["contact_id"] == 23902, "attitude"].iloc[0] == -0.7
    text = rp.shipped_path("jade_river_machinery.toml").read_text(encoding="utf-8")
    with pytest.raises(rp.ScenarioFileError, match=r"my\.toml, line 67: person\[5\]\.rol is not a field"):
        rp.parse_scenario(text.replace('role = "user"', 'rol = "user"'), source="my.toml")
    with pytest.raises(rp.ScenarioFileError, match=r"line 57: person\[4\]\.influence must be in \[0.01, 1.0\]"):
        rp.parse_scenario(text.replace("influence = 0.5", "influence = 5"), source="my.toml")
    with pytest.raises(rp.ScenarioFileError, match=r"line 8: account\.industry='mining' is not allowed"):
        rp.parse_scenario(text.replace('"manufacturing"', '"mining"'), source="my.toml")
    with pytest.raises(rp.ScenarioFileError, match="not valid TOML"):
        rp.parse_scenario("[account\n", source="my.toml")


def test_the_console_plays_two_rounds_and_undoes_one(scenario):
    from crmsim.widgets.roleplay import RolePlayConsole

    crmsim.set_language("zh")
    try:
        console = RolePlayConsole(scenario=scenario, tables=2)
    finally:
        crmsim.set_language("en")
    shown = [c for c in console.widget.children if c.layout.display != "none"]  # not the style
    assert len(shown) == 4  # one box: controls, summary, figure, class scorecard
    ids = list(console.approach)
    labels = [label for label, _ in console.approach[ids[0]].options]
    assert "SPIN提问" in labels
    book = rp.example_moves(scenario, "textbook")
    for r in (1, 2):
        for move in book[book["round"] == r].itertuples():
            console.approach[move.contact_id].value = move.approach
            console.hours[move.contact_id].value = move.hours
        console.play_button.click()
        assert "已完成" in console.message.value
    expected = rp.play(scenario, book[book["round"] <= 2])
    pd.testing.assert_series_equal(console.result["run"].outcome, expected.outcome)
    console.undo_button.click()
    assert "撤销" in console.message.value
    pd.testing.assert_series_equal(console.result["run"].outcome, rp.play(scenario, book[book["round"] <= 1]).outcome)
    # The sliders keep to the round's budget.
    console.approach[ids[0]].value, console.hours[ids[0]].value = "spin_questions", 7.0
    console.approach[ids[1]].value, console.hours[ids[1]].value = "spin_questions", 7.0
    assert console.hours[ids[1]].value == 3.0
    # The other table has not played; switching to it shows its own (empty) play.
    console.controls["table"].value = "table_2"
    assert console.result["run"].outcome["rounds_played"] == 0
    console.play_button.click()
    assert "至少" in console.message.value
    assert console.png[:4] == b"\x89PNG" and "第1组" in console.debrief.value


def test_model_card_is_read_from_the_code():
    card = rp.model_card()
    assert list(card.columns) == ["parameter", "name_in_code", "value", "meaning"]
    row = card.set_index("parameter").loc["coach_boost"]
    assert (row["value"], row["name_in_code"]) == (rp.COACH_BOOST, "COACH_BOOST")
    shown = crmsim.display.labelled(card, "roleplay", language="zh")
    assert all(CJK.search(v) for v in shown.iloc[:, 3])
    assert i18n.has("rp.meaning.coach_boost") and i18n.has("rp.param.coach_boost")


def test_no_text_is_cut_in_a_sheet(scenario):
    run = rp.play(scenario, rp.example_moves(scenario, "novice"))
    view = rp.sheet(rp.debrief(run), language="zh")
    assert "..." not in view._repr_html_() and "…" not in view._repr_html_() and "..." not in repr(view)
