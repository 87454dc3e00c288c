"""The cross-page seal (骑缝章): the seal cut into strips along one edge of every page.

How it is cut
-------------
The seal image is cut across the edge it sits on: into vertical strips on the
right or left edge, into horizontal strips on the top or bottom edge. Each page
carries one strip, flush with the edge of the page *as displayed* (after its
/Rotate and CropBox), centred at ``at_mm`` along that edge (mm from the top for
the right and left edges, from the left for the top and bottom edges).

A strip narrower than :data:`MIN_STRIP_MM` (5 mm) no longer shows recognisable
parts of the seal's ring and characters, so a seal ``W`` mm across the cut can
be cut into at most ``N = floor(W / 5)`` strips. A document of more than ``N``
pages is split into ``ceil(pages / N)`` consecutive groups of pages, as equal as
possible (sizes differ by at most one page), and each group carries the whole
seal cut into as many strips as it has pages: 100 pages under a 42 mm seal are
13 groups of 7 or 8 pages, each strip 5.25–6 mm wide. A seal narrower than four
strips (20 mm) is refused, so that no group is ever a single page.

Fanning the pages out as on paper puts each group's seal back together: on the
right edge page 1 of a group carries the leftmost strip (the pages below stick
out further right); on the left edge page 1 carries the rightmost strip; on the
bottom edge the top strip; on the top edge the bottom strip.

How it is drawn
---------------
The strips are drawn into the pages in the same incremental revision as the
signature (:func:`draw_strips`, called by :mod:`sealstation.pdf.signing` on
pyHanko's writer before the signature is prepared), so the one signature
covers them all: a later revision that removes, replaces or edits a page is a
change after the signature, which every verifier reports. The seal image is
embedded once and shared by every strip. Each page gets one content stream
that clips the whole seal image to the strip; the page's existing content is
wrapped in ``q … Q`` so the strip is drawn in the page's own coordinates
whatever state that content leaves. That stream's dictionary carries a
``/SealStationCrossPage`` entry, ``[(field) (seal) group piece pieces pages]``
(signature field, seal id, 1-based group, 1-based piece, pieces in the group,
pages in the document), that :func:`find_strips` reads back for ``verify``.

A document that already carries a signature is refused at planning: drawing
into its pages would break that signature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..errors import PlacementError
from .document import SourcePdf, frame_of_page
from .geometry import PageFrame, Rect, upright_image_matrix
from .objects import entry, page_marks

# pyHanko is imported where it is used (see signing.py).
__all__ = ["EDGES", "MIN_STRIP_MM", "MIN_STRIPS", "CROSS_PAGE_MARK", "CrossPageSpec", "Strip", "CrossPagePlan",
           "FoundStrips", "page_groups", "plan_cross_page", "draw_strips",
           "find_strips"]

EDGES = ("right", "left", "top", "bottom")
"""The edges a cross-page seal can sit on, as the page is displayed."""

MIN_STRIP_MM = 5.0
"""The narrowest strip cut from a seal (mm across the cut): narrower shows nothing recognisable of it."""

MIN_STRIPS = 4
"""A seal must allow at least this many strips, so that no group of pages is a single page."""

_MARK = "/SealStationCrossPage"
CROSS_PAGE_MARK = _MARK.encode("ascii")
"""The name marking a strip's content stream, as bytes: a file without it has no strips (pyHanko writes the
incremental revision's objects uncompressed, so the name is in the file's bytes)."""


@dataclass(frozen=True)
class CrossPageSpec:
    """Where the cross-page seal goes: the edge, and where along it."""

    edge: str = "right"
    """One of :data:`EDGES`, as the page is displayed."""

    at_mm: float | None = None
    """The strips' centre along the edge: mm from the top (right, left edges) or from the left (top, bottom edges)
    of each page as displayed; ``None``: the middle of each page."""


@dataclass(frozen=True)
class Strip:
    """One page's strip of the seal."""

    page: int
    """1-based page number."""
    group: int
    """1-based group of pages the strip's seal is cut for."""
    piece: int
    """0-based position of the page in its group."""
    pieces: int
    """Pages (strips) in the group."""
    strip_mm: tuple[float, float, float, float]
    """The strip on the displayed page: x0, y0, x1, y1 in mm from the top-left."""
    seal_mm: tuple[float, float, float, float]
    """The whole seal it is cut from, on the displayed page (mostly off the page): x0, y0, x1, y1 mm."""
    clip: Rect
    """The strip in the page's user space."""
    matrix: tuple[float, float, float, float, float, float]
    """The ``cm`` matrix painting the whole seal image upright (user space), of which the strip shows a part."""


