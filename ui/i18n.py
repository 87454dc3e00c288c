"""Languages of the window (stub until the lead's catalogue tooling lands on main).

``install(app, language)`` puts the window's translations and Qt's own (qtbase) in place;
``current_language()`` says which is in force. Simplified Chinese is the default.

Interim: the Chinese of the shell's strings waits in ``resources/i18n/pending/*.json``
({"English source": "中文"}, the format of ``scripts/i18n.py fill``) and is served by a small
QTranslator; the lead replaces this with the compiled ``.qm`` catalogues.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

__all__ = ["install", "current_language", "LANGUAGES", "DEFAULT_LANGUAGE"]

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
"""Language code -> its own name (shown in the Language menu untranslated, as every program does)."""
DEFAULT_LANGUAGE = "zh_CN"
_PENDING = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "pending"
_installed: list[QTranslator] = []
_current = [DEFAULT_LANGUAGE]


class _PendingTranslator(QTranslator):
    def __init__(self, table: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return self._table.get(source_text) or None

    def isEmpty(self) -> bool:
        return not self._table


def _pending_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted(_PENDING.glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


def install(app, language: str | None) -> str:
    """Put ``language``'s translations in force (unknown or None: the default); returns the code used."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "zh_CN":
        qt = QTranslator(app)
        if qt.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            _installed.append(qt)
        _installed.append(_PendingTranslator(_pending_table(), app))
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if language == "zh_CN" else QLocale(QLocale.English))
    _current[0] = language
    return language


def current_language() -> str:
    return _current[0]
