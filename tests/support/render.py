"""Independent checks of where a seal landed: poppler's pdftoppm renders, we look for red."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

MM_PER_INCH = 25.4


def render_page(pdf: Path, page: int, dpi: int = 100) -> Image.Image:
    """Render one page with poppler (not PyMuPDF) as RGB."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "p"
        subprocess.run(
            ["pdftoppm", "-cropbox", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
            check=True,
            capture_output=True,
        )
        with Image.open(prefix.with_suffix(".png")) as img:
            return img.convert("RGB")


def red_mask(img: Image.Image) -> Image.Image:
    """1-bit mask of seal-red pixels (strong red, little green and blue)."""
    r, g, b = img.split()
    strong_r = r.point(lambda v: 255 if v > 150 else 0)
    low_g = g.point(lambda v: 255 if v < 110 else 0)
    low_b = b.point(lambda v: 255 if v < 110 else 0)
    return ImageChops.multiply(ImageChops.multiply(strong_r, low_g), low_b).convert("1")


def seal_center_mm(img: Image.Image, dpi: int) -> tuple[float, float]:
    """Centre (mm from the top-left) of the bounding box of the red pixels."""
    box = red_mask(img).getbbox()
    assert box is not None, "no red seal found on the rendered page"
    x0, y0, x1, y1 = box
    px_to_mm = MM_PER_INCH / dpi
    return ((x0 + x1) / 2 * px_to_mm, (y0 + y1) / 2 * px_to_mm)


def seal_crop(img: Image.Image) -> Image.Image:
    """The red mask cropped to the seal, for comparing orientation."""
    mask = red_mask(img)
    return mask.crop(mask.getbbox())


def similarity(a: Image.Image, b: Image.Image) -> float:
    """Intersection over union of two masks, after scaling b to a's size."""
    b = b.resize(a.size)
    inter = ImageChops.logical_and(a.convert("1"), b.convert("1"))
    union = ImageChops.logical_or(a.convert("1"), b.convert("1"))
    n_union = sum(1 for v in union.get_flattened_data() if v)
    return sum(1 for v in inter.get_flattened_data() if v) / max(n_union, 1)
