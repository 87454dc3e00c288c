"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from ..errors import PermissionDeniedError, SealLifecycleError, SealNotFoundError, SealStationError, TokenError
from ..journal.journal import JournalKind
from ..permissions import Action, require
from ..seals.authority import SealAuthority
from ..seals.image import SealImage
from ..seals.lifecycle import TRANSITIONS, SealAction
from ..seals.making import SealSpec, seal_image_for
from ..seals.register import SealRecord
from ..users import Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk", "SealCertificate", "SealRegisterRow", "SealHistoryEntry", "Person"]

_SEAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
"""A seal id: also the key's label on the token and part of the image's file name, so plain and short."""

_HISTORY_KINDS = (JournalKind.SEAL_LIFECYCLE, JournalKind.DELEGATION_STARTED, JournalKind.DELEGATION_ENDED,
                  JournalKind.HANDOVER)
"""The journal entries that are about a seal's life (its stamps are the journal view's and the report's)."""


@dataclass(frozen=True)
class SealCertificate:
    """A seal's certificate as its USB key holds it."""

    subject: str
    """The subject, RFC 4514 (CN the seal's name, O the organisation, serialNumber the seal id)."""
    seal_name: str
    """The seal's name it certifies (CN)."""
    organisation: str
    """The organisation (O)."""
    issuer: str
    """Who certified it: the common name of the office's seal authority."""
    serial: str
    """The certificate's serial number, hexadecimal."""
    not_before: dt.datetime
    not_after: dt.datetime
    sha256: str
    """Its SHA-256 fingerprint (DER), hexadecimal."""
    matches: bool
    """It is the certificate the register's record names (same fingerprint); False: another key under that label."""


@dataclass(frozen=True)
class SealRegisterRow:
    """One seal of the register, as the office sees it."""

    record: SealRecord
    """The current version (status, custodian, token, validity …)."""
    signed: bool
    """The office's signature on that version holds (False: the row was altered; the seal stamps nothing)."""
    custodian_name: str
    """The custodian's display name ("" when there is none)."""
    image_png: bytes | None = field(repr=False)
    """The registered image; None when it is missing or not the registered one."""
    certificate: SealCertificate | None
    """From the USB key plugged in now; None when it holds none for this seal (another key, or destroyed)."""
    actions: tuple[SealAction, ...]
    """What the office may do next, by the lifecycle's state machine."""


@dataclass(frozen=True)
class SealHistoryEntry:
    """One step of a seal's life: a journal entry about it, with the signed record version it wrote."""

    seq: int
    """The journal entry's number."""
    at: dt.datetime
    actor: str
    """Who did it ("" for what the station recorded by itself, e.g. a delegation that ran out)."""
    kind: JournalKind
    """``seal_lifecycle``, ``delegation_started``, ``delegation_ended`` or ``handover``."""
    action: str
    """The lifecycle action (``make``, ``issue`` … ``destroy``), or ``delegate`` / ``delegation_ended``."""
    facts: Mapping[str, Any]
    """The entry's data as journalled (version, status, custodian, note, delegate, starts, ends …)."""
    record: SealRecord | None = None
    """The signed record version this entry wrote (lifecycle entries)."""
    actor_name: str = ""
    """Who did it, by their display name (their user name when the station has none for them)."""
    custodian_name: str = ""
    """The custodian (or deputy) the entry names, by display name ("" when it names none)."""


@dataclass(frozen=True)
class Person:
    """A user as a list offers them: user name and display name."""

    username: str
    display_name: str


