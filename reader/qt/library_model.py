"""The article list: a table model over library Entries, filled and kept live in the background."""
from __future__ import annotations

import os
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from reader.core.index import Changes, LibraryIndex
from reader.core.library import Entry
from reader.qt.jobs import EntryJob, ScanJob, ScanSignals
from reader.qt.watcher import LibraryWatcher

EntryRole = Qt.ItemDataRole.UserRole
HEADERS = ("Headline", "Outlet", "Date")
HEADLINE, OUTLET, DATE = range(3)
CHUNK = 400  # rows inserted per event-loop turn, so a big list fills without stalling the GUI
FEED_BUDGET_S = 0.008  # per event-loop turn, for rows changing place while a scan fills in
BULK_REMOVE = 2000  # removing more rows than this resets the model instead

Index = QModelIndex | QPersistentModelIndex
SortKey = Callable[[Entry], Any]


def _path_key(e: Entry) -> tuple[str]:
    return (e.path,)


def _headline_key(e: Entry) -> tuple[str, str]:
    return (e.headline.casefold(), e.path)


def _outlet_key(e: Entry) -> tuple[bool, str, str, str]:
    return (e.outlet is None, (e.outlet or "").casefold(), e.headline.casefold(), e.path)


def _date_key(e: Entry) -> tuple[bool, int, str, str]:
    """Undated articles last when ascending (see _date_key_descending)."""
    return (e.published is None, e.published.toordinal() if e.published else 0,
            e.headline.casefold(), e.path)


def _date_key_descending(e: Entry) -> tuple[bool, int, str, str]:
    """Rows are shown reversed when descending: this keeps undated articles last there too."""
    return (e.published is not None, e.published.toordinal() if e.published else 0,
            e.headline.casefold(), e.path)


KEYS: tuple[SortKey, ...] = (_headline_key, _outlet_key, _date_key)  # every key ends unique


DATE_FORMAT = "d MMM yyyy"  # "12 May 2025", with the locale's month names


def format_date(published: date | None) -> str:
    if published is None:
        return ""
    return QLocale().toString(QDate(published.year, published.month, published.day), DATE_FORMAT)


