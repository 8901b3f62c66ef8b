"""render_article: escaping, byline pieces, heading anchors, local-only images."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage, QTextDocument

from reader.core.article import Article, Block, BlockKind, Byline, make_article
from reader.ui.render import authors_text, render_article, render_message, source_domain

P = BlockKind.PARAGRAPH


def article(blocks: list[Block], *, byline: Byline | None = None, headline: str = "Headline",
            path: str = "/nowhere/a.txt", words: int | None = None) -> Article:
    return make_article(headline=headline, byline=byline or Byline(), blocks=blocks, path=path,
                        format="text", words=words)


def test_headline_and_text_are_escaped() -> None:
    html = render_article(article([Block(P, "1 < 2 & <b>not bold</b>")],
                                  headline="<script>alert('x')</script> & co"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co" in html
    assert "1 &lt; 2 &amp; &lt;b&gt;not bold&lt;/b&gt;" in html


def test_block_html_is_preferred_and_cleaned() -> None:
    block = Block(P, "plain", html='<em>kept</em><script>bad()</script>'
                                   '<img src="http://tracker.example/p.gif">'
                                   '<a href="javascript:evil()">x</a><a href="https://ok.example/">ok</a>')
    html = render_article(article([block]))
    assert "<em>kept</em>" in html
    assert "bad()" not in html and "<script" not in html
    assert "tracker.example" not in html
    assert "javascript:" not in html
    assert 'href="https://ok.example/"' in html
    assert ">plain<" not in html


def test_authors_are_joined_like_a_byline() -> None:
    assert authors_text(()) == ""
    assert authors_text(("Ana",)) == "By Ana"
    assert authors_text(("Ana", "Tom")) == "By Ana and Tom"
    assert authors_text(("Ana", "Tom", "Lee")) == "By Ana, Tom and Lee"


def test_byline_pieces() -> None:
    byline = Byline(("Ana <A>", "Tom"), "The Courier & Post", date(2026, 11, 3),
                    "https://www.courier.example/news/1?a=1&b=2")
    html = render_article(article([Block(P, "word")], byline=byline, words=1380),
                          format_date=lambda d: f"day {d.isoformat()}")
    assert "By Ana &lt;A&gt; and Tom" in html
    assert "The Courier &amp; Post" in html
    assert "day 2026-11-03" in html
    assert "6 min read" in html
    assert '<a href="https://www.courier.example/news/1?a=1&amp;b=2">courier.example</a>' in html


def test_source_link_only_for_web_urls() -> None:
    assert source_domain("https://www.example.org/a") == "example.org"
    assert source_domain("javascript:alert(1)") == ""
    assert source_domain("file:///etc/passwd") == ""
    html = render_article(article([Block(P, "w")], byline=Byline(url="javascript:alert(1)")))
    assert "javascript" not in html


def test_headings_carry_their_anchors_and_qt_finds_them(qtbot) -> None:
    art = article([Block(BlockKind.HEADING, "First part", 1), Block(P, "text"),
                   Block(BlockKind.HEADING, "Detail", 2), Block(P, "more")])
    html = render_article(art)
    for section in art.sections:
        assert f'<a name="{section.anchor}"></a>' in html
    document = QTextDocument()
    document.setHtml(html)
    names = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            names += block.begin().fragment().charFormat().anchorNames()
        block = block.next()
    assert names == ["s-first-part", "s-detail"]


def test_quotes_lists_and_preformatted() -> None:
    html = render_article(article([
        Block(BlockKind.QUOTE, "Said <this>"), Block(BlockKind.LIST_ITEM, "one"),
        Block(BlockKind.LIST_ITEM, "two"), Block(P, "after"), Block(BlockKind.PREFORMATTED, "a  b\nc"),
    ]))
    assert "<blockquote>Said &lt;this&gt;</blockquote>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<pre>a  b\nc</pre>" in html


def test_images_are_local_only(tmp_path: Path, qtbot) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(tmp_path / "pic.png"))
    art = article([
        Block(BlockKind.IMAGE, "Local picture", src="pic.png"),
        Block(BlockKind.IMAGE, "Remote picture", src="https://cdn.example/pic.jpg"),
        Block(BlockKind.IMAGE, "Missing picture", src=str(tmp_path / "gone.png")),
        Block(BlockKind.IMAGE, "", src="data:image/png;base64,AAAA"),
    ], path=str(tmp_path / "article.txt"))
    html = render_article(art)
    assert f'<img src="{(tmp_path / "pic.png").as_uri()}"' in html
    assert html.count("<img") == 1
    assert "cdn.example" not in html
    assert "Image: Remote picture" in html
    assert "Image: Missing picture" in html
    assert "Image not available" in html


def test_message_is_escaped() -> None:
    html = render_message("Can't read <file>", "It is not a text file & never was.")
    assert "Can't read &lt;file&gt;" in html
    assert "not a text file &amp; never was." in html


def test_escaping_matches_the_standard_library() -> None:
    import html

    from reader.ui import render

    for text in ("", "plain", "a & b < c > d", "\"quoted\" and 'single'", "&amp; already", "<&>\"'"):
        assert render._esc(text) == html.escape(text, quote=False)
        assert render._attr(text) == html.escape(text, quote=True)
