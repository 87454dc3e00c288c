"""Reading the journal a page at a time, filtered: what the auditor's journal view shows.

A station's journal grows to millions of entries; the view never reads them all. Each page is one query by the
primary key (``seq``), resumed after the last entry shown (keyset paging: the cost of a page is the entries it
reads, wherever it is in the journal):

- a period is turned into ranges of ``seq`` by binary search on the entries' times (:func:`seq_ranges`), since
  journal time never goes back (:mod:`.clock`) except at an office review, which starts a run of its own;
- one kind, and a request's entries (its whole story), through the journal's one index, on the kind and
  ``data.request`` (migration 25);
- a user (the actor) or a seal is checked on the entries of the range as they are read.

What is shown is what the chain holds: each entry comes with whether its own hash still matches its content
(:attr:`ShownEntry.intact`); the whole chain is checked by :func:`.journal.verify_journal`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .journal import JournalKind, entry_format

__all__ = ["JournalFilter", "ShownEntry", "Span", "STORY_KINDS", "seq_ranges", "page", "count", "story", "span",
           "kinds_present", "request_of"]

_COLUMNS = "seq, at, actor, kind, data, prev_hash, hash"

# The kinds of entry that name a request (data.request), each looked up by (kind, request) in the index.
_DECISIVE = ("stamp_done", "request_returned", "approval_refused")
_COPIES = ("copy_reserved", "print_job", "copy_voided", "copy_recalled")
_STORY = ("request_received", "approval_granted", "stamp_started", "stamp_interrupted", "stamp_recovered",
          "print_allowance", "print_refused")
STORY_KINDS = _STORY + _DECISIVE + _COPIES + ("stamp_failed",)
"""The kinds of entry that belong to a request's story. ``stamp_failed`` names its attempt (the ``stamp_started``
entry's seq), not the request. A new kind about a request is added to one of the lists here."""
_COUNT_BY_INDEX = 200_000
"""Above this many entries (no filter but the period), counted through the (kind, request) index."""
_COUNT_SLICE = 20_000
"""Entries counted by one statement (some 0.05 s on a million-entry journal)."""
_FAILED_LOOKAHEAD = 50
"""``stamp_failed`` entries read after an attempt to find its own (it follows its attempt, under the stamp lock)."""


@dataclass(frozen=True)
class JournalFilter:
    """Which entries to show; every field left empty shows all of them."""

    since: str | None = None
    """UTC ISO time, included."""
    until: str | None = None
    """UTC ISO time, excluded."""
    kind: str | None = None
    """One :class:`~.journal.JournalKind` value."""
    actor: str | None = None
    """The user who acted (the entry's actor)."""
    seal: str | None = None
    """A seal id the entry names (``seal`` or one of ``seals``)."""
    request: str | None = None
    """A request id: the entries of its story (:func:`story`)."""
    newest_first: bool = False
    """The order of the pages: by seq, the newest first when True (counts and stories do not depend on it)."""


@dataclass(frozen=True)
class ShownEntry:
    """One journal entry as read for the auditor."""

    seq: int
    at: str
    """UTC, ISO 8601 with microseconds, as chained."""
    actor: str | None
    kind: str
    """As stored (a :class:`~.journal.JournalKind` value, or a kind another version wrote)."""
    data: dict
    prev_hash: str
    hash: str
    intact: bool
    """Its hash matches its content (either formula); False: changed since it was written."""

    @property
    def seals(self) -> tuple[str, ...]:
        return _seals_of(self.data)

    @property
    def request(self) -> str | None:
        value = self.data.get("request")
        return str(value) if value else None

    @property
    def document(self) -> str | None:
        """A document or file the entry names, if any."""
        value = self.data.get("document") or self.data.get("file")
        if not value and self.data.get("output"):
            value = Path(str(self.data["output"])).name
        return str(value) if value else None

    @property
    def detail(self) -> str | None:
        """A reason, an error or an outcome the entry gives, if any (in the core's words)."""
        value = (self.data.get("reason") or self.data.get("why") or self.data.get("status")
                 or self.data.get("action") or self.data.get("purpose"))
        return str(value) if value else None


@dataclass(frozen=True)
class Span:
    """The journal's first and last entries: what periods it covers."""

    first_at: str | None
    last_at: str | None
    head: int
    """The last entry's seq (0: empty)."""


def _seals_of(data: dict) -> tuple[str, ...]:
    seals = data.get("seals")
    if isinstance(seals, list):
        return tuple(str(s) for s in seals)
    return (str(data["seal"]),) if data.get("seal") else ()


def _shown(row) -> ShownEntry:
    seq, at, actor, kind, data, prev, digest = row
    try:
        loaded = json.loads(data)
    except ValueError:
        loaded = None
    intact = entry_format(seq, at, actor, kind, data, prev, digest) is not None
    return ShownEntry(seq, at, actor, kind, loaded if isinstance(loaded, dict) else {"data": loaded}, prev, digest,
                      intact)


# -- periods as ranges of seq ------------------------------------------------------------------------------------


