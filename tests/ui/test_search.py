"""Searching the library from the window: ranked hits, highlights in the article, filters, sorting."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from window_helpers import WAIT_MS, wait_for_article

from reader.ui.find_bar import term_pattern
from reader.ui.library_view import as_you_type
from reader.ui.main_window import MainWindow

FILLER = "The council met on a wet evening and agreed that the plan could go ahead."

STORIES = {
    "lighthouse.txt": ("Keepers of the lighthouse", "Mara Ellison", "The Coastal Gazette",
                       "March 3, 2024",
                       ["The lighthouse keeper saw a bright comet over the bay.",
                        "A lighthouse needs a keeper; this lighthouse has had one for a century.",
                        "Nobody else in town saw the comet that night."]),
    "comet.txt": ("A comet over the valley", "Tomas Reyes", "Valley Weekly", "June 18, 2023",
                  ["The comet was bright, and the valley came out to watch.",
                   "Astronomers said the comet would return in eighty years."]),
    "bakery.txt": ("Bakery opens before dawn", "Ines Duarte", "Metro Notes", "October 9, 2022",
                   ["The ovens are lit at four.", "Bread is on the shelves by six."]),
}


def story_text(headline: str, author: str, outlet: str, day: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(f"{p} {FILLER}" for p in paragraphs + [FILLER] * 12)
    return f"{headline}\n\n{day}\nBy: {author}\n{outlet}\n\n{body}\n"


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    for name, fields in STORIES.items():
        (folder / name).write_text(story_text(*fields), encoding="utf-8")
    return folder


def names(window: MainWindow) -> list[str]:
    view = window.library_view
    return [Path(view.path_at(r) or "").name for r in range(view.row_count())]


def wait_listed(qtbot, window: MainWindow, count: int) -> None:
    def listed() -> None:
        assert window.library_view.row_count() == count
        assert not window.library().is_scanning()

    qtbot.waitUntil(listed, timeout=WAIT_MS)


def search(qtbot, window: MainWindow, text: str) -> None:
    """Type into the search box as a user does (Ctrl+L first), then wait for the debounce."""
    box = window.library_view.search_edit
    window.action_map["filter"].trigger()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    with qtbot.waitSignal(window.library_view.search_changed, timeout=WAIT_MS):
        qtbot.keyClicks(box, text)




def highlighted(window: MainWindow) -> list[str]:
    return [s.cursor.selectedText() for s in window.pane.text_browser().extraSelections()]


def click_header(qtbot, window: MainWindow, column: int) -> None:
    header = window.library_view.tree.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


@pytest.fixture
def window(qtbot, make_window, stories: Path) -> MainWindow:
    win = make_window(root=stories)
    wait_listed(qtbot, win, len(STORIES))
    return win


def test_as_you_type_the_last_word_is_a_prefix() -> None:
    assert as_you_type("harb") == "harb*"
    assert as_you_type("old harb") == "old harb*"
    assert as_you_type("old harbour ") == "old harbour"
    assert as_you_type('"old harb') == '"old harb'  # an open phrase stays a phrase
    assert as_you_type('"old harbour"') == '"old harbour"'
    assert as_you_type("harb*") == "harb*"
    assert as_you_type("lamps OR") == "lamps OR"
    assert as_you_type("") == ""


def test_search_terms_become_whole_word_patterns() -> None:
    pattern = term_pattern('"bright comet" keeper harb* -storm OR')
    assert pattern is not None
    text = "A bright  comet, a keeper's harbours; bright and comet; storm; keepers"
    assert [m.group() for m in pattern.finditer(text)] == \
        ["bright  comet", "keeper", "harbours"]
    assert term_pattern('OR -x ""') is None


def test_the_search_box_ranks_hits_and_counts_them(qtbot, window: MainWindow) -> None:
    box = window.library_view.search_edit
    assert box.placeholderText() == "Search articles (Ctrl+L)"
    search(qtbot, window, "lighth")  # as you type: a prefix
    assert names(window) == ["lighthouse.txt"]
    assert window.count_label.text() == "1 match"
    search(qtbot, window, "comet")
    assert names(window) == ["comet.txt", "lighthouse.txt"]  # in the headline ranks first
    assert window.count_label.text() == "2 matches"
    search(qtbot, window, '"bright comet"')  # a phrase: only where the words stand together
    assert names(window) == ["lighthouse.txt"]
    search(qtbot, window, "ovens")  # the body is searched, not only the headline
    assert names(window) == ["bakery.txt"]
    search(qtbot, window, "zeppelin")
    assert names(window) == [] and window.count_label.text() == "0 matches"
    with qtbot.waitSignal(window.library_view.search_changed, timeout=WAIT_MS):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert len(names(window)) == 3 and window.count_label.text() == "3 articles"


def test_headers_sort_the_hits_and_the_old_sort_returns(qtbot, window: MainWindow) -> None:
    header = window.library_view.tree.header()
    click_header(qtbot, window, 2)  # by date, oldest first
    assert names(window) == ["bakery.txt", "comet.txt", "lighthouse.txt"]
    assert header.sortIndicatorSection() == 2
    search(qtbot, window, "comet")
    assert names(window) == ["comet.txt", "lighthouse.txt"]  # relevance while searching
    assert header.sortIndicatorSection() == -1  # no column arrow: best first
    assert window.library_view.sort_state() is None
    click_header(qtbot, window, 0)  # a header still sorts the hits
    assert names(window) == ["comet.txt", "lighthouse.txt"]
    click_header(qtbot, window, 0)
    assert names(window) == ["lighthouse.txt", "comet.txt"]  # Keepers > A comet, descending
    assert header.sortIndicatorSection() == 0
    window.action_map["filter"].trigger()  # Ctrl+L: back in the search box
    with qtbot.waitSignal(window.library_view.search_changed, timeout=WAIT_MS):
        qtbot.keyClick(window.library_view.search_edit, Qt.Key.Key_Escape)
    assert names(window) == ["bakery.txt", "comet.txt", "lighthouse.txt"]  # by date again
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_an_article_opened_while_searching_shows_the_phrase_highlighted(qtbot,
                                                                         window: MainWindow) -> None:
    search(qtbot, window, '"bright comet"')
    window.library_view.select_row(0)
    wait_for_article(qtbot, window, "lighthouse.txt")
    bar = window.pane.find_bar()
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=WAIT_MS)
    assert bar.count_label.text() == "1 of 1"
    assert [t.lower() for t in highlighted(window)] == ["bright comet"]
    assert window.pane.text_browser().textCursor().selectedText().lower() == "bright comet"


def test_several_words_are_each_highlighted_and_stepped_through(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "keeper comet")
    assert names(window) == ["lighthouse.txt"]
    window.library_view.select_row(0)
    wait_for_article(qtbot, window, "lighthouse.txt")
    bar = window.pane.find_bar()
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=WAIT_MS)
    words = sorted({t.lower() for t in highlighted(window)})
    assert words == ["comet", "keeper"]  # whole words (not "Keepers" in the headline)
    total = window.pane.match_count()
    assert total == 4 and bar.count_label.text() == f"1 of {total}"
    browser = window.pane.text_browser()
    browser.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_F3)
    assert bar.count_label.text() == f"2 of {total}"
    qtbot.keyClick(browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"1 of {total}"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == f"3 of {total}"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == f"2 of {total}"
    window.action_map["filter"].trigger()  # Ctrl+L: back in the search box
    with qtbot.waitSignal(window.library_view.search_changed, timeout=WAIT_MS):
        qtbot.keyClick(window.library_view.search_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and highlighted(window) == []  # the search is over


def test_the_article_shown_is_highlighted_as_the_search_changes(qtbot, window: MainWindow) -> None:
    window.library_view.select_path(str(Path(window.library().root() or "") / "comet.txt"))
    window.open_path(str(Path(window.library().root() or "") / "comet.txt"))
    wait_for_article(qtbot, window, "comet.txt")
    search(qtbot, window, "valley")
    assert {t.lower() for t in highlighted(window)} == {"valley"}
    assert window.library_view.search_edit.hasFocus()  # typing goes on in the search box


@pytest.mark.qt_log_ignore("This plugin does not support")  # the author completer's popup, offscreen
def test_filters_narrow_the_list_and_show_that_they_do(qtbot, window: MainWindow) -> None:
    view = window.library_view
    button = view.filters_button
    assert button is not None and button.text() == "Filters"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    panel = view.filter_panel()
    assert panel.isVisible()
    combo = panel.outlet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["Any", "Metro Notes", "The Coastal Gazette", "Valley Weekly"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Valley")
    assert combo.currentText() == "Valley Weekly"
    assert names(window) == ["comet.txt"]
    assert button.text() == "Filters (1)" and button.font().bold()
    assert window.filter_label.isVisible() and "Valley Weekly" in window.filter_label.text()
    assert window.count_label.text() == "1 of 3 articles"
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert combo.currentText() == "Any" and len(names(window)) == 3
    assert not window.filter_label.isVisible() and button.text() == "Filters"
    qtbot.keyClicks(panel.author_edit, "reyes")
    assert names(window) == ["comet.txt"]
    popup = panel.author_edit.completer().popup()
    assert popup.isVisible() and popup.model().index(0, 0).data() == "Tomas Reyes"
    popup.hide()
    panel.author_edit.clear()
    panel.since_edit.setDate(QDate(2023, 1, 1))
    assert sorted(names(window)) == ["comet.txt", "lighthouse.txt"]
    panel.until_edit.setDate(QDate(2023, 12, 31))
    assert names(window) == ["comet.txt"]
    assert "from 1 Jan 2023" in window.filter_label.text()
    assert "to 31 Dec 2023" in window.filter_label.text()
    search(qtbot, window, "comet")  # filters and search together
    assert names(window) == ["comet.txt"]
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["comet.txt", "lighthouse.txt"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_view_sort_by_mirrors_the_header(qtbot, window: MainWindow) -> None:
    menu = window.sort_menu
    header = window.library_view.tree.header()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    submenu = next(a.menu() for a in view_menu.actions() if a.text() == "Sort &By")
    submenu.aboutToShow.emit()  # what opening View > Sort By does
    assert [a.text() for a in submenu.actions() if a.text()][:5] == \
        ["&Date", "&Headline", "&Outlet", "&Ascending", "D&escending"]
    assert menu.action("sort_column_2").isChecked() and menu.action("sort_order_1").isChecked()
    assert names(window) == ["lighthouse.txt", "comet.txt", "bakery.txt"]  # newest first
    menu.action("sort_order_0").trigger()  # ascending
    assert names(window) == ["bakery.txt", "comet.txt", "lighthouse.txt"]
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    menu.refresh()
    menu.action("sort_column_0").trigger()  # by headline, still ascending
    assert names(window) == ["comet.txt", "bakery.txt", "lighthouse.txt"]
    assert header.sortIndicatorSection() == 0
    click_header(qtbot, window, 1)  # the header, seen in the menu
    menu.refresh()
    assert menu.action("sort_column_1").isChecked()
    assert names(window)[0] == "bakery.txt"  # Metro Notes first
    search(qtbot, window, "comet")
    menu.refresh()
    assert not any(menu.action(f"sort_column_{c}").isChecked() for c in range(3))


def test_the_list_order_is_remembered(qtbot, make_window, stories: Path) -> None:
    window = make_window(root=stories)
    wait_listed(qtbot, window, 3)
    click_header(qtbot, window, 0)
    assert names(window) == ["comet.txt", "bakery.txt", "lighthouse.txt"]
    search(qtbot, window, "comet")  # closed mid-search: the column sort is what is kept
    window.close()
    again = make_window(root=stories)
    wait_listed(qtbot, again, 3)
    assert names(again) == ["comet.txt", "bakery.txt", "lighthouse.txt"]
    assert again.library_view.tree.header().sortIndicatorSection() == 0


def test_search_and_filter_widgets_wait_until_after_start_up(qtbot, make_window,
                                                             stories: Path) -> None:
    win = make_window(start=False)
    assert win.library_view.filters_button is None
    assert win.library_view._filter_panel is None
    with qtbot.waitSignal(win.settled, timeout=WAIT_MS):
        win.start([], str(stories))
    assert win.library_view.filters_button is not None
    assert win.library_view._filter_panel is None  # made when first opened



def test_a_date_calendar_opened_from_any_shows_this_month(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QShowEvent

    panel = window.library_view.filter_panel()
    calendar = panel.since_edit.calendarWidget()
    QCoreApplication.sendEvent(calendar, QShowEvent())  # what opening the popup sends
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert panel.since_edit.text() == "Any" and panel.values().since is None


def test_enter_in_the_search_box_opens_the_best_hit(qtbot, window: MainWindow) -> None:
    window.library_view.tree.selectionModel().clear()
    box = window.library_view.search_edit
    window.action_map["filter"].trigger()
    qtbot.keyClicks(box, "ovens")
    with qtbot.waitSignal(window.library_view.search_changed, timeout=WAIT_MS):
        qtbot.keyClick(box, Qt.Key.Key_Return)  # at once: before the debounce has run
    wait_for_article(qtbot, window, "bakery.txt")
    assert window.library_view.tree.hasFocus()
    assert window.library_view.current_path().endswith("bakery.txt")


def test_sort_by_date_from_relevance_order_is_newest_first(qtbot, window: MainWindow) -> None:
    menu = window.sort_menu
    search(qtbot, window, "comet")
    menu.refresh()
    with qtbot.waitSignal(menu.sort_requested, timeout=1000) as blocker:
        menu.action("sort_column_2").trigger()
    assert blocker.args == [2, 1]  # Qt.SortOrder.DescendingOrder
