"""One door for wording a core exception in the window (the lead points it at ``ui/error_words.py``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["problem_text"]


def problem_text(exc: BaseException) -> str:
    """What to tell the person about ``exc``: the core's message and hint, or the kind of an unexpected error."""
    try:
        from sealstation.errors import SealStationError
    except ImportError:  # pragma: no cover - the core is always there
        SealStationError = ()  # noqa: N806
    if isinstance(exc, SealStationError):
        return str(exc)
    return QCoreApplication.translate("problem_text", "Unexpected error ({kind}): {text}").format(
        kind=type(exc).__name__, text=exc)
