"""The library: a plain folder of article files, only ever read, never written."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.article import Article

# Kept in step with reader.core.registry (a test checks it) so a stat walk needs no registry import.
EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm",
                        ".xhtml", ".docx", ".odt", ".epub"})

Stats = dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Entry:
    """What the article list shows of one file. ``error`` is set when it could not be read.

    ``digest`` is a hash of the file's bytes (empty until read): it stays the same when the file
    is moved or renamed, so reading state keyed by it survives. ``pending`` marks a file found
    but not read yet.
    """

    path: str
    headline: str
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: date | None = None
    words: int = 0
    format: str = ""
    size: int = 0
    mtime: float = 0.0
    error: str | None = None
    digest: str = ""
    pending: bool = False

    @classmethod
    def from_article(cls, article: Article, size: int, mtime: float) -> Entry:
        return cls(article.path, article.headline, article.authors, article.outlet,
                   article.published, article.words, article.format, size, mtime)

    @classmethod
    def placeholder(cls, path: str) -> Entry:
        """A file found by a scan and not read yet: listed under its file name."""
        name = os.path.basename(path)
        stem, ext = os.path.splitext(name)
        return cls(path, stem or name, format=ext.lstrip(".").lower(), pending=True)


def is_article_name(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in EXTENSIONS


def walk_library(root: str, listings: list[tuple[str, str, int]] | None = None
                 ) -> tuple[Stats, list[str]]:
    """Stat every article file under ``root`` without reading any.

    Returns ``{relative path: (size, mtime_ns)}`` ('/'-separated) and the folders walked
    (absolute, root first). Hidden entries, names that are not UTF-8 and symlink loops are
    skipped; an unreadable folder is skipped, the rest still lists. ``listings`` collects (folder, its names in
    directory order joined by NUL, its mtime_ns) for the index's manifest.
    """
    root = os.path.abspath(root)
    stats: Stats = {}
    folders: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                items = list(it)
        except OSError:
            continue
        folders.append(folder)
        if listings is not None:
            listings.append((folder, "\0".join([item.name for item in items]), st.st_mtime_ns))
        for item in items:
            name = item.name
            if name[0] == "." or not name.isascii() and not _encodable(name):
                continue
            try:
                dot = name.rfind(".")
                if dot > 0 and name[dot:].lower() in EXTENSIONS and item.is_file():
                    fst = item.stat()
                    stats[prefix + name] = (fst.st_size, fst.st_mtime_ns)
                elif item.is_dir():
                    stack.append((item.path, prefix + name + "/"))
            except OSError:
                continue
    return stats, folders


def _encodable(name: str) -> bool:
    """False for names that are not valid UTF-8 on disk (they cannot be stored or printed)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def iter_article_files(root: str | os.PathLike[str]) -> Iterator[Path]:
    """Every supported file under ``root``, subfolders included, hidden ones and link loops skipped.

    In the order of their sorted relative paths, found as it goes: a caller that needs only the
    first few (the window's first article) does not walk the whole library.
    """
    seen: set[tuple[int, int]] = set()
    stack = [iter(_sorted_children(Path(os.path.abspath(root)), seen))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry[0]:
            stack.append(iter(_sorted_children(entry[1], seen)))
        else:
            yield entry[1]


def _sorted_children(folder: Path, seen: set[tuple[int, int]]) -> list[tuple[bool, Path]]:
    """A folder's article files and subfolders as (is folder, path), ordered as their paths
    sort ('a.txt' before 'a/...'); none for a folder already walked (a link loop) or unreadable."""
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            return []
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            items = list(it)
    except OSError:
        return []
    keyed: list[tuple[str, bool, Path]] = []
    for item in items:
        if item.name.startswith(".") or not item.name.isascii() and not _encodable(item.name):
            continue
        try:
            if is_article_name(item.name) and item.is_file():
                keyed.append((item.name, False, Path(item.path)))
            elif item.is_dir():
                keyed.append((item.name + "/", True, Path(item.path)))
        except OSError:
            continue
    return [(is_dir, path) for _, is_dir, path in sorted(keyed)]


def read_entry(path: str | os.PathLike[str]) -> Entry:
    """The list's view of one file, through the formats' fast metadata path. Never raises."""
    from reader.core.article import ReadError
    from reader.core.registry import read_article

    p = Path(path)
    try:
        st = p.stat()
        size, mtime = st.st_size, st.st_mtime
    except (OSError, ValueError):
        size, mtime = 0, 0.0
    try:
        return Entry.from_article(read_article(p, metadata_only=True), size, mtime)
    except ReadError as exc:
        return Entry(str(p), p.name, format=p.suffix.lstrip(".").lower(), size=size,
                     mtime=mtime, error=str(exc))
