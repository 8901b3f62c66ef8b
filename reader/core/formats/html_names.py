"""Names in bylines: 'By Jane Doe and John Roe' -> ['Jane Doe', 'John Roe'], job titles left out."""
from __future__ import annotations

import re

from reader.core.formats.html_dates import find_written_dates
from reader.core.formats.html_page import URLISH, clean

_BY = re.compile(r"^\s*(?:written\s+|posted\s+|words\s+)?by[:\s]+", re.IGNORECASE)


_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\band\b|\|)\s*", re.IGNORECASE)


_BY_PREFIX = re.compile(r"^(?:view\s+all\s+(?:posts|articles)\s+by|(?:more\s+)?(?:posts|articles|stories)"
                        r"\s+by|posted\s+by|written\s+by|reviewed\s+by|author:?|by:?)\s+", re.IGNORECASE)


_NOT_AUTHOR = re.compile(r"^\d|\d{1,2}:\d\d|\w\.\w+\.\w|[{}<>=]|^(?:sign\s+in|log\s*in|e-?mail|home|share|"
                         r"author|follow|posts?|more|menu|about|contact|category|written\s+by|posted\s+by)$", re.IGNORECASE)


ROLE = re.compile(
    r"\b(?:editors?|writers?|reporters?|journalists?|analysts?|columnists?|correspondents?|contributors?|"
    r"director|manager|producer|founder|co-founder|ceo|cto|coo|officer|president|expert|"
    r"coordinator|strategist|specialist|consultant|head\s+of|staff\s+writer|senior|associate|"
    r"chief|intern|fellow|professor|managing|executive|deputy|contributing|assistant)\b", re.IGNORECASE)


def _without_roles(parts: list[str]) -> list[str]:
    """Job titles beside names go: ['Sean Peek', 'Senior Analyst'] -> ['Sean Peek'].

    A byline made of a title alone ('Our Editors') is kept: it is all the page says.
    """
    if all(ROLE.search(p) for p in parts):
        return parts
    out = []
    for part in parts:
        role = ROLE.search(part)
        if not role:
            out.append(part)
            continue
        name = part[: role.start()].strip()
        words = name.split()
        if 2 <= len(words) <= 3 and not name.isupper() and all(w[:1].isupper() for w in words):
            out.append(name)
    return out


_MONTH_ONLY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$|^\d", re.IGNORECASE)


MAX_NAMES = 100  # a byline longer than this is a list of something else; the rest is left out


def split_authors(text: str) -> list[str]:
    """'By Jane Doe and John Roe' -> ['Jane Doe', 'John Roe']; job titles are left out."""
    text = _BY_PREFIX.sub("", _BY.sub("", clean(text)))
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        if len(names) >= MAX_NAMES:
            break
        part = _BY_PREFIX.sub("", _BY.sub("", part)).strip(" .,:;\u00b7|-*\u2022")
        if (part and len(part) < 60 and not URLISH.search(part) and "@" not in part
                and not _NOT_AUTHOR.search(part) and not next(find_written_dates(part), None)
                and not _MONTH_ONLY.match(part)):
            names.append(part)
    return _without_roles(names)


def dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


NAME = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][\w'\u2019.-]*"


NOT_NAME = re.compile(r"^(?:The|This|Our|Updated|Published|Last|On|In|Editorial|Staff|Team|Reviewed|"
                       r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


_JOINER = re.compile(r"^(?:,|and|&|,\s*and)$", re.IGNORECASE)


_JOINS_ON = re.compile(r"^(?:and|&)\s+[A-Z\u00c0-\u00de]")  # 'and John Roe' after a linked 'Jane Doe'


PERSON = re.compile(rf"({NAME}(?:\s+(?:(?:van|von|de|der|da|del|la|le|bin|al)\s+)?{NAME}){{1,3}})(?:\s+in)?")


COMMON_WORDS = frozenset((
    "top", "best", "new", "news", "blog", "home", "recent", "posts", "post", "trends", "guide",
    "how", "what", "why", "development", "services", "service", "share", "comments", "comment", "read", "more", "menu", "search", "contact",
    "about", "tips", "learn", "health", "business", "tech", "technology", "review", "reviews",
    "category", "notes", "journal", "times", "daily", "weekly", "magazine", "digest", "press",
    "media", "studio", "labs", "group", "partners", "capital", "bank", "insurance", "company"))


_GROUP_WORDS = frozenset(("desk", "newsroom", "bureau", "staff", "team", "editors"))  # 'Global Desk' is no one


def plain_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 3 and not any(w.casefold() in COMMON_WORDS or w.casefold() in _GROUP_WORDS
                                            or w.isupper() for w in words)


_NAME_END = re.compile(r"\s+(?:on|in|at)\s.*$|\s+(?:(?-i:on|in|at)|posted|published|updated)(?:\s.*)?$"
                       r"|\s*[|\u2022\u00b7].*$", re.IGNORECASE)  # a capital 'On' ending a name is part of it


def names_from(rest: str, following: list[str]) -> list[str]:
    rest = _NAME_END.sub("", rest)
    parts = [rest] if rest else []
    if not rest or rest.endswith((" and", "&")):  # 'By Jane Doe and' / a linked 'John Roe'
        for line in following:
            if parts and next(find_written_dates(line), None) is not None:
                break  # 'By Jane Doe' / ',' / 'May 3, 2025': the date ends the byline
            if parts and not _JOINER.match(line) and not _JOINER.match(parts[-1]) \
                    and not parts[-1].endswith((",", "&", " and")) and not _JOINS_ON.match(line):
                break
            parts.append(line)
    names = split_authors(_NAME_END.sub("", " ".join(parts)))
    if not names or _NOT_BYLINE.match(names[0]) or len(names[0].split()) > 5 \
            or not (names[0][:1].isupper() or _TEAM.match(names[0])):
        return []
    return names


_TEAM = re.compile(r"the\s+[A-Z]\S*(?:\s+\S+){0,2}\s+(?:Team|Staff|Editors)$")  # 'By the Lavazza Team'


_NOT_BYLINE = re.compile(r"^(?:Updated|Published|Last|On|In|Reviewed|Edited|Jan|Feb|Mar|Apr|May|Jun|Jul|"
                         r"Aug|Sep|Oct|Nov|Dec|Continue|Read|Share|Email|Sign|Log|Subscribe)\b")


def looks_like_person(name: str) -> bool:
    """'Jane Doe', 'Dr. Jane Q. Doe', 'Jane (Roe) Doe' with a maiden name or nickname in brackets."""
    name = re.sub(r"\s\([A-Z][\w'\u2019.-]*\)(?=\s)", "", name)
    m = PERSON.fullmatch(re.sub(r"^(?:Dr\.?|Prof\.?)\s+", "", name))
    return m is not None and plain_name(re.sub(r"\s[A-Z]\.(?=\s)", "", m[1])) and not NOT_NAME.match(name)
