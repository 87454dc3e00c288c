"""Page sets: which pages of a document one stamp puts the seal on.

A page set is written as offices and printers write it: items separated by
commas, each a page (``3``), a page counted from the end (``-1`` is the last
page, ``-2`` the one before), a range of either (``1-3``, ``2--1`` from page 2
to the last), or a word: ``all`` (every page), ``odd``, ``even``, ``first``,
``last``, ``this`` (the page being looked at, or the one given with
``--page``). The Chinese words offices use (全部, 奇数页, 偶数页, 首页, 末页,
本页) are read too.

A set is read without the document (:func:`parse_page_set`) and resolved
against its page count (:meth:`PageSet.pages`): a page beyond the document is
refused there, at planning, before any secret, with the page and the count in
the error's facts. Pages come back ascending, each once.

One stamp over a page set is one signature: see :mod:`sealstation.pdf.repeats`
for why and how the seal image is repeated on the other pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import PageSetError

__all__ = ["PageSet", "parse_page_set", "THIS_PAGE"]

THIS_PAGE = "this"
"""The set of the one page being looked at (the default of every stamp)."""

_WORDS = {
    "all": "all", "every": "all", "全部": "all", "每页": "all", "所有页": "all",
    "odd": "odd", "奇数页": "odd", "单页": "odd",
    "even": "even", "偶数页": "even", "双页": "even",
    "first": "first", "首页": "first", "第一页": "first",
    "last": "last", "末页": "last", "最后一页": "last", "尾页": "last",
    "this": "this", "本页": "this", "当前页": "this",
}
_ITEM = re.compile(r"^(-?\d+)(?:\s*[-–~～]\s*(-?\d+))?$")
_SEPARATORS = re.compile(r"[,，、;；\s]+")


def _invalid(text: str, item: str) -> PageSetError:
    return PageSetError(
        f"The page set '{text}' cannot be read: '{item}' is not a page, a range or a word such as all, odd, "
        "even, last.",
        hint="Write pages and ranges separated by commas, e.g. 1-3,-1 (pages 1 to 3 and the last page).",
        code="page_set_invalid", pages_text=text, item=item)


@dataclass(frozen=True)
class PageSet:
    """A page set as written, checked for form; its pages are known once the document's page count is."""

    text: str
    """The set as the person wrote it (kept for messages and the journal)."""

    items: tuple[tuple[str, int, int], ...]
    """The parsed items: ``("range", first, last)`` with pages as written (negative: from the end), or
    ``(word, 0, 0)`` for all, odd, even, first, last, this."""

    def pages(self, count: int, this: int = 1) -> tuple[int, ...]:
        """The 1-based pages of a ``count``-page document, ascending, each once; ``this`` is the current page.

        Raises :class:`PageSetError` (``page_set_out_of_range``) when an item names a page the document lacks.
        """
        found: set[int] = set()
        for kind, a, b in self.items:
            if kind == "range":
                first, last = self._page(a, count), self._page(b, count)
                if first > last:
                    raise PageSetError(
                        f"The page range {a}-{b} of '{self.text}' runs backwards in a {count}-page document.",
                        hint="Write the lower page first, e.g. 1-3.",
                        code="page_set_invalid", pages_text=self.text, item=f"{a}-{b}")
                found.update(range(first, last + 1))
            elif kind == "all":
                found.update(range(1, count + 1))
            elif kind == "odd":
                found.update(range(1, count + 1, 2))
            elif kind == "even":
                found.update(range(2, count + 1, 2))
            elif kind == "first":
                found.add(1)
            elif kind == "last":
                found.add(count)
            else:  # this
                found.add(self._page(this, count))
        if not found:  # "even" in a one-page document
            raise PageSetError(
                f"The page set '{self.text}' holds no page of this {count}-page document.",
                hint="Choose pages the document has.",
                code="page_set_empty", pages_text=self.text, pages=count)
        return tuple(sorted(found))

    def _page(self, written: int, count: int) -> int:
        page = count + 1 + written if written < 0 else written
        if not 1 <= page <= count:
            raise PageSetError(
                f"The page set '{self.text}' names page {written}, which this {count}-page document does not have.",
                hint=f"Choose pages from 1 to {count} (or -1 for the last page).",
                code="page_set_out_of_range", pages_text=self.text, page=written, pages=count)
        return page

    @property
    def single(self) -> bool:
        """True for the default set of one page (``this``): a stamp as it always was."""
        return self.items == (("this", 0, 0),)


def parse_page_set(text: str) -> PageSet:
    """Read a page set such as ``1-3,-1``, ``odd`` or ``all``; raise :class:`PageSetError` when it cannot be read."""
    text = (text or "").strip()
    parts = [p for p in _SEPARATORS.split(text) if p]
    if not parts:
        raise _invalid(text, text)
    items = []
    for part in parts:
        word = _WORDS.get(part.lower())
        if word:
            items.append((word, 0, 0))
            continue
        match = _ITEM.match(part)
        if match is None:
            raise _invalid(text, part)
        a = int(match.group(1))
        b = int(match.group(2)) if match.group(2) is not None else a
        if a == 0 or b == 0:
            raise _invalid(text, part)
        items.append(("range", a, b))
    return PageSet(text, tuple(items))
