"""The library index: kept in the cache, incremental, rename-proof, searchable, never fatal."""
from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from fake_reader import READS, fake_read

import reader.core.formats.text as text_format
from reader.core import registry
from reader.core.index import Changes, LibraryIndex, Listener
from reader.core.library import EXTENSIONS, Entry, walk_library
from reader.core.search import cache_dir, fts_query, index_path, open_if_fresh


def write(path: Path, headline: str, body: str, *, outlet: str = "Gazette", day: str = "2024-05-01",
          author: str = "Ann Writer", age: float = 10.0) -> Path:
    """Write an article dated ``age`` seconds ago (older than the index's racy window)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{headline}\n\nauthor: {author}\n\noutlet: {outlet}\n\ndate: {day}\n\n{body}\n",
                    encoding="utf-8")
    when = time.time() - age
    os.utime(path, (when, when))
    return path


@pytest.fixture(autouse=True)
def fake_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(text_format, "read", fake_read)
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    READS.clear()


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root / "apples.txt", "Apples ripen", "Orchards in autumn smell of cider. The café opens.",
          day="2024-01-02", author="Ann Writer")
    write(root / "sub" / "bridges.txt", "Bridges age", "Steel cables and concrete piers, like apples.",
          outlet="Courier", day="2023-06-30", author="Bo Builder")
    write(root / "sub" / "deep" / "comets.txt", "Comets return",
          "A bright comet and an elephant. Apples fall as comets pass.", outlet="Almanac",
          day="2025-12-24", author="Cy Stargazer")
    (root / "broken.txt").write_text("BROKEN\n", encoding="utf-8")
    os.utime(root / "broken.txt", (time.time() - 10, time.time() - 10))
    (root / ".hidden.txt").write_text("Hidden\n\nnever listed\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return root


def fresh_index(root: Path) -> LibraryIndex:
    index = LibraryIndex(str(root))
    index.update(processes=0)
    return index


def names(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [os.path.basename(h.path) for h in hits]


def test_extensions_match_registry() -> None:
    assert EXTENSIONS == set(registry.supported_extensions())


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("READER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == str(tmp_path / "xdg" / "reader")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == str(tmp_path / "home" / ".cache" / "reader")
    assert index_path(str(tmp_path / "a")) != index_path(str(tmp_path / "b"))


def test_index_lives_in_cache_and_library_untouched(lib: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in lib.rglob("*"))
    index = fresh_index(lib)
    assert Path(index.db_path).parent == tmp_path / "cache"
    assert Path(index.db_path).is_file() and not index.in_memory
    assert sorted(p.name for p in lib.rglob("*")) == before


def test_entries_metadata_errors_and_digest(lib: Path) -> None:
    index = fresh_index(lib)
    entries = {os.path.basename(e.path): e for e in index.entries()}
    assert set(entries) == {"apples.txt", "bridges.txt", "comets.txt", "broken.txt"}
    apples = entries["apples.txt"]
    assert (apples.headline, apples.outlet, apples.authors, apples.published) == \
        ("Apples ripen", "Gazette", ("Ann Writer",), date(2024, 1, 2))
    assert apples.path == str(lib / "apples.txt") and len(apples.digest) == 32
    assert entries["broken.txt"].error == "this file is broken on purpose"
    assert index.digest_of(str(lib / "apples.txt")) == apples.digest


def test_unchanged_files_are_never_read_again(lib: Path) -> None:
    fresh_index(lib).close()
    READS.clear()
    index = LibraryIndex(str(lib))
    changes = index.update(processes=0)
    assert READS == [] and not changes and changes.unchanged == 4
    assert index.is_fresh()
    assert open_if_fresh(str(lib)) is not None


def test_edit_touch_add_remove(lib: Path) -> None:
    index = fresh_index(lib)
    READS.clear()
    write(lib / "apples.txt", "Apples fall", "Edited: pears now.", day="2024-01-02")
    os.utime(lib / "sub" / "bridges.txt", ns=(1, 1_000_000_000))  # touched, bytes unchanged
    write(lib / "new" / "dunes.txt", "Dunes shift", "Sand.")
    (lib / "sub" / "deep" / "comets.txt").unlink()
    assert open_if_fresh(str(lib)) is None
    changes = index.update(processes=0)
    assert sorted(os.path.basename(p) for p in READS) == ["apples.txt", "dunes.txt"]
    assert sorted(os.path.basename(e.path) for e in changes.indexed) == ["apples.txt", "dunes.txt"]
    assert changes.removed == [str(lib / "sub" / "deep" / "comets.txt")]
    assert names(index.search("pears")) == ["apples.txt"]
    assert index.search("orchards") == [] and index.search("comet") == []
    READS.clear()
    assert not index.update(processes=0) and READS == []


def test_same_size_rewrite_within_one_timestamp_is_seen(lib: Path) -> None:
    path = lib / "fresh.txt"
    path.write_text("Racy one\n\nalpha story.\n", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    index = fresh_index(lib)
    assert open_if_fresh(str(lib)) is None  # just written: not trusted by stat alone yet
    path.write_text("Racy one\n\nomega story.\n", encoding="utf-8")  # same size
    os.utime(path, ns=(stamp, stamp))  # and the same timestamp
    index.update(processes=0)
    assert names(index.search("omega")) == ["fresh.txt"] and index.search("alpha") == []


def test_rename_keeps_digest_and_state_without_reading(lib: Path) -> None:
    index = fresh_index(lib)
    digest = index.digest_of(str(lib / "sub" / "bridges.txt"))
    index.set_state(digest, '{"position": 0.5}')
    READS.clear()
    (lib / "moved").mkdir()
    os.rename(lib / "sub" / "bridges.txt", lib / "moved" / "spans.txt")
    changes = index.update(processes=0)
    assert READS == []
    assert changes.renamed == [(str(lib / "sub" / "bridges.txt"), str(lib / "moved" / "spans.txt"))]
    assert index.digest_of(str(lib / "moved" / "spans.txt")) == digest
    assert index.get_state(digest) == '{"position": 0.5}'
    assert names(index.search("piers")) == ["spans.txt"]


def test_listener_sees_plan_batches_and_progress(lib: Path) -> None:
    seen: dict[str, list[object]] = {"planned": [], "indexed": [], "progress": []}

    class Spy(Listener):
        def planned(self, pending: list[str], removed: list[str], renamed: list[tuple[str, str]]) -> None:
            seen["planned"].append(sorted(os.path.basename(p) for p in pending))

        def indexed(self, entries: list[Entry]) -> None:
            seen["indexed"].extend(entries)

        def progress(self, done: int, total: int) -> None:
            seen["progress"].append((done, total))

    LibraryIndex(str(lib)).update(Spy(), processes=0)
    assert seen["planned"] == [["apples.txt", "bridges.txt", "broken.txt", "comets.txt"]]
    assert len(seen["indexed"]) == 4
    assert seen["progress"][0] == (0, 4) and seen["progress"][-1] == (4, 4)


def test_cancel_stops_between_files(lib: Path) -> None:
    changes = LibraryIndex(str(lib)).update(cancel=lambda: True, processes=0)
    assert changes.cancelled and len(changes.indexed) == 1
    assert open_if_fresh(str(lib)) is None  # a half-done index is never taken as fresh


def test_search_phrases_prefixes_ranking_snippets(lib: Path) -> None:
    index = fresh_index(lib)
    found = names(index.search("apples"))
    assert found[0] == "apples.txt" and sorted(found[1:]) == ["bridges.txt", "comets.txt"]
    assert names(index.search('"bright comet"')) == ["comets.txt"]
    assert names(index.search('"comet bright"')) == []
    assert sorted(names(index.search("comet*"))) == ["comets.txt"]
    assert sorted(names(index.search("pier*"))) == ["bridges.txt"]
    assert names(index.search("apples -elephant")) == ["apples.txt", "bridges.txt"]
    assert sorted(names(index.search("cider OR elephant"))) == ["apples.txt", "comets.txt"]
    hit = index.search("elephant")[0]
    assert "[elephant]" in hit.snippet and hit.score > 0 and hit.headline == "Comets return"
    scores = [h.score for h in index.search("apples")]
    assert scores == sorted(scores, reverse=True)


def test_search_case_and_diacritics_like_grep(lib: Path) -> None:
    index = fresh_index(lib)
    assert names(index.search("CAFÉ")) == ["apples.txt"]
    assert index.search("cafe") == []  # grep -i does not fold accents either


def test_filters_and_sorts(lib: Path) -> None:
    index = fresh_index(lib)
    assert names(index.search("apples", outlet="courier")) == ["bridges.txt"]
    assert names(index.search("apples", author="stargazer")) == ["comets.txt"]
    assert names(index.search("apples", since=date(2024, 1, 1), until=date(2024, 12, 31))) == \
        ["apples.txt"]
    assert names(index.search("apples", sort="date")) == ["comets.txt", "apples.txt", "bridges.txt"]
    assert names(index.search("apples", sort="headline")) == ["apples.txt", "bridges.txt", "comets.txt"]
    assert names(index.search("apples", sort="outlet")) == ["comets.txt", "bridges.txt", "apples.txt"]
    assert names(index.search("", outlet="Gazette")) == ["apples.txt"]
    assert index.ranks("elephant") == {str(lib / "sub" / "deep" / "comets.txt"): pytest.approx(
        index.search("elephant")[0].score, abs=1e-5)}


@pytest.mark.parametrize("query", ['"', "*", "-", "AND", "OR", "NOT", "NEAR(a b)", "a:b", "(", "'",
                                   '"unclosed phrase', "^start", "word)", "—", "\x00", "  "])
def test_any_query_is_safe(lib: Path, query: str) -> None:
    index = fresh_index(lib)
    assert isinstance(index.search(query), list)
    assert isinstance(index.ranks(query), dict)


def test_fts_query_syntax() -> None:
    assert fts_query('tax "health care" reform*') == '"tax" AND "health care" AND "reform"*'
    assert fts_query("a -b") == '("a") NOT ("b")'
    assert fts_query("-b") == ""
    assert fts_query('say "hi"') == '"say" AND "hi"'


def test_corrupt_index_is_rebuilt(lib: Path) -> None:
    path = index_path(str(lib))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Path(path).write_bytes(b"this is not a database at all" * 100)
    index = fresh_index(lib)
    assert not index.in_memory and len(index.entries()) == 4
    assert names(index.search("elephant")) == ["comets.txt"]


def test_unwritable_cache_falls_back_to_memory(lib: Path, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    index = fresh_index(lib)
    assert index.in_memory and names(index.search("elephant")) == ["comets.txt"]


def test_old_schema_is_replaced(lib: Path) -> None:
    path = index_path(str(lib))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE files(x)")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    assert len(fresh_index(lib).entries()) == 4


def test_two_writers_at_once_do_not_corrupt(lib: Path) -> None:
    for i in range(30):
        write(lib / "many" / f"n{i:02}.txt", f"Number {i}", f"Counting word{i} zebra.")
    errors: list[BaseException] = []

    def run() -> None:
        try:
            index = LibraryIndex(str(lib))
            index.update(processes=0)
            index.close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    index = LibraryIndex(str(lib))
    assert len(index.entries()) == 34
    assert len(index.search("zebra")) == 30
    assert index.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert index.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_walk_skips_hidden_and_unsupported(lib: Path) -> None:
    stats, folders = walk_library(str(lib))
    assert sorted(stats) == ["apples.txt", "broken.txt", "sub/bridges.txt", "sub/deep/comets.txt"]
    assert folders[0] == str(lib) and len(folders) == 3
    assert isinstance(Changes(), Changes)


def test_file_vanishing_during_update_is_reported_removed(lib: Path) -> None:
    fresh_index(lib).close()
    doomed = write(lib / "doomed.txt", "Doomed", "Gone before it is read.")
    removed: list[list[str]] = []

    class DeleteFirst(Listener):
        def planned(self, pending: list[str], gone: list[str], renamed: list[tuple[str, str]]) -> None:
            if pending:
                doomed.unlink()
            removed.append(gone)

    index = LibraryIndex(str(lib))
    changes = index.update(DeleteFirst(), processes=0)
    assert changes.removed == [str(doomed)] and removed[-1] == [str(doomed)]
    assert index.entry(str(doomed)) is None and len(index.entries()) == 4


def test_odd_names_never_break_the_index(lib: Path) -> None:
    os.makedirs(os.path.join(str(lib).encode(), b"bad-\xff-dir"))
    with open(os.path.join(str(lib).encode(), b"bad-\xff-dir", b"x\xfe.txt"), "wb") as fh:
        fh.write(b"Undecodable name\n\nbody\n")
    write(lib / "caf\u00e9 \u65b0\u805e.txt", "Unicode name", "Fine words here.")
    index = fresh_index(lib)
    assert names(index.search("fine")) == ["caf\u00e9 \u65b0\u805e.txt"]
    assert len(index.entries()) == 5


def test_fresh_check_sees_additions_in_settled_folders(lib: Path) -> None:
    old = time.time() - 60
    for folder in (lib, lib / "sub", lib / "sub" / "deep"):
        os.utime(folder, (old, old))
    fresh_index(lib).close()
    assert open_if_fresh(str(lib)) is not None
    write(lib / "sub" / "deep" / "added.txt", "Added", "A new arrival.")
    os.utime(lib / "sub" / "deep", (time.time() - 30, time.time() - 30))  # settled, but changed
    assert open_if_fresh(str(lib)) is None
    index = fresh_index(lib)
    assert names(index.search("arrival")) == ["added.txt"]
    assert open_if_fresh(str(lib)) is not None
    (lib / "sub" / "deep" / "added.txt").unlink()
    assert open_if_fresh(str(lib)) is None


def test_web_pages_index_their_visible_text_never_markup_or_scripts(tmp_path: Path) -> None:
    page = tmp_path / "lib" / "harbour.html"
    page.parent.mkdir()
    page.write_text(
        "<!DOCTYPE html><html><head><title>Harbour news</title><style>.zebra{}</style></head><body>"
        "<nav><a href='/'>Subscribe</a></nav><article><h1>Harbour news</h1>"
        "<p><b>T</b>ugboats <i>moor</i>ed at dawn.</p><ul><li>oars</li><li>sails</li></ul>"
        "<img src='x.png' alt='Lighthouse at dusk'></article><script>var quokka = 1;</script>"
        "<aside>Related: ferries</aside></body></html>", encoding="utf-8")
    os.utime(page, (time.time() - 10, time.time() - 10))
    index = fresh_index(page.parent)
    for word in ("tugboats", "moored", "oars", "sails", "lighthouse", "subscribe", "ferries"):
        assert names(index.search(word)) == ["harbour.html"], word  # site chrome too, as grep sees it
    for word in ("quokka", "zebra", "div", "href", "alt", "oarssails"):
        assert index.search(word) == [], word


@pytest.mark.parametrize("page", sorted((Path(__file__).parent.parent / "data" / "html").glob("*.html")),
                         ids=lambda p: p.name)
def test_every_word_a_web_page_shows_is_indexed(page: Path) -> None:
    shown = registry.read_article(page)
    _, indexed = registry.index_data(page, page.read_bytes())
    words = {w.casefold() for b in shown.blocks for w in re.findall(r"\w+", b.text)}
    assert words <= {w.casefold() for w in re.findall(r"\w+", indexed)}
