"""Web page dates: dates written in text, the dates a page declares and the date shown under its headline."""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import islice

from selectolax.lexbor import LexborHTMLParser

from reader.core.byline import MONTHS
from reader.core.formats.html_page import (
    TOP_OF_PAGE,
    Page,
    clean,
    first_str,
    fold,
    node_text,
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


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


_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


_VISIBLE_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?P<y6>(?:19|20)\d\d)\s+(?P<m6>{_MONTH})\.?\s+(?P<d6>\d{{1,2}})\b"
    r"|\b(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d\d)[-/.](?P<d3>\d\d)(?:\b|(?=T\d))"
    r"|\b(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>(?:19|20)\d\d)\b"
    r"|\b(?P<d5>\d{1,2})[.-](?P<m5>\d{1,2})[.-](?P<y5>(?:19|20)\d\d)\b", re.IGNORECASE)


def _month(value: str) -> int:
    """A month number, or a name _MONTH matched (its first three letters tell: 'Sepember' too)."""
    return int(value) if value.isdigit() else MONTHS[value[:3].casefold()]


def find_written_dates(text: str) -> Iterator[tuple[re.Match[str], date]]:
    """Every date written out in running text, in order: 'Aug 4, 2025', '4 August 2025', '2025-08-04'."""
    for m in _VISIBLE_DATE.finditer(text):
        groups = m.groupdict()
        i = next(k for k in "123456" if groups[f"y{k}"])
        month, day = _month(groups[f"m{i}"]), int(groups[f"d{i}"])
        if i == "4" and month > 12:  # 15/12/2025: day first after all
            month, day = day, month
        found = _make_date(int(groups[f"y{i}"]), month, day)
        if found:
            yield m, found


def _written_date(text: str) -> date | None:
    for _, found in find_written_dates(text):
        return found
    return None


def is_date_line(lines: list[str], i: int) -> bool:
    return 0 <= i < len(lines) and len(lines[i]) <= 40 and next(find_written_dates(lines[i]), None) is not None


def find_date(page: Page, headline: str, authors: list[str] | tuple[str, ...] = ()) -> date | None:
    original = _stated_original(page)
    if original:
        return original
    shown, updated = _shown_dates(page, headline)
    if shown:
        return shown
    declared = _declared_date(page)
    if declared:
        return declared
    if updated:
        return updated
    for node in page.tree.css("time[datetime]")[:3]:
        found = parse_date(node.attributes.get("datetime") or "")
        if found:
            return found
    return _dated_element(page.tree) or _date_by_name(page, authors) or _modified_date(page)


_ORIGINALLY = re.compile(r"\bThis (?:article|story|post|piece|report|column|essay|interview) was "
                         r"(?:originally|first) (?:published|posted)(?: on| in)?\W{0,3}")


def _stated_original(page: Page) -> date | None:
    """'This article was originally published on 26 Sep 2019': the page says outright when it first ran.

    Only in those words: 'the essay, first published in 1998' is the story's subject, not its date.
    """
    text = page.text()
    for m in islice(_ORIGINALLY.finditer(text), 3):
        found = next(find_written_dates(text[m.end():m.end() + 30]), None)
        if found and found[0].start() == 0:
            return found[1]
    return None


def _date_by_name(page: Page, authors: list[str] | tuple[str, ...]) -> date | None:
    """The date printed beside the byline, wherever the byline is: 'Jane Doe' / 'May 3, 2025'."""
    key = fold(authors[0]) if authors else ""
    if not key:
        return None
    lines = page.lines()
    first = authors[0].split()[0].casefold()
    places = (i for i, line in enumerate(lines)
              if len(line) <= 120 and first in line.casefold() and key in fold(line))
    for i in islice(places, 5):  # the byline is among the name's first appearances
        for j in (i + 1, i - 1, i + 2):
            if is_date_line(lines, j):
                return next(find_written_dates(lines[j]))[1]
    return None


def _modified_date(page: Page) -> date | None:
    """When a page says only when it was last changed, that is the date it shows."""
    for text in (first_str(page.art("dateModified")), page.first("article:modified_time", "og:updated_time")):
        found = parse_date(text) if text else None
        if found:
            return found
    return None


_DATED = ('time, [class*="date"], [class*="posted"], [class*="publish"], [class*="meta"], '
          '[class*="byline"]')


def _dated_element(tree: LexborHTMLParser) -> date | None:
    """A written date in an element that holds the post's date or byline."""
    for node in tree.css(_DATED)[:40]:
        text = node_text(node)[:200]
        for _, found in find_written_dates(text):
            return found
    return None


_PUBLISH_KEY = re.compile(r"publi(?:sh|cation).*(?:date|time)|(?:date|time).*publi(?:sh|cation)|^date$|^published$")


