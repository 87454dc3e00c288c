"""A custodian's day on the demo station, in the window, driven as a person would: log in with keys, the work queue
with the demo's requests, the contract's request opened by a double-click with its approved seals; zoom to 200 %
with Ctrl++, drag the seals onto 甲方（盖章）, nudge them with the arrow keys, read the readout; the password and
the PIN typed in the PIN dialog; the stamp in the background, its result; ``sealstation verify`` (a process) and
poppler's ``pdfsig`` judge the output and ``pdftoppm`` finds each seal's ink where the readout said; the approved
copies printed to a PDF file from the print dialog, their QR copy marks read back. The same on the demo's rotated
page, in Chinese. Screenshots of every screen of the day, in both languages, go to the run's artifacts folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sealstation.workqueue import QueueGroup
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import (drag, drop_from_palette, scroll_to, type_login, unnamed_controls, wait_idle,
                            window_settings)
from ui.main_window import MainWindow
from ui.queue_screen import ITEM_ROLE

DEMO_DOCUMENTS = {"contract.pdf", "notice.pdf", "expenses-rotated.pdf"}


@pytest.fixture
def day(qtbot, demo_station, demo_home, tmp_path):
    win = MainWindow(demo_station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(demo_home)
    return win


def log_in_to_the_queue(qtbot, win) -> None:
    """User name, Enter, password, Enter: the queue is the first thing after the login, with the demo's requests."""
    assert win.login_screen.user_edit.hasFocus()
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
    assert win.stack.currentWidget() is win.queue_screen
    qtbot.waitUntil(lambda: win.status_strip.token_label.property("state") == "ok"
                    and "SealStation Demo" in win.status_strip.token_label.text(), timeout=10000)


def row_of(screen, document: str):
    for row in range(screen.proxy.rowCount()):
        group = screen.proxy.index(row, 0)
        for child in range(screen.proxy.rowCount(group)):
            index = screen.proxy.index(child, 0, group)
            if index.data(ITEM_ROLE).document_name == document:
                return index
    raise AssertionError(f"{document} is not in the queue")


def test_log_in_see_the_queue_and_open_the_contract(qtbot, day, artifacts):
    log_in_to_the_queue(qtbot, day)
    queue = day.queue_screen
    assert {item.document_name for item in queue.items} == DEMO_DOCUMENTS  # the request not yet approved is not here
    assert all(item.group == QueueGroup.WAITING for item in queue.items)
    assert "custodian" in day.user_label.text() and "seal custodian" in day.user_label.text()
    qtbot.waitUntil(lambda: day.status_strip.seals_label.text().startswith("Seals usable today: 4 of 4"),
                    timeout=10000)  # the strip reads the station off the GUI thread after the login
    day.grab().save(str(artifacts / "ui-day-queue-en.png"))
    assert not unnamed_controls(day), unnamed_controls(day)

    index = row_of(queue, "contract.pdf")
    contract = index.data(ITEM_ROLE)
    assert contract.seals == ("contract", "legal-rep") and contract.due_next == "contract"
    rect = queue.view.visualRect(index)
    qtbot.mouseClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())

    screen = day.document_screen
    assert day.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.covering is not None, timeout=10000)
    assert Path(screen.document) == contract.document_path
    assert screen.covering.request.id == contract.request_id
    assert screen.covering.seals_left == ("contract", "legal-rep")  # the approved seals, the next due first
    assert screen.active_seal() == "contract"
    day.grab().save(str(artifacts / "ui-day-contract-opened.png"))


def test_next_request_opens_the_next_one_waiting(qtbot, day):
    log_in_to_the_queue(qtbot, day)
    shown = [item.request_id for item in day.queue_screen.shown_items()]
    qtbot.keyClick(day, Qt.Key_N, Qt.ControlModifier)
    screen = day.document_screen
    qtbot.waitUntil(lambda: screen.covering is not None, timeout=10000)
    assert screen.covering.request.id == shown[0]
    day.show_queue()  # Ctrl+1
    qtbot.keyClick(day, Qt.Key_N, Qt.ControlModifier)  # the one after the request opened last
    second = day.queue_screen.current_item()
    assert second.request_id == shown[1] and day.stack.currentWidget() is screen
    assert Path(screen.document) == second.document_path
    # The demo's notice.pdf has a second request, still waiting for its approval: each opens as the one chosen.
    qtbot.waitUntil(lambda: screen.covering is not None and screen.covering.request.id == second.request_id,
                    timeout=10000)


