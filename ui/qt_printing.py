"""Qt's print system as the core's print port: QPrinter + QPainter, one copy = one job, one page at a time.

The core (:mod:`sealstation.printing.sink`) prepares each page of a copy with
its marks; this module paints it onto a QPrinter: a platform printer (CUPS on
Linux, the Windows spooler) or QPrinter's PDF output for ``--to-pdf``. Both go
through the same painting code, so the PDF shows exactly what a printer gets.

"Accepted by the print system": QPrinter reports no job id and no refusal.
Where CUPS is there, :mod:`sealstation.printing.cups_jobs` checks the queue
before the job and finds the job by its title after it (job id, state; a job
in a stopped queue is cancelled and reported failed). Elsewhere a job counts
as accepted when Qt's print engine finished handing it over.
"""

from __future__ import annotations

import errno
import os
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from sealstation.errors import OutputError
from sealstation.fsutil import fsync_dir, publish
from sealstation.printing import cups_jobs
from sealstation.printing.sink import JobStatus, CopyJob, JobOutcome, PrinterInfo

__all__ = ["QtPrinterBackend", "ensure_gui_application", "outcome_words"]

# What a job's outcome says, in the window's language. The outcome's own ``reason`` stays English: the journal
# keeps it. A reason the print system wrote (CUPS' queue state) is shown as it came, inside the sentence.
_OUTCOME_WORDS = {
    "cancelled_by_custodian": QT_TRANSLATE_NOOP("QtPrinting", "cancelled by the custodian"),
    "job_not_opened": QT_TRANSLATE_NOOP("QtPrinting", "the print system did not open the job (the printer is missing "
                                                      "or refused it)"),
    "new_page_refused": QT_TRANSLATE_NOOP("QtPrinting", "the print system refused a new page"),
    "no_such_printer": QT_TRANSLATE_NOOP("QtPrinting", "there is no printer named {printer}"),
    "job_not_taken": QT_TRANSLATE_NOOP("QtPrinting", "the print system did not take the job"),
    "handed_to_spooler": QT_TRANSLATE_NOOP("QtPrinting", "handed to the system's print queue (it gives no job "
                                                         "number)"),
    "pdf_cancelled": QT_TRANSLATE_NOOP("QtPrinting", "cancelled by the custodian: the PDF file was not written"),
    "pdf_not_written": QT_TRANSLATE_NOOP("QtPrinting", "the PDF file {file} could not be written"),
    "pdf_not_linked": QT_TRANSLATE_NOOP("QtPrinting", "{path} could not be written: {reason}"),
    "queue_not_ready": QT_TRANSLATE_NOOP("QtPrinting", "{reason}: the job was not sent"),
    "queue_stopped": QT_TRANSLATE_NOOP("QtPrinting", "{reason}; the job was cancelled so that it cannot print later "
                                                     "uncounted"),
    "job_not_found": QT_TRANSLATE_NOOP("QtPrinting", "the print system has no job for this copy: it did not accept "
                                                     "it"),
    "job_cancelled_in_print_system": QT_TRANSLATE_NOOP("QtPrinting", "the job was cancelled in the print system"),
    "job_aborted": QT_TRANSLATE_NOOP("QtPrinting", "the print system aborted the job ({reason})"),
    "job_queued": QT_TRANSLATE_NOOP("QtPrinting", "still printing or queued in an enabled queue"),
}


def outcome_words(outcome: JobOutcome) -> str:
    """A job outcome's reason in the window's language ('' when it has none)."""
    text = _OUTCOME_WORDS.get(outcome.code or "")
    if text is None:
        return outcome.reason or ""
    try:
        return QCoreApplication.translate("QtPrinting", text).format(**dict(outcome.facts))
    except (KeyError, IndexError):  # a fact missing: the English reason rather than a broken sentence
        return outcome.reason or ""


def _outcome(status: JobStatus, job: str | None, code: str, **facts: str) -> JobOutcome:
    """An outcome with its English reason (for the journal) and its code and facts (for the window)."""
    return JobOutcome(status, job, _OUTCOME_WORDS[code].format(**facts), code, tuple(facts.items()))


