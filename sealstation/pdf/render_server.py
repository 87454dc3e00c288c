"""Preview rendering in a process of its own: the window's PyMuPDF never holds the window's GIL.

PyMuPDF keeps Python's GIL while MuPDF draws (20–50 ms for a page at 200 %), so a
render thread in the window's process freezes the window for as long: a seal being
dragged would stutter whenever a page is drawn. The window therefore talks to a
child process that owns the one :class:`~sealstation.pdf.preview.PreviewDocument`;
waiting for its answer on a pipe releases the GIL.

:class:`RenderProcess` is the client (one caller thread at a time, the UI's render
thread); ``python -m sealstation.pdf.render_server`` is the server. Messages are
length-prefixed pickles over the server's standard input and output (the server
moves its stdout aside first, so MuPDF's own chatter goes to stderr); the pixels of a page (10 MB at 200 %) go through a shared
memory file instead, written once by MuPDF's side and copied once by the window.
Errors come back as the core's error types with their facts.
"""

from __future__ import annotations

import mmap
import os
import pickle
import tempfile
import struct
import subprocess
import sys
from pathlib import Path

from ..errors import DamagedPdfError, SealStationError
from .geometry import PageFrame
from .preview import PagePreview, PreviewDocument, TextBox

__all__ = ["RenderProcess", "main", "server_command"]

_HEADER = struct.Struct("<Q")
_PIPE_BYTES = 1 << 20  # a page at 200 % is ~10 MB: fewer, larger writes


def _widen(fd: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(fd, 1031, _PIPE_BYTES)  # F_SETPIPE_SZ (Linux); elsewhere the default size just costs a little time
    except (ImportError, OSError):
        pass


def _send(fd: int, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data) if len(data) < 65536 else None
    if view is None:
        _write_all(fd, memoryview(_HEADER.pack(len(data))))
        view = memoryview(data)
    _write_all(fd, view)


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        view = view[os.write(fd, view):]


def _receive(source):
    size = _HEADER.unpack(_read_exact(source, _HEADER.size))[0]
    return pickle.loads(_read_exact(source, size))


def _read_exact(source, size: int) -> bytearray:
    """``size`` bytes from an unbuffered binary file (the read waits with the GIL released)."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = source.readinto(view[got:])
        if not n:
            raise EOFError("the render process has gone")
        got += n
    return buffer


def server_command() -> list[str]:
    """How to start the server: this interpreter with ``-m``; a frozen build runs itself with ``--render-server``.

    A frozen (PyInstaller) executable cannot take ``-m``: its entry point must call
    :func:`main` when its first argument is ``--render-server``.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable, "--render-server"]
    return [sys.executable, "-m", "sealstation.pdf.render_server"]


