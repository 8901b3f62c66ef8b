"""Conventions shared by the structured formats (Word, Markdown, ODT, EPUB): headline, metadata block, properties."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from reader.core.article import (
    Article,
    Block,
    BlockKind,
    Byline,
    ReadError,
    make_article,
)
from reader.core.formats.text import read_paragraphs

_NO_BYLINE = Byline()
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)  # a line that is only a web address
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")


@dataclass(frozen=True, slots=True)
class Props:
    title: str = ""
    authors: tuple[str, ...] = ()
    created: date | None = None


def finish(headline: str, blocks: list[Block], props: Props, path: str, format: str,
           known: Byline = _NO_BYLINE, standfirst: list[Block] | None = None) -> Article:
    """Headline (else the first paragraph), the metadata block under it, then the properties."""
    at_top = True
    if not headline:
        headline, at_top = _first_text(blocks, props)
    else:
        blocks = _drop_repeated(headline, blocks)
    found = _NO_BYLINE
    if at_top:  # a metadata block stands right under a headline that opens the document
        lead = blocks[:1] if blocks and blocks[0].kind is BlockKind.HEADING else []
        rest, found = leading_block(headline, blocks[len(lead):], path, format)
        blocks = lead + _drop_known_byline(rest, known.authors)
    byline = Byline(known.authors or found.authors, known.outlet or found.outlet,
                    known.published or found.published, known.url or found.url)
    return make_article(headline=headline, byline=fill_from_props(byline, props),
                        blocks=(standfirst or []) + blocks, path=path, format=format)


def _drop_repeated(headline: str, blocks: list[Block]) -> list[Block]:
    """A first heading that only repeats the headline is not a section."""
    for i, block in enumerate(blocks[:3]):
        if block.kind is BlockKind.HEADING and _norm(block.text) == _norm(headline):
            return blocks[:i] + blocks[i + 1:]
        if block.kind is not BlockKind.IMAGE:
            break
    return blocks


def _drop_known_byline(blocks: list[Block], authors: tuple[str, ...]) -> list[Block]:
    """A first paragraph that only names the authors the metadata gave is their byline."""
    if not blocks or not authors or blocks[0].kind is not BlockKind.PARAGRAPH:
        return blocks
    text = re.sub(r"^by:?\s+", "", _norm(blocks[0].text))
    names = [_norm(a) for a in authors]
    if text in (", ".join(names), " and ".join(names), " & ".join(names)) or text in names:
        return blocks[1:]
    return blocks


def _first_text(blocks: list[Block], core: Props) -> tuple[str, bool]:
    """The headline of a document without a Title: its first paragraph (or heading).

    A cover page that repeats the title of the document's properties wins over both.
    """
    wanted = _norm(core.title)
    for i, block in enumerate(blocks[:12]):
        if wanted and block.kind is BlockKind.PARAGRAPH and _norm(block.text) == wanted:
            del blocks[i]
            return block.text.replace("\n", " "), i == 0
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.PARAGRAPH and len(block.text) <= 200:
            del blocks[i]
            return block.text.replace("\n", " "), True
        if block.kind is BlockKind.HEADING:
            return block.text, i == 0
        if block.kind is not BlockKind.IMAGE:
            break
    return core.title, False


def fill_from_props(byline: Byline, core: Props) -> Byline:
    """Document properties only fill what the text lacks."""
    return Byline(byline.authors or core.authors, byline.outlet, byline.published or core.created,
                  byline.url)


def iso_date(text: str) -> date | None:
    """The date of a stamp that starts 'YYYY-MM-DD' (document properties, EPUB metadata)."""
    match = _ISO_DATE.match(text)
    try:
        return date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def without_body(article: Article) -> Article:
    """The ``metadata_only`` answer: headline, byline and word count kept, no body or outline."""
    return replace(article, blocks=(), sections=())


def read_plain(lines: list[str], path: str, format: str, bold: set[int],
               props: Props | None = None) -> Article:
    """Read paragraphs like the text reader; ``bold`` indexes the wholly bold paragraphs.

    Document properties fill the headline and byline where the text has none.
    """
    article = read_paragraphs(lines, path, format, bold=bold)
    if props is None:
        return article
    return replace(article, headline=article.headline or props.title,
                   byline=fill_from_props(article.byline, props))


def leading_block(headline: str, blocks: list[Block], path: str,
                  format: str) -> tuple[list[Block], Byline]:
    """Take a plain-text metadata block (date, byline, outlet, url) from under the headline."""
    candidates: list[Block] = []
    for block in blocks[:8]:
        if block.kind is not BlockKind.PARAGRAPH or not _short_lines(block.text):
            break
        candidates.append(block)
    if not candidates:
        return blocks, Byline()
    following = [b.text for b in blocks[len(candidates):len(candidates) + 1]
                 if b.kind is BlockKind.PARAGRAPH]
    try:
        probe = read_plain([headline, *(c.text for c in candidates), *following], path, format,
                           set())
    except ReadError:
        return blocks, Byline()
    if probe.byline == Byline():
        return blocks, Byline()
    kept = [_norm(b.text) for b in probe.blocks] + [_norm(probe.headline)]
    taken = 0
    while taken < len(candidates) and not _still_there(candidates[taken].text, kept):
        taken += 1
    return blocks[taken:], probe.byline


def _still_there(text: str, kept: list[str]) -> bool:
    """Whether the text reader kept this paragraph as body (its first line starts a block)."""
    first = _norm(text.split("\n", 1)[0])
    return any(k.startswith(first) for k in kept)


def _short_lines(text: str) -> bool:
    lines = text.split("\n")
    return len(lines) <= 6 and all(len(line) <= 120 or URL_LINE.match(line) for line in lines)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
