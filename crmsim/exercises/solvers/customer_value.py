"""Right answers of exercise 01 (customer value)."""

from __future__ import annotations

from ...value import abc_classes, customer_value
from ...world import World


def solve(world: World) -> dict[str, object]:
    """Answers of the hashed tasks of exercise 01 on ``world``."""
    values = customer_value(world)
    segment = world.customers.set_index("customer_id")["segment"]
    revenue = world.orders.groupby(world.orders["customer_id"].map(segment), observed=True)["revenue"].sum()
    abc = abc_classes(values, "historical_value", (0.8, 0.95))
    return {
        "top_segment": str(revenue.idxmax()),
        "a_share": float((abc["abc_class"] == "A").mean()),
        "negative_value_customers": int((values["historical_value"] < 0).sum()),
        "top_potential_customer": int(values.loc[values["potential_value"].idxmax(), "customer_id"]),
    }


def decision_params(world: World) -> dict[str, dict]:
    """Exercise 01 has no decision task; the tolerance of its share follows the world's size."""
    return {"a_share": {"tolerance": 1 / len(world.customers)}}
