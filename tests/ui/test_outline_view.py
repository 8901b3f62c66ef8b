"""OutlineView: click and Enter activate entries; the current section is highlighted."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.core.article import Article, Block, BlockKind, Byline, make_article
from reader.qt.outline_model import AnchorRole
from reader.ui.outline_view import OutlineView

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH


def outlined() -> Article:
    blocks = []
    for title, level in (("Intro", 1), ("Background", 2), ("Details", 3), ("Results", 1),
                         ("Outlook", 1)):
        blocks += [Block(H, title, level), Block(P, "text")]
    return make_article(headline="A headline", byline=Byline(), blocks=blocks,
                        path="a.txt", format="text")


@pytest.fixture
def view(qtbot) -> OutlineView:
    widget = OutlineView()
    qtbot.addWidget(widget)
    widget.resize(300, 400)
    widget.set_article(outlined())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_view_setup(view: OutlineView) -> None:
    assert view.isHeaderHidden()
    assert view.uniformRowHeights()
    assert view.current_anchor() == ""


def test_click_activates_with_anchor(view: OutlineView, qtbot) -> None:
    index = view.outline_model().index_for_anchor("s-results")
    rect = view.visualRect(index)
    assert rect.isValid()
    with qtbot.waitSignal(view.section_activated, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["s-results"]


def test_enter_activates_current(view: OutlineView, qtbot) -> None:
    view.setFocus()
    view.set_current_section("s-intro")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_anchor() == "s-background"
    with qtbot.waitSignal(view.section_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == ["s-background"]


def test_set_current_section_highlights_without_activating(view: OutlineView, qtbot) -> None:
    intro = view.outline_model().index_for_anchor("s-intro")
    view.collapse(intro)
    with qtbot.assertNotEmitted(view.section_activated):
        view.set_current_section("s-details")
    index = view.currentIndex()
    assert index.data(AnchorRole) == "s-details"
    assert view.selectionModel().isSelected(index)
    assert view.isExpanded(intro)
    assert view.isExpanded(index.parent())
    assert view.visualRect(index).intersects(view.viewport().rect())


def test_next_and_previous_move_and_activate(view: OutlineView, qtbot) -> None:
    emitted: list[str] = []
    view.section_activated.connect(emitted.append)
    view.set_current_section("s-background")
    view.next_section()
    view.next_section()
    view.previous_section()
    assert emitted == ["s-details", "s-results", "s-details"]
    assert view.current_anchor() == "s-details"
    view.set_current_section("s-outlook")
    view.next_section()  # already last: stays
    view.set_current_section("")
    view.previous_section()  # already first: activates the top again
    assert emitted[-1] == ""


def test_no_article(view: OutlineView) -> None:
    view.set_article(None)
    assert view.model().rowCount() == 0
    view.next_section()
    view.set_current_section("s-intro")
    assert view.current_anchor() is None


def test_roles_and_defaults_match_qt(view: OutlineView) -> None:
    """The model's roles are plain ints and the view leans on Qt's defaults: both must hold."""
    from reader.qt import outline_model

    assert outline_model.DisplayRole == Qt.ItemDataRole.DisplayRole
    assert outline_model.ToolTipRole == Qt.ItemDataRole.ToolTipRole
    assert outline_model.SectionRole == Qt.ItemDataRole.UserRole
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    index = view.outline_model().index_at(0)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert view.outline_model().flags(index) == flags
    assert view.outline_model().flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
