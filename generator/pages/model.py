"""The page model: a tokenised page as a tree with source spans, shared by event and method pages."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode, _NesterTokens

from generator.source import SourceText
from generator.yfm import tokenize


class Node(SyntaxTreeNode):
    """A `SyntaxTreeNode` built in one pass, whose `type`, `map` and `children` are plain
    attributes: the extractors read them hundreds of thousands of times a run, and the base class
    derives each from its tokens on every read. A node holds its tree's root weakly (one weak
    reference for the whole tree) and finds its parent there when asked, so a page tree has no
    reference cycle: it is freed with its page, not left to the cyclic collector."""

    type: str = "root"
    map: tuple[int, int] | None = None
    children: list[Node] = ()  # type: ignore[assignment]  # a leaf's; others get their own list
    preorder: list[Node] | None = None  # a root's descendants in document order (`walk`)
    _parent: weakref.ref[Node] | None = None  # a parent set explicitly (`parent = …`)
    _tree: weakref.ref[Node] | None = None  # the root of the tree the node was built in
    _parents: dict[int, Node] | None = None  # a root's: each node's parent by id, once asked

    def __init__(self, tokens: Sequence[Token] = (), *, create_root: bool = True) -> None:
        if not create_root:
            raise ValueError("a page tree is built from the root (build_tree)")
        self.token, self.nester_tokens = None, None
        build_tree(list(tokens), self)

    @property
    def parent(self) -> Node | None:
        if self._parent is not None:
            return self._parent()
        tree = None if self._tree is None else self._tree()
        return None if tree is None else tree.parent_of(self)

    @parent.setter
    def parent(self, value: Node | None) -> None:
        self._parent = None if value is None else weakref.ref(value)
        self._tree = None

    def parent_of(self, node: Node) -> Node | None:
        """The parent of a node of this root's tree (None for a node not in it). The map leaves
        the root out: holding it would be a cycle."""
        parents = self._parents
        if parents is None:
            parents = self._parents = {id(c): n for n in self.preorder or () for c in n.children}
        found = parents.get(id(node))
        if found is None and any(child is node for child in self.children):
            return self
        return found


def build_tree(tokens: list[Token], root: Node | None = None) -> Node:
    """The tree `SyntaxTreeNode(tokens)` builds (tests/test_page_model.py compares them), each
    node set inline, under `root` (a new one by default); a leaf keeps the class's empty
    `children` instead of a list of its own."""
    root = root if root is not None else _new_node(Node)
    root.token = root.nester_tokens = None
    root.type, root.map, root.children = "root", None, []
    root.preorder = _build(tokens, root, weakref.ref(root))
    return root


def _build(tokens: list[Token], root: Node, tree: weakref.ref[Node]) -> list[Node]:
    """The nodes of `tokens` under `root`, in document order, each knowing its tree weakly."""
    stack = [root]
    children = root.children
    order: list[Node] = []  # nodes are made in document order: the walk of the tree
    for token in tokens:
        nesting = token.nesting
        if nesting == -1:
            if len(stack) == 1:
                raise ValueError("Invalid token nesting")
            node = stack.pop()
            # the opening token, until its closer is known; a NamedTuple made without its __new__
            node.nester_tokens = _new_tuple(_NesterTokens, (node.token, token))
            node.token = None
            children = stack[-1].children
            continue
        node = _new_node(Node)
        node.token, node.nester_tokens, node._tree = token, None, tree
        node.map = tuple(token.map) if token.map else None  # type: ignore[assignment]
        children.append(node)
        order.append(node)
        if nesting == 1:
            node.type = token.type.removesuffix("_open")
            node.children = children = []
            stack.append(node)
        else:
            node.type = token.type
            if token.children:  # a leaf token's own (inline) children become the node's
                node.children = []
                order.extend(_build(token.children, node, tree))
    if len(stack) > 1:
        raise ValueError(f"unclosed tokens starting {stack[1].token}")
    return order


_new_node = Node.__new__
_new_tuple = tuple.__new__


@dataclass
class Page:
    """One parsed page; `path` is relative to the docs root, with `/` separators."""

    path: str
    source: SourceText
    view: str | None = None  # what to tokenise instead (same lines, some blanked out)
    root: Node = field(init=False)
    lines: list[str] = field(init=False)
    text: str = field(init=False)  # the source as markdown-it reads it (`SourceText.normalized`)

    def __post_init__(self) -> None:
        text = self.source.normalized
        self.lines = text.split("\n")
        self.text = text
        if self.view is None:
            self.root = build_tree(tokenize(text, self.lines))
        else:
            self.root = build_tree(tokenize(self.view))

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
    """Every descendant, depth first, in document order (a root has the list at hand)."""
    if node.preorder is not None:
        return iter(node.preorder)
    return _walk_levels(node)


def _walk_levels(node: Node) -> Iterator[Node]:
    # one iterator a level instead of one generator a node: a deep node no longer passes up
    # through every enclosing generator (the extractors walk every page several times)
    levels = [iter(node.children)]
    while levels:
        for child in levels[-1]:
            yield child
            if child.children:
                levels.append(iter(child.children))
                break
        else:
            levels.pop()


def inline_text(node: Node) -> str:
    """The raw inline content of a heading or paragraph (attributes already removed)."""
    for child in node.children:
        if child.type == "inline":
            return child.content
    return ""


def line_of(node: Node) -> int:
    """1-based first line of a node (0 when unknown)."""
    return node.map[0] + 1 if node.map else 0
