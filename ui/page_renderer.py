"""The one owner of PDF rendering: a dedicated thread talks to the render process, the GUI asks and is told.

PyMuPDF is not safe to use from several threads, and it holds the GIL while it draws,
so it runs in a process of its own (:class:`~sealstation.pdf.render_server.RenderProcess`)
that holds the one open document; one :class:`QThread` here is its only caller and
waits for its answers with the GIL released, so the window stays responsive. The GUI thread says what it *wants now* per client (the page
view, the thumbnail strip), keyed by (page, scale); a new wish replaces that client's
old one and bumps its generation, so the worker skips work nobody waits for and a
late result for a page no longer wanted is not delivered. Rendered images are kept
in an LRU cache bounded by bytes, so scrolling back costs nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtGui import QImage

from sealstation.pdf.geometry import PageFrame
from sealstation.pdf.preview import TextBox
from sealstation.pdf.render_server import RenderProcess

__all__ = ["DocumentInfo", "PageRenderer", "RenderKey", "scale_key"]

DEFAULT_CACHE_BYTES = 256 * 1024 * 1024


def scale_key(px_per_mm: float) -> float:
    """Scales closer than 1 % render the same image: the cache key's scale."""
    return round(px_per_mm, 2) if px_per_mm < 1 else round(px_per_mm, 1)


@dataclass(frozen=True)
class RenderKey:
    page: int
    """1-based page."""
    scale: float
    """Pixels a displayed millimetre (see :func:`scale_key`)."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the view needs to lay a document out before any page is rendered."""

    path: Path
    frames: tuple[PageFrame, ...]
    """Every page's geometry, the stamp's (rotation and CropBox applied)."""

    @property
    def page_count(self) -> int:
        return len(self.frames)

    @property
    def sizes_mm(self) -> tuple[tuple[float, float], ...]:
        return tuple(f.display_size_mm for f in self.frames)


