"""The buying centre of each customer firm: decision maker, gatekeeper,
influencers, users and perhaps a coach.

Built from per-customer random rows (see :func:`crmsim.seeding.block_draws`),
so a customer's contacts depend only on the world seed, the parameters and
its own index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import block_draws

# Contacts per customer by size tier (inclusive range); a buying centre is
# larger in a larger firm.
_CONTACTS_LOW = np.array([2, 3, 4, 5])
_CONTACTS_HIGH = np.array([3, 4, 6, 8])
MAX_CONTACTS = int(_CONTACTS_HIGH.max())
_CONTACT_DRAWS = 9  # uniforms per contact slot
_ROLE_INFLUENCE = np.array([[0.70, 1.00], [0.40, 0.80], [0.10, 0.40], [0.20, 0.50]])
_TITLE_ROLE = np.array([vocab.ROLE_CODES.index(row[3]) for row in vocab.TITLES])
_TITLES_OF_ROLE = [np.flatnonzero(_TITLE_ROLE == r) for r in range(len(vocab.ROLE_CODES))]
COACH_PROBABILITY = 0.35


def generate_contacts(config: WorldConfig, root: np.random.SeedSequence, customers: pd.DataFrame,
                      start: int, stop: int) -> pd.DataFrame:
    """The buying-centre contacts of customers ``[start, stop)``.

    Every customer has exactly one decision maker (the first contact); the
    second is a gatekeeper; the rest are influencers or users. With
    probability :data:`COACH_PROBABILITY` one non-deciding contact is also a
    coach, who supports us.
    """
    u, _ = block_draws(root, "contacts", start, stop, n_uniform=3 + MAX_CONTACTS * _CONTACT_DRAWS)
    tier = customers["size_tier"].cat.codes.to_numpy()
    n_contacts = _CONTACTS_LOW[tier] + np.minimum((u[0] * (_CONTACTS_HIGH - _CONTACTS_LOW + 1)[tier]).astype(np.int64),
                                                  (_CONTACTS_HIGH - _CONTACTS_LOW)[tier])
    owner = np.repeat(np.arange(len(customers)), n_contacts)
    first_of_owner = np.concatenate([[0], np.cumsum(n_contacts)[:-1]])
    position = np.arange(len(owner)) - first_of_owner[owner]
    first_column = 3 + position * _CONTACT_DRAWS

    def slot(k: int) -> np.ndarray:
        # The k-th draw of each contact's own slot of the customer's random row.
        return u[first_column + k, owner]

    role = np.where(position == 0, 0, np.where(position == 1, 3, np.where(slot(0) < 0.55, 1, 2)))
    influence = _ROLE_INFLUENCE[role, 0] + slot(1) * (_ROLE_INFLUENCE[role, 1] - _ROLE_INFLUENCE[role, 0])
    # The coach is the first non-deciding contact whose draw says so; at most one per customer.
    coach_candidate = (position > 0) & (u[1][owner] < COACH_PROBABILITY)  # customer-level draw
    coach_position = 1 + np.minimum((u[2] * (n_contacts - 1)).astype(np.int64), n_contacts - 2)
    is_coach = coach_candidate & (position == coach_position[owner])
    attitude = np.clip(np.where(is_coach, 0.5 + 0.5 * slot(2), 2.0 * slot(2) - 1.0 + 0.2), -1.0, 1.0)
    title_choices = np.array([len(t) for t in _TITLES_OF_ROLE])
    title_pick = np.minimum((slot(3) * title_choices[role]).astype(np.int64), title_choices[role] - 1)
    title = np.array([t[0] for t in _TITLES_OF_ROLE])[role] + title_pick  # titles of a role are contiguous
    name_code = np.minimum((slot(4) * vocab.N_PERSON_NAMES).astype(np.int64), vocab.N_PERSON_NAMES - 1)
    birthday = (np.datetime64("1960-01-01") + np.rint(slot(5) * 35 * 365.25).astype("timedelta64[D]"))
    interest = np.minimum((slot(6) * len(vocab.INTEREST_CODES)).astype(np.int64), len(vocab.INTEREST_CODES) - 1)
    name_en, name_zh = vocab.person_name_dtypes()
    customer_id = customers["customer_id"].to_numpy()[owner]

    return pd.DataFrame(copy=False, data={
        "contact_id": customer_id.astype(np.int64) * 100 + position + 1,
        "customer_id": customer_id,
        "name_en": pd.Categorical.from_codes(name_code, dtype=name_en),
        "name_zh": pd.Categorical.from_codes(name_code, dtype=name_zh),
        "title": pd.Categorical.from_codes(title, dtype=vocab.category(vocab.TITLE_CODES)),
        "role": pd.Categorical.from_codes(role, dtype=vocab.category(vocab.ROLE_CODES)),
        "is_coach": is_coach,
        "influence": np.round(influence, 3),
        "attitude": np.round(attitude, 3),
        "birthday": birthday.astype("datetime64[ns]"),
        "interest": pd.Categorical.from_codes(interest, dtype=vocab.category(vocab.INTEREST_CODES)),
        "receives_mail": slot(7) < 0.7,
        "receives_sms": slot(8) < 0.55,
    })
