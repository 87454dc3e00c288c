"""The auditor's desk: reading, filtering, verifying and exporting the journal; verifying a stamped file or a paper copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["AuditDesk"]


class AuditDesk:
    """What an auditor does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station
