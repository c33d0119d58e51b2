"""Markov-chain arithmetic on per-customer transition matrices.

A matrix of shape ``(K, K + 1)`` gives a customer's monthly chances from each
of the ``K`` levels to each level and, in the last column, to churn (which is
absorbing). A stack ``(n, K, K + 1)`` holds one per customer, as
:func:`~crmsim.relationships.transitions.transition_matrices` returns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import check_int


#: Longest horizon :func:`expected_level` computes, in months: 200 years, far beyond any planning
#: horizon, and a bound on the work one call can ask for.
MAX_MONTHS = 2400


def check_matrices(matrices: object, name: str = "matrices") -> np.ndarray:
    """``matrices`` as a float array of shape (..., K, K + 1) whose rows are probabilities summing to 1."""
    try:
        array = np.asarray(matrices, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of transition chances; got {type(matrices).__name__}") from None
    if array.ndim < 2 or array.shape[-1] != array.shape[-2] + 1 or array.shape[-2] < 1:
        raise ValueError(f"{name} must have shape (..., K, K + 1) with K >= 1; got {array.shape}")
    if not np.all(np.isfinite(array)) or np.any(array < -1e-12) or np.any(array > 1 + 1e-12):
        raise ValueError(f"{name} must hold chances in [0, 1] (no NaN or inf)")
    if not np.allclose(array.sum(axis=-1), 1.0, atol=1e-9):
        raise ValueError(f"every row of {name} must sum to 1 (the last column is churn); got row sums from "
                         f"{array.sum(axis=-1).min():.6g} to {array.sum(axis=-1).max():.6g}")
    return array


def scale_churn(matrices: np.ndarray, scale: float) -> np.ndarray:
    """Matrices with every churn chance times ``scale`` (in [0, 1]) and the difference kept on the same level."""
    scaled = np.array(matrices, dtype=float)
    if scale == 1.0:
        return scaled
    k = scaled.shape[-2]
    kept = scaled[..., :, k] * (1.0 - scale)
    scaled[..., :, k] -= kept
    rungs = np.arange(k)
    scaled[..., rungs, rungs] += kept
    return scaled


def stationary_distribution(matrix: np.ndarray | pd.DataFrame) -> np.ndarray:
    """Long-run level mix of a chain in which every lost customer is replaced at the lowest level.

    Parameters
    ----------
    matrix : array, shape (..., K, K + 1)
        Monthly transition matrices with churn as the last column (one, or a
        stack of per-customer matrices); rows of chances summing to 1.

    Returns
    -------
    ndarray, shape (..., K)
        The stationary distribution over the ladder's levels.

    Raises
    ------
    TypeError, ValueError
        If ``matrix`` is not an array of that shape whose rows are chances summing to 1.
    """
    matrix = check_matrices(matrix, "matrix")
    k = matrix.shape[-2]
    closed = matrix[..., :k].copy()
    closed[..., 0] += matrix[..., k]  # a lost customer is replaced at the bottom
    # Solve pi (P - I) = 0 with sum(pi) = 1: replace one equation by the normalisation.
    system = np.swapaxes(closed, -1, -2) - np.eye(k)
    system[..., -1, :] = 1.0
    rhs = np.zeros(matrix.shape[:-2] + (k,))
    rhs[..., -1] = 1.0
    return np.linalg.solve(system, rhs[..., None])[..., 0]


def expected_level(matrices: np.ndarray, start: np.ndarray | int, months: int) -> np.ndarray:
    """Expected level index after ``months`` (churned counts as -1), per customer.

    Parameters
    ----------
    matrices : ndarray, shape (n, K, K + 1)
        Rows of chances summing to 1, the last column churn.
    start : int or ndarray of int, shape (n,)
        Level index (0..K-1) of each customer now.
    months : int
        Horizon, 0 to :data:`MAX_MONTHS`.

    Raises
    ------
    TypeError, ValueError
        Naming the argument that is wrong.
    """
    matrices = check_matrices(matrices)
    if matrices.ndim != 3:
        raise ValueError(f"matrices must have shape (n, K, K + 1), one matrix per customer; got {matrices.shape}")
    n, k = matrices.shape[0], matrices.shape[1]
    months = check_int("months", months, 0, MAX_MONTHS)
    start_array = np.asarray(start)
    if start_array.dtype == bool or not np.issubdtype(start_array.dtype, np.integer):
        raise TypeError(f"start must be an int level index or an array of them; got {start!r}")
    if start_array.ndim > 1 or (start_array.ndim == 1 and len(start_array) != n):
        raise ValueError(f"start must be one level index or one per customer ({n}); got shape {start_array.shape}")
    if np.any(start_array < 0) or np.any(start_array >= k):
        raise ValueError(f"start must be a level index in 0..{k - 1}; got {start!r}")
    full = np.zeros((n, k + 1, k + 1))
    full[:, :k, :] = matrices
    full[:, k, k] = 1.0  # churn is absorbing
    state = np.zeros((n, k + 1))
    state[np.arange(n), np.broadcast_to(start_array, (n,))] = 1.0
    # Repeated squaring: log2(months) matrix products however long the horizon.
    power, remaining = full, months
    while remaining:
        if remaining & 1:
            state = np.einsum("nk,nkj->nj", state, power)
        remaining >>= 1
        if remaining:
            power = np.einsum("nij,njk->nik", power, power)
    return state @ np.append(np.arange(k, dtype=float), -1.0)


def _level_moves(matrices: np.ndarray) -> np.ndarray:
    """Level-to-level part of per-customer matrices, laid out (K, K, n) so that
    the arithmetic runs over long contiguous customer rows."""
    return np.ascontiguousarray(np.asarray(matrices, dtype=float)[..., :-1].transpose(1, 2, 0))


def occupancy(matrices: np.ndarray, start: np.ndarray, months: int,
              churn_scale: np.ndarray | None = None) -> np.ndarray:
    """Expected months each customer spends on each level over ``months``, shape (K, n).

    Parameters
    ----------
    matrices : ndarray, shape (n, K, K + 1)
    start : ndarray of int, shape (n,)
        Each customer's level index in the first month.
    months : int
    churn_scale : ndarray, shape (months,), optional
        Multiplier of the churn chances of each month (a maintenance hold; default 1 every month).
    """
    moves = _level_moves(matrices)
    churn = np.ascontiguousarray(np.asarray(matrices, dtype=float)[..., -1].T)  # (K, n)
    k, _, n = moves.shape
    state = np.zeros((k, n))
    state[start, np.arange(n)] = 1.0
    months_on = np.zeros((k, n))
    for t in range(months):
        months_on += state
        kept = state * churn * (1.0 - churn_scale[t]) if churn_scale is not None else 0.0
        state = (state[:, None, :] * moves).sum(axis=0) + kept  # the held back stay where they are
    return months_on


def expected_values(matrices: np.ndarray, margins: np.ndarray, months: int, monthly_discount: float) -> np.ndarray:
    """Expected discounted profit over ``months`` from each level, per customer: shape (n, K).

    Parameters
    ----------
    matrices : ndarray, shape (n, K, K + 1)
    margins : ndarray, shape (n, K)
        Expected profit of a month on each level; churned customers earn nothing.
    months : int
    monthly_discount : float
        Discount factor per month, in (0, 1].
    """
    moves = _level_moves(matrices)
    margins = margins.T
    value = np.zeros_like(margins)
    for _ in range(months):  # backward recursion: V = m + d * P V
        value = margins + monthly_discount * (moves * value[None, :, :]).sum(axis=1)
    return value.T
