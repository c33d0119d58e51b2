"""The rating (信用等级评定): a weighted factor score card, one customer's rating step
by step, the "points to double the odds" scaling, and how well a score separates
good from bad payers (AUC, Gini, ROC curve).

:func:`rate` turns a credit file into points per factor, a weighted score in
[0, 100] and a grade (AAA ... C) with a :class:`ScoreCard`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import special

from ..validation import check_choice, check_real
from .file import check_file, customer_row

GRADES = ("AAA", "AA", "A", "BBB", "BB", "B", "C")
FACTOR_GROUPS = ("financial", "report", "nonfinancial")


@dataclass(frozen=True)
class Factor:
    """One rated factor of the credit file.

    Parameters
    ----------
    name : str
        A numeric column of :func:`~crmsim.credit.credit_file`.
    group : {"financial", "report", "nonfinancial"}
    weight : float
        Relative weight (>= 0); the score divides by the sum of weights.
    breaks : tuple of float
        Increasing band edges; a value ``v`` falls in band ``k`` = number of
        edges ``<= v``.
    points : tuple of float
        Points in [0, 100] of each band (one more than ``breaks``).
    missing_points : float
        Points when the value is missing (e.g. no payment history yet); the
        default 50 neither rewards nor punishes a newcomer.
    """

    name: str
    group: str
    weight: float
    breaks: tuple[float, ...]
    points: tuple[float, ...]
    missing_points: float = 50.0

    def __post_init__(self) -> None:
        check_choice("group", self.group, FACTOR_GROUPS)
        check_real(f"weight of {self.name}", self.weight, 0.0)
        breaks = np.asarray(self.breaks, dtype=float)
        if breaks.ndim != 1 or len(breaks) == 0 or np.any(np.diff(breaks) <= 0) or not np.all(np.isfinite(breaks)):
            raise ValueError(f"breaks of factor {self.name!r} must be a non-empty increasing list of numbers; "
                             f"got {self.breaks!r}")
        if len(self.points) != len(self.breaks) + 1:
            raise ValueError(f"factor {self.name!r} needs {len(self.breaks) + 1} points (one per band); "
                             f"got {len(self.points)}")
        for p in (*self.points, self.missing_points):
            check_real(f"points of {self.name}", p, 0.0, 100.0)

    def score(self, values: np.ndarray) -> np.ndarray:
        """Points of each value (vectorised)."""
        band = np.searchsorted(np.asarray(self.breaks), values, side="right")
        return np.where(np.isnan(values), self.missing_points, np.asarray(self.points, dtype=float)[band])

    def band_labels(self) -> list[str]:
        """Text of each band, e.g. ``"< 1"``, ``"1 - 1.3"``, ``">= 2"``."""
        b = [f"{x:g}" for x in self.breaks]
        return [f"< {b[0]}"] + [f"{lo} - {hi}" for lo, hi in zip(b[:-1], b[1:])] + [f">= {b[-1]}"]


DEFAULT_FACTORS = (
    Factor("current_ratio", "financial", 12, (1.0, 1.3, 1.6, 2.0), (10, 40, 60, 80, 100)),
    Factor("debt_to_asset", "financial", 12, (0.4, 0.55, 0.7, 0.85), (100, 80, 55, 30, 0)),
    Factor("sales_margin", "financial", 10, (0.0, 0.03, 0.06, 0.1), (0, 40, 65, 85, 100)),
    Factor("receivables_turnover", "financial", 8, (4.0, 6.0, 8.0, 12.0), (20, 45, 65, 85, 100)),
    Factor("cash_flow_years", "financial", 8, (1, 2, 3), (0, 40, 70, 100)),
    Factor("late_payment_share", "report", 15, (0.05, 0.15, 0.3, 0.5), (100, 80, 50, 20, 0)),
    Factor("past_defaults", "report", 10, (1, 2), (100, 30, 0), missing_points=100),
    Factor("lawsuits", "report", 5, (1, 2), (100, 50, 0)),
    Factor("contingent_share", "report", 5, (0.05, 0.15, 0.3), (100, 70, 40, 0)),
    Factor("reputation", "nonfinancial", 5, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
    Factor("years_in_business", "nonfinancial", 5, (3, 5, 10, 20), (20, 40, 60, 80, 100)),
    Factor("management_level", "nonfinancial", 3, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
    Factor("professional_level", "nonfinancial", 2, (2, 3, 4, 5), (0, 25, 50, 75, 100)),
)


@dataclass(frozen=True)
class ScoreCard:
    """Weighted factor rating: factors, their weights and the grade bands.

    Parameters
    ----------
    factors : tuple of Factor
        Default: :data:`DEFAULT_FACTORS`, the course's card.
    grade_floors : tuple of float
        Lowest score of each grade but the last, best first: with the
        default ``(85, 75, 65, 55, 45, 35)`` a score of 85 or more is AAA,
        75-85 AA, ... and below 35 C.
    grades : tuple of str
        Grade names, best first (one more than ``grade_floors``).
    """

    factors: tuple[Factor, ...] = DEFAULT_FACTORS
    grade_floors: tuple[float, ...] = (85, 75, 65, 55, 45, 35)
    grades: tuple[str, ...] = GRADES

    def __post_init__(self) -> None:
        if not self.factors or not all(isinstance(f, Factor) for f in self.factors):
            raise TypeError(f"factors must be a non-empty tuple of Factor; got {self.factors!r}")
        names = [f.name for f in self.factors]
        if len(set(names)) != len(names):
            raise ValueError(f"factors name a column twice: {names}")
        if sum(f.weight for f in self.factors) <= 0:
            raise ValueError("the factor weights must not all be 0")
        for floor in self.grade_floors:
            check_real("grade_floors", floor)  # a number, finite (NaN floors would make everyone AAA)
        floors = np.asarray(self.grade_floors, dtype=float)
        if len(floors) + 1 != len(self.grades) or np.any(np.diff(floors) >= 0):
            raise ValueError(f"grade_floors must be decreasing, one fewer than grades {self.grades}; "
                             f"got {self.grade_floors!r}")

    @property
    def weights(self) -> dict[str, float]:
        """Normalised weights (summing to 1) by factor name."""
        total = sum(f.weight for f in self.factors)
        return {f.name: f.weight / total for f in self.factors}

    def with_group_weights(self, financial: float = 1.0, report: float = 1.0, nonfinancial: float = 1.0) -> ScoreCard:
        """A copy with every factor's weight multiplied by the weight of its group (1 keeps it)."""
        scale = {"financial": check_real("financial", financial, 0.0),
                 "report": check_real("report", report, 0.0),
                 "nonfinancial": check_real("nonfinancial", nonfinancial, 0.0)}
        if sum(scale[f.group] * f.weight for f in self.factors) <= 0:
            raise ValueError(f"group weights {scale} leave every factor with weight 0")
        return replace(self, factors=tuple(replace(f, weight=f.weight * scale[f.group]) for f in self.factors))

    def grade_of(self, score: np.ndarray) -> pd.Categorical:
        """The grade of each score."""
        index = np.searchsorted(-np.asarray(self.grade_floors, dtype=float), -np.asarray(score), side="left")
        return pd.Categorical.from_codes(index, categories=list(self.grades))


