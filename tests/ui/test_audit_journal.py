"""The auditor's journal in the window, on the demo station (issue 18, "The auditor": Journal).

The auditor logs in and lands on every entry of the journal; filters by month, seal, user and kind as a person does
(the combo boxes, the keyboard); opens an entry and its request's whole story; verifies the chain and compares it
with the USB key (the PIN dialog); exports what the filter shows as CSV (its rows are the entries shown) and as a
workbook. A custodian has no such view, and the auditor's desk refuses them anyway. Screenshots in English and
Chinese go to the run's artifacts folder.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from sealstation.desks.audit import JournalFilter
from sealstation.errors import PermissionDeniedError
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import log_in, window_settings
from ui.audit_journal import AuditJournalScreen
from ui.journal_pages import ENTRY_ROLE
from ui.main_window import MainWindow


@pytest.fixture
def win(qtbot, demo_station, demo_home, tmp_path):
    window = MainWindow(demo_station, settings=window_settings(tmp_path))
    window.confirm_quit = lambda: True
    qtbot.addWidget(window)
    window.resize(1400, 820)
    window.show()
    qtbot.waitExposed(window)
    window.credentials = demo_credentials(demo_home)
    return window


def auditor_screen(qtbot, win) -> AuditJournalScreen:
    """Log in as the demo's auditor: the journal is their home view, its first page shown and counted."""
    log_in(qtbot, win, "auditor", win.credentials["users"]["auditor"])
    qtbot.waitUntil(lambda: isinstance(win.stack.currentWidget(), AuditJournalScreen), timeout=10000)
    screen = win.stack.currentWidget()
    settle(qtbot, screen)
    return screen


def settle(qtbot, screen) -> None:
    """The entries shown and counted: the count is a background read that leaves the window free (not busy)."""
    qtbot.waitUntil(lambda: screen.month_box.count() > 1 and not screen.model.loading and not screen.tasks.busy
                    and getattr(screen, "total", None) is not None, timeout=15000)


def choose(qtbot, screen, box, data) -> None:
    """Pick an item of a filter box with the keyboard, as a person does (focus, then the arrow keys)."""
    target = box.findData(data)
    assert target >= 0, data
    box.setFocus()
    while box.currentIndex() != target:
        qtbot.keyClick(box, Qt.Key_Down if box.currentIndex() < target else Qt.Key_Up)
    settle(qtbot, screen)


def shown(screen) -> list:
    return [screen.model.index(row, 0).data(ENTRY_ROLE) for row in range(screen.model.rowCount())]


