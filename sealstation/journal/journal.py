"""The journal (用印记录): every action, append-only and hash-chained.

Each entry carries the SHA-256 of the previous entry; its own hash covers its
sequence number, kind, the digest of its body (time, actor, data) and that
link (:func:`entry_hash`). The kind is outside the body digest on purpose:
an entry sent to the archive by its hash alone still shows, provably, what
kind of entry it was (:mod:`sealstation.archive.segment`). Entries written
before schema 18 keep the first formula (:func:`legacy_entry_hash`, which
covers the same fields in one digest); entries from the switch point on
(``journal_format_2_from``) must use the current one. The database refuses
UPDATE and DELETE on entries (triggers); someone who has the key can still
drop the triggers, and :func:`verify_journal` then finds every entry changed,
removed, inserted or reordered, and says which. Nothing is ever repaired: a
failed verification locks stamping until the office has reviewed it.

The stop is the ``journal_tampered`` state row *and* the ``journal_tamper_detected``
entry (with a random stop id): deleting the row does not lift it. Only a
review signed by the office's seal authority does (:mod:`.review`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..cells import GuardedCsvWriter
from ..errors import JournalError, JournalTamperedError
from ..fsutil import atomic_output
from ..model import TextEnum
from .review import open_stop, valid_review

__all__ = [
    "JournalKind",
    "JournalEntry",
    "JournalProblem",
    "JournalVerifyResult",
    "Journal",
    "verify_journal",
    "export_journal",
    "GENESIS",
    "entry_hash",
    "legacy_entry_hash",
    "body_digest",
    "hash_from_body",
    "entry_format",
    "format2_from",
    "utc_now",
    "iso_seconds",
    "kind_term",
    "latest_of_kind",
]

GENESIS = "0" * 64
_UTC = dt.timezone.utc
_SEP = "\x1f"  # unit separator: cannot occur in canonical JSON or ISO times


class JournalKind(TextEnum):
    """Entry kinds (a closed vocabulary; reports count by these). New kinds are added as ``NAME = "value"``."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    PASSWORD_CHANGED = "password_changed"
    ACCOUNT_LOCKED = "account_locked"
    USER_CHANGED = "user_changed"
    PIN_FAILED = "pin_failed"
    REQUEST_RECEIVED = "request_received"
    APPROVAL_GRANTED = "approval_granted"
    APPROVAL_REFUSED = "approval_refused"
    REQUEST_RETURNED = "request_returned"
    OA_IMPORT_REFUSED = "oa_import_refused"
    STAMP_STARTED = "stamp_started"
    STAMP_DONE = "stamp_done"
    STAMP_FAILED = "stamp_failed"
    STAMP_INTERRUPTED = "stamp_interrupted"
    STAMP_RECOVERED = "stamp_recovered"
    STAMP_REFUSED = "stamp_refused"
    SEAL_LIFECYCLE = "seal_lifecycle"
    DELEGATION_STARTED = "delegation_started"
    DELEGATION_ENDED = "delegation_ended"
    HANDOVER = "handover"
    CONFIG_CHANGED = "config_changed"
    POLICY_SIGNED = "policy_signed"
    """The office signed a (new) station policy."""
    STATION_UPGRADED = "station_upgraded"
    """The office signed the records of a station from before signed records, once."""
    EXPORT = "export"
    REPORT_EXPORTED = "report_exported"
    """The office or an auditor exported a monthly report from the archive (month, file, format, stations)."""
    SCHEMA_MIGRATED = "schema_migrated"
    """An upgraded SealStation brought the station database forward (from, to, the steps), once per upgrade."""
    PERMISSIONS_REPAIRED = "permissions_repaired"
    """The station home or a file in it was readable by others and was made private at start."""
    SYNC = "sync"
    TAMPER_DETECTED = "journal_tamper_detected"
    TAMPER_REVIEWED = "journal_reviewed"
    STATION_KEY_ISSUED = "station_key_issued"
    """The office issued the station its own key (for copy QR codes and archive segments)."""
    CHECKPOINT_STARTED = "checkpoint_started"
    """No checkpoint was on the seal's token (first stamp, or a new token): one was started."""
    PRINT_JOB = "print_job"
    """One copy's print job and its outcome (accepted, failed, cancelled); data in :mod:`sealstation.printing`."""
    COPY_VOIDED = "copy_voided"
    """A spoiled printed copy declared void by the custodian, with a reason."""
    COPY_RECALLED = "copy_recalled"
    """Printed copies recorded as recalled and destroyed (before a reprint's copies may be printed)."""
    COPY_RESERVED = "copy_reserved"
    """A copy's slot taken before it is printed (serial, allowance, slot); the count of copies comes from these."""
    PRINT_REFUSED = "print_refused"
    """A print the gate refused (journal stopped, login, role, file changed since it was checked), with why."""
    PRINT_ALLOWANCE = "print_allowance"
    """More copies allowed for a stamped file: extra copies (加印, an approver) or replacements (the office)."""
    BACKUP_KEY_SET = "backup_key_set"
    """The office installed the (public) key backups are encrypted to, signed by its seal authority."""
    BACKUP_MADE = "backup_made"
    """A backup of the station was written (file, journal head, header digest)."""
    BACKUP_REFUSED = "backup_refused"
    """A backup was refused: the installed backup key is missing or not signed by the office."""
    BACKUP_RESTORED = "backup_restored"
    """This station was restored from a backup (recorded in the restored station)."""
    TIMESTAMP_OWED = "timestamp_owed"
    """A stamp went on without the office's timestamp (or its revocation data): the authority could not be reached
    or answered nonsense; a document timestamp is owed to the stamped file (:mod:`sealstation.pdf.timestamps`)."""
    TIMESTAMP_ADDED = "timestamp_added"
    """An owed document timestamp was added to a stamped file in a new revision (or could not be: why)."""


