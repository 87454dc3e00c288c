"""The first start: with no station home the window opens the set-up assistant, which makes the station.

Driven as the office's IT person drives it (typed answers, Next, Make the station) on the session's SoftHSM2 token
and the office's files (tests/support/station_init.py); each wrong answer is said on its page and leaves no home.
"""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWizard

from sealstation.journal.keystore import keyring_key_exists
from support.station_init import first_stamp, handed_over, leftovers, pdfsig_valid
from support.usb_fakes import FakeBus

FIRST_PW = "first-admin-pw"
FEITIAN_EPASS2003 = (0x096E, 0x0807)


@pytest.fixture
def starter(qtbot, tmp_path, seal_token, monkeypatch):
    from support.window import window_settings
    from ui import app as app_module

    monkeypatch.setattr("ui.i18n.settings", lambda: window_settings(tmp_path))
    start = app_module._Starter(QApplication.instance(), tmp_path / "station")
    start.quit = lambda code: setattr(start, "quit_with", code)
    start.show_fatal = lambda text: setattr(start, "fatal", text)
    start.setup_options = dict(softhsm2_conf=seal_token.conf_path, usb_backend=FakeBus(FEITIAN_EPASS2003))
    yield start
    start.tasks.wait()
    if start.window is not None:
        start.window.confirm_quit = lambda: True
        start.window.close()
    if start.station is not None:
        start.station.close()


def _type(page, name: str, text: str) -> None:
    edit = page.findChild(QLineEdit, name)
    edit.clear()
    edit.setFocus()
    QApplication.instance().processEvents()
    from PySide6.QtTest import QTest

    QTest.keyClicks(edit, text)


def _next(qtbot, wizard) -> None:
    """Next, and wait until the page's check (in the background) has answered: the next page, or the words."""
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: not wizard.tasks.busy, timeout=20000)


def _page(wizard, name: str):
    assert wizard.currentPage().objectName() == name, (wizard.currentPage().objectName(), _problem(wizard))
    return wizard.currentPage()


def _problem(wizard) -> str:
    label = wizard.currentPage().findChild(object, "problem")
    return label.text() if label is not None and label.isVisible() else ""


def _answer(qtbot, wizard, seal_token, office, *, token=None, station_id=None, archive="", shots=None):
    """Walk the pages with good answers (or those given); stop on the first page that refuses."""
    def shot(name):
        if shots is not None:
            wizard.grab().save(str(shots(name)))

    page = _page(wizard, "modulePage")
    qtbot.waitUntil(lambda: page.findChild(object, "usbSeen").text() != "", timeout=10000)
    assert "Feitian" in page.findChild(object, "usbSeen").text()  # the USB key plugged in is named
    _type(page, "module", seal_token.module_path)
    shot("1-module")
    _next(qtbot, wizard)
    page = _page(wizard, "tokenPage")
    combo = page.findChild(object, "token")
    qtbot.waitUntil(lambda: combo.count() > 0, timeout=10000)  # the USB keys are listed in the background
    combo.setCurrentIndex(combo.findData(token or seal_token.token_label))
    _type(page, "pin", seal_token.user_pin)
    shot("2-token")
    _next(qtbot, wizard)
    if wizard.currentPage() is page:
        return
    page = _page(wizard, "stationPage")
    _type(page, "stationId", station_id or f"setup-{secrets.token_hex(3)}")
    _type(page, "stationName", "Head office")
    shot("3-station")
    _next(qtbot, wizard)
    page = _page(wizard, "officePage")
    _type(page, "caCert", str(office.ca_cert))
    _type(page, "caKey", str(office.ca_key))
    _type(page, "caPassphrase", seal_token.authority_passphrase)
    _type(page, "policy", str(office.policy))
    shot("4-office")
    _next(qtbot, wizard)
    if wizard.currentPage() is page:
        return
    page = _page(wizard, "archivePage")
    _type(page, "archive", archive)
    shot("5-archive")
    _next(qtbot, wizard)
    if wizard.currentPage() is page:
        return
    _rest(qtbot, wizard, shot)


