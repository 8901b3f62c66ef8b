"""Bylines on web pages without 'By', with roles, teams, user names and personal sites (synthetic pages)."""
from __future__ import annotations

import json

import pytest

from reader.core.article import Article
from reader.core.formats import html as web

HEADLINE = "Mending Nets by Hand"
PARAGRAPH = "<p>" + "The council met on a wet evening and talked for a long time about the harbour. " * 4 + "</p>"
MENU = "".join(f"<li>Menu entry {i}</li>" for i in range(30))


def meta_of(body: str, head: str = "") -> Article:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return web.read(page.encode(), "page.html", metadata_only=True)


def declaring(name: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": name}})
    return f'<script type="application/ld+json">{ld}</script>'


def authors(byline: str, head: str = "", after: str = "") -> tuple[str, ...]:
    return meta_of(f"<h1>{HEADLINE}</h1>{byline}{PARAGRAPH}{after}", head).authors


@pytest.mark.parametrize("byline, want", [
    ("<p>Written By</p><p>Sound On</p>", ("Sound On",)),  # a capital 'On' is part of the name
    ("<p>By Oona Marsh in</p><p>Politics</p>", ("Oona Marsh",)),
    ("<p>by:</p><p>Oona Marsh</p><p>,</p><p>Dec 17, 2025</p>", ("Oona Marsh",)),  # the date ends the byline
    ("<p>By the Harbour Team</p>", ("the Harbour Team",)),
])
def test_byline_ends(byline: str, want: tuple[str, ...]) -> None:
    assert authors(byline) == want


@pytest.mark.parametrize("byline, want", [
    ("<p>by</p><p>netmender</p><p>18th Dec 2025</p>", ("netmender",)),
    ("<p>12/19 \u2014 2025</p><p>by ibby</p>", ("ibby",)),
    ("<p>by clicking</p>", ()),
])
def test_user_name_as_byline(byline: str, want: tuple[str, ...]) -> None:
    assert authors(byline) == want


def test_user_name_in_the_byline_gives_way_to_the_declared_full_name() -> None:
    assert authors("<p>Written by</p><p>NetsOona</p>", declaring("Oona Marsh")) == ("Oona Marsh",)


def test_a_news_desk_beside_the_declared_author_is_not_an_author() -> None:
    byline = "<p>By</p><p>Oona Marsh</p><p>,</p><p>Global Desk</p>"
    assert authors(byline, declaring("Oona Marsh")) == ("Oona Marsh",)


@pytest.mark.parametrize("byline, want", [
    ("<div>Oona Marsh | Senior Writer | July 2, 2025</div>", ("Oona Marsh",)),
    ("<div>Oona (Rae) Marsh</div><div>Published: January 3, 2024</div>", ("Oona (Rae) Marsh",)),
    ("<div>The Harbour Team</div><div>Published</div><div>|</div><div>Oct 10, 2025</div>", ("The Harbour Team",)),
    ("<div>Staff</div><div>April 18, 2025</div>", ("Staff",)),
])
def test_names_beside_the_date_without_by(byline: str, want: tuple[str, ...]) -> None:
    assert authors(byline) == want


def test_name_under_the_headline_that_heads_the_author_box() -> None:
    byline = "<div>Oona Marsh</div><div>Licensed net mender, M.A. Fisheries and Sea</div>"
    box = "<div>Oona Marsh</div><div>Hello, and welcome! I'm the founder of this site and I mend nets.</div>"
    assert authors(byline, after=PARAGRAPH * 12 + box) == ("Oona Marsh",)


def test_the_headline_printed_twice_is_not_a_byline() -> None:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour Fitness Protocol",
                     "author": {"@type": "Person", "name": "Oona Marsh"}})
    body = f"<h1>Harbour Fitness Protocol</h1><div>Harbour Fitness Protocol</div><div>November 2, 2022</div>{PARAGRAPH}"
    assert meta_of(body, f'<script type="application/ld+json">{ld}</script>').authors == ("Oona Marsh",)


def test_a_menu_entry_that_starts_like_the_headline_is_not_the_headline() -> None:
    body = (f"<ul><li>Mending Nets</li>{MENU}</ul>{PARAGRAPH}<h1>{HEADLINE}</h1>"
            f"<div>Staff</div><div>April 18, 2025</div>{PARAGRAPH}")
    assert meta_of(body).authors == ("Staff",)


