"""A station backup file: a signed, unencrypted header, then an age payload only the office can open.

Layout::

    SEALSTATION-BACKUP/1\\n
    {header JSON, one line}\\n
    age payload (binary, to the office's backup recipient)

The header says which station, when, the journal head the backup holds, the
payload's SHA-256 and size, and the key source; it carries the station's
certificate and the station's signature over the rest (canonical JSON), so
anyone holding the office's seal authority certificate can check a backup
without any secret (:func:`check_backup`). The payload is a tar holding
``MANIFEST.json`` (the SHA-256 of every other member), a consistent snapshot
of the SQLCipher database (``VACUUM INTO``: still encrypted with the station's
key), ``station.json``, the journal salt, the office's public files and the
seal images, and for a keyring station the database key itself, so that the
office can restore on a new computer. A passphrase station's key is not in
it: the office's journal passphrase opens the restored database as before.

The payload is built in memory (a station database is small) and the file is
written atomically; no decrypted byte touches the disk when checking.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackupDamagedError, BackupKeyError, StationKeyError
from ..fsutil import atomic_output
from ..journal.journal import GENESIS, iso_seconds

__all__ = ["BackupHeader", "BackupResult", "BackupCheck", "make_backup", "read_header", "check_backup",
           "open_payload", "FORMAT", "MAGIC", "KEY_MEMBER", "MANIFEST", "DB_MEMBER", "CONFIG_MEMBER"]

FORMAT = "sealstation-backup/1"
MAGIC = b"SEALSTATION-BACKUP/1\n"
MANIFEST = "MANIFEST.json"
DB_MEMBER = "station.db"
CONFIG_MEMBER = "station.json"
KEY_MEMBER = "secrets/journal-key.hex"
_MAX_HEADER = 64 * 1024
_OFFICE_PRIVATE = {"seal-authority-key.pem"}  # the office's own key file: kept by the office, never copied out


@dataclass(frozen=True)
class BackupHeader:
    """The unencrypted header of a backup, as signed by the station."""

    station: str
    made_at: str
    """UTC, ISO seconds."""
    journal_seq: int
    """The last journal entry the backup holds."""
    journal_hash: str
    key_source: str
    """``keyring`` (the key is in the payload) or ``passphrase`` (the office's journal passphrase opens it)."""
    recipient: str
    """The office's age recipient the payload is encrypted to."""
    payload_sha256: str
    payload_bytes: int
    station_cert_pem: str
    signature: str = ""
    digest: str = ""
    """SHA-256 of the header's bytes in the file (what the journal records); empty before it is written."""

    def body(self) -> dict:
        return {"format": FORMAT, "station": self.station, "made_at": self.made_at,
                "journal": {"seq": self.journal_seq, "hash": self.journal_hash}, "key_source": self.key_source,
                "recipient": self.recipient, "payload": {"sha256": self.payload_sha256, "bytes": self.payload_bytes},
                "station_cert": self.station_cert_pem}

    def signed_bytes(self) -> bytes:
        return _canonical(self.body())

    def to_bytes(self) -> bytes:
        return MAGIC + _canonical(self.body() | {"signature": self.signature}) + b"\n"


@dataclass(frozen=True)
class BackupResult:
    """A backup written."""

    path: Path
    header: BackupHeader
    members: int
    """Files in the payload (manifest not counted)."""


@dataclass(frozen=True)
class BackupCheck:
    """A backup whose header signature and payload digest hold (and, with the identity, every member)."""

    header: BackupHeader
    members: int | None
    """Members checked against the manifest; ``None`` when the payload was not opened (no identity)."""


def _canonical(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# -- making ------------------------------------------------------------------------


def make_backup(station, out: Path, *, recipient: str, journal_key: bytes | None, overwrite: bool) -> BackupResult:
    """Write a backup of ``station`` to ``out`` (already checked), encrypted to ``recipient``."""
    import pyrage
    from pyrage import x25519

    made_at = iso_seconds(station.now())
    identity = station.station_identity()  # refused before anything is read when the office issued no key
    members, (seq, head_hash) = _collect(station, journal_key)
    manifest = {"format": FORMAT, "station": station.config.station_id, "made_at": made_at,
                "journal": {"seq": seq, "hash": head_hash}, "key_source": station.config.journal_key_source,
                "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}}
    tar = _tar({MANIFEST: _canonical(manifest), **members}, made_at)
    try:
        payload = pyrage.encrypt(tar, [x25519.Recipient.from_str(recipient)])
    except (ValueError, pyrage.RecipientError, pyrage.EncryptError) as exc:
        raise BackupKeyError(f"The office backup key {recipient!r} cannot be encrypted to: {exc}.") from exc
    header = BackupHeader(station.config.station_id, made_at, seq, head_hash, station.config.journal_key_source,
                          recipient, hashlib.sha256(payload).hexdigest(), len(payload),
                          identity.certificate_pem().decode("ascii"))
    header = _signed(header, identity.sign(header.signed_bytes()))
    with atomic_output(Path(out), overwrite=overwrite) as f:
        f.write(header.to_bytes())
        f.write(payload)
    return BackupResult(Path(out), header, len(members))


def _signed(header: BackupHeader, signature: str) -> BackupHeader:
    from dataclasses import replace

    header = replace(header, signature=signature)
    return replace(header, digest=hashlib.sha256(header.to_bytes()).hexdigest())


def _collect(station, journal_key: bytes | None) -> tuple[dict[str, bytes], tuple[int, str]]:
    """The payload's members (name → bytes) and the snapshot's journal head."""
    home = station.home
    folder = Path(tempfile.mkdtemp(prefix="sealstation-backup-"))  # 0700: the snapshot is still SQLCipher-encrypted
    try:
        snapshot = folder / DB_MEMBER
        head = _snapshot(station.db, snapshot)
        members = {DB_MEMBER: snapshot.read_bytes(), CONFIG_MEMBER: home.config_path.read_bytes()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if home.journal_salt_path.is_file():
        members[home.journal_salt_path.name] = home.journal_salt_path.read_bytes()
    for folder in (home.office_dir, home.seal_images_dir):
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) if folder.is_dir() else []
        for path in files:
            if path.name not in _OFFICE_PRIVATE:
                members[path.relative_to(home.root).as_posix()] = path.read_bytes()
    if journal_key is not None:
        members[KEY_MEMBER] = journal_key.hex().encode("ascii")
    return members, head


def _snapshot(db, target: Path) -> tuple[int, str]:
    """A consistent copy of the database (same key) and its last journal entry."""
    db.query("VACUUM INTO ?", (str(target),))
    # Read from the copy, not the live database: entries appended meanwhile are not in the backup.
    db.query("ATTACH DATABASE ? AS backup_snapshot", (str(target),))
    try:
        rows = db.query("SELECT seq, hash FROM backup_snapshot.journal ORDER BY seq DESC LIMIT 1")
    finally:
        db.query("DETACH DATABASE backup_snapshot")
    return (rows[0][0], rows[0][1]) if rows else (0, GENESIS)


def _tar(members: dict[str, bytes], made_at: str) -> bytes:
    buffer = io.BytesIO()
    mtime = dt.datetime.fromisoformat(made_at).timestamp()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, mtime
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


# -- reading and checking ------------------------------------------------------------


def read_header(path: Path) -> tuple[BackupHeader, int]:
    """The header of the backup at ``path`` and the offset of its payload; :class:`BackupDamagedError` if unreadable."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            magic = f.read(len(MAGIC))
            line = f.readline(_MAX_HEADER)
    except OSError as exc:
        raise BackupDamagedError(f"The backup {path} cannot be read: {exc.strerror or exc}.") from exc
    if magic != MAGIC:
        raise BackupDamagedError(f"{path} is not a SealStation backup (its first line is not "
                                 f"{MAGIC.strip().decode()}).")
    try:
        data = json.loads(line)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        header = BackupHeader(
            str(data["station"]), str(data["made_at"]), int(data["journal"]["seq"]), str(data["journal"]["hash"]),
            str(data["key_source"]), str(data["recipient"]), str(data["payload"]["sha256"]),
            int(data["payload"]["bytes"]), str(data["station_cert"]), str(data["signature"]),
            hashlib.sha256(magic + line).hexdigest())
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupDamagedError(f"The header of the backup {path} is damaged: {exc}.",
                                 hint="Use another copy of the backup; this one cannot be trusted.") from exc
    if not line.endswith(b"\n") or header.to_bytes() != magic + line:
        raise BackupDamagedError(f"The header of the backup {path} is damaged: it is not as the station wrote it.",
                                 hint="Use another copy of the backup; this one cannot be trusted.")
    return header, len(magic) + len(line)


def _check_signature(path: Path, header: BackupHeader, ca_cert) -> None:
    from cryptography import x509

    from ..station_key import check_station_certificate, station_signature_ok

    try:
        cert = x509.load_pem_x509_certificate(header.station_cert_pem.encode("ascii"))
        station_id = check_station_certificate(cert, ca_cert, at=dt.datetime.fromisoformat(header.made_at))
    except (ValueError, StationKeyError) as exc:
        why = exc.message if isinstance(exc, StationKeyError) else f"it cannot be read ({exc})"
        raise BackupDamagedError(f"The backup {path} is FORGED or damaged: its station certificate does not hold: "
                                 f"{why}", hint="Only a backup signed by a station this office certified is "
                                 "restored.") from exc
    if station_id != header.station:
        raise BackupDamagedError(f"The backup {path} is FORGED: it says station {header.station}, but its "
                                 f"certificate is station {station_id}'s.")
    if not station_signature_ok(cert, header.signed_bytes(), header.signature):
        raise BackupDamagedError(f"The backup {path} is FORGED or damaged: the station's signature over its header "
                                 "does not hold (the header was changed, or signed by another key).",
                                 hint="Use another copy of the backup; this one cannot be trusted.")


def _check_payload(path: Path, header: BackupHeader, offset: int) -> None:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        f.seek(offset)
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    if size != header.payload_bytes or digest.hexdigest() != header.payload_sha256:
        raise BackupDamagedError(
            f"The backup {path} is DAMAGED: its encrypted payload is not the one the station signed "
            f"({size} bytes, SHA-256 {digest.hexdigest()[:16]}…; the header says {header.payload_bytes} bytes, "
            f"{header.payload_sha256[:16]}…).", hint="Use another copy of the backup; this one cannot be restored.")


def check_backup(path: str | os.PathLike, ca_cert, identity=None) -> BackupCheck:
    """Check a backup without restoring it: header signature and payload digest; with ``identity``, every member.

    Raises :class:`BackupDamagedError` (or :class:`BackupKeyError` for the
    wrong identity) saying what does not hold.
    """
    path = Path(path)
    header, offset = read_header(path)
    _check_signature(path, header, ca_cert)
    _check_payload(path, header, offset)
    if identity is None:
        return BackupCheck(header, None)
    members = open_payload(path, header, offset, identity)
    return BackupCheck(header, len(members))


def open_payload(path: Path, header: BackupHeader, offset: int, identity) -> dict[str, bytes]:
    """Decrypt the payload in memory and check each member against the manifest; name → bytes (manifest excluded)."""
    import pyrage

    with open(path, "rb") as f:
        f.seek(offset)
        sealed = f.read()
    try:
        tar = pyrage.decrypt(sealed, [identity])
    except pyrage.DecryptError as exc:
        raise BackupKeyError(f"The backup {path} cannot be opened with this identity: it was encrypted to the "
                             f"office backup key {header.recipient}, not to this one ({exc}).",
                             hint="Give the office's backup identity whose public key is the one above.") from exc
    members = _untar(path, tar)
    _check_manifest(path, header, members)
    return members


def _untar(path: Path, data: bytes) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            for info in tar:
                name = info.name
                if not info.isfile() or name.startswith("/") or ".." in name.split("/") or name in members:
                    raise BackupDamagedError(f"The backup {path} holds an unexpected member {name!r}.")
                members[name] = tar.extractfile(info).read()
    except tarfile.TarError as exc:
        raise BackupDamagedError(f"The payload of the backup {path} is damaged: {exc}.") from exc
    return members


def _check_manifest(path: Path, header: BackupHeader, members: dict[str, bytes]) -> None:
    try:
        manifest = json.loads(members.pop(MANIFEST))
        listed = dict(manifest["members"])
        same = (manifest["station"], manifest["journal"]["seq"], manifest["journal"]["hash"]) == (
            header.station, header.journal_seq, header.journal_hash)
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupDamagedError(f"The manifest of the backup {path} is missing or damaged: {exc}.") from exc
    if not same:
        raise BackupDamagedError(f"The manifest of the backup {path} does not match its header (station or journal).")
    if set(listed) != set(members):
        odd = sorted(set(listed) ^ set(members))
        raise BackupDamagedError(f"The backup {path} does not hold the members its manifest lists: {', '.join(odd)}.")
    bad = [name for name, data in members.items() if hashlib.sha256(data).hexdigest() != listed[name]]
    if bad:
        raise BackupDamagedError(f"The backup {path} is DAMAGED: these members do not match the manifest: "
                                 f"{', '.join(bad)}.")
