"""The document preview and seal placement, driven as a person would: mouse drags, keys, the wheel, drops.

What the view reports as a seal's centre must be where the stamp puts it: on a rotated
and a cropped page the reported millimetres are stamped with the real token and the
ink is found by poppler (an independent renderer), and the seal on screen is where
the readout says too.
"""

from __future__ import annotations

import io
from contextlib import nullcontext

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QHBoxLayout, QWidget

from sealstation.model import SealKind
from sealstation.seals.image import draw_seal
from support.i18n_check import chinese, english_leftovers, english_words
from support.pdfs import A4, PageCase, make_pdf, make_text_pdf
from support.render import render_page, seal_center_mm
from support.station_fixtures import stamp_approved
from ui.document_view import DocumentView
from ui.seal_mark import SealMark
from ui.seal_palette import SealPalette
from ui.thumbnails import ThumbnailStrip

DPI = 100


@pytest.fixture(scope="module")
def thousand_pages(tmp_path_factory):
    return make_text_pdf(tmp_path_factory.mktemp("long") / "long.pdf", 1000)


@pytest.fixture(scope="module")
def marks():
    official = draw_seal(SealKind.OFFICIAL, "测试有限公司", None)
    contract = draw_seal(SealKind.CONTRACT, "测试有限公司", None)
    return [SealMark("official", "公章", official.png, (official.width_mm, official.height_mm)),
            SealMark("contract", "合同专用章", contract.png, (contract.width_mm, contract.height_mm))]


