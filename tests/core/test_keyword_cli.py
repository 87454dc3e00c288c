"""`sealstation stamp --anchor-text / --pages / --field`: where the seal goes said in words, refused before any secret."""

from __future__ import annotations

import json
import subprocess

import pytest

from support.cli import approve_cli, run_cli
from support.station_fixtures import password
from support.keyword_pdfs import make_contract, with_empty_field


def _stamp(home, src, out, *where, stdin=""):
    return run_cli("stamp", str(src), "--seal", "contract", *where, "--out", str(out), "--user", "custodian",
                   "--stdin-secrets", home=home, stdin=stdin)


def test_anchor_text_on_every_match_of_the_last_page(cli_home, seal_token, tmp_path):
    src = make_contract(tmp_path / "contract.pdf", pages=3)
    out = tmp_path / "out.pdf"
    approve_cli(cli_home, src, "contract")
    proc = _stamp(cli_home, src, out, "--anchor-text", "盖章", "--anchor-match", "all", "--pages", "-1",
                  "--anchor-offset", "-3,0", stdin=f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert "on page 3" in proc.stdout and "and on page 3" in proc.stdout and "(the same signature)" in proc.stdout
    report = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert report.count("Signature is Valid") == 1
    proc = run_cli("verify", str(out), "--json", home=cli_home)
    (signature,) = json.loads(proc.stdout)["signatures"]
    assert json.loads(proc.stdout)["valid"] is True and signature["page"] == 3 and signature["also_on_pages"] == [3]
    proc = run_cli("verify", str(out), home=cli_home)
    assert "the same seal also on page 3 (one signature covers them all)" in proc.stdout


@pytest.mark.parametrize("where, words", [
    (("--anchor-text", "丙方（盖章）"), "appears nowhere"),
    (("--at", "150,230", "--pages", "1-9"), "names page 9"),
    (("--at", "150,230", "--pages", "1-x"), "cannot be read"),
    (("--field", "盖章处"), "no signature field named '盖章处'"),
])
def test_bad_places_are_refused_before_any_secret(cli_home, tmp_path, where, words):
    src = make_contract(tmp_path / "contract.pdf", pages=2)
    approve_cli(cli_home, src, "contract")
    proc = _stamp(cli_home, src, tmp_path / "out.pdf", *where)  # no secret on stdin: none is asked for
    assert proc.returncode == 1, proc.stderr
    assert words in proc.stderr and "Password" not in proc.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("where", [(), ("--at", "1,2", "--anchor-text", "盖章"), ("--field", "x", "--pages", "all")])
def test_one_way_of_saying_where_is_a_usage_rule(cli_home, tmp_path, where):
    proc = _stamp(cli_home, tmp_path / "contract.pdf", tmp_path / "out.pdf", *where)
    assert proc.returncode == 2 and "sealstation stamp:" in proc.stderr


def test_the_forms_field_by_name(cli_home, seal_token, tmp_path):
    src = with_empty_field(make_contract(tmp_path / "c.pdf"), tmp_path / "form.pdf")
    out = tmp_path / "out.pdf"
    approve_cli(cli_home, src, "contract")
    proc = _stamp(cli_home, src, out, "--field", "盖章处", stdin=f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    (sig,) = json.loads(run_cli("verify", str(out), "--json", home=cli_home).stdout)["signatures"]
    assert sig["field"] == "盖章处" and sig["intact"]
