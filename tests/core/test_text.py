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
    # unseen-*: realistic articles written for an adversarial check of the reader (CNN, BBC,
    # Reuters, AP, Guardian, NYT, Al Jazeera and NPR styles, in every encoding and line end)
    assert len([p for p in FIXTURES if p.stem.startswith("unseen-")]) >= 12


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_reads_as_expected(path: Path) -> None:
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert fields(read(path.read_bytes(), str(path))) == want


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_body_is_clean_text(path: Path) -> None:
    article = read(path.read_bytes(), str(path))
    for block in article.blocks:
        assert not any(bad in block.text for bad in ("[bookmark", "[image", "\u00a0", "\ufffd", "\u00c3", "\u00e2\u20ac"))
        assert block.text == " ".join(block.text.split())


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


def test_a_heading_and_its_sub_heading_are_both_headings() -> None:
    blocks = body("Headline\n\nBy Jane Doe\n\nFirst paragraph of the text, long enough.\n\nStarting Over\n\n"
                  "A new tenant\n\nA paragraph under both of them, long enough.\n\nWHAT IS NEXT\n\n"
                  "Engine trouble\n\nMore text under the last one.\n")
    assert [t for k, t in blocks if k == "heading"] == ["Starting Over", "A new tenant", "WHAT IS NEXT",
                                                         "Engine trouble"]


def test_a_heading_glued_under_a_wrapped_paragraph_is_split_off() -> None:
    text = ("Headline\n\nBy Jane Doe\n\n"
            "The SNB held its deposit rate at minus 0.75 percent, where it has been\n"
            "since January 2015, and said it was willing to intervene in currency\n"
            "markets if necessary, as it has done many times over the past years.\n"
            "Inflation outlook lowered\n\n"
            "The central bank cut its inflation forecast for next year to 0.5 percent\n"
            "from 0.8 percent, citing lower oil prices and weaker growth abroad.\n")
    blocks = body(text)
    assert blocks[1] == ("heading", "Inflation outlook lowered")
    assert blocks[0][1].endswith("over the past years.") and len(blocks) == 3


@pytest.mark.parametrize("line, heading", [
    ("'We are tired'", True),
    ("\u201cA grave threat\u201d", True),
    ("\"Nothing.\"", False),
    ("\u201cWhere will we go?\u201d", False),
    ("\"We won,\" she said", False),
    ("Related: How fast is Antarctica melting?", False),
    ("Copyright 2019 BBC", False),
    ("Read more: the full report", False),
    ("Advertisement", False),
    ("Photograph: Jane Doe/AP", False),
    ("In a statement, the ministry said:", False),  # leads into a quote
    ("He added:", False),
    ("What Experts Say:", True),
    ("CLIMATE SCIENTISTS SAY:", True),
    ("Gov. Smith responds", True),  # an abbreviation, not two sentences
])
def test_quoted_headings_and_closing_lines(line: str, heading: bool) -> None:
    blocks = body(f"Headline\n\nBy Jane Doe\n\nFirst paragraph of the text, long enough.\n\n{line}\n\n"
                  "Last paragraph of the text, long enough.\n")
    assert (blocks[1][0] == "heading") is heading


def test_a_line_above_closing_boilerplate_heads_nothing() -> None:
    blocks = body("Headline\n\nFirst paragraph of the text, long enough.\n\nFollow Jane Doe on Twitter\n\n"
                  "Copyright 2016 The Harbour Times\n")
    assert [k for k, _ in blocks].count("heading") == 0


@pytest.mark.parametrize("line, heading", [
    ("What the researchers found:", True),
    ("Key Findings:", True),
    ("THEIR DEMANDS:", True),
    ("The agreement sets out three priorities:", False),
    ("Organisers asked visitors to follow a few simple rules:", False),
])
def test_a_colon_line_over_a_list_is_a_heading_or_a_lead_in(line: str, heading: bool) -> None:
    blocks = body(f"Headline\n\nFirst paragraph of the text, long enough.\n\n{line}\n\n- one thing\n- another\n\n"
                  "Last paragraph of the text, long enough.\n")
    assert (blocks[1][0] == "heading") is heading


def test_a_colon_heading_over_an_image_line_does_not_fail() -> None:
    blocks = body("Headline\n\nFirst paragraph of the text, long enough.\n\nThe key points:\n\n"
                  "[image: A chart]\n\nLast paragraph of the text, long enough.\n")
    assert ("heading", "The key points:") in blocks and ("image", "A chart") in blocks


