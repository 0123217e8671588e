"""The call readers' fast paths give the plain paths' answers, exactly.

- `Piece.nodes` (one query pass per piece, each type captured under its own name, answers sorted
  once and shared by the readers of a tree) equals a plain walk of the tree, filtered by type and
  stably sorted by (start, -end);
- `Piece.src` (a slice of the text when the code is ASCII) equals the decoded bytes;
- `extract/tabcode.py`'s patterns (literal first, lookbehind after it) find what the patterns
  with a leading `\\b` or lookbehind found.

Over hand-written fixtures, and over every tab of every RU method page when ../shared is present.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.calls.js import ScriptBodies, script_bodies
from generator.calls.read import GRAMMARS, language_of
from generator.calls.trees import INDEXED, Node, Piece, walk
from generator.extract import tabcode
from generator.extract.examples import find_example_blocks
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

# The types each reader asks for (calls/*, layout/*), plus types no index holds.
ASKED: dict[str, list[tuple[str, ...]]] = {
    "bash": [("command",)],
    "javascript": [
        ("call_expression",), ("variable_declarator",), ("member_expression",),
        ("variable_declarator", "member_expression", "subscript_expression"),
        ("object", "pair"), ("string",),
    ],
    "php": [
        ("member_call_expression", "scoped_call_expression", "function_call_expression"),
        ("assignment_expression",), ("member_call_expression",), ("scoped_call_expression",),
        ("assignment_expression", "subscript_expression"), ("array_creation_expression",),
    ],
    "python": [("call",), ("assignment",), ("attribute", "subscript"), ("keyword_argument",)],
    "go": [("call_expression",), ("short_var_declaration", "call_expression"), ("var_spec",)],
}  # fmt: skip
ASKED["typescript"] = ASKED["javascript"]

FIXTURES = [
    ("bash", 'curl -X POST \\\n  -d \'{"a": "б"}\' https://x/rest/1/abc/crm.deal.add\necho ok'),
    ("javascript", "BX24.callMethod('crm.deal.get', {id: **put_id**}, r => r.data().items[0]);"),
    ("javascript", "const p = {a: [1, {b: 'ж'}]};\nconst x = a.b.c(d.e)[f.g]; // комментарий"),
    (
        "typescript",
        "declare const $b24: B24Frame\nconst r = await $b24.actions.v2.call.make<T>({})",
    ),
    ("php", "<?php\n$p = ['a' => [1, 2]];\n$r = CRest::call('m.x', $p);\necho $r['result'][0];"),
    ("php", "$b24Service->core->call('crm.item.list', ['x' => 'ё'])->getResponseData();"),
    ("python", "client: Client = make()\nr = client.crm.deal.list(filter={'a': 1}).as_list()"),
    ("go", 'res, err := client.Core().Call(ctx, "m.x", b24.Params{"a": 1})\nvar v struct{}'),
]


def plain_nodes(root: Node, types: tuple[str, ...]) -> list[tuple[int, int, str]]:
    walked = [root, *walk(root)]
    found = [n for kind in types for n in walked if n.type == kind]
    ordered = sorted(found, key=lambda n: (n.start_byte, -n.end_byte))
    return [(n.start_byte, n.end_byte, n.type) for n in ordered]


def assert_piece_matches_plain(code: str, grammar: str) -> int:
    """Every asked type set, twice (the second answer comes from the shared sort); every src."""
    checked = 0
    for types in ASKED[grammar]:
        expected = plain_nodes(Piece(code, grammar).root, types)
        for _ in range(2):
            piece = Piece(code, grammar)
            found = piece.nodes(*types)
            assert [(n.start_byte, n.end_byte, n.type) for n in found] == expected, (types, code)
            found.clear()  # a caller's list is its own: the shared answer stays whole
        checked += len(expected)
    piece = Piece(code, grammar)
    data = code.encode("utf-8")
    for node in [piece.root, *walk(piece.root)]:
        assert piece.src(node) == data[node.start_byte : node.end_byte].decode("utf-8", "replace")
    return checked


@pytest.mark.parametrize(("grammar", "code"), FIXTURES)
def test_nodes_and_src_equal_the_plain_walk_on_fixtures(grammar: str, code: str) -> None:
    assert assert_piece_matches_plain(code, grammar) > 0


def test_every_indexed_grammar_is_asked_for() -> None:
    assert sorted(ASKED) == sorted(INDEXED)
    assert {kind for kinds in ASKED.values() for types in kinds for kind in types} >= {
        kind for kinds in INDEXED.values() for kind in kinds
    }


# --- extract/tabcode.py: the patterns as they were, before each opened with its literal ---

PLAIN_METHOD = re.compile(r"\bmethod\s*:\s*['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]")
PLAIN_CLIENT = re.compile(r"\bclient\.(?P<m>(?!Core\b)[a-z]\w*(?:\.\w+)+)\s*\(")
PLAIN_FUNCTION = re.compile(
    r"(?<![\w.$])(?P<f>BX24(?:\.\w+)+|\$b24(?:\.\w+)+|B24Js\.\w+|CRest::\w+)\s*[(<]"
)
PLAIN_EVENT = re.compile(
    r"['\"]?\b(?:event|EVENT|PLACEMENT)['\"]?\s*(?:=>|:|=)\s*['\"](?P<e>[^'\"*]+)['\"]"
)


class FunctionCalls:
    """tabcode's per-global FUNCTION_CALLS patterns searched as one, their matches in text order."""

    pattern = "FUNCTION_CALLS"

    def finditer(self, text: str) -> list[re.Match[str]]:
        found = [m for _, pattern in tabcode.FUNCTION_CALLS for m in pattern.finditer(text)]
        return sorted(found, key=lambda m: m.start())