class _Worker(QThread):
    """Owns the PreviewDocument; takes the most wanted job, renders it, hands the image over."""

    opened = Signal(int, object)  # open generation, DocumentInfo
    failed = Signal(int, object)  # open generation, exception
    rendered = Signal(int, str, int, object, object)  # open generation, client, client generation, RenderKey, QImage
    texts = Signal(int, int, object)  # open generation, page, tuple[TextBox, ...]
    engine_ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cond = threading.Condition()
        self._open: tuple[int, Path | None] | None = None  # a pending open (None path: close)
        self._jobs: dict[str, tuple[int, list[RenderKey]]] = {}  # client -> (generation, keys by priority)
        self._text_jobs: list[int] = []
        self._order: list[str] = []  # clients, most urgent first
        self._priority: dict[str, int] = {}
        self._stop = False
        self._busy: RenderKey | None = None
        self._engine: RenderProcess | None = None
        self._has_doc = False
        self._doc_generation = 0

    # -- called on the GUI thread --------------------------------------------

    def post_open(self, generation: int, path: Path | None) -> None:
        with self._cond:
            self._open = (generation, path)
            self._jobs.clear()
            self._text_jobs.clear()
            self._cond.notify()

    def post_want(self, client: str, generation: int, keys: list[RenderKey], priority: int) -> None:
        with self._cond:
            if client not in self._order:
                self._order.append(client)
            self._priority[client] = priority
            self._order.sort(key=lambda c: self._priority[c])
            # The page being drawn now comes anyway (and is delivered if still wanted): not twice.
            self._jobs[client] = (generation, [k for k in keys if k != self._busy])
            self._cond.notify()

    def post_text(self, page: int) -> None:
        with self._cond:
            if page not in self._text_jobs:
                self._text_jobs.append(page)
                self._cond.notify()

    def stop(self) -> None:
        if not self.isRunning():
            return
        with self._cond:
            self._stop = True
            self._cond.notify()
        self.wait()

    # -- the worker thread ---------------------------------------------------

    def _next(self):
        """The next piece of work, or None to stop; waits while there is none."""
        with self._cond:
            while True:
                if self._stop:
                    return None
                if self._open is not None:
                    job, self._open = self._open, None
                    return ("open", job)
                if self._text_jobs:
                    return ("text", self._text_jobs.pop(0))
                for client in self._order:
                    generation, keys = self._jobs.get(client, (0, []))
                    if keys:
                        self._busy = keys.pop(0)
                        return ("render", (client, generation, self._busy))
                self._cond.wait()

    def run(self) -> None:
        # The process that owns PyMuPDF: started here, so the window never waits for it.
        self._engine = RenderProcess()
        try:
            self._engine.ready()
            self.engine_ready.emit()
            while (work := self._next()) is not None:
                kind, job = work
                try:
                    if kind == "open":
                        self._do_open(*job)
                    elif kind == "text" and self._has_doc:
                        self.texts.emit(self._doc_generation, job, self._engine.text_boxes(job))
                    elif kind == "render" and self._has_doc:
                        self._do_render(*job)
                except Exception as exc:  # noqa: BLE001 - a page that cannot be drawn stays a blank page
                    if kind == "open":
                        self.failed.emit(job[0], exc)
                finally:
                    with self._cond:
                        self._busy = None
        finally:
            self._engine.stop()

    def _do_open(self, generation: int, path: Path | None) -> None:
        if not self._engine.alive:
            # The process died (a file that crashes MuPDF takes only it down): the next document gets a new one.
            self._engine.stop()
            self._engine = RenderProcess()
            self._engine.ready()
        elif self._has_doc:
            self._engine.close_document()
        self._has_doc = False
        self._doc_generation = generation
        if path is None:
            return
        frames = self._engine.open(path)
        self._has_doc = True
        self.opened.emit(generation, DocumentInfo(path, frames))

    def _do_render(self, client: str, generation: int, key: RenderKey) -> None:
        preview = self._engine.render(key.page, key.scale)
        image = QImage(preview.samples, preview.width_px, preview.height_px, preview.width_px * 3,
                       QImage.Format_RGB888).copy()  # copy: the image owns its pixels once the bytes go
        self.rendered.emit(self._doc_generation, client, generation, key, image)


def _stop_quietly(worker: _Worker) -> None:
    try:
        worker.stop()
    except RuntimeError:  # its C++ side is gone already: so is the thread (stopped by shutdown)
        pass


