"""The page tree built inline (pages/model.py `build_tree`) is markdown-it-py's `SyntaxTreeNode`:
leaves share one empty `children`, the nester tokens are made without their NamedTuple `__new__`,
a node finds its parent through its tree's root (one weak reference a tree) and a leaf token's
own children still become the node's. tests/test_page_model.py compares the
trees of every RU and EN page with `SyntaxTreeNode`'s."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode, _NesterTokens

from generator.pages.model import Node, build_tree, walk
from generator.yfm import markdown
from tests.test_page_model import EDGES, shape

LEAVES = "# T\n\n- a\n\n  ```js\n  x\n  ```\n\n#|\n|| a | b ||\n|#\n\n{% include [x](y.md) %}\n"


def test_leaves_share_one_empty_children_and_others_own_a_list() -> None:
    root = build_tree(markdown().parse(LEAVES))
    nodes = list(walk(root))
    leaves = [n for n in nodes if n.nester_tokens is None]
    kinds = ["inline", "inline", "fence", "yfm_table_cell", "yfm_table_cell", "yfm_include"]
    assert [n.type for n in leaves] == kinds
    assert all(n.children is Node.children == () for n in leaves)
    lists = [n.children for n in nodes if n.nester_tokens is not None] + [root.children]
    assert len(lists) == 7 and len({id(x) for x in lists}) == 7  # 6 nesting nodes, the root
    assert all(isinstance(x, list) and x for x in lists)


def test_nester_tokens_are_the_named_tuple_of_the_two_tokens() -> None:
    tokens = markdown().parse(LEAVES)
    stock = SyntaxTreeNode(tokens)
    heading = build_tree(tokens).children[0]
    assert type(heading.nester_tokens) is _NesterTokens
    assert heading.nester_tokens == stock.children[0].nester_tokens
    assert heading.nester_tokens == (tokens[0], tokens[2])
    assert (heading.nester_tokens.opening, heading.nester_tokens.closing) == (tokens[0], tokens[2])


def test_every_edge_is_the_stock_tree_with_inline_children_too() -> None:
    """With inline parsing on, inline tokens have children: they become the node's, and walk."""
    full = MarkdownIt("commonmark")
    for text in [*EDGES, LEAVES, "a *b* `c`\n\n- [x](y) **z**\n"]:
        tokens = full.parse(text)
        tree = build_tree(tokens)
        assert shape(tree) == shape(SyntaxTreeNode(tokens)), repr(text)
        assert [n.type for n in walk(tree)] == [n.type for n in SyntaxTreeNode(tokens).walk()][1:]
    root = build_tree(full.parse("a *b*\n"))
    inline = root.children[0].children[0]
    assert [n.type for n in inline.children] == ["text", "em"]
    assert all(child.parent is inline for child in inline.children)
    assert inline.parent is root.children[0] and root.children[0].parent is root
    del root  # a node finds its parent through its tree's root, held weakly
    assert inline.parent is None
    assert isinstance(inline.children, list) and Token("x", "", 0).children is None
