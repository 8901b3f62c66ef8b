"""Word (.docx) articles: styled documents by their styles, unstyled ones like plain text."""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone

from lxml import etree

from reader.core.article import (
    Article,
    Block,
    BlockKind,
    Byline,
    ReadError,
)
from reader.core.byline import parse_date
from reader.core.formats.common import Props, finish, read_plain, without_body
from reader.core.formats.zipsafe import open_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
VML = "urn:schemas-microsoft-com:vml"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_W = f"{{{W}}}"
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_SKIP = {_W + t for t in ("del", "delText", "instrText", "moveFrom", "footnoteReference",
                          "endnoteReference", "commentReference", "rPr", "pPr", "sdtPr",
                          "fldData", "annotationRef")} | {f"{{{MC}}}Fallback"}
_QUOTE_STYLES = {"quote", "intense quote", "block text", "blockquote", "block quotation"}
_PRE_STYLES = {"source code", "html preformatted", "plain text", "code"}
_SKIP_STYLES = re.compile(r"^(toc \d|table of figures|header|footer)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    level: int = 0  # heading level (1-9), 0 when not a heading
    bold: bool = False


@dataclass(slots=True)
class Para:
    """One paragraph of the document as read: its text, style and what it carries."""

    text: str
    style: Style
    level: int = 0
    listed: bool = False
    bold: bool = False
    image: str | None = None  # alt text when this stands for a picture


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    name = path.rsplit("/", 1)[-1]
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"{name} is an old-style Word file (.doc) or a password-protected one; "
                        "Reader opens .docx only")
    open_zip(data, name)  # checks the directory for damage and bombs before python-docx reads
    doc = _open_document(data, name)
    styles = _read_styles(doc)
    paras = list(_walk(doc.element.body, styles))
    core = _core(doc)
    if any(p.style.name.casefold() == "title" or p.level for p in paras):
        article = _styled(paras, core, path)
    else:
        article = _unstyled(paras, core, path)
    return without_body(article) if metadata_only else article


def _open_document(data: bytes, name: str):  # type: ignore[no-untyped-def]
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise ReadError(f"{name} is not a Word document (no document inside)") from None
    except (KeyError, ValueError) as exc:
        raise ReadError(f"{name} is not a valid Word document ({str(exc)[:120]})") from None
    except etree.XMLSyntaxError as exc:
        why = "it declares XML entities" if "entity" in str(exc).lower() else "its XML is not well-formed"
        raise ReadError(f"{name} is damaged: {why}") from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise ReadError(f"{name} is damaged ({str(exc)[:120]})") from None
    except NotImplementedError:  # a part stored with a compression zipfile lacks
        raise ReadError(f"{name} uses a zip compression Reader cannot open") from None


# -- styles -------------------------------------------------------------------------

def _read_styles(doc) -> dict[str, Style]:  # type: ignore[no-untyped-def]
    """Paragraph styles by id, with heading levels and bold resolved through ``basedOn``."""
    try:
        root = doc.styles.element
    except (KeyError, ValueError, AttributeError, etree.XMLSyntaxError):  # read as unstyled
        return {}
    raw: dict[str, tuple[str, str | None, int | None, bool | None]] = {}
    for st in root.iterchildren(_W + "style"):
        sid = st.get(_W + "styleId") or ""
        name_el = st.find(_W + "name")
        name = name_el.get(_W + "val", sid) if name_el is not None else sid
        based = st.find(_W + "basedOn")
        lvl = st.find(f"{_W}pPr/{_W}outlineLvl")
        raw[sid] = (name, based.get(_W + "val") if based is not None else None,
                    _outline(lvl), _flag(st.find(f"{_W}rPr/{_W}b")))
    return {sid: _resolve(sid, raw) for sid in raw}


def _resolve(sid: str, raw: dict[str, tuple[str, str | None, int | None, bool | None]]) -> Style:
    name = raw[sid][0]
    level: int | None = None
    bold: bool | None = None
    seen: set[str] = set()
    cur: str | None = sid
    while cur in raw and cur not in seen:
        seen.add(cur)
        cur_name, based, lvl, b = raw[cur]
        match = _HEADING_NAME.match(cur_name.strip())
        if level is None and (match or lvl is not None):
            level = int(match.group(1)) if match else lvl
        if bold is None:
            bold = b
        cur = based
    if name.casefold() in ("title", "subtitle", "toc heading"):
        level = 1 if name.casefold() == "toc heading" else 0
    return Style(name, level or 0, bool(bold))


