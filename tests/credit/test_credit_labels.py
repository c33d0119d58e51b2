"""Credit tables are coded in any language and shown with the one labeller."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import credit, i18n
from crmsim.credit.labels import credit_numbers
from crmsim.display import labelled


def test_every_credit_label_has_both_languages():
    keys = i18n.keys("credit.")
    assert len(keys) > 100
    for key in keys:
        assert i18n.t(key, "en") and i18n.t(key, "zh")


def test_display_tables_are_translated(sim, rating, file):
    crmsim.set_language("zh")
    table = labelled(credit.summary_table(sim, other=credit.summarise_policy(sim)), "credit")
    assert list(table.columns) == ["n/30", "other"]
    assert table.index[0] == "客户数" and table.iloc[0, 0] == f"{len(sim.accounts):,}"
    assert labelled(credit.aging(sim), "credit").iloc[0, 0] == "未到期"
    shown = labelled(credit.sales_by_grade(sim, rating), "credit")
    assert shown.index[0] == "AAA级" and "赊销额（百万元）" in shown.columns
    assert labelled(credit.file_card(file, 1), "credit").iloc[0, 0] == "客户"


def test_numbers_are_shown_like_a_credit_manager_reads_them():
    assert list(credit_numbers("sales", pd.Series([12_345_678.0, np.nan]))) == ["12.35", ""]
    assert list(credit_numbers("bad_debt_rate", pd.Series([0.0127]))) == ["1.3%"]
    assert list(credit_numbers("dso", pd.Series([26.57, 1234.5, 0.0]))) == ["26.57", "1,234", "0"]
    assert list(credit_numbers("customers", pd.Series([3000]))) == ["3,000"]
    assert credit_numbers("weighted", pd.Series([7.2])) is None  # the steps' own rounding


def test_labelled_does_not_switch_the_language(sim):
    labelled(credit.aging(sim), "credit", language="zh")
    assert crmsim.get_language() == "en"


def test_model_tables_keep_coded_columns_in_chinese(world, file, rating, limits, sim):
    english = {name: list(table.columns) for name, table in _tables(world, file, rating, limits, sim).items()}
    crmsim.set_language("zh")
    chinese = {name: list(table.columns) for name, table in
               _tables(world, file, credit.rate(file), credit.credit_limits(file), credit.simulate_receivables(
                   world, rating=rating, limits=limits, seed=3)).items()}
    assert chinese == english
    for name, columns in chinese.items():
        assert all(str(c).isascii() for c in columns), f"{name} has translated columns: {columns}"
    customer = int(file["customer_id"].iloc[0])
    for view in (credit.file_card(file, customer), credit.rating_steps(file, customer),
                 credit.limit_steps(limits, customer)):
        assert all(c.isascii() for c in view.columns)
        assert all(str(v).isascii() for v in view.iloc[:, 0])  # coded items, factors and steps
    assert credit.rating_steps(file, customer)["band"].iloc[-1] in credit.GRADES


def _tables(world, file, rating, limits, sim) -> dict[str, pd.DataFrame]:
    other = credit.simulate_receivables(world, credit.CreditPolicy(cutoff=0), rating=rating, limits=limits,
                                        seed=3)
    return {
        "file": file, "rating": rating, "limits": limits, "invoices": sim.invoices, "accounts": sim.accounts,
        "dates": credit.invoice_dates(sim), "aging": credit.aging(sim), "monthly": credit.receivables_by_month(sim),
        "summary": credit.summarise_policy(sim).to_frame(), "incremental": credit.incremental_profit(sim, other),
        "by_grade": credit.sales_by_grade(sim, rating), "review": credit.review_limits(sim, file),
        "odds": credit.odds_scaling(rating, other.accounts["defaulted"]),
        "roc": credit.roc_curve(rating["score"], other.accounts["defaulted"]),
        "sweep": credit.policy_sweep(world, field="cutoff", values=[30, 60], months=3, file=file),
    }


@pytest.mark.parametrize("language", ["en", "zh"])
def test_views_show_the_same_words_as_the_catalogue(file, limits, language):
    customer = int(file["customer_id"].iloc[0])
    steps = labelled(credit.limit_steps(limits, customer), "credit", language=language)
    assert steps.columns[2] == i18n.t("credit.col.credit_percent", language)
    assert steps.iloc[5, 0] == i18n.t("credit.limit.base", language)
