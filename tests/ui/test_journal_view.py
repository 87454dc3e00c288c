"""The custodian's own journal in the window: today's actions, filtered by kind and seal."""

from __future__ import annotations

from PySide6.QtCore import QDate

from support.queue import fill_queue
from ui.journal_view import JournalView


def test_the_custodian_sees_their_own_actions_of_today(qtbot, station, pin, tmp_path, artifacts):
    ids = fill_queue(station, pin, tmp_path)
    view = JournalView(station)
    view.resize(1100, 400)
    qtbot.addWidget(view)
    view.show()
    view.set_seals(["official", "contract"])
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.load("custodian")
    kinds = [line.kind for line in view.lines]
    assert {"stamp_done", "request_returned", "print_job"} <= set(kinds)
    assert "approval_granted" not in kinds  # the approver's, not the custodian's
    view.grab().save(str(artifacts / "ui-journal-view.png"))

    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.kind_box.setCurrentIndex(view.kind_box.findData("request_returned"))
    assert [(line.kind, line.request, line.detail) for line in view.lines] == [
        ("request_returned", ids["returned"], "缺少附件")]
    assert view.model.item(0, 1).text() == "Returned (退签)"

    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.kind_box.setCurrentIndex(view.kind_box.findData("stamp_done"))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.seal_box.setCurrentIndex(view.seal_box.findData("contract"))
    assert [line.seals for line in view.lines] == [("contract",)]

    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.from_edit.setDate(QDate.currentDate().addDays(1))
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.to_edit.setDate(QDate.currentDate().addDays(2))
    assert view.lines == () and view.status_label.text() == "0 entries."


def test_a_failed_stamp_is_worded_in_the_windows_language(qtbot, station, tmp_path):
    """A stamp refused by a wrong PIN: the journal keeps the error's code and facts, and the custodian's journal
    says it in Chinese (it showed the core's English sentence)."""
    import pytest

    from sealstation.errors import PinError
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.i18n_check import chinese, english_words
    from support.pdfs import make_pdf
    from support.station_fixtures import approve, password

    src = make_pdf(tmp_path / "doc.pdf")
    approve(station, src, ["official"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)),
                                                          tmp_path / "out.pdf", "测试用印"))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    with pytest.raises(PinError):
        station.stamping().stamp(auth, tmp_path / "out.pdf", pin="000000")
    failed = [e for e in station.journal.entries() if e.kind == "pin_failed"][-1]
    assert failed.data["code"].startswith("pin_") and "why" in failed.data
    with chinese():
        view = JournalView(station)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.loaded, timeout=10000):
            view.load("custodian")
        row = next(r for r, line in enumerate(view.lines) if line.kind == "pin_failed")
        shown = view.model.item(row, 5).text()
        assert shown and english_words(shown, {"SealStation", "Test"}) == [], shown
