"""Right answers of exercise 05 (role play)."""

from __future__ import annotations

from ... import roleplay as rp
from ...world import World
from ..role_play import MIN_HEALTH, PROFIT_TARGET, SCENARIO_SEED


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 05 on ``world``."""
    scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
    people = scenario.people
    novice = rp.play(scenario, rp.example_moves(scenario, "novice")).outcome
    return {
        "people_in_centre": int(len(people)),
        "start_support": rp.support(people["influence"].to_numpy(), people["role"].astype(str).to_numpy(),
                                    people["attitude"].to_numpy()),
        "most_influential": int(people.loc[people["influence"].idxmax(), "contact_id"]),
        "novice_health": float(novice["account_health"]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """The two ready-made teams' expected profits, the target and the account health to keep."""
    scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
    textbook, novice = (float(rp.play(scenario, rp.example_moves(scenario, style)).outcome["expected_profit"])
                        for style in ("textbook", "novice"))
    return {"plan": {"textbook_profit": textbook, "novice_profit": novice,
                     "target": textbook + PROFIT_TARGET * abs(textbook), "min_health": MIN_HEALTH,
                     "hours_per_round": scenario.hours_per_round}}