@pytest.fixture
def view(qtbot):
    v = DocumentView()
    qtbot.addWidget(v)
    v.resize(1000, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.shutdown()


def open_and_wait(qtbot, view, path, page=1):
    view.open_document(path)
    qtbot.waitUntil(lambda: view.page_count > 0 and view.page_image_ready(page), timeout=5000)


def move(widget, pos: QPoint, buttons=Qt.LeftButton) -> None:
    event = QMouseEvent(QEvent.MouseMove, QPointF(pos), QPointF(widget.mapToGlobal(pos)), Qt.NoButton, buttons,
                        Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """Press, move in steps as a hand does, release."""
    qtbot.mousePress(widget, Qt.LeftButton, pos=start)
    for i in range(1, steps + 1):
        move(widget, QPoint(start.x() + (end.x() - start.x()) * i // steps, start.y() + (end.y() - start.y()) * i // steps))
    qtbot.mouseRelease(widget, Qt.LeftButton, pos=end)


def drop(view, palette, key: str, pos: QPoint) -> None:
    """What a drag from the palette delivers to the page view (a real QDrag runs its own event loop)."""
    data = palette.mime_data(key)
    target = view.viewport
    QApplication.sendEvent(target, QDragEnterEvent(pos, Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(target, QDropEvent(QPointF(pos), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))


def screen_ink_mm(view, page: int) -> tuple[float, float]:
    """Centre of the red on screen, in mm from the page's corner, measured on the viewport's pixels."""
    image = view.viewport.grab().toImage()
    buffer = QBuffer()
    buffer.open(QBuffer.ReadWrite)
    image.save(buffer, "PNG")
    shot = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    x_px, y_px = seal_center_mm(shot, 254)  # 254 dpi: 10 px a mm, so this is pixels / 10
    corner = view.map_to_viewport(page, 0, 0)
    ratio = shot.width / view.viewport.width()
    return ((x_px * 10 / ratio - corner.x()) / view.px_per_mm, (y_px * 10 / ratio - corner.y()) / view.px_per_mm)


def test_drag_a_seal_with_the_mouse_at_200_percent(qtbot, view, marks, tmp_path, artifacts):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4), PageCase("p2", A4)])
    open_and_wait(qtbot, view, src)
    view.set_seals(marks)
    view.set_zoom(200)
    assert view.zoom_percent == 200
    assert view.place_seal("official", 1, 100.0, 50.0)
    view.go_to_page(1)
    seen = []
    view.placementChanged.connect(lambda *args: seen.append(args))
    start = view.map_to_viewport(1, 100.0, 50.0)
    end = start + QPoint(150, 90)
    drag(qtbot, view.viewport, start, end)
    page, x, y = view.placements()["official"]
    assert page == 1
    assert x == pytest.approx(100.0 + 150 / view.px_per_mm, abs=0.3)
    assert y == pytest.approx(50.0 + 90 / view.px_per_mm, abs=0.3)
    assert len(seen) >= 10, "the readout follows the mouse during the drag, not only at the end"
    # True size at 200 %: the seal's box is its size in mm, drawn at px_per_mm.
    rect = view.seal_scene_rect("official")
    assert rect.width() == pytest.approx(marks[0].size_mm[0])
    qtbot.waitUntil(lambda: view.page_image_ready(1))
    assert screen_ink_mm(view, 1) == pytest.approx((x, y), abs=0.5)
    view.grab().save(str(artifacts / "ui-placement-200.png"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_placement_screenshot_with_thumbnails_and_palette(qtbot, marks, tmp_path, artifacts, language):
    """The three widgets side by side as the window hosts them, two seals placed at 200 %; in Chinese no English
    is left, the refusals and warnings included."""
    with chinese() if language == "zh_CN" else nullcontext():
        _placement_window(qtbot, marks, tmp_path, artifacts, language)


def _placement_window(qtbot, marks, tmp_path, artifacts, language):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4), PageCase("p2", A4, rotate=90)],
                   text="Party A (seal) / Party B (seal)")
    host = QWidget()
    qtbot.addWidget(host)
    view = DocumentView()
    strip = ThumbnailStrip(view)
    palette = SealPalette()
    layout = QHBoxLayout(host)
    layout.addWidget(strip)
    layout.addWidget(view, 1)
    layout.addWidget(palette)
    host.resize(1400, 900)
    host.show()
    qtbot.waitExposed(host)
    try:
        open_and_wait(qtbot, view, src)
        view.set_seals(marks)
        palette.set_seals(marks, due="contract")
        view.set_zoom(200)
        assert view.place_seal("official", 1, 70.0, 50.0)
        assert view.place_seal("contract", 1, 135.0, 90.0)
        view.go_to_page(1)
        qtbot.waitUntil(lambda: view.page_image_ready(1) and strip.has_thumbnail(1) and strip.has_thumbnail(2))
        qtbot.waitUntil(lambda: "official" in view.warnings())  # it covers the text line
        host.grab().save(str(artifacts / f"ui-placement-200-window-{language}.png"))
        refused = []
        view.placementRefused.connect(lambda key, reason: refused.append(reason))
        assert not view.place_seal("contract", 1, 5.0, 5.0)
        if language == "zh_CN":
            assert english_leftovers(host, allow={"mm"}) == []
            assert "印章" in view.warnings()["official"] or "文字" in view.warnings()["official"]
            assert not english_words(view.warnings()["official"]) and not english_words(refused[0])
            assert "第 1 页" in refused[0]
    finally:
        view.shutdown()


def test_a_placement_given_while_the_document_opens_is_checked_when_it_is_laid_out(qtbot, view, marks, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4), PageCase("p2", A4)])
    view.set_seals(marks)
    refused = []
    view.placementRefused.connect(lambda key, reason: refused.append(key))
    view.open_document(src)
    assert view.place_seal("official", 2, 150.5, 230.25)  # e.g. the request's saved placement
    assert view.place_seal("contract", 3, 100.0, 100.0)  # no page 3
    qtbot.waitUntil(lambda: view.page_count == 2)
    assert view.placements() == {"official": (2, 150.5, 230.25)}
    assert refused == ["contract"]
    assert view.seal_scene_rect("official").center() == view._pages[1].pos() + QPointF(150.5, 230.25)


def test_nudge_with_keys_keeps_the_decimals(qtbot, view, marks, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4)])
    open_and_wait(qtbot, view, src)
    view.set_seals(marks)
    view.set_active_seal("official")
    pages = view.findChild(QGraphicsView, "documentPages")
    qtbot.keyClick(pages, Qt.Key_Return)  # without a mouse: Enter puts the chosen seal in view
    page, x, y = view.placements()["official"]
    assert page == 1 and 21 <= x <= 210 - 21 and 21 <= y <= 297 - 21
    view.set_active_seal("contract")
    assert view.place_seal("contract", 1, 143.9, 200.25)
    assert view.placements()["contract"] == (1, 143.9, 200.25)
    view.setFocus()
    pages = view.findChild(QGraphicsView, "documentPages")
    qtbot.keyClick(pages, Qt.Key_Right)
    assert view.placements()["contract"] == (1, 144.4, 200.25)
    qtbot.keyClick(pages, Qt.Key_Down, Qt.ShiftModifier)
    assert view.placements()["contract"] == (1, 144.4, 205.25)
    qtbot.keyClick(pages, Qt.Key_Left, Qt.AltModifier)
    qtbot.keyClick(pages, Qt.Key_Up, Qt.ControlModifier)
    assert view.placements()["contract"] == (1, 144.3, 205.15)


