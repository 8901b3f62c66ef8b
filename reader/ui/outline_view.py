"""OutlineView: the article's sections as a tree; clicking or Enter jumps to one.

Signals: ``section_activated(str anchor)`` ("" = the headline, i.e. the top of the article).
"""
from __future__ import annotations

from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.core.article import Article
from reader.qt.outline_model import AnchorRole, OutlineModel


class OutlineView(QTreeView):
    """A keyboard-friendly outline sidebar over an :class:`OutlineModel`."""

    section_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = OutlineModel(self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # long titles elide on the right (the default)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Qt.FocusPolicy.StrongFocus, a tree view's default: Tab and clicks reach it
        self.setAccessibleName("Outline")
        self.setStyleSheet("QTreeView::item { padding: 3px 2px; }")  # airy rows, palette colours
        self.clicked.connect(self._on_clicked)

    def outline_model(self) -> OutlineModel:
        return self._model

    def set_article(self, article: Article | None) -> None:
        self._model.set_article(article)
        self.expandAll()
        if self._model.node_count():
            self._select(self._model.index_at(0))

    @Slot(str)
    def set_current_section(self, anchor: str) -> None:
        """Highlight the entry being read, without emitting ``section_activated``."""
        index = self._model.index_for_anchor(anchor)
        if index.isValid():
            self._select(index)

    def current_anchor(self) -> str | None:
        index = self.currentIndex()
        return str(index.data(AnchorRole)) if index.isValid() else None

    def next_section(self) -> None:
        self._step(1)

    def previous_section(self) -> None:
        self._step(-1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        if event.key() in keys and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._activate(index)

    def _step(self, delta: int) -> None:
        order = self._model.order_of(self.currentIndex())
        target = self._model.index_at(max(0, order + delta) if order >= 0 else 0)
        if target.isValid():
            self._select(target)
            self._activate(target)

    def _activate(self, index: QModelIndex) -> None:
        self.section_activated.emit(str(index.data(AnchorRole)))

    def _select(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
