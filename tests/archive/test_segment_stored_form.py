"""A segment's signature is checked over the bytes the archive holds; a file laid out otherwise is still the segment.

The archive checks the station's signature over the body as stored when the file has the layout a station
writes (so it need not encode every segment again), and over the body's canonical form otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

from sealstation.archive.audit import verify_archive
from sealstation.archive.backend import FolderArchive
from sealstation.archive.segment import parse_segment
from support.archive import stamp_some


def _synced(station, pin, tmp_path) -> tuple[FolderArchive, list]:
    archive = FolderArchive.create(tmp_path / "archive")
    stamp_some(station, pin, tmp_path / "docs", 2)
    station.archive().sync(str(archive.root))
    files = sorted((archive.root / "stations" / station.config.station_id).glob("*.json"))
    return archive, files


def _rewrite(path, data: bytes) -> None:
    os.chmod(path, 0o644)
    path.write_bytes(data)


def _findings(archive, station) -> list[tuple[str, str]]:
    audits = verify_archive(archive, station.ca_cert, now=dt.datetime.now(dt.timezone.utc))
    return [(f.what, f.detail) for a in audits for f in a.findings]


def test_a_stored_segment_is_read_in_the_form_its_station_signed(station, pin, tmp_path):
    archive, files = _synced(station, pin, tmp_path)
    signed = parse_segment(files[0].read_bytes())
    assert signed.stored_body == signed.segment.signed_bytes()  # the bytes held are the canonical form
    assert _findings(archive, station) == []


def test_a_segment_laid_out_again_still_verifies_and_filing_it_again_is_still_a_replay(station, pin, tmp_path):
    archive, files = _synced(station, pin, tmp_path)
    first = files[0]
    pretty = json.dumps(json.loads(first.read_bytes()), indent=2, ensure_ascii=True).encode("ascii")
    _rewrite(first, pretty)
    assert parse_segment(pretty).stored_body is None
    assert _findings(archive, station) == []  # its content is what the station signed

    # The laid-out copy filed again under the next receipt number: the same segment, so a replay.
    receipt, rest = files[-1].name.split("_", 1)
    again = first.with_name(f"{int(receipt) + 1:08d}_{first.name.split('_', 1)[1]}")
    shutil.copyfile(first, again)
    assert [what for what, _ in _findings(archive, station)] == ["replayed"]


def test_a_stored_body_edited_in_place_fails_its_signature(station, pin, tmp_path):
    archive, files = _synced(station, pin, tmp_path)
    data = files[0].read_bytes()
    edited = data.replace(b'"kind":"stamp_done"', b'"kind":"stamp_dune"', 1)
    assert edited != data and parse_segment(edited).stored_body is not None  # still in a station's layout
    _rewrite(files[0], edited)
    assert "signature" in [what for what, _ in _findings(archive, station)]
