"""Batch stamping (issue 19): several documents under one login and one PIN entry, each stamped on its own.

A batch is a list of single stamps that share the custodian's password check, the token's login and the placement
(page and mm, given once). Each document goes through the same gate as a single stamp (its own ``stamp_started``,
one-use reservation, signature, verified output, ``stamp_done``, rename; see :mod:`sealstation.desks.stamping`), so
a kill -9 in the middle leaves each document either stamped and recorded or untouched and reusable, and the
station's recovery (:meth:`Station.recover`) finishes or undoes the one that was cut short, as for a single stamp.

A document that fails (damaged, changed on disk since its approval, output not writable …) is reported with its
error and the rest go on. A fault of the station or the token (the token removed, stamping stopped by a checkpoint
mismatch, the journal failing) stops the rest: the documents not reached are reported as not stamped, untouched.
Faults known before any secret are found by :func:`plan_batch`, before the password and the PIN are asked.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence, TYPE_CHECKING

from ..errors import (CheckpointMismatchError, JournalError, OutputError, PinError, SealStationError, TokenError,
                      TrustAnchorError)
from ..journal.journal import JournalKind
from ..model import Placement
from ..pdf.signing import StampPlan, StampResult

if TYPE_CHECKING:
    from .stamping import StampingDesk, StampRequestSpec

__all__ = ["BatchDocument", "BatchPlan", "BatchOutcome", "BatchProgress", "BatchResult", "batch_outputs",
           "STAMPED_SUFFIX", "KEEP_PLANNED_BYTES"]

KEEP_PLANNED_BYTES = 64 * 1024 * 1024
"""How much of the batch's documents (their bytes) :func:`plan_batch` keeps prepared for signing; the documents
beyond it are checked and let go, and prepared again just before their signature (a batch of a hundred large files
would otherwise hold them all in memory from the check to the end)."""

STAMPED_SUFFIX = "-已签章"
"""What a stamped file's name adds to its document's (as the window names its default output)."""


def batch_outputs(documents: Sequence[str | Path], folder: str | Path) -> tuple[Path, ...]:
    """``folder/<name>-已签章.pdf`` for each document; numbered when two documents share a name or a file exists."""
    folder, taken, found = Path(folder), set(), []
    for document in documents:
        stem, n = Path(document).stem, 2
        candidate = folder / f"{stem}{STAMPED_SUFFIX}.pdf"
        while candidate in taken or candidate.exists():
            candidate = folder / f"{stem}{STAMPED_SUFFIX}-{n}.pdf"
            n += 1
        taken.add(candidate)
        found.append(candidate)
    return tuple(found)


@dataclass(frozen=True)
class BatchDocument:
    """One document of a batch, as asked for."""

    document: Path
    """The approved input PDF."""
    seals: tuple[str, ...]
    """The seals to put on it, in order: the second goes on the first's output (written beside the final output)."""
    output: Path
    """Where the last seal's stamped file is written."""
    request_id: str | None = None
    """The request (from the work queue); None: found by document and seal, as for a single stamp."""


@dataclass(frozen=True)
class BatchOutcome:
    """What became of one document of a batch."""

    document: Path
    output: Path
    seals_done: tuple[str, ...] = ()
    """The seals stamped (each recorded and verified); all of the document's seals when ``error`` is None."""
    results: tuple[StampResult, ...] = ()
    """One per seal stamped, in order; the last one's ``output`` is the document's final file."""
    error: SealStationError | None = None
    """Why it (or its next seal) was not stamped; None when it was."""
    request_id: str | None = None
    """The request it was stamped under (the gate's choice), when known."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class BatchProgress:
    """Handed to the progress callback before and after each document."""

    index: int
    """0-based position of the document in the batch."""
    total: int
    document: Path
    outcome: BatchOutcome | None = None
    """None when the document is starting; its outcome when it is done (stamped or failed)."""


@dataclass(frozen=True)
class BatchPlan:
    """A batch checked before any secret: the documents ready, with their first seal's plan, and those refused."""

    ready: tuple[tuple[BatchDocument, StampPlan | None], ...]
    """Each document that passed the checks, with its first seal's plan (None beyond :data:`KEEP_PLANNED_BYTES`:
    planned again just before it is stamped)."""
    refused: tuple[BatchOutcome, ...]
    """The documents whose fault shows before the password and the PIN (damaged, changed, no approval …)."""
    placement: Placement
    purpose: str = ""
    overwrite: bool = False

    @property
    def total(self) -> int:
        return len(self.ready) + len(self.refused)


