"""The seller's product catalogue: lines, list prices and unit costs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import stream


def generate_products(config: WorldConfig, root: np.random.SeedSequence) -> pd.DataFrame:
    """One row per product; every product line has at least one product.

    Prices are in CNY; the gross margin range of each line is in
    :data:`crmsim.vocab.PRODUCT_LINES`.
    """
    n = config.n_products
    rng = stream(root, "products")
    line = np.arange(n) % len(vocab.LINE_CODES)
    u = rng.random((n, 3))
    margin_lo = np.array([row[3][0] for row in vocab.PRODUCT_LINES])[line]
    margin_hi = np.array([row[3][1] for row in vocab.PRODUCT_LINES])[line]
    price_lo = np.log([row[4][0] for row in vocab.PRODUCT_LINES])[line]
    price_hi = np.log([row[4][1] for row in vocab.PRODUCT_LINES])[line]
    list_price = np.round(np.exp(price_lo + u[:, 0] * (price_hi - price_lo)) * 1000.0, -2)  # to the nearest CNY 100
    margin = margin_lo + u[:, 1] * (margin_hi - margin_lo)
    unit_cost = np.round(list_price * (1 - margin), 2)
    names_en, names_zh = [], []
    for i, code in enumerate(vocab.LINE_CODES[k] for k in line):  # tiny table: a few dozen rows
        noun_en, noun_zh = vocab.PRODUCT_NOUNS[code][int(u[i, 2] * len(vocab.PRODUCT_NOUNS[code]))]
        model = f"{code[0].upper()}-{100 + 10 * i}"
        names_en.append(f"{noun_en} {model}")
        names_zh.append(f"{noun_zh} {model}")
    return pd.DataFrame(copy=False, data={
        "product_id": np.arange(1, n + 1, dtype=np.int32),
        "name_en": pd.Series(names_en, dtype="str"),
        "name_zh": pd.Series(names_zh, dtype="str"),
        "product_line": pd.Categorical.from_codes(line, dtype=vocab.category(vocab.LINE_CODES)),
        "list_price": list_price,
        "unit_cost": unit_cost,
    })
