"""The scenario: one key account's buying centre set up for a role play."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import seeding
from ..key_accounts import key_account_ids
from ..seeding import SeedLike
from ..validation import check_int, check_real
from ..world import World, check_world

#: The rounds: steps of the eight-step customer development that happen in the room.
ROUNDS = ("approach", "needs", "present", "close")
#: The purchase risks a buyer weighs (domain §6); each person worries most about one.
CONCERNS = ("economic", "functional", "quality", "social", "psychological")
#: Chance of each concern (in the order of :data:`CONCERNS`) by buying-centre role.
CONCERN_BY_ROLE = {
    "decision_maker": (0.40, 0.20, 0.10, 0.20, 0.10),
    "influencer": (0.15, 0.40, 0.30, 0.05, 0.10),
    "user": (0.05, 0.35, 0.40, 0.05, 0.15),
    "gatekeeper": (0.20, 0.10, 0.10, 0.20, 0.40),
}
#: A price buyer's decision maker watches the money above all.
PRICE_BUYER_DECISION_MAKER = (0.80, 0.05, 0.05, 0.05, 0.05)
#: A buying centre needs this many people for the play to be worth running.
MIN_PEOPLE = 4

_CONTACT_COLUMNS = ("contact_id", "name_en", "name_zh", "title", "role", "influence", "attitude", "is_coach",
                    "interest")


@dataclass(frozen=True)
class Scenario:
    """One account's buying centre set up for a role play (see :func:`make_scenario`).

    Copy it with another buying centre with ``dataclasses.replace(scenario, people=...)``.

    Attributes
    ----------
    customer : pandas.Series
        The account's row of the world's customers table.
    people : DataFrame
        One row per person, in the world's contact order: ``contact_id``,
        ``name_en``, ``name_zh``, ``title``, ``role``, ``influence`` (0-1),
        ``attitude`` (-1 to +1, at the start of the play), ``is_coach``,
        ``interest``, ``concern`` (one of :data:`CONCERNS`).
    deal_value : float
        Value of the project, CNY million.
    competitors : int
    hours_per_round : float
    seed : numpy.random.SeedSequence
        The root of the seed the scenario was made with; the noise of
        :func:`~crmsim.roleplay.play` and the draw at the close come from it,
        so the same scenario always plays the same way.
    rounds : tuple of str
        The rounds to play, :data:`ROUNDS` by default.
    """

    customer: pd.Series
    people: pd.DataFrame
    deal_value: float
    competitors: int
    hours_per_round: float
    seed: np.random.SeedSequence
    rounds: tuple[str, ...] = field(default=ROUNDS)


def make_scenario(world: World, *, customer_id: int | None = None, seed: SeedLike = 0,
                  hours_per_round: float = 10.0) -> Scenario:
    """Set up the role play on one key account of ``world``.

    Parameters
    ----------
    world : World
        From :func:`crmsim.make_world`.
    customer_id : int, optional
        The account; by default one key account with at least
        :data:`MIN_PEOPLE` people in its buying centre is chosen with ``seed``.
    seed : int, SeedSequence or Generator
        Chooses the account (when not given), each person's main concern, the
        project's size and competition, and the noise of
        :func:`~crmsim.roleplay.play`. 0 by default, like every entry point, so
        a class that does not choose a seed shares one play. A Generator is
        drawn from once.
    hours_per_round : float
        Hours the sales team can spend in one round (1 to 40). 10 by default:
        a working day and a bit, enough to meet everyone but not at length.
    """
    world = check_world(world)
    root = seeding.root_sequence(seed)
    hours_per_round = check_real("hours_per_round", hours_per_round, 1.0, 40.0)
    contacts = world.contacts
    sizes = contacts.groupby("customer_id", observed=True).size()
    if customer_id is None:
        candidates = np.intersect1d(key_account_ids(world), sizes.index[sizes >= MIN_PEOPLE].to_numpy())
        if len(candidates) == 0:
            raise ValueError(f"world has no key account with {MIN_PEOPLE} or more contacts; generate a larger world")
        customer_id = int(seeding.child(root, "roleplay.account").choice(candidates))
    else:
        customer_id = check_int("customer_id", customer_id, minimum=1)
        if customer_id not in sizes.index:
            raise ValueError(f"customer_id={customer_id} is not a customer of this world "
                             f"(ids run from 1 to {len(world.customers)})")
    # The account's own stream: the same account and seed give the same play, chosen or named.
    rng = seeding.child(root, "roleplay.scenario", customer_id)
    customer = world.customers.loc[world.customers["customer_id"] == customer_id].iloc[0]
    people = contacts.loc[contacts["customer_id"] == customer_id, list(_CONTACT_COLUMNS)].reset_index(drop=True)
    people["concern"] = _draw_concerns(people["role"].astype(str).to_numpy(), str(customer["value_orientation"]), rng)
    # A new project starts more guarded than day-to-day business.
    people["attitude"] = np.round(0.6 * people["attitude"].to_numpy() - 0.2, 3)
    deal_value = float(np.round(max(0.2, customer["true_wallet"]) * (0.25 + 0.25 * rng.random()), 2))
    return Scenario(customer=customer, people=people, deal_value=deal_value, competitors=int(rng.integers(1, 4)),
                    hours_per_round=hours_per_round, seed=root)


def _draw_concerns(roles: np.ndarray, value_orientation: str, rng: np.random.Generator) -> pd.Categorical:
    """Each person's main concern, drawn by role (one uniform per person, in order)."""
    concern_p = np.array([CONCERN_BY_ROLE[r] for r in roles])
    if value_orientation == "price":
        concern_p[roles == "decision_maker"] = PRICE_BUYER_DECISION_MAKER
    draws = rng.random(len(roles))
    concern = (draws[:, None] >= np.cumsum(concern_p, axis=1)[:, :-1]).sum(axis=1)
    return pd.Categorical.from_codes(concern, categories=list(CONCERNS))
