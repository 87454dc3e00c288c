"""Where the seal goes, said the ways offices say it: at a point, on a keyword, on a page set, in a form's field.

A :class:`PlacementRule` is what the custodian asks for (the CLI's
``--at``/``--pages``/``--anchor-text``/``--field``, the window's choices); it
is resolved against one document by :func:`resolve_places` into the places of
the seal in the placement convention, at planning, before any secret:

* ``at_mm`` on ``pages`` — the same point on every page of the set (this
  page by default);
* ``anchor`` — centred on the keyword's first, last or every match (offset in
  mm), searched on ``pages`` (every page by default); found nowhere → refused;
* ``field`` — centred in the document's empty signature field of that name
  (the signature then fills that field).

A rule gives one stamp: one signature whose widget holds the first place's
seal, the others repeated in the same revision (:mod:`sealstation.pdf.repeats`
says why), one use of the approval. A batch gives each document the same
rule: a keyword lands wherever each document shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ..errors import PlacementError, SignatureFieldError
from ..model import Placement
from .anchors import Anchor, TextMatch, anchor_placements, find_text
from .document import SourcePdf, frame_of_page
from .geometry import SealBox
from .page_sets import PageSet, parse_page_set
from .repeats import draw_repeats
from .sig_fields import empty_field, move_widget

__all__ = ["PlacementRule", "SealPlaces", "resolve_places", "places_spec", "places_facts", "revision_additions"]


@dataclass(frozen=True)
class PlacementRule:
    """How the person said where the seal goes; exactly one of ``at_mm``, ``anchor``, ``field``."""

    at_mm: tuple[float, float] | None = None
    """The seal's centre in mm from the top-left of each page as displayed."""

    page: int = 1
    """"This page": the page being looked at or given with ``--page`` (the set ``this``; the default)."""

    pages: PageSet | None = None
    """The pages to stamp (``at_mm``) or to search (``anchor``); None: this page, or every page for a keyword."""

    anchor: Anchor | None = None
    """Centre the seal on this keyword."""

    field: str | None = None
    """Sign into the document's empty signature field of this name."""

    def __post_init__(self) -> None:
        given = [x is not None for x in (self.at_mm, self.anchor, self.field)]
        if sum(given) != 1:
            raise ValueError("a placement rule needs exactly one of at_mm, anchor, field")
        if self.field is not None and self.pages is not None:
            raise ValueError("a signature field is on its own page: it takes no page set")

    @classmethod
    def parse_pages(cls, text: str | None) -> PageSet | None:
        """The page set of ``--pages`` (None when not given)."""
        return parse_page_set(text) if text else None


@dataclass(frozen=True)
class SealPlaces:
    """A rule resolved against a document."""

    placements: tuple[Placement, ...]
    """Every place of the seal, in page order; the first is the signature's own widget."""

    field_name: str | None = None
    """The existing empty signature field signed into, when the rule named one."""

    matches: tuple[TextMatch, ...] = ()
    """Every match of the keyword on the pages searched (the preview highlights them all)."""


def resolve_places(source: SourcePdf, rule: PlacementRule) -> SealPlaces:
    """The places of the seal on ``source``; page sets, keywords and fields refused in words, before any secret."""
    if rule.field is not None:
        field = empty_field(source, rule.field)
        return SealPlaces((field.placement,), field.name)
    if rule.anchor is not None:
        pages = rule.pages.pages(source.page_count, rule.page) if rule.pages is not None else None
        matches = find_text(source, rule.anchor.text, pages)
        placements = anchor_placements(source, rule.anchor, pages, matches=matches)
        return SealPlaces(placements, None, matches)
    pages = rule.pages.pages(source.page_count, rule.page) if rule.pages is not None else (rule.page,)
    return SealPlaces(tuple(Placement(p, rule.at_mm) for p in pages))



def revision_additions(source: SourcePdf, spec, art, box: SealBox) -> tuple[tuple[SealBox, ...], Callable | None]:
    """What the stamp's revision holds besides the signature (planning's hook, :func:`~.signing.plan_stamp`).

    The seal boxes of ``spec.also_on`` (each checked on its page: a seal that would leave its page is refused
    here), and the drawing that puts them, and the seal's rectangle for an existing field, into the revision
    (``draw(writer, field)``: ``field`` is the signature's, which marks the drawings for ``verify``).
    """
    repeats = tuple(frame_of_page(source.pages, p.page, source.path).seal_box(p, art.size_mm) for p in spec.also_on)
    if repeats and _carries_a_signature(source):
        raise PlacementError(
            f"{source.path.name} already carries a signature: the seal repeated on further places would change "
            "pages that signature covers, and every viewer would then report it as broken.",
            hint="Stamp the page set (or every match) as the request's first seal, on the unsigned document; on a "
                 "signed one, put this seal in one place.",
            code="repeats_on_signed", file=source.path.name, places=len(repeats) + 1)
    field_name = spec.field_name if spec.into_field else None
    move = False
    if field_name is not None:
        field = empty_field(source, field_name)  # still empty and on a page (the plan may be made again later)
        # Resizing the field's widget to the seal is a change an earlier signature forbids: on a signed document the
        # field keeps its box, and the seal (centred in it at true size) must fit in it.
        move = not _carries_a_signature(source)
        if not move:
            _check_fits(source, field, art.size_mm)
    if not repeats and not move:
        return (), None

    def draw(writer, field: str) -> None:
        if move:
            move_widget(writer, field_name, box.rect)
        draw_repeats(writer, repeats, art.png, field=field, seal=art.seal_id)

    return repeats, draw


def _check_fits(source: SourcePdf, field, size_mm: tuple[float, float]) -> None:
    fw, fh = field.box_mm.width, field.box_mm.height
    sw, sh = size_mm
    if sw > fw + 0.5 or sh > fh + 0.5:
        raise SignatureFieldError(
            f"The signature field '{field.name}' of {source.path.name} ({fw:.0f}×{fh:.0f} mm) is smaller than the "
            f"seal ({sw:g}×{sh:g} mm), and the document already carries a signature, so the field cannot be enlarged.",
            hint="Place the seal by position or keyword instead, where it fits at its true size.",
            code="field_too_small", field=field.name, file=source.path.name, field_width_mm=round(fw),
            field_height_mm=round(fh), seal_width_mm=sw, seal_height_mm=sh)


def _carries_a_signature(source: SourcePdf) -> bool:
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        return any(True for _ in enumerate_sig_fields(source.reader, filled_status=True))
    except Exception:  # noqa: BLE001 - a form pyHanko cannot read holds no signature it could keep valid
        return False


def places_spec(spec, places: SealPlaces):
    """``spec`` (a :class:`~.signing.StampSpec`) placed at ``places``: the first place the signature's, the rest
    repeated; signing into the field when the rule named one."""
    spec = replace(spec, placement=places.placements[0], also_on=places.placements[1:])
    if places.field_name is not None:
        spec = replace(spec, field_name=places.field_name, into_field=True)
    return spec


def places_facts(plan) -> dict:
    """The journal's record of a stamp's further places (``also_on``: [[page, x_mm, y_mm] …]); empty for one seal."""
    if not plan.repeats:
        return {}
    return {"also_on": [[b.placement.page, round(b.placement.center_mm[0], 2), round(b.placement.center_mm[1], 2)]
                        for b in plan.repeats]}
