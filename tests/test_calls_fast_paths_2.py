"""The call readers' second round of fast paths keep their answers and their sharing.

- `parse_once` keeps only the last PARSES_KEPT trees (a tree freed soon after its parse is freed
  from the CPU's caches): the call reader and the layout reader of one tab still share one parse.
- `js_result_access` knows a call's callee from the calls (tree-sitter finds a node's parent from
  the root): the paths the parent of each expression gave.
- cURL words without a backslash skip the unescaping substitution: its answer, unchanged text.
- `join_calls` builds its model field by field: `dataclasses.replace`'s answer.
- `extract/tabcode.py` searches each SDK global's function calls with a pattern of its own, only
  when the code names the global, and the SDK call functions from the `all` they share (the
  fetchListMethod one apart): `called_methods` gives what the one patterns for all gave.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.calls import read_call
from generator.calls.bash import BASH_ESCAPE, _unescape
from generator.calls.js_result import _bind, chain, js_result_access
from generator.calls.model import CallModel, CodeSpan, unreadable
from generator.calls.read import _read
from generator.calls.shared import join_calls, maximal
from generator.calls.trees import PARSES_KEPT, Node, Piece, parse_once
from generator.extract import tabcode
from generator.extract.examples import find_example_blocks
from generator.extract.method_calls import code_layout, tab_calls
from generator.pages.model import Page
from generator.source import decode
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

# label, code: one tab of each target that has a layout reader (cURL's also parses its JSON body)
LAYOUT_TABS = [
    ("cURL (Webhook)", "curl -X POST -H 'Content-Type: application/json' \\\n"
     "  -d '{\"id\": 1}' https://x.bitrix24.ru/rest/1/abc/crm.deal.get"),
    ("cURL (OAuth)", "curl -X POST -d '{\"id\": 1, \"auth\": \"**put_token**\"}' "
     "https://x.bitrix24.ru/rest/crm.deal.get"),
    ("JS (TS)", "const r = await $b24.actions.v2.call.make({ method: 'crm.deal.get', "
     "params: { id: 1 } })\nconsole.log(r.getData().result)"),
    ("JS (UMD)", "<script src=\"https://x/umd.js\"></script>\n<script>\n"
     "  $b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 1 } })\n</script>"),
    ("PHP CRest", "<?php\n$result = CRest::call('crm.deal.get', ['id' => 1]);\necho '<PRE>';"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "code"), LAYOUT_TABS)
def test_a_tabs_call_and_layout_readers_share_one_parse(label: str, code: str) -> None:
    parse_once.cache_clear()
    model = read_call(code, label=label, fence_lang=None)
    assert parse_once.cache_info()[:2] == (0, 1)  # (hits, misses)
    assert model.readable and model.method == "crm.deal.get"
    code_layout(label, code)
    body = 1 if label.startswith("cURL") else 0
    info = parse_once.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (1, 1 + body, PARSES_KEPT)


@pytest.mark.corpus
def test_call_and_layout_readers_share_parses_on_every_ru_method_page() -> None:
    """As `parse` reads them: each page's tabs, call model then layout, tab by tab. The 15,551
    distinct pieces are parsed 16,417 times: the 866 more are the same code met again further on
    (another page's identical tab), whose tree is no longer kept."""
    parse_once.cache_clear()
    _read.cache_clear()
    calls = 0
    for page in method_pages(need(CORPUS_RU)):
        calls += len(tab_calls(find_example_blocks(page), layouts=True))
    info = parse_once.cache_info()
    assert calls == 13412
    assert (info.hits, info.misses) == (7925, 16417)


# --- join_calls ---

MODELS = [
    unreadable("no-call", "curl", "bash"),
    unreadable("params-not-literal", "crest", "php", method="m.x", calls=("m.x",), auth="sdk"),
    CallModel(True, None, "b24jssdk-v2", "typescript", "crm.deal.get", {"id": 1},
              CodeSpan(3, 9, 1, 4), "sdk", "single", 2, (), ("crm.deal.get",)),
]  # fmt: skip
ACCESS = (("result",), ("result", "items"), (), ("total",))


@pytest.mark.parametrize("primary", MODELS)
def test_join_calls_equals_dataclasses_replace(primary: CallModel) -> None:
    joined = join_calls(primary, MODELS, ACCESS)
    calls = ("m.x", "crm.deal.get")
    assert joined == dataclasses.replace(primary, calls=calls, result_access=maximal(ACCESS))
    assert joined.result_access == (("result", "items"), ("total",))


# --- extract/tabcode.py: function calls, one pattern per global against the one for all four ---

PLAIN_FUNCTIONS = re.compile(
    r"(?<![\w.$])(?P<f>BX24(?:\.\w+)+|\$b24(?:\.\w+)+|B24Js\.\w+|CRest::\w+)\s*[(<]"
)


# the pattern tabcode.METHOD_CALLS[1] and [5] replace: one for the six SDK call functions
PLAIN_CALL_FUNCTIONS = re.compile(
    r"(?:callMethod|callListMethod|fetchListMethod|->call|::call|Call)\s*\(\s*(?:ctx\s*,\s*)?"
    r"['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]"
)


def plain_called_methods(code: str) -> list[str]:
    found: dict[int, str] = {}
    rest, _, method, rest_command, client, _ = (p for _, p in tabcode.METHOD_CALLS)
    for pattern in (rest, PLAIN_CALL_FUNCTIONS, method, rest_command, client):
        for match in pattern.finditer(code):
            found.setdefault(match.start("m"), match["m"])
    for match in PLAIN_FUNCTIONS.finditer(code):
        found.setdefault(match.start("f"), match["f"])
    return list(dict.fromkeys(found[k] for k in sorted(found)))


CALL_FIXTURES = [
    "CRest::B24Js.x(", "CRest::BX24.a(", "CRest::B24Js(", "BX24.a(CRest::b(", "$b24.x.y <T>(",
    "BX24.callMethod('crm.deal.get', {})", "$b24.callMethod('a.b')", "x.BX24.a(", "$$b24.a(",
    "B24Js.initializeB24Frame()\n$b24.actions.v2.call.make({method: 'a.b'})", "CRest::call('a.b')",
    "BX24.a (\nBX24.a(", "BX24.a.b.c\n(", "BX24 .a(", "ФBX24.a(", "_CRest::x(", "CRest:: x(",
    "->callMethod('a.b')", "xcall('a.b')", "Call(ctx, \"a.b\")", "fetchListMethod('a.b')",
    "$b24->call('a.b')", "CRest::call('a.b')", "CallMethod('a.b')", "callListMethod ( 'a.b' )",
    "ccall('a.b')", "->callX('a.b')", "::Call('a.b')", "fetchListMethod(ctx,'a.b')", "all('a.b')",
    "callMethod('a.b', 'c.d')callMethod(\"e.f\")", "ListMethod('a.b')", "call ('a.b')",
    "client.Core().Call(ctx, \"crm.deal.add\", b24.Params{})", "BX24.callListMethod('x.y')",
]  # fmt: skip


def test_called_methods_equal_the_plain_search_on_fixtures() -> None:
    found = [tabcode.called_methods(code) for code in CALL_FIXTURES]
    assert found == [plain_called_methods(code) for code in CALL_FIXTURES]
    assert sum(map(len, found)) == 31


def plain_referenced_events(code: str) -> list[str]:
    found: dict[int, str] = {}
    for _, pattern in tabcode.EVENT_REFERENCES:
        for match in pattern.finditer(code):
            found.setdefault(match.start("e"), match["e"])
    return list(dict.fromkeys(found[k] for k in sorted(found)))


EVENT_FIXTURES = [
    "bindEvent('ONAPPINSTALL')",
    "'event': 'A', 'EVENT' => 'B'",
    "event='A' event='A'",
    "",
]


def test_referenced_events_equal_the_plain_search_on_fixtures() -> None:
    found = [tabcode.referenced_events(code) for code in EVENT_FIXTURES]
    assert found == [plain_referenced_events(code) for code in EVENT_FIXTURES]
    assert found == [["ONAPPINSTALL"], ["A", "B"], ["A"], []]


@pytest.mark.corpus
def test_called_methods_and_events_equal_the_plain_search_on_every_ru_tab_and_page() -> None:
    root = need(CORPUS_RU)
    checked = events_checked = 0
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        codes = [text]
        rel = path.relative_to(root).as_posix()
        for block in find_example_blocks(Page(rel, decode(path.read_bytes(), rel))):
            codes += [tab.code for tab in block.tabs]
        for code in codes:
            found = tabcode.called_methods(code)
            assert found == plain_called_methods(code), (rel, code[:200])
            events = tabcode.referenced_events(code)
            assert events == plain_referenced_events(code), (rel, code[:200])
            checked += len(found)
            events_checked += len(events)
    assert (checked, events_checked) == (33802, 721)


# --- js_result_access: callees from the calls, against each expression's parent ---


def plain_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    bound: dict[str, tuple[str, ...]] = {}
    paths: list[tuple[str, ...]] = []
    for node in piece.nodes("variable_declarator", "member_expression", "subscript_expression"):
        if node.type == "variable_declarator":
            _bind(piece, node, bound)
        elif not is_callee(node):
            path = chain(piece, node, bound)
            if path is not None:
                paths.append(path)
    return tuple(paths)


def is_callee(node: Node) -> bool:
    parent = node.parent
    return (
        parent is not None and parent.type == "call_expression" and parent.named_children[0] == node
    )


JS_FIXTURES = [
    "const r = await $b24.actions.v2.call.make({});\nconst { result } = r.getData();\n"
    "result.items[0].id; r.getData().result.total(); f(r.getData().result.next)",
    "BX24.callMethod('m', {}, (res) => { const d = res.data(); d.items.map(i => i.id); d.x(); })",
    "(r.getData()).result; r.getData()!.result[k]; (await r).getData().result['a b']; a.b()()",
]


@pytest.mark.parametrize(("code", "count"), zip(JS_FIXTURES, [6, 1, 5], strict=True))
def test_result_access_equals_the_plain_parent_walk_on_fixtures(code: str, count: int) -> None:
    for grammar in ("javascript", "typescript"):
        piece = Piece(code, grammar)
        assert js_result_access(piece) == plain_result_access(piece)
        assert len(js_result_access(piece)) == count


@pytest.mark.corpus
def test_result_access_equals_the_plain_parent_walk_on_every_ru_js_tab() -> None:
    from tests.test_calls_fast_paths import pieces_of

    paths = 0
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                fences = [(tab.code, tab.lang), *((f.code, f.lang) for f in tab.more_fences)]
                for code, lang in fences:
                    for text, grammar in pieces_of(code, tab.label, lang):
                        if grammar in ("javascript", "typescript"):
                            piece = Piece(text, grammar)
                            found = js_result_access(piece)
                            assert found == plain_result_access(piece), text[:200]
                            paths += len(found)
    assert paths == 7598


# --- bash: the unescaping substitution only on text with a backslash ---

BASH_WORDS = ["", "a", "\\", 'a\\"b', "\\$x", "\\\n", "\\q", "\\\\", "ж\\`", '"x"']


def test_unescape_equals_the_substitution_on_fixtures() -> None:
    assert [_unescape(w) for w in BASH_WORDS] == [BASH_ESCAPE.sub(r"\1", w) for w in BASH_WORDS]
    assert sum(_unescape(w) != w for w in BASH_WORDS) == 5


@pytest.mark.corpus
def test_unescape_equals_the_substitution_on_every_ru_curl_word() -> None:
    from tests.test_calls_fast_paths import pieces_of

    words = changed = 0
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                for text, grammar in pieces_of(tab.code, tab.label, tab.lang):
                    if grammar != "bash":
                        continue
                    piece = Piece(text, grammar)
                    for command in piece.nodes("command"):
                        for node in command.named_children:
                            source = piece.src(node)
                            for part in (source, source[1:-1]):
                                assert _unescape(part) == BASH_ESCAPE.sub(r"\1", part)
                                changed += _unescape(part) != part
                            words += 1
    assert (words, changed) == (32319, 50)
