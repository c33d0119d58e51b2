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
    # the step views: the decimals a column needs, the same in every row; blanks, never NaN
    assert list(credit_numbers("weighted", pd.Series([7.2, 43.65]))) == ["7.20", "43.65"]
    assert list(credit_numbers("points", pd.Series([60.0, np.nan, 100.0]))) == ["60", "", "100"]
    assert list(credit_numbers("points", pd.Series([60.0, 43.72]))) == ["60.0", "43.7"]
    assert list(credit_numbers("weight", pd.Series([0.12, 0.125]))) == ["0.120", "0.125"]
    assert list(credit_numbers("push", pd.Series([-9.42, 1.27]))) == ["\u22129.42", "+1.27"]
    # a column of parameters, each its own quantity: as written in the code
    assert list(credit_numbers("value", pd.Series([0.2, 360.0, 0.12, 1.5678, np.nan]))) == [
        "0.2", "360", "0.12", "1.568", ""]


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
    assert steps.columns[1] == i18n.t("credit.col.credit_percent", language)
    assert steps.index[5] == i18n.t("credit.limit.base", language)


def _notebook_tables(world, file, rating, limits, sim) -> dict[str, pd.DataFrame]:
    """Every table notebook 04 shows, made the way it makes them."""
    customer = int(file["customer_id"].iloc[42])
    grades = rating["grade"].value_counts(sort=False).rename_axis("grade").rename("count").to_frame()
    grades["share"] = grades["count"] / grades["count"].sum()
    policy = credit.CreditPolicy()
    looser = credit.simulate_receivables(world, credit.CreditPolicy(credit_period=60, discount_rate=0.02,
                                                                    discount_days=10), rating=rating, limits=limits,
                                         seed=3)
    sweep = credit.policy_sweep(world, policy, field="credit_period", values=[15, 60], months=3, file=file)
    everyone = credit.simulate_receivables(world, credit.CreditPolicy(cutoff=0), rating=rating, limits=limits, seed=3)
    review = credit.review_limits(sim, file)
    return {
        "file card": credit.file_card(file, customer), "rating steps": credit.rating_steps(file, customer),
        "explanation": credit.rating_explanation(file, customer), "grades": grades,
        "limit steps": credit.limit_steps(limits, customer), "model card": credit.model_card(),
        "summary": credit.summary_table(sim), "aging": credit.aging(sim),
        "sweep": sweep[["credit_period", "sales", "dso", "bad_debt_rate", "interest_cost", "profit"]],
        "textbook": credit.textbook_example(), "discounts": credit.discount_costs(credit_period=30),
        "incremental": credit.incremental_profit(sim, looser),
        "odds": credit.odds_scaling(rating, everyone.accounts["defaulted"]).merge(
            rating[["customer_id", "grade"]]).iloc[[0, 10, 16, 28]],
        "review": review["review"].value_counts(sort=False).rename_axis("review").rename("count").to_frame(),
    }


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_table_of_notebook_04_reads_without_nan_and_in_chinese(world, file, rating, limits, sim):
    # Codes that stay as they are in Chinese: terms ("n/30"), grades (AAA, A-D), parameter names of the model
    # card (read from the code), bands of values ("1.3 - 1.6") and numbers.
    crmsim.set_language("zh")  # as the Chinese notebook: terms and names in Chinese too
    for name, table in _notebook_tables(world, file, rating, limits, sim).items():
        shown = labelled(table, "credit", language="zh")
        cells = shown.astype(object).to_numpy().ravel().tolist() + list(shown.index)
        assert not any(isinstance(v, float) and np.isnan(v) for v in cells), f"{name} shows NaN:\n{shown}"
        assert not any(str(v).lower() in ("nan", "none", "<na>") for v in cells), f"{name} shows nan:\n{shown}"
        headers = [str(c) for c in shown.columns if str(c) not in ("n/30",) and not str(c).startswith("n/")]
        headers += [str(n) for n in [shown.index.name] if n]
        assert all(_has_han(h) for h in headers), f"{name} has untranslated headers: {headers}"
        assert not any("e+" in str(v) or "e-0" in str(v) for v in cells), f"{name} shows scientific notation"
        for column in shown.columns:
            values = shown[column]
            if column == "代码中的名称":
                continue  # the model card's names in the code, shown as written (its parameters are in Chinese)
            words = [v for v in values if isinstance(v, str) and v.isascii() and any(c.isalpha() for c in v)
                     and not _code_like(v)]
            assert not words, f"{name}: English in column {column}: {words}"


def _code_like(text: str) -> bool:
    """Grades, terms and bands stay as they are: 'AA', 'C', 'n/30', '2/10, n/60', '>= 0.5', '× 1.00'."""
    stripped = text.replace("n/", "").replace(",", " ").replace("/", " ").replace("×", " ")
    return all(word in credit.GRADES or word in ("A", "B", "C", "D") or not any(c.isalpha() for c in word)
               for word in stripped.split())
