"""The office's backup key: an age X25519 key pair whose public half each station encrypts its backups to.

The office keeps the identity (private key) offline; the station holds only
the recipient (public key) in ``office/backup-recipient.txt``, with the seal
authority's signature over it in ``backup-recipient.txt.sig`` (hex ECDSA over
``sealstation-backup-recipient/1:<recipient>``). A backup refuses to run when
that signature does not hold, so an insider cannot swap in a recipient of
their own and read the next backup.

The identity file is age's own format (``age -d -i FILE`` opens a backup's
payload too), optionally encrypted with a passphrase by age's scrypt recipient.
All cryptography is age's, through pyrage.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackupKeyError
from ..fsutil import HOME_FILE_MODE, atomic_output, atomic_write_bytes, read_input_bytes

__all__ = ["OfficeBackupKey", "make_identity", "write_identity", "read_identity", "identity_is_protected",
           "install_recipient", "signed_recipient", "recipient_message", "MAKE_KEY_COMMAND"]

_CONTEXT = b"sealstation-backup-recipient/1:"
_AGE_MAGIC = b"age-encryption.org/v1"
MAKE_KEY_COMMAND = "sealstation backup office-key --out IDENTITY.txt --by ADMIN"


@dataclass(frozen=True)
class OfficeBackupKey:
    """The office's backup recipient as installed in a station home."""

    recipient: str
    """The age public key (``age1…``) backups are encrypted to."""
    path: Path


def recipient_message(recipient: str) -> bytes:
    """What the seal authority signs to install ``recipient``."""
    return _CONTEXT + recipient.encode("ascii")


def _paths(home) -> tuple[Path, Path]:
    path = home.office_dir / "backup-recipient.txt"
    return path, path.with_name(path.name + ".sig")


def make_identity():
    """A new age X25519 identity (pyrage)."""
    from pyrage import x25519

    return x25519.Identity.generate()


def write_identity(identity, out: Path, *, made_at: dt.datetime, passphrase: str | None = None,
                   overwrite: bool = False) -> None:
    """Write the identity file (0600), in age's format, encrypted with ``passphrase`` when given."""
    from pyrage import passphrase as age_passphrase

    text = (f"# SealStation office backup key, made {made_at:%Y-%m-%d %H:%M} UTC.\n"
            "# PRIVATE: whoever holds this file opens every backup made to it. Keep it OFFLINE (a safe, a USB stick\n"
            "# kept by the office), never on a station; without it no backup can be restored.\n"
            f"# public key: {identity.to_public()}\n{identity}\n").encode("ascii")
    if passphrase:
        text = age_passphrase.encrypt(text, passphrase)
    with atomic_output(Path(out), overwrite=overwrite) as f:
        os.fchmod(f.fileno(), HOME_FILE_MODE)
        f.write(text)


def identity_is_protected(path: Path) -> bool:
    """Whether the identity file is passphrase-encrypted (a passphrase must be asked to read it)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(_AGE_MAGIC)) == _AGE_MAGIC
    except OSError as exc:
        raise BackupKeyError(f"The backup identity {path} cannot be read: {exc.strerror or exc}.") from exc


def read_identity(path: Path, passphrase: str | None = None):
    """The age identity in ``path`` (opened with ``passphrase`` when it is protected)."""
    import pyrage
    from pyrage import passphrase as age_passphrase
    from pyrage import x25519

    path = Path(path)
    try:
        data = read_input_bytes(path)
    except OSError as exc:
        raise BackupKeyError(f"The backup identity {path} cannot be read: {exc.strerror or exc}.") from exc
    if data.startswith(_AGE_MAGIC):
        try:
            data = age_passphrase.decrypt(data, passphrase or "")
        except pyrage.DecryptError as exc:
            raise BackupKeyError(f"The passphrase of the backup identity {path} is wrong.",
                                 hint="Type the passphrase the office chose when it made the key.") from exc
    lines = [ln.strip() for ln in data.decode("ascii", "replace").splitlines()]
    keys = [ln for ln in lines if ln.startswith("AGE-SECRET-KEY-")]
    try:
        if len(keys) != 1:
            raise ValueError("no single AGE-SECRET-KEY line")
        return x25519.Identity.from_str(keys[0])
    except (ValueError, pyrage.IdentityError) as exc:
        raise BackupKeyError(f"{path} is not an office backup identity (an age X25519 key).",
                             hint=f"Give the file written by '{MAKE_KEY_COMMAND}'.") from exc


def install_recipient(home, recipient: str, authority) -> OfficeBackupKey:
    """Install ``recipient`` (``age1…``) in the station home with the seal ``authority``'s signature."""
    import pyrage
    from pyrage import x25519

    try:
        x25519.Recipient.from_str(recipient)
    except (ValueError, pyrage.RecipientError) as exc:
        raise BackupKeyError(f"{recipient!r} is not an age X25519 public key (age1…).") from exc
    path, sig = _paths(home)
    signature = authority.sign(recipient_message(recipient))
    atomic_write_bytes(path, recipient.encode("ascii") + b"\n")
    atomic_write_bytes(sig, signature.encode("ascii"))
    return OfficeBackupKey(recipient, path)


def signed_recipient(home, ca_cert) -> OfficeBackupKey:
    """The installed recipient, once its office signature holds; else :class:`BackupKeyError` saying why."""
    from ..seals.authority import office_signature_ok

    path, sig = _paths(home)
    if not path.is_file():
        raise BackupKeyError(f"This station has no office backup key ({path} is missing): no backup was made.",
                             hint=f"The office installs one: '{MAKE_KEY_COMMAND}'.", code="backup_key_missing")
    try:
        recipient = path.read_text(encoding="ascii").strip()
        signature = sig.read_text(encoding="ascii").strip() if sig.is_file() else None
    except (OSError, ValueError) as exc:
        raise BackupKeyError(f"The office backup key {path} cannot be read: {exc}.") from exc
    if not office_signature_ok(ca_cert, recipient_message(recipient), signature):
        raise BackupKeyError(
            f"The backup key in {path} is not signed by this office's seal authority (replaced, or its signature "
            "is missing): no backup was made, so that nobody else can read the station's records.",
            hint=f"The office installs its backup key again: '{MAKE_KEY_COMMAND}'.", code="backup_key_unsigned")
    return OfficeBackupKey(recipient, path)
