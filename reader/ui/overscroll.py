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

    Where the text ends is taken from the ranges Qt itself sets, never asked of the layout:
    asking would lay the whole document out at once (170 ms for 200,000 words).
    """

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self._view = view
        self._extra = 0
        self._natural = view.verticalScrollBar().maximum()  # Qt's own range: text end at view bottom
        self._applying = False  # our own range change: not one to learn from
        bar = view.verticalScrollBar()
        bar.rangeChanged.connect(self._keep)
        bar.valueChanged.connect(self._shrink)

    @property
    def extra(self) -> int:
        """How far, in pixels, the view may now scroll past the end of the text."""
        return self._extra

    def reach(self, y: int) -> None:
        """Make scroll position ``y`` reachable, adding room below the text if it is past the end."""
        self._extra = max(0, y - self._natural)
        self._apply()

    def reset(self) -> None:
        """No more room past the end: a new document starts without it."""
        if self._extra:
            self._extra = 0
            self._apply()

    def _apply(self) -> None:
        bar = self._view.verticalScrollBar()
        wanted = self._natural + self._extra
        if bar.maximum() != wanted:
            self._applying = True
            try:
                bar.setMaximum(wanted)
            finally:
                self._applying = False

    @Slot(int, int)
    def _keep(self, _minimum: int, maximum: int) -> None:
        """Qt recomputes the range as layout goes on or the view resizes: learn where the text
        ends, and keep the room the view still uses, no more (a shorter view needs less)."""
        if self._applying:
            return
        self._natural = maximum
        if self._extra:
            self._extra = max(0, min(self._extra, self._view.verticalScrollBar().value() - maximum))
            self._apply()

    @Slot(int)
    def _shrink(self, value: int) -> None:
        """Scrolling back up gives the room back: the blank below the text never grows on its own."""
        if self._extra:
            room = max(0, value - self._natural)
            if room < self._extra:
                self._extra = room
                self._apply()
