"""OutlineModel: a valid tree (qtmodeltester), nested by heading level, found by anchor."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt

from reader.core.article import Article, Block, BlockKind, Byline, make_article
from reader.qt.outline_model import OutlineModel, SectionRole

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH


def outlined(*headings: tuple[str, int]) -> Article:
    blocks = []
    for title, level in headings:
        blocks += [Block(H, title, level), Block(P, "text")]
    return make_article(headline="The headline", byline=Byline(), blocks=blocks,
                        path="a.txt", format="text")


NESTED = outlined(("One", 1), ("One A", 2), ("One A i", 3), ("One B", 2), ("Two", 1),
                  ("Two A deep", 3), ("Three", 1))


def titles(model: OutlineModel, parent: QModelIndex) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_passes_qtmodeltester(qtmodeltester) -> None:
    model = OutlineModel()
    model.set_article(NESTED)
    qtmodeltester.check(model)
    model.set_article(outlined())
    qtmodeltester.check(model)
    model.set_article(None)
    qtmodeltester.check(model)


def test_headline_is_the_root_with_no_section() -> None:
    model = OutlineModel()
    model.set_article(NESTED)
    assert model.rowCount() == 1
    root = model.index(0, 0)
    assert root.data() == "The headline"
    assert root.data(SectionRole) is None
    assert root.data(Qt.ItemDataRole.ToolTipRole) == "The headline"


def test_sections_nest_by_level() -> None:
    model = OutlineModel()
    model.set_article(NESTED)
    root = model.index(0, 0)
    assert titles(model, root) == ["One", "Two", "Three"]
    one = model.index(0, 0, root)
    assert titles(model, one) == ["One A", "One B"]
    assert titles(model, model.index(0, 0, one)) == ["One A i"]
    two = model.index(1, 0, root)
    assert titles(model, two) == ["Two A deep"]  # a skipped level still nests under "Two"
    section = model.index(0, 0, one).data(SectionRole)
    assert (section.title, section.level, section.anchor) == ("One A", 2, "s-one-a")
    assert model.parent(model.index(0, 0, one)) == one


def test_index_for_anchor() -> None:
    model = OutlineModel()
    model.set_article(NESTED)
    index = model.index_for_anchor("s-one-a-i")
    assert index.isValid() and index.data() == "One A i"
    assert index.parent().data() == "One A"
    assert model.index_for_anchor("") == model.index(0, 0)
    assert not model.index_for_anchor("s-nope").isValid()


def test_empty_model_and_qobject_parent() -> None:
    owner = QObject()
    model = OutlineModel(owner)
    assert model.parent() is owner
    assert model.rowCount() == 0
    assert not model.index_for_anchor("").isValid()