def unnamed_controls(widget) -> list[str]:
    """The visible controls a screen reader would find without a name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView,
                                   QLabel, QLineEdit, QWidget)

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel, QAbstractSpinBox)
    unnamed = []
    for child in widget.findChildren(QWidget):
        if child.isVisible() and isinstance(child, kinds) and not isinstance(child.parent(), (QComboBox,)) \
                and not isinstance(child, QHeaderView) and not (isinstance(child, QLabel) and not child.text()):
            face = QAccessible.queryAccessibleInterface(child)
            if not (face and face.text(QAccessible.Name)):
                unnamed.append(child.objectName() or type(child).__name__)
    return unnamed


def test_the_auditor_reads_filters_checks_and_exports_the_journal(qtbot, win, demo_station, tmp_path, artifacts):
    screen = auditor_screen(qtbot, win)
    assert win.role_actions["auditJournalAction"].isVisible()
    everything = demo_station.audit().count("auditor", JournalFilter())
    assert screen.model.rowCount() > 0 and screen.total <= everything
    first = screen.model.index(0, 0).data(ENTRY_ROLE)
    assert screen.details.rowCount() > 5 and screen.details.item(0, 1).text() == str(first.seq)
    win.grab().save(str(artifacts / "audit-journal-en.png"))
    assert unnamed_controls(screen) == []

    # The month: all months, then the newest month again (the demo was made today: both hold every entry).
    choose(qtbot, screen, screen.month_box, None)
    assert screen.total == everything == screen.model.rowCount()
    qtbot.mouseClick(screen.newest_box, Qt.LeftButton)  # the newest first
    settle(qtbot, screen)
    assert [e.seq for e in shown(screen)] == list(range(everything, 0, -1))
    qtbot.mouseClick(screen.newest_box, Qt.LeftButton)
    settle(qtbot, screen)
    today = dt.datetime.now().astimezone()
    choose(qtbot, screen, screen.month_box, f"{today.year:04d}-{today.month:02d}")
    assert screen.total == everything

    # A kind: the requests received; a seal; a user.
    choose(qtbot, screen, screen.kind_box, "request_received")
    assert screen.total == 4 and {e.kind for e in shown(screen)} == {"request_received"}
    choose(qtbot, screen, screen.seal_box, "contract")
    assert screen.seal_box.currentText().endswith("合同专用章 (contract)")  # the seal by its name, and its id
    assert screen.total == 2 and all("contract" in e.seals for e in shown(screen))
    choose(qtbot, screen, screen.user_box, "dept")
    assert screen.total == 2 and {e.actor for e in shown(screen)} == {"dept"}
    choose(qtbot, screen, screen.kind_box, None)  # every kind of dept's, naming the contract seal

    # An entry and its request's story: received, then approved by the general manager.
    qtbot.mouseClick(screen.clear_button, Qt.LeftButton)
    settle(qtbot, screen)
    choose(qtbot, screen, screen.kind_box, "approval_granted")
    row = next(r for r, e in enumerate(shown(screen)) if e.data.get("seals") == ["contract", "legal-rep"])
    rect = screen.table.visualRect(screen.model.index(row, 3))
    qtbot.mouseClick(screen.table.viewport(), Qt.LeftButton, pos=rect.center())
    settle(qtbot, screen)
    entry = shown(screen)[row]
    assert [e.kind for e in screen.story] == ["request_received", "approval_granted"]
    assert all(e.request == entry.request for e in screen.story)
    fields = {screen.details.item(r, 0).text(): screen.details.item(r, 1).text()
              for r in range(screen.details.rowCount())}
    assert fields["Request"] == entry.request and fields["Seals"] == "contract, legal-rep"
    assert fields["Its hash"] == "matches its content" and fields["User"] == "gm"
    # The story's first entry, opened by a double-click.
    rect = screen.story_table.visualItemRect(screen.story_table.item(0, 0))
    qtbot.mouseClick(screen.story_table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.story_table.viewport(), Qt.LeftButton, pos=rect.center())
    assert screen.selected.kind == "request_received" and screen.selected.request == entry.request
    # Only this story, whatever month.
    qtbot.mouseClick(screen.story_filter_button, Qt.LeftButton)
    settle(qtbot, screen)
    assert screen.request_edit.text() == entry.request and [e.seq for e in shown(screen)] == [
        e.seq for e in screen.story]
    win.grab().save(str(artifacts / "audit-journal-story-en.png"))

    # The chain, then the USB key (password and PIN in the PIN dialog): the demo token holds no checkpoint yet.
    with qtbot.waitSignal(screen.verified, timeout=30000) as verified:
        qtbot.mouseClick(screen.verify_button, Qt.LeftButton)
    assert verified.args[0].ok and "The chain holds" in screen.check_label.text()
    qtbot.mouseClick(screen.compare_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=10000)
    dialog = screen.pin_dialog
    assert dialog.windowTitle() == "Compare with the USB key"
    qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["auditor"])
    qtbot.keyClicks(dialog.pin_edit, win.credentials["token_pin"])
    dialog.grab().save(str(artifacts / "audit-journal-pin-en.png"))
    with qtbot.waitSignal(screen.compared, timeout=30000) as compared:
        qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    assert str(compared.args[0].state.value) in ("no checkpoint", "agrees")
    assert dialog.password_edit.text() == "" and dialog.pin_edit.text() == ""

    # Export what the filter shows (the story) as CSV: its rows are the entries shown.
    out = tmp_path / "exports" / "story.csv"
    out.parent.mkdir()
    qtbot.mouseClick(screen.export_button, Qt.LeftButton)
    export = screen.export_dialog
    qtbot.waitUntil(export.isVisible)
    export.path_edit.setText(str(out))
    qtbot.keyClicks(export.password_edit, win.credentials["users"]["auditor"])
    export.grab().save(str(artifacts / "audit-journal-export-en.png"))
    with qtbot.waitSignal(export.exported, timeout=30000):
        qtbot.mouseClick(export.ok_button, Qt.LeftButton)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["seq", "at", "actor", "kind"]
    assert [(int(r[0]), r[3], r[2]) for r in rows[1:]] == [(e.seq, e.kind, e.actor or "") for e in screen.story]
    assert all(r[-1] == "yes" for r in rows[1:])
    # The export is journalled, by the auditor.
    last = demo_station.journal.last()
    assert last.kind == "export" and last.actor == "auditor" and last.data["filter"] == {"request": entry.request}

    # A month's workbook.
    qtbot.mouseClick(screen.clear_button, Qt.LeftButton)
    settle(qtbot, screen)
    book = tmp_path / "exports" / "journal.xlsx"
    qtbot.mouseClick(screen.export_button, Qt.LeftButton)
    export = screen.export_dialog
    qtbot.waitUntil(export.isVisible)
    export.format_box.setCurrentIndex(export.format_box.findData(".xlsx"))
    export.path_edit.setText(str(book))
    qtbot.keyClicks(export.password_edit, win.credentials["users"]["auditor"])
    with qtbot.waitSignal(export.exported, timeout=30000) as done:
        qtbot.keyClick(export.password_edit, Qt.Key_Return)
    from openpyxl import load_workbook

    rows = list(load_workbook(book, read_only=True).active.iter_rows(values_only=True))
    n = done.args[0]
    assert n == len(rows) - 1 == demo_station.audit().count("auditor", JournalFilter()) - 1  # then its own entry
    assert [r[0] for r in rows[1:]] == list(range(1, n + 1)) and all(r[7] == "yes" for r in rows[1:])


def test_the_journal_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    with chinese():
        window = MainWindow(demo_station, settings=window_settings(tmp_path))
        window.confirm_quit = lambda: True
        qtbot.addWidget(window)
        window.resize(1400, 820)
        window.show()
        qtbot.waitExposed(window)
        window.credentials = demo_credentials(demo_home)
        screen = auditor_screen(qtbot, window)
        row = next(r for r, e in enumerate(shown(screen)) if e.kind == "approval_granted")
        screen.table.selectRow(row)
        settle(qtbot, screen)
        with qtbot.waitSignal(screen.verified, timeout=30000):
            qtbot.mouseClick(screen.verify_button, Qt.LeftButton)
        assert "用印记录" in screen.title.text()
        window.grab().save(str(artifacts / "audit-journal-zh_CN.png"))
        allow = {e.actor for e in shown(screen) if e.actor} | {"official", "contract", "finance", "legal", "rep",
                                                                "dept", "gm", "cfo", "auditor", "station"}
        leftovers = english_leftovers(screen, allow=allow, visible_only=True)
        # The entry's own values (hashes, stored kind names, sources) are data, shown as chained.
        leftovers = [t for t in leftovers if "auditDetails" not in str(t) and "auditTable" not in str(t)]
        assert not leftovers, leftovers
        # The export dialog and the PIN dialog, in Chinese too.
        qtbot.mouseClick(screen.export_button, Qt.LeftButton)
        qtbot.waitUntil(screen.export_dialog.isVisible)
        screen.export_dialog.grab().save(str(artifacts / "audit-journal-export-zh_CN.png"))
        assert not english_leftovers(screen.export_dialog, allow=allow, visible_only=True)
        screen.export_dialog.reject()
        qtbot.mouseClick(screen.compare_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=10000)
        screen.pin_dialog.grab().save(str(artifacts / "audit-journal-pin-zh_CN.png"))
        assert not english_leftovers(screen.pin_dialog, allow=allow | {"Demo"}, visible_only=True)
        screen.pin_dialog.reject()


def stamp_print_and_void(station, credentials, out_dir):
    """The custodian stamps the demo's notice (approved for the official seal), prints two copies and voids one,
    through the core: the request's story then runs from its approval to a void."""
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from ui.qt_printing import QtPrinterBackend

    users, pin = credentials["users"], credentials["token_pin"]
    src = station.home.documents_dir / "notice.pdf"
    out = out_dir / "notice-stamped.pdf"
    spec = StampRequestSpec(src, "official", Placement(1, (150.0, 200.0)), out, "年度工作会议通知")
    stamping, printing = station.stamping(), station.printing()
    plan = stamping.plan_stamp(spec)
    stamping.stamp(stamping.authorise_stamp(plan, user="custodian", password=users["custodian"]), out, pin=pin)
    printed = printing.print(printing.plan(out, copies=2), user="custodian", password=users["custodian"],
                             sink=QtPrinterBackend().open_pdf(out_dir / "copies.pdf"))
    printing.void(printed.copies[0].serial, reason="卡纸", user="custodian", password=users["custodian"])
    return plan


