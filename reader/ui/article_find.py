"""ArticleFinder: find in the shown article with the find bar (matches marked, "k of n", stepping)."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.ui.find_bar import FindBar, find_matches, find_terms, match_format

MAX_HIGHLIGHTS = 2000


class ArticleFinder(QObject):
    """Finds text in ``browser``'s document through a find bar added below it in ``pane``.

    Made, with its bar, the first time the pane needs it: start-up skips both.
    ``view_top`` gives the text position at the top of the view (the first match shown is
    the first one from there on).
    """

    def __init__(self, browser: QTextBrowser, view_top: Callable[[], int], pane: QWidget) -> None:
        super().__init__(pane)
        self._browser = browser
        self._view_top = view_top
        self._matches: list[tuple[int, int]] = []
        self._match = -1
        self._terms = ""  # a library search whose terms the find bar shows ("" = plain find)
        self.bar = bar = FindBar(pane)
        bar.hide()
        layout = pane.layout()
        assert layout is not None
        layout.addWidget(bar)
        bar.search_changed.connect(self._search)
        bar.next_requested.connect(self.find_next)
        bar.previous_requested.connect(self.find_previous)
        bar.closed.connect(self._on_find_closed)

    @Slot()
    def show_find(self) -> None:
        bar = self.bar
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
        """Highlight a library search's terms (a non-empty query); focus stays where it is."""
        bar = self.bar
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
        if self._terms:
            self.bar.hide()  # not close_bar(): focus stays in the search box
            self._matches, self._match = [], -1
            self._browser.setExtraSelections([])
        self._terms = ""

    def search_terms(self) -> str:
        """The library search whose terms are highlighted ("" when none)."""
        return self._terms

    def document_changed(self) -> None:
        """A new document is shown: its matches are found afresh while the bar is open."""
        self._matches, self._match = [], -1
        if self.bar.isVisible():
            self._find(self.bar.text())

    @Slot(str)
    def _search(self, text: str) -> None:
        """The user typed in the find bar: a plain find from now on."""
        self._terms = ""
        self._find(text)

    def _find(self, text: str) -> None:
        document = self._browser.document()
        self._matches = find_terms(document, text) if self._terms else find_matches(document, text)
        self._match = -1
        if self._matches:
            top = self._view_top() if self._browser.verticalScrollBar().value() else 0
            starts = [start for start, _ in self._matches]
            self._match = bisect_left(starts, top) % len(self._matches)
        self._show_matches()

    def _step_match(self, delta: int) -> None:
        if not self._matches:
            bar = self.bar
            if bar.text() and not bar.isVisible():
                self._find(bar.text())
            return
        self._match = (self._match + delta) % len(self._matches)
        self._show_matches()

    def _show_matches(self) -> None:
        self.bar.set_count(self._match + 1, len(self._matches))
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
        self._browser.setFocus(Qt.FocusReason.OtherFocusReason)
