"""The monthly report in the format its file name asks for: ``.xlsx``, ``.pdf`` or ``.csv``.

:func:`build_report` reads the month from the archive and writes it; a
workbook is written by a child process while the archive is read
(:class:`.report_xlsx.WorkbookProcess`), since writing its cells takes
longer than the reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .summary import MonthlySummary, monthly_summary, write_summary_csv

__all__ = ["REPORT_FORMATS", "MonthlyReportResult", "report_format", "write_report", "build_report", "export_summary"]

REPORT_FORMATS = (".xlsx", ".pdf", ".csv")


@dataclass(frozen=True)
class MonthlyReportResult:
    """A monthly report written."""

    out: Path
    month: str
    stamps: int
    """Uses in the stamping record."""
    prints: int
    """Documents in the printing summary."""
    findings: int
    finding_kinds: tuple[tuple[str, int], ...] = ()
    """How many findings of each kind (the findings' ``what``: :class:`~sealstation.archive.audit.Finding`), in the
    order first found: what the window names beside the count."""


def report_format(out: str | Path) -> str:
    """The format named by ``out``'s extension; ConfigError for any other."""
    suffix = Path(out).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise ConfigError(f"The report {out} must end in .xlsx, .pdf or .csv (the format is chosen by the "
                          f"extension), not {suffix or 'nothing'!r}.", hint="e.g. --out 2026-11.xlsx")
    return suffix


def write_report(summary: MonthlySummary, out: str | Path, *, overwrite: bool = False) -> None:
    """Write ``summary`` to ``out`` atomically, as a workbook, a PDF report or a CSV file."""
    fmt = report_format(out)
    if fmt == ".xlsx":
        from .report_xlsx import write_summary_xlsx

        write_summary_xlsx(summary, Path(out), overwrite=overwrite)
    elif fmt == ".pdf":
        from .report_pdf import write_summary_pdf

        write_summary_pdf(summary, Path(out), overwrite=overwrite)
    else:
        write_summary_csv(summary, Path(out), overwrite=overwrite)


def build_report(backend, ca_cert, out: str | Path, *, month: str, stations: list[str] | None = None,
                 now: dt.datetime | None = None, progress=None, overwrite: bool = False) -> MonthlySummary:
    """Read the month from ``backend`` (see :func:`.summary.monthly_summary`) and write it to ``out`` atomically."""
    fmt = report_format(out)
    if fmt == ".csv":
        summary = monthly_summary(backend, ca_cert, month, stations=stations, now=now, progress=progress)
        write_report(summary, out, overwrite=overwrite)
        return summary
    # A workbook or a PDF is written as the stations are read: each station's rows go to it as they come.
    if fmt == ".xlsx":
        from .report_xlsx import WorkbookProcess as writer
    else:
        from .report_pdf import PdfReport as writer
    with writer(Path(out), overwrite=overwrite) as book:
        summary = monthly_summary(backend, ca_cert, month, stations=stations, now=now, progress=progress,
                                  rows=book.rows)
        book.finish(summary)
    return summary


_CHUNK = 5000
"""Rows sent to the workbook's writer at a time."""


def export_summary(summary: MonthlySummary, out: str | Path, *, overwrite: bool = False) -> None:
    """Write a month already read (the one the window showed) to ``out`` atomically.

    A workbook is written by its child process (:class:`.report_xlsx.WorkbookProcess`), the rows sent in
    chunks: the workbook's cells would otherwise hold the calling process's interpreter for as long as they take
    (seconds for a large month), and a window waiting on it would stop answering.
    """
    if report_format(out) != ".xlsx":
        write_report(summary, out, overwrite=overwrite)
        return
    from .report_xlsx import WorkbookProcess

    with WorkbookProcess(Path(out), overwrite=overwrite) as book:
        for i in range(0, max(len(summary.stamps), len(summary.prints)), _CHUNK):
            book.rows(summary.stamps[i:i + _CHUNK], summary.prints[i:i + _CHUNK])
        book.finish(summary)
