"""Web page authors: the byline printed near the headline, else the authors the page declares or an author box."""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.core.formats.html_dates import find_written_dates, is_date_line
from reader.core.formats.html_names import (
    COMMON_WORDS,
    MAX_NAMES,
    NAME,
    NOT_NAME,
    PERSON,
    ROLE,
    dedupe,
    looks_like_person,
    names_from,
    plain_name,
    split_authors,
)
from reader.core.formats.html_page import (
    TOP_OF_PAGE,
    URLISH,
    Page,
    fold,
    ld_names,
    ld_types,
    node_text,
    site_names,
)

_BY_LINE = re.compile(r"^(?:[Bb]y|BY|[Pp]osted\s+by|[Ww]ritten\s+[Bb]y|WRITTEN\s+BY|[Ww]ords|[Aa]rticle\s+by"
                      r"|(?:[Aa]uthors?|AUTHORS?|[Cc]ontributors?)(?=\s*:|$))\b\s*:?\s*(.*)$"
                      r"|^(?:[Pp]ublished|[Pp]osted|[Rr]ecommended|[Rr]eported|[Ii]nterview|[Ss]tory|[Tt]ext"
                      r"|This\s+(?:post|article|story|piece|guide)\s+was\s+(?:written|authored|contributed))\b"
                      r".{0,50}\s(?:by|BY):?\s*(.*)$")


def _headline_line(page: Page, headline: str) -> int:
    """Which of the page's lines shows the headline; -1 when none does."""
    memo = ("headline line", headline)
    if memo not in page.memo:
        key = fold(headline)[:30]
        folded = (fold(line) for line in page.lines()) if key else ()
        page.memo[memo] = next((i for i, line in enumerate(folded)
                                if key in line or (len(line) >= 8 and key.startswith(line))), -1)
    return int(page.memo[memo])


def _shown_authors(page: Page, headline: str) -> list[str]:
    """The byline printed near the headline, where the headline is printed again when the first
    place (a menu, a list of posts) has none."""
    at = _headline_line(page, headline)
    if at < 0:
        return []
    for place in [at, *islice(_printed_again(page.lines(), at, headline), 2)]:
        names = [n for n in _byline_at(page, place) if fold(n) != fold(headline)]  # the headline printed twice
        if names:
            return names
    return []


def _printed_again(lines: list[str], at: int, headline: str) -> Iterator[int]:
    """Lines after line ``at`` near the top of the page that print the headline again, unquoted.

    A comments header ('3 thoughts on "Headline"') quotes it; its names are commenters.
    """
    key, chars = fold(headline)[:30], sum(len(line) + 1 for line in lines[:at + 2])
    for i in range(at + 2, len(lines)):
        if chars > TOP_OF_PAGE:
            return
        chars += len(lines[i]) + 1
        if key in fold(lines[i]) and not _quoted(lines, i, headline):
            yield i


_QUOTING = re.compile(r"[\u201c\u2018\"']\s*$|\b(?:thoughts|responses?|repl(?:y|ies)|comments?)\s+(?:on|to)\b",
                      re.IGNORECASE)


def _quoted(lines: list[str], i: int, headline: str) -> bool:
    line = lines[i]
    at = line.casefold().find(headline[:20].casefold())
    before = line[:at] if at >= 0 else (lines[i - 1] if i else "")
    return _QUOTING.search(before) is not None


def _byline_at(page: Page, at: int) -> list[str]:
    """The byline printed near the headline on line at: 'By Jane Doe and John Roe'."""
    lines = page.lines()
    dated = _dated_names(lines, at) or _name_role_date(lines, at)
    if dated:
        return dated
    for i in [*range(at + 1, min(len(lines), at + 25)), *range(max(0, at - 8), at)]:
        m = _BY_LINE.match(lines[i]) if len(lines[i]) < 120 else None
        if not m:
            continue
        following = lines[i + 1:min(i + 12, at if i < at else len(lines))]
        names = names_from(m[1] or m[2] or "", following) or (_handle(m[1] or "", following) if i > at else [])
        if names:  # a label over the headline ('Contributors') does not name the headline
            return names
    return _name_beside_date(page, lines, at)


_HANDLE = re.compile(r"[a-z][a-z0-9._-]{2,29}")
_NOT_HANDLE = frozenset((  # 'by clicking', 'sort by date', the default account of a blog
    "the", "and", "our", "clicking", "using", "signing", "continuing", "email", "default", "admin",
    "date", "topic", "author", "category", "popularity", "name", "relevance", "title", "tag",
    "price", "rating", "newest", "oldest", "type", "region"))


