"""Which format reader reads a file: by extension, and by sniffing where the extension lies."""
from __future__ import annotations

import errno
import importlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from reader.core.article import Article, ReadError

MiB = 1024 * 1024
T = TypeVar("T")


class FormatModule(Protocol):
    def read(self, data: bytes, path: str, *, metadata_only: bool = False) -> Article: ...


@dataclass(frozen=True, slots=True)
class Format:
    """One supported file format. ``module`` is imported only when a file needs it."""

    name: str
    label: str
    extensions: tuple[str, ...]
    mime_types: tuple[str, ...]
    module: str
    max_bytes: int

    def reader(self) -> FormatModule:
        module: FormatModule = importlib.import_module(self.module)
        return module


FORMATS: tuple[Format, ...] = (
    Format("text", "Plain text articles", (".txt", ".text"), ("text/plain",),
           "reader.core.formats.text", 100 * MiB),
    Format("markdown", "Markdown", (".md", ".markdown", ".mdown", ".mkd"),
           ("text/markdown",), "reader.core.formats.markdown", 50 * MiB),
    Format("html", "Web pages", (".html", ".htm", ".xhtml"),
           ("text/html", "application/xhtml+xml"), "reader.core.formats.html", 50 * MiB),
    Format("docx", "Word documents", (".docx",),
           ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
           "reader.core.formats.docx", 100 * MiB),
    Format("odt", "OpenDocument text", (".odt",),
           ("application/vnd.oasis.opendocument.text",), "reader.core.formats.odt", 100 * MiB),
    Format("epub", "EPUB e-books", (".epub",), ("application/epub+zip",),
           "reader.core.formats.epub", 200 * MiB),
)
_BY_NAME = {f.name: f for f in FORMATS}
_BY_EXT = {ext: f for f in FORMATS for ext in f.extensions}
_MAX_BYTES = max(f.max_bytes for f in FORMATS)


def supported_extensions() -> tuple[str, ...]:
    return tuple(_BY_EXT)


def is_supported(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in _BY_EXT


def format_named(name: str) -> Format:
    return _BY_NAME[name]


def sniff(head: bytes) -> str | None:
    """Name the format the first bytes of a file show, or None when they say nothing."""
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/epub+zip" in head[:200]:
            return "epub"
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]:
            return "odt"
        if b"word/" in head or b"[Content_Types].xml" in head:
            return "docx"
        return "zip"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with BOM: decoded by the text reader
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or (
            start.startswith(b"<?xml") and b"<html" in head.lower()):
        return "html"
    if start.startswith((b"%pdf", b"\x7felf", b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "binary"
    return None


def choose_format(path: Path, head: bytes) -> Format:
    """The extension decides unless the content plainly says otherwise."""
    by_ext = _BY_EXT.get(path.suffix.lower())
    sniffed = sniff(head)
    if sniffed == "binary" or sniffed == "zip" and (by_ext is None or by_ext.name in ("text", "markdown", "html")):
        raise ReadError(f"{path.name} is not an article Reader can read (binary data)")
    if sniffed in _BY_NAME:
        container = sniffed in ("docx", "odt", "epub")
        ext_is_container = by_ext is not None and by_ext.name in ("docx", "odt", "epub")
        if by_ext is None or container != ext_is_container or (sniffed == "html" and by_ext.name == "text"):
            return _BY_NAME[sniffed]
    if by_ext is not None:
        return by_ext
    return _BY_NAME["text"]


def _load(path: Path, limit: int | None) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError(f"No such file: {path}") from None
    except PermissionError:
        raise ReadError(f"Permission denied: cannot open {path}") from None
    except OSError as exc:
        raise ReadError(f"Cannot open {path}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL byte or a lone surrogate in the name: no file can have it
        raise ReadError(f"Cannot open {path.name!r}: not a valid file name") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{path} is a folder, not an article")
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device: reading it could wait forever
        raise ReadError(f"{path} is not a regular file")
    if limit is not None and st.st_size > limit:
        raise ReadError(f"{path.name} is too large to open ({st.st_size / MiB:.0f} MB; "
                        f"the limit is {limit // MiB} MB)")
    try:
        with open(path, "rb") as fh:
            return fh.read() if limit is None else fh.read(limit + 1)
    except PermissionError:
        raise ReadError(f"Permission denied: cannot read {path}") from None
    except IsADirectoryError:
        raise ReadError(f"{path} is a folder, not an article") from None
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ReadError(f"No such file: {path}") from None
        raise ReadError(f"Cannot read {path}: {exc.strerror or exc}") from None


def read_article(path: str | os.PathLike[str], *, metadata_only: bool = False) -> Article:
    """Read one file as an Article. Raises ReadError with a one-line message; nothing else.

    ``metadata_only`` asks for the fast path used to list a library: headline, byline,
    date and word count must be right; the body and outline may be left empty.
    """
    p = Path(path)
    return read_data(p, _load(p, _MAX_BYTES), metadata_only=metadata_only)


def load_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file for :func:`read_data`; ReadError when no format could read that many."""
    return _load(Path(path), _MAX_BYTES)


def read_data(path: str | os.PathLike[str], data: bytes, *, metadata_only: bool = False) -> Article:
    """:func:`read_article` for a file whose bytes were loaded already (see :func:`load_file`)."""
    p = Path(path)
    fmt = _format_for(p, data)
    return _guarded(p, fmt, lambda: fmt.reader().read(data, str(p), metadata_only=metadata_only))


def index_data(path: str | os.PathLike[str], data: bytes) -> tuple[Article, str]:
    """A file's metadata and the text the search index keeps of it; ReadError as for :func:`read_data`.

    A format may offer a cheaper ``read_for_index(data, path)`` (web pages: their visible text
    without trafilatura); otherwise the article is read fully and its blocks' text joined.
    """
    p = Path(path)
    fmt = _format_for(p, data)

    def index() -> tuple[Article, str]:
        module = fmt.reader()
        for_index = getattr(module, "read_for_index", None)
        if for_index is not None:
            found: tuple[Article, str] = for_index(data, str(p))
            return found
        article = module.read(data, str(p))
        return article, "\n".join(b.text for b in article.blocks)

    return _guarded(p, fmt, index)


def _format_for(p: Path, data: bytes) -> Format:
    fmt = choose_format(p, data[:4096])
    if len(data) > fmt.max_bytes:
        raise ReadError(f"{p.name} is too large to open ({len(data) / MiB:.0f} MB; "
                        f"the limit is {fmt.max_bytes // MiB} MB)")
    return fmt


def _guarded(p: Path, fmt: Format, work: Callable[[], T]) -> T:
    """Run a format reader: its failures become one-line ReadErrors, nothing else escapes."""
    try:
        return work()
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(f"{p.name} is too large to read") from None
    except RecursionError:
        raise ReadError(f"{p.name} is nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - a format library failed on hostile input: report, never crash
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ReadError(f"{p.name} could not be read as {fmt.label.lower()}: {detail}") from None
