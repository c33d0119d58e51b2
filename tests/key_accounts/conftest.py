"""Runs of the key-account process shared by the tests of this folder."""

from __future__ import annotations

import pytest

from crmsim import key_accounts as ka


@pytest.fixture(scope="module")
def result(world):
    """The run notebook-sized tests read: the class-size world, seed 3."""
    return ka.simulate_key_accounts(world, seed=3)


@pytest.fixture(scope="module")
def big_result(big_world):
    """A run large enough for statistical checks."""
    return ka.simulate_key_accounts(big_world, seed=21, n_opportunities=40_000)
