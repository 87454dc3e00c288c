"""Page geometry: the ONE place where coordinates are converted.

The placement contract (docs/architecture.md): ``page`` is 1-based; ``(x_mm, y_mm)`` is
the seal's centre in millimetres from the top-left corner of the page *as
displayed*, i.e. after the page's /Rotate and CropBox are applied. The seal
appears upright on screen and on paper whatever the page's rotation.

Three coordinate spaces meet here:

* **display** — what a person sees: origin at the top-left of the visible
  (cropped, rotated) page, x to the right, y downwards, in millimetres;
* **user** — the PDF's default user space of the page: origin anywhere (the
  MediaBox may not start at 0, 0), y upwards, unrotated, in user units;
* **appearance** — the form space of the seal's widget appearance, whose
  matrix draws the seal image upright in display space.

A :class:`PageFrame` holds what is needed to go between them: the visible box
(CropBox clipped to MediaBox) in user space, the rotation and the user unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from ..errors import DamagedPdfError, PlacementError
from ..model import Placement

__all__ = [
    "MM_PER_INCH",
    "PT_PER_INCH",
    "Rect",
    "PageFrame",
    "SealBox",
    "mm_to_pt",
    "pt_to_mm",
    "mm_to_px",
    "px_to_mm",
    "normalise_rotation",
    "upright_image_matrix",
]

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
_EPS = 1e-6


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_INCH / PT_PER_INCH


def mm_to_px(mm: float, dpi: float) -> float:
    """Millimetres on the displayed page to pixels of a preview rendered at ``dpi``."""
    return mm * dpi / MM_PER_INCH


def px_to_mm(px: float, dpi: float) -> float:
    """Pixels of a preview rendered at ``dpi`` to millimetres on the displayed page."""
    return px * MM_PER_INCH / dpi


def normalise_rotation(value: float | int | None) -> int:
    """The page rotation as 0, 90, 180 or 270 (PDF allows any multiple of 90)."""
    rot = int(value or 0)
    if rot % 90:
        raise DamagedPdfError(
            f"The page has an invalid /Rotate of {rot} (must be a multiple of 90)."
        )
    return rot % 360


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle ``(x0, y0)``–``(x1, y1)`` with ``x0 <= x1``, ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def from_corners(cls, values: Iterable[float]) -> "Rect":
        """A normalised rectangle from any two opposite corners (PDF boxes may be given reversed)."""
        a, b, c, d = (float(v) for v in values)
        return cls(min(a, c), min(b, d), max(a, c), max(b, d))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def intersect(self, other: "Rect") -> "Rect | None":
        x0, y0 = max(self.x0, other.x0), max(self.y0, other.y0)
        x1, y1 = min(self.x1, other.x1), min(self.y1, other.y1)
        if x1 <= x0 or y1 <= y0:
            return None
        return Rect(x0, y0, x1, y1)

    def contains(self, other: "Rect", tolerance: float = _EPS) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.y0 >= self.y0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.y1 <= self.y1 + tolerance
        )

    def overlaps(self, other: "Rect") -> bool:
        return self.intersect(other) is not None

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True)
class SealBox:
    """Where a seal goes on a page, in both the person's and the PDF's terms."""

    placement: Placement
    """Page and centre as the person gave them (the placement contract)."""

    size_mm: tuple[float, float]
    """Seal width and height in mm as it appears (upright)."""

    rect: Rect
    """The widget rectangle in the page's default user space."""

    rotation: int
    """The page's /Rotate; the appearance counter-rotates by it."""


