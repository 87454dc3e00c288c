"""The approver (审批人) at the window, on the demo station, driven as a person would: the requests waiting for them,
one opened in the custodian's preview with its SHA-256 and what it asks for; approved with their own password (signed
with their key) and then stamped by the custodian; a seal beyond their level not offered (and refused by the core all
the same); refused with a reason; 加印 and 重印 from the stamped documents. A custodian has no approver's view.
Screenshots of each screen and dialog, in English and Chinese, go to the run's artifacts folder.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sealstation.approval.requests import RequestState
from sealstation.errors import ApprovalError
from sealstation.journal.journal import JournalKind
from support.i18n_check import chinese, english_leftovers
from support.window import type_login
from test_custodian_day import (ITEM_ROLE, type_output, unlock_and_stamp, unnamed_controls, wait_checks_passed,
                                window_for)

VIEW = "approvalQueueAction"
ALLOW = {"SealStation", "Demo", "SHA-256", "PDF", "gm", "dept", "cfo", "custodian", "contract", "official",
         "legal-rep", "finance", "notice.pdf", "contract.pdf"}


def shoot(widget, artifacts: Path, language: str, step: str) -> None:
    widget.grab().save(str(artifacts / f"approver-{language}-{step}.png"))


def log_in_as(qtbot, win, user: str):
    """Log in with keys; an approver lands on their requests, read and shown."""
    type_login(qtbot, win, user, win.credentials["users"][user])
    qtbot.waitUntil(lambda: win.login is not None, timeout=10000)
    if user == "custodian":
        return None
    qtbot.waitUntil(lambda: VIEW in win.views, timeout=10000)
    screen = win.views[VIEW]
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: not win.tasks.busy and screen._generation and screen.status.text()
                    and "Reading" not in screen.status.text() and "正在" not in screen.status.text(), timeout=10000)
    return screen


def click_row(qtbot, tree, request_id: str):
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item.toolTip(0) == request_id:
            rect = tree.visualItemRect(item)
            qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
            return item
    raise AssertionError(f"{request_id} is not listed")


def waiting_id(station) -> str:
    [request] = station.requests.list(RequestState.RECEIVED)
    return request.id


def open_waiting(qtbot, screen, request_id: str) -> None:
    click_row(qtbot, screen.waiting_list, request_id)
    assert screen.chosen is not None and screen.chosen.request.id == request_id
    qtbot.waitUntil(lambda: screen.view.page_count > 0 and screen.view.page_image_ready(1), timeout=20000)
    qtbot.waitUntil(lambda: "\n" in screen.hash_label.text(), timeout=10000)


def approve_in_dialog(qtbot, screen, secret: str, artifacts: Path, language: str):
    qtbot.mouseClick(screen.approve_button, Qt.LeftButton)
    dialog = screen.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.password_edit.hasFocus, timeout=5000)  # the keys go to the password at once
    assert not unnamed_controls(dialog), unnamed_controls(dialog)
    qtbot.keyClicks(dialog.password_edit, secret)
    shoot(dialog, artifacts, language, "2-approve-dialog")
    if language == "zh_CN":
        assert not english_leftovers(dialog, allow=ALLOW), english_leftovers(dialog, allow=ALLOW)
    with qtbot.waitSignal(dialog.approved, timeout=30000):
        qtbot.keyClick(dialog.password_edit, Qt.Key_Return)
    assert dialog.password_edit.text() == ""


def test_the_approver_approves_in_the_window_and_the_custodian_stamps_it(qtbot, demo_station, demo_home, tmp_path,
                                                                         artifacts):
    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    screen = log_in_as(qtbot, win, "gm")
    request_id = waiting_id(demo_station)
    assert [row.request.id for row in screen.waiting] == [request_id]
    assert screen.chosen.request.id == request_id  # the first request is shown at once
    open_waiting(qtbot, screen, request_id)
    asked = demo_station.requests.get(request_id)
    assert asked.document_sha256 in screen.hash_label.text() and "is the document asked for" in screen.hash_label.text()
    assert "notice.pdf" in screen.facts.text() and "（待审批）示例申请" in screen.facts.text()
    assert "部门经理 钱七" in screen.facts.text() and "contract" in screen.facts.text()
    assert screen.view.page_count == asked.page_count
    assert screen.approve_button.isEnabled() and not unnamed_controls(win), unnamed_controls(win)
    shoot(win, artifacts, "en", "1-requests")

    approve_in_dialog(qtbot, screen, win.credentials["users"]["gm"], artifacts, "en")
    qtbot.waitUntil(lambda: screen.waiting == () and "Approved" in screen.status.text(), timeout=10000)
    assert "No request waits for your approval" in screen.facts.text()  # an empty list says so
    approval = demo_station.requests.approval_of(request_id)
    assert approval.approver == "gm" and approval.source == "station" and approval.signature

    # The custodian, next: the request is in their queue, stamped with the contract seal.
    win.log_out()
    log_in_as(qtbot, win, "custodian")
    queue = win.queue_screen
    qtbot.waitUntil(lambda: any(i.request_id == request_id for i in queue.items), timeout=10000)
    open_request_from_queue(qtbot, win, request_id)
    type_output(qtbot, win.document_screen, tmp_path / "notice-contract.pdf")
    wait_checks_passed(qtbot, win, 1)
    (artifacts / "approver-custodian").mkdir(exist_ok=True)
    unlock_and_stamp(qtbot, win, artifacts / "approver-custodian", "en")
    assert demo_station.requests.get(request_id).state == RequestState.STAMPED
    assert "last seal locked the document: no change is allowed" in win.document_screen.result_label.text()


def open_request_from_queue(qtbot, win, request_id: str):
    queue = win.queue_screen
    proxy = queue.proxy
    for row in range(proxy.rowCount()):
        group = proxy.index(row, 0)
        for child in range(proxy.rowCount(group)):
            index = proxy.index(child, 0, group)
            if index.data(ITEM_ROLE).request_id == request_id:
                rect = queue.view.visualRect(index)
                qtbot.mouseClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
                qtbot.mouseDClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
                screen = win.document_screen
                qtbot.waitUntil(lambda: screen.covering is not None and screen.view.page_count > 0
                                and bool(screen.view.placements()), timeout=20000)
                return screen
    raise AssertionError(f"{request_id} is not in the custodian's queue")


LANGUAGES = ["en", "zh_CN"]


def in_language(language: str):
    return chinese() if language == "zh_CN" else nullcontext()


def no_english(widget, language: str) -> None:
    if language == "zh_CN":
        assert not english_leftovers(widget, allow=ALLOW), english_leftovers(widget, allow=ALLOW)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_seal_beyond_the_level_is_not_offered_and_the_core_refuses_it(qtbot, demo_station, demo_home, tmp_path,
                                                                        artifacts, language):
    with in_language(language):
        win = window_for(qtbot, demo_station, demo_home, tmp_path, language)
        screen = log_in_as(qtbot, win, "cfo")  # finance director: the contract seal needs the general manager
        request_id = waiting_id(demo_station)
        open_waiting(qtbot, screen, request_id)
        assert not screen.approve_button.isEnabled() and screen.refuse_button.isEnabled()
        words = {"en": ("Beyond your authority", "general manager"), "zh_CN": ("超出您的审批权限", "总经理")}[language]
        assert all(w in screen.authority.text() for w in words) and "示例科技有限公司合同专用章" in screen.authority.text()
        screen.open_approve()  # as a stray shortcut would: nothing opens
        assert screen.dialog is None
        no_english(screen, language)
        shoot(win, artifacts, language, "3-beyond-authority")
    failures = demo_station.users.get("cfo").failed_logins
    with pytest.raises(ApprovalError) as refused:
        demo_station.approving().approve_request(request_id, approver="cfo", password=win.credentials["users"]["cfo"],
                                                 seals=["contract"], copies=1, purpose="x")
    assert refused.value.code == "approver_lacks_authority"
    assert demo_station.users.get("cfo").failed_logins == failures
    assert demo_station.requests.get(request_id).state == RequestState.RECEIVED


@pytest.mark.parametrize("language", LANGUAGES)
def test_refuse_or_send_back_with_a_reason(qtbot, demo_station, demo_home, tmp_path, artifacts, language):
    with in_language(language):
        win = window_for(qtbot, demo_station, demo_home, tmp_path, language)
        screen = log_in_as(qtbot, win, "gm")
        request_id = waiting_id(demo_station)
        open_waiting(qtbot, screen, request_id)
        no_english(screen, language)
        if language == "zh_CN":
            shoot(win, artifacts, language, "1-requests")
        qtbot.mouseClick(screen.refuse_button, Qt.LeftButton)
        dialog = screen.dialog
        qtbot.waitExposed(dialog)
        send_back = language == "en"  # one way in each language
        if send_back:
            qtbot.mouseClick(dialog.send_back_radio, Qt.LeftButton)
        dialog.reason_edit.setFocus()
        dialog.reason_edit.insertPlainText("用途与附件不符")  # as an input method commits it
        qtbot.keyClick(dialog.reason_edit, Qt.Key_Tab)
        qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["gm"])
        no_english(dialog, language)
        shoot(dialog, artifacts, language, "4-refuse-dialog")
        with qtbot.waitSignal(dialog.decided, timeout=20000):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: screen.waiting == (), timeout=10000)
    kind = JournalKind.REQUEST_RETURNED if send_back else JournalKind.APPROVAL_REFUSED
    assert demo_station.requests.get(request_id).state == (RequestState.RETURNED if send_back else RequestState.REFUSED)
    entry = list(demo_station.journal.entries(kinds=(kind,)))[-1]
    assert (entry.actor, entry.data["request"], entry.data["reason"]) == ("gm", request_id, "用途与附件不符")


def test_approve_in_chinese_for_fewer_days_after_a_wrong_password(qtbot, demo_station, demo_home, tmp_path,
                                                                  artifacts):
    with chinese():
        win = window_for(qtbot, demo_station, demo_home, tmp_path, "zh_CN")
        screen = log_in_as(qtbot, win, "gm")
        request_id = waiting_id(demo_station)
        open_waiting(qtbot, screen, request_id)
        qtbot.mouseClick(screen.approve_button, Qt.LeftButton)
        dialog = screen.dialog
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(dialog.password_edit.hasFocus, timeout=5000)
        days = demo_station.policy.approval_days
        dialog.valid_days.setValue(days - 1)
        qtbot.keyClicks(dialog.password_edit, "wrong password")
        qtbot.keyClick(dialog.password_edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: "未审批" in dialog.message.text(), timeout=20000)
        assert dialog.isVisible() and dialog.password_edit.text() == "" and dialog.valid_days.value() == days - 1
        assert not english_leftovers(dialog, allow=ALLOW), english_leftovers(dialog, allow=ALLOW)
        shoot(dialog, artifacts, "zh_CN", "2-approve-dialog-refused")
        qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["gm"])
        shoot(dialog, artifacts, "zh_CN", "2-approve-dialog")
        with qtbot.waitSignal(dialog.approved, timeout=30000):
            qtbot.keyClick(dialog.password_edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: screen.waiting == (), timeout=10000)
        assert not english_leftovers(screen, allow=ALLOW), english_leftovers(screen, allow=ALLOW)
        shoot(win, artifacts, "zh_CN", "2-approved")
    assert '"valid_until"' in demo_station.requests.approval_of(request_id).signed_payload


@pytest.mark.parametrize("language", LANGUAGES)
def test_extra_copies_and_a_reprint_from_the_history(qtbot, demo_station, demo_home, tmp_path, artifacts, language):
    import hashlib

    from support.pdfs import make_pdf

    with in_language(language):
        win = window_for(qtbot, demo_station, demo_home, tmp_path, language)
        screen = log_in_as(qtbot, win, "gm")
        assert screen.history == ()
        stamped = stamp_notice_official(demo_station, demo_home, tmp_path)  # by the custodian, meanwhile
        win.activateWindow()  # offscreen gives no window the keys by itself; a shortcut needs an active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
        qtbot.keyClick(screen.waiting_list, Qt.Key_F5)  # read again
        qtbot.waitUntil(lambda: any(h.request.id == stamped for h in screen.history), timeout=10000)
        secret = win.credentials["users"]["gm"]
        qtbot.mouseClick(screen.tabs.tabBar(), Qt.LeftButton, pos=screen.tabs.tabBar().tabRect(1).center())
        click_row(qtbot, screen.history_list, stamped)
        qtbot.waitUntil(lambda: screen.view.page_count > 0 and screen.view.page_image_ready(1)
                        and "SHA-256" in screen.hash_label.text(), timeout=20000)
        assert screen.extra_button.isVisible() and not screen.approve_button.isVisible()
        no_english(screen, language)
        shoot(win, artifacts, language, "5-history")

        qtbot.mouseClick(screen.extra_button, Qt.LeftButton)
        dialog = screen.dialog
        qtbot.waitExposed(dialog)
        assert dialog.approver_edit.text() == "gm" and dialog.approver_edit.isReadOnly()
        qtbot.keyClicks(dialog.password_edit, secret)
        dialog.copies.setValue(3)
        dialog.reason_edit.insert("补发三份")  # as an input method commits it (QTest types Latin keys only)
        no_english(dialog, language)
        shoot(dialog, artifacts, language, "6-extra-copies")
        with qtbot.waitSignal(dialog.allowed, timeout=30000):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: any(h.request.id == stamped and h.copies_approved == 23 for h in screen.history),
                        timeout=10000)
        assert screen.chosen.request.id == stamped and "23" in screen.facts.text()  # the row read again

        corrected = make_pdf(tmp_path / "notice-v2.pdf", text="corrected notice")
        sha = hashlib.sha256(corrected.read_bytes()).hexdigest()
        screen._choose_file = lambda _title, _start: str(corrected)  # what the file dialog would return
        qtbot.mouseClick(screen.reprint_button, Qt.LeftButton)
        dialog = screen.dialog
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: sha in dialog.about.text(), timeout=10000)
        qtbot.keyClicks(dialog.password_edit, secret)
        no_english(dialog, language)
        shoot(dialog, artifacts, language, "7-reprint")
        with qtbot.waitSignal(dialog.approved, timeout=30000) as signal:
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    reprint = signal.args[0].request
    assert reprint.supersedes == stamped and reprint.state == RequestState.APPROVED
    assert reprint.document_sha256 == sha


def stamp_notice_official(station, home, tmp_path) -> str:
    """The demo's approved notice stamped with the official seal, as the custodian does (the core's calls)."""
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.station_fixtures import demo_credentials

    creds = demo_credentials(home)
    notice = station.home.documents_dir / "notice.pdf"
    [request] = [r for r in station.requests.list(RequestState.APPROVED) if r.seals == ("official",)]
    plan = station.stamping().plan_stamp(StampRequestSpec(notice, "official", Placement(1, (165.0, 92.0)),
                                               tmp_path / "notice-stamped.pdf"))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=creds["users"]["custodian"],
                                   request_id=request.id)
    station.stamping().stamp(auth, tmp_path / "notice-stamped.pdf", pin=creds["token_pin"])
    return request.id


def test_a_custodian_has_no_approvers_view(qtbot, demo_station, demo_home, tmp_path):
    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    log_in_as(qtbot, win, "custodian")
    assert not win.role_actions[VIEW].isVisible()
    assert win.open_view(VIEW) is None and VIEW not in win.views
    from sealstation.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        demo_station.approving().waiting_requests("custodian")


def test_the_approvers_screen_follows_a_language_switch(qtbot, demo_station, demo_home, tmp_path, monkeypatch):
    from support.i18n_check import compiled_catalogue
    from support.window import window_settings
    from ui import i18n

    monkeypatch.setattr(i18n, "settings", lambda: window_settings(tmp_path))
    monkeypatch.setattr(i18n, "catalogue_path", lambda language=i18n.DEFAULT_LANGUAGE: compiled_catalogue())
    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    screen = log_in_as(qtbot, win, "cfo")
    open_waiting(qtbot, screen, waiting_id(demo_station))
    try:
        win.set_language("zh_CN")
        qtbot.waitUntil(lambda: "超出您的审批权限" in screen.authority.text(), timeout=5000)  # LanguageChange is posted
        assert "等待您审批的申请" in screen.status.text()
        assert "本机上的文件即为申请用印的文件" in screen.hash_label.text()
        assert screen.waiting_list.headerItem().text(0) == "文件"
        no_english(screen, "zh_CN")
    finally:
        i18n.install(QApplication.instance(), "en")  # the rest of the suite reads English
    qtbot.waitUntil(lambda: "Beyond your authority" in screen.authority.text(), timeout=5000)
