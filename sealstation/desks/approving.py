"""The approver's desk: requests waiting for approval, approving or refusing them, OA approval files, extra copies (加印) and reprints (重印)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ApprovingDesk"]


class ApprovingDesk:
    """What an approver (审批人/签发人) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station
