"""Plain-text articles: Word documents saved as text, with no markup at all."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import cast

from reader.core.article import (
    Article,
    Block,
    BlockKind,
    Byline,
    ReadError,
    make_article,
)
from reader.core.byline import (
    KNOWN_OUTLETS,
    is_role,
    looks_like_name,
    outlet_case,
    outlet_evidence,
    outlet_name,
    parse_date,
    proper_case_name,
    split_authors,
    strip_by,
)
from reader.core.decode import decode_text

FORMAT = "text"
_BOOKMARK = re.compile(r"\[bookmark:[^\[\]\n]{0,300}\]", re.IGNORECASE)
_IMAGE = re.compile(r"\[image:([^\[\]\n]{0,500})\]", re.IGNORECASE)
_SPACES = (("\u00a0", " "), ("\u2007", " "), ("\u202f", " "), ("\t", " "), ("\u200b", ""),
           ("\u200c", ""), ("\u200d", ""), ("\ufeff", ""), ("\u00ad", ""))
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_URL = re.compile(r"^(?:(?:source|url|link|original|web|online|read online|view online)\s*:?\s*)?"
                  r"<?(?P<url>(?:https?://|www\.)[^\s<>]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*"
                  r"\.(?:com|org|net|co\.uk|com\.au|news|info|eu|de|fr|uk|ca|ie|in|io)/[^\s<>]*)>?$", re.IGNORECASE)
_DATE_BY = re.compile(r"^(?P<date>.{6,60}?),?\s+(?P<by>by\s+\S.*)$", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>source|outlet|publication|publisher|published in|newspaper|agency|"
                    r"author|authors|byline|writer|reporter|date|published|dateline)\s*:\s*(?P<value>.+)$",
                    re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|\u2022\u00b7\u2013\u2014]\s+|\s+-{1,2}\s+")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2023\u25aa\u25cf\u25e6\u2013\u2014\u25a0o]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)")
_BULLET_MARK = re.compile(r"^\s*[-*\u2022\u2023\u25aa\u25cf\u25e6\u2013\u2014\u25a0o]\s+")
_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([^)]{1,30}\))?\s*(?:--|\u2014|\u2013|-)\s")
_SENTENCE_BREAK = re.compile(r"[a-z\d)]{2}[.!?][\"'\u201d\u2019]?\s+[A-Z\"\u201c]")
_SECTION_WORDS = {
    "introduction", "background", "summary", "overview", "analysis", "abstract", "contents",
    "conclusion", "context", "highlights", "key points", "update", "updates", "opinion",
    "editorial", "comment", "breaking", "breaking news", "exclusive", "live", "explainer",
}
_HEADING_MAX_CHARS = 120
_HEADING_MAX_WORDS = 16
_META_MAX_CHARS = 200


@dataclass
class _Meta:
    """What the lines after the headline said."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    weak_outlet: str | None = None
    names: list[str] = field(default_factory=list)
    published: date | None = None
    url: str | None = None

    def byline(self) -> Byline:
        authors, outlet = list(self.authors), self.outlet
        names = list(self.names)
        if outlet is None and self.weak_outlet is not None:
            outlet = self.weak_outlet
        if not authors and names:  # bare names: people, unless one must be the outlet
            authors = [proper_case_name(n) for n in names if n != outlet]
        elif names and outlet is None:  # a By-line named the people: a bare name is the outlet
            outlet = names[0]
        return Byline(tuple(authors), outlet_case(outlet) if outlet else None, self.published, self.url)


@dataclass
class _Chunk:
    """Lines between blank lines; ``index`` is the source paragraph for docx hints."""

    lines: list[str]
    index: int = -1


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    """Read a plain-text article. ``metadata_only`` gives the same headline, byline and word count."""
    text = decode_text(data)
    if _looks_binary(text):
        raise ReadError(f"{Path(path).name} is not a text article (it holds binary data)")
    return _read_chunks(_chunks_of_text(text), path, FORMAT, set())


