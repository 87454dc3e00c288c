"""The page renderer: one owner of PyMuPDF in a process of its own; late pages dropped; a cache bounded by bytes."""

from __future__ import annotations

import os
import signal

import pymupdf
import pytest

from sealstation.errors import DamagedPdfError, EncryptedPdfError
from support.pdfs import make_text_pdf
from ui.page_renderer import PageRenderer, RenderKey


@pytest.fixture
def renderer(qtbot):
    r = PageRenderer(cache_bytes=3 * 1024 * 1024)
    yield r
    r.shutdown()


@pytest.fixture(scope="module")
def forty_pages(tmp_path_factory):
    return make_text_pdf(tmp_path_factory.mktemp("forty") / "forty.pdf", 40)


def test_late_pages_are_dropped_and_the_cache_stays_bounded(qtbot, renderer, forty_pages):
    with qtbot.waitSignal(renderer.documentOpened, timeout=10000) as opened:
        renderer.open(forty_pages)
    assert opened.args[0].page_count == 40
    delivered = []
    renderer.pageReady.connect(lambda client, key, image: delivered.append((client, key, image.size())))
    early = [RenderKey(p, 3.0) for p in range(1, 9)]
    renderer.want("view", early)
    renderer.want("view", [RenderKey(30, 3.0)])  # the person scrolled on before the first pages came
    qtbot.waitUntil(lambda: any(k.page == 30 for _, k, _ in delivered), timeout=10000)
    qtbot.wait(100)
    assert {k.page for _, k, _ in delivered} <= {30}, "a page no longer wanted was delivered"
    assert delivered[0][2].width() == pytest.approx(210 * 3.0, abs=2)  # A4 at 3 px a mm
    # Many pages at 3 px/mm (1.7 MB each) in a 3 MB cache: the oldest go, the newest stay.
    for p in range(1, 7):
        renderer.want("view", [RenderKey(p, 3.0)])
        qtbot.waitUntil(lambda p=p: renderer.cached(RenderKey(p, 3.0)) is not None, timeout=10000)
    assert renderer.cache_bytes <= 3 * 1024 * 1024
    assert renderer.cached(RenderKey(6, 3.0)) is not None and renderer.cached(RenderKey(1, 3.0)) is None
    # Another scale of a cached page stands in while the right one is drawn.
    assert renderer.placeholder(6, 6.0) is not None


def test_text_boxes_come_by_signal(qtbot, renderer, forty_pages):
    with qtbot.waitSignal(renderer.documentOpened, timeout=10000):
        renderer.open(forty_pages)
    assert renderer.text_boxes(3) is None
    with qtbot.waitSignal(renderer.textBoxesReady, timeout=10000) as ready:
        pass
    page, boxes = ready.args
    assert page == 3 and boxes and boxes[0].x0 == pytest.approx(25.4, abs=0.1)
    assert renderer.text_boxes(3) == boxes


def test_unreadable_and_encrypted_documents_are_told(qtbot, renderer, tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with qtbot.waitSignal(renderer.documentFailed, timeout=10000) as failed:
        renderer.open(damaged)
    assert isinstance(failed.args[0], DamagedPdfError)
    assert failed.args[0].facts["file"] == "damaged.pdf"  # the facts come across the process, for the UI's words
    locked = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page()
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    with qtbot.waitSignal(renderer.documentFailed, timeout=10000) as failed:
        renderer.open(locked)
    assert isinstance(failed.args[0], EncryptedPdfError) and failed.args[0].code == "encrypted_pdf_password"
    # The renderer goes on: a good document after two bad ones.
    good = make_text_pdf(tmp_path / "good.pdf", 2)
    with qtbot.waitSignal(renderer.documentOpened, timeout=10000):
        renderer.open(good)


def test_a_render_process_that_dies_takes_only_itself_down(qtbot, renderer, forty_pages):
    """A file that crashes MuPDF kills the render process, not the window; the next document gets a new one."""
    with qtbot.waitSignal(renderer.documentOpened, timeout=10000):
        renderer.open(forty_pages)
    first = renderer.engine_pid
    os.kill(first, signal.SIGKILL)
    delivered = []
    renderer.pageReady.connect(lambda client, key, image: delivered.append(key))
    renderer.want("view", [RenderKey(1, 2.0)])
    qtbot.wait(300)
    assert delivered == []  # nothing to show, nothing broken
    with qtbot.waitSignal(renderer.documentOpened, timeout=10000):
        renderer.open(forty_pages)
    assert renderer.engine_pid != first
    renderer.want("view", [RenderKey(2, 2.0)])
    qtbot.waitUntil(lambda: RenderKey(2, 2.0) in delivered, timeout=10000)
