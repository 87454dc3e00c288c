"""The seal image's PDF encoding, kept between processes: used only while it matches the digest the station's
database recorded; a swapped, damaged or planted cache file is rebuilt from the registered image, never used."""

from __future__ import annotations

import io
import json
import secrets

import pytest
from PIL import Image, ImageDraw

from sealstation.journal.store import StationDB
from sealstation.pdf import appearance
from sealstation.pdf.appearance import deflate_seal_image, encode_seal_image
from sealstation.seals import image_cache
from sealstation.seals.image_cache import SealImageCache


def _png(colour: tuple[int, int, int, int], side: int = 120) -> bytes:
    img = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((4, 4, side - 4, side - 4), outline=colour, width=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


RED, BLUE = _png((200, 0, 0, 255)), _png((0, 0, 200, 255))


@pytest.fixture()
def cache(tmp_path):
    db = StationDB.open(tmp_path / "station.db", secrets.token_bytes(32))
    yield SealImageCache(db, tmp_path / "cache" / "seal-images")
    db.close()


def _file(cache: SealImageCache, png: bytes):
    import hashlib

    return cache.path(hashlib.sha256(png).hexdigest())


def test_first_use_encodes_and_keeps_it_then_the_cache_answers(cache, monkeypatch):
    first = cache.encoded(RED)
    assert first == deflate_seal_image(RED)
    assert _file(cache, RED).is_file()
    # private as the rest of the station home: nothing for secure_home to repair (and journal) at the next start
    assert [oct(p.stat().st_mode & 0o777) for p in (cache.folder.parent, cache.folder, _file(cache, RED))] == \
        ["0o700", "0o700", "0o600"]

    monkeypatch.setattr(image_cache, "deflate_seal_image", lambda png: pytest.fail("encoded again"))
    again = SealImageCache(cache.db, cache.folder).encoded(RED)  # as another process would
    assert again == first


def test_a_swapped_cache_file_is_detected_rebuilt_and_never_used(cache, caplog):
    cache.encoded(RED)
    cache.encoded(BLUE)
    red_file, blue_file = _file(cache, RED), _file(cache, BLUE)
    red_file.write_bytes(blue_file.read_bytes())  # the custodian puts another seal's encoding in its place

    got = cache.encoded(RED)
    assert got == deflate_seal_image(RED) != deflate_seal_image(BLUE)
    assert "not the one recorded" in caplog.text
    assert red_file.read_bytes() != blue_file.read_bytes()  # rebuilt: the next process finds it matching again
    caplog.clear()
    assert cache.encoded(RED) == got and "not the one recorded" not in caplog.text


@pytest.mark.parametrize("damage", [lambda b: b[:-100], lambda b: b[:20], lambda b: b"", lambda b: b + b"x"])
def test_a_damaged_cache_file_is_rebuilt(cache, damage):
    cache.encoded(RED)
    path = _file(cache, RED)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.encoded(RED) == deflate_seal_image(RED)


def test_a_file_with_no_record_in_the_database_is_not_trusted(cache):
    """A cache file planted before the station ever recorded one (or with its record deleted) is not used."""
    forged = cache.folder / _file(cache, RED).name
    cache.folder.mkdir(parents=True)
    cache.encoded(BLUE)
    forged.write_bytes(_file(cache, BLUE).read_bytes())
    assert cache.encoded(RED) == deflate_seal_image(RED)


def test_a_record_naming_another_digest_is_not_trusted(cache):
    cache.encoded(RED)
    key = SealImageCache.state_key(_file(cache, RED).stem)
    cache.db.execute_lazily("UPDATE station_state SET value = ? WHERE key = ?", (json.dumps({"sha256": "0" * 64}), key))
    assert cache.encoded(RED) == deflate_seal_image(RED)


def test_a_cache_that_cannot_be_written_costs_the_encoding_not_the_stamp(cache):
    cache.folder.parent.mkdir(parents=True)
    cache.folder.write_text("a file where the folder should be")
    assert cache.encoded(RED) == deflate_seal_image(RED)


def test_priming_makes_the_appearance_use_the_checked_encoding(cache, monkeypatch):
    monkeypatch.setattr(appearance, "_PRIMED", {})
    kept = cache.prime(BLUE)
    monkeypatch.setattr(appearance, "deflate_seal_image", lambda png: pytest.fail("the appearance encoded it again"))
    appearance._encoded.cache_clear()
    assert encode_seal_image(BLUE) is kept


def _seal_image_streams(path) -> list[bytes]:
    """The raw (still deflated) colour streams of the images with a soft mask: the seals drawn in ``path``."""
    import pymupdf

    found = []
    with pymupdf.open(path) as doc:
        for x in range(1, doc.xref_length()):
            try:
                if doc.xref_get_key(x, "Subtype")[1] == "/Image" and doc.xref_get_key(x, "SMask")[0] != "null":
                    found.append(doc.xref_stream_raw(x))
            except Exception:  # a free entry (MuPDF: "cannot find object in xref")
                continue
    return found


def test_a_stamp_after_the_cache_was_swapped_carries_the_registered_seal(station, pin, tmp_path, monkeypatch):
    from support.pdfs import A4, PageCase, make_pdf
    from support.station_fixtures import stamp_approved

    official = station.seals.load_image(station.seals.get("official"))
    contract = station.seals.load_image(station.seals.get("contract"))
    cache = station.seal_images()
    cache.encoded(official), cache.encoded(contract)
    _file(cache, official).write_bytes(_file(cache, contract).read_bytes())
    monkeypatch.setattr(appearance, "_PRIMED", {})  # as a new process: nothing remembered in memory
    appearance._encoded.cache_clear()

    out = tmp_path / "out.pdf"
    stamp_approved(station, pin, make_pdf(tmp_path / "doc.pdf", [PageCase("a4", A4)]), out)
    assert _seal_image_streams(out) == [deflate_seal_image(official).rgb_flate]
    assert cache.encoded(official) == deflate_seal_image(official)  # and the cache is whole again
