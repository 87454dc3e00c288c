"""One signature for a page set: the seal image repeated on the other pages, in the signed revision.

A stamp over several pages (a page set, or every match of a keyword) makes
**one** signature, not one per page:

* one approval allows one use of the seal on one document; the stamp over a
  page set is that one use, journalled and reserved once;
* a signature field has exactly one widget (pyHanko, and every viewer's
  signature panel, treat a field as one place), so a seal on *n* pages as
  signatures would be *n* fields, *n* revisions, *n* PIN operations and *n*
  lines in every viewer's signature panel for what the office approved as one
  act;
* the images drawn into the other pages belong to the very revision the
  signature covers (its byte range reaches the end of the file): removing or
  moving any of them afterwards is a change after the signature, which
  ``sealstation verify``, pdfsig and every PDF viewer report.

The signature's own widget carries the first seal (the one on the first page
of the set); each other place gets the same image, drawn upright at true size
with the same multiply ink, as page content: like ink on paper, it cannot be
selected, moved or hidden as an annotation could. The page's own content is
wrapped in ``q … Q`` first, so whatever graphics state it leaves behind cannot
shift or clip the seal. This is the model the cross-page seal (骑缝章) uses for
its strips. The stream that draws them is marked with the signature's field
(:data:`REPEAT_MARK`), so that ``verify`` lists the pages the seal is on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from .appearance import _image_streams, encode_seal_image
from .geometry import SealBox, upright_image_matrix
from .objects import page_marks

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never sign need not pay.
__all__ = ["draw_repeats", "find_repeats", "FoundRepeats", "REPEAT_MARK"]

_MARK = "/SealStationRepeat"
REPEAT_MARK = _MARK.encode("ascii")
"""The key of a drawing stream's dictionary naming the signature it belongs to: ``[field seal places]``."""


@dataclass(frozen=True)
class FoundRepeats:
    """The pages one signature's seal was drawn on besides its own widget's (for ``verify``)."""

    field: str
    """The signature field the drawings were made with."""
    seal: str
    pages: tuple[int, ...]
    """1-based pages carrying a drawing of the seal now."""
    places: int
    """How many places the seal was put in when it was stamped, its widget's included."""


def _free_name(existing, stem: str) -> str:
    n = 1
    while f"/{stem}{n}" in existing:
        n += 1
    return f"/{stem}{n}"


def _names_on_page(writer, page_ix: int) -> tuple[set, set]:
    """The XObject and ExtGState names the page's resources already use."""
    from pyhanko.pdf_utils import generic

    _page_ref, res = writer.find_page_for_modification(page_ix)
    res = res.get_object() if isinstance(res, generic.IndirectObject) else res
    names = []
    for key in ("/XObject", "/ExtGState"):
        try:
            names.append(set(res[key].get_object().keys()) if res is not None and key in res else set())
        except Exception:  # noqa: BLE001 - a damaged resource entry: our names only have to avoid real ones
            names.append(set())
    return names[0], names[1]


def _placement_ops(box: SealBox, image: str, ink: str) -> bytes:
    a, b, c, d, e, f = upright_image_matrix(box.rotation, box.rect.width, box.rect.height)
    cm = " ".join(f"{v:.4f}" for v in (a, b, c, d, e + box.rect.x0, f + box.rect.y0))
    return f"q {ink} gs {cm} cm {image} Do Q\n".encode("ascii")


def draw_repeats(writer, boxes: Sequence[SealBox], png: bytes, *, field: str = "", seal: str = "") -> None:
    """Draw the seal image ``png`` into the pages at ``boxes`` (user-space rects), as updates in ``writer``.

    The image is embedded once and shared by every page. Called on the
    revision's writer before pyHanko adds the signature, so that the
    signature covers these drawings. ``field`` and ``seal`` mark each page's
    drawing as that signature's.
    """
    if not boxes:
        return
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    image_ref = _image_streams(writer, encode_seal_image(png))
    ink_ref = writer.add_object(generic.DictionaryObject({pdf_name("/Type"): pdf_name("/ExtGState"),
                                                          pdf_name("/BM"): pdf_name("/Multiply")}))
    by_page: dict[int, list[SealBox]] = defaultdict(list)
    for box in boxes:
        by_page[box.placement.page].append(box)
    for page, page_boxes in sorted(by_page.items()):
        index = page - 1
        xobjects, states = _names_on_page(writer, index)
        image, ink = _free_name(xobjects, "SealStationSeal"), _free_name(states, "SealStationInk")
        ops = b"".join(_placement_ops(box, image, ink) for box in page_boxes)
        resources = generic.DictionaryObject({
            pdf_name("/XObject"): generic.DictionaryObject({pdf_name(image): image_ref}),
            pdf_name("/ExtGState"): generic.DictionaryObject({pdf_name(ink): ink_ref}),
        })
        writer.add_stream_to_page(index, writer.add_object(generic.StreamObject(stream_data=b"q\n")), prepend=True)
        mark = generic.ArrayObject([generic.TextStringObject(field), generic.TextStringObject(seal),
                                    generic.NumberObject(len(boxes) + 1)])
        drawing = generic.StreamObject({pdf_name(_MARK): mark}, stream_data=b"Q\n" + ops)
        writer.add_stream_to_page(index, writer.add_object(drawing), resources=resources)


def find_repeats(pages) -> dict[str, FoundRepeats]:
    """The seals repeated on other pages in a file, by signature field: which pages carry them now."""
    found: dict[str, dict] = {}
    for number, values in page_marks(pages, _MARK):
        try:
            field, seal, places = values
            item = found.setdefault(str(field), {"seal": str(seal), "pages": [], "places": int(places)})
        except (TypeError, ValueError):  # a mark of another shape: not ours
            continue
        item["pages"].append(number)
    return {f: FoundRepeats(f, v["seal"], tuple(v["pages"]), v["places"]) for f, v in found.items()}
