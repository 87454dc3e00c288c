"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk"]


class OfficeDesk:
    """What the office (办公室/印章管理员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station
