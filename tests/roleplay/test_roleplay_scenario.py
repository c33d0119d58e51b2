"""Role play: the scenario, its seeds and the registry of its streams."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmsim
from crmsim import roleplay as rp
from crmsim import seeding
from crmsim.key_accounts import key_account_ids

PACKAGE = Path(rp.__file__).parent


def test_scenario_is_a_key_account_buying_centre_and_seeded(rp_world):
    a, b = rp.make_scenario(rp_world, seed=5), rp.make_scenario(rp_world, seed=5)
    pd.testing.assert_frame_equal(a.people, b.people)
    assert a.deal_value == b.deal_value and a.competitors == b.competitors
    assert str(a.customer["segment"]) != "ordinary"
    assert len(a.people) >= 4 and (a.people["role"] == "decision_maker").sum() == 1
    assert set(a.people["concern"].astype(str)) <= set(rp.CONCERNS)
    assert a.people["attitude"].between(-1, 1).all()
    chosen = rp.make_scenario(rp_world, customer_id=int(a.customer["customer_id"]), seed=5)
    pd.testing.assert_frame_equal(chosen.people, a.people)


def test_streams_give_todays_numbers_for_an_int_seed(rp_world):
    """The registry's entropy streams are the old ``default_rng([seed, n, ...])`` generators."""
    scenario = rp.make_scenario(rp_world, seed=5)
    customer_id = int(scenario.customer["customer_id"])
    sizes = rp_world.contacts.groupby("customer_id", observed=True).size()
    candidates = np.intersect1d(key_account_ids(rp_world), sizes.index[sizes >= 4].to_numpy())
    assert customer_id == int(np.random.default_rng([5, 70]).choice(candidates))
    for name, key in (("roleplay.noise", [5, 71]), ("roleplay.outcome", [5, 72]),
                      ("roleplay.scenario", [5, 73, customer_id])):
        extra = key[2:]
        assert seeding.child(scenario.seed, name, *extra).random() == np.random.default_rng(key).random()


@pytest.mark.parametrize("kind", ["int", "SeedSequence", "Generator"])
def test_make_scenario_accepts_every_kind_of_seed(rp_world, kind):
    seed = {"int": 11, "SeedSequence": np.random.SeedSequence(11),
            "Generator": np.random.default_rng(11)}[kind]
    scenario = rp.make_scenario(rp_world, seed=seed)
    assert isinstance(scenario.seed, np.random.SeedSequence)
    if kind == "Generator":
        # A Generator is drawn from once, and the scenario is the one of the seed drawn.
        expected = rp.make_scenario(rp_world, seed=seeding.root_sequence(np.random.default_rng(11)))
        assert seed.bit_generator.state == _advanced_once(11)
    else:
        expected = rp.make_scenario(rp_world, seed=11)
    pd.testing.assert_frame_equal(scenario.people, expected.people)
    assert (scenario.deal_value, scenario.competitors) == (expected.deal_value, expected.competitors)
    run, again = (rp.play(s, rp.example_moves(s, "textbook")) for s in (scenario, expected))
    pd.testing.assert_frame_equal(run.rounds, again.rounds)
    pd.testing.assert_series_equal(run.outcome, again.outcome)


def _advanced_once(seed: int) -> dict:
    generator = np.random.default_rng(seed)
    seeding.root_sequence(generator)
    return generator.bit_generator.state


def test_bad_seeds_are_refused_with_a_clear_message(rp_world):
    with pytest.raises(TypeError, match="seed must be a non-negative int"):
        rp.make_scenario(rp_world, seed="five")
    with pytest.raises(ValueError, match="seed must be a non-negative int"):
        rp.make_scenario(rp_world, seed=-1)


def test_arguments_after_the_world_are_keyword_only(rp_world):
    with pytest.raises(TypeError):
        rp.make_scenario(rp_world, None, 5)


def test_bad_scenario_arguments(scenario):
    world = crmsim.make_world(seed=1, n_customers=50)
    with pytest.raises(ValueError, match="customer_id=9999 is not a customer"):
        rp.make_scenario(world, customer_id=9999)
    with pytest.raises(ValueError, match="hours_per_round must be in"):
        rp.make_scenario(world, hours_per_round=0)
    with pytest.raises(ValueError, match="style='expert' is not allowed"):
        rp.example_moves(scenario, "expert")


def test_a_scenario_is_copied_with_dataclasses_replace(scenario):
    fewer_hours = dataclasses.replace(scenario, hours_per_round=5.0)
    assert fewer_hours.hours_per_round == 5.0 and fewer_hours.people is scenario.people
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.hours_per_round = 5.0


def test_the_topic_draws_only_from_the_registry():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"default_rng|SeedSequence\(|def _(stream|child|streams)\b", text), path.name


def test_bad_arguments_of_every_entry_point(rp_world, scenario):
    with pytest.raises(TypeError, match="world must be a crmsim World"):
        rp.make_scenario(rp_world.customers)
    with pytest.raises(TypeError, match="customer_id must be an int"):
        rp.make_scenario(rp_world, customer_id="1")
    with pytest.raises(ValueError, match="language='fr' is not supported"):
        rp.role_cards(scenario, language="fr")
    with pytest.raises(ValueError, match="language='fr' is not supported"):
        rp.outcome_table(rp.play(scenario, []), language="fr")
