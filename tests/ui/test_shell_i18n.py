"""The shell's visible strings all have their Simplified Chinese, and the screens are shown in Chinese
(screenshots of the login, the document screen, the PIN dialog and the result, in both languages)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from support.pdfs import make_pdf
from support.station_fixtures import approve, password
from support.window import log_in, open_and_check, window_settings
from ui import i18n
from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
SHELL = ["app", "passphrase_dialog", "login_screen", "password_change_dialog", "main_window", "document_screen",
         "pin_dialog", "queue_screen", "status_strip", "token_watch", "error_words"]


def _sources(module: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse((REPO / "ui" / f"{module}.py").read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        at = {"tr": 0, "translate": 1}.get(name)
        if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
            found.add(node.args[at].value)
    return found


def _catalogue(module: str) -> dict[str, str]:
    """Source -> finished Chinese translation, from the module's Linguist source."""
    path = REPO / "resources" / "i18n" / "zh_CN" / f"{module}.ts"
    found = {}
    for message in ET.parse(path).getroot().iter("message") if path.exists() else ():
        node = message.find("translation")
        if node is not None and node.get("type") is None and (node.text or "").strip():
            found[message.findtext("source")] = node.text
    return found


def test_every_shell_string_has_its_chinese():
    missing = {m: sorted(s for s in _sources(m) if s not in _catalogue(m)) for m in SHELL}
    assert not any(missing.values()), {m: s for m, s in missing.items() if s}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_screens_in_each_language(qtbot, station, tmp_path, pin, artifacts, language, monkeypatch):
    monkeypatch.setattr(i18n, "settings", lambda: window_settings(tmp_path))
    i18n.install(QApplication.instance(), language)
    try:
        win = MainWindow(station, settings=window_settings(tmp_path))
        win.confirm_quit = lambda: True
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        if language == "zh_CN":
            assert "电子印章签章站" in win.windowTitle() and win.login_screen.login_button.text() == "登录"
        win.grab().save(str(artifacts / f"ui-login-{language}.png"))
        log_in(qtbot, win)
        src = make_pdf(tmp_path / "doc.pdf")
        approve(station, src, ["official"])
        open_and_check(qtbot, win, src)
        screen = win.document_screen
        screen.output_edit.setText(str(tmp_path / "out.pdf"))
        screen.schedule_preflight()
        qtbot.waitUntil(screen.stamp_button.isEnabled, timeout=20000)
        qtbot.wait(100)  # the placed seal is scrolled into view after the checks are shown
        win.grab().save(str(artifacts / f"ui-document-{language}.png"))
        qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
        dialog = screen.pin_dialog
        qtbot.keyClicks(dialog.password_edit, password("custodian"))
        qtbot.keyClicks(dialog.pin_edit, pin)
        dialog.grab().save(str(artifacts / f"ui-pin-dialog-{language}.png"))
        qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: screen.next_label.text() != "", timeout=60000)
        if language == "zh_CN":
            assert "有效" in screen.result_label.text() and "下一步" in screen.next_label.text()
        qtbot.waitUntil(lambda: screen.view.page_image_ready(1), timeout=20000)  # the stamped page, as shown
        win.grab().save(str(artifacts / f"ui-result-{language}.png"))
    finally:
        i18n.install(QApplication.instance(), "en")  # the rest of the suite reads English