def ensure_gui_application():
    """Printing needs a Qt application (print plugins, fonts); the CLI has none of its own.

    A QApplication, not a bare QGuiApplication: a window opened later in the same process needs widgets.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name != "nt":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["sealstation"])
    return app


class QtPrinterBackend:
    """The platform's printers, and QPrinter's PDF output."""

    def __init__(self) -> None:
        ensure_gui_application()

    def printers(self) -> list[PrinterInfo]:
        found = []
        use_cups = cups_jobs.available()
        for info in QPrinterInfo.availablePrinters():
            name = info.printerName()
            colour = QPrinter.ColorMode.Color in info.supportedColorModes()
            if use_cups:
                queue = cups_jobs.queue_state(name)
                ready, state = queue.ready, queue.why or "ready"
            else:
                ready = info.state() != QPrinter.PrinterState.Error
                state = info.state().name.lower()
            found.append(PrinterInfo(name, colour, info.isDefault(), ready, state))
        return found

    def open_printer(self, name: str, *, colour: bool = True) -> "_PrinterSink":
        return _PrinterSink(name, colour)

    def open_pdf(self, path) -> "_PdfSink":
        return _PdfSink(Path(path))


class _Painting:
    """Pages of copies painted onto one QPrinter, each page at its own size."""

    def __init__(self, printer: QPrinter, cancelled: threading.Event) -> None:
        self.printer, self.cancelled = printer, cancelled
        self.painter = QPainter()
        self.pages = 0

    def paint(self, job: CopyJob) -> str | None:
        """Paint every page of ``job``; why not (an outcome code of :data:`_OUTCOME_WORDS`), or None."""
        for page in job.pages():
            if self.cancelled.is_set():
                return "cancelled_by_custodian"
            w, h = page.size_mm
            landscape = w > h
            size = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            layout = QPageLayout(size, QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                                 QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
            self.printer.setPageLayout(layout)
            if self.pages == 0:
                self.printer.setResolution(round(page.dpi))
                if not self.painter.begin(self.printer):
                    return "job_not_opened"
                # Qt would store each page as a JPEG: blurred seal edges and QR modules, and a job 3x the size.
                self.painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering, True)
            elif not self.printer.newPage():
                return "new_page_refused"
            image = QImage(page.samples, page.width_px, page.height_px, page.stride, QImage.Format.Format_RGB888)
            target = QRectF(self.printer.pageLayout().fullRectPixels(self.printer.resolution()))
            self.painter.drawImage(target, image)
            del image
            self.pages += 1
        return None

    def end(self) -> bool:
        return self.painter.end() if self.painter.isActive() else False

    def abort(self) -> None:
        if self.painter.isActive():
            self.printer.abort()
            self.painter.end()


class _PrinterSink:
    """One printer; each copy its own QPrinter job."""

    final_at_close = False

    def __init__(self, name: str, colour: bool) -> None:
        self.name, self.colour = name, colour
        self.destination = name
        self._cancelled = threading.Event()
        self._cups = cups_jobs.available()

    def cancel(self) -> None:
        self._cancelled.set()

    def print_copy(self, job: CopyJob) -> JobOutcome:
        if self._cups:
            queue = cups_jobs.queue_state(self.name)
            if not queue.ready:
                return _outcome(JobStatus.FAILED, None, "queue_not_ready", reason=str(queue.why))
        info = QPrinterInfo.printerInfo(self.name)
        if info.isNull():
            return _outcome(JobStatus.FAILED, None, "no_such_printer", printer=self.name)
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(job.title)
        printer.setFullPage(True)
        printer.setColorMode(QPrinter.ColorMode.Color if self.colour else QPrinter.ColorMode.GrayScale)
        painting = _Painting(printer, self._cancelled)
        why = painting.paint(job)
        if why is not None:
            painting.abort()
            return _outcome(JobStatus.CANCELLED if self._cancelled.is_set() else JobStatus.FAILED, None, why)
        job.on_handover()
        if not painting.end() or printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            return _outcome(JobStatus.FAILED, None, "job_not_taken")
        if self._cups:
            return cups_jobs.settle_job(self.name, job.title)
        return _outcome(JobStatus.ACCEPTED, None, "handed_to_spooler")

    def close(self) -> JobOutcome:
        return JobOutcome(JobStatus.ACCEPTED)


class _UnnamedFile:
    """A file with no name in the target's folder (Linux ``O_TMPFILE``): a kill leaves nothing of it anywhere.

    QPrinter writes it through ``/proc/self/fd/N``; once complete it is fsynced and linked in under its
    name (``linkat`` with ``AT_SYMLINK_FOLLOW`` through ``/proc/self/fd``), which never replaces a file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            self.fd = os.open(folder, os.O_TMPFILE | os.O_RDWR, 0o600)
        except OSError:
            os.close(self.folder_fd)
            raise
        self.write_path = f"/proc/self/fd/{self.fd}"

    def link(self, target: Path) -> None:
        os.fsync(self.fd)
        os.link(self.write_path, target.name, src_dir_fd=self.folder_fd, dst_dir_fd=self.folder_fd,
                follow_symlinks=True)
        os.fsync(self.folder_fd)

    def discard(self) -> None:
        for fd in (self.fd, self.folder_fd):
            try:
                os.close(fd)
            except OSError:
                pass


