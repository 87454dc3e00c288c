"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ArchiveDesk"]


class ArchiveDesk:
    """The office archive as seen from one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station
