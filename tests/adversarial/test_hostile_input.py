"""Class 10: input no person would give, given on purpose. Each ends in a message that says what, where and what
to do, exit 1 or 2, and no traceback; nothing hangs.

The CLI runs as a process (as scripts and the office run it). The bounds come from how each value is used:
copies are print jobs, rows and journal entries (model.MAX_COPIES); the marks' dpi sizes a page's pixels.
"""

from __future__ import annotations

import json
import math
import os
import re

import pymupdf
import pytest

from sealstation.config import StationHome
from sealstation.errors import ApprovalError, ConfigError, EncryptedPdfError, PlacementError, RequestError
from sealstation.model import MAX_COPIES, Placement
from sealstation.station import StampRequestSpec
from support.cli import run_cli
from support.oa import approver_key, oa_approval, register_in_home, write_oa_approval
from support.pdfs import make_pdf
from support.station_fixtures import password


def assert_one_clear_line(proc, code: int, *words: str) -> None:
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("error:", ""), proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in last, proc.stderr


# -- --at -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("at", ["nan,nan", "inf,100", "100,-inf", "1e999,5", "NaN,120"])
def test_a_centre_that_is_no_point_is_a_usage_error(cli_home, tmp_path, at):
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", at, "--out", str(tmp_path / "o.pdf"),
                   "--user", "custodian", home=cli_home)
    assert_one_clear_line(proc, 2, "--at", "X_MM,Y_MM", repr(at))


@pytest.mark.parametrize("center", [(math.nan, math.nan), (math.inf, 50.0), (60.0, -math.inf)])
def test_the_core_refuses_a_centre_that_is_no_point(station, tmp_path, center):
    """The window and other callers pass floats too: NaN passes every comparison, so it is refused by name."""
    src = make_pdf(tmp_path / "in.pdf")
    spec = StampRequestSpec(src, "official", Placement(1, center), tmp_path / "out.pdf", "")
    with pytest.raises(PlacementError, match="is not a point on page 1") as err:
        station.stamping().plan_stamp(spec)
    assert "150,230" in err.value.hint


# -- copies -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("copies", [str(10 ** 30), "10**30", "0", "-5", str(MAX_COPIES + 1), "2.5", "9" * 5000])
def test_approve_copies_out_of_range_is_a_usage_error(cli_home, tmp_path, copies):
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", f"--copies={copies}", "--approver", "gm",
                   "--stdin-secrets", home=cli_home, stdin=password("gm") + "\n")
    assert_one_clear_line(proc, 2, "--copies", f"from 1 to {MAX_COPIES}")
    assert len(proc.stderr) < 2000  # 5,000 digits are not echoed back