def read_paragraphs(paragraphs: list[str], path: str, format: str, *,
                    bold: set[int] | None = None) -> Article:
    """Read an article from already-decoded paragraphs (one string each, artefacts included).

    Used by other formats whose files carry no structure of their own (an unstyled .docx).
    ``bold`` holds the indices of paragraphs that are wholly bold: short ones are headings.
    """
    chunks: list[_Chunk] = []
    for i, para in enumerate(paragraphs):
        lines = [_clean_line(x) for x in _BOOKMARK.sub("", para).replace("\r", "\n").split("\n")]
        lines = [x for x in lines if x.strip()]
        if lines:
            chunks.append(_Chunk(lines, i))
    return _read_chunks(chunks, path, format, bold or set(), wrapped=False)


# --- from text to chunks ----------------------------------------------------------------------

def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 20)


def _spaces(text: str) -> str:
    """Non-breaking and zero-width spaces, soft hyphens and tabs: to plain spaces or nothing."""
    for char, plain in _SPACES:
        if char in text:
            text = text.replace(char, plain)
    return text


def _clean_line(line: str) -> str:
    return _spaces(line).rstrip()


def _chunks_of_text(text: str) -> list[_Chunk]:
    if "[" in text:
        text = _BOOKMARK.sub("", text)
    text = _spaces(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)  # a stray control byte or undecodable character: not text
    chunks: list[_Chunk] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line:
            current.append(line if line[0] != " " or line.strip() else "")
        elif current:
            chunks.append(_Chunk(current))
            current = []
    if current:
        chunks.append(_Chunk(current))
    return chunks


# --- the reading ------------------------------------------------------------------------------

def _read_chunks(chunks: list[_Chunk], path: str, format: str, bold: set[int],
                 wrapped: bool | None = None) -> Article:
    lead_blocks, headline, rest = _take_headline(chunks, path)
    if not headline and not rest and not lead_blocks:
        raise ReadError(f"{Path(path).name} is empty")
    meta, body = _take_metadata(rest)
    blocks = lead_blocks + _body_blocks(body, bold, wrapped)
    return make_article(headline=headline, byline=meta.byline(), blocks=blocks, path=path, format=format)


def _take_headline(chunks: list[_Chunk], path: str) -> tuple[list[Block], str, list[_Chunk]]:
    """The first line with text is the headline; images before it go to the body."""
    lead: list[Block] = []
    for ci, chunk in enumerate(chunks):
        for li, line in enumerate(chunk.lines):
            images, text = _split_images(line)
            lead.extend(Block(BlockKind.IMAGE, alt) for alt in images)
            text = " ".join(text.split())
            if not text:
                continue
            after = chunk.lines[li + 1:]
            if len(text) > 200:  # no headline line: the file name stands in, the text is body
                return lead, _title_from_path(path), [_Chunk([text] + after, chunk.index)] + chunks[ci + 1:]
            k = 0  # a wrapped headline goes on in lower case, for a line or two (never a whole text)
            while k < min(len(after), 3) and after[k][:1].islower() and len(text) + len(after[k]) <= 300 \
                    and not _meta_items(after[k]):
                text, k = f"{text} {' '.join(after[k].split())}", k + 1
            after = after[k:]
            rest = ([_Chunk(after, chunk.index)] if after else []) + chunks[ci + 1:]
            return lead, text, rest
    return lead, "", []


def _title_from_path(path: str) -> str:
    return re.sub(r"[_\-]+", " ", Path(path).stem).strip() or Path(path).name


