"""Searching a library index, and the stat-only freshness check; light enough for the command line."""
from __future__ import annotations

import marshal
import os
import sqlite3
from operator import attrgetter

TYPE_CHECKING = False  # the typing module costs the search command's warm path a few ms
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

SCHEMA_VERSION = 4  # 4: web pages indexed from their visible text
RANK_WEIGHTS = "10.0, 3.0, 1.0"  # headline, byline, body
SORTS = {
    "rank": "rank",
    "date": "f.published IS NULL, f.published DESC, f.headline COLLATE NOCASE",
    "headline": "f.headline COLLATE NOCASE, f.path",
    "outlet": "f.outlet IS NULL, f.outlet COLLATE NOCASE, f.published DESC",
}


class Hit:
    """One search result; ``score`` is higher for better matches; ``snippet`` may be empty."""

    __slots__ = ("headline", "path", "score", "snippet")

    def __init__(self, path: str, headline: str, score: float, snippet: str) -> None:
        self.path = path
        self.headline = headline
        self.score = score
        self.snippet = snippet

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "headline": self.headline, "score": self.score,
                "snippet": self.snippet}

    def __repr__(self) -> str:
        return f"Hit({self.path!r}, {self.headline!r}, {self.score!r}, {self.snippet!r})"


def blake2b(data: bytes = b"", *, digest_size: int = 32) -> Any:
    """blake2b without importing hashlib (and OpenSSL) on the search command's warm path."""
    try:
        from _blake2 import blake2b as impl
    except ImportError:  # pragma: no cover - CPython always builds _blake2
        from hashlib import blake2b as impl
    return impl(data, digest_size=digest_size)


