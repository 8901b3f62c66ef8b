"""FilterPanel: narrow the article list by outlet, author and a date range (made on first use).

Signals: ``changed()`` whenever a filter changes.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reader.qt.library_model import DATE_FORMAT, format_date

ANY = "Any"

NO_DATE = QDate(1900, 1, 1)  # the date editors' minimum, shown as "Any"


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(ANY)  # shown while the date is the minimum: no limit
    edit.setDate(NO_DATE)
    edit.setToolTip("Published on or after this day" if name == "since"
                    else "Published on or before this day")
    return edit


class Chosen(NamedTuple):
    """What the panel is set to; None for "Any"."""

    outlet: str | None
    author: str | None
    since: date | None
    until: date | None


def _as_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class FilterPanel(QFrame):
    """Outlet (a list of those present), author (with completion), published from / to."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.outlet_combo = QComboBox(self)
        self.outlet_combo.setObjectName("outlet")
        self.outlet_combo.addItem(ANY)
        self.author_edit = QLineEdit(self)
        self.author_edit.setObjectName("author")
        self.author_edit.setPlaceholderText(ANY)
        self.author_edit.setClearButtonEnabled(True)
        self._completer = QCompleter([], self.author_edit)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.author_edit.setCompleter(self._completer)
        self.since_edit = _date_edit(self, "since")
        self.until_edit = _date_edit(self, "until")
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setObjectName("clear_filters")
        self._lay_out()
        self.outlet_combo.currentIndexChanged.connect(self._on_changed)
        self.author_edit.textChanged.connect(self._on_changed)
        self.since_edit.dateChanged.connect(self._on_changed)
        self.until_edit.dateChanged.connect(self._on_changed)
        self.clear_button.clicked.connect(self.clear)
        for edit in (self.since_edit, self.until_edit):
            edit.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A calendar opened from "Any" shows this month, not the minimum date's (1900)."""
        if event.type() == QEvent.Type.Show:
            for edit in (self.since_edit, self.until_edit):
                calendar = edit.calendarWidget()
                if watched is calendar and edit.date() == NO_DATE:
                    today = QDate.currentDate()
                    calendar.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Outlet", self.outlet_combo)
        form.addRow("&Author", self.author_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.since_edit, 1)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.until_edit, 1)
        published = QLabel("&Published", self)
        published.setBuddy(self.since_edit)
        form.addRow(published, dates)
        form.addRow(self.clear_button)

    def set_choices(self, outlets: list[str], authors: list[str]) -> None:
        """The outlets and authors to offer; the chosen outlet stays chosen."""
        chosen = self.outlet_combo.currentText()
        combo = self.outlet_combo
        blocked = combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItems([ANY, *outlets])
            combo.setCurrentIndex(max(0, combo.findText(chosen)))
        finally:
            combo.blockSignals(blocked)
        self._completer.model().setStringList(authors)  # type: ignore[attr-defined]
        if combo.currentText() != chosen:
            self.changed.emit()

    def values(self) -> Chosen:
        """The filters chosen (their fields are LibraryFilterModel.set_filters' arguments)."""
        outlet = self.outlet_combo.currentText()
        return Chosen(outlet if self.outlet_combo.currentIndex() > 0 else None,
                      self.author_edit.text().strip() or None,
                      _as_date(self.since_edit), _as_date(self.until_edit))

    def active_count(self) -> int:
        return sum(value is not None for value in self.values())

    def summary(self) -> str:
        """The filters in force in a few words ("" when none): for the status bar."""
        v = self.values()
        parts = []
        if v.outlet:
            parts.append(v.outlet)
        if v.author:
            parts.append(f"author “{v.author}”")
        if v.since:
            parts.append(f"from {format_date(v.since)}")
        if v.until:
            parts.append(f"to {format_date(v.until)}")
        return ", ".join(parts)

    @Slot()
    def clear(self) -> None:
        """Back to every article: each field to "Any"."""
        widgets = (self.outlet_combo, self.author_edit, self.since_edit, self.until_edit)
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            self.outlet_combo.setCurrentIndex(0)
            self.author_edit.clear()
            self.since_edit.setDate(NO_DATE)
            self.until_edit.setDate(NO_DATE)
        finally:
            for widget, was in zip(widgets, blocked):
                widget.blockSignals(was)
        self.changed.emit()

    @Slot()
    def _on_changed(self) -> None:
        self.changed.emit()
