"""Shared fixtures: small worlds built once per test session, and a clean language."""

from __future__ import annotations

import pytest

import crmsim


@pytest.fixture(scope="session")
def world():
    """A class-size world (the notebooks' default size)."""
    return crmsim.make_world(seed=11, n_customers=300)


@pytest.fixture(scope="session")
def big_world():
    """A world large enough for statistical checks."""
    return crmsim.make_world(seed=12, n_customers=6000)


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English and leaves the language as it found it."""
    crmsim.set_language("en")
    yield
    crmsim.set_language("en")
