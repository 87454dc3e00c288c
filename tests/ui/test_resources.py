"""The window's resource files are found from a checkout and from the installed (frozen) bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from ui import i18n
from ui.resources import resource_path, resources_root

REPO = Path(__file__).resolve().parents[2]


def test_from_the_checkout():
    assert resources_root() == REPO / "resources"
    assert resource_path("i18n", "sealstation_zh_CN.qm").is_file()
    assert resource_path("icons", "sealstation.png").is_file() and resource_path("icons", "sealstation.svg").is_file()
    assert i18n.catalogue_path("zh_CN") == REPO / "resources" / "i18n" / "sealstation_zh_CN.qm"


def test_from_the_frozen_bundle(monkeypatch, tmp_path):
    """PyInstaller sets sys.frozen and sys._MEIPASS (the bundle's data folder, where the spec puts resources/)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_root() == tmp_path / "resources"
    assert i18n.catalogue_path("zh_CN") == tmp_path / "resources" / "i18n" / "sealstation_zh_CN.qm"


def test_the_bundle_carries_what_the_window_reads():
    """Every resources/ folder the window reads is in the spec's data (the package test sees the Chinese window)."""
    spec = (REPO / "installer" / "sealstation.spec").read_text(encoding="utf-8")
    assert '"sealstation_zh_CN.qm"), "resources/i18n")' in spec
    assert '(str(REPO / "resources" / "icons"), "resources/icons")' in spec
