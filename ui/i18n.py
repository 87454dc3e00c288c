"""The window's languages: Simplified Chinese by default, English selectable and remembered.

Every visible string is English source text passed through Qt's translation
system (``self.tr`` or ``QCoreApplication.translate``). The Chinese catalogue is
compiled from the per-module sources in ``resources/i18n/zh_CN/*.ts`` into
``resources/i18n/sealstation_zh_CN.qm`` (``python scripts/i18n.py compile``);
Qt's own dialogs use qtbase's catalogue shipped with PySide6.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from .resources import resource_path

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "catalogue_path", "current_language", "set_language", "install", "say",
           "reword"]

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
"""Language code -> its name in its own language (as the Language menu shows it)."""

DEFAULT_LANGUAGE = "zh_CN"
_SETTINGS_KEY = "ui/language"
_installed: list[QTranslator] = []


def catalogue_path(language: str = DEFAULT_LANGUAGE) -> Path:
    """The compiled catalogue of the station's own strings for ``language`` (the checkout's or the bundle's)."""
    return resource_path("i18n", f"sealstation_{language}.qm")


def settings() -> QSettings:
    return QSettings("SealStation", "SealStation")


def current_language() -> str:
    """The language the person chose last (remembered in QSettings), Chinese if none."""
    value = settings().value(_SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Remember ``language`` for the next start (and for :func:`install` without an argument)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    settings().setValue(_SETTINGS_KEY, language)


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Load the catalogues of ``language`` (default: the remembered one) into ``app``; returns the language.

    Replaces what an earlier call installed, so switching languages at run time
    leaves no stale catalogue behind; widgets built afterwards use the new one.
    """
    language = language or current_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (catalogue_path(language).stem, str(catalogue_path(language).parent))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return language


def say(label, words: str | Callable[[], str]) -> None:
    """Show ``words`` on ``label`` (a QLabel): a message of the moment, as a callable that words it in the current
    language (``lambda: self.tr("…").format(…)``), so that :func:`reword` can say it again after a language change.
    A plain string (data, or nothing) is shown as it is."""
    label._words = words if callable(words) else None
    label.setText(words() if callable(words) else words)


def reword(*labels) -> None:
    """Say again, in the current language, what :func:`say` last put on each of ``labels``."""
    for label in labels:
        words = getattr(label, "_words", None)
        if words is not None:
            label.setText(words())
