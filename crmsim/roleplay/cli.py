"""Command line of the role play: ``python -m crmsim roleplay cards ...``.

``cards`` writes the printable role cards (one page per player and the
trainer's sheet) of the course's account for ``--seed``, or of a scenario
file, as one HTML or PDF file (``--out cards.pdf`` or ``--format pdf``), atomically.
"""

from __future__ import annotations

import argparse

from .. import i18n
from .cards import CARD_FORMATS


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``roleplay`` and its commands to the parser of ``python -m crmsim``."""
    parser = sub.add_parser("roleplay", help="role play: print the role cards (see crmsim.roleplay.cli)")
    commands = parser.add_subparsers(dest="roleplay_command", required=True)
    cards = commands.add_parser("cards", help="write the role cards as one printable HTML or PDF file")
    cards.add_argument("--seed", type=int, default=0,
                       help="the course's account for this seed (the notebook's crmsim.roleplay.default_scenario)")
    cards.add_argument("--scenario", default=None,
                       help="a scenario file (.toml) or the name of a shipped example; overrides --seed")
    cards.add_argument("--language", choices=i18n.LANGUAGES, default="en", help="language of the cards: en or zh")
    cards.add_argument("--out", required=True, help="a new .html or .pdf file in an existing folder")
    cards.add_argument("--format", choices=CARD_FORMATS, default=None,
                       help="html (open in a browser and print) or pdf (fonts embedded); "
                            "by default from --out's suffix")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a ``roleplay`` command; errors are raised for ``python -m crmsim`` to report."""
    from .cards import card_pages, write_cards
    from .scenario_file import load_scenario
    from .views import default_scenario

    scenario = load_scenario(args.scenario) if args.scenario else default_scenario(args.seed)
    path = write_cards(scenario, args.out, language=args.language, format=args.format)
    pages = len(card_pages(scenario, language=args.language))
    print(i18n.t("rp.cards.written", args.language, path=path, pages=pages, lang=args.language))
    return 0
