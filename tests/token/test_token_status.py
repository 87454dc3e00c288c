"""The USB key watch: the real SoftHSM2 token behind it, the USB bus through pyusb's backend interface (fake devices)."""

from __future__ import annotations

import sys

import pytest

from sealstation.token import watch
from sealstation.token.session import TokenSession
from sealstation.token.usb_keys import KNOWN_VENDORS, identify
from sealstation.token.watch import TokenStatus, UsbWatch, token_status
from support.usb_fakes import FakeBus

FEITIAN_EPASS2003 = (0x096E, 0x0807)
A_MOUSE = (0x046D, 0xC077)


def test_present_key_gives_label_serial_and_pin_flags(station, seal_token):
    station.usb_watch = UsbWatch(FakeBus(A_MOUSE))
    status = station.token_status()
    assert isinstance(status, TokenStatus)
    assert status.present and status.problem is None
    assert status.label == seal_token.token_label
    assert status.serial and status.manufacturer == "SoftHSM project"
    assert not (status.final_try or status.locked or status.logged_in)
    assert status.usb_watched and status.usb_keys == ()  # a mouse is no key
    assert status.module == seal_token.module_path


def test_logged_in_and_count_low_come_from_the_token(station, seal_token, pin):
    station.usb_watch = UsbWatch(FakeBus())
    with pytest.raises(Exception):
        station.token().login("000000" if pin != "000000" else "111111")
    assert station.token_status().count_low  # SoftHSM2 sets COUNT_LOW after a wrong PIN
    station.token().login(pin)
    assert station.token_status().logged_in


def _absent_session(seal_token) -> TokenSession:
    return TokenSession(seal_token.module_path, token_label="Not Plugged In", softhsm2_conf=seal_token.conf_path,
                        rescan_interval_s=3600)


def test_key_on_the_bus_but_not_seen_by_the_module_names_vendor_and_module(seal_token):
    with _absent_session(seal_token) as session:
        status = token_status(session, UsbWatch(FakeBus(A_MOUSE, FEITIAN_EPASS2003)), module_path="/x/libsofthsm2.so")
    assert not status.present and status.problem == watch.NOT_SEEN
    assert status.fact("vendor").startswith("Feitian") and status.fact("product") == "ePass2003"
    assert status.fact("usb_id") == "096e:0807"
    assert status.fact("serves") == "" and status.fact("module") == "/x/libsofthsm2.so"  # the maker's own driver


def test_absent_key_is_told_apart_from_an_unseen_one(seal_token):
    bus = FakeBus(A_MOUSE)
    with _absent_session(seal_token) as session:
        assert token_status(session, UsbWatch(bus)).problem == watch.ABSENT
        bus.devices.append((0x1050, 0x0407))  # a YubiKey plugged in
        status = token_status(session, UsbWatch(bus))
    assert status.problem == watch.NOT_SEEN and status.fact("vendor") == "Yubico"
    assert status.fact("serves") == "OpenSC (opensc-pkcs11.so, piv driver)"


def test_without_pyusb_the_bus_is_not_watched_and_the_key_still_is(station, monkeypatch):
    monkeypatch.setitem(sys.modules, "usb.core", None)  # import usb.core raises ImportError
    status = station.token_status()
    assert status.present and not status.usb_watched and status.usb_problem == watch.NO_PYUSB


def test_without_a_libusb_backend_the_bus_is_not_watched(station, monkeypatch):
    import usb.core

    def no_backend(**kwargs):
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    station.usb_watch = UsbWatch()
    status = station.token_status()
    assert status.present and status.usb_problem == watch.NO_BACKEND


def test_no_module_is_a_status_not_a_crash(station):
    from sealstation.errors import TokenModuleError

    status = token_status(TokenModuleError("The PKCS#11 module set in the station configuration does not exist: "
                                           "/nowhere.so."), UsbWatch(FakeBus(FEITIAN_EPASS2003)), module_path="/nowhere.so")
    assert status.problem == watch.MODULE and status.fact("module") == "/nowhere.so" and status.usb_keys


def test_vendor_table():
    assert identify(0x20A0, 0x4108).name == "Nitrokey Nitrokey Pro"
    assert identify(0x20A0, 0x41E5) is None  # a BlinkStick shares Nitrokey's vendor id
    assert identify(0x163C, 0x1234).vendor.startswith("Watchdata") and identify(0x163C, 0x1234).product == ""
    assert all(v.source for v in KNOWN_VENDORS)
    assert len({v.vendor_id for v in KNOWN_VENDORS}) == len(KNOWN_VENDORS)
