"""Hostile or odd input: every reader answers with an Article or a clear ReadError, never a hang."""
from __future__ import annotations

import io
import os
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from reader.core.article import ReadError
from reader.core.formats import epub
from reader.core.formats.html_body import extract_blocks
from reader.core.formats.html_dates import parse_date
from reader.core.library import read_entry
from reader.core.registry import read_article

PAGE = ("<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        "{body}</article></body></html>")


@pytest.mark.parametrize("name", ["a\0b.txt", "lone\udfffsurrogate.txt"])
def test_a_name_no_file_can_have_is_a_read_error(name: str) -> None:
    with pytest.raises(ReadError, match="not a valid file name"):
        read_article(name)
    assert read_entry(name).error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(ReadError, match="not a regular file"):
        read_article(pipe)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux device file")
def test_a_device_is_refused() -> None:
    with pytest.raises(ReadError, match="not a regular file"):
        read_article("/dev/zero")


def test_a_misspelt_month_on_a_web_page_is_still_read() -> None:
    assert parse_date("Sepember 3, 2024") == date(2024, 9, 3)


def test_a_page_dated_with_a_misspelt_month_reads(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "<p>Sepember 3, 2024</p><p>" + "Words of the story. " * 40 + "</p>"
    page.write_text(PAGE.format(title="A headline of several words", head="", body=body),
                    encoding="utf-8")
    assert read_article(page).published == date(2024, 9, 3)


def test_a_broken_web_address_is_no_address(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    head = '<link rel="canonical" href="https://[broken/x">'
    body = '<img src="http://[broken/pic.png" alt="A picture"><p>' + "Words. " * 60 + "</p>"
    page.write_text(PAGE.format(title="A headline of several words", head=head, body=body),
                    encoding="utf-8")
    article = read_article(page)
    assert article.headline == "A headline of several words"
    assert all(not b.src for b in article.blocks)


def test_control_characters_in_a_page_read_without_clean_up() -> None:
    text = PAGE.format(title="Headline", head="", body="<p>one\x00two\x01</p><p>three</p>")
    blocks, _ = extract_blocks(text, "/nowhere/page.html", "Headline", plain=True)
    assert [b.text for b in blocks] == ["onetwo", "three"]


def test_a_zip_of_a_newer_version_than_python_reads_is_a_read_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 6:central + 8] = (114).to_bytes(2, "little")  # 'version needed to extract': 11.4
    with pytest.raises(ReadError, match="zip format Reader cannot open"):
        epub.read(bytes(data), "book.epub")


def test_a_word_file_with_an_unknown_compression_is_a_read_error() -> None:
    import docx

    from reader.core.formats import docx as word

    out = io.BytesIO()
    docx.Document().save(out)
    data = bytearray(out.getvalue())
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # every member of the central directory: compression method 97, unknown
        data[at + 10:at + 12] = (97).to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(ReadError, match="compression Reader cannot open"):
        word.read(bytes(data), "letter.docx")