@dataclass(frozen=True)
class CrossPagePlan:
    """A cross-page seal checked against the document: every strip, in page order."""

    spec: CrossPageSpec
    seal_id: str
    size_mm: tuple[float, float]
    """The seal's width and height (mm)."""
    page_count: int
    groups: tuple[tuple[int, ...], ...]
    """The pages of each group, 1-based."""
    strips: tuple[Strip, ...]

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(s.page for s in self.strips)


@dataclass(frozen=True)
class FoundStrips:
    """The strips of one signature's cross-page seal found in a file (for ``verify``)."""

    field: str
    """The signature field the strips were drawn with."""
    seal: str
    pages: tuple[int, ...]
    """1-based pages now carrying a strip."""
    page_count: int
    """How many pages the document had, each with a strip, when it was stamped."""

    @property
    def complete(self) -> bool:
        return len(self.pages) == self.page_count == len(set(self.pages))


def page_groups(page_count: int, max_strips: int) -> tuple[tuple[int, ...], ...]:
    """Pages 1..``page_count`` in consecutive groups of at most ``max_strips``, as equal as possible."""
    count = max(1, math.ceil(page_count / max_strips))
    base, extra = divmod(page_count, count)
    groups, first = [], 1
    for g in range(count):
        size = base + (1 if g < extra else 0)
        groups.append(tuple(range(first, first + size)))
        first += size
    return tuple(groups)


def _refuse_signed(source: SourcePdf) -> None:
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        signed = [str(name) for name, value, _ in enumerate_sig_fields(source.reader, filled_status=True)]
    except Exception:  # noqa: BLE001 - a form too broken to walk: look for any signature dictionary
        signed = ["?"] if b"/ByteRange" in source.data else []
    if signed:
        raise PlacementError(
            f"{source.path.name} already carries a signature ({', '.join(signed)}): drawing a cross-page seal into "
            "its pages would break it.",
            hint="Stamp the cross-page seal first, on the unsigned document, then the other seals; or stamp this "
            "document without a cross-page seal.",
            code="cross_page_signed", file=source.path.name, fields=", ".join(signed))


def _check_spec(spec: CrossPageSpec, source: SourcePdf) -> None:
    if spec.edge not in EDGES:
        raise PlacementError(f"'{spec.edge}' is not an edge of the page: choose right, left, top or bottom.",
                             code="cross_page_edge", edge=str(spec.edge))
    if source.page_count < 2:
        raise PlacementError(
            f"{source.path.name} has one page: a cross-page seal (骑缝章) joins two pages or more.",
            hint="Stamp this document without a cross-page seal.", code="cross_page_one_page", file=source.path.name)
    if spec.at_mm is not None and not math.isfinite(spec.at_mm):
        raise PlacementError("The cross-page seal's position along the edge is not a number.",
                             code="cross_page_not_a_point", page=1)