def _take_metadata(chunks: list[_Chunk]) -> tuple[_Meta, list[_Chunk]]:
    """Short lines after the headline: date, byline, outlet, link. The rest is body."""
    meta = _Meta()
    body: list[_Chunk] = []
    i, first, skipped = 0, True, False
    while i < len(chunks) and i < 4:
        chunk = chunks[i]
        items = [_meta_items(line) for line in chunk.lines[:12]]
        lead = 0
        while lead < len(items) and items[lead]:
            lead += 1
        if not lead and first and (k := _meta_tail(items, len(chunk.lines))):
            body.append(_Chunk(chunk.lines[:k], chunk.index))  # a standfirst above the byline
            _add_meta(meta, items[k:])
            first, i = False, i + 1
            continue
        strong = any(kind in ("date", "url", "byline", "outlet") for it in items[:lead] for kind, _ in it or ())
        whole = lead == len(chunk.lines)
        if lead and strong and not whole and first:
            _add_meta(meta, items[:lead])
            body.append(_Chunk(chunk.lines[lead:], chunk.index))
            i += 1
            break
        if strong and not first and whole and not _solid_chunk(items, meta, chunk) \
                and not (i + 1 < len(chunks) and _strong_chunk(chunks[i + 1])):
            break  # 'The Road Ahead' under the byline: a heading, not a second outlet
        if not (lead and whole and (strong or (first and _weak_chunk_ok(chunk, i + 1 < len(chunks))))):
            if first and not skipped and i + 1 < len(chunks) and _strong_chunk(chunks[i + 1]) \
                    and len(chunk.lines) <= 3:
                body.append(chunk)  # a standfirst between headline and metadata
                skipped, i = True, i + 1
                continue
            break
        _add_meta(meta, items)
        first, i = False, i + 1
    return meta, body + chunks[i:]


def _solid_chunk(items: list[MetaItems | None], meta: _Meta, chunk: _Chunk) -> bool:
    """A chunk after the metadata: date, link or byline; or an outlet line where none was yet."""
    if any(kind in ("date", "url", "byline") for it in items for kind, _ in it or ()):
        return True
    if meta.outlet is not None:  # the outlet again ('By Jane Doe, CNN' ... 'CNN'), or a heading
        return all(outlet_case(" ".join(line.split())).casefold() == meta.outlet.casefold() for line in chunk.lines)
    return all(outlet_evidence(line) for line in chunk.lines)


def _meta_tail(items: list[MetaItems | None], count: int) -> int:
    """Where metadata starts after one or two leading non-metadata lines that end no chunk; 0 if none."""
    if count > len(items) or count < 2:
        return 0
    for k in (1, 2):
        tail = items[k:]
        if k < count and all(tail) and any(kind in ("date", "url", "byline") for it in tail
                                           for kind, _ in it or ()):
            return k
    return 0


def _strong_chunk(chunk: _Chunk) -> bool:
    items = [_meta_items(line) for line in chunk.lines[:12]]
    return len(chunk.lines) <= 12 and all(items) and any(
        kind in ("date", "url", "byline") for it in items for kind, _ in it or ())


def _weak_chunk_ok(chunk: _Chunk, more_follows: bool) -> bool:
    """A chunk of bare short names only (an outlet line): metadata unless it reads as a heading."""
    if not more_follows or len(chunk.lines) > 3:
        return False
    return all(line.strip().casefold().rstrip(":") not in _SECTION_WORDS for line in chunk.lines)


def _add_meta(meta: _Meta, items: Iterable[list[tuple[str, object]] | None]) -> None:
    for line_items in items:
        for kind, value in line_items or ():
            _add_item(meta, kind, value)


def _add_item(meta: _Meta, kind: str, value: object) -> None:
    if kind == "date" and meta.published is None:
        meta.published = value  # type: ignore[assignment]
    elif kind == "url" and meta.url is None:
        meta.url = str(value)
    elif kind == "byline":
        authors, outlet = cast("tuple[list[str], str | None]", value)
        meta.authors.extend(a for a in authors if a not in meta.authors)
        if outlet and meta.outlet is None:
            meta.outlet = outlet
    elif kind == "outlet":
        meta.outlet = str(value) if meta.outlet is None or meta.outlet in meta.names else meta.outlet
    elif kind == "weak_outlet" and meta.weak_outlet is None:
        meta.weak_outlet = str(value)
    elif kind == "name":
        meta.names.append(str(value))


MetaItems = list[tuple[str, object]]


def _meta_items(line: str) -> MetaItems | None:
    """What a metadata line says, or None when it is not one."""
    s = " ".join(line.split())
    if not s or len(s) > _META_MAX_CHARS or _IMAGE.search(s):
        return None
    return _separated_items(s) or _single_item(s) or _trailing_date_items(s)


