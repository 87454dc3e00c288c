"""Walking a PDF's page tree once, safely: references resolved, no cycles, sane sizes.

Every consumer of page numbers (approval, planning, the signer, verify) must
agree on which object is page *n*. pyHanko finds a page by descending the
tree by the ``/Count`` of each node, so this walk checks what that descent
relies on: every kid is an indirect reference to a ``/Pages`` or ``/Page``
dictionary, every ``/Count`` equals the pages under it, no node appears
twice (a cycle, or a page shared by two parents), and the tree is neither
absurdly deep nor absurdly large. A tree that passes is one every later step
can walk without surprises; one that fails is refused with the reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DamagedPdfError
from .faults import in_words
from .objects import entry

__all__ = ["PageTree", "walk_page_tree", "MAX_PAGES", "MAX_DEPTH"]

MAX_PAGES = 100_000
"""More pages than any office document has; a bigger claim is damage or an attack."""

MAX_DEPTH = 256
"""Nesting of /Pages nodes; real writers use a handful of levels."""

_HINT = (
    "The document's page list is damaged. Get an intact copy from its author "
    "(or re-export it as PDF), then have it approved."
)


@dataclass(frozen=True)
class PageTree:
    """The pages of a document in order, as the signer will find them."""

    refs: tuple[Any, ...]
    """pyHanko indirect references of the pages, page 1 first."""

    def index_of(self, idnum: int) -> int | None:
        """0-based index of the page whose object number is ``idnum``."""
        if not hasattr(self, "_index"):
            object.__setattr__(self, "_index", {ref.idnum: i for i, ref in enumerate(self.refs)})
        return self._index.get(idnum)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self.refs)


class _Walk:
    def __init__(self, name: str) -> None:
        self.name = name
        self.pages: list[Any] = []
        self.seen: set[tuple[int, int]] = set()

    def fail(self, what: str) -> DamagedPdfError:
        return DamagedPdfError(f"{self.name} cannot be stamped: {what}.", hint=_HINT)

    def node(self, ref, depth: int) -> int:
        """Walk the subtree at ``ref``; return the number of pages in it."""
        from pyhanko.pdf_utils import generic

        if not isinstance(ref, generic.IndirectObject):
            raise self.fail("an entry of its page list is not a reference to a page")
        key = (ref.idnum, ref.generation)
        if key in self.seen:
            raise self.fail(f"its page list loops back on itself (object {ref.idnum} appears twice)")
        self.seen.add(key)
        node = ref.get_object()
        if not isinstance(node, generic.DictionaryObject):
            raise self.fail(f"object {ref.idnum} in its page list is not a page")
        kind = entry(node, "/Type")
        if kind == "/Page":
            if len(self.pages) >= MAX_PAGES:
                raise self.fail(f"it has more than {MAX_PAGES} pages")
            self.pages.append(ref)
            return 1
        if kind != "/Pages":
            page_no = len(self.pages) + 1
            what = "has no /Type entry" if kind is None else f"has the unknown type {kind}"
            raise self.fail(f"the page tree entry for page {page_no} (object {ref.idnum}) {what}")
        if depth > MAX_DEPTH:
            raise self.fail(f"its page list is nested more than {MAX_DEPTH} levels deep")
        kids = entry(node, "/Kids")
        if not isinstance(kids, generic.ArrayObject):
            raise self.fail(f"the page list node (object {ref.idnum}) has no list of pages (/Kids)")
        found = sum(self.node(kid, depth + 1) for kid in kids)
        claimed = entry(node, "/Count")
        if not isinstance(claimed, int) or isinstance(claimed, bool) or claimed != found:
            raise self.fail(f"its page list (object {ref.idnum}) claims {claimed!s} page(s) but holds {found}")
        return found


def walk_page_tree(reader, name: str = "The document") -> PageTree:
    """The document's pages, checked; :class:`DamagedPdfError` with the reason in words."""
    walk = _Walk(name)
    try:
        root = reader.root
        if "/Pages" not in root:
            raise walk.fail("it has no page list (/Pages)")
        walk.node(root.raw_get("/Pages"), 0)
    except DamagedPdfError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure here is damage, told in words
        raise walk.fail(f"its page list cannot be read: {in_words(exc)}") from exc
    if not walk.pages:
        raise walk.fail("it has no pages")
    return PageTree(tuple(walk.pages))
