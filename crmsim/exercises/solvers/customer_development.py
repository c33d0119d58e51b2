"""Right answers of exercise 06 (cleaning the messy customer file).

``world`` is always the world of the student's data seed (the exercise's
:attr:`~crmsim.exercises.spec.ExerciseSpec.handout`), which the student's
notebook never holds; the file computed here is the one their exercise hands out.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from ... import development as dev
from ...world import World
from ..customer_development import MIN_F1, TARGET_SHARE, baseline_cleaning, f1_score, messy_file


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 06 on ``world``."""
    messy = messy_file(world)
    _, labels = baseline_cleaning(messy.file)  # as the student runs it, on the file alone
    return {
        "n_records": int(len(messy.file)),
        "missing_phone": int(messy.file["phone"].isna().sum()),
        "n_baseline_groups": int(len(np.unique(labels))),
        "baseline_recall": float(dev.score_duplicates(messy, labels)["recall"]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """The baseline's F1 on the student's file, the target above it and the minimum for half points.

    When the baseline happens to be perfect (about one file in fifty) the
    target is a perfect grouping, which the baseline's own groups then reach.
    """
    messy = messy_file(world)
    score = dev.score_duplicates(messy, dev.clean_baseline(messy)[1])
    baseline = f1_score(score["precision"], score["recall"])
    return {"duplicate_groups": {"baseline_f1": baseline, "target": baseline + TARGET_SHARE * (1 - baseline),
                                 "minimum": MIN_F1}}


def _norm(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def sensible_groups(file: pd.DataFrame) -> dict[int, int]:
    """A rule a student can write: records are one firm when they share a phone (its last 11 digits), a
    Chinese name (legal form unified) or an English name (letters only, legal form unified), each normalised."""
    from ...development.messy import _union

    phone = [None if not (d := re.sub(r"\D", "", _norm(t) or "")) else d[-11:] for t in file["phone"]]
    zh = [_norm(t).replace("有限责任公司", "有限公司").replace("股份公司", "股份有限公司") for t in file["name_zh"]]
    en = [re.sub(r"[^a-z]", "", _norm(t).replace("company limited", "co., ltd.")) for t in file["name_en"]]
    alone = pd.Series([f"record {r}" for r in file["record_id"]])  # an empty phone joins nothing
    labels = [pd.factorize(pd.Series(values, dtype=object).fillna(alone))[0] for values in (phone, zh, en)]
    groups = _union(_union(labels[0], labels[1]), labels[2])
    return dict(zip(file["record_id"].tolist(), np.asarray(groups).tolist()))


def candidates(world: World) -> dict[str, list]:
    """Sensible answers of the decision task: the phone-or-name rule, then the baseline's own groups."""
    messy = messy_file(world)
    baseline = dict(zip(messy.file["record_id"].tolist(), np.asarray(dev.clean_baseline(messy)[1]).tolist()))
    return {"duplicate_groups": [sensible_groups(messy.file), baseline]}
