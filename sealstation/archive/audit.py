"""The archive's checks (``sealstation archive verify``): can the office trust what each station sent?

For each station, its segments are read in the order received and checked:

* the station certificate was issued by the office's seal authority, and
  the station's signature covers the segment as stored (a segment edited on
  the share, or forged, fails here);
* no sequence numbers are missing (a segment removed from the folder leaves
  a gap in the entries and in the receipt numbers);
* each segment continues the chain the archive already holds. A station
  whose history no longer extends what it sent before (a database rolled
  back by a file copy, a chain rewritten and hashed again) is flagged with
  the first diverging entry;
* the token checkpoints it handed over never go back, and name entries the
  archive holds with the same hash (a custodian who rewrote the checkpoint
  on the token with the PIN is seen here); a checkpoint started again on a
  token is named (the object deleted, or a new token);
* it kept the office's grace: no stamp was let through while more stamps, or
  older ones, waited to reach the archive than the policy the station
  recorded allows (a grace counter edited in the station's store shows here
  once the stamps arrive; the times are the station's own);
* every stamp's authority holds against the office's own certificate given
  here, never a station's copy: the approval by its approver's key, the
  user, seal, delegation and policy records by the office's seal authority
  (:mod:`.authority_check`);
* it reported within ``stale_days``.

Each station is checked in memory proportional to its own journal only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from dataclasses import dataclass, field

from ..journal.journal import GENESIS, JournalKind
from ..policy import StationPolicy
from .authority_check import AuthorityCheck, RecordCache
from .backend import ArchiveBackend
from .segment import open_segment

__all__ = ["Finding", "StationAudit", "verify_archive", "audit_station", "findings_as_json"]


@dataclass(frozen=True)
class Finding:
    """Something the office must look at."""

    station: str
    what: str
    """unreadable, certificate, signature, chain, missing, diverged, checkpoint, grace, authority, silent"""
    detail: str
    seq: int | None = None
    """The first entry concerned, when there is one."""


@dataclass
class StationAudit:
    """One station as the archive holds it."""

    station: str
    segments: int = 0
    through: int = 0
    """The archive holds the station's journal through this entry (on its latest line)."""
    last_report: str | None = None
    findings: list[Finding] = field(default_factory=list)


def verify_archive(backend: ArchiveBackend, ca_cert, *, now: dt.datetime, stale_days: int = 7) -> list[StationAudit]:
    """Check every station in the archive; see the module docstring."""
    records = RecordCache(ca_cert)  # a record several stations sent is verified once
    return [audit_station(backend, station, ca_cert, now=now, stale_days=stale_days, records=records)
            for station in backend.stations()]


class _Line:
    """The chain the archive holds for a station: seq → hash, along the latest segment received."""

    def __init__(self) -> None:
        self.hashes: dict[int, str] = {0: GENESIS}
        self.top = 0

    def first_difference(self, seg) -> int | None:
        """The first entry of ``seg`` (or its link) that differs from the held line, if any."""
        if seg.first - 1 <= self.top and self.hashes.get(seg.first - 1) != seg.prev_hash:
            return seg.first - 1
        for e in seg.entries:
            if e["seq"] > self.top:
                return None
            if self.hashes.get(e["seq"]) != e["hash"]:
                return e["seq"]
        return None

    def take(self, seg) -> None:
        if seg.first <= self.top:
            for seq in range(seg.first, self.top + 1):
                self.hashes.pop(seq, None)
        for e in seg.entries:
            self.hashes[e["seq"]] = e["hash"]
        self.top = seg.last


def audit_station(backend, station: str, ca_cert, *, now: dt.datetime, stale_days: int = 7,
                  on_segment=None, records: RecordCache | None = None) -> StationAudit:
    """Check one station's segments; ``on_segment(segment)`` is given each one that checks out (one reading);
    ``records``: the signed records already verified in this run."""
    audit = StationAudit(station)
    authority = AuthorityCheck(records if records is not None else RecordCache(ca_cert))
    line, receipt, written = _Line(), 0, -1
    numbered = getattr(backend, "numbered", False)
    tokens_started: dict[str, int] = {}
    grace = _Grace()

    def find(what: str, detail: str, seq: int | None = None) -> None:
        audit.findings.append(Finding(station, what, detail, seq))

    for stored in backend.segments(station):
        head = stored.head
        name = f"segment {head.receipt} (entries {head.first}–{head.last})"
        if numbered and head.receipt != receipt + 1:
            find("missing", f"segments {receipt + 1}–{head.receipt - 1} were removed from the archive")
        receipt = head.receipt
        if stored.signed is None:
            find("unreadable", f"{name}: {stored.problem}")
            continue
        problem = open_segment(stored.signed, ca_cert)
        if problem is None and stored.signed.segment.station != station:
            problem_text = f"it is station {stored.signed.segment.station}'s, filed under {station}"
            find("certificate", f"{name}: {problem_text}")
            continue
        if problem is not None:
            find(problem.what, f"{name}: {problem.detail}")
            continue
        seg = stored.signed.segment
        audit.segments += 1
        if on_segment is not None:
            on_segment(seg)
        if seg.first > line.top + 1:
            find("missing", f"entries {line.top + 1}–{seg.first - 1} never reached the archive (before {name})",
                 line.top + 1)
        else:
            differs = line.first_difference(seg)
            if differs is not None:
                find("diverged", f"{name} does not extend what the station sent before: entry {differs} differs "
                     f"(the first diverging entry). Its records were rolled back or rewritten after they were sent.",
                     differs)
        line.take(seg)
        written = _check_checkpoint(seg, line, written, find)
        _check_tokens_started(seg, tokens_started, find)
        grace.check(seg, find)
        authority.check(seg, find)
        audit.last_report = seg.made_at
    audit.through = line.top
    if audit.last_report is not None:
        age = now - dt.datetime.fromisoformat(audit.last_report)
        if age > dt.timedelta(days=stale_days):
            find("silent", f"the station has not reported for {age.days} days (last report {audit.last_report[:16]})")
    return audit


