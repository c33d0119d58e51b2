"""Chinese glyphs in matplotlib, with nothing to install by hand.

Matplotlib's bundled DejaVu Sans has no CJK glyphs, so Chinese labels come
out as boxes. crmsim depends on the ``mplfonts`` wheel, which ships Noto Sans
CJK SC (SIL Open Font License); we register only that file and put it after
DejaVu Sans in the family list, so Latin text keeps matplotlib's usual look
and every Chinese character falls back to Noto.

Importing crmsim changes no matplotlib setting. crmsim's own plots and
dashboards draw inside :func:`cjk_fonts`; call :func:`use_cjk_font` to make
the fallback global for your own plots too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

CJK_FAMILY = "Noto Sans CJK SC"
_FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: The font family list of every crmsim text: DejaVu Sans first, Noto Sans CJK for what it lacks.
FAMILIES = ("DejaVu Sans", CJK_FAMILY)


@cache
def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font file."""
    path = Path(str(resources.files("mplfonts") / "fonts" / _FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"the CJK font {path} is missing; reinstall crmsim's dependency 'mplfonts'")
    return path


@cache
def register_cjk_font() -> str:
    """Make the bundled CJK font known to matplotlib (changes no setting); returns its family name."""
    font_manager.fontManager.addfont(str(cjk_font_path()))
    return CJK_FAMILY


def cjk_rc() -> dict[str, object]:
    """The matplotlib settings under which crmsim draws text."""
    register_cjk_font()
    # No "axes.unicode_minus" here: tick labels are formatted when a figure is drawn, after
    # the plot function returned, so the setting would apply to some figures and not others.
    # The minus sign U+2212 comes from DejaVu Sans, first in the family list.
    return {"font.family": list(FAMILIES)}


@contextmanager
def cjk_fonts() -> Iterator[None]:
    """Draw with the CJK fallback inside this block; matplotlib's settings are restored after it.

    Only the font settings are saved and restored: ``matplotlib.rc_context``
    would also restore ``interactive``, which the notebook backend switches
    on when it first draws, and figures made inside would then not be shown.
    """
    settings = cjk_rc()
    saved = {key: mpl.rcParams[key] for key in settings}
    mpl.rcParams.update(settings)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def set_axes_fonts(figure) -> None:
    """Give the texts every Axes of ``figure`` was born with the CJK family list.

    An Axes made before a crmsim plot drew on it keeps the fonts of its
    birth in its title, axis labels and first ticks; tick labels made later,
    when the figure is drawn, copy the first tick's font, so this covers
    them too.
    """
    families = list(FAMILIES)
    for ax in figure.axes:
        texts = [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)]
        for axis in (ax.xaxis, ax.yaxis):
            texts += [axis.label, axis.offsetText]
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                texts += [tick.label1, tick.label2]
        for text in texts:
            if text is not None:
                text.set_family(families)


def use_cjk_font() -> str:
    """Make the CJK fallback global, for plots of your own (crmsim's plots need no call).

    Safe to call many times. Returns the family name.
    """
    mpl.rcParams.update(cjk_rc())
    return CJK_FAMILY


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that neither DejaVu Sans nor the CJK font can draw."""
    fonts = [FT2Font(str(cjk_font_path())), FT2Font(font_manager.findfont("DejaVu Sans"))]
    charmaps = [f.get_charmap() for f in fonts]
    return {ch for ch in set(text) if not ch.isspace() and all(ord(ch) not in cm for cm in charmaps)}
