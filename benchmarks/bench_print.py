"""Printing speed and memory: preparing a copy for the printer against PyMuPDF rendering alone.

Run:  .venv/bin/python benchmarks/bench_print.py [--dpi 300] [--repeat 3]

Target (issue 9): preparing one copy of a 100-page document for the printer
(each page rendered at the printer's resolution, free space found, the copy's
marks and QR code drawn in) takes at most 2x the time PyMuPDF takes to render
the same pages at the same resolution, measured in the same run. Memory stays
bounded (one page at a time): peak RSS for 100 and 1,000 pages, each in a
fresh process, of preparing a copy, of preparing and painting it through
QPrinter into a PDF file (the whole ``--to-pdf`` path), and of PyMuPDF
rendering alone.

The document is a text PDF with a red seal-sized disc drawn on every tenth
page (the preparation does not depend on how the pages were signed: the
signatures are checked once per print, not per page).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 2.0
KINDS = ("prepare", "print_to_pdf", "render_only")


def make_document(path: Path, pages: int) -> Path:
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        for line in range(40):
            page.insert_text((72, 72 + line * 16), f"Page {i + 1}, line {line + 1}: the quick brown fox jumps over "
                             "the lazy dog.", fontsize=10)
        if i % 10 == 9:
            page.draw_circle((430, 600), 60, color=(0.8, 0, 0), fill=(0.8, 0, 0))
    doc.save(path, deflate=True)
    return path


def marks():
    from sealstation.printing.marks import CopyMarks

    qr = "SSCOPY1;st=bench-station;sn=C000001;c=1/2;d=2026-01-01;h=" + "a" * 64 + ";k=" + "b" * 16 + ";sig=" + "c" * 96
    return CopyMarks("bench-station", "C000001", 1, 2, "2026-01-01", qr)


def prepare(path: Path, dpi: float) -> int:
    from sealstation.printing.marks import MarksConfig, render_copy_pages

    n = 0
    for page in render_copy_pages(path, marks(), MarksConfig(dpi=dpi)):
        n += page.samples[0] is not None  # the page is handed on as the printer sink would take it
    return n


def print_to_pdf(path: Path, dpi: float) -> int:
    """The whole print path of one copy: pages prepared and painted by QPrinter into a PDF file (as ``--to-pdf``)."""
    from sealstation.printing.marks import MarksConfig, render_copy_pages
    from sealstation.printing.sink import CopyJob
    from ui.qt_printing import QtPrinterBackend

    m = marks()
    with tempfile.TemporaryDirectory() as tmp:
        sink = QtPrinterBackend().open_pdf(Path(tmp) / "copy.pdf")
        job = CopyJob(m.serial, m.serial, 1, 2, 0, lambda: render_copy_pages(path, m, MarksConfig(dpi=dpi)), True,
                      on_handover=lambda: None)
        outcome = sink.print_copy(job)
        assert outcome.accepted and sink.close().accepted, outcome
        return sink.painting.pages


def render_only(path: Path, dpi: float) -> int:
    import pymupdf

    n = 0
    with pymupdf.open(path) as doc:
        for page in doc:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(dpi / 72, dpi / 72), alpha=False, annots=True)
            n += pix.samples_mv[0] is not None
    return n


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def own_peak_rss_kb() -> int:
    """This process's peak RSS since it started (exec'd), in kB.

    Not ``getrusage().ru_maxrss``: on Linux that survives fork and exec, so a
    child started by this (large) benchmark would report the parent's peak.
    ``VmHWM`` belongs to the process's own address space.
    """
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss_mb(kind: str, path: Path, dpi: float) -> float:
    """Peak RSS of a fresh process doing ``kind`` over every page of ``path``."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'benchmarks')!r});"
            f"import bench_print as b; from pathlib import Path; n = b.{kind}(Path({str(path)!r}), {dpi});"
            "print(n, b.own_peak_rss_kb())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}).stdout
    pages, kb = out.split()[-2:]
    assert int(pages) == count_pages(path), out
    return int(kb) / 1024


def count_pages(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return doc.page_count


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dpi", type=float, default=300.0, help="the printer's resolution")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc100 = make_document(Path(tmp) / "100.pdf", 100)
        doc1000 = make_document(Path(tmp) / "1000.pdf", 1000)
        prepare(doc100, args.dpi)  # warm imports and fonts
        ours, base = [], []
        for _ in range(args.repeat):  # alternated, so machine drift hits both alike
            ours.append(timed(lambda: prepare(doc100, args.dpi)))
            base.append(timed(lambda: render_only(doc100, args.dpi)))
        t_ours, t_base = statistics.median(ours), statistics.median(base)
        t_whole = timed(lambda: print_to_pdf(doc100, args.dpi))
        ratio = t_ours / t_base
        rss = {(kind, n): peak_rss_mb(kind, doc, args.dpi)
               for n, doc in ((100, doc100), (1000, doc1000)) for kind in KINDS}
    print(f"prepare one copy of 100 pages at {args.dpi:g} dpi: {t_ours:.2f} s; PyMuPDF rendering alone: {t_base:.2f} s")
    print(f"  ratio {ratio:.2f} (target <= {TARGET:g}): {'MET' if ratio <= TARGET else 'MISSED'}")
    print(f"  for information, no target: the same copy painted through QPrinter into a PDF file (Qt compressing "
          f"each page image, as it does for a printer): {t_whole:.1f} s")
    for n in (100, 1000):
        print(f"peak RSS, {n} pages: preparing {rss[('prepare', n)]:.0f} MB; preparing and painting into "
              f"QPrinter's PDF {rss[('print_to_pdf', n)]:.0f} MB; PyMuPDF rendering alone "
              f"{rss[('render_only', n)]:.0f} MB")
    grows = max(rss[(kind, 1000)] - rss[(kind, 100)] for kind in ("prepare", "print_to_pdf"))
    print(f"  memory bounded (1,000 pages within 50 MB of 100 pages): {'MET' if grows <= 50 else 'MISSED'} "
          f"({grows:+.0f} MB)")
    print(json.dumps({"seconds": t_ours, "baseline_seconds": t_base, "whole_pdf_path_seconds": t_whole,
                      "ratio": ratio, "target": TARGET,
                      "peak_rss_mb": {f"{k}-{n}": v for (k, n), v in rss.items()}}))
    return 0 if ratio <= TARGET and grows <= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
