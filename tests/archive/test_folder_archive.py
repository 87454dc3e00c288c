"""The folder archive: sync, resume after faults, and the archive's checks of what it holds."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sealstation.archive.config import ArchiveConfig

from sealstation.archive.audit import verify_archive
from sealstation.archive.backend import FolderArchive
from sealstation.errors import ArchiveUnreachableError
from sealstation.journal.journal import JournalKind
from support.archive import head, name_office_archive, stamp_some

DB_FILES = ("station.db", "station.db-wal", "station.db-shm")


def audit(archive: Path, station, days: int = 7):
    return verify_archive(FolderArchive(archive), station.ca_cert, now=dt.datetime.now(dt.timezone.utc),
                          stale_days=days)


def findings(archive: Path, station) -> list:
    return [f for a in audit(archive, station) for f in a.findings]


def test_sync_sends_the_journal_signed_and_the_archive_checks_out(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    name_office_archive(station, str(archive))  # as the office sets a station up
    stamp_some(station, pin, tmp_path, 2)
    result = station.archive().sync(str(archive))
    assert result.segments == 1 and result.through == head(station)
    [a] = audit(archive, station)
    assert a.station == "test-station" and a.through == head(station) and not a.findings
    # Records the office needs go with their content; logins go as their kind and body digest only.
    [seg_file] = (archive / "stations" / "test-station").iterdir()
    body = json.loads(seg_file.read_text())["body"]
    kinds = {e.get("kind") for e in body["entries"] if "data" in e}
    assert {"stamp_done", "approval_granted", "seal_lifecycle"} <= kinds and "login" not in kinds
    logins = [e for e in body["entries"] if e.get("kind") == "login"]
    assert logins and all(set(e) == {"seq", "prev", "hash", "kind", "body"} for e in logins)
    done = [json.loads(e["data"]) for e in body["entries"] if e.get("kind") == "stamp_done"]
    assert len(done) == 2 and all(len(d["signature_digest"]) == 64 for d in done)
    assert body["checkpoint"]["seq"] > 0  # the token's checkpoint, handed to the archive witness
    # Nothing new: nothing sent, nothing duplicated.
    again = station.archive().sync(str(archive))
    assert again.segments == 0 and len(list((archive / "stations" / "test-station").iterdir())) == 1
    assert station.archive().sync_status().waiting_entries >= 0


def test_segments_are_split_and_a_sync_killed_between_them_resumes_without_duplicates(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path, 1)
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive), "segment_entries": 5}, "station.json"))

    class Killed(Exception):
        pass

    def fault(stage, n):
        if stage == "after-segment" and n == 2:
            raise Killed()

    with pytest.raises(Killed):
        station.archive().sync(fault=fault)
    assert len(FolderArchive(archive).heads("test-station")) == 2
    result = station.archive().sync()
    heads = FolderArchive(archive).heads("test-station")
    assert [h.first for h in heads] == sorted({h.first for h in heads})  # no range sent twice
    assert heads[-1].last == head(station) and result.through == head(station)
    assert not findings(archive, station)


def _mount_tmpfs(folder: Path, options: str) -> bool:
    """A real small or read-only file system where the test may mount one (root); False otherwise."""
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def _fill(folder: Path) -> None:
    try:
        with open(folder / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError:
        pass


@pytest.mark.parametrize("fault", ["read-only", "unplugged", "full"])
def test_an_archive_that_cannot_take_records_loses_nothing_and_the_next_sync_catches_up(station, pin, tmp_path, fault,
                                                                                        monkeypatch):
    archive = tmp_path / "archive"
    archive.mkdir()
    mounted = _mount_tmpfs(archive, "size=256k")
    FolderArchive.create(archive)
    try:
        station.archive().sync(str(archive))
        stamp_some(station, pin, tmp_path, 1)
        if fault == "read-only":
            if mounted:
                subprocess.run(["mount", "-o", "remount,ro", str(archive)], check=True)
            else:
                for p in [archive, *archive.rglob("*")]:
                    p.chmod(0o555) if p.is_dir() else None
        elif fault == "unplugged":
            if mounted:
                subprocess.run(["umount", str(archive)], check=True)
                mounted = False
            else:
                shutil.move(archive, tmp_path / "unplugged")
        elif mounted:
            _fill(archive)  # a real full file system
        else:
            monkeypatch.setattr("sealstation.archive.backend.atomic_output", _failing_output(errno.ENOSPC))
        with pytest.raises(ArchiveUnreachableError) as caught:
            station.archive().sync(str(archive))
        assert "queued" in str(caught.value)
        failures, next_try, last_error = station.db.query("SELECT failures, next_try, last_error FROM archive_sync")[0]
        assert failures == 1 and next_try and last_error
        monkeypatch.undo()
        if fault == "read-only":
            if mounted:
                subprocess.run(["mount", "-o", "remount,rw", str(archive)], check=True)
            else:
                for p in [archive, *archive.rglob("*")]:
                    p.chmod(0o755) if p.is_dir() else None
        elif fault == "unplugged" and not archive.exists():
            shutil.move(tmp_path / "unplugged", archive)
        elif fault == "unplugged":  # the share comes back as it was
            assert not list(archive.iterdir())  # nothing was written into the bare mount point
            assert _mount_tmpfs(archive, "size=256k")
            mounted = True
            FolderArchive.create(archive)
        (archive / "filler").unlink(missing_ok=True)
        assert not list(archive.rglob(".*.part"))  # no half-written segment left behind
        result = station.archive().sync(str(archive))
        assert result.through == head(station)
        assert not findings(archive, station)
        assert station.db.query("SELECT failures FROM archive_sync")[0][0] == 0
    finally:
        if mounted:
            subprocess.run(["umount", str(archive)], capture_output=True)


def _failing_output(code: int):
    """Where no file system can be mounted: the write fails as a full share's does."""
    import contextlib

    from sealstation.errors import OutputError

    @contextlib.contextmanager
    def output(target, *, overwrite):
        exc = OSError(code, os.strerror(code))
        raise OutputError(f"Cannot write {target}: {exc.strerror}.") from exc
        yield None

    return output


