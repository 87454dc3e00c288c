"""Placing a seal by keyword: where a text such as 盖章 or 甲方（盖章） appears on the pages.

The text is matched as the page shows it, by MuPDF's own text search
(PyMuPDF's ``Page.search_for``: the characters as extracted from the page,
ligatures and CJK included, case ignored for Latin letters). When the text is
found nowhere as typed, its full-width/half-width twin is tried once (甲方(盖章)
typed with ASCII brackets finds 甲方（盖章） on the page), because people type
one and documents show the other.

Each match comes back as a :class:`TextMatch` in the placement convention
(mm from the top-left of the page as displayed, after /Rotate and the
CropBox): MuPDF reports positions from the CropBox's top-left before
rotation, which :meth:`PageFrame.unrotated_rect_to_display` turns into
displayed millimetres; :mod:`sealstation.pdf.geometry` stays the one place
that converts coordinates.

Speed: the search is MuPDF's, page by page, over the document already in
memory; converting the few matches costs nothing next to it
(benchmarks/bench_keyword.py: at most 1.2x PyMuPDF's own search).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..errors import AnchorNotFoundError, DamagedPdfError
from ..model import Placement
from .document import SourcePdf, frame_of_page
from .faults import in_words
from .forms import open_quietly
from .geometry import PageFrame, Rect

__all__ = ["Anchor", "TextMatch", "MATCH_CHOICES", "find_text", "anchor_placements", "choose_matches",
           "seal_phrases", "SEAL_WORDS"]

MATCH_CHOICES = ("first", "last", "all")
"""Which matches of a keyword get a seal: the first in reading order, the last, or every one."""

SEAL_WORDS = ("盖章", "签章", "印章", "公章", "用印", "签字", "签名", "seal", "stamp")
"""What a phrase that marks a place for a seal contains (甲方（盖章）, 签章处, Seal here …)."""

_HALF_TO_FULL = str.maketrans("():;,", "（）：；，")
_FULL_TO_HALF = str.maketrans("（）：；，", "():;,")
_TRAILING = re.compile(r"[:：_＿\s]+$")


@dataclass(frozen=True)
class Anchor:
    """A keyword to centre the seal on."""

    text: str
    """The keyword as typed (e.g. 盖章, 甲方（盖章）)."""

    match: str = "first"
    """Which matches get a seal: ``first``, ``last`` or ``all`` (see :data:`MATCH_CHOICES`)."""

    offset_mm: tuple[float, float] = (0.0, 0.0)
    """Where the seal's centre goes from the match's centre: mm right and down on the displayed page."""

    def __post_init__(self) -> None:
        if self.match not in MATCH_CHOICES:
            raise ValueError(f"match must be one of {MATCH_CHOICES}, not {self.match!r}")
        object.__setattr__(self, "offset_mm", (float(self.offset_mm[0]), float(self.offset_mm[1])))


@dataclass(frozen=True)
class TextMatch:
    """One place where the keyword appears."""

    page: int
    """1-based page."""

    box_mm: Rect
    """The matched text's box in mm from the top-left of the page as displayed (y downwards)."""

    @property
    def center_mm(self) -> tuple[float, float]:
        """The box's centre, in the placement convention."""
        return self.box_mm.center


def _variants(text: str) -> tuple[str, ...]:
    others = [v for v in (text.translate(_HALF_TO_FULL), text.translate(_FULL_TO_HALF)) if v != text]
    return tuple(dict.fromkeys(others))


def _search(doc, text: str, indexes: Iterable[int], frame_of) -> list[TextMatch]:
    found = []
    for index in indexes:
        hits = doc.load_page(index).search_for(text)
        if hits:
            frame = frame_of(index + 1)
            found.extend(TextMatch(index + 1, frame.unrotated_rect_to_display(Rect(h.x0, h.y0, h.x1, h.y1)))
                         for h in hits)
    return found


