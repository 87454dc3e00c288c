"""Starting the station window."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["run"]


def run(home: str | Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from sealstation.errors import SealStationError
    from sealstation.station import Station

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SealStation")
    try:
        station = Station.open(home)
    except SealStationError as exc:
        QMessageBox.critical(None, "SealStation", str(exc))
        return 1
    window = MainWindow(station)
    window.show()
    try:
        return app.exec()
    finally:
        station.close()
