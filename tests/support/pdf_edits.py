"""Edits made after a document was stamped, as another tool would make them (pyHanko's incremental writer)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["add_annotation", "add_text", "fill_field"]


def add_annotation(src: Path, out: Path) -> Path:
    """An edit after the lock: pyHanko's incremental writer adds a text annotation to page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(src, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        annot = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (300, 300, 320, 320)]),
            generic.NameObject("/Contents"): generic.TextStringObject("changed after the lock"),
        }))
        annots = page.get("/Annots")
        annots = generic.ArrayObject(list(annots.get_object()) if annots is not None else [])
        annots.append(annot)
        page[generic.NameObject("/Annots")] = annots
        writer.update_container(page)
        with open(out, "wb") as o:
            writer.write(o)
    return out


def add_text(src: Path, out: Path) -> Path:
    """An edit after the lock: pyHanko's incremental writer adds a line of text to page 1's content."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(src, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        font = generic.DictionaryObject({generic.NameObject("/Type"): generic.NameObject("/Font"),
                                         generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                                         generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica")})
        stream = writer.add_object(generic.StreamObject(
            stream_data=b"BT /FAdded 14 Tf 72 500 Td (Amount: 1,000,000) Tj ET"))
        resources = generic.DictionaryObject({generic.NameObject("/Font"): generic.DictionaryObject(
            {generic.NameObject("/FAdded"): writer.add_object(font)})})
        writer.add_stream_to_page(0, stream, resources=resources)
        with open(out, "wb") as o:
            writer.write(o)
    return out


def fill_field(src: Path, out: Path, name: str, value: str) -> Path:
    """Filling a form field afterwards, in an incremental update, as pyHanko's form filler does it."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(src, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        for ref in writer.root["/AcroForm"]["/Fields"]:
            field = ref.get_object()
            if str(field.get("/T")) == name:
                field[generic.NameObject("/V")] = generic.TextStringObject(value)
                writer.update_container(field)
                break
        else:
            raise AssertionError(f"no field {name}")
        with open(out, "wb") as o:
            writer.write(o)
    return out