def test_a_request_without_a_known_file_asks_where_it_is(qtbot, day, demo_home):
    from dataclasses import replace

    log_in_to_the_queue(qtbot, day)
    item = next(i for i in day.queue_screen.items if i.document_name == "expenses-rotated.pdf")
    asked = []
    day.choose_file = lambda title, start: asked.append((title, start)) or str(item.document_path)
    assert day.open_work_item(replace(item, document_path=None))  # a request made before migration 21
    (title, start), = asked
    assert "expenses-rotated.pdf" in title and Path(start) == demo_home / "documents"
    assert "does not know where the document" in day.message_label.text()
    qtbot.waitUntil(lambda: day.document_screen.covering is not None, timeout=10000)
    assert day.document_screen.covering.request.id == item.request_id


def test_the_queue_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    with chinese():
        win = MainWindow(demo_station, settings=window_settings(tmp_path))
        win.confirm_quit = lambda: True
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        win.credentials = demo_credentials(demo_home)
        with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
            type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
        qtbot.waitUntil(lambda: "SealStation Demo" in win.status_strip.token_label.text(), timeout=10000)
        with qtbot.waitSignal(win.status_strip.refreshed, timeout=10000):
            win.refresh_status()
        assert "印章专管" in win.user_label.text()
        win.grab().save(str(artifacts / "ui-day-queue-zh_CN.png"))
        allow = {"pdf", "contract", "notice", "expenses", "rotated", "SealStation", "Demo", "USB", "serial"}
        leftovers = english_leftovers(win.queue_screen, allow=allow, visible_only=True)
        assert not leftovers, leftovers


def test_typed_before_the_station_is_open_logs_in_when_it_is(qtbot, demo_station, demo_home, tmp_path):
    win = MainWindow(settings=window_settings(tmp_path))  # as ui.app shows it: the station still opening
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    type_login(qtbot, win, "custodian", demo_credentials(demo_home)["users"]["custodian"])
    assert win.login is None and "as soon as it is open" in win.login_screen.state.text()
    win.set_station(demo_station)
    qtbot.waitUntil(lambda: win.login is not None, timeout=10000)
    assert win.stack.currentWidget() is win.queue_screen and win.login_screen.password_edit.text() == ""


def test_my_journal_by_keys(qtbot, day):
    log_in_to_the_queue(qtbot, day)
    with qtbot.waitSignal(day.journal_view.loaded, timeout=10000):
        qtbot.keyClick(day, Qt.Key_J, Qt.ControlModifier)
    assert day.stack.currentWidget() is day.journal_page and day.journal_view.isVisible() and day.windowTitle().startswith("My journal")
    seals = {day.journal_view.seal_box.itemData(n) for n in range(1, day.journal_view.seal_box.count())}
    assert seals == {"official", "contract", "finance", "legal-rep"}  # the custodian's seals in the filter
    qtbot.keyClick(day, Qt.Key_1, Qt.ControlModifier)
    assert day.stack.currentWidget() is day.queue_screen and day.windowTitle().startswith("Work queue")


# -- the whole day: place, nudge, unlock, stamp, verify, print ------------------------------------------------------

DPI = 150
GAIZHANG = ((38.1, 46.6), (54.9, 60.4))
"""Where the README walkthrough found "盖章" of 甲方（盖章） on the contract's page 2 (x and y ranges, mm)."""


def shoot(widget, artifacts: Path, language: str, step: str) -> None:
    widget.grab().save(str(artifacts / f"day-{language}-{step}.png"))


def look_at(qtbot, view, page: int, x_mm: float, y_mm: float) -> None:
    """Scroll (the wheel) until the point is in view, and wait for the page to be drawn there at this zoom."""
    scroll_to(view, page, x_mm, y_mm, margin=250)
    qtbot.waitUntil(lambda: view.page_image_ready(page), timeout=20000)


def window_for(qtbot, station, home, tmp_path, language: str):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(home)
    qtbot.waitUntil(win.login_screen.user_edit.hasFocus, timeout=5000)
    return win


def open_from_queue(qtbot, win, document: str):
    """Click the request's row, double-click it: its document opens with its approved seals, the checks run."""
    queue = win.queue_screen
    index = row_of(queue, document)
    rect = queue.view.visualRect(index)
    qtbot.mouseClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
    screen = win.document_screen
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.covering is not None and screen.view.page_count > 0
                    and bool(screen.view.placements()), timeout=20000)
    return screen


