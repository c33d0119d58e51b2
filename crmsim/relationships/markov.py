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


def stationary_distribution(matrix: np.ndarray | pd.DataFrame) -> np.ndarray:
    """Long-run level mix of a chain in which every lost customer is replaced at the lowest level.

    Parameters
    ----------
    matrix : array, shape (..., K, K + 1)
        Monthly transition matrices with churn as the last column (one, or a
        stack of per-customer matrices).

    Returns
    -------
    ndarray, shape (..., K)
        The stationary distribution over the ladder's levels.
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim < 2 or matrix.shape[-1] != matrix.shape[-2] + 1:
        raise ValueError(f"matrix must have shape (..., K, K + 1); got {matrix.shape}")
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
    start : int or ndarray of level indices
    months : int
    """
    matrices = np.asarray(matrices, dtype=float)
    n, k = matrices.shape[0], matrices.shape[1]
    full = np.zeros((n, k + 1, k + 1))
    full[:, :k, :] = matrices
    full[:, k, k] = 1.0  # churn is absorbing
    state = np.zeros((n, k + 1))
    state[np.arange(n), np.broadcast_to(np.asarray(start), (n,))] = 1.0
    for _ in range(check_int("months", months, 0)):
        state = np.einsum("nk,nkj->nj", state, full)
    return state @ np.append(np.arange(k, dtype=float), -1.0)


def _level_moves(matrices: np.ndarray) -> np.ndarray:
    """Level-to-level part of per-customer matrices, laid out (K, K, n) so that
    the arithmetic runs over long contiguous customer rows."""
    return np.ascontiguousarray(np.asarray(matrices, dtype=float)[..., :-1].transpose(1, 2, 0))


def occupancy(matrices: np.ndarray, start: np.ndarray, months: int) -> np.ndarray:
    """Expected months each customer spends on each level over ``months``, shape (K, n).

    Parameters
    ----------
    matrices : ndarray, shape (n, K, K + 1)
    start : ndarray of int, shape (n,)
        Each customer's level index in the first month.
    months : int
    """
    moves = _level_moves(matrices)
    k, _, n = moves.shape
    state = np.zeros((k, n))
    state[start, np.arange(n)] = 1.0
    months_on = np.zeros((k, n))
    for _ in range(months):
        months_on += state
        state = (state[:, None, :] * moves).sum(axis=0)
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
