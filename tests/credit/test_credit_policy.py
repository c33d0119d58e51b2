"""The credit policy: checks, terms in both languages, copies and the discount offer."""

from __future__ import annotations

import dataclasses

import pytest

import crmsim
from crmsim import credit
from crmsim.credit import CreditPolicy


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(cutoff=-1), ValueError, "cutoff"),
    (dict(cutoff="high"), TypeError, "cutoff"),
    (dict(credit_period=30.5), TypeError, "credit_period"),
    (dict(credit_period=400), ValueError, "credit_period"),
    (dict(discount_rate=0.5), ValueError, "discount_rate"),
    (dict(discount_rate=0.02, discount_days=45, credit_period=30), ValueError, "discount_days"),
    (dict(collection="harsh"), ValueError, "collection"),
    (dict(variable_cost_ratio=1.0), ValueError, "variable_cost_ratio"),
    (dict(cash_sales_share=1.5), ValueError, "cash_sales_share"),
    (dict(limit_multiplier=-2), ValueError, "limit_multiplier"),
])
def test_bad_policy_rejected(kwargs, error, words):
    with pytest.raises(error, match=words):
        CreditPolicy(**kwargs)


def test_copies_are_checked_again():
    with pytest.raises(ValueError, match="credit_period"):
        dataclasses.replace(CreditPolicy(), credit_period=999)


def test_terms_text_in_both_languages():
    policy = CreditPolicy(credit_period=30, discount_rate=0.02, discount_days=10)
    assert policy.terms_text == "2/10, net 30"
    crmsim.set_language("zh")
    assert policy.terms_text == "2/10，n/30"
    assert CreditPolicy(credit_period=45).terms_text == "n/45"


def test_a_discount_window_never_outlasts_the_credit_period():
    short = credit.with_discount_offer(CreditPolicy(credit_period=5), 0.02, 10)
    assert (short.discount_rate, short.discount_days, short.credit_period) == (0.02, 5, 5)
    long = credit.with_discount_offer(CreditPolicy(credit_period=60, cutoff=30), *credit.DISCOUNT_OFFERS[3])
    assert (long.discount_rate, long.discount_days, long.cutoff) == (0.03, 15, 30)
    with pytest.raises(TypeError, match="CreditPolicy"):
        credit.with_discount_offer({"credit_period": 30}, 0.02, 10)
