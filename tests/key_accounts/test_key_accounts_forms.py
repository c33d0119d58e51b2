"""The rep's forms: contact log, weekly report, follow-up form view and timeline; and their text."""

from __future__ import annotations

import pytest

import crmsim
from crmsim import i18n
from crmsim import key_accounts as ka
from crmsim.display import labelled


def test_forms_add_up(world, result):
    log = ka.contact_log(result, world, seed=4)
    assert log["date"].is_monotonic_increasing
    assert set(log["contact_id"] // 100) <= set(log["customer_id"])
    merged = log.merge(result.stage_events, on=["opportunity_id", "stage"])
    assert ((merged["date"] >= merged["entered"]) & (merged["date"] < merged["exited"])).all()
    report = ka.weekly_report(result, log)
    assert report["contacts"].sum() == len(log)
    assert report["won"].sum() == (result.opportunities["outcome"] == "won").sum()
    assert report["new_leads"].sum() == len(result.opportunities)
    assert (report["week"].dt.day_of_week == 0).all()


def test_follow_up_form_and_timeline_in_both_languages(world, result):
    opportunity = ka.example_opportunity(result)
    english = labelled(ka.follow_up_form_view(result, world, opportunity), "key_accounts")
    crmsim.set_language("zh")
    form = ka.follow_up_form_view(result, world, opportunity)
    chinese = labelled(form, "key_accounts")
    assert english.shape == chinese.shape == (20, 1)
    assert "客户名称" in chinese.index and "Account" in english.index
    path = labelled(ka.timeline(result, opportunity), "key_accounts")
    assert list(path.iloc[:, 0]) == [i18n.t(f"ka.stage.{s}") for s in ka.STAGES]
    # The view itself is coded: field codes and one "value" column, whatever the language.
    assert list(form.index) == list(ka.FOLLOW_UP_FIELDS) and form.index.name == "field"
    assert list(form.columns) == ["value"]


def test_the_follow_up_form_takes_its_language_without_switching_the_global_one(world, result):
    opportunity = ka.example_opportunity(result)
    crmsim.set_language("zh")
    english = ka.follow_up_form_view(result, world, opportunity, language="en")
    assert crmsim.get_language() == "zh"
    crmsim.set_language("en")
    assert english.equals(ka.follow_up_form_view(result, world, opportunity))
    shown = labelled(english, "key_accounts", language="zh")
    assert "客户名称" in shown.index and shown.loc["结果"].iloc[0] == i18n.t("ka.outcome.won", "en")


def test_every_label_exists_in_both_languages():
    for key in i18n.keys("ka."):
        assert i18n.t(key, "en") and i18n.t(key, "zh")
    for kind, codes in (("stage", ka.STAGES), ("key_node", ka.KEY_NODES), ("reason", ka.REASONS),
                        ("grade", ka.GRADES), ("factor", ka.GRADING_FACTORS), ("criterion", ka.CRITERIA),
                        ("form", ka.FOLLOW_UP_FIELDS), ("channel", ka.CHANNELS),
                        ("relationship_level", ka.RELATIONSHIP_LEVELS)):
        for code in codes:
            assert i18n.has(f"ka.{kind}.{code}")


def test_booleans_show_as_capitalised_yes_and_no(result):
    path = ka.timeline(result, ka.example_opportunity(result))
    assert set(labelled(path, "key_accounts")["Key node met"]) <= {"Yes", "No"}
    assert set(labelled(path, "key_accounts", language="zh")["达成关键节点"]) <= {"是", "否"}


def test_bad_form_calls_are_rejected(world, result):
    with pytest.raises(ValueError, match="opportunity_id"):
        ka.follow_up_form_view(result, world, 10**9)
    with pytest.raises(ValueError, match="language"):
        ka.follow_up_form_view(result, world, ka.example_opportunity(result), language="fr")
    with pytest.raises(TypeError, match="world"):
        ka.contact_log(result, "world")
    with pytest.raises(TypeError, match="run"):
        ka.weekly_report(result.opportunities, ka.contact_log(result, world))
    with pytest.raises(ValueError, match="opportunity_id"):
        ka.timeline(result, 10**9)
    with pytest.raises(TypeError, match="log"):
        ka.weekly_report(result, None)
