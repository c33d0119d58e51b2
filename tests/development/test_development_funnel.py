"""The prospecting model: shape, seeds, golden hash, the funnel property, policies and bad input."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import crmsim
from crmsim import development as dev
from crmsim.development import campaign as funnel_module
from crmsim.display import labelled


def digest(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes()).hexdigest()[:16]


@pytest.fixture(scope="module")
def prepared(dev_world):
    return dev.prepare_development(dev_world, seed=0)


def test_golden_hash_of_a_small_campaign():
    world = crmsim.make_world(seed=0, n_customers=300)
    run = dev.simulate_development(world, seed=0)
    assert digest(run.acquisition) == GOLDEN_ACQUISITION
    assert digest(run.leads) == GOLDEN_LEADS


GOLDEN_ACQUISITION = "1be495f653ed30a6"
GOLDEN_LEADS = "e487cfa517ba6a5c"


def test_tables_are_coded(dev_world, prepared):
    run = dev.simulate_development(dev_world, prepared=prepared)
    assert list(run.leads.columns) == list(funnel_module.LEAD_COLUMNS)
    assert set(run.leads["method"].cat.categories) == set(dev.METHODS)
    assert list(run.steps["step"].cat.categories) == list(dev.STEPS)
    assert run.leads["acquired"].sum() == run.acquisition["acquired"].sum()
    shown = labelled(dev.by_method(run), "development", language="zh")
    assert "开发方法" in shown.columns and "连锁介绍" in set(shown["开发方法"])
    assert "8 成交" in set(labelled(dev.funnel(run), "development", language="zh")["步骤"])


@pytest.mark.parametrize("make_seed", [lambda: 5, lambda: np.random.SeedSequence(5),
                                       lambda: np.random.Generator(np.random.PCG64(1))])
def test_every_seed_kind_is_accepted_and_reproducible(dev_world, make_seed):
    a = dev.simulate_development(dev_world, seed=make_seed())
    b = dev.simulate_development(dev_world, seed=make_seed())
    pd.testing.assert_frame_equal(a.leads, b.leads)


def test_prepared_gives_the_same_run(dev_world, prepared):
    policy = dev.ProspectingPolicy(budget=300_000, shares={"phone": 1, "referral": 2})
    a = dev.simulate_development(dev_world, policy, prepared=prepared)
    b = dev.simulate_development(dev_world, policy, seed=0)
    pd.testing.assert_frame_equal(a.acquisition, b.acquisition)


@settings(max_examples=40, deadline=None)
@given(budget=st.floats(0, 5e6), shares=st.lists(st.floats(0, 10), min_size=10, max_size=10))
def test_the_funnel_never_rises_and_more_money_never_gives_fewer_leads(dev_world, prepared, budget, shares):
    policy = dev.ProspectingPolicy(budget=budget, shares=tuple(shares))
    run = dev.simulate_development(dev_world, policy, prepared=prepared)
    counts = run.steps.pivot(index="method", columns="step", values="count").to_numpy()
    assert (np.diff(counts, axis=1) <= 0).all()
    assert (run.acquisition["spend"] <= run.acquisition["budget"] + 1e-6).all()
    richer = dev.simulate_development(dev_world, dataclasses.replace(policy, budget=budget * 1.5), prepared=prepared)
    assert (richer.acquisition["leads"].to_numpy() >= run.acquisition["leads"].to_numpy()).all()


def test_zero_weights_mean_equal_weights():
    split = dev.budget_split(dev.ProspectingPolicy(budget=1000, shares=(0,) * 10))
    assert np.allclose(split, 100)


def test_referral_volume_is_capped_by_the_customers(dev_world, prepared):
    run = dev.simulate_development(dev_world, dev.ProspectingPolicy(shares={"referral": 1}), prepared=prepared)
    row = dev.by_method(run).set_index("method").loc["referral"]
    assert row["spend"] < row["budget"] and row["contacts"] == prepared.max_contacts[dev.METHODS.index("referral")]


def test_channels_add_up(dev_world, prepared):
    run = dev.simulate_development(dev_world, prepared=prepared)
    assert dev.by_channel(run)["acquired"].sum() == dev.by_method(run)["acquired"].sum()
    assert list(dev.channel_comparison(run).columns)[:3] == ["method", "channel", "lead_conversion"]


def test_model_card_reads_the_code():
    card = dev.model_card()
    assert list(card.columns) == ["parameter", "item", "value", "meaning"]
    row = card[(card["parameter"] == "cost") & (card["item"] == "face_to_face")]
    assert row["value"].item() == dev.DEFAULT_METHODS["face_to_face"].cost
    assert labelled(card, "development", language="zh")["含义"].str.len().min() > 0


@pytest.mark.parametrize("call, words", [
    (lambda w: dev.simulate_development("world"), ["world", "World"]),
    (lambda w: dev.simulate_development(w, policy="cheap"), ["policy", "ProspectingPolicy"]),
    (lambda w: dev.simulate_development(w, months=0), ["months", ">= 1"]),
    (lambda w: dev.simulate_development(w, months=np.float64(3)), ["months", "int"]),
    (lambda w: dev.simulate_development(w, months=6, prepared=dev.prepare_development(w)), ["prepared", "months"]),
    (lambda w: dev.ProspectingPolicy(budget=-1), ["budget", "-1"]),
    (lambda w: dev.ProspectingPolicy(budget=float("nan")), ["budget", "finite"]),
    (lambda w: dev.ProspectingPolicy(shares=(1, 2)), ["shares", "10"]),
    (lambda w: dev.ProspectingPolicy(shares={"telepathy": 1}), ["shares", "telepathy"]),
    (lambda w: dev.ProspectingPolicy(shares=(1,) * 9 + (-1,)), ["shares", "web_promotion"]),
    (lambda w: dev.funnel(None), ["run", "DevelopmentRun"]),
    (lambda w: dev.prepare_development(w, seed=-1), ["seed"]),
])
def test_bad_input_gets_a_clear_error(dev_world, call, words):
    with pytest.raises((ValueError, TypeError)) as info:
        call(dev_world)
    for word in words:
        assert word in str(info.value)


def test_policy_keeps_normalised_values():
    policy = dev.ProspectingPolicy(budget=np.int64(5), shares=tuple(np.float32(1) for _ in range(10)))
    assert type(policy.budget) is float and all(type(s) is float for s in policy.shares)
