"""The role cards: a view of the scenario to print and hand out, one card per player."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from .scenario import Scenario

#: Attitudes below minus this read "against", above it "in favour", in between "neutral".
NEUTRAL_BAND = 0.2


def attitude_word(value: float) -> str:
    """The code of how an attitude (-1 to +1) reads on a card: ``"against"``, ``"neutral"`` or ``"for"``."""
    return "against" if value < -NEUTRAL_BAND else "for" if value > NEUTRAL_BAND else "neutral"


def role_cards(scenario: Scenario, *, language: str | None = None) -> pd.DataFrame:
    """The role cards to hand out, one row per player: the sales team first, then each person.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~crmsim.roleplay.make_scenario`.
    language : {"en", "zh"}, optional
        Language of the cards' text; defaults to the current language. The
        global language is not changed.

    Returns
    -------
    DataFrame
        ``role`` (coded: ``"seller"`` for the sales team, else the person's
        buying-centre role) and the card's text: ``name``, ``title``,
        ``public`` (what every player may know) and ``private`` (for that
        player only). Show it with ``crmsim.display.labelled(cards,
        "roleplay")``, which names the roles.
    """
    language = i18n.check_language(language) if language else i18n.get_language()

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, language, **fields)

    customer, people = scenario.customer, scenario.people
    name_column = "name_zh" if language == "zh" else "name_en"
    company = str(customer[name_column])
    roles = people["role"].astype(str)
    if language == "zh":
        cast = "、".join(f"{name}（{t('role.' + role)}）" for name, role in zip(people[name_column], roles))
    else:
        cast = ", ".join(f"{name} ({t('role.' + role)})" for name, role in zip(people[name_column], roles))
    rows = [{"role": "seller", "name": "", "title": "",
             "public": t("rp.card.seller.public", company=company, industry=t(f"industry.{customer['industry']}"),
                         tier=t(f"size_tier.{customer['size_tier']}"), revenue=float(customer["annual_revenue"]),
                         deal=scenario.deal_value, competitors=scenario.competitors, people=cast),
             "private": t("rp.card.seller.private", hours=scenario.hours_per_round)}]
    for person in people.itertuples(index=False):
        private = t("rp.card.buyer.private", influence=person.influence,
                    attitude=t(f"rp.attitude.{attitude_word(person.attitude)}"), attitude_value=person.attitude,
                    concern=t(f"rp.concern.{person.concern}"), interest=t(f"interest.{person.interest}"))
        if person.is_coach:
            private += t("rp.card.coach")
        if str(person.role) == "gatekeeper":
            private += t("rp.card.gatekeeper")
        name, title = str(getattr(person, name_column)), t(f"title.{person.title}")
        rows.append({"role": str(person.role), "name": name, "title": title,
                     "public": t("rp.card.buyer.public", name=name, title=title, company=company,
                                 role=t(f"role.{person.role}")),
                     "private": private})
    return pd.DataFrame(rows)
