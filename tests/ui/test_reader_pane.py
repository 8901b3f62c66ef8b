"""ReaderPane: showing articles and messages, links, find, zoom, sections and position."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QWidget

from reader.core.article import Article, Block, BlockKind, Byline, make_article
from reader.ui import reader_pane
from reader.ui.reader_pane import ReaderPane

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH
FILLER = ("The committee met on a wet Tuesday evening and agreed, after a long debate, that "
          "the plan could go ahead if the money arrived before the end of the season.")


def long_article(sections: int = 8, paragraphs: int = 12) -> Article:
    blocks = [Block(P, "Opening paragraph with a lighthouse keeper.")]
    for s in range(1, sections + 1):
        blocks.append(Block(H, f"Chapter {s}", 1))
        blocks += [Block(P, f"{FILLER} Paragraph {s}.{i}.") for i in range(paragraphs)]
    blocks.append(Block(P, "", html='Read <a href="https://example.org/report">the report</a>.'))
    byline = Byline(("Mara Ellison", "Tomas Reyes"), "The Coastal Gazette", date(2024, 3, 3),
                    "https://www.gazette.example/story")
    return make_article(headline="Harbour lights return", byline=byline, blocks=blocks,
                        path="/nowhere/harbour.txt", format="text")


@pytest.fixture
def pane(qtbot) -> Iterator[ReaderPane]:
    # A layout-less host window: the offscreen platform warns when a top-level's layout
    # propagates size hints, and Qt warnings fail tests.
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(900, 600)
    widget = ReaderPane(host)
    widget.setGeometry(0, 0, 900, 600)
    host.show()
    qtbot.waitExposed(host)
    yield widget  # keeps the host alive for the test
    host.close()


def heading_y(pane: ReaderPane, title: str) -> int:
    document = pane.text_browser().document()
    block = document.begin()
    while block.isValid() and block.text() != title:
        block = block.next()
    assert block.isValid(), title
    return round(document.documentLayout().blockBoundingRect(block).top())


def test_shows_headline_and_byline(pane: ReaderPane) -> None:
    article = long_article()
    pane.show_article(article)
    text = pane.text_browser().toPlainText()
    assert pane.article() is article
    assert text.startswith("Harbour lights return")
    assert "By Mara Ellison and Tomas Reyes" in text
    assert "The Coastal Gazette" in text
    assert "min read" in text and "gazette.example" in text


def test_show_message_replaces_the_article(pane: ReaderPane) -> None:
    pane.show_article(long_article())
    pane.show_message("This file can't be opened", "It looks like a spreadsheet, not an article.")
    text = pane.text_browser().toPlainText()
    assert pane.article() is None
    assert "This file can't be opened" in text
    assert "spreadsheet" in text and "Harbour" not in text


def test_links_open_through_the_opener_and_are_not_followed(
    pane: ReaderPane, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(reader_pane, "open_url", fake_open)
    pane.show_article(long_article(sections=1, paragraphs=1))
    browser = pane.text_browser()
    found = browser.document().find("the report")
    assert not found.isNull()
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 4)
    browser.setTextCursor(inside)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(inside)
    with qtbot.waitSignal(pane.link_activated, timeout=1000) as blocker:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(rect.x() + 2, rect.center().y()))
    assert opened == ["https://example.org/report"]
    assert blocker.args[0].toString() == "https://example.org/report"
    assert browser.source().isEmpty()
    assert "Harbour lights return" in browser.toPlainText()


def test_resources_load_only_local_images(pane: ReaderPane, tmp_path: Path) -> None:
    image = QImage(4000, 10, QImage.Format.Format_RGB32)
    image.fill(0x224466)
    assert image.save(str(tmp_path / "wide.png"))
    browser = pane.text_browser()
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert browser.loadResource(kind, QUrl("https://example.org/wide.png")) is None
    assert browser.loadResource(kind, QUrl.fromLocalFile(str(tmp_path / "none.png"))) is None
    local = browser.loadResource(kind, QUrl.fromLocalFile(str(tmp_path / "wide.png")))
    assert isinstance(local, QImage) and not local.isNull()
    assert local.width() / local.devicePixelRatio() <= browser.column_width()  # scaled to column
    style = int(QTextDocument.ResourceType.StyleSheetResource.value)
    assert browser.loadResource(style, QUrl.fromLocalFile(str(tmp_path / "wide.png"))) is None


def test_a_books_own_pictures_are_shown_from_inside_it(pane: ReaderPane, tmp_path: Path) -> None:
    import zipfile

    from reader.core.registry import read_article

    image = QImage(3000, 40, QImage.Format.Format_RGB32)
    image.fill(0x224466)
    picture = tmp_path / "tide.png"
    assert image.save(str(picture))
    book = tmp_path / "book.epub"
    chapter = ('<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Tides</h1><p>Text.</p>'
               '<img src="img/tide%20chart.png" alt="The tide"/></body></html>')
    with zipfile.ZipFile(book, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("content.opf", '<package xmlns="http://www.idpf.org/2007/opf"><manifest>'
                    '<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
                    '<spine><itemref idref="c"/></spine></package>')
        zf.writestr("c.xhtml", chapter)
        zf.write(picture, "img/tide chart.png")
    pane.show_article(read_article(book))
    browser = pane.text_browser()
    assert "The tide" in browser.toPlainText()  # the caption
    assert "Image: The tide" not in browser.toPlainText()  # not the placeholder
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    shown = browser.document().resource(kind, QUrl("part:img/tide%20chart.png"))
    assert isinstance(shown, QImage) and not shown.isNull()  # laid out from inside the book
    assert shown.width() / shown.devicePixelRatio() <= browser.column_width()
    assert browser.loadResource(kind, QUrl("part:img/none.png")) is None
    pane.show_message("Gone", "The file was removed.")
    assert browser.loadResource(kind, QUrl("part:img/tide%20chart.png")) is None  # book closed


def test_pictures_fit_the_column_as_the_pane_narrows_and_widens(pane: ReaderPane, qtbot,
                                                                tmp_path: Path) -> None:
    image = QImage(3000, 40, QImage.Format.Format_RGB32)
    image.fill(0x224466)
    assert image.save(str(tmp_path / "wide.png"))
    blocks = [Block(BlockKind.IMAGE, "A wide chart", src=str(tmp_path / "wide.png")),
              *[Block(P, FILLER) for _ in range(30)]]  # tall: the vertical scroll bar shows
    pane.show_article(make_article(headline="Charts", byline=Byline(), blocks=blocks,
                                   path=str(tmp_path / "charts.html"), format="html"))
    browser = pane.text_browser()
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    url = QUrl.fromLocalFile(str(tmp_path / "wide.png"))

    def shown_width() -> float:
        picture = browser.document().resource(kind, url)
        return picture.width() / picture.devicePixelRatio()

    qtbot.waitUntil(lambda: browser.verticalScrollBar().isVisible())
    assert shown_width() == browser.column_width()  # 900 px wide: the whole column
    for width in (520, 400):
        pane.setGeometry(0, 0, width, 600)
        qtbot.waitUntil(lambda w=width: browser.viewport().width() < w - 10)
        assert browser.horizontalScrollBar().maximum() == 0  # never wider than the view
        assert shown_width() < browser.column_width()
    pane.setGeometry(0, 0, 900, 600)
    qtbot.waitUntil(lambda: shown_width() == browser.column_width())  # grows back
    assert browser.horizontalScrollBar().maximum() == 0


def test_find_counts_highlights_and_wraps(pane: ReaderPane, qtbot) -> None:
    blocks = [Block(P, "A lighthouse stands here."), Block(P, "Another LIGHTHOUSE, far away."),
              Block(P, "No match in this one."), Block(P, "The last lighthouse.")]
    pane.show_article(make_article(headline="Lights", byline=Byline(), blocks=blocks,
                                   path="a.txt", format="text"))
    pane.show_find()
    bar = pane.find_bar()
    assert bar.isVisible()
    qtbot.keyClicks(bar.line_edit, "lighthouse")
    assert pane.match_count() == 3
    assert bar.count_label.text() == "1 of 3"
    assert len(pane.text_browser().extraSelections()) == 3
    assert pane.text_browser().textCursor().selectedText().lower() == "lighthouse"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 3"
    assert pane.text_browser().textCursor().selectedText() == "LIGHTHOUSE"
    pane.find_next()
    pane.find_next()
    assert bar.count_label.text() == "1 of 3"  # wrapped around
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label.text() == "3 of 3"  # wrapped backwards
    pane.find_previous()
    assert bar.count_label.text() == "2 of 3"
    qtbot.keyClicks(bar.line_edit, "zzz")
    assert pane.match_count() == 0 and bar.count_label.text() == "No matches"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert pane.text_browser().extraSelections() == []


def test_zoom_steps(pane: ReaderPane) -> None:
    pane.show_article(long_article(sections=1))
    size = pane.text_browser().font().pointSizeF()
    pane.zoom_in()
    pane.zoom_in()
    assert pane.zoom() == 2
    assert pane.text_browser().font().pointSizeF() > size
    pane.zoom_out()
    assert pane.zoom() == 1
    pane.zoom_reset()
    assert pane.zoom() == 0 and pane.text_browser().font().pointSizeF() == size
    pane.set_zoom(-100)
    assert pane.zoom() == reader_pane.ZOOM_MIN
    assert pane.text_browser().font().pointSizeF() < size
    pane.set_zoom(100)
    assert pane.zoom() == reader_pane.ZOOM_MAX


def test_scrolling_reports_the_section_at_the_top(pane: ReaderPane, qtbot) -> None:
    pane.show_article(long_article())
    bar = pane.text_browser().verticalScrollBar()
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        bar.setValue(heading_y(pane, "Chapter 3") + 40)
    assert blocker.args == ["s-chapter-3"]
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        bar.setValue(heading_y(pane, "Chapter 2") - 40)
    assert blocker.args == ["s-chapter-1"]
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        bar.setValue(0)
    assert blocker.args == [""]


def test_scrolled_to_the_end_the_last_section_in_view_is_current(pane: ReaderPane,
                                                                 qtbot) -> None:
    pane.show_article(long_article(sections=3, paragraphs=2))  # the last chapter is short
    bar = pane.text_browser().verticalScrollBar()
    assert 0 < bar.maximum() < heading_y(pane, "Chapter 3")  # it can never reach the top
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        bar.setValue(bar.maximum())
    assert blocker.args == ["s-chapter-3"]


def test_a_jump_to_a_short_last_section_brings_it_to_the_top(pane: ReaderPane, qtbot) -> None:
    pane.show_article(long_article(sections=3, paragraphs=2))  # the last chapter is short
    bar = pane.text_browser().verticalScrollBar()
    end = bar.maximum()
    assert 0 < end < heading_y(pane, "Chapter 3")
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        pane.scroll_to_section("s-chapter-2")
    assert blocker.args == ["s-chapter-2"]
    assert bar.value() == heading_y(pane, "Chapter 2") > end  # past where scrolling stops
    qtbot.wait(80)
    assert pane.current_section() == "s-chapter-2"  # not the last one, though at the end
    bar.setValue(heading_y(pane, "Chapter 2") - 10)  # scrolling up gives the room back
    assert bar.maximum() == heading_y(pane, "Chapter 2") - 10 > end
    bar.setValue(0)
    assert bar.maximum() == end
    pane.scroll_to_section("s-chapter-3")
    assert bar.value() == heading_y(pane, "Chapter 3")
    pane.show_article(long_article(sections=3, paragraphs=2))  # a new document: no room
    assert bar.value() == 0
    assert bar.maximum() < heading_y(pane, "Chapter 3")


def test_only_section_jumps_scroll_past_the_end_and_the_room_never_grows(pane: ReaderPane,
                                                                          qtbot) -> None:
    pane.show_article(long_article(sections=3, paragraphs=2))
    bar = pane.text_browser().verticalScrollBar()
    end = bar.maximum()
    pane.set_position(0.999)  # a saved reading place: as far as the text goes, no further
    assert bar.value() == bar.maximum() == end
    pane.scroll_to_section("s-chapter-3")
    assert bar.value() == heading_y(pane, "Chapter 3") > end
    blank = bar.value() - end
    pane.setGeometry(0, 0, 900, 450)  # a shorter view: the text's own range reaches further
    qtbot.waitUntil(lambda: bar.maximum() != heading_y(pane, "Chapter 3") or bar.maximum() > end)
    assert bar.value() == heading_y(pane, "Chapter 3")  # still at the top
    assert bar.maximum() - pane._overscroll._natural <= blank  # no more blank than before
    assert bar.maximum() == bar.value()


def test_a_jump_in_an_article_that_fits_the_view_lands_on_its_heading(pane: ReaderPane,
                                                                       qtbot) -> None:
    pane.setGeometry(0, 0, 900, 800)
    pane.show_article(long_article(sections=2, paragraphs=1))
    bar = pane.text_browser().verticalScrollBar()
    assert bar.maximum() == 0  # no scroll bar yet
    pane.scroll_to_section("s-chapter-2")
    qtbot.wait(50)
    assert bar.value() == heading_y(pane, "Chapter 2") > 0


def test_the_next_article_opens_at_its_top(pane: ReaderPane) -> None:
    pane.show_article(long_article())
    bar = pane.text_browser().verticalScrollBar()
    bar.setValue(bar.maximum())
    pane.show_article(long_article(sections=2, paragraphs=3))
    assert bar.value() == 0


def test_scroll_to_section_puts_the_heading_at_the_top(pane: ReaderPane, qtbot) -> None:
    pane.show_article(long_article())
    bar = pane.text_browser().verticalScrollBar()
    with qtbot.waitSignal(pane.section_changed, timeout=1000) as blocker:
        pane.scroll_to_section("s-chapter-4")
    assert blocker.args == ["s-chapter-4"]
    assert bar.value() == heading_y(pane, "Chapter 4") > 0
    pane.scroll_to_section("s-chapter-8")  # the last, short section: room is made below it
    assert bar.value() == heading_y(pane, "Chapter 8")
    qtbot.wait(80)
    assert pane.current_section() == "s-chapter-8"  # the jump target stays current
    pane.scroll_to_section("")
    assert bar.value() == 0
    pane.scroll_to_section("s-unknown")
    assert bar.value() == 0


def test_position_round_trip(pane: ReaderPane) -> None:
    pane.show_article(long_article())
    assert pane.position() == 0.0
    pane.set_position(0.5)
    assert pane.text_browser().verticalScrollBar().value() > 0
    assert abs(pane.position() - 0.5) < 0.05
    pane.zoom_in()
    assert abs(pane.position() - 0.5) < 0.05  # zoom keeps the reading place
    pane.set_position(0.0)
    assert pane.position() == 0.0


def test_far_jump_right_after_opening_lands_once_laid_out(pane: ReaderPane, qtbot) -> None:
    article = long_article(sections=40, paragraphs=30)  # ~200,000 characters
    pane.show_article(article)
    last = article.sections[-1].anchor
    pane.scroll_to_section(last)  # far beyond the laid-out text: reached as layout gets there
    assert pane.current_section() == ""  # deferred: no long synchronous layout
    qtbot.waitUntil(lambda: pane.current_section() == last, timeout=5000)
    bar = pane.text_browser().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == heading_y(pane, "Chapter 40"), timeout=5000)
    assert bar.value() > 0
    assert pane.position() > 0.9


def test_a_new_article_frees_the_previous_document(pane: ReaderPane) -> None:
    browser = pane.text_browser()
    pane.show_article(long_article(sections=1, paragraphs=1))
    first = browser.document()
    pane.show_message("Cannot open", "gone")
    second = browser.document()
    pane.show_article(long_article(sections=1, paragraphs=1))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first) and not shiboken6.isValid(second)
    assert shiboken6.isValid(browser.document()) and "Harbour lights" in browser.toPlainText()


def test_colours_follow_a_dark_palette(pane: ReaderPane) -> None:
    pane.show_article(long_article(sections=1, paragraphs=1))
    palette = QPalette(pane.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    pane.setPalette(palette)
    document = pane.text_browser().document()
    body = document.findBlock(document.find("Opening paragraph").selectionStart())
    color = body.begin().fragment().charFormat().foreground().color()
    assert color.lightnessF() > 0.8
    assert pane.text_browser().viewport().palette().color(QPalette.ColorRole.Base).name() == "#1e1e1e"


def test_find_positions_survive_characters_outside_the_bmp(pane: ReaderPane) -> None:
    blocks = [Block(P, "\U0001f600 the tide \U0001f30a\U0001f30a and the\u00a0TIDE again")]
    pane.show_article(make_article(headline="Tides", byline=Byline(), blocks=blocks,
                                   path="a.txt", format="text"))
    pane.show_find()
    pane.find_bar().line_edit.setText("the tide")
    assert pane.match_count() == 2
    assert pane.text_browser().textCursor().selectedText() == "the tide"
    pane.find_next()
    assert pane.text_browser().textCursor().selectedText() == "the\u00a0TIDE"