def _handle(rest: str, following: list[str]) -> list[str]:
    """A user name for a byline, as forums and blog hosts print it: 'by ibby', 'by' / 'jsteinhardt'."""
    name = rest or (following[0] if following else "")
    return [name] if _HANDLE.fullmatch(name) and name not in _NOT_HANDLE else []


_AUTHORISH = ('a[href*="author"], a[href*="/people/"], a[href*="/profile"], a[rel~="author"], '
              '[class*="author"], [class*="byline"], [itemprop="author"], [class*="writer"]')


def _authorish_texts(tree: LexborHTMLParser) -> set[str]:
    texts = set()
    for node in tree.css(_AUTHORISH)[:200]:
        text = node_text(node)
        if 2 < len(text) < 80:
            texts.add(text)
    return texts


def _name_beside_date(page: Page, lines: list[str], at: int) -> list[str]:
    """A bare name printed under the headline in an author element or link: 'Jane Doe'."""
    authorish: set[str] | None = None
    for j in [*range(at + 1, min(len(lines), at + 12)), *range(max(0, at - 3), at)]:
        m = PERSON.fullmatch(lines[j])
        if not m or NOT_NAME.match(m[1]) or len(m[1]) > 40 or _BY_LINE.match(lines[j]):
            continue  # 'Written By' alone is the label, not the name
        if authorish is None:
            authorish = _authorish_texts(page.tree)
        if lines[j] in authorish or m[1] in authorish:
            return names_from("", lines[j:j + 12]) or [m[1]]
        near = " ".join(lines[max(at + 1, j - 2):j + 3])
        if at < j <= at + 4 and plain_name(m[1]) and (next(find_written_dates(near), None)
                                                      or _role_line(lines, j + 1) or _heads_bio(lines, j)):
            return names_from("", lines[j:j + 12]) or [m[1]]
    return []


def _heads_bio(lines: list[str], j: int) -> bool:
    """Whether the name on line j heads an author box after the article too: 'Jane Doe' / 'Hello, I'm...'.

    The box introduces its person ('Jane is a writer...', 'I'm Jane'); an interviewee's answer
    under their name in a Q&A ('I started as a deckhand') does not."""
    first = re.compile(rf"\b(?:{re.escape(lines[j].split()[0])} (?:is|was|has|writes|lives|works)|"
                       r"I'm|I\u2019m|I am|I've|I\u2019ve|Hi|Hello)\b")
    return any(lines[k] == lines[j] and len(lines[k + 1]) > 40 and first.search(lines[k + 1][:80])
               for k in range(j + 12, len(lines) - 1))


_PARTS = re.compile(r"\s+[|\u00b7\u2022]\s+")


def _name_role_date(lines: list[str], at: int) -> list[str]:
    """One line under the headline with the name, the job and the date in parts:
    'Jane Doe | Senior Writer | May 3, 2025'."""
    for line in lines[at + 1:at + 4]:
        parts = _PARTS.split(line) if len(line) <= 120 else []
        if len(parts) >= 2 and looks_like_person(parts[0]) and next(find_written_dates(parts[-1]), None) \
                and all(_role_line(parts, k) for k in range(1, len(parts) - 1)):
            return [parts[0]]
    return []


def _dated_names(lines: list[str], at: int) -> list[str]:
    """Names alone on a line beside the date, just under (or over) the headline:
    'Jane Doe, John Roe' / 'May 3, 2025'."""
    for j, step in ((at + 1, 1), (at + 2, 1), (at - 1, -1)):
        if not 0 <= j < len(lines) or not is_date_line(lines, _past_labels(lines, j + step, step)) \
                or (j == at + 2 and lines[at + 1].endswith((" and", "&", ","))):  # 'By Jane Doe and' / 'John Roe'
            continue
        if _TEAM_LINE.fullmatch(lines[j]):
            return [lines[j]]
        names = split_authors(lines[j]) if "," in lines[j] else [lines[j]]
        if names and all(looks_like_person(n) and not _BY_LINE.match(n) for n in names):
            return names
    return []


_LABEL = re.compile(r"[|\u00b7\u2022/-]|(?:Published|Posted|Updated|Last\s+updated)(?:\s+on)?:?", re.IGNORECASE)
_TEAM_LINE = re.compile(rf"(?:The\s+)?(?:{NAME}\s+){{0,3}}(?:Team|Staff|Editors)|Staff")


def _past_labels(lines: list[str], i: int, step: int) -> int:
    """Line i, or the first line after it that is more than a label: 'Published' / '|' / 'May 3, 2025'."""
    for _ in range(3):
        if not 0 <= i < len(lines) or not _LABEL.fullmatch(lines[i]):
            break
        i += step
    return i


