"""A form's own place for the seal: its signature fields (盖章处).

Forms made for sealing often carry an empty signature field where the seal
belongs. :func:`signature_fields` lists a document's signature fields with
their page and their box in the placement convention, and whether each is
signed already; :func:`empty_field` finds one by name for the stamp, refusing
a missing, signed or page-less one with words, at planning.

The stamp signs *into* that field (pyHanko fills an existing empty field of
the name it is given). The seal keeps its true size (a seal's size is part
of what it is) and is centred on the field's box: the field's widget is
given the seal's rectangle in the signed revision, so the seal is neither
stretched to the field's shape nor clipped by it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SignatureFieldError
from ..model import Placement
from .document import SourcePdf, frame_of_page
from .geometry import Rect
from .objects import elements, entry

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never read a PDF need not pay.
__all__ = ["SignatureField", "signature_fields", "empty_field", "move_widget"]


@dataclass(frozen=True)
class SignatureField:
    """A signature field of the document and where its widget is."""

    name: str
    """Fully qualified field name (parent.child), as pyHanko signs into it."""

    page: int
    """1-based page of its widget; 0 when the widget is on no page of the document."""

    box_mm: Rect | None
    """The widget's box in mm from the top-left of the page as displayed; None when not on a page."""

    signed: bool
    """Already holds a signature (cannot take the seal)."""

    @property
    def placement(self) -> Placement:
        """The seal centred on the field's box."""
        return Placement(self.page, self.box_mm.center)


def _widget(field, field_ref):
    """The field's one widget and its reference: the field itself when merged with it, else its first kid."""
    if entry(field, "/Rect") is not None:
        return field, field_ref
    kids = field.raw_get("/Kids") if "/Kids" in field else None
    kids = kids.get_object() if kids is not None else None
    if not kids:
        return None, None
    ref = kids.raw_get(0)
    return ref.get_object(), ref


def _page_of(source: SourcePdf, widget, widget_ref) -> int:
    page_ref = widget.raw_get("/P") if "/P" in widget else None
    if page_ref is not None and hasattr(page_ref, "idnum"):
        index = source.pages.index_of(page_ref.idnum)
        if index is not None:
            return index + 1
    # /P is optional: look for the widget in each page's /Annots.
    target = getattr(widget_ref, "idnum", None)
    for number, ref in enumerate(source.pages.refs, start=1):
        annots = entry(ref, "/Annots")
        raw = annots.get_object() if annots is not None else None
        for item in raw or ():
            if getattr(item, "idnum", None) == target:
                return number
    return 0


def signature_fields(source: SourcePdf) -> tuple[SignatureField, ...]:
    """The document's signature fields, in the form's order."""
    from pyhanko.sign.fields import enumerate_sig_fields

    found = []
    try:
        listed = list(enumerate_sig_fields(source.reader))
    except Exception:  # noqa: BLE001 - a broken form offers no field; stamping at a point still works
        return ()
    for name, value, field_ref in listed:
        field = field_ref.get_object()
        widget, widget_ref = _widget(field, field_ref)
        page, box = 0, None
        if widget is not None:
            page = _page_of(source, widget, widget_ref)
            rect = entry(widget, "/Rect")
            if page and rect is not None:
                frame = frame_of_page(source.pages, page, source.path)
                corners = Rect.from_corners(float(v) for v in elements(rect))
                x0, y0 = frame.user_to_display(corners.x0, corners.y0)
                x1, y1 = frame.user_to_display(corners.x1, corners.y1)
                box = Rect.from_corners((x0, y0, x1, y1))
            else:
                page = 0
        found.append(SignatureField(str(name), page, box, value is not None))
    return tuple(found)


def empty_field(source: SourcePdf, name: str) -> SignatureField:
    """The empty signature field ``name`` on a page; :class:`SignatureFieldError` in words otherwise."""
    fields = signature_fields(source)
    for field in fields:
        if field.name == name:
            if field.signed:
                raise SignatureFieldError(
                    f"The signature field '{name}' of {source.path.name} is already signed.",
                    hint="Choose an empty signature field, or place the seal by position or keyword.",
                    code="field_signed", field=name, file=source.path.name)
            if not field.page or field.box_mm is None:
                raise SignatureFieldError(
                    f"The signature field '{name}' of {source.path.name} is on no page.",
                    hint="Place the seal by position or keyword instead.",
                    code="field_off_page", field=name, file=source.path.name)
            return field
    empty = [f.name for f in fields if not f.signed and f.page]
    raise SignatureFieldError(
        f"{source.path.name} has no signature field named '{name}'"
        + (f"; its empty ones are: {', '.join(empty)}." if empty else "; it has no empty signature field."),
        hint="Choose one of the document's empty signature fields, or place the seal by position or keyword.",
        code="field_missing", field=name, file=source.path.name, fields=", ".join(empty) or "-")


def move_widget(writer, field_name: str, rect: Rect) -> None:
    """Give the empty field's widget the seal's rectangle, in the revision being signed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.form_tools import get_single_field_annot
    from pyhanko.sign.fields import enumerate_sig_fields

    for name, _value, field_ref in enumerate_sig_fields(writer, filled_status=False, with_name=field_name):
        field = field_ref.get_object()
        annot = get_single_field_annot(field)
        annot[generic.pdf_name("/Rect")] = generic.ArrayObject(generic.FloatObject(v) for v in rect.as_tuple())
        # The widget is the field dictionary itself, or its one kid: update whichever holds /Rect.
        if annot is field:
            writer.update_container(field)
        else:
            writer.update_container(annot)
        return
