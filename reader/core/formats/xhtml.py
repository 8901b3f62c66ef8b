"""XHTML chapters (EPUB) to blocks: headings, paragraphs, quotes, lists, pictures; no entities."""
from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

from reader.core.article import Block, BlockKind, ReadError
from reader.core.formats.zipsafe import join_path
from reader.core.parts import part_src

_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                               remove_blank_text=False, recover=True)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_DROP = {"script", "style", "head", "nav", "noscript", "template", "svg", "math", "iframe",
         "object", "button", "form", "select", "textarea", "aside"}
_BLOCKS = {"p", "div", "section", "article", "main", "body", "blockquote", "ul", "ol", "li",
           "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "dl", "dt", "dd",
           "figure", "figcaption", "header", "footer", "hr", "center", "address", "caption",
           *_HEADINGS}


def parse(data: bytes, where: str) -> etree._Element:
    """Parse an XHTML or HTML chapter; entities are never expanded from a DTD."""
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"{where} could not be read ({str(exc)[:100] or 'empty'})") from None
    return root


def to_blocks(root: etree._Element, member: str = "",
              stored: Callable[[str], str | None] = lambda _: None) -> list[Block]:
    """The body of a parsed chapter as blocks, in reading order.

    ``member`` is the chapter's place in its container; a picture it links to that
    ``stored(name)`` finds there (answering the name it is stored under) becomes an image
    the view can show.
    """
    body = root.find("body")
    out: list[Block] = []
    pictures = _Pictures(member, stored)
    _walk(body if body is not None else root, out, BlockKind.PARAGRAPH, pictures)
    return out


class _Pictures:
    """Turns <img> elements into image blocks, linked to the container's part when it is there."""

    def __init__(self, member: str, stored: Callable[[str], str | None]) -> None:
        self.member = member
        self.stored = stored

    def block(self, img: etree._Element) -> Block:
        alt = (img.get("alt") or "").strip()
        href = (img.get("src") or img.get(_XLINK_HREF) or "").strip()
        if not href or ":" in href.split("/", 1)[0]:  # remote, data: and other schemes stay out
            return Block(BlockKind.IMAGE, alt)
        name = self.stored(join_path(self.member, href))
        return Block(BlockKind.IMAGE, alt, src=part_src(name) if name else "")


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _walk(el: etree._Element, out: list[Block], kind: BlockKind, pictures: _Pictures) -> None:
    """Emit blocks for ``el``: inline runs become ``kind`` blocks, block children recurse."""
    buf: list[str] = [el.text or ""]
    for child in el.iterchildren():
        tag = _tag(child)
        if tag in _DROP or not tag:
            pass
        elif tag == "img" or tag == "image":
            _flush(buf, out, kind)
            out.append(pictures.block(child))
        elif tag in _HEADINGS:
            _flush(buf, out, kind)
            text = _squash(_inline(child))
            if text:
                out.append(Block(BlockKind.HEADING, text, _HEADINGS[tag]))
        elif tag == "tr":
            _flush(buf, out, kind)
            cells = [_squash(_inline(c)) for c in child.iterchildren() if _tag(c) in ("td", "th")]
            if any(cells):
                out.append(Block(BlockKind.PARAGRAPH, " | ".join(c for c in cells if c)))
        elif tag in _BLOCKS:
            _flush(buf, out, kind)
            _walk(child, out, _kind(tag, kind), pictures)
        elif tag == "br":
            buf.append("\n")
        else:
            buf.append(_inline(child))
            out_imgs = [i for i in child.iter("img")]
            if out_imgs:
                _flush(buf, out, kind)
                out.extend(pictures.block(i) for i in out_imgs)
        buf.append(child.tail or "")
    _flush(buf, out, kind)


def _kind(tag: str, outer: BlockKind) -> BlockKind:
    if tag == "blockquote":
        return BlockKind.QUOTE
    if tag == "li":
        return BlockKind.LIST_ITEM
    if tag == "pre":
        return BlockKind.PREFORMATTED
    return outer


def _inline(el: etree._Element) -> str:
    parts: list[str] = []
    _text(el, parts)
    return "".join(parts)


def _text(el: etree._Element, parts: list[str]) -> None:
    parts.append(el.text or "")
    for child in el.iterchildren():
        tag = _tag(child)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _DROP:
            _text(child, parts)
        parts.append(child.tail or "")


def _flush(buf: list[str], out: list[Block], kind: BlockKind) -> None:
    raw = "".join(buf)
    buf.clear()
    text = raw.strip("\n") if kind is BlockKind.PREFORMATTED else _squash(raw)
    if text.strip():
        out.append(Block(kind, text))


def _squash(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
