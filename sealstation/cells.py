"""Text from the stations as it goes into files the office opens: shown as written, never run.

Used by the monthly reports (:mod:`sealstation.archive`) and the journal's CSV export.

A document name, a purpose or a user name reaches the monthly report from a
station (its custodian, the requester, an OA file). The office opens the
report in a spreadsheet, where a cell such as ``=HYPERLINK("http://…","报表")``
would be a live formula, and reads it as a table, where a line break or a
right-to-left override inside a name would make a row look like another.

* :func:`printable`: control characters and bidirectional controls are shown
  as escapes (``\\x0a``, ``\\u202e``), so a name is one visible line, the same in
  every format (a workbook's XML cannot hold most of them as they are).
* :func:`formula_like`: the text starts with a character a spreadsheet reads
  as a formula (=, +, -, @, tab, carriage return: OWASP's list for CSV injection).
  The CSV prefixes such a cell with a single quote (:func:`csv_text`); the
  workbook stores it as a string with Excel's quote prefix, so it stays text
  even when someone edits the cell (:func:`write_xlsx_row`).
* :data:`XLSX_OPTIONS`: the XlsxWriter workbook options every workbook of
  station text is made with (rows streamed; text never a formula, number or link).
"""

from __future__ import annotations

import re

__all__ = ["printable", "formula_like", "needs_work", "row_needs_work", "csv_text", "GuardedCsvWriter",
           "FORMULA_STARTS", "XLSX_OPTIONS", "write_xlsx_row"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters a spreadsheet may read as the start of a formula."""

XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                "strings_to_urls": False}
"""XlsxWriter's options for a workbook of station text: each sheet's rows streamed to a temp file in order (memory
stays flat), and text always a string (XlsxWriter's defaults make ``=…`` a formula and ``http://…`` a link)."""

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def needs_work(text: str) -> bool:
    """Whether :func:`printable` or the formula guard may change ``text``.

    A month has millions of cells and nearly all need nothing: ``str.isprintable`` (false for every
    control and direction character, and for some harmless ones such as U+3000, which then only take
    the longer way) and one ``startswith`` decide, in C.
    """
    return not text.isprintable() or text.startswith(FORMULA_STARTS)


def row_needs_work(row) -> bool:
    """:func:`needs_work` of any text in ``row``, for a row at a time (one ``isprintable`` over the texts joined)."""
    texts = [value for value in row if isinstance(value, str)]
    if not "".join(texts).isprintable():
        return True
    for text in texts:
        if text.startswith(FORMULA_STARTS):
            return True
    return False


def printable(text: str) -> str:
    """``text`` with its control and bidirectional characters written as visible escapes."""
    return _UNPRINTABLE.sub(_escape, text)


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(value):
    """A CSV cell: text made printable, and a single quote before text a spreadsheet would read as a formula."""
    if not isinstance(value, str) or not needs_work(value):
        return value
    text = printable(value)
    return "'" + text if formula_like(text) else text


class GuardedCsvWriter:
    """A ``csv.writer`` whose every text cell goes through :func:`csv_text`."""

    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([csv_text(value) for value in row])


def write_xlsx_row(ws, row_at: int, row, quoted) -> None:
    """``row`` into an XlsxWriter worksheet at ``row_at``: text always as a string (``write_string``, whatever the
    workbook's options), printable, and quote-prefixed (``quoted``: the workbook's format with ``quote_prefix``) when
    it starts like a formula; None left blank. A month writes millions of cells: a row that needs no work goes
    straight to the typed writers."""
    write_string, write = ws.write_string, ws.write
    if not row_needs_work(row):
        for col, value in enumerate(row):
            if value.__class__ is str:
                write_string(row_at, col, value)
            elif value is not None:
                write(row_at, col, value)
        return
    for col, value in enumerate(row):
        if isinstance(value, str):
            text = printable(value)
            write_string(row_at, col, text, quoted if formula_like(text) else None)
        elif value is not None:
            write(row_at, col, value)
