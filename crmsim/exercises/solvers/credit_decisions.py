"""Right answers of exercise 04 (credit decisions)."""

from __future__ import annotations

from ... import credit
from ...world import World
from ..credit_decisions import BAD_DEBT_CAP, PROFIT_TARGET, SIMULATION_SEED, run_default_file


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 04 on ``world``."""
    rating = credit.rate(credit.credit_file(world, seed=SIMULATION_SEED))
    summary = credit.summarise_policy(run_default_file(world, credit.CreditPolicy()))
    return {
        "aaa_customers": int((rating["grade"] == "AAA").sum()),
        "approval_rate": float(summary["approval_rate"]),
        "dso": float(summary["dso"]),
        "lost_sales": float(summary["lost_sales"]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """Tolerances that follow the world, the default policy's profit, the target and the bad-debt cap."""
    summary = credit.summarise_policy(run_default_file(world, credit.CreditPolicy()))
    profit = float(summary["profit"])
    return {"approval_rate": {"tolerance": 1 / len(world.customers)},
            # 1 % of the figure: rounding to ten thousands of CNY stays right
            "lost_sales": {"tolerance": max(1.0, 0.01 * abs(float(summary["lost_sales"])))},
            "credit_policy": {"default_profit": profit, "target": profit + PROFIT_TARGET * abs(profit),
                              "bad_debt_cap": BAD_DEBT_CAP * float(summary["bad_debt_rate"]),
                              "margin": PROFIT_TARGET}}


def candidates(world: World) -> dict[str, list]:
    """Sensible answers of the decision task: a cutoff around BB, a period around net 30, firmer collection,
    a small cash discount."""
    import itertools

    policies = [credit.CreditPolicy(cutoff=cutoff, credit_period=period, collection=collection,
                                    discount_rate=discount)
                for cutoff, period, collection, discount in itertools.product(
                    (40, 45), (30, 45), ("standard", "strict"), (0.0, 0.01))]
    return {"credit_policy": policies + [credit.CreditPolicy(cutoff=35), credit.CreditPolicy(cutoff=50,
                                                                                             credit_period=20)]}