def test_a_tampered_segment_and_a_removed_one_are_found(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive), "segment_entries": 10}, "station.json"))
    stamp_some(station, pin, tmp_path, 2)
    station.archive().sync()
    files = sorted((archive / "stations" / "test-station").iterdir())
    assert len(files) >= 3
    # Edit a stamp's document name on the share.
    target = next(f for f in files if "stamp_done" in f.read_text())
    doc = json.loads(target.read_text())
    for e in doc["body"]["entries"]:
        if e.get("kind") == "stamp_done":
            data = json.loads(e["data"])
            e["data"] = json.dumps({**data, "document": "harmless.pdf"}, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":"))
            break
    target.write_text(json.dumps(doc, ensure_ascii=False))
    found = findings(archive, station)
    assert found[0].what == "signature" and "altered" in found[0].detail
    assert all(f.what in ("signature", "missing") for f in found)  # what it held is not taken as received
    # Remove a segment in the middle.
    shutil.copy(target, tmp_path / "keep")
    files[1].unlink()
    found = findings(archive, station)
    whats = [f.what for f in found]
    assert "missing" in whats
    assert any("removed" in f.detail for f in found) and any(f.seq == int(files[1].name[9:21]) for f in found)


def test_a_database_rolled_back_by_file_copy_after_a_sync_is_flagged_at_the_next_sync(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path, 1, "a")
    snap = tmp_path / "snap"
    snap.mkdir()
    home = station.home.root
    station.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for name in DB_FILES:
        if (home / name).exists():
            shutil.copy2(home / name, snap / name)
    stamp_some(station, pin, tmp_path, 1, "b")
    station.archive().sync(str(archive))
    sent_head = head(station)
    station.close()
    for name in DB_FILES:
        (home / name).unlink(missing_ok=True)
        if (snap / name).exists():
            shutil.copy2(snap / name, home / name)
    from support.station_fixtures import Station

    rolled = Station.open(home, token=station._token)
    try:
        assert head(rolled) < sent_head
        result = rolled.archive().sync(str(archive))
        assert result.diverged_at is not None and result.diverged_at <= head(rolled)
        assert rolled.journal.tampered()  # stamping stops until the office reviews it
        found = findings(archive, rolled)
        diverged = [f for f in found if f.what == "diverged"]
        assert diverged and diverged[0].seq == result.diverged_at
        # Further syncs continue the station's new line without flagging it again.
        again = rolled.archive().sync(str(archive))
        assert again.diverged_at is None
    finally:
        rolled.close()