def test_ctrl_wheel_and_keys_zoom(qtbot, view, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4)])
    open_and_wait(qtbot, view, src)
    view.set_zoom(100)
    zooms = []
    view.zoomChanged.connect(zooms.append)
    pos = QPointF(view.viewport.width() / 2, 200)
    wheel = QWheelEvent(pos, QPointF(view.viewport.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120),
                        Qt.NoButton, Qt.ControlModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport, wheel)
    assert view.zoom_percent == pytest.approx(115, abs=0.5)
    pages = view.findChild(QGraphicsView, "documentPages")
    qtbot.keyClick(pages, Qt.Key_Plus, Qt.ControlModifier)
    assert view.zoom_percent == 125
    qtbot.keyClick(pages, Qt.Key_Minus, Qt.ControlModifier)
    assert view.zoom_percent == 100
    qtbot.keyClick(pages, Qt.Key_Minus, Qt.ControlModifier)
    assert view.zoom_percent == 75
    assert zooms[-3:] == [125, 100, 75]
    qtbot.waitUntil(lambda: view.page_image_ready(1))
    view.set_zoom(1000)
    assert view.zoom_percent == 400
    assert view.page_image_state(1) == "placeholder"  # the old image, scaled, until the sharp one comes
    qtbot.waitUntil(lambda: view.page_image_state(1) == "exact")
    view.set_zoom(1)
    assert view.zoom_percent == 25
    view.fit_width()
    page_px = view.page_size_mm(1)[0] * view.px_per_mm
    assert view.viewport.width() * 0.85 < page_px <= view.viewport.width()
    view.fit_page()
    assert view.page_size_mm(1)[1] * view.px_per_mm <= view.viewport.height()
    qtbot.waitUntil(lambda: view.page_image_ready(1))  # the right scale is rendered after a zoom


def test_go_to_page_500_of_1000_with_thumbnails(qtbot, view, thousand_pages):
    strip = ThumbnailStrip(view)
    qtbot.addWidget(strip)
    strip.resize(140, 800)
    strip.show()
    open_and_wait(qtbot, view, thousand_pages)
    assert view.page_count == 1000
    qtbot.waitUntil(lambda: strip.count() == 1000 and strip.has_thumbnail(1))
    pages = []
    view.currentPageChanged.connect(pages.append)
    view.go_to_page(500)
    assert view.current_page == 500 and pages[-1] == 500
    assert 500 in view.visible_pages()
    qtbot.waitUntil(lambda: view.page_image_ready(500))
    assert strip.currentRow() == 499
    qtbot.waitUntil(lambda: strip.has_thumbnail(500))
    # Only what is in sight was rendered: a few pages, not a thousand.
    rendered = sum(1 for n in range(1, 1001) if view._pages[n - 1].image is not None)
    assert rendered < 12
    strip.setCurrentRow(9)  # a click on thumbnail 10 goes there
    assert view.current_page == 10
    qtbot.waitUntil(lambda: view.page_image_ready(10))


def test_off_the_page_is_refused_at_once(qtbot, view, marks, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4)])
    open_and_wait(qtbot, view, src)
    view.set_seals(marks)
    view.set_zoom(100)
    assert view.place_seal("official", 1, 100.0, 100.0)
    refused = []
    view.placementRefused.connect(lambda key, reason: refused.append((key, reason)))
    start = view.map_to_viewport(1, 100.0, 100.0)
    off = view.map_to_viewport(1, 205.0, 100.0)  # the seal's right half past the page's edge
    drag(qtbot, view.viewport, start, off)
    assert refused and refused[-1][0] == "official" and "page 1" in refused[-1][1]
    assert view.placements()["official"] == (1, 100.0, 100.0)
    assert view.seal_scene_rect("official").center() == view._pages[0].pos() + QPointF(100.0, 100.0)  # snapped back
    assert not view.place_seal("official", 1, 5.0, 5.0)
    assert view.placements()["official"] == (1, 100.0, 100.0)
    assert view.place_seal("official", 1, 185.0, 100.0)
    view.setFocus()
    pages = view.findChild(QGraphicsView, "documentPages")
    qtbot.keyClick(pages, Qt.Key_Right, Qt.ShiftModifier)  # 5 mm more would cross the edge
    assert view.placements()["official"] == (1, 185.0, 100.0)
    assert len(refused) == 3


