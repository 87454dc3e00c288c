"""Helpers of the archive tests: stamps made through the station, the journal's head."""

from __future__ import annotations

from pathlib import Path

from .pdfs import make_pdf
from .station_fixtures import stamp_approved


def stamp_some(station, pin, tmp_path: Path, n: int, tag: str = "d") -> list[Path]:
    """``n`` documents approved and stamped with the official seal; the stamped files."""
    (tmp_path / "in").mkdir(exist_ok=True)
    outs = []
    for i in range(n):
        src = make_pdf(tmp_path / "in" / f"{tag}{i}.pdf", text=f"document {tag} {i}")
        out = tmp_path / f"{tag}{i}-stamped.pdf"
        stamp_approved(station, pin, src, out)
        outs.append(out)
    return outs


def head(station) -> int:
    return station.db.query("SELECT MAX(seq) FROM journal")[0][0]
