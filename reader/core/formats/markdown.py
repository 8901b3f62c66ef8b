"""Markdown articles: YAML front matter and # headings; a plain-text metadata block otherwise."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.article import (
    Article,
    Block,
    BlockKind,
    Byline,
    ReadError,
)
from reader.core.byline import parse_date, split_authors
from reader.core.decode import decode_text
from reader.core.formats.common import URL_LINE, Props, finish, read_plain, without_body

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
MAX_FRONT = 64 * 1024
MAX_FORMATTED = 256 * 1024  # characters parsed as Markdown; the rest of a huge file is read raw
_HTML_SILENT = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)",
                          re.DOTALL | re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]*>")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.+)$")
_KINDS = {"blockquote_open": BlockKind.QUOTE, "list_item_open": BlockKind.LIST_ITEM}


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    text = decode_text(data)
    if "\x00" in text[:8192]:
        raise ReadError(f"{Path(path).name} is not a Markdown article (it holds binary data)")
    front, body = _split_front(text)
    fields = _front_fields(front) if front is not None else {}
    head, tail = _split_at(body, MAX_FORMATTED)
    blocks = _blocks(_parser().parse(head), path) + _raw_blocks(tail)
    if not any(b.text for b in blocks) and not fields.get("title"):
        raise ReadError(f"{Path(path).name} is empty")
    if front is None and not any(b.kind is BlockKind.HEADING for b in blocks):
        article = _plain(blocks, path)
    else:
        article = _article(blocks, fields, path)
    return without_body(article) if metadata_only else article


@cache
def _parser() -> MarkdownIt:
    """Block structure only: inline markup is parsed per paragraph, see :func:`_inline`.

    Built once (building one costs as much as parsing a short article); parsing keeps no state
    in it.
    """
    return MarkdownIt("commonmark", {"html": True, "maxNesting": 20}).enable("table").disable("inline")


_INLINE = MarkdownIt("commonmark", {"html": True, "maxNesting": 20})
MAX_INLINE = 16 * 1024  # longer paragraphs are read as plain text: inline parsing is superlinear
# Characters that start inline markup in CommonMark (escape, code, emphasis, link and image,
# autolink and HTML, entity); a paragraph without any is plain text, line breaks aside.
_INLINE_MARKUP = re.compile(r"[\\`*_\[<&]")


def _split_at(body: str, limit: int) -> tuple[str, str]:
    """Cut a huge file at a blank line: the head is parsed as Markdown, the tail read raw."""
    if len(body) <= limit:
        return body, ""
    cut = body.rfind("\n\n", 0, limit)
    cut = cut if cut > 0 else limit
    return body[:cut], body[cut:]


def _raw_blocks(text: str) -> list[Block]:
    """The tail of a huge file: paragraphs between blank lines, '#' lines as headings."""
    out: list[Block] = []
    for chunk in text.split("\n\n"):
        match = _ATX.match(chunk.strip())
        if match and "\n" not in chunk.strip():
            out.append(Block(BlockKind.HEADING, match.group(2).strip(" #"), len(match.group(1))))
        elif chunk.strip():
            out.append(Block(BlockKind.PARAGRAPH, _squash(chunk)))
    return out


# -- front matter ------------------------------------------------------------------------------

def _split_front(text: str) -> tuple[str | None, str]:
    match = _FRONT.match(text[:MAX_FRONT])
    if match is None:
        return None, text
    return match.group(1), text[match.end():]


def _front_fields(front: str) -> dict[str, object]:
    try:
        loaded = yaml.safe_load(front)
    except yaml.YAMLError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k).strip().casefold(): v for k, v in list(loaded.items())[:200]}


def _front_byline(fields: dict[str, object]) -> Byline:
    authors = _names(_first(fields, "authors", "author", "byline", "creator", "creators"))
    outlet = _string(_first(fields, "publisher", "site", "site_name", "outlet", "publication",
                            "newspaper"))
    url = _string(_first(fields, "url", "source_url", "link", "canonical_url", "original_url",
                         "canonical", "permalink"))
    source = _string(fields.get("source"))
    if source and URL_LINE.match(source):
        url = url or source
    elif source:
        outlet = outlet or source
    if url and not URL_LINE.match(url):
        url = None
    return Byline(tuple(authors), outlet, _day(_first(fields, "date", "published", "pubdate",
                                                       "published_at", "created")), url)


def _first(fields: dict[str, object], *keys: str) -> object:
    for key in keys:
        if fields.get(key) not in (None, "", []):
            return fields[key]
    return None


def _string(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text[:300] or None
    return None


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    names: list[str] = []
    for item in items[:50]:
        text = _string(item)
        if text is None:
            continue
        found, _ = split_authors(text) if isinstance(value, str) else ([text], None)
        names.extend(n for n in found if n not in names)
    return names


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _string(value)
    return parse_date(text) if text else None


# -- body --------------------------------------------------------------------------------------

def _blocks(tokens: Sequence[Token], path: str) -> list[Block]:
    """Blocks from markdown-it tokens; soft line breaks stay as newlines for the metadata block."""
    out: list[Block] = []
    context: list[BlockKind] = []
    heading = 0
    row: list[str] | None = None
    for tok in tokens:
        if tok.type in _KINDS:
            context.append(_KINDS[tok.type])
        elif tok.type in ("blockquote_close", "list_item_close") and context:
            context.pop()
        elif tok.type == "heading_open":
            heading = int(tok.tag[1]) if tok.tag[1:].isdigit() else 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            if any(row):
                out.append(Block(BlockKind.PARAGRAPH, " | ".join(c for c in row if c)))
            row = None
        elif tok.type == "html_block":
            text = _html_text(tok.content)
            if text:
                out.append(Block(BlockKind.PARAGRAPH, text))
        elif tok.type in ("fence", "code_block"):
            if tok.content.strip():
                out.append(Block(BlockKind.PREFORMATTED, tok.content.rstrip("\n")))
        elif tok.type == "inline":
            text, images = _inline(tok, path)
            if row is not None:
                row.append(text.replace("\n", " "))
            elif heading:
                if text:
                    out.append(Block(BlockKind.HEADING, text.replace("\n", " "), heading))
            elif text:
                out.append(Block(context[-1] if context else BlockKind.PARAGRAPH, text))
            out.extend(images)
        elif tok.type == "heading_close":
            heading = 0
    return out


def _inline(tok: Token, path: str) -> tuple[str, list[Block]]:
    parts: list[str] = []
    images: list[Block] = []
    if len(tok.content) > MAX_INLINE or not _INLINE_MARKUP.search(tok.content):
        return _squash(tok.content), images
    children = _INLINE.parseInline(tok.content)[0].children if tok.content else []
    for child in children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "image":
            images.append(Block(BlockKind.IMAGE, child.content.strip(),
                                src=_local_src(str(child.attrs.get("src", "")), path)))
    return _squash("".join(parts)), images


def _squash(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_text(raw: str) -> str:
    """The words of a raw HTML block; comments, scripts and styles say nothing."""
    raw = _HTML_SILENT.sub(" ", raw)
    return _squash(html.unescape(_HTML_TAG.sub(" ", raw)))


def _local_src(src: str, path: str) -> str:
    if not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("//"):
        return ""
    return str(Path(path).parent / src)


# -- the article ----------------------------------------------------------------------------

def _article(blocks: list[Block], fields: dict[str, object], path: str) -> Article:
    headline = _string(fields.get("title")) or ""
    if not headline:
        first = next((b for b in blocks if b.kind is not BlockKind.IMAGE), None)
        if first is not None and first.kind is BlockKind.HEADING:
            headline = first.text
            blocks = [b for b in blocks if b is not first]
    known = _front_byline(fields)
    article = finish(headline, blocks, Props(), path, "markdown", known)
    return replace(article, blocks=tuple(_one_line(b) for b in article.blocks))


def _plain(blocks: list[Block], path: str) -> Article:
    """Markdown without headings or front matter is a plain-text article: read it as one."""
    lines = [f"[image: {b.text}]" if b.kind is BlockKind.IMAGE else b.text for b in blocks]
    article = read_plain(lines, path, "markdown", set())
    return replace(article, blocks=tuple(_one_line(b) for b in article.blocks))


def _one_line(block: Block) -> Block:
    if "\n" not in block.text or block.kind in (BlockKind.PREFORMATTED, BlockKind.HEADING):
        return block
    return Block(block.kind, block.text.replace("\n", " "), block.level, block.anchor,
                 block.src, block.html)
