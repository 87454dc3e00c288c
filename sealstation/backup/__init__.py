"""Backups of a station, encrypted to the office's backup key, and their restore (see :mod:`.file`)."""
