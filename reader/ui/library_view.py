"""The article list: a filter box over a sortable tree view of the library model."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.qt.library_model import LibraryFilterModel, LibraryModel

FILTER_DELAY_MS = 120
OUTLET_WIDTH = 100


class LibraryView(QWidget):
    """A filter box above the list of articles.

    Signals: article_selected(str path) when the user makes another article current;
    article_activated(str path) on Enter or a double click (time to read it).
    """

    article_selected = Signal(str)
    article_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: LibraryModel | None = None
        self._proxy: LibraryFilterModel | None = None
        self._entry_role = -1  # the model's EntryRole, from set_model
        self._quiet = False
        self._chosen: str | None = None  # the article the list should show as current
        self._changing = 0  # >0 while the model moves rows: current changes are not the user's
        self.filter_edit = QLineEdit(self)
        self._filter_timer = QTimer(self)
        self._setup_filter()
        self.tree = QTreeView(self)
        self._setup_tree()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)

    def _setup_filter(self) -> None:
        edit = self.filter_edit
        edit.setObjectName("filter")
        edit.setPlaceholderText("Filter articles (Ctrl+L)")
        edit.setAcceptDrops(False)  # dropped files go to the window, which opens them
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        edit.textChanged.connect(self._filter_timer.start)
        edit.returnPressed.connect(self._enter_list)

    def _add_clear_action(self) -> None:
        """Esc or the clear button empties the filter box (set up with the model, after start-up)."""
        edit = self.filter_edit
        edit.setClearButtonEnabled(True)
        clear = QAction("Clear Filter", edit)
        clear.setShortcut(QKeySequence("Esc"))
        clear.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(edit.clear)
        edit.addAction(clear)

    def _setup_tree(self) -> None:
        tree = self.tree
        tree.setObjectName("articles")
        tree.activated.connect(self._on_activated)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setAllColumnsShowFocus(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.header().setStretchLastSection(False)
        tree.header().setSortIndicatorShown(True)

    def set_model(self, model: LibraryModel) -> None:
        """Show ``model`` through a filter proxy; call once."""
        from reader.qt.library_model import EntryRole, LibraryFilterModel

        self._entry_role = int(EntryRole)
        self._model = model
        self._add_clear_action()
        self._proxy = proxy = LibraryFilterModel(self)
        proxy.setSourceModel(model)
        # Connected before the view's own handlers, so the flag is up before the selection
        # model moves the current row off a row being removed (a rescan, the filter).
        for about in (proxy.rowsAboutToBeRemoved, proxy.layoutAboutToBeChanged,
                      proxy.modelAboutToBeReset):
            about.connect(self._begin_change)
        self.tree.setModel(proxy)
        for done in (proxy.rowsRemoved, proxy.rowsInserted, proxy.layoutChanged, proxy.modelReset):
            done.connect(self._end_change)
        header = self.tree.header()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self._proxy.columnCount() == 3:  # Headline | Outlet | Date
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, OUTLET_WIDTH)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, QtCore.Qt.SortOrder.AscendingOrder)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def proxy(self) -> LibraryFilterModel | None:
        return self._proxy

    def row_count(self) -> int:
        return self._proxy.rowCount() if self._proxy is not None else 0

    def current_path(self) -> str | None:
        return self._path_at(self.tree.currentIndex())

    def path_at(self, row: int) -> str | None:
        """The path shown at ``row`` of the (filtered, sorted) list."""
        if self._proxy is None:
            return None
        return self._path_at(self._proxy.index(row, 0))

    def _path_at(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        entry = index.siblingAtColumn(0).data(self._entry_role)
        return entry.path if entry is not None else None

    def select_path(self, path: str) -> bool:
        """Make ``path`` current without emitting article_selected; False when it is not listed."""
        if self._model is None or self._proxy is None:
            return False
        row = self._model.row_of(path)
        if row < 0:
            return False
        index = self._proxy.mapFromSource(self._model.index(row, 0))
        if not index.isValid():
            return False
        self._chosen = path
        self._set_current(index, quiet=True)
        return True

    def select_row(self, row: int) -> bool:
        """Make the list's ``row`` current and emit article_selected."""
        if self._proxy is None or not 0 <= row < self._proxy.rowCount():
            return False
        self._set_current(self._proxy.index(row, 0), quiet=False)
        return True

    def select_next(self) -> bool:
        return self.select_row(self.tree.currentIndex().row() + 1)

    def select_previous(self) -> bool:
        current = self.tree.currentIndex()
        return current.isValid() and self.select_row(current.row() - 1)

    def _set_current(self, index: QModelIndex, *, quiet: bool, scroll: bool = True) -> None:
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self._quiet = quiet
        try:
            self.tree.selectionModel().setCurrentIndex(index, flags)
        finally:
            self._quiet = False
        if scroll:
            self.tree.scrollTo(index)

    @Slot()
    def _begin_change(self) -> None:
        self._changing += 1

    @Slot()
    def _end_change(self) -> None:
        self._changing = max(0, self._changing - 1)
        if not self._changing:
            self._restore_current()

    def _restore_current(self) -> None:
        """Put the current row back on the chosen article after the model moved rows."""
        if self._chosen is None or self._model is None or self._proxy is None:
            return
        if self.current_path() == self._chosen:
            return
        row = self._model.row_of(self._chosen)
        index = self._proxy.mapFromSource(self._model.index(row, 0)) if row >= 0 else QModelIndex()
        if index.isValid():
            self._set_current(index, quiet=True, scroll=False)
        else:
            self._quiet = True
            try:
                self.tree.selectionModel().clear()
            finally:
                self._quiet = False

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot()
    def _apply_filter(self) -> None:
        if self._proxy is not None:
            self._proxy.set_text(self.filter_edit.text())

    @Slot()
    def _enter_list(self) -> None:
        self._filter_timer.stop()
        self._apply_filter()
        if not self.tree.currentIndex().isValid():
            self.select_row(0)
        self.tree.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        path = self._path_at(index)
        if path:
            self.article_activated.emit(path)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        path = self._path_at(current)
        if path and not self._quiet and not self._changing:
            self._chosen = path
            self.article_selected.emit(path)