class _Grace:
    """Did the station stop stamping where the office's grace says it must?

    A stamp waits until the first segment that carries it is made (every stamp
    of that segment waited until then; segment times have whole seconds, so a
    stamp of an earlier segment counts as sent from that segment's second on).
    Each stamp is judged when the gate let it through (its ``stamp_started``
    attempt, before the PIN was asked): the stamps done before that attempt and
    still waiting must be fewer than ``sync_grace_stamps`` (at least one) and
    younger than ``sync_grace_days``, as the gate checks. The
    limits are those of the policy the station recorded (``policy_signed``,
    ``station_upgraded``), from the policy's defaults.
    """

    def __init__(self) -> None:
        defaults = StationPolicy()
        self.days, self.stamps = defaults.sync_grace_days, defaults.sync_grace_stamps
        self.waiting: deque[tuple[int, dt.datetime, int, dt.datetime]] = deque()  # seq, made; segment, its time
        self.seen = self.segments = 0
        self.started: dict[int, dt.datetime] = {}
        """When each attempt passed the gate, by its ``stamp_started`` entry."""

    def check(self, seg, find) -> None:
        carried = dt.datetime.fromisoformat(seg.made_at)
        self.segments += 1
        flagged = False
        for e, data in seg.records(JournalKind.STAMP_STARTED, JournalKind.STAMP_DONE, JournalKind.POLICY_SIGNED,
                                   JournalKind.STATION_UPGRADED):
            if e["seq"] <= self.seen:
                continue  # sent before (a fork sent again is judged by the divergence finding)
            self.seen = e["seq"]
            at = dt.datetime.fromisoformat(e["at"])
            if e["kind"] == JournalKind.STAMP_STARTED:
                self.started[e["seq"]] = at
                continue
            if e["kind"] != JournalKind.STAMP_DONE:
                self._limits(data.get("new") or data.get("policy") or {})
                continue
            attempt = data.get("attempt") if isinstance(data.get("attempt"), int) else e["seq"]
            why = self._overdue(self.started.pop(attempt, at), attempt)
            if why and not flagged:  # one finding a segment: the first stamp past the grace
                find("grace", f"entry {e['seq']}: stamped while {why}; the station should have stopped stamping "
                     "until a sync succeeded", e["seq"])
                flagged = True
            self.waiting.append((e["seq"], at, self.segments, carried))

    def _overdue(self, at: dt.datetime, attempt: int) -> str | None:
        """Why the gate should have refused an attempt at ``at`` (entry ``attempt``), if it should have."""
        while self.waiting and self.waiting[0][2] < self.segments and self.waiting[0][3] <= at:
            self.waiting.popleft()  # that stamp had reached the archive by then
        before = [w for w in self.waiting if w[0] < attempt]  # a stamp done later was not waiting yet
        if not before:
            return None
        if len(before) >= max(self.stamps, 1):
            return f"{len(before)} stamp(s) had not reached the archive (the office allows {self.stamps})"
        age = at - before[0][1]
        if age >= dt.timedelta(days=self.days):
            return (f"the oldest stamp not in the archive (entry {before[0][0]}) was {age.days} day(s) old "
                    f"(the office allows {self.days})")
        return None

    def _limits(self, policy: dict) -> None:
        self.days = int(policy.get("sync_grace_days", self.days))
        self.stamps = int(policy.get("sync_grace_stamps", self.stamps))


def _check_checkpoint(seg, line: _Line, written: int, find) -> int:
    cp = seg.checkpoint
    if not cp:
        return written
    if int(cp.get("written", 0)) < written:
        find("checkpoint", f"the checkpoint on the seal's USB key went back (write {cp.get('written')} after "
             f"{written}): it was replaced or rewritten with the PIN", cp.get("seq"))
    held = line.hashes.get(int(cp.get("seq", 0)))
    if held is not None and held != cp.get("hash"):
        find("checkpoint", f"the checkpoint on the seal's USB key names entry {cp.get('seq')} with a hash this "
             "station never sent: it was rewritten", cp.get("seq"))
    return max(written, int(cp.get("written", 0)))


def _check_tokens_started(seg, started: dict, find) -> None:
    for e, data in seg.records("checkpoint_started"):
        token = str(data.get("token"))
        if token in started and started[token] != e["seq"]:  # a fork sent again is not a new start
            find("checkpoint", f"entry {e['seq']}: the checkpoint on USB key '{token}' was started again (first at "
                 f"entry {started[token]}): the object was deleted, or another key is used", e["seq"])
        else:
            started[token] = e["seq"]


def findings_as_json(audits: list[StationAudit]) -> str:
    return json.dumps([{"station": a.station, "segments": a.segments, "through": a.through,
                        "last_report": a.last_report, "findings": [f.__dict__ for f in a.findings]} for a in audits],
                      ensure_ascii=False, indent=2)
