"""SealStation core: seals, tokens, PDF placement and signing, journal. No Qt here."""

__version__ = "0.1.0"
