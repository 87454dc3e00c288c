"""Opening an input PDF for stamping, with every kind of bad input named.

The input file is read once into memory and never written to. Its SHA-256 and
file identity are kept so that a change on disk while stamping is noticed, and
so that approvals (bound to the document's hash) can be checked.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
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
    ChangesForbiddenError,
    UnsupportedPdfError,
)
from ..fsutil import NotRegularFileError, file_sha256, open_input
from .faults import in_words
from .forms import open_quietly
from .objects import entry, resolved
from .geometry import PageFrame
from .names import NameScan, scan_names
from .locking import refuse_if_locked, signed_before
from .pagetree import MAX_DEPTH, PageTree, walk_page_tree

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never read a PDF need not pay.
__all__ = ["SourcePdf", "FileIdentity", "read_source_pdf", "frame_of_page", "open_pdf"]

_NOT_A_FILE_HINT = "Give the path of the PDF file itself: a device or a pipe is read forever or not at all."
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

    pages: PageTree | None = field(default=None, compare=False, repr=False)
    """The checked page tree: page *n* here is page *n* for the signer."""

    encrypted: bool = False
    """Encrypted with an owner password only; the stamp is encrypted alike."""

    need_appearances: bool = False
    """The form asks viewers to draw its fields (/NeedAppearances): they are drawn before the seal is added."""

    names: NameScan | None = field(default=None, compare=False, repr=False)
    """The filter and action names found in the file's bytes."""

    signed: bool | None = None
    """The document already carries a filled signature (read with it: the gate decides the seal's lock by it after
    the writer has used the reader, without parsing the file again); None: its form could not be read for it."""

    def check_unchanged(self) -> None:
        """Raise :class:`InputChangedError` if the file on disk is no longer what was read."""
        try:
            now = FileIdentity.of(self.path)
        except OSError as exc:
            raise InputChangedError(
                f"{self.path} disappeared while it was being stamped.",
                hint="Nothing was stamped. Put the approved file back and stamp again.",
                code="input_disappeared", file=self.path.name, path=str(self.path),
            ) from exc
        if now != self.identity and file_sha256(self.path) != self.sha256:
            raise InputChangedError(
                f"{self.path} was replaced or edited while it was being stamped.",
                hint="Nothing was stamped. An edited document needs a new approval.",
                file=self.path.name, path=str(self.path),
            )


def _read_bytes(path: Path) -> tuple[bytes, FileIdentity]:
    try:
        with open_input(path) as f:
            identity = FileIdentity.of(path)
            data = f.read()
    except FileNotFoundError as exc:
        raise DocumentError(f"{path} does not exist.", hint="Check the file name.", code="document_missing",
                            path=str(path), file=path.name) from exc
    except IsADirectoryError as exc:
        raise NotAPdfError(f"{path} is a folder, not a PDF file.", code="not_a_file", path=str(path), file=path.name) from exc
    except NotRegularFileError as exc:
        raise NotAPdfError(f"{path} is {exc.what}, not a PDF file.", hint=_NOT_A_FILE_HINT, code="not_a_file",
                           path=str(path), file=path.name) from exc
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}.", code="document_unreadable", path=str(path), file=path.name,
                            reason=exc.strerror or str(exc)) from exc
    return data, identity


_OBJ_HEADER = re.compile(rb"(\d+)\s+\d+\s+obj\b")


def _open_reader(data: bytes, path: Path):
    # pyHanko's reader, in its tolerant mode, is the parser the signer uses:
    # a file it cannot read is refused before anyone is asked for a password or PIN.
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure is damage, told in words
        if b"/Encrypt" in data[-4096:] and not isinstance(exc, (KeyError, RecursionError)):
            raise EncryptedPdfError(
                f"{path} is encrypted in a way SealStation cannot open ({in_words(exc)}).",
                hint="Ask the author for an unencrypted copy, then have it approved.", path=str(path), file=path.name) from exc
        raise DamagedPdfError(f"{path} is damaged: {in_words(exc)}.", hint=_REPAIR_HINT, path=str(path), file=path.name,
                              reason=in_words(exc)) from exc