def cache_dir() -> str:
    """Where indexes live: $READER_CACHE_DIR, else $XDG_CACHE_HOME/reader, else ~/.cache/reader."""
    if os.environ.get("READER_CACHE_DIR"):
        return os.environ["READER_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "reader")


def index_path(root: str) -> str:
    """One database per library, named by a hash of the library's resolved path."""
    key = blake2b(os.path.realpath(root).encode("utf-8", "surrogateescape"), digest_size=12)
    return os.path.join(cache_dir(), f"library-{key.hexdigest()}.sqlite3")


# -- the manifest: what the last complete update saw, checked without a Python-level walk ---------
Listing = tuple[str, str, int]  # folder, its names in directory order joined by NUL, mtime_ns


def make_manifest(root: str, listings: list[Listing], stats: dict[str, tuple[int, int]]) -> bytes:
    """What an update saw; a folder mtime of -1 means "compare its names" (changed lately)."""
    rels = list(stats)
    paths = "\0".join(os.path.join(root, rel) for rel in rels)
    return marshal.dumps((root, listings, paths, [stats[rel] for rel in rels]))


def manifest_matches(root: str, blob: bytes) -> bool:
    """True when no folder gained or lost a name and every file has the same size and mtime.

    A folder whose mtime is unchanged kept its names (creating, deleting or renaming an entry
    sets it); only the others are listed.
    """
    try:
        saved_root, listings, paths, values = marshal.loads(blob)
        if saved_root != root:
            return False
        stat, listdir = os.stat, os.listdir
        for folder, names, mtime_ns in listings:
            if (mtime_ns < 0 or stat(folder).st_mtime_ns != mtime_ns) and \
                    "\0".join(listdir(folder)) != names:
                return False
        now = list(map(attrgetter("st_size", "st_mtime_ns"),
                       map(stat, paths.split("\0") if paths else [])))
    except (OSError, ValueError, EOFError, TypeError):
        return False
    return bool(now == values)


def manifest_folders(blob: bytes) -> list[str]:
    """The folders a manifest lists (what a watcher should watch)."""
    try:
        return [listing[0] for listing in marshal.loads(blob)[1]]
    except (ValueError, EOFError, TypeError, IndexError):
        return []


def open_if_fresh(root: str) -> sqlite3.Connection | None:
    """A connection to ``root``'s index when it exists and nothing changed since; else None."""
    path = index_path(root)
    if not os.path.exists(path):
        return None
    try:
        con = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA busy_timeout = 10000")
        if con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            row = con.execute("SELECT data FROM meta WHERE key = 'manifest'").fetchone()
            if row and manifest_matches(os.path.abspath(root), row[0]):
                return con
    except sqlite3.Error:
        pass
    con.close()
    return None


# -- queries ---------------------------------------------------------------------------------------
def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query.

    Words must all match (in any order); ``"several words"`` is a phrase; ``word*`` a prefix;
    ``-word`` excludes; ``OR`` between two terms means either. Everything else is literal.
    """
    terms: list[str] = []
    excluded: list[str] = []
    pending_or = False
    for raw, quoted in split_query(text):
        if not quoted and raw == "OR":
            pending_or = bool(terms)
            continue
        negate = not quoted and raw.startswith("-") and len(raw) > 1
        word = raw[1:] if negate else raw
        prefix = not quoted and word.endswith("*")
        word = word.rstrip("*") if prefix else word
        if not any(c.isalnum() for c in word):
            continue
        term = '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
        if negate:
            excluded.append(term)
        elif pending_or:
            terms[-1] = f"({terms[-1]} OR {term})"
            pending_or = False
        else:
            terms.append(term)
    if not terms:
        return ""
    query = " AND ".join(terms)
    return f"({query}) NOT ({' OR '.join(excluded)})" if excluded else query


def split_query(text: str) -> list[tuple[str, bool]]:
    """(token, quoted) pairs: double quotes group a phrase, an unclosed one runs to the end."""
    tokens: list[tuple[str, bool]] = []
    for i, part in enumerate(text.split('"')):
        if i % 2:
            tokens.append((part, True))
        else:
            tokens.extend((word, False) for word in part.split())
    return tokens


def search_hits(con: sqlite3.Connection, root: str, query: str, *, outlet: str | None = None,
                author: str | None = None, since: date | None = None, until: date | None = None,
                sort: str = "rank", limit: int | None = None, marks: tuple[str, str] = ("[", "]"),
                snippet_words: int = 12, snippets: int = 100) -> list[Hit]:
    """Full-text search with filters; best first unless ``sort`` is date, headline or outlet.

    The first ``snippets`` hits carry a snippet (each costs a re-scan of that text).
    An empty query with filters lists every file that passes them.
    """
    match = fts_query(query)
    if not match and not (outlet or author or since or until):
        return []
    where, params = _filters(outlet, author, since, until)
    order = SORTS.get(sort, "rank")
    if match:
        sql = (f"SELECT f.id, f.path, f.headline, -bm25(fts, {RANK_WEIGHTS}) FROM fts "
               f"JOIN files f ON f.id = fts.rowid WHERE fts MATCH ?{where} ORDER BY {order}")
        params = [match, *params]
    else:
        order = SORTS["date"] if order == "rank" else order
        sql = f"SELECT f.id, f.path, f.headline, 0.0 FROM files f WHERE 1{where} ORDER BY {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    try:
        rows = con.execute(sql, params).fetchall()
        texts = _snippets(con, match, [r[0] for r in rows[:snippets]], marks, snippet_words)
    except sqlite3.DatabaseError:
        return []
    join = os.path.join
    return [Hit(join(root, path), headline, round(score, 6), texts.get(file_id, ""))
            for file_id, path, headline, score in rows]


def _snippets(con: sqlite3.Connection, match: str, ids: list[int], marks: tuple[str, str],
              words: int) -> dict[int, str]:
    if not match or not ids:
        return {}
    holes = ",".join("?" * len(ids))
    rows = con.execute(f"SELECT rowid, snippet(fts, -1, ?, ?, '…', {int(words)}) FROM fts "
                       f"WHERE fts MATCH ? AND rowid IN ({holes})", (*marks, match, *ids))
    return {r[0]: " ".join(r[1].split()) for r in rows}


def search_ranks(con: sqlite3.Connection, root: str, query: str) -> dict[str, float]:
    """Every hit for ``query`` as {absolute path: score} (higher is better), no snippets."""
    match = fts_query(query)
    if not match:
        return {}
    try:
        rows = con.execute(f"SELECT f.path, -bm25(fts, {RANK_WEIGHTS}) FROM fts JOIN files f "
                           "ON f.id = fts.rowid WHERE fts MATCH ?", (match,)).fetchall()
    except sqlite3.DatabaseError:
        return {}
    return {os.path.join(root, r[0]): float(r[1]) for r in rows}


def _filters(outlet: str | None, author: str | None, since: date | None,
             until: date | None) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if outlet:
        where.append("f.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if author:
        where.append("instr(lower(f.authors), lower(?)) > 0")
        params.append(author)
    if since:
        where.append("f.published >= ?")
        params.append(since.isoformat())
    if until:
        where.append("f.published <= ?")
        params.append(until.isoformat())
    return "".join(" AND " + w for w in where), params
