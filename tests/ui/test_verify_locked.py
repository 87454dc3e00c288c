"""The verify dialog says how the last seal locked a file, and when the lock is broken (issue 19)."""

from __future__ import annotations

from support.i18n_check import chinese, english_leftovers
from support.pdf_edits import add_annotation
from support.printing import stamped_document
from test_verify_dialog import _pages_shown
from ui.verify_dialog import VerifyDialog


def test_the_lock_is_shown_and_a_broken_one_named(qtbot, station, pin, tmp_path, artifacts):
    stamped = stamped_document(station, pin, tmp_path)
    edited = add_annotation(stamped, tmp_path / "edited.pdf")
    dialog = VerifyDialog(station)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.verify_file(stamped)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=30000)
    details = dialog.file_details.toPlainText()
    assert dialog.file_verdict.text().startswith("VALID")
    assert "Locked after the last seal (Seal-official-1): no change is allowed." in details
    assert "BROKEN" not in details
    dialog.verify_file(edited)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=30000)
    details = dialog.file_details.toPlainText()
    assert dialog.file_verdict.text().startswith("NOT VALID")
    assert "The lock is BROKEN" in details and "changed after the last seal locked it" in details
    _pages_shown(qtbot, dialog)
    dialog.grab().save(str(artifacts / "ui-verify-lock-broken-en.png"))


def test_the_lock_in_chinese(qtbot, station, pin, tmp_path, artifacts):
    stamped = stamped_document(station, pin, tmp_path)
    edited = add_annotation(stamped, tmp_path / "edited.pdf")
    with chinese():
        dialog = VerifyDialog(station)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.verify_file(edited)
        qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=30000)
        details = dialog.file_details.toPlainText()
        assert "锁定" in details and "Locked" not in details
        _pages_shown(qtbot, dialog)
        dialog.grab().save(str(artifacts / "ui-verify-lock-broken-zh_CN.png"))