def _single_item(s: str) -> MetaItems | None:
    m = _URL.match(s)
    if m:
        return [("url", m.group("url"))]
    when = parse_date(s)
    if when is not None:
        return [("date", when)]
    m = _LABEL.match(s)
    if m:
        return _labelled(m.group("label").casefold(), m.group("value").strip())
    return _byline_item(s) or _outlet_item(s) or _date_then_byline(s)


def _date_then_byline(s: str) -> MetaItems | None:
    """'Posted on March 3, 2021 by Jane Doe'."""
    m = _DATE_BY.match(s)
    when = parse_date(m.group("date")) if m else None
    byline = _byline_item(m.group("by")) if m and when else None
    return [("date", when)] + byline if byline else None


def _labelled(label: str, value: str) -> MetaItems | None:
    if label in ("date", "published", "dateline"):
        when = parse_date(value)
        return [("date", when)] if when else None
    if label in ("author", "authors", "byline", "writer", "reporter"):
        authors, outlet = split_authors(value)
        return [("byline", (authors, outlet))] if authors or outlet else None
    m = _URL.match(value)
    if m:
        return [("url", m.group("url"))]
    return [("outlet", value.strip(" ."))] if len(value) <= 80 else None


def _byline_item(s: str) -> MetaItems | None:
    rest, labelled = strip_by(s)
    if labelled:
        if not rest[:1].isupper() or len(rest.split()) > 24:
            return None  # 'By the time...' is a sentence
        authors, outlet = split_authors(s)
        if not authors and not outlet and (len(rest.split()) > 6 or rest.rstrip()[-1:] in ".!?"):
            return None
        return [("byline", (authors, outlet))]
    if "," in s and not s.rstrip().endswith((".", "!", "?")):
        parts = [p.strip() for p in s.split(",")]
        head = parts[0]
        if looks_like_name(head) or " and " in head:
            others = [p for p in parts[1:] if p]
            if others and all(is_role(p) or outlet_name(p) or KNOWN_OUTLETS.get(p.casefold())
                              or looks_like_name(p) for p in others):
                authors, outlet = split_authors(s)
                if authors:
                    return [("byline", (authors, outlet))]
    return None


def _outlet_item(s: str) -> MetaItems | None:
    if s[-1:] in ".!?,;:\"'\u201d\u2019" or not (s[:1].isupper() or s[:1].isdigit()):
        return None
    words = s.split()
    if len(words) > 6 or len(s) > 60:
        return None
    if "," in s:  # 'BBC News, Washington': a known outlet and its bureau
        head, _, place = s.partition(",")
        known = KNOWN_OUTLETS.get(head.strip().casefold())
        place_words = place.split()
        if known and 1 <= len(place_words) <= 3 and all(w[:1].isupper() for w in place_words):
            return [("outlet", known)]
        return None
    known = outlet_name(s)
    if known:
        return [("outlet", known)]
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS or w == "&" for w in words):
        return None
    if looks_like_name(s):
        return [("name", s)]
    return [("weak_outlet", s)]


_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "la", "le", "du", "des", "der",
                "die", "das", "del", "el", "di", "a", "an", "to"}


def _separated_items(s: str) -> MetaItems | None:
    parts = [p.strip() for p in _SEPARATORS.split(s) if p.strip()]
    if len(parts) < 2 or len(parts) > 6:
        return None
    found: MetaItems = []
    for part in parts:
        items = _single_item(part) or _trailing_date_items(part)
        if not items:
            return None
        found.extend(items)
    return found


def _trailing_date_items(s: str) -> MetaItems | None:
    """'CNN, November 16, 2016' or 'By Jane Doe, 16 Nov 2016': a date after a comma."""
    for m in re.finditer(r",\s*", s):
        when = parse_date(s[m.end():])
        if when is not None:
            head = s[:m.start()].strip()
            items = _single_item(head) if head else []
            return None if items is None else items + [("date", when)]
    return None


# --- the body ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Unit:
    """One paragraph candidate: its joined text, the image alt texts in it, how it started."""

    lines: list[str]
    text: str
    alts: list[str]
    bold: bool
    image_first: bool = False