def _bio_author(page: Page, headline: str) -> list[str]:
    """The name over an author box after the article: 'Jane Doe' / 'Jane Doe is a writer who...'."""
    lines = page.lines()
    for i in range(max(0, _headline_line(page, headline) + 1), len(lines) - 1):
        if not lines[i + 1].startswith(lines[i].split()[0] + " "):
            continue
        m = PERSON.fullmatch(lines[i])
        if m and not NOT_NAME.match(m[1]) and plain_name(m[1]) and _introduces(lines[i + 1], m[1]):
            return [m[1]]
    return []


def _introduces(line: str, name: str) -> bool:
    """Whether a line starts 'Jane Doe is...' or 'Jane was...' (plain string tests: a page may
    hold thousands of candidate names, and a regex made for each would be compiled each time)."""
    for subject in (name, name.split()[0]):
        if line.startswith(subject + " "):
            verb = line[len(subject) + 1:].split(" ", 1)[0].rstrip(",.;:")
            if verb in ("is", "was", "has"):
                return True
    return False


def _role_line(lines: list[str], i: int) -> bool:
    """Whether line i is a job title alone: 'Tech Writer', 'Senior Editor'."""
    return i < len(lines) and len(lines[i]) <= 40 and ROLE.search(lines[i]) is not None \
        and len(lines[i].split()) <= 4


_ONE_NAME = re.compile(rf"(?:The\s+)?{NAME}(?:\s+Team)?")


def _one_word_byline(page: Page, headline: str) -> list[str]:
    """A one-word byline ('Newsdesk', 'Stefan') right under the headline, beside the date."""
    lines = page.lines()
    at = _headline_line(page, headline)
    if at < 0:
        return []
    for j in range(at + 1, min(len(lines), at + 4)):
        line = lines[j]
        if _ONE_NAME.fullmatch(line) and line.casefold() not in COMMON_WORDS and not NOT_NAME.match(line) \
                and (is_date_line(lines, j - 1) or is_date_line(lines, j + 1)):
            return [line]
    return []


def find_authors(page: Page, headline: str) -> list[str]:
    declared = _declared_authors(page)
    if len(declared) > 1:  # people and the paper itself: ['Jane Doe', 'The Daily Bugle'] -> ['Jane Doe']
        sites = {fold(s) for s in site_names(page)}
        declared = [d for d in declared if fold(d) not in sites] or declared
    shown = dedupe(_shown_authors(page, headline))
    if declared and not any(fold(declared[0]) in fold(n) for n in shown) \
            and _printed_near(page, headline, declared) and not _is_site(page, declared[0]):
        return declared  # a byline the heuristics misread, or took from elsewhere
    if _only_handles(shown) and declared and all(looks_like_person(d) for d in declared):
        return declared  # 'Written by TurboTaxLisa' on a page that declares Lisa Greene-Lewis
    if shown and len(declared) > len(shown) and all(looks_like_person(d) for d in declared) \
            and _all_printed_near(page, headline, declared) \
            and all(any(fold(n) in fold(d) for d in declared) for n in shown):
        return declared  # the byline read short: 'By <a>Jane Doe</a> and John Roe' took the link only
    if shown:
        return _without_extras(shown, declared)
    if declared:
        return declared
    out: list[str] = []
    for name in (_dom_authors(page.tree) or _labelled_byline(page, headline)
                 or _one_word_byline(page, headline) or _bio_author(page, headline)
                 or _site_owner(page)):
        out.extend(split_authors(name))
    return dedupe(out)


def _only_handles(names: list[str]) -> bool:
    """Whether a byline gives one-word names only, as user names are ('TurboTaxLisa'), no one's full name."""
    return bool(names) and all(" " not in n and not n.isupper() for n in names)


def _without_extras(shown: list[str], declared: list[str]) -> list[str]:
    """A printed byline less what follows the declared names and is no one's name:
    ['Jane Doe', 'The Daily Bugle'] -> ['Jane Doe'] when the page declares Jane Doe."""
    if not declared or len(shown) <= len(declared):
        return shown
    keys = [fold(d) for d in declared[:MAX_NAMES]]
    folded = [fold(n) for n in shown[:MAX_NAMES]]
    if not all(any(k in n for n in folded) for k in keys):
        return shown
    return [n for n, f in zip(shown, folded) if any(k in f for k in keys) or looks_like_person(n)]


