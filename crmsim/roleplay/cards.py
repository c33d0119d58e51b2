"""The role cards: a view of the scenario to print and hand out, one page per player.

:func:`role_cards` is the table of every card; :func:`cards_html` lays them out
to print, one page per player holding only that player's private lines, and
a trainer's sheet with everything; :func:`~crmsim.roleplay.cards_pdf` lays out
the same pages as a PDF; :func:`write_cards` writes either atomically.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

from .. import i18n
from ..files import check_new_target, staged
from ..validation import check_choice
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


#: Print styles of the cards: one A4 page per player, no text cut, CJK fonts first for Chinese.
CARD_CSS = """
@page { size: A4; margin: 16mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Micro Hei", sans-serif; font-size: 12pt; line-height: 1.5; color: #111; }
.crmsim-card { page-break-after: always; break-after: page; padding: 4mm 0; }
.crmsim-card:last-child { page-break-after: auto; break-after: auto; }
.crmsim-card h1 { font-size: 18pt; margin: 0 0 2mm 0; }
.crmsim-card h2 { font-size: 13pt; margin: 5mm 0 1mm 0; }
.crmsim-card .who { color: #444; margin: 0 0 3mm 0; }
.crmsim-card .private { border: 1.5pt solid #a00; padding: 3mm; }
.crmsim-card p { white-space: normal; overflow-wrap: anywhere; }
.crmsim-card table { border-collapse: collapse; width: 100%; font-size: 10pt; }
.crmsim-card th, .crmsim-card td { border: 0.5pt solid #888; padding: 1.5mm; text-align: left; vertical-align: top; }
@media screen { .crmsim-card { border-bottom: 2px dashed #bbb; margin-bottom: 8mm; } }
"""


def card_pages(scenario: Scenario, *, language: str | None = None) -> list[dict]:
    """The printed pages: one per player (the sales team, then each person), then the trainer's sheet.

    Returns
    -------
    list of dict
        ``role``, ``contact_id`` (0 for the sales team and the trainer),
        ``heading``, ``who`` (name and title), ``public`` and ``private``
        text; the trainer's page (role ``"trainer"``) has ``private`` empty
        and its table in :func:`trainer_sheet`.
    """
    language = i18n.check_language(language) if language else i18n.get_language()
    cards = role_cards(scenario, language=language)
    ids = [0, *scenario.people["contact_id"].astype(int)]
    pages = []
    for contact_id, card in zip(ids, cards.to_dict("records")):
        role = i18n.t(f"rp.role.{card['role']}" if card["role"] == "seller" else f"role.{card['role']}", language)
        who = f"{card['name']}, {card['title']}" if language == "en" else f"{card['name']}，{card['title']}"
        pages.append({"role": card["role"], "contact_id": contact_id, "heading": role,
                      "who": who if card["name"] else "", "public": card["public"], "private": card["private"]})
    pages.append({"role": "trainer", "contact_id": 0, "heading": i18n.t("rp.cards.trainer", language), "who": "",
                  "public": coach_answer(scenario, language=language), "private": ""})
    return pages


def coach_answer(scenario: Scenario, *, language: str | None = None) -> str:
    """The answer to "who is the coach?", for the trainer's sheet."""
    language = i18n.check_language(language) if language else i18n.get_language()
    people = scenario.people
    coaches = people[people["is_coach"]]
    if coaches.empty:
        return i18n.t("rp.cards.no_coach", language)
    column = "name_zh" if language == "zh" else "name_en"
    template = "{name}（{role}）" if language == "zh" else "{name} ({role})"
    names = ("、" if language == "zh" else ", ").join(
        template.format(name=row[column], role=i18n.t("role." + str(row["role"]), language))
        for _, row in coaches.iterrows())
    return i18n.t("rp.cards.coach_is", language, names=names)


def trainer_sheet(scenario: Scenario, *, language: str | None = None) -> pd.DataFrame:
    """Everything about the buying centre on one table, for the trainer only (text, in ``language``).

    One row per person: id, name, role, title, influence, attitude, main
    concern, interest and whether they are the coach, which is all that
    the players' private lines say.
    """
    language = i18n.check_language(language) if language else i18n.get_language()
    people = scenario.people
    column = "name_zh" if language == "zh" else "name_en"
    yes, no = i18n.t("bool.True", language), i18n.t("bool.False", language)
    rows = {i18n.t("rp.col.contact_id", language): people["contact_id"].astype(int).tolist(),
            i18n.t("rp.col.name", language): people[column].astype(str).tolist(),
            i18n.t("rp.col.role", language): [i18n.t(f"role.{r}", language) for r in people["role"].astype(str)],
            i18n.t("rp.col.title", language): [i18n.t(f"title.{t}", language) for t in people["title"].astype(str)],
            i18n.t("rp.col.influence", language): [f"{v:.0%}" for v in people["influence"]],
            i18n.t("rp.col.attitude_before", language): [f"{v:+.2f}" for v in people["attitude"]],
            i18n.t("rp.col.concern", language): [i18n.t(f"rp.concern.{c}", language)
                                                 for c in people["concern"].astype(str)],
            i18n.t("rp.col.interest", language): [i18n.t(f"interest.{i}", language)
                                                  for i in people["interest"].astype(str)],
            i18n.t("rp.col.is_coach", language): [yes if c else no for c in people["is_coach"]]}
    return pd.DataFrame(rows)


def cards_html(scenario: Scenario, *, language: str | None = None) -> str:
    """The role cards as one HTML document to print: a page per player, then the trainer's sheet.

    Each player's page holds the public brief and that player's private
    lines only; the trainer's sheet holds everything, with the coach named.
    No text is shortened.
    """
    language = i18n.check_language(language) if language else i18n.get_language()
    pages = card_pages(scenario, language=language)
    esc = html.escape
    parts = []
    for page in pages:
        body = [f"<h1>{esc(page['heading'])}</h1>"]
        if page["who"]:
            body.append(f"<p class='who'>{esc(page['who'])}</p>")
        if page["role"] == "trainer":
            body.append(f"<p><strong>{esc(page['public'])}</strong></p>")
            body.append(trainer_sheet(scenario, language=language).to_html(index=False, escape=True, border=0))
            body.append(f"<h2>{esc(i18n.t('rp.cards.rules', language))}</h2>")
            body.append(f"<p>{esc(role_cards(scenario, language=language)['private'].iloc[0])}</p>")
        else:
            body.append(f"<h2>{esc(i18n.t('rp.col.public', language))}</h2><p>{esc(page['public'])}</p>")
            body.append(f"<div class='private'><h2>{esc(i18n.t('rp.col.private', language))}</h2>"
                        f"<p>{esc(page['private'])}</p></div>")
        parts.append(f"<section class='crmsim-card' data-role='{esc(page['role'])}' "
                     f"data-contact='{page['contact_id']}'>{''.join(body)}</section>")
    title = esc(i18n.t("rp.cards.title", language, company=str(scenario.customer[
        "name_zh" if language == "zh" else "name_en"])))
    lang = "zh-CN" if language == "zh" else "en"
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{CARD_CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


#: The formats :func:`write_cards` writes.
CARD_FORMATS = ("html", "pdf")


def card_format(path: str | os.PathLike, format: str | None = None) -> str:
    """The format of cards written to ``path``: ``format`` if given, else ``"pdf"`` for a ``.pdf`` name, else
    ``"html"``."""
    if format is None:
        return "pdf" if Path(path).suffix.lower() == ".pdf" else "html"
    return check_choice("format", format, CARD_FORMATS)


def write_cards(scenario: Scenario, path: str | os.PathLike, *, language: str | None = None,
                format: str | None = None) -> Path:
    """Write the role cards to a new file ``path``, atomically (all of it or nothing); return the path.

    Parameters
    ----------
    scenario : Scenario
    path : path
        A new file in an existing folder.
    language : {"en", "zh"}, optional
        Language of the cards; defaults to the current language.
    format : {"html", "pdf"}, optional
        :func:`cards_html` (open it in a browser and print) or
        :func:`~crmsim.roleplay.cards_pdf` (fonts embedded, ready to print). By
        default from the name: ``.pdf`` writes a PDF, anything else HTML.
    """
    format = card_format(path, format)
    check_new_target(path)  # before the work of laying out a PDF
    if format == "pdf":
        from .pdf_cards import cards_pdf

        content = cards_pdf(scenario, language=language)
    else:
        content = cards_html(scenario, language=language).encode("utf-8")
    with staged(path) as staging:
        staging.write_bytes(content)
    return Path(path)