@dataclass(frozen=True)
class BatchResult:
    """Every document of a batch with what became of it: those refused at planning first, then the rest in order."""

    outcomes: tuple[BatchOutcome, ...]

    @property
    def stamped(self) -> tuple[BatchOutcome, ...]:
        return tuple(o for o in self.outcomes if o.ok)

    @property
    def failed(self) -> tuple[BatchOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.ok)


def _spec(seal: str, source: Path, output: Path, *, placement: Placement, purpose: str,
          overwrite: bool) -> "StampRequestSpec":
    from .stamping import StampRequestSpec

    return StampRequestSpec(source, seal, placement, output, purpose, overwrite=overwrite)


def seal_outputs(doc: BatchDocument) -> list[Path]:
    """Where each seal of a document is written: the last at its output, each earlier one beside it."""
    final = Path(doc.output)
    return [final.with_name(f"{final.stem}-{seal}{final.suffix}") for seal in doc.seals[:-1]] + [final]


def plan_batch(desk: "StampingDesk", documents: Sequence[BatchDocument], *, placement: Placement, user: str,
               purpose: str = "", overwrite: bool = False) -> BatchPlan:
    """Plan each document's first seal and run every check that needs no secret; nothing is written or journalled.

    A document refused here is reported in ``refused`` with its error (the words the person sees), the rest are
    ready. Checked again under the login, as for a single stamp."""
    ready, refused, kept = [], [], 0
    for doc in documents:
        if not doc.seals:
            refused.append(BatchOutcome(doc.document, doc.output, error=OutputError(
                f"No seal was chosen for {Path(doc.document).name}.", hint="Choose the seal to stamp it with.")))
            continue
        try:
            plan = desk.plan_stamp(_spec(doc.seals[0], Path(doc.document), seal_outputs(doc)[0],
                                         placement=placement, purpose=purpose, overwrite=overwrite))
            desk.check_stamp_before_login(plan, user=user, request_id=doc.request_id)
        except SealStationError as exc:
            refused.append(BatchOutcome(doc.document, doc.output, error=exc, request_id=doc.request_id))
            continue
        kept += len(plan.source.data)
        ready.append((doc, plan if kept <= KEEP_PLANNED_BYTES else None))
    return BatchPlan(tuple(ready), tuple(refused), placement, purpose, overwrite)


def _stops_batch(exc: SealStationError) -> bool:
    """A fault of the station or the token, not of the document: the documents after it would fail alike."""
    return isinstance(exc, (TokenError, CheckpointMismatchError, JournalError, TrustAnchorError))


