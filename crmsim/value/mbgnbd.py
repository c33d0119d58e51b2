"""The modified BG/NBD (MBG/NBD) purchase model, fitted by maximum likelihood.

Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison
of models for customer base analysis", *International Journal of Research in
Marketing* 24(3). The story, for one customer observed from its time zero
(first purchase) for ``T`` months:

- while active it buys as a Poisson process with rate λ (orders a month);
- at time zero and after every purchase it leaves for good with probability p
  (the BG/NBD of Fader, Hardie & Lee, 2005, lets it leave only after a repeat
  purchase, so a customer with no repeat purchase is always "alive" there);
- across customers λ ~ Gamma(shape ``r``, rate ``alpha``) and
  p ~ Beta(``a``, ``b``), independently.

What it needs of each customer is the RFM summary: ``frequency`` x (repeat
purchases after time zero), ``recency`` t_x (months from time zero to the last
purchase, 0 without repeat purchases) and ``tenure`` T (months from time zero
to today); see :func:`crmsim.value.rfm_summary`. Everything here is
vectorised over customers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from ..seeding import SeedLike, child
from ..validation import check_int, check_real

PARAMETER_NAMES = ("r", "alpha", "a", "b")


@dataclass(frozen=True)
class MBGNBDParams:
    """Population parameters of the MBG/NBD model.

    Attributes
    ----------
    r, alpha : float
        Shape and rate (per month) of the gamma distribution of purchase
        rates: the mean rate is ``r / alpha`` orders a month.
    a, b : float
        Parameters of the beta distribution of the dropout probability per
        purchase: its mean is ``a / (a + b)``.
    """

    r: float
    alpha: float
    a: float
    b: float

    def __post_init__(self) -> None:
        for name in PARAMETER_NAMES:
            object.__setattr__(self, name, check_real(name, getattr(self, name), 0.0, inclusive=False))

    def as_array(self) -> np.ndarray:
        """``[r, alpha, a, b]``."""
        return np.array([self.r, self.alpha, self.a, self.b])


@dataclass(frozen=True)
class MBGNBDFit:
    """A fitted MBG/NBD model.

    Attributes
    ----------
    params : MBGNBDParams
        Maximum-likelihood estimates.
    standard_errors : MBGNBDParams or None
        Asymptotic standard errors (inverse observed information, by the
        delta method from the log scale); None when the information matrix
        is singular.
    log_likelihood : float
        Total log-likelihood at the estimates.
    n_customers : int
        Customers it was fitted to.
    """

    params: MBGNBDParams
    standard_errors: MBGNBDParams | None
    log_likelihood: float
    n_customers: int


def _arrays(frequency, recency, tenure) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(frequency, dtype=float)
    t_x = np.asarray(recency, dtype=float)
    big_t = np.asarray(tenure, dtype=float)
    if not (x.shape == t_x.shape == big_t.shape):
        raise ValueError(f"frequency, recency and tenure must have one shape; got {x.shape}, {t_x.shape}, {big_t.shape}")
    if np.any(~np.isfinite(x)) or np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("frequency must hold non-negative whole numbers")
    if np.any(~np.isfinite(t_x)) or np.any(t_x < 0) or np.any(t_x > big_t + 1e-9):
        raise ValueError("recency must lie in [0, tenure] for every customer")
    if np.any(~np.isfinite(big_t)) or np.any(big_t <= 0):
        raise ValueError("tenure must be positive for every customer")
    return x, t_x, big_t


def _log_likelihood(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
    """Per-customer log-likelihood at ``theta = [r, alpha, a, b]`` (no checks)."""
    r, alpha, a, b = theta
    common = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
              + special.betaln(a, b + x + 1) - special.betaln(a, b))
    # L = common * [(alpha + T)^-(r+x) + a / (b + x) * (alpha + t_x)^-(r+x)]
    alive = -(r + x) * np.log(alpha + big_t)
    left = np.log(a) - np.log(b + x) - (r + x) * np.log(alpha + t_x)
    return common + np.logaddexp(alive, left)


def log_likelihood(params: MBGNBDParams, frequency, recency, tenure) -> np.ndarray:
    """Log-likelihood of each customer's (x, t_x, T) under ``params`` (Batislam et al. 2007, eq. 4).

    Returns
    -------
    ndarray, one value per customer.
    """
    x, t_x, big_t = _arrays(frequency, recency, tenure)
    return _log_likelihood(params.as_array(), x, t_x, big_t)


def _numerical_hessian(f, point: np.ndarray, step: float = 1e-4) -> np.ndarray:
    """Central-difference Hessian of a scalar function (4 parameters: 33 calls)."""
    k = len(point)
    hessian = np.empty((k, k))
    for i in range(k):  # parameters, not customers
        for j in range(i, k):
            di, dj = np.eye(k)[i] * step, np.eye(k)[j] * step
            value = (f(point + di + dj) - f(point + di - dj) - f(point - di + dj) + f(point - di - dj)) / (4 * step**2)
            hessian[i, j] = hessian[j, i] = value
    return hessian


def _central_gradient(f, point: np.ndarray, step: float = 1e-3) -> np.ndarray:
    """Central-difference gradient of a scalar function (8 calls for 4 parameters).

    The step is large (0.1 % in the log parameters) on purpose: its truncation error is the same on every
    machine, whereas the rounding error of a small step differs with the numpy and scipy builds and would
    make the point where the gradient vanishes differ too.
    """
    gradient = np.empty(len(point))
    for i, unit in enumerate(np.eye(len(point))):  # parameters, not customers
        gradient[i] = (f(point + step * unit) - f(point - step * unit)) / (2 * step)
    return gradient


#: Newton steps at most when polishing a fit; each costs 9 likelihood evaluations, three or four suffice.
POLISH_STEPS = 6


def _polish(f, point: np.ndarray, free: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Newton steps from an L-BFGS-B optimum over the ``free`` coordinates, and the Hessian at the end.

    L-BFGS-B stops within its tolerance of the optimum, at a point that depends on the path it took, and the
    path on rounding (scipy 1.15 rewrote it in C; numpy's vectorised logarithms differ in the last bits):
    fitted values differed in their fifth digit between machines. Newton's method on a fixed
    finite-difference gradient converges to where that gradient vanishes, the same point to about nine
    digits wherever it runs, and a step that would lower the likelihood is not taken. The Hessian is
    computed once, at the start (40 evaluations; it changes little over steps this short, and the point
    converged to depends only on the gradient).
    """
    hessian = _numerical_hessian(f, point)
    for _ in range(POLISH_STEPS):
        if free.size == 0:
            break
        try:
            delta = np.linalg.solve(hessian[np.ix_(free, free)], _central_gradient(f, point)[free])
        except np.linalg.LinAlgError:
            break
        trial = point.copy()
        trial[free] -= delta
        if not f(trial) <= f(point) + 1e-9 * abs(f(point)):  # NaN or worse: keep what we have
            break
        point = trial
        if np.max(np.abs(delta)) < 1e-10:
            break
    return point, hessian


