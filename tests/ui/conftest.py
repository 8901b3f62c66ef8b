"""UI test fixtures: settings in tmp_path, a small generated library, a window factory."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader.qt.settings import Settings

ARTICLES = {
    "harbour-lights.txt": ("Harbour lights return to the old quay", "Mara Ellison", "The Coastal Gazette",
                           "March 3, 2024", "Lamps and ladders"),
    "orchard-census.txt": ("Volunteers count every apple tree in the valley", "Tomas Reyes",
                           "Valley Weekly", "June 18, 2023", "What the count found"),
    "night-bus.txt": ("The night bus that keeps a small town awake", "Ines Duarte", "Metro Notes",
                      "October 9, 2022", "Riders after midnight"),
}
BODY = ("The committee met on a wet Tuesday evening and agreed, after some debate, that the "
        "plan could go ahead if the money arrived before the end of the season. ")


def article_text(headline: str, author: str, outlet: str, date: str, heading: str) -> str:
    """An original plain-text article in the shape of a Word export."""
    paragraphs = [f"{BODY}Paragraph {i} of the story follows here." for i in range(1, 31)]
    body = "\n\n".join(paragraphs[:15] + [heading] + paragraphs[15:])
    return f"{headline}\n\n{date}\nBy: {author}\n{outlet}\n\n{body}\n"


def write_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, fields in ARTICLES.items():
        (folder / name).write_text(article_text(*fields), encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in an INI file under tmp_path: no test touches the user's real settings."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def meta() -> dict[str, tuple[str, str, str, str, str]]:
    """The generated articles: file name -> (headline, author, outlet, date, heading)."""
    return ARTICLES


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A library folder of three generated articles."""
    return write_library(tmp_path / "articles")


OUTSIDE = ("Letter from the coast", "Ada Brennan", "Shore Review", "May 5, 2021", "The tide tables")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """An article file outside the library folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "letter-from-the-coast.txt"
    path.write_text(article_text(*OUTSIDE), encoding="utf-8")
    return path


@pytest.fixture
def make_window(qtbot, settings_file: Path) -> Iterator[Callable[..., object]]:
    """Build a shown MainWindow over the tmp_path settings; shut each down at teardown."""
    from reader.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(files: list[str] | None = None, root: str | Path | None = None,
             settings: Settings | None = None, start: bool = True,
             shown: bool = True) -> MainWindow:
        if settings is None:
            settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        window = MainWindow(settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1200, 800)
        if shown:
            window.show()
            qtbot.waitExposed(window)
        if start:
            window.start([str(f) for f in files or []], str(root) if root else None)
        return window

    yield make
    for window in windows:
        window.shutdown()
