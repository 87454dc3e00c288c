"""No library's warning reaches a person: not the CLI's stderr, not the window's log.

cryptography 51 deprecates DSA and pyHanko imports it, so every command that
touched pyHanko printed two lines of CryptographyDeprecationWarning before the
station's own message. The entry points filter libraries' warnings before
importing them (sealstation.process.quiet_third_party_warnings); our own still show.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings

import pytest

from sealstation.process import quiet_third_party_warnings
from support.cli import run_cli
from support.pdfs import make_pdf
from support.station_fixtures import password

# What a warning printed by Python looks like: "file.py:20: SomeWarning: text".
_WARNING_LINE = re.compile(r"\w*Warning: ")


def assert_no_library_warning(stderr: str) -> None:
    assert not _WARNING_LINE.search(stderr), stderr
    assert "site-packages" not in stderr and "dist-packages" not in stderr, stderr


def _without_warning_options() -> dict:
    return {"PYTHONWARNINGS": ""}  # as a person runs it (a developer's PYTHONWARNINGS would turn them back on)


@pytest.mark.slow
def test_help_prints_nothing_on_stderr():
    proc = subprocess.run([sys.executable, "-m", "sealstation", "--help"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **_without_warning_options()})
    assert proc.returncode == 0
    assert proc.stderr == ""


@pytest.mark.slow
def test_commands_that_import_pyhanko_print_only_the_stations_words(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    approved = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm",
                       "--stdin-secrets", home=cli_home, stdin=password("gm") + "\n", env_extra=_without_warning_options())
    assert approved.returncode == 0, approved.stderr
    assert approved.stderr == ""
    checked = run_cli("verify", str(src), home=cli_home, env_extra=_without_warning_options())
    assert_no_library_warning(checked.stderr)
    refused = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm", home=cli_home,
                      env_extra=_without_warning_options())
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert_no_library_warning(refused.stderr)


@pytest.mark.slow
def test_a_developer_who_asks_for_warnings_gets_them(cli_home, tmp_path):
    """The control: the same command does reach pyHanko's import of DSA; ``-W default`` shows it."""
    cryptography = pytest.importorskip("cryptography")
    if int(cryptography.__version__.split(".")[0]) < 51:
        pytest.skip("this cryptography does not deprecate DSA yet")
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm", home=cli_home,
                   env_extra={"PYTHONWARNINGS": "default"})
    assert "CryptographyDeprecationWarning" in proc.stderr


def _shown(*, message: str, category: type[Warning], module: str) -> bool:
    with warnings.catch_warnings(record=True) as seen:
        warnings.resetwarnings()
        warnings.simplefilter("default")
        quiet_third_party_warnings()
        warnings.warn_explicit(message, category, f"{module.replace('.', '/')}.py", 1, module=module)
    return bool(seen)


def test_libraries_warnings_are_filtered_and_ours_are_not(monkeypatch):
    from cryptography.utils import CryptographyDeprecationWarning

    monkeypatch.setattr(sys, "warnoptions", [])
    assert not _shown(message="DSA is deprecated", category=CryptographyDeprecationWarning,
                      module="pyhanko.sign.signers.pdf_cms")
    assert not _shown(message="no default style", category=UserWarning, module="openpyxl.styles.stylesheet")
    assert not _shown(message="old API", category=CryptographyDeprecationWarning, module="sealstation.pdf.signing")
    assert _shown(message="ours", category=UserWarning, module="sealstation.pdf.signing")
    assert _shown(message="ours", category=RuntimeWarning, module="ui.main_window")
    assert _shown(message="not a prefix of ours", category=UserWarning, module="sealstationx") is False


def test_warning_options_leave_every_filter_as_it_was(monkeypatch):
    monkeypatch.setattr(sys, "warnoptions", ["default"])
    with warnings.catch_warnings():
        before = list(warnings.filters)
        assert quiet_third_party_warnings() is False
        assert warnings.filters == before


_WINDOW = """
import sys

import ui.app


def run(home=None):
    # What the window imports lazily when it stamps or verifies, imported as the window would: after the entry point.
    import pyhanko.sign.signers.pdf_cms  # noqa: F401
    import sealstation.pdf.signing  # noqa: F401
    import sealstation.pdf.verify  # noqa: F401
    print("window ran", flush=True)
    return 0


ui.app.run = run
import ui.__main__

sys.argv = ["sealstation", "--home", sys.argv[1]]
sys.exit(ui.__main__.main())
"""


@pytest.mark.slow
def test_the_windows_log_has_no_library_warning(tmp_path):
    """The ``sealstation`` entry point (ui.__main__.main) with the window's run() standing in for the window:
    its stdout and stderr are the window's log."""
    proc = subprocess.run([sys.executable, "-c", _WINDOW, str(tmp_path / "home")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **_without_warning_options()})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "window ran\n"
    assert_no_library_warning(proc.stderr)
    assert proc.stderr == ""
