"""Dashboard.render_png: the PNG shown has exactly the pixels of the canvas, opaque or not."""

from __future__ import annotations

import io
import struct
import zlib

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from crmsim.widgets import Dashboard  # noqa: E402


class _Lines(Dashboard):
    """A dashboard of a few anti-aliased lines and text: many colours, edges and a background that may be clear."""

    figsize = (3.1, 1.7)  # odd pixel sizes: no row or column width a multiple of anything handy

    def __init__(self, facecolor) -> None:
        self.facecolor = facecolor
        super().__init__()

    def build_controls(self):
        return {"slope": widgets.FloatSlider(value=1.0, min=0.0, max=3.0)}

    def compute(self, slope: float):
        return slope

    def draw(self, result, figure) -> None:
        figure.patch.set_facecolor(self.facecolor)
        ax = figure.subplots()
        ax.patch.set_alpha(0.0)
        x = np.linspace(0, 1, 50)
        ax.plot(x, result * x ** 2, color="#d95f02", linewidth=2.5)
        ax.fill_between(x, 0, result * x, color="#1b9e77", alpha=0.4)
        ax.set_title("pixels 像素")

    def summarise(self, result) -> str:
        return f"slope {result}"


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of ``png``, each checked against its CRC, read without Pillow."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(png):
        (length,), kind = struct.unpack(">I", png[at:at + 4]), png[at + 4:at + 8]
        data, crc = png[at + 8:at + 8 + length], struct.unpack(">I", png[at + 8 + length:at + 12 + length])[0]
        assert zlib.crc32(kind + data) == crc, kind
        chunks.append((kind, data))
        at += 12 + length
    return chunks


@pytest.mark.parametrize("facecolor, mode", [("white", "RGB"), ((1.0, 1.0, 0.8, 0.5), "RGBA"), ("none", "RGBA")])
def test_the_png_has_the_canvas_pixels(facecolor, mode):
    board = _Lines(facecolor)
    for slope in (1.0, 2.5):  # the first picture, and one redrawn after a change
        board.controls["slope"].value = slope
        canvas = np.asarray(board._canvas.buffer_rgba())
        assert (canvas[:, :, 3].min() == 255) == (mode == "RGB")  # the case this parameter is about
        image = Image.open(io.BytesIO(board.png))
        assert image.mode == mode and image.size == board._canvas.get_width_height()
        np.testing.assert_array_equal(np.asarray(image.convert("RGBA")), canvas)
        Image.open(io.BytesIO(board.png)).verify()  # Pillow's own checks of the file
        kinds = [kind for kind, _ in _chunks(board.png)]
        assert kinds == [b"IHDR", b"IDAT", b"IEND"]


def test_the_png_decodes_by_the_format_alone():
    """Decoded here from the PNG specification (filter 0 rows in one zlib stream), not by Pillow."""
    board = _Lines("white")
    (_, header), (_, data), _ = _chunks(board.png)
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour, compression, filtering, interlace) == (8, 2, 0, 0, 0)
    rows = np.frombuffer(zlib.decompress(data), dtype=np.uint8).reshape(height, 1 + 3 * width)
    assert (rows[:, 0] == 0).all()
    np.testing.assert_array_equal(rows[:, 1:].reshape(height, width, 3),
                                  np.asarray(board._canvas.buffer_rgba())[:, :, :3])
