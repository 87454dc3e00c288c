"""Folders with a fault: a read-only one that refuses root too (a read-only tmpfs), else a chmod'ed one."""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only_folder(folder: Path):
    """A folder nobody may write in while the block runs: a read-only mount as root, mode 0500 otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"root cannot mount a read-only tmpfs here: {done.stderr.decode(errors='replace').strip()}")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=False)
        return
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)
