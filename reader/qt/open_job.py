"""Reading an article off the GUI thread, with stale results dropped."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)

from reader.core.article import Article, ReadError


def read(path: str) -> Article:
    """The job's pure function; looked up at call time so tests can stand a reader in."""
    from reader.core.registry import read_article

    return read_article(path)


class _JobSignals(QObject):
    """Signals: done(int ticket, object article), failed(int ticket, str path, str message)."""

    done = Signal(int, object)
    failed = Signal(int, str, str)


class OpenJob(QRunnable):
    """Reads one file on a pool thread and reports through ``signals``.

    ``signals`` belongs to the opener and outlives every job, so no signal is emitted
    from an object that may be gone by the time the GUI thread handles it. A job whose
    request was overtaken before it started (``latest()`` moved on) reads nothing.
    """

    def __init__(self, ticket: int, path: str, signals: _JobSignals,
                 latest: Callable[[], int]) -> None:
        super().__init__()
        self.ticket = ticket
        self.path = path
        self.signals = signals
        self.latest = latest

    def run(self) -> None:
        if self.latest() != self.ticket:
            return  # the user has moved on while this waited for a thread
        try:
            article = read(self.path)
        except ReadError as exc:
            self.signals.failed.emit(self.ticket, self.path, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in a reader must not kill the app
            self.signals.failed.emit(self.ticket, self.path, f"Reader failed on this file: {exc!r}")
        else:
            self.signals.done.emit(self.ticket, article)


class ArticleOpener(QObject):
    """Opens articles one at a time; only the latest request reports.

    Signals: opened(object article), failed(str path, str message).
    """

    opened = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._ticket = 0
        self._pending: str | None = None
        self._signals = _JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    def open(self, path: str) -> None:
        """Start reading ``path``; any earlier request still running will be ignored."""
        self._ticket += 1
        self._pending = path
        self._pool.start(OpenJob(self._ticket, path, self._signals, self.latest))

    def latest(self) -> int:
        """The ticket of the newest request (read from pool threads: an int is read whole)."""
        return self._ticket

    def pending(self) -> str | None:
        """The path being read for the latest request, or None when it has reported."""
        return self._pending

    def cancel(self) -> None:
        """Ignore whatever is still being read."""
        self._ticket += 1
        self._pending = None

    def settle(self, msecs: int) -> bool:
        """Give the latest request up to ``msecs`` to finish, and report it now if it did.

        Start-up calls this before the window is first painted, so a quick article is in
        the first frame; a slow one reports later from the event loop, as usual. True when
        nothing is pending any more.
        """
        if self._pending is None:
            return True
        if self._pool.waitForDone(msecs):  # the GIL is released while waiting
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # its queued report
        return self._pending is None

    def wait(self, msecs: int = -1) -> bool:
        """Wait for running jobs (tests, shutdown); True when all are done."""
        return self._pool.waitForDone(msecs)

    def _take(self, ticket: int) -> bool:
        current = ticket == self._ticket
        if current:
            self._pending = None
        return current

    @Slot(int, object)
    def _on_done(self, ticket: int, article: Article) -> None:
        if self._take(ticket):
            self.opened.emit(article)

    @Slot(int, str, str)
    def _on_failed(self, ticket: int, path: str, message: str) -> None:
        if self._take(ticket):
            self.failed.emit(path, message)
