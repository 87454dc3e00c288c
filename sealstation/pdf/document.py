"""Opening an input PDF for stamping, with every kind of bad input named.

The input file is read once into memory and never written to. Its SHA-256 and
file identity are kept so that a change on disk while stamping is noticed, and
so that approvals (bound to the document's hash) can be checked.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import (
    DamagedPdfError,
    DocumentError,
    EncryptedPdfError,
    InputChangedError,
    NotAPdfError,
    PageOutOfRangeError,
)
from .geometry import PageFrame

__all__ = ["SourcePdf", "FileIdentity", "read_source_pdf", "page_frame_of", "page_count_of"]

_REPAIR_HINT = (
    "The file may be truncated or damaged. Get an intact copy from its author "
    "(or re-export it as PDF), then have it approved again."
)


@dataclass(frozen=True)
class FileIdentity:
    """What identifies a file on disk, to notice it being replaced or edited."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> "FileIdentity":
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass(frozen=True)
class SourcePdf:
    """An input PDF read into memory and checked to be stampable."""

    path: Path
    """Where it was read from."""

    data: bytes
    """The whole file as read (the bytes that are signed)."""

    sha256: str
    """Hex SHA-256 of ``data``."""

    page_count: int
    """Number of pages."""

    identity: FileIdentity
    """The file's identity when it was read."""

    reader: Any = field(default=None, compare=False, repr=False)
    """pyHanko's reader over ``data``, parsed once and shared by planning and signing."""

    def check_unchanged(self) -> None:
        """Raise :class:`InputChangedError` if the file on disk is no longer what was read."""
        try:
            now = FileIdentity.of(self.path)
        except OSError as exc:
            raise InputChangedError(
                f"{self.path} disappeared while it was being stamped.",
                hint="Nothing was stamped. Put the approved file back and stamp again.",
            ) from exc
        if now != self.identity and _sha256_file(self.path) != self.sha256:
            raise InputChangedError(
                f"{self.path} was replaced or edited while it was being stamped.",
                hint="Nothing was stamped. An edited document needs a new approval.",
            )


def _sha256_file(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _read_bytes(path: Path) -> tuple[bytes, FileIdentity]:
    try:
        with open(path, "rb") as f:
            identity = FileIdentity.of(path)
            data = f.read()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path} does not exist.", hint="Check the file name.") from exc
    except IsADirectoryError as exc:
        raise NotAPdfError(f"{path} is a folder, not a PDF file.") from exc
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return data, identity


def _open_reader(data: bytes, path: Path):
    # pyHanko's reader is imported here: it is the parser the signer will use,
    # so a file it cannot read is refused before any PIN is asked for.
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    encrypted = EncryptedPdfError(
        f"{path} is encrypted (password-protected or with usage restrictions).",
        hint="Ask the author for an unencrypted copy; SealStation does not stamp encrypted documents.",
    )
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        if reader.encrypted:
            raise encrypted
        # Touch the structure the signer needs, so damage shows now.
        reader.root["/Pages"]
        reader.root["/Pages"]["/Count"]
    except (EncryptedPdfError, DocumentError):
        raise
    except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        # Some writers put /Encrypt in the trailer directly, which the strict
        # reader rejects before it can say "encrypted": look for it ourselves.
        if b"/Encrypt" in data[-4096:]:
            raise encrypted from exc
        raise DamagedPdfError(f"{path} is damaged: {exc}.", hint=_REPAIR_HINT) from exc
    return reader


def read_source_pdf(path: str | os.PathLike) -> SourcePdf:
    """Read and check an input PDF; raise a :class:`DocumentError` naming the problem."""
    path = Path(path)
    data, identity = _read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(
            f"{path} is not a PDF file (no %PDF header).",
            hint="Open the approved document as PDF.",
        )
    if b"%%EOF" not in data[-2048:]:
        raise DamagedPdfError(f"{path} is truncated (no end-of-file marker).", hint=_REPAIR_HINT)
    reader = _open_reader(data, path)
    count = page_count_of(reader, path)
    return SourcePdf(
        path=path,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=count,
        identity=identity,
        reader=reader,
    )


def page_count_of(reader, path: Path | str = "the document") -> int:
    try:
        return int(reader.root["/Pages"]["/Count"])
    except Exception as exc:  # noqa: BLE001 - any parse failure means damage
        raise DamagedPdfError(f"{path} has no readable page tree: {exc}.", hint=_REPAIR_HINT) from exc


def _inherited(page, key: str):
    node = page
    for _ in range(64):  # a page tree deeper than this is malformed
        if key in node:
            return node[key]
        if "/Parent" not in node:
            return None
        node = node["/Parent"]
    return None


def page_frame_of(reader, page: int, page_count: int, path: Path | str = "the document") -> PageFrame:
    """The :class:`PageFrame` of 1-based ``page``, with inherited boxes and rotation."""
    if not 1 <= page <= page_count:
        raise PageOutOfRangeError(
            f"Page {page} does not exist in {path}, which has {page_count} page(s).",
            hint=f"Choose a page from 1 to {page_count}.",
        )
    try:
        page_ref, _ = reader.find_page_for_modification(page - 1)
        page_dict = page_ref.get_object()
        media = _inherited(page_dict, "/MediaBox")
        if media is None:
            raise DamagedPdfError(f"Page {page} of {path} has no MediaBox.", hint=_REPAIR_HINT)
        return PageFrame.from_boxes(
            media_box=[float(v) for v in media],
            crop_box=_as_box(_inherited(page_dict, "/CropBox")),
            rotation=_inherited(page_dict, "/Rotate"),
            user_unit=page_dict.get("/UserUnit"),
        )
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - parse failures of any kind
        raise DamagedPdfError(f"Page {page} of {path} cannot be read: {exc}.", hint=_REPAIR_HINT) from exc


def _as_box(value):
    return None if value is None else [float(v) for v in value]
