"""The auditor's desk verifies a stamped file: the seals' boxes, and the office archive asked, absent or unreachable."""

from __future__ import annotations

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from support.archive import stamp_some


def _with_archive(station, location) -> None:
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(location)}, "station.json"))


def test_a_stamped_file_with_no_archive_an_unreachable_one_and_a_registered_stamp(station, pin, tmp_path):
    [stamped] = stamp_some(station, pin, tmp_path, 1)
    desk = station.audit()
    alone = desk.verify_stamped(stamped, user="auditor")
    assert alone.verify.valid and alone.archive is None and alone.registrations is None
    [spot] = alone.spots
    sig = alone.verify.signatures[0]
    (cx, cy), (w, h) = sig.placement.center_mm, sig.size_mm
    assert spot.page == sig.placement.page and spot.ok
    assert spot.box_mm == (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    _with_archive(station, tmp_path / "no-such-archive")
    away = desk.verify_stamped(stamped)
    assert away.verify.valid and away.registrations is None
    assert away.archive_problem is not None and away.archive_problem.code.startswith("archive")

    archive = FolderArchive.create(tmp_path / "archive").root
    _with_archive(station, archive)
    station.archive().sync()
    found = desk.verify_stamped(stamped)
    assert found.archive == str(archive) and found.archive_problem is None
    assert found.registration(sig.field).registered and found.registration(sig.field).station == "test-station"


def test_a_copy_another_station_printed_is_checked_in_the_office_archive(station, pin, tmp_path, station_template,
                                                                         seal_token):
    from support.archive import another_station
    from support.printing import print_to_pdf, read_qr_codes, stamped_document
    from support.station_fixtures import password

    archive = FolderArchive.create(tmp_path / "archive").root
    _with_archive(station, archive)
    stamped = stamped_document(station, pin, tmp_path)
    print_to_pdf(station, stamped, tmp_path / "copies.pdf", 1)
    code = [c for c in read_qr_codes(tmp_path / "copies.pdf") if c][0]
    serial = station.audit().verify_copy(code).payload.serial
    station.printing().void(serial, reason="torn", user="custodian", password=password("custodian"))
    station.archive().sync()
    other = another_station(tmp_path / "b-home", station_template, seal_token, "station-b")
    try:
        alone = other.audit().check_copy(code)  # genuine (B knows A's certificate), but B has no record of it
        assert alone.status == "unknown" and alone.source == "station"
        _with_archive(other, archive)
        check = other.audit().check_copy(code, user="auditor")
        assert check.source == "archive" and check.status == "voided", check
        assert check.result.record.status_reason == "torn"
    finally:
        other.close()
