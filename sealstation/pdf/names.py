"""The PDF names a file uses, found in one pass over its raw bytes.

Stream dictionaries are never inside object streams, so every filter name
of a file is in its raw bytes (also when it is encrypted: names are not
encrypted); so are the names of actions and attachments in uncompressed
objects. One regular-expression pass finds both, instead of one pass each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NameScan", "scan_names", "STANDARD_FILTERS", "ACTIVE_NAMES"]

STANDARD_FILTERS = frozenset({
    b"ASCIIHexDecode", b"ASCII85Decode", b"LZWDecode", b"FlateDecode", b"RunLengthDecode",
    b"CCITTFaxDecode", b"JBIG2Decode", b"DCTDecode", b"JPXDecode",
})
"""The filters ISO 32000 defines; anything else (e.g. /BrotliDecode) neither the signer nor most viewers read."""

ACTIVE_NAMES = (b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"RichMedia", b"SubmitForm", b"ImportData")
"""Names of things a document can do by itself when opened."""

_NAME = re.compile(rb"/(" + b"|".join(ACTIVE_NAMES) + rb"|[A-Za-z0-9]+Decode)(?![A-Za-z0-9#])")


@dataclass(frozen=True)
class NameScan:
    """What one pass over a file's bytes found."""

    unknown_filter: tuple[str, int] | None
    """The first filter name outside the standard ones, with its byte offset."""
    active: frozenset[bytes]
    """The names of :data:`ACTIVE_NAMES` that occur."""


def scan_names(data: bytes) -> NameScan:
    unknown, active = None, set()
    for match in _NAME.finditer(data):
        name = match.group(1)
        if name.endswith(b"Decode"):
            if name not in STANDARD_FILTERS and unknown is None:
                unknown = (name.decode(), match.start())
        else:
            active.add(name)
    return NameScan(unknown, frozenset(active))