#: Largest gamma shape r a fit may return (a coefficient of variation of purchase rates of 1/sqrt(r) = 4.5 %).
MAX_SHAPE = 500.0


def fit_mbgnbd(frequency, recency, tenure, *, start: MBGNBDParams | None = None) -> MBGNBDFit:
    """Maximum-likelihood MBG/NBD parameters for a group of customers.

    The log-likelihood is maximised over the logarithms of the four
    parameters (so they stay positive) with L-BFGS-B, then polished by Newton
    steps (:func:`_polish`: the same digits on every machine), from ``start``
    (default r = 1, alpha = the mean tenure, a = 1, b = 3: a rate of about
    one order per tenure and a dropout chance of a quarter, a neutral guess).

    Parameters
    ----------
    frequency, recency, tenure : array-like
        The RFM summary (see the module docstring); at least 10 customers.
    start : MBGNBDParams, optional

    Returns
    -------
    MBGNBDFit
    """
    x, t_x, big_t = _arrays(frequency, recency, tenure)
    check_int("number of customers", x.size, 10)
    guess = start.as_array() if start is not None else np.array([1.0, float(big_t.mean()), 1.0, 3.0])

    def negative(log_theta: np.ndarray) -> float:
        return -float(_log_likelihood(np.exp(log_theta), x, t_x, big_t).sum())

    # r is bounded by MAX_SHAPE: beyond it the fitted rates differ by less than 5 % between customers, which
    # the data cannot tell from no spread at all, and 2F1 in expected_purchases overflows (r of 10,000
    # came out of a tier whose rates vary little).
    bounds = [(-12.0, float(np.log(MAX_SHAPE))), (-12.0, 12.0), (-12.0, 12.0), (-12.0, 12.0)]
    result = optimize.minimize(negative, np.log(np.minimum(guess, [MAX_SHAPE, np.inf, np.inf, np.inf])),
                               method="L-BFGS-B", bounds=bounds)
    lower, upper = np.array(bounds).T
    free = np.flatnonzero((result.x > lower + 1e-6) & (result.x < upper - 1e-6))  # a bound stays where it is
    log_theta, hessian = _polish(negative, result.x, free)
    theta = np.exp(log_theta)
    try:
        covariance_log = np.linalg.inv(hessian)
        variances = np.diag(covariance_log) * theta**2  # delta method: d theta = theta d log theta
        errors = MBGNBDParams(*np.sqrt(variances)) if np.all(variances > 0) else None
    except np.linalg.LinAlgError:
        errors = None
    return MBGNBDFit(params=MBGNBDParams(*theta), standard_errors=errors, log_likelihood=-negative(log_theta),
                     n_customers=int(x.size))


