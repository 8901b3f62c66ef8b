"""The EPUB reader: spine order, XHTML headings, OPF metadata, and bad input."""
from __future__ import annotations

import io
import time
import zipfile
from datetime import date

import pytest
from bad_input import read_or_refuse

from reader.core.article import Article, BlockKind, ReadError
from reader.core.formats import epub

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:12345</dc:identifier>
<dc:title>The Lighthouse Keepers</dc:title>
<dc:creator>Ines Moreau</dc:creator><dc:creator>Paul Adebayo</dc:creator>
<dc:date>2024-10-02</dc:date><dc:publisher>Shoreline Press</dc:publisher>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
</manifest>
<spine><itemref idref="nav"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><style>p {{}}</style></head>
<body>{}</body></html>"""

ONE = PAGE.format("""<h1>The Lighthouse Keepers</h1>
<p>The last keeper left the northern light in 1998, when the lamp became automatic.</p>
<h2>A family trade</h2><p>Three generations of the same family&#160;kept the light.</p>
<blockquote><p>"The sea was our clock," one of them said.</p></blockquote>
<img src="../images/light.jpg" alt="The northern lighthouse at dusk"/>""")
TWO = PAGE.format("""<section><h2>After the keepers</h2>
<ul><li>Visitors can climb the tower.</li><li>The cottage is a museum.</li></ul>
<table><tr><td>Opened</td><td>1871</td></tr></table>
<div>A closing line in a div<br/>with a break.</div><script>alert(1)</script></section>""")
NAV = PAGE.format("<nav><ol><li>Table of contents entry</li></ol></nav>")


def make_epub(files: dict[str, str | bytes] | None = None) -> bytes:
    parts: dict[str, str | bytes] = {
        "META-INF/container.xml": CONTAINER, "OEBPS/content.opf": OPF,
        "OEBPS/nav.xhtml": NAV, "OEBPS/text/one.xhtml": ONE, "OEBPS/text/two.xhtml": TWO,
    }
    parts.update(files or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def read(data: bytes, **kw: bool) -> Article:
    return epub.read(data, "/tmp/book.epub", **kw)


def test_opf_metadata_and_spine_order() -> None:
    a = read(make_epub())
    assert a.headline == "The Lighthouse Keepers"
    assert a.authors == ("Ines Moreau", "Paul Adebayo")
    assert a.published == date(2024, 10, 2)
    assert a.outlet == "Shoreline Press"
    assert [(s.title, s.level) for s in a.sections] == [
        ("A family trade", 1), ("After the keepers", 1)]  # the h1 only repeated the title
    assert a.blocks[0].text.startswith("The last keeper left")


def test_blocks_keep_their_kinds_and_skip_navigation_and_scripts() -> None:
    a = read(make_epub())
    pairs = [(b.kind, b.text) for b in a.blocks]
    assert (BlockKind.PARAGRAPH, "Three generations of the same family kept the light.") in pairs
    assert (BlockKind.QUOTE, '"The sea was our clock," one of them said.') in pairs
    assert (BlockKind.IMAGE, "The northern lighthouse at dusk") in pairs
    assert (BlockKind.LIST_ITEM, "The cottage is a museum.") in pairs
    assert (BlockKind.PARAGRAPH, "Opened | 1871") in pairs
    assert (BlockKind.PARAGRAPH, "A closing line in a div\nwith a break.") in pairs
    text = " ".join(t for _, t in pairs)
    assert "alert" not in text and "Table of contents entry" not in text


def test_metadata_only_agrees_with_the_full_reading() -> None:
    data = make_epub()
    full, quick = read(data), read(data, metadata_only=True)
    assert (quick.headline, quick.byline) == (full.headline, full.byline)
    assert abs(quick.words - full.words) <= 2 and full.words > 50


def test_without_container_the_first_opf_is_used() -> None:
    data = make_epub({"META-INF/container.xml": "<container/>"})
    assert read(data).headline == "The Lighthouse Keepers"


def test_a_missing_chapter_is_a_warning_not_a_failure() -> None:
    data = make_epub({"OEBPS/content.opf": OPF.replace("text/two.xhtml", "text/gone.xhtml")})
    a = read(data)
    assert a.headline == "The Lighthouse Keepers"
    assert any("gone.xhtml" in w for w in a.warnings)


LAUGHS = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
          + "]>")


def bad_inputs() -> dict[str, bytes]:
    good = make_epub()
    chapter_laughs = LAUGHS + "<html><body><p>&i;</p></body></html>"
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "no package": make_epub({"META-INF/container.xml": "<container/>",
                                 "OEBPS/content.opf": b""})[:0] + _plain_zip(),
        "opf laughs": make_epub({"OEBPS/content.opf": LAUGHS + OPF.split("?>", 1)[1]}),
        "opf xxe": make_epub({"OEBPS/content.opf": '<!DOCTYPE p [<!ENTITY x SYSTEM '
                              '"file:///etc/passwd">]>' + OPF.split("?>", 1)[1].replace(
                                  "<dc:title>The", "<dc:title>&x; The")}),
        "chapter laughs": make_epub({"OEBPS/text/one.xhtml": chapter_laughs}),
        "broken opf": make_epub({"OEBPS/content.opf": "<package><<<"}),
        "empty spine": make_epub({"OEBPS/content.opf": OPF.split("<spine>")[0] + "</package>"}),
        "bomb": make_epub({"OEBPS/text/one.xhtml": b" " * (48 * 1024 * 1024)}),
    }


def test_drm_protected_chapters_are_refused_clearly() -> None:
    encryption = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                  '<EncryptedData><CipherData><CipherReference URI="OEBPS/text/one.xhtml"/>'
                  "</CipherData></EncryptedData></encryption>")
    with pytest.raises(ReadError, match="DRM"):
        read(make_epub({"META-INF/encryption.xml": encryption}))


def _plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "no book here")
    return buf.getvalue()


@pytest.mark.parametrize("name", ["empty", "truncated", "no package", "opf laughs", "opf xxe",
                                  "chapter laughs", "broken opf", "empty spine", "bomb"])
def test_bad_input_is_a_clear_error_or_a_best_reading(name: str) -> None:
    a = read_or_refuse(read, bad_inputs()[name], "book.epub")
    if a is not None:
        text = a.headline + " ".join(b.text for b in a.blocks)
        assert "root:" not in text
        assert len(text) < 20_000  # no expanded entities


def test_pictures_stored_in_the_book_are_linked_to_their_part(tmp_path) -> None:
    from reader.core.parts import Parts, part_member

    picture = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    page = PAGE.format('<p>Text.</p><img src="../Images/Light.JPG" alt="Dusk"/>'
                       '<img src="../images/gone.png" alt="Missing"/>'
                       '<img src="https://example.org/x.png" alt="Remote"/><img src="data:image/png;base64,AA"/>')
    data = make_epub({"OEBPS/text/one.xhtml": page, "OEBPS/images/light.jpg": picture})
    images = [b for b in read(data).blocks if b.kind is BlockKind.IMAGE]
    assert [(b.text, part_member(b.src)) for b in images] == [
        ("Dusk", "OEBPS/images/light.jpg"),  # resolved from the chapter, stored name's case
        ("Missing", None), ("Remote", None), ("", None)]
    book = tmp_path / "book.epub"
    book.write_bytes(data)
    parts = Parts(str(book))
    assert parts.read("OEBPS/images/light.jpg") == picture
    assert parts.read("OEBPS/images/gone.png") is None
    book.write_bytes(b"no longer a zip")  # changed on disk since: no picture, no error
    assert parts.read("OEBPS/images/light.jpg") is None
    assert Parts(str(tmp_path / "vanished.epub")).read("OEBPS/images/light.jpg") is None


def test_pictures_are_not_read_from_a_zip_bomb(tmp_path) -> None:
    from reader.core.parts import Parts

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OEBPS/images/small.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        zf.writestr("OEBPS/filler.bin", b"\x00" * (20 * 1024 * 1024))  # compresses ~1000:1
    bomb = tmp_path / "bomb.epub"
    bomb.write_bytes(buf.getvalue())
    assert Parts(str(bomb)).read("OEBPS/images/small.png") is None  # the whole file is refused


def _lzma_damaged(files: dict[str, bytes], damaged: str) -> bytes:
    """A book whose ``damaged`` member is LZMA-compressed and then overwritten with junk."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_LZMA if name == damaged else None)
    raw = bytearray(buf.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo(damaged)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start:start + info.compress_size] = bytes(info.compress_size)  # zeros: "unsupported options"
    return bytes(raw)


