"""The seal image encoded for PDF once, kept, and checked at each use.

Decoding a seal's PNG and deflating its colour and alpha samples for the PDF
costs 30-40 ms (and Pillow's import) in every process that stamps. The
encoded streams are therefore kept in a cache file per image
(``<home>/cache/seal-images/<image SHA-256>.sealimg``), and the file's SHA-256
in the station database (``station_state``: encrypted by SQLCipher, its pages
authenticated). A file that does not match that digest (swapped for another
image's encoding, truncated, put there with no record of it) is never used: it
is rebuilt from the registered image, and the mismatch is logged. The digest
names the image too, and the image is the one the office's signed seal record
names (:meth:`~sealstation.seals.register.SealRegister.load_image` checks it
before this cache is asked), so the cache only ever stands for the registered
image. Forging an entry takes the database key, which also guards the journal.

A cache that cannot be written (a full disk) costs the encoding, never the stamp.
"""

from __future__ import annotations

import hashlib
import json
import logging
import struct
from pathlib import Path

from ..errors import SealStationError
from ..fsutil import atomic_write_bytes
from ..pdf.appearance import EncodedSealImage, deflate_seal_image, prime_seal_image

__all__ = ["SealImageCache", "CACHE_FORMAT"]

log = logging.getLogger(__name__)

CACHE_FORMAT = b"SEALIMG1"
"""The first bytes of a cache file; then width, height and the two streams' lengths (big-endian 32-bit)."""
_HEADER = struct.Struct(">IIII")


class SealImageCache:
    """The encoded seal images of one station: ``db`` its database, ``folder`` where the cache files live."""

    def __init__(self, db, folder: Path) -> None:
        self.db = db
        self.folder = Path(folder)

    def encoded(self, png: bytes) -> EncodedSealImage:
        """``png`` encoded for PDF: from its checked cache file, else encoded now and kept."""
        image_sha256 = hashlib.sha256(png).hexdigest()
        found = self._cached(image_sha256)
        if found is None:
            found = deflate_seal_image(png)
            self._keep(image_sha256, found)
        return found

    def prime(self, png: bytes) -> EncodedSealImage:
        """:meth:`encoded`, and this process's appearances use it for ``png`` from now on."""
        found = self.encoded(png)
        prime_seal_image(png, found)
        return found

    def path(self, image_sha256: str) -> Path:
        return self.folder / f"{image_sha256}.sealimg"

    @staticmethod
    def state_key(image_sha256: str) -> str:
        """The ``station_state`` key holding the cache file's digest."""
        return f"seal_image_cache:{image_sha256}"

    def _cached(self, image_sha256: str) -> EncodedSealImage | None:
        rows = self.db.query("SELECT value FROM station_state WHERE key = ?", (self.state_key(image_sha256),))
        if not rows:
            return None
        path = self.path(image_sha256)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            expected = json.loads(rows[0][0])["sha256"]
        except (ValueError, KeyError, TypeError):
            expected = None
        if hashlib.sha256(data).hexdigest() != expected:
            log.warning("The cached encoding of seal image %s (%s) is not the one recorded: rebuilt from the "
                        "registered image, not used.", image_sha256[:16], path)
            return None
        return _parse(data)

    def _keep(self, image_sha256: str, encoded: EncodedSealImage) -> None:
        data = _serialise(encoded)
        value = json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "format": CACHE_FORMAT.decode("ascii")})
        try:
            # Private, as the rest of the home (secure_home would otherwise repair it, and journal that).
            for folder in reversed([f for f in (self.folder, *self.folder.parents) if not f.exists()]):
                folder.mkdir(mode=0o700, exist_ok=True)
            atomic_write_bytes(self.path(image_sha256), data)
            # Bookkeeping: lost in a power cut, the cache is only rebuilt once more.
            self.db.execute_lazily("INSERT INTO station_state (key, value) VALUES (?, ?) ON CONFLICT (key) "
                                   "DO UPDATE SET value = excluded.value", (self.state_key(image_sha256), value))
        except (OSError, SealStationError) as exc:
            log.warning("The encoded seal image could not be kept (%s); it is encoded again next time.", exc)


def _serialise(encoded: EncodedSealImage) -> bytes:
    return b"".join((CACHE_FORMAT, _HEADER.pack(encoded.width_px, encoded.height_px, len(encoded.rgb_flate),
                                                len(encoded.alpha_flate)), encoded.rgb_flate, encoded.alpha_flate))


def _parse(data: bytes) -> EncodedSealImage | None:
    start = len(CACHE_FORMAT) + _HEADER.size
    if not data.startswith(CACHE_FORMAT) or len(data) < start:
        return None
    width, height, rgb_len, alpha_len = _HEADER.unpack_from(data, len(CACHE_FORMAT))
    if start + rgb_len + alpha_len != len(data):
        return None
    return EncodedSealImage(width, height, data[start:start + rgb_len], data[start + rgb_len:])
