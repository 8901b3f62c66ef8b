"""Room below an article's end, made on demand, so a jump can put a short last section at the top."""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QTextEdit


class Overscroll(QObject):
    """Extends a text view's vertical scroll range past the document's end when a jump needs it.

    Qt stops scrolling when the end of the text reaches the bottom of the view, so the last
    short sections of an article can never be brought to the top. ``reach(y)`` lets the view
    scroll to ``y`` anyway; the blank room shrinks again as the reader scrolls back up, and
    goes when the document is replaced.
    """

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self._view = view
        self._extra = 0
        self._applying = False  # our own range change: not one to adjust to
        bar = view.verticalScrollBar()
        bar.rangeChanged.connect(self._keep)
        bar.valueChanged.connect(self._shrink)

    @property
    def extra(self) -> int:
        """How far, in pixels, the view may now scroll past the end of the text."""
        return self._extra

    def reach(self, y: int) -> None:
        """Make scroll position ``y`` reachable, adding room below the text if it is past the end."""
        self._extra = max(0, y - self._natural_maximum())
        self._apply()

    def reset(self) -> None:
        """No more room past the end: a new document starts without it."""
        if self._extra:
            self._extra = 0
            self._apply()

    def _natural_maximum(self) -> int:
        """Where Qt's own scroll range ends: the end of the text at the bottom of the view."""
        height = self._view.document().documentLayout().documentSize().height()
        return max(0, round(height) - self._view.viewport().height())

    def _apply(self) -> None:
        bar = self._view.verticalScrollBar()
        wanted = self._natural_maximum() + self._extra
        if bar.maximum() != wanted:
            self._applying = True
            try:
                bar.setMaximum(wanted)
            finally:
                self._applying = False

    @Slot(int, int)
    def _keep(self, _minimum: int, maximum: int) -> None:
        """Qt recomputes the range as layout goes on or the view resizes: keep the room the
        view still uses, and no more (a shorter view needs less of it)."""
        if self._extra and not self._applying:
            natural = self._natural_maximum()
            self._extra = max(0, min(self._extra, self._view.verticalScrollBar().value() - natural))
            if maximum != natural + self._extra:
                self._apply()

    @Slot(int)
    def _shrink(self, value: int) -> None:
        """Scrolling back up gives the room back: the blank below the text never grows on its own."""
        if self._extra:
            room = max(0, value - self._natural_maximum())
            if room < self._extra:
                self._extra = room
                self._apply()
