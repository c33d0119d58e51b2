"""Fixtures of the relationship tests: runs and a dashboard shared by a module's tests, the table hash, and
the pixels of a dashboard's PNG."""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from crmsim import relationships as rel
from crmsim.widgets.relationships import RelationshipDashboard


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


@pytest.fixture(scope="module")
def dashboard(world):
    """The relationship dashboard on the class-size world; module scope, so a module's tests share (and may move)
    one dashboard while every module starts from a fresh one."""
    return RelationshipDashboard(world, seed=1)


def pixels(png: bytes) -> np.ndarray:
    """The pixels of a PNG, to compare two pictures exactly."""
    return np.asarray(Image.open(io.BytesIO(png)))