def test_covering_text_or_another_seal_is_a_warning_in_place(qtbot, view, marks, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4)], text="甲方（盖章） signed here")
    open_and_wait(qtbot, view, src)
    view.set_seals(marks)
    assert view.place_seal("official", 1, 150.0, 200.0)
    assert view.warnings() == {}
    assert view.place_seal("contract", 1, 160.0, 210.0)
    assert "公章" in view.warnings()["contract"]
    assert "合同专用章" in view.warnings()["official"]
    assert view.place_seal("contract", 1, 50.0, 45.0)  # over the text line at 120 pt from the top
    qtbot.waitUntil(lambda: "text" in view.warnings().get("contract", ""))
    assert "official" not in view.warnings()
    assert set(view.placements()) == {"official", "contract"}
    with chinese():  # the warning in place follows the window's language, and the view's names
        qtbot.waitUntil(lambda: "文字" in view.warnings().get("contract", ""), timeout=5000)
        assert not english_words(view.warnings()["contract"]) and not english_words(view.accessibleName())
    qtbot.waitUntil(lambda: "text" in view.warnings().get("contract", ""), timeout=5000)


def test_palette_offers_only_the_given_seals_and_drops_one_on_the_page(qtbot, view, marks, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4)])
    open_and_wait(qtbot, view, src)
    palette = SealPalette()
    qtbot.addWidget(palette)
    chosen = []
    palette.sealChosen.connect(chosen.append)
    palette.set_seals(marks, due="contract")
    assert palette.keys() == ["official", "contract"] and palette.chosen == "contract"
    palette.set_seals(marks[:1], due=None)
    assert palette.keys() == ["official"] and palette.chosen == "official"
    palette.set_seals(marks, due="contract")
    palette.sealChosen.connect(view.set_active_seal)
    view.set_seals(marks)
    palette.choose("official")
    assert view.active_seal == "official" and chosen[-1] == "official"
    view.set_zoom(100)
    target = view.map_to_viewport(1, 120.0, 150.0)
    drop(view, palette, "contract", target)
    page, x, y = view.placements()["contract"]
    assert page == 1 and (x, y) == pytest.approx((120.0, 150.0), abs=0.3)


@pytest.mark.parametrize("case", [PageCase("crop-r90", A4, (40.0, 60.0, 540.0, 800.0), 90),
                                  PageCase("origin-crop-r270", (-100.0, 50.0, 495.0, 892.0), (-60.0, 90.0, 450.0, 850.0), 270)],
                         ids=lambda c: c.name)
def test_rotated_cropped_page_the_readout_is_where_the_stamp_puts_the_ink(qtbot, view, station, pin, seal_images,
                                                                         tmp_path, case):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("plain", A4), case])
    open_and_wait(qtbot, view, src)
    image = seal_images["contract"]
    mark = SealMark("contract", "合同专用章", image.png, (image.width_mm, image.height_mm))
    view.set_seals([mark])
    palette = SealPalette()
    qtbot.addWidget(palette)
    palette.set_seals([mark], due="contract")
    view.set_zoom(100)
    view.go_to_page(2)
    w, h = view.page_size_mm(2)
    assert (w, h) == pytest.approx((740 * 25.4 / 72, 500 * 25.4 / 72) if case.rotate == 90 else
                                   (760 * 25.4 / 72, 510 * 25.4 / 72), abs=0.01)
    drop(view, palette, "contract", view.map_to_viewport(2, w * 0.7, h * 0.3))
    page, x, y = view.placements()["contract"]
    assert page == 2
    qtbot.waitUntil(lambda: view.page_image_ready(2))
    assert screen_ink_mm(view, 2) == pytest.approx((x, y), abs=0.5)

    out = tmp_path / "stamped.pdf"
    stamp_approved(station, pin, src, out, seal="contract", page=2, at=(x, y))
    ink = seal_center_mm(render_page(out, 2, DPI), DPI)
    assert ink == pytest.approx((x, y), abs=0.5)

    # After the stamp the preview shows the output, on the same page.
    view.show_stamped(out)
    qtbot.waitUntil(lambda: view.page_count == 2 and view.page_image_ready(2))
    assert view.current_page == 2
