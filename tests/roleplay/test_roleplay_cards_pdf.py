"""Role cards as a PDF: a page per player with only that player's private text, the trainer's sheet, the CJK font.

The text of a page is read from its content stream: each shown string's
two-byte glyph codes mapped through the font's ToUnicode table. pypdf's own
``extract_text`` cannot be used: it does not read the embedded encoding CMap
fpdf2 writes for a CID-keyed OpenType font (Noto Sans CJK), and falls back to
one-byte codes.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from crmsim import i18n
from crmsim import roleplay as rp
from crmsim.__main__ import main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _squeezed(text: str) -> str:
    """Text without white space: lines wrap in the PDF where the source had a space, or none (Chinese)."""
    return re.sub(r"\s+", "", text)


def _unicode_map(font) -> dict[int, str]:
    """The font's ToUnicode table: glyph code -> text."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    table = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, flags=re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return table


def page_text(reader: PdfReader, page) -> str:
    """What a reader sees on ``page``: its shown strings in order, one line per text object."""
    fonts = {name: _unicode_map(ref.get_object()) for name, ref in page["/Resources"]["/Font"].items()}
    lines, font = [], None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            font = fonts[operands[0]]
        elif operator in (b"Tj", b"TJ"):
            strings = operands[0] if operator == b"TJ" else [operands[0]]
            for string in strings:
                if hasattr(string, "original_bytes"):  # a string, not a TJ kerning number
                    data = bytes(string.original_bytes)  # the codes as written, not as pypdf guessed their text
                    lines.append("".join(font.get(int.from_bytes(data[k:k + 2], "big"), "\ufffd")
                                         for k in range(0, len(data), 2)))
        elif operator == b"ET":
            lines.append("\n")
    return "".join(lines)


@pytest.fixture(scope="module", params=["en", "zh"])
def pdf(request, scenario):
    language = request.param
    return language, PdfReader(io.BytesIO(rp.cards_pdf(scenario, language=language)))


def test_a_page_per_player_each_holding_only_its_own_private_text(pdf, scenario):
    language, reader = pdf
    pages = rp.card_pages(scenario, language=language)
    assert len(reader.pages) == len(pages) == len(scenario.people) + 2  # the sales team, each person, the trainer
    texts = [_squeezed(page_text(reader, page)) for page in reader.pages]
    private = [_squeezed(page["private"]) for page in pages[:-1]]
    for k, (text, page) in enumerate(zip(texts, pages)):
        assert _squeezed(page["heading"]) in text
        if page["role"] == "trainer":
            continue
        # The whole brief and the whole private line: nothing is cut.
        assert _squeezed(page["public"]) in text and private[k] in text, (k, text)
        assert not any(other in text for j, other in enumerate(private) if j != k)
    assert bool(CJK.search("".join(texts))) == (language == "zh")


def test_the_coach_is_named_only_on_the_coach_s_card_and_the_trainer_s_sheet(pdf, scenario):
    language, reader = pdf
    texts = [_squeezed(page_text(reader, page)) for page in reader.pages]
    coach_line = _squeezed(i18n.t("rp.card.coach", language))
    coach_pages = [k for k, text in enumerate(texts) if coach_line in text]
    coaches = [1 + k for k, is_coach in enumerate(scenario.people["is_coach"]) if is_coach]
    assert coach_pages == coaches
    trainer = texts[-1]
    assert _squeezed(rp.coach_answer(scenario, language=language)) in trainer
    sheet = rp.trainer_sheet(scenario, language=language)
    for value in sheet.astype(str).to_numpy().ravel():  # every cell of the trainer's table, whole
        assert _squeezed(value) in trainer, value
    if language == "en":  # and no word split across two lines of a narrow column
        words = set(page_text(reader, reader.pages[-1]).split())
        for value in [*sheet.columns, *sheet.astype(str).to_numpy().ravel()]:
            assert set(value.split()) <= words, value


def test_the_chinese_cards_embed_the_course_cjk_font(scenario):
    reader = PdfReader(io.BytesIO(rp.cards_pdf(scenario, language="zh")))
    fonts = reader.pages[1]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            embedded.append(str(font["/BaseFont"]))
    assert any("NotoSansCJK" in name for name in embedded), embedded


def test_the_command_picks_pdf_by_the_suffix_or_by_format(tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    assert main(["roleplay", "cards", "--seed", "5", "--language", "zh", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(out).pages) == len(rp.card_pages(rp.default_scenario(5), language="zh"))
    assert "7" in capsys.readouterr().out
    named = tmp_path / "cards.print"
    assert main(["roleplay", "cards", "--scenario", "jade_river_machinery.toml", "--format", "pdf",
                 "--out", str(named)]) == 0
    reader = PdfReader(named)
    assert named.read_bytes().startswith(b"%PDF-") and "Jade River" in page_text(reader, reader.pages[0])
    assert main(["roleplay", "cards", "--seed", "5", "--out", str(out)]) == 2  # never overwrites
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf", "cards.print"]  # nothing half-written


def test_card_format_is_checked(tmp_path, scenario):
    assert rp.card_format("x.PDF") == "pdf" and rp.card_format("x.html") == "html" and rp.card_format("x") == "html"
    with pytest.raises(ValueError, match=r"format='docx' is not allowed; choose from \('html', 'pdf'\)"):
        rp.write_cards(scenario, tmp_path / "x.docx", format="docx")
    with pytest.raises(TypeError, match="format must be a str"):
        rp.write_cards(scenario, tmp_path / "x.pdf", format=1)
    assert not list(tmp_path.iterdir())
