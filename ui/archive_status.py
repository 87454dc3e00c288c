"""The window's status strip line for the office archive: what waits, the last sync, failures."""

from __future__ import annotations

import datetime as dt

from sealstation.archive.sync import SyncStatus

__all__ = ["status_words"]


def _local(iso: str | None) -> str:
    # The journal keeps UTC; the custodian reads the computer's own time.
    if not iso:
        return "从未 never"
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def status_words(status: SyncStatus) -> str:
    """One line: ``档案 Archive: 3 条待发送 entries waiting (1 次盖章 stamp); 上次同步 last sync …``."""
    if status.archive is None:
        return "档案 Archive: 未配置 none configured"
    stamps = status.waiting_stamps
    line = (f"档案 Archive: {status.waiting_entries} 条待发送 entries waiting ({stamps} 次盖章 "
            f"stamp{'' if stamps == 1 else 's'}); 上次同步 last sync {_local(status.last_success)}")
    if status.failures:
        line += (f"; 同步失败 failing ({status.failures}×, 下次 next try {_local(status.next_try)[11:]}): "
                 f"{status.last_error}")
    return line
