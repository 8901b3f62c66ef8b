"""Reading library files into index records: one at a time in-process, or many in a worker pool."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

from reader.core.search import blake2b

POOL_THRESHOLD = 200  # fewer files than this are read in-process
MAX_CHUNK = 64  # files a worker process reads per task
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# One file as read for the index: rel, size, mtime_ns, digest, headline, authors, outlet,
# published, words, format, error, byline text, body text.
Record = tuple[str, int, int, str, str, str, "str | None", "str | None", int, str,
               "str | None", str, str]


def file_digest(path: str) -> str:
    """A hash of the file's bytes (empty when it cannot be read)."""
    h = blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return ""
    return str(h.hexdigest())


def _date_words(d: date) -> str:
    return f"{d.isoformat()} {d.day} {MONTHS[d.month - 1]} {d.year}"


def read_record(job: tuple[str, str]) -> Record | None:
    """Read one file for the index (run in worker processes). None if it vanished.

    The file is read once: the bytes that are parsed are the bytes that are hashed.
    """
    from reader.core.article import ReadError
    from reader.core.registry import index_data, load_file

    root, rel = job
    full = os.path.join(root, rel)
    try:
        st = os.stat(full)
    except OSError:
        return None
    digest = ""
    try:
        data = load_file(full)
        digest = str(blake2b(data, digest_size=16).hexdigest())
        art, body = index_data(full, data)
    except ReadError as exc:  # unreadable, too large, or not an article: hashed apart, if at all
        name = os.path.splitext(os.path.basename(rel))[0]
        ext = os.path.splitext(rel)[1].lstrip(".").lower()
        return (rel, st.st_size, st.st_mtime_ns, digest or file_digest(full), name, "", None, None, 0, ext,
                str(exc) or "unreadable", "", "")
    byline = [*art.authors, art.outlet or "", _date_words(art.published) if art.published else "",
              art.url or ""]
    return (rel, st.st_size, st.st_mtime_ns, digest, art.headline, "\n".join(art.authors),
            art.outlet, art.published.isoformat() if art.published else None, art.words,
            art.format, None, " ".join(p for p in byline if p), body)


def read_records(root: str, todo: list[str], processes: int | None, start_method: str | None,
                 *, background: bool = False) -> Iterator[Record | None]:
    """Read ``todo`` (paths relative to ``root``), in any order; None for a file that vanished.

    ``processes`` > 1 reads in a process pool (None: one when many files need reading);
    ``background`` runs those processes at low priority.
    """
    jobs = [(root, rel) for rel in todo]
    if processes is None:
        processes = (os.cpu_count() or 1) if len(todo) >= POOL_THRESHOLD else 0
    if processes <= 1:
        yield from map(read_record, jobs)
        return
    import multiprocessing

    ctx = multiprocessing.get_context(start_method or "spawn")
    size = min(processes, 8)
    pool = ctx.Pool(size, initializer=_lower_priority if background else None)
    try:
        yield from pool.imap_unordered(read_record, jobs, chunksize=_chunksize(len(jobs), size))
    finally:
        pool.terminate()
        pool.join()


def _chunksize(jobs: int, processes: int) -> int:
    """Files per task: few tasks, as each result wakes Pool's worker handler into a busy loop until
    it is read (0.35 s of the main process's CPU for 10,000 files one by one), yet enough tasks
    per process that none is left working alone at the end."""
    return max(1, min(MAX_CHUNK, jobs // (processes * 4)))


def _lower_priority() -> None:
    """Reader processes yield the CPU to the app's own threads (the window stays responsive)."""
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
