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

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Serve local images only: nothing is ever fetched over the network."""
        name = QUrl(name)
        if kind != int(QTextDocument.ResourceType.ImageResource.value):
            return None
        if name.isLocalFile():
            return self._column_image(QImage(name.toLocalFile()))
        if name.scheme() == PART[:-1] and self.parts is not None:
            data = self.parts.read(name.path(QUrl.ComponentFormattingOption.FullyDecoded))
            return self._column_image(QImage.fromData(data)) if data else None
        return None

    def _column_image(self, image: QImage) -> QImage | None:
        """An image scaled down to the text column (sharp on high-DPI screens); None if unreadable."""
        if image.isNull():
            return None
        ratio = self.devicePixelRatioF()
        width = min(self.column_width(), self.viewport().width() - 2 * MIN_SIDE_MARGIN)
        if width > 0 and image.width() > width * ratio:
            image = image.scaledToWidth(round(width * ratio), QtCore.Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(ratio)
        return image

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
        super().resizeEvent(event)
        if self.pacer is not None and event.size().width() != event.oldSize().width():
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

