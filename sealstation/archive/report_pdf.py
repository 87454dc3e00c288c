"""The monthly summary as a PDF report in Chinese (PyMuPDF), for the office to stamp and file.

Findings first (each in full, wrapped), then totals per seal, custodian, station and day, a chart of
uses per seal per day (drawn with PyMuPDF's shapes), then the stamping record
and the printing summary as paginated tables with their header on each page.
The text font is PyMuPDF's Droid Sans Fallback, embedded as a subset, so every
viewer (and ``pdftotext``) reads the Chinese. It is an ordinary PDF with no
signature: the office stamps it with its own seal through the normal flow.
Text from the stations is drawn printable (:func:`sealstation.cells.printable`): a line
break or a direction override in a name cannot draw a row that is not there.

The two long tables are capped at ``row_limit`` rows each (a month of 100,000
stamps would be over 4,000 pages, which nobody reads or stamps): past it the
PDF says how many rows there are and that the complete record is the same
month's XLSX (or CSV) report. Findings, totals and the chart are always
complete.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..fsutil import atomic_output
from ..cells import printable
from .summary import MonthlySummary

__all__ = ["write_summary_pdf", "PDF_ROW_LIMIT"]

PDF_ROW_LIMIT = 2000
"""Rows of each long table in the PDF; the complete record is the workbook."""

_FONT = "droid"
_PAGE = (842.0, 595.0)  # A4 landscape, points
_MARGIN = 36.0
_SIZE = 8.0
_LINE = 11.0
_COLORS = [(0.8, 0.1, 0.1), (0.1, 0.3, 0.8), (0.1, 0.6, 0.2), (0.7, 0.4, 0.0), (0.5, 0.1, 0.6), (0.0, 0.5, 0.6)]

_STAMP_COLS = [("日期", 56), ("时间", 44), ("印章", 60), ("文件", 170), ("用途", 110), ("审批人", 60), ("专管人员", 60),
               ("站点", 80), ("申请", 130)]
_PRINT_COLS = [("文件", 210), ("核准", 44), ("已打印", 44), ("作废", 44), ("收回", 44), ("加印", 44), ("补印", 44),
               ("站点", 90), ("申请", 150)]


class _Writer:
    """Pages of text lines and tables, top to bottom."""

    def __init__(self, month: str) -> None:
        import pymupdf

        self.doc = pymupdf.open()
        self.font = pymupdf.Font("china-s")
        self.month = month
        self.page = None
        self.y = 0.0
        self.font_xref = 0
        self.advance: dict[str, float] = {}

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=_PAGE[0], height=_PAGE[1])
        if not self.font_xref:
            self.font_xref = self.page.insert_font(fontname=_FONT, fontbuffer=self.font.buffer)
        else:  # the one embedded font, shared: inserting it per page costs 5 ms a page and a copy each
            self.doc.xref_set_key(self.page.xref, "Resources", f"<</Font<</{_FONT} {self.font_xref} 0 R>>>>")
        self.y = _MARGIN
        footer = f"签盖记录和在线打印情况汇总表 {self.month}    第 {self.doc.page_count} 页"
        self.page.insert_text((_MARGIN, _PAGE[1] - 18), footer, fontname=_FONT, fontsize=7, color=(0.4, 0.4, 0.4))

    def room(self, height: float) -> None:
        if self.page is None or self.y + height > _PAGE[1] - _MARGIN:
            self.new_page()

    def line(self, text: str, size: float = _SIZE, color=(0, 0, 0), gap: float | None = None) -> None:
        height = gap or size * 1.4
        self.room(height)
        self.y += height
        self.page.insert_text((_MARGIN, self.y - size * 0.3), self.fit(text, _PAGE[0] - 2 * _MARGIN, size),
                              fontname=_FONT, fontsize=size, color=color)

    def paragraph(self, text: str, size: float = _SIZE, color=(0, 0, 0)) -> None:
        """``text`` on as many lines as it needs: a finding is read whole, never cut short like a table cell."""
        for part in self.wrap(text, _PAGE[0] - 2 * _MARGIN, size):
            self.line(part, size, color)

    def wrap(self, text: str, width: float, size: float = _SIZE) -> list[str]:
        """Lines of at most ``width``, broken after a space where the line has one (Chinese breaks anywhere)."""
        lines, start, used = [], 0, 0.0
        for i, ch in enumerate(text):
            advance = self.width(ch, size)
            if used + advance > width and i > start:
                space = text.rfind(" ", start, i)
                cut = space + 1 if space > start else i
                lines.append(text[start:cut])
                start, used = cut, self.width(text[cut:i], size)
            used += advance
        lines.append(text[start:])
        return lines

    def fit(self, text: str, width: float, size: float = _SIZE) -> str:
        if len(text) * size <= width:  # no glyph is wider than 1 em: it fits without measuring
            return text
        if self.width(text, size) <= width:
            return text
        room = width - self.width("…", size)
        used = 0.0
        for i, ch in enumerate(text):
            used += self.width(ch, size)
            if used > room:
                return text[:i] + "…"
        return text

    def width(self, text: str, size: float) -> float:
        """PyMuPDF's text_length costs ~10 µs a character; the advances are cached here."""
        total = 0.0
        for ch in text:
            w = self.advance.get(ch)
            if w is None:
                w = self.advance[ch] = self.font.glyph_advance(ord(ch))
            total += w
        return total * size

    def table(self, title: str, cols, rows, total: int, limit: int | None) -> None:
        """Rows drawn column by column (one text call per column per page), the header on each page."""
        self.line(title, 12, gap=24)
        shown = 0
        batch: list = []
        per_page = int((_PAGE[1] - 2 * _MARGIN - _LINE) // _LINE)
        for row in rows:
            if limit is not None and shown >= limit:
                break
            batch.append(row)
            shown += 1
            if len(batch) >= self._rows_left(per_page):
                self._draw_rows(cols, batch)
                batch = []
        if batch or not shown:
            self._draw_rows(cols, batch)
        if shown < total:
            self.line(f"本表共 {total} 行，此 PDF 列出前 {shown} 行；完整记录见同月的 XLSX（或 CSV）报表 "
                      f"(the complete record is the month's XLSX or CSV report).", _SIZE, (0.6, 0, 0), gap=16)

    def _rows_left(self, per_page: int) -> int:
        if self.page is None:
            return per_page
        left = int((_PAGE[1] - _MARGIN - self.y - _LINE) // _LINE)
        return left if left >= 3 else per_page

    def _draw_rows(self, cols, batch) -> None:
        self.room(_LINE * (len(batch) + 1))
        top = self.y
        x = _MARGIN
        right = _MARGIN + sum(width for _, width in cols)
        self.page.draw_rect((_MARGIN, top, right, top + _LINE), color=None, fill=(0.9, 0.9, 0.9))
        for i, (name, width) in enumerate(cols):
            lines = [name] + [self.fit(printable(str(row[i])), width - 4) for row in batch]
            self.page.insert_text((x + 2, top + _LINE - 3), lines, fontname=_FONT, fontsize=_SIZE, lineheight=_LINE / _SIZE)
            x += width
        self.y = top + _LINE * (len(batch) + 1)

    def chart(self, summary: MonthlySummary) -> None:
        days, table = summary.uses_per_seal_per_day()
        height, width = 200.0, _PAGE[0] - 2 * _MARGIN - 120
        self.room(24 + height + 30)  # the title stays with its chart
        self.line("每日用印次数（按印章）", 12, gap=24)
        left, top = _MARGIN + 30, self.y + 8
        bottom = top + height
        peak = max((max(v) for v in table.values()), default=0) or 1
        page = self.page
        page.draw_line((left, top), (left, bottom), color=(0, 0, 0), width=0.6)
        page.draw_line((left, bottom), (left + width, bottom), color=(0, 0, 0), width=0.6)
        step = width / max(1, len(days) - 1)
        for tick in (0, peak // 2, peak):
            y = bottom - height * tick / peak
            page.insert_text((_MARGIN, y + 3), str(tick), fontname=_FONT, fontsize=7)
        for i, day in enumerate(days):
            if i % 5 == 0 or i == len(days) - 1:
                page.insert_text((left + i * step - 8, bottom + 10), day[5:], fontname=_FONT, fontsize=7)
        for n, (seal, counts) in enumerate(table.items()):
            color = _COLORS[n % len(_COLORS)]
            points = [(left + i * step, bottom - height * c / peak) for i, c in enumerate(counts)]
            if len(points) > 1:
                page.draw_polyline(points, color=color, width=1.2)
            ly = top + 12 * n
            page.draw_line((left + width + 10, ly), (left + width + 26, ly), color=color, width=2)
            page.insert_text((left + width + 30, ly + 3), self.fit(printable(seal), 80, 7), fontname=_FONT, fontsize=7)
        self.y = bottom + 16


def write_summary_pdf(summary: MonthlySummary, out: Path, *, overwrite: bool = False,
                      row_limit: int | None = PDF_ROW_LIMIT) -> None:
    """The report, written atomically; ``row_limit`` None puts every row in."""
    w = _Writer(summary.month)
    w.line(f"签盖记录和在线打印情况汇总表（{summary.month}）", 16, gap=30)
    w.line(f"用印 {len(summary.stamps)} 次；打印文件 {len(summary.prints)} 份；发现 {len(summary.findings)} 项。"
           "月份按北京时间（UTC+8）。", 9, gap=16)
    w.line("一、发现（需办公室核查）", 12, gap=24)
    for station, what, detail in summary.findings or [("", "", "无")]:
        w.paragraph(printable(f"· [{station or '-'}] {what}：{detail}") if what else "· 无", _SIZE,
                    (0.6, 0, 0) if what else (0, 0, 0))
    w.line("二、合计", 12, gap=24)
    names = {"seal": "按印章", "custodian": "按专管人员", "station": "按站点", "day": "按日"}
    for key, counts in summary.totals().items():
        rows = sorted(counts.items())
        w.table(f"{names[key]}（用印次数）", [(names[key][1:], 200), ("次数", 60)], rows, len(rows), None)
    w.chart(summary)
    w.new_page()
    w.table("三、签盖记录", _STAMP_COLS, ((s.date, s.time, s.seal, s.document, s.purpose, s.approver, s.custodian,
                                       s.station, s.request) for s in summary.stamps), len(summary.stamps), row_limit)
    w.table("四、在线打印情况（加印、补印：已打印/核准）", _PRINT_COLS,
            ((p.document, _n(p.copies_approved), p.printed, p.voided, p.recalled, f"{p.extra}/{p.extra_approved}",
              f"{p.replacement}/{p.replacement_approved}", p.station, p.request) for p in summary.prints),
            len(summary.prints), row_limit)
    w.doc.set_metadata({"title": f"签盖记录和在线打印情况汇总表 {summary.month}", "creator": "SealStation"})
    w.doc.subset_fonts()
    data = w.doc.tobytes(garbage=3, deflate=True)
    w.doc.close()
    try:
        with atomic_output(Path(out), overwrite=overwrite) as raw:
            raw.write(data)
    except OSError as exc:
        raise OutputError(f"The report {out} cannot be written: {exc}.") from exc


def _n(value) -> str:
    return "" if value is None else str(value)