def _outline(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        value = int(el.get(_W + "val", ""))
    except ValueError:
        return None
    return value + 1 if 0 <= value < 9 else 0


def _flag(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_W + "val", "true").lower() not in ("0", "false", "off")


# -- the body, in document order -------------------------------------------------------

_NORMAL = Style("Normal")


def _walk(parent: etree._Element, styles: dict[str, Style]):  # type: ignore[no-untyped-def]
    """Paragraphs of ``parent`` in order: tables, content controls and text boxes included."""
    for el in parent.iterchildren():
        tag = el.tag
        if tag == _W + "p":
            yield from _paragraph(el, styles)
        elif tag == _W + "tbl":
            yield from _table(el, styles)
        elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", f"{{{MC}}}AlternateContent",
                     f"{{{MC}}}Choice", _W + "ins", _W + "moveTo"):
            yield from _walk(el, styles)


def _table(tbl: etree._Element, styles: dict[str, Style]):  # type: ignore[no-untyped-def]
    """A table row by row: simple rows become one paragraph of cells, others stay as they are."""
    for row in _rows(tbl):
        cells = [list(_walk(tc, styles)) for tc in row.iterchildren(_W + "tc", _W + "sdt")]
        flat = [p for cell in cells for p in cell]
        if all(len(c) <= 1 for c in cells) and not any(p.level or p.image is not None for p in flat):
            text = " | ".join(p.text for p in flat if p.text)
            if text:
                yield Para(text, _NORMAL)
        else:
            yield from flat


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's own rows, also inside content controls; a nested table's rows are read
    through its cell (and not visited here: each level would visit every row below it)."""
    for child in tbl.iterchildren(_W + "tr", _W + "sdt"):
        if child.tag == _W + "tr":
            yield child
        else:
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from content.iterchildren(_W + "tr")


def _paragraph(p: etree._Element, styles: dict[str, Style]):  # type: ignore[no-untyped-def]
    ppr = p.find(_W + "pPr")
    style = _NORMAL
    level = 0
    listed = False
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        if ps is not None:
            style = styles.get(ps.get(_W + "val", ""), Style(ps.get(_W + "val", "")))
        own = _outline(ppr.find(_W + "outlineLvl"))
        level = own if own is not None else style.level
        listed = ppr.find(_W + "numPr") is not None
    else:
        level = style.level
    collector = _Runs(styles, style.bold)
    collector.collect(p)
    text = _clean("".join(collector.parts))
    para = Para(text, style, level, listed, collector.bold_chars > 0 and not collector.plain_chars)
    for alt in collector.images if not text else ():
        yield Para(alt, style, image=alt)
    if text or not collector.images:
        yield para
    if text:
        for alt in collector.images:
            yield Para(alt, style, image=alt)
    yield from collector.boxes


class _Runs:
    """Gathers a paragraph's text, pictures and text boxes from its runs."""

    def __init__(self, styles: dict[str, Style], bold: bool) -> None:
        self.styles = styles
        self.bold = bold  # the paragraph style's weight, which runs inherit
        self.parts: list[str] = []
        self.images: list[str] = []
        self.boxes: list[Para] = []
        self.bold_chars = 0
        self.plain_chars = 0

    def collect(self, el: etree._Element) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "r":
                self._run(child)
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                self._picture(child)
            else:
                self.collect(child)

    def _run(self, r: etree._Element) -> None:
        rpr = r.find(_W + "rPr")
        if rpr is not None and _flag(rpr.find(_W + "vanish")):
            return
        bold = self._bold(rpr)
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                txt = child.text or ""
                self.parts.append(txt)
                if txt.strip():
                    if bold:
                        self.bold_chars += len(txt)
                    else:
                        self.plain_chars += len(txt)
            elif tag in (_W + "tab", _W + "ptab"):
                self.parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                self.parts.append("\n")
            elif tag in (_W + "noBreakHyphen",):
                self.parts.append("-")
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                self._picture(child)
            elif tag == f"{{{MC}}}AlternateContent" or tag == f"{{{MC}}}Choice":
                self.collect(child)

    def _bold(self, rpr: etree._Element | None) -> bool:
        """A run's weight: its own w:b, else its character style's, else the paragraph's."""
        if rpr is None:
            return self.bold
        own = _flag(rpr.find(_W + "b"))
        if own is not None:
            return own
        rstyle = rpr.find(_W + "rStyle")
        if rstyle is not None and rstyle.get(_W + "val", "") in self.styles:
            return self.styles[rstyle.get(_W + "val", "")].bold or self.bold
        return self.bold

    def _picture(self, el: etree._Element) -> None:
        boxes = [b for b in el.iter(_W + "txbxContent")]
        if boxes:
            for box in boxes:
                if not any(a.tag == _W + "txbxContent" for a in box.iterancestors()):
                    self.boxes.extend(_walk(box, self.styles))
            return
        if not any(True for _ in el.iter(_BLIP, f"{{{VML}}}imagedata")):
            return  # a drawn shape or chart, not a picture
        alt = ""
        for doc_pr in el.iter(f"{{{WP}}}docPr"):
            alt = doc_pr.get("descr") or doc_pr.get("title") or ""
            break
        if not alt:
            for shape in el.iter(f"{{{VML}}}shape", f"{{{VML}}}imagedata"):
                alt = shape.get("alt") or shape.get("title") or ""
                if alt:
                    break
        self.images.append(alt.strip())


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# -- core properties ---------------------------------------------------------------------

