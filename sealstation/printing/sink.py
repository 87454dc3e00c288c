"""The print spooling port: what the core needs from a print system, and nothing of Qt.

The core prepares each copy's pages (one at a time, marks drawn in) and hands
the copy to a :class:`PrintSink` as one job; the sink answers with a
:class:`JobOutcome`. The station window and the ``sealstation`` command plug
in Qt's print system (``ui/qt_printing.py``: QPrinter to the platform's
printers, or QPrinter's PDF output); the core never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Protocol

from ..model import TextEnum

__all__ = ["PrinterInfo", "CopyPage", "CopyJob", "JobOutcome", "PrintSink", "PrinterBackend",
           "JobStatus"]


class JobStatus(TextEnum):
    """What became of a copy's job: only an accepted job uses up a copy."""

    ACCEPTED = "accepted"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class PrinterInfo:
    """A printer the print system offers."""

    name: str
    colour: bool
    """It can print in colour (the seal is red: mono deserves a warning)."""
    default: bool = False
    ready: bool = True
    """Enabled and accepting jobs, as far as the print system says."""
    state: str = ""
    """The print system's words for its state (e.g. 'idle', 'stopped')."""


@dataclass(frozen=True)
class CopyPage:
    """One page of one copy, rendered at the printer's resolution with the copy's marks drawn in."""

    number: int
    """1-based page number."""
    width_px: int
    height_px: int
    stride: int
    """Bytes a row."""
    samples: object
    """RGB, 8 bits a channel, rows top to bottom (a buffer; valid until the next page is made)."""
    dpi: float
    size_mm: tuple[float, float]
    """The page as displayed (CropBox, /Rotate applied)."""
    note: str | None = None
    """Said to the person when the page had to be shrunk to make room for the marks."""


@dataclass(frozen=True)
class CopyJob:
    """One copy: one job for the print system."""

    title: str
    """The job's title; holds the serial, so that the job can be found in the print system."""
    serial: str
    number: int
    of: int
    page_count: int
    pages: Callable[[], Iterator[CopyPage]]
    """Yields the pages one at a time (bounded memory, whatever the page count)."""
    colour: bool
    on_handover: Callable[[], None]
    """Called by the sink just before it hands the job to the print system (the outcome is unknown from then)."""


@dataclass(frozen=True)
class JobOutcome:
    """What the print system did with a job."""

    status: JobStatus
    """Only an accepted job uses up its copy."""
    job: str | None = None
    """The print system's job id, when it gives one."""
    reason: str | None = None
    """Why it failed or was cancelled; or a note on an accepted job (English: the journal keeps it)."""
    code: str | None = None
    """What ``reason`` says, as a stable name the window words in its own language (None: say ``reason``)."""
    facts: tuple[tuple[str, str], ...] = ()
    """The values ``reason`` names, for those words (name, value)."""

    @property
    def accepted(self) -> bool:
        return self.status == JobStatus.ACCEPTED


class PrintSink(Protocol):
    """Where copies go: a printer, or a PDF file."""

    destination: str
    """The printer's name, or ``pdf:<path>``."""
    final_at_close: bool
    """Copies are only delivered when :meth:`close` succeeds (a PDF file gets its name then)."""

    def print_copy(self, job: CopyJob) -> JobOutcome: ...

    def close(self) -> JobOutcome: ...


class PrinterBackend(Protocol):
    """The platform's print system, as the station window and the CLI plug it in."""

    def printers(self) -> list[PrinterInfo]: ...

    def open_printer(self, name: str, *, colour: bool) -> PrintSink: ...

    def open_pdf(self, path) -> PrintSink: ...
