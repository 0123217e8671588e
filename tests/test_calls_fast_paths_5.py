"""The JavaScript call readers' fifth round of fast paths give the plain paths' answers, exactly.

- `_sdk_calls` leaves out, by its callee's last byte, a call whose callee cannot end with an SDK
  entry point's name, and sorts only the calls it keeps: the SDK calls a check of every call
  found, in the same order.
- `js_result_access` takes the callees (captured by the index pass, the calls' first named
  children) out of the member and subscript expressions before the sort, and makes no text of
  an identifier while no name is bound: the paths of the plain scan of every sorted expression.
- `script_bodies` reads HTML of the common tab shape by hand: the HTML tokenizer's bodies.

Each is checked against a plain copy of the code it replaced (kept here as the oracle), on
hand-written edges and on every tab of every RU method page, down to the call model.
"""

from __future__ import annotations

import dataclasses

import pytest

from generator.calls import js, js_result
from generator.calls.js import Api, ScriptBodies, api_of, plain_tab_bodies, script_bodies
from generator.calls.js_result import _bind, js_result_access
from generator.calls.literals import js_key
from generator.calls.read import _read, language_of
from generator.calls.trees import CALLEE, Node, Piece, kind_ids
from generator.extract.examples import find_example_blocks
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

# --- the plain paths, as they were -----------------------------------------------------------


def plain_sdk_calls(piece: Piece) -> list[tuple[Node, Api]]:
    found: list[tuple[Node, Api]] = []
    for node in piece.nodes("call_expression"):
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "await_expression":
            callee = callee.named_children[0] if callee.named_children else None
        if callee is None or callee.type != "member_expression":
            continue
        api = api_of("".join(piece.src(callee).split()))
        if api is not None:
            found.append((node, api))
    return found


def plain_chain(
    piece: Piece, node: Node, bound: dict[str, tuple[str, ...]]
) -> tuple[str, ...] | None:
    kind = node.type
    if kind in js_result.WRAPPERS and node.named_children:
        return plain_chain(piece, node.named_children[-1], bound)
    if kind == "identifier":
        return bound.get(piece.src(node))
    if kind == "call_expression":
        return js_result._root_call(piece, node)
    target = node.child_by_field_name("object")
    base = plain_chain(piece, target, bound) if target is not None else None
    if base is None:
        return None
    if kind == "member_expression":
        name = node.child_by_field_name("property")
        key = piece.src(name) if name is not None else ""
        return base if key in js_result.NOT_KEYS else (*base, key)
    index = node.child_by_field_name("index")
    if index is not None and index.type == "string":
        return (*base, js_key(piece, index))
    return (*base, "*")


def plain_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    bound: dict[str, tuple[str, ...]] = {}
    paths: list[tuple[str, ...]] = []
    calls = piece.nodes("call_expression")
    callees = {callee for call in calls if (callee := call.named_child(0)) is not None}
    for node in piece.nodes("variable_declarator", "member_expression", "subscript_expression"):
        kind = node.type
        if kind == "variable_declarator":
            _bind(piece, node, bound)
        elif kind in ("member_expression", "subscript_expression") and node not in callees:
            path = plain_chain(piece, node, bound)
            if path is not None:
                paths.append(path)
    return tuple(paths)


def plain_bodies(code: str) -> tuple[tuple[int, str], ...]:
    scripts = ScriptBodies()
    scripts.feed(code)
    scripts.close()
    return tuple(scripts.bodies)


def spans(found: list[tuple[Node, Api]]) -> list[tuple[int, int, Api]]:
    return [(node.start_byte, node.end_byte, api) for node, api in found]


