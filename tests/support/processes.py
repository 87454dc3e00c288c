"""Stopping the processes a test started, by their own handles (so by pid), politely first."""

from __future__ import annotations

import subprocess
from typing import Iterable

__all__ = ["stop_processes"]


def stop_processes(procs: Iterable[subprocess.Popen]) -> None:
    """Terminate each process still running, in the order given; kill it if it has not gone in 10 s."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
