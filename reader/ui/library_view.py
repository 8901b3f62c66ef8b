"""The article list: a search box (and filters) over a sortable tree view of the library model."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.qt.library_filter import LibraryFilterModel
    from reader.qt.library_model import LibraryModel
    from reader.ui.filter_panel import FilterPanel

FILTER_DELAY_MS = 150
OUTLET_WIDTH = 120


def as_you_type(text: str) -> str:
    """The search to run for what is typed so far: the last word, unfinished, is a prefix."""
    if not text or text[-1].isspace() or text.count('"') % 2 or text[-1] in '*"':
        return text.strip()
    last = text.split()[-1]
    if last == "OR" or not any(c.isalnum() for c in last):
        return text.strip()
    return text.strip() + "*"


class LibraryView(QWidget):
    """A search box and a Filters button above the list of articles.

    Signals: article_selected(str path) when the user makes another article current;
    article_activated(str path) on Enter or a double click (time to read it);
    search_changed(str query) once the list shows a new search's hits ("" = no search);
    filters_changed(str summary) when the filters change ("" = none).
    """

    article_selected = Signal(str)
    article_activated = Signal(str)
    search_changed = Signal(str)
    filters_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: LibraryModel | None = None
        self._proxy: LibraryFilterModel | None = None
        self._entry_role = -1  # the model's EntryRole, from set_model
        self._quiet = False
        self._chosen: str | None = None  # the article the list should show as current
        self._changing = 0  # >0 while the model moves rows: current changes are not the user's
        self._query = ""  # the search the list shows
        self._asked = ""  # the search last asked for (it shows once its hits are back)
        self._enter_when_done = False  # Enter was pressed before the hits came back
        self.filter_edit = self.search_edit = QLineEdit(self)
        self.filters_button: QToolButton | None = None  # made with the model, after start-up
        self._filter_panel: FilterPanel | None = None  # made when first opened
        self._filter_timer = QTimer(self)
        self._setup_filter()
        self.tree = QTreeView(self)
        self._setup_tree()
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._top = QHBoxLayout()
        self._top.setContentsMargins(4, 4, 2, 0)  # the box off the window's edge
        self._top.setSpacing(4)
        self._top.addWidget(self.filter_edit, 1)
        layout.addLayout(self._top)
        layout.addWidget(self.tree)

    def _setup_filter(self) -> None:
        edit = self.filter_edit
        edit.setObjectName("filter")
        edit.setPlaceholderText("Search articles (Ctrl+L)")
        edit.setToolTip('Full-text search: "a phrase", word* for a prefix, -word to leave out')
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
        clear = QAction("Clear Search", edit)
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

    def set_model(self, model: LibraryModel, sort: tuple[int, bool] = (2, True)) -> None:
        """Show ``model`` through a filter proxy, sorted by ``sort`` (column, descending);
        call once."""
        from reader.qt.library_filter import LibraryFilterModel
        from reader.qt.library_model import EntryRole

        self._entry_role = int(EntryRole)
        self._model = model
        self._add_clear_action()
        self._proxy = proxy = LibraryFilterModel(self)
        proxy.setSourceModel(model)
        proxy.search_done.connect(self._on_search_done)
        # Connected before the view's own handlers, so the flag is up before the selection
        # model moves the current row off a row being removed (a rescan, the filter).
        for about in (proxy.rowsAboutToBeRemoved, proxy.layoutAboutToBeChanged,
                      proxy.modelAboutToBeReset):
            about.connect(self._begin_change)
        self.tree.setModel(proxy)
        for done in (proxy.rowsRemoved, proxy.rowsInserted, proxy.layoutChanged, proxy.modelReset):
            done.connect(self._end_change)
        self.tree.setStyleSheet("QTreeView#articles::item { padding: 2px 0px; }")  # airier rows
        header = self.tree.header()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self._proxy.columnCount() == 3:  # Headline | Outlet | Date
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, OUTLET_WIDTH)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSortingEnabled(True)
        column, descending = sort
        order = QtCore.Qt.SortOrder.DescendingOrder if descending else QtCore.Qt.SortOrder.AscendingOrder
        self.tree.sortByColumn(column, order)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._add_filters_button()
        if self.filter_edit.text():  # typed before the list was ready
            self._filter_timer.start()

    def _add_filters_button(self) -> None:
        self.filters_button = button = QToolButton(self)
        button.setObjectName("filters")
        button.setText("Filters")
        button.setToolTip("Filter by outlet, author and date")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.toggled.connect(self._show_filter_panel)
        self._top.addWidget(button)

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

    def search_query(self) -> str:
        """The full-text search the list shows ("" when none)."""
        return self._query

    @Slot()
    def _apply_filter(self) -> None:
        query = as_you_type(self.filter_edit.text())
        if self._proxy is None or query == self._asked:
            return
        self._asked = query
        self._proxy.request_search(query)  # the index is asked off the GUI thread

    @Slot(str)
    def _on_search_done(self, query: str) -> None:
        self._query = query
        self._sync_sort_indicator()
        self.search_changed.emit(query)
        if self._enter_when_done and query == self._asked:
            self._go_to_list()

    # sorting
    def sort_state(self) -> tuple[int, QtCore.Qt.SortOrder] | None:
        """The column and order shown; None in relevance order (or before the list exists)."""
        return self._model.sort_state() if self._model is not None else None

    def lasting_sort(self) -> tuple[int, bool] | None:
        """(column, descending) to remember: the column sort, not a search's relevance order."""
        state = self._model.lasting_sort() if self._model is not None else None
        if state is None:
            return None
        return state[0], state[1] == QtCore.Qt.SortOrder.DescendingOrder

    def sort_by(self, column: int, order: QtCore.Qt.SortOrder) -> None:
        """Sort as a click on the column's header would."""
        if self._model is not None:
            self.tree.sortByColumn(column, order)

    def _sync_sort_indicator(self) -> None:
        """The header's arrow on the sort in force; none while in relevance order."""
        header = self.tree.header()
        state = self.sort_state()
        blocked = header.blockSignals(True)  # only the arrow: the rows are in order already
        try:
            if state is None:
                header.setSortIndicator(-1, QtCore.Qt.SortOrder.AscendingOrder)
            else:
                header.setSortIndicator(*state)
        finally:
            header.blockSignals(blocked)

    # filters
    def filter_panel(self) -> FilterPanel:
        """The Filters panel under the search box, made the first time it is needed."""
        if self._filter_panel is None:
            from reader.ui.filter_panel import FilterPanel

            self._filter_panel = panel = FilterPanel(self)
            panel.hide()
            self._layout.insertWidget(1, panel)
            panel.changed.connect(self._apply_filters)
        return self._filter_panel

    @Slot(bool)
    def _show_filter_panel(self, shown: bool) -> None:
        panel = self.filter_panel()
        if shown and self._model is not None:
            panel.set_choices(self._model.outlets(), self._model.authors())
        panel.setVisible(shown)

    @Slot()
    def _apply_filters(self) -> None:
        panel = self.filter_panel()
        if self._proxy is not None:
            self._proxy.set_filters(**panel.values()._asdict())
        summary = panel.summary()
        button = self.filters_button
        if button is not None:
            font = button.font()
            font.setBold(bool(summary))
            button.setFont(font)
            button.setText(f"Filters ({panel.active_count()})" if summary else "Filters")
            button.setToolTip(f"Filtered by {summary}" if summary else
                              "Filter by outlet, author and date")
        self.filters_changed.emit(summary)

    @Slot()
    def _enter_list(self) -> None:
        """Enter in the search box: on to the list (once the hits are in), its first row current."""
        self._filter_timer.stop()
        self._apply_filter()
        if self._asked != self._query:
            self._enter_when_done = True
            return
        self._go_to_list()

    def _go_to_list(self) -> None:
        self._enter_when_done = False
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