def assert_js_piece(code: str, grammar: str) -> tuple[int, int]:
    """The fast readings of one piece equal the plain ones; (SDK calls, paths) found."""
    piece = Piece(code, grammar)
    calls = js._sdk_calls(piece)
    assert spans(calls) == spans(plain_sdk_calls(Piece(code, grammar))), code[:300]
    paths = js_result_access(Piece(code, grammar))
    assert paths == plain_result_access(Piece(code, grammar)), code[:300]
    named = {c.named_child(0) for c in Piece(code, grammar).nodes("call_expression")}
    kinds = ("member_expression", "subscript_expression")
    callees = {n for n in named if n is not None and n.type in kinds}
    assert {(n.start_byte, n.end_byte) for n in piece.captured(CALLEE)} == {
        (n.start_byte, n.end_byte) for n in callees
    }
    return len(calls), len(paths)


# --- hand-written edges ------------------------------------------------------------------------

JS_EDGES = [
    "BX24.callMethod('crm.deal.get', {id: 1}, r => r.data().items[0]);",
    "const r = await $b24.actions.v2.call.make({method: 'm.x'});\nconst {result} = r.getData();\n"
    "result.items[0].id; r.getData().result.total(); f(r.getData().result.next)",
    # a line comment inside the callee: the stripped text's last part is the entry point's name
    "BX24. // .callMeth\nod('m.x', {});\nBX24 . callMethod ('m.y');\nBX24.callMethodж('m.z')",
    "$b24.actions.v2.call.make<T>({method: 'm.x'}); await $b24.actions.v3.batch.make<U>({calls: []})",
    "x.make(); x.fetchListMethod('a.b'); x.callBatch({}); x.callListMethod('c.d'); BX24.callBatch",
    "(r.getData()).result; r.getData()!.result[k]; (await r).getData().result['a b']; a.b()()",
    "const {q = q.w} = r.getData(); q.z; const d = res.data(); d.items.map(i => i.id); d.x();",
    "a[**put_id**].make(); **obj**.callMethod('m'); f.e(); g.d(); h.h(); (x)(); `t`.e`q`",
    "",
    "BX24.",
]


@pytest.mark.parametrize("code", JS_EDGES)
@pytest.mark.parametrize("grammar", ["javascript", "typescript"])
def test_sdk_calls_and_result_access_equal_the_plain_scans_on_edges(
    code: str, grammar: str
) -> None:
    assert_js_piece(code, grammar)


def test_the_edges_find_what_they_were_written_for() -> None:
    found = [assert_js_piece(code, "typescript") for code in JS_EDGES]
    assert found == [(1, 2), (1, 6), (2, 0), (2, 0), (3, 0), (0, 5), (0, 1), (1, 0), (0, 0), (0, 0)]
    assert kind_ids("javascript", "await_expression") and kind_ids("typescript", "await_expression")
    assert {"e", "d", "h"} == js.API_ENDS
    assert [b for b in range(128) if not js.NOT_API_END[b]] == [
        *range(9, 14), *range(28, 33), ord("d"), ord("e"), ord("h"),
    ]  # fmt: skip


HTML_EDGES = [
    ("", ()),
    ("<script>a()</script>", ((8, "a()"),)),
    (
        '<!-- x -->\n<script src="https://x/a.js"></script>\n<script>\nb()\n</script>\n',
        ((58, "\nb()\n"),),
    ),
    ("<script></script><script> </script>", ((25, " "),)),
    (
        '<script src="a.js"></script> <script>f()</script>\t<script>g()</script>\r\n',
        ((37, "f()"), (58, "g()")),
    ),
]
HTML_READ_BY_THE_TOKENIZER = [
    "<!-- a -- b -->\n<script>x()</script>",  # `--` inside a comment
    "<!--- a --><script>x()</script>",
    "<!-- a ---><script>x()</script>",
    "<!-- <script>y()</script> --><script>x()</script>",
    "<!-- a > b --><script>x()</script>",
    "<!--><script>x()</script>",
    "<script>s = '</ script>'; x()</script>",  # a body with `</`: the end the tokenizer finds is its own
    "<script>const s = '</div>'</script>",
    "<script><!-- x() --></script>",
    "<SCRIPT>x()</SCRIPT>",
    "<script >x()</script>",
    "<script>x()</script >",
    "<script>x()",
    '<script type="module">x()</script>',
    "<script src='a.js'></script><script>x()</script>",
    '<script src="a b.js"></script><script>x()</script>',
    '<script src="a&amp;.js"></script><script>x()</script>',
    '<script src="a.js">y()</script><script>x()</script>',
    '<script src="a.js"><script>x()</script>',
    "\ufeff<script>x()</script>",
    "text <script>x()</script>",
    "<p>x</p><script>x()</script>",
    "<script>x()</script>&amp;",
    "\f<script>x()</script>",
]


