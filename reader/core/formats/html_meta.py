"""Web page metadata: headline, authors, date and address from JSON-LD, meta tags and the page."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "techarticle", "scholarlyarticle", "liveblogposting", "report", "socialmediaposting",
    "posting", "review", "medicalwebpage", "satiricalarticle", "advertisercontentarticle",
})
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "howto", "recipe"})
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb)\s+|:\s+")
_DASHES = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb)\s+")
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")  # a word as reader.core.article.count_words counts it
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)\b", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:written\s+|posted\s+|words\s+)?by[:\s]+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\band\b|\|)\s*", re.IGNORECASE)
_MAX_SCRIPT = 2_000_000


@dataclass
class PageMeta:
    """What the page says about itself; empty fields were not found."""

    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    words: int = 0


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def clean_value(text: str | None) -> str:
    """A meta or JSON-LD value: entities (often escaped twice) decoded, white space folded."""
    text = text or ""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    return clean(text)


def node_text(node: LexborNode) -> str:
    return clean(node.text(separator=" "))


# ---------------------------------------------------------------- JSON-LD


def _walk_ld(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in obj:
                yield from _walk_ld(obj[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).rsplit("/", 1)[-1].casefold() for k in kinds}


def json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members flattened."""
    found: list[dict[str, Any]] = []
    for script in tree.css('script[type="application/ld+json"]'):
        text = script.text()
        if not text or len(text) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(text.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_walk_ld(data))
    return found


def _ld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    for wanted in (ARTICLE_TYPES, _PAGE_TYPES):
        for obj in objects:
            if _types(obj) & wanted and (obj.get("headline") or obj.get("author")
                                          or obj.get("datePublished")):
                return obj
    return None


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> list[str]:
    if depth > 3 or value is None:
        return []
    if isinstance(value, str):
        return [clean_value(value)]
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v, by_id, depth + 1)]
    if isinstance(value, dict):
        if "name" not in value and value.get("@id") in by_id:
            value = by_id[value["@id"]]
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, dict):
            name = name.get("@value")
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName', '')} {value.get('familyName', '')}"
        return [clean_value(str(name))] if name else []
    return []


def _first_str(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("@value") or ""
    return clean_value(str(value)) if value else ""


# ---------------------------------------------------------------- dates


def parse_date(text: str) -> date | None:
    """A date from an ISO stamp or a written date; None when there is none."""
    text = clean(text)[:80]
    if not text:
        return None
    m = _ISO.search(text)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if text.isdigit() and len(text) in (10, 13):  # a Unix time stamp
        from datetime import datetime, timezone

        try:
            secs = int(text) / (1000 if len(text) == 13 else 1)
            return datetime.fromtimestamp(secs, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    return _written_date(text)


def _make_date(y: int, m: int, d: int) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 1990 <= y <= 2100 else None


_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for m in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_VISIBLE_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?P<y6>(?:19|20)\d\d)\s+(?P<m6>{_MONTH})\.?\s+(?P<d6>\d{{1,2}})\b"
    r"|\b(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d\d)[-/.](?P<d3>\d\d)\b"
    r"|\b(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>(?:19|20)\d\d)\b"
    r"|\b(?P<d5>\d{1,2})[.-](?P<m5>\d{1,2})[.-](?P<y5>(?:19|20)\d\d)\b", re.IGNORECASE)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value.casefold()]


def find_written_dates(text: str) -> Iterator[tuple[re.Match[str], date]]:
    """Every date written out in running text, in order: 'Aug 4, 2025', '4 August 2025', '2025-08-04'."""
    for m in _VISIBLE_DATE.finditer(text):
        groups = m.groupdict()
        i = next(k for k in "123456" if groups[f"y{k}"])
        found = _make_date(int(groups[f"y{i}"]), _month(groups[f"m{i}"]), int(groups[f"d{i}"]))
        if found:
            yield m, found


def _written_date(text: str) -> date | None:
    for _, found in find_written_dates(text):
        return found
    return None


# ---------------------------------------------------------------- authors


_BY_PREFIX = re.compile(r"^(?:view\s+all\s+(?:posts|articles)\s+by|(?:more\s+)?(?:posts|articles|stories)"
                        r"\s+by|posted\s+by|written\s+by|reviewed\s+by|author:?|by:?)\s+", re.IGNORECASE)
