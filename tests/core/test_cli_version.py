"""``sealstation --version``: the version pyproject.toml gives (the package's name and the program agree)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from sealstation import __version__
from sealstation.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_version_is_the_projects(capsys):
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == version  # installer/build-deb.sh names the package by pyproject's and checks this too
    assert main(["--version"]) == 0  # argparse's exit, as the CLI returns it
    assert capsys.readouterr().out.strip() == f"sealstation {version}"
