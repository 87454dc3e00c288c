"""The office's seal register: making (刻制), issuing, changing, suspending, revoking and destroying seals, and their delegations (代管) and handovers (交接)."""

from __future__ import annotations
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from ..errors import (PermissionDeniedError, SealLifecycleError, SealNotFoundError, SealStationError, TokenError, UserError)
from ..journal.journal import JournalKind
from ..permissions import Action
from ..seals.image import SealImage
from ..seals.lifecycle import Delegation, SealAction, SealStatus, TRANSITIONS, next_status
from ..seals.making import SealSpec, check_existing_certificate, first_record, seal_image_for
from ..seals.register import SealRecord
from ..token.keys import delete_seal_key, make_seal_key
from ..users import Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["SealOfficeDesk", "SealCertificate", "SealRegisterRow", "SealHistoryEntry", "Person", "CustodySpan",
           "SealCalendar"]


_SEAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
"""A seal id: also the key's label on the token and part of the image's file name, so plain and short."""

_HISTORY_KINDS = (JournalKind.SEAL_LIFECYCLE, JournalKind.DELEGATION_STARTED, JournalKind.DELEGATION_ENDED,
                  JournalKind.HANDOVER)
"""The journal entries that are about a seal's life (its stamps are the journal view's and the report's)."""


class SealOfficeDesk:
    """What the office does with the seals on one open station (the seal register and the delegations views)."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def make_seal(self, spec: SealSpec, *, by: str, password: str, authority, pin: str | None) -> SealRecord:
        """制作: the key on the token (generated now, or registered if made there before), image, signed record.

        ``pin`` unlocks the token to generate the key; registering an
        existing key reads only its (public) certificate.
        """
        self.station._office_login(by, password)
        image = seal_image_for(spec)
        token = self.station.token()
        if spec.existing_key:
            cert = x509.load_der_x509_certificate(token.certificate_der(spec.seal_id))
            check_existing_certificate(spec, cert, self.station.ca_cert)
        else:
            cert = make_seal_key(token, pin=pin or "", label=spec.seal_id, key_type=spec.key_type,
                                 authority=authority, subject=spec.subject(), now=self.station.now())
            token.logout()
        file_name, digest = self.station.seals.save_image(spec.seal_id, image.png)
        record = first_record(spec, image_file=file_name, image=image, image_sha256=digest, cert=cert,
                              token_label=self.station.config.token_label or token.label or "",
                              station_id=self.station.config.station_id, now=self.station.now())
        return self.station.seals.put(record, authority=authority, by=by)

    def change_seal(self, seal_id: str, action: SealAction, *, by: str, password: str, authority, note: str = "",
                    **changes) -> SealRecord:
        """A lifecycle step (issue, change, suspend, resume, withdraw, revoke, handover) as a new signed version.

        Destroying is :meth:`destroy_seal`: it also deletes the key.
        """
        if action == SealAction.DESTROY:
            raise SealLifecycleError("A seal is destroyed with destroy_seal: the key on its token goes too.")
        self.station._office_login(by, password)
        return self.station.seals.apply(seal_id, action, authority=authority, by=by, note=note, **changes)

    def delegate_seal(self, delegation: Delegation, *, by: str, password: str, approver_password: str,
                      authority) -> Delegation:
        """代管: a stand-in custodian for a period, approved in person by an approver with the seal's authority."""
        self.station._office_login(by, password)
        approver = self.station.users.authenticate(delegation.approved_by, approver_password)
        approver.require(Role.APPROVER, "approve a delegation")
        record = self.station.seals.get(delegation.seal_id)
        lack = self.station.requests.rules.lack(approver.approver_level, record.seal_id, record.kind)
        if lack:
            raise PermissionDeniedError(f"{approver.username} {lack}.",
                                        hint="An approver with that authority must approve the delegation.")
        return self.station.seals.delegate(delegation, by=by, authority=authority)

    def destroy_seal(self, seal_id: str, *, by: str, password: str, authority, pin: str, note: str = "") -> int:
        """销毁: delete the seal's key from its token, then record it destroyed; the number of token objects deleted.

        The key goes first: a wrong PIN leaves the seal as it was, and a
        record that could not be written after the key went is written by
        running this again (the token then has nothing left to delete).
        """
        self.station._office_login(by, password)
        record = self.station.seals.get(seal_id)
        next_status(SealStatus(record.status), SealAction.DESTROY, seal_id)  # refused before the token is touched
        removed = delete_seal_key(self.station.token(), pin=pin, label=record.key_label)
        self.station.seals.apply(seal_id, SealAction.DESTROY, authority=authority, by=by,
                         note=f"{note} ({removed} key object(s) deleted from the token)".strip())
        return removed

    def allow_replacement_copies(self, request_id: str, *, copies: int, by: str, password: str, authority, reason: str):
        return self.station.printing().allow_replacement(request_id, copies=copies, by=by, password=password,
                                                 authority=authority, reason=reason)

    def seal_calendar(self, by: str) -> tuple["SealCalendar", ...]:
        """Every seal with who held it when and its delegations (代管) the office signed, for the office (``by``)."""
        self.station.person_allowed(by, Action.DELEGATE, "see the delegations")
        seals, now = self.station.seals, self.station.now()
        out = []
        for record in seals.all():
            custody = tuple(CustodySpan(at, custodian, status) for at, custodian, status in seals.custody(record.seal_id))
            delegations = tuple(sorted(seals.delegations(record.seal_id, now), key=lambda d: (d.starts, d.delegate)))
            out.append(SealCalendar(record, custody, delegations))
        return tuple(out)

    def approvers_for(self, seal_id: str, by: str) -> tuple[User, ...]:
        """The approvers whose level covers the seal: who may approve its delegation."""
        self.station.person_allowed(by, Action.DELEGATE, "see the approvers")
        kind = self.station.seals.get(seal_id).kind
        rules = self.station.requests.rules
        return tuple(u for u in self.station.users.list()
                     if u.has(Role.APPROVER) and not u.disabled and rules.allows(u.approver_level, kind))

    def delegate(self, seal_id: str, deputy: str, first_day: dt.date, last_day: dt.date, reason: str, approver: str, *,
                 by: str, password: str, approver_password: str, passphrase: str) -> Delegation:
        """代管: ``deputy`` stands in for the seal's custodian from the start of ``first_day`` to the end of
        ``last_day`` (the station's local days), approved in person by ``approver``; signed by the office."""
        self.station.person_allowed(by, Action.DELEGATE, "delegate seals")
        starts, ends = _local_midnight(first_day), _local_midnight(last_day + dt.timedelta(days=1))
        delegation = Delegation(seal_id, deputy, starts, ends, reason, approver)
        return self.delegate_seal(delegation, by=by, password=password, approver_password=approver_password,
                                          authority=self.station.open_authority(passphrase))

    def end_delegation(self, seal_id: str, deputy: str, *, why: str, by: str, password: str,
                       passphrase: str) -> Delegation:
        """End ``deputy``'s delegation of the seal now, before its planned end (one not begun is cancelled): the
        office signs the shortened delegation, which replaces it. The shortened one."""
        self.station.person_allowed(by, Action.DELEGATE, "end delegations")
        authority = self.station.open_authority(passphrase)
        self.station._office_login(by, password)
        return self.station.seals.end_delegation(seal_id, deputy, self.station.now(), by=by, authority=authority,
                                                 why=why)

    def hand_over(self, seal_id: str, custodian: str, *, note: str, by: str, password: str,
                  passphrase: str) -> SealRecord:
        """交接: the seal passes to another custodian from now on (a new signed version of its record)."""
        self.station.person_allowed(by, Action.DELEGATE, "hand seals over")
        person = self.station.users.get(custodian)
        if person is None or not person.has(Role.CUSTODIAN):
            raise UserError(f"{custodian} is not a custodian: a seal is handed over to a custodian.",
                            hint="Give them the custodian role first.", code="not_a_custodian", user=custodian)
        return self.change_seal(seal_id, SealAction.HANDOVER, by=by, password=password,
                                        authority=self.station.open_authority(passphrase), note=note, custodian=custodian)

    def seal_register(self, user: str) -> tuple[SealRegisterRow, ...]:
        """Every seal of the register, current version first checked against the office's signature, with its
        image, its certificate read from the USB key (no PIN: certificates are public) and its next actions.

        Refused (``role_missing``) unless ``user`` may manage seals. Reads the token once per seal.
        """
        self.station.person_allowed(user, Action.MANAGE_SEALS, "read the seal register")
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
        self.station.person_allowed(user, Action.MANAGE_SEALS, "read a seal's history")
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

    def preview_seal(self, user: str, spec: SealSpec) -> SealImage:
        """The image ``spec`` would give (drawn from the templates, or the scanned imprint), writing nothing.

        Refused before anything is drawn when ``user`` may not manage seals, or the seal id is not a plain short
        id (``seal_id_invalid``) or is in the register already (``seal_id_taken``): :meth:`Station.make_seal`
        would otherwise file the new seal as a later version of the old one.
        """
        self.station.person_allowed(user, Action.MANAGE_SEALS, "make a seal")
        if not _SEAL_ID.fullmatch(spec.seal_id):
            raise SealLifecycleError(f"'{spec.seal_id}' is not a seal id: use up to 32 letters, digits, - or _.",
                                     code="seal_id_invalid", seal=spec.seal_id)
        if self.station.seals.history(spec.seal_id):
            raise SealLifecycleError(f"A seal '{spec.seal_id}' is in the register already.",
                                     hint="Choose another seal id.", code="seal_id_taken", seal=spec.seal_id)
        return seal_image_for(spec)

    def custodians(self, by: str) -> tuple[Person, ...]:
        """The users who may hold a seal or stand in for its custodian (custodian role, not locked by the office),
        by user name; for the office (``by``)."""
        self.station.person_allowed(by, Action.MANAGE_SEALS, "see the custodians")
        return tuple(Person(u.username, u.display_name) for u in sorted(self.station.users.list(),
                                                                         key=lambda u: u.username)
                     if Role.CUSTODIAN in u.roles and not u.disabled)


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


def _local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` on this computer's clock, in UTC."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.timezone.utc)


@dataclass(frozen=True)
class CustodySpan:
    """From ``since`` on (until the next span), the seal was held by ``custodian`` (None: nobody) with ``status``."""

    since: dt.datetime
    custodian: str | None
    status: SealStatus


@dataclass(frozen=True)
class SealCalendar:
    """One seal's line on the office's calendar."""

    seal: SealRecord
    custody: tuple[CustodySpan, ...]
    """Oldest first."""
    delegations: tuple[Delegation, ...]
    """The office-signed delegations that count (the newest version to each deputy), by start."""
