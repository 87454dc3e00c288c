"""Value objects of the core shared across modules.

Kept free of imports from the rest of the core, so that every layer
(``pdf/`` included, which must not import ``token/`` or the station) can use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["TextEnum", "SealKind", "ApprovalDecision", "Placement", "MAX_COPIES", "copies_problem"]

MAX_COPIES = 1000
"""The most printed copies one approval, one extra or replacement allowance, or one print may name.

Each copy is its own print job with its numbered, signed mark, a row and a
journal entry that the archive receives: a thousand is hours at the printer and
more than any one use of a seal needs. A larger run is approved in parts
(extra copies, 加印), so the office sees each part; and a number that is no
count at all (10**30) is refused before it reaches SQLite's 64-bit integers."""


def copies_problem(copies: int) -> str | None:
    """What is wrong with ``copies`` as a number of copies, in words; None when it is a count from 1 to MAX_COPIES."""
    if isinstance(copies, bool) or not isinstance(copies, int):
        return f"the number of copies must be a whole number, not {copies!r}"
    if copies < 1:
        return f"at least one copy is needed, not {copies}"
    if copies > MAX_COPIES:
        shown = f"{copies}" if copies < 10 ** 15 else f"a number of {len(str(copies))} digits"
        return (f"at most {MAX_COPIES} copies may be approved or printed at once, not {shown}; "
                "more are approved as extra copies (加印) once these are printed")
    return None


class TextEnum(str, Enum):
    """A closed vocabulary stored as text: compares equal to its value, and prints as it.

    ``str()`` and f-strings give the value (``"issued"``), not ``"SealStatus.ISSUED"``,
    so messages, CSV exports and SQL parameters carry what the database holds.
    """

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__

_LABELS = {
    "official": ("公章", "official seal"),
    "contract": ("合同专用章", "contract seal"),
    "finance": ("财务专用章", "finance seal"),
    "legal-rep": ("法定代表人章", "legal representative's seal"),
    "department": ("部门章", "department seal"),
    "personal": ("个人章", "personal seal"),
}


class SealKind(TextEnum):
    """The kinds of seal (docs/glossary.md)."""

    OFFICIAL = "official"
    CONTRACT = "contract"
    FINANCE = "finance"
    LEGAL_REP = "legal-rep"
    DEPARTMENT = "department"
    PERSONAL = "personal"

    @property
    def label_zh(self) -> str:
        return _LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self.value][1]

    @property
    def is_name_seal(self) -> bool:
        """Square seals engraved with a person's name rather than the organisation's."""
        return self in (SealKind.LEGAL_REP, SealKind.PERSONAL)


class ApprovalDecision(TextEnum):
    """An approver's decision on a request (stored in ``approvals.decision``; signed approvals carry ``approve``)."""

    APPROVE = "approve"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Placement:
    """Where a seal goes: the placement contract, from the request to the signature to the verify report.

    ``page`` is 1-based; ``center_mm`` is the seal's centre in millimetres from
    the top-left corner of the page *as displayed* (after /Rotate and CropBox).
    Only :mod:`sealstation.pdf.geometry` turns it into PDF coordinates.
    """

    page: int
    """1-based page number."""
    center_mm: tuple[float, float]
    """Seal centre (x, y) in mm from the top-left of the page as displayed."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "center_mm", (float(self.center_mm[0]), float(self.center_mm[1])))