def _rest(qtbot, wizard, shot=lambda name: None):
    page = _page(wizard, "journalKeyPage")
    qtbot.waitUntil(lambda: page.findChild(object, "keyringState").text() != "", timeout=10000)
    shot("6-journal-key")
    _next(qtbot, wizard)
    if wizard.currentPage() is page:
        return
    page = _page(wizard, "userPage")
    _type(page, "officeName", "Wang Min")
    _type(page, "officePassword", FIRST_PW)
    _type(page, "officePasswordAgain", FIRST_PW)
    shot("7-user")


def test_the_first_start_sets_the_station_up_and_its_first_stamp_verifies(qtbot, starter, seal_token, tmp_path,
                                                                          artifacts):
    from ui.setup_assistant import SetupAssistant

    office = handed_over(tmp_path / "office", seal_token)
    share = tmp_path / "share"
    share.mkdir()
    starter.start()
    wizard = starter.dialog
    assert isinstance(wizard, SetupAssistant) and wizard.isVisible()
    _answer(qtbot, wizard, seal_token, office, archive=str(share),
            shots=lambda name: artifacts / f"setup-en-{name}.png")
    page = _page(wizard, "archivePage")  # the folder is empty, not an archive yet: said, and the box offered
    assert "is not an office archive" in _problem(wizard)
    wizard.grab().save(str(artifacts / "setup-en-5-archive-refused.png"))
    page.findChild(object, "makeArchive").setChecked(True)
    _next(qtbot, wizard)
    _rest(qtbot, wizard, lambda name: wizard.grab().save(str(artifacts / f"setup-en-{name}.png")))
    qtbot.mouseClick(wizard.button(QWizard.FinishButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: starter.window is not None and starter.station is not None, timeout=30000)
    home = tmp_path / "station"
    assert (home / "station.json").is_file() and leftovers(tmp_path, home) == ["station"]
    assert starter.window.isVisible()  # the station started as usual, at its login
    assert wizard.secrets == {}  # the PIN and passphrases typed were dropped once the station was made
    starter.window.grab().save(str(artifacts / "setup-en-8-login.png"))
    starter.station.close()
    starter.station = None
    out = first_stamp(home, seal_token, tmp_path, first_password=FIRST_PW)
    assert pdfsig_valid(out)


def test_cancelling_makes_nothing(qtbot, starter, tmp_path):
    starter.start()
    wizard = starter.dialog
    qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    assert starter.quit_with == 1 and starter.window is None and wizard.secrets == {}
    assert leftovers(tmp_path, tmp_path / "station") == []


@pytest.mark.parametrize("case, page_name, words", [
    ("module", "modulePage", "There is no USB key driver"),
    ("blank token", "tokenPage", "holds no seal key"),
    ("wrong CA", "officePage", "is not a seal authority certificate"),
    ("unreachable archive", "archivePage", "cannot be reached"),
])
def test_a_wrong_answer_is_said_on_its_page_and_makes_nothing(qtbot, starter, seal_token, blank_token, tmp_path,
                                                             artifacts, case, page_name, words):
    office = handed_over(tmp_path / "office", seal_token)
    station_id = f"setup-{secrets.token_hex(3)}"
    starter.start()
    wizard = starter.dialog
    if case == "module":
        qtbot.waitUntil(lambda: not wizard.tasks.busy, timeout=10000)  # the proposals are in (they fill the field)
        _type(_page(wizard, "modulePage"), "module", str(tmp_path / "libvendor-pkcs11.so"))
        _next(qtbot, wizard)
    elif case == "wrong CA":
        office = type(office)(office.folder, office.policy, office.ca_key, office.policy)
        _answer(qtbot, wizard, seal_token, office, station_id=station_id)
    else:
        _answer(qtbot, wizard, seal_token, office, station_id=station_id,
                token=blank_token if case == "blank token" else None,
                archive=str(tmp_path / "share-not-mounted") if case == "unreachable archive" else "")
    _page(wizard, page_name)
    assert words in _problem(wizard)
    wizard.grab().save(str(artifacts / f"setup-en-refused-{case.replace(' ', '-')}.png"))
    assert leftovers(tmp_path, tmp_path / "station") == [] and not keyring_key_exists(station_id)
    qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    assert leftovers(tmp_path, tmp_path / "station") == []


def test_every_page_in_chinese_with_a_refusal_in_words(qtbot, seal_token, tmp_path, artifacts):
    """The assistant as the office's IT person first sees it (Chinese is the default): each page screenshotted, a
    wrong archive refused in Chinese, and no English left but file names, paths and proper names."""
    from support.i18n_check import chinese, english_leftovers
    from ui.setup_assistant import SetupAssistant

    office = handed_over(tmp_path / "office", seal_token)
    with chinese():
        wizard = SetupAssistant(tmp_path / "station", softhsm2_conf=seal_token.conf_path,
                                usb_backend=FakeBus(FEITIAN_EPASS2003))
        qtbot.addWidget(wizard)
        wizard.show()
        seen = []

        def shot(name):
            wizard.grab().save(str(artifacts / f"setup-zh-{name}.png"))
            seen.extend(english_leftovers(wizard, visible_only=True,
                                          allow={"Feitian", "ePass2003", "SealStation", "Head", "office", "Wang",
                                                 "Min", "admin", "Test", "Blank", "Key", "Demo"}))  # token labels: data

        _answer(qtbot, wizard, seal_token, office, archive=str(tmp_path / "share-not-mounted"), shots=shot)
        _page(wizard, "archivePage")
        assert "无法访问存档文件夹" in _problem(wizard)
        shot("5-archive-refused")
        _type(wizard.currentPage(), "archive", "")
        _next(qtbot, wizard)
        _rest(qtbot, wizard, shot)
        assert seen == []
        qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    assert leftovers(tmp_path, tmp_path / "station") == []


def test_without_a_keyring_the_journal_key_comes_from_a_passphrase_said_plainly(qtbot, starter, seal_token, tmp_path,
                                                                                 monkeypatch, artifacts):
    """No secure keyring on this computer: the page says so and what it means, takes a passphrase (typed twice, long
    enough), and the station made asks it at its first start."""
    import keyring
    from keyring.backends.null import Keyring as NullKeyring

    from ui.passphrase_dialog import PassphraseDialog

    monkeypatch.setattr(keyring, "get_keyring", lambda: NullKeyring())
    office = handed_over(tmp_path / "office", seal_token)
    starter.start()
    wizard = starter.dialog
    _answer(qtbot, wizard, seal_token, office)  # stops here: no passphrase typed yet
    page = _page(wizard, "journalKeyPage")
    assert not page.findChild(object, "keyKeyring").isEnabled() and page.findChild(object, "keyPassphrase").isChecked()
    assert "no secure keyring" in page.findChild(object, "keyringState").text()
    wizard.grab().save(str(artifacts / "setup-en-6-journal-key-no-keyring.png"))
    assert "too short" in _problem(wizard)
    _type(page, "journalPassphrase", "too short")
    _type(page, "journalPassphraseAgain", "too short")
    _next(qtbot, wizard)
    assert "too short" in _problem(wizard)
    _type(page, "journalPassphrase", "office journal passphrase 2026")
    _type(page, "journalPassphraseAgain", "office journal passphrase 2O26")
    _next(qtbot, wizard)
    assert "differ" in _problem(wizard)
    _type(page, "journalPassphraseAgain", "office journal passphrase 2026")
    _next(qtbot, wizard)
    page = _page(wizard, "userPage")
    _type(page, "officePassword", FIRST_PW)
    _type(page, "officePasswordAgain", FIRST_PW)
    qtbot.mouseClick(wizard.button(QWizard.FinishButton), Qt.LeftButton)
    qtbot.waitUntil(lambda: isinstance(starter.dialog, PassphraseDialog), timeout=30000)
    assert '"journal_key_source": "passphrase"' in (tmp_path / "station" / "station.json").read_text()
