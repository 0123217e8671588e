"""The cheaper paths of reading example tabs and building the page tree give what the plain ones
gave: `source.dedent_lines` is `dedent_columns` line by line, and a tab's code is the fence's lines
dedented one at a time."""

from __future__ import annotations

import gc
import itertools
import weakref

from generator.extract.examples import find_example_blocks
from generator.pages.model import Node, Page, walk
from generator.source import decode, dedent_columns, dedent_lines, leading_whitespace
from generator.yfm import markdown
from tests.corpus import CORPUS_RU, need


def test_dedent_lines_is_dedent_columns_on_every_short_line() -> None:
    lines = [
        "".join(chars) for size in range(7) for chars in itertools.product(" \ta", repeat=size)
    ]
    assert len(lines) == 1093
    for columns in range(10):
        assert dedent_lines(lines, columns) == [dedent_columns(x, columns) for x in lines], columns
    assert dedent_lines(["    x", "  y", "\tz", "", "      w"], 4) == ["x", "y", "z", "", "  w"]
    assert dedent_lines(["  \tx"], 2) == ["\tx"]  # the tab would pass the limit: it stays
    kept = ["a"]
    assert dedent_lines(kept, 0) == kept and dedent_lines(kept, 0) is not kept


def test_every_corpus_tab_has_the_code_of_its_lines_dedented_one_by_one() -> None:
    """The plain path: each fence's body lines through `dedent_columns` by the opener's indent."""
    files = sorted(need(CORPUS_RU).rglob("*.md"))
    tabs = 0
    for file in files:
        source = decode(file.read_bytes(), file.name)
        page = Page(file.name, source)
        for block in find_example_blocks(page):
            for tab in block.tabs:
                if tab.code_span is None:
                    continue
                start, end = tab.code_span.start, tab.code_span.end
                _, indent = leading_whitespace(page.lines[start - 1])
                plain = [dedent_columns(x, indent) for x in page.lines[start : end - 1]]
                assert tab.code == ("\n".join(plain) + "\n" if plain else ""), file
                tabs += 1
    assert tabs == 15042


NESTED = (
    "# T\n\n{% note info %}\n\n- a\n\n  > q\n  >\n  > - deep\n\n- b\n\n{% endnote %}\n\n"
    "#|\n|| x | y ||\n|#\n\npara\n"
)


def test_a_page_tree_has_no_cycle_and_is_freed_with_its_page() -> None:
    """Nodes hold their parents weakly: the tree goes when the page goes, without the cyclic
    collector (which used to find every page's tree as garbage)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        page = Page("p.md", decode(NESTED.encode(), "p.md"))
        nodes = list(walk(page.root))
        assert len(nodes) == 23
        assert all(child.parent is node for node in nodes for child in node.children)
        assert [n.parent is page.root for n in page.root.children] == [True] * 4
        deep = nodes[-8]
        assert (deep.type, deep.parent and deep.parent.type) == ("paragraph", "list_item")
        refs = [weakref.ref(page.root), weakref.ref(deep)]
        del page, nodes, deep
        assert [ref() for ref in refs] == [None, None]
    finally:
        if was_enabled:
            gc.enable()
    root = Node(markdown().parse("- a\n"))
    assert root.children[0].parent is root and root.parent is None
    root.children[0].parent = None
    assert root.children[0].parent is None


def levels_walk(node: Node) -> list[Node]:
    """The plain walk: every descendant, depth first, by recursion."""
    found: list[Node] = []
    for child in node.children:
        found.append(child)
        found.extend(levels_walk(child))
    return found


def test_a_roots_walk_is_the_recursive_walk_on_every_corpus_page() -> None:
    """A root walks its list of nodes in the order they were made: the document order."""
    files = sorted(need(CORPUS_RU).rglob("*.md"))
    nodes = 0
    for file in files:
        page = Page(file.name, decode(file.read_bytes(), file.name))
        assert page.root.preorder is not None
        assert [id(n) for n in walk(page.root)] == [id(n) for n in levels_walk(page.root)], file
        some = [n for n in page.root.children if n.children][:3]
        for node in some:  # below the root: the level-by-level walk
            assert node.preorder is None
            assert [id(n) for n in walk(node)] == [id(n) for n in levels_walk(node)], file
        nodes += len(page.root.preorder)
    assert nodes == 407488
