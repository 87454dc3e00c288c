"""What the auditor's checks find: a stamped file with its seals and their registration, a paper copy's status.

Frozen answers of :class:`~sealstation.desks.audit.AuditDesk`, read by the window (which words them) and by tests.
The seals' boxes are worked out here, from the signatures' placements, so that a view only draws rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..archive.registration import Registration, RegistrationResult
from ..errors import SealStationError
from ..pdf.verify import VerifyResult
from ..printing.desk import CopyCheckResult
from ..printing.states import CopyState, CopyStatus

__all__ = ["SealSpot", "StampedFileCheck", "CopyCheck", "CopyScan", "seal_spots"]


@dataclass(frozen=True)
class SealSpot:
    """Where one visible seal of a stamped file is: its box on its page."""

    signature: int
    """Which signature of the file (1-based, in the order of :attr:`VerifyResult.signatures`)."""
    page: int
    """1-based page."""
    box_mm: tuple[float, float, float, float]
    """Left, top, right, bottom in mm from the top-left corner of the page as displayed (the placement contract)."""
    ok: bool
    """The signature checks out (:attr:`SignatureReport.ok`)."""


@dataclass(frozen=True)
class StampedFileCheck:
    """A stamped file verified at the station: each signature, and what the office archive says of it."""

    verify: VerifyResult
    """The signatures' verdicts (as ``sealstation verify``)."""
    spots: tuple[SealSpot, ...]
    """The visible seals, for the preview; an invisible signature has none."""
    archive: str | None
    """The office archive asked (its location), or None when the station has none configured."""
    registrations: RegistrationResult | None = None
    """The archive's answer per signature; None when no archive is configured or it could not be asked."""
    archive_problem: SealStationError | None = None
    """Why the archive could not be asked (unreachable, not the office's archive …); None when it answered."""

    def registration(self, field: str) -> Registration | None:
        """The archive's answer for the signature in ``field``; None when the archive was not asked."""
        if self.registrations is None:
            return None
        return next((a for a in self.registrations.answers if a.field == field), None)


@dataclass(frozen=True)
class CopyCheck:
    """A paper copy checked at the station, and in the office archive when the station has no record of it."""

    result: CopyCheckResult
    """Genuine or not, which copy, and the record its status comes from."""
    source: str
    """Where the status was read: ``station`` (this station's records) or ``archive`` (the office archive)."""
    archive_problem: SealStationError | None = None
    """Why the office archive could not be asked about a copy this station has no record of (None: not needed, or
    it answered)."""

    @property
    def status(self) -> str:
        """``genuine`` (current), ``voided``, ``recalled``, ``unknown`` (genuine, but no record says more),
        ``unfinished`` (its print job never completed) or ``not_genuine``."""
        r = self.result
        if not r.genuine:
            return "not_genuine"
        if r.record is None:
            return "unknown"
        if r.record.state != CopyState.PRINTED:
            return "unfinished"
        return {CopyStatus.VOIDED: "voided", CopyStatus.RECALLED: "recalled"}.get(r.record.status, "genuine")


@dataclass(frozen=True)
class CopyScan:
    """The copies' codes found on a scan or photo, each checked."""

    file: str
    """The scan's file name."""
    checks: tuple[CopyCheck, ...]
    """One per copy code found (a PDF scan of several pages may hold several), in page order."""
    other_codes: int = 0
    """QR codes on the scan that are no copy's code (a letterhead's, a web address)."""


def seal_spots(result: VerifyResult) -> tuple[SealSpot, ...]:
    """The box of each visible signature's seal (as the print plan keeps them free of marks)."""
    spots = []
    for n, s in enumerate(result.signatures, 1):
        if s.placement is None or not s.size_mm:
            continue
        (cx, cy), (w, h) = s.placement.center_mm, s.size_mm
        spots.append(SealSpot(n, s.placement.page, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), s.ok))
    return tuple(spots)
