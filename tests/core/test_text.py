"""The plain-text reader: headline, byline, outline and body from text with no markup."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.article import Article, BlockKind, ReadError
from reader.core.formats.text import read, read_paragraphs

DATA = Path(__file__).resolve().parent.parent / "data" / "text"
FIXTURES = sorted(p for p in DATA.glob("*.txt"))
FIELDS = ("headline", "authors", "outlet", "published", "url")


def fields(article: Article) -> dict[str, object]:
    got = article.to_json()
    out = {f: got[f] for f in FIELDS}
    out["sections"] = [s.title for s in article.sections]
    return out


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_reads_as_expected(path: Path) -> None:
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert fields(read(path.read_bytes(), str(path))) == want


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_metadata_only_gives_the_same_reading(path: Path) -> None:
    data = path.read_bytes()
    full, quick = read(data, str(path)), read(data, str(path), metadata_only=True)
    assert (quick.headline, quick.byline, quick.words) == (full.headline, full.byline, full.words)


def test_sample_body(shared: Path) -> None:
    article = read((shared / "samples" / "russia-quits-icc.txt").read_bytes(), "russia.txt")
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("Russia says it will withdraw")
    assert not any("bookmark" in t or "\u00a0" in t or "  " in t for t in texts)
    assert any(t.startswith("The ICC said in a report released Monday") for t in texts)
    assert [b.kind for b in article.blocks].count(BlockKind.HEADING) == 2


def body(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in read(text.encode(), "a.txt").blocks]


def test_hard_wrapped_paragraphs_are_joined_and_dateline_is_body() -> None:
    blocks = body((DATA / "hard-wrapped-dateline.txt").read_text(encoding="utf-8"))
    assert blocks[0][0] == "paragraph" and blocks[0][1].startswith("PARIS (AP) -- The city's transport")
    assert blocks[0][1].endswith("after midnight.")
    assert ("heading", "Why now?") in blocks
    assert len(blocks) == 4


def test_images_become_image_blocks_and_bookmarks_vanish() -> None:
    article = read((DATA / "artefacts.txt").read_bytes(), "artefacts.txt")
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds[0] == (BlockKind.IMAGE, "The restored east wing at dusk")
    assert (BlockKind.IMAGE, "Workers on scaffolding") in kinds
    assert (BlockKind.HEADING, "A long restoration") in kinds
    assert not any("[" in b.text for b in article.blocks)
    assert article.headline == "Museum reopens its east wing"


@pytest.mark.parametrize("line, heading", [
    ("What happens next?", True),
    ("The key points:", True),
    ("Russia's actions in Crimea", True),
    ("ROADS AND RAIL", True),
    ("It is official.", False),
    ("\u201cWe won,\u201d she said", False),
    ("We won!", False),
    ("- a bullet point", False),
    ("lower case start of a line", False),
    ("PARIS (AP) -- Rain", False),
    ("One sentence here. Another one follows", False),
])
def test_heading_or_one_line_paragraph(line: str, heading: bool) -> None:
    blocks = body(f"Headline\n\nBy Jane Doe\n\nFirst paragraph of the text, long enough.\n\n{line}\n\n"
                  "Last paragraph of the text, long enough.\n")
    assert (blocks[1][0] == "heading") is heading


def test_a_run_of_short_lines_is_not_a_run_of_headings() -> None:
    blocks = body("Headline\n\nIntro paragraph, long enough to be body.\n\nApples\n\nPears\n\nPlums\n\nEnd.\n")
    assert [k for k, _ in blocks].count("heading") == 0


def test_lists_and_quotes_are_body() -> None:
    blocks = body("Headline\n\nIntro paragraph.\n\n- first item\n- second item\n\n> A quoted line\n\nEnd.\n")
    assert ("list_item", "first item") in blocks and ("list_item", "second item") in blocks
    assert ("quote", "> A quoted line") in blocks


def test_headline_only_and_empty() -> None:
    assert read(b"Just a headline\n", "a.txt").headline == "Just a headline"
    with pytest.raises(ReadError, match="empty"):
        read(b"  \n\n\t\n", "a.txt")
    with pytest.raises(ReadError, match="binary"):
        read(b"\x00\x01\x02\x03binary\x00\x00", "a.txt")


def test_long_first_line_is_body_and_file_name_is_headline() -> None:
    article = read(("word " * 100).encode(), "/x/my_article-name.txt")
    assert article.headline == "my article name" and article.words == 100


def test_read_paragraphs_with_bold_headings() -> None:
    paras = ["A headline from Word", "By JANE DOE, Reuters", "March 3, 2021", "",
             "First paragraph of the body, long enough to be one.", "Background.",
             "Second paragraph of the body.", "[bookmark: _GoBack]Closing words here."]
    article = read_paragraphs(paras, "a.docx", "docx", bold={5})
    assert article.format == "docx" and article.headline == "A headline from Word"
    assert article.authors == ("Jane Doe",) and article.outlet == "Reuters"
    assert article.published is not None and article.published.isoformat() == "2021-03-03"
    assert [s.title for s in article.sections] == []  # 'Background.' ends with a full stop
    article = read_paragraphs([p.rstrip(".") if i == 5 else p for i, p in enumerate(paras)], "a.docx",
                              "docx", bold={5})
    assert [s.title for s in article.sections] == ["Background"]
    assert article.blocks[-1].text == "Closing words here."


def test_caps_headings_rank_above_mixed_case_ones() -> None:
    article = read((DATA / "cp1252-smart-quotes.txt").read_bytes(), "a.txt")
    assert [(s.title, s.level) for s in article.sections] == [("THE WEATHER QUESTION", 1),
                                                              ("Prices and markets", 2)]


def test_pathological_inputs_finish_fast() -> None:
    import time

    for data in (b"word " * 400_000, b"Short line\n" * 200_000, b"[image: " * 100_000,
                 b"[bookmark: " * 100_000, b"Heading\n\nBody text.\n\n" * 50_000):
        start = time.perf_counter()
        read(data, "a.txt")
        assert time.perf_counter() - start < 10


LIBRARY_EXPECTED = json.loads((DATA / "library-expected.json").read_text(encoding="utf-8"))


def test_library_has_the_sample_articles(library: Path) -> None:
    assert len(LIBRARY_EXPECTED) >= 8
    assert {rel.split("/")[0] for rel in LIBRARY_EXPECTED} >= {"world", "science", "business"}


@pytest.mark.parametrize("rel", sorted(LIBRARY_EXPECTED))
def test_library_article_reads_perfectly(library: Path, rel: str) -> None:
    path = library / rel
    article = read(path.read_bytes(), str(path))
    assert fields(article) == LIBRARY_EXPECTED[rel]
    assert 300 <= article.words <= 1200
    assert not any("[" in b.text or "\ufffd" in b.text or "\u00e2\u20ac" in b.text for b in article.blocks)