_HEAD_SQL = "SELECT seq, hash, at FROM journal ORDER BY seq DESC LIMIT 1"
_INSERT_SQL = "INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)"

_DECISIVE = (JournalKind.STAMP_DONE, JournalKind.REQUEST_RETURNED, JournalKind.APPROVAL_REFUSED)
_DECISIVE_SQL = ", ".join(f"'{k.value}'" for k in _DECISIVE)

_BY_KEY = 20_000
"""Entries read by the key (a range of seq) rather than through the journal's (kind, request) index, when a
query asks for the entries of one kind past a seq, or for the newest of a kind. The index orders a kind's entries
by request first, so reading a frequent kind in seq order through it means reading all of that kind (100,000
stamps: some 900 pages); a range of the table past a recent seq is a few pages."""


def kind_term(db, after: int, table: str = "") -> str:
    """The left side of a condition on the kind for a query of the entries past seq ``after``: ``+kind`` (SQLite
    reads the range of seq; the unary plus keeps it off the index) when that range is short, else ``kind``.
    ``table``: the journal's alias in the query, if it has one."""
    head = db.query("SELECT COALESCE(MAX(seq), 0) FROM journal")[0][0]
    column = f"{table}.kind" if table else "kind"
    return f"+{column}" if head - after <= _BY_KEY else column


def latest_of_kind(db, kind: str, columns: str) -> tuple | None:
    """The newest entry of ``kind`` (``columns`` of it, SQL): among the last entries by the key first, where the
    newest of a frequent kind is, then through the index (every entry of the kind, sorted: few for a rare kind)."""
    row = db.query(f"SELECT {columns} FROM journal WHERE +kind = ? AND seq > (SELECT COALESCE(MAX(seq), 0) "
                   "FROM journal) - ? ORDER BY seq DESC LIMIT 1", (str(kind), _BY_KEY))
    if not row:
        row = db.query(f"SELECT {columns} FROM journal WHERE kind = ? ORDER BY seq DESC LIMIT 1", (str(kind),))
    return row[0] if row else None


def canonical_json(data: Any) -> str:
    return _CANONICAL(data)


# json.dumps with these settings would build a new encoder at every call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


_FORMAT2_TAG = "v2"  # a first-format text starts with the sequence number: the two can never coincide


def body_digest(at: str, actor: str | None, data_json: str) -> str:
    """The digest of an entry's body: what an entry sent by hash only discloses instead of its content."""
    return hashlib.sha256(_SEP.join((at, actor or "", data_json)).encode("utf-8")).hexdigest()


def hash_from_body(seq: int, kind: str, body: str, prev_hash: str) -> str:
    """An entry's hash from its kind and body digest (how the archive checks an entry sent by hash only)."""
    return hashlib.sha256(_SEP.join((_FORMAT2_TAG, str(seq), kind, body, prev_hash)).encode("utf-8")).hexdigest()


