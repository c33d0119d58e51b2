"""Right answers of exercise 03 (the key-account process)."""

from __future__ import annotations

from ... import key_accounts as ka
from ...world import World
from ..key_account_process import MARGIN_TARGET, SIMULATION_SEED, expected_margin


def _run(world: World) -> ka.KeyAccountsRun:
    return ka.simulate_key_accounts(world, ka.RepPolicy(), seed=SIMULATION_SEED)


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 03 on ``world``."""
    run = _run(world)
    opps = run.opportunities
    return {
        "a_opportunities": int((opps["grade"] == "A").sum()),
        "tender_conversion": float(ka.funnel(run).loc["tender", "conversion"]),
        "top_revenue_grade": str(ka.win_rates(run, by="grade")["revenue"].idxmax()),
        "coach_win_rate": float(ka.win_rates(run, by="coach").loc["True", "win_rate"]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """The default policy's expected gross margin, the target to reach, and the rep's fixed hours."""
    default = expected_margin(_run(world))
    return {"rep_policy": {"default_margin": default, "target": default + MARGIN_TARGET * abs(default),
                           "margin": MARGIN_TARGET, "monthly_hours": ka.RepPolicy().monthly_hours}}


def candidates(world: World) -> dict[str, list]:
    """Sensible answers of the decision task, for the nbgrader solution and the reachability test.

    The same hours put on the better grades, a lighter discount, risky leads dropped earlier.
    """
    import itertools

    policies = [ka.policy_from_effort(weights, bid_discount=discount, drop_risk_above=drop)
                for weights, discount, drop in itertools.product(
                    ({"A": 6, "B": 3, "C": 1, "D": 0}, {"A": 4, "B": 2, "C": 1}), (0.05, 0.04), (0.6, 0.75))]
    return {"rep_policy": policies}
