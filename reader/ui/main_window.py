"""The main window: a switchboard wiring the article list, the reader pane and the outline."""
from __future__ import annotations

import os
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt only inside functions: see reader/ui/__init__.py
from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSplitter, QWidget

from reader.core.article import Article
from reader.core.library import iter_article_files
from reader.core.registry import FORMATS, is_supported
from reader.qt.open_job import ArticleOpener
from reader.qt.settings import Settings
from reader.ui.actions import (
    RecentMenu,
    SortMenu,
    build_actions,
    build_menus,
    shortcut_rows,
)
from reader.ui.library_view import LibraryView
from reader.ui.outline_view import OutlineView
from reader.ui.reader_pane import ReaderPane

if TYPE_CHECKING:
    from reader.qt.library_model import LibraryModel

DEFAULT_SIZES = (380, 550, 250)  # the reader pane takes what the list and outline leave
MESSAGE_MS = 8000
FIRST_READ_WAIT_MS = 100  # start-up waits this long for the first article before painting
LIST_FALLBACK_MS = 600  # list the library by then even if the first article is slow to read
POSITION_SAVE_MS = 1500  # remember where the reader is this long after scrolling stops
LIST, PANE, OUTLINE = range(3)


# Formats by how fast their reader starts: the first article shown should appear at once.
QUICK_FORMATS = ("text", "markdown", "epub", "odt", "docx", "html")
FIRST_LOOKAHEAD = 500


def first_article_in(root: str) -> str | None:
    """The library's first article, preferring formats that open fastest; reads no file."""
    rank = {ext: QUICK_FORMATS.index(f.name) if f.name in QUICK_FORMATS else len(QUICK_FORMATS)
            for f in FORMATS for ext in f.extensions}
    files = list(islice(iter_article_files(root), FIRST_LOOKAHEAD))
    if not files:
        return None
    return str(min(files, key=lambda p: (rank.get(p.suffix.lower(), len(rank)), str(p))))


def is_inside(path: str, root: str | None) -> bool:
    if not root:
        return False
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == os.path.abspath(root)


def local_paths(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]


