"""The Markdown reader: front matter, # headings, a plain metadata block, and bad input."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from reader.core.article import Article, BlockKind, ReadError
from reader.core.formats import markdown
from reader.core.registry import read_article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "office" / "articles"

FRONT = """---
title: "Tide gauge records highest spring level in decades"
authors:
  - Noor Haddad
  - Felix Brandt
date: 2025-03-21
publisher: The Estuary Post
url: https://estuary-post.example/tide-gauge
---

# Tide gauge records highest spring level in decades

The tide gauge at the river mouth recorded its highest spring level on Friday since
measurements began at the station.

## Why the water rose

A strong westerly wind pushed water into the estuary while the moon was full.

> "We expected a high tide, but not this high," the harbour master said.

- Sandbags were handed out at the town hall.
- The riverside path was closed for six hours.

![The flooded riverside path](images/path.jpg)

| Station | Level |
|---------|-------|
| Mouth   | 4.2 m |

### What happens next

```
level = 4.2
```
"""

PLAIN_BLOCK = """# Volunteers plant a thousand trees along the canal

Nov. 9, 2024
By Ada Lindgren and Jonas Weber, Canal Gazette
https://canal-gazette.example/trees

About two hundred volunteers spent Saturday planting oaks, limes and wild cherries along the
towpath between the two locks.

## Where the trees go

