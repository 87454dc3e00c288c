"""Kept for ``ui/document_screen.py`` until the lead points it at :mod:`ui.error_words` (a thin alias)."""

from __future__ import annotations

from .error_words import text as problem_text

__all__ = ["problem_text"]