_NOT_AUTHOR = re.compile(r"^\d|\d{1,2}:\d\d|\w\.\w+\.\w|[{}<>=]|^(?:sign\s+in|log\s*in|e-?mail|home|share|"
                         r"author|follow|posts?|more|menu|about|contact|category|written\s+by|posted\s+by)$", re.IGNORECASE)


_ROLE = re.compile(
    r"\b(?:editor|editors|writer|reporter|journalist|analyst|columnist|correspondent|contributor|"
    r"director|manager|producer|founder|co-founder|ceo|cto|coo|officer|president|expert|"
    r"coordinator|strategist|specialist|consultant|head\s+of|staff\s+writer|senior|associate|"
    r"chief|intern|fellow|professor)\b", re.IGNORECASE)


def _without_roles(parts: list[str]) -> list[str]:
    """Job titles beside names go: ['Sean Peek', 'Senior Analyst'] -> ['Sean Peek'].

    A byline made of a title alone ('Our Editors') is kept: it is all the page says.
    """
    if all(_ROLE.search(p) for p in parts):
        return parts
    out = []
    for part in parts:
        role = _ROLE.search(part)
        if not role:
            out.append(part)
            continue
        name = part[: role.start()].strip()
        words = name.split()
        if 2 <= len(words) <= 3 and not name.isupper() and all(w[:1].isupper() for w in words):
            out.append(name)
    return out


_MONTH_ONLY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$|^\d", re.IGNORECASE)


def split_authors(text: str) -> list[str]:
    """'By Jane Doe and John Roe' -> ['Jane Doe', 'John Roe']; job titles are left out."""
    text = _BY_PREFIX.sub("", _BY.sub("", clean(text)))
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _BY_PREFIX.sub("", _BY.sub("", part)).strip(" .,:;\u00b7|-*\u2022")
        if (part and len(part) < 60 and not _URLISH.search(part) and "@" not in part
                and not _NOT_AUTHOR.search(part) and not next(find_written_dates(part), None)
                and not _MONTH_ONLY.match(part)):
            names.append(part)
    return _without_roles(names)


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


# ---------------------------------------------------------------- the page


class _Page:
    """Lazy access to one parsed page's meta tags and elements."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.tree = tree
        self.meta: dict[str, list[str]] = {}
        for node in tree.css("meta"):
            attrs = node.attributes
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            value = attrs.get("content")
            if key and value:
                self.meta.setdefault(key.strip().casefold(), []).append(clean_value(value))
        self.ld = json_ld(tree)
        self.article = _ld_article(self.ld)
        self._text: str | None = None
        self._lines: list[str] | None = None
        self.by_id = {str(o["@id"]): o for o in self.ld if isinstance(o.get("@id"), str)}

    def first(self, *keys: str) -> str:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return ""

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = page_lines(self.tree)
        return self._lines

    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(self.lines())
        return self._text

    def art(self, key: str) -> Any:
        return self.article.get(key) if self.article else None


def _site_names(page: _Page) -> list[str]:
    names = [page.first("og:site_name", "application-name", "apple-mobile-web-app-title",
                         "twitter:site").lstrip("@")]
    for obj in page.ld:
        if _types(obj) & {"organization", "newsmediaorganization", "website"}:
            names.extend(_ld_names(obj.get("name"), {}))
    publisher = page.art("publisher")
    names.extend(_ld_names(publisher, page.by_id))
    host = re.sub(r"^www\.", "", urlsplit(find_url(page) or "").hostname or "")
    if host:
        names.extend((host, host.rsplit(".", 1)[0]))
    return [n for n in (clean(n) for n in names) if n]


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def strip_site(title: str, sites: list[str]) -> str:
    """'Headline | Section | Site' -> 'Headline'; also 'Site - Headline'."""
    for site in sites:  # 'example.com Headline', with no separator at all
        if "." in site and len(title) > len(site) + 10:
            if title.casefold().startswith(site.casefold() + " "):
                title = title[len(site):].strip()
            elif title.casefold().endswith(" " + site.casefold()):
                title = title[: -len(site)].strip()
    for _ in range(3):
        shorter = _strip_site_once(title, sites)
        if shorter == title or not shorter:
            break
        title = shorter
    return _TRAILING_JUNK.sub("", title)


_TRAILING_JUNK = re.compile(r"\s+[^\w\s?!.)\]\"'\u2019\u201d]{1,2}$")


def _strip_site_once(title: str, sites: list[str]) -> str:
    """'Headline | Site' -> 'Headline'; also 'Site - Headline'."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    folded_sites = {_fold(s) for s in sites if s}
    for cut in (parts[-1], parts[0]):
        fc = _fold(cut)
        if fc and any(fc == s or (len(fc) > 3 and fc in s) or (len(s) > 3 and s in fc and len(fc) <= len(s) + 8)
                      for s in folded_sites):
            rest = title[len(cut):] if cut is parts[0] else title[: len(title) - len(cut)]
            return _trim_sep(rest)
    parts = _DASHES.split(title)
    last = parts[-1]
    if len(parts) > 1 and len(last.split()) <= 4 and len(clean(" ".join(parts[:-1])).split()) >= 3:
        return _trim_sep(title[: len(title) - len(last)])
    return title


