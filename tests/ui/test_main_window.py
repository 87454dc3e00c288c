"""The station window driven as a person would: open, click to place, nudge, stamp, PIN (ported to the shell:
login → queue → document screen)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from support.pdfs import A4, PageCase, make_pdf
from support.station_fixtures import approve, password
from support.window import log_in, open_and_check, wait_idle, window_settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win)
    return win


def double_click_at_mm(qtbot, win, page, x_mm, y_mm):
    """A double click on the page puts the chosen seal's centre there."""
    view = win.document_screen.view
    view.go_to_page(page)
    qtbot.mouseDClick(view.viewport, Qt.LeftButton, pos=view.map_to_viewport(page, x_mm, y_mm))


def confirm(qtbot, screen, secret_pin):
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    qtbot.keyClicks(dialog.pin_edit, secret_pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)


def wait_result(qtbot, screen):
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() or "Not stamped" in screen.status.text(), timeout=60000)


def test_place_and_stamp_a_rotated_page(qtbot, window, tmp_path, pin, artifacts):
    src = make_pdf(tmp_path / "doc.pdf", [PageCase("p1", A4), PageCase("p2", A4, rotate=90)])
    approve(window.station, src, ["contract"])
    open_and_check(qtbot, window, src)
    screen = window.document_screen
    assert screen.page_spin.value() == 2  # opens on the last page, where seals usually go
    assert screen.active_seal() == "contract"

    double_click_at_mm(qtbot, window, 2, 120, 100)
    (placed,) = screen.placements()
    assert abs(placed.x_mm - 120) < 0.6 and abs(placed.y_mm - 100) < 0.6
    view = screen.view.viewport
    screen.view.setFocus()
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.keyClick(view, Qt.Key_Down, Qt.ShiftModifier)
    (nudged,) = screen.placements()
    assert (nudged.x_mm, nudged.y_mm) == pytest.approx((placed.x_mm + 0.5, placed.y_mm + 5), abs=0.01)
    assert screen.x_spin.value() == pytest.approx(nudged.x_mm, abs=0.005)

    screen.x_spin.setValue(150.0)
    screen.y_spin.setValue(120.0)
    (typed,) = screen.placements()
    assert (typed.page, typed.x_mm, typed.y_mm) == (2, 150.0, 120.0)
    out = tmp_path / "stamped.pdf"
    screen.output_edit.setText(str(out))
    screen.schedule_preflight()
    wait_idle(qtbot, window)
    window.grab().save(str(artifacts / "ui-main-placed.png"))
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    confirm(qtbot, screen, pin)
    wait_result(qtbot, screen)
    assert "VALID" in screen.result_label.text(), screen.status.text()
    qtbot.waitUntil(lambda: screen.view.page_image_ready(2), timeout=20000)  # the stamped page, as the custodian sees it
    window.grab().save(str(artifacts / "ui-main-stamped.png"))
    (sig,) = window.station.audit().verify(out).signatures
    assert sig.placement.page == 2 and sig.placement.center_mm == pytest.approx((150, 120), abs=0.01)


def test_bad_document_is_explained(qtbot, window, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    window.open_document(bad)
    screen = window.document_screen
    qtbot.waitUntil(lambda: "Cannot open bad.pdf" in screen.status.text(), timeout=20000)
    assert screen.document is None and not screen.stamp_button.isVisible()


def test_existing_output_is_replaced_only_after_the_question(qtbot, window, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(window.station, src, ["official"])
    open_and_check(qtbot, window, src)
    screen = window.document_screen
    out = tmp_path / "minutes.pdf"
    out.write_bytes(b"an unrelated file")
    screen.output_edit.setText(str(out))
    screen.schedule_preflight()
    wait_idle(qtbot, window)
    assert screen.stamp_button.isEnabled()  # a question at Stamp, not a refusal

    screen.confirm_overwrite = lambda path: False
    screen.stamp()
    assert "Cancelled" in screen.status.text() and screen.pin_dialogs_opened == 0
    assert out.read_bytes() == b"an unrelated file"

    screen.confirm_overwrite = lambda path: True
    screen.stamp()
    confirm(qtbot, screen, pin)
    wait_result(qtbot, screen)
    assert "VALID" in screen.result_label.text(), screen.status.text()
    assert window.station.audit().verify(out).valid


def test_default_output_of_a_document_in_the_station_home_is_outside_it(window):
    from ui.document_screen import default_output

    home = window.station.home.root
    out = default_output(home / "documents" / "contract.pdf", home)
    assert home not in out.parents and out.name == "contract-已签章.pdf"


def test_the_last_pin_try_is_said_before_the_pin_is_asked(qtbot, window, tmp_path, monkeypatch):
    token = window.station.token()
    found = token.probe()
    last_try = replace(found, pin=replace(found.pin, final_try=True))  # SoftHSM2 never counts down; a real key does
    monkeypatch.setattr(token, "probe", lambda: last_try)
    src = make_pdf(tmp_path / "doc.pdf")
    approve(window.station, src, ["official"])
    open_and_check(qtbot, window, src)
    screen = window.document_screen
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    assert "final try" in screen.pin_dialog.tries.text()
    screen.pin_dialog.reject()  # cancelled: nothing is signed
    assert "Cancelled" in screen.status.text()
