"""A tiny DOM for tests: the report parsed with the standard library's HTML parser."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self, skip: str | None = None) -> str:
        """``textContent``; without the elements of class ``skip``."""
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif skip is None or skip not in child.classes:
                out.append(child.text(skip))
        return "".join(out)

    def text_before(self, target: Node, skip: str | None = None) -> str:
        """The text of this element that comes before ``target`` (a descendant);
        without the elements of class ``skip``."""
        out: list[str] = []

        def walk(node: Node) -> bool:
            for child in node.children:
                if child is target:
                    return True
                if isinstance(child, str):
                    out.append(child)
                elif skip is not None and skip in child.classes:
                    continue
                elif walk(child):
                    return True
            return False

        assert walk(self), "target not inside"
        return "".join(out)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, cls: str | None = None, tag: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (cls is None or cls in n.classes) and (tag is None or n.tag == tag)
        ]

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), parent=self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, dict(attrs), parent=self.at))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        assert node is self.at, f"</{tag}> closes <{self.at.tag}> too"
        self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse_html(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    assert builder.at is builder.root, f"unclosed <{builder.at.tag}>"
    return builder.root
