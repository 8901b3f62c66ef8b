"""A stand-in plain-text reader for library tests: headline, 'key: value' paragraphs, body.

Tests that are about the index or the list, not about reading, swap it in for the real
text reader so their articles are exactly what the test wrote; READS records each read.
"""
from __future__ import annotations

from datetime import date

from reader.core.article import (
    Article,
    Block,
    BlockKind,
    Byline,
    ReadError,
    make_article,
)

READS: list[str] = []


def fake_read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    READS.append(path)
    text = data.decode("utf-8")
    if text.startswith("BROKEN"):
        raise ReadError("this file is broken on purpose")
    head, _, rest = text.partition("\n\n")
    meta: dict[str, str] = {}
    body: list[str] = []
    for para in rest.split("\n\n"):
        key, sep, value = para.partition(": ")
        if sep and key in ("author", "outlet", "date") and not body:
            meta[key] = value.strip()
        elif para.strip():
            body.append(para.strip())
    byline = Byline(authors=(meta["author"],) if "author" in meta else (), outlet=meta.get("outlet"),
                    published=date.fromisoformat(meta["date"]) if "date" in meta else None)
    return make_article(headline=head.strip(), byline=byline,
                        blocks=[Block(BlockKind.PARAGRAPH, p) for p in body], path=path,
                        format="text")