def zoom_to_200_with_keys(qtbot, win) -> None:
    view = win.document_screen.view
    for _ in range(12):
        if view.zoom_percent >= 200 - 1e-6:
            break
        qtbot.keyClick(win, Qt.Key_Plus, Qt.ControlModifier)  # Ctrl++ (View ▸ Zoom in)
    assert view.zoom_percent == pytest.approx(200)
    qtbot.keyClick(win, Qt.Key_Minus, Qt.ControlModifier)  # Ctrl+- (View ▸ Zoom out), and back
    assert view.zoom_percent == pytest.approx(150)
    qtbot.keyClick(win, Qt.Key_Equal, Qt.ControlModifier)  # Ctrl+= too: + without Shift on most keyboards
    assert view.zoom_percent == pytest.approx(200)


def readout(screen) -> tuple[int, float, float]:
    """Page and centre as the readout shows them (the last three numbers, whatever the language's words)."""
    import re

    page, x, y = re.findall(r"\d+(?:\.\d+)?", screen.readout.text())[-3:]
    return int(page), float(x), float(y)


def nudge(qtbot, view, key, fine: bool = False, times: int = 1) -> None:
    """Arrow keys where the keyboard is: on the page view, which the seal just dragged or dropped left it on."""
    from PySide6.QtWidgets import QApplication

    focus = QApplication.focusWidget()
    assert focus is not None and view.isAncestorOf(focus), focus
    for _ in range(times):
        qtbot.keyClick(focus, key, Qt.ControlModifier if fine else Qt.NoModifier)


def drag_seal(qtbot, view, key: str, to_mm: tuple[float, float]) -> None:
    """Take the seal at its centre with the mouse and drag it so that its centre lands on ``to_mm`` (same page)."""
    page, x, y = view.placements()[key]
    scroll_to(view, page, x, y)
    start = view.map_to_viewport(page, x, y)
    end = view.map_to_viewport(page, *to_mm)
    drag(qtbot, view.viewport, start, end)


def wait_checks_passed(qtbot, win, seals: int) -> None:
    screen = win.document_screen
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: len(screen.preflights) == seals and screen.stamp_button.isEnabled(), timeout=20000)


def type_output(qtbot, screen, path: Path) -> None:
    """Where the stamped file goes, typed as a person types it (the demo's documents live in the station's home)."""
    edit = screen.output_edit
    qtbot.mouseClick(edit, Qt.LeftButton)
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(edit, str(path))
    qtbot.keyClick(edit, Qt.Key_Tab)


def unlock_and_stamp(qtbot, win, artifacts: Path, language: str) -> None:
    """Stamp (Ctrl+Enter), then the password and the PIN typed in the PIN dialog; the result once it is stamped."""
    screen = win.document_screen
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    qtbot.waitExposed(dialog)
    assert dialog.user_edit.text() == "custodian" and dialog.password_edit.hasFocus()
    assert "SealStation Demo" in dialog.key.text()
    qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["custodian"])
    qtbot.keyClick(dialog.password_edit, Qt.Key_Tab)
    assert dialog.pin_edit.hasFocus()
    qtbot.keyClicks(dialog.pin_edit, win.credentials["token_pin"])
    shoot(dialog, artifacts, language, "4-pin-dialog")
    if language == "zh_CN":
        assert not english_leftovers(dialog, allow={"SealStation", "Demo", "custodian"}), \
            english_leftovers(dialog, allow={"SealStation", "Demo", "custodian"})
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() and not screen.busy, timeout=60000)
    assert screen.pin_dialogs_opened == 1
    qtbot.waitUntil(lambda: screen.print_button.isVisible(), timeout=20000)  # the next step: print


def ink_mm(pdf: Path, page: int, *, without: Path | None = None) -> tuple[float, float]:
    """Centre of the seal-red poppler draws on ``page`` (mm), leaving out the red already on ``without``'s page."""
    from PIL import ImageChops

    from support.render import MM_PER_INCH, red_mask, render_page

    mask = red_mask(render_page(pdf, page, DPI))
    if without is not None:
        mask = ImageChops.logical_and(mask, ImageChops.invert(red_mask(render_page(without, page, DPI)).convert("L"))
                                      .convert("1"))
    box = mask.getbbox()
    assert box is not None, f"no seal ink on page {page} of {pdf.name}"
    return ((box[0] + box[2]) / 2 * MM_PER_INCH / DPI, (box[1] + box[3]) / 2 * MM_PER_INCH / DPI)


def pdfsig_verdicts(path: Path) -> list[str]:
    import re
    import subprocess

    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=120)
    return re.findall(r"Signature Validation: (.*)", proc.stdout)


