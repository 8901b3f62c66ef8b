"""The article list's filters: quick text, outlet/author/dates, and full-text search hits."""
from __future__ import annotations

import sqlite3
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QRunnable, QSortFilterProxyModel, Qt, Signal, Slot

from reader.core.library import Entry
from reader.core.search import index_path, search_ranks
from reader.qt.library_model import Index, LibraryModel


class Filters(NamedTuple):
    """What the list is narrowed to besides text: outlet and author (casefolded), dates."""

    outlet: str | None
    author: str | None
    since: date | None
    until: date | None

    def accept(self, entry: Entry) -> bool:
        if self.outlet and (entry.outlet or "").casefold() != self.outlet:
            return False
        if self.author and not any(self.author in a.casefold() for a in entry.authors):
            return False
        if (self.since or self.until) and entry.published is None:
            return False
        if self.since and entry.published is not None and entry.published < self.since:
            return False
        return not (self.until and entry.published is not None and entry.published > self.until)


class SearchSignals(QObject):
    """found(int ticket, str query, object {path: score}), queued to the GUI thread."""

    found = Signal(int, str, object)


class SearchJob(QRunnable):
    """Runs one full-text query against a library's index on its own read-only connection."""

    def __init__(self, ticket: int, root: str, query: str, signals: SearchSignals) -> None:
        super().__init__()
        self.ticket, self.root, self.query, self.signals = ticket, root, query, signals

    def run(self) -> None:
        ranks: dict[str, float] = {}
        try:
            con = sqlite3.connect(f"file:{index_path(self.root)}?mode=ro", uri=True, timeout=5.0)
            try:
                ranks = search_ranks(con, self.root, self.query)
            finally:
                con.close()
        except sqlite3.Error:
            pass  # no index yet: no hits
        try:
            self.signals.found.emit(self.ticket, self.query, ranks)
        except RuntimeError:  # the model went away meanwhile
            pass


class LibraryFilterModel(QSortFilterProxyModel):
    """Filters the library list by quick text (headline, outlet, authors) and by a full-text
    search through the index (hits only, best first). Sorting is done by the source model.

    Signals: search_done(str query) once a search asked for with request_search shows.
    """

    search_done = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._query = ""
        self._hits: dict[str, float] | None = None
        self._filters: Filters | None = None
        self._ticket = 0  # the latest search asked for; older results are dropped
        self._signals = SearchSignals(self)
        self._signals.found.connect(self._on_found)

    def set_filters(self, *, outlet: str | None = None, author: str | None = None,
                    since: date | None = None, until: date | None = None) -> None:
        """Show only rows from ``outlet`` (any case), by an author whose name contains
        ``author``, published within [since, until]; all None clears."""
        wanted = Filters(outlet.casefold() if outlet else None,
                         author.casefold() if author else None, since, until)
        self.beginFilterChange()
        self._filters = wanted if any(wanted) else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filters(self) -> Filters | None:
        """The filters in force besides text (None when there are none)."""
        return self._filters

    def set_text(self, text: str) -> None:
        """Show only rows whose headline, outlet or authors contain ``text`` (any case)."""
        text = " ".join(text.casefold().split())
        if text != self._text:
            self.beginFilterChange()
            self._text = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def request_search(self, query: str) -> None:
        """set_search with the index queried on a pool thread; search_done reports it shown."""
        query = query.strip()
        self._ticket += 1
        source = self._source()
        root = source.root() if source is not None else None
        if not query or source is None or root is None:
            self._apply_search(query, None if not query else self._run_search(query))
            self.search_done.emit(query)
            return
        source.start_job(SearchJob(self._ticket, root, query, self._signals))

    @Slot(int, str, object)
    def _on_found(self, ticket: int, query: str, ranks: dict[str, float]) -> None:
        if ticket == self._ticket:
            self._apply_search(query, ranks)
            self.search_done.emit(query)

    def set_search(self, query: str) -> None:
        """Show only full-text hits for ``query``, ranked; an empty query clears the search."""
        query = query.strip()
        self._ticket += 1
        self._apply_search(query, self._run_search(query) if query else None)

    def _apply_search(self, query: str, hits: dict[str, float] | None) -> None:
        source = self._source()
        if source is None:
            self.beginFilterChange()
            self._query, self._hits = query, hits
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        # One pass: the source's re-sort (a layout change) makes this proxy filter again.
        self._query, self._hits = query, hits
        source.set_rank(hits)

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        if isinstance(model, LibraryModel):
            model.scan_finished.connect(self._refresh_search)

    @Slot()
    def _refresh_search(self) -> None:
        """Files were added or changed: run the current search again."""
        source = self._source()
        if self._query and source is not None and self.sender() is source and source.scan_changed():
            self._apply_search(self._query, self._run_search(self._query))

    def search_query(self) -> str:
        return self._query

    def _run_search(self, query: str) -> dict[str, float]:
        source = self._source()
        index = source.search_index() if source is not None else None
        return index.ranks(query) if index is not None else {}

    def _source(self) -> LibraryModel | None:
        model = self.sourceModel()
        return model if isinstance(model, LibraryModel) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self._source()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        hits, text, filters = self._hits, self._text, self._filters
        if hits is None and not text and filters is None:
            return True  # the common case, kept cheap: Qt asks once per row
        source = self._source()
        if source is None:
            return True
        entry = source.entry_at(source_row)
        if hits is not None and entry.path not in hits and not (
                source.is_external(entry.path) and _has_words(entry, self._query)):
            return False  # a file from outside the library is not indexed: match its headline
        if filters is not None and not filters.accept(entry):
            return False
        return not text or _has_words(entry, text)


def _has_words(entry: Entry, text: str) -> bool:
    """Every word of ``text`` (quotes and stars aside) is in the headline, outlet or authors."""
    hay = " ".join((entry.headline, entry.outlet or "", *entry.authors)).casefold()
    return all(word in hay for word in _words(text))


@lru_cache(maxsize=8)
def _words(text: str) -> tuple[str, ...]:
    """The words to look for, worked out once per search rather than once per row."""
    return tuple(text.replace('"', " ").replace("*", " ").casefold().split())
