"""Complaints and service recovery (客户投诉与服务补救).

A complaint starts with a service failure. How it is handled, how fast and
how well, decides what it does to the relationship: a good recovery can leave
the customer more loyal than before (the *recovery effect*), a slow or
careless one pushes the customer down the ladder or out.

The handling follows the course's eight steps (``../shared/domain.md`` §3):
record, judge whether it stands, assign the department, analyse the cause,
propose a remedy, get sign-off, carry it out and tell the customer, review.

The relationship simulation (:func:`crmsim.relationships.simulate_relationships`)
uses :func:`recovery_probability` and the constants here; this module adds a
walk-through of one complaint for teaching.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import i18n
from .validation import check_int, check_probability, check_real

#: The handling steps in order, with the share of the handling time each takes.
STEPS = (
    ("record", 0.05, "Record the complaint", "记录投诉内容"),
    ("judge", 0.10, "Judge whether it stands", "判断投诉是否成立"),
    ("assign", 0.05, "Assign the responsible department", "确定处理部门"),
    ("analyse", 0.20, "Analyse the cause", "分析投诉原因"),
    ("remedy", 0.15, "Propose a remedy", "提出处理方案"),
    ("approve", 0.10, "Get the remedy signed off", "提交主管审批"),
    ("resolve", 0.25, "Carry it out, tell the customer, collect feedback", "实施方案、告知客户并收集反馈"),
    ("review", 0.10, "Review and prevent a repeat", "总结评价、防止再犯"),
)
STEP_CODES = tuple(row[0] for row in STEPS)

#: Handling faster than this many days keeps most of the recovery chance;
#: every further ``RECOVERY_HALF_LIFE_DAYS`` halves it.
RECOVERY_HALF_LIFE_DAYS = 10.0
#: Cost of handling one complaint, CNY: a fixed part plus a part per day open.
HANDLING_COST_FIXED = 300.0
HANDLING_COST_PER_DAY = 60.0
#: Extra cost of a high-quality remedy (CNY at quality 1).
REMEDY_COST_AT_FULL_QUALITY = 1500.0

#: Outcome codes of a complaint in the simulation's complaint table.
OUTCOMES = ("recovered", "not_recovered")

i18n.register({f"complaint.step.{code}": (en, zh) for code, _, en, zh in STEPS})
i18n.register({
    "complaint.outcome.recovered": ("Recovered (handled well)", "补救成功"),
    "complaint.outcome.not_recovered": ("Not recovered (handled poorly)", "补救失败"),
    "complaint.col.step": ("Step", "步骤"),
    "complaint.col.action": ("What happens", "工作内容"),
    "complaint.col.day_done": ("Done by day", "完成于第几天"),
    "complaint.col.share": ("Share of handling time", "占处理时间比例"),
    "complaint.col.days": ("Handling days", "处理天数"),
    "complaint.col.quality": ("Handling quality", "处理质量"),
    "complaint.col.recovery": ("Chance of a good recovery", "补救成功概率"),
    "complaint.col.cost": ("Handling cost (CNY)", "处理成本（元）"),
})


def recovery_probability(days: float | np.ndarray, quality: float | np.ndarray) -> float | np.ndarray:
    """Chance that a complaint ends in a good recovery.

    ``quality * 0.5 ** ((days - 1) / RECOVERY_HALF_LIFE_DAYS)``: the quality of
    the remedy caps the chance, and every day the customer waits erodes it.

    Parameters
    ----------
    days : float or ndarray
        Days from the complaint to the remedy reaching the customer (>= 1).
    quality : float or ndarray
        Quality of the handling in [0, 1]: is the cause found, is the remedy
        fair, is the customer told and asked for feedback.
    """
    return quality * 0.5 ** ((np.asarray(days, dtype=float) - 1.0) / RECOVERY_HALF_LIFE_DAYS)


def handling_cost(days: float | np.ndarray, quality: float | np.ndarray) -> float | np.ndarray:
    """Cost of handling one complaint in CNY: staff time while it is open plus the remedy."""
    return HANDLING_COST_FIXED + HANDLING_COST_PER_DAY * np.asarray(days, dtype=float) \
        + REMEDY_COST_AT_FULL_QUALITY * np.asarray(quality, dtype=float)


def complaint_walkthrough(days: int = 5, quality: float = 0.7) -> pd.DataFrame:
    """The eight handling steps of one complaint, scheduled over ``days``.

    Parameters
    ----------
    days : int
        Total handling time in days, 1-60.
    quality : float
        Handling quality in [0, 1].

    Returns
    -------
    DataFrame
        One row per step, headers in the current language:
        step number, what happens, the day by which it is done (cumulative
        share of ``days``, rounded up to a half day) and its share of the time.
        ``DataFrame.attrs`` holds ``recovery_probability`` and ``handling_cost``.
    """
    days = check_int("days", days, 1, 60)
    quality = check_probability("quality", quality)
    shares = np.array([row[1] for row in STEPS])
    done_by = np.ceil(np.cumsum(shares) * days * 2 - 1e-9) / 2
    table = pd.DataFrame({
        i18n.t("complaint.col.step"): np.arange(1, len(STEPS) + 1),
        i18n.t("complaint.col.action"): [i18n.t(f"complaint.step.{code}") for code in STEP_CODES],
        i18n.t("complaint.col.day_done"): done_by,
        i18n.t("complaint.col.share"): [f"{s:.0%}" for s in shares],
    })
    table.attrs["recovery_probability"] = float(recovery_probability(days, quality))
    table.attrs["handling_cost"] = float(handling_cost(days, quality))
    return table


def handling_options(days: tuple[int, ...] = (1, 3, 7, 14, 30),
                     qualities: tuple[float, ...] = (0.4, 0.7, 0.95)) -> pd.DataFrame:
    """Recovery chance and cost for a grid of handling speeds and qualities.

    Returns
    -------
    DataFrame
        Columns (headers in the current language): handling days, handling
        quality, chance of a good recovery (rounded to 3 decimals) and
        handling cost in CNY.
    """
    days_list = [check_int(f"days[{i}]", d, 1, 60) for i, d in enumerate(days)]
    quality_list = [check_probability(f"qualities[{i}]", q) for i, q in enumerate(qualities)]
    if not days_list or not quality_list:
        raise ValueError(f"days and qualities must not be empty; got days={days!r}, qualities={qualities!r}")
    grid_days, grid_quality = (a.ravel() for a in np.meshgrid(days_list, quality_list, indexing="ij"))
    return pd.DataFrame({
        i18n.t("complaint.col.days"): grid_days,
        i18n.t("complaint.col.quality"): grid_quality,
        i18n.t("complaint.col.recovery"): np.round(recovery_probability(grid_days, grid_quality), 3),
        i18n.t("complaint.col.cost"): np.round(handling_cost(grid_days, grid_quality), 0),
    })


def check_handling(days: object, quality: object) -> tuple[float, float]:
    """Validate a complaint-handling policy: ``days`` in [1, 60], ``quality`` in [0, 1]."""
    return check_real("complaint_days", days, 1.0, 60.0), check_probability("complaint_quality", quality)