def entry_hash(seq: int, at: str, actor: str | None, kind: str, data_json: str, prev_hash: str) -> str:
    """An entry's hash as the station writes it (schema 18 on): :func:`hash_from_body` of its :func:`body_digest`,
    written out in one call (each append and each of the million entries ``journal verify`` reads computes it; the
    two calls cost there about a tenth of the time)."""
    body = hashlib.sha256(_SEP.join((at, actor or "", data_json)).encode("utf-8")).hexdigest()
    return hashlib.sha256(_SEP.join((_FORMAT2_TAG, str(seq), kind, body, prev_hash)).encode("utf-8")).hexdigest()


def legacy_entry_hash(seq: int, at: str, actor: str | None, kind: str, data_json: str, prev_hash: str) -> str:
    """An entry's hash as stations wrote it before schema 18 (every field in one digest)."""
    text = _SEP.join((str(seq), at, actor or "", kind, data_json, prev_hash))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_format(seq: int, at: str, actor: str | None, kind: str, data_json: str, prev_hash: str,
                 digest: str) -> int | None:
    """2 or 1: the formula ``digest`` was made with for this content; None when it matches neither."""
    if entry_hash(seq, at, actor, kind, data_json, prev_hash) == digest:
        return 2
    if legacy_entry_hash(seq, at, actor, kind, data_json, prev_hash) == digest:
        return 1
    return None


def format2_from(db) -> int | None:
    """The first entry that must use the current formula (recorded by migration 18); None when the row is gone."""
    rows = db.query("SELECT value FROM station_state WHERE key = 'journal_format_2_from'")
    try:
        return int(rows[0][0]) if rows else None
    except ValueError:
        return None


def _format_problem(seq: int, fmt: int | None, switch: int | None) -> str | None:
    """Why an entry's hash does not hold, given the switch point (None: the first current-format entry seen)."""
    if fmt is None:
        return "changed"
    if fmt == 1 and switch is not None and seq >= switch:
        return "old-format"
    return None


def utc_now() -> dt.datetime:
    """The real time: the default clock (:class:`~sealstation.station.Station` passes its own to every store)."""
    return dt.datetime.now(dt.timezone.utc)


