"""Stamping end to end on the SoftHSM2 token, judged by poppler (pdfsig, pdftoppm)."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from support.pdfs import A4, PageCase, make_pdf, page_cases
from support.render import render_page, seal_center_mm, seal_crop, similarity
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.station_fixtures import approve, forget_checkpoints, sign_plan, stamp_approved

DPI = 150


def pdfsig(path: Path) -> tuple[int, str]:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def valid_count(report: str) -> int:
    return len(re.findall(r"Signature Validation: Signature is Valid", report))


def stamp(station, pin, src: Path, out: Path, seal="official", page=1, at=(60.0, 50.0), purpose="测试用印"):
    return stamp_approved(station, pin, src, out, seal=seal, page=page, at=at, purpose=purpose)


@pytest.fixture(scope="module")
def reference_seal(tmp_path_factory, station_template, seal_token):
    """The official seal as rendered on a plain, unrotated A4 page."""
    import shutil

    from sealstation.station import Station

    tmp = tmp_path_factory.mktemp("ref")
    shutil.copytree(station_template, tmp / "home")
    forget_checkpoints(seal_token)  # a new home: whatever stamped before this module is not its past
    with Station.open(tmp / "home", token=seal_token.session) as st:
        src = make_pdf(tmp / "ref.pdf", [PageCase("ref", A4)])
        stamp(st, seal_token.user_pin, src, tmp / "ref-out.pdf")
    return seal_crop(render_page(tmp / "ref-out.pdf", 1, DPI))


@pytest.mark.parametrize("case", page_cases(), ids=lambda c: c.name)
def test_seal_lands_where_asked_and_upright(case, station, pin, tmp_path, reference_seal, artifacts):
    src = make_pdf(tmp_path / "in.pdf", [case])
    at = (62.5, 71.0)
    out = tmp_path / "out.pdf"
    stamp(station, pin, src, out, at=at)
    img = render_page(out, 1, DPI)
    img.save(artifacts / f"placement-{case.name}.png")
    cx, cy = seal_center_mm(img, DPI)
    assert abs(cx - at[0]) <= 0.5 and abs(cy - at[1]) <= 0.5, (cx, cy)
    crop = seal_crop(img)
    upright = similarity(reference_seal, crop)
    turned = max(similarity(reference_seal, crop.rotate(a, expand=True)) for a in (90, 180, 270))
    assert upright > 0.85 and upright > turned + 0.1, (upright, turned)
    report = station.audit().verify(out)
    assert report.valid
    (sig,) = report.signatures
    # verify's report agrees with where poppler drew the seal, not merely with what was asked
    assert sig.placement.page == 1 and sig.placement.center_mm == pytest.approx((cx, cy), abs=0.5)


def test_one_two_three_seals_all_valid_in_pdfsig(station, pin, tmp_path, artifacts):
    src = make_pdf(tmp_path / "contract.pdf", [PageCase("p1", A4), PageCase("p2", A4, rotate=90)])
    steps = [("official", 1, (150, 240)), ("legal-rep", 1, (60, 240)), ("contract", 2, (200, 120))]
    # One request for the three seals: the last seal of a request locks the document (issue 19).
    approve(station, src, [seal for seal, _, _ in steps])
    current = src
    for n, (seal, page, at) in enumerate(steps, start=1):
        out = tmp_path / f"stamped-{n}.pdf"
        plan = station.stamping().plan_stamp(StampRequestSpec(current, seal, Placement(page, at), out, "测试用印"))
        sign_plan(station, plan, out, pin, approve_first=False)
        code, report = pdfsig(out)
        assert code == 0, report
        assert valid_count(report) == n, report
        result = station.audit().verify(out)
        assert result.valid and len(result.signatures) == n
        assert [s.seal for s in result.signatures] == [s for s, _, _ in steps[:n]]
        # Earlier signatures only saw signatures added after them; the last saw nothing.
        assert [s.changed_after for s in result.signatures] == ["form filling"] * (n - 1) + ["none"]
        current = out
    render_page(current, 1, 80).save(artifacts / "three-seals-page1.png")


def test_flipped_byte_is_caught_by_pdfsig_and_verify(station, pin, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    stamp(station, pin, src, out)
    data = bytearray(out.read_bytes())
    # A byte of the page dictionary, well inside the first signed range.
    pos = data.index(b"/MediaBox") + 1
    data[pos] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    code, report = pdfsig(bad)
    assert valid_count(report) == 0 and ("Digest Mismatch" in report or "Invalid" in report), report
    result = station.audit().verify(bad)
    assert not result.valid and not result.signatures[0].intact


def test_appending_after_the_signature_is_reported(station, pin, tmp_path):
    out = tmp_path / "out.pdf"
    stamp(station, pin, make_pdf(tmp_path / "in.pdf"), out)
    with open(out, "ab") as f:
        f.write(b"\n% appended by someone\n")
    result = station.audit().verify(out)
    assert result.changed_after_last and not result.valid


def test_input_file_is_never_modified(station, pin, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = stamp(station, pin, src, tmp_path / "out.pdf")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before == result.sha256_before
    assert result.sha256_after == hashlib.sha256((tmp_path / "out.pdf").read_bytes()).hexdigest()


def test_covering_another_seal_gives_a_warning(station, pin, tmp_path):
    # One request for both seals: the first seal does not lock the document, the last does (issue 19).
    src = make_pdf(tmp_path / "in.pdf")
    approve(station, src, ["official", "contract"])
    first = tmp_path / "one.pdf"

    def planned(doc, seal, out, at):
        return station.stamping().plan_stamp(StampRequestSpec(doc, seal, Placement(1, at), out, "测试用印"))

    sign_plan(station, planned(src, "official", first, (100, 100)), first, pin, approve_first=False)
    clear = planned(first, "contract", tmp_path / "three.pdf", (160, 200))
    assert clear.warnings == ()
    result = sign_plan(station, planned(first, "contract", tmp_path / "two.pdf", (110, 105)), tmp_path / "two.pdf",
                       pin, approve_first=False)
    assert len(result.warnings) == 1 and "covers the existing seal 'Seal-official-1'" in result.warnings[0]


def test_text_under_the_seal_stays_readable(station, pin, tmp_path):
    """The seal's background is transparent and the ink multiplies: black text shows through."""
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    # The test text starts at (72, 120) pt from the top-left: about (25.4, 42.3) mm.
    stamp(station, pin, src, out, at=(45, 40))
    img = render_page(out, 1, DPI).convert("L")
    x0, y0 = int(26 / 25.4 * DPI), int(40 / 25.4 * DPI)
    region = img.crop((x0, y0, x0 + int(40 / 25.4 * DPI), y0 + int(4 / 25.4 * DPI)))
    assert min(region.get_flattened_data()) < 60, "black text under the seal is hidden"