def _first_at_or_after(db, at: str, lo: int, hi: int) -> int:
    """The first seq in [lo, hi] whose time is ``at`` or later (hi + 1 if none); times rise with seq in the range."""
    found = hi + 1
    while lo <= hi:
        mid = (lo + hi) // 2
        row = db.query("SELECT seq, at FROM journal WHERE seq >= ? ORDER BY seq LIMIT 1", (mid,))
        if not row or row[0][0] > hi:
            hi = mid - 1
        elif row[0][1] >= at:
            found, hi = row[0][0], mid - 1
        else:
            lo = row[0][0] + 1
    return found


def seq_ranges(db, since: str | None, until: str | None) -> list[tuple[int, int]]:
    """The seq ranges [first, end) whose entries lie in [since, until) (None: open), by binary search on the key.

    Journal time never goes back (:mod:`.clock`) except at an office review, which takes the clock as it is: each
    review starts a run in which times rise, searched on its own.
    """
    head = db.query("SELECT COALESCE(MAX(seq), 0) FROM journal")[0][0]
    if since is None and until is None:
        return [(1, head + 1)] if head else []
    starts = [1] + [seq for (seq,) in db.query("SELECT seq FROM journal WHERE kind = ? ORDER BY seq",
                                                (JournalKind.TAMPER_REVIEWED.value,)) if seq > 1]
    ranges = []
    for start, nxt in zip(starts, starts[1:] + [head + 1]):
        first = start if since is None else _first_at_or_after(db, since, start, nxt - 1)
        end = nxt if until is None else _first_at_or_after(db, until, first, nxt - 1)
        if first < end:
            ranges.append((first, end))
    return ranges


# -- pages ---------------------------------------------------------------------------------------------------------


def _where(flt: JournalFilter) -> tuple[str, list]:
    """The conditions checked on each entry of a range, besides the range itself."""
    sql, params = "", []
    if flt.kind:
        sql, params = sql + " AND kind = ?", params + [flt.kind]
    if flt.actor:
        sql, params = sql + " AND actor = ?", params + [flt.actor]
    if flt.seal:
        # The quoted id in the text first (cheap), then where it stands; the JSON text is canonical (no spaces).
        sql += (" AND instr(data, ?) AND (json_extract(data, '$.seal') = ? OR EXISTS "
                "(SELECT 1 FROM json_each(data, '$.seals') WHERE value = ?))")
        params += [json.dumps(flt.seal, ensure_ascii=False), flt.seal, flt.seal]
    return sql, params


def _matches(entry: ShownEntry, flt: JournalFilter) -> bool:
    """The filter checked in Python, on the few entries of a request's story."""
    return ((not flt.kind or entry.kind == flt.kind) and (not flt.actor or entry.actor == flt.actor)
            and (not flt.seal or flt.seal in entry.seals) and (not flt.since or entry.at >= flt.since)
            and (not flt.until or entry.at < flt.until))


def page(db, flt: JournalFilter, *, after: int = 0, limit: int = 200) -> tuple[ShownEntry, ...]:
    """Up to ``limit`` entries matching ``flt`` past seq ``after`` in the filter's order (0: from the start; the next
    page starts past the last one's seq; fewer than ``limit``: there are no more)."""
    down = flt.newest_first
    past = (lambda seq: after == 0 or seq < after) if down else (lambda seq: seq > after)
    if flt.request:
        entries = story(db, flt.request)
        return tuple(e for e in (reversed(entries) if down else entries) if past(e.seq) and _matches(e, flt))[:limit]
    where, params = _where(flt)
    found: list[ShownEntry] = []
    ranges = seq_ranges(db, flt.since, flt.until)
    for first, end in (reversed(ranges) if down else ranges):
        low, high = (first, min(end, after) if after else end) if down else (max(first, after + 1), end)
        if low >= high:
            continue
        rows = db.query(f"SELECT {_COLUMNS} FROM journal WHERE seq >= ? AND seq < ?{where} "
                        f"ORDER BY seq {'DESC' if down else ''} LIMIT ?", [low, high, *params, limit - len(found)])
        found += [_shown(row) for row in rows]
        if len(found) >= limit:
            break
    return tuple(found)


def count(db, flt: JournalFilter, *, wanted: Callable[[], bool] | None = None) -> int | None:
    """How many entries match ``flt`` (reads the index or the entries of the period, never the others).

    ``wanted``: asked between slices; once it says False the count stops and returns None (the filter changed
    while a count of a whole journal was running in the background)."""
    if flt.request:
        return sum(1 for e in story(db, flt.request) if _matches(e, flt))
    where, params = _where(flt)
    total = 0
    for first, end in seq_ranges(db, flt.since, flt.until):
        # The (kind, request) index holds every entry's seq in a tenth of the table's pages: read a kind at a time,
        # it counts a million entries in some 0.1 s (the table's own pages take ten times as long). Every entry
        # has a kind (NOT NULL).
        kinds = None
        if flt.kind and not (flt.actor or flt.seal):
            kinds = (flt.kind,)
        elif not where and end - first > _COUNT_BY_INDEX:
            kinds = kinds_present(db)
        if kinds is not None:
            for kind in kinds:
                counted = _count_of_kind(db, kind, first, end, wanted)
                if counted is None:
                    return None
                total += counted
            continue
        # In slices, each its own statement: the database's lock is let go between them, so that the next page
        # (the person scrolling while this counts in the background) waits for one slice, not for the count.
        for start in range(first, end, _COUNT_SLICE):
            if wanted is not None and not wanted():
                return None
            total += db.query(f"SELECT count(*) FROM journal WHERE seq >= ? AND seq < ?{where}",
                              [start, min(end, start + _COUNT_SLICE), *params])[0][0]
    return total


