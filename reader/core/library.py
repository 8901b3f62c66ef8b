"""The library: a plain folder of article files, only ever read, never written."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reader.core.article import Article, ReadError
from reader.core.registry import is_supported, read_article


@dataclass(frozen=True, slots=True)
class Entry:
    """What the article list shows of one file. ``error`` is set when it could not be read."""

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

    @classmethod
    def from_article(cls, article: Article, size: int, mtime: float) -> Entry:
        return cls(article.path, article.headline, article.authors, article.outlet,
                   article.published, article.words, article.format, size, mtime)


def iter_article_files(root: str | os.PathLike[str]) -> Iterator[Path]:
    """Every supported file under ``root``, subfolders included, hidden ones and link loops skipped."""
    seen: set[tuple[int, int]] = set()
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # unreadable folder: skip, the rest of the library still lists
        for item in items:
            if item.name.startswith("."):
                continue
            try:
                if item.is_dir():
                    stack.append(Path(item.path))
                elif item.is_file() and is_supported(item.name):
                    yield Path(item.path)
            except OSError:
                continue


def read_entry(path: str | os.PathLike[str]) -> Entry:
    """The list's view of one file, through the formats' fast metadata path. Never raises."""
    p = Path(path)
    try:
        st = p.stat()
        size, mtime = st.st_size, st.st_mtime
    except OSError:
        size, mtime = 0, 0.0
    try:
        return Entry.from_article(read_article(p, metadata_only=True), size, mtime)
    except ReadError as exc:
        return Entry(str(p), p.name, format=p.suffix.lstrip(".").lower(), size=size,
                     mtime=mtime, error=str(exc))
