"""The command line as a newcomer meets it: options anywhere, no terminal, clear messages for bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from sealstation.cli import _parser
from support.cli import approve_cli, run_cli, stamp_cli
from support.pdfs import make_pdf
from support.station_fixtures import password


@pytest.mark.parametrize("argv", [
    ["--home", "H", "--stdin-secrets", "-v", "seal", "list"],
    ["seal", "--home", "H", "--stdin-secrets", "-v", "list"],
    ["seal", "list", "--home", "H", "--stdin-secrets", "-v"],
    ["-v", "seal", "list", "--stdin-secrets", "--home", "H"],
])
def test_common_options_count_wherever_they_stand(argv):
    args = _parser().parse_args(argv)
    assert (args.home, args.stdin_secrets, args.verbose) == ("H", True, True)


def test_common_options_before_the_command_reach_the_station(cli_home, tmp_path):
    """``--home`` and ``--stdin-secrets`` before the command: the password is read from stdin, in that home."""
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("--home", str(cli_home), "--stdin-secrets", "-v", "approve", str(src), "--seal", "official",
                   "--copies", "1", "--approver", "gm", home=None, stdin=password("gm") + "\n",
                   env_extra={"SEALSTATION_HOME": str(tmp_path / "elsewhere")})
    assert proc.returncode == 0, proc.stderr
    assert "Approved: request" in proc.stdout and not (tmp_path / "elsewhere").exists()


def test_no_terminal_and_no_stdin_secrets_is_one_line_and_exit_2(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm", home=cli_home)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert "Password of gm is needed, but there is no terminal" in proc.stderr and "--stdin-secrets" in proc.stderr
    assert "Warning" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_wrong_journal_passphrase_is_one_line_naming_the_passphrase(tmp_path):
    """SQLCipher logs a bad key to stderr from C; the user sees only the station's own line."""
    from sealstation.config import StationConfig, StationHome
    from sealstation.station import open_station_db

    home = StationHome(tmp_path / "home")
    config = StationConfig(station_id="pp-station", journal_key_source="passphrase")
    home.save_config(config)
    open_station_db(home, config, passphrase="正确的口令").close()
    proc = run_cli("seal", "list", "--stdin-secrets", home=home.root, stdin="wrong\n")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert "The journal passphrase is wrong" in proc.stderr and "keyring" not in proc.stderr


