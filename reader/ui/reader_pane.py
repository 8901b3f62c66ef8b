"""ReaderPane: shows one Article in a centred column, with zoom, find, and section tracking.

Signals: ``section_changed(str anchor)`` — the section at the top of the view changed while
scrolling ("" = before the first heading); ``link_activated(QUrl)`` — the reader clicked a link.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import (
    QDate,
    QElapsedTimer,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    QSizeF,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QDesktopServices,
    QFont,
    QImage,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.core.article import Article
from reader.core.parts import PART, Parts
from reader.ui.overscroll import Overscroll
from reader.ui.render import ArticleColors, render_article, render_message

if TYPE_CHECKING:
    from reader.ui.find_bar import FindBar

CHARS_PER_LINE = 70
MIN_SIDE_MARGIN = 28
TOP_MARGIN = 28
BOTTOM_MARGIN = 64
ZOOM_MIN, ZOOM_MAX = -6, 12
ZOOM_FACTOR = 1.1
SECTION_DEBOUNCE_MS = 30
SLICE_MS = 5  # layout work per event-loop turn while pacing
STEP_MS = 1  # aim for slices of this many ms, so one overshoots little
SIZE_REPORT_TICKS = 4  # update the scroll bars every few slices while pacing
SYNC_LAYOUT_CHARS = 30_000  # lay out this much at once rather than defer a jump
MAX_HIGHLIGHTS = 2000
_WEB_SCHEMES = ("http", "https", "mailto")


def open_url(url: QUrl) -> bool:
    """Open a web or mail link in the system browser (tests monkeypatch this)."""
    return QDesktopServices.openUrl(url)


def locale_date(day: date) -> str:
    """A date in the user's locale, long form."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def colors_for(palette: QPalette) -> ArticleColors:
    """Article colours that follow the widget palette, dark or light."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    link = palette.color(QPalette.ColorRole.Link)
    if _is_dark(base) and _is_dark(link):
        link = link.lighter(170)
    return ArticleColors(
        text=text.name(),
        muted=_mix(text, base, 0.62).name(),
        link=link.name(),
        rule=_mix(text, base, 0.25).name(),
        panel=_mix(text, base, 0.07).name(),
    )


def _mix(a: QColor, b: QColor, weight_a: float) -> QColor:
    w = max(0.0, min(1.0, weight_a))
    return QColor(
        round(a.red() * w + b.red() * (1 - w)),
        round(a.green() * w + b.green() * (1 - w)),
        round(a.blue() * w + b.blue() * (1 - w)),
    )


def _is_dark(color: QColor) -> bool:
    return color.lightnessF() < 0.45


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


class ReaderPane(QWidget):
    """The reading pane: article text, find bar, zoom and "where am I" tracking."""

    section_changed = Signal(str)
    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self._html = ""
        self._document: QTextDocument | None = None  # the last document _set_html made
        self._zoom = 0
        self._base_point_size = max(10.0, QApplication.font().pointSizeF() * 1.2)
        self._section = ""
        self._jump: tuple[int, str] | None = None
        self._pending: tuple[int, str | None] | None = None  # a jump waiting for layout
        self._headings: tuple[list[int], list[str]] | None = None
        self._matches: list[tuple[int, int]] = []
        self._match = -1
        self._terms = ""  # a library search whose terms the find bar shows ("" = plain find)
        self._browser = ArticleBrowser(self)
        self._pacer = LayoutPacer(self._on_layout_progressed, self)
        self._browser.pacer = self._pacer
        self._overscroll = Overscroll(self._browser)
        self._find_bar: FindBar | None = None  # made on first use: start-up skips it
        self._section_timer = QTimer(self)
        self._section_timer.setSingleShot(True)
        self._section_timer.setInterval(SECTION_DEBOUNCE_MS)
        self._lay_out()
        self._connect()
        self._apply_font()

    # -- showing -----------------------------------------------------------------------
    def show_article(self, article: Article) -> None:
        self._article = article
        self._open_parts(article)
        self._render()

    def show_message(self, title: str, detail: str) -> None:
        """A clear, friendly message in place of an article (e.g. a file that cannot be read)."""
        self._article = None
        self._open_parts(None)
        self._html = render_message(title, detail, colors_for(self.palette()))
        self._set_html(self._html)

    def article(self) -> Article | None:
        return self._article

    def _open_parts(self, article: Article | None) -> None:
        """Keep the article's own file at hand when its pictures are stored inside it.

        Opened afresh for each article read: a file changed on disk is read as it is now.
        """
        if self._browser.parts is not None:
            self._browser.parts.close()
            self._browser.parts = None
        if article is not None and any(b.src.startswith(PART) for b in article.blocks):
            self._browser.parts = Parts(article.path)

    def text_browser(self) -> QTextBrowser:
        return self._browser

    def find_bar(self) -> FindBar:
        """The find strip below the text, made (hidden) the first time it is needed."""
        if self._find_bar is None:
            from reader.ui.find_bar import FindBar

            self._find_bar = bar = FindBar(self)
            bar.hide()
            self._layout.addWidget(bar)
            bar.search_changed.connect(self._search)
            bar.next_requested.connect(self.find_next)
            bar.previous_requested.connect(self.find_previous)
            bar.closed.connect(self._on_find_closed)
        return self._find_bar

    def _render(self) -> None:
        if self._article is None:
            return
        colors = colors_for(self.palette())
        self._html = render_article(self._article, format_date=locale_date, colors=colors)
        self._set_html(self._html)

    def _set_html(self, html: str) -> None:
        """Parse into a fresh document (cheap lazy layout from the top), then swap it in."""
        document = QTextDocument(self._browser)
        document.setDefaultFont(self._browser.font())
        document.setDocumentMargin(0)
        document.setHtml(html)
        self._browser.apply_column(document=document)  # before layout starts: lay out once
        # The control deletes the document it made itself; the ones made here are ours to
        # delete. Kept rather than asked of old.parent(): that costs 14 ms the first time,
        # while shiboken looks for a Python type for Qt's private QWidgetTextControl.
        old, self._document = self._document, document
        self._browser.setDocument(document)
        self._overscroll.reset()
        self._browser.verticalScrollBar().setValue(0)  # Qt keeps the old offset, clamped
        self._pacer.start(document)
        if old is not None:
            old.deleteLater()
        self._headings = None
        self._section = ""
        self._jump = self._pending = None
        self._matches, self._match = [], -1
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find(self._find_bar.text())

    # -- sections ------------------------------------------------------------------------
    @Slot(str)
    def scroll_to_section(self, anchor: str) -> None:
        """Put the section's heading at the top of the view; "" scrolls to the top.

        A heading far beyond what is laid out yet is reached as soon as layout gets there.
        """
        positions, anchors = self._heading_index()
        if not anchor:
            self._go_to(0, "")
        elif anchor in anchors:
            self._go_to(positions[anchors.index(anchor)], anchor)

    def current_section(self) -> str:
        return self._section

    def _go_to(self, position: int, anchor: str | None) -> None:
        """Bring a text position (a heading when ``anchor`` is set) to the top of the view."""
        if position - self._pacer.laid_out_to() > SYNC_LAYOUT_CHARS:
            self._pending = (position, anchor)
            return
        self._pending = None
        self._pacer.lay_out_to(position)
        self._pacer.report_size()
        self._scroll_to_text_position(position)
        if anchor is not None:
            self._jump = (self._browser.verticalScrollBar().value(), anchor)
            self._set_section(anchor)

    def _on_layout_progressed(self, laid_out_to: int) -> None:
        if self._pending is not None and self._pending[0] - laid_out_to <= SYNC_LAYOUT_CHARS:
            self._go_to(*self._pending)

    def _heading_index(self) -> tuple[list[int], list[str]]:
        """Document positions and anchors of the section headings, found once per article."""
        if self._headings is None:
            positions: list[int] = []
            anchors: list[str] = []
            block = self._browser.document().begin()
            while block.isValid():
                anchor = _heading_anchor(block)
                if anchor:
                    positions.append(block.position())
                    anchors.append(anchor)
                block = block.next()
            self._headings = (positions, anchors)
        return self._headings

    @Slot()
    def _schedule_section_update(self) -> None:
        self._section_timer.start()

    @Slot()
    def _update_section(self) -> None:
        bar = self._browser.verticalScrollBar()
        if self._jump is not None and self._jump[0] == bar.value():
            return
        self._jump = None
        self._set_section(self._section_at_top())

    def _section_at_top(self) -> str:
        """The section at the top of the view; at the very end, the last one in view.

        The last sections of an article are too short to reach the top by scrolling: once the
        reader has scrolled as far as the text goes, they are what is being read. (A jump to
        one makes room below the text and brings it to the top.)
        """
        positions, anchors = self._heading_index()
        bar = self._browser.verticalScrollBar()
        at_end = 0 < bar.maximum() <= bar.value() and not self._overscroll.extra
        index = bisect_right(positions, self._view_position(bottom=at_end)) - 1
        return anchors[index] if index >= 0 else ""

    def _view_position(self, *, bottom: bool = False) -> int:
        """The text position at the top (or bottom) edge of the view."""
        viewport = self._browser.viewport()
        y = viewport.height() - 2 if bottom else 2
        return self._browser.cursorForPosition(QPoint(viewport.width() // 2, y)).position()

    def _set_section(self, anchor: str) -> None:
        if anchor != self._section:
            self._section = anchor
            self.section_changed.emit(anchor)

    # -- position ------------------------------------------------------------------------
    def position(self) -> float:
        """How far through the article the top of the view is, from 0.0 to 1.0."""
        last = self._browser.document().characterCount() - 1
        if last <= 0:
            return 0.0
        return min(1.0, self._reading_position() / last)

    def set_position(self, fraction: float) -> None:
        last = self._browser.document().characterCount() - 1
        self._go_to(round(max(0.0, min(1.0, fraction)) * max(0, last)), None)

    def _reading_position(self) -> int:
        """The text position at the top of the view, or the one a pending jump will reach."""
        if self._pending is not None:
            return self._pending[0]
        return self._view_position() if self._browser.verticalScrollBar().value() else 0

    def _scroll_to_text_position(self, position: int) -> None:
        bar = self._browser.verticalScrollBar()
        if position <= 0:
            bar.setValue(0)
            return
        document = self._browser.document()
        block = document.findBlock(position)
        rect = document.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        y = round(rect.top() + (line.y() if line.isValid() else 0.0))
        if y > bar.maximum():  # a short last section: make room below the text to bring it up
            self._overscroll.reach(y)
        bar.setValue(y)

    # -- zoom ------------------------------------------------------------------------------
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(ZOOM_MIN, min(ZOOM_MAX, int(steps)))
        if steps == self._zoom:
            return
        top = self._reading_position()
        self._zoom = steps
        self._apply_font()
        self._go_to(top, None)

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def _apply_font(self) -> None:
        font = QFont(self._browser.font())
        font.setPointSizeF(round(self._base_point_size * ZOOM_FACTOR ** self._zoom * 2) / 2)
        self._browser.setFont(font)
        self._browser.document().setDefaultFont(font)
        self._browser.apply_column()
        if self._pacer.is_running() or self._article is not None:
            self._pacer.start(self._browser.document())  # the whole text is laid out anew

    # -- find ------------------------------------------------------------------------------
    @Slot()
    def show_find(self) -> None:
        bar = self.find_bar()
        bar.open_bar()
        if bar.text():
            self._find(bar.text())

    @Slot()
    def find_next(self) -> None:
        self._step_match(1)

    @Slot()
    def find_previous(self) -> None:
        self._step_match(-1)

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """The 0-based index of the selected match; -1 when there is none."""
        return self._match

    def highlight_search(self, query: str) -> None:
        """Highlight a library search's terms (a phrase as a whole, words each) in the find
        bar's way: all matches marked, "k of n", next/previous; focus stays where it is."""
        if not query.strip():
            self.clear_search()
            return
        bar = self.find_bar()
        self._terms = query
        blocked = bar.line_edit.blockSignals(True)
        try:
            bar.line_edit.setText(query)
        finally:
            bar.line_edit.blockSignals(blocked)
        bar.show()
        self._find(query)

    def clear_search(self) -> None:
        """Drop a library search's highlights (a find the user typed stays)."""
        if self._terms and self._find_bar is not None:
            self._find_bar.hide()  # not close_bar(): focus stays in the search box
            self._matches, self._match = [], -1
            self._browser.setExtraSelections([])
        self._terms = ""

    def search_terms(self) -> str:
        """The library search whose terms are highlighted ("" when none)."""
        return self._terms

    @Slot(str)
    def _search(self, text: str) -> None:
        """The user typed in the find bar: a plain find from now on."""
        self._terms = ""
        self._find(text)

    def _find(self, text: str) -> None:
        from reader.ui.find_bar import find_matches, find_terms

        document = self._browser.document()
        self._matches = find_terms(document, text) if self._terms else find_matches(document, text)
        self._match = -1
        if self._matches:
            top = self._view_position() if self._browser.verticalScrollBar().value() else 0
            starts = [start for start, _ in self._matches]
            self._match = bisect_left(starts, top) % len(self._matches)
        self._show_matches()

    def _step_match(self, delta: int) -> None:
        if not self._matches:
            bar = self._find_bar
            if bar is not None and bar.text() and not bar.isVisible():
                self._find(bar.text())
            return
        self._match = (self._match + delta) % len(self._matches)
        self._show_matches()

    def _show_matches(self) -> None:
        self.find_bar().set_count(self._match + 1, len(self._matches))
        self._browser.setExtraSelections(self._extra_selections())
        if self._match >= 0:
            self._browser.setTextCursor(self._match_cursor(self._match))
            self._browser.ensureCursorVisible()

    def _extra_selections(self) -> list[QTextEdit.ExtraSelection]:
        if not self._matches:
            return []
        low = max(0, self._match - MAX_HIGHLIGHTS // 2)
        chosen = range(low, min(len(self._matches), low + MAX_HIGHLIGHTS))
        return [self._selection(i) for i in chosen]

    def _selection(self, index: int) -> QTextEdit.ExtraSelection:
        from reader.ui.find_bar import match_format

        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._match_cursor(index)
        selection.format = match_format(current=index == self._match)
        return selection

    def _match_cursor(self, index: int) -> QTextCursor:
        """A cursor selecting match ``index``."""
        start, end = self._matches[index]
        cursor = QTextCursor(self._browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    @Slot()
    def _on_find_closed(self) -> None:
        self._terms = ""
        self._matches, self._match = [], -1
        self._browser.setExtraSelections([])
        self._browser.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    # -- links -----------------------------------------------------------------------------
    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in _WEB_SCHEMES:
            open_url(url)
        elif not url.scheme() and url.hasFragment() and not url.path():
            self._browser.scrollToAnchor(url.fragment())
        self.link_activated.emit(url)

    # -- plumbing --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._article is not None:
            position = self.position()
            self._render()
            self.set_position(position)

    def _lay_out(self) -> None:
        self._layout = layout = QVBoxLayout(self)  # the find bar joins it when first needed
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._browser, 1)
        self.setFocusProxy(self._browser)

    def _connect(self) -> None:
        self._browser.anchorClicked.connect(self._on_anchor_clicked)
        self._browser.verticalScrollBar().valueChanged.connect(self._schedule_section_update)
        self._section_timer.timeout.connect(self._update_section)


def _heading_anchor(block: QTextBlock) -> str:
    """The anchor name a section heading block carries; "" for any other block."""
    if block.blockFormat().headingLevel() <= 0:
        return ""
    iterator = block.begin()
    if iterator.atEnd():
        return ""
    names = iterator.fragment().charFormat().anchorNames()
    return names[0] if names else ""
