"""Background library jobs: bring the index up to date on a pool thread, reporting as it goes."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from reader.core.index import Changes, LibraryIndex, Listener
from reader.core.library import Entry, read_entry


class ScanSignals(QObject):
    """Signals, each carrying the job's ticket (queued to the GUI thread):
    loaded(ticket, list[Entry]) from the index at once; planned(ticket, placeholder Entries
    of files to read, removed paths, renamed (old, new) pairs); indexed(ticket, list[Entry]);
    progress(ticket, done, total); finished(ticket, Changes or None); read(ticket, Entry).
    """

    loaded = Signal(int, object)
    planned = Signal(int, object, object, object)
    indexed = Signal(int, object)
    progress = Signal(int, int, int)
    finished = Signal(int, object)
    read = Signal(int, object)


class _Relay(Listener):
    """Forwards the index's callbacks to the owner's signals."""

    def __init__(self, ticket: int, signals: ScanSignals) -> None:
        self.ticket = ticket
        self.signals = signals

    def planned(self, pending: list[str], removed: list[str], renamed: list[tuple[str, str]]) -> None:
        placeholders = [Entry.placeholder(p) for p in pending]  # made here, off the GUI thread
        self.signals.planned.emit(self.ticket, placeholders, removed, renamed)

    def indexed(self, entries: list[Entry]) -> None:
        self.signals.indexed.emit(self.ticket, entries)

    def progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(self.ticket, done, total)


class ScanJob(QRunnable):
    """Loads a library's index (when ``load``), then updates it from the folder.

    ``signals`` belongs to the owner and outlives every job; setting ``cancel`` makes the
    job stop between files.
    """

    def __init__(self, ticket: int, root: str, signals: ScanSignals, cancel: threading.Event,
                 *, load: bool, processes: int | None = None) -> None:
        super().__init__()
        self.ticket = ticket
        self.root = root
        self.signals = signals
        self.cancel = cancel
        self.load = load
        self.processes = processes

    def run(self) -> None:
        changes: Changes | None = None
        index: LibraryIndex | None = None
        try:
            index = LibraryIndex(self.root)
            if self.load and not self.cancel.is_set():
                self.signals.loaded.emit(self.ticket, index.entries())
            if not self.cancel.is_set():
                changes = index.update(_Relay(self.ticket, self.signals),
                                       cancel=self.cancel.is_set, processes=self.processes,
                                       background=True)
        except Exception:  # noqa: BLE001 - a failed scan leaves the list as it is, never crashes
            changes = None
        finally:
            if index is not None:
                index.close()
            self.signals.finished.emit(self.ticket, changes)


class EntryJob(QRunnable):
    """Reads one file's list entry (metadata only) off the GUI thread; reports ``read``."""

    def __init__(self, ticket: int, path: str, signals: ScanSignals) -> None:
        super().__init__()
        self.ticket = ticket
        self.path = path
        self.signals = signals

    def run(self) -> None:
        self.signals.read.emit(self.ticket, read_entry(self.path))