@pytest.mark.parametrize("day", ["27/11/2026", "2026-13-45", "yesterday", "2026-11-27T10:00"])
@pytest.mark.parametrize("option", ["--from", "--to"])
def test_journal_export_refuses_a_day_it_cannot_read(cli_home, tmp_path, option, day):
    out = tmp_path / "journal.csv"
    proc = run_cli("journal", "export", option, day, "--out", str(out), "--user", "auditor", "--stdin-secrets",
                   home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 2
    assert f"argument {option}: wants a day as YYYY-MM-DD" in proc.stderr and repr(day) in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("argv, option", [
    (["seal", "change", "official", "--by", "admin", "--valid-until", "27/11/2026"], "--valid-until"),
    (["seal", "delegate", "official", "--to", "dept", "--from", "2026-13-45", "--until", "2026-12-01",
      "--reason", "leave", "--approver", "gm", "--by", "admin"], "--from"),
])
def test_a_seal_date_it_cannot_read_is_a_usage_error(argv, option, capsys):
    """Like journal export's days: exit 2 at parsing, before any station is opened or secret asked."""
    from sealstation.cli import main

    assert main([*argv, "--home", "/nonexistent/home"]) == 2
    err = capsys.readouterr().err
    assert f"argument {option}: wants a day as YYYY-MM-DD" in err, err


def test_journal_export_to_includes_its_last_day(cli_home, tmp_path):
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    out = tmp_path / "journal.jsonl"
    proc = run_cli("journal", "export", "--from", today, "--to", today, "--format", "jsonl", "--out", str(out),
                   "--user", "auditor", "--stdin-secrets", home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 0, proc.stderr
    days = {json.loads(line)["at"][:10] for line in out.read_text(encoding="utf-8").splitlines()}
    assert days == {today}  # the entries of today (the template's, and the exporter's login)
    assert "last day (included)" in run_cli("journal", "export", "--help", home=cli_home).stdout


def test_a_negative_placement_gets_the_placement_message(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    approve_cli(cli_home, src, "official")
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "-5,-5", "--out",
                   str(tmp_path / "out.pdf"), "--user", "custodian", "--stdin-secrets", home=cli_home)
    assert proc.returncode == 1, proc.stderr
    assert "centred at (-5, -5) mm would leave page 1" in proc.stderr and "expected one argument" not in proc.stderr


@pytest.mark.parametrize("command", [["archive", "verify"],
                                     ["report", "monthly", "--month", "2026-11", "--out", "R.csv", "--user", "admin",
                                      "--stdin-secrets"]])
def test_an_archive_folder_that_is_not_there_is_refused_not_read_as_empty(cli_home, tmp_path, command):
    """An unmounted share is an empty folder: a check or report of it must not pass with nothing found."""
    command = [str(tmp_path / "r.csv") if word == "R.csv" else word for word in command]
    proc = run_cli(*command, "--archive", str(tmp_path / "not-mounted"), home=cli_home, stdin=password("admin") + "\n")
    assert proc.returncode == 1, proc.stdout
    assert "is not there, or is not an archive" in proc.stderr and "archive init" in proc.stderr
    assert "No station has reported" not in proc.stdout and not (tmp_path / "r.csv").exists()


def test_a_missing_softhsm2_configuration_is_named(cli_home, pin):
    """SoftHSM2 fails to load with an empty reason when its configuration is missing (e.g. a restored demo station)."""
    config = json.loads((cli_home / "station.json").read_text(encoding="utf-8"))
    config["softhsm2_conf"] = "softhsm/gone.conf"
    (cli_home / "station.json").write_text(json.dumps(config), encoding="utf-8")
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=cli_home, stdin=f"{pin}\n")
    assert proc.returncode == 1
    assert "softhsm/gone.conf ('softhsm2_conf' in station.json) does not exist" in proc.stderr, proc.stderr
    assert "cannot be loaded: ." not in proc.stderr


@pytest.mark.parametrize("argv, words", [
    (["stmap", "in.pdf"], "unknown command 'stmap'. Did you mean 'stamp'?"),
    (["--home", "H", "jornal", "verify"], "unknown command 'jornal'. Did you mean 'journal'?"),
    (["xyzzy"], "unknown command 'xyzzy'. ('sealstation --help'"),
    (["print", "lst"], "unknown action 'lst'. Did you mean 'print list'?"),
])
def test_a_mistyped_command_is_named_with_what_it_was_probably_meant_to_be(argv, words, capsys):
    from sealstation.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "print-void" not in err and "--copies" not in err


def _arguments_without_help(parser, path=()):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _arguments_without_help(sub, (*path, name))
        elif action.help is None:
            yield " ".join(path), action.option_strings[0] if action.option_strings else action.dest


def test_every_command_explains_every_argument_in_its_help():
    assert list(_arguments_without_help(_parser())) == []


def test_a_stamp_says_which_seals_of_its_request_are_still_to_come(cli_home, tmp_path, pin):
    src = make_pdf(tmp_path / "contract.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", "--seal", "legal-rep", "--copies", "1", "--approver",
                   "gm", "--purpose", "合同用印", "--stdin-secrets", home=cli_home, stdin=password("gm") + "\n")
    assert proc.returncode == 0, proc.stderr
    first = tmp_path / "contract-1.pdf"
    proc = stamp_cli(cli_home, src, first, "official", pin)
    assert proc.returncode == 0 and "still needs: legal-rep; stamp it on contract-1.pdf" in proc.stdout, proc.stdout
    proc = stamp_cli(cli_home, first, tmp_path / "contract-2.pdf", "legal-rep", pin)
    assert proc.returncode == 0 and "still needs" not in proc.stdout, proc.stdout


def test_the_office_certificate_when_missing_is_named_not_an_errno(tmp_path):
    proc = run_cli("archive", "verify", "--archive", str(tmp_path / "archive"), home=tmp_path / "no-station")
    assert proc.returncode == 1
    assert "there is no station home at" in proc.stderr and "--ca FILE" in proc.stderr and "Errno" not in proc.stderr
    proc = run_cli("archive", "verify", "--archive", str(tmp_path / "archive"), "--ca", str(tmp_path / "ca.pem"),
                   home=tmp_path / "no-station")
    assert f"--ca {tmp_path / 'ca.pem'} is not a file" in proc.stderr and "Errno" not in proc.stderr


def _read_only_folder(tmp_path) -> Path:
    """A folder this account cannot write: mode 0555, or for root (whom modes do not stop) a read-only file system."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        folder = Path("/proc/sys")
        if os.access(folder, os.W_OK):
            pytest.skip("no folder here that this account cannot write")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("case", ["read-only folder", "no approval", "not a custodian", "approval used up"])
def test_stamp_refuses_before_asking_any_secret(cli_home, tmp_path, pin, case):
    """Run with no terminal and no --stdin-secrets: a command that reached a prompt would exit 2 saying so.
    Each of these is refused (exit 1) with its reason first, as the README promises."""
    src = make_pdf(tmp_path / "in.pdf")
    out, user = tmp_path / "out.pdf", "custodian"
    if case != "no approval":
        approve_cli(cli_home, src, "official")
    if case == "read-only folder":
        out = _read_only_folder(tmp_path) / "out.pdf"
    elif case == "not a custodian":
        user = "dept"
    elif case == "approval used up":
        assert stamp_cli(cli_home, src, tmp_path / "first.pdf", "official", pin).returncode == 0
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "100,120", "--out", str(out),
                   "--user", user, home=cli_home)
    assert proc.returncode == 1, proc.stderr
    assert "no terminal" not in proc.stderr
    why = {"read-only folder": "is read-only for this account", "no approval": "There is no approved request",
           "not a custodian": "dept may not stamp: it needs the custodian role",
           "approval used up": "is already used up"}[case]
    assert why in proc.stderr, proc.stderr
    assert not out.exists()