def print_copies_to_pdf(qtbot, win, out: Path, artifacts: Path, language: str, copies: int):
    """Ctrl+P after the stamp: the print dialog; the PDF file chosen with the keys, the password typed, Print."""
    from ui.print_dialog import TO_PDF

    qtbot.keyClick(win, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "print_dialog", None) is not None and win.print_dialog.isVisible(),
                    timeout=10000)
    dialog = win.print_dialog
    qtbot.waitExposed(dialog)
    dialog.ask_pdf_path = lambda: out  # the file dialog's answer
    qtbot.mouseClick(dialog.printer_box, Qt.LeftButton)
    qtbot.keyClick(dialog.printer_box, Qt.Key_Escape)  # the list opened and closed; the box keeps the focus
    qtbot.keyClick(dialog.printer_box, Qt.Key_End)  # "PDF file…", the last one
    assert dialog.printer_box.currentData() == TO_PDF
    assert dialog.copies.value() == copies  # what is left of the approval
    qtbot.mouseClick(dialog.password_edit, Qt.LeftButton)
    qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["custodian"])
    shoot(dialog, artifacts, language, "6-print-dialog")
    if language == "zh_CN":
        leftovers = english_leftovers(dialog, allow={"custodian", "contract", "expenses", "rotated"})
        assert not leftovers, leftovers
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or hasattr(dialog, "last_error"), timeout=60000)
    assert dialog.result is not None, dialog.status.text()
    assert dialog.result.printed == copies and dialog.password_edit.text() == ""
    shoot(dialog, artifacts, language, "6-print-dialog-done")
    return dialog.result


def check_copy_marks(out: Path, result, pages: int) -> None:
    """Every page of every copy carries its QR copy mark, which names the copy's serial."""
    from support.printing import read_qr_codes

    codes = read_qr_codes(out)
    assert len(codes) == pages * result.printed and all(codes), codes
    serials = [copy.serial for copy in result.copies]
    assert len(set(serials)) == result.printed
    for n, serial in enumerate(serials):
        assert all(serial in code for code in codes[n * pages:(n + 1) * pages]), (serial, codes)


