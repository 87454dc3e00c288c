"""The USB key in the window: the status strip says it is there; pulled out while the PIN dialog waits, the dialog
goes, the strip and the window say so; put back, the custodian goes on with no restart."""

from __future__ import annotations

from shiboken6 import isValid

from sealstation.token.watch import UsbWatch
from support.pdfs import make_pdf
from support.station_fixtures import approve
from support.usb_fakes import FakeBus, pulled_out, token_dir
from support.window import log_in, open_and_check, window_settings
from ui.main_window import MainWindow


def test_the_key_pulled_while_the_pin_is_asked_and_put_back(qtbot, station, seal_token, tmp_path, monkeypatch,
                                                             artifacts):
    monkeypatch.setattr(seal_token.session, "rescan_interval_s", 0)
    station.usb_watch = UsbWatch(FakeBus())
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    win.token_watch._timer.setInterval(50)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    token = win.status_strip.token_label
    assert "not checked yet" in token.text()  # watched only while someone is logged in
    log_in(qtbot, win)
    qtbot.waitUntil(lambda: seal_token.token_label in token.text() and token.property("state") == "ok", timeout=10000)

    src = make_pdf(tmp_path / "doc.pdf")
    approve(station, src, ["official"])
    open_and_check(qtbot, win, src)
    screen = win.document_screen
    screen.output_edit.setText(str(tmp_path / "out.pdf"))
    screen.schedule_preflight()
    qtbot.waitUntil(screen.stamp_button.isEnabled, timeout=20000)
    screen.stamp_button.click()
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    try:
        with pulled_out(token_dir(seal_token.conf_path, seal_token.token_label)):
            qtbot.waitUntil(lambda: token.text() == "USB key: not plugged in", timeout=10000)
            assert token.property("state") == "bad"
            qtbot.waitUntil(lambda: not (isValid(dialog) and dialog.isVisible()), timeout=10000)  # no PIN for a key that is not there
            assert "pulled out" in win.message_label.text()
            assert not (tmp_path / "out.pdf").exists()
            win.grab().save(str(artifacts / "ui-window-key-pulled.png"))
        qtbot.waitUntil(lambda: seal_token.token_label in token.text() and token.property("state") == "ok",
                        timeout=10000)
        assert "plugged in again" in win.message_label.text()
    finally:
        win.token_watch.stop()
    assert win.login is not None  # the custodian goes on, no restart, no new login
