"""The article body of a web page as Blocks: trafilatura finds it, we sanitise what is shown."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.core.article import Block, BlockKind
from reader.core.formats.html_page import fold, outermost

_INLINE_TAGS = {"a", "em", "strong", "code", "sub", "sup", "br"}
_HI_TAGS = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code", "#sub": "sub", "#sup": "sup"}
_LINK_SCHEMES = {"http", "https", "mailto"}
_WS = re.compile(r"[ \t\r\n\f\v]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # lxml refuses these
_HEADING = re.compile(r"h([1-6])")
_FAST_LIMIT = 4_000_000  # characters; above this the body is taken by a plain, linear pass
_MAX_TAGS = 40_000  # real articles have under 10,000; the clean-up takes ~35 ms per 1,000
_FALLBACK_TAGS = 12_000  # above this, no second opinions on the body (see _trafilatura_body)
_MAX_BLOCKS = 20_000
# What the search index leaves out of a page: text no reader ever sees. Site chrome (nav, aside,
# form, header, footer) stays: whole articles sit inside an <aside> or a page-wide <form> often
# enough that dropping them lost 0.9% of the words trafilatura finds in the news corpus.
_UNSEEN = "script, style, noscript, svg, template, iframe"
_LINE_TAGS = ("address, article, aside, blockquote, br, button, caption, dd, details, div, dl, dt, "
              "figcaption, figure, footer, form, h1, h2, h3, h4, h5, h6, header, hr, li, main, "
              "menu, nav, ol, option, p, pre, section, summary, table, td, th, tr, ul")


def extract_blocks(text: str, path: str, headline: str, *,
                   plain: bool = False) -> tuple[list[Block], tuple[str, ...]]:
    """Blocks of the article's body, in reading order, and warnings for the user.

    ``plain`` skips the clean-up (for pages too large or too deeply nested for it).
    """
    warnings: list[str] = []
    plain = plain or len(text) > _FAST_LIMIT or text.count("<") > _MAX_TAGS
    body = None if plain else _trafilatura_body(text, fast=text.count("<") > _FALLBACK_TAGS)
    if body is None:
        if plain:
            warnings.append("This page is very large or oddly built: its text is shown without clean-up.")
        body = _plain_body(text)
    converter = _Converter(Path(path).resolve().parent)
    for element in body:
        converter.element(element)
    blocks = _drop_headline(converter.blocks, headline)
    if len(converter.blocks) >= _MAX_BLOCKS:
        warnings.append(f"Only the first {_MAX_BLOCKS:,} paragraphs of this page are shown.")
    if converter.dropped_images:
        warnings.append(f"{converter.dropped_images} remote image(s) not loaded.")
    return blocks, tuple(warnings)


def _trafilatura_body(text: str, *, fast: bool = False) -> Any:
    """trafilatura's reading of the body; ``fast`` skips its second opinions (readability and
    jusText), whose time grows faster than the page on pages of many short paragraphs."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        text, fast=fast, include_images=True, include_formatting=True, include_links=True,
        include_comments=False, include_tables=True, with_metadata=False)
    body = getattr(doc, "body", None)
    return body if body is not None and len(body) else None


