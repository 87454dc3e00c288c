"""The window's status strip shows what waits for the office archive; a stamp triggers a background sync."""

from __future__ import annotations

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from support.archive import stamp_some
from support.window import window_settings
from ui.main_window import MainWindow


def test_the_status_strip_shows_what_waits_and_the_background_sync_sends_it(qtbot, station, pin, tmp_path, artifacts):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamp_some(station, pin, tmp_path, 1)
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    label = win.status_strip.archive_label  # the strip's archive section, in the window's status bar
    qtbot.waitUntil(lambda: "(1 stamps)" in label.text(), timeout=10000)
    assert "last sync never" in label.text()
    win.grab().save(str(artifacts / "archive-status-waiting.png"))
    win.sync_archive()  # what the window does after each stamp and every five minutes
    qtbot.waitUntil(lambda: "0 entries waiting (0 stamps)" in label.text(), timeout=20000)
    assert FolderArchive(archive).heads("test-station")
    win.grab().save(str(artifacts / "archive-status-synced.png"))


def test_the_window_timer_makes_the_scheduled_backup(qtbot, station, tmp_path):
    from sealstation.backup.config import BackupConfig
    from support.station_fixtures import office_authority, password

    station.setup().set_backup_key(tmp_path / "identity.txt", by="admin", password=password("admin"),
                           authority=office_authority())
    folder = tmp_path / "backups"
    folder.mkdir()
    station.config = station.config.with_changes(backup=BackupConfig(str(folder), every_days=1))
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.sync_archive()  # the five-minute timer's work
    qtbot.waitUntil(lambda: len(list(folder.glob("test-station-*.sealbackup"))) == 1, timeout=20000)
    qtbot.waitUntil(lambda: not win.sync_tasks.busy, timeout=20000)
    win.sync_archive()  # not due again for a day
    qtbot.waitUntil(lambda: not win.sync_tasks.busy, timeout=20000)
    assert len(list(folder.glob("*.sealbackup"))) == 1
