"""The one registry of random streams (crmsim.seeding)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from crmsim import seeding

PACKAGE = Path(seeding.__file__).parent


def test_every_stream_has_its_own_numbers():
    keys = [(s.scheme == "entropy", s.key) for s in seeding.REGISTRY.values()]
    assert len(set(keys)) == len(keys)
    for name, stream in seeding.REGISTRY.items():
        assert name == stream.name and name.count(".") == 1 and stream.about
        assert stream.scheme in {"spawn", "blocks", "entropy"}


def test_world_streams_keep_their_numbers():
    assert seeding.STREAMS == {"customers": 1, "contacts": 2, "financials": 3, "reps": 4, "products": 5,
                               "orders": 6, "names": 7}


def test_child_streams_keep_todays_numbers():
    root = np.random.SeedSequence(9)
    spawned = np.random.Generator(np.random.PCG64(np.random.SeedSequence(root.entropy, spawn_key=(304,))))
    assert seeding.child(9, "relationships.moves").random() == spawned.random()
    assert seeding.child(5, "roleplay.scenario", 123).random() == np.random.default_rng([5, 73, 123]).random()


@pytest.mark.parametrize("make_seed", [lambda: 7, lambda: np.int64(7), lambda: np.random.SeedSequence(7)],
                         ids=["int", "numpy-int", "SeedSequence"])
def test_child_accepts_every_seed_kind_with_the_same_result(make_seed):
    assert seeding.child(make_seed(), "credit.file").random() == seeding.child(7, "credit.file").random()


def test_a_generator_seed_is_drawn_from_once_and_reproducibly():
    first = seeding.child(np.random.default_rng(3), "key_accounts.simulation").random()
    again = seeding.child(np.random.default_rng(3), "key_accounts.simulation").random()
    assert first == again


def test_streams_are_independent_of_each_other():
    draws = {name: seeding.child(1, name).random() for name, s in seeding.REGISTRY.items() if s.scheme != "blocks"}
    assert len(set(draws.values())) == len(draws)


@pytest.mark.parametrize("name", ["relationships", "world.customers", "nope.nothing"])
def test_unknown_or_world_names_are_refused(name):
    with pytest.raises(ValueError, match="not a registered topic stream"):
        seeding.child(0, name)


def test_no_module_builds_its_own_generator():
    """Every stream comes from the registry: no default_rng / SeedSequence / PCG64 outside seeding.py."""
    pattern = re.compile(r"default_rng\(|SeedSequence\(|PCG64\(|np\.random\.Generator\(")
    offenders = [f"{path.relative_to(PACKAGE)}:{number}"
                 for path in PACKAGE.rglob("*.py") if path.name != "seeding.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line.split("#")[0]) and '"""' not in line and "``" not in line]
    assert offenders == []