def plan_cross_page(source: SourcePdf, spec: CrossPageSpec, *, seal_id: str,
                    size_mm: tuple[float, float]) -> CrossPagePlan:
    """Every strip of the cross-page seal, checked: raise :class:`PlacementError` in words before any secret."""
    _check_spec(spec, source)
    _refuse_signed(source)
    vertical = spec.edge in ("right", "left")
    across = size_mm[0] if vertical else size_mm[1]
    max_strips = int(across / MIN_STRIP_MM + 1e-9)
    if max_strips < MIN_STRIPS:
        raise PlacementError(
            f"Seal '{seal_id}' is {across:g} mm across: too small to be cut into {MIN_STRIPS} strips of "
            f"{MIN_STRIP_MM:g} mm for a cross-page seal.",
            hint="Use a larger seal for the cross-page seal.", code="cross_page_seal_small", seal=seal_id,
            size_mm=across, min_mm=MIN_STRIPS * MIN_STRIP_MM)
    groups = page_groups(source.page_count, max_strips)
    strips = []
    for number, group in enumerate(groups, start=1):
        for piece, page in enumerate(group):
            frame = frame_of_page(source.pages, page, source.path)
            strips.append(_strip(frame, spec, size_mm, page, number, piece, len(group)))
    return CrossPagePlan(spec, seal_id, tuple(size_mm), source.page_count, groups, tuple(strips))


def _strip(frame: PageFrame, spec: CrossPageSpec, size_mm, page: int, group: int, piece: int, pieces: int) -> Strip:
    sw, sh = size_mm
    dw, dh = frame.display_size_mm
    vertical = spec.edge in ("right", "left")
    length, along = (dh, sh) if vertical else (dw, sw)
    at = length / 2 if spec.at_mm is None else float(spec.at_mm)
    if at - along / 2 < -1e-3 or at + along / 2 > length + 1e-3:
        raise PlacementError(
            f"A cross-page seal centred {at:g} mm along the {spec.edge} edge would leave page {page}, which is "
            f"{dw:.1f}×{dh:.1f} mm as displayed.",
            hint=f"Put it between {along / 2:g} and {length - along / 2:.1f} mm.",
            code="cross_page_off_page", page=page, edge=spec.edge, at_mm=at, min_mm=along / 2,
            max_mm=round(length - along / 2, 1))
    width = (sw if vertical else sh) / pieces
    if width > (dw if vertical else dh) + 1e-3:
        raise PlacementError(f"Page {page} is too narrow for a {width:.1f} mm strip of the cross-page seal.",
                             code="cross_page_off_page", page=page, edge=spec.edge, at_mm=at, min_mm=along / 2,
                             max_mm=round(length - along / 2, 1))
    # Which slice of the image this page shows, counted from the image's left (or top): see the module docstring.
    index = piece if spec.edge in ("right", "bottom") else pieces - 1 - piece
    if spec.edge == "right":
        strip = (dw - width, at - sh / 2, dw, at + sh / 2)
        seal_x0 = dw - width * (index + 1)
        seal = (seal_x0, strip[1], seal_x0 + sw, strip[3])
    elif spec.edge == "left":
        strip = (0.0, at - sh / 2, width, at + sh / 2)
        seal = (-width * index, strip[1], -width * index + sw, strip[3])
    elif spec.edge == "bottom":
        strip = (at - sw / 2, dh - width, at + sw / 2, dh)
        seal_y0 = dh - width * (index + 1)
        seal = (strip[0], seal_y0, strip[2], seal_y0 + sh)
    else:  # top
        strip = (at - sw / 2, 0.0, at + sw / 2, width)
        seal = (strip[0], -width * index, strip[2], -width * index + sh)
    clip = _user_rect(frame, strip)
    whole = _user_rect(frame, seal)
    a, b, c, d, e, f = upright_image_matrix(frame.rotation, whole.width, whole.height)
    return Strip(page, group, piece, pieces, tuple(strip), tuple(seal), clip, (a, b, c, d, e + whole.x0, f + whole.y0))


def _user_rect(frame: PageFrame, box_mm) -> Rect:
    x0, y0, x1, y1 = box_mm
    return Rect.from_corners((*frame.display_to_user(x0, y0), *frame.display_to_user(x1, y1)))


# -- drawing, in pyHanko's writer of the signed revision ---------------------------------------------------------

