"""The window's USB key watch: polled off the GUI thread, one ask at a time, ``changed`` only on change."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from sealstation.token import watch
from sealstation.token.watch import TokenStatus, UsbWatch
from support.usb_fakes import FakeBus, pulled_out, token_dir
from ui.token_watch import TokenWatch, describe

ROOT = Path(__file__).resolve().parents[2]


def test_pulled_and_put_back_is_seen_and_said(qtbot, station, seal_token, monkeypatch):
    monkeypatch.setattr(seal_token.session, "rescan_interval_s", 0)
    station.usb_watch = UsbWatch(FakeBus())
    tw = TokenWatch(station, interval_ms=20)
    with qtbot.waitSignal(tw.changed, timeout=5000) as first:
        tw.start()
    assert first.args[0].present
    text, ok = describe(first.args[0])
    assert ok and seal_token.token_label in text and first.args[0].serial in text
    try:
        with pulled_out(token_dir(seal_token.conf_path, seal_token.token_label)):
            with qtbot.waitSignal(tw.changed, timeout=5000) as gone:
                pass
            assert gone.args[0].problem == watch.ABSENT
            assert describe(gone.args[0]) == ("USB key: not plugged in", False)
        with qtbot.waitSignal(tw.changed, timeout=5000) as back:
            pass
        assert back.args[0].present and describe(back.args[0])[1]
    finally:
        tw.stop()
        tw.deleteLater()


class SlowStation:
    """token_status() blocks until released, and counts how many asks run at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.running = self.most = self.calls = 0
        self.lock = threading.Lock()
        self.status = TokenStatus(True, "印章 Key", "0001")

    def token_status(self) -> TokenStatus:
        with self.lock:
            self.running += 1
            self.calls += 1
            self.most = max(self.most, self.running)
        self.release.wait(5)
        with self.lock:
            self.running -= 1
        return self.status


def test_never_two_asks_at_once_and_changed_only_on_change(qtbot):
    station = SlowStation()
    tw = TokenWatch(station, interval_ms=5)
    seen = []
    tw.changed.connect(seen.append)
    tw.start()
    qtbot.wait(60)  # a dozen ticks while the first ask is still running
    assert station.calls == 1 and station.most == 1
    station.release.set()
    qtbot.waitUntil(lambda: station.calls >= 4, timeout=5000)
    tw.stop()
    qtbot.waitUntil(lambda: station.running == 0, timeout=5000)
    assert station.most == 1
    assert seen == [station.status]  # the same status again and again: said once


def test_a_failed_ask_is_a_status_not_a_crash(qtbot):
    class Broken:
        def token_status(self):
            raise RuntimeError("station closed")

    tw = TokenWatch(Broken(), interval_ms=1000)
    with qtbot.waitSignal(tw.changed, timeout=5000) as failed:
        tw.start()
    tw.stop()
    assert failed.args[0].problem == watch.TOKEN_ERROR and describe(failed.args[0])[1] is False
    assert "station closed" in describe(failed.args[0])[0]


def test_every_problem_has_words_in_english_and_chinese(qtbot, tmp_path):
    statuses = [
        TokenStatus(True, "Seal Key", "42", final_try=True),
        TokenStatus(True, "Seal Key", "42", locked=True, problem=watch.LOCKED),
        TokenStatus(False, problem=watch.NOT_SEEN, usb_watched=True, facts=(
            ("vendor", "Watchdata (握奇)"), ("product", "USB Key"), ("usb_id", "163c:0417"), ("serves", ""),
            ("module", "/usr/lib/softhsm/libsofthsm2.so"))),
        TokenStatus(False, problem=watch.SEVERAL),
        TokenStatus(False, problem=watch.MODULE, facts=(("module", "/opt/missing.so"),)),
        TokenStatus(False, problem=watch.TOKEN_ERROR, facts=(("reason", "CKR_DEVICE_ERROR"),)),
        TokenStatus(False, problem=watch.ABSENT, usb_watched=False, usb_problem=watch.NO_PYUSB),
    ]
    english = [describe(s) for s in statuses]
    assert all(not ok for _, ok in english[1:]) and english[0][1]
    assert "Watchdata (握奇) USB Key" in english[2][0] and "163c:0417" in english[2][0]
    assert "libsofthsm2.so" in english[2][0] and "the maker's own driver" in english[2][0]
    assert "USB bus not watched" in english[6][0]

    qm = tmp_path / "token_watch.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ROOT / "resources/i18n/zh_CN/token_watch.ts"), "-qm", str(qm)],
                   check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        chinese = [describe(s)[0] for s in statuses]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert all(text.startswith("USB Key：") for text in chinese), chinese
    assert "厂商自带的驱动" in chinese[2] and "163c:0417" in chinese[2]
