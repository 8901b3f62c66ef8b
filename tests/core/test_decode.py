"""decode_text: every encoding a Word 'save as text' produces, and bytes no encoding explains."""
from __future__ import annotations

import codecs

import pytest

from reader.core.decode import decode_text

TEXT = "Caf\u00e9 \u201cquotes\u201d \u2013 na\u00efve \u2018ok\u2019 \u20ac5\nline two\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"])
def test_decodes_every_encoding_to_the_same_text(data: bytes) -> None:
    assert decode_text(data) == TEXT


def test_latin1_accents() -> None:
    text = "Soci\u00e9t\u00e9 g\u00e9n\u00e9rale, \u00e0 bient\u00f4t, Stra\u00dfe\n"
    assert decode_text(text.encode("latin-1")) == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_become_newlines(newline: str) -> None:
    assert decode_text(newline.join(["a", "b", "", "c"]).encode()) == "a\nb\n\nc"


def test_stray_byte_in_utf8_is_read_as_cp1252_not_dropped_or_fatal() -> None:
    data = "na\u00efve caf\u00e9 ".encode() + b"\x93quoted\x94 and \xff end"
    assert decode_text(data) == "na\u00efve caf\u00e9 \u201cquoted\u201d and \u00ff end"


def test_undefined_cp1252_bytes_never_fail() -> None:
    assert decode_text(b"a\x81b\x8dc\x90d") == "abcd"


def test_cyrillic_legacy_encoding_is_guessed() -> None:
    text = ("\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0420\u043e\u0441\u0441\u0438\u0438 "
            "\u043f\u043e\u0434\u043f\u0438\u0441\u0430\u043b \u0440\u0430\u0441\u043f\u043e\u0440\u044f\u0436\u0435\u043d\u0438\u0435 "
            "\u043e \u043d\u0430\u043c\u0435\u0440\u0435\u043d\u0438\u0438 \u043d\u0435 \u0441\u0442\u0430\u043d\u043e\u0432\u0438\u0442\u044c\u0441\u044f "
            "\u0443\u0447\u0430\u0441\u0442\u043d\u0438\u043a\u043e\u043c \u0441\u0443\u0434\u0430. ") * 3
    assert decode_text(text.encode("cp1251")) == text


def test_no_mojibake_markers_in_cp1252_text() -> None:
    out = decode_text("\u201cWe\u2019re here,\u201d she said \u2014 twice.".encode("cp1252"))
    assert "\u00e2\u20ac" not in out and out.startswith("\u201cWe\u2019re")
