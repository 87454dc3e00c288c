"""The monthly summary as an Excel workbook (XlsxWriter, constant memory: rows are streamed, memory stays flat).

One sheet each: findings (first, so the workbook opens on them), the stamping
record, the printing summary, totals per seal, custodian, station and day,
and uses per seal per day with a native line chart. Each table has a frozen
header row and an auto-filter.

Every text cell comes from a station and is shown, never run (:mod:`sealstation.cells`):
made printable, and always written as a string (the workbook never turns text
into formulas, numbers or links); text that starts like a formula also gets
Excel's quote prefix, so that Excel does not make ``+…`` a formula when the
cell is edited. The value stays the name as written: no apostrophe is added to
what the office reads or filters on.

A month of 100,000 stamps is more than two million cells, and writing each
takes a workbook writer several microseconds: longer than reading and
checking the archive. :class:`WorkbookProcess` therefore writes the workbook
in a child process while the archive is read, each station's rows sent as
plain tuples as soon as the station is read (:func:`.report.build_report`);
:func:`write_summary_xlsx` writes a summary already read, in this process.
Both fill the same :class:`_Book`. XlsxWriter writes a cell in about 8 µs
here, openpyxl (write-only) in about 10 µs.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
from pathlib import Path

from .. import errors
from ..errors import OutputError, SealStationError
from ..fsutil import atomic_output
from ..process import quiet_third_party_warnings
from ..cells import XLSX_OPTIONS, formula_like, printable, write_xlsx_row
from .summary import MonthlySummary, PrintRow, StampRow

__all__ = ["write_summary_xlsx", "WorkbookProcess", "SHEETS"]

SHEETS = ("发现 Findings", "签盖记录 Stamping", "打印汇总 Printing", "按印章 Per seal", "按专管人员 Per custodian",
          "按站点 Per station", "按日 Per day", "图表 Chart")
"""The sheets' titles, in order."""

_FINDING_HEADER = ["站点 Station", "类别 What", "说明 Detail"]
_STAMP_HEADER = ["日期 Date", "时间 Time", "印章 Seal", "印章名称 Seal name", "文件 Document", "用途 Purpose", "审批人 Approver",
                 "专管人员 Custodian", "站点 Station", "申请 Request", "核准份数 Copies approved", "SHA-256"]
_PRINT_HEADER = ["文件 Document", "核准 Copies approved", "已打印 Printed", "作废 Voided", "收回 Recalled",
                 "加印核准 Extra approved", "加印 Extra printed", "补印核准 Replacement approved",
                 "补印 Replacement printed", "站点 Station", "申请 Request"]
_TOTAL_NAMES = {"seal": ("按印章 Per seal", "印章 Seal"), "custodian": ("按专管人员 Per custodian", "专管人员 Custodian"),
                "station": ("按站点 Per station", "站点 Station"), "day": ("按日 Per day", "日期 Date")}


def _stamp_values(s: StampRow) -> tuple:
    return (s.date, s.time, s.seal, s.seal_name or s.seal, s.document, s.purpose, s.approver, s.custodian, s.station, s.request,
            s.copies_approved, s.sha256_after)


def _print_values(p: PrintRow) -> tuple:
    return (p.document, p.copies_approved, p.printed, p.voided, p.recalled, p.extra_approved, p.extra,
            p.replacement_approved, p.replacement, p.station, p.request)


def _ending(summary: MonthlySummary) -> tuple:
    """What the workbook needs of the whole month once every station is read: findings, totals, the chart's table."""
    days, table = summary.uses_per_seal_per_day()
    chart = days, {summary.seal_label(seal): counts for seal, counts in table.items()}  # named as engraved
    return list(summary.findings or [("", "", "无 none")]), summary.labelled_totals(), chart


