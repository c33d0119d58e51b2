"""Fixtures of the relationship tests: runs shared by a module's tests, and the table hash."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from crmsim import relationships as rel


def rounded_hash(df: pd.DataFrame) -> str:
    """Hash of a table with floats rounded to 8 significant digits (robust to last-bit differences)."""
    parts = []
    for column in df.columns:
        values = df[column].to_numpy()
        if np.issubdtype(values.dtype, np.floating):
            values = np.char.mod("%.8g", values)
        parts.append(f"{column}:" + ",".join(map(str, values)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def run(world):
    return rel.simulate_relationships(world, seed=3)


@pytest.fixture(scope="module")
def big_run(big_world):
    return rel.simulate_relationships(big_world, seed=4)
