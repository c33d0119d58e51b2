"""The credit file and its card."""

from __future__ import annotations

import numpy as np
import pandas as pd

import crmsim
from crmsim import credit
from crmsim.display import labelled


def test_credit_file_has_one_row_per_customer_with_latest_ratios(world, file):
    assert len(file) == len(world.customers)
    assert file["customer_id"].tolist() == world.customers["customer_id"].tolist()
    ratios = crmsim.world.financials.financial_ratios(world.financials)
    latest = ratios[ratios["fiscal_year"] == ratios["fiscal_year"].max()].set_index("customer_id")
    np.testing.assert_allclose(file["current_ratio"], latest.loc[file["customer_id"], "current_ratio"])
    np.testing.assert_allclose(file["debt_to_asset"], latest.loc[file["customer_id"], "debt_to_asset"])
    assert file["cash_flow_years"].between(0, 3).all()
    for column in ("reputation", "management_level", "professional_level"):
        assert file[column].between(1, 5).all()
    assert (file["late_payments"] <= file["past_invoices"]).all()
    no_history = file["past_invoices"] == 0
    assert file.loc[no_history, "late_payment_share"].isna().all()
    assert file.loc[~no_history, "late_payment_share"].between(0, 1).all()


def test_credit_file_counts_late_payments_and_defaults_from_orders(world, file):
    orders = world.orders
    one = int(orders["customer_id"].value_counts().idxmax())
    mine = orders[orders["customer_id"] == one]
    late = (mine["days_to_pay"] > mine["payment_terms_days"]) | (
        (mine["status"] == "open") & (mine["due_date"] < world.as_of))
    row = file.set_index("customer_id").loc[one]
    assert row["past_invoices"] == len(mine)
    assert row["late_payments"] == late.sum()
    assert row["past_defaults"] == (mine["status"] == "written_off").sum()


def test_credit_file_is_seed_stable(world, file):
    again = credit.credit_file(world, seed=world.seed)
    pd.testing.assert_frame_equal(file, again)
    # the world's seed is its int seed: passing the int gives the same file
    pd.testing.assert_frame_equal(file, credit.credit_file(world, seed=11))
    other = credit.credit_file(world, seed=99)
    assert not other["reputation"].equals(file["reputation"])


def test_file_card_is_a_coded_view(file):
    card = credit.file_card(file, 1, language="en")
    assert list(card.columns) == ["item", "content"]
    assert list(card["item"]) == ["name", "size_tier", *credit.FILE_ITEMS]
    row = file.set_index("customer_id").loc[1]
    assert card["content"].iloc[0] == row["name_en"] and card["content"].iloc[1] == row["size_tier"]
    assert credit.file_card(file, 1, language="zh")["content"].iloc[0] == row["name_zh"]
    shown = labelled(card, "credit", language="zh")
    assert list(shown.columns) == ["项目", "内容"]
    assert shown.iloc[0, 0] == "客户" and shown.iloc[1, 1] == crmsim.t(f"size_tier.{row['size_tier']}", "zh")


def test_file_card_marks_a_missing_record(file):
    newcomer = int(file.loc[file["past_invoices"] == 0, "customer_id"].iloc[0])
    card = credit.file_card(file, newcomer).set_index("item")
    assert card.loc["late_payment_share", "content"] == "missing"
    shown = labelled(credit.file_card(file, newcomer), "credit").set_index("Item")
    assert shown.loc["Share of past invoices paid late", "Value"] == "no record"