@pytest.mark.parametrize(("code", "bodies"), HTML_EDGES)
def test_html_of_the_tab_shape_is_read_by_hand(
    code: str, bodies: tuple[tuple[int, str], ...]
) -> None:
    assert plain_tab_bodies(code) == bodies == plain_bodies(code)
    assert script_bodies(code) == bodies


@pytest.mark.parametrize("code", HTML_READ_BY_THE_TOKENIZER)
def test_other_html_is_left_to_the_tokenizer(code: str) -> None:
    assert plain_tab_bodies(code) is None
    assert script_bodies(code) == plain_bodies(code)


# --- every RU tab ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ru_fences() -> list[tuple[str, str]]:
    """(code, language) of every fence of every tab of every RU method page."""
    found: list[tuple[str, str]] = []
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                for fence in (tab, *tab.more_fences):
                    found.append((fence.code, language_of(tab.label, fence.lang)))
    return found


@pytest.mark.corpus
def test_script_bodies_equal_the_tokenizer_on_every_ru_html_tab(
    ru_fences: list[tuple[str, str]],
) -> None:
    html = [code for code, language in ru_fences if language == "html"]
    by_hand = 0
    for code in html:
        bodies = plain_tab_bodies(code)
        assert script_bodies(code) == plain_bodies(code), code[:300]
        if bodies is not None:
            assert bodies == plain_bodies(code), code[:300]
            by_hand += 1
    assert (by_hand, len(html)) == (1486, 1492)


@pytest.mark.corpus
def test_sdk_calls_and_result_access_equal_the_plain_scans_on_every_ru_js_tab(
    ru_fences: list[tuple[str, str]],
) -> None:
    totals = [0, 0, 0]
    for code, language in ru_fences:
        if language == "html":
            pieces = [(body, "javascript") for _, body in plain_bodies(code)]
        elif language in ("javascript", "typescript"):
            pieces = [(code, language)]
        else:
            continue
        for text, grammar in pieces:
            calls, paths = assert_js_piece(text, grammar)
            totals = [totals[0] + 1, totals[1] + calls, totals[2] + paths]
    assert totals == [4847, 4882, 7598]


READABLE = 4835  # of the 4,847 JS (TS), JS (UMD) and BX24.js fences


@pytest.mark.corpus
def test_call_models_equal_the_plain_readers_on_every_ru_js_tab(
    ru_fences: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    fences = [(c, lang) for c, lang in ru_fences if lang in ("html", "javascript", "typescript")]
    fast = [_read.__wrapped__(code, language) for code, language in fences]  # type: ignore[attr-defined]
    monkeypatch.setattr(js, "_sdk_calls", plain_sdk_calls)
    monkeypatch.setattr(js, "js_result_access", plain_result_access)
    monkeypatch.setattr(js, "script_bodies", plain_bodies)
    plain = [_read.__wrapped__(code, language) for code, language in fences]  # type: ignore[attr-defined]
    assert len(fast) == 4847
    for model, expected, (code, _) in zip(fast, plain, fences, strict=True):
        assert dataclasses.astuple(model) == dataclasses.astuple(expected), code[:300]
    assert sum(m.readable for m in fast) == READABLE
