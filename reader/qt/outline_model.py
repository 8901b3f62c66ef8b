"""OutlineModel: an article's headline and its sections as a tree nested by heading level."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)

from reader.core.article import Article, Section

# Qt.ItemDataRole values, as the ints Qt fixes them to: naming Qt here would build PySide's
# whole Qt namespace before the window's first paint (see reader/ui/__init__.py).
DisplayRole, ToolTipRole, UserRole = 0, 3, 0x0100
SectionRole = UserRole
AnchorRole = UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(slots=True)
class _Node:
    """One entry: the headline (section None, level 0) or a section; ids are reading order."""

    title: str
    section: Section | None
    parent: int  # node id of the parent; -1 for the headline
    row: int
    children: list[int] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.section.level if self.section else 0

    @property
    def anchor(self) -> str:
        return self.section.anchor if self.section else ""


def build_nodes(article: Article | None) -> list[_Node]:
    """The headline as node 0, then every section under the nearest shallower entry before it."""
    if article is None:
        return []
    nodes = [_Node(article.headline or "Untitled", None, -1, 0)]
    stack = [0]
    for section in article.sections:
        while len(stack) > 1 and nodes[stack[-1]].level >= section.level:
            stack.pop()
        parent = nodes[stack[-1]]
        node_id = len(nodes)
        nodes.append(_Node(section.title, section, stack[-1], len(parent.children)))
        parent.children.append(node_id)
        stack.append(node_id)
    return nodes


class OutlineModel(QAbstractItemModel):
    """The outline of one article; ``SectionRole`` gives the Section (None for the headline)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._by_anchor: dict[str, int] = {}

    def set_article(self, article: Article | None) -> None:
        self.beginResetModel()
        self._nodes = build_nodes(article)
        self._by_anchor = {n.anchor: i for i, n in enumerate(self._nodes)}
        self.endResetModel()

    def index_for_anchor(self, anchor: str) -> QModelIndex:
        """The entry for a section anchor ("" = the headline); invalid when unknown."""
        node_id = self._by_anchor.get(anchor)
        return self._index_of(node_id) if node_id is not None else QModelIndex()

    def node_count(self) -> int:
        return len(self._nodes)

    def index_at(self, order: int) -> QModelIndex:
        """The entry at a position in reading order (0 = the headline)."""
        return self._index_of(order) if 0 <= order < len(self._nodes) else QModelIndex()

    def order_of(self, index: AnyIndex) -> int:
        """The reading-order position of an entry; -1 for an invalid index."""
        return int(index.internalId()) if index.isValid() else -1

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        children = self._children_of(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, child: AnyIndex | None = None) -> QModelIndex:  # type: ignore[override]
        if child is None:  # QObject.parent(), which this override hides
            return super().parent()  # type: ignore[return-value]
        if not child.isValid():
            return QModelIndex()
        parent_id = self._nodes[int(child.internalId())].parent
        return self._index_of(parent_id) if parent_id >= 0 else QModelIndex()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children_of(parent))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 1

    def data(self, index: AnyIndex, role: int = DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._nodes[int(index.internalId())]
        if role in (DisplayRole, ToolTipRole):
            return node.title
        if role == SectionRole:
            return node.section
        if role == AnchorRole:
            return node.anchor
        return None

    # flags(): the base class's, enabled and selectable (none for the invalid index).

    def _children_of(self, parent: AnyIndex) -> list[int]:
        if not parent.isValid():
            return [0] if self._nodes else []
        return self._nodes[int(parent.internalId())].children

    def _index_of(self, node_id: int) -> QModelIndex:
        return self.createIndex(self._nodes[node_id].row, 0, node_id)
