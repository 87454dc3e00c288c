"""Drawing a form's fields before a seal is added, for forms that leave the drawing to viewers.

LibreOffice, OpenOffice and pdfLaTeX write forms whose fields carry their
values but no up-to-date appearance, and set /NeedAppearances so that each
viewer draws them. A signature forbids that redrawing (pyHanko clears the
flag, as every signer must: viewers that redraw also redraw the seal's widget,
and poppler then shows no seal at all). So before the seal's revision, the
fields are drawn once, by MuPDF, into an incremental update of their own:
what viewers showed before the stamp is what the signed file shows after it.
Only text and choice fields are drawn (their look depends on their value);
check boxes and radio buttons already carry an appearance for each state,
and signature widgets stay as their signers drew them.
"""

from __future__ import annotations

from ..errors import UnsupportedPdfError
from .faults import in_words
from .field_text import fit_text_line

# PyMuPDF is imported where it is used: it takes about 0.06 s, which commands that never render need not pay.
__all__ = ["draw_form_fields", "open_quietly"]


def open_quietly(data: bytes):
    """A PyMuPDF document over ``data``; MuPDF's own complaints go into the raised error, not to stderr."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    return pymupdf.open(stream=data, filetype="pdf")


def draw_form_fields(data: bytes, name: str = "the document") -> bytes:
    """``data`` followed by an incremental update holding an appearance for every field widget."""
    from pymupdf import mupdf

    try:
        doc = open_quietly(data)
        try:
            pdf = mupdf.pdf_document_from_fz_document(doc.this)
            for index in range(doc.page_count):
                _draw_page_widgets(mupdf, mupdf.pdf_load_page(pdf, index))
            options = mupdf.PdfWriteOptions()
            options.do_incremental = 1
            buffer = mupdf.FzBuffer(len(data) + 65536)
            output = mupdf.FzOutput(buffer)
            mupdf.pdf_write_document(pdf, output, options)
            output.fz_close_output()
            updated = buffer.fz_buffer_extract()
        finally:
            doc.close()
    except Exception as exc:  # noqa: BLE001 - MuPDF's failures, told in words
        raise UnsupportedPdfError(
            f"The form fields of {name} cannot be drawn for stamping: {in_words(exc)}.",
            hint="Ask for a copy with the form flattened (or printed to PDF), then have it approved.") from exc
    if updated[: len(data)] != data:  # an incremental update never rewrites what was approved
        raise UnsupportedPdfError(f"The form fields of {name} cannot be drawn without rewriting the document.",
                                  hint="Ask for a copy with the form flattened (or printed to PDF), then have it approved.")
    return bytes(updated)


def _drawn_types(mupdf) -> frozenset:
    return frozenset({mupdf.PDF_WIDGET_TYPE_TEXT, mupdf.PDF_WIDGET_TYPE_COMBOBOX, mupdf.PDF_WIDGET_TYPE_LISTBOX})


def _draw_page_widgets(mupdf, page) -> None:
    drawn = _drawn_types(mupdf)
    widget = mupdf.pdf_first_widget(page)
    while widget.m_internal:
        if mupdf.pdf_widget_type(widget) in drawn:
            mupdf.pdf_dirty_annot(widget)
            mupdf.pdf_update_annot(widget)
            if mupdf.pdf_widget_type(widget) == mupdf.PDF_WIDGET_TYPE_TEXT:
                _fit_text(mupdf, widget)
        widget = mupdf.pdf_next_widget(widget)


def _fit_text(mupdf, widget) -> None:
    """MuPDF's line of text redrawn whole in its box (see :mod:`.field_text`)."""
    obj = mupdf.pdf_annot_obj(widget)
    ap = mupdf.pdf_dict_getp(obj, "AP/N")
    if not ap.m_internal or not mupdf.pdf_is_stream(ap):
        return
    bbox = mupdf.pdf_dict_get_rect(ap, mupdf.pdf_new_name("BBox"))
    # A copy: the buffer may be the one MuPDF keeps for the stream, which extracting would empty.
    content = mupdf.pdf_load_stream(ap).fz_buffer_extract_copy().decode("latin-1")
    border = mupdf.pdf_dict_getp(obj, "MK/BC")
    width = mupdf.pdf_dict_getp(obj, "BS/W")
    bordered = bool(border.m_internal) or (bool(width.m_internal) and mupdf.pdf_to_real(width) > 0)
    fitted = fit_text_line(content, mupdf.pdf_annot_field_value(widget), bbox.y1 - bbox.y0, bordered)
    if fitted is not None:
        mupdf.pdf_update_stream(mupdf.pdf_get_bound_document(obj), ap, mupdf.fz_new_buffer_from_copied_data(
            fitted.encode("latin-1")), 0)