def _unnamed_file(folder: Path) -> _UnnamedFile | None:
    """An unnamed file in ``folder``, or None where the system or the filesystem has no ``O_TMPFILE`` (or no /proc)."""
    if not hasattr(os, "O_TMPFILE") or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return _UnnamedFile(folder)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOSYS):
            return None  # e.g. a network share or FUSE filesystem without O_TMPFILE
        raise OutputError(f"Cannot write in {folder}: {exc.strerror or exc}.", code="output_not_writable",
                          folder=str(folder), reason=exc.strerror or str(exc)) from exc


class _PdfSink:
    """QPrinter's PDF output: all copies one after another in one file, which gets its name at close.

    The file has no name until then (:class:`_UnnamedFile`): a print killed halfway leaves no pages a
    custodian could keep while recovery releases the copies. Where ``O_TMPFILE`` is missing (not Linux, or
    a filesystem without it) it is written under a hidden ``.NAME.*.part`` name beside the target instead;
    a kill then leaves that file until recovery removes it, so recovery counts such a copy as printed
    (it may have been kept) rather than releasing it.
    """

    final_at_close = True

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.destination = f"pdf:{self.path}"
        self.unnamed = _unnamed_file(self.path.parent)
        self.tmp: Path | None = None
        if self.unnamed is None:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
            except OSError as exc:
                raise OutputError(f"Cannot write in {self.path.parent}: {exc.strerror or exc}.",
                                  code="output_not_writable", folder=str(self.path.parent),
                                  reason=exc.strerror or str(exc)) from exc
            os.close(fd)
            self.tmp = Path(tmp)
        self._cancelled = threading.Event()
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(self.unnamed.write_path if self.unnamed else str(self.tmp))
        self.printer.setFullPage(True)
        self.printer.setDocName(QCoreApplication.translate("QtPrinting", "SealStation copies of {name}").format(
            name=self.path.stem))
        self.painting = _Painting(self.printer, self._cancelled)

    def cancel(self) -> None:
        self._cancelled.set()

    def print_copy(self, job: CopyJob) -> JobOutcome:
        why = self.painting.paint(job)
        if why is not None:
            return _outcome(JobStatus.CANCELLED if self._cancelled.is_set() else JobStatus.FAILED, None, why)
        job.on_handover()
        return JobOutcome(JobStatus.ACCEPTED)

    def _discard(self) -> None:
        if self.unnamed is not None:
            self.unnamed.discard()  # its last descriptor closed: the system frees it
        else:
            self.tmp.unlink(missing_ok=True)

    def close(self) -> JobOutcome:
        if self._cancelled.is_set():
            self.painting.abort()
            self._discard()
            return _outcome(JobStatus.CANCELLED, None, "pdf_cancelled")
        if not self.painting.end():
            self._discard()
            return _outcome(JobStatus.FAILED, None, "pdf_not_written", file=self.path.name)
        try:
            if self.unnamed is not None:
                self.unnamed.link(self.path)
            else:
                publish(self.tmp, self.path, overwrite=False)
                fsync_dir(self.path.parent)
        except Exception as exc:  # noqa: BLE001 - OS errors and a name taken meanwhile, said in words
            self._discard()
            return _outcome(JobStatus.FAILED, None, "pdf_not_linked", path=str(self.path), reason=str(exc))
        self._discard()
        return JobOutcome(JobStatus.ACCEPTED, None, None)