DEFAULT_SCORECARD = ScoreCard()


def group_weights_or_equal(financial: float, report: float, nonfinancial: float) -> tuple[float, float, float]:
    """The weights of the three groups of information a committee gives, as used.

    Giving every group a weight of 0 says "no group matters more than
    another", so it counts as equal weights ``(1, 1, 1)`` rather than as an
    error; any other weights are kept (each must be >= 0).
    """
    weights = tuple(check_real(name, value, 0.0) for name, value in
                    (("financial", financial), ("report", report), ("nonfinancial", nonfinancial)))
    return (1.0, 1.0, 1.0) if sum(weights) == 0 else weights


def rate(file: pd.DataFrame, scorecard: ScoreCard = DEFAULT_SCORECARD) -> pd.DataFrame:
    """Rate every customer of a credit file (信用等级评定).

    Parameters
    ----------
    file : DataFrame
        From :func:`~crmsim.credit.credit_file`.
    scorecard : ScoreCard
        Default: the course's card, :data:`DEFAULT_SCORECARD`.

    Returns
    -------
    DataFrame, one row per customer:

    - ``customer_id``
    - ``points_<factor>``: points in [0, 100] of each factor
    - ``score``: weighted mean of the points, in [0, 100]; higher = more reliable payer
    - ``grade``: category AAA ... C (best first)
    """
    if not isinstance(scorecard, ScoreCard):
        raise TypeError(f"scorecard must be a ScoreCard; got {type(scorecard).__name__}")
    check_file(file, ["customer_id"] + [f.name for f in scorecard.factors])
    weights = scorecard.weights
    data = {"customer_id": file["customer_id"].to_numpy()}
    score = np.zeros(len(file))
    for factor in scorecard.factors:
        try:
            values = file[factor.name].to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"file[{factor.name!r}] must hold numbers; got dtype {file[factor.name].dtype}") from None
        points = factor.score(values)
        data[f"points_{factor.name}"] = points
        score += weights[factor.name] * points
    # Round away float dust so that a score of exactly 85 is not 84.999999... (a grade lower).
    data["score"] = score = np.round(score, 9)
    data["grade"] = scorecard.grade_of(score)
    return pd.DataFrame(data)


