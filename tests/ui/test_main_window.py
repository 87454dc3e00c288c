"""The station window driven as a person would: open, click to place, nudge, stamp, PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from sealstation.pdf.geometry import mm_to_px
from support.pdfs import A4, PageCase, make_pdf
from support.station_fixtures import approve, password
from ui.main_window import PREVIEW_DPI, MainWindow


@pytest.fixture
def window(qtbot, station):
    win = MainWindow(station)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_at_mm(qtbot, win, x_mm, y_mm):
    view = win.view
    scene_point = (mm_to_px(x_mm, PREVIEW_DPI), mm_to_px(y_mm, PREVIEW_DPI))
    pos = view.mapFromScene(*scene_point)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(pos.x(), pos.y()))


def test_place_and_stamp_a_rotated_page(qtbot, window, tmp_path, pin, artifacts):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4), PageCase("p2", A4, rotate=90)])
    window.open_document(src)
    assert window.page_spin.value() == 2  # opens on the last page, where seals usually go
    window.seal_box.setCurrentIndex(window.seal_box.findData("contract"))

    click_at_mm(qtbot, window, 120, 100)
    x, y = window.view.seal_center_mm
    assert abs(x - 120) < 0.6 and abs(y - 100) < 0.6
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Right)
    qtbot.keyClick(window.view, Qt.Key_Down, Qt.ShiftModifier)
    assert window.view.seal_center_mm == pytest.approx((x + 0.5, y + 5), abs=0.01)
    assert window.x_spin.value() == pytest.approx(round(x + 0.5, 1), abs=0.05)

    window.x_spin.setValue(150.0)
    window.y_spin.setValue(120.0)
    assert window.view.seal_center_mm == (150.0, 120.0)
    qtbot.wait(200)  # the page repainted before the screenshot
    window.grab().save(str(artifacts / "ui-main-placed.png"))

    approve(window.station, src, ["contract"])
    answers = [("custodian", password("custodian"), "000000"), ("custodian", password("custodian"), pin)]
    warnings = []

    def answer(seal_name, warning):
        warnings.append(warning)
        return answers.pop(0)

    window.ask_secrets = answer
    out = tmp_path / "stamped.pdf"
    window.output_edit.setText(str(out))
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "VALID" in window.result_label.text() or "Not stamped" in window.result_label.text(), timeout=30000)
    assert "有效 VALID" in window.result_label.text(), window.result_label.text()
    assert warnings[0] == "" and "PIN incorrect" in warnings[1]  # the wrong PIN was explained, then asked again
    window.grab().save(str(artifacts / "ui-main-stamped.png"))

    report = window.station.verify(out)
    (sig,) = report.signatures
    assert sig.placement.page == 2 and sig.placement.center_mm == pytest.approx((150, 120), abs=0.01)


def test_bad_document_is_explained(qtbot, window, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    window.open_document(bad)
    assert "Not stamped" in window.result_label.text()
    assert window.document is None and not window.stamp_button.isEnabled()


def test_cancelled_pin_stamps_nothing(qtbot, window, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    window.open_document(src)
    window.ask_secrets = lambda name, warning: None
    out = tmp_path / "never.pdf"
    window.output_edit.setText(str(out))
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in window.result_label.text(), timeout=10000)
    assert not out.exists()


def test_unapproved_document_is_refused_with_the_reason(qtbot, window, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    window.open_document(src)
    window.ask_secrets = lambda name, warning: ("custodian", password("custodian"), pin)
    out = tmp_path / "never.pdf"
    window.output_edit.setText(str(out))
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Not stamped" in window.result_label.text(), timeout=10000)
    assert "no approved request" in window.result_label.text()
    assert not out.exists()


def test_existing_output_is_replaced_only_after_the_question(qtbot, window, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(window.station, src, ["official"])
    window.open_document(src)
    window.seal_box.setCurrentIndex(window.seal_box.findData("official"))
    out = tmp_path / "minutes.pdf"
    out.write_bytes(b"an unrelated file")
    window.output_edit.setText(str(out))
    asked = []
    window.ask_secrets = lambda name, warning: asked.append(name) or ("custodian", password("custodian"), pin)

    window.confirm_overwrite = lambda path: False
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    assert "Cancelled" in window.result_label.text() and not asked
    assert out.read_bytes() == b"an unrelated file"

    window.confirm_overwrite = lambda path: True
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "VALID" in window.result_label.text() or "Not stamped" in window.result_label.text(), timeout=30000)
    assert "有效 VALID" in window.result_label.text(), window.result_label.text()
    assert window.station.verify(out).valid


def test_default_output_of_a_document_in_the_station_home_is_outside_it(window):
    from ui.main_window import default_output

    home = window.station.home.root
    out = default_output(home / "documents" / "contract.pdf", home)
    assert home not in out.parents and out.name == "contract-已签章.pdf"


def test_the_last_pin_try_is_said_before_the_pin_is_asked(qtbot, window, tmp_path, monkeypatch):
    from dataclasses import replace

    token = window.station.token()
    last_try = replace(token.pin_status(), final_try=True)  # SoftHSM2 never counts down; a real key does
    monkeypatch.setattr(token, "pin_status", lambda: last_try)
    src = make_pdf(tmp_path / "doc.pdf")
    window.open_document(src)
    warnings = []
    window.ask_secrets = lambda name, warning: warnings.append(warning)  # then cancelled: nothing is signed
    window.output_edit.setText(str(tmp_path / "never.pdf"))
    qtbot.mouseClick(window.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in window.result_label.text(), timeout=10000)
    assert warnings and "next wrong PIN locks it" in warnings[0]
