"""Cross-page seal (骑缝章) speed, against a single stamp of the same file measured in the same run.

Run:  .venv/bin/python benchmarks/bench_cross_page.py [--repeat N] [--pages N]

Target (issue 19): a cross-page seal over 100 pages (plan, strips drawn in the
signed revision, sign on the SoftHSM2 token, write, verify) costs at most 1.5x
a single stamp of the same file (the same steps, without the strips). Both
sides run alternately so that machine drift hits both alike.

Why it is cheap: the seal image is decoded and compressed once (cached) and
embedded once; each page gets a small form XObject (clip + matrix) naming it,
and its page dictionary is rewritten with the revision; nothing is rasterised.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET = 1.5


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--pages", type=int, default=100)
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)
    from bench_stamp import paired_medians
    from sealstation.demo import build_demo_station
    from sealstation.model import Placement
    from sealstation.pdf.cross_page import CrossPageSpec
    from sealstation.station import StampRequestSpec, Station
    from support.pdfs import make_text_pdf

    tmp = Path(tempfile.mkdtemp(prefix="sealstation-bench-cross-"))
    info = build_demo_station(tmp / "home")
    creds = json.loads(info.credentials_path.read_text(encoding="utf-8"))
    pin = creds["token_pin"]
    station = Station.open(info.home, journal_passphrase=creds.get("journal_passphrase"))
    src = make_text_pdf(tmp / f"text-{args.pages}.pdf", args.pages)

    def stamp(out: Path, cross_page: CrossPageSpec | None):
        plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (150.0, 240.0)), out,
                                                              "benchmark", overwrite=True, cross_page=cross_page))
        station.stamping()._sign(plan, out, pin)
        return plan

    plan = stamp(tmp / "cross.pdf", CrossPageSpec("right", 148.0))
    t_cross, t_single = paired_medians(lambda: stamp(tmp / "cross.pdf", CrossPageSpec("right", 148.0)),
                                       lambda: stamp(tmp / "single.pdf", None), args.repeat)
    ratio = t_cross / t_single
    groups = len(plan.cross_page.groups)
    print(f"cross-page seal over {args.pages} pages ({groups} groups): {t_cross * 1000:.1f} ms; "
          f"single stamp of the same file: {t_single * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (target <= {TARGET}) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    station.close()
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