def test_one_unwrapped_long_paragraph_does_not_hide_the_wrap_of_the_others() -> None:
    para = ("The Russian Foreign Ministry said the ICC had failed to meet the expectations to become a\n"
            "truly independent, authoritative international tribunal, in a statement released\n"
            "Wednesday and widely reported.")
    long_line = "This paragraph was never wrapped by the converter, and so it runs on " * 3
    blocks = body(f"Headline\n\nBy Jane Doe\n\n{para}\n\n{long_line.strip()}.\n\nA real heading\n\n{para}\n")
    assert [k for k, _ in blocks] == ["paragraph", "paragraph", "heading", "paragraph"]


def test_an_outlet_with_its_bureau() -> None:
    article = read(b"Headline\n\nBBC News, Washington\nBy Jane Doe\n\nBody text here, long enough.\n", "a.txt")
    assert (article.authors, article.outlet) == (("Jane Doe",), "BBC News")


def test_a_title_case_heading_right_under_the_metadata_is_no_outlet() -> None:
    article = read(b"Headline\n\nBy Jane Doe\nNov. 16, 2016\n\nThe Road Ahead\n\nBody text here, long enough.\n\n"
                   b"More body text here, long enough.\n", "a.txt")
    assert article.outlet is None and [s.title for s in article.sections] == ["The Road Ahead"]
    article = read(b"Headline\n\nBy Jane Doe, CNN\n\nNov. 16, 2016\n\nCNN\n\nBody text here, long enough.\n", "a.txt")
    assert article.outlet == "CNN" and article.published is not None and not article.sections


BYLINES = [
    ("By: Sheena McKenzie", ["Sheena McKenzie"], None),
    ("BY SHEENA MCKENZIE", ["Sheena McKenzie"], None),
    ("By JANE DOE and JOHN O'BRIEN", ["Jane Doe", "John O'Brien"], None),
    ("By Jane Doe, John Roe and Ali Khan", ["Jane Doe", "John Roe", "Ali Khan"], None),
    ("By Mary McAllister-Smith", ["Mary McAllister-Smith"], None),
    ("By Tom Ashworth, BBC News", ["Tom Ashworth"], "BBC News"),
    ("Jane Doe, Senior Correspondent, CNN", ["Jane Doe"], "CNN"),
    ("Sarah O'Neill, Political Editor, The Irish Times", ["Sarah O'Neill"], "The Irish Times"),
    ("By Ahmed al-Masri", ["Ahmed al-Masri"], None),
    ("Priya Raman, NPR", ["Priya Raman"], "NPR"),
]
DATES = ["November 16, 2016", "Nov. 16, 2016", "16 November 2016", "2016-11-16",
         "Updated 2:14 PM ET, Wed November 16, 2016", "Published 0930 GMT (1730 HKT) November 16, 2016",
         "Wednesday 16 November 2016 10.30 GMT"]


@pytest.mark.parametrize("byline, authors, outlet", BYLINES, ids=lambda x: x if isinstance(x, str) else "")
def test_every_byline_with_every_date_in_any_order(byline: str, authors: list[str], outlet: str | None) -> None:
    url = "http://www.cnn.com/2016/11/16/world/a-story/index.html"
    for n, when in enumerate(DATES):
        lines = [byline, when, url] if n % 3 == 0 else [when, url, byline] if n % 3 == 1 else [url, byline, when]
        if outlet is None:
            lines.insert(n % 4, "THE GUARDIAN")
        gap = "\n\n" if n % 2 else "\n"
        spaced = "\n\n" if n % 5 == 4 else "\n"
        text = (f"Why the bridge closed: a timeline{gap}{spaced.join(lines)}\n\n"
                "LONDON (Reuters) - The first paragraph runs long enough to be a real paragraph of news.\n\n"
                "What comes next\n\nThe last paragraph sits under a heading.\n")
        got = fields(read(text.encode(), "a.txt"))
        assert got == {"headline": "Why the bridge closed: a timeline", "authors": authors,
                       "outlet": outlet or "The Guardian", "published": "2016-11-16", "url": url,
                       "sections": ["What comes next"]}, text


def test_outlet_in_capitals_is_cased() -> None:
    article = read(b"Headline\n\nBy Jane Doe\nTHE HARBOUR TIMES\nNov. 16, 2016\n\nBody text here.\n", "a.txt")
    assert (article.authors, article.outlet) == (("Jane Doe",), "The Harbour Times")
    article = read(b"Headline\n\nBy Jane Doe\nNPR\n\nBody text here.\n", "a.txt")
    assert article.outlet == "NPR"


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
