"""The cross-page seal (骑缝章) in the window: on when the approval asks for it, the strips on every page of the
preview before any secret, the edge and the height changed with the keys, then stamped under one PIN; in English
and in Chinese, with screenshots."""

from __future__ import annotations

from PySide6.QtCore import Qt

from support.i18n_check import chinese, english_leftovers
from support.pdfs import A4, PageCase, make_pdf
from support.station_fixtures import approve, password
from support.window import log_in, open_and_check, unnamed_controls, window_settings
from ui.main_window import MainWindow

CASES = [PageCase("a", A4), PageCase("b-r90", A4, (40.0, 60.0, 540.0, 800.0), 90), PageCase("c", A4)]


def window(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win)
    return win


def strips_on(qtbot, screen, pages: int) -> list:
    qtbot.waitUntil(lambda: len(screen.view.strips()) == pages, timeout=20000)
    return screen.view.strips()


def test_strips_previewed_on_every_page_then_stamped(qtbot, station, pin, tmp_path, artifacts):
    src = make_pdf(tmp_path / "contract.pdf", CASES)
    approve(station, src, ["contract+cross-page"])
    win = window(qtbot, station, tmp_path)
    open_and_check(qtbot, win, src)
    screen = win.document_screen
    panel = screen.cross_panel
    qtbot.waitUntil(lambda: panel.enabled_box.isChecked(), timeout=10000)  # the approval asks for it
    strips = strips_on(qtbot, screen, 3)
    assert [page for page, _ in strips] == [1, 2, 3]
    qtbot.waitUntil(lambda: screen.view.page_image_ready(screen.view.current_page), timeout=20000)
    for page, box in strips:  # flush with each page's right edge as displayed
        page_item = screen.view._pages[page - 1]
        assert abs(box.right() - page_item.mapRectToScene(page_item.rect).right()) < 0.01
    assert "all 3 pages" in panel.summary.text()
    assert not [name for name in unnamed_controls(win) if name.startswith("crossPage")]
    win.grab().save(str(artifacts / "ui-cross-page-right-en.png"))

    # The left edge, chosen with the keys: the strips move before anything is signed.
    panel.edge_combo.setFocus()
    qtbot.keyClick(panel.edge_combo, Qt.Key_Down)
    qtbot.waitUntil(lambda: panel.edge() == "left", timeout=5000)
    qtbot.waitUntil(lambda: all(abs(box.left() - screen.view._pages[p - 1].pos().x()) < 0.01
                                for p, box in screen.view.strips()) and len(screen.view.strips()) == 3, timeout=20000)
    qtbot.keyClick(panel.edge_combo, Qt.Key_Up)  # back to the right edge
    qtbot.waitUntil(lambda: panel.edge() == "right", timeout=5000)

    screen.output_edit.setText(str(tmp_path / "out.pdf"))
    screen.schedule_preflight()
    qtbot.waitUntil(screen.stamp_button.isEnabled, timeout=30000)
    screen.stamp_button.click()
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=30000)
    dialog = screen.pin_dialog
    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() and not screen.busy, timeout=60000)
    (result, report) = screen.last_results[0]
    assert report.valid
    assert report.signatures[0].cross_page_pages == (1, 2, 3)
    assert screen.view.strips() == []  # now drawn in the document itself
    assert "Cross-page seal: a strip on each of the 3 pages" in screen.result_label.text()
    view = screen.view
    qtbot.waitUntil(lambda: view.page_count == 3 and bool(view.current_page)
                    and view.page_image_ready(view.current_page) and not win.tasks.busy, timeout=20000)
    win.grab().save(str(artifacts / "ui-cross-page-stamped-en.png"))

    from ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog(station)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.verify_file(result.output)
    qtbot.waitUntil(lambda: not dialog.tasks.busy and bool(dialog.file_verdict.text()), timeout=30000)
    assert dialog.file_verdict.text().startswith("VALID")
    assert "Cross-page seal: strips on 3 of the 3 pages stamped" in dialog.file_details.toPlainText()


def test_one_page_document_says_why_in_chinese(qtbot, station, tmp_path, artifacts):
    src = make_pdf(tmp_path / "one.pdf")
    approve(station, src, ["contract+cross-page"])
    with chinese():
        win = window(qtbot, station, tmp_path)
        open_and_check(qtbot, win, src)
        screen = win.document_screen
        panel = screen.cross_panel
        qtbot.waitUntil(lambda: panel.enabled_box.isChecked() and "骑缝章" in panel.summary.text(), timeout=20000)
        assert screen.view.strips() == []
        qtbot.waitUntil(lambda: not screen.stamp_button.isEnabled() and bool(screen.preflights), timeout=30000)
        win.grab().save(str(artifacts / "ui-cross-page-one-page-zh_CN.png"))
        assert not english_leftovers(panel), english_leftovers(panel)


def test_strips_in_chinese(qtbot, station, tmp_path, artifacts):
    src = make_pdf(tmp_path / "contract.pdf", CASES)
    approve(station, src, ["contract+cross-page"])
    with chinese():
        win = window(qtbot, station, tmp_path)
        open_and_check(qtbot, win, src)
        screen = win.document_screen
        strips_on(qtbot, screen, 3)
        assert "3" in screen.cross_panel.summary.text()
        win.grab().save(str(artifacts / "ui-cross-page-right-zh_CN.png"))
        assert not english_leftovers(screen.cross_panel), english_leftovers(screen.cross_panel)
