"""The Debian package for the installer tests: built (and cached by commit), installed, and its program run clean.

Shared by ``tests/installer/test_deb.py`` (this checkout's package) and ``test_deb_upgrade.py`` (an earlier
commit's package, then this one over it). A build is cached in ``<tmp>/sealstation-deb/<key>/`` where the key is a
digest of the files a package is built from at that commit (:func:`package_key`: a commit that changes only tests
or documents builds nothing new), or the commit and a digest of the uncommitted changes; every build reuses one
build venv there
(``SEALSTATION_BUILD_VENV``), so only the first build of a machine installs PyInstaller and the dependencies.

The installed program runs with the system's PATH only, no PYTHONPATH, a HOME of its own and a temporary folder as
its working directory: nothing of the source tree or its .venv can be found.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["REPO", "VERSION", "APPID", "PROGRAM", "CACHE", "PRODUCT", "git", "package_key", "build_key", "build_deb",
           "cached_deb", "dpkg",
           "clean_env", "run", "DemoStation", "make_demo", "stamp", "assert_signature_valid"]

REPO = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
APPID = "cn.sealstation.station"
PROGRAM = Path("/usr/bin/sealstation")
CACHE = Path(tempfile.gettempdir()) / "sealstation-deb"


def git(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


PRODUCT = ("sealstation", "ui", "installer", "resources", "pyproject.toml")
"""What a package is built from (the rest of the tree, tests and documents, is not in it)."""


def package_key(commit: str) -> str:
    """The cache key of ``commit``'s package: a digest of its product files' git trees."""
    listing = git("ls-tree", commit, "--", *PRODUCT).stdout
    return "tree-" + hashlib.sha256(listing.encode()).hexdigest()[:16]


def build_key() -> str:
    """This checkout's package: :func:`package_key` of HEAD, or HEAD and a digest of the uncommitted changes to the
    product files when there are any (then the key holds a "-": a changed tree is another build)."""
    head = git("rev-parse", "HEAD").stdout.strip()
    changes = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", *PRODUCT],
                             cwd=REPO, capture_output=True).stdout
    if not head:
        return "no-git"
    if changes:
        diff = subprocess.run(["git", "diff", "HEAD", "--", *PRODUCT], cwd=REPO, capture_output=True).stdout
        return head + "-" + hashlib.sha256(changes + diff).hexdigest()[:12]
    return package_key(head)


def cached_deb(key: str) -> Path | None:
    """The package cached under ``key``, if one is."""
    found = sorted((CACHE / key).glob("sealstation_*_amd64.deb"))
    return found[0] if found else None


def build_deb(source: Path, key: str) -> Path:
    """The package of the tree in ``source``, built with that tree's own ``installer/build-deb.sh`` (cached)."""
    built = cached_deb(key)
    if built is not None:
        return built
    env = {**os.environ, "SEALSTATION_BUILD_VENV": str(CACHE / "venv")}  # the build venv kept across commits
    started = time.monotonic()
    proc = subprocess.run(["bash", "installer/build-deb.sh"], cwd=source, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    print(f"package of {key[:12]}{key[40:]} built in {time.monotonic() - started:.0f} s")
    version = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    made = source / "dist" / f"sealstation_{version}_amd64.deb"  # that tree's version (dist/ may hold others)
    target = CACHE / key / made.name
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in (".sha256", ""):  # copied beside, then renamed: a run killed mid-copy leaves no half package
        shutil.copy2(str(made) + suffix, str(target) + suffix + ".part")
        os.replace(str(target) + suffix + ".part", str(target) + suffix)
    return target


def dpkg(*args: str) -> subprocess.CompletedProcess:
    """``dpkg`` as root (CI runs as root); the test fails, not skips, without it."""
    if os.geteuid() != 0:
        pytest.fail("installing the package needs root (dpkg -i); CI runs as root")
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "LC_ALL": "C"})  # its messages in English, whatever the machine's locale


def clean_env(root: Path) -> tuple[dict, Path]:
    """The installed program's environment in ``root``: system PATH only, a HOME and a working folder of its own."""
    (root / "home").mkdir()
    (root / "cwd").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root / "home"), "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(root / "home" / ".config"), "XDG_DATA_HOME": str(root / "home" / ".local/share")}
    return env, root


def run(clean, *args: str, stdin: str = "", env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """The installed ``sealstation`` with ``args``, in the clean environment."""
    env, root = clean
    return subprocess.run([str(PROGRAM), *args], input=stdin, capture_output=True, text=True, timeout=180,
                          env={**env, **(env_extra or {})}, cwd=root / "cwd", start_new_session=True)


@dataclass(frozen=True)
class DemoStation:
    """A demo station the installed program made."""

    home: Path
    creds: dict
    """demo-credentials.json: the users' passwords, the token PIN, the journal passphrase (no keyring here)."""
    journal: list[str]
    """The journal passphrase as the first secret on stdin, or nothing (a keyring station)."""


def make_demo(clean, home: Path) -> DemoStation:
    """``sealstation demo --no-gui`` into ``home``."""
    proc = run(clean, "demo", "--no-gui", "--home", str(home))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Demo station ready" in proc.stdout
    creds = json.loads((home / "demo-credentials.json").read_text(encoding="utf-8"))
    journal = [creds["journal_passphrase"]] if "journal_passphrase" in creds else []  # no keyring in a clean env
    return DemoStation(home, creds, journal)


def stamp(clean, demo: DemoStation, document: str, seal: str, out: Path) -> None:
    """The custodian stamps one of the demo's approved documents with the installed program; pdfsig checks it."""
    secrets = "\n".join([*demo.journal, demo.creds["users"]["custodian"], demo.creds["token_pin"]]) + "\n"
    proc = run(clean, "stamp", str(demo.home / "documents" / document), "--seal", seal, "--page", "1",
               "--at", "100,120", "--out", str(out), "--user", "custodian", "--stdin-secrets",
               "--home", str(demo.home), stdin=secrets)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_signature_valid(out)


def assert_signature_valid(pdf: Path) -> None:
    pdfsig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid." in pdfsig.stdout, pdfsig.stdout + pdfsig.stderr
