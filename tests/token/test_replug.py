"""The USB key pulled out and put back (SoftHSM2: its token folder moved away and back), with no restart.

What the custodian saw before: "GeneralError" until the program was restarted. SoftHSM2 answers
CKR_GENERAL_ERROR to C_GetTokenInfo once a token's store vanished, and keeps answering it after the store is
back, until the module is finalised and initialised again (tests 1 and 2 pin exactly that).
"""

from __future__ import annotations

import secrets
import shutil

import pytest
from pkcs11.exceptions import GeneralError

from sealstation.errors import TokenAbsentError
from sealstation.token import watch
from sealstation.token.keys import init_token
from sealstation.token.module import load_pkcs11, reinitialize_pkcs11
from sealstation.token.session import TokenSession
from sealstation.token.watch import UsbWatch
from support.pdfs import make_pdf
from support.station_fixtures import stamp_approved
from support.usb_fakes import FakeBus, pulled_out, token_dir

LABEL = "Replug Test"


@pytest.fixture(scope="module")
def spare_token(seal_token):
    """A second token in the session's SoftHSM2 store, removed again afterwards (the store as it was)."""
    pin = f"{secrets.randbelow(10**6):06d}"
    lib = load_pkcs11(seal_token.module_path, seal_token.conf_path)
    init_token(lib, label=LABEL, so_pin=secrets.token_hex(6), user_pin=pin)
    folder = token_dir(seal_token.conf_path, LABEL)
    yield folder, pin
    shutil.rmtree(folder, ignore_errors=True)
    reinitialize_pkcs11()  # the module forgets it


@pytest.fixture
def replug_session(seal_token, spare_token):
    with TokenSession(seal_token.module_path, token_label=LABEL, softhsm2_conf=seal_token.conf_path,
                      rescan_interval_s=0) as session:
        yield session


def test_the_cause_softhsm2_says_general_error_after_the_store_came_back(seal_token, spare_token):
    """The module alone, as the station used it before: GeneralError with the key out, and still after it is back."""
    folder, _ = spare_token
    lib = load_pkcs11(seal_token.module_path, seal_token.conf_path)
    lib.get_token(token_label=LABEL)
    with pulled_out(folder):
        with pytest.raises(GeneralError):
            lib.get_token(token_label=LABEL)
    with pytest.raises(GeneralError):
        lib.get_token(token_label=LABEL)
    reinitialize_pkcs11()  # C_Finalize + C_Initialize: what the token session now does
    assert lib.get_token(token_label=LABEL).label.strip() == LABEL


def test_pulled_closes_the_session_at_once_and_put_back_works_without_restart(replug_session, spare_token):
    folder, pin = spare_token
    replug_session.login(pin)
    assert replug_session.probe().logged_in
    with pulled_out(folder):
        with pytest.raises(TokenAbsentError):
            replug_session.probe()
        assert not replug_session.logged_in  # closed at once, not at the next idle tick
        with pytest.raises(TokenAbsentError):
            replug_session.run(lambda s: None, pin=pin)
    seen = replug_session.probe()
    assert seen.label == LABEL and not seen.logged_in
    assert replug_session.run(lambda s: len(list(s.get_objects())), pin=pin) == 0  # a logged-in session again


def test_other_sessions_of_the_process_survive_the_module_restart(replug_session, spare_token, seal_token, pin):
    folder, spare_pin = spare_token
    replug_session.login(spare_pin)
    with pulled_out(folder):
        with pytest.raises(TokenAbsentError):
            replug_session.probe()  # restarts the module: every session of the process ended
    # The shared session finds its token again and logs in anew (its old handle is dropped, never reused).
    assert seal_token.session.list_keys(pin=pin)


def test_station_token_status_through_a_replug_then_a_stamp(station, seal_token, pin, tmp_path, monkeypatch):
    """The station's own key, pulled and put back under an open station: the status says so, then a stamp works."""
    from sealstation.errors import TokenError

    monkeypatch.setattr(seal_token.session, "rescan_interval_s", 0)
    station.usb_watch = UsbWatch(FakeBus())
    src = make_pdf(tmp_path / "in.pdf")
    station.token().login(pin)
    assert station.token_status().logged_in
    with pulled_out(token_dir(seal_token.conf_path, seal_token.token_label)):
        status = station.token_status()
        assert not status.present and status.problem == watch.ABSENT and not status.logged_in
        with pytest.raises(TokenError) as refused:
            stamp_approved(station, pin, src, tmp_path / "out-pulled.pdf")
        assert "GeneralError" not in str(refused.value)
    status = station.token_status()
    assert status.present and status.label == seal_token.token_label
    result = stamp_approved(station, pin, src, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").is_file() and result