def _meta_dates(page: Page) -> Iterator[str]:
    yield first_str(page.art("datePublished"))
    yield first_str(page.art("dateCreated"))
    yield page.first(
        "article:published_time", "og:published_time", "article:published", "published_time",
        "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.date", "dc.date",
        "dcterms.created", "date", "citation_publication_date", "article.published")
    for obj in page.ld:
        if obj is not page.article and obj.get("datePublished"):
            yield first_str(obj.get("datePublished"))
    for key, values in page.meta.items():
        if len(key) <= 64 and _PUBLISH_KEY.search(key):  # meta names are short; junk ones are not
            yield values[0]


_UPDATED = re.compile(r"(?:updat|modifi|revis|edited|reviewed)\w*\W{0,3}(?:on|at)?\W{0,3}$", re.IGNORECASE)


def _shown_dates(page: Page, headline: str) -> tuple[date | None, date | None]:
    """The date printed under (or just above) the headline, as a reader sees it.

    Returns (published, updated): a date labelled 'Updated ...' goes in the second slot. Where the
    headline is followed by two dates ('May 21, 2025 April 24, 2025'), the one the page declares
    as its publication date wins.
    """
    text = page.text()
    updated: date | None = None
    for at, end in _headline_places(page, text, headline):
        for segment in (text[end:end + 600], text[max(0, at - 200):at]):
            shown = []
            for m, found in find_written_dates(segment):
                if _UPDATED.search(segment[max(0, m.start() - 25):m.start()]):
                    updated = updated or found
                    continue
                if _in_sentence(segment[max(0, m.start() - 40):m.start()]):
                    continue
                if _AMBIGUOUS.fullmatch(m[0]) and found.day <= 12:
                    found = _day_month_checked(page, found, m[0])
                shown.append(found)
            if shown:
                return _published_of(page, shown), updated
        if updated:
            break
    return None, updated


def _published_of(page: Page, shown: list[date]) -> date:
    """Of the dates shown by the headline, the publication date the page declares, if it is among them.

    A shown date that the page declares as its modification date, with an earlier publication
    date declared, is an update printed without a label: the publication date is the answer.
    """
    declared = _declared_date(page)
    if declared is None or declared in shown:
        return declared or shown[0]
    if declared < shown[0] == _modified_date(page):
        return declared
    return shown[0]


def _declared_date(page: Page) -> date | None:
    """The publication date in the page's JSON-LD or meta tags."""
    for text in _meta_dates(page):
        found = parse_date(text) if text else None
        if found:
            return found
    return None


def _headline_places(page: Page, text: str, headline: str) -> Iterator[tuple[int, int]]:
    """Where the headline is printed near the top of the page: its first few appearances, not quoted.

    A page that prints it reworded ('7 Ways to Help You ...' for '7 Ways to ...') has it in
    a heading that shares most of its words.
    """
    key = headline[:40]
    at = text.find(key) if key else -1
    if at < 0 and key:
        reworded = _reworded(page, headline)
        key, at = reworded, text.find(reworded) if reworded else -1
        headline = reworded
    for i in range(_PLACES):
        if at < 0 or (i and at > TOP_OF_PAGE):
            break
        if text[max(0, at - 1):at] not in ("\u201c", '"'):  # 'responses to "Headline"' in the comments
            yield at, at + len(headline)
        at = text.find(key, at + len(key))


def _reworded(page: Page, headline: str) -> str:
    """The first top-level heading that shares at least two thirds of the headline's words."""
    words = _word_set(headline)
    if len(words) < 3:
        return ""
    for node in page.tree.css("h1, h2")[:6]:
        heading = node_text(node)
        if len(words & _word_set(heading)) * 3 >= len(words) * 2:
            return heading[:200]
    return ""


def _word_set(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2}


_PLACES = 3


# 'the season ends on April 15, 2025': a date in the story's sentences, not the story's date
_IN_SENTENCE = re.compile(r"\b[a-z]+\s+(?:[A-Za-z]+\s+)?(?:is|was|are|were|until|since|before|after|from|"
                          r"through|by|on|of)\s+(?:[A-Z][a-z]+day,?\s+)?$")


_DATE_LABEL = re.compile(r"publi|posted|updated|modified|date|written", re.IGNORECASE)


def _in_sentence(before: str) -> bool:
    return _IN_SENTENCE.search(before) is not None and not _DATE_LABEL.search(before)


def _day_month_checked(page: Page, found: date, written: str = "") -> date:
    """03/10/2023 read one way, unless the page's metadata holds the other way round."""
    swapped = _make_date(found.year, found.day, found.month)
    for text in _meta_dates(page):
        if text and swapped and parse_date(text) == swapped:
            return swapped
    if swapped and "/" in written and _writes_day_first(page):  # 03/10/2023 on a page that writes '3 October 2023'
        return swapped
    return found


def _writes_day_first(page: Page) -> bool:
    """Whether the page spells its other dates day first ('16 February 2026'), never month first."""
    day_first = month_first = 0
    for m in _VISIBLE_DATE.finditer(page.text()[:200_000]):
        day_first += m["d2"] is not None
        month_first += m["d1"] is not None
    return day_first > 0 and month_first == 0


_AMBIGUOUS = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}")
