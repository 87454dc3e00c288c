"""Parser and library failures told in words a person can act on.

pyHanko and the standard library describe a malformed file in their own
terms (``KeyError: '/Count'``, ``maximum recursion depth exceeded``); a
custodian needs to know what is wrong with the document instead.
"""

from __future__ import annotations

import zlib

__all__ = ["in_words"]


# pyHanko's own messages for the commonest kinds of damage, in a custodian's words.
_PARSER_WORDS = (
    ("xref table", "its index of objects (cross-reference table) is not where the file says it is"),
    ("eof marker", "its end-of-file marker is missing"),
    ("must begin with", "an object in it cannot be parsed"),
    ("dictionary read error", "an object in it cannot be parsed"),
    ("padding", "an encrypted part of it cannot be decrypted"),
    ("object header", "an object in it is not where its index says"),
    ("malformed pdf", "its structure cannot be read"),
    ("pubkeysecurityhandler", "it is encrypted for particular recipients' certificates"),
    ("/u and /o entries", "its encryption settings are broken: the password checks (/U and /O) have the wrong length "
     "for its legacy encryption, so no password opens it"),
    ("security handler", "its encryption settings cannot be read"),
)


def in_words(exc: BaseException) -> str:
    """What ``exc`` says about a PDF, as a clause (no trailing full stop)."""
    text = str(exc).lower()
    for needle, words in _PARSER_WORDS:
        if needle in text:
            return words
    if isinstance(exc, zlib.error):
        return "a compressed part of it is truncated or corrupt"
    if isinstance(exc, KeyError):
        key = exc.args[0] if exc.args else "?"
        return f"a required entry ({key}) is missing"
    if isinstance(exc, RecursionError):
        return "its objects are nested too deeply (or refer to themselves)"
    if isinstance(exc, NotImplementedError):
        return "it uses a feature or compression the PDF library cannot read"
    if isinstance(exc, UnicodeError):
        return "it contains text in an encoding other than the one it declares"
    if isinstance(exc, (TypeError, AttributeError, IndexError)):
        return "an object in it has the wrong type or shape"
    if isinstance(exc, (ValueError, AssertionError)):
        text = str(exc).strip()
        return f"a value in it is out of range or malformed ({text})" if text and len(text) < 120 else \
            "a value in it is out of range or malformed"
    text = str(exc).strip().rstrip(".")
    if not text:
        return type(exc).__name__
    # "Invalid xref" reads as a clause after a colon; "EOF ..." must keep its capitals.
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
