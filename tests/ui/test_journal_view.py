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
