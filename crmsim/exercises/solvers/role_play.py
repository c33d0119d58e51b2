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


def candidates(world: World) -> dict[str, list]:
    """Sensible plans: learn the needs (coach or SPIN) and win the gatekeeper in round 1, then present where the
    influence is.

    Hours follow influence with the decision maker counting :data:`crmsim.roleplay.DECISION_MAKER_WEIGHT`
    times, in half hours; the two plans differ in whether round 2 asks SPIN questions again when there is no coach.
    """
    import numpy as np

    scenario = rp.make_scenario(world, seed=SCENARIO_SEED)
    people = scenario.people
    ids = people["contact_id"].to_numpy()
    role = people["role"].astype(str).to_numpy()
    weight = people["influence"].to_numpy() * np.where(role == "decision_maker", rp.DECISION_MAKER_WEIGHT, 1.0)
    hours = np.floor(scenario.hours_per_round * weight / weight.sum() * 2) / 2
    coach, gatekeeper = people["is_coach"].to_numpy(), role == "gatekeeper"
    plans = []
    for spin_again in (True, False):
        moves = []
        for r in range(1, len(scenario.rounds) + 1):
            for i in np.flatnonzero(hours > 0):
                if gatekeeper[i]:
                    approach = "relationship_event"
                elif r == 1:
                    approach = "ask_coach" if coach[i] else "spin_questions"
                elif r == 2 and spin_again and not coach.any():
                    approach = "spin_questions"
                else:
                    approach = "fab_presentation"
                moves.append({"round": r, "contact_id": int(ids[i]), "approach": approach, "hours": float(hours[i])})
        plans.append(moves)
    return {"plan": plans}