class _Sheet:
    """A worksheet written row by row (constant memory: in order), with its header's width for the auto-filter."""

    def __init__(self, book: "_Book", title: str, header: list[str], widths: list[int]) -> None:
        self.ws = book.wb.add_worksheet(title)
        self.quoted = book.quoted
        self.columns = len(header)
        self.ws.freeze_panes(1, 0)
        for i, width in enumerate(widths):
            self.ws.set_column(i, i, width)
        for col, text in enumerate(map(printable, header)):  # the chart's header names the seals
            self.ws.write_string(0, col, text, book.bold_quoted if formula_like(text) else book.bold)
        self.next = 1

    def append(self, rows) -> None:
        ws, quoted, row_at = self.ws, self.quoted, self.next
        for row in rows:
            write_xlsx_row(ws, row_at, row, quoted)
            row_at += 1
        self.next = row_at

    def close(self) -> None:
        self.ws.autofilter(0, 0, self.next - 1, self.columns - 1)


class _Book:
    """The workbook, its sheets made in their final order; the long tables are appended to as they come.

    XlsxWriter keeps each sheet's rows in a temp file in ``folder`` and makes
    the workbook there at :meth:`save`, which then copies it to its place
    atomically: the office never opens half a file, and a writer stopped
    half-way leaves nothing beside the target.
    """

    def __init__(self, folder: Path) -> None:
        import xlsxwriter

        self.made = Path(folder) / "month.xlsx"
        self.wb = xlsxwriter.Workbook(str(self.made), {**XLSX_OPTIONS, "tmpdir": str(folder)})
        self.bold = self.wb.add_format({"bold": True})
        self.quoted = self.wb.add_format({"quote_prefix": True})
        self.bold_quoted = self.wb.add_format({"bold": True, "quote_prefix": True})
        self.findings = _Sheet(self, SHEETS[0], _FINDING_HEADER, [16, 16, 120])
        self.stamping = _Sheet(self, SHEETS[1], _STAMP_HEADER, [11, 9, 12, 28, 30, 20, 12, 12, 14, 18, 10, 66])
        self.printing = _Sheet(self, SHEETS[2], _PRINT_HEADER, [30, 10, 10, 10, 10, 10, 10, 10, 10, 14, 18])
        self.totals = {key: _Sheet(self, title, [column, "用印次数 Uses"], [24, 14])
                       for key, (title, column) in _TOTAL_NAMES.items()}

    def finish(self, findings, totals, chart) -> None:
        """The findings, the totals and the chart sheet; then every sheet's filter covers its rows."""
        self.findings.append(findings)
        for key, sheet in self.totals.items():
            sheet.append(totals[key])
        days, table = chart
        seals = list(table) or ["-"]
        sheet = _Sheet(self, SHEETS[7], ["日期 Date", *seals], [12] + [12] * len(seals))
        sheet.append([day, *(table.get(seal, [0] * len(days))[i] for seal in seals)] for i, day in enumerate(days))
        self._chart(sheet, len(seals), len(days))
        for each in (self.findings, self.stamping, self.printing, *self.totals.values(), sheet):
            each.close()

    def _chart(self, sheet: _Sheet, seals: int, days: int) -> None:
        chart = self.wb.add_chart({"type": "line"})
        title, last = sheet.ws.get_name(), max(days, 1)
        for col in range(1, seals + 1):
            chart.add_series({"name": [title, 0, col], "categories": [title, 1, 0, last, 0],
                              "values": [title, 1, col, last, col]})
        chart.set_title({"name": "每日用印次数（按印章） Uses per seal per day"})
        chart.set_y_axis({"name": "次数 Uses"})
        chart.set_x_axis({"name": "日期 Date"})
        chart.set_size({"width": 907, "height": 378})  # 24 cm by 10 cm at 96 dpi
        sheet.ws.insert_chart(1, seals + 2, chart)

    def save(self, out: Path, overwrite: bool) -> None:
        try:
            self.wb.close()
            with atomic_output(Path(out), overwrite=overwrite) as raw, self.made.open("rb") as made:
                shutil.copyfileobj(made, raw, 1 << 20)
        except OSError as exc:
            raise OutputError(f"The workbook {out} cannot be written: {exc}.") from exc


