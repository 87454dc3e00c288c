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

from typing import Any

from ..errors import DamagedPdfError
from .faults import in_words
from .objects import entry

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never read a PDF need not pay.
__all__ = ["PageTree", "walk_page_tree", "MAX_PAGES", "MAX_DEPTH", "READ_ALL_UP_TO"]

MAX_PAGES = 100_000
"""More pages than any office document has; a bigger claim is damage or an attack."""

MAX_DEPTH = 256
"""Nesting of /Pages nodes; real writers use a handful of levels."""

READ_ALL_UP_TO = 200
"""Documents of up to this many pages have every page dictionary read at approval."""

_HINT = (
    "The document's page list is damaged. Get an intact copy from its author "
    "(or re-export it as PDF), then have it approved."
)


class PageTree:
    """The pages of a document in order, as the signer will find them.

    Built by :func:`walk_page_tree`. Pages under a node that counts exactly
    one page per kid are taken as pages without being read (see
    :meth:`_Walk.all_leaves`); when one turns out to be a /Pages node after
    all, the whole tree is walked again, reading everything.
    """

    def __init__(self, refs: list[Any], reader, name: str, complete: bool) -> None:
        self.refs: tuple[Any, ...] = tuple(refs)
        """pyHanko indirect references of the pages, page 1 first."""
        self._reader, self._name, self._complete = reader, name, complete
        self._index: dict[int, int] | None = None

    def index_of(self, idnum: int) -> int | None:
        """0-based index of the page whose object number is ``idnum``."""
        if self._index is None:
            self._index = {ref.idnum: i for i, ref in enumerate(self.refs)}
        return self._index.get(idnum)

    def __len__(self) -> int:
        return len(self.refs)

    def page(self, number: int):
        """The dictionary of 1-based page ``number``, checked to be a page."""
        from pyhanko.pdf_utils import generic

        ref = self.refs[number - 1]
        fail = _Walk(self._name).fail
        try:
            page = ref.get_object()
        except Exception as exc:  # noqa: BLE001 - a page that cannot be parsed, told in words
            raise fail(f"page {number} (object {ref.idnum}) cannot be read: {in_words(exc)}") from exc
        if not isinstance(page, generic.DictionaryObject):
            raise fail(f"object {ref.idnum} in its page list is not a page")
        kind = entry(page, "/Type")
        if kind == "/Pages" and not self._complete:
            # A /Pages node with one page where a page was presumed: read the whole tree.
            full = walk_page_tree(self._reader, self._name, trust_counts=False)
            self.refs, self._index, self._complete = full.refs, None, True
            return self.page(number)
        if kind != "/Page":
            what = "has no /Type entry" if kind is None else f"has the type {kind}, not /Page"
            raise fail(f"the page tree entry for page {number} (object {ref.idnum}) {what}")
        return page


class _Walk:
    def __init__(self, name: str, trust_counts: bool = True) -> None:
        self.name, self.trust_counts = name, trust_counts
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
        claimed = entry(node, "/Count")
        if self.all_leaves(kids, claimed):
            return len(kids)
        found = sum(self.node(kid, depth + 1) for kid in kids)
        if not isinstance(claimed, int) or isinstance(claimed, bool) or claimed != found:
            raise self.fail(f"its page list (object {ref.idnum}) claims {claimed!s} page(s) but holds {found}")
        return found


    def all_leaves(self, kids, claimed) -> bool:
        """Take the kids as pages, unread, when the node counts exactly one page per kid.

        Reading every page dictionary costs pyHanko about 0.1 ms a page; the
        interior of the tree (where cycles and false counts live) is always
        read. A kid that is not a page after all is found where it matters:
        the page a seal goes on is read in full when the stamp is planned, and
        pyHanko reads the pages before it when it finds that page.
        """
        from pyhanko.pdf_utils import generic

        if not self.trust_counts or claimed != len(kids) or len(self.pages) + len(kids) > MAX_PAGES:
            return False
        refs = [kids.raw_get(i) for i in range(len(kids))]
        keys = {(r.idnum, r.generation) for r in refs if isinstance(r, generic.IndirectObject)}
        if len(keys) != len(refs) or keys & self.seen:
            return False  # not all references, or a repeat: read them and say what is wrong
        self.seen |= keys
        self.pages.extend(refs)
        return True


def walk_page_tree(reader, name: str = "The document", *, trust_counts: bool = True) -> PageTree:
    """The document's pages, checked; :class:`DamagedPdfError` with the reason in words.

    Every page dictionary of a document of up to :data:`READ_ALL_UP_TO`
    pages is read; in a larger one (reading costs pyHanko about 0.1 ms a page)
    the interior of the tree is, and pages are taken on their nodes' counts
    (``trust_counts=False`` reads them all). Page 1 is always read and checked.
    """
    walk = _Walk(name, trust_counts)
    try:
        root = reader.root
        if "/Pages" not in root:
            raise walk.fail("it has no page list (/Pages)")
        claimed = entry(root.raw_get("/Pages"), "/Count")
        walk.trust_counts = trust_counts and isinstance(claimed, int) and claimed > READ_ALL_UP_TO
        walk.node(root.raw_get("/Pages"), 0)
    except DamagedPdfError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure here is damage, told in words
        raise walk.fail(f"its page list cannot be read: {in_words(exc)}") from exc
    if not walk.pages:
        raise walk.fail("it has no pages")
    tree = PageTree(walk.pages, reader, name, complete=not walk.trust_counts)
    tree.page(1)
    return tree