@dataclass(frozen=True)
class PageFrame:
    """The geometry of one page: visible box in user space, rotation, user unit."""

    visible: Rect
    """CropBox clipped to MediaBox, in user space (what viewers and printers show)."""

    rotation: int = 0
    """Clockwise display rotation: 0, 90, 180 or 270."""

    user_unit: float = 1.0
    """Size of one user-space unit in points (PDF 1.6 /UserUnit)."""

    @classmethod
    def from_boxes(
        cls,
        media_box: Iterable[float],
        crop_box: Iterable[float] | None = None,
        rotation: float | int | None = 0,
        user_unit: float | None = None,
    ) -> "PageFrame":
        """Build a frame from the page's raw (inherited) entries."""
        media = Rect.from_corners(media_box)
        visible = media
        if crop_box is not None:
            # The CropBox is clipped to the MediaBox (ISO 32000-1, 14.11.2).
            visible = Rect.from_corners(crop_box).intersect(media) or media
        if visible.width <= 0 or visible.height <= 0:
            raise DamagedPdfError("The page has an empty MediaBox.")
        return cls(
            visible=visible,
            rotation=normalise_rotation(rotation),
            user_unit=float(user_unit or 1.0),
        )

    @property
    def _swapped(self) -> bool:
        return self.rotation in (90, 270)

    def _unit_to_mm(self, units: float) -> float:
        return pt_to_mm(units * self.user_unit)

    def _mm_to_unit(self, mm: float) -> float:
        return mm_to_pt(mm) / self.user_unit

    @property
    def display_size_mm(self) -> tuple[float, float]:
        """Width and height of the page as displayed, in mm."""
        w = self._unit_to_mm(self.visible.width)
        h = self._unit_to_mm(self.visible.height)
        return (h, w) if self._swapped else (w, h)

    def display_to_user(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """A displayed point (mm from the top-left) in user space."""
        X, Y = self._mm_to_unit(x_mm), self._mm_to_unit(y_mm)
        w, h = self.visible.width, self.visible.height
        # (u, v): offset from the unrotated visible box's top-left, y downwards.
        # Display rotation is clockwise, so each case inverts (u, v) -> (X, Y).
        if self.rotation == 0:
            u, v = X, Y
        elif self.rotation == 90:
            u, v = Y, h - X
        elif self.rotation == 180:
            u, v = w - X, h - Y
        else:  # 270
            u, v = w - Y, X
        return (self.visible.x0 + u, self.visible.y1 - v)

    def user_to_display(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as mm from the top-left of the displayed page."""
        return self.unrotated_to_display(x - self.visible.x0, self.visible.y1 - y)

    def unrotated_to_display(self, u: float, v: float) -> tuple[float, float]:
        """A point given from the top-left of the unrotated visible box (y downwards, user units), as displayed mm.

        This is how MuPDF reports text positions (PyMuPDF's ``search_for``):
        relative to the CropBox's top-left, before the page's /Rotate.
        """
        w, h = self.visible.width, self.visible.height
        if self.rotation == 0:
            X, Y = u, v
        elif self.rotation == 90:
            X, Y = h - v, u
        elif self.rotation == 180:
            X, Y = w - u, h - v
        else:  # 270
            X, Y = v, w - u
        return (self._unit_to_mm(X), self._unit_to_mm(Y))

    def seal_box(self, placement: Placement, size_mm: tuple[float, float]) -> SealBox:
        """The user-space widget rectangle for a seal centred at ``center_mm``.

        Raises :class:`PlacementError` when any part of the seal would leave
        the visible page.
        """
        sw, sh = size_mm
        dw, dh = self.display_size_mm
        page, (cx, cy) = placement.page, placement.center_mm
        if not (math.isfinite(cx) and math.isfinite(cy)):  # NaN passes every comparison below
            raise PlacementError(f"The seal's centre ({cx:g}, {cy:g}) mm is not a point on page {page}.",
                                 hint="Give the centre as two numbers of millimetres from the top-left "
                                 "of the page, e.g. 150,230.", code="placement_not_a_point", page=page)
        tol = 1e-3
        if sw > dw + tol or sh > dh + tol:
            raise PlacementError(
                f"Page {page} is too small for this seal: the page is {dw:.1f}×{dh:.1f} mm as displayed, "
                f"the seal {sw:g}×{sh:g} mm.",
                hint="Choose a larger page of the document for this seal.",
                code="page_too_small", page=page, page_width_mm=round(dw, 1), page_height_mm=round(dh, 1),
                seal_width_mm=sw, seal_height_mm=sh,
            )
        if cx - sw / 2 < -tol or cy - sh / 2 < -tol or cx + sw / 2 > dw + tol or cy + sh / 2 > dh + tol:
            raise PlacementError(
                f"A {sw:g}×{sh:g} mm seal centred at ({cx:g}, {cy:g}) mm would leave "
                f"page {page}, which is {dw:.1f}×{dh:.1f} mm as displayed.",
                hint=f"Put the centre between ({sw / 2:g}, {sh / 2:g}) and "
                f"({dw - sw / 2:.1f}, {dh - sh / 2:.1f}) mm.",
                code="off_page", page=page, x_mm=cx, y_mm=cy, page_width_mm=round(dw, 1),
                page_height_mm=round(dh, 1), seal_width_mm=sw, seal_height_mm=sh,
                min_x_mm=sw / 2, min_y_mm=sh / 2, max_x_mm=round(dw - sw / 2, 1), max_y_mm=round(dh - sh / 2, 1),
            )
        ux, uy = self.display_to_user(cx, cy)
        bw, bh = self._mm_to_unit(sw), self._mm_to_unit(sh)
        if self._swapped:
            bw, bh = bh, bw
        rect = Rect(ux - bw / 2, uy - bh / 2, ux + bw / 2, uy + bh / 2)
        return SealBox(placement, (sw, sh), rect, self.rotation)

    def rect_center_mm(self, rect: Rect) -> tuple[float, float]:
        """The displayed centre (mm) of a user-space rectangle, e.g. a signature widget."""
        return self.user_to_display(*rect.center)

    def unrotated_rect_to_display(self, rect_pt: Rect) -> Rect:
        """A rectangle as MuPDF reports text (from the unrotated visible box's top-left, y downwards, in *points*:
        MuPDF applies /UserUnit) as a Rect in displayed mm."""
        k = 1.0 / self.user_unit
        x0, y0 = self.unrotated_to_display(rect_pt.x0 * k, rect_pt.y0 * k)
        x1, y1 = self.unrotated_to_display(rect_pt.x1 * k, rect_pt.y1 * k)
        return Rect.from_corners((x0, y0, x1, y1))

    def rect_size_mm(self, rect: Rect) -> tuple[float, float]:
        """The displayed width and height (mm) of a user-space rectangle."""
        w, h = self._unit_to_mm(rect.width), self._unit_to_mm(rect.height)
        return (h, w) if self._swapped else (w, h)


def upright_image_matrix(
    rotation: int, box_w: float, box_h: float
) -> tuple[float, float, float, float, float, float]:
    """The ``cm`` matrix that paints an image XObject upright, filling the box.

    The box is the widget's rectangle in user space (``box_w`` × ``box_h``,
    already swapped for 90/270). The page is shown turned clockwise by
    ``rotation``, so the image is turned the other way (counter-clockwise in
    the y-up user space) to come out upright on screen and paper.
    """
    rotation = normalise_rotation(rotation)
    if rotation == 0:
        return (box_w, 0.0, 0.0, box_h, 0.0, 0.0)
    if rotation == 90:
        # image up (+v) -> user -x, which the clockwise display turns to up.
        return (0.0, box_h, -box_w, 0.0, box_w, 0.0)
    if rotation == 180:
        return (-box_w, 0.0, 0.0, -box_h, box_w, box_h)
    return (0.0, -box_h, box_w, 0.0, 0.0, box_h)
