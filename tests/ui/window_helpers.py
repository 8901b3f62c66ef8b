"""Waiting on what the main window shows, shared by the window tests."""
from __future__ import annotations

from pathlib import Path

from reader.ui.main_window import MainWindow

WAIT_MS = 5000


def wait_for_article(qtbot, window: MainWindow, which: str | Path) -> None:  # type: ignore[no-untyped-def]
    """Wait until the pane shows ``which``: a file name, or a whole Path."""
    def shown() -> None:
        article = window.pane.article()
        assert article is not None
        got = Path(article.path)
        assert (got == which) if isinstance(which, Path) else (got.name == which)

    qtbot.waitUntil(shown, timeout=WAIT_MS)


def list_row(window: MainWindow, name: str) -> int:
    rows = [window.library_view.path_at(r) for r in range(window.library_view.row_count())]
    return [Path(p).name for p in rows if p].index(name)


def open_from_list(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    """Select the article named ``name`` in the list and wait until the pane shows it."""
    window.library_view.select_row(list_row(window, name))
    wait_for_article(qtbot, window, name)
