"""The approver ticks "a blank form, to be filled in after it is stamped" (表格类文书) in the approve dialog: the
flag is signed with the approval, so the request's last seal locks the form for form filling only (issue 19).
Screenshots of the dialog in English and Chinese go to the run's artifacts folder."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from support.i18n_check import english_leftovers
from test_approver_window import ALLOW, LANGUAGES, in_language, log_in_as, open_waiting, shoot, waiting_id
from test_custodian_day import unnamed_controls, window_for


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_blank_form_is_approved_as_fillable(qtbot, demo_station, demo_home, tmp_path, artifacts, language):
    with in_language(language):
        win = window_for(qtbot, demo_station, demo_home, tmp_path, language)
        screen = log_in_as(qtbot, win, "gm")
        request_id = waiting_id(demo_station)
        open_waiting(qtbot, screen, request_id)
        qtbot.mouseClick(screen.approve_button, Qt.LeftButton)
        dialog = screen.dialog
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(dialog.password_edit.hasFocus, timeout=5000)
        box = dialog.fillable
        assert box.isVisible() and not box.isChecked()  # no change at all, unless the approver says otherwise
        qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box's indicator
        assert box.isChecked()
        assert not unnamed_controls(dialog), unnamed_controls(dialog)
        if language == "zh_CN":
            assert "表格" in box.text() and "填写" in box.text()
            assert not english_leftovers(dialog, allow=ALLOW), english_leftovers(dialog, allow=ALLOW)
        else:
            assert "blank form" in box.text()
        qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["gm"])
        shoot(dialog, artifacts, language, "2-approve-dialog-fillable")
        with qtbot.waitSignal(dialog.approved, timeout=30000):
            qtbot.keyClick(dialog.password_edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: screen.waiting == (), timeout=10000)
    payload = json.loads(demo_station.requests.approval_of(request_id).signed_payload)
    assert payload["fillable"] is True
