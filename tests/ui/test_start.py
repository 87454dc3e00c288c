"""Starting the window: the first screen at once, the station opened behind it; a wrong journal passphrase
asks again (the program used to exit)."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sealstation.config import StationHome
from sealstation.journal.keystore import keyring_key, passphrase_key
from sealstation.journal.store import StationDB
from support.station_fixtures import forget_checkpoints
from support.window import log_in

PASSPHRASE = "office journal passphrase 2026"  # QTest types ASCII only


@pytest.fixture
def passphrase_home(tmp_path, station_template, seal_token, pinned):
    """The test station, its journal re-keyed from the keyring to the office's passphrase."""
    root = tmp_path / "pp-home"
    shutil.copytree(station_template, root)
    forget_checkpoints(seal_token)
    home = StationHome(root)
    config = home.load_config()
    db = StationDB.open(home.db_path, keyring_key(config.station_id, create=False))
    key = passphrase_key(PASSPHRASE, home.journal_salt_path, create=True)
    db.conn.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
    db.close()
    home.save_config(replace(config, journal_key_source="passphrase"))
    return root


@pytest.fixture
def starter(qtbot, passphrase_home, tmp_path, monkeypatch):
    from ui import app as app_module

    from support.window import window_settings

    monkeypatch.setattr("ui.i18n.settings", lambda: window_settings(tmp_path))
    start = app_module._Starter(QApplication.instance(), passphrase_home)
    start.quit = lambda code: None
    said = []
    start.show_fatal = said.append
    start.said = said
    yield start
    start.tasks.wait()
    if start.window is not None:
        start.window.confirm_quit = lambda: True
        start.window.close()
    if start.station is not None:
        start.station.close()


def test_a_wrong_journal_passphrase_asks_again(qtbot, starter, artifacts):
    starter.start()
    dialog = starter.dialog
    qtbot.waitExposed(dialog)
    assert starter.window is None  # the passphrase prompt is the first screen
    qtbot.keyClicks(dialog.edit, "mistyped")
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert dialog.edit.text() == ""  # handed over, not kept
    qtbot.waitUntil(lambda: "does not open this station's journal" in dialog.problem.text(), timeout=30000)
    assert dialog.isVisible() and dialog.edit.isEnabled() and not starter.said
    dialog.grab().save(str(artifacts / "ui-shell-passphrase-again.png"))
    qtbot.keyClicks(dialog.edit, PASSPHRASE)
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: starter.window is not None and starter.window.station is not None, timeout=30000)
    assert not starter.said and not dialog.isVisible()
    log_in(qtbot, starter.window)
    assert starter.window.stack.currentWidget() is starter.window.queue_screen


@pytest.mark.parametrize("argv, expected", [
    ([], (True, None)), (["--home", "/x"], (True, "/x")), (["--home=/x"], (True, "/x")),
    (["stamp", "a.pdf"], (False, None)), (["--home", "/x", "verify", "a.pdf"], (False, None)),
])
def test_the_window_starts_without_the_command_line_parser(argv, expected):
    from ui.__main__ import _window_only

    assert _window_only(argv) == expected


def test_an_unpinned_authority_is_said_in_the_windows_language(qtbot, starter, tmp_path, monkeypatch):
    """The warning of a station whose office authority is not pinned was the core's English sentence inside the
    Chinese window: it is worded by the window, with the path and the command as data."""
    from sealstation.anchor import PIN_ENV
    from support.i18n_check import chinese, english_words

    monkeypatch.delenv(PIN_ENV, raising=False)
    monkeypatch.setattr("sealstation.anchor.PIN_PATH", tmp_path / "no-pin" / "office-ca.pem")
    with chinese():
        starter.start()
        qtbot.waitExposed(starter.dialog)
        qtbot.keyClicks(starter.dialog.edit, PASSPHRASE)
        qtbot.keyClick(starter.dialog.edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: starter.window is not None and "固定" in starter.window.message_label.text(),
                        timeout=30000)
        said = starter.window.message_label.text()
        assert str(tmp_path / "no-pin" / "office-ca.pem") in said
        assert english_words(said, {"sudo", "sealstation", "station", "pin", "authority", "ca", "root"}) == [], said