def test_post_sign_check_refuses_bad_output(station, pin, tmp_path):
    """The check run on the temp file before it takes its name: damage, additions, another signer."""
    from sealstation.errors import VerificationError
    from sealstation.pdf.verify import check_new_signature

    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    result = stamp(station, pin, src, out)
    size = len(src.read_bytes())
    good = out.read_bytes()
    assert check_new_signature(out, result.field_name, signed_from=size) == result.sha256_after

    flipped = bytearray(good)
    flipped[good.index(b"/MediaBox") + 1] ^= 1
    (tmp_path / "flipped.pdf").write_bytes(bytes(flipped))
    with pytest.raises(VerificationError, match="intact=False"):
        check_new_signature(tmp_path / "flipped.pdf", result.field_name, signed_from=size)
    (tmp_path / "longer.pdf").write_bytes(good + b"\n%more\n")
    with pytest.raises(VerificationError, match="does not cover the whole file"):
        check_new_signature(tmp_path / "longer.pdf", result.field_name, signed_from=size)
    with pytest.raises(VerificationError, match="another certificate"):
        check_new_signature(out, result.field_name, signed_from=size, signer_cert_sha256="00" * 32)
    with pytest.raises(VerificationError, match="missing"):
        check_new_signature(src, result.field_name, signed_from=0)


def test_signature_reason_defaults_to_the_approved_purpose(station, pin, tmp_path):
    """The signed revision is prepared before the password: the request's purpose is found at planning."""
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.station_fixtures import approve, sign_plan

    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    approve(station, src, ["official"], purpose="年度合同用印")
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out))
    sign_plan(station, plan, out, pin, approve_first=False)
    (sig,) = station.audit().verify(out).signatures
    assert sig.reason == "年度合同用印" and sig.ok
