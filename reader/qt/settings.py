"""The one settings wrapper: typed getters and setters over an injectable QSettings."""
from __future__ import annotations

import os
import zlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
ENV_SETTINGS = "READER_SETTINGS"


def default_qsettings() -> QSettings:
    """The user's settings: an INI file, or the file named by $READER_SETTINGS."""
    override = os.environ.get(ENV_SETTINGS)
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Reader", "reader")


def position_key(path: str) -> str:
    """The settings key of an article's reading position: a 64-bit hash of its path.

    Two CRC-32s (of the path and of it reversed) rather than hashlib, whose OpenSSL
    would add 3 MiB and 2 ms to start-up; a rare collision only misplaces a bookmark.
    """
    data = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return f"positions/{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}"


def digest_position_key(digest: str) -> str:
    """The settings key of a reading position kept by the file's content hash: it survives
    the file being renamed or moved (the library index keeps the hash)."""
    return f"positions/c{digest.lower()[:32]}"


def _as_list(value: object) -> list[str]:
    """INI files hand back one-item lists as a bare string and empty ones as None."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return []


def _as_float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _as_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "0", "no"):
        return False
    return default


class Settings:
    """What Reader remembers between runs. Keys are lowercase ``group/key`` names."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else default_qsettings()

    def qsettings(self) -> QSettings:
        return self._q

    def sync(self) -> None:
        self._q.sync()

    # library
    def library_root(self) -> str | None:
        value = self._q.value("library/root")
        return str(value) if value else None

    def set_library_root(self, root: str) -> None:
        self._q.setValue("library/root", os.path.abspath(root))

    # window
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_window_geometry(self, data: QByteArray) -> None:
        self._q.setValue("window/geometry", data)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, data: QByteArray) -> None:
        self._q.setValue("window/state", data)

    def splitter_sizes(self) -> list[int]:
        try:
            return [max(0, int(v)) for v in _as_list(self._q.value("window/splitter"))]
        except ValueError:
            return []

    def set_splitter_sizes(self, sizes: list[int]) -> None:
        self._q.setValue("window/splitter", [str(s) for s in sizes])

    def pane_visible(self, pane: str, default: bool = True) -> bool:
        return _as_bool(self._q.value(f"view/{pane}_visible"), default)

    def set_pane_visible(self, pane: str, visible: bool) -> None:
        self._q.setValue(f"view/{pane}_visible", visible)

    # the article list's order: (column, descending); newest first until the user sorts
    def list_sort(self) -> tuple[int, bool]:
        try:
            column = int(_as_float(self._q.value("list/sort_column"), 2.0))
        except (OverflowError, ValueError):
            column = 2
        column = column if 0 <= column <= 2 else 2
        return column, _as_bool(self._q.value("list/sort_descending"), column == 2)

    def set_list_sort(self, column: int, descending: bool) -> None:
        self._q.setValue("list/sort_column", int(column))
        self._q.setValue("list/sort_descending", bool(descending))

    # view
    def zoom(self) -> int:
        return int(_as_float(self._q.value("view/zoom"), 0.0))

    def set_zoom(self, steps: int) -> None:
        self._q.setValue("view/zoom", int(steps))

    # recent files and the last article
    def recent_files(self) -> list[str]:
        return _as_list(self._q.value("recent/files"))[:MAX_RECENT]

    def set_recent_files(self, paths: list[str]) -> None:
        if paths:
            self._q.setValue("recent/files", list(paths[:MAX_RECENT]))
        else:
            self._q.remove("recent/files")

    def add_recent_file(self, path: str) -> list[str]:
        """Put ``path`` first in the recent files (no duplicates, at most ten); return the list."""
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.recent_files() if p != path]
        self.set_recent_files(paths)
        return self.recent_files()

    def prune_recent_files(self) -> list[str]:
        """Forget recent files that no longer exist; return what is left."""
        paths = [p for p in self.recent_files() if Path(p).is_file()]
        self.set_recent_files(paths)
        return paths

    def clear_recent_files(self) -> None:
        self.set_recent_files([])

    def last_article(self) -> str | None:
        value = self._q.value("session/article")
        return str(value) if value else None

    def set_last_article(self, path: str | None) -> None:
        if path:
            self._q.setValue("session/article", os.path.abspath(path))
        else:
            self._q.remove("session/article")

    # reading positions
    def position(self, path: str, digest: str = "") -> float:
        """Where the reader left ``path``: kept by its content ``digest`` when known, so a
        renamed or moved file keeps it, else by its path."""
        value = self._q.value(digest_position_key(digest)) if digest else None
        if value is None:
            value = self._q.value(position_key(path))
        return min(1.0, max(0.0, _as_float(value, 0.0)))

    def set_position(self, path: str, fraction: float, digest: str = "") -> None:
        """Remember a position by path, and by ``digest`` too when given: the path finds it
        at start-up, before the library (and so the digest) is known; the digest after a
        rename or move."""
        keys = [position_key(path)] + ([digest_position_key(digest)] if digest else [])
        for key in keys:
            if fraction <= 0.0:
                self._q.remove(key)
            else:
                self._q.setValue(key, round(min(1.0, fraction), 5))
