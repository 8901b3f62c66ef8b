"""The Word reader: styled and unstyled documents, artefacts, order, properties and bad input."""
from __future__ import annotations

import copy
import functools
import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import docx
import pytest
from bad_input import read_or_refuse, tiny_png
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from reader.core.article import Article, BlockKind
from reader.core.formats import docx as word
from reader.core.registry import read_article

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "office" / "articles"


def save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def read(data: bytes, **kw: bool) -> Article:
    return word.read(data, "/tmp/article.docx", **kw)


def add_go_back(paragraph: docx.text.paragraph.Paragraph) -> None:
    """Word's hidden _GoBack bookmark, as Word writes it, at the start of the paragraph."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="_GoBack"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>')
    paragraph._p.insert(0, end)
    paragraph._p.insert(0, start)


def styled_document() -> docx.document.Document:
    d = docx.Document()
    d.add_paragraph("Bridge repairs close the river road for a month", style="Title")
    d.add_paragraph("June 2, 2025")
    d.add_paragraph("By Marta Quinn, Riverside Courier")
    d.add_paragraph("Crews began work on the old stone bridge on Monday, and the road along "
                    "the river will stay closed to cars until early July.")
    d.add_heading("Detours for buses", level=1)
    add_go_back(d.add_paragraph("Buses will cross at the northern bridge instead, adding about "
                                "ten minutes to each trip."))
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate((("Line", "Detour"), ("4", "North bridge"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("Cyclists may still use the bridge.", style="List Bullet")
    d.add_heading("What the work involves", level=2)
    d.add_picture(io.BytesIO(tiny_png()))
    d.inline_shapes[0]._inline.docPr.set("descr", "The bridge under scaffolding")
    hidden = d.add_paragraph("The engineers will replace the worn stones. ")
    run = hidden.add_run("SECRET EDITOR NOTE")
    run.font.hidden = True
    d.core_properties.author = "Template Owner"
    d.core_properties.title = "Untitled template"
    return d


def test_styled_document_reads_title_headings_and_metadata_block() -> None:
    a = read(save(styled_document()))
    assert a.headline == "Bridge repairs close the river road for a month"
    assert a.authors == ("Marta Quinn",)
    assert a.outlet == "Riverside Courier"
    assert a.published == date(2025, 6, 2)
    assert [(s.title, s.level) for s in a.sections] == [
        ("Detours for buses", 1), ("What the work involves", 2)]
    texts = [b.text for b in a.blocks]
    assert not any("June 2, 2025" in t or t.startswith("By Marta") for t in texts)


def test_styled_document_keeps_tables_lists_and_images_in_order() -> None:
    a = read(save(styled_document()))
    kinds = [(b.kind, b.text) for b in a.blocks]
    buses = next(i for i, (_, t) in enumerate(kinds) if t.startswith("Buses will cross"))
    assert kinds[buses + 1] == (BlockKind.PARAGRAPH, "Line | Detour")
    assert kinds[buses + 2] == (BlockKind.PARAGRAPH, "4 | North bridge")
    assert kinds[buses + 3] == (BlockKind.LIST_ITEM, "Cyclists may still use the bridge.")
    assert (BlockKind.IMAGE, "The bridge under scaffolding") in kinds
    image = kinds.index((BlockKind.IMAGE, "The bridge under scaffolding"))
    work = kinds.index((BlockKind.HEADING, "What the work involves"))
    assert work < image


def test_bookmarks_and_hidden_text_are_not_text() -> None:
    a = read(save(styled_document()))
    body = " ".join(b.text for b in a.blocks)
    assert "Buses will cross" in body
    assert "_GoBack" not in body and "bookmark" not in body
    assert "SECRET" not in body


def test_core_properties_fill_only_what_the_text_lacks() -> None:
    d = docx.Document()
    d.add_paragraph("Night trains return to the northern line", style="Title")
    d.add_paragraph("The overnight service stops at every station on the line.")
    d.core_properties.author = "Petra Holm"
    d.core_properties.created = datetime(2024, 9, 30, 8, 0, tzinfo=timezone.utc)
    a = read(save(d))
    assert a.authors == ("Petra Holm",)
    assert a.published == date(2024, 9, 30)
    assert a.headline == "Night trains return to the northern line"
    styled = read(save(styled_document()))
    assert styled.authors == ("Marta Quinn",)  # the text's byline wins over the property
    assert styled.headline != "Untitled template"


def test_subtitle_is_a_standfirst_not_metadata() -> None:
    d = docx.Document()
    d.add_paragraph("Harbour wall to be raised", style="Title")
    d.add_paragraph("Storm surges reach the old town twice a winter", style="Subtitle")
    d.add_paragraph("By Ola Berg")
    d.add_paragraph("Engineers will add a metre of stone to the wall over the next two summers.")
    a = read(save(d))
    assert a.authors == ("Ola Berg",)
    assert a.blocks[0].text == "Storm surges reach the old town twice a winter"
    assert a.blocks[1].text.startswith("Engineers will add")


def test_no_title_style_takes_the_first_paragraph() -> None:
    d = docx.Document()
    d.add_paragraph("Market hall reopens")
    d.add_heading("Stalls", level=1)
    d.add_paragraph("Forty stalls have signed up for the opening weekend.")
    a = read(save(d))
    assert a.headline == "Market hall reopens"
    assert [s.title for s in a.sections] == ["Stalls"]
    assert all(b.text != "Market hall reopens" for b in a.blocks)


def test_unstyled_bold_paragraphs_are_headings() -> None:
    d = docx.Document()
    d.add_paragraph("Wind farm approved off the east coast")
    d.add_paragraph("May 5, 2025")
    d.add_paragraph("By Selma Okafor")
    d.add_paragraph("Regulators approved the forty turbines on Thursday after two years of hearings.")
    d.add_paragraph().add_run("Fishing grounds").bold = True
    d.add_paragraph("Fishers will be paid for the areas closed during construction.")
    d.add_paragraph().add_run("A long bold sentence that is plainly a paragraph of body text, "
                              "written in bold for emphasis, and ending in a full stop.").bold = True
    a = read(save(d))
    assert a.headline == "Wind farm approved off the east coast"
    assert a.authors == ("Selma Okafor",)
    assert a.published == date(2025, 5, 5)
    assert [s.title for s in a.sections] == ["Fishing grounds"]


def test_metadata_only_agrees_with_the_full_reading() -> None:
    data = save(styled_document())
    full, quick = read(data), read(data, metadata_only=True)
    assert (quick.headline, quick.byline, quick.words) == (full.headline, full.byline, full.words)
    assert full.words > 40


# -- Word versions of plain-text articles read like the text itself ---------------------------

def _chunks(text: str) -> list[str]:
    return [c.strip("\n") for c in text.replace("[bookmark: _GoBack]", "").split("\n\n") if c.strip()]


def _unstyled(text: str, headings: set[str]) -> docx.document.Document:
    d = docx.Document()
    for chunk in _chunks(text):
        for line in chunk.split("\n"):
            d.add_paragraph(line)
    return d


def _line_breaks(text: str, headings: set[str]) -> docx.document.Document:
    """The metadata block as one paragraph with manual line breaks (Shift+Enter)."""
    d = docx.Document()
    for chunk in _chunks(text):
        p = d.add_paragraph()
        for i, line in enumerate(chunk.split("\n")):
            run = p.add_run(line)
            if i < chunk.count("\n"):
                run.add_break()
    return d


def _bold(text: str, headings: set[str]) -> docx.document.Document:
    d = docx.Document()
    for chunk in _chunks(text):
        for line in chunk.split("\n"):
            d.add_paragraph().add_run(line).bold = line in headings
    return d


def _styled(text: str, headings: set[str]) -> docx.document.Document:
    d = docx.Document()
    chunks = _chunks(text)
    d.add_paragraph(chunks[0], style="Title")
    for chunk in chunks[1:]:
        if chunk in headings:
            d.add_heading(chunk, level=2)
        else:
            for line in chunk.split("\n"):
                d.add_paragraph(line)
    d.core_properties.author = "Someone Else"  # the text's byline, where there is one, wins
    d.core_properties.comments = "fills only what the text lacks"
    return d


def _facts(a: Article) -> tuple[object, ...]:
    return (a.headline, a.authors, a.outlet, a.published, a.url, [s.title for s in a.sections])


def _text_files(shared_sample: Path | None) -> list[Path]:
    files = sorted(ARTICLES.glob("*.txt"))
    return files + ([shared_sample] if shared_sample else [])


VARIANTS: list[Callable[[str, set[str]], docx.document.Document]] = [
    _unstyled, _line_breaks, _bold, _styled]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__.strip("_"))
def test_word_versions_read_like_their_text(variant: Callable[[str, set[str]], docx.document.Document],
                                            tmp_path: Path) -> None:
    assert len(sorted(ARTICLES.glob("*.txt"))) >= 3
    for txt in _text_files(None):
        _compare(txt, variant, tmp_path)


def test_word_versions_of_the_shared_sample(shared: Path, tmp_path: Path) -> None:
    for variant in VARIANTS:
        _compare(shared / "samples" / "russia-quits-icc.txt", variant, tmp_path)


def _compare(txt: Path, variant: Callable[[str, set[str]], docx.document.Document],
             tmp_path: Path) -> None:
    original = read_article(txt)
    text = txt.read_text(encoding="utf-8")
    target = tmp_path / f"{txt.stem}-{variant.__name__.strip('_')}.docx"
    variant(text, {s.title for s in original.sections}).save(str(target))
    converted = read_article(target)
    assert converted.format == "docx"
    if variant is _styled and not original.authors:
        assert converted.authors == ("Someone Else",)
        converted = replace(converted, byline=replace(converted.byline, authors=()))
    assert _facts(converted) == _facts(original), target.name
    assert abs(converted.words - original.words) <= 2, target.name


# -- bad input --------------------------------------------------------------------------------

def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _with_document(xml: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(save(docx.Document())))
    parts = {n: good.read(n) for n in good.namelist()}
    parts["word/document.xml"] = xml
    return _zip(parts)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
                     for p, c in zip("abcdefgh", "bcdefghi"))
          + b"]>")
BODY = f"<w:document {W}><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>"


@functools.cache
def bad_inputs() -> dict[str, bytes]:
    good = save(styled_document())
    return {
        "empty": b"",
        "not a zip": b"Just some words, not a document.",
        "truncated": good[: len(good) // 2],
        "truncated end": good[:-30],
        "corrupt member": good[:200] + bytes(400) + good[600:],
        "zip bomb": _zip({"word/document.xml": b"<" + b"a" * (64 * 1024 * 1024)}),
        "no document": _zip({"hello.txt": b"hello"}),
        "entity expansion": _with_document(LAUGHS + (BODY % "&i;").encode()),
        "external entity": _with_document(
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + (BODY % "&x;").encode()),
        "deep nesting": _with_document(
            f"<w:document {W}><w:body>".encode() + b"<w:sdt><w:sdtContent>" * 3000
            + b"</w:sdtContent></w:sdt>" * 3000 + b"</w:body></w:document>"),
        "not xml": _with_document(b"\x00\x01 this is not xml"),
        "old .doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    }


@pytest.mark.parametrize("name", list(bad_inputs()))
def test_bad_input_is_a_clear_error_or_a_best_reading(name: str) -> None:
    a = read_or_refuse(read, bad_inputs()[name], "article.docx")
    if a is not None:
        assert "root:" not in " ".join(b.text for b in a.blocks)  # no /etc/passwd


def test_huge_document_reads_in_bounded_time() -> None:
    d = docx.Document()
    d.add_paragraph("A very long record", style="Title")
    para = "Words of a long record follow one another for a while. " * 20
    body = d.element.body
    template = d.add_paragraph(para)._p
    for _ in range(3000):
        body.append(copy.deepcopy(template))
    data = save(d)
    start = time.perf_counter()
    a = read(data, metadata_only=True)
    assert a.words > 3000 * 200
    assert time.perf_counter() - start < 10


def test_bold_from_a_character_style_makes_a_heading_too() -> None:
    d = docx.Document()
    d.add_paragraph("Rail bridge reopens after repairs")
    d.add_paragraph("By Ines Vidal")
    d.add_paragraph("Trains crossed the river again on Sunday after six weeks of repair work.")
    d.add_paragraph().add_run("slower at first, then faster", style="Strong")
    d.add_paragraph("Trains will cross at walking pace for the first week.")
    d.add_paragraph().add_run("then back to the timetable, in bold without")
    d.add_paragraph("A last line of body text that closes the article.")
    a = read(save(d))  # lower-case short lines are headings only when bold
    assert [s.title for s in a.sections] == ["slower at first, then faster"]


def _with_body_xml(xml: str) -> bytes:
    src, out = io.BytesIO(save(docx.Document())), io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            part = zin.read(item)
            if item.filename == "word/document.xml":
                part = re.sub(rb"<w:body>", b"<w:body>" + xml.encode(), part, count=1)
            zout.writestr(item, part)
    return out.getvalue()


def test_nested_tables_cost_no_more_than_flat_ones() -> None:
    rows = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>cell {i}</w:t></w:r></w:p></w:tc></w:tr>"
                   for i in range(40_000))  # different cells: no zip bomb
    flat = _with_body_xml(f"<w:tbl>{rows}</w:tbl>")
    nested = _with_body_xml("<w:tbl><w:tr><w:tc>" * 80 + f"<w:tbl>{rows}</w:tbl><w:p/>"
                            + "</w:tc></w:tr></w:tbl>" * 80)

    def seconds(data: bytes) -> float:
        start = time.perf_counter()
        assert read(data, metadata_only=True).words > 70_000  # every cell read
        return time.perf_counter() - start

    # each of the 80 levels visited every row below it: 4x the flat table's time before
    assert seconds(nested) < 2 * seconds(flat) + 0.3
