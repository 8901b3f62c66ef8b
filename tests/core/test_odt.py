"""The ODT reader: text:h outline levels, meta.xml, lists, tables, frames and bad input."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from bad_input import read_or_refuse

from reader.core.article import Article, BlockKind
from reader.core.formats import odt

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

BODY = """
<text:p text:style-name="P1">Council approves new cycle lanes</text:p>
<text:p text:style-name="Text_20_body">July 8, 2025</text:p>
<text:p text:style-name="Text_20_body">By Hana Sato, Northside Bulletin</text:p>
<text:p text:style-name="Text_20_body">The council voted on Tuesday<text:note><text:note-body>
<text:p>A footnote that is not body text</text:p></text:note-body></text:note> to paint
protected<text:s text:c="1"/>lanes on four streets.<office:annotation><dc:creator>Ed</dc:creator>
<text:p>an editor's comment</text:p></office:annotation></text:p>
<text:h text:outline-level="1">Which streets</text:h>
<text:list><text:list-item><text:p>Mill Street</text:p></text:list-item>
<text:list-item><text:p>Bridge <text:span>Road</text:span></text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Street</text:p></table:table-cell>
<table:table-cell><text:p>Length</text:p></table:table-cell></table:table-row></table:table>
<text:h text:outline-level="2">Cost<text:bookmark text:name="cost"/></text:h>
<text:p>The work will cost less than expected.<draw:frame><svg:title>Map of the lanes</svg:title>
<draw:image xlink:href="Pictures/map.png"/></draw:frame></text:p>
"""


def content(body: str, styles: str = "") -> str:
    auto = ('<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
            'style:parent-style-name="Title"/>' + styles + "</office:automatic-styles>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{auto}'
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")


META = (f'<?xml version="1.0"?><office:document-meta {NS}><office:meta>'
        "<dc:title>Property title</dc:title><meta:initial-creator>Lena Fox</meta:initial-creator>"
        "<meta:creation-date>2025-07-01T09:00:00</meta:creation-date></office:meta></office:document-meta>")


def make_odt(content_xml: str, meta_xml: str | None = META) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content_xml)
        if meta_xml is not None:
            zf.writestr("meta.xml", meta_xml)
    return buf.getvalue()


def read(data: bytes, **kw: bool) -> Article:
    return odt.read(data, "/tmp/article.odt", **kw)


def test_title_metadata_block_and_outline() -> None:
    a = read(make_odt(content(BODY)))
    assert a.headline == "Council approves new cycle lanes"
    assert a.authors == ("Hana Sato",)
    assert a.outlet == "Northside Bulletin"
    assert a.published == date(2025, 7, 8)
    assert [(s.title, s.level) for s in a.sections] == [("Which streets", 1), ("Cost", 2)]


def test_body_in_order_without_notes_or_comments() -> None:
    a = read(make_odt(content(BODY)))
    pairs = [(b.kind, b.text) for b in a.blocks]
    assert pairs[0] == (BlockKind.PARAGRAPH,
                        "The council voted on Tuesday to paint protected lanes on four streets.")
    assert (BlockKind.LIST_ITEM, "Bridge Road") in pairs
    assert pairs.index((BlockKind.LIST_ITEM, "Mill Street")) < pairs.index(
        (BlockKind.PARAGRAPH, "Street | Length"))
    assert pairs[-1] == (BlockKind.IMAGE, "Map of the lanes")
    text = " ".join(t for _, t in pairs)
    assert "footnote" not in text and "comment" not in text


def test_properties_fill_what_the_text_lacks() -> None:
    body = "<text:h text:outline-level='1'>Only a heading</text:h><text:p>Some words here.</text:p>"
    a = read(make_odt(content(body)))
    assert a.headline == "Only a heading"
    assert a.authors == ("Lena Fox",)
    assert a.published == date(2025, 7, 1)


def test_unstyled_odt_reads_like_plain_text() -> None:
    bold = ('<style:style style:name="P9" style:family="paragraph"><style:text-properties '
            'fo:font-weight="bold"/></style:style>')
    body = ("<text:p>Ferry fares frozen for another year</text:p><text:p>Jan. 3, 2025</text:p>"
            "<text:p>By Oskar Lind</text:p><text:p>The island ferry will keep its fares, the operator "
            "said, after a year of strong passenger numbers.</text:p>"
            '<text:p text:style-name="P9">Season tickets</text:p>'
            "<text:p>Season tickets go on sale in March.</text:p>")
    a = read(make_odt(content(body, bold), meta_xml=None))
    assert a.headline == "Ferry fares frozen for another year"
    assert a.authors == ("Oskar Lind",)
    assert a.published == date(2025, 1, 3)
    assert [s.title for s in a.sections] == ["Season tickets"]


def test_metadata_only_agrees_with_the_full_reading() -> None:
    data = make_odt(content(BODY))
    full, quick = read(data), read(data, metadata_only=True)
    assert (quick.headline, quick.byline, quick.words) == (full.headline, full.byline, full.words)
    assert full.words > 20 and quick.blocks == ()


LAUGHS = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
          + "]>")


def bad_inputs() -> dict[str, bytes]:
    good = make_odt(content(BODY))
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "corrupt member": good[:120] + bytes(300) + good[420:],
        "no content": make_odt(content(BODY))[:0] + _zip_without_content(),
        "not xml": make_odt("this is not xml at all <<<"),
        "entity expansion": make_odt(LAUGHS + content("<text:p>&i;</text:p>").split("?>", 1)[1]),
        "external entity": make_odt('<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                    + content("<text:p>&x;</text:p>").split("?>", 1)[1]),
        "bomb": _bomb(),
        "deep": make_odt(content("<text:section>" * 3000 + "</text:section>" * 3000)),
    }


def _zip_without_content() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("meta.xml", META)
    return buf.getvalue()


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("content.xml", b" " * (48 * 1024 * 1024))
    return buf.getvalue()


@pytest.mark.parametrize("name", ["empty", "truncated", "corrupt member", "no content", "not xml",
                                  "entity expansion", "external entity", "bomb", "deep"])
def test_bad_input_is_a_clear_error_or_a_best_reading(name: str) -> None:
    a = read_or_refuse(read, bad_inputs()[name], "article.odt")
    if a is not None:
        assert "root:" not in " ".join(b.text for b in a.blocks)
        assert len(" ".join(b.text for b in a.blocks)) < 10_000  # no expanded entities