def _unlock(reader, path: Path) -> bool:
    """Open an encrypted file with the empty user password; True when it was encrypted.

    Files protected by an owner password only open for everyone; they may be
    stamped when their permissions allow annotations and form filling (a
    signature is a form field). The stamped update is encrypted like the rest.
    """
    from pyhanko.pdf_utils.crypt import AuthStatus, StandardSecurityHandler
    from pyhanko.pdf_utils.crypt.permissions import StandardPermissions

    try:  # pyHanko builds the security handler here, from the file's /Encrypt dictionary
        if not reader.encrypted:
            return False
        handler = reader.security_handler
    except Exception as exc:  # noqa: BLE001 - a malformed /Encrypt, told in words
        raise EncryptedPdfError(f"{path} is encrypted in a way SealStation cannot open ({in_words(exc)}).",
                                hint="Ask the author for an unencrypted copy, then have it approved.", path=str(path), file=path.name) from exc
    if not isinstance(handler, StandardSecurityHandler):
        raise EncryptedPdfError(f"{path} is encrypted for particular recipients' certificates.",
                                hint="Ask the author for an unencrypted copy, then have it approved.",
                                code="encrypted_pdf_certificates", path=str(path), file=path.name)
    try:
        result = reader.decrypt(b"")
    except Exception as exc:  # noqa: BLE001
        raise EncryptedPdfError(f"{path} is encrypted in a way SealStation cannot open ({in_words(exc)}).",
                                hint="Ask the author for an unencrypted copy, then have it approved.", path=str(path), file=path.name) from exc
    if result.status == AuthStatus.FAILED:
        raise _locked(reader, path)
    perms = result.permission_flags
    if result.status == AuthStatus.USER and perms is not None \
            and StandardPermissions.ALLOW_ANNOTS_FORM_FILLING not in perms:
        raise ChangesForbiddenError(
            f"The owner of {path} forbids changes to it: its permissions do not allow adding signatures.",
            hint="Ask the author for a copy that allows signing (or form filling), then have it approved.",
            path=str(path), file=path.name)
    return True


def _locked(reader, path: Path) -> EncryptedPdfError:
    """Why the empty password did not open the file: a real opening password, or a method pyHanko lacks."""
    try:
        with open_quietly(reader.stream.getvalue()) as doc:
            needs_password = doc.needs_pass
        revision = int(reader.trailer["/Encrypt"].get_object()["/R"])
    except Exception:  # noqa: BLE001 - when in doubt, the plain explanation
        needs_password, revision = True, None
    if needs_password:
        return EncryptedPdfError(f"{path} needs a password to open.",
                                 hint="Ask the author for a copy without an opening password, then have it approved.",
                                 code="encrypted_pdf_password", path=str(path), file=path.name)
    return EncryptedPdfError(
        f"{path} is encrypted with a method the signature library cannot update "
        f"(standard security handler, revision {revision}).",
        hint="Ask the author for an unencrypted copy (or one saved with AES encryption), then have it approved.",
        path=str(path), file=path.name)


def _check_filters(scan: NameScan, data: bytes, path: Path) -> None:
    if scan.unknown_filter is None:
        return
    name, at = scan.unknown_filter
    headers = list(_OBJ_HEADER.finditer(data, max(0, at - 4096), at))
    where = f" (object {int(headers[-1].group(1))})" if headers else ""
    raise UnsupportedPdfError(
        f"{path} uses the compression {name}{where}, which SealStation and most "
        "PDF viewers cannot read, so what the document shows cannot be checked.",
        hint="Ask for a copy saved with standard compression (re-export it as PDF), then have it approved.")


def _check_certification(reader, path: Path) -> None:
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation.pdf_embedded import read_certification_data

    try:
        info = read_certification_data(reader)
    except Exception as exc:  # noqa: BLE001
        raise DamagedPdfError(f"The certification of {path} cannot be read: {in_words(exc)}.",
                              hint=_REPAIR_HINT, path=str(path), file=path.name, reason=in_words(exc)) from exc
    if info is not None and info.permission == MDPPerm.NO_CHANGES:
        raise ChangesForbiddenError(
            f"{path} is certified by its author with 'no changes allowed': any seal added would break "
            "the author's certification.",
            hint="Ask the author for a copy certified to allow signing (or not certified), then have it approved.",
            code="certified_no_changes", path=str(path), file=path.name)


