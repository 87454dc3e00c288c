"""The window under the Chinese catalogue, and what it still shows in English.

``chinese()`` compiles the current Linguist sources (``resources/i18n/zh_CN/*.ts``)
into a catalogue of this test run and installs it with Qt's own (qtbase); a
stale or missing ``sealstation_zh_CN.qm`` in the checkout does not matter.

``chinese_leftovers(widget, allow=…)`` is the reverse check for the English window:
the texts that still hold Chinese once the data shown (seal, document and
people's names, purposes: ``allow``) and the office terms the English source
glosses in brackets ("Return (退签)") are set aside.

``english_leftovers(widget)`` walks a widget tree as a person reads it (labels,
buttons, actions, menus, window titles, tooltips, placeholder texts, item
views' headers, combo box items, tab and group titles, accessible names) and
returns the texts that still hold English words. Proper names the window
keeps in Latin letters (SealStation, PIN, USB, PDF, CUPS, OA, mm …), file
names, paths, identifiers (``test-station``, ``C000001``, ``demo_contract``),
an id in brackets (``公章 [official]``), numbers and the words a test passes in
``allow`` (data: a user's name, a printer's) are not English words here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QMenu, QTabWidget, QTextEdit, QWidget)

__all__ = ["chinese", "chinese_leftovers", "compiled_catalogue", "english_leftovers", "PROPER_NAMES", "SOURCES"]

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "resources" / "i18n" / "zh_CN"

PROPER_NAMES = frozenset({
    "SealStation", "PIN", "PINs", "SO", "USB", "Key", "PDF", "CUPS", "OA", "CA", "IT", "mm", "Excel", "CSV", "XLSX",
    "Qt", "QR", "PKCS", "SHA", "UTC", "ID", "Ctrl", "Shift", "Alt", "PNG", "JPEG", "dpi", "PostgreSQL", "OpenSC",
})
"""Words the Chinese window writes in Latin letters, as Chinese offices do ("USB Key", "PDF 文件", "PIN 码"), and the
keys' names as the keyboard shows them (Ctrl+P)."""

# File names, paths, URLs, addresses and identifiers: data, not words (checked before words are picked out).
_NOT_WORDS = re.compile(
    r"""\b[a-z][a-z0-9+.-]*://[^\s，。；：（）]*  # a URL (postgresql://…), before a path would read "l:" as a drive
      | (?:[A-Za-z]:)?[\\/][^\s，。；：（）]*          # a path
      | \S+\.(?:[Pp][Dd][Ff]|xlsx|csv|json|png|txt|sealbackup|p12|pem|so|dll)\b   # a file name
      | \b[\w.+-]+@[\w.-]+\b                      # an address
      | \b\w*[\d_]\w*\b                           # a word with digits or underscores: an id, a serial
      | \b[A-Za-z]+(?:-[A-Za-z0-9]+)+\b           # a hyphenated id (test-station)
      | \b[a-z]+[A-Z]\w*\b                        # camelCase: an object or printer name
      | \[[^\]\s]*\]                              # an id in brackets: 公章 [official]
    """, re.X)
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")  # a rich-text label's markup is not read out


def english_words(text: str, allow: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words left in ``text`` once proper names, data and ``allow`` are set aside."""
    stripped = _NOT_WORDS.sub(" ", text or "")
    return [w for w in _WORD.findall(stripped) if w not in PROPER_NAMES and w not in allow]


def _texts(widget: QWidget):
    """(what, text) a person sees or a screen reader says for ``widget`` itself."""
    if widget.isWindow() and widget.windowTitle():
        yield "window title", widget.windowTitle()
    if widget.toolTip():
        yield "tooltip", widget.toolTip()
    if widget.accessibleName():
        yield "accessible name", widget.accessibleName()
    if widget.accessibleDescription():
        yield "accessible description", widget.accessibleDescription()
    if isinstance(widget, QLabel):
        yield "label", _TAG.sub(" ", widget.text()) if widget.textFormat() != Qt.TextFormat.PlainText else widget.text()
    elif isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    elif isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()  # the text typed is the person's own
    elif isinstance(widget, QTextEdit):
        yield "placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield "item", widget.itemText(i)
    elif isinstance(widget, QGroupBox):
        yield "group title", widget.title()
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield "tab", widget.tabText(i)
            yield "tab tooltip", widget.tabToolTip(i)
    elif isinstance(widget, QMenu):
        yield "menu", widget.title()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None and not isinstance(widget, QListWidget):
        model = widget.model()
        for section in range(model.columnCount()):
            yield "header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")
    for action in widget.actions():
        yield from _action_texts(action)


def _action_texts(action: QAction):
    if action.isSeparator():
        return
    yield "action", action.text()
    if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
        yield "action tooltip", action.toolTip()
    if action.menu() is not None:
        yield "menu", action.menu().title()


def english_leftovers(widget: QWidget, *, allow=frozenset(), visible_only: bool = False) -> list[str]:
    """Every text of ``widget`` and its children that still holds English words, as ``Class#name what: text``.

    ``allow``: words of the data shown (names, printers); ``visible_only``: skip hidden widgets (a page of a
    stack not shown); the accessible names of hidden widgets count otherwise, since screen readers list them.
    """
    allow = frozenset(allow)
    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if visible_only and not w.isVisible():
            continue
        actions = [a for a in w.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
                   if a not in w.actions()]
        texts = list(_texts(w)) + [t for a in actions for t in _action_texts(a)]
        for what, text in texts:
            if english_words(text, allow):
                found.append(f"{type(w).__name__}#{w.objectName()} {what}: {text}")
    return sorted(set(found))


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GLOSS = re.compile(r"\([\u3400-\u9fff]+\)")  # "Return (退签)": the office's own term beside the English


def chinese_leftovers(widget: QWidget, *, allow=(), visible_only: bool = False) -> list[str]:
    """Every text of ``widget`` and its children that still holds Chinese, as ``Class#name what: text``.

    ``allow``: the data shown, whole strings (a seal's name, a document's file name, a purpose, a person's name),
    longest first removed before looking; a gloss in brackets of the English source is not a leftover.
    """
    allow = sorted({a for a in allow if a}, key=len, reverse=True)
    found = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if visible_only and not w.isVisible():
            continue
        actions = [a for a in w.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
                   if a not in w.actions()]
        texts = list(_texts(w)) + [t for a in actions for t in _action_texts(a)]
        for what, text in texts:
            rest = _GLOSS.sub(" ", text or "")
            for data in allow:
                rest = rest.replace(data, " ")
            if _HAN.search(rest):
                found.append(f"{type(w).__name__}#{w.objectName()} {what}: {text}")
    return sorted(set(found))


@lru_cache(maxsize=1)
def compiled_catalogue() -> Path:
    """The current sources compiled once per test run (pyside6-lrelease)."""
    out = Path(tempfile.mkdtemp(prefix="sealstation-i18n-")) / "sealstation_zh_CN.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", *sorted(map(str, SOURCES.glob("*.ts"))), "-qm", str(out)], check=True)
    return out


@contextmanager
def chinese(app: QCoreApplication | None = None):
    """The application in Chinese (this run's catalogue and qtbase's) for the ``with`` block."""
    app = app or QCoreApplication.instance()
    translators = []
    catalogue = compiled_catalogue()
    for name, folder in (("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)),
                         (catalogue.stem, str(catalogue.parent))):
        translator = QTranslator(app)
        assert translator.load(name, folder), f"{name}.qm not found in {folder}"
        app.installTranslator(translator)
        translators.append(translator)
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