def find_text(source: SourcePdf, text: str, pages: Sequence[int] | None = None) -> tuple[TextMatch, ...]:
    """Every place ``text`` appears on ``pages`` (1-based; default all), in page order then reading order."""
    text = (text or "").strip()
    if not text:
        raise AnchorNotFoundError("No keyword was given to place the seal on.",
                                  hint="Type the words the seal goes on, e.g. 盖章.", code="anchor_empty")
    indexes = [p - 1 for p in pages] if pages is not None else range(source.page_count)
    frames: dict[int, PageFrame] = {}

    def frame_of(page: int) -> PageFrame:
        if page not in frames:
            frames[page] = frame_of_page(source.pages, page, source.path)
        return frames[page]

    try:
        doc = open_quietly(source.data)
    except Exception as exc:  # noqa: BLE001 - MuPDF's failures, told in words
        raise DamagedPdfError(f"The text of {source.path.name} cannot be read: {in_words(exc)}.",
                              path=str(source.path), file=source.path.name, reason=in_words(exc)) from exc
    try:
        if doc.page_count != source.page_count:  # MuPDF repaired the file into other pages: positions would lie
            raise DamagedPdfError(f"{source.path.name} reads as {doc.page_count} page(s) to the text search and "
                                  f"{source.page_count} to the signer.", path=str(source.path),
                                  file=source.path.name, reason="page count differs")
        found = _search(doc, text, indexes, frame_of)
        for other in () if found else _variants(text):
            found = _search(doc, other, indexes, frame_of)
            if found:
                break
    finally:
        doc.close()
    return tuple(found)


def choose_matches(matches: Sequence[TextMatch], match: str) -> tuple[TextMatch, ...]:
    """The matches that get a seal: the first, the last, or all of them."""
    if not matches or match == "all":
        return tuple(matches)
    return (matches[0],) if match == "first" else (matches[-1],)


def anchor_placements(source: SourcePdf, anchor: Anchor, pages: Sequence[int] | None = None, *,
                      matches: Sequence[TextMatch] | None = None) -> tuple[Placement, ...]:
    """Where the seal goes for ``anchor``: one placement per chosen match, its centre shifted by the offset.

    ``matches``: the keyword's matches when already found (:func:`find_text` over ``pages``), not searched again.
    Raises :class:`AnchorNotFoundError` naming the keyword and the pages searched when it appears nowhere.
    """
    if matches is None:
        matches = find_text(source, anchor.text, pages)
    if not matches:
        where = "" if pages is None else f" on page(s) {_pages_words(pages)}"
        raise AnchorNotFoundError(
            f"The keyword '{anchor.text}' appears nowhere{where} in {source.path.name}.",
            hint="Check the keyword as the document shows it (or choose one the document contains), or give the "
                 "place with a page and a position.",
            text=anchor.text, file=source.path.name, pages_searched=_pages_words(pages) if pages else "")
    dx, dy = anchor.offset_mm
    out = []
    for m in choose_matches(matches, anchor.match):
        cx, cy = m.center_mm
        out.append(Placement(m.page, (cx + dx, cy + dy)))
    return tuple(out)


def _pages_words(pages: Sequence[int] | None) -> str:
    if not pages:
        return ""
    pages = list(pages)
    return ", ".join(str(p) for p in pages) if len(pages) <= 8 else f"{pages[0]}–{pages[-1]}"


def seal_phrases(source: SourcePdf, *, limit: int = 20, max_pages: int = 200) -> tuple[str, ...]:
    """The phrases of the document that mark a place for a seal (甲方（盖章）, 签章处 …), each once, in order.

    For the window's list of keywords to choose from. Words are read as MuPDF
    extracts them (split at spaces); the first and last ``max_pages`` / 2
    pages are read, where seal places are, so a long document answers quickly.
    """
    try:
        doc = open_quietly(source.data)
    except Exception as exc:  # noqa: BLE001
        raise DamagedPdfError(f"The text of {source.path.name} cannot be read: {in_words(exc)}.",
                              path=str(source.path), file=source.path.name, reason=in_words(exc)) from exc
    found: dict[str, None] = {}
    try:
        n = doc.page_count
        half = max_pages // 2
        indexes = range(n) if n <= max_pages else [*range(half), *range(n - half, n)]
        for index in indexes:
            for word in doc.load_page(index).get_text("words"):
                phrase = _TRAILING.sub("", word[4])
                if 1 < len(phrase) <= 30 and any(w in phrase.lower() for w in SEAL_WORDS):
                    found.setdefault(phrase)
                    if len(found) >= limit:
                        return tuple(found)
    finally:
        doc.close()
    return tuple(found)
