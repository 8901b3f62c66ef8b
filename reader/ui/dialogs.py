"""The window's dialogs, each one small function that tests can monkeypatch."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.registry import FORMATS


def file_filter() -> str:
    """The Open dialog's filter: every supported format first, then one entry per format."""
    patterns = [f"*{ext}" for fmt in FORMATS for ext in fmt.extensions]
    entries = [f"All articles ({' '.join(patterns)})"]
    entries += [f"{fmt.label} ({' '.join('*' + e for e in fmt.extensions)})" for fmt in FORMATS]
    entries.append("All files (*)")
    return ";;".join(entries)


def get_open_files(parent: QWidget | None, directory: str = "") -> list[str]:
    """Ask for article files to open; an empty list when the user cancels."""
    paths, _chosen = QFileDialog.getOpenFileNames(parent, "Open Articles", directory, file_filter())
    return list(paths)


def get_library_folder(parent: QWidget | None, directory: str = "") -> str | None:
    """Ask for a library folder; None when the user cancels."""
    path = QFileDialog.getExistingDirectory(parent, "Open Library Folder", directory)
    return path or None


def show_about(parent: QWidget | None) -> None:
    formats = ", ".join(fmt.label for fmt in FORMATS)
    QMessageBox.about(
        parent, "About Reader",
        f"<h3>Reader {escape(__version__)}</h3>"
        "<p>Read the news articles you keep as files, as articles: headline, byline, "
        "outline and text, without the clutter.</p>"
        f"<p>Reads: {escape(formats)}.</p>"
        "<p>Your files are only ever read, never changed.</p>",
    )


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td>{escape(text)}</td><td>&nbsp;&nbsp;<b>{escape(key)}</b></td></tr>"
        for text, key in rows
    )
    return f"<table cellspacing='4'>{cells}</table>"


def show_shortcuts(parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
    """A small window listing every keyboard shortcut."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts")
    label = QLabel(shortcuts_html(rows), dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(buttons)
    dialog.exec()
    dialog.deleteLater()
