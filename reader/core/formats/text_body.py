"""Plain text's body: paragraphs from wrapped lines, lists, quotes, and the headings among them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.article import Block, BlockKind
from reader.core.formats.text_meta import SMALL_WORDS, URL, Chunk, split_images
from reader.core.lazy_re import lazy

_BULLET = lazy(r"^\s*(?:[-*\u2022\u2023\u25aa\u25cf\u25e6\u2013\u2014\u25a0o]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)")
_BULLET_MARK = lazy(r"^\s*[-*\u2022\u2023\u25aa\u25cf\u25e6\u2013\u2014\u25a0o]\s+")
_DATELINE = lazy(r"^[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([^)]{1,30}\))?\s*(?:--|\u2014|\u2013|-)\s")
_SENTENCE_BREAK = lazy(r"[a-z\d)]{2}[.!?][\"'\u201d\u2019]?\s+[A-Z\"\u201c]")
_HEADING_MAX_CHARS = 120
_HEADING_MAX_WORDS = 16


@dataclass(slots=True)
class _Unit:
    """One paragraph candidate: its joined text, the image alt texts in it, how it started."""

    lines: list[str]
    text: str
    alts: list[str]
    bold: bool
    image_first: bool = False


def body_blocks(chunks: list[Chunk], bold: set[int], wrapped: bool | None) -> list[Block]:
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
            w[:1].isupper() or w[:1].isdigit() or w.lower() in SMALL_WORDS for w in words):
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
        found, text = split_images(line)
        alts.extend(found)
        if text.strip():
            clean.append(text)
    first = lines[0].lstrip().lower().startswith("[image:")
    return _Unit(clean, _join(clean) if clean else "", alts, bold, first)


def _wrap_width(chunks: Sequence[Chunk]) -> int:
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
    return not (_DATELINE.match(text) or _sentence_break(text) or URL.match(text)
                or _CLOSING.match(text) or _NOT_HEADING.match(text))


_SPEECH_VERBS = {"said", "says", "say", "added", "adds", "told", "tells", "wrote", "writes", "explained",
                 "explains", "stated", "states", "declared", "noted", "notes", "warned", "warns", "tweeted",
                 "continued", "announced", "asked", "asks", "replied", "replies", "reads", "read", "posted",
                 "insisted", "argued", "argues", "recalled", "recalls", "concluded", "saying"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def _introduces_speech(text: str) -> bool:
    """'In a statement, the ministry said:' or 'He added:' leads into a quote; it heads nothing."""
    if _is_caps(text) or all(w[:1].isupper() or w in SMALL_WORDS for w in text.split()):
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
_CLOSING = lazy(r"(?:related(?:\s+(?:stories|articles|coverage|content|links?))?|read\s+more|see\s+also|"
                r"also\s+read|read\s+also|more\s+on\s+this(?:\s+story)?|more|recommended|further\s+reading|"
                r"copyright|\u00a9|\(c\))(?:\s*:|\s+\d{4}\b|(?<=copyright)\s|(?<=\u00a9))", re.IGNORECASE)
_NOT_HEADING = lazy(r"(?:watch|listen|editor'?s\s+note|note|sources?|photo|photograph|pictures?|images?|"
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
