"""Printing helpers: a stamped document with approved copies, QR codes read back from rendered pages."""

from __future__ import annotations

from pathlib import Path

from .pdfs import make_text_pdf
from .station_fixtures import password, stamp_approved


def stamped_document(station, pin: str, folder: Path, *, pages: int = 2, name: str = "notice") -> Path:
    """A document approved for 2 copies of the official seal and stamped; the stamped file."""
    src = make_text_pdf(folder / f"{name}.pdf", pages)
    out = folder / f"{name}-stamped.pdf"
    stamp_approved(station, pin, src, out, seal="official", page=pages, at=(150.0, 200.0))
    return out


CUSTODIAN = password("custodian") + "\n"
"""The custodian's password as --stdin-secrets reads it."""


def stamped_in(home: Path, seal_token, pin: str, folder: Path, pages: int = 2) -> Path:
    """A stamped document (2 approved copies) made in the station ``home`` that CLI processes will open."""
    from sealstation.station import Station

    with Station.open(home, token=seal_token.session) as station:
        return stamped_document(station, pin, folder, pages=pages)


def print_to_pdf(station, stamped: Path, out: Path, copies: int, *, user: str = "custodian", request_id=None,
                 sink=None):
    from ui.qt_printing import QtPrinterBackend

    plan = station.printing().plan(stamped, copies=copies, request_id=request_id)
    sink = sink or QtPrinterBackend().open_pdf(out)
    return station.printing().print(plan, user=user, password=password(user), sink=sink)


def read_qr_codes(pdf: Path, dpi: int = 200) -> list[str]:
    """The QR code text found on each page of ``pdf`` (rendered by PyMuPDF, read by zxing-cpp)."""
    import pymupdf
    import zxingcpp
    from PIL import Image

    found = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, alpha=False)
            img = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
            codes = [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]
            found.append(codes[0] if codes else "")
    return found


def ui_cli_command(*args: str, home: Path) -> list[str]:
    """The installed ``sealstation`` command (the CLI with Qt's print system plugged in)."""
    import sys

    return [sys.executable, "-m", "ui", *args, "--home", str(home)]


def run_ui_cli(*args: str, home: Path, stdin: str = ""):
    import subprocess

    from .cli import _env

    return subprocess.run(ui_cli_command(*args, home=home), input=stdin, capture_output=True, text=True,
                          env=_env(None), timeout=300)


def start_ui_cli(*args: str, home: Path):
    import subprocess

    from .cli import _env

    return subprocess.Popen(ui_cli_command(*args, home=home), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(None))


def unnamed_file_size(folder: Path) -> int:
    """The size of the largest unnamed (``O_TMPFILE``) file some process of ours is writing in ``folder``; 0: none.

    Found through /proc/PID/fd, whose links name such a file ``FOLDER/#INODE (deleted)``."""
    import glob
    import os

    prefix, sizes = f"{Path(folder).resolve()}/#", [0]
    for link in glob.glob("/proc/[0-9]*/fd/*"):
        try:
            if os.readlink(link).startswith(prefix):
                sizes.append(os.stat(link).st_size)
        except OSError:
            continue
    return max(sizes)


def print_and_kill_9_when(ready, *args: str, home: Path, what: str, timeout_s: float = 120.0):
    """Start ``sealstation print ARGS`` as the custodian and kill -9 it once ``ready()`` gives something true;
    that value. ``what`` names the moment awaited, for the failure message."""
    import os
    import signal
    import time

    proc = start_ui_cli("print", *args, "--user", "custodian", "--stdin-secrets", home=home)
    try:
        proc.stdin.write(CUSTODIAN)
        proc.stdin.flush()
        deadline = time.monotonic() + timeout_s
        while not (found := ready()):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, f"the print never reached: {what}"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            pipe.close()
    return found