def _body_blocks(chunks: list[_Chunk], bold: set[int], wrapped: bool | None) -> list[Block]:
    width = _wrap_width(chunks) if wrapped is None else 0
    units = [_make_unit(u, c.index in bold) for c in chunks for u in _units(c.lines, width)]
    candidate = [len(u.lines) == 1 and _is_heading(u.text) and not _BULLET.match(u.lines[0]) for u in units]
    blocks: list[Block] = []
    last = len(units) - 1
    for n, unit in enumerate(units):
        # a heading stands alone between body text: a run of short lines is a list, not headings;
        # but a heading and its sub-heading (a run of two) may stand together before a paragraph
        alone = False
        if candidate[n] and n < last and not (unit.text.endswith(":") and _BULLET.match(units[n + 1].text)
                                              and _reads_as_lead_in(unit.text)):  # a list's lead-in
            before = n and candidate[n - 1]
            if _is_boilerplate(units[n + 1].text):
                pass  # 'Follow Jane Doe on Twitter' above a copyright line ends the article, heads nothing
            elif not candidate[n + 1]:
                alone = not before or (not (n > 1 and candidate[n - 2]) and _pair_ok(units[n - 1], unit))
            elif not before:
                alone = n + 1 < last and not candidate[n + 2] and _pair_ok(unit, units[n + 1])
        blocks.extend(_unit_blocks(unit, alone))
    return _level_headings(blocks)


def _is_boilerplate(text: str) -> bool:
    """The lines that close an article: 'Copyright 2016 CNN', 'Related: ...', 'Read more: ...'."""
    return _CLOSING.match(text) is not None


def _pair_ok(head: _Unit, sub: _Unit) -> bool:
    """Two short lines in a row read as heading and sub-heading unless they look like list items."""
    return not (head.text.endswith(":") or _is_caps(sub.text) and not _is_caps(head.text))


def _reads_as_lead_in(text: str) -> bool:
    """'Organisers asked visitors to follow a few simple rules:' before a list, not 'Key findings:'."""
    words = text.rstrip(":").split()
    if _is_caps(text) or words[0].lower() in _HEADING_STARTS or len(words) > 1 and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words):
        return False  # CAPS, Title Case or 'What we know:': a heading over the list
    return len(words) > 5 or any(w.lower() in _LEAD_IN_VERBS for w in words)


_HEADING_STARTS = {"what", "how", "why", "where", "when", "who", "which", "key", "main", "top"}
_LEAD_IN_VERBS = {"is", "are", "was", "were", "has", "have", "had", "include", "includes", "included",
                  "including", "says", "said", "set", "sets", "asked", "asks", "follow", "follows",
                  "following", "will", "can", "could", "should", "must", "listed", "lists", "named",
                  "gave", "gives", "offered", "offers", "shows", "showed", "outlined", "outlines",
                  "contains", "contained", "covers", "covered", "involve", "involves", "be", "get", "got",
                  "show", "list", "contain", "cover", "offer", "give", "mean", "means", "meant", "found",
                  "find", "finds", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested",
                  "say", "tell", "told", "added", "explained", "noted", "do", "does", "did", "need",
                  "needs", "want", "wants", "wanted", "went", "came", "made", "make", "makes", "took", "take"}


def _make_unit(lines: list[str], bold: bool) -> _Unit:
    if not any("[" in line for line in lines):
        return _Unit(lines, _join(lines), [], bold)
    alts: list[str] = []
    clean: list[str] = []
    for line in lines:
        found, text = _split_images(line)
        alts.extend(found)
        if text.strip():
            clean.append(text)
    first = lines[0].lstrip().lower().startswith("[image:")
    return _Unit(clean, _join(clean) if clean else "", alts, bold, first)


def _wrap_width(chunks: Sequence[_Chunk]) -> int:
    """The column the text was hard-wrapped at, or 0 when each line is a paragraph."""
    longest, multi = 0, False
    for chunk in chunks:
        if len(chunk.lines) < 2:
            continue  # a one-line paragraph says nothing of the wrap (it may never have been wrapped)
        multi = True
        for line in chunk.lines:
            if len(line) > longest and " " in line.strip():
                longest = len(line)
    return longest if multi and 30 <= longest <= 100 else 0


