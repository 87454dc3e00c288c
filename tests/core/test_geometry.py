"""The placement rule as pure geometry: display mm <-> user space for every page shape."""

from __future__ import annotations

import itertools

import pytest

from sealstation.errors import DamagedPdfError, PlacementError
from sealstation.pdf.geometry import PageFrame, Rect, mm_to_pt, upright_image_matrix
from sealstation.model import Placement

BOXES = {
    "a4": (0, 0, 595, 842),
    "shifted": (200, -300, 795, 542),
    "reversed": (595, 842, 0, 0),
    "landscape": (0, 0, 842, 595),
}
CROPS = [None, (40, 60, 540, 800)]


@pytest.mark.parametrize(
    "media,crop,rot",
    list(itertools.product(BOXES.values(), CROPS, (0, 90, 180, 270, -90, 450))),
)
def test_display_user_round_trip(media, crop, rot):
    frame = PageFrame.from_boxes(media, crop, rot)
    for point in [(0, 0), (12.5, 33.3), (100, 150)]:
        assert frame.user_to_display(*frame.display_to_user(*point)) == pytest.approx(point, abs=1e-9)


@pytest.mark.parametrize("rot", [0, 90, 180, 270])
def test_display_origin_is_the_visible_top_left_corner(rot):
    frame = PageFrame.from_boxes((10, 20, 210, 320), None, rot)
    # The displayed top-left corner is, in user space, the corner that
    # a clockwise turn by `rot` brings to the top-left.
    expected = {0: (10, 320), 90: (10, 20), 180: (210, 20), 270: (210, 320)}[rot]
    assert frame.display_to_user(0, 0) == pytest.approx(expected)


def test_display_size_swaps_for_quarter_turns():
    frame = PageFrame.from_boxes(BOXES["a4"], None, 90)
    w, h = frame.display_size_mm
    assert w == pytest.approx(297.0, abs=0.1) and h == pytest.approx(210.0, abs=0.1)


def test_crop_box_is_clipped_to_media_box():
    frame = PageFrame.from_boxes((0, 0, 100, 100), (-50, -50, 80, 200), 0)
    assert frame.visible == Rect(0, 0, 80, 100)


def test_user_unit_scales_millimetres():
    frame = PageFrame.from_boxes((0, 0, 100, 100), None, 0, user_unit=2.0)
    assert frame.display_size_mm[0] == pytest.approx(200 * 25.4 / 72)


def test_seal_box_is_swapped_in_user_space_on_quarter_turns():
    frame = PageFrame.from_boxes(BOXES["a4"], None, 90)
    box = frame.seal_box(Placement(1, (100, 100)), (40, 20))
    assert box.rect.width == pytest.approx(mm_to_pt(20))
    assert box.rect.height == pytest.approx(mm_to_pt(40))
    assert frame.rect_center_mm(box.rect) == pytest.approx((100, 100))
    assert frame.rect_size_mm(box.rect) == pytest.approx((40, 20))


@pytest.mark.parametrize("center", [(10, 100), (100, 5), (200, 100), (100, 290), (-1, -1)])
def test_seal_box_leaving_the_page_is_refused(center):
    frame = PageFrame.from_boxes(BOXES["a4"], None, 0)
    with pytest.raises(PlacementError) as err:
        frame.seal_box(Placement(1, center), (40, 40))
    assert "would leave page 1" in str(err.value)
    assert "between" in err.value.hint


def test_seal_box_touching_the_edge_is_allowed():
    frame = PageFrame.from_boxes(BOXES["a4"], None, 0)
    box = frame.seal_box(Placement(1, (20, 20)), (40, 40))
    assert box.rect.x0 == pytest.approx(0, abs=1e-6)


def test_invalid_rotation_is_damage():
    with pytest.raises(DamagedPdfError):
        PageFrame.from_boxes(BOXES["a4"], None, 45)


@pytest.mark.parametrize("rot", [0, 90, 180, 270])
def test_upright_matrix_fills_the_box(rot):
    a, b, c, d, e, f = upright_image_matrix(rot, 30, 50)
    corners = [(a * u + c * v + e, b * u + d * v + f) for u, v in [(0, 0), (1, 0), (0, 1), (1, 1)]]
    xs, ys = zip(*corners)
    assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx((0, 0, 30, 50))
