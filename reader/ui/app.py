"""Start-up: the application, the main window and the first article on screen, fast."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import reader
from reader.qt.settings import Settings
from reader.ui.main_window import MainWindow

ENV_BENCH = "READER_BENCH_EXIT_ON_PAINT"
ENV_BENCH_T0 = "READER_BENCH_T0"
HIGH_EVENT_PRIORITY = 1  # Qt.EventPriority.HighEventPriority, unnamed: see reader/ui/__init__.py


def bundled_library() -> Path:
    """The sample library beside the package in a checkout (may be missing when installed)."""
    return Path(reader.__file__).resolve().parent.parent / "library"


def choose_library(arg: str | None, settings: Settings) -> str | None:
    """--library DIR (remembered), else the remembered folder, else the bundled sample library."""
    if arg:
        if os.path.isdir(arg):
            settings.set_library_root(arg)
            return os.path.abspath(arg)
        print(f"reader: {arg} is not a folder; using the previous library", file=sys.stderr)
    remembered = settings.library_root()
    if remembered and os.path.isdir(remembered):
        return remembered
    bundled = bundled_library()
    return str(bundled) if bundled.is_dir() else None


def app_icon() -> QIcon:
    """The theme's "reader" icon, else the packaged SVG, else no icon at all."""
    import importlib.resources

    try:
        svg = importlib.resources.files("reader") / "resources" / "reader.svg"
        fallback = QIcon(str(svg)) if svg.is_file() else QIcon()
    except (OSError, ModuleNotFoundError):
        fallback = QIcon()
    return QIcon.fromTheme("reader", fallback)


def set_app_icon() -> None:
    """The window icon, and our SVGs as the fallback for theme icons a desktop lacks."""
    import importlib.resources

    icons = importlib.resources.files("reader") / "resources" / "icons"
    QIcon.setFallbackSearchPaths([*QIcon.fallbackSearchPaths(), str(icons)])
    QApplication.setWindowIcon(app_icon())


def process_start_time() -> float:
    """When this process started, as time.time(): from $READER_BENCH_T0, else /proc."""
    t0 = os.environ.get(ENV_BENCH_T0)
    if t0:
        return float(t0)
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time()


class PaintProbe(QObject):
    """Benchmark hook: print seconds since process start at the first paint of article text, exit.

    The report is a posted event of high priority, so it runs as soon as the paint is done,
    ahead of whatever the app queued for "after the first paint" (listing the library).
    """

    REPORT = QEvent.Type(QEvent.registerEventType())

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._t0 = process_start_time()
        self._fired = False
        window.pane.text_browser().viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired and self._has_text():
            self._fired = True
            QCoreApplication.postEvent(self, QEvent(self.REPORT), HIGH_EVENT_PRIORITY)
        return False

    def _has_text(self) -> bool:
        browser = self._window.pane.text_browser()
        return self._window.pane.article() is not None and not browser.document().isEmpty()

    def customEvent(self, event: QEvent) -> None:
        if event.type() == self.REPORT:
            self._report()

    def _report(self) -> None:
        import PySide6.QtCore

        built = "Qt" in vars(PySide6.QtCore)  # PySide builds each class on first use
        print(f"first_paint_s={time.time() - self._t0:.4f}\n"
              f"qt_namespace_built={int(built)}", flush=True)  # see reader/ui/__init__.py
        os._exit(0)  # a measurement run: skip the teardown on purpose


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(["reader"])  # the X11 window class, whatever started us (python -m too)
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    app.setDesktopFileName("reader")
    return app


def run_app(files: list[str], library: str | None) -> int:
    """Show the window, open ``files`` (or the last or first article), then list the library."""
    app = make_application()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in a terminal ends the app
    settings = Settings()
    window = MainWindow(settings)
    if os.environ.get(ENV_BENCH) == "1":
        PaintProbe(window)
    window.settled.connect(set_app_icon)  # after the first paint: rendering the SVG is not free
    window.show()
    window.start(files, choose_library(library, settings))  # before the loop paints: text at once
    code = app.exec()
    window.shutdown()
    return code