def _units(lines: list[str], width: int) -> list[list[str]]:
    """Split a chunk into paragraphs: a line break is a wrap only where the next word would not have fit."""
    units: list[list[str]] = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if not units or _BULLET.match(line) or not width:
            units.append([line])
            continue
        prev = units[-1][-1]
        word = line.split(None, 1)[0] if line.strip() else ""
        if len(prev) + 1 + len(word) <= width and not _is_continuation(prev, line):
            units.append([line])
        elif _glued_heading(prev, line, lines[i + 1] if i < last else None, width):
            units.append([line])  # a heading with no blank line above it, after a full last line
        else:
            units[-1].append(line)
    return units


def _glued_heading(prev: str, line: str, after: str | None, width: int) -> bool:
    """A short heading line right under a paragraph that ended a sentence, ending early itself."""
    if len(line) > width * 2 // 3 or not prev or prev[-1] not in ".!?\"'\u201d\u2019)":
        return False
    if prev[-1] not in ".!?" and prev.rstrip("\"'\u201d\u2019)")[-1:] not in (".", "!", "?"):
        return False
    if after is not None and len(line) + 1 + len(after.split(None, 1)[0] if after.strip() else "") > width:
        return False  # the line itself was wrapped: it goes on
    return _is_heading(" ".join(line.split()))


def _is_continuation(prev: str, line: str) -> bool:
    return prev.rstrip().endswith("-") or line[:1].islower() and not _BULLET.match(line)


def _split_images(line: str) -> tuple[list[str], str]:
    if "[" not in line:
        return [], line
    alts = [" ".join(m.group(1).split()) for m in _IMAGE.finditer(line)]
    return alts, _IMAGE.sub(" ", line) if alts else line


def _join(lines: list[str]) -> str:
    if len(lines) == 1:
        return " ".join(lines[0].split())
    out: list[str] = []
    for line in lines:
        part = line.strip()
        if out and out[-1].endswith("-") and out[-1][-2:-1].isalpha() and part[:1].isalpha():
            out[-1] += part  # a word broken at the wrap: 'twenty-' + 'five'
        else:
            out.append(part)
    return " ".join(" ".join(out).split())


def _unit_blocks(unit: _Unit, heading: bool) -> list[Block]:
    images = [Block(BlockKind.IMAGE, alt) for alt in unit.alts]
    if not unit.text:
        return images
    kind = _kind(unit, heading)
    text = _strip_bullet(unit.text) if kind is BlockKind.LIST_ITEM else unit.text
    block = Block(kind, text, 1 if kind is BlockKind.HEADING else 0)
    if not images:
        return [block]
    return images + [block] if unit.image_first else [block] + images


def _strip_bullet(text: str) -> str:
    return _BULLET_MARK.sub("", text, count=1) or text


_BULLET_STARTS = set("-*\u2022\u2023\u25aa\u25cf\u25e6\u2013\u2014\u25a0o0123456789abcdefghijklmnopqrstuvwxyz ")


def _kind(unit: _Unit, heading: bool) -> BlockKind:
    first = unit.lines[0]
    if first[:1] in _BULLET_STARTS and _BULLET.match(first):
        return BlockKind.LIST_ITEM
    if first[:1] in "> " and (first.startswith(">") or all(x.startswith("    ") for x in unit.lines)):
        return BlockKind.QUOTE
    if len(unit.lines) == 1 and (heading or unit.bold and _is_bold_heading(unit.text)):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _is_heading(text: str) -> bool:
    """A short line that does not read as a sentence (whether it stands alone is checked apart)."""
    if not text or len(text) > _HEADING_MAX_CHARS or text.count(" ") >= _HEADING_MAX_WORDS:
        return False
    last = text[-1]
    if last in ".!,;\u2026" or last in "\"'\u201d\u2019" and text[-2:-1] in (".", "!", "?", ","):
        return False
    first = text[0]
    if first in _OPEN_QUOTES and not _quoted_title(text):
        return False
    if (first not in _OPEN_QUOTES and not (first.isupper() or first.isdigit())) or not any(c.isalpha() for c in text):
        return False
    if last == ":" and _introduces_speech(text):
        return False
    return not (_DATELINE.match(text) or _sentence_break(text) or _URL.match(text)
                or _CLOSING.match(text) or _NOT_HEADING.match(text))


