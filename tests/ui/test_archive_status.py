"""The window's status strip shows what waits for the office archive; a stamp triggers a background sync."""

from __future__ import annotations

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from support.archive import stamp_some
from ui.main_window import MainWindow


def test_the_status_strip_shows_what_waits_and_the_background_sync_sends_it(qtbot, station, pin, tmp_path, artifacts):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamp_some(station, pin, tmp_path, 1)
    win = MainWindow(station)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert "entries waiting (1 stamps)" in win.archive_label.text() and "last sync never" in win.archive_label.text()
    win.grab().save(str(artifacts / "archive-status-waiting.png"))
    win.sync_archive()  # what the window does after each stamp and every five minutes
    qtbot.waitUntil(lambda: "0 entries waiting (0 stamps)" in win.archive_label.text(), timeout=20000)
    assert FolderArchive(archive).heads("test-station")
    win.grab().save(str(artifacts / "archive-status-synced.png"))
