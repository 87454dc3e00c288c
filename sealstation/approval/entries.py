"""An approval's seal entries: a seal id, or a seal id with an option the approver approves with it.

A request lists the seals it asks for; each entry is approved (signed by the
approver), reserved and used up by one stamp. An entry may carry an option:

* ``HT-001+cross-page``: seal HT-001 with a cross-page seal (骑缝章): one stamp
  draws the strips on every page and places the seal (one signature covers
  both; see :mod:`sealstation.pdf.cross_page`). A stamp with strips needs this
  entry; a plain ``HT-001`` approves a stamp without strips only.

Seal ids are letters, digits, ``-`` and ``_``, so an entry is never mistaken
for a seal id. Everything that looks a seal up (its kind for the approver's
level, its name) reads the seal the entry names: :func:`seal_of_entry`.
"""

from __future__ import annotations

__all__ = ["CROSS_PAGE_ENTRY", "approval_entry", "seal_of_entry", "is_cross_page_entry"]

CROSS_PAGE_ENTRY = "+cross-page"
"""The option suffix of a seal entry approving the seal with a cross-page seal."""


def approval_entry(seal_id: str, cross_page: bool) -> str:
    """The seal entry an approval must list for this stamp: the seal id, or ``seal_id+cross-page``."""
    return f"{seal_id}{CROSS_PAGE_ENTRY}" if cross_page else seal_id


def seal_of_entry(entry: str) -> str:
    """The seal id a seal entry names."""
    return entry[:-len(CROSS_PAGE_ENTRY)] if entry.endswith(CROSS_PAGE_ENTRY) else entry


def is_cross_page_entry(entry: str) -> bool:
    return entry.endswith(CROSS_PAGE_ENTRY)
