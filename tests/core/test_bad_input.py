"""Every kind of bad input gets a clear error, and nothing is lost or half-written."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from sealstation.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    InputChangedError,
    NotAPdfError,
    OutputError,
    PageOutOfRangeError,
    PinIncorrectError,
    PlacementError,
    SealNotFoundError,
    TokenKeyMissingError,
)
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.pdfs import make_pdf
from support.station_fixtures import sign_plan


def request(src: Path, out: Path, **kw) -> StampRequestSpec:
    args = dict(seal_id="official", page=1, center_mm=(60.0, 50.0), purpose="")
    args.update(kw)
    return StampRequestSpec(src, args["seal_id"], Placement(args["page"], args["center_mm"]), out, args["purpose"])


def assert_nothing_written(folder: Path, out: Path) -> None:
    assert not out.exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")], "a temp file was left behind"


def test_not_a_pdf(station, tmp_path):
    src = tmp_path / "letter.pdf"
    src.write_text("Dear sir, this is a text file.")
    with pytest.raises(NotAPdfError, match="not a PDF"):
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf"))


def test_truncated_pdf(station, tmp_path):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    src = tmp_path / "truncated.pdf"
    src.write_bytes(good[: len(good) * 2 // 3])
    with pytest.raises(DamagedPdfError, match="truncated") as err:
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf"))
    assert "intact copy" in err.value.hint


def test_broken_cross_reference(station, tmp_path):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    # Point startxref at the wrong place: the cross-reference can't be found.
    broken = re.sub(rb"startxref\s+(\d+)", b"startxref\n12", good)
    src = tmp_path / "broken.pdf"
    src.write_bytes(broken)
    with pytest.raises(DamagedPdfError, match="damaged"):
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf"))


def test_pdf_with_an_opening_password(station, tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "confidential")
    src = tmp_path / "encrypted.pdf"
    doc.save(src, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="secret")
    with pytest.raises(EncryptedPdfError, match="needs a password to open") as err:
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf"))
    assert "without an opening password" in err.value.hint


def test_page_out_of_range(station, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    with pytest.raises(PageOutOfRangeError, match="Page 3 does not exist .* has 1 page"):
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf", page=3))
    with pytest.raises(PageOutOfRangeError):
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf", page=0))


def test_seal_box_off_the_page(station, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    with pytest.raises(PlacementError, match="would leave page 1"):
        station.stamping().plan_stamp(request(src, tmp_path / "out.pdf", center_mm=(200.0, 280.0)))


def test_unknown_seal(station, tmp_path):
    with pytest.raises(SealNotFoundError, match="No seal 'nope'"):
        station.stamping().plan_stamp(request(make_pdf(tmp_path / "in.pdf"), tmp_path / "out.pdf", seal_id="nope"))


def test_wrong_pin_says_so_and_writes_nothing(station, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    plan = station.stamping().plan_stamp(request(src, out))
    with pytest.raises(PinIncorrectError) as err:
        sign_plan(station, plan, out, "000000")
    assert "PIN incorrect" in str(err.value)
    assert err.value.count_low  # SoftHSM2 sets CKF_USER_PIN_COUNT_LOW after a failure
    assert_nothing_written(tmp_path, out)


def test_key_missing_on_token(station, pin, tmp_path, seal_token):
    from dataclasses import replace

    record = station.seals.get("official")
    station.seals.put(replace(record, seal_id="ghost"), authority=seal_token.authority, by="admin")
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    plan = station.stamping().plan_stamp(request(src, out, seal_id="ghost"))
    with pytest.raises(TokenKeyMissingError, match="ghost"):
        sign_plan(station, plan, out, pin)
    assert_nothing_written(tmp_path, out)


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file"])
def test_output_not_writable(station, pin, tmp_path, where):
    src = make_pdf(tmp_path / "in.pdf")
    if where == "missing-folder":
        out = tmp_path / "no" / "such" / "folder" / "out.pdf"
    else:
        (tmp_path / "afile").write_text("x")
        out = tmp_path / "afile" / "out.pdf"
    # Refused at planning: before any password or PIN is asked for.
    with pytest.raises(OutputError, match="Cannot write"):
        station.stamping().plan_stamp(request(src, out))


def test_output_may_not_be_the_input(station, pin, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    before = src.read_bytes()
    with pytest.raises(OutputError, match="is the input document"):
        station.stamping().plan_stamp(request(src, src))
    assert src.read_bytes() == before


def test_input_replaced_while_signing(station, pin, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    plan = station.stamping().plan_stamp(request(src, out))
    real_token = station.token()

    class ReplacingInput:
        """Wraps the real token session: the file is swapped while the token signs."""

        def run(self, fn, *, pin):
            result = real_token.run(fn, pin=pin)
            make_pdf(src, text="An edited document")
            return result

        def logout(self):
            real_token.logout()

    station._token = ReplacingInput()
    try:
        with pytest.raises(InputChangedError, match="replaced or edited") as err:
            sign_plan(station, plan, out, pin)
    finally:
        station._token = real_token
    assert "new approval" in err.value.hint
    assert_nothing_written(tmp_path, out)


def test_token_certificate_not_the_registered_one(station, pin, tmp_path, seal_token):
    from dataclasses import replace

    from sealstation.errors import SealUnusableError

    record = station.seals.get("contract")
    station.seals.put(replace(record, cert_sha256="00" * 32), authority=seal_token.authority, by="admin")
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    plan = station.stamping().plan_stamp(request(src, out, seal_id="contract"))
    with pytest.raises(SealUnusableError, match="not the registered one"):
        sign_plan(station, plan, out, pin)
    assert_nothing_written(tmp_path, out)