def stamp_batch(desk: "StampingDesk", batch: BatchPlan, *, user: str, password: str, pin: str,
                progress: Callable[[BatchProgress], None] | None = None) -> BatchResult:
    """Stamp every ready document of ``batch`` under one password check and one token login.

    The password is checked once (a wrong one refuses the batch, journalled, before the token is touched); the
    PIN is tried once, before any document (a wrong one refuses the batch: nothing was started). Then each
    document is gated, reserved, signed, verified, recorded and renamed into place on its own; ``progress`` is
    called before and after each. The refused documents of the plan are reported first, as planned.
    """
    station = desk.station
    ready = list(batch.ready)
    total = batch.total
    station.recover()  # an attempt a crash left open holds its approval until it is finished or undone
    run = secrets.token_hex(6)  # journalled with each attempt: the stamps made under this one PIN entry
    person = _login(desk, batch, user, password, run)
    token = station.token()
    try:
        _token_login(desk, token, ready, user, pin, run)
        outcomes = list(batch.refused)
        for i, outcome in enumerate(outcomes):
            _tell(progress, BatchProgress(i, total, outcome.document, outcome))
        stopped: SealStationError | None = None
        for doc, plan in ready:
            index = len(outcomes)
            if stopped is not None:
                outcomes.append(BatchOutcome(doc.document, doc.output, error=stopped, request_id=doc.request_id))
            else:
                _tell(progress, BatchProgress(index, total, doc.document))
                outcomes.append(_stamp_one(desk, person, doc, plan, batch, pin, run))
                if outcomes[-1].error is not None and _stops_batch(outcomes[-1].error):
                    stopped = outcomes[-1].error
            _tell(progress, BatchProgress(index, total, doc.document, outcomes[-1]))
    finally:
        token.logout()  # one PIN entry, one login: closed at the batch's end, whatever happened
    return BatchResult(tuple(outcomes))


def _tell(progress, event: BatchProgress) -> None:
    if progress is not None:
        progress(event)


def _login(desk: "StampingDesk", batch: BatchPlan, user: str, password: str, run: str):
    """The custodian's password, checked once for the batch (a refusal journalled, as at a single stamp's gate)."""
    station = desk.station
    facts = {"batch_run": run, "batch_documents": batch.total}
    try:
        station.check_clock()
        station.journal.check_not_tampered()
        person = station.users.verify_password(user, password)
        for seal_id in sorted({seal for doc, _ in batch.ready for seal in doc.seals}):
            station.seals.end_expired_delegations(seal_id, station.now())
    except SealStationError as exc:
        station.journal.append(JournalKind.STAMP_REFUSED, facts | exc.journal_words(), actor=user)
        raise
    return person


def _token_login(desk: "StampingDesk", token, ready, user: str, pin: str, run: str) -> None:
    """Log in to the token once, before any attempt: a wrong PIN refuses the batch with nothing started."""
    if not ready:
        return
    try:
        token.login(pin)
    except PinError as exc:
        desk.station.journal.append(JournalKind.PIN_FAILED, {"seal": ready[0][0].seals[0], **exc.journal_words(),
                                                             "batch_run": run, "batch_documents": len(ready)},
                                    actor=user)
        raise


def _stamp_one(desk: "StampingDesk", person, doc: BatchDocument, plan: StampPlan | None, batch: BatchPlan,
               pin: str, run: str) -> BatchOutcome:
    """Each seal of one document in turn, each its own attempt; the first failure ends the document."""
    done: list[StampResult] = []
    request_id = doc.request_id
    outputs = seal_outputs(doc)
    for n, seal in enumerate(doc.seals):
        try:
            if n or plan is None:  # the next seal goes on the previous one's output, planned now that it exists
                plan = desk.plan_stamp(_spec(seal, done[-1].output if n else Path(doc.document), outputs[n],
                                             placement=batch.placement, purpose=batch.purpose,
                                             overwrite=batch.overwrite))
            facts = {"document": plan.source.path.name, "sha256": plan.source.sha256, "seal": seal, "batch_run": run}
            auth = desk._open_attempt(plan, person, facts, request_id)
            request_id = auth.request.id
            done.append(desk.stamp(auth, pin=pin, keep_login=True))
        except OSError as exc:  # stamp_pdf lets the file system's own errors through
            error = OutputError(f"{Path(outputs[n]).name} could not be written: {exc.strerror or exc}.",
                                hint="Nothing was written for this document. Choose a folder you may write to.",
                                code="output_not_written", path=str(outputs[n]), reason=exc.strerror or str(exc))
            return BatchOutcome(doc.document, doc.output, tuple(doc.seals[:n]), tuple(done), error, request_id)
        except SealStationError as exc:
            return BatchOutcome(doc.document, doc.output, tuple(doc.seals[:n]), tuple(done), exc, request_id)
    return BatchOutcome(doc.document, doc.output, tuple(doc.seals), tuple(done), None, request_id)
