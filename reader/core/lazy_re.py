"""Regular expressions compiled on first use, so that importing a reader compiles nothing."""
from __future__ import annotations

import re
from typing import cast

# What a pattern's first use copies onto the stand-in, so later uses skip __getattr__.
_ATTRIBUTES = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
               "pattern", "flags", "groups", "groupindex")


class _LazyPattern:
    """Stands in for a compiled pattern until its first use compiles it."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:  # called only while the attribute is not set
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done the first time the pattern is used.

    Use the result only through its methods and attributes: ``re.sub(p, ...)`` with it fails.
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
