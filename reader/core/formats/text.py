"""Plain-text articles: Word documents saved as text, with no markup at all."""
from __future__ import annotations

import re
from pathlib import Path

from reader.core.article import Article, Block, BlockKind, ReadError, make_article
from reader.core.decode import decode_text
from reader.core.formats.text_body import body_blocks
from reader.core.formats.text_meta import Chunk, meta_items, split_images, take_metadata
from reader.core.lazy_re import lazy

FORMAT = "text"
_BOOKMARK = lazy(r"\[bookmark:[^\[\]\n]{0,300}\]", re.IGNORECASE)
_SPACES = (("\u00a0", " "), ("\u2007", " "), ("\u202f", " "), ("\t", " "), ("\u200b", ""),
           ("\u200c", ""), ("\u200d", ""), ("\ufeff", ""), ("\u00ad", ""))
_CONTROL = lazy("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    """Read a plain-text article. ``metadata_only`` gives the same headline, byline and word count."""
    text = decode_text(data)
    if _looks_binary(text):
        raise ReadError(f"{Path(path).name} is not a text article (it holds binary data)")
    return _read_chunks(_chunks_of_text(text), path, FORMAT, set())


def read_paragraphs(paragraphs: list[str], path: str, format: str, *,
                    bold: set[int] | None = None) -> Article:
    """Read an article from already-decoded paragraphs (one string each, artefacts included).

    Used by other formats whose files carry no structure of their own (an unstyled .docx).
    ``bold`` holds the indices of paragraphs that are wholly bold: short ones are headings.
    """
    chunks: list[Chunk] = []
    for i, para in enumerate(paragraphs):
        lines = [_clean_line(x) for x in _BOOKMARK.sub("", para).replace("\r", "\n").split("\n")]
        lines = [x for x in lines if x.strip()]
        if lines:
            chunks.append(Chunk(lines, i))
    return _read_chunks(chunks, path, format, bold or set(), wrapped=False)


# --- from text to chunks ----------------------------------------------------------------------

def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 20)


def _spaces(text: str) -> str:
    """Non-breaking and zero-width spaces, soft hyphens and tabs: to plain spaces or nothing."""
    for char, plain in _SPACES:
        if char in text:
            text = text.replace(char, plain)
    return text


def _clean_line(line: str) -> str:
    return _spaces(line).rstrip()


def _chunks_of_text(text: str) -> list[Chunk]:
    if "[" in text:
        text = _BOOKMARK.sub("", text)
    text = _spaces(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)  # a stray control byte or undecodable character: not text
    chunks: list[Chunk] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line:
            current.append(line if line[0] != " " or line.strip() else "")
        elif current:
            chunks.append(Chunk(current))
            current = []
    if current:
        chunks.append(Chunk(current))
    return chunks


# --- the reading ------------------------------------------------------------------------------

def _read_chunks(chunks: list[Chunk], path: str, format: str, bold: set[int],
                 wrapped: bool | None = None) -> Article:
    lead_blocks, headline, rest = _take_headline(chunks, path)
    if not headline and not rest and not lead_blocks:
        raise ReadError(f"{Path(path).name} is empty")
    meta, body = take_metadata(rest)
    blocks = lead_blocks + body_blocks(body, bold, wrapped)
    return make_article(headline=headline, byline=meta.byline(), blocks=blocks, path=path, format=format)


def _take_headline(chunks: list[Chunk], path: str) -> tuple[list[Block], str, list[Chunk]]:
    """The first line with text is the headline; images before it go to the body."""
    lead: list[Block] = []
    for ci, chunk in enumerate(chunks):
        for li, line in enumerate(chunk.lines):
            images, text = split_images(line)
            lead.extend(Block(BlockKind.IMAGE, alt) for alt in images)
            text = " ".join(text.split())
            if not text:
                continue
            after = chunk.lines[li + 1:]
            if len(text) > 200:  # no headline line: the file name stands in, the text is body
                return lead, _title_from_path(path), [Chunk([text] + after, chunk.index)] + chunks[ci + 1:]
            k = 0  # a wrapped headline goes on in lower case, for a line or two (never a whole text)
            while k < min(len(after), 3) and after[k][:1].islower() and len(text) + len(after[k]) <= 300 \
                    and not meta_items(after[k]):
                text, k = f"{text} {' '.join(after[k].split())}", k + 1
            after = after[k:]
            rest = ([Chunk(after, chunk.index)] if after else []) + chunks[ci + 1:]
            return lead, text, rest
    return lead, "", []


def _title_from_path(path: str) -> str:
    return re.sub(r"[_\-]+", " ", Path(path).stem).strip() or Path(path).name

