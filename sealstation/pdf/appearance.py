"""The visible seal: a signature widget appearance that is the seal image.

The seal image (印模) is decoded and compressed into PDF image streams once per
image (cached by its SHA-256), not on every signature. Each signature then gets
a pyHanko static stamp whose only content is that image, painted upright
whatever the page's /Rotate, at true size, with its transparent background kept
transparent (soft mask) and the ink multiplied onto the page so that text under
the seal stays readable, as under real ink.

Upright is achieved by the appearance's own matrix, not by the widget's
NoRotate flag: widgets relying on NoRotate are not shown by Acrobat
(pyHanko issue #265).
"""

from __future__ import annotations

import io
import weakref
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import SealImageError
from .geometry import SealBox, upright_image_matrix

# pyHanko (about 0.2 s) and Pillow (~9 ms) are imported where they are used: commands that never sign need not pay.
__all__ = ["EncodedSealImage", "encode_seal_image", "deflate_seal_image", "prime_seal_image", "seal_stamp_style",
           "seal_image_xobject"]


@dataclass(frozen=True)
class EncodedSealImage:
    """A seal image ready to embed: Flate-compressed colour and alpha samples."""

    width_px: int
    height_px: int
    rgb_flate: bytes
    """DeviceRGB samples, 8 bits, FlateDecode."""
    alpha_flate: bytes
    """DeviceGray soft-mask samples, 8 bits, FlateDecode."""


_PRIMED: dict[bytes, EncodedSealImage] = {}
"""Encodings a caller vouched for (the station's checked cache, :mod:`sealstation.seals.image_cache`), by image."""


def prime_seal_image(png: bytes, encoded: EncodedSealImage) -> None:
    """From now on in this process, ``encoded`` stands for ``png``: the PNG is not decoded and deflated again.

    Only for an encoding checked to be ``png``'s (the station's cache is, against a digest in its database)."""
    if len(_PRIMED) >= 16:
        _PRIMED.pop(next(iter(_PRIMED)))
    _PRIMED[png] = encoded


def encode_seal_image(png: bytes) -> EncodedSealImage:
    """A PNG seal image compressed for PDF, once per distinct image in a process (or primed, above)."""
    primed = _PRIMED.get(png)
    return primed if primed is not None else _encoded(png)


@lru_cache(maxsize=16)
def _encoded(png: bytes) -> EncodedSealImage:
    return deflate_seal_image(png)


def deflate_seal_image(png: bytes) -> EncodedSealImage:
    """Decode a PNG seal image and compress it for PDF (30-40 ms for a 1,000-pixel seal, and Pillow's import)."""
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(png))
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise SealImageError(f"The seal image cannot be read: {exc}.") from exc
    rgba = img.convert("RGBA")
    r, g, b, a = rgba.split()
    rgb = Image.merge("RGB", (r, g, b))
    return EncodedSealImage(
        width_px=rgba.width,
        height_px=rgba.height,
        rgb_flate=zlib.compress(rgb.tobytes(), 6),
        alpha_flate=zlib.compress(a.tobytes(), 6),
    )


_EMBEDDED: "weakref.WeakKeyDictionary[Any, list]" = weakref.WeakKeyDictionary()
"""Per writer (one revision), the seal images already embedded: a cross-page seal and the seal's widget in the
same revision share one image object instead of writing it twice."""


def seal_image_xobject(writer, png: bytes):
    """The seal image as an image XObject of ``writer``'s revision (a reference), embedded once per revision."""
    return _image_streams(writer, encode_seal_image(png))


def _image_streams(writer, encoded: EncodedSealImage):
    for known, ref in _EMBEDDED.get(writer, ()):
        if known is encoded:
            return ref
    ref = _embed_image(writer, encoded)
    _EMBEDDED.setdefault(writer, []).append((encoded, ref))
    return ref


def _embed_image(writer, encoded: EncodedSealImage):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def image_dict(colour_space: str) -> dict:
        return {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Image"),
            pdf_name("/Width"): generic.NumberObject(encoded.width_px),
            pdf_name("/Height"): generic.NumberObject(encoded.height_px),
            pdf_name("/ColorSpace"): pdf_name(colour_space),
            pdf_name("/BitsPerComponent"): generic.NumberObject(8),
            pdf_name("/Filter"): pdf_name("/FlateDecode"),
        }

    smask = generic.StreamObject(image_dict("/DeviceGray"), encoded_data=encoded.alpha_flate)
    colour = image_dict("/DeviceRGB")
    colour[pdf_name("/SMask")] = writer.add_object(smask)
    return writer.add_object(generic.StreamObject(colour, encoded_data=encoded.rgb_flate))


def _seal_content_class():
    # Built lazily: pyHanko's content module is only imported when signing.
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.content import PdfContent, ResourceType
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.layout import BoxConstraints

    class SealImageContent(PdfContent):
        """The seal image filling the widget box, counter-rotated to stand upright."""

        def __init__(self, encoded: EncodedSealImage, box: SealBox):
            rect = box.rect
            super().__init__(box=BoxConstraints(width=rect.width, height=rect.height))
            self._encoded = encoded
            self._matrix = upright_image_matrix(box.rotation, rect.width, rect.height)

        def render(self) -> bytes:
            writer = self._ensure_writer
            self.set_resource(ResourceType.XOBJECT, pdf_name("/SealImage"), _image_streams(writer, self._encoded))
            self.set_resource(
                ResourceType.EXT_G_STATE,
                pdf_name("/SealInk"),
                generic.DictionaryObject({pdf_name("/BM"): pdf_name("/Multiply")}),
            )
            cm = " ".join(f"{v:.4f}" for v in self._matrix).encode("ascii")
            return b"q /SealInk gs " + cm + b" cm /SealImage Do Q"

    return SealImageContent


def seal_stamp_style(png: bytes, box: SealBox):
    """A pyHanko stamp style drawing only the seal, exactly filling ``box``."""
    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    content = _seal_content_class()(encode_seal_image(png), box)
    return StaticStampStyle(
        background=content,
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(0, 0, 0, 0),
        ),
    )
