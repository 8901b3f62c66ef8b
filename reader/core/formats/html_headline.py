"""Web page headline: the article's h1 when the page's titles agree with it, else its title less the site name."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.core.formats.html_dates import find_written_dates
from reader.core.formats.html_page import (
    Page,
    clean,
    clean_value,
    first_str,
    fold,
    node_text,
    site_names,
)

_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb)\s+|:\s+")


_DASHES = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00b7|\u2022|\u00bb)\s+")


def strip_site(title: str, sites: list[str]) -> str:
    """'Headline | Section | Site' -> 'Headline'; also 'Site - Headline'."""
    title = title[:_LONGEST_TITLE]
    sites = [*sites, *_DOMAIN.findall(title)]  # 'Headline | Example.com': a web address is a site
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


_DOMAIN = re.compile(r"(?<![\w.-])[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:com|org|net|io|co|info|news|co\.uk)(?![\w.])")


_LONGEST_TITLE = 1000  # characters: past this a title is junk, and not worth scanning


_TRAILING_JUNK = re.compile(r"\s+[^\w\s?!.)\]\"'\u2019\u201d]{1,2}$")


def _strip_site_once(title: str, sites: list[str]) -> str:
    """'Headline | Site' -> 'Headline'; also 'Site - Headline'."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    folded_sites = {fold(s) for s in sites if s}
    for cut in (parts[-1], parts[0]):
        fc = fold(cut)
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
    """'article' inside the article or main, 'chrome' in the site's nav, aside, footer or logo, else 'page'.

    A plain <header> is not chrome: articles put their headline in one.
    """
    parent = node.parent
    depth = 0
    while parent is not None and depth < 40:
        tag = parent.tag or ""
        if tag in ("body", "html"):  # their classes describe the whole page ('wp-custom-logo')
            break
        if tag in _CHROME or _CHROME_CLASS.search(parent.attributes.get("class") or ""):
            return "chrome"
        if tag in ("article", "main") or parent.attributes.get("itemprop") == "articleBody":
            return "article"
        parent, depth = parent.parent, depth + 1
    return "page"


def _h1s(tree: LexborHTMLParser) -> list[tuple[str, str]]:
    out = []
    for node in tree.css("h1")[:8]:
        text = clean_value(node_text(node))
        head = text.split(" | ", 1)[0]  # 'Headline | Opinion': a label after a bar, as in titles
        text = head if len(head.split()) >= 3 else text
        if text and len(text) < 400:
            out.append((text, _h1_place(node)))
    return out


def _similar(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    short, long = sorted((fa, fb), key=len)
    if fa == fb or (len(short) >= 12 and len(short) * 2 >= len(long) and long.startswith(short)):
        return True
    return any(t.startswith(h) and _SEPARATORS.match(t, len(h)) is not None for h, t in ((a, b), (b, a)))


def _the_one_related(headings: list[str], titles: list[str]) -> str:
    """Of several h1s outside any article (a headline beside a newsletter box), the only one
    that shares most of its words with the page's titles, else none."""
    titles = [t for t in titles if t]
    close = [h for h in headings if any(len(_words(h) & _words(t)) * 2 > len(_words(h)) for t in titles)]
    return close[0] if len(close) == 1 else ""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2}


def _related(h1: str, titles: list[str]) -> bool:
    """Whether a heading shares enough words with the page's titles to be the article's own."""
    words = _words(h1)
    titles = [t for t in titles if t]
    if not titles:
        return True
    return bool(words) and any(len(words & _words(t)) * 4 >= len(words) for t in titles)


def _better_case(h1: str, titles: list[str], declared: list[str]) -> str:
    """A heading as a title that says the same writes it: in its capitals when the heading is
    all capitals (unless the page declares its headline in capitals too), whole when styling
    split a word of the heading ('C ycle')."""
    caps_declared = any(d.isupper() and fold(d) == fold(h1) for d in declared)
    for t in titles:
        if fold(t) == fold(h1) and ((h1.isupper() and not t.isupper() and not caps_declared)
                                        or len(t.split()) < len(h1.split())):
            return t
    return h1