def _name_part(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


class OfficeDesk:
    """What the office (办公室/印章管理员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    # -- the seal register ------------------------------------------------------------

    def _office(self, user: str, words: str) -> User:
        """``user``'s office-signed record, refused unless it may manage seals."""
        users = self.station.users
        person = users.get(user)
        if person is None:
            raise PermissionDeniedError(f"{user} is not a user of this station.", code="role_missing", user=user,
                                        role=Role.OFFICE.value)
        person = users.check_record(person)
        require(person, Action.MANAGE_SEALS, words)
        return person

    def seal_register(self, user: str) -> tuple[SealRegisterRow, ...]:
        """Every seal of the register, current version first checked against the office's signature, with its
        image, its certificate read from the USB key (no PIN: certificates are public) and its next actions.

        Refused (``role_missing``) unless ``user`` may manage seals. Reads the token once per seal.
        """
        self._office(user, "read the seal register")
        people = {u.username: u.display_name for u in self.station.users.list()}
        return tuple(self._row(record, people) for record in self.station.seals.all())

    def _row(self, stored: SealRecord, people: dict[str, str]) -> SealRegisterRow:
        seals = self.station.seals
        try:
            record, signed = seals.get(stored.seal_id), True
        except SealStationError:
            record, signed = stored, False
        try:
            image = seals.load_image(record)
        except SealStationError:
            image = None
        actions = tuple(a for (s, a) in TRANSITIONS if s == record.status)
        return SealRegisterRow(record, signed, people.get(record.custodian or "", record.custodian or ""), image,
                               self._certificate(record), actions)

    def _certificate(self, record: SealRecord) -> SealCertificate | None:
        try:
            der = self.station.token().certificate_der(record.key_label)
        except (TokenError, SealStationError):
            return None
        cert = x509.load_der_x509_certificate(der)
        sha256 = cert.fingerprint(hashes.SHA256()).hex()
        return SealCertificate(cert.subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"}),
                               _name_part(cert.subject, NameOID.COMMON_NAME),
                               _name_part(cert.subject, NameOID.ORGANIZATION_NAME),
                               _name_part(cert.issuer, NameOID.COMMON_NAME), format(cert.serial_number, "X"),
                               cert.not_valid_before_utc, cert.not_valid_after_utc, sha256,
                               sha256 == record.cert_sha256)

    def seal_history(self, user: str, seal_id: str) -> tuple[SealHistoryEntry, ...]:
        """The seal's whole life, oldest first: each journal entry about it (made, issued, changed, suspended …,
        delegations started and ended), with the signed record version a lifecycle entry wrote.

        Refused (``role_missing``) unless ``user`` may manage seals; :class:`SealNotFoundError` for an unknown seal.
        Reads the entries of those kinds only (indexed by kind), never the whole journal.
        """
        self._office(user, "read a seal's history")
        station = self.station
        versions = {r.version: r for r in station.seals.history(seal_id)}
        if not versions:
            raise SealNotFoundError(f"No seal '{seal_id}' in this station's register.", seal=seal_id)
        marks = ", ".join("?" for _ in _HISTORY_KINDS)
        rows = station.db.query(
            f"SELECT seq, at, actor, kind, data FROM journal WHERE kind IN ({marks}) "
            "AND json_extract(data, '$.seal') = ? ORDER BY seq", (*(k.value for k in _HISTORY_KINDS), seal_id))
        people = {u.username: u.display_name for u in station.users.list()}
        entries = []
        for seq, at, actor, kind, data in rows:
            facts = json.loads(data)
            kind = JournalKind(kind)
            action = str(facts.get("action") or {JournalKind.DELEGATION_STARTED: "delegate",
                                                  JournalKind.DELEGATION_ENDED: "delegation_ended",
                                                  JournalKind.HANDOVER: "handover"}.get(kind, kind.value))
            record = versions.get(facts.get("version")) if kind == JournalKind.SEAL_LIFECYCLE else None
            named = (record.custodian if record is not None else facts.get("delegate")) or ""
            entries.append(SealHistoryEntry(seq, dt.datetime.fromisoformat(at), actor or "", kind, action, facts,
                                            record, people.get(actor or "", actor or ""), people.get(named, named)))
        return tuple(entries)

    # -- making a seal (刻制) -----------------------------------------------------------

    def preview_seal(self, user: str, spec: SealSpec) -> SealImage:
        """The image ``spec`` would give (drawn from the templates, or the scanned imprint), writing nothing.

        Refused before anything is drawn when ``user`` may not manage seals, or the seal id is not a plain short
        id (``seal_id_invalid``) or is in the register already (``seal_id_taken``): :meth:`Station.make_seal`
        would otherwise file the new seal as a later version of the old one.
        """
        self._office(user, "make a seal")
        if not _SEAL_ID.fullmatch(spec.seal_id):
            raise SealLifecycleError(f"'{spec.seal_id}' is not a seal id: use up to 32 letters, digits, - or _.",
                                     code="seal_id_invalid", seal=spec.seal_id)
        if self.station.seals.history(spec.seal_id):
            raise SealLifecycleError(f"A seal '{spec.seal_id}' is in the register already.",
                                     hint="Choose another seal id.", code="seal_id_taken", seal=spec.seal_id)
        return seal_image_for(spec)

    def open_authority(self, passphrase: str) -> SealAuthority:
        """The office's seal authority with its key opened by ``passphrase`` (what the CLI asks as "Passphrase of
        the office's seal authority key"): :class:`SealAuthorityError` ``authority_passphrase`` when it is wrong."""
        home = self.station.home
        return SealAuthority.load(home.ca_cert_path, home.ca_key_path, passphrase)

    def custodians(self) -> tuple[Person, ...]:
        """The users who may hold a seal (custodian role, not locked by the office), by user name."""
        return tuple(Person(u.username, u.display_name) for u in sorted(self.station.users.list(),
                                                                         key=lambda u: u.username)
                     if Role.CUSTODIAN in u.roles and not u.disabled)
