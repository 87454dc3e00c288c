"""The window's status strip line for the office archive: what waits, the last sync, failures."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from sealstation.archive.sync import SyncStatus

__all__ = ["status_words"]


def _local(iso: str | None) -> str:
    # The journal keeps UTC; the custodian reads the computer's own time.
    if not iso:
        return QCoreApplication.translate("ArchiveStatus", "never")
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def status_words(status: SyncStatus) -> str:
    """One line: ``Archive: 3 entries waiting (1 stamp); last sync …`` in the window's language.

    The last failure's reason is the sync's own (kept in the station's records in English), shown as it is.
    """
    if status.archive is None:
        return QCoreApplication.translate("ArchiveStatus", "Archive: none configured")
    facts = dict(entries=status.waiting_entries, stamps=status.waiting_stamps, last=_local(status.last_success),
                 failures=status.failures, next=_local(status.next_try)[11:], error=status.last_error or "")
    translate = QCoreApplication.translate
    if status.failures and status.waiting_stamps == 1:
        text = translate("ArchiveStatus", "Archive: {entries} entries waiting (1 stamp); last sync {last}; "
                                          "failing ({failures}×, next try {next}): {error}")
    elif status.failures:
        text = translate("ArchiveStatus", "Archive: {entries} entries waiting ({stamps} stamps); last sync {last}; "
                                          "failing ({failures}×, next try {next}): {error}")
    elif status.waiting_stamps == 1:
        text = translate("ArchiveStatus", "Archive: {entries} entries waiting (1 stamp); last sync {last}")
    else:
        text = translate("ArchiveStatus", "Archive: {entries} entries waiting ({stamps} stamps); last sync {last}")
    return text.format(**facts)
