"""Chinese glyphs in matplotlib, with nothing to install by hand.

Matplotlib's bundled DejaVu Sans has no CJK glyphs, so Chinese labels come
out as boxes. crmsim depends on the ``mplfonts`` wheel, which ships Noto Sans
CJK SC (SIL Open Font License); we register only that file and put it after
DejaVu Sans in the family list, so Latin text keeps matplotlib's usual look
and every Chinese character falls back to Noto.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

CJK_FAMILY = "Noto Sans CJK SC"
_FONT_FILE = "NotoSansCJKsc-Regular.otf"


@cache
def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font file."""
    path = Path(str(resources.files("mplfonts") / "fonts" / _FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"the CJK font {path} is missing; reinstall crmsim's dependency 'mplfonts'")
    return path


@cache
def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and make it the fallback for every text.

    Safe to call many times. Returns the family name.
    """
    font_manager.fontManager.addfont(str(cjk_font_path()))
    families = ["DejaVu Sans", CJK_FAMILY]
    mpl.rcParams["font.family"] = families
    mpl.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 minus
    return CJK_FAMILY


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that neither DejaVu Sans nor the CJK font can draw."""
    fonts = [FT2Font(str(cjk_font_path())), FT2Font(font_manager.findfont("DejaVu Sans"))]
    charmaps = [f.get_charmap() for f in fonts]
    return {ch for ch in set(text) if not ch.isspace() and all(ord(ch) not in cm for cm in charmaps)}
