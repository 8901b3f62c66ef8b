"""Bytes to text for text-like formats: BOMs, UTF-8, legacy Windows/Latin encodings, any line ends."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CP1252_FALLBACK = "reader-cp1252-fallback"
# A non-UTF-8 file is taken for a non-Latin legacy encoding (Cyrillic, Greek, CJK...) and handed
# to charset-normalizer when many of its bytes are high and most come in runs (whole words);
# Western text (cp1252, Latin-1) has lone accented letters and quotes between ASCII letters.
_LEGACY_SHARE = 0.15
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as Windows-1252 (a superset of Latin-1's printable range)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start:err.end]
    return bad.decode("cp1252", errors="ignore") if bad else "", err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def decode_text(data: bytes) -> str:
    """Decode a text file and normalise its line ends to '\\n'. Never raises on bad bytes."""
    return normalise_newlines(decode_bytes(data))


def normalise_newlines(text: str) -> str:
    if "\r" not in text and not any(c in text for c in "\x0b\x0c\x85\u2028\u2029"):
        return text
    return _NEWLINES.sub("\n", text)


def decode_bytes(data: bytes) -> str:
    """Decode ``data``: a BOM decides; then strict UTF-8; then UTF-16 without BOM; then legacy."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    bom_less = _utf16_without_bom(data)
    if bom_less:
        return data.decode(bom_less, errors="replace")
    if _has_utf8_sequences(data):
        # UTF-8 with a few stray bytes: each byte UTF-8 rejects is read as Windows-1252.
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    sample = data[:65536]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    in_runs = sum(len(m) for m in _HIGH_RUN.findall(sample))
    if high > _LEGACY_SHARE * len(sample) and in_runs > high // 2:
        guessed = _guess_legacy(data)
        if guessed is not None:
            return guessed
    # Windows-1252, or Latin-1 (whose printable characters it shares); its 5 unused bytes dropped.
    return data.decode("cp1252", errors="ignore")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 3 * even and odd > len(sample) // 4:
        return "utf-16-le"
    if even > 3 * odd and even > len(sample) // 4:
        return "utf-16-be"
    return None


_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_sequences(sample: bytes) -> bool:
    return _UTF8_SEQ.search(sample) is not None


def _guess_legacy(data: bytes) -> str | None:
    """A non-Latin legacy encoding, as charset-normalizer judges it (imported only here: it is slow to load)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding in ("ascii", "utf_8"):
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None
