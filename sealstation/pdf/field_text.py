"""A form field's value drawn whole in its widget, as the form's producer showed it.

MuPDF draws a text field's appearance inside a clip inset by a 1 pt border
(drawn or not), with the baseline where a full line of the DA's font size
would put it. LibreOffice writes fields barely taller than their text (a
7.75 pt widget with an 11 pt font is common): the glyphs are then cut at the
top or the bottom, where the producer, and every viewer redrawing the field
for /NeedAppearances, showed them whole. This module redraws the text line of
such an appearance, when MuPDF's clip cuts its glyphs: the clip is the
widget's box when it has no border, the font size is the DA's (made smaller
only when the glyphs cannot fit at it), and the glyphs (capital height to
descender, for the value's characters) are centred in the box. Lines MuPDF
drew whole, appearances of several lines, or in another form than one line
of text, are left as MuPDF drew them.
"""

from __future__ import annotations

import re

__all__ = ["fit_text_line", "glyph_extent"]

# Helvetica's capital height and descender (MuPDF draws text fields in Helvetica unless the DA names an embedded
# font); a CJK font's em box sits about 0.88 above and 0.12 below the baseline.
_CAP, _DESC = 0.718, 0.207
_CJK_TOP, _CJK_BOTTOM = 0.88, 0.12
_DESCENDERS = set("gjpqyQ,;()[]{}|/@$_")
_PAD = 0.5
"""Room kept between the glyphs and the widget's edge when the font has to shrink, in points."""

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)"
_TD = re.compile(rf"^({_NUMBER})\s+({_NUMBER})\s+Td$")
_TF = re.compile(rf"^(/\S+)\s+({_NUMBER})\s+Tf$")
_RE = re.compile(rf"^({_NUMBER})\s+({_NUMBER})\s+({_NUMBER})\s+({_NUMBER})\s+re$")


def glyph_extent(value: str, size: float) -> tuple[float, float]:
    """(above, below) the baseline, in points, of ``value``'s glyphs at font ``size``."""
    if any(ord(c) > 0x2E7F for c in value):
        return _CJK_TOP * size, _CJK_BOTTOM * size
    above = (_CAP if value.isascii() else _CJK_TOP) * size  # accented capitals rise above the capital height
    below = _DESC * size if _DESCENDERS & set(value) else 0.0
    return above, below


def fit_text_line(content: str, value: str, box_height: float, bordered: bool) -> str | None:
    """``content`` (MuPDF's appearance stream of one text line) with the line centred whole; None to keep it."""
    lines = content.splitlines()
    try:
        bt, et = lines.index("BT"), lines.index("ET")
    except ValueError:
        return None
    shows = [i for i in range(bt, et) if lines[i].endswith(("Tj", "TJ"))]
    tds = [i for i in range(bt, et) if _TD.match(lines[i])]
    tfs = [i for i in range(bt, et) if _TF.match(lines[i])]
    if lines.count("BT") != 1 or len(shows) != 1 or len(tfs) != 1 or not tds or "\n" in value or not value:
        return None
    font, size = _TF.match(lines[tfs[0]]).groups()
    size = float(size)
    if size <= 0:
        return None
    x = float(_TD.match(lines[tds[0]]).group(1))
    drawn_at = sum(float(_TD.match(lines[i]).group(2)) for i in tds)  # MuPDF's baseline: its moves added up
    clip = next((i for i in range(bt) if _RE.match(lines[i])), None)
    above, below = glyph_extent(value, size)
    if clip is not None:
        _, cy, _, ch = (float(v) for v in _RE.match(lines[clip]).groups())
        if cy <= drawn_at - below and drawn_at + above <= cy + ch:
            return None  # whole as MuPDF drew it: left alone
    clip_y, clip_h = 0.0, box_height
    if clip is not None and bordered:
        _, cy, _, ch = (float(v) for v in _RE.match(lines[clip]).groups())
        clip_y, clip_h = cy, ch
    elif clip is not None:  # no border to keep clear of: the whole box is the field's
        cx, _, cw, _ = (float(v) for v in _RE.match(lines[clip]).groups())
        lines[clip] = f"{cx - 1:g} 0 {cw + 2:g} {box_height:g} re"
    if above + below > clip_h - 2 * _PAD:
        scale = max(clip_h - 2 * _PAD, 0.1) / (above + below)
        size, above, below = size * scale, above * scale, below * scale
    baseline = clip_y + (clip_h - above - below) / 2 + below
    text = [line for i, line in enumerate(lines[bt + 1:et], start=bt + 1) if i not in tds and i not in tfs]
    show = lines[shows[0]]
    text.remove(show)
    block = ["BT", *text, f"{x:.4g} {baseline:.4f} Td", f"{font} {size:.4g} Tf", show, "ET"]
    return "\n".join(lines[:bt] + block + lines[et + 1:]) + "\n"
