"""The model cards of every topic, shown the one way: each parameter by a name in the reader's language, and
(relationships, key accounts, credit, role play) the name under which a student finds it in the code, in a column of its own."""

from __future__ import annotations

import re

import pytest

from crmsim import credit, development, value
from crmsim import roleplay as rp
from crmsim import key_accounts as ka
from crmsim import relationships as rel
from crmsim.code_names import name_in_code, read_number
from crmsim.display import labelled
from crmsim.relationships import transitions

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def cards(small_world):
    """topic -> (its coded model card, the package its names in the code are read in)."""
    return {"relationships": (rel.model_card(), rel), "key_accounts": (ka.model_card(), ka),
            "credit": (credit.model_card(), credit), "value": (value.model_card(small_world), value),
            "development": (development.model_card(), development), "roleplay": (rp.model_card(), rp)}


@pytest.fixture(scope="module")
def small_world():
    from crmsim.world import make_world

    return make_world(seed=3, n_customers=300)


@pytest.mark.parametrize("topic", ["relationships", "key_accounts", "credit", "value", "development", "roleplay"])
def test_every_card_row_has_a_chinese_name_and_an_english_one(cards, topic):
    card, _ = cards[topic]
    zh = labelled(card, topic, language="zh")
    en = labelled(card, topic, language="en")
    names_zh, names_en = zh[zh.columns[0]], en[en.columns[0]]
    assert zh.columns[0] == "参数" and en.columns[0] == "Parameter"
    assert names_zh.map(lambda name: bool(HAN.search(name))).all(), names_zh[~names_zh.str.contains(HAN)].tolist()
    for names in (names_zh, names_en):  # a name to read, never the code
        assert not names.isin(card["parameter"]).any(), names[names.isin(card["parameter"])].tolist()
    # one name per parameter: two rows of the same parameter (development's and value's items or groups)
    # share it, two parameters never do
    pairs = card.assign(shown=names_zh.to_numpy()).drop_duplicates(["parameter", "shown"])
    assert pairs["parameter"].is_unique and pairs["shown"].is_unique


@pytest.mark.parametrize("topic", ["relationships", "key_accounts", "credit", "roleplay"])
def test_the_name_in_the_code_is_shown_as_written_and_finds_the_value(cards, topic):
    card, package = cards[topic]
    for language in ("zh", "en"):
        shown = labelled(card, topic, language=language)
        assert shown.columns[1] == ("代码中的名称" if language == "zh" else "Name in the code")
        assert shown[shown.columns[1]].tolist() == card["name_in_code"].tolist()
    # Each name, evaluated in the package (a policy class standing for its default instance), is the value shown.
    namespace = dict(vars(package))
    for class_name in ("RepPolicy", "Grading", "CreditPolicy"):
        if class_name in namespace:
            namespace[class_name] = namespace[class_name]()
    for name, number in zip(card["name_in_code"], card["value"]):
        assert float(eval(name, {"__builtins__": {}}, namespace)) == number, name  # noqa: S307 (our own names)


def test_a_changed_constant_changes_the_value_and_keeps_its_name(monkeypatch):
    monkeypatch.setitem(transitions.FAILURE_RATE, "personalised", 0.5)
    card = rel.model_card().set_index("parameter")
    assert card.loc["failure_rate_personalised", "value"] == 0.5
    assert card.loc["failure_rate_personalised", "name_in_code"] == "transitions.FAILURE_RATE['personalised']"
    policy = credit.CreditPolicy(cutoff=30)
    row = credit.model_card(policy).set_index("parameter").loc["cutoff"]
    assert (row["value"], row["name_in_code"]) == (30.0, "CreditPolicy.cutoff")


def test_read_number_names_what_it_read_and_refuses_what_is_not_there():
    assert read_number(transitions, "FAILURE_RATE", "standardised") == (
        transitions.FAILURE_RATE["standardised"], "transitions.FAILURE_RATE['standardised']")
    assert read_number(ka.RepPolicy(bid_discount=0.1), "bid_discount") == (0.1, "RepPolicy.bid_discount")
    assert name_in_code(ka.Grading(), "cutoffs", 0) == "Grading.cutoffs[0]"
    with pytest.raises(ValueError, match=r"transitions\.NO_SUCH_CONSTANT"):
        read_number(transitions, "NO_SUCH_CONSTANT")
    with pytest.raises(ValueError, match=r"FAILURE_RATE\['nowhere'\]"):
        read_number(transitions, "FAILURE_RATE", "nowhere")
    with pytest.raises(ValueError, match="FAILURE_RATE"):
        read_number(transitions, "FAILURE_RATE")  # a dict, not a number
    with pytest.raises(ValueError, match="attribute must be a Python name"):
        read_number(transitions, "UP INTERCEPT")
