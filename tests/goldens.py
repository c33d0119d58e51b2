"""The digest golden-hash tests compare: a table's values to 8 significant digits, column by column.

Eight digits keep the hash the same when the last bits of a float differ between machines, while any
change a reader could see changes it.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd


def table_digest(df: pd.DataFrame) -> str:
    """First 16 hex digits of the SHA-256 of ``df``'s values (floats to 8 significant digits)."""
    parts = []
    for column in df.columns:
        values = df[column]
        if pd.api.types.is_float_dtype(values.dtype):
            parts.append(np.array2string(values.to_numpy(), formatter={"float_kind": lambda v: f"{v:.8g}"},
                                         threshold=10**9))
        else:
            parts.append(",".join(map(str, values.tolist())))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