def rating_steps(file: pd.DataFrame, customer_id: int, scorecard: ScoreCard = DEFAULT_SCORECARD) -> pd.DataFrame:
    """View: every step of one customer's rating, one row per factor and a total row.

    Show it with ``labelled(steps, "credit")``.

    Parameters
    ----------
    file : DataFrame
        From :func:`~crmsim.credit.credit_file`.
    customer_id : int
    scorecard : ScoreCard
        The card the customer is rated with; default the course's, as :func:`rate`.

    Returns
    -------
    DataFrame with the columns ``factor`` (code; ``"total"`` in the last
    row), ``group`` (code), ``value`` (rounded to 3 decimals), ``band``
    (e.g. ``"1.3 - 1.6"``, ``"missing"`` without a value; the grade code in
    the total row), ``points``, ``weight`` (normalised) and ``weighted``
    points (the total row sums them).
    """
    if not isinstance(scorecard, ScoreCard):
        raise TypeError(f"scorecard must be a ScoreCard; got {type(scorecard).__name__}")
    check_file(file, ["customer_id"] + [f.name for f in scorecard.factors])
    row = customer_row(file, customer_id, "the credit file")
    weights = scorecard.weights
    rows = []
    for factor in scorecard.factors:
        value = float(row[factor.name])
        points = float(factor.score(np.array([value]))[0])
        band = ("missing" if np.isnan(value)
                else factor.band_labels()[int(np.searchsorted(factor.breaks, value, side="right"))])
        rows.append((factor.name, factor.group, round(value, 3), band, points, round(weights[factor.name], 3),
                     round(weights[factor.name] * points, 2)))
    total = sum(r[-1] for r in rows)
    score = sum(weights[f.name] * r[4] for f, r in zip(scorecard.factors, rows))
    grade = str(scorecard.grade_of(np.array([score]))[0])
    rows.append(("total", "", np.nan, grade, np.nan, 1.0, round(total, 2)))
    return pd.DataFrame(rows, columns=["factor", "group", "value", "band", "points", "weight", "weighted"])


def odds_scaling(rating: pd.DataFrame, is_bad, *, base_score: float = 600.0, base_odds: float = 50.0,
                 pdo: float = 20.0) -> pd.DataFrame:
    """Rescale a rating to "points to double the odds" (PDO), as credit scorecards do.

    A logistic regression of good/bad on the score gives each customer's
    log-odds of being a good payer; the scaled score is
    ``base_score + pdo / ln 2 * (log_odds - ln base_odds)``, so a customer at
    ``base_score`` has good:bad odds of ``base_odds`` and every ``pdo``
    points more doubles them.

    Parameters
    ----------
    rating : DataFrame
        From :func:`rate` (needs ``customer_id`` and ``score``).
    is_bad : array-like of bool
        Observed bad payers, aligned with ``rating`` rows; needs both goods and bads.
    base_score, base_odds, pdo : float
        The anchor score, its odds (> 0) and the points that double the odds
        (> 0); the defaults 600, 50:1 and 20 are a common industry scale.

    Returns
    -------
    DataFrame: ``customer_id``, ``score``, ``log_odds``, ``good_odds``, ``scaled_score``.
    ``attrs`` holds the fitted ``intercept`` and ``slope``.
    """
    base_score = check_real("base_score", base_score)
    base_odds = check_real("base_odds", base_odds, 0.0, inclusive=False)
    pdo = check_real("pdo", pdo, 0.0, inclusive=False)
    check_file(rating, ["customer_id", "score"])
    score, bad = _check_score_outcome(rating["score"].to_numpy(dtype=float), is_bad)
    if score[bad].max() < score[~bad].min() or score[~bad].max() < score[bad].min():
        # Perfect separation: the likelihood grows without bound as the slope does, so there are no odds to fit.
        raise ValueError("is_bad is perfectly separated by the score (every bad payer scores below every good one, "
                         "or above): the odds cannot be fitted; use more customers or a longer horizon")
    a, b = _fit_logistic((score - 50.0) / 10.0, ~bad)
    log_odds = a + b * (score - 50.0) / 10.0
    out = pd.DataFrame({"customer_id": rating["customer_id"].to_numpy(), "score": score, "log_odds": log_odds,
                        "good_odds": np.exp(log_odds),
                        "scaled_score": base_score + pdo / np.log(2) * (log_odds - np.log(base_odds))})
    out.attrs.update(intercept=a - b * 5.0, slope=b / 10.0)
    return out


