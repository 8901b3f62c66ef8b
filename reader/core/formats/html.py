"""Saved web pages (.html, .htm): metadata from the page's own tags, body without the site around it."""
from __future__ import annotations

import codecs
import re
from collections import Counter

from reader.core.article import Article, Byline, ReadError, make_article

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{1,40})""", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's start like UTF-16's
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
_C1 = re.compile("[\u0080-\u009f]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below a space, except \t \n \f \r
_DOUBLE_UTF8 = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]{1,3}")
_NOT_NESTING = r"(?:br|img|meta|input|link|hr|area|base|col|embed|param|source|track|wbr|p|li|dt|dd|option|tr|td|th|!|\?)"
_OPEN_TAG = re.compile(rf"<(?!{_NOT_NESTING}\b)[a-zA-Z]")
_CLOSE_TAG = re.compile(rf"</(?!{_NOT_NESTING}\b)[a-zA-Z]")
# Tags end before the next '<': a flood of '<a<a<a' without '>' is then scanned once, not 2,000 times.
_ANY_TAG = re.compile(rf"<(/?)(?!{_NOT_NESTING}\b)([a-zA-Z][\w:-]*)[^<>]{{0,2000}}?(?<!/)>")
_OPEN_NAME = re.compile(rf"<(?!{_NOT_NESTING}\b)([a-zA-Z][\w:-]*)")
_CLOSE_NAME = re.compile(rf"</(?!{_NOT_NESTING}\b)([a-zA-Z][\w:-]*)")
_STRAY = 200  # end tags of elements never opened: each one costs the parser a walk of its open elements
_NESTING_TAG = re.compile(r"</?(?!(?:p|h[1-6]|li|title|meta|link|br|img|script|style|html|head|body)\b)[a-zA-Z][^<>]{0,2000}>")
_DEEP = 1500  # deeper pages are flattened: HTML tree building slows down with the square of depth
_TRAFILATURA_DEPTH = 250  # lxml stops at depth 256 and would lose the rest of the page
_META_LIMIT = 3_000_000  # bytes of a huge page looked at for metadata (head and article start)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, if Python knows it."""
    head = data[:8192]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        return codecs.lookup(m[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(data: bytes) -> str:
    """Bytes to text: a BOM wins, then valid UTF-8, then the declared charset, then a guess.

    Valid UTF-8 beats a declaration because pages saved as UTF-8 often keep a stale
    ``charset=iso-8859-1``; text in a legacy charset is almost never valid UTF-8.
    """
    from reader.core.decode import decode_bytes

    if data.startswith(_BOMS):
        return decode_bytes(data)
    wide = _utf16_without_bom(data[:1024])
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8", errors="replace")
    if _mostly_utf8(as_utf8):  # a few broken bytes in a UTF-8 page
        return repair_mojibake(as_utf8)
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        if declared in ("latin-1", "iso8859-1", "ascii"):
            declared = "cp1252"  # what browsers do
        return data.decode(declared, errors="replace")
    return decode_bytes(data)  # UTF-16 without a BOM, or a legacy charset guessed


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' for '<\0h\0t\0m\0l\0', 'utf-16-be' for the other way round, else None."""
    if head.count(0) < len(head) // 3:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return "utf-16-le" if odd > 3 * even else "utf-16-be" if even > 3 * odd else None


def _mostly_utf8(text: str) -> bool:
    """Whether nearly every non-ASCII character decoded cleanly; legacy text mostly does not."""
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text))
    return good > 0 and bad * 2 <= good


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1 and saved again: 'Earth\u00e2\u0080\u0099s' -> 'Earth\u2019s'.

    Only runs holding a C1 control character are touched: real text never has those.
    """
    if not _C1.search(text):
        return text
    return _DOUBLE_UTF8.sub(_undo_latin1, text)


def _undo_latin1(m: re.Match[str]) -> str:
    run = m[0]
    if not _C1.search(run):
        return run
    try:
        return run.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run


def nesting_depth(text: str, limit: int) -> int:
    """How deeply the page's elements nest (up to ``limit``), in linear time.

    A cheap bound over 4 KB slices comes first; the exact count runs only when the bound
    is over the limit, or when many end tags close elements that were never opened (they
    would hide the depth from the bound). Elements that close themselves (p, li, td...)
    are not counted.
    """
    depth = bound = 0
    for start in range(0, len(text), 4096):
        chunk = text[start:start + 4096]
        opens = len(_OPEN_TAG.findall(chunk))
        bound = max(bound, depth + opens)
        depth = max(0, depth + opens - len(_CLOSE_TAG.findall(chunk)))
    if bound <= limit and _stray_end_tags(text) <= _STRAY:
        return bound
    return _exact_depth(text, limit)


def _stray_end_tags(text: str) -> int:
    """How many end tags close an element of a kind the page never opens (as often)."""
    opened = Counter(name.lower() for name in _OPEN_NAME.findall(text))
    closed = Counter(name.lower() for name in _CLOSE_NAME.findall(text))
    return sum(max(0, count - opened[name]) for name, count in closed.items())


def _exact_depth(text: str, limit: int) -> int:
    """The depth as a parser builds it: an end tag closes its element and any left open inside
    it, and is ignored when no such element is open."""
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    deepest = 0
    for m in _ANY_TAG.finditer(text):
        name = m[2].lower()
        if not m[1]:
            stack.append(name)
            open_count[name] += 1
            deepest = max(deepest, len(stack))
            if deepest > limit:
                break
        elif open_count[name]:
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break
    return deepest


_FORMATTING = r"(?:a|b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u)"
_FORMATTING_TAG = re.compile(rf"</?{_FORMATTING}\b[^<>]{{0,2000}}>", re.IGNORECASE)
_FORMATTING_OPEN = re.compile(rf"<{_FORMATTING}\b", re.IGNORECASE)
_FORMATTING_CLOSE = re.compile(rf"</{_FORMATTING}\b", re.IGNORECASE)
_OPEN_FORMATTING = 300  # more left open and the parser copies them into every later paragraph


def left_open(text: str) -> int:
    """How many inline formatting tags (<b>, <font>...) the page opens and never closes.

    An HTML parser reopens each of them in every paragraph that follows: 1,400 left open
    over 2,000 paragraphs make 2.8 million elements from 33 KB. Such a page is read without
    its inline formatting.
    """
    return len(_FORMATTING_OPEN.findall(text)) - len(_FORMATTING_CLOSE.findall(text))


def flatten(text: str) -> str:
    """Drop the nesting of a pathologically deep page, keeping its text and headings."""
    return _NESTING_TAG.sub(" ", text)


def _check_markup(text: str, name: str) -> None:
    sample = text[:4096]
    if not sample.strip():
        raise ReadError(f"{name} is empty")
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > len(sample) // 50:
        raise ReadError(f"{name} is not a web page (binary data)")
    if "<" not in text[:200_000]:
        raise ReadError(f"{name} is not a web page (no markup found)")


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    """Read a saved web page; ``metadata_only`` skips body extraction (the library listing)."""
    page = _Parsed(data, path)
    if metadata_only:
        return page.article()
    from reader.core.formats.html_body import extract_blocks

    blocks, warnings = extract_blocks(page.text, path, page.headline,
                                      plain=page.depth > _TRAFILATURA_DEPTH)
    return make_article(headline=page.headline, byline=page.byline, blocks=blocks, path=path,
                        format="html", warnings=warnings)


def read_for_index(data: bytes, path: str) -> tuple[Article, str]:
    """The page's metadata (as ``metadata_only`` reads it) and its visible text, for the index.

    A twentieth of a full read's time on news pages: the body is not extracted by trafilatura.
    """
    from selectolax.lexbor import LexborHTMLParser

    from reader.core.formats.html_body import index_text

    page = _Parsed(data, path)
    whole = page.tree if len(page.text) <= _META_LIMIT else LexborHTMLParser(page.text)
    return page.article(), index_text(whole)


class _Parsed:
    """A page decoded, checked, flattened when too deep, parsed, and its metadata read."""

    def __init__(self, data: bytes, path: str) -> None:
        from pathlib import Path

        from selectolax.lexbor import LexborHTMLParser

        from reader.core.formats.html_meta import read_meta

        self.path = path
        text = decode_html(data)
        _check_markup(text, Path(path).name)
        depth = nesting_depth(text, _TRAFILATURA_DEPTH)
        if depth > _TRAFILATURA_DEPTH:
            depth = nesting_depth(text, _DEEP)
        if depth > _DEEP:
            text = flatten(text)
        if left_open(text) > _OPEN_FORMATTING:
            text = _FORMATTING_TAG.sub("", text)
        self.text, self.depth = text, depth
        self.tree = LexborHTMLParser(text if len(text) <= _META_LIMIT else text[:_META_LIMIT])
        self.meta = read_meta(self.tree)
        self.byline = Byline(tuple(self.meta.authors), self.meta.outlet, self.meta.published,
                             self.meta.url)
        self.headline = self.meta.headline or Path(path).stem

    def article(self) -> Article:
        """The metadata-only article: no body, the word count estimated from the page."""
        return make_article(headline=self.headline, byline=self.byline, blocks=(), path=self.path,
                            format="html", words=self.meta.words)


__all__ = ["decode_html", "read", "read_for_index", "repair_mojibake"]
