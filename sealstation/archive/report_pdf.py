"""The monthly summary as a PDF report in Chinese, the copy the office files (送办公室统一存档备查).

It holds what the workbook holds, on numbered pages (第 i 页 共 n 页), each
page's footer naming the month and its period:

* the cover: the period (the office's calendar month, UTC+8), the stations
  covered, the archive's verification result (each station's segments
  checked against the office's certificate; any finding named by kind),
  when the archive was read, and the counts;
* 一、发现: every finding, each in full (wrapped);
* 二、合计: uses per seal (named as engraved), custodian, station and day, and a
  chart of uses per seal per day;
* 三、签盖记录: the register of every stamp, with no cap: date, time, station,
  seal, the document as approved, approver, custodian, copies approved and
  printed (加印, 补印: printed/approved), voided and recalled, the request. A
  request stamped with two seals prints once: its printing is on its first
  row of the month, the next rows say 同上;
* 四、在线打印情况: the printing per station, and each document printed this
  month that was stamped in an earlier one (the rest of the workbook's
  printing sheet is the register's printing columns).

A month of 100,000 stamps is some 2,100 pages. Each page's content stream is
written by hand here (PDF text operators on the embedded font's glyph ids)
and handed to PyMuPDF once, compressed, when the page is full: only one
page of layout is held at a time, and the per-call cost of PyMuPDF's
``insert_text`` (about 1 ms) is paid by nobody. The footers go in last, as a
second small content stream per page, once the page count is known. Read
from the archive (:class:`PdfReport`), the register's pages are laid out as
each station's rows arrive, while the next stations are still being read,
and the cover, findings and totals, known only once the month is whole, are
put before them at the end.

The font is PyMuPDF's Droid Sans Fallback (``china-s``), embedded as a subset,
so every viewer (and ``pdftotext``) reads the Chinese. It is an ordinary PDF
with no signature: the office stamps it with its own seal through the normal
flow. Text from the stations is drawn printable (:func:`sealstation.cells.printable`):
a line break or a direction override in a name cannot draw a row that is not
there.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..cells import printable
from ..errors import OutputError
from ..fsutil import atomic_output
from .summary import REPORT_FINDINGS, MonthlySummary, register

__all__ = ["write_summary_pdf", "PdfReport", "FINDING_NAMES", "TITLE"]

TITLE = "签盖记录和在线打印情况汇总表"
REGISTER_TITLE = "三、签盖记录（本月每一次用印；打印份数记在该申请本月第一次用印的行上）"

FINDING_NAMES = {
    "unreadable": "无法读取的数据段", "certificate": "签章站证书并非办公室签发", "signature": "数据段签名验证失败",
    "chain": "用印记录链断裂", "missing": "记录缺失", "diverged": "历史记录被改写或回滚",
    "checkpoint": "USB Key 检查点不一致", "silent": "签章站未上报", "grace": "超出离线宽限签章",
    "withheld": "内容被隐瞒", "undisclosed": "记录上报时缺少内容", "replayed": "数据段重复归档",
    "misfiled": "数据段归档到其他签章站", "stopped": "因篡改停止签章", "time": "签章站时钟异常",
    "authority": "审批或记录未通过办公室核验", "offline-print": "离线打印", "seal": "印章在无效状态下被使用",
    "print": "打印情况与审批不符", "NOT REGISTERED": "未经任何签章站登记的签章",
}
"""The findings' kinds (``what``) in the report's Chinese (the window's words for them say the same)."""

_FONT = "droid"
_PAGE = (842.0, 595.0)  # A4 landscape, points
_MARGIN = 36.0
_SIZE = 8.0
_LINE = 11.0
_FOOT = 18.0
_COLORS = [(0.8, 0.1, 0.1), (0.1, 0.3, 0.8), (0.1, 0.6, 0.2), (0.7, 0.4, 0.0), (0.5, 0.1, 0.6), (0.0, 0.5, 0.6)]
_RED = (0.6, 0.0, 0.0)
_GREEN = (0.0, 0.4, 0.1)

_REGISTER_COLS = [("日期", 50), ("时间", 38), ("站点", 62), ("印章", 122), ("文件", 136), ("审批人", 44),
                  ("专管人员", 48), ("核准", 26), ("已打印", 30), ("加印", 30), ("补印", 30), ("作废", 26),
                  ("收回", 26), ("申请", 98)]
"""A seal's name of up to 15 characters is whole here (二、合计 names each in full)."""
_PRINT_COLS = [("文件", 210), ("核准", 40), ("已打印", 40), ("加印", 44), ("补印", 44), ("作废", 40), ("收回", 40),
               ("站点", 90), ("申请", 150)]
_STATION_PRINT_COLS = [("站点", 150), ("文件", 50), ("核准", 50), ("已打印", 50), ("加印", 60), ("补印", 60),
                       ("作废", 50), ("收回", 50)]
_CHECK_COLS = [("站点", 150), ("数据段", 60), ("日志至第几条", 80), ("最近报送", 150), ("核验发现", 60)]


class _Glyphs(dict):
    """Character code → the font's glyph id in 4 hex digits, filled as characters come (``str.translate``)."""

    def __init__(self, font) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, code: int) -> str:
        glyph = self[code] = f"{self.font.has_glyph(code):04x}"
        return glyph