class RenderProcess:
    """The client: starts the server process and calls it. Not thread-safe: one caller thread."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen(server_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self._out, self._in = self._proc.stdin.fileno(), self._proc.stdout
        for fd in (self._out, self._in.fileno()):
            _widen(fd)
        self._shm_fd, self._shm_path = _shared_file()
        self._shm: mmap.mmap | None = None
        self._path: Path | None = None

    @property
    def alive(self) -> bool:
        """False once the server has gone (e.g. MuPDF crashed on a hostile file): start another."""
        return self._proc.poll() is None

    @property
    def pid(self) -> int:
        return self._proc.pid

    def _call(self, op: str, *args):
        try:
            _send(self._out, (op, args))
            status, value = _receive(self._in)
        except (OSError, EOFError) as exc:
            file = self._path.name if self._path else ""
            raise DamagedPdfError(f"The preview renderer stopped: {exc}.", hint="Close and open the document again.",
                                  file=file, path=str(self._path or ""), reason=str(exc)) from exc
        if status == "ok":
            return value
        raise value  # a SealStationError, pickled with its code and facts

    def ready(self) -> bool:
        """Wait until the server has started (its imports done) and holds the shared pixel memory."""
        ok = self._call("share", self._shm_path) == "pong"
        try:
            os.unlink(self._shm_path)  # both sides have it open: nothing is left behind if either dies
        except OSError:  # Windows: an open file stays; removed at stop()
            pass
        return ok

    def open(self, path: Path) -> tuple[PageFrame, ...]:
        self._path = Path(path)
        return self._call("open", str(path))

    def render(self, page: int, px_per_mm: float) -> PagePreview:
        """The rendered page; its ``samples`` are a view of the shared memory, valid until the next call: copy them."""
        page, dpi, width, height, size_mm = self._call("render", page, px_per_mm)
        nbytes = width * height * 3
        if self._shm is None or len(self._shm) < nbytes:
            if self._shm is not None:
                self._shm.close()
            self._shm = mmap.mmap(self._shm_fd, os.fstat(self._shm_fd).st_size)
        return PagePreview(page, dpi, width, height, memoryview(self._shm)[:nbytes], size_mm)

    def text_boxes(self, page: int) -> tuple[TextBox, ...]:
        return self._call("text_boxes", page)

    def close_document(self) -> None:
        self._call("close")

    def stop(self) -> None:
        try:
            _send(self._out, ("stop", ()))
        except OSError:
            pass
        if self._shm is not None:
            try:
                self._shm.close()
            except BufferError:  # a view of it is still alive somewhere: the mapping goes with the process
                pass
        for close in (self._proc.stdin.close, self._proc.stdout.close, lambda: os.close(self._shm_fd)):
            try:
                close()
            except OSError:
                pass
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if os.path.exists(self._shm_path):
            try:
                os.unlink(self._shm_path)
            except OSError:
                pass


def _shared_file() -> tuple[int, str]:
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    fd, path = tempfile.mkstemp(prefix="sealstation-preview-", dir=folder)
    return fd, path


class _Pixels:
    """The server's side of the shared pixel memory; grown as pages need."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDWR)
        self.map: mmap.mmap | None = None

    def put(self, samples) -> None:
        n = len(samples)
        if self.map is None or len(self.map) < n:
            if self.map is not None:
                self.map.close()
            os.ftruncate(self.fd, n + n // 4)
            self.map = mmap.mmap(self.fd, n + n // 4)
        self.map[:n] = samples


def _serve(source, fd_out: int) -> None:
    doc: PreviewDocument | None = None
    pixels: _Pixels | None = None
    while True:
        try:
            op, args = _receive(source)
        except EOFError:
            break
        if op == "stop":
            break
        try:
            if op == "share":
                pixels = _Pixels(args[0])
                value = "pong"
            elif op == "open":
                if doc is not None:
                    doc.close()
                    doc = None
                doc = PreviewDocument.open(Path(args[0]))
                value = doc.frames
            elif op == "close":
                if doc is not None:
                    doc.close()
                doc, value = None, None
            elif doc is None:
                raise DamagedPdfError("No document is open for preview.", file="", path="", reason="not open")
            elif op == "render":
                page, px_per_mm = args
                pix, size_mm = doc.pixmap(page, px_per_mm)
                pixels.put(pix.samples_mv)
                value = (page, px_per_mm * 25.4, pix.width, pix.height, size_mm)
            elif op == "text_boxes":
                value = doc.text_boxes(*args)
            else:
                raise ValueError(f"unknown request {op!r}")
            reply = ("ok", value)
        except SealStationError as exc:
            reply = ("error", exc)
        except Exception as exc:  # noqa: BLE001 - anything else MuPDF raises, told in words
            path = doc.path if doc is not None else Path("")
            reply = ("error", DamagedPdfError(f"The page cannot be shown: {exc}.", file=path.name, path=str(path),
                                              reason=str(exc)))
        _send(fd_out, reply)
    if doc is not None:
        doc.close()


def main() -> None:
    from ..process import quiet_third_party_warnings

    quiet_third_party_warnings()  # an entry point like the others (docs/architecture.md, rule 8)
    replies = os.dup(1)
    os.dup2(2, 1)  # whatever else writes to stdout (MuPDF's warnings) goes to stderr, not into a reply
    from .preview import load_engine

    load_engine()
    _serve(os.fdopen(0, "rb", buffering=0), replies)


if __name__ == "__main__":
    main()
