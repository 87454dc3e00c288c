"""The station's policy, signed by the office's seal authority.

What decides who may approve what lives here, not in ``station.json``: the
authority rules (seal kind → approver level), how many days an approval
stays usable, the password policy, whether one person may both approve
and stamp, and how long and how many stamps the station may go without
reaching the office archive (grace), and which office archive the station must use
(``archive_location``). The office writes ``office/policy.json`` and signs its exact bytes
(``office/policy.json.sig``, hex ECDSA by the seal authority key); the station
checks the signature at every start and refuses a policy that is unsigned or
mis-signed, and authority settings left in ``station.json``.

The policy carries a ``version`` inside the signed bytes, raised by every
``policy sign``: the seal's token remembers the highest version seen, so an
older signed policy copied back is refused (:mod:`sealstation.journal.checkpoint`).

A station without ``policy.json`` predates signed records: it opens (so the
office can upgrade it) but refuses to approve or stamp until
``sealstation station upgrade`` has run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PolicyError
from .fsutil import atomic_write_bytes
from .seals.authority import office_signature_ok

__all__ = ["AUTHORITY_KEYS", "IDLE_LOCK_MINUTES", "StationPolicy", "PolicyFiles", "load_policy", "load_signed_policy",
           "write_signed_policy",
           "policy_from_legacy_config", "SIGN_COMMAND"]

AUTHORITY_KEYS = ("authority_rules", "approval_days", "password_policy", "allow_same_person", "sync_grace_days",
                  "sync_grace_stamps", "print_to_file", "print_offline_grace", "archive_location")
"""Settings that confer authority: only in the signed policy, never in ``station.json``."""

SIGN_COMMAND = "sealstation policy sign --by ADMIN"


IDLE_LOCK_MINUTES = 10
"""The window's idle lock when the office's policy names none."""


@dataclass(frozen=True)
class StationPolicy:
    """The office's rules for this station (what ``policy.json`` holds)."""

    authority_rules: dict = field(default_factory=dict)
    """``{"rules": {kind: level}, "default": level}``; empty: the defaults of :mod:`approval.rules`."""
    approval_days: int = 7
    """An approval made at the station is usable this many days (an OA file's own expiry may be sooner)."""
    password_policy: dict = field(default_factory=dict)
    """Fields of :class:`sealstation.users.PasswordPolicy`; empty: its defaults."""
    allow_same_person: bool = False
    """Whether the approver of a request may also stamp it (and the requester approve it)."""
    version: int = 0
    """Raised by the office at every signing (signed with the rest); 0: a policy signed before versions."""
    sync_grace_days: int = 7
    """Stamping stops when a stamp has waited this many days for the office archive (0: always online)."""
    sync_grace_stamps: int = 200
    """Stamping stops when this many stamps wait for the office archive (0: each must reach it before the next)."""
    print_to_file: bool = False
    """Whether copies may be printed into a PDF file (``print --to-pdf``): a file is a copy the station cannot
    take back, so a production station prints to paper only; the office turns it on for a demo or a test."""
    print_offline_grace: int = 2
    """Copies that may be printed while the office archive cannot take their reservation first (在线打印: a copy is
    counted where the custodian cannot roll it back); past this, printing waits for the archive (0: always online)."""
    archive_location: str = ""
    """The office archive this station must use: a folder path (absolute), or a ``postgresql://`` location without
    a password. The station syncs, reserves copies and counts its grace only there, whatever ``station.json`` or
    ``--archive`` say (:func:`sealstation.archive.config.require_office_archive`); compared normalised (the
    resolved folder; scheme, host, port and database for PostgreSQL). Empty: the policy names none (a policy
    signed before this setting, a standalone demo), and the station's own setting is used as it is."""
    idle_lock_minutes: int = IDLE_LOCK_MINUTES
    """The window logs the person out after this many minutes without a key press or a click (0: never)."""
    timestamp_url: str = ""
    """The office's RFC 3161 timestamp authority (``http://`` or ``https://``): every stamp asks it for a signature
    timestamp; unreachable, the stamp goes on and the timestamp is owed (:mod:`sealstation.pdf.timestamps`).
    Empty: stamps carry only the station's clock."""
    timestamp_roots: tuple[str, ...] = ()
    """PEM certificates of the timestamp authority's root (or of the authority itself): ``verify`` trusts the
    timestamps (and only the timestamps) that chain to them, as the office signed them here. Empty: a timestamp is
    trusted only when its authority chains to a seal authority ``verify`` trusts."""
    crl_url: str = ""
    """Where the office publishes its seal authority's CRL (``http://`` or ``https://``): fetched at each stamp and
    embedded with the certificates (long-term validation), so that the stamp verifies offline years later.
    Empty: no revocation data is embedded."""

    def to_bytes(self) -> bytes:
        data = {"format": "sealstation-policy/1", "authority_rules": self.authority_rules,
                "approval_days": self.approval_days, "password_policy": self.password_policy,
                "allow_same_person": self.allow_same_person, "version": self.version,
                "sync_grace_days": self.sync_grace_days, "sync_grace_stamps": self.sync_grace_stamps,
                "print_to_file": self.print_to_file, "print_offline_grace": self.print_offline_grace}
        if self.archive_location:  # only when named: a policy without it keeps the bytes it was signed as
            data["archive_location"] = self.archive_location
        if self.idle_lock_minutes != IDLE_LOCK_MINUTES:  # likewise: the default leaves earlier signatures valid
            data["idle_lock_minutes"] = self.idle_lock_minutes
        for key in ("timestamp_url", "crl_url"):  # likewise: only when named
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.timestamp_roots:
            data["timestamp_roots"] = list(self.timestamp_roots)
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "StationPolicy":
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("format") != "sealstation-policy/1":
            raise ValueError("format must be sealstation-policy/1")
        days = doc.get("approval_days", 7)
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise ValueError("approval_days must be a whole number of at least 1")
        version = doc.get("version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            raise ValueError("version must be a whole number of at least 0")
        grace = {}
        for key, default in (("sync_grace_days", 7), ("sync_grace_stamps", 200)):
            value = doc.get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{key} must be a whole number of at least 0 (0: always online)")
            grace[key] = value
        offline = doc.get("print_offline_grace", 2)
        if not isinstance(offline, int) or isinstance(offline, bool) or offline < 0:
            raise ValueError("print_offline_grace must be a whole number of at least 0 (0: always online)")
        if not isinstance(doc.get("print_to_file", False), bool):
            raise ValueError("print_to_file must be true or false")
        idle = doc.get("idle_lock_minutes", IDLE_LOCK_MINUTES)
        if not isinstance(idle, int) or isinstance(idle, bool) or idle < 0:
            raise ValueError("idle_lock_minutes must be a whole number of at least 0 (0: never)")
        grace.update(print_to_file=doc.get("print_to_file", False), print_offline_grace=offline,
                     archive_location=_archive_location(doc.get("archive_location", "")), idle_lock_minutes=idle,
                     timestamp_url=_web_url(doc, "timestamp_url"), crl_url=_web_url(doc, "crl_url"),
                     timestamp_roots=_certificates(doc.get("timestamp_roots", [])))
        return cls(dict(doc.get("authority_rules") or {}), days, dict(doc.get("password_policy") or {}),
                   bool(doc.get("allow_same_person", False)), version, **grace)


def _web_url(doc: dict, key: str) -> str:
    value = doc.get(key, "")
    if not isinstance(value, str) or (value and not value.startswith(("http://", "https://"))):
        raise ValueError(f"{key} must be an http:// or https:// address")
    return value


def _certificates(value) -> tuple[str, ...]:
    from cryptography import x509

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("timestamp_roots must be a list of PEM certificates")
    for pem in value:
        try:
            x509.load_pem_x509_certificate(pem.encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError(f"timestamp_roots holds something that is not a PEM certificate ({exc})") from exc
    return tuple(value)


def _archive_location(value) -> str:
    from .archive.config import check_policy_location  # the archive's own rules of what a location is

    if not isinstance(value, str):
        raise ValueError("archive_location must be a folder path or a postgresql:// location (text)")
    if value:
        check_policy_location(value)
    return value


@dataclass(frozen=True)
class PolicyFiles:
    """Where a station home keeps its signed policy."""

    office_dir: Path

    @property
    def path(self) -> Path:
        return self.office_dir / "policy.json"

    @property
    def sig_path(self) -> Path:
        return self.office_dir / "policy.json.sig"

    def exists(self) -> bool:
        return self.path.exists() or self.sig_path.exists()


def load_policy(files: PolicyFiles, ca_cert) -> StationPolicy:
    """The policy, its office signature checked; :class:`PolicyError` naming the fix otherwise."""
    return load_signed_policy(files, ca_cert)[0]


def load_signed_policy(files: PolicyFiles, ca_cert) -> tuple[StationPolicy, bytes, str]:
    """(policy, the signed bytes, the office's signature) as :func:`load_policy` checked them: what each stamp
    judged by this policy hands the office archive, without reading the files again."""
    try:
        data = files.path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"The station policy {files.path} cannot be read: {exc.strerror or exc}.",
                          hint=f"The office must restore it and sign it: {SIGN_COMMAND}.") from exc
    try:
        signature = files.sig_path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        signature = ""
    if not office_signature_ok(ca_cert, data, signature):
        what = "is not signed" if not signature else "is not signed by this office's seal authority as it stands"
        raise PolicyError(
            f"The station policy {files.path} {what}: the station refuses to start with it.",
            hint=f"The office checks office/policy.json and signs it: {SIGN_COMMAND} (asks the seal authority passphrase).")
    try:
        return StationPolicy.from_bytes(data), data, signature
    except (ValueError, TypeError) as exc:
        raise PolicyError(f"The station policy {files.path} is signed but cannot be read: {exc}.",
                          hint=f"The office must correct it and sign it again: {SIGN_COMMAND}.") from exc


def write_signed_policy(files: PolicyFiles, policy: StationPolicy, authority) -> tuple[bytes, str]:
    """Write ``policy.json`` and the office's signature over its bytes; (the bytes, the signature) written."""
    data = policy.to_bytes()
    signature = authority.sign(data)  # first: without the key, nothing is written
    files.office_dir.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(files.path, data)
    atomic_write_bytes(files.sig_path, (signature + "\n").encode("ascii"))
    return data, signature


def policy_from_legacy_config(settings: dict) -> StationPolicy:
    """The policy a station kept in ``station.json`` before signed policies (``StationConfig.legacy_policy``).

    Missing settings take the defaults."""
    return StationPolicy(dict(settings.get("authority_rules") or {}), int(settings.get("approval_days", 7)),
                         dict(settings.get("password_policy") or {}), bool(settings.get("allow_same_person", False)))