class MainWindow(QMainWindow):
    """Article list | reader pane | outline, with menus, status bar and remembered layout.

    Signals: settled() once start-up has shown its first article and turns to the library.
    """

    settled = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._shown: str | None = None  # the article in the pane
        self._shown_digest = ""  # its content hash, when the library index knows it
        self._history: list[str] = []
        self._externals: list[str] = []
        self._deferred = False  # start-up lists the library once the first article reported
        self._deferred_root: str | None = None
        self._closed = False
        self.setWindowTitle("Reader")
        self.setMinimumSize(560, 360)  # fixed: the layout then never resizes the window's limits
        self.setAcceptDrops(True)
        self.model: LibraryModel | None = None  # made with the first listing: keeps start-up light
        self.library_view = LibraryView(self)
        self.pane = ReaderPane(self)
        self.outline = OutlineView(self)
        self.splitter = self._build_splitter()
        self.setCentralWidget(self.splitter)
        self.opener = ArticleOpener(self)
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(POSITION_SAVE_MS)
        self.action_map = build_actions(self)
        menus = build_menus(self.menuBar(), self.action_map)
        self.recent_menu = menus["recent"]
        self.recent = RecentMenu(self.recent_menu, settings)
        self.sort_menu = SortMenu(menus["sort"], self.library_view.sort_state)
        self._build_status_bar()
        self._connect()
        self._restore()

    # building
    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(parent=self)  # horizontal; by keyword, which skips building Qt
        splitter.setObjectName("splitter")
        for widget in (self.library_view, self.pane, self.outline):
            splitter.addWidget(widget)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(PANE, 1)
        return splitter

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.scan_bar = QProgressBar(self)
        self.scan_bar.setMaximumWidth(160)
        self.scan_bar.setTextVisible(False)
        self.scan_bar.hide()
        self.count_label = QLabel(self)
        self.article_label = QLabel(self)
        self.filter_label = QLabel(self)  # "Filtered: ..." while filters narrow the list
        self.filter_label.hide()
        for label in (self.article_label, self.filter_label, self.count_label):
            label.setContentsMargins(8, 0, 8, 0)  # apart from each other and the grip
        bar.addPermanentWidget(self.scan_bar)
        bar.addPermanentWidget(self.article_label)
        bar.addPermanentWidget(self.filter_label)
        bar.addPermanentWidget(self.count_label)

    def _connect(self) -> None:
        self.library_view.article_selected.connect(self._on_article_selected)
        self.library_view.article_activated.connect(self._on_article_activated)
        self.opener.opened.connect(self._on_opened)
        self.opener.failed.connect(self._on_failed)
        self.outline.section_activated.connect(self.pane.scroll_to_section)
        self.pane.section_changed.connect(self.outline.set_current_section)
        self.pane.text_browser().verticalScrollBar().valueChanged.connect(self._schedule_position_save)
        self._position_timer.timeout.connect(self._save_position)
        self.recent.open_requested.connect(self.open_file)
        self.sort_menu.sort_requested.connect(self._on_sort_requested)
        self.library_view.search_changed.connect(self._on_search_changed)
        self.library_view.filters_changed.connect(self._on_filters_changed)
        self.pane.link_activated.connect(self._on_link_activated)

    def library(self) -> LibraryModel:
        """The library model, made (and its module imported) on first use."""
        if self.model is None:
            from reader.qt.library_model import LibraryModel

            self.model = model = LibraryModel(self)
            self.library_view.set_model(model, self.settings.list_sort())
            model.scan_progress.connect(self._on_scan_progress)
            model.scan_finished.connect(self._on_scan_finished)
            model.rowsInserted.connect(self._on_rows_changed)
            model.rowsRemoved.connect(self._on_rows_changed)
            model.modelReset.connect(self._update_count)
            proxy = self.library_view.proxy()
            if proxy is not None:  # the filter changes what is shown: "3 of 40 articles"
                proxy.rowsInserted.connect(self._update_count)
                proxy.rowsRemoved.connect(self._update_count)
                proxy.modelReset.connect(self._update_count)
                proxy.layoutChanged.connect(self._update_count)
        return self.model

    def library_root(self) -> str | None:
        return self.model.root() if self.model is not None else None

    def _restore(self) -> None:
        s = self.settings
        geometry = s.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        state = s.window_state()
        if state is not None:
            self.restoreState(state)
        sizes = s.splitter_sizes()
        self.splitter.setSizes(sizes if len(sizes) == 3 and all(sizes) else self._default_sizes())
        self.action_map["show_list"].setChecked(s.pane_visible("list"))
        self.action_map["show_outline"].setChecked(s.pane_visible("outline"))
        self.library_view.setVisible(s.pane_visible("list"))
        self.outline.setVisible(s.pane_visible("outline"))
        self.pane.set_zoom(s.zoom())

    def _save(self) -> None:
        s = self.settings
        s.set_window_geometry(self.saveGeometry())
        s.set_window_state(self.saveState())
        s.set_splitter_sizes(self._splitter_sizes())
        s.set_pane_visible("list", not self.library_view.isHidden())
        s.set_pane_visible("outline", not self.outline.isHidden())
        s.set_zoom(self.pane.zoom())
        sort = self.library_view.lasting_sort()
        if sort is not None:
            s.set_list_sort(*sort)
        self._save_position()
        s.sync()

    def _default_sizes(self) -> list[int]:
        """The list and the outline at their usual widths; the reader pane gets the rest."""
        handles = 2 * self.splitter.handleWidth()
        list_width, pane_width, outline_width = DEFAULT_SIZES
        return [list_width, max(pane_width, self.width() - list_width - outline_width - handles),
                outline_width]

    def _splitter_sizes(self) -> list[int]:
        """Current sizes, with a hidden pane's last width kept so it comes back as it was."""
        saved = self.settings.splitter_sizes()
        sizes = self.splitter.sizes()
        for i, size in enumerate(sizes):
            if size == 0:
                sizes[i] = saved[i] if len(saved) == 3 and saved[i] else DEFAULT_SIZES[i]
        return sizes

    # start-up
    def start(self, files: list[str], root: str | None) -> None:
        """Open ``files`` (or the last article, or the library's first) and then list ``root``.

        The library is listed once the first article has been painted, so the scan never
        slows down the first thing the user sees. A first article read within
        FIRST_READ_WAIT_MS is shown before this returns, so called after ``show()`` but before
        the event loop runs, the first frame has the text; a slower one follows when read.
        """
        self._deferred, self._deferred_root = True, root
        QTimer.singleShot(LIST_FALLBACK_MS, self._start_deferred_library)
        self.pane.text_browser().setFocus()  # Qt.FocusReason.OtherFocusReason
        self.open_files(files)
        if self.opener.pending() is None:
            first = self._initial_article(self._deferred_root)
            if first is None:
                self.pane.show_message("No articles yet",
                                       "Open an article with File > Open…, drop files here, or "
                                       "choose a library folder with File > Open Library Folder….")
                self._start_library()
                return
            self._add_external(first)  # the last article may lie outside this library
            self.open_path(first)
        self.opener.settle(FIRST_READ_WAIT_MS)  # a quick read is shown in the first frame

    def _initial_article(self, root: str | None) -> str | None:
        last = self.settings.last_article()
        if last and Path(last).is_file():
            return last
        return first_article_in(root) if root else None

    def _start_library(self) -> None:
        root, self._deferred_root, self._deferred = self._deferred_root, None, False
        model = self.library()
        if root:
            model.set_root(root)
        for path in self._externals:
            if not is_inside(path, root):
                model.add_external(path)
        self._externals = []
        self._sync_selection()
        self.settled.emit()

    # opening
    def open_path(self, path: str, *, record: bool = True) -> None:
        """Read ``path`` off the GUI thread and show it; an older request still reading is dropped."""
        path = os.path.abspath(path)
        self._save_position()
        if record and self._shown and self._shown != path:
            self._history.append(self._shown)
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self.opener.open(path)

    def open_files(self, paths: list[str]) -> None:
        """Open files the user chose (dialog, drop, command line): a folder becomes the library."""
        paths = [os.path.abspath(p) for p in paths if p]
        folders = [p for p in paths if os.path.isdir(p)]
        articles = [p for p in paths if not os.path.isdir(p)]
        if folders:
            self.set_library(folders[-1])
        for path in articles:
            self._add_external(path)
            self.settings.add_recent_file(path)
        if articles:
            self.open_path(articles[0])

    def _add_external(self, path: str) -> None:
        if self._deferred:
            self._externals.append(path)
        elif not is_inside(path, self.library_root()):
            self.library().add_external(path)

    @Slot(str)
    def open_file(self, path: str) -> None:
        self.open_files([path])

    def set_library(self, root: str) -> None:
        """List ``root`` as the library, and remember it for next time."""
        root = os.path.abspath(root)
        self.settings.set_library_root(root)
        if self._deferred:
            self._deferred_root = root  # start-up has not listed the library yet
            return
        self.library().set_root(root)
        self.statusBar().showMessage(f"Library: {root}", MESSAGE_MS)

    @Slot(int)
    def _schedule_position_save(self, _value: int) -> None:
        # Not valueChanged -> QTimer.start directly: PySide picks start(int), and the scroll
        # value would become the timer's interval.
        self._position_timer.start()

    @Slot()
    def _save_position(self) -> None:
        self._position_timer.stop()
        if self._shown and self.pane.article() is not None:
            digest = self._shown_digest or self._digest_of(self._shown)
            self.settings.set_position(self._shown, self.pane.position(), digest=digest)

    def _digest_of(self, path: str) -> str:
        """The content hash the library index has for ``path`` ('' if it has none yet):
        reading positions keyed by it survive a rename or a move within the library."""
        return self.model.digest_of(path) if self.model is not None else ""

    @Slot(str)
    def _on_article_selected(self, path: str) -> None:
        if os.path.abspath(path) not in (self._shown, self.opener.pending()):
            self.open_path(path)

    @Slot(QUrl)
    def _on_link_activated(self, url: QUrl) -> None:
        """A link to another article file (absolute, or beside this one) opens it here."""
        if url.isLocalFile():
            path = url.toLocalFile()
        elif not url.scheme() and url.path() and self._shown:
            path = os.path.join(os.path.dirname(self._shown), url.path())
        else:
            return
        if is_supported(path) and os.path.isfile(path):
            self.open_files([path])

    @Slot(str)
    def _on_article_activated(self, path: str) -> None:
        self._on_article_selected(path)
        self.pane.text_browser().setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _on_opened(self, article: Article) -> None:
        path = os.path.abspath(article.path)
        self._shown, self._shown_digest = path, self._digest_of(path)
        self.pane.show_article(article)
        self.outline.set_article(article)
        position = self.settings.position(path, digest=self._shown_digest)
        if position > 0:
            self.pane.set_position(position)
        if self.library_view.search_query():
            self.pane.highlight_search(self.library_view.search_query())
        self.settings.set_last_article(path)
        self.setWindowTitle(f"{article.headline} — Reader")
        minutes = article.reading_minutes
        self.article_label.setText(f"{article.words:,} words · {minutes} min read")
        self.statusBar().clearMessage()
        self._after_report()

    @Slot(str, str)
    def _on_failed(self, path: str, message: str) -> None:
        self._shown, self._shown_digest = os.path.abspath(path), ""
        self.pane.show_message(f"Cannot open {Path(path).name}", message)
        self.outline.set_article(None)
        self.setWindowTitle("Reader")
        self.article_label.clear()
        self.statusBar().showMessage(message, MESSAGE_MS)
        self._after_report()

    def _after_report(self) -> None:
        if self._deferred:
            self.pane.text_browser().viewport().installEventFilter(self)
        else:
            self._sync_selection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first article has been painted: now list the library."""
        if event.type() == QEvent.Type.Paint and self._deferred:
            QTimer.singleShot(0, self._start_deferred_library)
        return super().eventFilter(watched, event)

    @Slot()
    def _start_deferred_library(self) -> None:
        self.pane.text_browser().viewport().removeEventFilter(self)
        if self._deferred and not self._closed:
            self._start_library()

    def _sync_selection(self) -> None:
        """Show in the list the article being opened, or else the one shown."""
        target = self.opener.pending() or self._shown
        if target and self.library_view.current_path() != target:
            self.library_view.select_path(target)

    # library
    @Slot(int, int)
    def _on_scan_progress(self, done: int, total: int) -> None:
        if total == 0:  # nothing to read (the poll's usual rescan): no bar, no message
            return
        self.scan_bar.setRange(0, max(total, 1))
        self.scan_bar.setValue(done)
        self.scan_bar.show()
        self.statusBar().showMessage(f"Listing the library… {done} of {total}")

    @Slot()
    def _on_scan_finished(self) -> None:
        self.scan_bar.hide()
        self._update_count()
        model = self.library()
        if not model.scan_changed():  # the poll's rescan found nothing: leave the status bar be
            self._sync_selection()
            return
        unreadable = sum(1 for row in range(model.rowCount()) if model.entry_at(row).error)
        if unreadable:
            self.statusBar().showMessage(f"{unreadable} file(s) in the library could not be read",
                                         MESSAGE_MS)
        else:
            self.statusBar().clearMessage()
        self._sync_selection()

    @Slot(QModelIndex, int, int)
    def _on_rows_changed(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        self._update_count()
        self._sync_selection()

    @Slot()
    def _update_count(self) -> None:
        total = self.library().rowCount()
        shown = self.library_view.row_count()
        if self.library_view.search_query():
            self.count_label.setText(f"{shown:,} match{'es' if shown != 1 else ''}")
            return
        text = f"{total:,} article{'s' if total != 1 else ''}"
        self.count_label.setText(text if shown == total else f"{shown:,} of {text}")

    @Slot(str)
    def _on_search_changed(self, query: str) -> None:
        """The list shows a new search's hits: count them, mark them in the article shown."""
        self._update_count()
        if query and self.pane.article() is not None:
            self.pane.highlight_search(query)
        elif not query:
            self.pane.clear_search()

    @Slot(str)
    def _on_filters_changed(self, summary: str) -> None:
        self.filter_label.setText(f"Filtered: {summary}")
        self.filter_label.setToolTip("Filters > Clear filters shows every article again")
        self.filter_label.setVisible(bool(summary))
        self._update_count()

    @Slot(int, int)
    def _on_sort_requested(self, column: int, order: int) -> None:
        self.library_view.sort_by(column, QtCore.Qt.SortOrder(order))

    # action slots (named in reader.ui.actions.ACTIONS)
    @Slot()
    def open_files_dialog(self) -> None:
        from reader.ui import dialogs

        start = str(Path(self._shown).parent) if self._shown else (self.library_root() or "")
        paths = dialogs.get_open_files(self, start)
        if paths:
            self.open_files(paths)

    @Slot()
    def open_library_dialog(self) -> None:
        from reader.ui import dialogs

        folder = dialogs.get_library_folder(self, self.library_root() or "")
        if folder:
            self.set_library(folder)

    @Slot()
    def show_find(self) -> None:
        self.pane.show_find()

    @Slot()
    def find_next(self) -> None:
        self.pane.find_next()

    @Slot()
    def find_previous(self) -> None:
        self.pane.find_previous()

    @Slot()
    def focus_filter(self) -> None:
        if self.library_view.isHidden():
            self.action_map["show_list"].setChecked(True)
        self.library_view.focus_filter()

    @Slot()
    def zoom_in(self) -> None:
        self.pane.zoom_in()
        self.settings.set_zoom(self.pane.zoom())

    @Slot()
    def zoom_out(self) -> None:
        self.pane.zoom_out()
        self.settings.set_zoom(self.pane.zoom())

    @Slot()
    def zoom_reset(self) -> None:
        self.pane.zoom_reset()
        self.settings.set_zoom(self.pane.zoom())

    @Slot(bool)
    def set_list_visible(self, visible: bool) -> None:
        self._set_pane_visible(LIST, "list", visible)

    @Slot(bool)
    def set_outline_visible(self, visible: bool) -> None:
        self._set_pane_visible(OUTLINE, "outline", visible)

    def _set_pane_visible(self, index: int, name: str, visible: bool) -> None:
        if not visible:
            self.settings.set_splitter_sizes(self._splitter_sizes())
        widget = self.splitter.widget(index)
        if widget is not None:
            widget.setVisible(visible)
        self.settings.set_pane_visible(name, visible)

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        state = self.windowState()
        full = QtCore.Qt.WindowState.WindowFullScreen
        self.setWindowState(state | full if on else state & ~full)

    @Slot()
    def next_section(self) -> None:
        self.outline.next_section()

    @Slot()
    def previous_section(self) -> None:
        self.outline.previous_section()

    @Slot()
    def next_article(self) -> None:
        if not self.library_view.select_next() and self.library_view.current_path() is None:
            self.library_view.select_row(0)

    @Slot()
    def previous_article(self) -> None:
        self.library_view.select_previous()

    @Slot()
    def go_back(self) -> None:
        if self._history:
            self.open_path(self._history.pop(), record=False)

    @Slot()
    def show_shortcuts(self) -> None:
        from reader.ui import dialogs

        dialogs.show_shortcuts(self, shortcut_rows(self.action_map))

    @Slot()
    def show_about(self) -> None:
        from reader.ui import dialogs

        dialogs.show_about(self)

    # drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:  # also when the window manager did it
            action = self.action_map["full_screen"]
            blocked = action.blockSignals(True)
            action.setChecked(self.isFullScreen())
            action.blockSignals(blocked)
        super().changeEvent(event)

    # closing
    def shutdown(self) -> None:
        """Remember the window and stop background work; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._save()
        self.opener.cancel()
        if self.model is not None:
            self.model.shutdown()
        self.opener.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

