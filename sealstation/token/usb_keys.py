"""USB keys the station can name from their USB vendor and product id.

The table says who made a key plugged into the computer and which PKCS#11
module serves it, so that a key the configured module does not see (a missing
or wrong driver, the commonest support call with desktop signers) is named to
the person instead of being reported as "no key".

Only facts that could be checked are in it; each entry says where from:

- ``usb.ids``: the USB ID repository as shipped by usbutils (version 2025.07.26,
  /var/lib/usbutils/usb.ids on Debian/Ubuntu);
- ``CCID``: libccid's ``readers/supported_readers.txt`` (github.com/LudovicRousseau/CCID,
  commit 5de6a966, June 2026);
- ``OpenSC``: the card drivers of github.com/OpenSC/OpenSC (commit 14c80b0a, August 2026):
  ``epass2003`` (card-epass2003.c), ``piv`` (card-piv.c names Yubico, Nitrokey and
  Feitian PIVKey), ``openpgp`` (card-openpgp.c names the Yubikey NEO/4/5).

Longmai (龙脉), HaiTai (海泰), GMRZ and other makers of Chinese e-seal keys are not
listed: neither source gives their USB vendor ids, and a guessed id would name the
wrong maker. An office adds its keys with :func:`identify`'s ``known`` argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

__all__ = ["KnownVendor", "UsbKey", "KNOWN_VENDORS", "identify"]

_MAKERS = ""
"""KnownVendor.module for keys served by the maker's own PKCS#11 library (from the key's driver installer)."""


@dataclass(frozen=True)
class KnownVendor:
    """A maker of USB keys, by USB vendor id."""

    vendor_id: int
    vendor: str
    """The maker's name as people know it."""
    module: str
    """The PKCS#11 module that serves its keys (a product and library name); '' for the maker's own."""
    products: Mapping[int, str] = field(default_factory=dict)
    """Product id → model. With ``any_product`` False only these are keys (the vendor id is shared)."""
    any_product: bool = True
    """Every device of this vendor id is a security key or a reader for one."""
    source: str = ""


@dataclass(frozen=True)
class UsbKey:
    """A USB key seen on the bus."""

    vendor_id: int
    product_id: int
    vendor: str
    product: str
    """The model, or '' when the table does not know this product id."""
    module: str
    """The PKCS#11 module that serves it (from the table); '' for the maker's own PKCS#11 library."""

    @property
    def usb_id(self) -> str:
        """'096e:0807', as lsusb prints it."""
        return f"{self.vendor_id:04x}:{self.product_id:04x}"

    @property
    def name(self) -> str:
        """'Feitian ePass2003', or the maker alone."""
        return f"{self.vendor} {self.product}".strip()


KNOWN_VENDORS: tuple[KnownVendor, ...] = (
    # The ePass2003 also works with OpenSC (opensc-pkcs11.so, its epass2003 driver); Feitian's own serves them all.
    KnownVendor(0x096E, "Feitian (飞天诚信)", _MAKERS,
                {0x0005: "ePass2000", 0x0305: "ePass2000Auto", 0x0309: "ePass3000GM", 0x0401: "ePass3000",
                 0x0702: "ePass3003", 0x0703: "ePass3003Auto", 0x0807: "ePass2003", 0x080A: "ePass2003Auto",
                 0x080F: "eJAVA Token", 0x0603: "PIVKey T800"},
                source="usb.ids; CCID; OpenSC epass2003"),
    KnownVendor(0x163C, "Watchdata (握奇)", _MAKERS,
                {0x0406: "USB CCID Key (WatchCNPC)", 0x0407: "USB Key", 0x0417: "USB Key", 0x0418: "USB Key",
                 0x0A03: "W5181"},
                source="CCID"),
    KnownVendor(0x1EA8, "Excelsecu", _MAKERS,
                {0x8013: "card reader", 0x800F: "TOKEN2 Molto2"}, source="CCID"),
    KnownVendor(0x1050, "Yubico", "OpenSC (opensc-pkcs11.so, piv driver)",
                {0x0111: "YubiKey NEO", 0x0112: "YubiKey NEO", 0x0115: "YubiKey NEO", 0x0116: "YubiKey NEO",
                 0x0404: "YubiKey 4/5", 0x0405: "YubiKey 4/5", 0x0406: "YubiKey 4/5", 0x0407: "YubiKey 4/5"},
                source="usb.ids; CCID; OpenSC piv"),
    KnownVendor(0x20A0, "Nitrokey", "OpenSC (opensc-pkcs11.so)",
                {0x4108: "Nitrokey Pro", 0x4109: "Nitrokey Storage", 0x4211: "Nitrokey Start",
                 0x4230: "Nitrokey HSM", 0x42B2: "Nitrokey 3", 0x42F3: "Nitrokey Passkey"},
                any_product=False,  # 20a0 (Clay Logic) is shared by unrelated devices (flirc, BlinkStick)
                source="usb.ids; CCID; OpenSC piv"),
    KnownVendor(0x0529, "SafeNet (Aladdin)", "SafeNet Authentication Client",
                {0x0600: "eToken Pro 64k", 0x0602: "eToken 7300", 0x0620: "eToken 5100"},
                source="usb.ids; CCID"),
    KnownVendor(0x08E6, "SafeNet / Gemalto", "SafeNet Authentication Client",
                {0x34CC: "eToken 5300", 0x34CE: "eToken 5300 C", 0x34CF: "eToken 5110+ FIPS",
                 0x34D2: "eToken Fusion", 0x2202: "Gem e-Seal Pro USB Token", 0x3438: "USB Shell Token V2"},
                any_product=False,  # Gemalto's vendor id also covers card readers
                source="usb.ids; CCID"),
)


def identify(vendor_id: int, product_id: int, known: Iterable[KnownVendor] = KNOWN_VENDORS) -> UsbKey | None:
    """The key a device with these ids is, or None when the table does not make it a key."""
    for entry in known:
        if entry.vendor_id != vendor_id:
            continue
        product = entry.products.get(product_id)
        if product is None and not entry.any_product:
            return None
        return UsbKey(vendor_id, product_id, entry.vendor, product or "", entry.module)
    return None
