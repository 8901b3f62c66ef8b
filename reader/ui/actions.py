"""The window's actions and menus, declared once as data and built in one place."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from reader.qt.settings import Settings

Key = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: ``slot`` names a method of the window; checkable ones get ``toggled(bool)``.

    ``fallback`` is the key used where the platform binds no key to a standard one.
    """

    name: str
    text: str
    slot: str
    shortcut: Key | str | None = None
    icon: str = ""
    checkable: bool = False
    fallback: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", "open_files_dialog", Key.Open, "document-open"),
    ActionSpec("open_library", "Open &Library Folder…", "open_library_dialog", "Ctrl+Shift+O",
               "folder-open"),
    ActionSpec("quit", "&Quit", "close", Key.Quit, "application-exit", fallback="Ctrl+Q"),
    ActionSpec("find", "&Find…", "show_find", Key.Find, "edit-find"),
    ActionSpec("find_next", "Find &Next", "find_next", Key.FindNext, "go-down-search",
               fallback="F3"),
    ActionSpec("find_previous", "Find &Previous", "find_previous", Key.FindPrevious,
               "go-up-search", fallback="Shift+F3"),
    ActionSpec("filter", "&Search Articles", "focus_filter", "Ctrl+L", "edit-find"),
    ActionSpec("zoom_in", "Zoom &In", "zoom_in", Key.ZoomIn, "zoom-in"),
    ActionSpec("zoom_out", "Zoom &Out", "zoom_out", Key.ZoomOut, "zoom-out"),
    ActionSpec("zoom_reset", "&Reset Zoom", "zoom_reset", "Ctrl+0", "zoom-original"),
    ActionSpec("show_list", "Show Article &List", "set_list_visible", "F9", "view-list-details",
               checkable=True),
    ActionSpec("show_outline", "Show &Outline", "set_outline_visible", "Shift+F9",
               "view-list-tree", checkable=True),
    ActionSpec("full_screen", "&Full Screen", "set_full_screen", Key.FullScreen,
               "view-fullscreen", checkable=True, fallback="F11"),
    ActionSpec("next_section", "Next &Section", "next_section", "Alt+Down", "go-down"),
    ActionSpec("previous_section", "Previous S&ection", "previous_section", "Alt+Up", "go-up"),
    ActionSpec("next_article", "&Next Article", "next_article", "Ctrl+PgDown", "go-next"),
    ActionSpec("previous_article", "&Previous Article", "previous_article", "Ctrl+PgUp",
               "go-previous"),
    ActionSpec("back", "&Back", "go_back", Key.Back, "go-previous-view", fallback="Alt+Left"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "show_shortcuts", "F1", "help-keyboard-shortcuts"),
    ActionSpec("about", "&About Reader", "show_about", None, "help-about"),
)

# Menu titles and their entries: an action name, "-" for a separator, "@name" for a submenu.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("open", "@recent", "open_library", "-", "quit")),
    ("&Edit", ("find", "find_next", "find_previous", "-", "filter")),
    ("&View", ("zoom_in", "zoom_out", "zoom_reset", "-", "@sort", "-", "show_list",
               "show_outline", "-", "full_screen")),
    ("&Go", ("next_section", "previous_section", "-", "next_article", "previous_article", "-",
             "back")),
    ("&Help", ("shortcuts", "-", "about")),
)
SUBMENUS: dict[str, str] = {"recent": "Open &Recent", "sort": "Sort &By"}
# View > Sort By: (text, the list's column); Date first, as a reader of news sorts most.
SORT_COLUMNS: tuple[tuple[str, int], ...] = (("&Date", 2), ("&Headline", 0), ("&Outlet", 1))
ASCENDING, DESCENDING = 0, 1  # Qt.SortOrder values


def _shortcut(spec: ActionSpec) -> QKeySequence | None:
    if spec.shortcut is None:
        return None
    key = QKeySequence(spec.shortcut)
    if key.isEmpty() and spec.fallback:
        return QKeySequence(spec.fallback)
    return key


