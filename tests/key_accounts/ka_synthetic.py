"""Helpers of the key-account tests: an opportunities table made by formula, and a table hash."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

import crmsim
from crmsim import key_accounts as ka


def synthetic_opportunities(n: int = 40) -> pd.DataFrame:
    """An opportunities table made by formula, without a world or random numbers,
    so a golden hash of its run guards the stage model alone."""
    x = np.linspace(0.0, 1.0, n)
    wave = (np.sin(np.arange(n) * 1.7) + 1.0) / 2.0
    roles = {f"rel_{r}": np.cos(np.arange(n) * (k + 1.3)) * 0.8 for k, r in enumerate(crmsim.world.vocab.ROLE_CODES)}
    frame = pd.DataFrame({
        "opportunity_id": np.arange(1, n + 1, dtype=np.int64), "customer_id": np.arange(1, n + 1, dtype=np.int32),
        "rep_id": (np.arange(n) % 3 + 1).astype(np.int32),
        "created": pd.Timestamp("2025-07-01") + pd.to_timedelta(np.arange(n) * 13, unit="D"),
        "amount": 0.5 + 10 * x, "budget": (0.5 + 10 * x) * (0.8 + 0.4 * wave),
        "schedule_months": (3 + np.arange(n) % 10).astype(np.int16), "need": wave,
        "n_competitors": (np.arange(n) % 4).astype(np.int16),
        "competitor_strength": np.where(np.arange(n) % 4 > 0, 0.3 + 0.6 * x, 0.0),
        "competitor_discount": 0.03 + 0.15 * wave, "price_weight": 0.2 + 0.5 * x, **roles,
        "relationship": np.mean(list(roles.values()), axis=0), "has_coach": np.arange(n) % 3 == 0,
        "coach_strength": np.where(np.arange(n) % 3 == 0, 0.3 + 0.5 * wave, 0.0),
        "prospecting_skill": 0.3 + 0.5 * wave, "retention_skill": 0.7 - 0.4 * x, "feasibility": 0.4 + 0.5 * x,
        "fit": 0.4 + 0.4 * wave, "proposal_draw": x[::-1],
    })
    for k, name in enumerate(ka.GRADING_FACTORS):
        frame[f"f_{name}"] = (np.sin(np.arange(n) * (k + 0.5)) + 1.0) / 2.0
    return frame


def table_hash(df: pd.DataFrame) -> str:
    """SHA-256 of a table's values rounded to 8 significant digits."""
    def text(v):
        if isinstance(v, (float, np.floating)):
            return "nan" if np.isnan(v) else f"{v:.8g}"
        return str(v)
    rows = "\n".join(",".join(text(v) for v in row) for row in df.itertuples(index=False))
    return hashlib.sha256(rows.encode()).hexdigest()