def test_print_copies_out_of_range_is_a_usage_error(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    for action in (["print", str(src), "--copies", str(10 ** 30), "--user", "custodian", "--to-pdf",
                    str(tmp_path / "copies.pdf")],
                   ["print", "extra", str(src), "--copies", "0", "--approver", "gm"]):
        assert_one_clear_line(run_cli(*action, home=cli_home), 2, "--copies", f"from 1 to {MAX_COPIES}")


@pytest.mark.parametrize("copies", [10 ** 30, 0, -1, MAX_COPIES + 1])
def test_the_core_refuses_copies_out_of_range(station, tmp_path, copies):
    src = make_pdf(tmp_path / "in.pdf")
    with pytest.raises(RequestError, match="cannot be made for in.pdf"):
        station.approving().approve(src, seals=["official"], copies=copies, approver="gm", password=password("gm"))
    assert not station.requests.list()


def test_a_signed_oa_file_for_10_30_copies_is_refused_in_words(cli_home, tmp_path):
    key = approver_key()
    register_in_home(cli_home, "gm", key)
    src = make_pdf(tmp_path / "contract.pdf")
    path = tmp_path / "approval.json"
    write_oa_approval(path, oa_approval(src, copies=10 ** 30), key)
    proc = run_cli("request", "import", str(path), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert_one_clear_line(proc, 1, "approval.json is not a valid approval file", f"at most {MAX_COPIES} copies",
                          "31 digits")


# -- the OA file ------------------------------------------------------------------------------------------------------

def test_a_deeply_nested_oa_file_is_refused_in_words(cli_home, tmp_path):
    path = tmp_path / "nested.json"
    path.write_text("[" * 20_000 + "]" * 20_000)  # under the size limit: json's decoder recurses past its limit
    path.with_name("nested.json.sig").write_text("AAAA")
    proc = run_cli("request", "import", str(path), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert_one_clear_line(proc, 1, "nested.json is not a valid approval file", "nested too deeply")


def test_the_gate_s_own_check_of_oa_bytes_survives_nesting():
    from sealstation.approval.oa_file import check_oa_bytes

    with pytest.raises(ApprovalError, match="nested too deeply"):
        check_oa_bytes(b"{\"a\":" * 5000 + b"1" + b"}" * 5000, b"", {}, "stored.json")


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "large"])
def test_an_oa_file_that_is_no_file_or_too_large_is_refused(cli_home, tmp_path, target):
    path = tmp_path / "approval.json"
    if target == "fifo":
        os.mkfifo(path)
    elif target == "large":
        path.write_text(json.dumps({"format": "sealstation-approval/2", "padding": "x" * 100_000}))
    else:
        path.symlink_to(target)
    path.with_name("approval.json.sig").write_text("AAAA")
    proc = run_cli("request", "import", str(path), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    words = {"/dev/zero": "a character device, not a file", "fifo": "a named pipe (FIFO), not a file",
             "large": "larger than 64 KiB"}[target]
    assert_one_clear_line(proc, 1, "approval", words)


# -- print_marks in station.json --------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, value", [("dpi", 1e9), ("dpi", 0.5), ("dpi", "NaN"), ("dpi", "Infinity"),
                                        ("height_mm", 1e6), ("margin_mm", -1), ("margin_mm", 0)])
def test_print_marks_out_of_range_stop_at_open_in_words(cli_home, key, value):
    config = cli_home / "station.json"
    text = config.read_text()
    data = json.loads(text)
    data["print_marks"] = {**(data.get("print_marks") or {}), key: 12345.0}
    # json writes NaN and Infinity as bare words, which json (and so the station) reads back as floats
    config.write_text(json.dumps(data).replace("12345.0", str(value)))
    with pytest.raises(ConfigError, match=rf"print_marks\.{key} is .*; it must be a number"):
        StationHome(cli_home).load_config()
    proc = run_cli("seal", "list", home=cli_home)
    assert_one_clear_line(proc, 1, f"print_marks.{key}", "to")


# -- verify and stamp of what is no file ------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_verify_of_a_device_or_a_fifo_ends_at_once(cli_home, tmp_path, target):
    path = tmp_path / "doc.pdf"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path = target
    for command in (["verify", str(path)],
                    ["approve", str(path), "--seal", "official", "--copies", "1", "--approver", "gm", "--stdin-secrets"]):
        proc = run_cli(*command, home=cli_home, stdin=password("gm") + "\n")
        what = "a named pipe (FIFO)" if target == "fifo" else "a character device"
        assert_one_clear_line(proc, 1, f"is {what}, not a PDF file")


# -- legacy encryption with /U and /O of the wrong length -------------------------------------------------------------

