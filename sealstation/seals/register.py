"""The station's seal register: signed, versioned seal records in the station database.

Each :class:`SealRecord` binds a seal (印章) to its image (印模, by SHA-256), to
the key and certificate on a token (by label and certificate fingerprint), to
its custodian and to the stations where it may be used. Every version of a
record is signed by the office's seal authority; the station checks that
signature before every use, so a record edited in the database is refused.
Changes add a version; earlier versions stay as history. The version is
part of the signed bytes: a record is used only under the version the office
signed it as, and the token's checkpoint counters refuse one older than a
version already seen, or newer than any the station journalled the office signing.

Delegations (代管) are signed by the seal authority too (seal, deputy, period,
reason, approver, version; :func:`delegation_bytes`): a delegation row without
the office's signature gives its deputy nothing. Their version is numbered per
seal; a newer delegation to the same deputy replaces the older ones (the
office shortens or changes one by signing a new one), and the seal's highest
version is kept in the token's checkpoint, so an older one brought back is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from ..errors import SealImageError, SealNotFoundError, SealUnusableError
from ..fsutil import atomic_write_bytes, read_input_bytes
from ..journal.journal import JournalKind, iso_seconds, utc_now
from ..model import SealKind
from ..approval.entries import seal_of_entry
from .authority import office_signature_ok
from .lifecycle import Delegation, SealAction, SealStatus, check_usable, next_status

__all__ = ["SealRecord", "SealRegister", "delegation_bytes"]


def delegation_bytes(d: Delegation) -> bytes:
    """What the office signs for a delegation."""
    data = {"format": "sealstation-delegation/1", "seal": d.seal_id, "delegate": d.delegate,
            "starts": d.starts.isoformat(), "ends": d.ends.isoformat(), "reason": d.reason, "approved_by": d.approved_by}
    if d.version:  # delegations signed before versions (0) keep the bytes their signature covers
        data["version"] = d.version
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class SealRecord:
    """One version of a registered seal."""

    seal_id: str
    """Short identifier (e.g. ``contract``); also the key/certificate label on the token."""
    kind: SealKind
    name: str
    """Full seal name as engraved, e.g. 示例科技有限公司合同专用章."""
    organisation: str
    image_file: str
    """Seal image file name, relative to the register's image folder."""
    image_sha256: str
    width_mm: float
    height_mm: float
    token_label: str
    cert_sha256: str
    """SHA-256 fingerprint of the seal certificate (DER) on the token."""
    code: str = ""
    """Seal code from the filing record (opaque)."""
    status: SealStatus = SealStatus.MADE
    custodian: str | None = None
    stations: tuple[str, ...] = ()
    """Stations (dedicated computers) where it may be used; empty: any."""
    valid_from: str = ""
    valid_until: str = ""
    version: int = 1
    token_serial: str = ""

    def __post_init__(self) -> None:
        # Stored and signed as text (canonical()); typed from here on. A value outside the vocabulary is a ValueError.
        object.__setattr__(self, "kind", SealKind(self.kind))
        object.__setattr__(self, "status", SealStatus(self.status))

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.width_mm, self.height_mm)

    @property
    def key_label(self) -> str:
        return self.seal_id

    def canonical(self) -> bytes:
        data = asdict(self)
        data.update(stations=list(self.stations), kind=self.kind.value, status=self.status.value)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, text: str) -> "SealRecord":
        data = json.loads(text)
        data["stations"] = tuple(data.get("stations", ()))
        return cls(**data)


def _sign(record: SealRecord, authority) -> str:
    if authority is None or authority.private_key is None:
        raise SealUnusableError("Seal records are signed by the office's seal authority; its key is not open here.",
                                hint="Run this as the office, with the seal authority passphrase.")
    return authority.private_key.sign(record.canonical(), ec.ECDSA(hashes.SHA256())).hex()


def _verify(record: SealRecord, signature: str, ca_cert) -> None:
    try:
        ca_cert.public_key().verify(bytes.fromhex(signature), record.canonical(), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError) as exc:
        raise SealUnusableError(
            f"The register entry of seal '{record.seal_id}' is not signed by this office's seal authority.",
            hint="The seal record was altered; the office must check the register.",
        ) from exc


