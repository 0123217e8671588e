"""The call readers' fourth round of fast paths give the plain paths' answers.

PHP, Go and cURL tabs find the nodes they read from where their text occurs (`tokens_at`: a byte
search, then tree-sitter's descent from the root in C) instead of a query pass over the whole tree:
- PHP: the calls named `call`/`callBatch`/`restCommand`; every assignment and subscript from its
  `=`/`[` token; no result reading without `CRest` or `getRes` in the code.
- Go: the `.Call`/`.Pages` calls, the `json.Unmarshal` calls and `b24.Unwrap` declarations, the
  `var` specs; no result reading without `json.Unmarshal` in the code.
- PHP's typed-service check: a member call named `get...Scope`, found from `Scope`.
- cURL: the first command named `curl`; a bare word is read without `_part` (its answer).
A tree with errors is searched in full, as before. The plain paths are kept here as the oracle.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from generator.calls import bash, go, go_result, php
from generator.calls.bash import Word, _part
from generator.calls.go_result import _callee, _tag_paths, _unwrap, _var_specs
from generator.calls.model import CallModel
from generator.calls.php import CALL_TYPES, call_nodes
from generator.calls.php_result import Path, chain, result_nodes
from generator.calls.read import GRAMMARS, _read, _reader, language_of
from generator.calls.shared import distinct_in_source_order, tokens_at
from generator.calls.trees import Node, Piece, args_of
from generator.extract.examples import find_example_blocks
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

# ---- the plain paths: a query pass over the whole tree -----------------------------------------


def plain_php_result_access(piece: Piece) -> tuple[Path, ...]:
    bound: dict[str, Path] = {}
    paths: list[Path] = []
    for node in piece.nodes("assignment_expression", "subscript_expression"):
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            path = chain(piece, right, bound) if right is not None else None
            if left is not None and left.type == "variable_name" and path is not None:
                bound[piece.src(left)] = path
        elif node.type == "subscript_expression":
            path = chain(piece, node, bound)
            if path is not None:
                paths.append(path)
    return tuple(paths)


def plain_go_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    sources: dict[str, tuple[str, ...]] = {"res.Result": ("result",)}
    types: dict[str, Node] = {}
    for spec in piece.nodes("var_spec"):
        name, kind = spec.child_by_field_name("name"), spec.child_by_field_name("type")
        if name is not None and kind is not None:
            types[piece.src(name)] = kind
    paths: list[tuple[str, ...]] = []
    for node in piece.nodes("short_var_declaration", "call_expression"):
        if node.type == "short_var_declaration":
            _unwrap(piece, node, sources)
        elif node.type == "call_expression" and _callee(piece, node) == "json.Unmarshal":
            args = args_of(node)
            if len(args) < 2 or piece.src(args[0]) not in sources:
                continue
            base = sources[piece.src(args[0])]
            target = types.get(piece.src(args[1]).lstrip("&"))
            paths.append(base)
            if target is not None:
                paths.extend(base + p for p in _tag_paths(piece, target))
    return tuple(paths)


def plain_curl_command(piece: Piece) -> Node | None:
    commands = piece.nodes("command")
    for command in commands:
        name = command.child_by_field_name("name")
        if name is not None and piece.src(name) == "curl":
            return command
    for command in commands:
        name = command.child_by_field_name("name")
        if name is not None and piece.src(name).startswith("-"):
            return command
    return None


def plain_word(piece: Piece, node: Node) -> Word:
    word = Word("", node)
    parts = node.named_children if node.type == "concatenation" else [node]
    for part in parts:
        word.text += _part(piece, part, word)
    return word


def plain_is_typed_service(piece: Piece) -> bool:
    for node in piece.nodes("member_call_expression"):
        name = php._name(piece, node)
        if name.startswith("get") and name.endswith("Scope"):
            return True
    return False


PLAIN: list[tuple[object, str, Callable[..., object]]] = [
    (php, "call_nodes", lambda piece: piece.nodes(*CALL_TYPES)),
    (php, "php_result_access", plain_php_result_access),
    (go, "call_nodes", lambda piece: piece.nodes("call_expression")),
    (go, "go_result_access", plain_go_result_access),
    (bash, "_curl_command", plain_curl_command),
    (bash, "_word", plain_word),
    (php, "_is_typed_service", plain_is_typed_service),
]


def both_models(code: str, language: str) -> tuple[CallModel, CallModel]:
    """The model the readers give, and the one the plain paths give, of fresh parses."""
    fast = _reader(language)(Piece(code, GRAMMARS.get(language, language)), language)
    with pytest.MonkeyPatch.context() as patch:
        for module, name, plain in PLAIN:
            patch.setattr(module, name, plain)
        slow = _reader(language)(Piece(code, GRAMMARS.get(language, language)), language)
    return fast, slow


def same(fast: CallModel, slow: CallModel) -> bool:
    return fast == slow and repr(fast) == repr(slow)  # repr: 1 and True differ


def subsequence(part: list[Node], whole: list[Node]) -> bool:
    ids = iter(n.id for n in whole)
    return all(node.id in ids for node in part)


# ---- hand-written edges ---------------------------------------------------------------------

PHP_TABS = [
    "<?php\n$r = CRest::call('crm.deal.list', ['filter' => ['>ID' => 1], 'select' => ['ID']]);\n"
    "foreach ($r['result'] as $k => $v) { echo $v['ID'] === 1 ? $r['total'] : $k; }",
    "<?php\n// Сделка: комментарий по-русски, ещё one call( в тексте\n$x = 'call';\n"
    "$res = CRest::call('a.b', ['id' => CRest::call('c.d')['result']]);\n$res = $res['result'];\n"
    "echo $res['items'][0]['title'];",
    "<?php\n$batch = CRest::callBatch(['one' => ['method' => 'x.y', 'params' => []],\n"
    "  'two' => 'crm.deal.get?id=1']);\nprint_r($batch['result']['result']['one']);",
    "<?php\n$r = restCommand('user.get', ['ID' => 1]);\n$s = \\restCommand('no.call');\n"
    "$t = $obj->recall('x'); $u = mycall('y'); $r .= 'x'; $n != 2; $n <= 3; $n += 1;",
    "<?php\n$svc = $b24Service->core->call('crm.item.get', ['id' => **put_id**])\n"
    "  ->getResponseData()->getResult();\necho $svc['item']['id'];\n$a=[1];$a[]=2;$b=$a[0];",
    "<?php\n$result = $b24->core->call('x.y', $params)->getResponseData()->getResult();\n"
    "$params = ['a' => 1]; echo <<<EOT\n$result[0] = [call]\nEOT;\n$z = $result['a'];",
    "<?php\n$sb->getCRMScope()->deal()->add(['TITLE' => 'x']);",
    "<?php\n$r = CRest::call('x.y', ['a' => 1];\necho $r['result'];",  # a syntax error
    "<?php\nfunction f($a = 1, $b = []) { return $a == $b; }\n$c = fn($x) => $x['k'];\n"
    "$d = CRest::call('m.n')['result'];\n$e = $d['f'] ?? null;\nlist($g, $h) = $d;",
    "<?php\n$d = CRest::call('m.n')['result'];\necho $d['f'];\n$d=",  # an error: `=` ends the code
]
GO_TABS = [
    'package main\nvar items []struct {\n\tID string `json:"id"`\n\tName string `json:"name,omitempty"`\n}\n'
    'func main() {\n\tres, err := client.Core().Call(ctx, "crm.deal.list", b24.Params{"a": 1})\n'
    '\traw, ok := b24.Unwrap(res.Result, "items")\n\t_ = json.Unmarshal(raw, &items)\n}',
    'package main\nvar (\n\tout map[string]struct{ T int `json:"t"` }\n'
    "\tn = func() int { var inner int; return inner }()\n)\n"
    'func main() {\n\t// client.Core().Call in a comment; "Call" in a string\n'
    '\tres, _ := client.Core().\n\t\tCall(ctx, "x.y", nil)\n\tjson.Unmarshal(res.Result, &out)\n'
    '\tfor p := range client.Core().Pages(ctx, "z.list", b24.Params{}) { _ = p }\n\tvar out int\n}',
    "package main\nfunc main() {\n\tjson.Unmarshal(raw, &v)\n\traw, ok := b24.Unwrap(res.Result, `k`)\n"
    '\tjson.Unmarshal(raw, &v)\n\tx := other.Unwrap(res.Result, "no")\n\tc.CallOption(1); c.Core().Calls(1)\n'
    "\tres, err := c.Core().Call(ctx, method, nil)\n}",
    'package main\nfunc main() { res, err := client.Core().Call(ctx, "x.y", b24.Params{ }',  # error
    'package main\nfunc main() {\n\tres, _ := client.Core().Call(ctx, "a.b", someParams)\n}',
]
CURL_TABS = [
    "curl -X POST -H 'Content-Type: application/json' -d '{\"id\": 1}' "
    "https://x.bitrix24.ru/rest/1/abc/crm.deal.get",
    'echo curl https://x/rest/no.call\nR=$(curl -s "https://x.bitrix24.ru/rest/user.get?auth=$T")\n'
    "curl -d '{\"a\": 2}' https://x.bitrix24.ru/rest/2/k/z.y",
    "xcurl https://x/rest/a.b\n# curl https://x/rest/c.d\n-X POST https://x.bitrix24.ru/rest/e.f",
    "sudo curl https://x/rest/g.h | jq '.curl'\ncurl",
    "curl -X POST /\n  https://x.bitrix24.ru/rest/1/k/crm.deal.add",
    'curl -d "{\\"a\\": [1, 2}" https://x/rest/1/k/i.j (',  # an error
    "A=1 \\curl https://x/rest/k.l\nB=2 curl https://x/rest/m.n\ncurl https://x/rest/o.p",
]
EDGES = [("php", c) for c in PHP_TABS] + [("go", c) for c in GO_TABS]
EDGES += [("bash", c) for c in CURL_TABS] + [("http", c) for c in CURL_TABS[:2]]


@pytest.mark.parametrize(("language", "code"), EDGES)
def test_the_readers_equal_the_plain_paths_on_edges(language: str, code: str) -> None:
    fast, slow = both_models(code, language)
    assert same(fast, slow)


def test_edges_reach_the_fast_paths_and_their_answers() -> None:
    errors = [Piece(c, GRAMMARS.get(g, g)).root.has_error for g, c in EDGES]
    assert [i for i, error in enumerate(errors) if error] == [7, 9, 13, 20]
    models = [both_models(code, "php")[0] for code in PHP_TABS]
    assert [m.method for m in models] == [
        "crm.deal.list", "a.b", "batch", "user.get", "crm.item.get", "x.y", None, "x.y", "m.n", "m.n",
    ]  # fmt: skip
    assert models[0].result_access == (("result",), ("total",))
    assert models[1].calls == ("a.b", "c.d")
    assert models[1].result_access == (("result", "result"), ("result", "items", "*", "title"))
    assert models[2].calls == ("batch", "x.y", "crm.deal.get")
    assert models[4].result_access == (("result", "item", "id"),)
    assert models[5].result_access == (("result", "*"), ("result", "a"))  # `$params` resolved
    assert models[6].reason == "typed-service-call"
    assert models[8].result_access == models[9].result_access == (("result", "f"),)
    unread = Piece("<?php $r = CRest::call('a.b', []); print_r($r);", "php")
    assert result_nodes(unread) == [] and len(unread.nodes("assignment_expression")) == 1
    go_models = [both_models(code, "go")[0] for code in GO_TABS]
    assert go_models[0].result_access == (
        ("result", "items", "*", "id"), ("result", "items", "*", "name"),
    )  # fmt: skip
    assert go_models[1].calls == ("x.y", "z.list")
    assert go_models[1].result_access == (("result",),)  # the later `var out int` is out's type
    assert (go_models[2].reason, go_models[2].result_access) == (
        "method-not-literal",
        (("result", "k"),),
    )
    assert [m.reason for m in go_models[3:]] == ["parse-error", "params-not-literal"]
    curl = [both_models(code, "bash")[0] for code in CURL_TABS]
    assert [(m.method, m.reason) for m in curl] == [
        ("crm.deal.get", None), (None, "no-call"), ("e.f", None), (None, "no-call"),
        ("crm.deal.add", "curl-split"), ("i.j", "params-not-json"), ("m.n", None),
    ]  # fmt: skip


TYPED = [
    ("<?php\n$sb->getCRMScope()->deal()->get(1);", True),
    ("<?php\n$sb->getScope()->x();", True),
    ("<?php\n$sb->myScope()->x(); $sb->getScopes(); getCRMScope(); $sb->getCRMScope;", False),
    ("<?php\nCRest::getCRMScope(); // $sb->getCRMScope()\n$a = '->getCRMScope()';", False),
    ("<?php\n$sb->getUserScope(**put_id**)->x();", True),
    ("<?php\n$sb->getCRMScope()->deal()->add([;", True),  # an error: searched in full
    ("<?php\n$sb->getCRMScope(", False),  # an error that leaves no call
]


@pytest.mark.parametrize(("code", "typed"), TYPED)
def test_typed_service_equals_the_plain_search_on_edges(code: str, typed: bool) -> None:
    piece = Piece(code, "php")
    assert php._is_typed_service(piece) == plain_is_typed_service(piece) == typed


WORDS = (
    'curl -X POST -H X-A:\\ b x\\$y p\\\\q -d {\\"a\\":1} 12 "s\\$" \'r\\n\' a"b"$c $(d) '
    "https://x/rest/1/k/a\\.b"
)


def test_words_equal_the_plain_reading_on_edges() -> None:
    piece = Piece(WORDS, "bash")
    nodes = piece.nodes("command")[0].children_by_field_name("argument")
    words = [bash._word(piece, node) for node in nodes]
    assert words == [plain_word(piece, node) for node in nodes]
    assert [w.text for w in words] == [
        "-X", "POST", "-H", "X-A:\\ b", "x$y", "p\\q", "-d", '{"a":1}', "12", "s$", "r\\n",
        'ab"__b24docgen_expr_0__"', '"__b24docgen_expr_0__"', "https://x/rest/1/k/a\\.b",
    ]  # fmt: skip


def test_tokens_at_skips_what_follows_and_finds_the_smallest_node() -> None:
    piece = Piece("<?php $a = ['k' => 1]; $b == $a; $c = $a['k'];", "php")
    found = [(at, node.type) for at, node in tokens_at(piece, b"=", unless_before=b">=")]
    assert found == [(9, "="), (27, "=="), (36, "=")]
    assert [n.type for _, n in tokens_at(piece, b"[")] == ["[", "["]
    tail = Piece("<?php $d=", "php")
    assert [at for at, _ in tokens_at(tail, b"=", unless_before=b">=")] == [8]  # nothing follows


def test_distinct_in_source_order_drops_repeats_and_puts_outer_first() -> None:
    piece = Piece("<?php CRest::call('a', [CRest::call('b')])->call('c');", "php")
    nodes = piece.nodes(*CALL_TYPES)
    shuffled = [nodes[2], nodes[0], nodes[1], nodes[2], nodes[0]]
    assert [n.id for n in distinct_in_source_order(shuffled)] == [n.id for n in nodes]
    assert [n.id for n in call_nodes(piece)] == [n.id for n in nodes]
    assert [piece.src(n)[-4:] for n in nodes] == ["'c')", "')])", "'b')"]


# ---- every RU tab -----------------------------------------------------------------------------


def _ru_codes(languages: set[str]) -> Iterator[tuple[str, str]]:
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                for code in (tab.code, *(f.code for f in tab.more_fences)):
                    language = language_of(tab.label, tab.lang)
                    if language in languages and code.strip():
                        yield code, language


def _node_checks(piece: Piece, language: str) -> None:
    """Where a fast path finds nodes, exactly the nodes the plain path reads (errors aside)."""
    if piece.root.has_error:
        return
    if language == "php":
        assert php._is_typed_service(piece) == plain_is_typed_service(piece)
        plain_nodes = piece.nodes("assignment_expression", "subscript_expression")
        subscripts = any(n.type == "subscript_expression" for n in plain_nodes)
        assert [n.id for n in result_nodes(piece)] == [n.id for n in plain_nodes if subscripts]
        plain = piece.nodes(*CALL_TYPES)
        fast = call_nodes(piece)
        assert subsequence(fast, plain)
        readable = [n for n in plain if php._call(piece, n, language) is not None]
        assert subsequence(readable, fast)
    elif language == "go":
        assert [n.id for n in _var_specs(piece)] == [n.id for n in piece.nodes("var_spec")]
        fast, plain = go.call_nodes(piece), piece.nodes("call_expression")
        assert subsequence(fast, plain)
        assert subsequence([n for n in plain if go._call(piece, n, language)], fast)
        acted = go_result._result_nodes(piece)
        assert subsequence(acted, piece.nodes("short_var_declaration", "call_expression"))
        unmarshal = [
            n for n in piece.nodes("call_expression") if _callee(piece, n) == "json.Unmarshal"
        ]
        assert subsequence(unmarshal, acted)
    else:
        for command in piece.nodes("command"):
            for node in command.children_by_field_name("argument"):
                assert bash._word(piece, node) == plain_word(piece, node)
        found = bash._named_curl(piece)
        plain_first = next(
            (c for c in piece.nodes("command")
             if (name := c.child_by_field_name("name")) and piece.src(name) == "curl"), None,
        )  # fmt: skip
        assert (found.id if found else None) == (plain_first.id if plain_first else None)


@pytest.mark.corpus
def test_the_readers_equal_the_plain_paths_on_every_ru_tab() -> None:
    _read.cache_clear()
    counts: Counter[str] = Counter()
    for code, language in _ru_codes({"php", "go", "bash", "http"}):
        fast, slow = both_models(code, language)
        assert same(fast, slow), (language, code[:300])
        piece = Piece(code, GRAMMARS.get(language, language))
        _node_checks(piece, language)
        counts[language] += 1
        counts[f"{language} errors"] += piece.root.has_error  # searched in full, as before
        counts[f"{language} readable"] += fast.readable
        counts[f"{language} paths"] += bool(fast.result_access)
    assert dict(counts) == {
        "php": 3345, "php errors": 7, "php readable": 3278, "php paths": 250,
        "go": 1614, "go errors": 0, "go readable": 1614, "go paths": 1272,
        "bash": 2976, "bash errors": 4, "bash readable": 2904, "bash paths": 0,
        "http": 285, "http errors": 0, "http readable": 264, "http paths": 0,
    }  # fmt: skip
