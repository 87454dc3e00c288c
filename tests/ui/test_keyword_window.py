"""Placing by keyword and on page sets in the window, driven as a person would, on the demo station.

The custodian opens the demo contract from the queue, says "on a keyword", picks 甲方（盖章） from the phrases the
document shows: the seal jumps onto it, the match is highlighted, the checks pass; stamped with the password and
PIN, poppler finds the ink centred on the words and pdfsig calls the one signature valid. In Chinese: a keyword the
document lacks is refused in words before any secret (Stamp stays off), and "every page" shows the seal on each
page under one signature. Screenshots in both languages go to the run's artifacts folder.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import scroll_to, unnamed_controls
from test_custodian_day import (ink_mm, log_in_to_the_queue, open_from_queue, pdfsig_verdicts, shoot, type_output,
                                wait_checks_passed, window_for)


def look_at(qtbot, view, page: int, x_mm: float, y_mm: float) -> None:
    scroll_to(view, page, x_mm, y_mm, margin=60)
    qtbot.waitUntil(lambda: view.page_image_ready(page), timeout=20000)


def unlock_and_stamp(qtbot, win) -> None:
    """Stamp, then the password and the PIN typed in the PIN dialog; wait for the result (the contract's second
    seal is due next, so no print step here)."""
    screen = win.document_screen
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    qtbot.keyClicks(dialog.password_edit, win.credentials["users"]["custodian"])
    qtbot.keyClick(dialog.password_edit, Qt.Key_Tab)
    qtbot.keyClicks(dialog.pin_edit, win.credentials["token_pin"])
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() and not screen.busy, timeout=60000)


def type_chinese(widget, text: str) -> None:
    """Chinese typed as an input method delivers it: the composed words committed into the focused field."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(qtbot, combo, text: str) -> None:
    """Open the list with the keyboard (F4) and click the entry, as a person picks from a drop-down."""
    combo.setFocus(Qt.OtherFocusReason)
    qtbot.keyClick(combo, Qt.Key_F4)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=5000)
    index = next(combo.model().index(row, 0) for row in range(combo.count()) if combo.itemText(row) == text)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=5000)
    assert combo.currentText() == text


def test_choose_a_keyword_the_contract_contains_and_stamp_on_it(qtbot, demo_station, demo_home, tmp_path, artifacts):
    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    log_in_to_the_queue(qtbot, win)
    screen = open_from_queue(qtbot, win, "contract.pdf")
    panel, view = screen.place_panel, screen.view
    wait_checks_passed(qtbot, win, 1)
    choose(qtbot, panel.mode_box, "On a keyword")
    qtbot.waitUntil(lambda: panel.keyword_box.count() >= 2, timeout=20000)  # 甲方（盖章）, 乙方（盖章）
    choose(qtbot, panel.keyword_box, "甲方（盖章）")
    qtbot.waitUntil(lambda: "Found 1 time" in panel.found_label.text(), timeout=20000)
    (match,) = demo_station.stamping().find_keyword(screen.document, "甲方（盖章）")
    page, x, y = view.placements()["contract"]
    assert (page, x, y) == pytest.approx((match.page, *match.center_mm), abs=0.01)
    assert [h[0] for h in view.highlights()] == [match.page]
    # Another seal chosen in the palette: the panel says how that one is placed; back again, the keyword.
    palette = screen.palette
    qtbot.mouseClick(palette._list.viewport(), Qt.LeftButton, pos=palette.item_rect("legal-rep").center())
    assert panel.mode == "position" and panel.pages_text() is None
    qtbot.mouseClick(palette._list.viewport(), Qt.LeftButton, pos=palette.item_rect("contract").center())
    assert panel.mode == "keyword" and panel.keyword() == "甲方（盖章）"
    assert view.placements()["contract"] == (page, x, y)
    type_output(qtbot, screen, tmp_path / "contract-stamped.pdf")
    wait_checks_passed(qtbot, win, 1)
    assert not unnamed_controls(win), unnamed_controls(win)
    look_at(qtbot, view, page, x, y)
    shoot(win, artifacts, "en", "keyword-chosen")

    unlock_and_stamp(qtbot, win)
    assert "VALID" in screen.result_label.text() and "NOT VALID" not in screen.result_label.text()
    out = tmp_path / "contract-stamped.pdf"
    assert pdfsig_verdicts(out) == ["Signature is Valid."]
    assert ink_mm(out, page) == pytest.approx((x, y), abs=0.6)


