"""The monthly summary as an Excel workbook (openpyxl, write-only: rows are streamed, memory stays flat).

One sheet each: findings (first, so the workbook opens on them), the stamping
record, the printing summary, totals per seal, custodian, station and day,
and uses per seal per day with a native line chart. Each table has a frozen
header row and an auto-filter.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..fsutil import atomic_output
from .summary import MonthlySummary

__all__ = ["write_summary_xlsx", "SHEETS"]

SHEETS = ("发现 Findings", "签盖记录 Stamping", "打印汇总 Printing", "按印章 Per seal", "按专管人员 Per custodian",
          "按站点 Per station", "按日 Per day", "图表 Chart")
"""The sheets' titles, in order."""

_STAMP_HEADER = ["日期 Date", "时间 Time", "印章 Seal", "文件 Document", "用途 Purpose", "审批人 Approver",
                 "专管人员 Custodian", "站点 Station", "申请 Request", "核准份数 Copies approved", "SHA-256"]
_PRINT_HEADER = ["文件 Document", "核准 Copies approved", "已打印 Printed", "作废 Voided", "收回 Recalled",
                 "补打 Extra", "重打 Replacement", "站点 Station", "申请 Request"]
_TOTAL_NAMES = {"seal": ("按印章 Per seal", "印章 Seal"), "custodian": ("按专管人员 Per custodian", "专管人员 Custodian"),
                "station": ("按站点 Per station", "站点 Station"), "day": ("按日 Per day", "日期 Date")}


def _table(wb, title: str, header: list[str], rows, widths: list[int]):
    """A sheet with a frozen, filtered header row; ``rows`` streamed in."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        cells.append(cell)
    ws.append(cells)
    n = 0
    for row in rows:
        ws.append(row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n + 1}"
    return ws


def write_summary_xlsx(summary: MonthlySummary, out: Path, *, overwrite: bool = False) -> None:
    """The workbook, written atomically (the office never opens half a file)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _table(wb, SHEETS[0], ["站点 Station", "类别 What", "说明 Detail"],
           (list(f) for f in summary.findings or [("", "", "无 none")]), [16, 16, 120])
    _table(wb, SHEETS[1], _STAMP_HEADER,
           ([s.date, s.time, s.seal, s.document, s.purpose, s.approver, s.custodian, s.station, s.request,
             s.copies_approved, s.sha256_after] for s in summary.stamps), [11, 9, 12, 30, 20, 12, 12, 14, 18, 10, 66])
    _table(wb, SHEETS[2], _PRINT_HEADER,
           ([p.document, p.copies_approved, p.printed, p.voided, p.recalled, p.extra, p.replacement, p.station,
             p.request] for p in summary.prints), [30, 10, 10, 10, 10, 10, 10, 14, 18])
    for key, counts in summary.totals().items():
        title, column = _TOTAL_NAMES[key]
        _table(wb, title, [column, "用印次数 Uses"], ([name, n] for name, n in sorted(counts.items())), [24, 14])
    _chart_sheet(wb, summary)
    try:
        with atomic_output(Path(out), overwrite=overwrite) as raw:
            wb.save(raw)
    except OSError as exc:
        raise OutputError(f"The workbook {out} cannot be written: {exc}.") from exc


def _chart_sheet(wb, summary: MonthlySummary) -> None:
    from openpyxl.chart import LineChart, Reference

    days, table = summary.uses_per_seal_per_day()
    seals = list(table) or ["-"]
    ws = _table(wb, SHEETS[7], ["日期 Date", *seals],
                ([day, *(table.get(seal, [0] * len(days))[i] for seal in seals)] for i, day in enumerate(days)),
                [12] + [12] * len(seals))
    chart = LineChart()
    chart.title = "每日用印次数（按印章） Uses per seal per day"
    chart.y_axis.title = "次数 Uses"
    chart.x_axis.title = "日期 Date"
    chart.height, chart.width = 10, 24
    chart.add_data(Reference(ws, min_col=2, max_col=1 + len(seals), min_row=1, max_row=1 + len(days)),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(days)))
    ws.add_chart(chart, f"{_col(len(seals) + 3)}2")


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)