def _declared_authors(page: Page) -> list[str]:
    """The authors the page's JSON-LD or meta tags name."""
    names = ld_names(page.art("author"), page.by_id) or ld_names(page.art("creator"), page.by_id)
    if not names:
        for key in ("author", "parsely-author", "sailthru.author", "article:author",
                    "dc.creator", "byl", "citation_author", "dcterms.creator"):
            names = [v for v in page.meta.get(key, ()) if not URLISH.search(v) or _BRAND_DOMAIN.fullmatch(v)]
            if names:
                break
    names = _all_cited(page, names[:MAX_NAMES])
    return dedupe([part for name in names
                   for part in ([name] if _BRAND_DOMAIN.fullmatch(name) else split_authors(name))])[:MAX_NAMES]


_BRAND_DOMAIN = re.compile(r"[A-Z][A-Za-z0-9-]*\.(?:com|org|net)")  # a business named by its address: 'Example.com'


def _all_cited(page: Page, names: list[str]) -> list[str]:
    """Every author of a paper from its citation tags, where the other tags name the first author only."""
    cited = [v for key in ("citation_author", "citation_authors") for v in page.meta.get(key, ())]
    if len(cited) > len(names) and {fold(n) for n in names} <= {fold(c) for c in cited}:
        return cited[:MAX_NAMES]
    return names


def _is_site(page: Page, name: str) -> bool:
    key = fold(name)
    return any(key and (key == fold(s) or key in fold(s)) for s in site_names(page))


def _printed_near(page: Page, headline: str, names: list[str]) -> bool:
    """Whether the first declared name is printed on a short line just under the headline."""
    lines = page.lines()
    at = _headline_line(page, headline)
    key = fold(names[0])
    if at < 0 or len(key) < 4:
        return False
    return any(key in fold(line) for line in lines[at + 1:at + 10] if len(line) <= 80)


def _all_printed_near(page: Page, headline: str, names: list[str]) -> bool:
    """Whether every declared name is printed just under (or over) the headline."""
    lines = page.lines()
    at = _headline_line(page, headline)
    if at < 0:
        return False
    near = fold(" ".join(line for line in lines[max(0, at - 3):at + 12] if len(line) <= 200))
    return all(len(fold(n)) >= 4 and fold(n) in near for n in names)


def _labelled_byline(page: Page, headline: str) -> list[str]:
    """A 'Written by' line anywhere after the headline: some pages print the byline at the end."""
    lines = page.lines()
    at = _headline_line(page, headline)
    for i in range(max(0, at + 1), len(lines)):
        m = _BY_LINE.match(lines[i]) if len(lines[i]) < 120 else None
        names = names_from(m[1] or m[2] or "", lines[i + 1:i + 12]) if m else []
        if names:
            return names
    return []


_COMMENTS = re.compile(r"comment|respond|repl(?:y|ies)|discussion", re.IGNORECASE)


def _in_comments(node: LexborNode) -> bool:
    """Whether a node sits in the comments under a post: their authors are commenters."""
    parent, depth = node.parent, 0
    while parent is not None and depth < 12:
        attrs = parent.attributes
        if _COMMENTS.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        parent, depth = parent.parent, depth + 1
    return False


def _dom_authors(tree: LexborHTMLParser) -> list[str]:
    for selector in ('[itemprop="author"] [itemprop="name"]', '[itemprop="author"]',
                     'a[rel="author"]', '[class*="byline"] a', '[class*="byline"]',
                     '[class*="author-name"]', '[class*="author"] a'):
        nodes = [node for node in tree.css(selector)[:12] if not _in_comments(node)][:6]
        names = [n for node in nodes for n in split_authors(node_text(node))]
        names = [n for n in names if len(n.split()) <= 5 and not NOT_NAME.match(n)]
        if names:
            return names
    return []


_ORGANISATIONS = frozenset(("organization", "corporation", "newsmediaorganization", "localbusiness",
                            "onlinebusiness", "educationalorganization", "ngo"))


def _is_organisation(page: Page, name: str) -> bool:
    """Whether the page's JSON-LD describes ``name`` as an organisation ('Morgan Stanley')."""
    key = fold(name)
    return any(fold(str(obj.get("name") or "")) == key and ld_types(obj) & _ORGANISATIONS
               for obj in page.ld)


def _site_owner(page: Page) -> list[str]:
    """The person a personal site is named after, when the title or the copyright line names them
    too: 'Jane Doe' over the menu, 'Some Post | Jane Doe' or '(c) 2025 Jane Doe' at the end."""
    lines = page.lines()
    if not lines or not looks_like_person(lines[0]) or _is_organisation(page, lines[0]):
        return []
    node = page.tree.css_first("title")
    title = node_text(node) if node else ""
    key = fold(lines[0])
    if re.search(r"\s[|\u2013\u2014-]\s*" + re.escape(lines[0]) + r"$", title) \
            or any("\u00a9" in line and key in fold(line) for line in lines[-30:]):
        return [lines[0]]
    return []