def test_keyword_refused_and_every_page_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    with chinese():
        win = window_for(qtbot, demo_station, demo_home, tmp_path, "zh_CN")
        log_in_to_the_queue(qtbot, win)
        screen = open_from_queue(qtbot, win, "contract.pdf")
        panel, view = screen.place_panel, screen.view
        wait_checks_passed(qtbot, win, 1)
        choose(qtbot, panel.mode_box, "按关键字")
        edit = panel.keyword_box.lineEdit()
        qtbot.mouseClick(edit, Qt.LeftButton)
        type_chinese(edit, "丙方（盖章）")
        qtbot.waitUntil(lambda: "找不到关键字" in panel.found_label.text(), timeout=20000)
        assert "丙方（盖章）" in panel.found_label.text()
        qtbot.waitUntil(lambda: bool(screen.preflights) and not screen.stamp_button.isEnabled()
                        and "找不到关键字" in screen.checks_label.text(), timeout=20000)
        shoot(win, artifacts, "zh_CN", "keyword-not-found")

        choose(qtbot, panel.mode_box, "按位置")
        choose(qtbot, panel.pages_box, "每一页")
        qtbot.waitUntil(lambda: len(view.echoes()) == 1, timeout=20000)  # the contract has two pages
        page, x, y = view.placements()["contract"]
        assert view.echoes() == [("contract", 1 if page == 2 else 2, x, y)]
        assert "一次签名" in panel.found_label.text()
        wait_checks_passed(qtbot, win, 1)
        look_at(qtbot, view, 1, x, y)
        shoot(win, artifacts, "zh_CN", "every-page")
        leftovers = english_leftovers(panel, visible_only=True)
        assert not leftovers, leftovers

        type_output(qtbot, screen, tmp_path / "contract-every-page.pdf")
        wait_checks_passed(qtbot, win, 1)
        unlock_and_stamp(qtbot, win)
        assert "另盖 1 处" in screen.result_label.text()
        out = tmp_path / "contract-every-page.pdf"
        assert pdfsig_verdicts(out) == ["Signature is Valid."]
        for p in (1, 2):
            assert ink_mm(out, p) == pytest.approx((x, y), abs=0.6)


def test_the_forms_empty_signature_field_is_offered(qtbot, demo_station, demo_home, tmp_path, artifacts):
    """A form with an empty 盖章处 field: listed as a choice; chosen, the seal sits centred on the field."""
    from support.keyword_pdfs import make_contract, with_empty_field
    from support.window import open_and_check

    form = with_empty_field(make_contract(tmp_path / "c.pdf"), tmp_path / "form.pdf", "盖章处", (380, 150, 500, 270))
    creds = demo_credentials(demo_home)
    demo_station.approving().approve(form, seals=["contract"], copies=1, approver="gm",
                                     password=creds["users"]["gm"], purpose="表格盖章")
    win = window_for(qtbot, demo_station, demo_home, tmp_path, "en")
    log_in_to_the_queue(qtbot, win)
    open_and_check(qtbot, win, form)
    screen = win.document_screen
    panel, view = screen.place_panel, screen.view
    qtbot.waitUntil(lambda: bool(view.placements()), timeout=20000)
    choose(qtbot, panel.mode_box, "In a signature field")
    qtbot.waitUntil(lambda: panel.field_box.findData("盖章处") >= 0, timeout=20000)
    choose(qtbot, panel.field_box, "盖章处")
    qtbot.waitUntil(lambda: "signature field 盖章处" in panel.found_label.text(), timeout=20000)
    (field,) = demo_station.stamping().signature_fields(form)
    assert view.placements()["contract"] == pytest.approx((1, *field.box_mm.center), abs=0.01)
    assert not panel.pages_box.isEnabled()  # a field is on its own page
    type_output(qtbot, screen, tmp_path / "form-stamped.pdf")
    wait_checks_passed(qtbot, win, 1)
    look_at(qtbot, view, 1, *field.box_mm.center)
    shoot(win, artifacts, "en", "signature-field")
