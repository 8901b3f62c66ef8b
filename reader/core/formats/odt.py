"""OpenDocument text (.odt): text:h headings with their outline level, metadata from meta.xml."""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from reader.core.article import Article, Block, BlockKind, ReadError
from reader.core.formats.common import Props, finish, iso_date, read_plain, without_body
from reader.core.formats.zipsafe import SafeZip, open_zip

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_T, _O, _S, _TB, _D = (f"{{{ns}}}" for ns in (TEXT, OFFICE, STYLE, TABLE, DRAW))
_SKIP = {_T + t for t in ("note", "tracked-changes", "sequence-decls", "table-of-content",
                          "alphabetical-index", "illustration-index", "bibliography",
                          "note-citation", "deletion")} | {_O + "annotation", _O + "forms"}
_CONTAINERS = {_T + "section", _T + "list", _T + "list-item", _T + "list-header",
               _T + "index-body", _O + "text", _T + "change-region"}


class _Styles:
    """Paragraph style names resolved to their common parent, plus which ones are bold."""

    def __init__(self, roots: list[etree._Element]) -> None:
        self.parent: dict[str, str] = {}
        self.bold: set[str] = set()
        for root in roots:
            for st in root.iter(_S + "style"):
                name = st.get(_S + "name", "")
                if st.get(_S + "parent-style-name"):
                    self.parent[name] = st.get(_S + "parent-style-name", "")
                props = st.find(_S + "text-properties")
                if props is not None and props.get(f"{{{FO}}}font-weight") in ("bold", "700", "800", "900"):
                    self.bold.add(name)

    def family(self, name: str) -> str:
        """'P3' -> 'title': the nearest named style, spaces decoded, folded."""
        seen: set[str] = set()
        while name in self.parent and name not in seen and re.fullmatch(r"P\d+", name):
            seen.add(name)
            name = self.parent[name]
        return name.replace("_20_", " ").casefold()


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    name = path.rsplit("/", 1)[-1]
    archive = open_zip(data, name)
    if not archive.has("content.xml"):
        raise ReadError(f"{name} is not an OpenDocument text (it has no content.xml)")
    root = archive.xml("content.xml")
    styles = _Styles([root, *_optional(archive, "styles.xml")])
    body = root.find(f"{_O}body/{_O}text")
    if body is None:
        raise ReadError(f"{name} is not an OpenDocument text (no text body)")
    props = _props(archive)
    article = _article(list(_walk(body, styles)), styles, props, path)
    return without_body(article) if metadata_only else article


def _optional(archive: SafeZip, member: str) -> list[etree._Element]:
    try:
        return [archive.xml(member)] if archive.has(member) else []
    except ReadError:
        return []


def _props(archive: SafeZip) -> Props:
    roots = _optional(archive, "meta.xml")
    if not roots:
        return Props()
    meta = roots[0].find(f"{_O}meta")
    if meta is None:
        return Props()
    title = meta.findtext(f"{{{DC}}}title") or ""
    author = meta.findtext(f"{{{DC}}}creator") or meta.findtext(f"{{{META}}}initial-creator") or ""
    created = meta.findtext(f"{{{META}}}creation-date") or meta.findtext(f"{{{DC}}}date") or ""
    return Props(title.strip(), (author.strip(),) if author.strip() else (), iso_date(created))


# -- the body ----------------------------------------------------------------------------

_Item = tuple[BlockKind, str, int, str]  # kind, text, heading level, paragraph style


def _walk(parent: etree._Element, styles: _Styles, listed: bool = False) -> Iterator[_Item]:
    for el in parent.iterchildren():
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T + "h":
            text, extra = _inline(el)
            yield BlockKind.HEADING, text, _level(el), ""
            yield from extra
        elif tag == _T + "p":
            text, extra = _inline(el)
            style = el.get(_T + "style-name", "")
            kind = BlockKind.LIST_ITEM if listed else BlockKind.PARAGRAPH
            yield kind, text, 0, style
            yield from extra
        elif tag == _TB + "table":
            yield from _table(el)
        elif tag in _CONTAINERS:
            yield from _walk(el, styles, listed or tag == _T + "list")


