"""Where the window's resource files are: ``resources/`` of the checkout, or of the installed bundle.

A checkout keeps ``resources/`` beside ``ui/``; the installed program (a PyInstaller
one-folder bundle, installer/sealstation.spec) carries the files it needs at run time
under the same relative paths in its data folder (``sys._MEIPASS``). Everything the
window reads from ``resources/`` goes through :func:`resource_path`, so that both find it.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["DESKTOP_ID", "resources_root", "resource_path"]

DESKTOP_ID = "cn.sealstation.station"
"""The application id: the package's /opt/apps/<id>/ folder and its desktop entry's name (without .desktop)."""


def resources_root() -> Path:
    """The ``resources`` folder: in the frozen bundle's data folder when frozen, else beside ``ui/``."""
    bundle = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (``resource_path("i18n", "sealstation_zh_CN.qm")``); it may not exist."""
    return resources_root().joinpath(*parts)
