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
* every entry's hash is computed again from what was sent, the kind
  included: an entry of a kind the office needs sent without its content
  (a segment made by hand with the station's key, which every user of a
  passphrase station can read) is ``withheld``; an entry sent with neither
  content nor kind (by a station from before schema 18) is ``undisclosed``
  until the station sends it again in full;
* the archive's own bookkeeping: a segment filed again (the same segment
  under a later receipt number or row, which with a rolled-back database
  would hide the fork) is ``replayed`` and not read again; a segment or row
  filed under a station by another signer is ``misfiled``, one signed by
  nobody ``unreadable``; each names who sent it (the certificate's station,
  the database role), never the station it was filed under;
* every tamper stop the station recorded is ``stopped``, with the office's
  signed review that lifted it, if any;
* the station's times against the archive's receipt times (the server's
  ``now()``, the folder file's inode change time: :mod:`.backend`), as
  ``time`` findings: an entry dated after the archive received it (the
  clock was ahead), an entry made after the previous segment was received
  but dated before it (made after: past the last entry the station held when
  it made that segment, its named head, once that entry arrives with the
  hash named; an entry the station already held, left for a later segment
  of a split or cut-short sync, is as old as it says), or dated before the
  entry before it (the clock went
  back), a segment made long before it was received, and stamps that reached
  the archive later than the office's grace after the station's last entry
  (offline and idle that long, or the clock held back while stamping).
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
from ..journal.review import REVIEW_FORMAT, OfficeReview
from ..policy import StationPolicy
from ..seals.authority import office_signature_ok
from .authority_check import AuthorityCheck, OaApprovals, RecordCache
from .backend import ArchiveBackend
from .reservations import ReservationAudit
from .segment import ALWAYS_SENT_KINDS, open_segment, undisclosed_entries, withheld_records

__all__ = ["Finding", "StationAudit", "verify_archive", "audit_station", "findings_as_json", "CLOCK_TOLERANCE"]

CLOCK_TOLERANCE = dt.timedelta(minutes=10)
"""How far a station's clock may stray from the archive's (and an upload take) before its times are a finding."""


@dataclass(frozen=True)
class Finding:
    """Something the office must look at."""

    station: str
    what: str
    """unreadable, certificate, signature, chain, missing, diverged, checkpoint, silent, grace, withheld,
    undisclosed, replayed, misfiled, stopped, time, authority"""
    detail: str
    seq: int | None = None
    """The first entry concerned, when there is one."""
    sender: str = ""
    """misfiled, unreadable: who really sent it (the certificate's station, or ``database role NAME``), when known."""


@dataclass
class StationAudit:
    """One station as the archive holds it."""

    station: str
    segments: int = 0
    through: int = 0
    """The archive holds the station's journal through this entry (on its latest line)."""
    last_report: str | None = None
    findings: list[Finding] = field(default_factory=list)
    offline_copies: int = 0
    """Copies printed without their reservation reaching the archive first (the policy's offline grace)."""
    oa_backed: list = field(default_factory=list)
    """The OA approvals behind the station's stamps (:attr:`.authority_check.AuthorityCheck.oa_backed`), for the
    run's check across stations (:meth:`take_oa_approvals`)."""

    def take_oa_approvals(self, approvals: OaApprovals) -> None:
        """Judge this station's OA approvals against the stations read before it in this run (findings added here)."""
        approvals.take(self.station, self.oa_backed,
                       lambda what, detail, seq: self.findings.append(Finding(self.station, what, detail, seq)))


def verify_archive(backend: ArchiveBackend, ca_cert, *, now: dt.datetime, stale_days: int = 7,
                   workers: int | None = None) -> list[StationAudit]:
    """Check every station in the archive; see the module docstring. ``workers``: processes reading stations side
    by side (default: by the machine's cores; :mod:`.pool`)."""
    from .pool import read_stations

    audits, approvals = [], OaApprovals()
    for read in read_stations(backend, backend.stations(), ca_cert, now=now, stale_days=stale_days, workers=workers):
        read.audit.take_oa_approvals(approvals)
        audits.append(read.audit)
    return audits


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

    def take(self, seg, *, fork: bool) -> None:
        """Hold ``seg``'s entries; a fork replaces what the line held past it, an agreeing segment never shortens it
        (an older segment filed again must not pull the line back under a rolled-back history)."""
        if fork:
            for seq in range(seg.first, self.top + 1):
                self.hashes.pop(seq, None)
            self.top = seg.last
        for e in seg.entries:
            self.hashes[e["seq"]] = e["hash"]
        self.top = max(self.top, seg.last)


def audit_station(backend, station: str, ca_cert, *, now: dt.datetime, stale_days: int = 7,
                  on_segment=None, records: RecordCache | None = None) -> StationAudit:
    """Check one station's segments; ``on_segment(segment)`` is given each one that checks out (one reading);
    ``records``: the signed records already verified in this run."""
    audit = StationAudit(station)
    authority = AuthorityCheck(records if records is not None else RecordCache(ca_cert), station)
    line, receipt, written = _Line(), 0, -1
    numbered = getattr(backend, "numbered", False)
    tokens_started: dict[str, int] = {}
    grace, clock, stops, hidden = _Grace(), _Clock(), _Stops(ca_cert, station), _Undisclosed()
    copies = ReservationAudit()
    received: dict[str, int] = {}  # segment digest -> its receipt number

    def find(what: str, detail: str, seq: int | None = None, sender: str = "") -> None:
        audit.findings.append(Finding(station, what, detail, seq, sender))

    for stored in backend.segments(station):
        head = stored.head
        name = f"segment {head.receipt} (entries {head.first}–{head.last})"
        if numbered and head.receipt != receipt + 1:
            find("missing", f"segments {receipt + 1}–{head.receipt - 1} were removed from the archive")
        receipt = head.receipt
        refused = _refused(stored, station, ca_cert, name, find)
        if refused == "chain":  # the station's signed word that it stopped holds even where its chain breaks
            stops.take(stored.signed.segment, line)
        if refused is not None:
            continue
        seg = stored.signed.segment
        if stored.signed.digest in received:
            find("replayed", f"{name} is a copy of segment {received[stored.signed.digest]}, filed again: a station "
                 "never sends the same segment twice, so it was put there by hand (with a rolled-back database, to "
                 "hide the fork). It is not read again.", seg.first)
            continue
        received[stored.signed.digest] = head.receipt
        audit.segments += 1
        if on_segment is not None:
            on_segment(seg)
        withheld = withheld_records(seg)
        if withheld:
            listed = ", ".join(f"{seq} ({kind})" for seq, kind in withheld[:5])
            find("withheld", f"{name} sends entries the office needs by their hash only: {listed}"
                 f"{' …' if len(withheld) > 5 else ''}. A station sends them in full: this segment was made by hand "
                 "with the station's key, to hide them.", withheld[0][0])
        hidden.take(seg, line)
        differs = None
        if seg.first > line.top + 1:
            find("missing", f"entries {line.top + 1}–{seg.first - 1} never reached the archive (before {name})",
                 line.top + 1)
        else:
            differs = line.first_difference(seg)
            if differs is not None:
                find("diverged", f"{name} does not extend what the station sent before: entry {differs} differs "
                     f"(the first diverging entry). Its records were rolled back or rewritten after they were sent.",
                     differs)
        sent_before = line.top
        line.take(seg, fork=differs is not None)
        written = _check_checkpoint(seg, line, written, find)
        _check_tokens_started(seg, tokens_started, find)
        grace.check(seg, find)
        copies.take(seg)
        clock.check(seg, stored.received_at, sent_before, grace.days, name)
        clock.heads(seg)
        stops.take(seg, line)
        authority.check(seg, find)
        audit.last_report = seg.made_at
    audit.through = line.top
    audit.oa_backed = authority.oa_backed
    audit.offline_copies = copies.finish(backend, station, line.hashes, line.top, audit.last_report, find)
    hidden.report(find)
    stops.report(find)
    clock.report(find)
    if audit.last_report is not None:
        age = now - dt.datetime.fromisoformat(audit.last_report)
        if age > dt.timedelta(days=stale_days):
            find("silent", f"the station has not reported for {age.days} days (last report {audit.last_report[:16]})")
    return audit


def _refused(stored, station: str, ca_cert, name: str, find) -> str | None:
    """Why the stored segment is not ``station``'s own word (None when it is), with the findings naming who sent it."""
    role = f"database role {stored.sent_by}" if stored.sent_by else ""
    if stored.signed is None:
        by = f"stored by {role}" if role else "who put it there is not known to a folder archive"
        find("unreadable", f"{name} filed under station {station} is not a segment ({stored.problem}); nothing "
             f"signs it as {station}'s, so it is not counted as {station}'s ({by})", sender=role)
        return "unreadable"
    problem = open_segment(stored.signed, ca_cert)
    seg = stored.signed.segment
    if problem is not None and problem.what == "misfiled":
        find("misfiled", f"{name} filed under station {station}: {problem.detail}"
             f"{f' ({role})' if role else ''}. It is not counted as {station}'s.", sender=problem.signer)
        return "misfiled"
    if problem is None and seg.station != station:
        find("misfiled", f"{name} filed under station {station} is station {seg.station}'s, signed by its "
             f"certificate: station {seg.station}, or someone with its key, put it there"
             f"{f' ({role})' if role else ''}. It is not counted as {station}'s.", sender=seg.station)
        return "misfiled"
    if problem is not None:
        find(problem.what, f"{name}: {problem.detail}")
        return problem.what
    return None


class _Undisclosed:
    """Entries sent with neither content nor kind (stations before schema 18), until sent again in full.

    Sent again in full, an entry of a kind every station always sent with its content
    (:data:`~.segment.ALWAYS_SENT_KINDS`: a stamp, an approval) shows that the segment that hid it was made by
    hand; that stays a finding (the checks that read entries in order, such as the grace and the clock, took the
    later entries first)."""

    def __init__(self) -> None:
        self.seqs: set[int] = set()
        self.hidden_by_hand: list[tuple[int, str]] = []

    def take(self, seg, line: _Line) -> None:
        """Before ``line`` takes ``seg``: an entry held before with its kind, under the same hash, hides nothing."""
        hidden = set(undisclosed_entries(seg))
        for e in seg.entries:
            seq = e["seq"]
            if seq not in hidden:
                if seq in self.seqs and "data" in e and e.get("kind") in ALWAYS_SENT_KINDS \
                        and line.hashes.get(seq) == e["hash"]:
                    self.hidden_by_hand.append((seq, str(e["kind"])))
                self.seqs.discard(seq)
            elif seq in self.seqs or line.hashes.get(seq) != e["hash"]:
                self.seqs.add(seq)

    def report(self, find) -> None:
        if self.hidden_by_hand:
            listed = ", ".join(f"{seq} ({kind})" for seq, kind in self.hidden_by_hand[:5])
            find("withheld", f"entries {listed}{' …' if len(self.hidden_by_hand) > 5 else ''} were first sent without "
                 "their content or kind, and only later in full; no SealStation ever sent entries of those kinds so: "
                 "the segment that hid them was made by hand with the station's key.", self.hidden_by_hand[0][0])
        if self.seqs:
            first, count = min(self.seqs), len(self.seqs)
            find("undisclosed", f"{count} entries from entry {first} on were sent by their hash only, without their "
                 "kind, by a SealStation from before schema 18: the archive cannot tell what they were. Upgrade "
                 "the station and sync: it sends them again in full, once.", first)


class _Stops:
    """The tamper stops the station recorded, and the office's signed reviews that lifted them."""

    def __init__(self, ca_cert, station: str) -> None:
        self.ca_cert, self.station = ca_cert, station
        self.stops: dict[str, tuple[dict, dict]] = {}
        self.reviews: dict[str, tuple[dict, OfficeReview]] = {}
        self.seen: set[str] = set()

    def take(self, seg, line: _Line) -> None:
        for e, data in seg.records(JournalKind.TAMPER_DETECTED, JournalKind.TAMPER_REVIEWED):
            if e["hash"] in self.seen:
                continue
            self.seen.add(e["hash"])
            if e["kind"] == JournalKind.TAMPER_DETECTED:
                self.stops.setdefault(str(data.get("stop")), (e, data))
                continue
            review = self._signed(data, line)
            for stop in review.stops if review is not None else ():
                self.reviews.setdefault(stop, (e, review))

    def _signed(self, data: dict, line: _Line) -> OfficeReview | None:
        try:
            review = OfficeReview.from_dict(data["review"])
        except (KeyError, TypeError):
            return None
        if review.format != REVIEW_FORMAT or review.station != self.station or \
                line.hashes.get(review.covers_seq) != review.covers_hash:
            return None
        return review if office_signature_ok(self.ca_cert, review.canonical(), str(data.get("signature", ""))) else None

    def report(self, find) -> None:
        for stop, (e, data) in self.stops.items():
            lifted = self.reviews.get(stop)
            after = (f"; the office's signed review at entry {lifted[0]['seq']} ({lifted[1].reviewer}) lifted it: "
                     f"{lifted[1].note}") if lifted else "; no review signed by the office has lifted it"
            find("stopped", f"entry {e['seq']} ({e['at'][:16]}): the station stopped stamping "
                 f"({data.get('source', 'journal verify')}): {data.get('reason', '')}{after}", e["seq"])


class _Clock:
    """The station's times against the archive's receipt times; see the module docstring.

    Each kind of disagreement is one finding a station, naming the first case and counting the segments
    with more: a folder restored from a copy (every segment "received" at once) is one finding, not thousands.
    """

    def __init__(self) -> None:
        self.previous: dt.datetime | None = None
        """When the archive received the station's previous segment."""
        self.last: tuple[int, dt.datetime] | None = None
        """The latest dated entry so far (seq, time)."""
        self.found: dict[str, list] = {}
        """Kind of disagreement -> [detail of the first, its seq, segments with it]."""
        self.existed = 0
        """Entries up to this seq existed when a segment already received was made (its station head, confirmed)."""
        self.claims: dict[int, str] = {}
        """Station heads segments named, not yet arrived: seq -> the hash named."""
        self.waiting: list[tuple[int, str]] = []
        """Entries dated before the previous receipt that a named head may yet show existed then: (seq, detail)."""

    def _note(self, key: str, detail: str, seq: int | None) -> None:
        if key in self.found:
            self.found[key][2] += 1
        else:
            self.found[key] = [detail, seq, 1]

    def check(self, seg, received: dt.datetime | None, sent_before: int, grace_days: int, name: str) -> None:
        ahead = behind = back = None
        maybe: dict | None = None  # the first entry dated behind that a head named but not yet shown may excuse
        stamped, newest = False, None
        sent_before, named = max(sent_before, self.existed), max(self.claims, default=0)
        for e in seg.entries:
            if "at" not in e or (self.last is not None and e["seq"] <= self.last[0]):
                continue
            at = dt.datetime.fromisoformat(e["at"])
            if e["seq"] > sent_before:  # made since the previous segment
                stamped = stamped or e["kind"] == JournalKind.STAMP_DONE
                newest = at if newest is None or at > newest else newest
            if back is None and self.last is not None and at < self.last[1]:
                back = (e, self.last)
            if received is not None and ahead is None and at > received + CLOCK_TOLERANCE:
                ahead = e
            if (behind is None or maybe is None) and self.previous is not None and e["seq"] > sent_before and \
                    at < self.previous - CLOCK_TOLERANCE:
                if e["seq"] > named:
                    behind = behind or e
                else:
                    maybe = maybe or e
            self.last = (e["seq"], at)
        if back is not None:
            e, (seq, at) = back
            self._note("back", f"entry {e['seq']} is dated {e['at'][:19]}, before entry {seq} "
                       f"({at.isoformat()[:19]}): the station's clock went back", e["seq"])
        if received is None:
            return
        when = received.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
        if ahead is not None:
            self._note("ahead", f"entry {ahead['seq']} is dated {ahead['at'][:19]}, after the archive received it "
                       f"({when}, {name}): the station's clock was ahead", ahead["seq"])
        if behind is not None:
            self._note("behind", self._behind(behind), behind["seq"])
        if maybe is not None:  # it may have existed already: known when that head's entry comes
            self.waiting.append((maybe["seq"], self._behind(maybe)))
        if dt.datetime.fromisoformat(seg.made_at) < received - dt.timedelta(hours=1):
            self._note("held", f"{name} was made at {seg.made_at[:19]} by the station's clock but reached the "
                       f"archive at {when}: it was held back, or the station's clock was behind (or the archive "
                       "folder was restored from a copy)", seg.first)
        elif stamped and newest is not None and received - newest > dt.timedelta(days=max(grace_days, 1)):
            self._note("late", f"{name} brings stamps, and its newest entry is dated {newest.isoformat()[:19]}, "
                       f"{(received - newest).days} days before the archive received it ({when}), more than the "
                       f"office's grace ({grace_days} day(s)): the station was offline and idle that long, or its "
                       "clock was held back while it stamped; compare with the office's own record of the station",
                       seg.first)
        self.previous = received

    def _behind(self, e: dict) -> str:
        return (f"entry {e['seq']} is dated {e['at'][:19]}, before the archive received the station's previous "
                f"segment ({self.previous.isoformat(timespec='seconds')}), yet it came after it: the station's clock "
                "was set back")

    def heads(self, seg) -> None:
        """Settle the heads named before whose entry ``seg`` brings, then take the head ``seg`` names (it speaks
        for the segments after it, never for its own entries)."""
        self._settle(seg)
        # What existed is settled; what no head still named may cover is found now.
        named = max(self.claims, default=0)
        for seq, detail in self.waiting:
            if self.existed < seq > named:
                self._note("behind", detail, seq)
        self.waiting = [(seq, detail) for seq, detail in self.waiting if self.existed < seq <= named]
        if seg.station_head is not None and seg.station_head[0] > self.existed:
            self.claims[seg.station_head[0]] = seg.station_head[1]
            self._settle(seg)

    def _settle(self, seg) -> None:
        for seq in [seq for seq in self.claims if seq <= seg.last]:
            at = seq - seg.first  # a segment's entries are its range in order (its chain was checked)
            entry = seg.entries[at] if 0 <= at < len(seg.entries) else {}
            named = self.claims.pop(seq)
            if entry.get("seq") == seq and entry.get("hash") == named:  # named before it was sent: it existed
                self.existed = max(self.existed, seq)

    def report(self, find) -> None:
        for seq, detail in self.waiting:  # a head named and never shown
            self._note("behind", detail, seq)
        for detail, seq, count in self.found.values():
            more = f" (and {count - 1} later segment(s) like it)" if count > 1 else ""
            find("time", detail + more, seq)


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