def _broken_legacy_encryption(path):
    """An owner-password-only RC4 file (the kind the station stamps) whose /U and /O are 30 bytes, not 32."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "legacy encrypted")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_RC4_128, owner_pw="owner", user_pw="")
    data = path.read_bytes()
    broken, n = re.subn(rb"/([UO])<([0-9A-Fa-f]{64})>", lambda m: b"/" + m.group(1) + b"<" + m.group(2)[:60] + b">",
                        data)
    assert n == 2, data[-400:]
    path.write_bytes(broken)
    return path


def test_broken_legacy_encryption_is_refused_at_approval_in_the_station_s_words(cli_home, tmp_path):
    src = _broken_legacy_encryption(tmp_path / "legacy.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm", "--stdin-secrets",
                   home=cli_home, stdin=password("gm") + "\n")
    assert_one_clear_line(proc, 1, "is encrypted in a way SealStation cannot open",
                          "password checks (/U and /O) have the wrong length", "unencrypted copy")
    assert "pyhanko" not in proc.stderr.lower() and "PdfError" not in proc.stderr
    checked = run_cli("verify", str(src), home=cli_home)
    assert_one_clear_line(checked, 1, "password checks (/U and /O) have the wrong length")
    assert "must be 32 bytes long" not in checked.stderr


def test_broken_legacy_encryption_in_the_core(station, tmp_path):
    src = _broken_legacy_encryption(tmp_path / "legacy.pdf")
    with pytest.raises(EncryptedPdfError, match="wrong length"):
        station.approving().check_document(src)


# -- other counts on the command line ---------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["seal", "make", "big", "--kind", "official", "--organisation", "示例", "--by", "admin", "--valid-days", "1000000000"],
    ["seal", "make", "big", "--kind", "official", "--organisation", "示例", "--by", "admin", "--valid-days", "0"],
    ["archive", "verify", "--stale-days", "99999999999"],
])
def test_day_counts_that_overflow_a_date_are_usage_errors(cli_home, argv):
    """timedelta(days=10**9) is an OverflowError: the range is said before any date is computed."""
    assert_one_clear_line(run_cli(*argv, home=cli_home), 2, "a number of days from 1 to")


def test_register_key_of_a_fifo_or_a_missing_file_ends_in_words(cli_home, tmp_path):
    fifo = tmp_path / "gm.pem"
    os.mkfifo(fifo)
    for path, words in ((fifo, "a named pipe (FIFO), not a file"), (tmp_path / "none.pem", "No such file")):
        proc = run_cli("request", "register-key", "gm", str(path), "--by", "admin", "--stdin-secrets", home=cli_home,
                       stdin=password("admin") + "\n")
        assert_one_clear_line(proc, 1, "public key", words)


def test_a_stamped_file_swapped_for_a_fifo_after_the_plan_prints_nothing(station, pin, tmp_path):
    from support.station_fixtures import stamp_approved

    stamped = stamp_approved(station, pin, make_pdf(tmp_path / "in.pdf"), tmp_path / "stamped.pdf").output
    plan = station.printing().plan(stamped, copies=1)
    stamped.unlink()
    os.mkfifo(stamped)

    class NoPrinter:
        destination = "nowhere"

    from sealstation.errors import PrintRefusedError

    with pytest.raises(PrintRefusedError, match="named pipe .*nothing was printed"):
        station.printing().print(plan, user="custodian", password=password("custodian"), sink=NoPrinter())


def test_a_seal_image_replaced_by_a_fifo_stops_the_stamp_in_words(station, pin, tmp_path):
    """The custodian's account can write the home: a FIFO in place of the seal's image must not hang every stamp."""
    from sealstation.errors import SealImageError

    record = station.seals.get("official")
    image = station.seals.images_dir / record.image_file
    image.unlink()
    os.mkfifo(image)
    with pytest.raises(SealImageError, match="named pipe"):
        station.seals.load_image(record)


def test_trust_add_and_a_scanned_imprint_of_a_fifo_end_in_words(tmp_path):
    from sealstation.errors import SealAuthorityError, SealImageError
    from sealstation.seals.image import import_scanned_imprint
    from sealstation.seals.partners import add_partner_authority

    fifo = tmp_path / "partner.pem"
    os.mkfifo(fifo)
    with pytest.raises(SealAuthorityError, match="named pipe"):
        add_partner_authority(tmp_path, fifo, authority=None)
    with pytest.raises(SealImageError, match="named pipe"):
        import_scanned_imprint(fifo, 42.0)


def test_the_last_day_a_date_can_be_is_no_traceback(cli_home, tmp_path):
    out = tmp_path / "journal.csv"
    proc = run_cli("journal", "export", "--from", "9999-12-31", "--to", "9999-12-31", "--out", str(out), "--user",
                   "auditor", "--stdin-secrets", home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Exported 0 entries" in proc.stdout
    from sealstation.archive.summary import month_bounds

    with pytest.raises(ConfigError, match="past the last month"):
        month_bounds("9999-12")