_REQUEST = "json_extract(data, '$.request')"  # the index's second column, as written there


def _count_of_kind(db, kind: str, first: int, end: int, wanted: Callable[[], bool] | None) -> int | None:
    """The entries of ``kind`` in [first, end), from the index, some ``_COUNT_SLICE`` of them a statement (the
    database's lock is let go between statements, as for the table's slices); None once ``wanted`` says no.

    The entries that name no request stand in the index in seq order, and are cut by seq. Those that name one
    stand in request order, and are cut at every ``_COUNT_SLICE``-th request, their seq checked one by one."""
    total = 0
    for start in range(first, end, _COUNT_SLICE):
        if wanted is not None and not wanted():
            return None
        total += db.query(f"SELECT count(*) FROM journal WHERE kind = ? AND {_REQUEST} IS NULL AND seq >= ? "
                          "AND seq < ?", (kind, start, min(end, start + _COUNT_SLICE)))[0][0]
    # The first request by MIN(), which seeks past the entries that name none (a condition "IS NOT NULL" reads them).
    lowest = db.query(f"SELECT MIN({_REQUEST}) FROM journal WHERE kind = ?", (kind,))[0][0]
    if lowest is None:
        return total
    past, after = f"{_REQUEST} >= ?", (lowest,)
    while wanted is None or wanted():
        upto = db.query(f"SELECT {_REQUEST} FROM journal WHERE kind = ? AND {past} ORDER BY {_REQUEST} "
                        "LIMIT 1 OFFSET ?", (kind, *after, _COUNT_SLICE))
        below = f" AND {_REQUEST} <= ?" if upto else ""
        total += db.query(f"SELECT count(*) FROM journal WHERE kind = ? AND {past}{below} AND seq >= ? AND seq < ?",
                          (kind, *after, *(upto[0] if upto else ()), first, end))[0][0]
        if not upto:
            return total
        past, after = f"{_REQUEST} > ?", upto[0]
    return None


def _literal(kinds: tuple[str, ...]) -> str:
    return ", ".join(f"'{k}'" for k in kinds)


def story(db, request_id: str) -> tuple[ShownEntry, ...]:
    """Every entry about a request, in order: received, approved (or refused, returned), each stamp's attempt and
    outcome, copies reserved and printed, extra copies allowed, voids and recalls. Indexed lookups only."""
    rows = db.query(
        " UNION ALL ".join(f"SELECT {_COLUMNS} FROM journal WHERE kind IN ({_literal(kinds)}) "
                           "AND json_extract(data, '$.request') = ?" for kinds in (_STORY, _DECISIVE, _COPIES)),
        (request_id, request_id, request_id))
    entries = {row[0]: _shown(row) for row in rows}
    for attempt in [e.seq for e in entries.values() if e.kind == JournalKind.STAMP_STARTED.value]:
        for row in db.query(f"SELECT {_COLUMNS} FROM journal WHERE kind = 'stamp_failed' AND seq > ? "
                            "ORDER BY seq LIMIT ?", (attempt, _FAILED_LOOKAHEAD)):
            failed = _shown(row)
            if failed.data.get("attempt") == attempt:
                entries[failed.seq] = failed
                break
    return tuple(entries[seq] for seq in sorted(entries))


def request_of(db, entry: ShownEntry) -> str | None:
    """The request an entry belongs to: the one it names, or that of the attempt it settles (``stamp_failed``
    names only its attempt, the ``stamp_started`` entry's seq)."""
    if entry.request:
        return entry.request
    attempt = entry.data.get("attempt")
    if not isinstance(attempt, int) or attempt >= entry.seq:
        return None
    rows = db.query(f"SELECT {_COLUMNS} FROM journal WHERE seq = ?", (attempt,))
    started = _shown(rows[0]) if rows else None
    return started.request if started is not None and started.kind == JournalKind.STAMP_STARTED.value else None


def span(db) -> Span:
    """The first and last entries' times, and the head (two lookups by the key)."""
    first = db.query("SELECT at FROM journal ORDER BY seq LIMIT 1")
    last = db.query("SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1")
    if not last:
        return Span(None, None, 0)
    return Span(first[0][0], last[0][1], last[0][0])


def kinds_present(db) -> tuple[str, ...]:
    """The kinds the journal holds (a skip-scan of the ``(kind, request)`` index: one lookup a kind)."""
    kinds, row = [], db.query("SELECT MIN(kind) FROM journal")
    while row and row[0][0] is not None:
        kinds.append(row[0][0])
        row = db.query("SELECT MIN(kind) FROM journal WHERE kind > ?", (row[0][0],))
    return tuple(kinds)