class _Advances(dict):
    """Character → its advance in ems, filled as characters come."""

    def __init__(self, font) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, ch: str) -> float:
        advance = self[ch] = self.font.glyph_advance(ord(ch))
        return advance


def _color(rgb) -> str:
    return f"{rgb[0]:g} {rgb[1]:g} {rgb[2]:g}"


class _Writer:
    """Pages of text lines and tables, top to bottom; each page's content built here and stored when it is full."""

    def __init__(self, summary: MonthlySummary | None = None) -> None:
        import pymupdf

        self.doc = pymupdf.open()
        self.font = pymupdf.Font("china-s")
        self.summary = summary
        self.font_xref = 0
        self.advance = _Advances(self.font)
        self.glyphs = _Glyphs(self.font)
        self.cells: dict[tuple[str, float], str] = {}
        """A table cell's text as drawn (printable, fitted, as glyph ids), by text and column width: stations,
        seals, people and dates repeat on most rows."""
        self.pages: list[int] = []
        """Each page's xref, for its footer."""
        self.ops: list[str] | None = None
        self.y = 0.0

    def put_first(self, count: int) -> None:
        """The pages written since the first ``count`` go before them (the front, written once the month is whole)."""
        self.flush()
        order = list(range(count, len(self.pages))) + list(range(count))
        self.doc.select(order)  # the pages keep their objects: their xrefs, for the footers, stay right
        self.pages = [self.pages[i] for i in order]

    # -- pages ------------------------------------------------------------------------------------------

    def new_page(self) -> None:
        self.flush()
        page = self.doc.new_page(width=_PAGE[0], height=_PAGE[1])
        if not self.font_xref:
            self.font_xref = page.insert_font(fontname=_FONT, fontbuffer=self.font.buffer)
        # The one embedded font, shared: inserting it per page costs 5 ms a page and a copy each.
        self.doc.xref_set_key(page.xref, "Resources", f"<</Font<</{_FONT} {self.font_xref} 0 R>>>>")
        self.pages.append(page.xref)
        self.ops = []
        self.y = _MARGIN

    def flush(self) -> None:
        """Store the page being written as its content stream (compressed), and let its layout go."""
        if self.ops is None:
            return
        self._content(self.pages[-1], "\n".join(self.ops))
        self.ops = None

    def _content(self, page_xref: int, text: str, *, append: bool = False) -> None:
        xref = self.doc.get_new_xref()
        self.doc.update_object(xref, "<<>>")
        self.doc.update_stream(xref, text.encode("latin-1"), compress=True)
        if append:
            before = self.doc.xref_get_key(page_xref, "Contents")[1]
            self.doc.xref_set_key(page_xref, "Contents", f"[{before.strip('[]')} {xref} 0 R]")
        else:
            self.doc.xref_set_key(page_xref, "Contents", f"[{xref} 0 R]")

    def footers(self) -> None:
        """第 i 页 共 n 页 on every page, once n is known."""
        self.flush()
        start, last = self.summary.period()
        total = len(self.pages)
        for i, xref in enumerate(self.pages, 1):
            text = f"{TITLE} {self.summary.month}（{start} 至 {last}）    第 {i} 页 共 {total} 页"
            self._content(xref, self._text_op(_MARGIN, _PAGE[1] - _FOOT, text, 7, (0.4, 0.4, 0.4)), append=True)

    def room(self, height: float) -> None:
        if self.ops is None or self.y + height > _PAGE[1] - _MARGIN:
            self.new_page()

    # -- drawing ----------------------------------------------------------------------------------------

    def hex(self, text: str) -> str:
        """``text`` as the font's glyph ids (Identity-H, as PyMuPDF's own text insertion writes it)."""
        return text.translate(self.glyphs)

    def cell(self, value, width: float) -> str:
        """A table cell as drawn: printable, cut to ``width`` with an ellipsis, as glyph ids."""
        text = value if isinstance(value, str) else str(value)
        key = (text, width)
        drawn = self.cells.get(key)
        if drawn is None:
            if len(self.cells) > 20_000:  # the unique ones (documents, requests) would pile up over a month
                self.cells.clear()
            drawn = self.cells[key] = self.hex(self.fit(printable(text), width))
        return drawn

    def _text_op(self, x: float, top: float, text: str, size: float, color=(0, 0, 0)) -> str:
        """Text with its baseline at ``top`` (from the page's top)."""
        return f"BT /{_FONT} {size:g} Tf {_color(color)} rg {x:.2f} {_PAGE[1] - top:.2f} Td <{self.hex(text)}>Tj ET"

    def text(self, x: float, top: float, text: str, size: float = _SIZE, color=(0, 0, 0)) -> None:
        self.ops.append(self._text_op(x, top, text, size, color))

    def column(self, x: float, top: float, lines: list[str], size: float = _SIZE, leading: float = _LINE) -> None:
        """Lines (as glyph ids: :meth:`hex`) one below the other, the first's baseline at ``top``: one text object
        for a table's column."""
        body = ">Tj T* <".join(lines)
        body = f"<{body}>Tj"
        self.ops.append(f"BT /{_FONT} {size:g} Tf 0 0 0 rg {leading:g} TL {x:.2f} {_PAGE[1] - top:.2f} Td {body} ET")

    def rect(self, x0: float, top: float, x1: float, bottom: float, fill) -> None:
        self.ops.append(f"{_color(fill)} rg {x0:.2f} {_PAGE[1] - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f")

    def polyline(self, points, color, width: float) -> None:
        path = " ".join(f"{x:.2f} {_PAGE[1] - y:.2f} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points))
        self.ops.append(f"{_color(color)} RG {width:g} w {path} S")

    def line(self, text: str, size: float = _SIZE, color=(0, 0, 0), gap: float | None = None) -> None:
        height = gap or size * 1.4
        self.room(height)
        self.y += height
        self.text(_MARGIN, self.y - size * 0.3, self.fit(text, _PAGE[0] - 2 * _MARGIN, size), size, color)

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
        return sum(map(self.advance.__getitem__, text)) * size

    # -- tables -----------------------------------------------------------------------------------------

    def table(self, title: str, cols, rows) -> None:
        """Rows drawn column by column (one text object per column per page), the header on each page."""
        table = _Table(self, title, cols)
        table.add(rows)
        table.close()

    def _rows_left(self, per_page: int) -> int:
        if self.ops is None:
            return per_page
        left = int((_PAGE[1] - _MARGIN - self.y - _LINE) // _LINE)
        return left if left >= 3 else per_page

    def _draw_rows(self, cols, batch) -> None:
        self.room(_LINE * (len(batch) + 1))
        top = self.y
        right = _MARGIN + sum(width for _, width in cols)
        self.rect(_MARGIN, top, right, top + _LINE, (0.9, 0.9, 0.9))
        x = _MARGIN
        for i, (name, width) in enumerate(cols):
            self.column(x + 2, top + _LINE - 3, [self.hex(name)] + [self.cell(row[i], width - 4) for row in batch])
            x += width
        self.y = top + _LINE * (len(batch) + 1)

    def chart(self) -> None:
        days, table = self.summary.uses_per_seal_per_day()
        height, width = 200.0, _PAGE[0] - 2 * _MARGIN - 150
        self.room(24 + height + 30)  # the title stays with its chart
        self.line("每日用印次数（按印章）", 12, gap=24)
        left, top = _MARGIN + 30, self.y + 8
        bottom = top + height
        peak = max((max(v) for v in table.values()), default=0) or 1
        self.polyline([(left, top), (left, bottom), (left + width, bottom)], (0, 0, 0), 0.6)
        step = width / max(1, len(days) - 1)
        for tick in (0, peak // 2, peak):
            self.text(_MARGIN, bottom - height * tick / peak + 3, str(tick), 7)
        for i, day in enumerate(days):
            if i % 5 == 0 or i == len(days) - 1:
                self.text(left + i * step - 8, bottom + 10, day[5:], 7)
        for n, (seal, counts) in enumerate(table.items()):
            color = _COLORS[n % len(_COLORS)]
            if len(counts) > 1:
                self.polyline([(left + i * step, bottom - height * c / peak) for i, c in enumerate(counts)], color, 1.2)
            ly = top + 12 * n
            if ly < bottom:
                self.polyline([(left + width + 10, ly), (left + width + 26, ly)], color, 2)
                self.text(left + width + 30, ly + 3, self.fit(printable(self.summary.seal_name(seal)), 110, 7), 7)
        self.y = bottom + 16


class _Table:
    """A table drawn as its rows come (:meth:`_Writer.table`, or the register as each station is read)."""

    def __init__(self, w: _Writer, title: str, cols) -> None:
        w.line(title, 12, gap=24)
        self.w, self.cols = w, cols
        self.batch: list = []
        self.shown = 0
        self.per_page = int((_PAGE[1] - 2 * _MARGIN - _LINE) // _LINE)

    def add(self, rows) -> None:
        for row in rows:
            self.batch.append(row)
            self.shown += 1
            if len(self.batch) >= self.w._rows_left(self.per_page):
                self.w._draw_rows(self.cols, self.batch)
                self.batch = []

    def close(self) -> None:
        if self.batch or not self.shown:
            self.w._draw_rows(self.cols, self.batch or [("无",) + ("",) * (len(self.cols) - 1)])
        self.batch = []


def _n(value) -> str:
    return "" if value is None else str(value)


def _cover(w: _Writer, s: MonthlySummary) -> None:
    start, last = s.period()
    w.line(f"{TITLE}（{s.month}）", 16, gap=30)
    w.line(f"报表期间：{start} 至 {last}（北京时间 UTC+8）", 10, gap=18)
    w.paragraph(f"涵盖站点（{len(s.stations)} 个）：{'、'.join(printable(x) for x in s.stations) or '无'}", 10)
    archive = [(station, what) for station, what, _ in s.findings if what not in REPORT_FINDINGS]
    segments = sum(c.segments for c in s.checks)
    if not archive:
        w.paragraph(f"档案核验结果：通过。{len(s.checks)} 个站点的 {segments} 个数据段均已按办公室证书核验，"
                    "记录链完整，无异常。", 10, _GREEN)
    else:
        kinds = Counter(what for _, what in archive)
        named = "；".join(f"{FINDING_NAMES.get(k, k)} {n} 项" for k, n in kinds.items())
        w.paragraph(f"档案核验结果：未通过。{len(s.checks)} 个站点的 {segments} 个数据段按办公室证书核验，"
                    f"{len({st for st, _ in archive})} 个站点有异常：{named}（详见“一、发现”）。", 10, _RED)
    read = s.read_at.replace("T", " ")[:16] + " UTC" if s.read_at else "—"
    copies = sum(p.printed + p.extra + p.replacement for p in s.prints)
    w.line(f"档案读取时间：{read}。用印 {len(s.stamps)} 次；打印文件 {len(s.prints)} 份，{copies} 张；"
           f"发现 {len(s.findings)} 项。", 10, gap=18)
    w.table("各站点核验情况", _CHECK_COLS,
            ((c.station, c.segments, c.through, (c.last_report or "—").replace("T", " ")[:19], c.findings)
             for c in s.checks))


def _findings(w: _Writer, s: MonthlySummary) -> None:
    w.line("一、发现（需办公室核查）", 12, gap=24)
    for station, what, detail in s.findings or [("", "", "无")]:
        if what:
            w.paragraph(printable(f"· [{station or '-'}] {FINDING_NAMES.get(what, what)}（{what}）：{detail}"), _SIZE,
                        _RED)
        else:
            w.paragraph("· 无")


def _totals(w: _Writer, s: MonthlySummary) -> None:
    w.line("二、合计", 12, gap=24)
    names = {"seal": "按印章", "custodian": "按专管人员", "station": "按站点", "day": "按日"}
    for key, rows in s.labelled_totals().items():
        w.table(f"{names[key]}（用印次数）", [(names[key][1:], 300), ("次数", 60)], rows)
    w.chart()


def _register_rows(stamps, prints, names: dict[str, str]):
    for stamp, p, first in register(stamps, prints):
        if p is None:
            printing = ("0", "", "", "", "")
        elif not first:
            printing = ("同上", "", "", "", "")
        else:
            printing = (p.printed, f"{p.extra}/{p.extra_approved}" if p.extra or p.extra_approved else "",
                        f"{p.replacement}/{p.replacement_approved}" if p.replacement or p.replacement_approved else "",
                        p.voided, p.recalled)
        seal = stamp.seal_name or names.get(stamp.seal) or stamp.seal
        yield (stamp.date, stamp.time, stamp.station, seal, stamp.document, stamp.approver, stamp.custodian,
               _n(stamp.copies_approved), *printing, stamp.request)


def _printing(w: _Writer, s: MonthlySummary) -> None:
    w.line("四、在线打印情况（加印、补印：已打印/核准）", 12, gap=24)
    per_station: dict[str, list[int]] = {}
    for p in s.prints:
        t = per_station.setdefault(p.station, [0] * 9)
        for i, v in enumerate((1, p.copies_approved or 0, p.printed, p.extra, p.extra_approved, p.replacement,
                               p.replacement_approved, p.voided, p.recalled)):
            t[i] += v
    w.table("按站点", _STATION_PRINT_COLS,
            ((st, t[0], t[1], t[2], f"{t[3]}/{t[4]}", f"{t[5]}/{t[6]}", t[7], t[8]) for st, t in
             sorted(per_station.items())))
    w.table("本月打印、此前月份用印的文件", _PRINT_COLS,
            ((p.document, _n(p.copies_approved), p.printed, f"{p.extra}/{p.extra_approved}",
              f"{p.replacement}/{p.replacement_approved}", p.voided, p.recalled, p.station, p.request)
             for p in s.prints_without_stamp()))


class PdfReport:
    """The report written as the month is read (:func:`.report.build_report`): the register's pages as each
    station's rows come, while the next stations are still being read; the printing section, then the cover,
    findings and totals once the month is whole, put before the register. Use it as a context manager."""

    def __init__(self, out: Path, *, overwrite: bool = False) -> None:
        self.out, self.overwrite = Path(out), overwrite
        self.w = _Writer()
        self.w.new_page()
        self.register = _Table(self.w, REGISTER_TITLE, _REGISTER_COLS)

    def __enter__(self) -> "PdfReport":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if not self.w.doc.is_closed:
            self.w.doc.close()

    def rows(self, stamps, prints, names: dict[str, str] | None = None) -> None:
        """Stamps and printing rows, a station's at a time (or all at once): their register rows are drawn now.
        ``names``: seal names for rows that name none (the summary's rows carry theirs)."""
        self.register.add(_register_rows(stamps, prints, names or {}))

    def finish(self, summary: MonthlySummary) -> None:
        """Write the rest and store the report atomically."""
        w = self.w
        w.summary = summary
        self.register.close()
        _printing(w, summary)
        w.flush()
        register_and_printing = len(w.pages)
        _cover(w, summary)
        _findings(w, summary)
        _totals(w, summary)
        w.put_first(register_and_printing)
        w.footers()
        w.doc.set_metadata({"title": f"{TITLE} {summary.month}", "creator": "SealStation"})
        w.doc.subset_fonts()
        # garbage=1 drops unused objects only: the report shares its font and writes nothing twice, so the
        # search for duplicate objects (garbage=3) saved no byte and took 1.5 s of a 2,200-page month.
        data = w.doc.tobytes(garbage=1, deflate=True)
        w.doc.close()
        try:
            with atomic_output(self.out, overwrite=self.overwrite) as raw:
                raw.write(data)
        except OSError as exc:
            raise OutputError(f"The report {self.out} cannot be written: {exc}.") from exc


def write_summary_pdf(summary: MonthlySummary, out: Path, *, overwrite: bool = False) -> None:
    """The report of a month already read, every row of it, written atomically."""
    with PdfReport(out, overwrite=overwrite) as report:
        report.rows(summary.stamps, summary.prints, summary.seal_names)
        report.finish(summary)