PAIRS = [
    (PLAIN_METHOD, tabcode.METHOD_CALLS[2][1]),
    (PLAIN_CLIENT, tabcode.METHOD_CALLS[4][1]),
    (PLAIN_FUNCTION, FunctionCalls()),
    (PLAIN_EVENT, tabcode.EVENT_REFERENCES[1][1]),
]
TABCODE_FIXTURES = [
    "method: 'crm.deal.add'", "xmethod: 'a.b'", "_method:'a.b'", ".method : \"a.b\"", "method:'a'",
    "client.crm.deal.add(", "myclient.crm.x(", "client.Core().Call(", "(client.a.b (",
    "BX24.callMethod(", "xBX24.a(", ".BX24.a(", "$BX24.a(", "$b24.actions.v2.call.make<T>(",
    "a$b24.x(", "B24Js.initializeB24Frame(", "CRest::call(", "\\CRest::call(", "_CRest::call(",
    "'event': 'ONCRMDEALADD'", "\"EVENT\" => \"X\"", "PLACEMENT = 'CRM_DEAL'", "xevent: 'a'",
    "'event':'a' 'event':'b'", "event='a'event='b'", "пevent: 'a'", "п.method: 'a.b'",
]  # fmt: skip


def found_by(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    return [(m.start(1), m.group(1)) for m in pattern.finditer(text)]


def assert_patterns_agree(text: str) -> int:
    hits = 0
    for plain, fast in PAIRS:
        expected = found_by(plain, text)
        assert found_by(fast, text) == expected, (fast.pattern, text[:200])
        hits += len(expected)
    return hits


def test_tabcode_patterns_equal_the_plain_ones_on_fixtures() -> None:
    assert [assert_patterns_agree(text) for text in TABCODE_FIXTURES] == [
        1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 2, 2, 0, 1,
    ]  # fmt: skip
    joined = "\n".join(TABCODE_FIXTURES)
    assert assert_patterns_agree(joined) == 17
    assert tabcode.called_methods(joined)[:3] == ["crm.deal.add", "a.b", "BX24.callMethod"]


# --- the RU corpus: every tab's code (every fence), and every page's whole text ---


@pytest.fixture(scope="module")
def ru_tabs() -> list[tuple[str, str, str | None]]:
    """(code, label, fence language) of every fence of every tab of every RU method page."""
    found: list[tuple[str, str, str | None]] = []
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                found.append((tab.code, tab.label, tab.lang))
                found.extend((fence.code, tab.label, fence.lang) for fence in tab.more_fences)
    return found


def plain_bodies(code: str) -> list[tuple[int, str]]:
    scripts = ScriptBodies()
    scripts.feed(code)
    scripts.close()
    return scripts.bodies


def test_script_bodies_are_read_once_and_equal_a_fresh_parse() -> None:
    html = '<p>x</p>\n<script src="a.js"></script>\n<script>\n  BX24.init(f);\n</script><script>g()</script>'
    assert (
        script_bodies(html)
        == ((46, "\n  BX24.init(f);\n"), (80, "g()"))
        == tuple(plain_bodies(html))
    )
    assert script_bodies(html) is script_bodies(html)


def pieces_of(code: str, label: str, fence_lang: str | None) -> list[tuple[str, str]]:
    """(code, grammar) as the call reader parses it: an HTML tab's script bodies as JavaScript."""
    language = language_of(label, fence_lang)
    if language == "html":
        bodies = plain_bodies(code)
        assert script_bodies(code) == tuple(bodies)  # the memo the call and layout readers share
        return [(body, "javascript") for _, body in bodies]
    grammar = GRAMMARS.get(language, language)
    return [(code, grammar)] if grammar in ASKED else []


@pytest.mark.corpus
def test_nodes_and_src_equal_the_plain_walk_on_every_ru_tab(
    ru_tabs: list[tuple[str, str, str | None]],
) -> None:
    pieces = [piece for tab in ru_tabs for piece in pieces_of(*tab)]
    assert len(pieces) == 13483
    assert sum(assert_piece_matches_plain(code, grammar) for code, grammar in pieces) == 339040


@pytest.mark.corpus
def test_tabcode_patterns_equal_the_plain_ones_on_every_ru_tab_and_page(
    ru_tabs: list[tuple[str, str, str | None]],
) -> None:
    assert sum(assert_patterns_agree(code) for code, _, _ in ru_tabs) == 12288
    pages: Iterator[Path] = need(CORPUS_RU).rglob("*.md")
    assert sum(assert_patterns_agree(p.read_text(encoding="utf-8")) for p in pages) == 14727