@dataclass
class SealRegister:
    """Seal records in the station database, images in a folder."""

    db: object
    journal: object
    images_dir: Path
    ca_cert: object = None
    """The seal authority certificate (cryptography), to check record signatures."""
    clock: Callable[[], dt.datetime] = utc_now
    """The station's clock."""
    _checked: dict = field(default_factory=dict, repr=False)
    """(stored record, signature) → (the authority it was checked against, the record): a stamp reads its seal
    several times; the text read decides, so a row changed since is parsed and checked again."""

    def _rows(self, seal_id: str | None = None) -> list:
        if seal_id is not None:  # the newest version by the primary key: one lookup, not a grouping of the register
            return self.db.query("SELECT record, signature, version FROM seals WHERE seal_id = ? "
                                 "ORDER BY version DESC LIMIT 1", (seal_id,))
        return self.db.query(
            "SELECT s.record, s.signature, s.version FROM seals s JOIN (SELECT seal_id, MAX(version) v FROM seals "
            "GROUP BY seal_id) m ON s.seal_id = m.seal_id AND s.version = m.v ORDER BY s.seal_id")

    def all(self) -> list[SealRecord]:
        return [SealRecord.from_json(r[0]) for r in self._rows()]

    def get(self, seal_id: str) -> SealRecord:
        """The current version, its authority signature checked (of an approval's seal entry: the seal it names)."""
        seal_id = seal_of_entry(seal_id)
        rows = self._rows(seal_id)
        if not rows:
            known = ", ".join(r.seal_id for r in self.all()) or "none"
            raise SealNotFoundError(
                f"No seal '{seal_id}' in this station's register (registered: {known}).",
                hint="Check the seal id with 'sealstation seal list'.",
                seal=seal_id,
            )
        stored, signature, row_version = rows[0]
        checked = self._checked.get((stored, signature))
        if checked is not None and checked[0] is self.ca_cert and self.ca_cert is not None:
            record = checked[1]
        else:
            record = SealRecord.from_json(stored)
            if self.ca_cert is not None:
                _verify(record, signature, self.ca_cert)
                self._checked[(stored, signature)] = (self.ca_cert, record)
        if record.version != row_version:
            # The version is inside what the office signed: an older signed record filed under a newer number
            # (to undo a revocation) is that older version, whatever the row says.
            raise SealUnusableError(
                f"The register entry of seal '{seal_id}' is filed as version {row_version}, but the office signed it "
                f"as version {record.version}: an older signed record was brought back under a new version.",
                hint="The seal register was altered; the office must check it (the journal shows every signed version).")
        return record

    def history(self, seal_id: str) -> list[SealRecord]:
        return [SealRecord.from_json(r[0]) for r in
                self.db.query("SELECT record FROM seals WHERE seal_id = ? ORDER BY version", (seal_id,))]

    def custody(self, seal_id: str) -> list[tuple[dt.datetime, str | None, SealStatus]]:
        """(since when, custodian, status) of each signed version of the seal, oldest first: who held it when
        (issue, handover, withdrawal); read only, for the office's calendar."""
        return [(dt.datetime.fromisoformat(at), custodian, SealStatus(status)) for custodian, status, at in
                self.db.query("SELECT custodian, status, recorded_at FROM seals WHERE seal_id = ? ORDER BY version",
                              (seal_id,))]

    def put(self, record: SealRecord, *, authority, by: str | None, action: str = "make", note: str = "",
            previous_custodian: str | None = None) -> SealRecord:
        """Store ``record`` as a new signed version and journal it."""
        rows = self.db.query("SELECT MAX(version) FROM seals WHERE seal_id = ?", (record.seal_id,))
        record = replace(record, version=(rows[0][0] or 0) + 1)
        signature = _sign(record, authority)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO seals (seal_id, version, record, signature, status, custodian, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.seal_id, record.version, record.canonical().decode("utf-8"), signature, record.status.value,
                 record.custodian, iso_seconds(self.clock())))
            self.journal.append(JournalKind.SEAL_LIFECYCLE, {
                "seal": record.seal_id, "action": action, "version": record.version, "status": record.status.value,
                "custodian": record.custodian, "previous_custodian": previous_custodian, "note": note}, actor=by)
        return record

    def apply(self, seal_id: str, action: SealAction, *, authority, by: str, note: str = "", **changes) -> SealRecord:
        """A lifecycle action: checked against the state machine, stored as a new version."""
        record = self.get(seal_id)
        status = next_status(record.status, action, seal_id)
        return self.put(replace(record, status=status, **changes), authority=authority, by=by,
                        action=action.value, note=note, previous_custodian=record.custodian)

    # -- delegations (代管) -------------------------------------------------

    def delegate(self, d: Delegation, *, by: str, authority) -> Delegation:
        """Record a delegation signed by the office (``authority``: the opened seal authority); it, numbered."""
        if d.ends <= d.starts:
            raise SealUnusableError("A delegation must end after it starts.")
        if authority is None or authority.private_key is None:
            raise SealUnusableError("A delegation is signed by the office's seal authority; its key is not open here.",
                                    hint="Run this as the office, with the seal authority passphrase.")
        with self.db.transaction() as conn:
            d = replace(d, version=self._next_delegation_version(d.seal_id))
            signature = authority.sign(delegation_bytes(d))
            conn.execute("INSERT INTO delegations (seal_id, delegate, starts, ends, reason, approved_by, signature, "
                         "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (d.seal_id, d.delegate, d.starts.isoformat(), d.ends.isoformat(), d.reason, d.approved_by,
                          signature, d.version))
            self.journal.append(JournalKind.DELEGATION_STARTED, {
                "seal": d.seal_id, "delegate": d.delegate, "starts": d.starts.isoformat(), "ends": d.ends.isoformat(),
                "reason": d.reason, "approved_by": d.approved_by, "version": d.version}, actor=by)
        return d

    def end_delegation(self, seal_id: str, delegate: str, at: dt.datetime, *, by: str, authority,
                       why: str = "") -> Delegation:
        """End ``delegate``'s delegation of the seal at ``at``, before its end: a newer version signed by the office
        replaces it (the newest version to a deputy is the one that counts). One that has not begun yet is
        cancelled: it then ends where it starts, and gives nothing. The shortened delegation, numbered."""
        current = [(rid, d) for rid, _, d in self._current_delegations(seal_id) if d.delegate == delegate and at < d.ends]
        if not current:
            raise SealUnusableError(f"{delegate} holds no delegation (代管) of seal '{seal_id}' that is still to end.",
                                    hint="Look at the seal's delegations again: it may have ended already.",
                                    code="delegation_not_found", seal=seal_id, user=delegate)
        if authority is None or authority.private_key is None:
            raise SealUnusableError("A delegation is signed by the office's seal authority; its key is not open here.",
                                    hint="Run this as the office, with the seal authority passphrase.")
        old = current[0][1]
        with self.db.transaction() as conn:
            d = replace(old, ends=max(at, old.starts), version=self._next_delegation_version(seal_id))
            signature = authority.sign(delegation_bytes(d))
            # ended_logged: its end is journalled here, not again when end_expired_delegations sees it over.
            conn.execute("INSERT INTO delegations (seal_id, delegate, starts, ends, reason, approved_by, signature, "
                         "version, ended_logged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                         (d.seal_id, d.delegate, d.starts.isoformat(), d.ends.isoformat(), d.reason, d.approved_by,
                          signature, d.version))
            self.journal.append(JournalKind.DELEGATION_ENDED, {
                "seal": d.seal_id, "delegate": d.delegate, "ended": d.ends.isoformat(), "early": True,
                "planned_end": old.ends.isoformat(), "replaces": old.version, "version": d.version, "why": why},
                actor=by)
        return d

    def _next_delegation_version(self, seal_id: str) -> int:
        """Above every version in the table and in the journal: rows deleted with SQL do not lower it."""
        highest = self.db.query("SELECT MAX(version) FROM delegations WHERE seal_id = ?", (seal_id,))[0][0] or 0
        for (data,) in self.db.query("SELECT data FROM journal WHERE kind IN (?, ?)",
                                     (JournalKind.DELEGATION_STARTED, JournalKind.DELEGATION_ENDED)):
            entry = json.loads(data)
            if entry.get("seal") == seal_id:
                highest = max(highest, int(entry.get("version") or 0))
        return highest + 1

    def delegation_version(self, seal_id: str) -> int:
        """The highest version among the seal's delegations the office signed (0: none)."""
        return max((d.version for _, _, d in self._signed_delegations(seal_id)), default=0)

    def _signed_delegations(self, seal_id: str, unsigned: list | None = None) -> list[tuple[int, int, Delegation]]:
        """(row id, ended_logged, delegation) of the rows whose office signature holds."""
        out = []
        for rid, delegate, starts, ends, reason, approved_by, logged, signature, version in self.db.query(
                "SELECT id, delegate, starts, ends, reason, approved_by, ended_logged, signature, version "
                "FROM delegations WHERE seal_id = ?", (seal_id,)):
            d = Delegation(seal_id, delegate, dt.datetime.fromisoformat(starts), dt.datetime.fromisoformat(ends), reason,
                           approved_by, version)
            if office_signature_ok(self.ca_cert, delegation_bytes(d), signature):
                out.append((rid, logged, d))
            elif unsigned is not None:
                unsigned.append(d)
        return out

    def delegations(self, seal_id: str, now: dt.datetime, *, unsigned: list | None = None) -> tuple[Delegation, ...]:
        """Delegations the office signed (reads only; :meth:`end_expired_delegations` journals the ended ones).

        Rows without a valid office signature are left out (and added to
        ``unsigned``, if given, so that the refusal can name them); of a
        deputy's delegations only the latest version counts.
        """
        return tuple(d for _, _, d in self._current_delegations(seal_id, unsigned))

    def _current_delegations(self, seal_id: str, unsigned: list | None = None) -> list[tuple[int, int, Delegation]]:
        signed = self._signed_delegations(seal_id, unsigned)
        latest: dict[str, int] = {}
        for _, _, d in signed:
            latest[d.delegate] = max(latest.get(d.delegate, 0), d.version)
        # An older delegation to the same deputy is replaced by the newer one.
        return [row for row in signed if row[2].version >= latest[row[2].delegate]]

    def signed_texts(self, seal_id: str, user: str, now: dt.datetime) -> dict[str, tuple[bytes, str]]:
        """What the office signed that lets ``user`` use the seal now: ``{"seal": (record, signature)}``, plus
        ``"delegation"`` when ``user`` is a deputy (for the archive to re-check; :mod:`..archive.authority_check`)."""
        record, signature = self._rows(seal_id)[0][:2]
        texts = {"seal": (record.encode("utf-8"), signature)}
        if SealRecord.from_json(record).custodian != user:
            current = {d for _, _, d in self._current_delegations(seal_id)}
            for delegate, starts, ends, reason, approved_by, sig, version in self.db.query(
                    "SELECT delegate, starts, ends, reason, approved_by, signature, version FROM delegations "
                    "WHERE seal_id = ? AND delegate = ? ORDER BY version DESC", (seal_id, user)):
                d = Delegation(seal_id, delegate, dt.datetime.fromisoformat(starts), dt.datetime.fromisoformat(ends),
                               reason, approved_by, version)
                if d in current and d.active(now):
                    texts["delegation"] = (delegation_bytes(d), sig)
                    break
        return texts

    def end_expired_delegations(self, seal_id: str, now: dt.datetime) -> int:
        """Journal, once each, the seal's delegations that ended by themselves; how many were ended now."""
        ended = [(rid, d) for rid, logged, d in self._current_delegations(seal_id) if now >= d.ends and not logged]
        for rid, d in ended:
            with self.db.transaction() as conn:
                conn.execute("UPDATE delegations SET ended_logged = 1 WHERE id = ?", (rid,))
                self.journal.append(JournalKind.DELEGATION_ENDED, {"seal": seal_id, "delegate": d.delegate,
                                                                   "ended": d.ends.isoformat()})
        return len(ended)

    def check_usable(self, record: SealRecord, *, station_id: str, user: str, now: dt.datetime) -> None:
        unsigned: list[Delegation] = []
        delegations = self.delegations(record.seal_id, now, unsigned=unsigned)
        signed_for_user = any(d.delegate == user and d.active(now) for d in delegations)
        if user != record.custodian and not signed_for_user and any(d.delegate == user for d in unsigned):
            raise SealUnusableError(
                f"The delegation (代管) of seal '{record.seal_id}' to {user} is not signed by the office's seal "
                "authority (a row written into the database?); it gives no right to stamp.",
                hint=f"The office records delegations with 'sealstation seal delegate {record.seal_id} --by ADMIN'.")
        check_usable(
            seal_id=record.seal_id, status=record.status,
            valid_from=dt.datetime.fromisoformat(record.valid_from) if record.valid_from else dt.datetime.min.replace(tzinfo=dt.timezone.utc),
            valid_until=dt.datetime.fromisoformat(record.valid_until) if record.valid_until else dt.datetime.max.replace(tzinfo=dt.timezone.utc),
            stations=record.stations, custodian=record.custodian, station_id=station_id, user=user, now=now,
            delegations=delegations,
        )

    # -- images -----------------------------------------------------------

    def save_image(self, seal_id: str, png: bytes) -> tuple[str, str]:
        """Store a seal image; return (file name, SHA-256)."""
        digest = hashlib.sha256(png).hexdigest()
        name = f"{seal_id}-{digest[:12]}.png"
        atomic_write_bytes(self.images_dir / name, png)
        return name, digest

    def load_image(self, record: SealRecord) -> bytes:
        """The seal's image bytes, refused if they are not the registered image."""
        path = self.images_dir / record.image_file
        try:
            png = read_input_bytes(path)  # a FIFO put in its place would stop every stamp: refused at once
        except OSError as exc:
            raise SealImageError(
                f"The image of seal '{record.seal_id}' ({path}) cannot be read: {exc.strerror or exc}.",
                hint="The office must restore the seal image.",
            ) from exc
        if hashlib.sha256(png).hexdigest() != record.image_sha256:
            raise SealImageError(
                f"The image of seal '{record.seal_id}' ({path}) is not the registered image.",
                hint="The seal image was changed; the office must check and restore it.",
            )
        return png