def test_byline_under_the_headline_printed_again_after_a_list_of_posts() -> None:
    body = (f"<ul><li>{HEADLINE}</li>{MENU}</ul><h1>{HEADLINE}</h1><div>2025-12-17</div><div>\u00b7</div>"
            f"<a>Oona Marsh</a>{PARAGRAPH}")
    assert meta_of(body).authors == ("Oona Marsh",)


def test_this_post_was_written_by_at_the_end() -> None:
    after = "<p>This post was written by Oona Marsh,</p><p>Head of Marketing</p>"
    assert authors("", after=PARAGRAPH * 2 + after) == ("Oona Marsh",)


@pytest.mark.parametrize("head, foot, want", [
    (f"<title>{HEADLINE} | Oona Marsh</title>", "", ("Oona Marsh",)),
    (f"<title>{HEADLINE}</title>", "<footer>\u00a9 2025 Oona Marsh.</footer>", ("Oona Marsh",)),
    (f"<title>{HEADLINE}</title>", "", ()),
])
def test_personal_site_named_after_its_owner(head: str, foot: str, want: tuple[str, ...]) -> None:
    body = (f"<a href='/'>Oona Marsh</a><a href='/about'>About</a><h1>{HEADLINE}</h1><p>July 2, 2025</p>"
            f"{PARAGRAPH}{foot}")
    assert meta_of(body, head).authors == want


@pytest.mark.parametrize("content, want", [
    ("Harbourworks.com", ("Harbourworks.com",)),
    ("https://www.facebook.com/oonamarsh", ()),
])
def test_business_named_by_its_address_in_the_author_tag(content: str, want: tuple[str, ...]) -> None:
    assert authors("", f'<meta name="author" content="{content}">') == want


def test_citation_tags_list_every_author_of_a_paper() -> None:
    names = ("Oona Marsh", "Pim Dekker", "Rae Lund")
    head = '<meta name="dc.creator" content="Oona Marsh">' + "".join(
        f'<meta name="citation_authors" content="{n}">' for n in names)
    byline = "<p>Authors of this article:</p>" + "".join(f"<span>{n}</span><sup>1</sup><span>;</span>" for n in names)
    assert authors(byline, head) == names


# -- rules that must not over-reach ------------------------------------------------------------

def test_commenters_under_a_quoted_headline_are_not_authors() -> None:
    title = "<title>Why the Tide Turns &#8211; River Notes</title>"
    body = (f"<header><p>River Notes</p></header><article><h1>Why the Tide Turns</h1>{PARAGRAPH * 30}"
            "</article><div id='comments'><h2>3 thoughts on &#8220;Why the Tide Turns&#8221;</h2>"
            "<ol><li class='comment'><p class='comment-author'>Bob Smith</p>"
            "<p>May 4, 2025 at 10:12 am</p><p>Great post, thanks!</p></li></ol></div>")
    article = meta_of(body, title)
    assert article.authors == ()
    assert article.published is None


@pytest.mark.parametrize("sentence", [
    "This article was medically reviewed by Dr. Jane Roe, a hand surgeon.",
    "This story was translated from Dutch by Pim Dekker.",
])
def test_reviewers_and_translators_are_not_the_byline(sentence: str) -> None:
    assert meta_of(f"<h1>{HEADLINE}</h1><p>{sentence}</p>{PARAGRAPH}").authors == ()


@pytest.mark.parametrize("words", [("By topic", "By date"), ("By", "admin")])
def test_sort_links_and_default_accounts_are_not_user_names(words: tuple[str, str]) -> None:
    items = "".join(f"<li>{w}</li>" for w in words)
    assert meta_of(f"<h1>{HEADLINE}</h1><ul>{items}</ul>{PARAGRAPH}").authors == ()


def test_a_firm_named_like_a_person_does_not_own_its_site() -> None:
    ld = json.dumps({"@type": "Corporation", "name": "Morgan Stanley"})
    head = (f"<title>Market outlook for 2026 | Morgan Stanley</title>"
            f'<script type="application/ld+json">{ld}</script>')
    body = f"<p>Morgan Stanley</p><h1>Market outlook for 2026</h1>{PARAGRAPH}<p>\u00a9 2025 Morgan Stanley</p>"
    assert meta_of(body, head).authors == ()


def test_an_interviewee_is_not_the_author_box() -> None:
    body = (f"<h1>{HEADLINE}</h1><p>Oona Marsh</p><p>How did you start?</p>{PARAGRAPH * 14}"
            "<p>Oona Marsh</p><p>I started as a deckhand on the dredgers, long before the pilots took me on.</p>")
    assert meta_of(body).authors == ()
