"""A keyring backend for tests only: one JSON file in a temporary folder.

Selected with PYTHON_KEYRING_BACKEND=support.keyring_backend.TempFileKeyring and
SEALSTATION_TEST_KEYRING_DIR (a temp folder, never the station home), so that
subprocesses of the tests use it too. Production refuses plaintext backends;
this one exists so the suite never needs a desktop session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class TempFileKeyring(KeyringBackend):
    priority = 1

    def _file(self) -> Path:
        return Path(os.environ["SEALSTATION_TEST_KEYRING_DIR"]) / "keyring.json"

    def _load(self) -> dict:
        f = self._file()
        return json.loads(f.read_text()) if f.is_file() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}/{username}"] = password
        self._file().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        data.pop(f"{service}/{username}", None)
        self._file().write_text(json.dumps(data))