def _fit_logistic(x: np.ndarray, y: np.ndarray, iterations: int = 25) -> tuple[float, float]:
    """Intercept and slope of a one-variable logistic regression (Newton steps, lightly ridged)."""
    design = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    step = np.full(2, np.inf)
    for _ in range(iterations):  # a fixed handful of Newton steps, each vectorised
        p = special.expit(design @ beta)
        gradient = design.T @ (y - p) - 1e-6 * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        beta = beta + step
    if not (np.all(np.isfinite(beta)) and np.max(np.abs(step)) < 1e-6 * (1 + np.max(np.abs(beta)))):
        raise ValueError("the odds of is_bad on the score did not converge (the data are nearly separated); "
                         "use more customers or a longer horizon")
    return float(beta[0]), float(beta[1])


# --- how well a score separates good from bad payers ---------------------------
def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    starts = np.concatenate([[True], sorted_values[1:] != sorted_values[:-1]])
    group = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    counts = np.diff(np.append(first, len(values)))
    average = first + (counts + 1) / 2.0  # 1-based mean rank of each tie group
    ranks = np.empty(len(values))
    ranks[order] = average[group]
    return ranks


def _check_score_outcome(score, is_bad) -> tuple[np.ndarray, np.ndarray]:
    score = np.asarray(score, dtype=float)
    bad = np.asarray(is_bad)
    if score.ndim != 1 or bad.shape != score.shape:
        raise ValueError(f"score and is_bad must be 1-d and of equal length; got {score.shape} and {bad.shape}")
    if bad.dtype != bool:
        if not np.isin(bad, (0, 1)).all():
            raise ValueError("is_bad must be booleans (or 0/1)")
        bad = bad.astype(bool)
    if np.isnan(score).any():
        raise ValueError("score contains NaN")
    if bad.all() or not bad.any():
        raise ValueError(f"is_bad needs both good and bad payers; got {int(bad.sum())} bad of {len(bad)}")
    return score, bad


def auc(score, is_bad) -> float:
    """Area under the ROC curve: the chance that a random good payer scores
    above a random bad one (ties count half), by rank statistics.

    Parameters
    ----------
    score : array-like
        Higher = judged more reliable.
    is_bad : array-like of bool
        The true outcome (e.g. defaulted).
    """
    score, bad = _check_score_outcome(score, is_bad)
    ranks = _ranks(score)
    n_good, n_bad = int((~bad).sum()), int(bad.sum())
    return float((ranks[~bad].sum() - n_good * (n_good + 1) / 2) / (n_good * n_bad))


def gini(score, is_bad) -> float:
    """Gini coefficient (accuracy ratio) of a score: 2 x AUC - 1."""
    return 2 * auc(score, is_bad) - 1


def roc_curve(score, is_bad) -> pd.DataFrame:
    """The ROC curve of refusing everyone at or below each score threshold.

    Returns
    -------
    DataFrame from (0, 0) to (1, 1): ``threshold``, ``bad_caught`` (share of
    bad payers refused, the true-positive rate) and ``good_refused`` (share of
    good payers refused, the false-positive rate).
    """
    score, bad = _check_score_outcome(score, is_bad)
    thresholds, inverse = np.unique(score, return_inverse=True)
    bads = np.cumsum(np.bincount(inverse, weights=bad, minlength=len(thresholds)))
    goods = np.cumsum(np.bincount(inverse, weights=~bad, minlength=len(thresholds)))
    return pd.DataFrame({
        "threshold": np.concatenate([[-np.inf], thresholds]),
        "bad_caught": np.concatenate([[0.0], bads / bad.sum()]),
        "good_refused": np.concatenate([[0.0], goods / (~bad).sum()]),
    })
