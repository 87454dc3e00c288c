"""The auditor's journal export: the entries a filter shows, as CSV or an Excel workbook.

Read a page at a time (:func:`.query.page`), written as they are read: memory stays flat for a million entries.
The columns are those of ``sealstation journal export`` (:func:`.journal.export_journal`) and one more, whether the
entry's own hash still matches its content. Every text cell is shown, never run (:mod:`sealstation.cells`):
CSV cells through :class:`~sealstation.cells.GuardedCsvWriter`, workbook cells as strings, quote-prefixed when
they start like a formula.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..cells import XLSX_OPTIONS, GuardedCsvWriter, write_xlsx_row
from ..errors import ConfigError, OutputError
from ..fsutil import atomic_output
from .journal import canonical_json
from .query import JournalFilter, ShownEntry, page

__all__ = ["EXPORT_FORMATS", "HEADER", "export_format", "write_entries"]

EXPORT_FORMATS = (".csv", ".xlsx")
"""The formats, by the file's extension."""

HEADER = ("seq", "at", "actor", "kind", "data", "prev_hash", "hash", "intact")

_PAGE = 5000


def export_format(out: str | Path) -> str:
    """``csv`` or ``xlsx`` from the file name; anything else is refused in words."""
    suffix = Path(out).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ConfigError(f"The journal export {out} must end in .csv or .xlsx (the format is chosen by the "
                          "file name).", hint="Choose a file name ending in .csv or .xlsx.",
                          code="journal_export_format", file=str(out))
    return suffix[1:]


def _values(e: ShownEntry) -> tuple:
    return (e.seq, e.at, e.actor or "", e.kind, canonical_json(e.data), e.prev_hash, e.hash,
            "yes" if e.intact else "NO")


def _entries(db, flt: JournalFilter):
    flt = replace(flt, newest_first=False)  # a file reads from the first entry, whatever order the view showed
    after = 0
    while True:
        batch = page(db, flt, after=after, limit=_PAGE)
        yield from batch
        if len(batch) < _PAGE:
            return
        after = batch[-1].seq


def write_entries(db, flt: JournalFilter, out: Path, *, overwrite: bool = False) -> int:
    """Write the entries ``flt`` shows to ``out`` (CSV or XLSX by its extension), atomically; how many."""
    fmt = export_format(out)
    try:
        with atomic_output(Path(out), overwrite=overwrite) as raw:
            return _write_csv(db, flt, raw) if fmt == "csv" else _write_xlsx(db, flt, raw)
    except OSError as exc:
        raise OutputError(f"The journal export {out} cannot be written: {exc}.") from exc


def _write_csv(db, flt: JournalFilter, raw) -> int:
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    writer = GuardedCsvWriter(csv.writer(text))
    writer.writerow(HEADER)
    n = 0
    for entry in _entries(db, flt):
        writer.writerow(_values(entry))
        n += 1
    text.flush()
    text.detach()
    return n


def _write_xlsx(db, flt: JournalFilter, raw) -> int:
    """The workbook made in a temp folder (XlsxWriter streams the rows there), then copied to ``raw``."""
    import xlsxwriter

    with tempfile.TemporaryDirectory(prefix="sealstation-journal-export-") as folder:
        made = Path(folder) / "journal.xlsx"
        wb = xlsxwriter.Workbook(str(made), {**XLSX_OPTIONS, "tmpdir": folder})
        quoted = wb.add_format({"quote_prefix": True})
        ws = wb.add_worksheet("日志 Journal")
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, HEADER)
        n = 0
        for n, entry in enumerate(_entries(db, flt), 1):
            write_xlsx_row(ws, n, _values(entry), quoted)
        wb.close()
        with made.open("rb") as book:
            shutil.copyfileobj(book, raw, 1 << 20)
    return n
