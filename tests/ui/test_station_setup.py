"""The office sets the station up in the window and looks after the archive, driven as a person would: a folder
archive chosen, tested, made and used; a sync and the archive's check with a finding (a record removed from the
share) and the entry it points at; the backup key made, a backup now, checked; a restore into this open station
refused in words. A custodian sees no set-up. Screenshots in English and Chinese."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sealstation.archive.config import ArchiveConfig
from support.archive import stamp_some
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import password
from support.window import log_in, unnamed, window_settings
from ui.main_window import MainWindow


@pytest.fixture
def office_window(qtbot, station, seal_token, tmp_path):
    """The window with the office (admin) logged in; the home holds the seal authority's key (the office's set-up)."""
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), station.home.ca_key_path)
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1100, 1000)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win, "admin")
    return win


def open_setup(qtbot, win):
    assert win.role_actions["stationSetupAction"].isVisible()
    win.role_actions["stationSetupAction"].trigger()
    screen = win.views["stationSetupAction"]
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.setup is not None, timeout=20000)
    return screen


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.LeftButton)


def answer(qtbot, screen, **secrets) -> None:
    """Type the secrets the step asks for into its dialog, and confirm."""
    qtbot.waitUntil(lambda: screen.secrets_dialog is not None and screen.secrets_dialog.isVisible(), timeout=10000)
    dialog = screen.secrets_dialog
    for key, text in secrets.items():
        qtbot.keyClicks(dialog.edits[key], text)
    click(qtbot, dialog.ok_button)


def wait_for(qtbot, label, text: str, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: text in label.text(), timeout=timeout)


def test_the_office_sets_up_a_folder_archive_syncs_and_sees_a_finding(qtbot, office_window, station, pin, tmp_path,
                                                                      artifacts):
    win = office_window
    stamp_some(station, pin, tmp_path, 2)  # stamped before any archive: they wait here
    screen = open_setup(qtbot, win)
    assert not unnamed(screen), unnamed(screen)
    assert "No office archive is set" in screen.archive_now.text()
    folder = tmp_path / "office-share"
    qtbot.keyClicks(screen.archive_edit, str(folder))
    click(qtbot, screen.test_button)
    wait_for(qtbot, screen.archive_result, "There is no folder")
    click(qtbot, screen.init_button)
    wait_for(qtbot, screen.archive_result, "is now an office archive")
    click(qtbot, screen.test_button)
    wait_for(qtbot, screen.archive_result, "The connection works")
    click(qtbot, screen.save_archive_button)
    answer(qtbot, screen, password=password("admin"))
    wait_for(qtbot, screen.archive_result, "Saved: this station now sends its records to")
    assert json.loads(station.home.config_path.read_text())["archive"]["location"] == str(folder)
    qtbot.waitUntil(lambda: "This station sends its records" in screen.archive_now.text(), timeout=20000)
    qtbot.waitUntil(lambda: not win.sync_tasks.busy, timeout=30000)  # the first sync, in the background
    screen.grab().save(str(artifacts / "ui-station-setup-archive.png"))

    # Office archive: what waits, sync now; a record removed from the share is found, with the entry it points at.
    station.config = station.config.with_changes(archive=ArchiveConfig(str(folder), segment_entries=5))
    stamp_some(station, pin, tmp_path, 1, "late")
    win.role_actions["archiveAction"].trigger()
    archive = win.views["archiveAction"]
    qtbot.waitUntil(lambda: "Waiting to be sent" in archive.waiting_label.text(), timeout=20000)
    click(qtbot, archive.sync_button)
    wait_for(qtbot, archive.result_label, "journal through entry")
    assert archive.last_sync.entries > 0
    qtbot.waitUntil(lambda: "Waiting to be sent: 0 journal entries" in archive.waiting_label.text(), timeout=20000)
    segments = sorted((folder / "stations" / "test-station").iterdir())
    segments[-2].unlink()
    click(qtbot, archive.check_button)
    wait_for(qtbot, archive.result_label, "finding(s)")
    table = archive.findings_table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    pointed = [r for r in rows if r[0] == "missing records" and r[2].startswith("No. ")]
    assert pointed, rows
    seq = int(pointed[0][2][4:])
    entry = station.journal.entry(seq)
    assert entry is not None and ", by " in pointed[0][3]
    assert "removed from the share" in pointed[0][4]
    table.setCurrentCell(rows.index(pointed[0]), 0)
    assert f"It points at entry No. {seq}" in archive.detail_label.text()
    assert not unnamed(archive), unnamed(archive)
    archive.grab().save(str(artifacts / "ui-archive-findings.png"))
    details = {w for f in archive.check.findings for w in re.findall(r"[A-Za-z]{2,}", f.finding.detail)}
    details |= {"gm", "admin", "custodian"}  # who made the entries: data
    with chinese():
        qtbot.waitUntil(lambda: archive.title.text() == "办公室存档", timeout=5000)  # the language change arrived
        assert "对应日志第" in archive.detail_label.text()
        qtbot.wait(200)  # the new words laid out before the screenshot
        leftovers = english_leftovers(archive, allow=details, visible_only=True)
        archive.grab().save(str(artifacts / "ui-archive-findings-zh.png"))
        win.open_view("stationSetupAction")
        qtbot.wait(200)
        screen.grab().save(str(artifacts / "ui-station-setup-archive-zh.png"))
        setup_leftovers = english_leftovers(screen, allow={"Test"},  # the token label
                                            visible_only=True)
    assert not leftovers, leftovers
    assert not setup_leftovers, setup_leftovers


def test_the_office_sets_the_backup_key_backs_up_checks_and_restore_is_refused_while_open(
        qtbot, office_window, station, seal_token, tmp_path, artifacts):
    win = office_window
    screen = open_setup(qtbot, win)
    # The USB key's driver: a file that is not there is refused in words; nothing saved.
    qtbot.keyClicks(screen.module_edit, "/opt/vendor/no-such-pkcs11.so")
    click(qtbot, screen.save_module_button)
    answer(qtbot, screen, password=password("admin"))
    wait_for(qtbot, screen.module_result, "Not saved:")
    assert screen.last_error.code == "token_module_missing"
    assert "no-such" not in station.home.config_path.read_text()
    assert "This station has no office backup key yet" in screen.key_now.text()  # was "backup office-key first"
    identity = tmp_path / "office-backup-identity.txt"
    screen.identity_out_edit.clear()
    qtbot.keyClicks(screen.identity_out_edit, str(identity))
    click(qtbot, screen.make_key_button)
    assert "keep it OFFLINE" in screen.secrets_dialog.explanation.text()
    assert not unnamed(screen.secrets_dialog), unnamed(screen.secrets_dialog)
    answer(qtbot, screen, password=password("admin"), authority=seal_token.authority_passphrase,
           identity="office-key-pass", identity_again="office-key-pass")
    wait_for(qtbot, screen.key_result, "move it OFFLINE now")
    assert identity.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt")  # protected by its passphrase
    qtbot.waitUntil(lambda: "Backups are encrypted to the office's backup key" in screen.key_now.text(), timeout=20000)

    out = tmp_path / "now.sealbackup"
    screen.backup_out_edit.clear()
    qtbot.keyClicks(screen.backup_out_edit, str(out))
    click(qtbot, screen.backup_now_button)
    answer(qtbot, screen, password=password("admin"))
    wait_for(qtbot, screen.backups_result, "Backup written to")
    assert out.is_file() and screen.backup_file_edit.text() == str(out)
    qtbot.waitUntil(lambda: "Last backup:" in screen.backups_now.text(), timeout=20000)

    folder = tmp_path / "scheduled"
    folder.mkdir()
    qtbot.keyClicks(screen.schedule_edit, str(folder))
    screen.every_box.setValue(2)
    click(qtbot, screen.save_schedule_button)
    answer(qtbot, screen, password=password("admin"))
    wait_for(qtbot, screen.backups_result, "Saved: a backup into")
    assert json.loads(station.home.config_path.read_text())["backup"] == {"folder": str(folder), "every_days": 2.0}
    qtbot.waitUntil(lambda: "every 2 day(s)" in screen.backups_now.text(), timeout=20000)

    assert screen.identity_in_edit.text() == str(identity)  # the key just made
    click(qtbot, screen.check_button)
    answer(qtbot, screen, identity="office-key-pass")
    wait_for(qtbot, screen.check_result, "GOOD:")
    assert "files inside match" in screen.check_result.text()

    # Into this station, open in this window: refused, in words, with what to do; nothing touched.
    before = sorted(p.name for p in station.home.root.iterdir())
    qtbot.keyClicks(screen.restore_into_edit, str(station.home.root))
    click(qtbot, screen.restore_button)
    answer(qtbot, screen, password=password("admin"), identity="office-key-pass")
    wait_for(qtbot, screen.check_result, "Not restored:")
    assert screen.last_error.code == "restore_station_open"
    text = screen.check_result.text()
    assert "that station is open" in text and "Restore into a new, empty folder" in text, text
    assert sorted(p.name for p in station.home.root.iterdir()) == before
    screen.ensureWidgetVisible(screen.check_result)
    screen.grab().save(str(artifacts / "ui-station-setup-backup.png"))
    with chinese():
        qtbot.waitUntil(lambda: "未恢复" in screen.check_result.text(), timeout=5000)
        qtbot.wait(200)
        screen.grab().save(str(artifacts / "ui-station-setup-backup-zh.png"))


def test_a_custodian_sees_no_set_up_but_the_archive(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "custodian")
    assert not win.role_actions["stationSetupAction"].isVisible()
    assert win.open_view("stationSetupAction") is None and "stationSetupAction" not in win.views
    assert win.role_actions["archiveAction"].isVisible()
    archive = win.open_view("archiveAction")  # what waits; no archive yet, so nothing to sync or check
    qtbot.waitUntil(lambda: "no office archive yet" in archive.waiting_label.text(), timeout=10000)
    assert not archive.sync_button.isEnabled() and not archive.check_button.isEnabled()
    # The core refuses anyway, whatever a window shows.
    from sealstation.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        station.setup().set_archive(str(tmp_path), by="custodian", password=password("custodian"))
