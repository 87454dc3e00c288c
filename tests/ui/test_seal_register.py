"""The office's seal register in the window, on the demo station and its SoftHSM2 token, driven as the office would:
log in, the register is the first screen; make a seal (preview first, a wrong passphrase refused in words with the
dialog still open, the key generated on the token), issue it, suspend it (the custodian's strip shows it unusable),
revoke it and destroy its key; in Chinese too. A custodian has no register, and the core refuses them anyway.
Screenshots of each screen go to the run's artifacts folder."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt

from sealstation.errors import PermissionDeniedError
from sealstation.model import SealKind
from sealstation.seals.lifecycle import SealAction, SealStatus
from sealstation.seals.making import SealSpec
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import type_login, unnamed_controls, window_settings
from ui.main_window import MainWindow
from ui.seal_action_dialog import SealActionDialog
from ui.seal_make_dialog import MakeSealDialog
from ui.seal_picture import px_per_mm


@pytest.fixture
def new_seal_id(demo_station, demo_home):
    """A seal id for this test; whatever key it left on the demo token goes afterwards (the token outlives the home)."""
    seal_id = f"hr-{secrets.token_hex(3)}"
    yield seal_id
    from pkcs11 import Attribute

    pin = demo_credentials(demo_home)["token_pin"]
    demo_station.token().run(lambda s: [o.destroy() for o in list(s.get_objects({Attribute.LABEL: seal_id}))], pin=pin)
    demo_station.token().logout()


def _window(qtbot, station, home, tmp_path) -> MainWindow:
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 860)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(home)
    qtbot.waitUntil(win.login_screen.user_edit.hasFocus, timeout=5000)
    return win


def _register(qtbot, win):
    """Log in as the office: the register is its first screen, read in the background."""
    type_login(qtbot, win, "admin", win.credentials["users"]["admin"])
    qtbot.waitUntil(lambda: win.login is not None and "sealRegisterAction" in win.views, timeout=10000)
    screen = win.views["sealRegisterAction"]
    assert win.stack.currentWidget() is screen and win.role_actions["sealRegisterAction"].isVisible()
    qtbot.waitUntil(lambda: not screen.loading and bool(screen.rows) and bool(screen.history), timeout=20000)
    return screen


def _secrets(qtbot, win, dialog, passphrase: str | None = None) -> None:
    creds = win.credentials
    qtbot.keyClicks(dialog.secrets.password_edit, creds["users"]["admin"])
    qtbot.keyClicks(dialog.secrets.passphrase_edit, creds["seal_authority_passphrase"] if passphrase is None
                    else passphrase)
    if dialog.secrets.pin_edit is not None:
        qtbot.keyClicks(dialog.secrets.pin_edit, creds["token_pin"])


def _row(screen, seal_id: str):
    return next(r for r in screen.rows if r.record.seal_id == seal_id)


def _order(qtbot, screen, seal_id: str) -> MakeSealDialog:
    """Click Make a seal, type the order of a department seal, wait for its preview."""
    qtbot.mouseClick(screen.make_button, Qt.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, MakeSealDialog) and dialog.isVisible()
    assert dialog.organisation_edit.text() == "示例科技有限公司"  # the register's organisation, offered
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.id_edit, seal_id)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(SealKind.DEPARTMENT.value))
    dialog.name_edit.insert("示例科技有限公司人事部")  # typed through the input method: QTest types Latin-1 only
    dialog.key_box.setCurrentIndex(dialog.key_box.findData("ec-p256"))
    qtbot.waitUntil(lambda: dialog.preview_ready, timeout=10000)
    assert dialog.picture.shown_px[0] == pytest.approx(40 * px_per_mm(dialog.picture), abs=1)
    return dialog


def _step(qtbot, win, screen, action: SealAction, **fill) -> SealActionDialog:
    button = screen.step_buttons[action]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = screen.dialog
    assert isinstance(dialog, SealActionDialog) and dialog.isVisible()
    assert dialog.explanation.text()
    if "note" in fill:
        dialog.note_edit.insert(fill["note"])  # Chinese, through the input method
    _secrets(qtbot, win, dialog)
    return dialog


def _finish(qtbot, screen, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    qtbot.waitUntil(lambda: not screen.loading, timeout=20000)


def test_the_office_makes_a_seal_issues_suspends_revokes_and_destroys_it(qtbot, demo_station, demo_home, tmp_path,
                                                                         artifacts, new_seal_id):
    win = _window(qtbot, demo_station, demo_home, tmp_path)
    screen = _register(qtbot, win)
    assert [r.record.seal_id for r in screen.rows] == ["contract", "finance", "legal-rep", "official"]
    assert screen.table.rowCount() == 4 and screen.history_table.rowCount() == 2  # made, issued
    official = _row(screen, "official")
    screen.choose("official")
    qtbot.waitUntil(lambda: screen.fact_labels["serial"].text() == official.certificate.serial, timeout=5000)
    assert screen.picture.shown_px[0] == pytest.approx(official.record.width_mm * px_per_mm(screen.picture), abs=1)
    assert "serialNumber=official" in screen.fact_labels["certificate"].toolTip()
    assert screen.fact_labels["certificate"].text().startswith("示例科技有限公司, 示例科技有限公司; certified by 示例科技")
    win.grab().save(str(artifacts / "ui-seal-register-en.png"))
    assert not unnamed_controls(screen), unnamed_controls(screen)

    dialog = _order(qtbot, screen, new_seal_id)
    assert "generates its key on the USB key" in dialog.explanation.text()
    dialog.grab().save(str(artifacts / "ui-seal-make-preview-en.png"))
    assert not unnamed_controls(dialog), unnamed_controls(dialog)
    _secrets(qtbot, win, dialog, passphrase="not the passphrase")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "passphrase of the office's seal authority is wrong" in dialog.message.text(),
                    timeout=10000)
    assert dialog.isVisible() and dialog.preview_ready and not dialog.secrets.passphrase_edit.text()
    assert dialog.secrets.passphrase_edit.hasFocus() and not dialog.secrets.password_edit.text()  # handed over once
    assert not demo_station.seals.history(new_seal_id)  # nothing was written
    dialog.grab().save(str(artifacts / "ui-seal-make-wrong-passphrase-en.png"))
    _secrets(qtbot, win, dialog)
    _finish(qtbot, screen, dialog)
    made = _row(screen, new_seal_id)
    assert made.record.status == SealStatus.MADE and made.certificate.matches and made.signed
    assert screen.chosen_row() is made and screen.table.rowCount() == 5
    assert screen.fact_labels["status"].text() == "Made, not issued"
    assert new_seal_id in {k.label for k in demo_station.token().list_keys(pin=win.credentials["token_pin"])}
    demo_station.token().logout()
    for action in (SealAction.SUSPEND, SealAction.REVOKE):
        assert screen.step_buttons[action].isEnabled() == (action == SealAction.REVOKE)

    dialog = _step(qtbot, win, screen, SealAction.ISSUE)
    assert dialog.custodian_box.currentData() == "custodian"
    _finish(qtbot, screen, dialog)
    assert _row(screen, new_seal_id).record.custodian == "custodian"

    dialog = _step(qtbot, win, screen, SealAction.SUSPEND, note="印章盘点")
    assert "nobody can stamp with it until the office resumes it" in dialog.explanation.text()
    dialog.grab().save(str(artifacts / "ui-seal-suspend-en.png"))
    _finish(qtbot, screen, dialog)
    assert _row(screen, new_seal_id).record.status == SealStatus.SUSPENDED
    today = {s.seal_id: s for s in demo_station.stamping().seals_usable_today("custodian")}
    assert not today[new_seal_id].usable and today[new_seal_id].error.code == "seal_suspended"
    assert today["official"].usable

    _finish(qtbot, screen, _step(qtbot, win, screen, SealAction.REVOKE))
    assert _row(screen, new_seal_id).record.status == SealStatus.REVOKED
    dialog = _step(qtbot, win, screen, SealAction.DESTROY)
    assert "cannot be undone" in dialog.explanation.text()
    _finish(qtbot, screen, dialog)
    gone = _row(screen, new_seal_id)
    assert gone.record.status == SealStatus.DESTROYED and gone.certificate is None
    qtbot.waitUntil(lambda: screen.history_table.rowCount() == 5, timeout=10000)
    assert [screen.history_table.item(i, 2).text() for i in range(5)] == ["Made", "Issued", "Suspended", "Revoked",
                                                                          "Destroyed"]
    assert "key object(s) deleted" in screen.history_table.item(4, 4).text()
    assert screen.history_table.item(2, 4).text() == "印章盘点"
    assert screen.history_table.item(2, 1).text() == "办公室 王敏 (admin)"
    assert screen.history_table.item(2, 3).text() == "version 3: Suspended, custodian 印章专管员 李静"
    assert not any(b.isEnabled() for b in screen.step_buttons.values())  # the end of its life
    win.grab().save(str(artifacts / "ui-seal-register-destroyed-en.png"))


def test_change_withdraw_and_issue_again(qtbot, demo_station, demo_home, tmp_path, artifacts):
    from PySide6.QtCore import QDate

    win = _window(qtbot, demo_station, demo_home, tmp_path)
    screen = _register(qtbot, win)
    screen.choose("finance")
    dialog = _step(qtbot, win, screen, SealAction.CHANGE)
    assert dialog.stations_edit.text() == "demo-station"
    dialog.until_edit.setDate(QDate(2028, 6, 30))
    assert not unnamed_controls(dialog), unnamed_controls(dialog)
    dialog.grab().save(str(artifacts / "ui-seal-change-en.png"))
    _finish(qtbot, screen, dialog)
    finance = _row(screen, "finance").record
    assert finance.valid_until.startswith("2028-06-30") and finance.status == SealStatus.ISSUED
    assert screen.table.item(screen.table.currentRow(), 5).text() == "2028-06-30"

    dialog = _step(qtbot, win, screen, SealAction.WITHDRAW)
    assert "taken back from its custodian, 印章专管员 李静" in dialog.explanation.text()
    _finish(qtbot, screen, dialog)
    assert _row(screen, "finance").record.custodian is None
    assert not screen.step_buttons[SealAction.SUSPEND].isEnabled() and screen.step_buttons[SealAction.ISSUE].isEnabled()
    assert "finance" not in {s.seal_id for s in demo_station.stamping().seals_usable_today("custodian")}

    _finish(qtbot, screen, _step(qtbot, win, screen, SealAction.ISSUE))
    assert _row(screen, "finance").record.custodian == "custodian"
    qtbot.waitUntil(lambda: screen.history_table.rowCount() == 5, timeout=10000)
    assert [screen.history_table.item(i, 2).text() for i in range(5)] == ["Made", "Issued", "Changed", "Withdrawn",
                                                                          "Issued"]
    with chinese():  # the language switched with the register open: it follows
        qtbot.waitUntil(lambda: screen.title.text() == "印章台账", timeout=5000)  # LanguageChange is posted
        assert screen.step_buttons[SealAction.SUSPEND].text() == "停用(&S)……"
        assert screen.table.item(screen.table.currentRow(), 2).text() == "已颁发，使用中"
        assert [screen.history_table.item(i, 2).text() for i in range(5)] == ["刻制", "颁发", "变更", "已撤回", "颁发"]
    qtbot.waitUntil(lambda: screen.title.text() == "Seal register", timeout=5000)


def test_in_chinese_a_suspended_seal_is_unusable_on_the_custodians_strip(qtbot, demo_station, demo_home, tmp_path,
                                                                         artifacts, new_seal_id):
    with chinese():
        win = _window(qtbot, demo_station, demo_home, tmp_path)
        screen = _register(qtbot, win)
        assert screen.title.text() == "印章台账"
        win.grab().save(str(artifacts / "ui-seal-register-zh_CN.png"))
        # Data, not words: the demo authority's name, user names, the certificate's subject (its tooltip).
        allow = {"SealStation", "Demo", "DEMO", "custodian", "admin", "serialNumber", "CN", "OU", "UID", "kind",
                 "seal", "official", "contract", "finance", "rep", "legal"}
        assert not english_leftovers(screen, allow=allow, visible_only=True)

        dialog = _order(qtbot, screen, new_seal_id)
        _secrets(qtbot, win, dialog, passphrase="wrong-one")
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "口令" in dialog.message.text(), timeout=10000)
        assert dialog.isVisible()
        dialog.grab().save(str(artifacts / "ui-seal-make-wrong-passphrase-zh_CN.png"))
        assert not english_leftovers(dialog, allow=allow | {"hr", "RSA", "ECDSA"}, visible_only=True)
        dialog.reject()

        screen.choose("contract")
        dialog = _step(qtbot, win, screen, SealAction.SUSPEND, note="合同专用章送检")
        dialog.grab().save(str(artifacts / "ui-seal-suspend-zh_CN.png"))
        assert not english_leftovers(dialog, allow=allow, visible_only=True)
        _finish(qtbot, screen, dialog)
        assert _row(screen, "contract").record.status == SealStatus.SUSPENDED
        assert screen.fact_labels["status"].text() == "已停用"

        win.log_out()
        type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
        qtbot.waitUntil(lambda: win.login is not None and win.stack.currentWidget() is win.queue_screen,
                        timeout=10000)
        with qtbot.waitSignal(win.status_strip.refreshed, timeout=10000):
            win.refresh_status()
        assert "3" in win.status_strip.seals_label.text() and "4" in win.status_strip.seals_label.text()
        assert "contract" in win.status_strip.seals_label.toolTip() and "停用" in win.status_strip.seals_label.toolTip()
        assert not win.role_actions["sealRegisterAction"].isVisible()
        qtbot.waitUntil(lambda: len(win.queue_screen.items) == 3, timeout=10000)
        contract = next(i for i in win.queue_screen.items if i.document_name == "contract.pdf")
        assert contract.seals_stopped == ("contract",)
        assert any("合同专用章（暂不可用）" in row.texts[1] for _, _, rows in win.queue_screen.model.groups
                   for row in rows)
        win.grab().save(str(artifacts / "ui-seal-suspended-custodian-zh_CN.png"))


def test_a_custodian_has_no_register_and_the_core_refuses_them(qtbot, demo_station, demo_home, tmp_path):
    win = _window(qtbot, demo_station, demo_home, tmp_path)
    type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
    qtbot.waitUntil(lambda: win.login is not None, timeout=10000)
    assert not win.role_actions["sealRegisterAction"].isVisible()
    assert win.open_view("sealRegisterAction") is None and "sealRegisterAction" not in win.views
    with pytest.raises(PermissionDeniedError):
        demo_station.seal_office().seal_register("custodian")
    authority = demo_station.open_authority(win.credentials["seal_authority_passphrase"])
    spec = SealSpec(seal_id="rogue", kind=SealKind.CONTRACT, organisation="示例科技有限公司", key_type="ec-p256")
    with pytest.raises(PermissionDeniedError):
        demo_station.seal_office().make_seal(spec, by="custodian", password=win.credentials["users"]["custodian"],
                               authority=authority, pin=win.credentials["token_pin"])
    assert not demo_station.seals.history("rogue")
