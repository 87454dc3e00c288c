"""Where the station may write a file it makes (a stamped PDF, a journal export).

The one place for the output rules; the station's use cases call
:func:`check_output_path` before any password or PIN is asked, and again just
before signing. A path is refused when it is:

* the station home or anything under it (symlinks and ``..`` resolved): a stamp
  or an export written over ``station.db`` or ``journal.salt`` would destroy
  the station and its evidence;
* the input document itself (also through a symlink or hard link);
* an approved document: an existing file whose SHA-256 is a document the
  station holds an approval for, or the recorded output of an earlier stamp —
  the evidence of a use of a seal is never written over, whatever the flag;
* not a regular file (a folder, a device, a pipe), or in a folder that does
  not exist or this account cannot write (a read-only share, a folder of
  someone else's): refused here, not after the PIN when the file is made;
* an existing file, unless the person asked to overwrite it.

The last rule is checked again at the final rename by
:func:`sealstation.fsutil.atomic_output`, so a file that appears meanwhile is
not replaced either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Container, Iterable

from .errors import OutputExistsError, OutputRefusedError
from .fsutil import file_sha256

__all__ = ["check_output_path"]



def check_output_path(
    path: str | os.PathLike,
    *,
    home: str | os.PathLike,
    inputs: Iterable[str | os.PathLike] = (),
    protected_sha256s: Container[str] = (),
    overwrite: bool = False,
) -> Path:
    """The resolved path to write, or a typed refusal naming the file and what to do.

    ``protected_sha256s`` answers ``digest in protected_sha256s`` for approved
    documents and earlier stamps (the station passes a database lookup, so no
    list of every digest is built). ``overwrite`` allows replacing an existing
    file that no other rule protects.
    """
    target = Path(path).expanduser()
    # resolve() follows every symlink (the target's own included) and folds '..':
    # the rules judge the file that would really be written.
    resolved = target.resolve()
    _refuse_station_home(target, resolved, Path(home).expanduser().resolve())
    _refuse_inputs(target, resolved, inputs)
    if not resolved.parent.is_dir():
        raise OutputRefusedError(
            f"Cannot write {target}: the folder {resolved.parent} does not exist.",
            hint="Choose an existing folder for the output; nothing was written.")
    if not os.access(resolved.parent, os.W_OK | os.X_OK):
        raise OutputRefusedError(
            f"Cannot write {target}: the folder {resolved.parent} is read-only for this account.",
            hint="Choose a folder you can write to for the output; nothing was written.")
    if os.path.lexists(target) or os.path.lexists(resolved):
        _refuse_existing(target, resolved, protected_sha256s, overwrite)
    return resolved


def _refuse_station_home(target: Path, resolved: Path, home: Path) -> None:
    if resolved == home or home in resolved.parents:
        raise OutputRefusedError(
            f"Cannot write {target}: it is inside the station home {home}, which holds the station's "
            "database, keys and journal.",
            hint="Write the output outside the station home; nothing was written.")


def _refuse_inputs(target: Path, resolved: Path, inputs: Iterable[str | os.PathLike]) -> None:
    for item in inputs:
        source = Path(item).expanduser()
        same = resolved == source.resolve()
        if not same and resolved.exists() and source.exists():
            same = os.path.samefile(resolved, source)  # a hard link to the input is the input
        if same:
            raise OutputRefusedError(
                f"Cannot write {target}: it is the input document {source}.",
                hint="Choose another output name; the approved input is never overwritten.")


def _refuse_existing(target: Path, resolved: Path, protected: Container[str], overwrite: bool) -> None:
    try:
        info = os.stat(resolved)
    except FileNotFoundError:  # a dangling symlink: nothing to protect, but a name is taken
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        # Checked before hashing: reading a pipe or a device could block or never end.
        raise OutputRefusedError(
            f"Cannot write {target}: it is not a regular file (a folder, device or pipe).",
            hint="Give the path of a PDF file to write; nothing was written.")
    if info is not None and file_sha256(resolved) in protected:
        raise OutputRefusedError(
            f"Cannot write {target}: it is an approved document or the output of an earlier stamp "
            "recorded by this station.",
            hint="Evidence of a use of a seal is never written over, even with overwrite; choose another name.")
    if not overwrite:
        raise OutputExistsError(
            f"Cannot write {target}: the file exists.",
            hint="Choose another name, or confirm replacing it (--overwrite on the command line).")
