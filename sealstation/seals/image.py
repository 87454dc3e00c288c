"""Seal images (印模): drawn to the standard layouts, or imported from a scanned imprint.

Images are RGBA PNGs at true size (at least 600 dpi), red ink on a transparent
background. Characters use the CJK font that ships with PyMuPDF (Droid Sans
Fallback, Apache License 2.0; see resources/fonts/LICENSES.md). Shapes are drawn
at twice the resolution and reduced, which antialiases the edges.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import SealImageError
from ..fsutil import NotRegularFileError, atomic_write_bytes, open_input
from ..model import SealKind

# PyMuPDF (~60 ms) and Pillow (~9 ms) are imported where they are used: commands that never draw need not pay.
__all__ = [
    "SEAL_RED",
    "SealImage",
    "RoundSealSpec",
    "SquareSealSpec",
    "draw_round_seal",
    "draw_square_name_seal",
    "draw_seal",
    "import_scanned_imprint",
]

SEAL_RED = (220, 0, 20)
MIN_DPI = 600
_SUPERSAMPLE = 2


@dataclass(frozen=True)
class SealImage:
    """A seal picture at true size."""

    png: bytes
    """RGBA PNG, transparent background."""
    width_mm: float
    height_mm: float
    dpi: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.png).hexdigest()

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.width_mm, self.height_mm)

    def _image(self):
        from PIL import Image

        return Image.open(io.BytesIO(self.png))

    @property
    def width_px(self) -> int:
        return self._image().width

    @property
    def height_px(self) -> int:
        return self._image().height

    def save(self, path: Path) -> None:
        atomic_write_bytes(Path(path), self.png)

    @classmethod
    def load(cls, path: Path, width_mm: float, height_mm: float) -> "SealImage":
        png = Path(path).read_bytes()
        img = cls(png, width_mm, height_mm, 0)._image()
        return cls(png, width_mm, height_mm, round(img.width / width_mm * 25.4))


@dataclass(frozen=True)
class RoundSealSpec:
    """A round seal: 公章 and the special-purpose seals (合同专用章, 财务专用章 …)."""

    organisation: str
    """Written along the top arc."""
    name: str = ""
    """Written horizontally under the star ("" for the official seal)."""
    code: str | None = None
    """Seal code, small, along the bottom arc."""
    diameter_mm: float = 42.0
    dpi: int = MIN_DPI
    colour: tuple[int, int, int] = SEAL_RED


@dataclass(frozen=True)
class SquareSealSpec:
    """A square name seal (法定代表人章 / 个人章)."""

    person: str
    """The name, 2 to 4 characters."""
    side_mm: float = 20.0
    dpi: int = MIN_DPI
    colour: tuple[int, int, int] = SEAL_RED


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    import pymupdf

    return pymupdf.Font("china-s").buffer


def _font(size_px: int):
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(_font_bytes()), size_px)


def _px(mm: float, dpi: int) -> float:
    return mm / 25.4 * dpi * _SUPERSAMPLE


def _glyph(char: str, height_px: float, width_scale: float, colour):
    """One character as an RGBA tile, ``height_px`` tall (narrowed by ``width_scale``)."""
    from PIL import Image, ImageDraw

    font = _font(max(8, round(height_px)))
    x0, y0, x1, y1 = font.getbbox(char)
    tile = Image.new("RGBA", (max(1, x1 - x0), max(1, y1 - y0)), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((-x0, -y0), char, font=font, fill=colour + (255,))
    # Seal lettering is tall and narrow; scale glyph boxes to a common height.
    w = max(1, round(tile.width * width_scale * height_px / max(tile.height, 1)))
    h = max(1, round(height_px if tile.height > height_px * 0.5 else tile.height))
    return tile.resize((w, h), Image.LANCZOS)


def _paste_rotated(canvas, tile, centre, angle_cw: float) -> None:
    from PIL import Image

    rotated = tile.rotate(-angle_cw, resample=Image.BICUBIC, expand=True)
    canvas.alpha_composite(rotated, (round(centre[0] - rotated.width / 2), round(centre[1] - rotated.height / 2)))


def _star(draw, cx: float, cy: float, r_outer: float, fill) -> None:
    r_inner = r_outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        a = math.radians(-90 + 36 * i)
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    draw.polygon(points, fill=fill)


def _arc_text(canvas, text: str, centre, radius: float, char_h: float, span_deg: float, colour, *, bottom: bool) -> None:
    """Characters along an arc: tops outward on the top arc, tops inward on the bottom arc."""
    n = len(text)
    if n == 0:
        return
    step = span_deg / (n - 1) if n > 1 else 0.0
    for i, char in enumerate(text):
        if bottom:  # read left to right: from lower-left (180 + span/2) to lower-right
            theta = 180 + span_deg / 2 - i * step
            angle = theta - 180
        else:
            theta = -span_deg / 2 + i * step
            angle = theta
        rad = math.radians(theta)
        pos = (centre[0] + radius * math.sin(rad), centre[1] - radius * math.cos(rad))
        _paste_rotated(canvas, _glyph(char, char_h, 0.72 if not bottom else 0.9, colour), pos, angle)


def _finish(canvas, size_mm: tuple[float, float], dpi: int) -> SealImage:
    from PIL import Image

    w, h = (round(v / 25.4 * dpi) for v in size_mm)
    out = canvas.resize((w, h), Image.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, "PNG", optimize=True)
    return SealImage(buf.getvalue(), size_mm[0], size_mm[1], dpi)


def _check_dpi(dpi: int) -> None:
    if dpi < MIN_DPI:
        raise SealImageError(f"Seal images are made at {MIN_DPI} dpi or more, not {dpi}.")


def draw_round_seal(spec: RoundSealSpec) -> SealImage:
    """The standard round seal: ring, star, organisation on the top arc, name, code."""
    from PIL import Image, ImageDraw

    _check_dpi(spec.dpi)
    if not 38 <= spec.diameter_mm <= 45:
        raise SealImageError(f"A round seal is 38–45 mm across, not {spec.diameter_mm} mm.")
    if not spec.organisation.strip():
        raise SealImageError("A round seal needs the organisation's name.")
    d = _px(spec.diameter_mm, spec.dpi)
    size = round(d)
    canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    ink = spec.colour + (255,)
    c = (size / 2, size / 2)
    scale = spec.diameter_mm / 40.0
    ring = _px(1.2 * scale, spec.dpi)
    # Pillow draws outlines inward from the box: the ring's outer edge is the seal's true diameter.
    draw.ellipse((0, 0, size - 1, size - 1), outline=ink, width=round(ring))
    _star(draw, c[0], c[1] - _px(0.6, spec.dpi), _px(7.0 * scale, spec.dpi), ink)
    org_h = _px(5.4 * scale, spec.dpi)
    # Long names spread further round the ring, as engravers do (up to ~250°).
    span = min(250.0, 30.0 * max(len(spec.organisation) - 1, 1))
    _arc_text(canvas, spec.organisation, c, d / 2 - ring - _px(1.0, spec.dpi) - org_h / 2, org_h, span, spec.colour, bottom=False)
    if spec.name:
        name_h = _px(4.6 * scale, spec.dpi)
        glyphs = [_glyph(ch, name_h, 0.85, spec.colour) for ch in spec.name]
        total = sum(g.width for g in glyphs) + _px(0.3, spec.dpi) * (len(glyphs) - 1)
        x = c[0] - total / 2
        y = c[1] + _px(8.6 * scale, spec.dpi)
        for g in glyphs:
            canvas.alpha_composite(g, (round(x), round(y)))
            x += g.width + _px(0.3, spec.dpi)
    if spec.code:
        code_h = _px(2.2 * scale, spec.dpi)
        _arc_text(canvas, spec.code, c, d / 2 - ring - _px(0.6, spec.dpi) - code_h / 2, code_h,
                  min(100.0, 6.5 * (len(spec.code) - 1)), spec.colour, bottom=True)
    return _finish(canvas, (spec.diameter_mm, spec.diameter_mm), spec.dpi)


def _name_grid(person: str) -> list[str]:
    """Four characters in reading order: right column top-down, then left column."""
    name = person.strip()
    if not 2 <= len(name) <= 4:
        raise SealImageError(f"A name seal holds a name of 2 to 4 characters, not {name!r}.")
    if len(name) == 2:
        return list(name + "之印")
    if len(name) == 3:
        return list(name + "印")
    return list(name)


def draw_square_name_seal(spec: SquareSealSpec) -> SealImage:
    """The square name seal: border and the name in a 2×2 grid, read right column first."""
    from PIL import Image, ImageDraw

    _check_dpi(spec.dpi)
    chars = _name_grid(spec.person)
    side = round(_px(spec.side_mm, spec.dpi))
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    ink = spec.colour + (255,)
    border = _px(1.0 * spec.side_mm / 20, spec.dpi)
    ImageDraw.Draw(canvas).rectangle((0, 0, side - 1, side - 1), outline=ink, width=round(border))
    cell = (side - 2 * border) / 2
    glyph_h = cell * 0.82
    cells = [(1, 0), (1, 1), (0, 0), (0, 1)]  # (column, row): right column first
    for char, (col, row) in zip(chars, cells):
        g = _glyph(char, glyph_h, 0.95, spec.colour)
        cx = border + cell * col + cell / 2
        cy = border + cell * row + cell / 2
        canvas.alpha_composite(g, (round(cx - g.width / 2), round(cy - g.height / 2)))
    return _finish(canvas, (spec.side_mm, spec.side_mm), spec.dpi)


def draw_seal(
    kind: SealKind, organisation: str, name: str | None = None, *, code: str | None = None,
    diameter_mm: float | None = None,
) -> SealImage:
    """The standard image for a seal kind: round for organisation seals, square for name seals."""
    kind = SealKind(kind)
    if kind.is_name_seal:
        if not name:
            raise SealImageError(f"A {kind.label_en} needs the person's name.")
        return draw_square_name_seal(SquareSealSpec(person=name))
    default = {SealKind.OFFICIAL: ""}.get(kind, kind.label_zh)
    return draw_round_seal(
        RoundSealSpec(organisation=organisation, name=name if name is not None else default, code=code,
                      diameter_mm=diameter_mm or (42.0 if kind == SealKind.OFFICIAL else 40.0))
    )


def import_scanned_imprint(path: str | Path, width_mm: float, height_mm: float | None = None, dpi: int = MIN_DPI) -> SealImage:
    """A seal image from a colour scan of a real imprint: paper and black ink removed, red kept."""
    from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

    _check_dpi(dpi)
    path = Path(path)
    try:
        with open_input(path) as f, Image.open(f) as src:
            rgb = src.convert("RGB")
    except FileNotFoundError as exc:
        raise SealImageError(f"The scan {path} does not exist.") from exc
    except NotRegularFileError as exc:
        raise SealImageError(f"The scan {path} is {exc.what}, not an image file.") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise SealImageError(f"{path} is not an image (PNG or JPEG expected).") from exc
    r, g, b = rgb.split()
    # "Redness": how much red exceeds the stronger of green and blue. Paper
    # (grey/white) and black text score near zero; seal ink scores high.
    redness = ImageChops.subtract(r, ImageChops.lighter(g, b))
    alpha = redness.point(lambda v: 0 if v < 40 else min(255, (v - 40) * 3)).filter(ImageFilter.MedianFilter(3))
    box = alpha.point(lambda v: 255 if v > 96 else 0).getbbox()
    if box is None:
        raise SealImageError(
            f"No red seal imprint was found in {path}.",
            hint="Scan the imprint on white paper, in colour.",
        )
    alpha = alpha.crop(box)
    height_mm = height_mm or width_mm * alpha.height / alpha.width
    size = (round(width_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi))
    out = Image.new("RGBA", alpha.size, SEAL_RED + (0,))
    out.putalpha(alpha)
    out = out.resize(size, Image.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, "PNG", optimize=True)
    return SealImage(buf.getvalue(), width_mm, height_mm, dpi)
