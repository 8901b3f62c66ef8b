"""FindBar: the find-in-article strip (text field, previous/next, match count, close).

Signals: ``search_changed(str)``, ``next_requested()``, ``previous_requested()``, ``closed()``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.search import split_query

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class FindBar(QWidget):
    """A slim bar below the article; Enter / Shift+Enter step through matches, Esc closes."""

    search_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText("Find in article")
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setAccessibleName("Find in article")
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000"))
        self.previous_button = self._button("go-up", "\u25b2", "Previous match (Shift+Enter)")
        self.next_button = self._button("go-down", "\u25bc", "Next match (Enter)")
        self.close_button = self._button("window-close", "\u2715", "Close (Esc)")
        self._lay_out()
        self.line_edit.textChanged.connect(self._on_text_changed)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close_bar)
        self.line_edit.installEventFilter(self)

    def text(self) -> str:
        return self.line_edit.text()

    def open_bar(self) -> None:
        """Show the bar with its text selected, ready to type."""
        self.show()
        self.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line_edit.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int) -> None:
        """Show "3 of 12" (current is 1-based), "No matches", or nothing for an empty search."""
        if not self.text():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("No matches")
        else:
            self.count_label.setText(f"{current} of {total}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            return self._handle_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        if event.key() in _ENTER_KEYS:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            (self.previous_requested if shift else self.next_requested).emit()
            return True
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.next_requested.emit()
            return True
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self.previous_requested.emit()
            return True
        return False

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self.search_changed.emit(text)

    def _button(self, icon_name: str, fallback: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        icon = QIcon.fromTheme(icon_name)
        if icon.isNull():
            button.setText(fallback)
        else:
            button.setIcon(icon)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)


def find_matches(document: QTextDocument, text: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of ``text`` (any run of spaces matches any spacing)."""
    words = text.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return _positions(document, pattern)


def term_pattern(query: str) -> re.Pattern[str] | None:
    """What a library search query matches in a text, as one regex of whole-word terms.

    ``"a phrase"`` matches the phrase, ``word*`` any word starting so, a plain word itself;
    ``OR`` and excluded ``-words`` highlight nothing. None when nothing is left to match.
    """
    terms: list[str] = []
    for raw, quoted in split_query(query):
        if not quoted and (raw == "OR" or raw.startswith("-")):
            continue
        prefix = not quoted and raw.endswith("*")
        words = re.findall(r"\w+", raw.rstrip("*"))
        if not words:
            continue
        body = r"\W+".join(re.escape(w) for w in words)
        terms.append(rf"\b{body}" + (r"\w*" if prefix else r"\b"))
    if not terms:
        return None
    terms.sort(key=len, reverse=True)  # the longer phrase wins where terms overlap
    return re.compile("|".join(terms), re.IGNORECASE)




def find_terms(document: QTextDocument, query: str) -> list[tuple[int, int]]:
    """Every match of a library search query's terms in the document, in text order."""
    pattern = term_pattern(query)
    return _positions(document, pattern) if pattern is not None else []


def _positions(document: QTextDocument, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Match spans as document positions (a character beyond U+FFFF counts two there)."""
    raw = document.toRawText()
    astral = [m.start() for m in _ASTRAL.finditer(raw)]
    if not astral:
        return [(m.start(), m.end()) for m in pattern.finditer(raw)]
    return [
        (m.start() + bisect_left(astral, m.start()), m.end() + bisect_left(astral, m.end()))
        for m in pattern.finditer(raw)
    ]


def match_format(*, current: bool) -> QTextCharFormat:
    """Matches in soft yellow, the current one in amber; dark text reads on both palettes."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#f59e0b" if current else "#fce588"))
    fmt.setForeground(QColor("#000000" if current else "#1f1f1f"))
    return fmt
