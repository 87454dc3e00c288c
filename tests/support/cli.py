"""Running the sealstation CLI as a real process, as scripts and the office do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .station_fixtures import password


def _env(env_extra: dict | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SEALSTATION_HOME"}
    env.update(env_extra or {})
    return env


def start_cli(*args: str, home: Path, env_extra: dict | None = None) -> subprocess.Popen:
    """Start the CLI without waiting; its stdin, stdout and stderr are pipes (text), and it has no terminal."""
    return subprocess.Popen([sys.executable, "-m", "sealstation", *args, "--home", str(home)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(env_extra), start_new_session=True)


def run_cli(*args: str, home: Path | None, stdin: str = "", env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run the CLI to its end (``--home`` last unless ``home`` is None), with no terminal, as a script would:
    a new session has no controlling terminal, so no prompt can reach the developer's."""
    home_args = ["--home", str(home)] if home is not None else []
    return subprocess.run(
        [sys.executable, "-m", "sealstation", *args, *home_args],
        input=stdin, capture_output=True, text=True, env=_env(env_extra), timeout=120, start_new_session=True,
    )


def approve_cli(home, src, seal, approver="gm"):
    proc = run_cli("approve", str(src), "--seal", seal, "--copies", "2", "--approver", approver,
                   "--purpose", "合同用印", "--stdin-secrets", home=home, stdin=password(approver) + "\n")
    assert proc.returncode == 0, proc.stderr
    return proc


def stamp_cli(home, src, out, seal, pin, user="custodian", at="100,120"):
    return run_cli("stamp", str(src), "--seal", seal, "--page", "1", "--at", at, "--out", str(out), "--user", user,
                   "--stdin-secrets", home=home, stdin=f"{password(user)}\n{pin}\n")
