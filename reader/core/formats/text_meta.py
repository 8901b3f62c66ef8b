"""Plain text's metadata block: the short lines under a headline that give date, byline, outlet, link."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from reader.core.article import Byline
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
from reader.core.lazy_re import lazy

IMAGE = lazy(r"\[image:([^\[\]\n]{0,500})\]", re.IGNORECASE)
URL = lazy(r"^(?:(?:source|url|link|original|web|online|read online|view online)\s*:?\s*)?"
           r"<?(?P<url>(?:https?://|www\.)[^\s<>]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*"
           r"\.(?:com|org|net|co\.uk|com\.au|news|info|eu|de|fr|uk|ca|ie|in|io)/[^\s<>]*)>?$", re.IGNORECASE)
_DATE_BY = lazy(r"^(?P<date>.{6,60}?),?\s+(?P<by>by\s+\S.*)$", re.IGNORECASE)
_LABEL = lazy(r"^(?P<label>source|outlet|publication|publisher|published in|newspaper|agency|"
              r"author|authors|byline|writer|reporter|date|published|dateline)\s*:\s*(?P<value>.+)$",
              re.IGNORECASE)
_SEPARATORS = lazy(r"\s+[|\u2022\u00b7\u2013\u2014]\s+|\s+-{1,2}\s+")
_SECTION_WORDS = {
    "introduction", "background", "summary", "overview", "analysis", "abstract", "contents",
    "conclusion", "context", "highlights", "key points", "update", "updates", "opinion",
    "editorial", "comment", "breaking", "breaking news", "exclusive", "live", "explainer",
}
_META_MAX_CHARS = 200


@dataclass
class Meta:
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
class Chunk:
    """Lines between blank lines; ``index`` is the source paragraph for docx hints."""

    lines: list[str]
    index: int = -1


def take_metadata(chunks: list[Chunk]) -> tuple[Meta, list[Chunk]]:
    """Short lines after the headline: date, byline, outlet, link. The rest is body."""
    meta = Meta()
    body: list[Chunk] = []
    i, first, skipped = 0, True, False
    while i < len(chunks) and i < 4:
        chunk = chunks[i]
        items = [meta_items(line) for line in chunk.lines[:12]]
        lead = 0
        while lead < len(items) and items[lead]:
            lead += 1
        if not lead and first and (k := _meta_tail(items, len(chunk.lines))):
            body.append(Chunk(chunk.lines[:k], chunk.index))  # a standfirst above the byline
            _add_meta(meta, items[k:])
            first, i = False, i + 1
            continue
        strong = any(kind in ("date", "url", "byline", "outlet") for it in items[:lead] for kind, _ in it or ())
        whole = lead == len(chunk.lines)
        if lead and strong and not whole and first:
            _add_meta(meta, items[:lead])
            body.append(Chunk(chunk.lines[lead:], chunk.index))
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


def _solid_chunk(items: list[MetaItems | None], meta: Meta, chunk: Chunk) -> bool:
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


def _strong_chunk(chunk: Chunk) -> bool:
    items = [meta_items(line) for line in chunk.lines[:12]]
    return len(chunk.lines) <= 12 and all(items) and any(
        kind in ("date", "url", "byline") for it in items for kind, _ in it or ())


def _weak_chunk_ok(chunk: Chunk, more_follows: bool) -> bool:
    """A chunk of bare short names only (an outlet line): metadata unless it reads as a heading."""
    if not more_follows or len(chunk.lines) > 3:
        return False
    return all(line.strip().casefold().rstrip(":") not in _SECTION_WORDS for line in chunk.lines)


def _add_meta(meta: Meta, items: Iterable[list[tuple[str, object]] | None]) -> None:
    for line_items in items:
        for kind, value in line_items or ():
            _add_item(meta, kind, value)


def _add_item(meta: Meta, kind: str, value: object) -> None:
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


def meta_items(line: str) -> MetaItems | None:
    """What a metadata line says, or None when it is not one."""
    s = " ".join(line.split())
    if not s or len(s) > _META_MAX_CHARS or IMAGE.search(s):
        return None
    return _separated_items(s) or _single_item(s) or _trailing_date_items(s)


def _single_item(s: str) -> MetaItems | None:
    m = URL.match(s)
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
    m = URL.match(value)
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
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in SMALL_WORDS or w == "&" for w in words):
        return None
    if looks_like_name(s):
        return [("name", s)]
    return [("weak_outlet", s)]


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "la", "le", "du", "des", "der",
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


def split_images(line: str) -> tuple[list[str], str]:
    """The alt texts of a line's '[image: ...]' markers, and the line without them."""
    if "[" not in line:
        return [], line
    alts = [" ".join(m.group(1).split()) for m in IMAGE.finditer(line)]
    return alts, IMAGE.sub(" ", line) if alts else line
