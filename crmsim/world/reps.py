"""Sales reps: who serves which territory, and how good they are at
developing new customers (market breadth) and keeping existing ones
(market depth)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import stream

#: Codes of the rep territories: the seven domestic regions and one for all international markets.
TERRITORY_CODES = vocab.DOMESTIC_REGIONS + ("international",)


def generate_reps(config: WorldConfig, root: np.random.SeedSequence) -> pd.DataFrame:
    """The sales force: one row per rep.

    Every territory gets at least one rep; the rest are spread in proportion
    to the territory's expected share of customers.
    """
    n = config.reps
    rng = stream(root, "reps")
    territories = config.territories
    weights = config.region_weights()
    territory_weight = np.array([weights[vocab.REGION_CODES.index(t)] if t != "international"
                                 else weights[7:].sum() for t in territories])
    extra = rng.choice(len(territories), size=n - len(territories), p=territory_weight / territory_weight.sum())
    territory = np.sort(np.concatenate([np.arange(len(territories)), extra]))
    territory_code = np.take([TERRITORY_CODES.index(t) for t in territories], territory)
    u = rng.random((n, 4))
    z = rng.standard_normal((n, 2))
    experience = np.clip(np.rint(np.exp(1.4 + 0.6 * z[:, 0])), 0, 35).astype(np.int16)
    # Skills grow with experience; breadth and depth are only loosely related.
    base = 0.35 + 0.04 * np.minimum(experience, 10)
    prospecting = np.clip(base + 0.18 * (2 * u[:, 0] - 1) + 0.08 * z[:, 1], 0.05, 0.98)
    retention = np.clip(base + 0.18 * (2 * u[:, 1] - 1) - 0.04 * z[:, 1], 0.05, 0.98)
    name_code = np.minimum((u[:, 2] * vocab.N_PERSON_NAMES).astype(np.int64), vocab.N_PERSON_NAMES - 1)
    name_en, name_zh = vocab.person_name_dtypes()
    return pd.DataFrame(copy=False, data={
        "rep_id": np.arange(1, n + 1, dtype=np.int32),
        "name_en": pd.Categorical.from_codes(name_code, dtype=name_en),
        "name_zh": pd.Categorical.from_codes(name_code, dtype=name_zh),
        "territory": pd.Categorical.from_codes(territory_code, dtype=vocab.category(TERRITORY_CODES)),
        "years_experience": experience,
        "prospecting_skill": np.round(prospecting, 3),
        "retention_skill": np.round(retention, 3),
    })