class LibraryModel(QAbstractTableModel):
    """The library's articles (plus files opened from outside it), one row each.

    Rows are kept sorted by the model itself (``sort``), so proxies need not compare rows.
    Signals: scan_progress(int done, int total), scan_finished(), entry_changed(str path)
    when a listed file was read again (edited, or read for the first time).
    """

    scan_progress = Signal(int, int)
    scan_finished = Signal()
    entry_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []  # ascending by self._key; shown reversed when descending
        self._by_path: dict[str, Entry] = {}
        self._queue: list[Entry] = []  # found, not yet inserted (fed in chunks), sorted
        self._queued: dict[str, Entry] = {}  # the latest version of each queued path
        self._moves: dict[str, Entry] = {}  # listed rows whose new version sorts elsewhere
        self._external: dict[str, Entry] = {}
        self._root: str | None = None
        self._key: SortKey = _path_key
        self._descending = False
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._rank: dict[str, float] | None = None
        self._by_rank = False  # rows in search-score order (until a column is clicked)
        self._sort_before_search: tuple[int, Qt.SortOrder] | None = None
        self._search_index: LibraryIndex | None = None
        self.processes: int | None = None  # worker processes for big first scans (None: auto)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._signals = ScanSignals(self)
        self._connect_signals()
        self._ticket = 0
        self._cancel: threading.Event | None = None
        self._scanning = False
        self._loading = False  # the running scan lists the library afresh from its index
        self._scan_changed = False  # the last finished scan listed or changed rows
        self._rescan_wanted = False
        self._finished_pending = False
        self._feeder = QTimer(self)
        self._feeder.setInterval(0)
        self._feeder.timeout.connect(self._feed)
        self._watcher = LibraryWatcher(self)
        self._watcher.changed.connect(self.rescan)

    def _connect_signals(self) -> None:
        s = self._signals
        s.loaded.connect(self._on_loaded)
        s.planned.connect(self._on_planned)
        s.indexed.connect(self._on_indexed)
        s.progress.connect(self._on_progress)
        s.finished.connect(self._on_finished)
        s.read.connect(self._on_read)

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self.entry_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole headline, which the column may cut
            return entry.error or f"{entry.headline}\n{entry.path}"
        if entry.error and role == Qt.ItemDataRole.DecorationRole and column == HEADLINE:
            return _warning_icon()
        if entry.error and role == Qt.ItemDataRole.ForegroundRole:
            return _grey()
        if entry.pending and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _display(entry: Entry, column: int) -> str | None:
        if column == HEADLINE:
            return entry.headline or os.path.basename(entry.path)
        if column == OUTLET:
            return entry.outlet or ""
        if column == DATE:
            return format_date(entry.published)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by a column (dates by the real date), also while a search ranks them."""
        self._sort = (column, order) if 0 <= column < len(KEYS) else None
        self._by_rank = False
        self._resort()

    def lasting_sort(self) -> tuple[int, Qt.SortOrder] | None:
        """The column sort that outlives a search: the one in force, or the one that comes
        back when the search ends."""
        return self._sort_before_search if self._rank is not None else self._sort

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order rows are sorted by; None while they are in relevance order
        (or in no order yet)."""
        return None if self._by_rank else self._sort

    # -- our API ------------------------------------------------------------------------------
    def root(self) -> str | None:
        return self._root

    def entry_at(self, row: int) -> Entry:
        return self._entries[len(self._entries) - 1 - row if self._descending else row]

    def row_of(self, path: str) -> int:
        entry = self._by_path.get(path) or self._by_path.get(os.path.abspath(path))
        if entry is None or entry.path in self._queued:
            return -1
        return self._visual(self._find(entry))

    def entries(self) -> list[Entry]:
        return [self.entry_at(row) for row in range(len(self._entries))]

    def is_scanning(self) -> bool:
        return self._scanning

    def scan_changed(self) -> bool:
        """False when the last finished scan was a rescan that found nothing new (the poll's
        usual case): what was listed before still stands."""
        return self._scan_changed

    def set_root(self, root: str) -> None:
        """Show the library at ``root``: cancels any scan of the old one, then lists the new one
        from its index at once and brings it up to date in the background."""
        self._stop_scan()
        self._close_search_index()
        self._root = os.path.abspath(root)
        self._rescan_wanted = self._finished_pending = False
        self.beginResetModel()
        self._queue, self._queued, self._moves = [], {}, {}
        self._feeder.stop()
        self._entries = sorted(self._external.values(), key=self._key)
        self._by_path = {e.path: e for e in self._entries}
        self.endResetModel()
        self._watcher.set_folders([self._root])
        self._start_scan(load=True)

    @Slot()
    def rescan(self) -> None:
        """Bring the list up to date with the folder (stat-only when nothing changed)."""
        if self._root is None:
            return
        if self._scanning:
            self._rescan_wanted = True
            return
        self._start_scan(load=False)

    def add_external(self, path: str) -> None:
        """List a file opened from outside the library (read in the background)."""
        path = os.path.abspath(path)
        if path in self._by_path:
            return
        entry = Entry.placeholder(path)
        self._external[path] = entry
        self._add([entry])
        self._pool.start(EntryJob(self._ticket, path, self._signals))

    def shutdown(self) -> None:
        """Stop the scan, the watcher and the timers; waits for background threads."""
        self._watcher.stop()
        self._feeder.stop()
        self._stop_scan()
        self._pool.waitForDone()
        self._close_search_index()

    def start_job(self, job: QRunnable) -> None:
        """Run a background job on the model's pool (shutdown() waits for it)."""
        self._pool.start(job)

    def search_index(self) -> LibraryIndex | None:
        """An index connection for searches from the GUI thread (None without a library)."""
        if self._root is None:
            return None
        if self._search_index is None:
            self._search_index = LibraryIndex(self._root)
        return self._search_index

    def set_rank(self, ranks: dict[str, float] | None) -> None:
        """Order rows by search score (best first); None goes back to the sort before the
        search. A column sort chosen while searching holds until the search ends.
        Always ends in a layout change, which makes proxies filter again."""
        if ranks is not None and self._rank is None:
            self._sort_before_search, self._by_rank = self._sort, True
        elif ranks is None and self._rank is not None:
            self._sort, self._by_rank = self._sort_before_search, False
        self._rank = ranks
        self._resort(force=True)

    def is_external(self, path: str) -> bool:
        """True for a file listed from outside the library (not in its index)."""
        return path in self._external

    def digest_of(self, path: str) -> str:
        """The content hash of a listed, indexed file; '' when unknown."""
        entry = self._by_path.get(os.path.abspath(path))
        return entry.digest if entry is not None else ""

    def outlets(self) -> list[str]:
        """The outlets of the listed articles, sorted ignoring case."""
        return sorted({e.outlet for e in self._by_path.values() if e.outlet}, key=str.casefold)

    def authors(self) -> list[str]:
        """The authors of the listed articles, sorted ignoring case."""
        names = {a for e in self._by_path.values() for a in e.authors if a}
        return sorted(names, key=str.casefold)

    # -- scanning -------------------------------------------------------------------------
    def _start_scan(self, *, load: bool) -> None:
        assert self._root is not None
        self._ticket += 1
        self._cancel = threading.Event()
        self._scanning = True
        self._loading = load
        self._pool.start(ScanJob(self._ticket, self._root, self._signals, self._cancel,
                                 load=load, processes=self.processes))

    def _stop_scan(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._ticket += 1
        self._scanning = False

    def _close_search_index(self) -> None:
        if self._search_index is not None:
            self._search_index.close()
            self._search_index = None

    @Slot(int, object)
    def _on_loaded(self, ticket: int, entries: list[Entry]) -> None:
        if ticket == self._ticket:
            self._add(entries)

    @Slot(int, object, object, object)
    def _on_planned(self, ticket: int, pending: list[Entry], removed: list[str],
                    renamed: list[tuple[str, str]]) -> None:
        if ticket != self._ticket:
            return
        self._remove(removed)
        for old, new in renamed:
            self._rename(old, new)
        self._add([e for e in pending if e.path not in self._by_path])

    @Slot(int, object)
    def _on_indexed(self, ticket: int, entries: list[Entry]) -> None:
        if ticket == self._ticket:
            self._add(entries)

    @Slot(int, int, int)
    def _on_progress(self, ticket: int, done: int, total: int) -> None:
        if ticket == self._ticket:
            self.scan_progress.emit(done, total)

    @Slot(int, object)
    def _on_finished(self, ticket: int, changes: Changes | None) -> None:
        if ticket != self._ticket:
            return
        self._scanning = False
        self._scan_changed = self._loading or changes is None or bool(changes)
        if changes is not None and changes.folders:
            self._watcher.set_folders(changes.folders)
        if self._queue or self._moves:
            self._finished_pending = True  # reported once the last rows are in
        else:
            self._report_finished()

    def _report_finished(self) -> None:
        self._finished_pending = False
        self.scan_finished.emit()
        if self._rescan_wanted:
            self._rescan_wanted = False
            self._start_scan(load=False)

    @Slot(int, object)
    def _on_read(self, _ticket: int, entry: Entry) -> None:
        if entry.path in self._external:
            self._external[entry.path] = entry
            self._add([entry])

    # -- changing rows: entries stay sorted by self._key ---------------------------------
    def _visual(self, i: int) -> int:
        return len(self._entries) - 1 - i if self._descending else i

    def _find(self, entry: Entry) -> int:
        return bisect_left(self._entries, self._key(entry), key=self._key)

    def _add(self, entries: list[Entry]) -> None:
        """New entries are queued and fed in chunks; known paths are replaced in place."""
        fresh: list[Entry] = []
        for entry in entries:
            old = self._by_path.get(entry.path)
            if old is None:
                fresh.append(entry)
                self._by_path[entry.path] = entry
            elif entry.path in self._queued:
                self._queued[entry.path] = entry
                self._by_path[entry.path] = entry
            elif self._key(old) == self._key(entry):
                self._moves.pop(entry.path, None)
                self._replace(old, entry)
            else:
                self._moves[entry.path] = entry  # applied a few at a time by _feed
        if fresh:
            self._queue.extend(fresh)
            self._queue.sort(key=self._key)
            self._queued.update((e.path, e) for e in fresh)
            self._feed()
        if (self._queue or self._moves) and not self._feeder.isActive():
            self._feeder.start()

    @Slot()
    def _feed(self) -> None:
        """One event-loop turn's share of the pending work: a chunk of new rows, then moves
        until the time budget is spent."""
        head, self._queue = self._queue[:CHUNK], self._queue[CHUNK:]
        chunk = [self._queued.pop(e.path) for e in head if e.path in self._queued]
        chunk.sort(key=self._key)
        if chunk:
            if not self._entries or self._key(chunk[0]) > self._key(self._entries[-1]):
                self._append(chunk)
            else:
                for entry in chunk:
                    self._insert_one(entry)
        deadline = time.perf_counter() + FEED_BUDGET_S
        while self._moves and time.perf_counter() < deadline:
            path = next(iter(self._moves))
            self._replace(self._by_path[path], self._moves.pop(path))
        if not self._queue and not self._moves:
            self._feeder.stop()
            if self._finished_pending:
                self._report_finished()

    def _append(self, chunk: list[Entry]) -> None:
        n, k = len(self._entries), len(chunk)
        first = 0 if self._descending else n
        self.beginInsertRows(QModelIndex(), first, first + k - 1)
        self._entries.extend(chunk)
        self.endInsertRows()

    def _insert_one(self, entry: Entry) -> None:
        i = self._find(entry)
        row = len(self._entries) - i if self._descending else i
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(i, entry)
        self.endInsertRows()

    def _take(self, entry: Entry) -> None:
        i = self._find(entry)
        row = self._visual(i)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[i]
        self.endRemoveRows()

    def _replace(self, old: Entry, entry: Entry) -> None:
        if self._key(old) == self._key(entry):
            i = self._find(old)
            self._entries[i] = entry
            row = self._visual(i)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        else:
            self._take(old)
            self._insert_one(entry)
        self._by_path[entry.path] = entry
        if entry.path in self._external:
            self._external[entry.path] = entry
        self.entry_changed.emit(entry.path)

    def _apply_moves_in_place(self) -> list[str]:
        """Put pending new versions into their rows, unsorted (a re-sort follows at once)."""
        changed = list(self._moves)
        for path, entry in self._moves.items():
            self._entries[self._find(self._by_path[path])] = entry
            self._by_path[path] = entry
            if path in self._external:
                self._external[path] = entry
        self._moves = {}
        return changed

    def _move_persistent(self, persistent: list[QModelIndex], held: list[tuple[str, int]]) -> None:
        positions = {e.path: i for i, e in enumerate(self._entries)} if held else {}
        moved = [self.index(self._visual(positions[path]), column) for path, column in held]
        self.changePersistentIndexList(persistent, moved)

    def _remove(self, paths: Iterable[str]) -> None:
        gone = [self._by_path[p] for p in paths if p in self._by_path and p not in self._external]
        if not gone:
            return
        for entry in gone:
            self._moves.pop(entry.path, None)
            del self._by_path[entry.path]  # before the rows go: their signals' slots ask row_of
        listed = [e for e in gone if self._queued.pop(e.path, None) is None]
        if len(listed) > BULK_REMOVE:
            self.beginResetModel()
            drop = {e.path for e in listed}
            self._entries = [e for e in self._entries if e.path not in drop]
            self.endResetModel()
        else:
            for entry in listed:
                self._take(entry)

    def _rename(self, old: str, new: str) -> None:
        entry = self._by_path.get(old)
        if entry is None or new in self._by_path:
            return
        self._remove([old])
        self._add([Entry(new, entry.headline, entry.authors, entry.outlet, entry.published,
                         entry.words, entry.format, entry.size, entry.mtime, entry.error,
                         entry.digest, entry.pending)])

    def _resort(self, *, force: bool = False) -> None:
        """Apply a new order (column, direction or search ranking) in one layout change."""
        key, descending = self._sort_key()
        self._queue.sort(key=key)
        if key is self._key and descending == self._descending and not force:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self.entry_at(i.row()).path, i.column()) for i in persistent]
        changed = self._apply_moves_in_place()
        self._key, self._descending = key, descending
        self._entries.sort(key=key)
        self._move_persistent(persistent, held)
        self.layoutChanged.emit()
        for path in changed:
            self.entry_changed.emit(path)

    def _sort_key(self) -> tuple[SortKey, bool]:
        if self._rank is not None and self._by_rank:
            ranks = self._rank

            def by_rank(e: Entry) -> tuple[float, str, str]:
                return (-ranks.get(e.path, float("-inf")), e.headline.casefold(), e.path)

            return by_rank, False
        if self._sort is None:
            return _path_key, False
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column == DATE and descending:
            return _date_key_descending, True
        return KEYS[column], descending


def _warning_icon() -> Any:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    return app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def _grey() -> Any:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
