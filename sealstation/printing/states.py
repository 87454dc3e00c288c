"""The closed vocabularies of printing, stored as text in the station's tables and journal.

A print job's own outcome (:class:`~sealstation.printing.sink.JobStatus`) lives
with the print-system port; these name what the station keeps about copies.
"""

from __future__ import annotations

from ..model import TextEnum

__all__ = ["AllowanceKind", "CopyState", "CopyStatus"]


class AllowanceKind(TextEnum):
    """Under which approval a copy is printed."""

    FIRST = "first"
    """The copies the stamp request approved."""
    EXTRA = "extra"
    """加印: more copies of the same file, approved later."""
    REPLACEMENT = "replacement"
    """补印: copies replacing voided ones, approved by the office."""


class CopyState(TextEnum):
    """Where a copy's job stands (``print_copies.state``); only ``printed`` rows outlive their job."""

    RESERVED = "reserved"
    """Its slot is taken; nothing was handed to the print system yet."""
    SENDING = "sending"
    """Handed to the print system; its answer is not recorded yet (a crash here is settled at the next start)."""
    PRINTED = "printed"
    """The print system accepted the job."""


class CopyStatus(TextEnum):
    """What became of a printed copy afterwards (the last of its ``copy_events``)."""

    CURRENT = "current"
    VOIDED = "voided"
    RECALLED = "recalled"
