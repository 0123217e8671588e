"""The page model: a tokenised page as a tree with source spans, shared by event and method pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from markdown_it.tree import SyntaxTreeNode

from generator.source import SourceText
from generator.yfm import tokenize

Node = SyntaxTreeNode


@dataclass
class Page:
    """One parsed page; `path` is relative to the docs root, with `/` separators."""

    path: str
    source: SourceText
    view: str | None = None  # what to tokenise instead (same lines, some blanked out)
    root: Node = field(init=False)
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        text = self.source.normalized
        self.lines = text.split("\n")
        self.root = SyntaxTreeNode(tokenize(self.view if self.view is not None else text))

    @property
    def line_count(self) -> int:
        """Lines as a rewrite counts them (a final line break does not start another line)."""
        return len(self.lines) - 1 if self.lines and self.lines[-1] == "" else len(self.lines)

    @property
    def children(self) -> list[Node]:
        return self.root.children

    def text_of(self, node: Node) -> str:
        """The node's raw source lines."""
        if node.map is None:
            return ""
        start, end = node.map
        return "\n".join(self.lines[start:end])

    @cached_property
    def h1(self) -> Node | None:
        for node in self.root.children:
            if node.type == "heading" and node.tag == "h1":
                return node
        return None


def walk(node: Node) -> Iterator[Node]:
    """Every descendant, depth first, in document order."""
    for child in node.children:
        yield child
        yield from walk(child)


def inline_text(node: Node) -> str:
    """The raw inline content of a heading or paragraph (attributes already removed)."""
    for child in node.children:
        if child.type == "inline":
            return child.content
    return ""


def line_of(node: Node) -> int:
    """1-based first line of a node (0 when unknown)."""
    return node.map[0] + 1 if node.map else 0


def is_directive(node: Node, name: str) -> bool:
    return node.type == f"yfm_{name}"
