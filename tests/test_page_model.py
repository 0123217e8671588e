"""The fast paths of tokenising (generator/yfm/lines.py) and of the page tree (pages/model.py)
must give what markdown-it-py's own `StateBlock` and `SyntaxTreeNode` give, token for token."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from generator.pages.model import Node, build_tree
from generator.source import decode
from generator.yfm import markdown
from generator.yfm.attrs import attrs_plugin
from generator.yfm.directives import directives_plugin
from generator.yfm.lines import IndexedStateBlock, line_markers
from generator.yfm.tables import tables_plugin
from tests.corpus import CORPUS_EN, CORPUS_RU, need

EDGES = [
    "",
    "a",
    "a\n",
    "  \t",
    "a\n \t",
    "\t a\n\n",
    " \n",
    "x\n  ",
    "\tcode\n\t\tmore\n",
    "- a\n\t- b\n  \t  c\n",
    "> quote\n>\tcode in quote\n",
    "# Title {#anchor}\n\n{% list tabs %}\n\n- JS\n\n  ```js\n  call()\n  ```\n\n{% endlist %}\n",
    "#|\n|| a | b ||\n|| `x|y` | ```\ncode\n``` ||\n|#\n",
    "{% note info %}\n\n{% note warning %}\n\ndeep\n\n{% endnote %}\n",
]


def stock() -> MarkdownIt:
    """The same parser as generator.yfm.markdown() minus the fast line index."""
    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"])
    md.use(directives_plugin).use(tables_plugin).use(attrs_plugin)
    return md


def markers(state: StateBlock) -> list[list[int]]:
    return [state.bMarks, state.eMarks, state.tShift, state.sCount, state.bsCount]


def shape(node: SyntaxTreeNode) -> Any:
    """Everything the extractors read of a node, recursively."""
    own: dict[str, Any] = {"type": node.type, "root": node.is_root, "nested": node.is_nested}
    if not node.is_root:
        token = node.nester_tokens.opening if node.nester_tokens else node.token
        assert token is not None
        own.update(token=token.as_dict(), map=node.map, tag=node.tag, info=node.info)
        if node.nester_tokens:
            own["closing"] = node.nester_tokens.closing.as_dict()
    own["children"] = [shape(child) for child in node.children]
    assert all(child.parent is node for child in node.children)
    return own


def test_line_markers_of_the_edges() -> None:
    md = markdown()
    for text in EDGES:
        assert markers(IndexedStateBlock(text, md, {}, [])) == markers(
            StateBlock(text, md, {}, [])
        ), repr(text)
    assert line_markers("a\n\t b\n") == ([0, 2], [1, 5], [0, 2], [0, 5])
    assert line_markers("x\n  ") == ([0], [1], [0], [0])  # a blank last line is no line


def test_get_lines_cuts_what_markdown_it_cuts() -> None:
    md = markdown()
    texts = [*EDGES, "    code\n  \n\t\tx\n      deep\n \t mixed\n  ab\n"]
    for text in texts:
        fast, slow = IndexedStateBlock(text, md, {}, []), StateBlock(text, md, {}, [])
        for begin in range(slow.lineMax + 1):
            for end in range(begin, slow.lineMax + 1):
                for indent in (0, 1, 2, 4, 6):
                    for keep in (False, True):
                        got = fast.getLines(begin, end, indent, keep)
                        assert got == slow.getLines(begin, end, indent, keep), (text, begin, end)


def test_tokens_and_tree_of_the_edges() -> None:
    for text in EDGES:
        fast, slow = markdown().parse(text), stock().parse(text)
        assert [t.as_dict() for t in fast] == [t.as_dict() for t in slow], repr(text)
        assert shape(build_tree(fast)) == shape(SyntaxTreeNode(slow)), repr(text)


def test_tree_attributes_are_plain_and_correct() -> None:
    tree = build_tree(markdown().parse("# T\n\n- a\n- b\n"))
    assert [n.type for n in tree.children] == ["heading", "bullet_list"]
    assert tree.children[1].map == (2, 4)
    assert [i.map for i in tree.children[1].children] == [(2, 3), (3, 4)]
    assert tree.type == "root" and tree.map is None and tree.parent is None
    assert isinstance(tree.children[0], Node) and isinstance(tree.children[0], SyntaxTreeNode)
    assert Node(markdown().parse("# T\n")).children[0].type == "heading"
    with pytest.raises(ValueError):
        build_tree([Token("paragraph_close", "p", -1)])
    with pytest.raises(ValueError):
        build_tree([Token("paragraph_open", "p", 1)])


@pytest.mark.parametrize("corpus", [CORPUS_RU, CORPUS_EN])
def test_every_corpus_page_tokenises_as_stock_markdown_it(corpus: Any) -> None:
    files = sorted(need(corpus).rglob("*.md"))
    assert len(files) > (1000 if corpus is CORPUS_RU else 30)
    for file in files:
        text = decode(file.read_bytes(), file.name).normalized
        fast, slow = markdown().parse(text), stock().parse(text)
        assert [t.as_dict() for t in fast] == [t.as_dict() for t in slow], file
        assert shape(build_tree(fast)) == shape(SyntaxTreeNode(slow)), file
