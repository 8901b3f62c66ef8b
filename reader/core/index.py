"""The library index: per-file metadata and an FTS5 full-text index in SQLite, kept in the cache."""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reader.core.index_records import Record, file_digest, read_records
from reader.core.library import Entry, walk_library
from reader.core.search import (
    RANK_WEIGHTS,
    SCHEMA_VERSION,
    Hit,
    Listing,
    index_path,
    make_manifest,
    manifest_folders,
    manifest_matches,
    search_hits,
    search_ranks,
)

BATCH = 200
RACY_NS = 2_000_000_000  # files modified this recently are re-checked by hash next time
# What is indexed is the article as read (headline; byline: authors, outlet, date as
# "2024-03-05 5 March 2024", url; body text; for a web page, all of its visible text), never
# markup: a search for "div" or "class" must not list every web page. unicode61 with
# remove_diacritics 0 folds case like ``grep -i`` and keeps "café" distinct from "cafe" as grep
# does; tokens are runs of letters and digits, so a word matches whole words only (grep -i also
# matches inside longer words: "art" in "party").
TOKENIZER = "unicode61 remove_diacritics 0"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,
    headline TEXT NOT NULL,
    authors TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    words INTEGER NOT NULL,
    format TEXT NOT NULL,
    error TEXT);
