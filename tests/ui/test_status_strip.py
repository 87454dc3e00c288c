"""The status strip: the USB key as the watcher says, the seals usable today, the journal's health, the archive."""

from __future__ import annotations

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from sealstation.seals.lifecycle import SealAction
from support.station_fixtures import office_authority, password
from ui.status_strip import StatusStrip


def strip_for(qtbot, station):
    strip = StatusStrip(station)
    strip.resize(1200, 30)
    qtbot.addWidget(strip)
    strip.show()
    qtbot.waitExposed(strip)
    return strip


def refresh(qtbot, strip, user="custodian"):
    with qtbot.waitSignal(strip.refreshed, timeout=10000):
        strip.refresh(user)


def test_the_strip_shows_seals_journal_archive_and_the_key(qtbot, station, tmp_path, artifacts):
    strip = strip_for(qtbot, station)
    strip.set_token("USB key SealStation Test (serial 1234): present", True)
    refresh(qtbot, strip)
    assert strip.seals_label.text() == "Seals usable today: 4 of 4"
    assert strip.journal_label.text() == "Journal: intact" and strip.journal_label.property("state") == "ok"
    assert strip.archive_label.text() == "Archive: none configured"
    strip.grab().save(str(artifacts / "ui-status-strip.png"))

    station.seal_office().change_seal("official", SealAction.SUSPEND, by="admin", password=password("admin"),
                        authority=office_authority(), note="检查")
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    strip.set_token("USB key absent", False)
    refresh(qtbot, strip)
    assert strip.seals_label.text() == "Seals usable today: 3 of 4" and strip.seals_label.property("state") == "warn"
    assert "official: not usable" in strip.seals_label.toolTip()
    assert strip.archive_label.text().startswith("Archive: ") and "last sync never" in strip.archive_label.text()
    assert strip.token_label.text() == "USB key absent" and strip.token_label.property("state") == "bad"

    station.journal.record_stop("entry 7: changed", source="journal verify")
    refresh(qtbot, strip)
    assert strip.journal_label.text() == "Stamping stopped: the journal failed verification"
    assert strip.journal_label.property("state") == "bad" and "entry 7: changed" in strip.journal_label.toolTip()
    strip.grab().save(str(artifacts / "ui-status-strip-stopped.png"))


def test_without_a_login_the_strip_shows_no_seals(qtbot, station):
    strip = strip_for(qtbot, station)
    refresh(qtbot, strip, user=None)
    assert strip.seals_label.text() == "Seals: log in to see yours"
    assert strip.seals_label.accessibleName() == "Seals usable today"


def test_the_strip_words_itself_again_when_the_language_changes(qtbot, station):
    """Every section, its tooltip and a seal's refusal follow the window's language without reading the station."""
    from support.i18n_check import chinese, english_leftovers

    station.seal_office().change_seal("official", SealAction.SUSPEND, by="admin", password=password("admin"),
                        authority=office_authority(), note="检查")
    strip = strip_for(qtbot, station)
    status = station.token_status()
    strip.show_token(status)
    refresh(qtbot, strip)
    assert "official: not usable" in strip.seals_label.toolTip()
    ids = {"official", "contract", "finance", *status.label.split()}
    reads = []
    strip.refresh = lambda user: reads.append(user)
    with chinese():
        qtbot.waitUntil(lambda: "Seals usable" not in strip.seals_label.text(), timeout=5000)
        leftovers = english_leftovers(strip, allow=ids)
        assert not leftovers, leftovers
    qtbot.waitUntil(lambda: strip.seals_label.text() == "Seals usable today: 3 of 4", timeout=5000)
    assert "official: not usable" in strip.seals_label.toolTip() and reads == []
