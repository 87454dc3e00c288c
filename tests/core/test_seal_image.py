"""Seal images: true size at 600 dpi, red on transparent; scanned imprints cleaned up."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from sealstation.errors import SealImageError
from sealstation.model import SealKind
from sealstation.seals.image import (
    RoundSealSpec,
    draw_round_seal,
    draw_seal,
    import_scanned_imprint,
)


def rgba(image):
    return Image.open(io.BytesIO(image.png)).convert("RGBA")


@pytest.mark.parametrize("kind,name,size", [(SealKind.OFFICIAL, None, 42), (SealKind.CONTRACT, None, 40),
                                           (SealKind.FINANCE, None, 40), (SealKind.LEGAL_REP, "张三", 20)])
def test_true_size_red_on_transparent(kind, name, size, artifacts):
    image = draw_seal(kind, "示例科技有限公司", name, code="1101080012345" if kind == SealKind.OFFICIAL else None)
    img = rgba(image)
    (artifacts / "seals").mkdir(exist_ok=True)
    img.save(artifacts / "seals" / f"{kind.value}.png")
    assert image.size_mm == (size, size) and image.dpi >= 600
    assert abs(img.width - size / 25.4 * 600) <= 1
    if kind.is_name_seal:  # the square border is the edge; inside it, between characters, is clear
        assert img.getpixel((img.width // 2, img.height // 2))[3] == 0
    else:
        assert img.getpixel((0, 0))[3] == 0 and img.getpixel((img.width - 1, img.height - 1))[3] == 0
    opaque = [p for p in img.get_flattened_data() if p[3] > 200]
    assert opaque and all(r > 150 and g < 80 and b < 80 for r, g, b, _ in opaque[:: max(1, len(opaque) // 500)])


def test_round_seal_has_a_centred_star_and_a_ring_to_the_edge():
    img = rgba(draw_round_seal(RoundSealSpec("示例科技有限公司", "合同专用章", diameter_mm=40)))
    alpha = img.getchannel("A")
    assert alpha.getbbox()[0] <= 2 and alpha.getbbox()[2] >= img.width - 2  # the ring touches the edge
    c = img.width // 2
    assert alpha.getpixel((c, c)) > 200  # the star's centre is ink


def test_bad_specs_are_refused():
    with pytest.raises(SealImageError, match="38–45 mm"):
        draw_round_seal(RoundSealSpec("示例", diameter_mm=60))
    with pytest.raises(SealImageError, match="600 dpi"):
        draw_round_seal(RoundSealSpec("示例", dpi=300))
    with pytest.raises(SealImageError, match="2 to 4 characters"):
        draw_seal(SealKind.LEGAL_REP, "示例", "张")


def make_scan(path, *, red=True):
    """A colour scan: grey noisy paper, a red imprint, black text on top."""
    import random

    random.seed(1)
    img = Image.new("RGB", (800, 700), (235, 233, 228))
    px = img.load()
    for _ in range(20000):
        x, y = random.randrange(800), random.randrange(700)
        v = random.randrange(200, 250)
        px[x, y] = (v, v, v)
    d = ImageDraw.Draw(img)
    if red:
        d.ellipse((200, 150, 600, 550), outline=(200, 30, 40), width=18)
        d.regular_polygon((400, 350, 70), 5, fill=(205, 25, 35))
    d.rectangle((50, 330, 750, 345), fill=(20, 20, 20))  # a line of black text across
    img.save(path)
    return path


def test_import_scanned_imprint(tmp_path):
    image = import_scanned_imprint(make_scan(tmp_path / "scan.png"), 40)
    img = rgba(image)
    assert abs(img.width - 40 / 25.4 * 600) <= 1 and abs(img.height - img.width) <= img.width * 0.02
    assert img.getpixel((3, 3))[3] == 0  # paper removed
    # The black text line crossing the imprint is gone where there is no red.
    row = [img.getpixel((x, img.height // 2 - 40))[3] for x in range(img.width // 4, img.width // 3)]
    assert max(row) < 60


def test_import_errors(tmp_path):
    with pytest.raises(SealImageError, match="does not exist"):
        import_scanned_imprint(tmp_path / "missing.png", 40)
    (tmp_path / "text.png").write_text("not an image")
    with pytest.raises(SealImageError, match="not an image"):
        import_scanned_imprint(tmp_path / "text.png", 40)
    with pytest.raises(SealImageError, match="No red seal imprint"):
        import_scanned_imprint(make_scan(tmp_path / "blank.png", red=False), 40)
