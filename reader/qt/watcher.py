"""Watches a library's folders and says, debounced, when it may have changed."""
from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

DEBOUNCE_MS = 250
POLL_MS = 1500  # catches in-place edits, which folder watches do not report


class LibraryWatcher(QObject):
    """A QFileSystemWatcher on every folder of the library plus a slow poll.

    Signals: changed() at most once per debounce interval after a folder changed, and on
    every poll tick (the receiver runs a cheap stat-only rescan).
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.changed)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.changed)

    def set_folders(self, folders: list[str]) -> None:
        """Watch exactly ``folders`` (new subfolders are added by the next rescan's list)."""
        current = set(self._watcher.directories())
        wanted = set(folders)
        gone = sorted(current - wanted)
        new = sorted(wanted - current)
        if gone:
            self._watcher.removePaths(gone)
        if new:
            self._watcher.addPaths(new)
        if not self._poll.isActive():
            self._poll.start()

    def folders(self) -> list[str]:
        return list(self._watcher.directories())

    def stop(self) -> None:
        self._debounce.stop()
        self._poll.stop()
        dirs = self._watcher.directories()
        if dirs:
            self._watcher.removePaths(dirs)

    @Slot(str)
    def _on_directory_changed(self, _path: str) -> None:
        self._debounce.start()
