"""Helpers of the archive tests: stamps made through the station, print records, the journal's head."""

from __future__ import annotations

from pathlib import Path

from sealstation.journal.journal import JournalKind

from .pdfs import make_pdf
from .station_fixtures import stamp_approved


def stamp_some(station, pin, tmp_path: Path, n: int, tag: str = "d") -> list[Path]:
    """``n`` documents approved and stamped with the official seal; the stamped files."""
    (tmp_path / "in").mkdir(parents=True, exist_ok=True)
    outs = []
    for i in range(n):
        src = make_pdf(tmp_path / "in" / f"{tag}{i}.pdf", text=f"document {tag} {i}")
        out = tmp_path / f"{tag}{i}-stamped.pdf"
        stamp_approved(station, pin, src, out)
        outs.append(out)
    return outs


def name_office_archive(station, location: str) -> None:
    """The office signs a policy naming ``location`` as the station's archive (``archive_location``)."""
    from dataclasses import replace

    from .station_fixtures import office_authority, password

    station.setup().sign_policy(replace(station.policy, archive_location=location), by="admin", password=password("admin"),
                        authority=office_authority())


def head(station) -> int:
    return station.db.query("SELECT MAX(seq) FROM journal")[0][0]


def another_station(root: Path, template: Path, seal_token, station_id: str):
    """A second station made from the template: its own id, database key, station key, and the seals allowed there."""
    import shutil

    import keyring

    from sealstation.config import StationHome
    from sealstation.journal.keystore import KEYRING_SERVICE
    from sealstation.seals.lifecycle import SealAction
    from sealstation.station import Station

    from .station_fixtures import forget_checkpoints, password

    shutil.copytree(template, root)
    home = StationHome(root)
    config = home.load_config()
    home.save_config(config.with_changes(station_id=station_id))
    key = keyring.get_password(KEYRING_SERVICE, f"journal-key:{config.station_id}")
    keyring.set_password(KEYRING_SERVICE, f"journal-key:{station_id}", key)
    forget_checkpoints(seal_token)
    station = Station.open(root, token=seal_token.session)
    station.setup().issue_station_key(by="admin", password=password("admin"), authority=seal_token.authority)
    for seal_id in ("official", "contract", "finance", "legal-rep"):
        station.seals.apply(seal_id, SealAction.CHANGE, authority=seal_token.authority, by="admin",
                            stations=(station_id,))
    return station


def print_job(station, request: str, document: str, n: int, kind: str = "first", status: str = "accepted",
              first_serial: int = 1):
    """A print record as the printing use case writes it (appended through the real journal)."""
    copies = [{"serial": f"{request}-{i:03d}", "number": i, "of": n} for i in range(first_serial, first_serial + n)]
    station.journal.append(JournalKind.PRINT_JOB, {
        "request": request, "document": document, "document_sha256": "0" * 64, "printer": "office-printer",
        "job": 7, "status": status, "copies": copies, "reason": "", "kind": kind}, actor="custodian")


def requests_stamped(station) -> list[tuple[str, str]]:
    """(request, document) of each stamp in the station's journal."""
    return [(e.data["request"], e.data["document"]) for e in station.journal.entries(kinds=(JournalKind.STAMP_DONE,))]
