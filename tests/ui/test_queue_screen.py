"""The work queue driven as a custodian drives it: groups, filter, search, double-click and Enter open, 退签, 收回."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sealstation.workqueue import QueueGroup
from support.queue import fill_queue
from support.station_fixtures import password
from ui.queue_screen import ITEM_ROLE, QueueScreen


@pytest.fixture
def screen(qtbot, station, pin, tmp_path):
    ids = fill_queue(station, pin, tmp_path)
    widget = QueueScreen(station)
    widget.ids = ids
    widget.resize(1000, 420)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.load("custodian")
    return widget


def shown(screen) -> dict[str, list[str]]:
    """Group title → the request ids shown under it."""
    proxy, found = screen.proxy, {}
    for row in range(proxy.rowCount()):
        group = proxy.index(row, 0)
        found[group.data()] = [proxy.index(r, 0, group).data(ITEM_ROLE).request_id for r in range(proxy.rowCount(group))]
    return found


def row_rect(screen, request_id):
    assert screen.select(request_id)
    return screen.view.visualRect(screen.view.currentIndex())


def test_groups_filter_and_search(qtbot, screen, artifacts):
    groups = shown(screen)
    assert list(groups) == ["Approved, waiting (1)", "Partly stamped (1)", "Stamped, copies left to print (1)",
                            "Returned (1)"]
    assert groups["Partly stamped (1)"] == [screen.ids["partly"]]
    screen.select(screen.ids["to_print"])
    model_row = [screen.view.currentIndex().siblingAtColumn(c).data() for c in range(6)]
    assert model_row[:5] == ["notice.pdf", "Official seal ✓", "年度工作会议通知", "gm", "3 / 1"]
    assert screen.view.currentIndex().data(Qt.AccessibleTextRole).startswith(f"Request {screen.ids['to_print']}")
    screen.grab().save(str(artifacts / "ui-queue.png"))

    qtbot.keyClicks(screen.search_edit, "purchase")
    assert shown(screen) == {"Partly stamped (1)": [screen.ids["partly"]]}
    screen.search_edit.clear()
    screen.search_edit.insert("会议 通知")  # what an input method commits; every word must match
    assert shown(screen) == {"Stamped, copies left to print (1)": [screen.ids["to_print"]]}
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, screen.ids["returned"])  # request ids are searched too
    assert shown(screen) == {"Returned (1)": [screen.ids["returned"]]}
    screen.search_edit.clear()

    screen.group_box.setCurrentIndex(screen.group_box.findData(QueueGroup.TO_PRINT))
    assert shown(screen) == {"Stamped, copies left to print (1)": [screen.ids["to_print"]]}
    screen.select(screen.ids["to_print"])
    assert screen.print_button.isEnabled() and not screen.return_button.isEnabled() and screen.recall_button.isEnabled()
    with qtbot.waitSignal(screen.printRequested) as printed:
        qtbot.mouseClick(screen.print_button, Qt.LeftButton)
    assert printed.args[0].request_id == screen.ids["to_print"]
    screen.group_box.setCurrentIndex(0)
    assert len(shown(screen)) == 4


def test_double_click_and_enter_open_the_request(qtbot, screen, tmp_path):
    rect = row_rect(screen, screen.ids["waiting"])
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.mouseClick(screen.view.viewport(), Qt.LeftButton, pos=rect.center())  # a double-click's first press
        qtbot.mouseDClick(screen.view.viewport(), Qt.LeftButton, pos=rect.center())
    item = opened.args[0]
    assert item.request_id == screen.ids["waiting"] and item.document_path == (tmp_path / "lease.pdf").resolve()
    assert item.due_next == "contract"

    screen.view.setCurrentIndex(screen.proxy.index(-1, -1))  # nothing current
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key_F, Qt.ControlModifier)  # Ctrl+F: to the search box
    assert screen.search_edit.hasFocus()
    qtbot.keyClicks(screen.search_edit, "purchase")
    qtbot.keyClick(screen.search_edit, Qt.Key_Return)  # back to the list, the one request found
    assert screen.view.hasFocus()
    assert screen.current_item().request_id == screen.ids["partly"]
    with qtbot.waitSignal(screen.openRequested) as opened:
        qtbot.keyClick(screen.view, Qt.Key_Return)
    item = opened.args[0]
    assert item.request_id == screen.ids["partly"] and item.document_path == (tmp_path / "purchase-contract.pdf").resolve()
    assert item.due_next == "legal-rep"


def test_return_with_a_reason(qtbot, screen, artifacts):
    from ui.return_dialog import ReturnDialog

    screen.select(screen.ids["waiting"])
    qtbot.mouseClick(screen.return_button, Qt.LeftButton)
    dialog = screen.findChild(ReturnDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.ok_button.isEnabled()
    dialog.reason_edit.setFocus()
    dialog.reason_edit.insertPlainText("合同金额与审批不符")  # as an input method commits it
    qtbot.keyClicks(dialog.password_edit, "wrong password")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Not returned" in dialog.message.text(), timeout=10000)
    assert dialog.isVisible() and dialog.reason_edit.toPlainText() == "合同金额与审批不符" and not dialog.password_edit.text()
    dialog.grab().save(str(artifacts / "ui-return-dialog.png"))

    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert screen.ids["waiting"] in shown(screen)["Returned (2)"]
    returned = next(i for i in screen.items if i.request_id == screen.ids["waiting"])
    assert returned.group == QueueGroup.RETURNED and returned.reason == "合同金额与审批不符"


def test_recall_printed_copies(qtbot, screen):
    from ui.recall_dialog import RecallDialog

    screen.select(screen.ids["to_print"])
    qtbot.mouseClick(screen.recall_button, Qt.LeftButton)
    dialog = screen.findChild(RecallDialog)
    dialog.reason_edit.insertPlainText("通知有误，收回重印")
    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "C000001" in dialog.message.text()
    assert shown(screen)["Recalled or superseded (1)"] == [screen.ids["to_print"]]


@pytest.fixture
def chinese(qapp, tmp_path):
    """The window's Chinese catalogue, compiled from resources/i18n/zh_CN (scripts/i18n.py) and installed."""
    import importlib.util
    from pathlib import Path

    from PySide6.QtCore import QTranslator

    script = Path(__file__).resolve().parents[2] / "scripts" / "i18n.py"
    spec = importlib.util.spec_from_file_location("i18n_script", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    catalogue = module.compile_catalogue(tmp_path / "sealstation_zh_CN.qm")
    translator = QTranslator()
    assert translator.load(str(catalogue))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_the_queue_in_chinese(qtbot, station, pin, tmp_path, chinese, artifacts):
    ids = fill_queue(station, pin, tmp_path)
    screen = QueueScreen(station)
    screen.resize(1000, 420)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        screen.load("custodian")
    assert list(shown(screen)) == ["已审批，待签章（1）", "部分已签章（1）", "已签章，待打印（1）", "已退签（1）"]
    assert screen.view.accessibleName() == "待办事项" and screen.return_button.text() == "退签(&R)…"
    screen.select(ids["partly"])
    assert screen.view.currentIndex().siblingAtColumn(1).data() == "合同专用章 ✓、法定代表人章（当前应盖）"
    screen.grab().save(str(artifacts / "ui-queue-zh.png"))
