"""Shared fixtures of the role-play tests: one small world, its scenario and its people."""

from __future__ import annotations

import pytest

import crmsim
from crmsim import roleplay as rp


@pytest.fixture(scope="package")
def rp_world():
    return crmsim.make_world(seed=2024, n_customers=300)


@pytest.fixture(scope="package")
def scenario(rp_world):
    return rp.make_scenario(rp_world, seed=5)


@pytest.fixture(scope="package")
def person(scenario):
    """``person(role)``: the contact id of the first person of ``role`` in the scenario's buying centre."""
    def first_of(role: str) -> int:
        people = scenario.people
        return int(people.loc[people["role"] == role, "contact_id"].iloc[0])
    return first_of