def build_actions(window: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """Make a QAction for each spec, added to ``window`` so shortcuts work with menus hidden."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(QIcon.fromTheme(spec.icon), spec.text, window)
        action.setObjectName(spec.name)
        key = _shortcut(spec)
        if key is not None and not key.isEmpty():
            action.setShortcuts([key])  # = setShortcut(key), whose overloads need Qt.Key built
        slot: Callable[..., object] = getattr(window, spec.slot)
        if spec.checkable:
            action.setCheckable(True)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        window.addAction(action)
        actions[spec.name] = action
    return actions


def build_menus(menubar: QMenuBar, actions: dict[str, QAction]) -> dict[str, QMenu]:
    """Fill ``menubar`` from MENUS; return the submenus by name for the window to fill."""
    submenus: dict[str, QMenu] = {}
    for title, entries in MENUS:
        menu = menubar.addMenu(title)
        for entry in entries:
            if entry == "-":
                menu.addSeparator()
            elif entry.startswith("@"):
                name = entry[1:]
                submenus[name] = menu.addMenu(SUBMENUS[name])
                submenus[name].setObjectName(name)
            else:
                menu.addAction(actions[entry])
    return submenus


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(action text, shortcut) for every action that has a shortcut, for the help dialog."""
    rows = []
    for action in actions.values():
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if key:
            rows.append((action.text().replace("&", "").rstrip("…"), key))
    return rows


class RecentMenu(QObject):
    """File > Open Recent, filled from the settings each time it opens; missing files are pruned.

    Signals: open_requested(str path).
    """

    open_requested = Signal(str)

    def __init__(self, menu: QMenu, settings: Settings) -> None:
        super().__init__(menu)
        self._menu = menu
        self._settings = settings
        menu.aboutToShow.connect(self.refresh)
        menu.triggered.connect(self._on_triggered)

    @Slot()
    def refresh(self) -> None:
        menu = self._menu
        menu.clear()
        paths = self._settings.prune_recent_files()
        for i, path in enumerate(paths, 1):
            action = menu.addAction(f"&{i % 10} {Path(path).name}")
            action.setData(path)
            action.setToolTip(path)
            action.setStatusTip(path)
        menu.addSeparator()
        clear = menu.addAction("Clear Menu")
        clear.setObjectName("clear_recent")
        clear.setEnabled(bool(paths))

    def paths(self) -> list[str]:
        """The files the menu lists, newest first."""
        return [str(a.data()) for a in self._menu.actions() if a.data()]

    @Slot(QAction)
    def _on_triggered(self, action: QAction) -> None:
        path = action.data()
        if path:
            self.open_requested.emit(str(path))
        else:
            self._settings.clear_recent_files()
        self.refresh()


class SortMenu(QObject):
    """View > Sort By: a column and a direction, mirroring the list's header; filled on opening.

    ``state`` gives the sort in force as (column, order), or None in relevance order.
    Signals: sort_requested(int column, int order) with order a Qt.SortOrder value.
    """

    sort_requested = Signal(int, int)

    def __init__(self, menu: QMenu, state: Callable[[], tuple[int, Any] | None]) -> None:
        super().__init__(menu)
        self._menu = menu
        self._state = state
        menu.aboutToShow.connect(self.refresh)
        menu.triggered.connect(self._on_triggered)

    @Slot()
    def refresh(self) -> None:
        from PySide6.QtGui import QActionGroup

        menu = self._menu
        menu.clear()
        state = self._state()
        column, order = (state[0], int(getattr(state[1], "value", state[1]))) if state else (-1, -1)
        for group_items, chosen in (
                ([(text, f"column:{col}") for text, col in SORT_COLUMNS], f"column:{column}"),
                ([("&Ascending", f"order:{ASCENDING}"), ("D&escending", f"order:{DESCENDING}")],
                 f"order:{order}")):
            group = QActionGroup(menu)
            for text, data in group_items:
                action = menu.addAction(text)
                action.setObjectName("sort_" + data.replace(":", "_"))
                action.setData(data)
                action.setCheckable(True)
                action.setChecked(data == chosen)
                action.setEnabled(state is not None or data.startswith("column"))
                group.addAction(action)
            menu.addSeparator()
        relevance = menu.addAction("By Relevance (while searching)")
        relevance.setEnabled(False)
        relevance.setCheckable(True)
        relevance.setChecked(state is None)
        relevance.setVisible(state is None)

    def action(self, name: str) -> QAction | None:
        """One of the menu's entries by object name (sort_column_2, sort_order_1, ...)."""
        return next((a for a in self._menu.actions() if a.objectName() == name), None)

    @Slot(QAction)
    def _on_triggered(self, action: QAction) -> None:
        data = action.data()
        if not isinstance(data, str) or ":" not in data:
            return
        kind, text = data.split(":")
        value = int(text)
        state = self._state()
        if kind == "column":
            default = DESCENDING if value == 2 else ASCENDING  # newest first
            order = int(getattr(state[1], "value", state[1])) if state else default
            self.sort_requested.emit(value, order)
        elif state is not None:
            self.sort_requested.emit(int(state[0]), value)