def draw_strips(writer, pages, plan: CrossPagePlan, png: bytes, field_name: str) -> None:
    """Draw every strip of ``plan`` into its page, in the revision ``writer`` is preparing (before it is signed).

    ``pages``: the checked page tree of the document ``writer`` updates (:class:`~.pagetree.PageTree`). Each page
    gets one new content stream, carrying the strip and the mark :func:`find_strips` reads; the seal image and
    its ink are shared by all pages.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    from .appearance import seal_image_xobject

    shared = {
        "/SSSeal": (pdf_name("/XObject"), seal_image_xobject(writer, png)),  # embedded once, shared with the widget
        "/SSInk": (pdf_name("/ExtGState"), writer.add_object(
            generic.DictionaryObject({pdf_name("/BM"): pdf_name("/Multiply")}))),
    }
    opening = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
    for strip in plan.strips:
        page = pages.page(strip.page)
        names = _resources_for(page, shared)
        content = _strip_stream(strip, plan, field_name, names)
        page[pdf_name("/Contents")] = generic.ArrayObject([opening, *_contents(page), writer.add_object(content)])
        writer.update_container(page)


def _resources_for(page, shared: dict) -> dict[str, str]:
    """The page's own resources: its (inherited) ones, plus the seal image and ink under names it does not use.

    The page gets a new direct dictionary: a resource dictionary shared with other pages is left untouched.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    res = _inherited_resources(page)
    own = generic.DictionaryObject({k: res.raw_get(k) for k in res.keys()})
    names = {}
    for wanted, (category, ref) in shared.items():
        old = entry(own, category)
        sub = generic.DictionaryObject({k: old.raw_get(k) for k in old.keys()}) \
            if isinstance(old, generic.DictionaryObject) else generic.DictionaryObject()
        name, n = wanted, 1
        while name in sub:
            n += 1
            name = f"{wanted}{n}"
        sub[pdf_name(name)] = ref
        own[category] = sub
        names[wanted] = name
    page[pdf_name("/Resources")] = own
    return names


def _inherited_resources(page):
    from pyhanko.pdf_utils import generic

    node = page
    for _ in range(64):
        value = entry(node, "/Resources")
        if isinstance(value, generic.DictionaryObject):
            return value
        node = entry(node, "/Parent")
        if node is None:
            break
    return generic.DictionaryObject()


def _strip_stream(strip: Strip, plan: CrossPagePlan, field_name: str, names: dict[str, str]):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string

    clip = strip.clip
    cm = " ".join(f"{v:.4f}" for v in strip.matrix)
    content = (f"\nQ q {names['/SSInk']} gs {clip.x0:.4f} {clip.y0:.4f} {clip.width:.4f} {clip.height:.4f} re W n "
               f"{cm} cm {names['/SSSeal']} Do Q\n").encode("ascii")
    # One name and an array rather than a dictionary: a hundred pages of names are what pyHanko writes slowest.
    mark = generic.ArrayObject([pdf_string(field_name), pdf_string(plan.seal_id), generic.NumberObject(strip.group),
                                generic.NumberObject(strip.piece + 1), generic.NumberObject(strip.pieces),
                                generic.NumberObject(plan.page_count)])
    return generic.StreamObject({pdf_name(_MARK): mark}, stream_data=content)


def _contents(page) -> list:
    from pyhanko.pdf_utils import generic

    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    value = raw.get_object()
    if isinstance(value, generic.ArrayObject):
        return list(value)
    return [raw]


# -- reading back, for verify -------------------------------------------------------------------------------------

def find_strips(pages) -> dict[str, FoundStrips]:
    """The cross-page seals in a file by signature field: which pages carry their strips now."""
    found: dict[str, dict[str, Any]] = {}
    for number, values in page_marks(pages, _MARK):
        try:
            field, seal, _group, _piece, _of, count = values
            item = found.setdefault(str(field), {"seal": str(seal), "pages": [], "count": int(count)})
        except (TypeError, ValueError):  # a mark of another shape: not ours
            continue
        item["pages"].append(number)
    return {f: FoundStrips(f, v["seal"], tuple(v["pages"]), v["count"]) for f, v in found.items()}
