"""Opening articles: command line, File > Open, drops, Open Recent, another library, stale reads."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QApplication, QWidget
from window_helpers import WAIT_MS, wait_for_article

from reader.core.article import ReadError
from reader.core.registry import FORMATS
from reader.qt import open_job
from reader.qt.open_job import ArticleOpener
from reader.qt.settings import Settings
from reader.ui import app, dialogs
from reader.ui.main_window import MainWindow


def wait_listed(qtbot, window: MainWindow, path: Path) -> None:
    qtbot.waitUntil(lambda: window.library().row_of(str(path)) >= 0, timeout=WAIT_MS)


def drag_enter_event(mime: QMimeData) -> QDragEnterEvent:
    """A drag entering at (20, 20). PySide 6.12 marks the only (QPoint) constructor deprecated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)


def drop(window: MainWindow, paths: list[Path], target: QWidget | None = None) -> tuple[bool, bool]:
    """Drag ``paths`` over ``target`` (the window) and drop them; return (enter, drop) accepted."""
    target = target or window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = drag_enter_event(mime)
    QApplication.sendEvent(target, enter)
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(target, event)
    return enter.isAccepted(), event.isAccepted()


def recent_paths(window: MainWindow) -> list[str]:
    window.recent.refresh()
    return window.recent.paths()


def test_a_file_on_the_command_line_opens_and_is_listed(qtbot, make_window, articles: Path,
                                                         outside: Path, meta) -> None:
    window = make_window(files=[outside], root=articles)
    wait_for_article(qtbot, window, outside)
    assert "Letter from the coast" in window.pane.text_browser().toPlainText()
    wait_listed(qtbot, window, outside)
    qtbot.waitUntil(lambda: window.library().rowCount() == len(meta) + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.library_view.current_path() == str(outside), timeout=WAIT_MS)
    assert recent_paths(window) == [str(outside)]
    assert window.library_root() == str(articles)