def _table(table: etree._Element) -> Iterator[_Item]:
    for row in table.iter(_TB + "table-row"):
        cells = [" ".join(_inline(p)[0] for p in cell.iter(_T + "p", _T + "h"))
                 for cell in row.iterchildren(_TB + "table-cell")]
        text = " | ".join(c for c in cells if c.strip())
        if text:
            yield BlockKind.PARAGRAPH, text, 0, ""


def _level(h: etree._Element) -> int:
    try:
        return max(1, min(9, int(h.get(_T + "outline-level", "1"))))
    except ValueError:
        return 1


def _inline(el: etree._Element) -> tuple[str, list[_Item]]:
    """Plain text of a paragraph; pictures and text boxes in it come out as extra items."""
    parts: list[str] = []
    extra: list[_Item] = []
    _collect(el, parts, extra)
    text = "".join(parts).replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line), extra


def _collect(el: etree._Element, parts: list[str], extra: list[_Item]) -> None:
    if el.text:
        parts.append(_spaces(el.text))
    for child in el.iterchildren():
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIP:
            if tag == _T + "s":
                parts.append(" " * _count(child))
            elif tag == _T + "tab":
                parts.append("\t")
            elif tag == _T + "line-break":
                parts.append("\n")
            elif tag == _D + "frame" or tag.startswith(_D):
                extra.extend(_frame(child))
            else:
                _collect(child, parts, extra)
        if child.tail:
            parts.append(_spaces(child.tail))


def _spaces(text: str) -> str:
    """Newlines in ODF text are only whitespace; text:line-break is the line break."""
    return text.replace("\r", " ").replace("\n", " ")


def _count(el: etree._Element) -> int:
    try:
        return max(1, min(100, int(el.get(_T + "c", "1"))))
    except ValueError:
        return 1


def _frame(frame: etree._Element) -> Iterator[_Item]:
    box = frame.find(_D + "text-box")
    if box is not None:
        yield from _walk(box, _Styles([]))
        return
    if frame.find(_D + "image") is not None:
        alt = frame.findtext(f"{{{SVG}}}title") or frame.findtext(f"{{{SVG}}}desc") or ""
        yield BlockKind.IMAGE, alt.strip(), 0, ""


# -- the article ----------------------------------------------------------------------------

def _article(items: list[_Item], styles: _Styles, props: Props, path: str) -> Article:
    headline = ""
    blocks: list[Block] = []
    for kind, text, level, style in items:
        family = styles.family(style) if style else ""
        if kind is BlockKind.IMAGE:
            blocks.append(Block(kind, text))
        elif not text or family == "subtitle":
            continue
        elif family == "title" and not headline:
            headline = text.replace("\n", " ")
        elif family in ("quotations", "quote"):
            blocks.append(Block(BlockKind.QUOTE, text))
        elif family == "preformatted text":
            blocks.append(Block(BlockKind.PREFORMATTED, text))
        else:
            blocks.append(Block(kind, text, level))
    if not headline and not any(b.kind is BlockKind.HEADING for b in blocks):
        return _plain(items, styles, props, path)
    return finish(headline, blocks, props, path, "odt")


def _plain(items: list[_Item], styles: _Styles, props: Props, path: str) -> Article:
    """No headings and no title: read the paragraphs like the plain text they are."""
    kept = [item for item in items if item[1] or item[0] is BlockKind.IMAGE]
    if not kept:
        raise ReadError(f"{path.rsplit('/', 1)[-1]} is empty")
    lines = [f"[image: {t}]" if k is BlockKind.IMAGE else t for k, t, _, _ in kept]
    bold = {i for i, (_, _, _, style) in enumerate(kept) if style in styles.bold}
    return read_plain(lines, path, "odt", bold, props)

