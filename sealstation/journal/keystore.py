"""Where the station database key lives: the OS keyring, or an office passphrase.

The 256-bit key is made at first start and stored in the OS keyring (Windows
Credential Locker, macOS Keychain, Secret Service on Linux). Backends that would
keep it in clear on disk, or that do not work, are refused with the options
named. An explicit station setting (``journal_key_source: "passphrase"``)
derives the key from an office passphrase with scrypt instead; only its salt
is stored. The key itself is never written next to the database, logged or shown.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import keyring
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError

from ..errors import KeyringUnavailableError, RestoreRefusedError
from ..fsutil import atomic_write_bytes

__all__ = ["KEYRING_SERVICE", "keyring_key", "install_keyring_key", "passphrase_key", "check_secure_backend",
           "keyring_key_exists", "forget_keyring_key"]

KEYRING_SERVICE = "SealStation"
_INSECURE = {
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
    "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.Gnome.Keyring",
}
_OPTIONS = (
    "Enable a secure keyring: on Linux a Secret Service (GNOME Keyring or KWallet, "
    "unlocked in the session); on Windows the Credential Locker; on macOS the Keychain. "
    "Or set \"journal_key_source\": \"passphrase\" in station.json to derive the key "
    "from an office passphrase asked at start."
)


def _name(backend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def check_secure_backend(backend) -> None:
    """Refuse keyring backends that store in clear or do not work."""
    if isinstance(backend, ChainerBackend):
        usable = [b for b in backend.backends if _name(b) not in _INSECURE]
        if not usable:
            raise KeyringUnavailableError("No secure OS keyring is available for the journal key.", hint=_OPTIONS)
        return
    if _name(backend) in _INSECURE or getattr(backend, "priority", 1) <= 0:
        raise KeyringUnavailableError(
            f"The OS keyring backend {_name(backend)} cannot hold the journal key safely.", hint=_OPTIONS
        )


def keyring_key(station_id: str, *, create: bool) -> bytes:
    """The station's database key from the OS keyring; made there at first start."""
    backend = keyring.get_keyring()
    check_secure_backend(backend)
    user = f"journal-key:{station_id}"
    try:
        stored = backend.get_password(KEYRING_SERVICE, user)
        if stored is None:
            if not create:
                raise KeyringUnavailableError(
                    f"The journal key of station '{station_id}' is not in this computer's keyring.",
                    hint="Log in as the account that set up the station; a new key cannot open the old journal.",
                )
            stored = secrets.token_hex(32)
            backend.set_password(KEYRING_SERVICE, user, stored)
    except KeyringError as exc:
        raise KeyringUnavailableError(f"The OS keyring refused the journal key: {exc}.", hint=_OPTIONS) from exc
    return bytes.fromhex(stored)


def install_keyring_key(station_id: str, key: bytes, *, check_only: bool = False) -> None:
    """Put a restored station's database key into this computer's keyring.

    Refused when the keyring already holds a different key for the station:
    another home of that station on this computer would lose its key.
    ``check_only`` says whether it would be refused, and stores nothing.
    """
    backend = keyring.get_keyring()
    check_secure_backend(backend)
    user = f"journal-key:{station_id}"
    try:
        stored = backend.get_password(KEYRING_SERVICE, user)
        if stored is not None and stored != key.hex():
            raise RestoreRefusedError(
                f"This computer's keyring already holds a different journal key for station '{station_id}': "
                "another copy of that station is set up here; nothing was restored.",
                hint="Restore on the station's new computer, or remove the old station and its keyring entry first.")
        if stored is None and not check_only:
            backend.set_password(KEYRING_SERVICE, user, key.hex())
    except KeyringError as exc:
        raise KeyringUnavailableError(f"The OS keyring refused the journal key: {exc}.", hint=_OPTIONS) from exc


def passphrase_key(passphrase: str, salt_path: Path, *, create: bool) -> bytes:
    """A 256-bit key derived from the office passphrase (scrypt, n=2**15)."""
    if not passphrase:
        raise KeyringUnavailableError("The journal passphrase is empty.", hint="Enter the office passphrase.")
    if salt_path.is_file():
        salt = salt_path.read_bytes()
    elif create:
        salt = secrets.token_bytes(16)
        atomic_write_bytes(salt_path, salt)
    else:
        raise KeyringUnavailableError(f"The journal salt file {salt_path} is missing.")
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def keyring_key_exists(station_id: str) -> bool:
    """Whether this computer's keyring holds a journal key for ``station_id`` (another home of that station here)."""
    try:
        return keyring.get_keyring().get_password(KEYRING_SERVICE, f"journal-key:{station_id}") is not None
    except KeyringError as exc:
        raise KeyringUnavailableError(f"The OS keyring refused the journal key: {exc}.", hint=_OPTIONS) from exc


def forget_keyring_key(station_id: str) -> None:
    """Remove the journal key of ``station_id`` (a station set-up that failed after making it; nothing else)."""
    try:
        keyring.get_keyring().delete_password(KEYRING_SERVICE, f"journal-key:{station_id}")
    except KeyringError:
        pass  # none was there (PasswordDeleteError) or the keyring is gone: nothing of this set-up is left in it
