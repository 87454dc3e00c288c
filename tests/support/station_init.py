"""What the office hands over for a new station (tests of ``station init`` and the set-up assistant).

The session's seal authority (certificate and passphrase-protected key), a policy it signed, and the session's
USB key (SoftHSM2) with the seals' keys on it; plus a blank key beside it, initialised but holding no key.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sealstation.policy import PolicyFiles, write_signed_policy

from .station_fixtures import TEST_POLICY

EMPTY_TOKEN_LABEL = "Blank Key"


@dataclass(frozen=True)
class HandedOver:
    """The office's files for a new station, in a folder of the test."""

    folder: Path
    ca_cert: Path
    ca_key: Path
    policy: Path


def handed_over(folder: Path, seal_token) -> HandedOver:
    folder.mkdir(parents=True, exist_ok=True)
    ca_cert = folder / "seal-authority.pem"
    ca_key = folder / "seal-authority-key.pem"
    shutil.copyfile(seal_token.authority_cert_path, ca_cert)
    shutil.copyfile(Path(seal_token.authority_cert_path).parent / "ca-key.pem", ca_key)
    write_signed_policy(PolicyFiles(folder), TEST_POLICY, seal_token.authority)
    return HandedOver(folder, ca_cert, ca_key, PolicyFiles(folder).path)


@pytest.fixture(scope="session")
def blank_token(seal_token) -> str:
    """A second USB key on the session's SoftHSM2, initialised with the session's PIN but holding no key."""
    from sealstation.token.keys import init_token
    from sealstation.token.module import load_pkcs11

    lib = load_pkcs11(seal_token.module_path, seal_token.conf_path)
    labels = {slot.get_token().label.strip() for slot in lib.get_slots(token_present=True)}
    if EMPTY_TOKEN_LABEL not in labels:
        init_token(lib, label=EMPTY_TOKEN_LABEL, so_pin=seal_token.so_pin, user_pin=seal_token.user_pin)
    return EMPTY_TOKEN_LABEL


def first_stamp(home: Path, seal_token, folder: Path, *, admin: str = "admin", first_password: str) -> Path:
    """After set-up, as the office goes on: the office user sets their password, adds a custodian and an approver,
    registers the official seal from its key on the USB key, issues it; then a document is approved and stamped.
    The stamped file's path."""
    from sealstation.model import SealKind
    from sealstation.seals.image import draw_seal
    from sealstation.seals.lifecycle import SealAction
    from sealstation.seals.making import SealSpec
    from sealstation.station import Station

    from .pdfs import make_pdf
    from .station_fixtures import ORG, password, stamp_approved

    station = Station.open(home, token=seal_token.session)
    try:
        station.change_password(admin, first_password, password("admin"))
        for user, roles, level in (("custodian", ["custodian"], None), ("gm", ["approver"], "general_manager")):
            station.people().add_user(user, user, roles, f"first-{user}-pw", approver_level=level, by=admin,
                                      password=password("admin"), authority=seal_token.authority)
            station.change_password(user, f"first-{user}-pw", password(user))
        spec = SealSpec(seal_id="official", kind=SealKind.OFFICIAL, organisation=ORG, existing_key=True,
                        image=draw_seal(SealKind.OFFICIAL, ORG, None), name=f"{ORG}公章", valid_days=365)
        station.seal_office().make_seal(spec, by=admin, password=password("admin"), authority=seal_token.authority,
                                        pin=None)
        station.seal_office().change_seal("official", SealAction.ISSUE, by=admin, password=password("admin"),
                                          authority=seal_token.authority, custodian="custodian")
        src = make_pdf(folder / "letter.pdf")
        out = folder / "letter-stamped.pdf"
        stamp_approved(station, seal_token.user_pin, src, out)
    finally:
        station.close()
    return out


def pdfsig_valid(path: Path) -> bool:
    """poppler's pdfsig: every signature valid (the trust chain aside: the office's authority is not in its store)."""
    import subprocess

    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=120)
    verdicts = [line.split(":", 1)[1].strip() for line in proc.stdout.splitlines()
                if "Signature Validation:" in line]
    return bool(verdicts) and all(v == "Signature is Valid." for v in verdicts)


def leftovers(folder: Path, target: Path) -> list[str]:
    """Anything a failed set-up left beside ``target`` (its hidden work folder, or the target itself)."""
    return sorted(p.name for p in folder.iterdir() if p.name == target.name or p.name.startswith(f".{target.name}."))