def test_a_stamped_printed_and_voided_requests_whole_story(qtbot, win, demo_station, tmp_path, artifacts):
    stamp_print_and_void(demo_station, win.credentials, tmp_path)
    screen = auditor_screen(qtbot, win)
    choose(qtbot, screen, screen.kind_box, "copy_voided")
    assert screen.total == 1
    qtbot.waitUntil(lambda: len(screen.story) > 5, timeout=10000)
    kinds = [e.kind for e in screen.story]
    assert kinds[:2] == ["request_received", "approval_granted"] and kinds[-1] == "copy_voided"
    assert {"stamp_started", "stamp_done", "copy_reserved", "print_job"} <= set(kinds)
    assert kinds.index("stamp_done") < kinds.index("print_job")
    fields = {screen.details.item(r, 0).text(): screen.details.item(r, 1).text()
              for r in range(screen.details.rowCount())}
    assert fields["Reason"] == "卡纸" and fields["User"] == "custodian"
    win.grab().save(str(artifacts / "audit-journal-voided-story-en.png"))
    assert screen.status_label.text() == "One entry matches the filter."

    # The stamp left a checkpoint on the USB key: the journal agrees with it.
    qtbot.mouseClick(screen.compare_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=10000)
    qtbot.keyClicks(screen.pin_dialog.password_edit, win.credentials["users"]["auditor"])
    qtbot.keyClicks(screen.pin_dialog.pin_edit, win.credentials["token_pin"])
    with qtbot.waitSignal(screen.compared, timeout=30000) as compared:
        qtbot.mouseClick(screen.pin_dialog.ok_button, Qt.LeftButton)
    assert compared.args[0].agrees and "agrees with the checkpoint" in screen.check_label.text()


def test_a_custodian_has_no_such_view_and_the_desk_refuses(qtbot, win, demo_station):
    log_in(qtbot, win, "custodian", win.credentials["users"]["custodian"])
    assert not win.role_actions["auditJournalAction"].isVisible()
    assert win.open_view("auditJournalAction") is None
    assert not any(isinstance(w, AuditJournalScreen) for w in win.views.values())
    with pytest.raises(PermissionDeniedError) as refused:
        demo_station.audit().page("custodian", JournalFilter())
    assert refused.value.code == "role_missing"
