"""Starting the station window."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["run"]


def _journal_passphrase(home: str | Path | None) -> tuple[bool, str | None]:
    """Ask the journal passphrase when the station derives its key from one: (go on, passphrase)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from sealstation.config import StationHome, resolve_home

    home_dir = StationHome(resolve_home(home))
    if not home_dir.exists() or home_dir.load_config().journal_key_source != "passphrase":
        return True, None
    text, ok = QInputDialog.getText(None, "SealStation", "签章日志口令 / Journal passphrase of this station:",
                                    QLineEdit.Password)
    return ok, text


def run(home: str | Path | None = None) -> int:
    from sealstation.process import quiet_third_party_warnings

    quiet_third_party_warnings()  # when the window is started by run() itself, not by an entry point
    from PySide6.QtWidgets import QApplication, QMessageBox

    from sealstation.errors import SealStationError
    from sealstation.station import Station

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SealStation")
    try:
        go_on, passphrase = _journal_passphrase(home)
        if not go_on:
            return 1
        station = Station.open(home, journal_passphrase=passphrase)
        recovered = station.recover()  # stamps a crash cut short: finished or undone before anyone works
    except SealStationError as exc:
        QMessageBox.critical(None, "SealStation", str(exc))
        return 1
    window = MainWindow(station)
    unpinned = station.anchor_warning()
    if unpinned:
        window.show_message(f"印章管理机构证书未固定 {unpinned}")
    unnamed = station.archive_warning() if station.config.archive is not None else None
    if unnamed:
        window.show_message(f"策略未指定办公室归档 {unnamed}")
    if recovered:
        window.show_message(f"已处理中断的签章 {recovered} 项 Finished or undid {recovered} stamp attempt(s) a crash "
                            "left open; see the journal.")
    window.show()
    try:
        return app.exec()
    finally:
        station.close()
