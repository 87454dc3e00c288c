"""The demo's sample documents carry their fonts, so poppler (and any viewer) draws their text."""

from __future__ import annotations

import subprocess

from sealstation.demo import write_sample_documents
from support.render import render_page


def _fonts(pdf) -> list[list[str]]:
    """pdffonts' table rows (name, type, encoding, emb, sub, uni, object, generation), from the right."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return [line.rsplit(None, 5) for line in lines]


def test_every_font_of_the_sample_documents_is_embedded(tmp_path, artifacts):
    documents = write_sample_documents(tmp_path / "documents")
    assert {p.name for p in documents} == {"contract.pdf", "expenses-rotated.pdf", "notice.pdf"}
    for pdf in documents:
        fonts = _fonts(pdf)
        assert fonts, pdf.name
        for name_and_type, emb, sub, _uni, _obj, _gen in fonts:
            assert (emb, sub) == ("yes", "yes"), (pdf.name, name_and_type)  # an embedded subset
        page = render_page(pdf, 1, dpi=60)
        page.save(artifacts / f"demo-{pdf.stem}.png")
        dark = sum(1 for v in page.convert("L").get_flattened_data() if v < 128)
        assert dark > 500, f"{pdf.name}: poppler drew almost no text"
