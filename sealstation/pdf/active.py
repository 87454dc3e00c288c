"""Active content in a PDF: what a document may do by itself when it is opened.

A stamped document is evidence of what was approved; JavaScript, actions
that start programs, and attached files can make a viewer show or do more
than the approved pages. SealStation does not remove them (that would change
the approved document); it names them at approval and in ``verify``, so that
the approver and anyone checking the stamp know.

Found in the catalog (open actions, document-level scripts, attached files)
through pyHanko's reader, and anywhere else in the file's uncompressed
objects by their names. Actions inside compressed object streams on pages are
not searched object by object (that would parse every object).
"""

from __future__ import annotations

from .names import NameScan, scan_names
from .objects import entry

__all__ = ["active_content"]

_WORDS = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "an action that starts a program or opens a file (Launch)",
    b"EmbeddedFile": "attached files",
    b"RichMedia": "embedded media (RichMedia)",
    b"SubmitForm": "a form that sends its data somewhere (SubmitForm)",
    b"ImportData": "a form that imports data from a file (ImportData)",
}


def active_content(reader, data: bytes, names: NameScan | None = None) -> tuple[str, ...]:
    """What the document can do by itself, in words; empty when nothing was found.

    ``names``: the scan of ``data`` when the caller has made it already.
    """
    found: list[str] = []
    try:
        root = reader.root
        opens = entry(root, "/OpenAction")
        if opens is not None and entry(opens, "/S") in ("/JavaScript", "/Launch"):
            found.append(f"an action that runs when the document is opened ({str(entry(opens, '/S'))[1:]})")
        name_tree = entry(root, "/Names")
        if entry(name_tree, "/JavaScript") is not None:
            found.append("document-level JavaScript")
        if entry(name_tree, "/EmbeddedFiles") is not None:
            found.append("attached files")
    except Exception:  # noqa: BLE001 - a broken catalog is the parser's to report, not this survey's
        pass
    for name in sorted((names or scan_names(data)).active):
        words = _WORDS[name]
        if not any(words.lower() in f.lower() for f in found):
            found.append(words)
    return tuple(dict.fromkeys(found))