def write_summary_xlsx(summary: MonthlySummary, out: Path, *, overwrite: bool = False) -> None:
    """The workbook of a summary already read, written in this process."""
    with tempfile.TemporaryDirectory(prefix="sealstation-workbook-") as folder:
        book = _Book(Path(folder))
        book.stamping.append(map(_stamp_values, summary.stamps))
        book.printing.append(map(_print_values, summary.prints))
        book.finish(*_ending(summary))
        book.save(out, overwrite)


class WorkbookProcess:
    """The workbook written by a child process while this one reads the archive.

    ``rows(stamps, prints)`` sends one station's rows (call it as each station
    is read), :meth:`finish` the rest of the month and waits for the file.
    Used as a context manager: leaving it by an exception stops the child,
    which then writes nothing. The child is a fresh interpreter (``spawn``:
    the window's threads are not forked) and keeps its own temp files in a
    folder it removes.
    """

    def __init__(self, out: Path, *, overwrite: bool = False) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, str(out), overwrite), daemon=True,
                                 name="sealstation-workbook")
        try:
            self._proc.start()
        except OSError as exc:  # no process to spare (limits, memory): nothing was read or written yet
            self._conn.close()
            raise OutputError(f"The workbook {out} cannot be written: its writer process does not start ({exc}).",
                              hint="Free memory or processes and export again, or export as .pdf or .csv.") from exc
        finally:
            child.close()

    def __enter__(self) -> "WorkbookProcess":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self._stop()

    def _send(self, message: tuple) -> None:
        try:
            self._conn.send(message)
        except OSError as exc:  # the child is gone: its error, when it sent one, says why
            raise self._failure() from exc

    def rows(self, stamps: list[StampRow], prints: list[PrintRow]) -> None:
        self._send(("rows", [_stamp_values(s) for s in stamps], [_print_values(p) for p in prints]))

    def finish(self, summary: MonthlySummary) -> None:
        self._send(("end", *_ending(summary)))
        answer = self._answer()
        self._proc.join()
        self._conn.close()
        if answer is not None:
            raise answer

    def _answer(self) -> SealStationError | None:
        try:
            status, *rest = self._conn.recv()
        except (EOFError, OSError):
            return OutputError(f"The workbook writer stopped (exit code {self._proc.exitcode}); nothing was written.")
        return None if status == "ok" else _error(*rest)

    def _failure(self) -> SealStationError:
        answer = self._answer() if self._conn.poll(1) else None
        return answer or OutputError("The workbook writer stopped; nothing was written.")

    def _stop(self) -> None:
        try:
            self._conn.send(("abort",))
        except OSError:
            pass
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._conn.close()


def _error(kind: str, message: str, hint: str | None) -> SealStationError:
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, SealStationError)):
        cls = OutputError
    return cls(message, hint=hint)


def _serve(conn, out: str, overwrite: bool) -> None:
    """The child: rows in, the workbook saved at the end; a failure is kept and answered at the end."""
    quiet_third_party_warnings()  # a spawned interpreter starts with Python's filters, not the parent's
    folder = tempfile.mkdtemp(prefix="sealstation-workbook-")  # the sheets' rows and the workbook as it is made
    failure: tuple | None = None
    try:
        book = _Book(Path(folder))
        while True:
            kind, *body = conn.recv()
            if kind == "abort":
                return
            try:
                if failure is None and kind == "rows":
                    book.stamping.append(body[0])
                    book.printing.append(body[1])
                elif failure is None and kind == "end":
                    book.finish(*body)
                    book.save(Path(out), overwrite)
            except SealStationError as exc:
                failure = (type(exc).__name__, exc.message, exc.hint)
            except Exception as exc:  # noqa: BLE001 - keep reading so that the parent is never blocked
                failure = ("OutputError", f"The workbook {out} cannot be written: {exc!r}.", None)
            if kind == "end":
                conn.send(("ok",) if failure is None else ("error", *failure))
                return
    except EOFError:  # the parent is gone
        return
    finally:
        conn.close()
        shutil.rmtree(folder, ignore_errors=True)