def _uncapitalised(h1: str, titles: list[str]) -> str:
    """An all-capitals heading is styled for show: a title in ordinary case with the same
    words, give or take one small one ('IN'), writes it as the author did."""
    if not h1.isupper():
        return h1
    words = [fold(w) for w in h1.split()]
    for t in titles:
        if t and not t.isupper() and _same_but_small_word(words, [fold(w) for w in t.split()]):
            return t
    return h1


def _same_but_small_word(a: list[str], b: list[str]) -> bool:
    """Whether two word lists are equal, or equal once one short word is left out of the longer."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(len(long[i]) <= 3 and long[:i] + long[i + 1:] == short for i in range(len(long)))


def _trim_heading(h1: str, sites: list[str], title: str = "") -> str:
    """A heading less a date printed in it ('Dec 18 2025 Headline') and a site name after a dash."""
    m = next(find_written_dates(h1[:20]), None)
    if m and m[0].start() == 0 and len(h1) - m[0].end() > 12:
        h1 = h1[m[0].end():].strip()
    parts = _DASHES.split(h1)
    if len(parts) > 1 and any(fold(parts[-1]) == fold(s) for s in sites if s):
        h1 = _trim_sep(h1[: len(h1) - len(parts[-1])])
    return _drop_cited_source(h1, title)


_CITED_SOURCE = re.compile(r"\s*\((?:[a-z\d-]+\.)+[a-z]{2,12}\)(?:\s+\d+)?$", re.IGNORECASE)


def _drop_cited_source(h1: str, title: str) -> str:
    """A link aggregator's heading less the source it cites and its comment count:
    'Headline (example.com) 87' -> 'Headline'. Kept when the page's title carries it too: the
    address is then part of the headline ('We moved to a new address (notes.io)')."""
    m = _CITED_SOURCE.search(h1)
    if not m or len(h1[: m.start()].split()) < 3 or m[0].split(")")[0].strip() + ")" in title:
        return h1
    return h1[: m.start()]


def _cut_short(text: str, other: str) -> bool:
    """Whether text is other cut off mid-way (JSON-LD headlines are often cut at 110 characters)."""
    ft, fo = fold(text), fold(other)
    return len(text) >= 60 and len(fo) > len(ft) and fo.startswith(ft)


def _label(h1: str, title: str) -> bool:
    """Whether a heading of a few words is a topic label ('Index funds') beside a longer title
    that does not merely extend it: the title then names the article."""
    words, fh, ft = len(h1.split()), fold(h1), fold(title)
    return (words <= 3 and ":" not in h1 and len(title.split()) > words
            and not ft.startswith(fh) and not ft.endswith(fh))


def find_headline(page: Page) -> str:
    """The article's headline: an h1 the page's titles agree with, else a plausible h1, else a title."""
    sites = site_names(page)
    title_node = page.tree.css_first("title")
    title = node_text(title_node) if title_node else ""
    metas = _meta_titles(page, title)
    stripped_title = strip_site(title, sites) if title else ""
    h1s = [(_trim_heading(h, sites, title), place) for h, place in _h1s(page.tree)]
    folded_sites = {fold(s) for s in sites}
    agreed = _agreed_h1(h1s, folded_sites, metas, title, stripped_title)
    if agreed:
        return _counted(agreed, stripped_title)
    plausible = [h for h, place in h1s if place != "chrome" and fold(h) not in folded_sites
                 and len(h.split()) >= 2]
    in_article = [h for h, place in h1s if place == "article" and h in plausible]
    if in_article or len(plausible) == 1:
        h1 = in_article[0] if in_article else plausible[0]
    else:
        h1 = _the_one_related(plausible, metas + [title])
    declared_after = _after_blog_name(h1, stripped_title, metas)
    if declared_after:
        return declared_after
    if (h1 and _related(h1, metas + [title]) and not _label(h1, stripped_title)
            and not _lead_of(h1, stripped_title, metas)):
        return _counted(_uncapitalised(h1, [stripped_title, *metas]), stripped_title)
    if _plain_title(title, stripped_title, folded_sites, metas):
        return stripped_title
    if metas:
        return strip_site(metas[0], sites)
    if stripped_title and fold(stripped_title) not in folded_sites - {fold(title)}:
        return stripped_title
    return plausible[0] if plausible else h1s[0][0] if h1s else stripped_title


_COUNT = re.compile(r"\d{1,3}")  # '8 Recent Trends': a count leading the title
_YEAR = re.compile(r"(?:(?:in|of|for)\s+)?(?:19|20)\d\d")  # '... Platforms 2025', '... in 2025'


def _counted(heading: str, title: str) -> str:
    """The title, when it only adds a leading count or a year to the heading ('8 Recent Trends in
    Photography', '... Platforms 2025'): a number the page styled apart from its h1.

    Not an unread count ('(3) Headline') or a page number ('Headline 2')."""
    words, others = heading.split(), title.split()
    extra = len(others) - len(words)
    if not 1 <= extra <= 2:
        return heading
    if extra == 1 and _COUNT.fullmatch(others[0]) and fold(" ".join(others[1:])) == fold(heading):
        return title
    for at in range(1, len(words) + 1):
        added = " ".join(others[at:at + extra])
        if _YEAR.fullmatch(added) and fold(" ".join(others[:at] + others[at + extra:])) == fold(heading):
            return title
    return heading


def _plain_title(title: str, stripped_title: str, folded_sites: set[str], metas: list[str]) -> bool:
    """Whether a title of a few words carries no separator and no site name, and says what a
    declared headline says in other words: the page's own headline, which beats a social-media
    title written to draw clicks. (A site-wide title, 'Read the latest news', says something else.)"""
    words = _words(title)
    return (len(title.split()) >= 4 and _DASHES.search(title) is None and "|" not in title
            and stripped_title == clean(title) and fold(title) not in folded_sites
            and any(len(words & _words(m)) * 2 >= len(words) for m in metas))


def _after_blog_name(h1: str, title: str, metas: list[str]) -> str:
    """The declared headline of 'Field Notes: Small boats on a big river' when the h1 is only
    the blog's name before the colon ('Field Notes'); "" otherwise."""
    head, colon, rest = title.partition(":")
    if not h1 or not colon or fold(head) != fold(h1):
        return ""
    return next((m for m in metas if fold(m) == fold(rest)), "")


def _meta_titles(page: Page, title: str) -> list[str]:
    """The headlines the page declares (JSON-LD, then meta tags), less any cut off mid-way."""
    metas = [clean(str(first_str(page.art("headline")))),
             page.first("og:title", "twitter:title", "parsely-title", "sailthru.title",
                        "dc.title", "headline", "title")]
    metas = [m for m in metas if m]
    return [m for m in metas if not any(_cut_short(m, o) for o in [*metas, title])]


def _agreed_h1(h1s: list[tuple[str, str]], folded_sites: set[str], metas: list[str], title: str,
               stripped_title: str) -> str:
    """The first h1 that a declared headline or the title says too, in their spelling where better."""
    for h1, _ in h1s:
        if fold(h1) not in folded_sites and any(_similar(h1, m) for m in metas + [title, stripped_title]):
            if h1.casefold() == title.casefold() and stripped_title != title:
                return stripped_title  # the h1 repeats the whole title, site name and all
            if _lead_of(h1, stripped_title, metas):
                return stripped_title
            if _after_blog_name(h1, stripped_title, metas):
                return _after_blog_name(h1, stripped_title, metas)
            return _better_case(h1, metas + [stripped_title], metas)
    return ""


def _lead_of(h1: str, title: str, metas: list[str]) -> bool:
    """Whether a heading is only the part of a title before its colon ('Index funds' of
    'Index Funds: How to Invest'): a topic label, the whole title naming the article.

    Not when the page declares the part after the colon as its headline: the lead is then
    the blog's name ('Field Notes: Headline')."""
    head, colon, rest = title.partition(":")
    return (bool(colon) and fold(head) == fold(h1) and len(rest.split()) >= 3
            and not any(fold(m) == fold(rest) for m in metas))
