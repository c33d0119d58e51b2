"""The role cards as a PDF: the pages of :func:`~crmsim.roleplay.card_pages`, laid out with fpdf2.

One A4 page per player, holding the public brief and that player's private
lines only, then the trainer's sheet with everything and the coach named.
The text is set in Noto Sans CJK SC, the font file the ``mplfonts`` wheel
ships and crmsim already draws its Chinese plots with (:func:`crmsim.fonts.cjk_font_path`),
embedded as a subset, so the file prints the same on any machine and needs no
system font; DejaVu Sans from matplotlib's own data is the fallback for a
character Noto lacks. Lines wrap, by word in English and by character in
Chinese; nothing is shortened. fpdf2 is imported when a PDF is made, not
with crmsim.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl

from .. import i18n
from ..fonts import cjk_font_path
from .cards import card_pages, role_cards, trainer_sheet
from .scenario import Scenario

#: A4 with the print margins of the HTML cards (mm).
MARGIN_MM = 16.0
#: Type sizes (pt): page heading, section heading, body, the trainer's table.
HEADING_PT, SECTION_PT, BODY_PT, TABLE_PT = 20.0, 13.0, 12.0, 9.0
#: Line height as a multiple of the type size, as in the HTML cards.
LINE_SPACING = 1.5
#: Colours (RGB): text, the grey of the name line, the red of what is private.
INK, GREY, RED = (17, 17, 17), (85, 85, 85), (170, 0, 0)
#: Inner padding of the trainer's table cells (mm).
CELL_PADDING_MM = 1.2
_MM_PER_PT = 25.4 / 72


def _dejavu_path() -> Path:
    """DejaVu Sans from matplotlib's own data folder (never a system font)."""
    return Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


class _CardsPDF:
    """One document being written: the fonts, the wrap mode of the language, and the text helpers."""

    def __init__(self, language: str, title: str) -> None:
        from fpdf import FPDF

        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        pdf.set_auto_page_break(True, margin=MARGIN_MM)
        pdf.add_font("noto", fname=str(cjk_font_path()))
        pdf.add_font("dejavu", fname=str(_dejavu_path()))
        pdf.set_fallback_fonts(["dejavu"])
        pdf.set_title(title)
        pdf.set_lang("zh-CN" if language == "zh" else "en")
        pdf.set_creator("crmsim")
        self.pdf, self.title = pdf, title
        self.wrap = "CHAR" if language == "zh" else "WORD"

    def text(self, text: str, size: float = BODY_PT, colour=INK, *, heavy: bool = False, border: int = 0,
             padding: float = 0.0, after: float = 0.0) -> None:
        """Write ``text`` as a paragraph across the line, wrapped; ``heavy`` strokes the glyphs (the font has no
        bold)."""
        pdf = self.pdf
        pdf.set_font("noto", size=size)
        pdf.set_text_color(*colour)
        pdf.set_draw_color(*(RED if border else colour))
        pdf.set_line_width(0.5 if border else 0.2)
        pdf.text_mode = "FILL_STROKE" if heavy else "FILL"
        pdf.multi_cell(0, size * _MM_PER_PT * LINE_SPACING, text, border=border, padding=padding, align="L",
                       wrapmode=self.wrap, new_x="LMARGIN", new_y="NEXT")
        pdf.text_mode = "FILL"
        if after:
            pdf.ln(after)

    def header(self) -> None:
        """A new page with the document's title in small grey type at its top."""
        self.pdf.add_page()
        self.text(self.title, 9.0, GREY, after=2.0)

    def table(self, table) -> None:
        """The trainer's table: a header row, then one row per person, every cell wrapped."""
        from fpdf import FontFace

        pdf = self.pdf
        pdf.set_font("noto", size=TABLE_PT)
        pdf.set_text_color(*INK)
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.2)
        rows = [list(map(str, table.columns)), *table.astype(str).to_numpy().tolist()]
        widths = self.column_widths(rows)
        with pdf.table(col_widths=widths, width=pdf.epw, text_align="LEFT", wrapmode=self.wrap,
                       line_height=TABLE_PT * _MM_PER_PT * 1.4, padding=CELL_PADDING_MM,
                       headings_style=FontFace(emphasis="", fill_color=(235, 235, 235))) as grid:
            for values in rows:
                row = grid.row()
                for value in values:
                    row.cell(value)
        pdf.ln(4.0)

    def column_widths(self, rows: list[list[str]]) -> list[float]:
        """Widths (mm) that fit the line: every column at least as wide as its longest unbreakable piece
        (a word in English, a character in Chinese), so no word is split; the room left goes to the columns
        with the most text, so long concerns wrap into few lines."""
        pdf, room = self.pdf, self.pdf.epw
        extra = 2 * CELL_PADDING_MM + 1.0
        pieces = (lambda text: list(text)) if self.wrap == "CHAR" else (lambda text: text.split())
        columns = list(zip(*rows))
        least = [max(pdf.get_string_width(p) for cell in column for p in pieces(cell) or [""]) + extra
                 for column in columns]
        whole = [max(pdf.get_string_width(cell) for cell in column) + extra for column in columns]
        if sum(whole) <= room:  # everything fits on one line: share out the spare room
            return [w * room / sum(whole) for w in whole]
        if sum(least) >= room:  # cannot happen with the course's words; shrink evenly rather than overflow
            return [w * room / sum(least) for w in least]
        spare = [w - m for w, m in zip(whole, least)]
        return [m + (room - sum(least)) * s / sum(spare) for m, s in zip(least, spare)]


def cards_pdf(scenario: Scenario, *, language: str | None = None) -> bytes:
    """The role cards as a PDF document: a page per player, then the trainer's sheet.

    The same pages as :func:`~crmsim.roleplay.cards_html` (from
    :func:`~crmsim.roleplay.card_pages`): each player's page holds the public
    brief and that player's private lines only, in a red box; the trainer's
    sheet holds the coach's name, the whole buying centre and the sales team's
    rules. The fonts are embedded (see the module's docstring).

    Parameters
    ----------
    scenario : Scenario
    language : {"en", "zh"}, optional
        Language of the cards; defaults to the current language, which is not changed.

    Returns
    -------
    bytes
        The PDF file's content.
    """
    language = i18n.check_language(language) if language else i18n.get_language()
    company = str(scenario.customer["name_zh" if language == "zh" else "name_en"])
    document = _CardsPDF(language, i18n.t("rp.cards.title", language, company=company))
    for page in card_pages(scenario, language=language):
        document.header()
        document.text(page["heading"], HEADING_PT, heavy=True, after=1.0)
        if page["who"]:
            document.text(page["who"], BODY_PT, GREY, after=3.0)
        if page["role"] == "trainer":
            document.text(page["public"], SECTION_PT, RED, heavy=True, after=3.0)
            document.table(trainer_sheet(scenario, language=language))
            document.text(i18n.t("rp.cards.rules", language), SECTION_PT, heavy=True, after=1.0)
            document.text(str(role_cards(scenario, language=language)["private"].iloc[0]))
        else:
            document.text(i18n.t("rp.col.public", language), SECTION_PT, heavy=True, after=1.0)
            document.text(page["public"], after=5.0)
            document.text(i18n.t("rp.col.private", language), SECTION_PT, RED, heavy=True, after=1.0)
            document.text(page["private"], border=1, padding=3.0)
    return bytes(document.pdf.output())
