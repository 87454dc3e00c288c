"""Finding a keyword in a 1,000-page document: SealStation's search against PyMuPDF's own.

Run:  .venv/bin/python benchmarks/bench_keyword.py [--pages 1000] [--rounds 5]

Target (issue 19): finding a keyword in a 1,000-page document costs at most
1.2x PyMuPDF's own text search over the same pages.

The document is a CJK contract as offices send them (font embedded, a
subset): every page has a paragraph of text; 甲方（盖章） appears on the last
page and on every 100th. Both sides start from the file's bytes in memory
(planning has read them already) and search every page:

* floor: ``pymupdf.open(stream=data)`` then ``page.search_for(keyword)`` on each page;
* SealStation: :func:`sealstation.pdf.anchors.find_text` (the same search,
  plus the page geometry of each page with a match, converted to the
  placement convention), and :func:`sealstation.pdf.placing.resolve_places`
  as planning calls it (``--anchor-text 甲方（盖章） --anchor-match all``).

The two sides run interleaved, ``--rounds`` times each; the machine is shared, so the verdict is on the best
run of each side (the least disturbed), with the medians printed beside.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf  # noqa: E402

from sealstation.pdf.anchors import Anchor, find_text  # noqa: E402
from sealstation.pdf.document import read_source_pdf  # noqa: E402
from sealstation.pdf.placing import PlacementRule, resolve_places  # noqa: E402

KEYWORD = "甲方（盖章）"
TARGET = 1.2
PARAGRAPH = ("第{n}条 甲乙双方本着平等互利的原则，经友好协商，就办公设备采购事宜达成如下协议，"
             "双方应共同遵守。本合同未尽事宜，由双方另行协商解决。")


def make_document(path: Path, pages: int) -> Path:
    font = pymupdf.Font("china-s").buffer
    doc = pymupdf.open()
    for n in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="cjk", fontbuffer=font)
        y = 90
        for line in range(12):
            page.insert_text((60, y), PARAGRAPH.format(n=n * 12 + line)[:38], fontname="cjk", fontsize=11)
            y += 22
        if n % 100 == 0 or n == pages:
            page.insert_text((100, 620), "甲方（盖章）：          乙方（盖章）：", fontname="cjk", fontsize=12)
    doc.subset_fonts()
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def floor(data: bytes, keyword: str) -> int:
    doc = pymupdf.open(stream=data, filetype="pdf")
    found = 0
    for index in range(doc.page_count):  # as find_text walks the pages, so only the search itself is compared
        found += len(doc.load_page(index).search_for(keyword))
    doc.close()
    return found


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_document(Path(tmp) / "contract.pdf", args.pages)
        source = read_source_pdf(path)
        rule = PlacementRule(anchor=Anchor(KEYWORD, match="all"))
        floor(source.data, KEYWORD), find_text(source, KEYWORD)  # warm: fonts, caches, imports
        floors, ours, planned = [], [], []
        for _ in range(args.rounds):
            t, n_floor = timed(lambda: floor(source.data, KEYWORD))
            floors.append(t)
            t, matches = timed(lambda: find_text(source, KEYWORD))
            ours.append(t)
            t, places = timed(lambda: resolve_places(source, rule))
            planned.append(t)
        assert len(matches) == n_floor == len(places.placements), (len(matches), n_floor, len(places.placements))
    f, o, p = (min(x) for x in (floors, ours, planned))
    fm, om, pm = (statistics.median(x) for x in (floors, ours, planned))
    print(f"document: {args.pages} pages, {len(source.data)} bytes; keyword {KEYWORD} found {len(matches)} times")
    print(f"best of {args.rounds} (median in brackets)")
    print(f"PyMuPDF's own search (floor):      {f * 1000:8.1f} ms ({fm * 1000:.1f})")
    print(f"find_text (placement convention):  {o * 1000:8.1f} ms ({om * 1000:.1f})   {o / f:.2f}x the floor "
          f"({om / fm:.2f}x)")
    print(f"resolve_places (as planning does): {p * 1000:8.1f} ms ({pm * 1000:.1f})   {p / f:.2f}x the floor "
          f"({pm / fm:.2f}x)")
    ok = o / f <= TARGET
    print(f"target: at most {TARGET}x the floor -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