def test_the_whole_day_on_the_contract(qtbot, demo_station, demo_home, tmp_path, artifacts):
    """Both seals of the contract placed in one sitting at 200 %, stamped under one PIN entry, verified, printed."""
    import json

    from support.cli import run_cli

    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    shoot(win, artifacts, "en", "1-login")
    log_in_to_the_queue(qtbot, win)
    shoot(win, artifacts, "en", "2-queue")
    screen = open_from_queue(qtbot, win, "contract.pdf")
    view, palette = screen.view, screen.palette
    assert palette.keys() == ["contract", "legal-rep"] and palette.chosen == "contract"  # the due one chosen
    assert view.page_count == 2 and view.current_page == 2
    wait_checks_passed(qtbot, win, 1)

    zoom_to_200_with_keys(qtbot, win)
    # The contract seal dragged from the palette near 甲方（盖章）, then taken with the mouse onto the word.
    scroll_to(view, 2, 42.0, 58.0, margin=200)
    drop_from_palette(view, palette, "contract", view.map_to_viewport(2, 48.0, 64.0))
    assert view.placements()["contract"][0] == 2
    moves = []
    view.placementChanged.connect(lambda *args: moves.append(args))
    drag_seal(qtbot, view, "contract", (41.0, 57.0))
    assert len(moves) >= 10, "the readout follows the mouse during the drag"
    page, x, y = view.placements()["contract"]
    assert (page, x, y) == pytest.approx((2, 41.0, 57.0), abs=0.2)
    nudge(qtbot, view, Qt.Key_Right, times=2)  # 0.5 mm a press
    nudge(qtbot, view, Qt.Key_Down, fine=True, times=3)  # 0.1 mm with Ctrl
    assert view.placements()["contract"] == pytest.approx((2, x + 1.0, y + 0.3), abs=1e-6)
    contract_at = readout(screen)
    assert contract_at == pytest.approx(view.placements()["contract"], abs=0.005)
    assert (screen.x_spin.value(), screen.y_spin.value()) == pytest.approx(contract_at[1:], abs=0.005)
    (x0, x1), (y0, y1) = GAIZHANG
    assert x0 <= contract_at[1] <= x1 and y0 <= contract_at[2] <= y1, contract_at  # on 盖章

    # The legal representative's seal: chosen in the palette with a click, dragged beside it.
    qtbot.mouseClick(palette._list.viewport(), Qt.LeftButton, pos=palette.item_rect("legal-rep").center())
    assert screen.active_seal() == "legal-rep" and view.active_seal == "legal-rep"
    drop_from_palette(view, palette, "legal-rep", view.map_to_viewport(2, 76.0, 59.0))
    drag_seal(qtbot, view, "legal-rep", (75.0, 58.0))
    nudge(qtbot, view, Qt.Key_Left, fine=True, times=2)
    legal_at = readout(screen)
    assert legal_at == pytest.approx(view.placements()["legal-rep"], abs=0.005)
    assert legal_at == pytest.approx((2, 74.8, 58.0), abs=0.3)
    type_output(qtbot, screen, tmp_path / "contract-stamped.pdf")
    wait_checks_passed(qtbot, win, 2)
    assert not unnamed_controls(win), unnamed_controls(win)
    look_at(qtbot, view, 2, 58.0, 58.0)
    shoot(win, artifacts, "en", "3-placement-200")

    unlock_and_stamp(qtbot, win, artifacts, "en")
    qtbot.waitUntil(lambda: view.page_count == 2, timeout=20000)  # the stamped output in the preview
    look_at(qtbot, view, 2, 58.0, 58.0)
    shoot(win, artifacts, "en", "5-result")
    final = tmp_path / "contract-stamped.pdf"
    first = tmp_path / "contract-stamped-contract.pdf"  # the contract seal alone, the legal-rep's went on it
    assert Path(screen.output_path.text()) == final and first.exists()
    assert screen.result_label.text().count("VALID") == 2 and "NOT VALID" not in screen.result_label.text()

    # Judged from outside the window: the station's own verify, as a process, and poppler.
    proc = run_cli("verify", str(final), "--json", home=demo_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["valid"] and len(report["signatures"]) == 2
    assert pdfsig_verdicts(final) == ["Signature is Valid."] * 2
    # The ink where the readout said.
    assert ink_mm(first, 2) == pytest.approx(contract_at[1:], abs=0.5)
    assert ink_mm(final, 2, without=first) == pytest.approx(legal_at[1:], abs=0.5)

    result = print_copies_to_pdf(qtbot, win, tmp_path / "copies.pdf", artifacts, "en", copies=2)
    check_copy_marks(tmp_path / "copies.pdf", result, pages=2)


def test_the_day_on_the_rotated_page_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    """The demo's /Rotate 90 page in the Chinese window: the seal dragged and nudged at 200 %, the ink where the
    readout said; every screen of the day photographed in Chinese."""
    with chinese():
        win = window_for(qtbot, demo_station, demo_home, tmp_path, "zh_CN")
        shoot(win, artifacts, "zh_CN", "1-login")
        log_in_to_the_queue(qtbot, win)
        shoot(win, artifacts, "zh_CN", "2-queue")
        screen = open_from_queue(qtbot, win, "expenses-rotated.pdf")
        view = screen.view
        assert screen.palette.keys() == ["finance"]
        w, h = view.page_size_mm(1)
        assert w > h  # the portrait page turned by /Rotate 90 shows landscape
        wait_checks_passed(qtbot, win, 1)
        zoom_to_200_with_keys(qtbot, win)
        target = (round(w / 2), round(h / 2) + 20)
        drag_seal(qtbot, view, "finance", target)
        nudge(qtbot, view, Qt.Key_Up, times=3)
        nudge(qtbot, view, Qt.Key_Left, fine=True)
        at = readout(screen)
        assert at == pytest.approx(view.placements()["finance"], abs=0.005)
        assert at == pytest.approx((1, target[0] - 0.1, target[1] - 1.5), abs=0.3)
        type_output(qtbot, screen, tmp_path / "expenses-stamped.pdf")
        wait_checks_passed(qtbot, win, 1)
        look_at(qtbot, view, 1, *at[1:])
        shoot(win, artifacts, "zh_CN", "3-placement-200")
        leftovers = english_leftovers(screen, allow={"expenses", "rotated"}, visible_only=True)
        assert not leftovers, leftovers

        unlock_and_stamp(qtbot, win, artifacts, "zh_CN")
        qtbot.waitUntil(lambda: view.page_count == 1 and screen.document.name == "expenses-stamped.pdf",
                        timeout=20000)
        look_at(qtbot, view, 1, *at[1:])
        shoot(win, artifacts, "zh_CN", "5-result")
        out = tmp_path / "expenses-stamped.pdf"
        assert demo_station.audit().verify(out).valid
        assert pdfsig_verdicts(out) == ["Signature is Valid."]
        assert ink_mm(out, 1) == pytest.approx(at[1:], abs=0.5)
        leftovers = english_leftovers(screen, allow={"expenses", "rotated"}, visible_only=True)
        assert not leftovers, leftovers

        result = print_copies_to_pdf(qtbot, win, tmp_path / "copies.pdf", artifacts, "zh_CN", copies=1)
        check_copy_marks(tmp_path / "copies.pdf", result, pages=1)
