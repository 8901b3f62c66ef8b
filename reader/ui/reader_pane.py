"""ReaderPane: shows one Article in a centred column, with zoom, find, and section tracking.

Signals: ``section_changed(str anchor)`` — the section at the top of the view changed while
scrolling ("" = before the first heading); ``link_activated(QUrl)`` — the reader clicked a link.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QPalette,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.parts import PART, Parts
from reader.ui.article_browser import ArticleBrowser, LayoutPacer
from reader.ui.overscroll import Overscroll
from reader.ui.render import ArticleColors, render_article, render_message

if TYPE_CHECKING:
    from reader.ui.article_find import ArticleFinder
    from reader.ui.find_bar import FindBar

ZOOM_MIN, ZOOM_MAX = -6, 12
ZOOM_FACTOR = 1.1
SECTION_DEBOUNCE_MS = 30
SYNC_LAYOUT_CHARS = 30_000  # lay out this much at once rather than defer a jump
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

class ReaderPane(QWidget):
    """The reading pane: article text, find bar, zoom and "where am I" tracking."""

    section_changed = Signal(str)
    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._article: Article | None = None
        self._document: QTextDocument | None = None  # the last document _set_html made
        self._zoom = 0
        self._base_point_size = max(10.0, QApplication.font().pointSizeF() * 1.2)
        self._section = ""
        self._jump: tuple[int, str, int] | None = None  # scroll value, anchor, text position
        self._pending: tuple[int, str | None] | None = None  # a jump waiting for layout
        self._headings: tuple[list[int], list[str]] | None = None
        self._browser = ArticleBrowser(self)
        self._pacer = LayoutPacer(self._on_layout_progressed, self)
        self._browser.pacer = self._pacer
        self._overscroll = Overscroll(self._browser)
        self._finder: ArticleFinder | None = None  # made on first use: start-up skips it
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
        self._set_html(render_message(title, detail, colors_for(self.palette())))

    def article(self) -> Article | None:
        return self._article

    def _open_parts(self, article: Article | None) -> None:
        """Let the browser read the pictures an article keeps inside its own file (an EPUB's)."""
        has_parts = article is not None and any(b.src.startswith(PART) for b in article.blocks)
        self._browser.parts = Parts(article.path) if article is not None and has_parts else None

    def text_browser(self) -> QTextBrowser:
        return self._browser

    def find_bar(self) -> FindBar:
        """The find strip below the text, made (hidden) the first time it is needed."""
        return self._ensure_finder().bar

    def _render(self) -> None:
        if self._article is None:
            return
        colors = colors_for(self.palette())
        self._set_html(render_article(self._article, format_date=locale_date, colors=colors))

    def _set_html(self, html: str) -> None:
        """Parse into a fresh document (cheap lazy layout from the top), then swap it in."""
        self._browser.forget_pictures()
        document = QTextDocument(self._browser)
        document.setDefaultFont(self._browser.font())
        document.setDocumentMargin(0)
        document.setHtml(html)
        self._browser.apply_column(document=document)  # before layout starts: lay out once
        # The control deletes the document it made itself; the ones made here are ours to
        # delete. Kept rather than asked of old.parent(): that costs 14 ms the first time,
        # while shiboken looks for a Python type for Qt's private QWidgetTextControl.
        old, self._document = self._document, document
        self._browser.verticalScrollBar().setValue(0)  # Qt would keep the old offset for the new text
        self._browser.setDocument(document)
        self._overscroll.reset()
        self._pacer.start(document)
        if old is not None:
            old.deleteLater()
        self._headings = None
        self._section = ""
        self._jump = self._pending = None
        if self._finder is not None:
            self._finder.document_changed()

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
        self._scroll_to_text_position(position, make_room=bool(anchor))
        if anchor is not None:
            self._jump = (self._browser.verticalScrollBar().value(), anchor, position)
            self._set_section(anchor)

    @Slot()
    def _hold_jump(self) -> None:
        """Keep a jumped-to heading at the top while the text around it is laid out anew
        (the scroll bar appearing narrows the column), until the reader scrolls."""
        jump = self._jump
        if jump is None or jump[0] != self._browser.verticalScrollBar().value() or not jump[1]:
            return
        if self._text_y(jump[2]) != jump[0]:
            self._scroll_to_text_position(jump[2], make_room=True)
            self._jump = (self._browser.verticalScrollBar().value(), jump[1], jump[2])

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
        bar = self._browser.verticalScrollBar()
        if bar.value() == 0:
            return ""  # the headline is at the top (and a hit test there can lay everything out)
        positions, anchors = self._heading_index()
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

    def _scroll_to_text_position(self, position: int, *, make_room: bool = False) -> None:
        """Scroll ``position`` to the top of the view, or as near as the text allows.

        ``make_room`` (a jump to a section) adds room below the text when the heading is in
        the last screenful, so it still reaches the top.
        """
        bar = self._browser.verticalScrollBar()
        if position <= 0:
            bar.setValue(0)
            return
        y = self._text_y(position)
        if make_room and y > bar.maximum():
            self._overscroll.reach(y)
            y = self._text_y(position)  # the scroll bar may have appeared: a narrower column
            self._overscroll.reach(y)
        bar.setValue(y)

    def _text_y(self, position: int) -> int:
        document = self._browser.document()
        block = document.findBlock(position)
        rect = document.documentLayout().blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        return round(rect.top() + (line.y() if line.isValid() else 0.0))

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

    # -- find (ArticleFinder does it; made with its bar the first time it is needed) -------
    @Slot()
    def show_find(self) -> None:
        self._ensure_finder().show_find()

    @Slot()
    def find_next(self) -> None:
        if self._finder is not None:
            self._finder.find_next()

    @Slot()
    def find_previous(self) -> None:
        if self._finder is not None:
            self._finder.find_previous()

    def match_count(self) -> int:
        return self._finder.match_count() if self._finder is not None else 0

    def current_match(self) -> int:
        """The 0-based index of the selected match; -1 when there is none."""
        return self._finder.current_match() if self._finder is not None else -1

    def highlight_search(self, query: str) -> None:
        """Highlight a library search's terms (a phrase as a whole, words each) in the find
        bar's way: all matches marked, "k of n", next/previous; focus stays where it is."""
        if not query.strip():
            self.clear_search()
            return
        self._ensure_finder().highlight_search(query)

    def clear_search(self) -> None:
        """Drop a library search's highlights (a find the user typed stays)."""
        if self._finder is not None:
            self._finder.clear_search()

    def search_terms(self) -> str:
        """The library search whose terms are highlighted ("" when none)."""
        return self._finder.search_terms() if self._finder is not None else ""

    def _ensure_finder(self) -> ArticleFinder:
        if self._finder is None:
            from reader.ui.article_find import ArticleFinder

            self._finder = ArticleFinder(self._browser, self._view_position, self)
        return self._finder

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
        layout = QVBoxLayout(self)  # the find bar joins it when first needed
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._browser, 1)
        self.setFocusProxy(self._browser)

    def _connect(self) -> None:
        self._browser.anchorClicked.connect(self._on_anchor_clicked)
        self._browser.verticalScrollBar().valueChanged.connect(self._schedule_section_update)
        self._browser.verticalScrollBar().rangeChanged.connect(self._hold_jump)
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