_SPEECH_VERBS = {"said", "says", "say", "added", "adds", "told", "tells", "wrote", "writes", "explained",
                 "explains", "stated", "states", "declared", "noted", "notes", "warned", "warns", "tweeted",
                 "continued", "announced", "asked", "asks", "replied", "replies", "reads", "read", "posted",
                 "insisted", "argued", "argues", "recalled", "recalls", "concluded", "saying"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def _introduces_speech(text: str) -> bool:
    """'In a statement, the ministry said:' or 'He added:' leads into a quote; it heads nothing."""
    if _is_caps(text) or all(w[:1].isupper() or w in _SMALL_WORDS for w in text.split()):
        return False  # 'CLIMATE SCIENTISTS SAY:', 'What Experts Say:': set as headings
    words = text.rstrip(":").lower().split()
    return bool(words) and (words[-1] in _SPEECH_VERBS or words[0] in _PRONOUNS and 1 < len(words) <= 6)


_ABBREVIATIONS = {"gov", "sen", "rep", "gen", "col", "sgt", "capt", "prof", "rev", "mt", "ft", "vs", "inc",
                  "corp", "ltd", "no", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                  "oct", "nov", "dec", "est", "dept", "univ", "ave", "blvd", "adm", "lt", "cmdr", "pres"}


def _sentence_break(text: str) -> bool:
    """Two sentences in one line ('It rained. Then it stopped'), but not 'Gov. Smith responds'."""
    for m in _SENTENCE_BREAK.finditer(text):
        start = text.rfind(" ", 0, m.start() + 2) + 1
        if text[start:m.start() + 2].lower().lstrip("(\"'\u201c\u2018") not in _ABBREVIATIONS:
            return True
    return False


_OPEN_QUOTES = "\"'\u201c\u2018"
_CLOSE_QUOTES = {"\"": "\"", "'": "'\u2019", "\u201c": "\u201d\"", "\u2018": "\u2019'"}
_CLOSING = re.compile(r"(?:related(?:\s+(?:stories|articles|coverage|content|links?))?|read\s+more|see\s+also|"
                      r"also\s+read|read\s+also|more\s+on\s+this(?:\s+story)?|more|recommended|further\s+reading|"
                      r"copyright|\u00a9|\(c\))(?:\s*:|\s+\d{4}\b|(?<=copyright)\s|(?<=\u00a9))", re.IGNORECASE)
_NOT_HEADING = re.compile(r"(?:watch|listen|editor'?s\s+note|note|sources?|photo|photograph|pictures?|images?|"
                          r"illustration|caption|graphic|credit)\s*:"
                          r"|(?:advertisement|advertising|story continues below(?: advertisement)?|"
                          r"continue reading(?: the main story)?|scroll to continue(?: with content)?)$",
                          re.IGNORECASE)


def _quoted_title(text: str) -> bool:
    """A heading quoting words: 'We are tired' or \u201cA city of tenants\u201d, not a quoted sentence."""
    if len(text) < 4 or text[-1] not in _CLOSE_QUOTES[text[0]] or not text[1:2].isupper():
        return False
    inner = text[1:-1]
    return text[0] not in "\"\u201c" or not any(q in inner for q in "\"\u201c\u201d")


def _is_bold_heading(text: str) -> bool:
    return len(text) <= 150 and len(text.split()) <= 20 and not text.endswith(".")


def _level_headings(blocks: list[Block]) -> list[Block]:
    """CAPS headings rank above others when a body has both; otherwise all are level 1."""
    heads = [b for b in blocks if b.kind is BlockKind.HEADING]
    caps = {id(b) for b in heads if _is_caps(b.text)}
    if not caps or len(caps) == len(heads):
        return blocks
    return [Block(b.kind, b.text, 1 if id(b) in caps else 2) if b.kind is BlockKind.HEADING else b
            for b in blocks]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
