"""Plain-text articles: Word documents saved as text, with no markup at all."""
from __future__ import annotations

from reader.core.article import Article


def read(data: bytes, path: str, *, metadata_only: bool = False) -> Article:
    raise NotImplementedError


def read_paragraphs(paragraphs: list[str], path: str, format: str) -> Article:
    """Read an article from already-decoded paragraphs (one string each, artefacts included).

    Used by other formats whose files carry no structure of their own (an unstyled .docx).
    """
    raise NotImplementedError