def _plain_body(text: str) -> Any:
    """A linear fallback: every paragraph-like element of the page, in order."""
    from lxml import etree
    from selectolax.lexbor import LexborHTMLParser

    root = etree.Element("body")
    tree = LexborHTMLParser(text)
    for node in tree.css("script, style, noscript, template, nav, footer, form"):
        node.decompose()
    start = tree.css_first("article") or tree.css_first("main") or tree.body
    if start is None:
        return root
    nodes = outermost(start, ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"), _MAX_BLOCKS)
    covered = sum(len(n.text()) for n in nodes)
    if covered * 2 < len(start.text()):  # text loose in the page: cut it into paragraphs of its lines
        for line in start.text(separator="\n").split("\n")[:_MAX_BLOCKS]:
            if line.strip():
                etree.SubElement(root, "p").text = _NOT_XML.sub("", _WS.sub(" ", line)).strip()
        return root
    for node in nodes:
        tag = node.tag or "p"
        words = _WS.sub(" ", node.text(separator=" ")).strip()
        if not words:
            continue
        if tag.startswith("h"):
            child = etree.SubElement(root, "head", rend=tag)
        else:
            child = etree.SubElement(root, {"li": "item", "blockquote": "quote", "pre": "code"}.get(tag, "p"))
        child.text = _NOT_XML.sub("", node.text() if tag == "pre" else words)
    return root


def index_text(tree: Any) -> str:
    """The words of a parsed page for the search index, in page order: its visible body text.

    Much cheaper than :func:`extract_blocks` (no trafilatura) and a superset of it, boilerplate
    included, as ``grep`` sees it; never markup. Block elements are cut into lines, inline ones
    are not ("<b>T</b>he" stays "The"); images give their alt text. Changes ``tree``.
    """
    body = tree.body
    if body is None:
        return ""
    for node in body.css(_UNSEEN):
        node.remove()  # unlinked, not destroyed: a node nested in one removed before stays valid
    for node in body.css(_LINE_TAGS):
        node.insert_before("\n")
        node.insert_after("\n")
    alts = [alt for alt in (img.attributes.get("alt") for img in body.css("img[alt]")) if alt]
    return "\n".join([body.text(separator=""), *alts])


def _drop_headline(blocks: list[Block], headline: str) -> list[Block]:
    """The headline is shown above the body: drop its copy among the first blocks."""
    key = fold(headline)
    for i, block in enumerate(blocks[:20]):
        if block.kind is BlockKind.HEADING and key and fold(block.text) == key:
            before = [b for b in blocks[:i] if not _site_chrome(b)]  # menus above the title go too
            return before + blocks[i + 1:]
    return blocks


def _site_chrome(block: Block) -> bool:
    return block.kind is BlockKind.PARAGRAPH and len(block.text.split()) <= 12


def clean_text(text: str) -> str:
    return _WS.sub(" ", text).strip()


def local_image(src: str, folder: Path) -> str:
    """The absolute path of an image saved beside the page, or '' for anything remote."""
    src = src.strip()
    if not src or src.startswith(("//", "data:")):
        return ""
    try:
        parts = urlsplit(src)
    except ValueError:  # 'http://[broken': no address, surely no file beside the page
        return ""
    if parts.scheme == "file":
        candidate = Path(unquote(parts.path))
    elif parts.scheme or parts.netloc:
        return ""
    else:
        candidate = folder / unquote(parts.path)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError, ValueError):
        return ""
    if not resolved.is_relative_to(folder) or not resolved.is_file():
        return ""
    return os.fspath(resolved)


def sanitise_inline(html: str) -> str:
    """Inline markup limited to links, emphasis, code, sub/sup and line breaks."""
    import nh3

    return nh3.clean(html, tags=_INLINE_TAGS, attributes={"a": {"href"}},
                     url_schemes=_LINK_SCHEMES, link_rel="noopener noreferrer",
                     strip_comments=True).strip()


