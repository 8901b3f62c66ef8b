"""Shared pieces of the format readers' tests: a tiny real picture and the bad-input check."""
from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Callable

from reader.core.article import Article, ReadError


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def read_or_refuse(read: Callable[[bytes], Article], data: bytes, name: str) -> Article | None:
    """Read hostile input within 5 s: the article, or None after a one-line error naming ``name``."""
    start = time.perf_counter()
    try:
        article: Article | None = read(data)
    except ReadError as exc:
        message = str(exc)
        assert message and "\n" not in message and name in message
        article = None
    assert time.perf_counter() - start < 5
    return article
