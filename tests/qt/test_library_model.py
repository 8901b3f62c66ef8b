"""The library list model: filled in the background, kept live, searchable, model-tester clean."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_reader import fake_read
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon

import reader.core.formats.text as text_format
from reader.core.library import Entry
from reader.qt.library_filter import LibraryFilterModel
from reader.qt.library_model import EntryRole, LibraryModel

LIVE_MS = 2000


def write(path: Path, headline: str, body: str, *, outlet: str = "Gazette", day: str = "2024-05-01",
          author: str = "Ann Writer") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{headline}\n\nauthor: {author}\n\noutlet: {outlet}\n\ndate: {day}\n\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(text_format, "read", fake_read)
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root / "a.txt", "Apples ripen", "Orchards in autumn smell of cider.", day="2024-01-02")
    write(root / "sub" / "b.txt", "Bridges age", "Steel cables and concrete piers.", outlet="Courier",
          day="2023-06-30")
    write(root / "sub" / "deeper" / "c.txt", "Comets return", "A bright comet and an elephant.",
          outlet="Almanac", day="2025-12-24")
    (root / "bad.txt").write_text("BROKEN file\n", encoding="utf-8")
    return root


@pytest.fixture
def model(qtbot) -> Iterator[LibraryModel]:  # type: ignore[no-untyped-def]
    m = LibraryModel()
    yield m
    m.shutdown()


def wait_scan(qtbot, model: LibraryModel, root: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(model.scan_finished, timeout=10000):
        model.set_root(str(root))


def headlines(model: LibraryModel) -> set[str]:
    return {model.entry_at(r).headline for r in range(model.rowCount())}


def test_fills_in_background_with_progress(qtbot, model: LibraryModel, lib: Path) -> None:
    progress: list[tuple[int, int]] = []
    model.scan_progress.connect(lambda d, t: progress.append((d, t)))
    wait_scan(qtbot, model, lib)
    assert headlines(model) == {"Apples ripen", "Bridges age", "Comets return", "bad"}
    assert progress[-1] == (4, 4)
    assert model.row_of(str(lib / "sub" / "b.txt")) >= 0
    assert model.row_of(str(lib / "nope.txt")) == -1
    entry = model.entry_at(model.row_of(str(lib / "a.txt")))
    assert entry.outlet == "Gazette" and len(entry.digest) == 32 and not entry.pending


def test_model_tester_on_model_and_proxy(qtbot, qtmodeltester, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    qtmodeltester.check(model)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_text("courier")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1


def test_second_start_comes_from_index(qtbot, lib: Path) -> None:
    first = LibraryModel()
    wait_scan(qtbot, first, lib)
    first.shutdown()
    second = LibraryModel()
    loaded: list[int] = []
    second.rowsInserted.connect(lambda *a: loaded.append(second.rowCount()))
    progress: list[tuple[int, int]] = []
    second.scan_progress.connect(lambda d, t: progress.append((d, t)))
    try:
        wait_scan(qtbot, second, lib)
        assert loaded[0] == 4  # the whole list in one insert, from the index
        assert progress == [(0, 0)]  # nothing needed reading again
    finally:
        second.shutdown()


def test_unreadable_file_listed_and_marked(qtbot, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    index = model.index(model.row_of(str(lib / "bad.txt")), 0)
    entry = index.data(EntryRole)
    assert isinstance(entry, Entry) and entry.error == "this file is broken on purpose"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == entry.error
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    good = model.index(model.row_of(str(lib / "a.txt")), 0)
    assert good.data(Qt.ItemDataRole.DecorationRole) is None


def test_dates_sort_by_real_date(qtbot, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    dated = [model.entry_at(r).published for r in range(model.rowCount())]
    real = [d for d in dated if d is not None]
    assert real == sorted(real) and len(real) == 3
    assert model.index(0, 2).data() != ""  # shown through QLocale, not ISO
    model.sort(2, Qt.SortOrder.DescendingOrder)
    dated = [model.entry_at(r).published for r in range(model.rowCount())]
    assert dated[:3] == sorted(real, reverse=True) and dated[3] is None  # undated last both ways
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.entry_at(r).headline for r in (0, 3)] == ["Comets return", "Apples ripen"]


def test_live_add_edit_rename_remove(qtbot, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    new = write(lib / "sub" / "fresh" / "d.txt", "Dunes shift", "Sand moves.")
    qtbot.waitUntil(lambda: model.row_of(str(new)) >= 0
                    and not model.entry_at(model.row_of(str(new))).pending, timeout=LIVE_MS + 1000)
    digest = model.entry_at(model.row_of(str(new))).digest
    with qtbot.waitSignal(model.entry_changed, timeout=LIVE_MS + 1000,
                          check_params_cb=lambda p: p == str(lib / "a.txt")):
        write(lib / "a.txt", "Apples fall", "Edited in place.", day="2024-01-02")
    assert model.entry_at(model.row_of(str(lib / "a.txt"))).headline == "Apples fall"
    moved = lib / "e.txt"
    os.rename(new, moved)
    qtbot.waitUntil(lambda: model.row_of(str(moved)) >= 0 and model.row_of(str(new)) < 0
                    and not model.entry_at(model.row_of(str(moved))).pending, timeout=LIVE_MS + 1000)
    assert model.entry_at(model.row_of(str(moved))).digest == digest
    (lib / "sub" / "b.txt").unlink()
    qtbot.waitUntil(lambda: model.row_of(str(lib / "sub" / "b.txt")) < 0, timeout=LIVE_MS + 1000)
    assert model.rowCount() == 4


def test_live_change_is_seen_within_two_seconds(qtbot, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    start = time.monotonic()
    write(lib / "sub" / "deeper" / "z.txt", "Zebras", "Stripes.")
    qtbot.waitUntil(lambda: "Zebras" in headlines(model), timeout=LIVE_MS)
    assert time.monotonic() - start < 2.0


def test_switching_root_cancels_old_scan(qtbot, model: LibraryModel, lib: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    for i in range(40):
        write(other / f"n{i:02}.txt", f"Number {i}", "Counting.")
    model.set_root(str(other))
    wait_scan(qtbot, model, lib)
    assert model.root() == str(lib)
    assert all(model.entry_at(r).path.startswith(str(lib)) for r in range(model.rowCount()))
    qtbot.wait(200)  # anything still queued from the old scan must be dropped
    assert headlines(model) == {"Apples ripen", "Bridges age", "Comets return", "bad"}


def test_search_restricts_and_ranks(qtbot, qtmodeltester, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    write(lib / "f.txt", "Elephant parade", "An elephant and another elephant.")
    with qtbot.waitSignal(model.scan_finished, timeout=5000):
        model.rescan()
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_search("elephant")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == \
        ["Elephant parade", "Comets return"]
    qtmodeltester.check(proxy)
    proxy.set_search('"bright comet"')
    assert proxy.rowCount() == 1
    proxy.set_search("eleph*")
    assert proxy.rowCount() == 2
    proxy.set_text("comets")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_search("")
    assert proxy.rowCount() == model.rowCount() == 5


def test_filters_by_outlet_author_and_dates(qtbot, qtmodeltester, model: LibraryModel,
                                            lib: Path) -> None:
    from datetime import date

    wait_scan(qtbot, model, lib)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    shown = lambda: sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))
    proxy.set_filters(outlet="COURIER")
    assert shown() == ["Bridges age"]
    proxy.set_filters(author="writer")
    assert shown() == ["Apples ripen", "Bridges age", "Comets return"]
    proxy.set_filters(since=date(2024, 1, 1))
    assert shown() == ["Apples ripen", "Comets return"]
    proxy.set_filters(since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert shown() == ["Apples ripen"]
    qtmodeltester.check(proxy)
    proxy.set_filters()
    assert proxy.rowCount() == 4


def test_add_external_file(qtbot, model: LibraryModel, lib: Path, tmp_path: Path) -> None:
    wait_scan(qtbot, model, lib)
    outside = write(tmp_path / "elsewhere" / "x.txt", "Outside story", "Not in the library.")
    model.add_external(str(outside))
    row = model.row_of(str(outside))
    assert row >= 0
    qtbot.waitUntil(lambda: model.entry_at(model.row_of(str(outside))).headline == "Outside story",
                    timeout=3000)
    assert model.data(QModelIndex()) is None


def test_big_fill_in_chunks_stays_sorted_and_consistent(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    model = LibraryModel()
    try:
        proxy = LibraryFilterModel()
        proxy.setSourceModel(model)
        proxy.sort(2, Qt.SortOrder.DescendingOrder)
        inserted: list[int] = []
        model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
        entries = [Entry(f"/lib/{i:04}.txt", f"Story {i % 97}", published=date(2020, 1, 1 + i % 28))
                   for i in range(1500)]
        model._add(entries)  # as a scan reports them
        assert max(inserted) <= 400 and model.rowCount() < 1500  # fed in chunks, not at once
        qtbot.waitUntil(lambda: model.rowCount() == 1500, timeout=5000)
        model._add([Entry("/lib/0004.txt", "Story renamed", published=date(2021, 5, 5))])
        model._remove([f"/lib/{i:04}.txt" for i in range(0, 1500, 3)])
        model._add([Entry(f"/lib/new{i}.txt", f"New {i}") for i in range(5)])
        qtbot.waitUntil(lambda: model.rowCount() == 1005, timeout=5000)
        model._add([Entry(f"/lib/{i:04}.txt", f"Read {i}", published=date(2019, 1 + i % 12, 1))
                    for i in range(2, 400, 3)])  # many rows move: a few per event-loop turn
        qtbot.waitUntil(lambda: not model._moves, timeout=5000)
        days = [model.entry_at(r).published for r in range(model.rowCount())]
        dated = [d for d in days if d is not None]
        assert sum(d.year == 2019 for d in dated) == 133
        assert dated == sorted(dated, reverse=True) and days[-5:] == [None] * 5
        assert model.entry_at(0).headline == "Story renamed"
        assert all(model.row_of(model.entry_at(r).path) == r for r in range(0, 1005, 50))
        qtmodeltester.check(model)
        qtmodeltester.check(proxy)
    finally:
        model.shutdown()


def test_search_ranks_until_a_column_is_chosen_then_the_old_sort_returns(
        qtbot, qtmodeltester, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    write(lib / "f.txt", "Elephant parade", "An elephant and another elephant.", day="2020-01-01")
    with qtbot.waitSignal(model.scan_finished, timeout=5000):
        model.rescan()
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    shown = lambda: [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    proxy.set_search("elephant")
    assert model.sort_state() is None  # relevance order
    assert shown() == ["Elephant parade", "Comets return"]
    qtmodeltester.check(proxy)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)  # a header click while searching
    assert model.sort_state() == (2, Qt.SortOrder.AscendingOrder)
    assert shown() == ["Elephant parade", "Comets return"]  # 2020 before 2025
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown() == ["Elephant parade", "Comets return"]
    proxy.set_search("eleph*")  # refining the search keeps the chosen column
    assert model.sort_state() == (0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_search("")
    assert model.sort_state() == (2, Qt.SortOrder.DescendingOrder)  # as before the search
    assert proxy.rowCount() == 5
    qtmodeltester.check(model)


def test_dates_show_day_month_name_and_year(qtbot, model: LibraryModel, lib: Path) -> None:
    from datetime import date

    from reader.qt.library_model import format_date

    wait_scan(qtbot, model, lib)
    assert format_date(date(2025, 5, 12)) == "12 May 2025"
    row = model.row_of(str(lib / "sub" / "deeper" / "c.txt"))
    assert model.index(row, 2).data() == "24 Dec 2025"


def test_digests_outlets_and_authors_for_the_window(qtbot, model: LibraryModel, lib: Path,
                                                    tmp_path: Path) -> None:
    wait_scan(qtbot, model, lib)
    assert len(model.digest_of(str(lib / "a.txt"))) == 32
    assert model.digest_of(str(tmp_path / "nowhere.txt")) == ""
    assert model.outlets() == ["Almanac", "Courier", "Gazette"]
    assert model.authors() == ["Ann Writer"]


def test_a_file_from_outside_the_library_is_found_by_its_headline(qtbot, model: LibraryModel,
                                                                  lib: Path, tmp_path: Path) -> None:
    wait_scan(qtbot, model, lib)
    outside = write(tmp_path / "elsewhere" / "x.txt", "Outside story", "Not in the library.")
    model.add_external(str(outside))
    qtbot.waitUntil(lambda: model.entry_at(model.row_of(str(outside))).headline == "Outside story",
                    timeout=3000)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    proxy.set_search("outsi*")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Outside story"]
    proxy.set_search("comet")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Comets return"]


def test_a_search_can_run_off_the_gui_thread(qtbot, qtmodeltester, model: LibraryModel,
                                             lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    with qtbot.waitSignal(proxy.search_done, timeout=5000) as done:
        proxy.request_search("steel")
        proxy.request_search("comet")  # the older query's hits are dropped
    assert done.args == ["comet"]
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Comets return"]
    qtmodeltester.check(proxy)
    with qtbot.waitSignal(proxy.search_done, timeout=5000):
        proxy.request_search("")
    assert proxy.rowCount() == 4


def test_a_removed_row_is_gone_from_row_of_when_rows_removed_reports(
        qtbot, model: LibraryModel, lib: Path) -> None:
    wait_scan(qtbot, model, lib)
    gone = str(lib / "sub" / "b.txt")
    assert model.row_of(gone) >= 0
    seen: list[int] = []

    def on_removed(_parent: QModelIndex, _first: int, _last: int) -> None:
        seen.append(model.row_of(gone))

    model.rowsRemoved.connect(on_removed)
    os.unlink(gone)
    qtbot.waitUntil(lambda: bool(seen), timeout=LIVE_MS + 1000)
    assert seen == [-1]
