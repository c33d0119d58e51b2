"""Right answers of exercise 02 (relationship levels)."""

from __future__ import annotations

from ... import relationships as rel
from ...world import World
from ..relationship_levels import PROFIT_MARGIN, SIMULATION_SEED


def _run(world: World):
    return rel.simulate_relationships(world, rel.CarePolicy(), seed=SIMULATION_SEED)


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 02 on ``world``."""
    run = _run(world)
    mix = rel.level_mix(run.monthly)
    kpis = rel.monthly_kpis(run.monthly)
    last = run.monthly[run.monthly["month"] == run.monthly["month"].max()]
    return {
        "start_distant_share": float(mix.loc[0, "distant"]),
        "cumulative_churn": float(kpis["cumulative_churn"].iloc[-1]),
        "intimate_at_end": int((last["level"] == "intimate").sum()),
        "last_month_profit": float(kpis["profit"].iloc[-1]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """Tolerances that follow the world, and the default policy's profit with the target to beat."""
    n = len(world.customers)
    kpis = rel.monthly_kpis(_run(world).monthly)
    default = float(rel.compare_policies(world, {"default": rel.CarePolicy()}, seed=SIMULATION_SEED)
                    .loc["default", "profit"])
    return {"start_distant_share": {"tolerance": 1 / n}, "cumulative_churn": {"tolerance": 1 / n},
            # 1 % of the month's profit: rounding to thousands of CNY stays right
            "last_month_profit": {"tolerance": max(1.0, 0.01 * abs(float(kpis["profit"].iloc[-1])))},
            "care_policy": {"default_profit": default, "target": default + PROFIT_MARGIN * abs(default),
                            "margin": PROFIT_MARGIN}}


def sensible_care_policies() -> list:
    """The course's care policies: the budget on key accounts (5k-30k CNY a month), none or the default on ordinary
    customers, one or two contacts a month, complaints handled in two days and well."""
    import itertools

    key_segments = [code for code in rel.DEFAULT_CARE_BUDGET if code != "ordinary"]
    return [rel.CarePolicy(care_budget={"ordinary": ordinary, **{code: key for code in key_segments}},
                           contacts_per_month=contacts, complaint_days=2, complaint_quality=0.9)
            for key, ordinary, contacts in itertools.product((5_000.0, 15_000.0, 30_000.0), (0.0, 300.0), (1, 2))]


def candidates(world: World) -> dict[str, list]:
    """Sensible care policies (see :func:`sensible_care_policies`)."""
    return {"care_policy": sensible_care_policies()}
