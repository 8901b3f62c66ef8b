"""Headline rules for web pages, each on a small made-up page."""
from __future__ import annotations

import json

from reader.core.article import Article
from reader.core.formats import html as web

PARAGRAPH = "<p>" + "The council met on a wet evening and talked for a long time about the harbour. " * 4 + "</p>"


def meta_of(body: str, head: str = "") -> Article:
    """What the metadata path reads from a small page."""
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return web.read(page.encode(), "page.html", metadata_only=True)


def test_an_aggregator_heading_loses_the_cited_source_and_comment_count() -> None:
    head = "<title>Ferry Fares Rise Again on the Northern Route - Linkpile</title>"
    body = f"<article><h1>Ferry Fares Rise Again on the Northern Route (harbourtimes.com) 42</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "Ferry Fares Rise Again on the Northern Route"


def test_a_name_in_brackets_that_is_no_web_address_stays() -> None:
    body = f"<article><h1>Getting Started With the Build Tool (Node.js)</h1>{PARAGRAPH}</article>"
    head = "<title>Getting Started With the Build Tool (Node.js)</title>"
    assert meta_of(body, head).headline == "Getting Started With the Build Tool (Node.js)"


def test_a_heading_in_capitals_gives_way_to_the_title_in_ordinary_case() -> None:
    head = ('<title>Best Rain Boots 2026: Tips From Harbour Pilots</title>'
            '<meta property="og:title" content="Best Rain Boots 2026: Tips From Harbour Pilots">')
    body = f"<article><h1>BEST RAIN BOOTS IN 2026: TIPS FROM HARBOUR PILOTS</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "Best Rain Boots 2026: Tips From Harbour Pilots"


def test_capitals_the_page_declares_as_its_headline_are_kept() -> None:
    head = ('<title>Tides vs. Currents | Harbour Club</title>'
            '<meta property="og:title" content="TIDES VS. CURRENTS">'
            '<meta property="og:site_name" content="Harbour Club">')
    body = f"<article><h1>TIDES VS. CURRENTS</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "TIDES VS. CURRENTS"


def test_a_heading_that_is_only_the_lead_of_the_title_gives_way_to_the_whole_title() -> None:
    head = ('<title>Tide Tables: How to Read Them | Harbour Desk</title>'
            '<meta property="og:site_name" content="Harbour Desk">')
    body = f"<article><h1>Tide tables</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "Tide Tables: How to Read Them"


def test_a_blog_name_before_the_colon_is_not_a_lead() -> None:
    head = ('<title>Field Notes: Small boats on a big river</title>'
            '<meta property="og:title" content="Small boats on a big river">')
    body = f"<h1>Field Notes</h1><article><h2>Small boats</h2>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "Small boats on a big river"


def test_a_short_count_after_the_colon_is_not_a_subtitle() -> None:
    head = "<title>How to Mend a Net : 21 Steps</title>"
    body = f"<article><h1>How to Mend a Net</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "How to Mend a Net"


def test_of_several_loose_headings_the_one_the_title_names_is_the_headline() -> None:
    head = "<title>A Sailor's Guide to Reading Tide Tables 2025 | Harbour Desk</title>"
    body = (f"<div><h1>A Sailor's Guide to Reading Tide Tables in 2025</h1>{PARAGRAPH}</div>"
            "<div><h1>Join Our Free Email Course</h1></div>")
    assert meta_of(body, head).headline == "A Sailor's Guide to Reading Tide Tables in 2025"


def test_a_plain_title_beats_a_social_media_title_when_no_heading_helps() -> None:
    head = ('<title>Your Harbour Checklist: A Planning Guide and Timeline</title>'
            '<meta property="og:title" content="You Need This Harbour Checklist! Planning Guide Inside">')
    body = f"<nav><h1>Planning</h1></nav>{PARAGRAPH}"
    assert meta_of(body, head).headline == "Your Harbour Checklist: A Planning Guide and Timeline"


def test_a_title_with_a_site_name_still_gives_way_to_the_declared_headline() -> None:
    ld = json.dumps({"@type": "BlogPosting", "headline": "Advent of Rivers, Week Two"})
    head = (f'<title>Rowan\'s Blog: Advent of Rivers, Week Two</title><script type="application/ld+json">{ld}'
            '</script><meta property="og:site_name" content="Rowan\'s Blog">')
    body = f"<nav><h1>Menu</h1></nav>{PARAGRAPH}"
    assert meta_of(body, head).headline == "Advent of Rivers, Week Two"


def test_a_title_that_adds_only_a_count_or_a_year_to_the_heading_wins() -> None:
    body = f"<article><h1>Recent Trends in Harbour Photography</h1>{PARAGRAPH}</article>"
    counted = "<title>8 Recent Trends in Harbour Photography - Harbour Club</title>"
    assert meta_of(body, counted).headline == "8 Recent Trends in Harbour Photography"
    dated = "<title>Recent Trends in Harbour Photography in 2025 - Harbour Club</title>"
    assert meta_of(body, dated).headline == "Recent Trends in Harbour Photography in 2025"
    worded = "<title>Recent Trends in Harbour Photography and Film - Harbour Club</title>"
    assert meta_of(body, worded).headline == "Recent Trends in Harbour Photography"


def test_a_site_wide_title_does_not_beat_the_declared_headline() -> None:
    head = ('<title>Read the latest local news</title>'
            '<meta property="og:title" content="Council approves a new bridge across the river">')
    assert meta_of(PARAGRAPH, head).headline == "Council approves a new bridge across the river"


def test_an_unread_count_or_a_page_number_in_the_title_is_not_a_count() -> None:
    body = f"<article><h1>Why the Tide Turns at the River Mouth</h1>{PARAGRAPH}</article>"
    for title in ("(3) Why the Tide Turns at the River Mouth | River Forum",
                  "Why the Tide Turns at the River Mouth 2"):
        assert meta_of(body, f"<title>{title}</title>").headline == "Why the Tide Turns at the River Mouth"


def test_a_capitals_heading_keeps_its_words_when_the_title_says_otherwise() -> None:
    head = "<title>Harbour Board Votes To Close The Old North Pier This Winter</title>"
    body = f"<article><h1>HARBOUR BOARD VOTES TO REOPEN THE OLD NORTH PIER THIS WINTER</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "HARBOUR BOARD VOTES TO REOPEN THE OLD NORTH PIER THIS WINTER"


def test_an_address_the_title_carries_too_stays_in_the_heading() -> None:
    head = "<title>We moved the blog to a new address (notes.io)</title>"
    body = f"<article><h1>We moved the blog to a new address (notes.io)</h1>{PARAGRAPH}</article>"
    assert meta_of(body, head).headline == "We moved the blog to a new address (notes.io)"
    cited = "<title>Ferry fares rise again on the northern route - Linkpile</title>"
    body = f"<article><h1>Ferry fares rise again on the northern route (beispiel.de) 87</h1>{PARAGRAPH}</article>"
    assert meta_of(body, cited).headline == "Ferry fares rise again on the northern route"