def iso_seconds(value: dt.datetime) -> str:
    """A stored timestamp: UTC, ISO 8601, whole seconds."""
    return value.astimezone(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class JournalEntry:
    """One journal entry as stored."""

    seq: int
    at: str
    """UTC time, ISO 8601 with microseconds."""
    actor: str | None
    """User name, or None for the station itself."""
    kind: JournalKind | str
    """A :class:`JournalKind`; a kind this version does not know (a row written by another version)
    stays the stored text, so that every journal can still be read, verified and exported."""
    data: dict
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class JournalProblem:
    seq: int
    what: str
    """changed, removed, inserted, reordered or bad-link."""
    detail: str


@dataclass(frozen=True)
class JournalVerifyResult:
    entries_checked: int
    problems: tuple[JournalProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


class Journal:
    """Appends to and reads the journal of one station database.

    ``ca_cert`` (the office's seal authority certificate) and ``station_id``
    are what a signed review is checked against; without them no review lifts a stop.
    ``clock`` gives each entry's time: the station's clock.
    """

    def __init__(self, db, *, ca_cert=None, station_id: str = "", clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.db = db
        self.ca_cert = ca_cert
        self.station_id = station_id
        self.clock = clock

    def append(self, kind: JournalKind, data: dict, actor: str | None = None) -> JournalEntry:
        """Append one entry; it is durable (committed, fsynced) when this returns."""
        if not isinstance(kind, JournalKind):
            raise TypeError(f"Journal.append takes a JournalKind, not {type(kind).__name__} {kind!r}: "
                            "add the kind to JournalKind (sealstation/journal/journal.py) and pass JournalKind.NAME.")
        now = self.clock()
        if now.tzinfo is not _UTC:  # the station's clocks give UTC already: converting it again costs microseconds
            now = now.astimezone(_UTC)
        at = now.isoformat(timespec="microseconds")
        data_json = _CANONICAL(data)
        value = kind.value
        with self.db.transaction() as conn:
            row = conn.execute(_HEAD_SQL).fetchone()
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            if row is not None and at < row[2] and kind is not JournalKind.TAMPER_REVIEWED:
                # Journal time never goes backwards (sealstation/journal/clock.py): a clock behind the last entry
                # dates the entry at the last entry's time; one far behind is a stop the gate records. Only the
                # office's signed review takes the clock as it is (after a clock set ahead by mistake).
                at = row[2]
            digest = entry_hash(seq, at, actor, value, data_json, prev)
            conn.execute(_INSERT_SQL, (seq, at, actor, value, data_json, prev, digest))
        return JournalEntry(seq, at, actor, kind, data, prev, digest)

    def about_request(self, request_id: str) -> list[JournalEntry]:
        """The entries that decide a request's fate: its stamps, its return, its refusal (indexed, not a scan).

        The gate asks these, not the ``requests`` and ``stamps`` rows: rows can be
        edited unseen, while the chain (and the checkpoint on the seal's token)
        shows an entry removed or changed.
        """
        rows = self.db.query(
            "SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal "
            f"WHERE kind IN ({_DECISIVE_SQL}) AND json_extract(data, '$.request') = ? ORDER BY seq", (request_id,))
        return [_entry(row) for row in rows]

    def entries(self, *, since: str | None = None, until: str | None = None,
                kinds: tuple[JournalKind | str, ...] = ()) -> Iterator[JournalEntry]:
        """Entries in [since, until), of ``kinds`` if given (each a JournalKind or its value; a typo is a ValueError)."""
        sql, params = "SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal WHERE 1=1", []
        if since:
            sql, params = sql + " AND at >= ?", params + [since]
        if until:
            sql, params = sql + " AND at < ?", params + [until]
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            params += [JournalKind(k).value for k in kinds]
        for row in self.db.query(sql + " ORDER BY seq", params):
            yield _entry(row)

    def last(self) -> JournalEntry | None:
        rows = self.db.query("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal ORDER BY seq DESC LIMIT 1")
        return _entry(rows[0]) if rows else None

    def entry(self, seq: int) -> JournalEntry | None:
        """Entry ``seq`` as stored; None when there is none (a finding about a journal cut short names one)."""
        rows = self.db.query("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal WHERE seq = ?", (seq,))
        return _entry(rows[0]) if rows else None

    # -- tamper state ----------------------------------------------------------

    def tampered(self) -> str | None:
        """The finding that stops stamping: the state row, or a tamper entry no signed review covers."""
        rows = self.db.query("SELECT value FROM station_state WHERE key = 'journal_tampered'")
        if rows:
            return rows[0][0]
        detected = open_stop(self.db, self.ca_cert, self.station_id)
        if detected is not None:
            return f"entry {detected} records a tamper finding that no review signed by the office has lifted"
        return None

    def check_not_tampered(self) -> None:
        finding = self.tampered()
        if finding:
            raise JournalTamperedError(
                f"The journal failed verification ({finding}); stamping is stopped.",
                hint="The office must review the journal ('sealstation journal review', signed with the seal "
                     "authority passphrase) before stamping resumes.",
                reason=finding,
            )

    def record_tamper(self, result: JournalVerifyResult) -> str:
        """Stop stamping for what verification found; the new stop id."""
        finding = "; ".join(f"entry {p.seq}: {p.what}" for p in result.problems[:5])
        return self.record_stop(finding, problems=[p.__dict__ for p in result.problems[:100]])

    def record_stop(self, reason: str, *, stop: str | None = None, source: str = "journal verify",
                    problems: list | None = None) -> str:
        """Set the tamper stop (row and entry); ``stop`` is kept when the seal's token already holds one."""
        stop = stop or secrets.token_hex(8)
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO station_state (key, value) VALUES ('journal_tampered', ?)", (reason,))
            # The alarm links to the last row as stored: the chain is evidence, not repaired.
            self.append(JournalKind.TAMPER_DETECTED, {"stop": stop, "reason": reason, "source": source,
                                                      "problems": problems or []})
        return stop

    def acknowledge_tamper(self, review, signature: str) -> JournalEntry:
        """Lift the stop with the office's signed :class:`~.review.OfficeReview` of the current head."""
        if not review.note.strip():
            raise JournalError("A review needs a note saying what the office found.")
        head = self.last()
        if head is None or (head.seq, head.hash) != (review.covers_seq, review.covers_hash):
            raise JournalError("The review does not cover the journal as it is now (entries were added meanwhile).",
                               hint="Run the review again.")
        data = {"note": review.note, "review": json.loads(review.canonical()), "signature": signature}
        if valid_review(self.db, data, self.ca_cert, self.station_id) is None:
            raise JournalTamperedError("The review is not signed by this office's seal authority; the stop stays.",
                                       hint="The office signs reviews with its seal authority key and passphrase.",
                                       code="review_unsigned")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM station_state WHERE key = 'journal_tampered'")
            return self.append(JournalKind.TAMPER_REVIEWED, data, actor=review.reviewer)


def _kind(stored: str) -> JournalKind | str:
    try:
        return JournalKind(stored)
    except ValueError:
        return stored  # another version's kind: readable, counted by nothing


def _entry(row) -> JournalEntry:
    seq, at, actor, kind, data, prev, digest = row
    return JournalEntry(seq, at, actor, _kind(kind), json.loads(data), prev, digest)


def _reordered_from(row, window: int = 8) -> int | None:
    seq, at, actor, kind, data, prev, digest = row
    for other in range(max(1, seq - window), seq + window + 1):
        if other != seq and entry_format(other, at, actor, kind, data, prev, digest) is not None:
            return other
    return None


def verify_journal(db, *, batch: int = 20000) -> JournalVerifyResult:
    """Check every entry and every link, streaming in bounded memory.

    Entries before the switch point (``journal_format_2_from``) may use either
    formula; from it on only the current one: an old-format entry there was
    written by an older SealStation, or by hand to pass as one. Without the
    row (removed), the first current-format entry is the switch point.
    """
    problems: list[JournalProblem] = []
    switch = format2_from(db)
    cur = db.conn.execute("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal ORDER BY seq")
    prev_seq, prev_hash, prev_prev_hash, checked = 0, GENESIS, None, 0
    prev_flagged = False  # the entry before failed its own hash: its successor's link says nothing new
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            break
        for row in rows:
            seq, at, actor, kind, data, stored_prev, digest = row
            checked += 1
            if seq != prev_seq + 1:
                problems.append(JournalProblem(seq, "removed", f"entries {prev_seq + 1}–{seq - 1} are missing"))
            fmt = entry_format(seq, at, actor, kind, data, stored_prev, digest)
            if fmt == 2 and switch is None:
                switch = seq
            why = _format_problem(seq, fmt, switch)
            flagged = why is not None
            if why == "old-format":
                problems.append(JournalProblem(seq, "old-format", f"it uses the hash formula of before entry {switch}, "
                                               "where the station had switched: written by an older SealStation or "
                                               "by hand"))
            elif flagged:
                origin = _reordered_from(row)
                if origin is not None:
                    problems.append(JournalProblem(seq, "reordered", f"this entry was written as entry {origin}"))
                else:
                    problems.append(JournalProblem(seq, "changed", "its content does not match its hash"))
            elif stored_prev != prev_hash and seq == prev_seq + 1 and not prev_flagged:
                if prev_prev_hash is not None and stored_prev == prev_prev_hash:
                    problems.append(JournalProblem(seq - 1, "inserted", "the entry before this one was not in the chain"))
                else:
                    problems.append(JournalProblem(seq, "bad-link", "it does not link to the entry before it"))
            prev_seq, prev_prev_hash, prev_hash, prev_flagged = seq, prev_hash, digest, flagged
    return JournalVerifyResult(checked, tuple(problems))


def export_journal(db, out_path: Path, *, since: str | None, until: str | None, fmt: str,
                   overwrite: bool = False) -> int:
    """Write entries in [since, until) as CSV or JSON Lines, atomically; return how many.

    CSV cells are made printable and never a formula (:func:`sealstation.cells.csv_text`): an actor that
    starts with ``=`` gets a leading quote. JSON Lines keeps every entry exactly as chained.

    Where it may write is the caller's check (:meth:`sealstation.station.Station.export_journal`
    applies the output rules); an existing file is replaced only with ``overwrite``.
    """
    if fmt not in ("csv", "jsonl"):
        raise JournalError(f"Unknown export format {fmt!r}: use csv or jsonl.")
    journal = Journal(db)
    count = 0
    with atomic_output(Path(out_path), overwrite=overwrite) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        # An actor is any text an OA file names as requester: in a spreadsheet it must not be a formula.
        writer = GuardedCsvWriter(csv.writer(text)) if fmt == "csv" else None
        if writer:
            writer.writerow(["seq", "at", "actor", "kind", "data", "prev_hash", "hash"])
        for e in journal.entries(since=since, until=until):
            if writer:
                writer.writerow([e.seq, e.at, e.actor or "", str(e.kind), canonical_json(e.data), e.prev_hash, e.hash])
            else:
                text.write(canonical_json(e.__dict__) + "\n")
            count += 1
        text.flush()
        text.detach()
    return count