def probability_alive(params: MBGNBDParams, frequency, recency, tenure) -> np.ndarray:
    """Probability that each customer is still active today.

    ``1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x))^(r + x))``; unlike
    the BG/NBD, a customer without repeat purchases can have left.
    """
    x, t_x, big_t = _arrays(frequency, recency, tenure)
    r, alpha, a, b = params.as_array()
    log_ratio = (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x))
    return 1.0 / (1.0 + np.exp(np.log(a) - np.log(b + x) + log_ratio))


def expected_purchases(params: MBGNBDParams, months: float, frequency, recency, tenure) -> np.ndarray:
    """Expected purchases of each customer in the next ``months`` months, given its history.

    Batislam et al. (2007), eq. 6::

        E[Y(t) | x, t_x, T] = (a + b + x) / (a - 1)
            * [1 - ((alpha + T) / (alpha + T + t))^(r + x)
                   * 2F1(r + x, b + x + 1; a + b + x; t / (alpha + T + t))]
            / [1 + a / (b + x) * ((alpha + T) / (alpha + t_x))^(r + x)]

    The expectation is finite for every a > 0 (a customer buys at most its
    Poisson points); for a < 1 the formula holds by analytic continuation
    (both factors change sign). At a = 1 it is 0/0, so a is moved off 1 by
    1e-6 there (a change far below any standard error).
    """
    months = check_real("months", months, 0.0)
    x, t_x, big_t = _arrays(frequency, recency, tenure)
    r, alpha, a, b = params.as_array()
    if abs(a - 1.0) < 1e-6:
        a = 1.0 + 1e-6
    if months == 0:
        return np.zeros_like(x)
    z = months / (alpha + big_t + months)
    hyper = special.hyp2f1(r + x, b + x + 1, a + b + x, z)
    shrink = np.exp((r + x) * (np.log(alpha + big_t) - np.log(alpha + big_t + months)))
    return (a + b + x) / (a - 1) * (1.0 - shrink * hyper) * probability_alive(MBGNBDParams(r, alpha, a, b), x, t_x, big_t)


def posterior_mean_rate(params: MBGNBDParams, frequency, tenure) -> np.ndarray:
    """Mean purchase rate of an active customer given its history: ``(r + x) / (alpha + T)``."""
    x = np.asarray(frequency, dtype=float)
    return (params.r + x) / (params.alpha + np.asarray(tenure, dtype=float))


def simulate_mbgnbd(params: MBGNBDParams, tenure, *, seed: SeedLike = 0) -> tuple[np.ndarray, np.ndarray]:
    """Simulate the RFM summary of customers observed for ``tenure`` months under ``params``.

    Each customer draws λ and p; the number of purchases before it leaves is
    geometric (it may leave at time zero), and its purchases are the first
    of the Poisson points in ``(0, T]``. For tests of :func:`fit_mbgnbd`.

    Returns
    -------
    frequency, recency : ndarray
    """
    big_t = np.asarray(tenure, dtype=float)
    rng = child(seed, "value.mbgnbd_simulation")
    lam = rng.gamma(params.r, 1.0 / params.alpha, size=big_t.shape)
    p = rng.beta(params.a, params.b, size=big_t.shape)
    lasts = rng.geometric(p) - 1  # purchases after time zero before leaving
    n_points = rng.poisson(lam * big_t)
    frequency = np.minimum(n_points, lasts)
    # The k-th of n uniform points on (0, T] is T x Beta(k, n - k + 1).
    k = np.maximum(frequency, 1)
    recency = np.where(frequency > 0, big_t * rng.beta(k, np.maximum(n_points - k + 1, 1)), 0.0)
    return frequency.astype(np.int64), recency