The new trees fill gaps left by storms over the past three winters.
"""


def read(text: str, **kw: bool) -> Article:
    return markdown.read(text.encode("utf-8"), "/notes/article.md", **kw)


def test_front_matter_gives_headline_authors_date_outlet_url() -> None:
    a = read(FRONT)
    assert a.headline == "Tide gauge records highest spring level in decades"
    assert a.authors == ("Noor Haddad", "Felix Brandt")
    assert a.published == date(2025, 3, 21)
    assert a.outlet == "The Estuary Post"
    assert a.url == "https://estuary-post.example/tide-gauge"
    assert [(s.title, s.level) for s in a.sections] == [
        ("Why the water rose", 1), ("What happens next", 2)]


def test_body_blocks_keep_their_kinds_in_order() -> None:
    a = read(FRONT)
    kinds = [b.kind for b in a.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE,
                     BlockKind.LIST_ITEM, BlockKind.LIST_ITEM, BlockKind.IMAGE,
                     BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.HEADING,
                     BlockKind.PREFORMATTED]
    assert a.blocks[0].text.startswith("The tide gauge at the river mouth recorded")
    assert "\n" not in a.blocks[0].text  # soft breaks join
    image = a.blocks[6]
    assert image.text == "The flooded riverside path"
    assert image.src == "/notes/images/path.jpg"
    assert a.blocks[7].text == "Station | Level"


def test_plain_metadata_block_under_the_first_heading() -> None:
    a = read(PLAIN_BLOCK)
    assert a.headline == "Volunteers plant a thousand trees along the canal"
    assert a.authors == ("Ada Lindgren", "Jonas Weber")
    assert a.outlet == "Canal Gazette"
    assert a.published == date(2024, 11, 9)
    assert a.url == "https://canal-gazette.example/trees"
    assert [s.title for s in a.sections] == ["Where the trees go"]
    assert a.blocks[0].text.startswith("About two hundred volunteers")


def test_author_string_and_datetime_in_front_matter() -> None:
    a = read("---\ntitle: Short note\nauthor: By Mia Chen and Leo Park\n"
             "date: 2023-05-06T10:00:00Z\nsource: https://example.org/n\n---\nBody text here.\n")
    assert a.headline == "Short note"
    assert a.authors == ("Mia Chen", "Leo Park")
    assert a.published == date(2023, 5, 6)
    assert a.url == "https://example.org/n"


def test_metadata_only_agrees_with_the_full_reading() -> None:
    for text in (FRONT, PLAIN_BLOCK):
        full, quick = read(text), read(text, metadata_only=True)
        assert (quick.headline, quick.byline, quick.words) == (full.headline, full.byline, full.words)
        assert full.words > 30


# -- Markdown versions of plain-text articles ----------------------------------------------

def _chunks(text: str) -> list[str]:
    return [c.strip("\n") for c in text.replace("[bookmark: _GoBack]", "").split("\n\n") if c.strip()]


def as_heading_and_block(text: str, original: Article) -> str:
    """'# headline', the metadata block as it is, '## ' for the section headings."""
    headings = {s.title for s in original.sections}
    chunks = _chunks(text)
    return "\n\n".join([f"# {chunks[0]}"] + [f"## {c}" if c in headings else c for c in chunks[1:]])


def as_front_matter(text: str, original: Article) -> str:
    headings = {s.title for s in original.sections}
    lines = [f'title: "{original.headline}"']
    if original.authors:
        lines.append("authors: [" + ", ".join(f'"{n}"' for n in original.authors) + "]")
    if original.published:
        lines.append(f"date: {original.published.isoformat()}")
    if original.outlet:
        lines.append(f'publisher: "{original.outlet}"')
    if original.url:
        lines.append(f"url: {original.url}")
    body = _chunks(text)[1:]  # the metadata block goes: the front matter says it all
    meta_end = next(i for i, c in enumerate(body)
                    if any(b.text.startswith(c[:30]) for b in original.blocks))
    parts = [f"## {c}" if c in headings else c for c in body[meta_end:]]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + "\n\n".join(parts)


def as_is(text: str, original: Article) -> str:
    return text


def _facts(a: Article) -> tuple[object, ...]:
    return (a.headline, a.authors, a.outlet, a.published, a.url, [s.title for s in a.sections])


@pytest.mark.parametrize("convert", [as_heading_and_block, as_front_matter, as_is],
                         ids=lambda f: f.__name__)
def test_markdown_versions_read_like_their_text(convert, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = sorted(ARTICLES.glob("*.txt"))
    assert len(files) >= 3
    for txt in files:
        _compare(txt, convert, tmp_path)


def test_markdown_versions_of_the_shared_sample(shared: Path, tmp_path: Path) -> None:
    for convert in (as_heading_and_block, as_front_matter, as_is):
        _compare(shared / "samples" / "russia-quits-icc.txt", convert, tmp_path)


def _compare(txt: Path, convert, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = read_article(txt)
    target = tmp_path / f"{txt.stem}-{convert.__name__}.md"
    target.write_text(convert(txt.read_text(encoding="utf-8"), original), encoding="utf-8")
    converted = read_article(target)
    assert converted.format == "markdown"
    assert _facts(converted) == _facts(original), target.name
    assert abs(converted.words - original.words) <= 2, target.name


# -- bad input -------------------------------------------------------------------------------

BAD = {
    "empty": "",
    "only front matter": "---\n---\n",
    "broken yaml": "---\ntitle: [unclosed\n---\n# Heading\n\nText.\n",
    "yaml not a mapping": "---\n- a\n- b\n---\n# Heading\n\nText.\n",
    "yaml aliases": "---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nauthor: [*c, *c, *c, *c, *c]\n"
                    "title: Aliased\n---\nBody.\n",
    "unclosed front matter": "---\ntitle: x\n" + "line\n" * 1000,
    "deep quotes": ">" * 5000 + " deep\n",
    "many brackets": "[" * 50000 + "\n",
    "many emphasis": "*a " * 50000 + "\n",
    "many open links": "[a](" * 100000 + "\n",
    "many tiny paragraphs": "Some *words* [link](x) here.\n\n" * 60000,
    "binary": "\x00\x01\x02" * 100,
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_a_clear_error_or_a_best_reading(name: str) -> None:
    start = time.perf_counter()
    try:
        a = read(BAD[name])
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(a.headline, str)
        assert len(a.authors) <= 50
    assert time.perf_counter() - start < 5


def test_the_tail_of_a_huge_file_keeps_paragraphs_and_headings() -> None:
    filler = "A paragraph of plain words that goes on for a while.\n\n" * 8000
    a = read("# Huge\n\n" + filler + "## Late section\n\nThe *last* words.\n")
    assert [s.title for s in a.sections] == ["Late section"]
    assert a.blocks[-1].text == "The *last* words."  # raw, but there
    assert a.words == 8000 * 11 + 2 + 3


def test_large_markdown_is_linear_enough() -> None:
    text = "# Big\n\n" + ("A paragraph of plain words that goes on for a while.\n\n" * 40000)
    start = time.perf_counter()
    a = read(text, metadata_only=True)
    assert a.words >= 40000 * 10
    assert time.perf_counter() - start < 15


def test_raw_html_blocks_keep_their_words_not_their_code() -> None:
    a = read("# Title\n\n<!-- a note -->\n\n<div class=\"box\">\n<p>Boxed &amp; kept</p>\n</div>\n\n"
             "<script>\nalert(1)\n</script>\n\nThe end.\n")
    assert [b.text for b in a.blocks] == ["Boxed & kept", "The end."]
