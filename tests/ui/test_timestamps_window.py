"""Issue 19 in the window: a stamp made while the office's timestamp authority is down says so in the person's
words, and the next stamp that reaches the authority adds the owed timestamp; the policy view names the authority
and the CRL. A real timestamp authority on loopback (Certomancer, tests/support/office_tsa.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from sealstation.pdf.timestamps import forget_cached_crls
from support.i18n_check import chinese
from support.office_tsa import start_office_tsa
from support.station_fixtures import demo_credentials
from support.window import type_login, wait_idle, window_settings
from ui.main_window import MainWindow
from ui.queue_screen import ITEM_ROLE


@pytest.fixture(scope="module")
def office_tsa(tmp_path_factory):
    tsa = start_office_tsa(tmp_path_factory.mktemp("office-tsa"))
    yield tsa
    tsa.stop()


def office_time_policy(station, home, office_tsa) -> None:
    from sealstation.seals.crl import authority_crl

    forget_cached_crls()
    creds = demo_credentials(home)
    authority = station.open_authority(creds["seal_authority_passphrase"])
    office_tsa.crl = authority_crl(authority, now=station.now())
    policy = replace(station.policy, timestamp_url=office_tsa.tsa_url, crl_url=office_tsa.crl_url,
                     timestamp_roots=(office_tsa.tsa_root_pem(),))
    station.setup().sign_policy(policy, by="admin", password=creds["users"]["admin"], authority=authority)


def open_window(qtbot, station, home, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(home)
    return win


def open_document(qtbot, win, document: str):
    queue = win.queue_screen
    for row in range(queue.proxy.rowCount()):
        group = queue.proxy.index(row, 0)
        for child in range(queue.proxy.rowCount(group)):
            index = queue.proxy.index(child, 0, group)
            if index.data(ITEM_ROLE).document_name == document:
                rect = queue.view.visualRect(index)
                qtbot.mouseClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
                qtbot.mouseDClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
                screen = win.document_screen
                qtbot.waitUntil(lambda: screen.covering is not None and bool(screen.view.placements()),
                                timeout=20000)
                return screen
    raise AssertionError(f"{document} is not in the queue")


def stamp_it(qtbot, win, out) -> None:
    """The output typed, Stamp, the password and the PIN in the PIN dialog; the result."""
    screen = win.document_screen
    edit = screen.output_edit
    qtbot.mouseClick(edit, Qt.LeftButton)
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(edit, str(out))
    qtbot.keyClick(edit, Qt.Key_Tab)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: len(screen.preflights) == 1 and screen.stamp_button.isEnabled(), timeout=20000)
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["custodian"])
    qtbot.keyClick(dialog.password_edit, Qt.Key_Tab)
    qtbot.keyClicks(dialog.pin_edit, win.credentials["token_pin"])
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() and not screen.busy, timeout=60000)


def test_the_authority_down_is_said_in_chinese_and_the_next_stamp_catches_up(qtbot, demo_station, demo_home,
                                                                            tmp_path, artifacts, office_tsa):
    office_time_policy(demo_station, demo_home, office_tsa)
    with chinese():
        win = open_window(qtbot, demo_station, demo_home, tmp_path)
        qtbot.waitUntil(win.login_screen.user_edit.hasFocus, timeout=5000)
        with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
            type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
        screen = open_document(qtbot, win, "expenses-rotated.pdf")
        office_tsa.stop()
        try:
            stamp_it(qtbot, win, tmp_path / "expenses-stamped.pdf")
        finally:
            office_tsa.start()
        forget_cached_crls()  # as a minute later: the station asks the authority again (RETRY_SECONDS)
        words = screen.result_label.text()
        assert f"单位的时间戳服务（{office_tsa.tsa_url}）在 4 秒内没有应答" in words, words
        assert "签章有效" in words and "did not answer" not in words
        # The office's server is down as a whole: its CRL could not be fetched either (said, and owed too).
        assert "无法获取或读取印章管理机构的证书吊销列表" in words
        assert not screen.owed_line.isVisible()
        win.grab().save(str(artifacts / "ui-timestamp-owed-zh_CN.png"))
        (owed,) = demo_station.stamping().owed_timestamps()
        assert owed.output == tmp_path / "expenses-stamped.pdf"

        with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
            qtbot.keyClick(win, Qt.Key_1, Qt.ControlModifier)  # Ctrl+1: the work queue
        open_document(qtbot, win, "notice.pdf")
        stamp_it(qtbot, win, tmp_path / "notice-stamped.pdf")
        assert "时间戳" not in screen.result_label.text()
        qtbot.waitUntil(lambda: screen.owed_line.isVisible(), timeout=20000)
        assert "已为 1 份" in screen.owed_line.text() and "还有 0 份待补" in screen.owed_line.text()
        win.grab().save(str(artifacts / "ui-timestamp-caught-up-zh_CN.png"))
    assert demo_station.stamping().owed_timestamps() == ()
    caught_up = demo_station.audit().verify(tmp_path / "expenses-stamped.pdf")
    assert caught_up.valid and caught_up.ltv and [s.type for s in caught_up.signatures] == ["signature", "timestamp"]
    assert demo_station.audit().verify(tmp_path / "notice-stamped.pdf").signatures[0].timestamp_time


def test_the_policy_view_names_the_timestamp_authority_and_the_crl(qtbot, demo_station, demo_home, tmp_path,
                                                                   office_tsa):
    office_time_policy(demo_station, demo_home, office_tsa)
    win = open_window(qtbot, demo_station, demo_home, tmp_path)
    qtbot.waitUntil(win.login_screen.user_edit.hasFocus, timeout=5000)
    type_login(qtbot, win, "admin", win.credentials["users"]["admin"])
    qtbot.waitUntil(lambda: "policyAction" in win.role_actions and win.role_actions["policyAction"].isVisible(),
                    timeout=10000)
    win.role_actions["policyAction"].trigger()
    screen = win.views["policyAction"]
    qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
    text = screen.fixed.text()
    assert f"timestamp authority at {office_tsa.tsa_url}" in text and f"published at {office_tsa.crl_url}" in text