class _ImageCache:
    """Rendered pages, least recently used dropped first once over ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._images: OrderedDict[RenderKey, QImage] = OrderedDict()
        self._by_page: dict[int, set[RenderKey]] = {}

    def get(self, key: RenderKey) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def any_for(self, page: int, near: float) -> QImage | None:
        """The cached image of ``page`` whose scale is nearest ``near`` (a placeholder until the right one comes)."""
        keys = self._by_page.get(page)
        if not keys:
            return None
        return self._images[min(keys, key=lambda k: abs(k.scale - near))]

    def put(self, key: RenderKey, image: QImage) -> None:
        if key in self._images:
            return
        self._images[key] = image
        self._by_page.setdefault(key.page, set()).add(key)
        self.used += image.sizeInBytes()
        while self.used > self.limit and len(self._images) > 1:
            old, dropped = self._images.popitem(last=False)
            self.used -= dropped.sizeInBytes()
            self._by_page[old.page].discard(old)

    def clear(self) -> None:
        self._images.clear()
        self._by_page.clear()
        self.used = 0


class PageRenderer(QObject):
    """The GUI side: open a document, say which pages are wanted, receive images by signal.

    ``client`` separates callers with their own wishes (the page view, the thumbnail
    strip): each client's newest :meth:`want` replaces its previous one.
    """

    documentOpened = Signal(object)
    """:class:`DocumentInfo` of the document just opened."""
    engineReady = Signal()
    """The render process is up."""
    documentFailed = Signal(object)
    """The exception (a ``SealStationError`` when the core knew what went wrong)."""
    pageReady = Signal(str, object, object)
    """client, :class:`RenderKey`, QImage: an image that client still wants."""
    textBoxesReady = Signal(int, object)
    """page, tuple of :class:`~sealstation.pdf.preview.TextBox` in display mm."""

    def __init__(self, parent: QObject | None = None, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        super().__init__(parent)
        self._worker = _Worker()
        self._worker.opened.connect(self._on_opened)
        self._worker.failed.connect(self._on_failed)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.texts.connect(self._on_texts)
        self._worker.engine_ready.connect(self._on_engine_ready)
        self.ready = False
        """The render process has started (a document opened now shows without waiting for it)."""
        self._worker.start()
        worker = self._worker
        # The thread must stop before its QThread object goes, whoever goes first.
        self.destroyed.connect(lambda *_: _stop_quietly(worker))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._cache = _ImageCache(cache_bytes)
        self._doc_generation = 0
        self._generations: dict[str, int] = {}
        self._wanted: dict[str, set[RenderKey]] = {}
        self._texts: dict[int, tuple[TextBox, ...]] = {}
        self.info: DocumentInfo | None = None
        self.dropped = 0
        """Results that came too late to be wanted (for tests and benchmarks)."""

    # -- documents -----------------------------------------------------------

    def open(self, path: Path) -> None:
        self._reset()
        self._worker.post_open(self._doc_generation, Path(path))

    def close(self) -> None:
        self._reset()
        self._worker.post_open(self._doc_generation, None)

    def _reset(self) -> None:
        self._doc_generation += 1
        self._cache.clear()
        self._wanted.clear()
        self._texts.clear()
        self.info = None

    def shutdown(self) -> None:
        """Stop the render thread (the owner calls this before it goes)."""
        if self._worker.isRunning():
            self._worker.stop()

    # -- pages ---------------------------------------------------------------

    def cached(self, key: RenderKey) -> QImage | None:
        return self._cache.get(key)

    def placeholder(self, page: int, scale: float) -> QImage | None:
        return self._cache.any_for(page, scale)

    def want(self, client: str, keys: list[RenderKey], priority: int = 0) -> None:
        """``client`` now wants these pages, most wanted first; what is cached is not rendered again.

        Clients of a lower ``priority`` number are served first (the page view 0, thumbnails after it).
        """
        generation = self._generations.get(client, 0) + 1
        self._generations[client] = generation
        self._wanted[client] = set(keys)
        self._worker.post_want(client, generation, [k for k in keys if self._cache.get(k) is None], priority)

    def text_boxes(self, page: int) -> tuple[TextBox, ...] | None:
        """The page's word boxes if known; otherwise asked for, and told by :attr:`textBoxesReady`."""
        if page in self._texts:
            return self._texts[page]
        if self.info is not None:
            self._worker.post_text(page)
        return None

    @property
    def engine_pid(self) -> int | None:
        """The render process's id (tests make it go away)."""
        engine = self._worker._engine
        return engine.pid if engine is not None else None

    @property
    def cache_bytes(self) -> int:
        return self._cache.used

    # -- results (GUI thread) ------------------------------------------------

    def _on_engine_ready(self) -> None:
        self.ready = True
        self.engineReady.emit()

    def _on_opened(self, generation: int, info: DocumentInfo) -> None:
        if generation == self._doc_generation:
            self.info = info
            self.documentOpened.emit(info)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._doc_generation:
            self.documentFailed.emit(exc)

    def _on_rendered(self, doc_generation: int, client: str, generation: int, key: RenderKey, image: QImage) -> None:
        if doc_generation != self._doc_generation:
            return  # a page of a document that is no longer open
        self._cache.put(key, image)
        if generation != self._generations.get(client) and key not in self._wanted.get(client, ()):
            self.dropped += 1
            return
        self.pageReady.emit(client, key, image)

    def _on_texts(self, doc_generation: int, page: int, boxes) -> None:
        if doc_generation == self._doc_generation:
            self._texts[page] = boxes
            self.textBoxesReady.emit(page, boxes)