_PLACEHOLDER_AUTHORS = {"author", "user", "administrator", "admin", "owner", "unknown",
                        "microsoft office user", "windows user", "apache poi", "python-docx"}
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=timezone.utc)


def _core(doc) -> Props:  # type: ignore[no-untyped-def]
    try:
        props = doc.core_properties
        title, author, created = props.title or "", props.author or "", props.created
    except (KeyError, ValueError, AttributeError, TypeError, etree.XMLSyntaxError):
        # a damaged core.xml part only loses the fallbacks
        return Props()
    if author.strip().casefold() in _PLACEHOLDER_AUTHORS:
        author = ""
    if created == _TEMPLATE_CREATED:  # python-docx's own template, not the article's date
        created = None
    authors = tuple(a.strip() for a in re.split(r";|\band\b", author) if a.strip())
    day = created.date() if isinstance(created, datetime) and created.year > 1900 else None
    return Props(title.strip(), authors, day)


# -- styled documents ----------------------------------------------------------------------

def _styled(paras: list[Para], core: Props, path: str) -> Article:
    headline = ""
    authors: list[str] = []
    published: date | None = None
    blocks: list[Block] = []
    standfirst: list[Block] = []  # Subtitle paragraphs: shown first, never read as metadata
    body = False
    for para in paras:
        kind = para.style.name.casefold()
        if para.image is not None:
            blocks.append(Block(BlockKind.IMAGE, para.image))
        elif not para.text or _SKIP_STYLES.match(kind):
            continue
        elif kind == "title" and not para.level and not headline:
            headline = para.text.replace("\n", " ")
        elif kind == "subtitle" and not body:
            standfirst.append(Block(BlockKind.PARAGRAPH, para.text))
        elif kind == "author" and not body:
            authors.append(para.text)
        elif kind == "date" and published is None and not body:
            published = parse_date(para.text)
        elif para.level:
            blocks.append(Block(BlockKind.HEADING, para.text.replace("\n", " "), para.level))
        else:
            blocks.append(_body_block(para))
            body = True
    return finish(headline, blocks, core, path, "docx", Byline(tuple(authors), published=published),
                  standfirst)


def _body_block(para: Para) -> Block:
    kind = para.style.name.casefold()
    if kind in _QUOTE_STYLES:
        return Block(BlockKind.QUOTE, para.text)
    if kind in _PRE_STYLES:
        return Block(BlockKind.PREFORMATTED, para.text)
    if para.listed or kind.startswith("list"):
        return Block(BlockKind.LIST_ITEM, para.text)
    return Block(BlockKind.PARAGRAPH, para.text)


# -- unstyled documents: read like the plain text they were exported from --------------------

def _unstyled(paras: list[Para], core: Props, path: str) -> Article:
    lines: list[str] = []
    bold: set[int] = set()
    for para in paras:
        if para.image is not None:
            lines.append(f"[image: {para.image}]")
        elif para.text and not _SKIP_STYLES.match(para.style.name.casefold()):
            if para.bold:
                bold.add(len(lines))
            lines.append(para.text)
    if not lines:
        raise ReadError(f"{path.rsplit('/', 1)[-1]} is empty")
    return read_plain(lines, path, "docx", bold, core)

