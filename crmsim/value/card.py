"""How customer value is computed, as a table read from the code: the model card of notebook 01."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd

from ..world import World, check_world, vocab
from .measures import SERVICE_COST_SHARE, customer_value, purchase_models
from .truth import value_truth_reveal

#: Measures compared by :func:`truth_summary`, with their true counterparts.
REVEALED = ("p_alive", "expected_orders", "current_value", "lifetime_value")


def model_card(world: World) -> pd.DataFrame:
    """The parameters behind :func:`~crmsim.value.customer_value` for ``world``.

    The defaults are read from the function's signature and the purchase
    models are fitted to this world's order history, so the card always
    shows what the code does.

    Returns
    -------
    DataFrame with coded columns ``parameter`` (a code), ``group`` (the size
    tier a fitted parameter belongs to, or ``"all"``), ``value``.
    """
    world = check_world(world)
    defaults = {name: p.default for name, p in inspect.signature(customer_value).parameters.items()
                if p.default is not inspect.Parameter.empty and isinstance(p.default, (int, float))}
    rows = [{"parameter": name, "group": "all", "value": float(v)} for name, v in defaults.items()]
    rows += [{"parameter": "service_cost_share", "group": tier, "value": share}
             for tier, share in zip(vocab.SIZE_CODES, SERVICE_COST_SHARE)]
    models, _ = purchase_models(world)
    for key, fit in sorted(models.items()):
        group = vocab.SIZE_CODES[key] if key >= 0 else "all"
        params = fit.params
        rows += [{"parameter": "mean_orders_per_month", "group": group, "value": params.r / params.alpha},
                 {"parameter": "mean_dropout_per_order", "group": group, "value": params.a / (params.a + params.b)},
                 {"parameter": "customers_fitted", "group": group, "value": float(fit.n_customers)}]
    return pd.DataFrame(rows, columns=["parameter", "group", "value"])


def truth_summary(world: World, values: pd.DataFrame) -> pd.DataFrame:
    """How close the estimates are to the hidden truth, measure by measure.

    Returns
    -------
    DataFrame indexed by ``measure`` with columns ``estimated_total``,
    ``true_total``, ``total_error`` (relative), ``median_error`` (the median
    of the per-customer relative errors, customers with a true value of
    zero left out) and ``rank_correlation`` (Spearman, estimated vs true).
    """
    reveal = value_truth_reveal(world, values)
    rows = []
    for measure in REVEALED:
        estimated, true = reveal[measure].to_numpy(), reveal[f"true_{measure}"].to_numpy()
        nonzero = np.abs(true) > 1e-9
        rows.append({
            "measure": measure,
            "estimated_total": float(estimated.sum()),
            "true_total": float(true.sum()),
            "total_error": float(estimated.sum() / true.sum() - 1) if true.sum() else float("nan"),
            "median_error": float(np.median(estimated[nonzero] / true[nonzero] - 1)) if nonzero.any() else float("nan"),
            "rank_correlation": float(pd.Series(estimated).corr(pd.Series(true), method="spearman")),
        })
    return pd.DataFrame(rows).set_index("measure")
