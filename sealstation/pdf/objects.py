"""Reading pyHanko's PDF objects with every reference resolved.

``dict.get`` on a pyHanko dictionary returns the raw entry: an indirect
reference, or in an encrypted file a proxy that decrypts on access. Code
that walks a document must resolve both, everywhere; these helpers do it.
"""

from __future__ import annotations

from typing import Any, Iterator

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never read a PDF need not pay.
__all__ = ["entry", "elements", "resolved", "page_marks"]


def resolved(obj: Any) -> Any:
    """The object behind a reference or decryption proxy (``obj`` itself otherwise)."""
    return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj


def entry(dictionary: Any, key: str) -> Any:
    """``dictionary[key]`` resolved, or ``None`` when absent (or null, or not a dictionary)."""
    from pyhanko.pdf_utils import generic

    dictionary = resolved(dictionary)
    if not isinstance(dictionary, generic.DictionaryObject) or key not in dictionary:
        return None
    try:
        return dictionary[key]
    except KeyError:  # pyHanko reports a null value as absent
        return None


def elements(array: Any) -> Iterator[Any]:
    """The resolved elements of an array (nothing when ``array`` is not one)."""
    from pyhanko.pdf_utils import generic

    array = resolved(array)
    if isinstance(array, generic.ArrayObject):
        for i in range(len(array)):
            yield array[i]


def page_marks(pages, key: str) -> Iterator[tuple[int, list]]:
    """(1-based page, the mark's values resolved) of each content stream of ``pages`` whose dictionary carries the
    array ``key``: the drawings SealStation marks as a signature's (cross-page strips, repeated seals). A page that
    cannot be read, or a mark that is not one, is passed over: it carries nothing to show."""
    for number, ref in enumerate(pages.refs, start=1):
        try:
            marks = [entry(stream, key) for stream in elements(entry(ref, "/Contents"))]
        except Exception:  # noqa: BLE001 - a damaged page: nothing of ours to find on it
            continue
        for mark in marks:
            try:
                values = [value.get_object() for value in mark] if mark is not None else None
            except Exception:  # noqa: BLE001 - not an array of ours
                continue
            if values is not None:
                yield number, values