class _Converter:
    """Turns trafilatura's XML body into Blocks."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blocks: list[Block] = []
        self.dropped_images = 0

    def element(self, el: Any) -> None:
        if len(self.blocks) >= _MAX_BLOCKS or not isinstance(el.tag, str):
            return
        tag = el.tag
        if tag == "head":
            self._heading(el)
        elif tag == "list":
            for item in el.iter("item"):
                self._text_block(BlockKind.LIST_ITEM, item, nested_lists=False)
        elif tag == "quote":
            self._quote(el)
        elif tag == "code":
            self._pre(el)
        elif tag == "graphic":
            self._image(el)
        elif tag == "table":
            self._table(el)
        elif tag in ("div", "section", "cell"):
            self._mixed(el)
        else:
            self._text_block(BlockKind.PARAGRAPH, el)
            for graphic in el.iter("graphic"):
                self._image(graphic)

    def _heading(self, el: Any) -> None:
        m = _HEADING.fullmatch(el.get("rend") or "")
        text = clean_text("".join(el.itertext()))
        if text:
            self.blocks.append(Block(BlockKind.HEADING, text, int(m[1]) if m else 2))

    def _quote(self, el: Any) -> None:
        raw = "".join(el.itertext())
        if "\n" in raw.strip() and re.search(r"\n[ \t]+\S", raw):
            self.blocks.append(Block(BlockKind.PREFORMATTED, raw.strip("\n")))
            return
        if _has_blocks(el):
            start = len(self.blocks)
            self._mixed(el)
            self.blocks[start:] = [Block(BlockKind.QUOTE, b.text, html=b.html)
                                   if b.kind is BlockKind.PARAGRAPH else b for b in self.blocks[start:]]
        else:
            self._text_block(BlockKind.QUOTE, el)

    def _pre(self, el: Any) -> None:
        raw = "".join(el.itertext()).strip("\n")
        if raw.strip():
            self.blocks.append(Block(BlockKind.PREFORMATTED, raw))

    def _image(self, el: Any) -> None:
        alt = clean_text(el.get("alt") or el.get("title") or "")
        src = local_image(el.get("src") or "", self.folder)
        if not src:
            self.dropped_images += 1
        self.blocks.append(Block(BlockKind.IMAGE, alt, src=src))

    def _table(self, el: Any) -> None:
        for row in el.iter("row"):
            cells = list(row.iter("cell"))
            if any(_has_blocks(c) for c in cells):  # a layout table: read its cells as the page
                for cell in cells:
                    self._mixed(cell)
                continue
            line = " | ".join(t for t in (clean_text("".join(c.itertext())) for c in cells) if t)
            if line:
                self.blocks.append(Block(BlockKind.PARAGRAPH, line))

    def _mixed(self, el: Any) -> None:
        """An element holding both running text and blocks: each run of text becomes a paragraph."""
        from lxml import etree

        run = etree.Element("p")
        run.text = el.text
        for child in el:
            if child.tag in _BLOCK_TAGS:
                self._text_block(BlockKind.PARAGRAPH, run)
                self.element(child)
                run = etree.Element("p")
                run.text = child.tail
            else:
                copy = etree.SubElement(run, child.tag, dict(child.attrib))
                copy.text = child.text
                copy.extend(list(child))
                copy.tail = child.tail
        self._text_block(BlockKind.PARAGRAPH, run)

    def _text_block(self, kind: BlockKind, el: Any, nested_lists: bool = True) -> None:
        text = clean_text("".join(_texts(el, nested_lists)))
        if not text:
            return
        html = sanitise_inline(_inline_html(el, nested_lists))
        self.blocks.append(Block(kind, text, html=html if html != _escape(text) else ""))


_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "code", "graphic", "table", "div", "section"})


def _has_blocks(el: Any) -> bool:
    return any(child.tag in _BLOCK_TAGS for child in el)


def _texts(el: Any, nested_lists: bool) -> list[str]:
    out = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            out.append(" ")
        elif child.tag in ("graphic",) or (child.tag == "list" and not nested_lists):
            pass
        else:
            out.extend(_texts(child, nested_lists))
        out.append(child.tail or "")
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_html(el: Any, nested_lists: bool) -> str:
    out = [_escape(el.text or "")]
    for child in el:
        tag = child.tag
        if tag == "lb":
            out.append("<br>")
        elif tag == "graphic" or (tag == "list" and not nested_lists):
            pass
        else:
            inner = _inline_html(child, nested_lists)
            out.append(_wrap(child, inner))
        out.append(_escape(child.tail or ""))
    return _WS.sub(" ", "".join(out))


def _wrap(child: Any, inner: str) -> str:
    tag = child.tag
    if tag == "ref":
        href = (child.get("target") or "").replace('"', "%22")
        return f'<a href="{_escape(href)}">{inner}</a>' if href else inner
    if tag == "hi":
        html_tag = _HI_TAGS.get(child.get("rend") or "", "")
        return f"<{html_tag}>{inner}</{html_tag}>" if html_tag else inner
    if tag == "code":
        return f"<code>{inner}</code>"
    return inner
