"""ArticleBrowser: the text view with a centred column, local images only, and paced layout."""
from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSizeF, QTimer, QUrl, Slot
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QImage,
    QResizeEvent,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.parts import PART, Parts

CHARS_PER_LINE = 70
MIN_SIDE_MARGIN = 28
TOP_MARGIN = 28
BOTTOM_MARGIN = 64
SLICE_MS = 5  # layout work per event-loop turn while pacing
STEP_MS = 1  # aim for slices of this many ms, so one overshoots little
SIZE_REPORT_TICKS = 4  # update the scroll bars every few slices while pacing


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser that loads only local image files and keeps a centred text column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.pacer: LayoutPacer | None = None
        self.parts: Parts | None = None  # the shown article's own file, for its pictures
        self._pictures: dict[str, QImage] = {}  # served images, at most column-wide, to refit

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Serve local images only: nothing is ever fetched over the network."""
        name = QUrl(name)
        if kind != int(QTextDocument.ResourceType.ImageResource.value):
            return None
        image = QImage()
        if name.isLocalFile():
            image = QImage(name.toLocalFile())
        elif name.scheme() == PART[:-1] and self.parts is not None:
            data = self.parts.read(name.path(QUrl.ComponentFormattingOption.FullyDecoded))
            image = QImage.fromData(data) if data else image
        if image.isNull():
            return None
        self._pictures[name.toString()] = picture = self._scaled(image, self.column_width())
        return self._scaled(picture, self._room())

    def forget_pictures(self) -> None:
        """A new document is coming: the images served so far are not in it."""
        self._pictures.clear()

    def _scaled(self, image: QImage, width: int) -> QImage:
        """``image`` no wider than ``width`` on screen (sharp on high-DPI screens)."""
        ratio = self.devicePixelRatioF()
        if width > 0 and image.width() > round(width * ratio):
            image = image.scaledToWidth(round(width * ratio), QtCore.Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(ratio)
        return image

    def _room(self, viewport_width: int | None = None) -> int:
        """The width an image may take: the text column as the document lays it out."""
        width = self.viewport().width() if viewport_width is None else viewport_width
        frame = self.document().rootFrame().frameFormat()
        return min(self.column_width(), round(width - frame.leftMargin() - frame.rightMargin()))

    def _refit_pictures(self, viewport_width: int) -> None:
        """Size the images again for a new width, before the text is laid out for it."""
        document, room = self.document(), self._room(viewport_width)
        kind = int(QTextDocument.ResourceType.ImageResource.value)
        for name, picture in self._pictures.items():
            document.addResource(kind, QUrl(name), self._scaled(picture, room))

    def column_width(self) -> int:
        """The text column: about CHARS_PER_LINE characters of the current font."""
        return self.fontMetrics().averageCharWidth() * CHARS_PER_LINE

    def apply_column(
        self, viewport_width: int | None = None, document: QTextDocument | None = None
    ) -> None:
        """Centre the column by giving the document's root frame generous side margins."""
        width = self.viewport().width() if viewport_width is None else viewport_width
        side = max(MIN_SIDE_MARGIN, (width - self.column_width()) // 2)
        apply_frame_margins(document or self.document(), side)

    def resizeEvent(self, event: QResizeEvent) -> None:
        chrome = self.width() - self.viewport().width()
        self.apply_column(event.size().width() - chrome)
        wider_or_narrower = event.size().width() != event.oldSize().width()
        if wider_or_narrower and self._pictures:
            self._refit_pictures(event.size().width() - chrome)
        super().resizeEvent(event)
        if wider_or_narrower and self.pacer is not None:
            self.pacer.start(self.document())  # a new width lays the whole text out anew


def apply_frame_margins(document: QTextDocument, side: int) -> None:
    """Set the root frame's margins, only when they change (each change re-lays out)."""
    root = document.rootFrame()
    fmt = root.frameFormat()
    wanted = (float(side), float(side), float(TOP_MARGIN), float(BOTTOM_MARGIN))
    if (fmt.leftMargin(), fmt.rightMargin(), fmt.topMargin(), fmt.bottomMargin()) == wanted:
        return
    fmt.setLeftMargin(side)
    fmt.setRightMargin(side)
    fmt.setTopMargin(TOP_MARGIN)
    fmt.setBottomMargin(BOTTOM_MARGIN)
    root.setFrameFormat(fmt)


class LayoutPacer(QObject):
    """Lays a long document out in short slices so no slice stalls the event loop.

    Qt lays documents out lazily on a timer whose steps double up to 200,000 characters
    (50 ms and more on a long article). While pacing, that timer's events are held back and
    the layout is advanced here instead, a few milliseconds at a time; ``on_progress`` is
    called after each slice with the position before which everything is laid out.
    """

    def __init__(self, on_progress: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_progress = on_progress
        self._ticks = 0
        self._layout: QAbstractTextDocumentLayout | None = None
        self._document: QTextDocument | None = None
        self._frontier = 0
        self._step = 4000
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self, document: QTextDocument) -> None:
        """Pace ``document`` from its top (a new document, or one that must be laid out anew)."""
        self.stop()
        self._document = document
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        self._frontier = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._layout is not None and shiboken6.isValid(self._layout):
            self._layout.removeEventFilter(self)
        self._layout = None

    def is_running(self) -> bool:
        return self._layout is not None

    def laid_out_to(self) -> int:
        """Everything before this position is laid out (the end once pacing is done)."""
        return self._frontier if self.is_running() else 2**31 - 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def lay_out_to(self, position: int) -> None:
        """Lay out synchronously up to ``position`` (cheap when it is near the frontier)."""
        if self._document is None or not self.is_running() or position < self._frontier:
            return
        block = self._document.findBlock(min(position, self._document.characterCount() - 1))
        self._advance(block)

    @Slot()
    def _tick(self) -> None:
        document = self._document
        if document is None or not shiboken6.isValid(document):
            self.stop()
            return
        clock = QElapsedTimer()
        clock.start()
        while self.is_running() and clock.elapsed() < SLICE_MS:
            started = clock.nsecsElapsed()
            self._advance(document.findBlock(self._frontier + self._step))
            spent_ms = max(0.05, (clock.nsecsElapsed() - started) / 1e6)
            factor = min(2.0, STEP_MS / spent_ms)  # grow slowly, shrink at once
            self._step = max(500, min(200_000, int(self._step * factor)))
        self._ticks += 1
        if self._ticks % SIZE_REPORT_TICKS == 0:
            self.report_size()
        self._on_progress(self.laid_out_to())

    def report_size(self) -> None:
        """Let the scroll bars catch up with the layout (Qt's own report is held back)."""
        if self._layout is not None:
            self._layout.documentSizeChanged.emit(QSizeF())

    def _advance(self, block: QTextBlock) -> None:
        assert self._document is not None and self._layout is not None
        if not block.isValid():
            block = self._document.lastBlock()
        self._layout.blockBoundingRect(block)
        self._frontier = block.position() + block.length()
        if self._frontier >= self._document.characterCount():
            self.stop()  # Qt has now finished and reports the final size itself

