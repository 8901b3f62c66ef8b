"""Bylines and dates as people write them: names, outlets and dates from free text.

Shared by every format reader (plain text, Word, Markdown, web pages).
"""
from __future__ import annotations

from datetime import date


def parse_date(text: str) -> date | None:
    """A publication date from a line such as 'Nov. 16, 2016' or 'Updated 2:14 PM ET, Wed November 16, 2016'."""
    raise NotImplementedError


def split_authors(text: str) -> tuple[list[str], str | None]:
    """Authors and an outlet from a byline: 'By Jane Doe and JOHN ROE, Reuters' -> (['Jane Doe', 'John Roe'], 'Reuters')."""
    raise NotImplementedError


def proper_case_name(name: str) -> str:
    """'SHEENA MCKENZIE' -> 'Sheena McKenzie'; names already in mixed case are kept."""
    raise NotImplementedError
