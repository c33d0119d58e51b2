"""Shared fixtures of the credit tests: one world, its credit file, rating, limits and a simulated policy."""

from __future__ import annotations

import pytest

import crmsim
from crmsim import credit
from crmsim.credit import CreditPolicy


@pytest.fixture(scope="module")
def world():
    return crmsim.make_world(seed=11, n_customers=1500)


@pytest.fixture(scope="module")
def file(world):
    return credit.credit_file(world, seed=world.seed)


@pytest.fixture(scope="module")
def rating(file):
    return credit.rate(file)


@pytest.fixture(scope="module")
def limits(file):
    return credit.credit_limits(file)


@pytest.fixture(scope="module")
def sim(world, rating, limits):
    return credit.simulate_receivables(world, CreditPolicy(), rating=rating, limits=limits, months=24, seed=3)