def test_a_damaged_lzma_part_costs_that_part_only(tmp_path) -> None:
    from reader.core.parts import Parts

    files = {"mimetype": b"application/epub+zip", "META-INF/container.xml": CONTAINER.encode(),
             "OEBPS/content.opf": OPF.encode(), "OEBPS/nav.xhtml": NAV.encode(),
             "OEBPS/text/one.xhtml": ONE.encode(), "OEBPS/text/two.xhtml": TWO.encode(),
             "OEBPS/images/light.jpg": b"\x89PNG\r\n\x1a\n" + b"\x00" * 200}
    article = read(_lzma_damaged(files, "OEBPS/text/two.xhtml"))
    assert "A family trade" in [s.title for s in article.sections]  # chapter one is still read
    assert any("two.xhtml" in w for w in article.warnings)
    book = tmp_path / "book.epub"
    book.write_bytes(_lzma_damaged(files, "OEBPS/images/light.jpg"))
    assert Parts(str(book)).read("OEBPS/images/light.jpg") is None


def test_a_book_replaced_by_a_pipe_gives_no_picture_and_no_hang(tmp_path) -> None:
    import os

    from reader.core.parts import Parts

    pipe = tmp_path / "book.epub"
    os.mkfifo(pipe)
    assert Parts(str(pipe)).read("OEBPS/images/light.jpg") is None


def _spine(count: int) -> str:
    items = "".join(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
                    for i in range(count))
    refs = "".join(f'<itemref idref="c{i}"/>' for i in range(count))
    return OPF.split("<manifest>")[0] + f"<manifest>{items}</manifest><spine>{refs}</spine></package>"


@pytest.mark.parametrize("files, metadata_only", [
    ({"OEBPS/text/one.xhtml": "<html><body>" + "<script>x " * 1_000 + "words " * 350_000}, True),
    ({"OEBPS/content.opf": _spine(40_000)}, False),
    ({"OEBPS/content.opf": _spine(5_000),
      "META-INF/encryption.xml": "<encryption>" + "<x/>" * 250_000 + "</encryption>"}, False),
], ids=["unclosed-scripts", "long-spine", "big-encryption-listing"])
def test_hostile_books_are_read_in_bounded_time(files: dict[str, str | bytes], metadata_only: bool) -> None:
    data = make_epub(files)
    start = time.perf_counter()
    try:
        read(data, metadata_only=metadata_only)
    except ReadError:
        pass
    assert time.perf_counter() - start < 3  # 4 to 14 s before
