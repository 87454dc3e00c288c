"""A seal as the placement widgets show it: which seal, its name, its image and its true size."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SEAL_MIME", "SealMark", "SealPlacement"]

SEAL_MIME = "application/x-sealstation-seal"
"""Drag-and-drop type from the seal palette to the page view; the payload is the seal key in UTF-8."""


@dataclass(frozen=True)
class SealMark:
    """One seal a request approves, ready to be placed."""

    key: str
    """Which seal (the shell's key: the seal id, or seal id and position in the request)."""
    name: str
    """The seal's name as people know it (e.g. 合同专用章)."""
    png: bytes = field(repr=False)
    """The seal image (印模), transparent background."""
    size_mm: tuple[float, float]
    """Width and height on paper, in mm: the seal is drawn at this size at every zoom."""


@dataclass(frozen=True)
class SealPlacement:
    """Where a seal was put: page (1-based) and centre in mm from the top-left of the page as displayed."""

    key: str
    page: int
    x_mm: float
    y_mm: float
