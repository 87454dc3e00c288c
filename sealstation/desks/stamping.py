"""The custodian's desk: the work queue, the requests that cover a document, the checks before any secret, and stamping."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["StampingDesk"]


class StampingDesk:
    """What the custodian (印章专管人员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station