CREATE INDEX IF NOT EXISTS files_digest ON files(digest);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(headline, byline, body, tokenize="{TOKENIZER}");
INSERT INTO fts(fts, rank) VALUES('rank', 'bm25({RANK_WEIGHTS})');
CREATE TABLE IF NOT EXISTS state(digest TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, data BLOB);
PRAGMA user_version = {SCHEMA_VERSION};
"""
_COLUMNS = "f.path, f.headline, f.authors, f.outlet, f.published, f.words, f.format, " \
           "f.size, f.mtime_ns, f.error, f.digest"


@dataclass(slots=True)
class Changes:
    """What an update found: absolute paths added or re-read, removed, and renamed (old, new)."""

    indexed: list[Entry] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    cancelled: bool = False
    folders: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.indexed or self.removed or self.renamed)


class Listener:
    """Callbacks an update makes as it goes (from the thread running it); all optional."""

    def planned(self, pending: list[str], removed: list[str], renamed: list[tuple[str, str]]) -> None:
        """Before any file is read: the new files to read, the files gone, the files moved."""

    def indexed(self, entries: list[Entry]) -> None:
        """A batch of files read and stored."""

    def progress(self, done: int, total: int) -> None:
        """Files read so far of those to read."""


class LibraryIndex:
    """The index of one library folder. Never fatal: a corrupt index is rebuilt, and when the
    cache cannot be written at all the index lives in memory for this run.

    One instance per thread; several processes may share one library's index (WAL mode,
    a busy timeout, and one transaction per batch).
    """

    def __init__(self, root: str, db_path: str | None = None) -> None:
        self.root = os.path.abspath(root)
        self.db_path = db_path or index_path(self.root)
        self.in_memory = False
        self._racy_after = 0
        self._background = False
        self.con = self._open()

    # -- opening ----------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            os.makedirs(os.path.dirname(self.db_path), exist_ok=True)
            return self._connect(self.db_path)
        except sqlite3.DatabaseError:
            self._remove_files()
        except OSError:
            return self._memory()
        try:
            return self._connect(self.db_path)
        except (sqlite3.DatabaseError, OSError):
            return self._memory()

    def _memory(self) -> sqlite3.Connection:
        self.in_memory = True
        return self._connect(":memory:")

    def _connect(self, path: str) -> sqlite3.Connection:
        con = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            con.execute("PRAGMA busy_timeout = 10000")
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                con.execute("PRAGMA journal_mode = WAL")
                self._create(con, version)
            con.execute("PRAGMA synchronous = NORMAL")
            con.execute("SELECT count(*) FROM files WHERE id = 0").fetchone()
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    @staticmethod
    def _create(con: sqlite3.Connection, version: int) -> None:
        con.execute("BEGIN IMMEDIATE")
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                if version:
                    for table in ("files", "fts", "state", "meta"):
                        con.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        con.execute(statement)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.remove(self.db_path + suffix)
            except OSError:
                pass

    def rebuild(self) -> None:
        """Throw the index away and start empty (after corruption was found in use)."""
        self.close()
        if not self.in_memory:
            self._remove_files()
        self.con = self._open()

    def close(self) -> None:
        try:
            self.con.close()
        except sqlite3.Error:
            pass

    # -- reading --------------------------------------------------------------------------
    def _abs(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def _rel(self, path: str) -> str:
        rel = os.path.relpath(os.path.abspath(path), self.root)
        return rel.replace(os.sep, "/")

    def _entry(self, row: Sequence[object]) -> Entry:
        (rel, headline, authors, outlet, published, words, fmt, size, mtime_ns, error,
         digest) = row
        return Entry(self._abs(str(rel)), str(headline),
                     tuple(str(authors).split("\n")) if authors else (),
                     outlet if isinstance(outlet, str) else None,
                     date.fromisoformat(published) if isinstance(published, str) else None,
                     int(words), str(fmt), int(size), int(mtime_ns) / 1e9,  # type: ignore[call-overload]
                     error if isinstance(error, str) else None, str(digest))

    def entries(self) -> list[Entry]:
        """Every file the index knows, as the list shows it."""
        try:
            rows = self.con.execute(f"SELECT {_COLUMNS} FROM files f ORDER BY f.path").fetchall()
        except sqlite3.DatabaseError:
            return []
        return [self._entry(r) for r in rows]

    def entry(self, path: str) -> Entry | None:
        row = self.con.execute(f"SELECT {_COLUMNS} FROM files f WHERE f.path = ?",
                               (self._rel(path),)).fetchone()
        return self._entry(row) if row else None

    def digest_of(self, path: str) -> str:
        """The content hash of an indexed file ('' if unknown)."""
        row = self.con.execute("SELECT digest FROM files WHERE path = ?",
                               (self._rel(path),)).fetchone()
        return str(row[0]) if row else ""

    def get_state(self, digest: str) -> str | None:
        """Reading state stored for a file's content (JSON text by convention)."""
        row = self.con.execute("SELECT data FROM state WHERE digest = ?", (digest,)).fetchone()
        return str(row[0]) if row else None

    def set_state(self, digest: str, data: str) -> None:
        with self._transaction():
            self.con.execute("INSERT OR REPLACE INTO state(digest, data) VALUES (?, ?)",
                             (digest, data))

    # -- updating -------------------------------------------------------------------------
    def _stored(self) -> dict[str, tuple[int, int, int, str]]:
        rows = self.con.execute("SELECT path, id, size, mtime_ns, digest FROM files")
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def _matches(self, found: dict[str, tuple[int, int]]) -> bool:
        rows = self.con.execute("SELECT path, size, mtime_ns FROM files").fetchall()
        get = found.get
        return len(rows) == len(found) and all(get(p) == (s, m) for p, s, m in rows)

    def is_fresh(self) -> bool:
        """True when no file was added, removed or changed since the last update (stat only)."""
        return self._matches(walk_library(self.root)[0])

    def update(self, listener: Listener | None = None, *, cancel: Callable[[], bool] | None = None,
               processes: int | None = None, start_method: str | None = None,
               background: bool = False) -> Changes:
        """Bring the index up to date with the folder, reading only files that changed.

        A stat walk finds what changed (size or mtime); a file renamed or touched whose bytes
        are unchanged is not parsed again. ``processes`` > 1 reads in a process pool (the default
        when many files need reading); ``cancel`` is polled between files; ``background``
        runs those processes at low priority, so an app's own threads keep the CPU.
        """
        self._background = background
        try:
            return self._update(listener or Listener(), cancel or _never, processes, start_method)
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return Changes(cancelled=True)
            self.rebuild()
            try:
                return self._update(listener or Listener(), cancel or _never, processes,
                                    start_method)
            except sqlite3.DatabaseError:
                return Changes(cancelled=True)

    def _update(self, listener: Listener, cancel: Callable[[], bool], processes: int | None,
                start_method: str | None) -> Changes:
        fresh = self._fresh_by_manifest()
        if fresh is not None:
            listener.planned([], [], [])
            listener.progress(0, 0)
            return fresh
        listings: list[Listing] = []
        self._racy_after = time.time_ns() - RACY_NS
        found, folders = walk_library(self.root, listings)
        changes = Changes(folders=folders)
        if self._matches(found):
            changes.unchanged = len(found)
            listener.planned([], [], [])
            listener.progress(0, 0)
            self._save_manifest(listings, found)
            return changes
        stored = self._stored()
        gone = {rel: info for rel, info in stored.items() if rel not in found}
        todo, touched = _new_and_touched(found, stored)
        changes.unchanged = len(found) - len(todo) - len(touched)
        renamed = self._find_renames(todo, gone, found)
        moved = {new for _, new in renamed}
        todo = [rel for rel in todo if rel not in moved]
        todo += self._refresh_touched(touched)
        changes.removed = [self._abs(rel) for rel in gone]
        changes.renamed = [(self._abs(old), self._abs(new)) for old, new in renamed]
        pending = [self._abs(rel) for rel in todo if rel not in stored]
        listener.planned(pending, changes.removed, changes.renamed)
        self._apply_removals(gone)
        todo.sort()
        self._save_manifest(None, found)
        self._read_all(todo, listener, cancel, processes, start_method, changes)
        if not changes.cancelled:
            self._save_manifest(listings, found)
        return changes

    def _fresh_by_manifest(self) -> Changes | None:
        """No change since the last complete update, known without a Python-level walk."""
        row = self.con.execute("SELECT data FROM meta WHERE key = 'manifest'").fetchone()
        if not row or not manifest_matches(self.root, row[0]):
            return None
        count = self.con.execute("SELECT count(*) FROM files").fetchone()[0]
        return Changes(unchanged=int(count), folders=manifest_folders(row[0]))

    def _save_manifest(self, listings: list[Listing] | None,
                       found: dict[str, tuple[int, int]]) -> None:
        """Record what this update saw (None: forget it, the index is being changed)."""
        blob = None if listings is None else make_manifest(
            self.root, [(folder, names, self._settled(m)) for folder, names, m in listings],
            {rel: (size, self._settled(m)) for rel, (size, m) in found.items()})
        row = self.con.execute("SELECT data FROM meta WHERE key = 'manifest'").fetchone()
        if (row[0] if row else None) == blob:
            return
        with self._transaction():
            if blob is None:
                self.con.execute("DELETE FROM meta WHERE key = 'manifest'")
            else:
                self.con.execute("INSERT OR REPLACE INTO meta(key, data) VALUES ('manifest', ?)",
                                 (blob,))

    def _find_renames(self, todo: list[str], gone: dict[str, tuple[int, int, int, str]],
                      found: dict[str, tuple[int, int]]) -> list[tuple[str, str]]:
        """New paths whose bytes equal a vanished file's: a move or rename, re-keyed in place."""
        by_size: dict[int, list[str]] = {}
        for rel, (_, size, _, _) in gone.items():
            by_size.setdefault(size, []).append(rel)
        renamed: list[tuple[str, str]] = []
        for rel in todo:
            candidates = by_size.get(found[rel][0])
            if not candidates:
                continue
            digest = file_digest(self._abs(rel))
            for old in candidates:
                if gone[old][3] == digest and digest:
                    candidates.remove(old)
                    renamed.append((old, rel))
                    break
        if renamed:
            with self._transaction():
                for old, new in renamed:
                    self.con.execute("UPDATE files SET path = ?, mtime_ns = ? WHERE id = ?",
                                     (new, self._settled(found[new][1]), gone[old][0]))
                    del gone[old]
        return renamed

    def _refresh_touched(self, touched: list[tuple[str, int, int, str]]) -> list[str]:
        """Files whose stat changed: only those whose bytes changed need reading again."""
        reread: list[str] = []
        same: list[tuple[int, int, str]] = []
        for rel, size, mtime_ns, digest in touched:
            if digest and file_digest(self._abs(rel)) == digest:
                same.append((size, self._settled(mtime_ns), rel))
            else:
                reread.append(rel)
        if same:
            with self._transaction():
                self.con.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", same)
        return reread

    def _apply_removals(self, gone: dict[str, tuple[int, int, int, str]]) -> None:
        if not gone:
            return
        ids = [(info[0],) for info in gone.values()]
        with self._transaction():
            self.con.executemany("DELETE FROM fts WHERE rowid = ?", ids)
            self.con.executemany("DELETE FROM files WHERE id = ?", ids)

    def _read_all(self, todo: list[str], listener: Listener, cancel: Callable[[], bool],
                  processes: int | None, start_method: str | None, changes: Changes) -> None:
        total = len(todo)
        listener.progress(0, total)
        if not total:
            return
        batch: list[Record] = []
        seen: set[str] = set()
        for done, record in enumerate(read_records(self.root, todo, processes, start_method,
                                                   background=self._background), 1):
            if record is not None:
                batch.append(record)
                seen.add(record[0])
            if len(batch) >= BATCH or done == total:
                self._store(batch, listener, changes)
                batch = []
                listener.progress(done, total)
            if cancel():
                changes.cancelled = True
                break
        if batch:
            self._store(batch, listener, changes)
        vanished = sorted(set(todo) - seen)
        if vanished and not changes.cancelled:  # gone between the walk and the read
            self._forget(vanished, listener, changes)

    def _forget(self, rels: list[str], listener: Listener, changes: Changes) -> None:
        with self._transaction():
            for rel in rels:
                row = self.con.execute("SELECT id FROM files WHERE path = ?", (rel,)).fetchone()
                if row:
                    self.con.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
                    self.con.execute("DELETE FROM files WHERE id = ?", (row[0],))
        paths = [self._abs(rel) for rel in rels]
        changes.removed.extend(paths)
        listener.planned([], paths, [])

    def _store(self, records: list[Record], listener: Listener, changes: Changes) -> None:
        if not records:
            return
        with self._transaction():
            for rec in records:
                self._store_one(rec)
        entries = [self._entry((r[0], r[4], r[5], r[6], r[7], r[8], r[9], r[1], r[2], r[10], r[3]))
                   for r in records]
        changes.indexed.extend(entries)
        listener.indexed(entries)

    def _settled(self, mtime_ns: int) -> int:
        """A file changed in the last moments may change again within the same timestamp:
        store -1 for it, so the next update checks its bytes (by hash) once more."""
        return -1 if mtime_ns > self._racy_after else mtime_ns

    def _store_one(self, rec: Record) -> None:
        (rel, size, mtime_ns, digest, headline, authors, outlet, published, words, fmt, error,
         byline, body) = rec
        mtime_ns = self._settled(mtime_ns)
        row = self.con.execute("SELECT id FROM files WHERE path = ?", (rel,)).fetchone()
        values = (size, mtime_ns, digest, headline, authors, outlet, published, words, fmt, error)
        if row:
            file_id = row[0]
            self.con.execute("DELETE FROM fts WHERE rowid = ?", (file_id,))
            self.con.execute("UPDATE files SET size=?, mtime_ns=?, digest=?, headline=?, authors=?, "
                             "outlet=?, published=?, words=?, format=?, error=? WHERE id=?",
                             (*values, file_id))
        else:
            file_id = self.con.execute(
                "INSERT INTO files(path, size, mtime_ns, digest, headline, authors, outlet, "
                "published, words, format, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (rel, *values)).lastrowid
        if error is None:
            self.con.execute("INSERT INTO fts(rowid, headline, byline, body) VALUES (?,?,?,?)",
                             (file_id, headline, byline, body))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- searching ------------------------------------------------------------------------
    def search(self, query: str, **options: Any) -> list[Hit]:
        """Full-text search; see :func:`reader.core.search.search_hits` for the options."""
        return search_hits(self.con, self.root, query, **options)

    def ranks(self, query: str) -> dict[str, float]:
        """Every hit for ``query`` as {absolute path: score} (higher is better)."""
        return search_ranks(self.con, self.root, query)

    def outlets(self) -> list[str]:
        rows = self.con.execute("SELECT DISTINCT outlet FROM files WHERE outlet IS NOT NULL "
                                "ORDER BY outlet COLLATE NOCASE")
        return [r[0] for r in rows]


def _new_and_touched(found: dict[str, tuple[int, int]], stored: dict[str, tuple[int, int, int, str]]
                     ) -> tuple[list[str], list[tuple[str, int, int, str]]]:
    """Paths the index lacks, and (path, size, mtime_ns, stored digest) of those whose stat changed."""
    new: list[str] = []
    touched: list[tuple[str, int, int, str]] = []
    for rel, (size, mtime_ns) in found.items():
        old = stored.get(rel)
        if old is None:
            new.append(rel)
        elif (old[1], old[2]) != (size, mtime_ns):
            touched.append((rel, size, mtime_ns, old[3]))
    return new, touched


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the writer lock waits for busy_timeout)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.con.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _never() -> bool:
    return False
