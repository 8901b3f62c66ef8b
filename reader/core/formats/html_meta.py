"""Web page metadata: headline, authors, date and address from JSON-LD, meta tags and the page.

The work is spread over html_page (the parsed page), html_headline, html_byline with html_names,
and html_dates; this module puts their answers together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.core.article import count_words
from reader.core.formats.html_byline import find_authors
from reader.core.formats.html_dates import find_date, parse_date
from reader.core.formats.html_headline import find_headline, strip_site
from reader.core.formats.html_names import split_authors
from reader.core.formats.html_page import Page, find_url, outermost, site_names

__all__ = ["PageMeta", "count_words", "estimate_words", "parse_date", "read_meta", "split_authors",
           "strip_site"]


@dataclass
class PageMeta:
    """What the page says about itself; empty fields were not found."""

    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    words: int = 0


def estimate_words(tree: LexborHTMLParser) -> int:
    """The body's length from its paragraphs: the biggest article-like part, else the page."""
    body = tree.body
    if body is None:
        return 0
    best = 0
    for root in [*tree.css('[itemprop="articleBody"]')[:3], *tree.css("article")[:20],
                 *tree.css("main")[:2]]:
        best = max(best, _paragraph_words(root, ("p", "li", "h2", "h3", "h4", "blockquote", "td")))
    if best >= 150:
        return best
    return max(best, _paragraph_words(body)) or count_words(body.text(separator=" "))


def _paragraph_words(root: LexborNode, tags: tuple[str, ...] = ("p",)) -> int:
    paragraphs = outermost(root, tags, 5001)
    if len(paragraphs) > 5000:  # an estimate: one pass over the text beats 5,000 small ones
        return count_words(root.text(separator=" "))
    return count_words(" ".join(p.text() for p in paragraphs))


def read_meta(tree: LexborHTMLParser) -> PageMeta:
    page = Page(tree)
    sites = site_names(page)
    headline = find_headline(page)
    authors = find_authors(page, headline)
    return PageMeta(
        headline=headline,
        authors=authors,
        published=find_date(page, headline, authors),
        url=find_url(page),
        outlet=sites[0] if sites else None,
        words=estimate_words(tree),
    )