def test_file_open_dialog_opens_the_chosen_file(qtbot, make_window, articles: Path, outside: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_dialog(parent, directory: str = "") -> list[str]:
        asked.append(directory)
        return [str(outside)]

    monkeypatch.setattr(dialogs, "get_open_files", fake_dialog)
    window = make_window(root=articles)
    qtbot.waitUntil(lambda: window.pane.article() is not None, timeout=WAIT_MS)
    window.action_map["open"].trigger()
    wait_for_article(qtbot, window, outside)
    wait_listed(qtbot, window, outside)
    assert asked == [str(articles)]
    assert recent_paths(window) == [str(outside)]


def test_a_cancelled_open_dialog_changes_nothing(qtbot, make_window, articles: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "get_open_files", lambda parent, directory="": [])
    window = make_window(root=articles)
    qtbot.waitUntil(lambda: window.pane.article() is not None, timeout=WAIT_MS)
    shown = window.pane.article().path
    window.action_map["open"].trigger()
    qtbot.wait(50)
    assert window.pane.article().path == shown
    assert recent_paths(window) == []


def test_the_open_dialog_filter_names_every_format() -> None:
    text = dialogs.file_filter()
    for fmt in FORMATS:
        assert fmt.label in text
        for ext in fmt.extensions:
            assert f"*{ext}" in text.split(";;")[0]
    assert text.split(";;")[-1] == "All files (*)"


def test_a_dropped_file_opens(qtbot, make_window, articles: Path, outside: Path) -> None:
    window = make_window(root=articles)
    assert drop(window, [outside]) == (True, True)
    wait_for_article(qtbot, window, outside)
    wait_listed(qtbot, window, outside)
    assert str(outside) in recent_paths(window)


@pytest.mark.parametrize("where", ["pane", "filter"])
def test_files_dropped_on_a_pane_reach_the_window(qtbot, make_window, articles: Path, outside: Path,
                                                  where: str) -> None:
    window = make_window(root=articles)
    qtbot.waitUntil(lambda: window.pane.article() is not None, timeout=WAIT_MS)
    target = (window.pane.text_browser().viewport() if where == "pane"
              else window.library_view.filter_edit)
    drop(window, [outside], target)
    wait_for_article(qtbot, window, outside)
    assert window.library_view.filter_edit.text() == ""


def test_links_to_article_files_open_in_the_app(qtbot, make_window, articles: Path,
                                               outside: Path) -> None:
    window = make_window(root=articles)
    wait_for_article(qtbot, window, articles / "harbour-lights.txt")
    window.pane.link_activated.emit(QUrl("night-bus.txt"))  # relative: beside this article
    wait_for_article(qtbot, window, articles / "night-bus.txt")
    window.pane.link_activated.emit(QUrl.fromLocalFile(str(outside)))
    wait_for_article(qtbot, window, outside)
    window.pane.link_activated.emit(QUrl("https://example.org/story.txt"))  # the pane's business
    window.pane.link_activated.emit(QUrl("missing.txt"))
    qtbot.wait(50)
    assert window.opener.pending() is None
    assert window.pane.article().path == str(outside)


def test_a_drag_without_files_is_refused(make_window) -> None:
    window = make_window(start=False)
    mime = QMimeData()
    mime.setText("just words")
    event = drag_enter_event(mime)
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()


def test_a_dropped_folder_becomes_the_library(qtbot, make_window, articles: Path, tmp_path: Path,
                                              settings_file: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("One story only\n\nBy: Kit Moreno\n\nA body of text.\n", encoding="utf-8")
    window = make_window(root=articles)
    qtbot.waitUntil(lambda: window.library().rowCount() == 3, timeout=WAIT_MS)
    assert drop(window, [other]) == (True, True)
    qtbot.waitUntil(lambda: window.library_root() == str(other), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.library().rowCount() == 1, timeout=WAIT_MS)
    assert window.settings.library_root() == str(other)
    again = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert app.choose_library(None, again) == str(other)


def test_open_library_folder_is_remembered(qtbot, make_window, articles: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "get_library_folder", lambda parent, directory="": str(articles))
    window = make_window(start=False)
    window.start([], None)
    window.action_map["open_library"].trigger()
    qtbot.waitUntil(lambda: window.library().rowCount() == 3, timeout=WAIT_MS)
    assert window.library_root() == str(articles)
    assert app.choose_library(None, window.settings) == str(articles)


def test_recent_files_survive_a_restart(qtbot, make_window, articles: Path, outside: Path) -> None:
    window = make_window(files=[outside], root=articles)
    wait_for_article(qtbot, window, outside)
    window.close()
    again = make_window(root=articles)
    again.recent_menu.aboutToShow.emit()
    actions = [a for a in again.recent_menu.actions() if a.data()]
    assert [a.data() for a in actions] == [str(outside)]
    assert "letter-from-the-coast.txt" in actions[0].text()
    qtbot.waitUntil(lambda: again.pane.article() is not None, timeout=WAIT_MS)
    again.recent_menu.triggered.emit(actions[0])
    wait_for_article(qtbot, again, outside)


def test_the_last_article_from_outside_the_library_comes_back_listed(qtbot, make_window,
                                                                    articles: Path, outside: Path) -> None:
    window = make_window(files=[outside], root=articles)
    wait_for_article(qtbot, window, outside)
    window.close()
    again = make_window(root=articles)
    wait_for_article(qtbot, again, outside)
    wait_listed(qtbot, again, outside)
    qtbot.waitUntil(lambda: again.library_view.current_path() == str(outside), timeout=WAIT_MS)


def test_open_recent_prunes_missing_files_and_clears(qtbot, make_window, articles: Path, outside: Path,
                                                     settings) -> None:
    settings.add_recent_file(str(outside.parent / "moved-away.txt"))
    settings.add_recent_file(str(outside))
    window = make_window(start=False, settings=settings)
    assert recent_paths(window) == [str(outside)]
    clear = window.recent_menu.findChild(type(window.recent_menu.actions()[0]), "clear_recent")
    assert clear is not None and clear.isEnabled()
    window.recent_menu.triggered.emit(clear)
    assert recent_paths(window) == []
    assert settings.recent_files() == []


def test_a_missing_file_on_the_command_line_shows_an_error(qtbot, make_window, articles: Path,
                                                           tmp_path: Path) -> None:
    window = make_window(files=[tmp_path / "nope.txt"], root=articles)
    qtbot.waitUntil(lambda: "nope.txt" in window.pane.text_browser().toPlainText(), timeout=WAIT_MS)
    assert window.pane.article() is None
    qtbot.waitUntil(lambda: window.library().rowCount() >= 3, timeout=WAIT_MS)


def test_choose_library_prefers_the_argument_then_the_remembered_then_the_bundled(
        settings, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr(app, "bundled_library", lambda: bundled)
    assert app.choose_library(None, settings) == str(bundled)
    assert app.choose_library(str(articles), settings) == str(articles)
    assert app.choose_library(None, settings) == str(articles)
    monkeypatch.setattr(app, "bundled_library", lambda: tmp_path / "missing")
    settings.set_library_root(str(tmp_path / "gone"))
    assert app.choose_library(None, settings) is None


def test_the_bundled_library_is_found_beside_the_package(library: Path) -> None:
    assert app.bundled_library() == library.resolve()


def test_the_app_icon_comes_from_the_packaged_svg_and_copes_without_it(
        qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.resources

    svg = Path(app.__file__).resolve().parent.parent / "resources" / "reader.svg"
    if svg.is_file():
        assert not app.app_icon().isNull()
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    assert isinstance(app.app_icon(), QIcon)  # no file: the theme's icon or none, no error


def test_the_opener_drops_stale_results(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def fake_read(path: str) -> str:
        if path == "slow":
            release.wait(5)
        return f"article {path}"

    monkeypatch.setattr(open_job, "read", fake_read)
    opener = ArticleOpener()
    got: list[object] = []
    opener.opened.connect(got.append)
    opener.open("slow")
    with qtbot.waitSignal(opener.opened, timeout=WAIT_MS):
        opener.open("fast")
    release.set()
    assert opener.wait(WAIT_MS)
    qtbot.wait(50)
    assert got == ["article fast"]
    assert opener.pending() is None


def test_settle_reports_a_quick_read_before_returning(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_job, "read", lambda path: f"article {path}")
    opener = ArticleOpener()
    got: list[object] = []
    opener.opened.connect(got.append)
    assert opener.settle(10)  # nothing pending
    opener.open("quick")
    assert opener.settle(WAIT_MS)
    assert got == ["article quick"]  # no event loop ran
    assert opener.pending() is None


def test_settle_leaves_a_slow_read_to_report_later(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow_read(path: str) -> str:
        release.wait(5)
        return f"article {path}"

    monkeypatch.setattr(open_job, "read", slow_read)
    opener = ArticleOpener()
    got: list[object] = []
    opener.opened.connect(got.append)
    opener.open("slow")
    try:
        assert not opener.settle(20)
        assert got == [] and opener.pending() == "slow"
    finally:
        release.set()
    qtbot.waitUntil(lambda: got == ["article slow"], timeout=WAIT_MS)
    assert opener.wait(WAIT_MS)


def test_the_opener_skips_requests_overtaken_before_they_start(qtbot,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    reads: list[str] = []

    def fake_read(path: str) -> str:
        reads.append(path)
        if path.startswith("slow"):
            release.wait(5)
        return path

    monkeypatch.setattr(open_job, "read", fake_read)
    opener = ArticleOpener()
    got: list[object] = []
    opener.opened.connect(got.append)
    opener.open("slow-1")
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=WAIT_MS)
    opener.open("slow-2")
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=WAIT_MS)  # both pool threads now busy
    for i in range(20):  # holding the Down key over the list
        opener.open(f"quick-{i}")
    release.set()
    qtbot.waitUntil(lambda: got == ["quick-19"], timeout=WAIT_MS)
    assert opener.wait(WAIT_MS)
    assert len(reads) <= 3 and reads[-1] == "quick-19"


def test_the_opener_reports_errors_in_one_line(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_read(path: str) -> str:
        if path == "bad":
            raise ReadError("bad is not an article")
        raise ValueError("boom")

    monkeypatch.setattr(open_job, "read", fake_read)
    opener = ArticleOpener()
    with qtbot.waitSignal(opener.failed, timeout=WAIT_MS) as blocker:
        opener.open("bad")
    assert blocker.args == ["bad", "bad is not an article"]
    with qtbot.waitSignal(opener.failed, timeout=WAIT_MS) as blocker:
        opener.open("buggy")
    assert blocker.args[0] == "buggy" and "boom" in blocker.args[1]
    opener.wait(WAIT_MS)


def test_start_up_imports_only_core_widget_modules() -> None:
    code = ("import sys, reader.ui.app; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6.Qt')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['PySide6.QtCore', 'PySide6.QtGui', 'PySide6.QtWidgets']"


def test_the_app_paints_the_first_article_and_exits_when_benchmarked(articles: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_BENCH_EXIT_ON_PAINT="1",
               READER_SETTINGS=str(tmp_path / "bench.ini"))
    out = subprocess.run([sys.executable, "-m", "reader", "--library", str(articles)],
                         check=False, capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("first_paint_s=")
    assert 0 < float(out.stdout.split()[0].split("=")[1]) < 30


def test_start_up_leaves_the_qt_namespace_for_later(articles: Path, tmp_path: Path) -> None:
    """Naming PySide6.QtCore.Qt before the first paint costs 12 ms: see reader/ui/__init__.py."""
    code = "import PySide6.QtCore as m; print('Qt' in vars(m))"
    eager = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    if eager.stdout.strip() != "False":
        pytest.skip("this PySide6 builds its classes at import")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_BENCH_EXIT_ON_PAINT="1",
               READER_SETTINGS=str(tmp_path / "bench.ini"))
    out = subprocess.run([sys.executable, "-m", "reader", "--library", str(articles)],
                         check=False, capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "qt_namespace_built=0" in out.stdout.split()
