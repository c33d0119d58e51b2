"""The four-step credit limit and the annual review."""

from __future__ import annotations

import numpy as np
import pytest

from crmsim import credit
from crmsim.credit import LimitRules
from crmsim.display import labelled


def test_four_step_limit(file, limits):
    rules = credit.DEFAULT_LIMIT_RULES
    tier = file["size_tier"].cat.codes.to_numpy()
    np.testing.assert_allclose(limits["base_limit"], np.asarray(rules.base_by_tier)[tier])
    percents = limits[[f"percent_{item}" for item in credit.LIMIT_ITEMS]].to_numpy()
    np.testing.assert_allclose(limits["mean_percent"], percents.mean(axis=1))
    np.testing.assert_allclose(limits["credit_limit"], limits["base_limit"] * limits["mean_percent"])
    # reputation 5 is grade A (100 %), 1 or 2 grade D (40 %)
    rep = file["reputation"].to_numpy()
    assert (limits.loc[rep == 5, "grade_reputation"] == "A").all()
    assert (limits.loc[rep <= 2, "percent_reputation"] == rules.grade_percent[3]).all()
    doubled = credit.credit_limits(file, LimitRules(multiplier=2.0))
    np.testing.assert_allclose(doubled["credit_limit"], 2 * limits["credit_limit"])
    steps = credit.limit_steps(limits, int(file["customer_id"].iloc[0]))
    assert steps.loc["combined", "credit_percent"] == pytest.approx(round(limits["credit_limit"].iloc[0], 2))


def test_limit_steps_are_a_coded_view(file, limits):
    customer = int(file["customer_id"].iloc[0])
    steps = credit.limit_steps(limits, customer)
    assert list(steps.columns) == ["item_grade", "credit_percent"] and steps.index.name == "investigated_item"
    assert list(steps.index) == [*credit.LIMIT_ITEMS, "base", "mean_percent", "multiplier", "combined"]
    shown = labelled(steps, "credit", language="zh")
    assert list(shown.columns) == ["等级", "信用百分率"] and shown.index.name == "考查项目"
    assert shown.index[0] == "营业额（同规模内）" and shown.index[-1] == "第3步：信用额度（元）"
    # Each step shown as what it is: percentages, amounts in CNY with separators, the multiplier as a factor.
    row = limits.set_index("customer_id").loc[customer]
    percent = shown["信用百分率"]
    assert percent.iloc[0] == f"{row['percent_' + credit.LIMIT_ITEMS[0]]:.0%}"
    assert percent["第1步：基础信用额度（元）"] == f"{row['base_limit']:,.0f}"
    assert percent["第2步：平均信用百分率"] == f"{row['mean_percent']:.0%}"
    assert percent["额度系数"] == "\u00d7 1.00" and percent.iloc[-1] == f"{row['credit_limit']:,.0f}"
    assert "," in percent.iloc[-1] or row["credit_limit"] < 1000


def test_review_limits(sim, file):
    review = credit.review_limits(sim, file)
    acc = sim.accounts
    assert (review.loc[~acc["approved"], "review"] == "no_credit").all()
    assert (review.loc[review["review"].isin(["stop", "no_credit"]), "new_limit"] == 0).all()
    raised = review["review"] == "raise"
    np.testing.assert_allclose(review.loc[raised, "new_limit"], 1.2 * review.loc[raised, "credit_limit"])
    assert (review.loc[raised, "attainment"] >= 1).all()
    assert (review.loc[review["review"] == "cut_incident", "incident"]).all()
    assert review["review"].isin(["raise", "keep", "cut", "cut_incident", "stop", "no_credit"]).all()


def test_bad_rules_rejected(sim, file):
    with pytest.raises(ValueError, match="base_by_tier"):
        LimitRules(base_by_tier=(1.0, 2.0))
    with pytest.raises(ValueError, match="item_breaks"):
        LimitRules(item_breaks={"revenue": (1, 2, 3)})
    with pytest.raises(ValueError, match="target_growth"):
        credit.review_limits(sim, file, target_growth=50)