def test_a_station_that_stopped_reporting_is_flagged(station, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.archive().sync(str(archive))
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=9)
    [a] = verify_archive(FolderArchive(archive), station.ca_cert, now=later, stale_days=7)
    assert [f.what for f in a.findings] == ["silent"]


@pytest.mark.parametrize("forged", ["went back", "other hash"])
def test_a_token_checkpoint_rewritten_with_the_pin_is_flagged(station, pin, tmp_path, forged):
    """What the station hands over after a stamp is what the token held: a rewritten one shows in the archive."""
    from dataclasses import replace

    from sealstation.archive.sync import ArchiveWitness
    from sealstation.journal.checkpoint import Checkpoint

    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path, 2)
    station.archive().sync(str(archive))
    real = Checkpoint.from_bytes(station.db.query(
        "SELECT data FROM archive_checkpoints ORDER BY id DESC LIMIT 1")[0][0].encode())
    rewritten = replace(real, written=0) if forged == "went back" else replace(real, hash="f" * 64)
    ArchiveWitness(station.db).witness(rewritten)
    station.journal.append(JournalKind.EXPORT, {"entries": 0})  # something new to send with it
    station.archive().sync(str(archive))
    found = findings(archive, station)
    assert [f.what for f in found] == ["checkpoint"] and found[0].seq == real.seq


def test_the_stamped_files_go_too_when_the_office_asks(station, pin, tmp_path):
    from sealstation.fsutil import file_sha256

    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive), "documents": True}, "station.json"))
    [out] = stamp_some(station, pin, tmp_path, 1)
    station.archive().sync()
    sha = file_sha256(out)
    assert (archive / "documents" / f"{sha}.pdf").read_bytes() == out.read_bytes()
    [seg] = FolderArchive(archive).segments("test-station")
    assert seg.signed.segment.documents == (sha,)


def test_failed_background_syncs_back_off_and_are_not_tried_before_their_time(station, tmp_path):
    """30 s doubling up to an hour; sync_if_due (after a stamp or print, and the timer) waits it out."""
    from sealstation.archive.sync import BACKOFF_MAX_S, BACKOFF_START_S

    share = tmp_path / "share"  # a mount point whose share is not mounted: no archive marker
    share.mkdir()
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(share)}, "station.json"))
    now = [station.clock().replace(microsecond=0)]
    station.clock = lambda: now[0]

    def failures_and_wait():
        failures, next_try = station.db.query("SELECT failures, next_try FROM archive_sync")[0]
        return failures, (dt.datetime.fromisoformat(next_try) - now[0]).total_seconds()

    waits = []
    for attempt in range(1, 10):
        assert station.sync_if_due() is None  # tried, and failed
        failures, wait = failures_and_wait()
        assert failures == attempt
        waits.append(wait)
        now[0] += dt.timedelta(seconds=wait - 1)
        assert station.sync_if_due() is None and failures_and_wait()[0] == attempt  # not yet due: not tried
        now[0] += dt.timedelta(seconds=1)
    assert waits == [min(BACKOFF_START_S * 2 ** i, BACKOFF_MAX_S) for i in range(9)]
    assert waits[-1] == 3600
    FolderArchive.create(share)  # the share is back
    result = station.sync_if_due()
    assert result is not None and result.through == head(station)
    assert station.db.query("SELECT failures, next_try FROM archive_sync")[0] == (0, None)
