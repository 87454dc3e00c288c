"""A pyusb backend that lists fake USB devices (the bus), and pulling a SoftHSM2 token out of its store."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import usb.backend

__all__ = ["FakeBus", "pulled_out", "token_dir"]


class FakeBus(usb.backend.IBackend):
    """pyusb's backend interface over a list of (vendor id, product id): what ``usb.core.find`` enumerates.

    ``devices`` may be changed between calls (a key plugged in or pulled out)."""

    def __init__(self, *devices: tuple[int, int]) -> None:
        self.devices = list(devices)

    def enumerate_devices(self):
        return [(i, ids) for i, ids in enumerate(self.devices)]

    def get_device_descriptor(self, dev):
        address, (vendor, product) = dev
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=0, bDeviceSubClass=0, bDeviceProtocol=0,
            bMaxPacketSize0=64, idVendor=vendor, idProduct=product, bcdDevice=0x0100, iManufacturer=1, iProduct=2,
            iSerialNumber=3, bNumConfigurations=1, address=address + 2, bus=1, port_number=address + 1,
            port_numbers=(address + 1,), speed=2)


def token_dir(conf_path: str | Path, label: str) -> Path:
    """The SoftHSM2 token folder (in the tokendir of ``conf_path``) holding the token ``label``."""
    text = Path(conf_path).read_text()
    tokens = Path(re.search(r"directories\.tokendir\s*=\s*(\S+)", text).group(1))
    wanted = label.encode("utf-8")
    for folder in tokens.iterdir():
        store = folder / "token.object"
        if store.is_file() and wanted in store.read_bytes():
            return folder
    raise LookupError(f"no SoftHSM2 token labelled {label!r} in {tokens}")


@contextlib.contextmanager
def pulled_out(folder: Path) -> Iterator[None]:
    """The token is out of the computer for the block: its SoftHSM2 folder is moved away, then back."""
    away = folder.parent.parent / f"pulled-{folder.name}"  # out of the tokendir: SoftHSM2 reads every folder in it
    shutil.move(str(folder), str(away))
    try:
        yield
    finally:
        shutil.move(str(away), str(folder))
