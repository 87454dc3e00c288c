"""The archive's clock check and the heads segments name: old entries a station already held are excused, entries
made after the previous segment was received but dated before it are not, wherever they sit in a segment."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from sealstation.archive.audit import _Clock

T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)


def _segment(first: int, last: int, at: dt.datetime, head: tuple[int, str] | None, made_at: dt.datetime):
    entries = tuple({"seq": seq, "at": at.isoformat(), "kind": "login", "hash": f"h{seq}"}
                    for seq in range(first, last + 1))
    return SimpleNamespace(first=first, last=last, entries=entries, station_head=head, made_at=made_at.isoformat())


def _findings(*received_segments) -> list[tuple[str, int]]:
    clock, found = _Clock(), []
    sent_before = 0
    for seg, received in received_segments:
        clock.check(seg, received, sent_before, 7, f"segment {seg.first}")
        clock.heads(seg)
        sent_before = seg.last
    clock.report(lambda what, detail, seq: found.append((detail.split(",")[0], seq)))
    return found


def test_a_split_sync_of_old_entries_is_no_finding():
    old = T0 - dt.timedelta(hours=1)
    assert _findings((_segment(1, 5, old, (10, "h10"), T0), T0),
                     (_segment(6, 10, old, (10, "h10"), T0), T0 + dt.timedelta(seconds=1))) == []


def test_entries_past_the_named_head_dated_behind_are_found_in_the_same_segment():
    old = T0 - dt.timedelta(hours=1)
    found = _findings((_segment(1, 5, old, (10, "h10"), T0), T0),
                      (_segment(6, 12, old, (12, "h12"), T0), T0 + dt.timedelta(minutes=10)))
    assert found == [("entry 11 is dated " + old.isoformat()[:19], 11)]


def test_a_head_whose_entry_arrives_with_another_hash_excuses_nothing():
    old = T0 - dt.timedelta(hours=1)
    found = _findings((_segment(1, 5, old, (10, "not the hash of entry 10"), T0), T0),
                      (_segment(6, 10, old, None, T0), T0 + dt.timedelta(minutes=10)))
    assert [seq for _detail, seq in found] == [6]