def _need_appearances(reader) -> bool:
    try:
        return bool(entry(entry(reader.root, "/AcroForm"), "/NeedAppearances"))
    except Exception:  # noqa: BLE001 - a broken form dictionary is caught when signing is prepared
        return False


def open_pdf(data: bytes, path: Path):
    """pyHanko's reader over ``data``, unlocked when it is an owner-password-only file."""
    reader = _open_reader(data, path)
    _unlock(reader, path)
    return reader


def read_source_pdf(path: str | os.PathLike) -> SourcePdf:
    """Read and check an input PDF; raise a :class:`DocumentError` naming the problem.

    The checks are the same at approval and at stamping, and they run before
    anyone is asked for a password or PIN.
    """
    path = Path(path)
    data, identity = _read_bytes(path)
    if not data:
        raise NotAPdfError(f"{path} is empty (0 bytes).", hint="Get the document again from its author.",
                           code="empty_file", path=str(path), file=path.name)
    if b"%PDF-" not in data[:1024]:
        raise NotAPdfError(
            f"{path} is not a PDF file (no %PDF header).",
            hint="Open the approved document as PDF.",
            path=str(path), file=path.name,
        )
    if not data.startswith(b"%PDF-"):
        raise UnsupportedPdfError(
            f"{path} has {data.index(b'%PDF-')} byte(s) of other data before its PDF header; the signature "
            "library reads only files that start with the header.",
            hint="Ask for a clean copy (re-export it as PDF), then have it approved.")
    if b"%%EOF" not in data[-65536:]:
        raise DamagedPdfError(f"{path} is truncated (no end-of-file marker).", hint=_REPAIR_HINT,
                              code="damaged_pdf_truncated", path=str(path), file=path.name)
    scan = scan_names(data)
    _check_filters(scan, data, path)
    reader = _open_reader(data, path)
    encrypted = _unlock(reader, path)
    pages = walk_page_tree(reader, str(path))
    frame_of_page(pages, 1, path)  # the usual page for a seal; any other is read in full when planned
    refuse_if_locked(reader, path.name)  # before the certification: our own lock is told in its own words
    _check_certification(reader, path)
    return SourcePdf(
        path=path,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=len(pages),
        identity=identity,
        reader=reader,
        pages=pages,
        encrypted=encrypted,
        need_appearances=_need_appearances(reader),
        names=scan,
        signed=_signed(reader),
    )


def _signed(reader) -> bool | None:
    try:
        return signed_before(reader)
    except Exception:  # noqa: BLE001 - a form too damaged to walk: planning reads it again and says why in its words
        return None


def _inherited(page, key: str):
    node = page
    for _ in range(MAX_DEPTH + 1):  # the page tree was checked to be no deeper
        if key in node:
            return node[key]
        node = entry(node, "/Parent")
        if node is None:
            return None
    return None


def frame_of_page(pages: PageTree, page: int, path: Path | str = "the document") -> PageFrame:
    """The :class:`PageFrame` of 1-based ``page``, with inherited boxes and rotation."""
    if not 1 <= page <= len(pages):
        raise PageOutOfRangeError(
            f"Page {page} does not exist in {path}, which has {len(pages)} page(s).",
            hint=f"Choose a page from 1 to {len(pages)}.",
            page=page, pages=len(pages), path=str(path),
        )
    try:
        page_dict = pages.page(page)
        media = _inherited(page_dict, "/MediaBox")
        if media is None:
            raise DamagedPdfError(f"Page {page} of {path} has no page size (MediaBox).", hint=_REPAIR_HINT)
        unit = entry(page_dict, "/UserUnit")
        return PageFrame.from_boxes(
            media_box=_as_box(media),
            crop_box=_as_box(_inherited(page_dict, "/CropBox")),
            rotation=_inherited(page_dict, "/Rotate"),
            user_unit=None if unit is None else float(unit),
        )
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - parse failures of any kind, told in words
        raise DamagedPdfError(f"Page {page} of {path} cannot be read: {in_words(exc)}.", hint=_REPAIR_HINT) from exc


def _as_box(value):
    if value is None:
        return None
    box = [float(resolved(v)) for v in resolved(value)]
    if len(box) != 4:
        raise DamagedPdfError(f"A page box has {len(box)} numbers instead of 4.", hint=_REPAIR_HINT)
    return box
