"""The custodian's day at a glance: the work queue, the seals usable today, the journal's health, their own journal.

Read-only queries for the window (the queue, the status strip, the journal
view), behind short :class:`~sealstation.station.Station` methods. They read
what the core already records (requests, approvals, stamps and their uses,
copies and allowances, recalls in the journal) with a handful of set-based
queries: the cost is O(requests + their stamps and copies), with no signature
checked per request and no scan of the whole journal.

The queue trusts the rows: it is a list to choose from, not a gate. Opening a
request runs the checks the stamp runs (:meth:`StampingDesk.plan_stamp`, then the
gate, which checks every signature behind it), and a print runs the print
desk's. A row edited with the database key can put an item in the queue; it
cannot get it stamped or printed.

The journal's health is what the station already keeps: a tamper stop, the
station's clock against the latest time it has seen, the office archive's
grace, and the journal compared with the last checkpoint the station wrote to
a seal's USB key (its own copy of it: the key itself is read, with the PIN, at
the next stamp). That comparison costs the entries since that checkpoint,
never the whole journal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .approval.entries import approval_entry
from .approval.requests import RequestState
from .errors import SealStationError, SyncGraceError
from .journal.checkpoint import Checkpoint, CheckpointState, compare
from .journal.clock import CLOCK_TOLERANCE, set_back_words
from .journal.journal import JournalKind, iso_seconds
from .journal.query import seq_ranges
from .model import ApprovalDecision, TextEnum

__all__ = ["QueueGroup", "WorkItem", "SealToday", "HealthCause", "JournalHealth", "JournalLine", "work_queue",
           "seals_usable_today", "journal_health", "journal_lines", "MAX_HEALTH_ENTRIES"]


class QueueGroup(TextEnum):
    """Where a request stands for its custodian (the queue's groups, in the order shown)."""

    WAITING = "waiting"
    """Approved, no seal stamped yet."""
    PARTLY_STAMPED = "partly stamped"
    """Some of its seals are stamped; the next one goes on the output of the one before."""
    TO_PRINT = "to print"
    """Every seal stamped; approved copies are left to print."""
    PRINTED = "printed"
    """Every approved copy printed (one of the most recent stamped requests, made in the last days the queue looks
    back): its copies can still be recalled (收回) before a reprint, and more copies need 加印."""
    RETURNED = "returned"
    """Sent back (退签) with a reason."""
    WITHDRAWN = "recalled or superseded"
    """Its printed copies were recalled (收回), or a corrected document replaced it (重印)."""


@dataclass(frozen=True)
class WorkItem:
    """One request in a custodian's work queue."""

    request_id: str
    group: QueueGroup
    document_path: Path | None
    """The file to open next: the approved document (waiting, returned), else the output of the request's latest
    stamp. None when the station does not know where it is (a request from before paths were recorded)."""
    document_name: str
    """The approved document's file name."""
    document_sha256: str
    """The approved document's SHA-256."""
    seals: tuple[str, ...]
    """The approved seals, in the request's order."""
    stamped: tuple[str, ...]
    """The seals already stamped."""
    due_next: str | None
    """The next seal to stamp: the first not yet stamped that this custodian keeps, else the first not yet stamped;
    None when nothing is to be stamped (every seal stamped, or the request returned or withdrawn)."""
    mine: tuple[str, ...]
    """The approved seals this custodian keeps, or stands in for (代管) now."""
    purpose: str
    approver: str
    """The approver's user name ("" when the request has no approval)."""
    approver_name: str
    """The approver's display name (their user name when the station has no display name for them)."""
    copies_approved: int
    """The request's copies plus every extra (加印) or replacement allowance recorded for it."""
    copies_printed: int
    """Copies the print system accepted (voided ones count: a spoiled copy still used its slot)."""
    created_at: dt.datetime
    """When the station received the request (UTC)."""
    age: dt.timedelta
    """Its age at the station's time when the queue was read."""
    expires_at: dt.datetime | None
    """When its approval expires (as recorded), None without an approval."""
    reason: str | None = None
    """Why it was returned, or why its copies were recalled."""
    superseded_by: str | None = None
    """The corrected document's request that replaced it (重印)."""
    supersedes: str | None = None
    """For a reprint: the request whose stamped file it replaces."""
    seal_kinds: tuple[str, ...] = ()
    """The kind of each approved seal (a :class:`~sealstation.model.SealKind` value, "" when the register has no
    such seal), in the order of ``seals``: what the window names them by."""
    seals_stopped: tuple[str, ...] = ()
    """The approved seals the register's rows say may not stamp now (not issued, suspended, withdrawn, revoked,
    destroyed, or past their validity): shown as unusable; opening the request runs the gate's own checks."""

    @property
    def copies_left(self) -> int:
        return max(0, self.copies_approved - self.copies_printed)

    @property
    def seals_left(self) -> tuple[str, ...]:
        return tuple(s for s in self.seals if s not in self.stamped)


@dataclass(frozen=True)
class SealToday:
    """A seal a custodian keeps or stands in for, and whether they may stamp with it today."""

    seal_id: str
    name: str
    """The seal's full name as engraved."""
    kind: str
    as_deputy: bool
    """Used under a delegation (代管), not as its custodian."""
    usable: bool
    problem: str | None
    """Why not (suspended, expired, not for this station, …), in the core's words; None when usable."""
    until: dt.datetime | None
    """When today's right ends: the delegation's end for a deputy, else the seal's validity (None: open-ended)."""
    error: SealStationError | None = None
    """The refusal itself (its ``code`` and ``facts``), for a window that words it in its own language."""


class HealthCause(TextEnum):
    """What stops stamping, as far as the journal and its witnesses tell (the window words each)."""

    NONE = "none"
    """Nothing: the journal agrees with the last checkpoint (or no stamp has written one yet)."""
    TAMPERED = "tampered"
    """A tamper stop stands until the office signs a review."""
    CHECKPOINT = "checkpoint"
    """The journal disagrees with the last checkpoint written to a seal's USB key: the next stamp stops."""
    CLOCK = "clock"
    """The station's clock is far behind the latest time it has seen."""
    SYNC_GRACE = "sync grace"
    """Too many stamps, or too many days, without a successful sync to the office archive."""
    NOT_UPGRADED = "not upgraded"
    """The station's records and policy are not office-signed yet."""


@dataclass(frozen=True)
class JournalHealth:
    """The journal's health for the status strip."""

    cause: HealthCause
    reason: str
    """In the core's words (English); empty when nothing stops stamping."""
    hint: str
    """What to do, in the core's words; empty when nothing needs doing."""
    head_seq: int
    """The journal's last entry."""
    checkpoint_seq: int | None
    """The entry of the last checkpoint written to a seal's USB key (None: no stamp has written one)."""
    checkpoint_at: str | None
    """That entry's time (UTC, ISO 8601)."""
    checked: bool
    """The chain from the checkpoint to the head was verified now (False when nothing to compare or it is too long
    to verify on a refresh: the next stamp verifies it)."""

    @property
    def ok(self) -> bool:
        return self.cause == HealthCause.NONE


@dataclass(frozen=True)
class JournalLine:
    """One of a person's own journal entries, for the journal view."""

    seq: int
    at: dt.datetime
    """UTC."""
    kind: str
    """The entry's kind (a :class:`~sealstation.journal.journal.JournalKind` value)."""
    seals: tuple[str, ...]
    request: str | None
    document: str | None
    """A document or output file name the entry names, if any."""
    detail: str | None
    """A reason, an error or an outcome the entry gives, if any (in the core's words)."""
    data: dict
    """The entry's data as journalled."""


MAX_HEALTH_ENTRIES = 50_000
"""Entries past the last checkpoint verified on a refresh; beyond them the next stamp verifies them (with the PIN)."""

_STAMPABLE = (QueueGroup.WAITING, QueueGroup.PARTLY_STAMPED)
_RECENT_ONLY = (QueueGroup.PRINTED, QueueGroup.RETURNED, QueueGroup.WITHDRAWN)
_REQUESTS_SQL = (
    "SELECT r.id, r.document_name, r.document_sha256, r.seals, r.purpose, r.copies, r.created_at, r.state, r.reason, "
    "r.supersedes, r.document_path, a.approver, a.decision, a.expires_at, u.display_name FROM requests r "
    "LEFT JOIN approvals a ON a.id = (SELECT MAX(id) FROM approvals WHERE request_id = r.id) "
    "LEFT JOIN users u ON u.username = a.approver WHERE "
    # Only what may be shown, decided in SQLite: a station's years of finished requests cost an index lookup each.
    "(r.state = 'approved' AND a.expires_at > :now) "
    "OR (r.state IN ('returned', 'superseded') AND r.created_at >= :recent) "
    "OR (r.state = 'stamped' AND (r.id IN (SELECT value FROM json_each(:recalled)) OR r.id IN (SELECT id FROM requests "
    "    WHERE state = 'stamped' ORDER BY created_at DESC, rowid DESC LIMIT :printed) "
    "    OR r.copies + (SELECT COALESCE(SUM(copies), 0) FROM print_allowances p WHERE p.request_id = r.id) "
    "       > (SELECT COUNT(*) FROM print_copies c WHERE c.request_id = r.id AND c.state = 'printed'))) "
    "ORDER BY r.created_at, r.rowid")
_IN_IDS = "IN (SELECT value FROM json_each(?))"


def _utc(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


# -- the work queue -------------------------------------------------------------


_STAMPING_STATUS = "issued"
"""The one status in which a seal stamps (:mod:`sealstation.seals.lifecycle`)."""


def _kept_seals(station, user: str, now: dt.datetime, kinds: dict[str, str],
                stopped: set[str] | None = None) -> set[str]:
    """The seals ``user`` keeps (the register's rows) or stands in for under a delegation the office signed;
    ``kinds`` gets every registered seal's kind, ``stopped`` (when given) the seals whose row says they may not
    stamp now (status or validity)."""
    mine = set()
    for record in station.seals.all():
        kinds[record.seal_id] = str(record.kind)
        until = _utc(record.valid_until)
        if stopped is not None and (str(record.status) != _STAMPING_STATUS or (until is not None and until <= now)):
            stopped.add(record.seal_id)
        if record.custodian == user or any(d.delegate == user and d.active(now)
                                           for d in station.seals.delegations(record.seal_id, now)):
            mine.add(record.seal_id)
    # An approval's entry for a seal with a cross-page seal (HT-001+cross-page) is that seal's: keeping, kind.
    for seal_id in list(kinds):
        entry = approval_entry(seal_id, True)
        kinds[entry] = kinds[seal_id]
        if seal_id in mine:
            mine.add(entry)
        if stopped is not None and seal_id in stopped:
            stopped.add(entry)
    return mine


def _stamps(db, ids: str) -> dict[str, list[tuple[str, str | None]]]:
    """Request → [(seal, output path)] of its stamps, in order, for the requests ``ids`` (a JSON list)."""
    found: dict[str, list[tuple[str, str | None]]] = {}
    rows = db.query(
        "SELECT s.request_id, s.seal_id, u.output FROM stamps s "
        "LEFT JOIN stamp_uses u ON u.request_id = s.request_id AND u.seal_id = s.seal_id "
        f"WHERE s.request_id {_IN_IDS} ORDER BY s.id", (ids,))
    for request_id, seal_id, output in rows:
        found.setdefault(request_id, []).append((seal_id, output))
    return found


def _counts(db, sql: str, ids: str) -> dict[str, int]:
    return {request_id: int(n or 0) for request_id, n in db.query(sql, (ids,))}


def _recalls(db) -> dict[str, str]:
    """Request → the reason its copies were recalled, from the journal (indexed by kind; recalls are few)."""
    return {request_id: reason or "" for request_id, reason in db.query(
        "SELECT json_extract(data, '$.request'), json_extract(data, '$.reason') FROM journal WHERE kind = ? "
        "ORDER BY seq", (JournalKind.COPY_RECALLED.value,))}


def _group(state: str, stamped: list, valid: bool, left: int, recalled: bool) -> QueueGroup | None:
    if state == RequestState.SUPERSEDED or recalled:
        return QueueGroup.WITHDRAWN
    if state == RequestState.RETURNED:
        return QueueGroup.RETURNED
    if state == RequestState.APPROVED:
        if not valid:
            return None  # expired or not approved: nothing the custodian can do with it
        return QueueGroup.PARTLY_STAMPED if stamped else QueueGroup.WAITING
    if state == RequestState.STAMPED:
        return QueueGroup.TO_PRINT if left > 0 else QueueGroup.PRINTED
    return None


PRINTED_SHOWN = 50
"""How many of the most recent stamped requests the queue looks at for the printed group (a busy office prints
thousands a month; the queue is for what may still need a hand)."""


def work_queue(station, user: str, *, recent_days: int = 30) -> tuple[WorkItem, ...]:
    """The requests ``user`` may act on, grouped (:class:`QueueGroup`), oldest first within a group.

    Returned, recalled and superseded requests are listed when made in the last ``recent_days`` days; fully printed
    ones too when among the :data:`PRINTED_SHOWN` most recent stamped requests.
    """
    db, now = station.db, station.now()
    kinds: dict[str, str] = {}
    stopped: set[str] = set()
    mine = _kept_seals(station, user, now, kinds, stopped)
    if not mine:
        return ()
    recent = now - dt.timedelta(days=recent_days)
    recalls = _recalls(db)
    rows = [row for row in db.query(_REQUESTS_SQL, {"now": iso_seconds(now), "recent": iso_seconds(recent),
                                                     "printed": PRINTED_SHOWN,
                                                     "recalled": json.dumps(list(recalls))})
            if mine.intersection(json.loads(row[3]))]
    ids = json.dumps([row[0] for row in rows])
    stamps = _stamps(db, ids)
    printed = _counts(db, "SELECT request_id, COUNT(*) FROM print_copies WHERE state = 'printed' AND request_id "
                      f"{_IN_IDS} GROUP BY request_id", ids)
    extra = _counts(db, f"SELECT request_id, SUM(copies) FROM print_allowances WHERE request_id {_IN_IDS} "
                    "GROUP BY request_id", ids)
    replaced_by = dict(db.query(f"SELECT supersedes, id FROM requests WHERE supersedes {_IN_IDS}", (ids,)))
    items = []
    for (request_id, name, sha, seals_json, purpose, copies, created, state, reason, supersedes, path, approver,
         decision, expires, display) in rows:
        seals = tuple(json.loads(seals_json))
        kept = tuple(s for s in seals if s in mine)
        if not kept:
            continue
        done = stamps.get(request_id, [])
        expires_at, created_at = _utc(expires), _utc(created)
        valid = decision == ApprovalDecision.APPROVE and expires_at is not None and expires_at > now
        approved = copies + extra.get(request_id, 0)
        group = _group(state, done, valid, approved - printed.get(request_id, 0), request_id in recalls)
        if group is None or (group in _RECENT_ONLY and created_at < recent):
            continue
        stamped = tuple(seal for seal, _ in done)
        left = [s for s in seals if s not in stamped]
        outputs = [out for _, out in done if out]
        opened = outputs[-1] if outputs and group != QueueGroup.RETURNED else path
        items.append(WorkItem(
            request_id=request_id, group=group, document_path=Path(opened) if opened else None, document_name=name,
            document_sha256=sha, seals=seals, stamped=stamped,
            due_next=next((s for s in left if s in mine), left[0]) if left and group in _STAMPABLE else None,
            mine=kept, purpose=purpose,
            approver=approver or "", approver_name=display or approver or "", copies_approved=approved,
            copies_printed=printed.get(request_id, 0), created_at=created_at, age=max(now - created_at, dt.timedelta()),
            expires_at=expires_at, reason=recalls.get(request_id) if request_id in recalls else reason,
            superseded_by=replaced_by.get(request_id), supersedes=supersedes,
            seal_kinds=tuple(kinds.get(s, "") for s in seals),
            seals_stopped=tuple(s for s in seals if s in stopped and s not in stamped)))
    order = {g: i for i, g in enumerate(QueueGroup)}
    return tuple(sorted(items, key=lambda item: (order[item.group], item.created_at)))


# -- the seals usable today ----------------------------------------------------------


def seals_usable_today(station, user: str) -> tuple[SealToday, ...]:
    """The seals ``user`` keeps or stands in for now, each checked as the gate checks it (record signature,
    status, validity, station, delegation)."""
    now = station.now()
    found = []
    for record in station.seals.all():
        delegation = next((d for d in station.seals.delegations(record.seal_id, now)
                           if d.delegate == user and d.active(now)), None)
        if record.custodian != user and delegation is None:
            continue
        problem, error = None, None
        try:
            record = station.seals.get(record.seal_id)  # the office's signature checked
            station.seals.check_usable(record, station_id=station.config.station_id, user=user, now=now)
        except SealStationError as exc:
            problem, error = exc.message, exc
        deputy = record.custodian != user
        until = delegation.ends if deputy and delegation is not None else _utc(record.valid_until)
        found.append(SealToday(record.seal_id, record.name, str(record.kind), deputy, problem is None, problem, until,
                               error))
    return tuple(found)


# -- the journal's health ------------------------------------------------------------


def _last_checkpoint(db) -> Checkpoint | None:
    rows = db.query("SELECT data FROM archive_checkpoints ORDER BY id DESC LIMIT 1")
    if not rows:
        return None
    try:
        return Checkpoint.from_bytes(rows[0][0].encode("utf-8"))
    except (ValueError, TypeError):
        return None


def _stop(station) -> tuple[HealthCause, str, str] | None:
    """What already stops stamping, from what the station keeps (no token, no full verification)."""
    finding = station.journal.tampered()
    if finding:
        return (HealthCause.TAMPERED, f"The journal failed verification ({finding}); stamping is stopped.",
                "The office must review the journal ('sealstation journal review') before stamping resumes.")
    clock, seen = station.clock(), station.latest_time_seen()
    if seen is not None and clock < seen.at - CLOCK_TOLERANCE:
        return HealthCause.CLOCK, f"Stamping is stopped: {set_back_words(clock, seen)}.", ""
    try:
        station.require_upgraded()
        station.check_sync_grace()
    except SealStationError as exc:
        cause = HealthCause.SYNC_GRACE if isinstance(exc, SyncGraceError) else HealthCause.NOT_UPGRADED
        return cause, exc.message, exc.hint or ""
    return None


def journal_health(station) -> JournalHealth:
    """The journal's health now (see the module's docstring for what it reads)."""
    db = station.db
    head = db.query("SELECT COALESCE(MAX(seq), 0) FROM journal")[0][0]
    cp = _last_checkpoint(db)
    cp_seq = cp.seq if cp is not None else None
    cp_at = cp.at or None if cp is not None else None
    stopped = _stop(station)
    if stopped is not None:
        return JournalHealth(*stopped, head, cp_seq, cp_at, False)
    if cp is None or head - cp.seq > MAX_HEALTH_ENTRIES:
        return JournalHealth(HealthCause.NONE, "", "", head, cp_seq, cp_at, False)
    result = compare(db, cp, ca_cert=station.journal.ca_cert, now=station.clock())
    if result.state in (CheckpointState.AGREES, CheckpointState.NONE):
        return JournalHealth(HealthCause.NONE, "", "", head, cp_seq, cp_at, True)
    return JournalHealth(HealthCause.CHECKPOINT, f"The next stamp will stop: {result.reason}.",
                         "Tell the office: it checks the journal ('sealstation journal verify') and reviews it.",
                         head, cp_seq, cp_at, True)


# -- a person's own journal ------------------------------------------------------------


def _iso(value: dt.datetime | str) -> str:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.astimezone()  # a naive time is the computer's local time (the journal view's dates)
    return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _seals_of(data: dict) -> tuple[str, ...]:
    seals = data.get("seals")
    if isinstance(seals, list):
        return tuple(str(s) for s in seals)
    return (str(data["seal"]),) if data.get("seal") else ()


def _line(seq: int, at: str, kind: str, data: dict) -> JournalLine:
    document = data.get("document") or data.get("file")
    if not document and data.get("output"):
        document = Path(str(data["output"])).name
    detail = data.get("reason") or data.get("why") or data.get("status") or data.get("action")
    request = data.get("request")
    return JournalLine(seq, _utc(at), kind, _seals_of(data), str(request) if request else None,
                       str(document) if document else None, str(detail) if detail else None, data)


def journal_lines(station, user: str, *, since: dt.datetime | str, until: dt.datetime | str, seal: str | None = None,
                  kind: str | Iterable[str] | None = None) -> tuple[JournalLine, ...]:
    """``user``'s own entries in [since, until), of ``seal`` and ``kind`` (one kind or several) when given.

    Read by ranges of the primary key found by binary search on the entries' times: the cost is the entries in the
    period, never the whole journal. A naive ``since``/``until`` is the computer's local time.
    """
    kinds = {JournalKind(kind).value} if isinstance(kind, str) else {JournalKind(k).value for k in kind or ()}
    lines = []
    for first, end in seq_ranges(station.db, _iso(since), _iso(until)):
        for seq, at, entry_kind, data in station.db.query(
                "SELECT seq, at, kind, data FROM journal WHERE seq >= ? AND seq < ? AND actor = ? ORDER BY seq",
                (first, end, user)):
            if kinds and entry_kind not in kinds:
                continue
            loaded = json.loads(data)
            line = _line(seq, at, entry_kind, loaded if isinstance(loaded, dict) else {})
            if seal is None or seal in line.seals:
                lines.append(line)
    return tuple(lines)
