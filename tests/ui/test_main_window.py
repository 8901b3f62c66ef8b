"""The main window: the library listed, articles shown, a broken file survived, layout remembered."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from window_helpers import WAIT_MS, list_row, open_from_list, wait_for_article

from reader.core.library import iter_article_files
from reader.ui.actions import ACTIONS
from reader.ui.main_window import MainWindow, first_article_in


def wait_for_rows(qtbot, window: MainWindow, count: int) -> None:
    def listed() -> None:
        assert window.library_view.row_count() == count
        assert not window.library().is_scanning()  # no re-sort pending: rows stay where they are

    qtbot.waitUntil(listed, timeout=WAIT_MS)




def pane_text(window: MainWindow) -> str:
    return window.pane.text_browser().toPlainText()


def test_sample_library_lists_its_articles_and_shows_the_first(qtbot, make_window, library: Path) -> None:
    files = list(iter_article_files(library))
    assert files, "the sample library has no articles"
    window = make_window(root=library)
    wait_for_rows(qtbot, window, len(files))
    qtbot.waitUntil(lambda: window.pane.article() is not None, timeout=WAIT_MS)
    assert window.pane.article().headline in pane_text(window)
    assert window.library_view.current_path() == window.pane.article().path


def test_start_shows_the_first_article_and_lists_the_library(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(start=False)
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        window.start([], str(articles))
    first = "harbour-lights.txt"  # the first by name among equally quick formats
    wait_for_article(qtbot, window, first)
    wait_for_rows(qtbot, window, len(meta))
    qtbot.waitUntil(lambda: window.library_view.current_path() == str(articles / first), timeout=WAIT_MS)
    assert window.count_label.text() == "3 articles"
    assert "words" in window.article_label.text() and "min read" in window.article_label.text()
    assert window.windowTitle().startswith(window.pane.article().headline)


def test_a_slow_first_article_does_not_hold_up_the_list(qtbot, make_window, articles: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.qt import open_job

    release = threading.Event()
    real_read = open_job.read

    def slow_read(path: str) -> object:
        release.wait(5)
        return real_read(path)

    monkeypatch.setattr(open_job, "read", slow_read)
    window = make_window(root=articles)
    try:
        qtbot.waitUntil(lambda: window.library().rowCount() == 3, timeout=WAIT_MS)
        assert window.pane.article() is None  # still reading
    finally:
        release.set()
    wait_for_article(qtbot, window, "harbour-lights.txt")


def test_a_quick_first_article_is_in_the_first_frame(qtbot, make_window, articles: Path) -> None:
    window = make_window(start=False, shown=False)
    window.show()
    window.start([], str(articles))  # as the app does: before the event loop paints anything
    article = window.pane.article()
    assert article is not None and Path(article.path).name == "harbour-lights.txt"
    assert article.headline in pane_text(window)
    assert window.model is None  # the library waits for the first paint
    with qtbot.waitSignal(window.settled, timeout=WAIT_MS):
        qtbot.waitExposed(window)
    wait_for_rows(qtbot, window, 3)
    assert window.library_view.current_path() == article.path


def test_the_first_article_is_one_that_opens_fast(tmp_path: Path) -> None:
    for name in ("a-page.html", "b-notes.md", "c-letter.docx", "d-story.txt", "e-story.txt"):
        (tmp_path / "sub" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "sub" / name).write_text("x", encoding="utf-8")
    assert first_article_in(str(tmp_path)) == str(tmp_path / "sub" / "d-story.txt")
    (tmp_path / "sub" / "d-story.txt").unlink()
    (tmp_path / "sub" / "e-story.txt").unlink()
    assert first_article_in(str(tmp_path)) == str(tmp_path / "sub" / "b-notes.md")
    assert first_article_in(str(tmp_path / "missing")) is None


def test_selecting_an_article_shows_its_headline_and_byline(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    open_from_list(qtbot, window, "orchard-census.txt")
    headline, author = meta["orchard-census.txt"][:2]
    assert headline in pane_text(window)
    assert author in pane_text(window)


def test_a_broken_file_shows_its_error_and_the_others_still_open(meta, qtbot, make_window, articles: Path) -> None:
    (articles / "zebra-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta) + 1)
    window.library_view.select_row(list_row(window, "zebra-broken.txt"))
    qtbot.waitUntil(lambda: "zebra-broken.txt" in pane_text(window), timeout=WAIT_MS)
    assert window.pane.article() is None
    assert "Cannot open zebra-broken.txt" in pane_text(window)
    assert "binary data" in pane_text(window)
    assert "zebra-broken.txt" in window.statusBar().currentMessage()
    open_from_list(qtbot, window, "night-bus.txt")
    assert meta["night-bus.txt"][0] in pane_text(window)


def test_next_and_previous_article_walk_the_list(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    window.library_view.select_row(0)
    first = Path(window.library_view.path_at(0)).name
    wait_for_article(qtbot, window, first)
    window.action_map["next_article"].trigger()
    wait_for_article(qtbot, window, Path(window.library_view.path_at(1)).name)
    window.action_map["previous_article"].trigger()
    wait_for_article(qtbot, window, first)
    window.action_map["back"].trigger()
    wait_for_article(qtbot, window, Path(window.library_view.path_at(1)).name)


def test_the_search_box_narrows_the_list(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    box = window.library_view.filter_edit
    assert box.isClearButtonEnabled() and "Ctrl+L" in box.placeholderText()
    window.action_map["filter"].trigger()
    qtbot.keyClicks(box, "apple tree")
    wait_for_rows(qtbot, window, 1)
    assert window.count_label.text() == "1 match"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    wait_for_rows(qtbot, window, len(meta))


def test_list_changes_never_open_another_article(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    wait_for_article(qtbot, window, "harbour-lights.txt")
    box = window.library_view.filter_edit
    box.setText("night bus")  # hides the open article: the current row must not jump
    wait_for_rows(qtbot, window, 1)
    box.setText("")
    wait_for_rows(qtbot, window, len(meta))
    assert window.library_view.current_path() == str(articles / "harbour-lights.txt")
    path = articles / "harbour-lights.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Harbour lights", "Harbour lamps"),
                    encoding="utf-8")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    with qtbot.waitSignal(window.model.scan_finished, timeout=WAIT_MS):
        window.model.rescan()
    qtbot.wait(100)
    assert window.opener.pending() is None
    assert Path(window.pane.article().path).name == "harbour-lights.txt"
    assert window.library_view.current_path() == str(path)


def test_enter_on_the_list_opens_the_article_and_focuses_the_text(meta, qtbot, make_window,
                                                                  articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    assert window.pane.text_browser().hasFocus()
    tree = window.library_view.tree
    tree.setFocus()
    window.library_view.select_path(str(articles / "night-bus.txt"))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    wait_for_article(qtbot, window, "night-bus.txt")
    assert window.pane.text_browser().hasFocus()


def test_reading_position_is_remembered_per_article(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    open_from_list(qtbot, window, "night-bus.txt")
    window.pane.set_position(0.5)
    qtbot.waitUntil(lambda: window.pane.position() > 0.3, timeout=WAIT_MS)
    open_from_list(qtbot, window, "harbour-lights.txt")
    open_from_list(qtbot, window, "night-bus.txt")
    qtbot.waitUntil(lambda: window.pane.position() == pytest.approx(0.5, abs=0.05), timeout=WAIT_MS)


def test_the_position_is_saved_soon_after_scrolling_stops(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_article(qtbot, window, "harbour-lights.txt")
    window.pane.set_position(0.5)
    path = str(articles / "harbour-lights.txt")
    digest = lambda: window.model.digest_of(path) if window.model is not None else ""
    qtbot.waitUntil(lambda: window.settings.position(path, digest=digest())
                    == pytest.approx(0.5, abs=0.05), timeout=WAIT_MS)


def test_last_article_and_its_position_come_back_after_a_restart(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    open_from_list(qtbot, window, "orchard-census.txt")
    window.pane.set_position(0.6)
    qtbot.waitUntil(lambda: window.pane.position() > 0.4, timeout=WAIT_MS)
    window.close()
    again = make_window(root=articles)
    wait_for_article(qtbot, again, "orchard-census.txt")
    qtbot.waitUntil(lambda: again.pane.position() == pytest.approx(0.6, abs=0.05), timeout=WAIT_MS)


def test_splitter_sizes_and_pane_visibility_are_remembered(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    window.splitter.setSizes([320, 600, 260])
    sizes = window.splitter.sizes()
    window.action_map["show_outline"].setChecked(False)
    assert window.outline.isHidden()
    window.close()
    again = make_window(root=articles)
    assert again.outline.isHidden() and not again.library_view.isHidden()
    assert not again.action_map["show_outline"].isChecked()
    assert again.action_map["show_list"].isChecked()
    assert abs(again.splitter.sizes()[0] - sizes[0]) <= 2
    again.action_map["show_outline"].setChecked(True)
    assert not again.outline.isHidden()
    qtbot.waitUntil(lambda: abs(again.splitter.sizes()[2] - sizes[2]) <= 30, timeout=WAIT_MS)
    again.action_map["show_list"].setChecked(False)
    again.close()
    third = make_window(root=articles)
    assert third.library_view.isHidden() and not third.outline.isHidden()


def test_zoom_is_remembered(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    window.action_map["zoom_in"].trigger()
    window.action_map["zoom_in"].trigger()
    assert window.pane.zoom() == 2
    window.close()
    again = make_window(root=articles)
    assert again.pane.zoom() == 2
    again.action_map["zoom_reset"].trigger()
    assert again.pane.zoom() == 0


def test_actions_use_platform_standard_shortcuts(make_window) -> None:
    window = make_window(start=False)
    key = QKeySequence.StandardKey
    for name, standard in (("open", key.Open), ("find", key.Find), ("find_next", key.FindNext),
                           ("zoom_in", key.ZoomIn), ("zoom_out", key.ZoomOut), ("quit", key.Quit)):
        native = QKeySequence(standard)
        if native.isEmpty():  # this platform binds none: the table's fallback stands in
            native = QKeySequence(next(s.fallback for s in ACTIONS if s.name == name))
        assert window.action_map[name].shortcut() == native, name
    for name in ("full_screen", "back", "find_previous", "next_article", "shortcuts"):
        assert not window.action_map[name].shortcut().isEmpty(), name
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Go", "Help"]
    assert window.recent_menu.title().replace("&", "") == "Open Recent"


def test_outline_pane_and_go_menu_are_wired(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_article(qtbot, window, "harbour-lights.txt")
    anchor = "s-lamps-and-ladders"  # the article's one heading, halfway down
    assert [s.anchor for s in window.pane.article().sections] == [anchor]
    window.action_map["next_section"].trigger()  # Go > Next Section: the outline steps, the pane follows
    qtbot.waitUntil(lambda: window.pane.position() > 0.2, timeout=WAIT_MS)
    assert window.outline.current_anchor() == anchor
    window.action_map["previous_section"].trigger()  # back to the headline
    qtbot.waitUntil(lambda: window.pane.position() < 0.05, timeout=WAIT_MS)
    window.pane.scroll_to_section(anchor)  # scrolling the pane moves the outline's highlight
    qtbot.waitUntil(lambda: window.outline.current_anchor() == anchor, timeout=WAIT_MS)


def test_help_dialogs_are_reachable(make_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui import dialogs

    seen: list[object] = []

    def fake_shortcuts(parent, rows) -> None:
        seen.append(rows)

    def fake_about(parent) -> None:
        seen.append("about")

    monkeypatch.setattr(dialogs, "show_shortcuts", fake_shortcuts)
    monkeypatch.setattr(dialogs, "show_about", fake_about)
    window = make_window(start=False)
    window.action_map["shortcuts"].trigger()
    window.action_map["about"].trigger()
    rows = dict(seen[0])
    assert rows["Open"] == QKeySequence(QKeySequence.StandardKey.Open).toString(
        QKeySequence.SequenceFormat.NativeText)
    assert seen[1] == "about"
    html = dialogs.shortcuts_html(seen[0])
    assert "Next Article" in html


def test_full_screen_follows_the_window_state(qtbot, make_window) -> None:
    window = make_window(start=False)
    action = window.action_map["full_screen"]
    action.setChecked(True)
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)
    window.showNormal()
    qtbot.waitUntil(lambda: not action.isChecked(), timeout=WAIT_MS)


def test_the_panes_sit_side_by_side(make_window) -> None:
    window = make_window(start=False)
    assert window.splitter.orientation() == Qt.Orientation.Horizontal


def test_the_position_comes_back_when_the_article_is_read_before_the_first_paint(
        meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    open_from_list(qtbot, window, "orchard-census.txt")
    window.pane.set_position(0.6)
    qtbot.waitUntil(lambda: window.pane.position() > 0.4, timeout=WAIT_MS)
    window.close()
    again = make_window(root=articles, start=False, shown=False)
    again.show()  # as the app does: start() before the event loop runs, so before any paint
    again.start([], str(articles))
    assert again.pane.article() is not None
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.pane.position() == pytest.approx(0.6, abs=0.05), timeout=WAIT_MS)


def test_list_columns_show_readable_dates_and_share_the_width(qtbot, make_window,
                                                                articles: Path) -> None:
    from PySide6.QtWidgets import QHeaderView

    window = make_window(root=articles)
    wait_for_rows(qtbot, window, 3)
    proxy = window.library_view.proxy()
    row = list_row(window, "harbour-lights.txt")
    assert proxy.index(row, 2).data() == "3 Mar 2024"  # not the C locale's "03/03/2024"
    header = window.library_view.tree.header()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive
    assert 110 <= header.sectionSize(1) <= 130
    assert header.sectionResizeMode(2) == QHeaderView.ResizeMode.ResizeToContents
    assert header.sectionSize(0) > header.sectionSize(1)  # the headline takes the spare width
    tip = proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Harbour lights return to the old quay")  # the whole headline


def test_default_layout_gives_the_reader_pane_the_rest(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles, shown=False, start=False)
    window.resize(1440, 880)
    window.show()
    qtbot.waitExposed(window)
    window.start([], str(articles))
    list_width, pane_width, outline_width = window.splitter.sizes()
    assert 360 <= list_width <= 400
    assert 235 <= outline_width <= 265
    assert pane_width > 700


def test_outline_shows_whole_titles_in_tooltips(qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_article(qtbot, window, "harbour-lights.txt")
    index = window.outline.model().index(0, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Harbour lights return to the old quay"


def test_the_reading_position_survives_a_rename(meta, qtbot, make_window, articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, len(meta))
    old = articles / "night-bus.txt"
    qtbot.waitUntil(lambda: window.library().digest_of(str(old)) != "", timeout=WAIT_MS)
    open_from_list(qtbot, window, "night-bus.txt")
    bar = window.pane.text_browser().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    bar.setValue(bar.maximum() // 2)  # as the wheel would
    qtbot.waitUntil(lambda: window.pane.position() > 0.3, timeout=WAIT_MS)
    position = window.pane.position()
    open_from_list(qtbot, window, "harbour-lights.txt")
    new = articles / "late-buses" / "the-night-bus.txt"
    new.parent.mkdir()
    os.rename(old, new)  # moved and renamed: the bytes are the same
    qtbot.waitUntil(lambda: window.library().row_of(str(new)) >= 0
                    and window.library().row_of(str(old)) < 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.library().digest_of(str(new)) != "", timeout=WAIT_MS)
    open_from_list(qtbot, window, "the-night-bus.txt")
    qtbot.waitUntil(lambda: window.pane.position() == pytest.approx(position, abs=0.03),
                    timeout=WAIT_MS)


def test_a_file_the_index_does_not_know_keeps_its_position_by_path(qtbot, make_window,
                                                                    outside: Path) -> None:
    window = make_window(files=[outside])
    wait_for_article(qtbot, window, outside.name)
    window.pane.set_position(0.5)
    qtbot.waitUntil(lambda: window.pane.position() > 0.3, timeout=WAIT_MS)
    window.close()
    assert window.settings.position(str(outside)) == pytest.approx(0.5, abs=0.05)


def test_scrolling_keeps_the_position_save_delay(qtbot, make_window, articles: Path) -> None:
    from reader.ui.main_window import POSITION_SAVE_MS

    window = make_window(root=articles)
    wait_for_article(qtbot, window, "harbour-lights.txt")
    bar = window.pane.text_browser().verticalScrollBar()
    bar.setValue(bar.maximum() // 2 or 1)
    assert window._position_timer.interval() == POSITION_SAVE_MS


def test_the_scan_bar_sits_in_the_status_bar(make_window) -> None:
    window = make_window()
    assert window.scan_bar.parent() is window.statusBar()


def test_a_rescan_that_finds_nothing_keeps_the_status_message(qtbot, make_window,
                                                             articles: Path) -> None:
    window = make_window(root=articles)
    wait_for_rows(qtbot, window, 3)
    window.statusBar().showMessage("Cannot open something", 60_000)
    with qtbot.waitSignal(window.library().scan_finished, timeout=WAIT_MS):
        window.library().rescan()
    assert window.statusBar().currentMessage() == "Cannot open something"