def _trim_sep(text: str) -> str:
    return clean(re.sub(r"^\s*(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb|/|:)\s*|"
                        r"\s*(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb|/|:)\s*$", "", text))


_CHROME = frozenset({"nav", "footer", "aside"})
_CHROME_CLASS = re.compile(r"(?:^|[\s_-])(?:logo|brand|site-?(?:title|name|header)|masthead|navbar|nav|menu|"
                           r"sidebar|footer)(?:$|[\s_-])", re.IGNORECASE)


def _h1_place(node: LexborNode) -> str:
    """'article' inside the article or main, 'chrome' in a site header/nav/aside, else 'page'."""
    in_header = False
    parent = node.parent
    depth = 0
    while parent is not None and depth < 40:
        tag = parent.tag or ""
        if tag in _CHROME or _CHROME_CLASS.search(parent.attributes.get("class") or ""):
            return "chrome"
        if tag in ("article", "main") or parent.attributes.get("itemprop") == "articleBody":
            return "article"
        in_header = in_header or tag == "header"
        parent, depth = parent.parent, depth + 1
    return "chrome" if in_header else "page"


def _h1s(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    out = []
    for node in tree.css("h1")[:8]:
        text = clean_value(node_text(node))
        if text and len(text) < 400:
            out.append((text, _h1_place(node)))
    return out


def _similar(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    short, long = sorted((fa, fb), key=len)
    if fa == fb or (len(short) >= 12 and len(short) * 2 >= len(long) and long.startswith(short)):
        return True
    return any(t.startswith(h) and _SEPARATORS.match(t, len(h)) is not None for h, t in ((a, b), (b, a)))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2}


def _related(h1: str, titles: list[str]) -> bool:
    """Whether a heading shares enough words with the page's titles to be the article's own."""
    words = _words(h1)
    titles = [t for t in titles if t]
    if not titles:
        return True
    return bool(words) and any(len(words & _words(t)) * 4 >= len(words) for t in titles)


def _better_case(h1: str, titles: list[str]) -> str:
    """An all-capitals heading in the capitals of a title that says the same."""
    if not h1.isupper():
        return h1
    for t in titles:
        if _fold(t) == _fold(h1) and not t.isupper():
            return t
    return h1


def find_headline(page: _Page) -> str:
    sites = _site_names(page)
    title_node = page.tree.css_first("title")
    title = node_text(title_node) if title_node else ""
    metas = [clean(str(_first_str(page.art("headline")))),
             page.first("og:title", "twitter:title", "parsely-title", "sailthru.title",
                        "dc.title", "headline", "title")]
    metas = [m for m in metas if m]
    stripped_title = strip_site(title, sites) if title else ""
    h1s = _h1s(page.tree)
    folded_sites = {_fold(s) for s in sites} | {_fold(title)}
    for h1, _ in h1s:
        if _fold(h1) not in folded_sites and any(_similar(h1, m) for m in metas + [title, stripped_title]):
            return _better_case(h1, metas + [stripped_title])
    plausible = [h for h, place in h1s if place != "chrome" and _fold(h) not in folded_sites
                 and len(h.split()) >= 2]
    in_article = [h for h, place in h1s if place == "article" and h in plausible]
    if in_article and _related(in_article[0], metas + [title]):
        return in_article[0]
    if len(plausible) == 1 and _related(plausible[0], metas + [title]):
        return plausible[0]
    for m in metas:
        return strip_site(m, sites)
    if stripped_title and _fold(stripped_title) not in folded_sites - {_fold(title)}:
        return stripped_title
    return plausible[0] if plausible else h1s[0][0] if h1s else stripped_title


_NAME = r"[A-Z\u00c0-\u00d6\u00d8-\u00de][\w'\u2019.-]*"
_FULL_NAME = rf"{_NAME}(?:\s+(?:(?:van|von|de|der|da|del|la|le|bin|al)\s+)?{_NAME}){{0,3}}"
_NOT_NAME = re.compile(r"^(?:The|This|Our|Updated|Published|Last|On|In|Editorial|Staff|Team|Reviewed|"
                       r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


_BY_LINE = re.compile(r"^(?:[Bb]y|BY|[Pp]osted\s+by|[Ww]ritten\s+[Bb]y|WRITTEN\s+BY|[Aa]uthors?|AUTHORS?|[Ww]ords)\b\s*:?\s*(.*)$"
                      r"|^(?:[Pp]ublished|[Pp]osted|[Rr]ecommended|[Rr]eported|[Ii]nterview|[Ss]tory|[Tt]ext)\b"
                      r".{0,50}\s(?:by|BY):?\s*(.*)$")
_JOINER = re.compile(r"^(?:,|and|&|,\s*and)$", re.IGNORECASE)


def _headline_line(page: _Page, headline: str) -> int:
    lines = page.lines()
    key = _fold(headline)[:30]
    if not key:
        return -1
    for i, line in enumerate(lines):
        if key in _fold(line) or (len(_fold(line)) >= 8 and key.startswith(_fold(line))):
            return i
    return -1


def _shown_authors(page: _Page, headline: str) -> list[str]:
    """The byline printed near the headline: 'By Jane Doe and John Roe'."""
    lines = page.lines()
    at = _headline_line(page, headline)
    if at < 0:
        return []
    for i in [*range(at + 1, min(len(lines), at + 25)), *range(max(0, at - 8), at)]:
        m = _BY_LINE.match(lines[i]) if len(lines[i]) < 120 else None
        if not m:
            continue
        names = _names_from(m[1] or m[2] or "", lines[i + 1:i + 12])
        if names:
            return names
    return _name_beside_date(page, lines, at)


_PERSON = re.compile(rf"({_NAME}(?:\s+{_NAME}){{1,3}})(?:\s+in)?")


_AUTHORISH = ('a[href*="author"], a[href*="/people/"], a[href*="/profile"], a[rel~="author"], '
              '[class*="author"], [class*="byline"], [itemprop="author"], [class*="writer"]')


def _authorish_texts(tree: LexborHTMLParser) -> set[str]:
    texts = set()
    for node in tree.css(_AUTHORISH)[:200]:
        text = node_text(node)
        if 2 < len(text) < 80:
            texts.add(text)
    return texts


def _name_beside_date(page: _Page, lines: list[str], at: int) -> list[str]:
    """A bare name printed under the headline in an author element or link: 'Jane Doe'."""
    authorish: set[str] | None = None
    for j in [*range(at + 1, min(len(lines), at + 12)), *range(max(0, at - 3), at)]:
        m = _PERSON.fullmatch(lines[j])
        if not m or _NOT_NAME.match(m[1]) or len(m[1]) > 40:
            continue
        if authorish is None:
            authorish = _authorish_texts(page.tree)
        if lines[j] in authorish or m[1] in authorish:
            return _names_from("", lines[j:j + 12]) or [m[1]]
        near = " ".join(lines[max(at + 1, j - 2):j + 3])
        if at < j <= at + 4 and _plain_name(m[1]) and next(find_written_dates(near), None):
            return _names_from("", lines[j:j + 12]) or [m[1]]
    return []


_COMMON = frozenset((
    "top", "best", "new", "news", "blog", "home", "recent", "posts", "post", "trends", "guide",
    "how", "what", "why", "development", "services", "service", "share", "comments", "comment", "read", "more", "menu", "search", "contact",
    "about", "tips", "learn", "health", "business", "tech", "technology", "review", "reviews",
    "category"))


def _plain_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 3 and not any(w.casefold() in _COMMON or w.isupper() for w in words)


_NAME_END = re.compile(r"\s+(?:on|in|at|posted|published|updated)(?:\s.*)?$|\s*[|\u2022\u00b7].*$",
                       re.IGNORECASE)


def _names_from(rest: str, following: list[str]) -> list[str]:
    rest = _NAME_END.sub("", rest)
    parts = [rest] if rest else []
    if not rest:
        for line in following:
            if parts and not _JOINER.match(line) and not _JOINER.match(parts[-1]) \
                    and not parts[-1].endswith((",", "&", " and")):
                break
            parts.append(line)
    names = split_authors(_NAME_END.sub("", " ".join(parts)))
    if not names or _NOT_BYLINE.match(names[0]) or len(names[0].split()) > 5 \
            or not names[0][:1].isupper():
        return []
    return names


_NOT_BYLINE = re.compile(r"^(?:Updated|Published|Last|On|In|Reviewed|Edited|Jan|Feb|Mar|Apr|May|Jun|Jul|"
                         r"Aug|Sep|Oct|Nov|Dec|Continue|Read|Share|Email|Sign|Log|Subscribe)\b")


def find_authors(page: _Page, headline: str) -> list[str]:
    shown = _shown_authors(page, headline)
    if shown:
        return _dedupe(shown)
    names = _ld_names(page.art("author"), page.by_id) or _ld_names(page.art("creator"), page.by_id)
    if not names:
        for key in ("author", "parsely-author", "sailthru.author", "article:author",
                    "dc.creator", "byl", "citation_author", "dcterms.creator"):
            values = [v for v in page.meta.get(key, ()) if not _URLISH.search(v)]
            if values:
                names = values
                break
    if not names:
        names = _dom_authors(page.tree)
    out: list[str] = []
    for name in names:
        out.extend(split_authors(name))
    return _dedupe(out)


def _dom_authors(tree: LexborHTMLParser) -> list[str]:
    for selector in ('[itemprop="author"] [itemprop="name"]', '[itemprop="author"]',
                     'a[rel="author"]', '[class*="byline"] a', '[class*="byline"]',
                     '[class*="author-name"]', '[class*="author"] a'):
        names = [n for node in tree.css(selector)[:6] for n in split_authors(node_text(node))]
        names = [n for n in names if len(n.split()) <= 5 and not _NOT_NAME.match(n)]
        if names:
            return names
    return []


def find_date(page: _Page, headline: str) -> date | None:
    shown, updated = _shown_dates(page, headline)
    if shown:
        return shown
    for text in _meta_dates(page):
        found = parse_date(text) if text else None
        if found:
            return found
    if updated:
        return updated
    for node in page.tree.css("time[datetime]")[:3]:
        found = parse_date(node.attributes.get("datetime") or "")
        if found:
            return found
    return _dated_element(page.tree)


_DATED = ('time, [class*="date"], [class*="posted"], [class*="publish"], [class*="meta"], '
          '[class*="byline"]')


def _dated_element(tree: LexborHTMLParser) -> date | None:
    """A written date in an element that holds the post's date or byline."""
    for node in tree.css(_DATED)[:40]:
        text = node_text(node)[:200]
        for _, found in find_written_dates(text):
            return found
    return None


_PUBLISH_KEY = re.compile(r"publi(?:sh|cation).*(?:date|time)|(?:date|time).*publi(?:sh|cation)|^date$")


def _meta_dates(page: _Page) -> Iterator[str]:
    yield _first_str(page.art("datePublished"))
    yield _first_str(page.art("dateCreated"))
    yield page.first(
        "article:published_time", "og:published_time", "article:published", "published_time",
        "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.date", "dc.date",
        "dcterms.created", "date", "citation_publication_date", "article.published")
    for obj in page.ld:
        if obj is not page.article and obj.get("datePublished"):
            yield _first_str(obj.get("datePublished"))
    for key, values in page.meta.items():
        if _PUBLISH_KEY.search(key):
            yield values[0]


def page_lines(tree: LexborHTMLParser) -> list[str]:
    """The visible text of the page, one entry per text node; scripts and styles left out."""
    body = tree.body
    if body is None:
        return []
    for node in body.css("script, style, noscript, svg, template"):
        node.decompose()
    return [line for line in (clean(t) for t in body.text(separator="\n").split("\n")) if line]


_UPDATED = re.compile(r"(?:updat|modifi|revis|edited|reviewed)\w*\W{0,3}(?:on|at)?\W{0,3}$", re.IGNORECASE)


def _shown_dates(page: _Page, headline: str) -> tuple[date | None, date | None]:
    """The date printed under (or just above) the headline, as a reader sees it.

    Returns (published, updated): a date labelled 'Updated ...' goes in the second slot.
    """
    text = page.text()
    key = headline[:40]
    at = text.find(key) if key else -1
    if at < 0:
        return None, None
    end = at + len(headline)
    updated: date | None = None
    for segment in (text[end:end + 600], text[max(0, at - 200):at]):
        for m, found in find_written_dates(segment):
            if _UPDATED.search(segment[max(0, m.start() - 25):m.start()]):
                updated = updated or found
                continue
            if _AMBIGUOUS.fullmatch(m[0]) and found.day <= 12:
                found = _day_month_checked(page, found)
            return found, updated
    return None, updated


def _day_month_checked(page: _Page, found: date) -> date:
    """03/10/2023 read one way, unless the page's metadata holds the other way round."""
    swapped = _make_date(found.year, found.day, found.month)
    for text in _meta_dates(page):
        if text and swapped and parse_date(text) == swapped:
            return swapped
    return found


_AMBIGUOUS = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}")


def find_url(page: _Page) -> str | None:
    link = page.tree.css_first('link[rel="canonical"]')
    href = clean(link.attributes.get("href")) if link else ""
    for candidate in (href, page.first("og:url", "twitter:url"), _first_str(page.art("url")),
                      _first_str(page.art("mainEntityOfPage"))):
        if candidate.startswith(("http://", "https://")):
            return _tidy_url(candidate)
    return None


def _tidy_url(url: str) -> str:
    """Undo a quoted path and drop a default port: 'https://x.org:443/a' -> 'https://x.org/a'."""
    scheme, rest = url.split("://", 1)
    if "%2f" in rest[:80].casefold() and "/" not in rest:
        from urllib.parse import unquote

        rest = unquote(rest)
    host, slash, path = rest.partition("/")
    host = re.sub(r":(?:443|80)$", "", host)
    return f"{scheme}://{host}{slash}{path}"


def estimate_words(tree: LexborHTMLParser) -> int:
    """The body's length from its paragraphs: the biggest article-like part, else the page."""
    body = tree.body
    if body is None:
        return 0
    best = 0
    for root in [*tree.css('[itemprop="articleBody"]')[:3], *tree.css("article")[:20],
                 *tree.css("main")[:2]]:
        best = max(best, _paragraph_words(root, "p, li, h2, h3, h4, blockquote, td"))
    if best >= 150:
        return best
    return max(best, _paragraph_words(body)) or count_words(body.text(separator=" "))


def _paragraph_words(root: LexborNode, selector: str = "p") -> int:
    paragraphs = root.css(selector)
    if len(paragraphs) > 5000:  # an estimate: one pass over the text beats 5,000 small ones
        return count_words(root.text(separator=" "))
    return count_words(" ".join(p.text() for p in paragraphs))


def count_words(text: str) -> int:
    """What :func:`reader.core.article.count_words` counts, without a Python loop per word."""
    return len(_WORD.findall(text))


def read_meta(tree: LexborHTMLParser) -> PageMeta:
    page = _Page(tree)
    sites = _site_names(page)
    headline = find_headline(page)
    authors = find_authors(page, headline)
    return PageMeta(
        headline=headline,
        authors=authors,
        published=find_date(page, headline),
        url=find_url(page),
        outlet=sites[0] if sites else None,
        words=estimate_words(tree),
    )
