"""The queue's batch, driven as a custodian drives it: select a batch (or several requests), check each document
before any secret (a damaged one says why on its row), one password and one PIN, a row a document with its result;
in English and in Chinese, with screenshots."""

from __future__ import annotations

import subprocess
from contextlib import nullcontext

import pytest
from PySide6.QtCore import Qt

from support.i18n_check import chinese, english_leftovers
from support.pdfs import make_pdf
from support.station_fixtures import password
from ui.queue_screen import QueueScreen

ALLOW = ("form", "批量空白表格", "official", "gm", "Test")  # data: file names, purpose, seal id, token label


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_batch_from_the_queue_with_one_pin(qtbot, station, pin, tmp_path, artifacts, language):
    folder = tmp_path / "docs"
    folder.mkdir()
    docs = [make_pdf(folder / f"form-{i}.pdf") for i in range(3)]
    station.approving().approve_batch(docs, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                      purpose="批量空白表格")
    docs[1].write_bytes(b"%PDF-1.7\n" + b"x" * 50)  # damaged after approval: reported, the rest go on
    out = tmp_path / "out"
    out.mkdir()
    with chinese() if language == "zh_CN" else nullcontext():
        screen = QueueScreen(station)
        screen.resize(1000, 420)
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitExposed(screen)
        with qtbot.waitSignal(screen.loaded, timeout=10000):
            screen.load("custodian")
        assert not screen.batch_button.isEnabled()
        screen.select(screen.shown_items()[0].request_id)
        qtbot.mouseClick(screen.select_batch_button, Qt.LeftButton)
        assert len(screen.selected_to_stamp()) == 3 and screen.batch_button.isEnabled()
        qtbot.mouseClick(screen.batch_button, Qt.LeftButton)
        dialog = screen.batch_dialog
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
        dialog.folder_edit.setText(str(out))
        qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.stamp_button.isEnabled(), timeout=20000)
        states = [dialog.table.item(r, 2).text() for r in range(3)]
        damaged = {"en": "Cannot be stamped", "zh_CN": "无法签章"}[language]
        assert [damaged in s for s in states] == [False, True, False], states
        dialog.grab().save(str(artifacts / f"ui-batch-checked-{language}.png"))
        if language == "zh_CN":
            assert not english_leftovers(dialog, allow=ALLOW), english_leftovers(dialog, allow=ALLOW)

        qtbot.mouseClick(dialog.stamp_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.pin_dialog is not None and dialog.pin_dialog.isVisible(), timeout=10000)
        pin_dialog = dialog.pin_dialog
        qtbot.keyClicks(pin_dialog.password_edit, password("custodian"))
        qtbot.keyClicks(pin_dialog.pin_edit, pin)
        with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as finished:
            qtbot.mouseClick(pin_dialog.ok_button, Qt.LeftButton)
        result = finished.args[0]
        assert len(result.stamped) == 2 and len(result.failed) == 1
        assert not pin_dialog.password_edit.text() and not pin_dialog.pin_edit.text()  # cleared after handing over
        done = {"en": "Stamped", "zh_CN": "已签章"}[language]
        assert [done in dialog.table.item(r, 2).text() for r in range(3)] == [True, False, True]
        assert dialog.progress.value() == 3
        dialog.grab().save(str(artifacts / f"ui-batch-done-{language}.png"))
        if language == "zh_CN":
            assert not english_leftovers(dialog, allow=ALLOW), english_leftovers(dialog, allow=ALLOW)
        for outcome in result.stamped:
            report = subprocess.run(["pdfsig", str(outcome.output)], capture_output=True, text=True).stdout
            assert report.count("Signature is Valid") == 1
        dialog.reject()


def test_the_batch_faults_in_chinese(qapp, station, pin, tmp_path):
    """A damaged document, one changed on disk after approval, an output folder gone and the same document twice:
    the words the custodian sees, in Chinese."""
    import re

    from sealstation.desks.batch import BatchDocument
    from sealstation.errors import RequestError
    from sealstation.model import Placement
    from support.i18n_check import english_words
    from ui.error_words import words

    docs = [make_pdf(tmp_path / f"form-{i}.pdf") for i in range(3)]
    station.approving().approve_batch(docs, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                      purpose="批量空白表格")
    docs[0].write_bytes(docs[0].read_bytes()[:400])
    with open(docs[1], "ab") as f:
        f.write(b"\n% edited\n")
    gone = tmp_path / "gone"
    gone.mkdir()
    batch = [BatchDocument(d, ("official",), gone / f"{d.stem}-已签章.pdf") for d in docs]
    plan = station.stamping().plan_batch(batch, placement=Placement(1, (60.0, 50.0)), user="custodian")
    gone.rmdir()
    result = station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin)
    faults = {o.document.name: o.error for o in result.outcomes}
    assert not any(o.ok for o in result.outcomes)
    try:
        station.approving().approve_batch([docs[2], docs[2]], seals=["official"], copies=1, approver="gm",
                                          password="-")
    except RequestError as exc:
        faults["twice"] = exc
    with chinese():
        for name, exc in faults.items():
            what, todo = words(exc)
            text = f"{what}\n{todo}"
            assert re.search(r"[\u4e00-\u9fff]", what) and re.search(r"[\u4e00-\u9fff]", todo), (name, text)
            facts = {w for v in getattr(exc, "facts", {}).values() for w in re.findall(r"[A-Za-z]{2,}", str(v))}
            assert not english_words(text, allow=facts | {"form", "pdf"}), (name, text)
            # What each names (the batch's row and the CLI's line name the document beside the words anyway).
            named = {"form-0.pdf": "form-0.pdf", "form-1.pdf": "", "form-2.pdf": str(gone), "twice": "form-2.pdf"}
            assert named[name] in text, (name, text)


def test_a_wrong_pin_stamps_nothing_and_asks_the_pin_again(qtbot, station, pin, tmp_path):
    from ui.batch_stamp_dialog import BatchStampDialog

    docs = [make_pdf(tmp_path / f"pin-{i}.pdf") for i in range(2)]
    station.approving().approve_batch(docs, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                      purpose="批量空白表格")
    out = tmp_path / "out"
    out.mkdir()
    items = [i for i in station.stamping().work_queue("custodian") if i.document_name.startswith("pin-")]
    dialog = BatchStampDialog(station, items, "custodian")
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(out))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.stamp_button.isEnabled()
                    and dialog.folder_edit.isEnabled(), timeout=20000)
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)  # the folder typed after the first check: check again
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.stamp_button.isEnabled(), timeout=20000)
    qtbot.mouseClick(dialog.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.pin_dialog is not None and dialog.pin_dialog.isVisible(), timeout=10000)
    pin_dialog = dialog.pin_dialog
    qtbot.keyClicks(pin_dialog.password_edit, password("custodian"))
    qtbot.keyClicks(pin_dialog.pin_edit, "99999999")
    qtbot.mouseClick(pin_dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: pin_dialog.isVisible() and "PIN" in pin_dialog.problem.text(), timeout=20000)
    assert pin_dialog.password_edit.text() and not pin_dialog.pin_edit.text()  # the password kept, the PIN asked
    assert not list(out.iterdir())
    qtbot.keyClicks(pin_dialog.pin_edit, pin)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60000) as finished:
        qtbot.mouseClick(pin_dialog.ok_button, Qt.LeftButton)
    assert len(finished.args[0].stamped) == 2
