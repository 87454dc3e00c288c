"""The Chinese catalogue is complete: up to date with the source, every string translated, nothing left in English.

The last test opens the dialogs of this part of the window under the Chinese
catalogue and looks for English a person would still read
(:func:`support.i18n_check.english_leftovers`); the lead's screens use the
same helper.
"""

from __future__ import annotations

import importlib.util
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from support.i18n_check import SOURCES, chinese, english_leftovers

ROOT = Path(__file__).resolve().parents[2]


def _scripts_i18n():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")) for c in root.iter("context") for m in c.iter("message")}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_catalogue_source_is_up_to_date_with_the_code(tmp_path):
    """``scripts/i18n.py update`` into a temp folder adds no string the checked-in sources lack."""
    script = _scripts_i18n()
    fresh = {p.stem: p for p in script.update(None, folder=tmp_path)}
    kept = {p.stem: p for p in SOURCES.glob("*.ts")}
    assert not set(fresh) - set(kept), f"modules with visible strings but no catalogue: {sorted(set(fresh) - set(kept))}"
    stale = {name: sorted(s for _c, s in _sources(path) - _sources(kept[name])) for name, path in fresh.items()}
    stale = {name: new for name, new in stale.items() if new}
    assert not stale, f"strings missing from the catalogue (run 'python scripts/i18n.py update'): {stale}"


def test_every_string_has_a_finished_chinese_translation():
    gaps = _scripts_i18n().missing()
    assert not gaps, "untranslated (python scripts/i18n.py missing):\n" + "\n".join("\t".join(g) for g in gaps)


def test_the_shipped_catalogue_is_compiled_from_the_sources(tmp_path):
    """The window loads resources/i18n/sealstation_zh_CN.qm: it must hold what the sources say today."""
    script = _scripts_i18n()
    fresh = script.compile_catalogue(tmp_path / "fresh.qm")
    assert fresh.read_bytes() == script.CATALOGUE.read_bytes(), "run 'python scripts/i18n.py compile' and commit the .qm"


def test_translations_keep_their_placeholders():
    """A ``{name}`` lost or misspelt in a translation would raise, or show a gap, when the sentence is filled."""
    wrong = []
    for ts in sorted(SOURCES.glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation") or ""
            if _fields(source) != _fields(translation) or source.count("%") != translation.count("%"):
                wrong.append(f"{ts.stem}: {source!r} → {translation!r}")
    assert not wrong, "\n".join(wrong)


# -- nothing left in English ------------------------------------------------------------------------------------


def test_english_leftovers_finds_english_and_spares_names_and_data(qtbot):
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    for text in ("打印 PDF 文件", "插入 USB Key，输入 PIN 码", "/tmp/out/合同-stamped.pdf", "test-station 2026-12",
                 "SealStation 签章站 R000012", "纸张 210 × 297 mm", "测试公司公章 [official]"):
        layout.addWidget(QLabel(text))
    left = QPushButton("Print")
    left.setObjectName("leftover")
    layout.addWidget(left)
    icon = QPushButton("…")
    icon.setAccessibleName("Choose a folder")
    layout.addWidget(icon)
    found = english_leftovers(box)
    assert found == ["QPushButton# accessible name: Choose a folder", "QPushButton#leftover button: Print"], found


def test_the_print_and_report_dialogs_have_no_english_left(qtbot, station, pin, tmp_path, artifacts):
    from PySide6.QtCore import QCoreApplication

    from support.pdfs import make_text_pdf
    from support.printing import stamped_document
    from ui.print_dialog import PrintDialog
    from ui.qt_printing import QtPrinterBackend
    from ui.report_dialog import ReportDialog

    stamped = stamped_document(station, pin, tmp_path)
    with chinese():
        dialog = PrintDialog(station, stamped, QtPrinterBackend(), "custodian")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        printers = {w for i in range(dialog.printer_box.count())
                    for w in re.findall(r"[A-Za-z]{2,}", str(dialog.printer_box.itemData(i)))}
        assert english_leftovers(dialog, allow=printers) == []
        assert dialog.windowTitle() == "打印 — notice-stamped.pdf"
        assert "批准 2 份 · 已打印 0 份 · 剩余 2 份" in dialog.counts.text()
        dialog.grab().save(str(artifacts / "ui-print-dialog-zh.png"))

        refused = PrintDialog(station, make_text_pdf(tmp_path / "plain.pdf", 1), QtPrinterBackend(), "custodian")
        qtbot.addWidget(refused)
        assert refused.status.text() == ("未打印：plain.pdf 尚未签章。\n"
                                         "只能打印已签章且印章验证通过的文件。")
        assert english_leftovers(refused, allow=printers) == []

        report = ReportDialog(station)
        qtbot.addWidget(report)
        report.show()
        qtbot.waitExposed(report)
        assert english_leftovers(report) == []
        assert report.windowTitle() == "月度汇总表"
        report.grab().save(str(artifacts / "ui-report-dialog-zh.png"))
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs: qtbase's catalogue
    english = PrintDialog(station, stamped, QtPrinterBackend(), "custodian")
    qtbot.addWidget(english)
    assert english.windowTitle() == "Print — notice-stamped.pdf"  # without the catalogue: the English source


def test_a_print_jobs_outcome_in_chinese_while_the_journal_keeps_english(qapp, tmp_path):
    from sealstation.printing.sink import JobStatus
    from ui.qt_printing import _PdfSink, _outcome, outcome_words

    outcome = _outcome(JobStatus.FAILED, None, "no_such_printer", printer="Office-A4")
    assert outcome.reason == "there is no printer named Office-A4"  # what the journal records
    with chinese():
        assert outcome_words(outcome) == "没有名为 Office-A4 的打印机"
        sink = _PdfSink(tmp_path / "copies.pdf")
        sink.cancel()
        closed = sink.close()
        assert outcome_words(closed) == "专管人员已取消：未写入 PDF 文件"
    assert closed.reason == "cancelled by the custodian: the PDF file was not written"
    assert not (tmp_path / "copies.pdf").exists()
