"""SealStation's Qt user interface (PySide6). Depends on the core; the core never on it."""
