"""``reader --library DIR --search QUERY``: update the index, print the hits as JSON Lines, no Qt."""
from __future__ import annotations

import json
import os
import sys

TYPE_CHECKING = False  # typing is not imported on the search command's warm path
if TYPE_CHECKING:
    from reader.core.search import Hit


def run_search(library: str | None, query: str) -> int:
    """Bring the library's index up to date, then print one JSON object per hit, best first.

    Each line has ``path``, ``headline``, ``score`` (higher is better) and ``snippet`` (matched
    words in [brackets]; the first 100 hits have one). Errors: one line on stderr, status 1.
    When nothing changed since the last run, no file is read and the indexer is not imported.
    """
    if not library:
        return _fail("--search needs --library DIR")
    if not os.path.isdir(library):
        return _fail(f"no such folder: {library}" if not os.path.exists(library)
                     else f"not a folder: {library}")
    if not os.access(library, os.R_OK | os.X_OK):
        return _fail(f"cannot read folder: {library}")
    from reader.core.search import open_if_fresh, search_hits

    root = os.path.abspath(library)
    con = open_if_fresh(root)
    if con is not None:
        try:
            hits = search_hits(con, root, query)
        finally:
            con.close()
    else:
        hits = _update_and_search(root, query)
    lines = [json.dumps(h.to_json(), ensure_ascii=False) for h in hits]
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return 0


def _update_and_search(root: str, query: str) -> list[Hit]:
    from reader.core.index import LibraryIndex

    index = LibraryIndex(root)
    try:
        index.update(start_method="fork" if sys.platform.startswith("linux") else None)
        return index.search(query)
    finally:
        index.close()


def _fail(message: str) -> int:
    print(f"reader: {message}", file=sys.stderr)
    return 1
