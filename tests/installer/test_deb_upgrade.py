"""The upgrade (issue 20): the previous commit's package installed, a station made and used with it, this checkout's
package installed over it, and the same station used again with the new program only.

The previous package is built from the first parent of HEAD (``git rev-parse HEAD^``), exported with
``git archive`` into a temporary folder and built with that commit's own ``installer/build-deb.sh``; it is cached by
its product files like this checkout's (``tests/support/deb_package.py``): when HEAD changed only tests or
documents, the previous package is this one, already built. When the checkout has uncommitted changes the
new package is those changes, and the previous one is HEAD itself (what was there before them).
``SEALSTATION_UPGRADE_FROM=<commit>`` chooses another base, e.g. an older one with an older schema to see a real
migration. A base that is not in the repository (a shallow clone) or has no ``installer/build-deb.sh`` is skipped,
with that reason.

Both packages carry the version of ``pyproject.toml`` (0.1.0 for now), so for dpkg this is a reinstall of the same
version: it unpacks the new files over the old ones ("Unpacking sealstation (0.1.0) over (0.1.0)") and removes the
files the new package no longer has, as it does for an upgrade. What it does not see is a version that went up: it
would as readily put an older build over a newer one, and an apt repository would not offer the newer build as an
upgrade. This test does not depend on the version rising.

The station's schema migrations run once, when the new program first opens the station, and each is journalled
once (``schema_migrated``: from, to, the steps). With a base at the same schema there is none, and none is added.

Needs root (dpkg -i), dpkg-deb, git, SoftHSM2 and poppler-utils. The package is removed at the end (this module's
fixture), as test_deb.py removes its own: neither finds the other's package installed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from support.deb_package import (PROGRAM, REPO, VERSION, build_deb, build_key, clean_env, dpkg, git, make_demo,
                                 package_key, run, stamp)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("dpkg-deb") is None or shutil.which("git") is None,
                                 reason="dpkg-deb or git is missing: the .deb is built and installed on Debian/Ubuntu "
                                        "only, the previous one from git")]

MIGRATED = "schema_migrated"
"""The journal kind of a schema migration (sealstation.journal.journal.JournalKind.SCHEMA_MIGRATED)."""


def _base_commit() -> str:
    """The commit whose package is upgraded from: $SEALSTATION_UPGRADE_FROM, else HEAD^ (HEAD if the tree changed)."""
    committed = build_key().startswith("tree-")  # else the product files have uncommitted changes
    wanted = os.environ.get("SEALSTATION_UPGRADE_FROM") or ("HEAD^" if committed else "HEAD")
    found = git("rev-parse", "--verify", "--quiet", f"{wanted}^{{commit}}")
    if found.returncode != 0:
        pytest.skip(f"the base commit {wanted} is not in this repository (a shallow clone?): no package to upgrade "
                    "from")
    commit = found.stdout.strip()
    if git("cat-file", "-e", f"{commit}:installer/build-deb.sh").returncode != 0:
        pytest.skip(f"the base commit {wanted} ({commit[:12]}) has no installer/build-deb.sh: no package to upgrade "
                    "from")
    return commit


def _schema_at(commit: str | None) -> int:
    """The newest schema version of the migrations at ``commit`` (None: this checkout)."""
    if commit is None:
        text = (REPO / "sealstation/journal/migrations.py").read_text(encoding="utf-8")
    else:
        text = git("show", f"{commit}:sealstation/journal/migrations.py").stdout
    return max(int(v) for v in re.findall(r"^\s*Migration\((\d+),", text, re.M))


@pytest.fixture(scope="module")
def base() -> str:
    return _base_commit()


@pytest.fixture(scope="module")
def old_deb(base, tmp_path_factory) -> Path:
    """The base commit's package, built from a ``git archive`` of it (no worktree, no .git) with its own script."""
    source = tmp_path_factory.mktemp("previous-commit")
    archive = subprocess.run(["git", "archive", "--format=tar", base], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(source, filter="tar")
    try:
        return build_deb(source, package_key(base))
    finally:
        shutil.rmtree(source, ignore_errors=True)  # its build/ and dist/ are a few hundred MB


@pytest.fixture(scope="module")
def new_deb() -> Path:
    return build_deb(REPO, build_key())


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return clean_env(tmp_path_factory.mktemp("deb-upgrade-user"))


@pytest.fixture(scope="module")
def removed_at_the_end(old_deb, new_deb):
    """Both packages built first (a build failure leaves nothing installed); the package removed at the end."""
    yield
    dpkg("-r", "sealstation")


def _journal(clean, demo, name: str) -> list[dict]:
    """The whole journal, exported by the demo's auditor with the installed program (JSON Lines)."""
    _, root = clean
    out = root / "cwd" / f"{name}.jsonl"
    secrets = "\n".join([*demo.journal, demo.creds["users"]["auditor"]]) + "\n"
    proc = run(clean, "journal", "export", "--format", "jsonl", "--out", str(out), "--user", "auditor",
               "--stdin-secrets", "--home", str(demo.home), stdin=secrets)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def _migrated_versions(entries: list[dict]) -> list[int]:
    """Every schema version a ``schema_migrated`` entry records as run, as often as it is recorded."""
    versions = []
    for entry in entries:
        if entry["kind"] == MIGRATED:
            data = entry["data"] if isinstance(entry["data"], dict) else json.loads(entry["data"])
            versions += [step["version"] for step in data["steps"]]
    return versions


def test_the_new_package_over_the_previous_one_keeps_and_migrates_the_station(base, old_deb, new_deb, clean,
                                                                               removed_at_the_end):
    _, root = clean
    proc = dpkg("-i", str(old_deb))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    demo = make_demo(clean, root / "station")
    stamp(clean, demo, "notice.pdf", "official", root / "cwd" / "notice-stamped.pdf")
    before = sorted(p.name for p in demo.home.iterdir())

    proc = dpkg("-i", str(new_deb))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(rf"Unpacking sealstation \({re.escape(VERSION)}\) over \(", proc.stdout), proc.stdout
    assert sorted(p.name for p in demo.home.iterdir()) == before  # the station home as the old program left it
    version = run(clean, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"sealstation {VERSION}", version.stdout + version.stderr

    # The first command of the new program opens the station (and migrates it, if its schema is newer).
    stamp(clean, demo, "expenses-rotated.pdf", "finance", root / "cwd" / "expenses-stamped.pdf")
    verified = run(clean, "journal", "verify", "--home", str(demo.home), "--stdin-secrets",
                   stdin="".join(f"{s}\n" for s in demo.journal))
    assert verified.returncode == 0 and "Journal intact" in verified.stdout, verified.stdout + verified.stderr

    old_schema, new_schema = _schema_at(base), _schema_at(None)
    first = _migrated_versions(_journal(clean, demo, "journal-1"))
    again = _migrated_versions(_journal(clean, demo, "journal-2"))  # a later command migrates nothing more
    print(f"upgraded from {base[:12]} (schema {old_schema}) to schema {new_schema}: migrations journalled {first}")
    assert first == again
    assert sorted(first) == list(range(old_schema + 1, new_schema + 1)), (old_schema, new_schema, first)

    proc = dpkg("-r", "sealstation")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not PROGRAM.exists()
    assert (demo.home / "station.json").is_file()  # removing the package never deletes a station home
